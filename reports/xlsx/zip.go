package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"regexp"
	"runtime"
	"sort"
	"sync"
)

// sortedZip is the zip writer excelize saves through. excelize writes the
// parts of streamed worksheets in the order of a Go map, which changes
// from run to run; sortedZip compresses each part into memory as it
// comes and writes them all, in name order, when the workbook is closed,
// so the same input gives byte-identical files. Parts carry a fixed
// modification time.
//
// Parts are compressed at flate.BestSpeed: the Statements sheet of a
// million statements is most of the writing time, and the file is only
// about a third larger than at the default level. A part is cut into
// blocks of deflateBlock bytes, compressed on every core as pigz does:
// each block but the last ends with a sync flush, which leaves the
// stream byte-aligned, so the compressed blocks join into one valid
// deflate stream. The cuts fall at fixed offsets, so the bytes do not
// depend on scheduling.
//
// What the blocks buy, measured on the project's 2-core VM: the report
// workbook of 100,000 statements in 1.46-1.54 s instead of 1.69-1.80 s
// with one deflate stream per part (four alternating runs each), which
// keeps bench/workbook.sh above five times openpyxl; a million
// statements, 12.2 to 10.5 s.
//
// inserts holds, per part name, the compressed bytes to add to that
// part just before its </sheetData>: rows of a worksheet written without
// excelize (see writer.rowsXML), compressed as they were written, maybe
// while the analysis ran. Such a part is held until it ends, like
// [Content_Types].xml; excelize's share of it is small. The bytes of
// the workbook depend on where its parts' blocks are cut, and these
// blocks are cut at fixed places too: the end of the part's bytes before
// the rows, then every deflateBlock bytes of rows.
type sortedZip struct {
	w       io.Writer
	parts   []*zipPart
	cur     *zipPart
	inserts map[string]func() (*segment, error)
}

type zipPart struct {
	name   string
	data   [][]byte // compressed, in order, once finished
	packed int      // their bytes
	z      *sortedZip
	raw    *bytes.Buffer // uncompressed, kept for parts rewritten on Close
	insert func() (*segment, error)
	segment
}

// segment is bytes compressed in blocks of deflateBlock, each compressed
// on its own and ended with a sync flush (the last of a part with the
// end of the stream), with their CRC-32 and length: a part, or rows
// compressed ahead of the part they go into (see sortedZip.inserts).
type segment struct {
	crc     uint32
	size    uint64
	pending []byte      // the block being filled
	blocks  []*deflated // compressed (or being compressed) blocks, in order
}

// deflated is one block of a part, compressed in the background.
type deflated struct {
	done chan struct{}
	out  bytes.Buffer
	err  error
}

// deflateBlock is the size of the blocks a part is compressed in.
var deflateBlock = 1 << 20

// deflateSlots bounds the blocks compressed at once (and held
// uncompressed meanwhile).
var deflateSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

// rawBlocks holds block buffers for reuse: a million statements' sheet
// is five hundred of them.
var rawBlocks = sync.Pool{New: func() any { return make([]byte, 0, deflateBlock) }}

var deflaters = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(nil, flate.BestSpeed)
	return fw
}}

// compress starts compressing b as the next block; last ends the
// stream.
func (p *segment) compress(b []byte, last bool) {
	d := &deflated{done: make(chan struct{})}
	p.blocks = append(p.blocks, d)
	deflateSlots <- struct{}{}
	go func() {
		defer func() { <-deflateSlots; close(d.done) }()
		if cap(b) > 0 {
			defer rawBlocks.Put(b[:0])
		}
		fw := deflaters.Get().(*flate.Writer)
		defer deflaters.Put(fw)
		d.out.Grow(len(b)/4 + 64)
		fw.Reset(&d.out)
		if _, d.err = fw.Write(b); d.err != nil {
			return
		}
		if last {
			d.err = fw.Close()
		} else {
			d.err = fw.Flush()
		}
	}()
}

// contentTypes is the part whose <Default> entries excelize adds in map
// order when a workbook gets a chart: Close sorts them.
const contentTypes = "[Content_Types].xml"

var defaultEntry = regexp.MustCompile(`<Default [^>]*>(</Default>)?`)

// sortDefaults puts the <Default> entries of [Content_Types].xml in
// order, where the first of them was.
func sortDefaults(b []byte) []byte {
	locs := defaultEntry.FindAllIndex(b, -1)
	if len(locs) < 2 {
		return b
	}
	entries := make([]string, len(locs))
	var rest bytes.Buffer
	prev := 0
	for i, l := range locs {
		entries[i] = string(b[l[0]:l[1]])
		rest.Write(b[prev:l[0]])
		if i == 0 {
			rest.WriteString("\x00")
		}
		prev = l[1]
	}
	rest.Write(b[prev:])
	sort.Strings(entries)
	var joined bytes.Buffer
	for _, e := range entries {
		joined.WriteString(e)
	}
	return bytes.Replace(rest.Bytes(), []byte("\x00"), joined.Bytes(), 1)
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	p := &zipPart{name: name, z: z}
	if name == contentTypes {
		p.raw = &bytes.Buffer{}
	}
	if fn, ok := z.inserts[name]; ok {
		p.raw, p.insert = &bytes.Buffer{}, fn
		delete(z.inserts, name)
	}
	z.cur = p
	z.parts = append(z.parts, p)
	return p, nil
}

