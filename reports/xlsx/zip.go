package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"io/fs"
	"regexp"
	"sort"
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
// about a third larger than at the default level.
type sortedZip struct {
	w     io.Writer
	parts []*zipPart
	cur   *zipPart
	fw    *flate.Writer
}

type zipPart struct {
	name   string
	packed bytes.Buffer // the compressed part
	crc    uint32
	size   uint64
	fw     *flate.Writer
	raw    *bytes.Buffer // uncompressed, for the part rewritten when finished
}

// contentTypes is the part whose <Default> entries excelize adds in map
// order when a workbook gets a chart: finish sorts them.
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
	if z.fw == nil {
		z.fw, _ = flate.NewWriter(nil, flate.BestSpeed) // BestSpeed is a valid level
	}
	p := &zipPart{name: name, fw: z.fw}
	p.fw.Reset(&p.packed)
	if name == contentTypes {
		p.raw = &bytes.Buffer{}
	}
	z.cur = p
	z.parts = append(z.parts, p)
	return p, nil
}

func (p *zipPart) Write(b []byte) (int, error) {
	if p.raw != nil {
		return p.raw.Write(b)
	}
	p.crc = crc32.Update(p.crc, crc32.IEEETable, b)
	p.size += uint64(len(b))
	return p.fw.Write(b)
}

// finish ends the part being written.
func (z *sortedZip) finish() error {
	p := z.cur
	if p == nil {
		return nil
	}
	z.cur = nil
	if p.raw != nil {
		b := sortDefaults(p.raw.Bytes())
		p.raw = nil
		if _, err := p.Write(b); err != nil {
			return err
		}
	}
	return p.fw.Close()
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
			CompressedSize64:   uint64(p.packed.Len()),
			UncompressedSize64: p.size,
		})
		if err != nil {
			return err
		}
		if _, err := p.packed.WriteTo(w); err != nil {
			return err
		}
	}
	return zw.Close()
}