func (p *zipPart) Write(b []byte) (int, error) {
	if p.raw != nil {
		return p.raw.Write(b)
	}
	return p.segment.Write(b)
}

func (p *segment) Write(b []byte) (int, error) {
	p.crc = crc32.Update(p.crc, crc32.IEEETable, b)
	p.size += uint64(len(b))
	n := len(b)
	for len(b) > 0 {
		if p.pending == nil {
			p.pending = rawBlocks.Get().([]byte)[:0]
		}
		k := min(len(b), deflateBlock-len(p.pending))
		p.pending = append(p.pending, b[:k]...)
		b = b[k:]
		if len(p.pending) == deflateBlock {
			p.compress(p.pending, false)
			p.pending = nil
		}
	}
	return n, nil
}

// end compresses what is left of a segment that others follow.
func (p *segment) end() {
	if len(p.pending) > 0 {
		p.compress(p.pending, false)
	}
	p.pending = nil
}

// join puts segment g after what p holds: p's pending bytes become a
// block of their own, g's blocks follow, and the CRC-32 of the two is
// worked out from theirs.
func (p *segment) join(g *segment) {
	p.end()
	p.blocks = append(p.blocks, g.blocks...)
	p.crc = crc32Join(p.crc, g.crc, g.size)
	p.size += g.size
}

// crc32Join is the CRC-32 (IEEE) of a followed by b, from the CRC of a,
// that of b and b's length: the CRC is affine over the bits of a message
// of given length, and zeros in front of a message leave its linear
// part alone, so CRC(a‖b) = CRC(a‖0ⁿ) ⊕ CRC(b) ⊕ CRC(0ⁿ), n = len(b).
// Feeding n zeros twice costs two CRCs of n bytes (a few milliseconds
// for the 30 MB of 100,000 statements).
func crc32Join(a, b uint32, n uint64) uint32 {
	var zeros [64 << 10]byte
	az, z := a, uint32(0)
	for n > 0 {
		k := min(n, uint64(len(zeros)))
		az = crc32.Update(az, crc32.IEEETable, zeros[:k])
		z = crc32.Update(z, crc32.IEEETable, zeros[:k])
		n -= k
	}
	return az ^ b ^ z
}

// finish closes the part being written: its last block ends the stream,
// and the blocks are joined in order.
func (z *sortedZip) finish() error {
	p := z.cur
	if p == nil {
		return nil
	}
	z.cur = nil
	if p.raw != nil && p.insert != nil {
		b := p.raw.Bytes()
		p.raw = nil
		at := bytes.Index(b, []byte("</sheetData>"))
		if at < 0 {
			return fmt.Errorf("xlsx: part %s has no </sheetData> to add rows before", p.name)
		}
		if _, err := p.Write(b[:at]); err != nil {
			return err
		}
		g, err := p.insert()
		if err != nil {
			return err
		}
		p.join(g)
		if _, err := p.Write(b[at:]); err != nil {
			return err
		}
	}
	if p.raw != nil {
		b := sortDefaults(p.raw.Bytes())
		p.raw = nil
		if _, err := p.Write(b); err != nil {
			return err
		}
	}
	p.compress(p.pending, true)
	p.pending = nil
	size := 0
	for _, d := range p.blocks {
		<-d.done
		if d.err != nil {
			return d.err
		}
		size += d.out.Len()
	}
	for _, d := range p.blocks {
		p.data = append(p.data, d.out.Bytes())
	}
	p.packed = size
	p.blocks = nil
	return nil
}

// AddFS is part of excelize.ZipWriter; excelize does not call it when
// saving.
func (z *sortedZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		w, err := z.Create(path)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
}

// dosEpochDate is every part's modification date, 1 January 1980 at
// midnight, the first date a zip entry can carry, in MS-DOS form (years
// since 1980 << 9 | month << 5 | day). CreateRaw writes the header as
// given, without converting FileHeader.Modified.
const dosEpochDate = 1<<5 | 1

// Close writes the parts: [Content_Types].xml first, as Office does, then
// the others by name.
func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	for name := range z.inserts {
		return fmt.Errorf("xlsx: no part %s to add rows to", name)
	}
	sort.SliceStable(z.parts, func(i, j int) bool {
		a, b := z.parts[i].name, z.parts[j].name
		if (a == contentTypes) != (b == contentTypes) {
			return a == contentTypes
		}
		return a < b
	})
	zw := zip.NewWriter(z.w)
	for _, p := range z.parts {
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name:               p.name,
			ModifiedDate:       dosEpochDate,
			Method:             zip.Deflate,
			CRC32:              p.crc,
			CompressedSize64:   uint64(p.packed),
			UncompressedSize64: p.size,
		})
		if err != nil {
			return err
		}
		for _, b := range p.data {
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
		p.data = nil
	}
	return zw.Close()
}
