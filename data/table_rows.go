package data

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// RowOptions control OpenRows.
type RowOptions struct {
	// Delimiter of a delimited file; 0 takes a tab for .tsv and sniffs the
	// others from their first 64 KB (comma when nothing tells).
	Delimiter rune
}

// RowReader reads a table one row at a time, for tables too large to hold
// (ReadTable holds them whole): a CSV, TSV or JSON Lines file, gzip
// compressed or not. Cells are returned as written: not trimmed, not
// unescaped. A UTF-8 byte order mark is dropped and UTF-16 (with a byte
// order mark, or recognised by its zero bytes) is decoded as it streams;
// bytes that are not UTF-8 are left as they are, for the caller to check
// per row, since a stream cannot be judged as a whole before it is read.
type RowReader struct {
	path   string
	file   *os.File
	counts *countingReader
	closer io.Closer // the gzip reader, if any
	header []string
	next   func() ([]string, int, error)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// OpenRows opens a table and reads its header. Its errors are *Problem,
// all Unusable: no file, empty, not gzip after all, no header.
func OpenRows(path string, opt RowOptions) (*RowReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unusable(path, CodeNoFile, "cannot read: "+FileErrorReason(err))
	}
	rr := &RowReader{path: path, file: f, counts: &countingReader{r: f}}
	if err := rr.open(opt); err != nil {
		rr.Close()
		return nil, err
	}
	return rr, nil
}

func (rr *RowReader) open(opt RowOptions) error {
	path := rr.path
	br := bufio.NewReaderSize(rr.counts, 1<<20)
	head, _ := br.Peek(2)
	if len(head) == 0 {
		return unusable(path, CodeEmptyFile, "is empty (0 bytes)")
	}
	var r io.Reader = br
	if isGzip(string(head[:min(len(head), 2)])) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return unusable(path, CodeBadGzip, "is not a readable gzip file")
		}
		rr.closer = zr
		size := int64(0)
		if fi, err := rr.file.Stat(); err == nil {
			size = fi.Size()
		}
		r = &limitedInflate{r: zr, limit: inflateLimit(size, false), size: size}
	}
	tb := bufio.NewReaderSize(textReader(r), 1<<20)
	ext := filepath.Ext(strings.TrimSuffix(strings.ToLower(path), ".gz"))
	if ext == ".jsonl" || ext == ".ndjson" {
		return rr.openJSONL(tb)
	}
	delim := opt.Delimiter
	if delim == 0 {
		delim = ','
		if ext == ".tsv" {
			delim = '\t'
		} else if b, _ := tb.Peek(1 << 16); len(b) > 0 {
			if d, ok := sniffDelimiter(string(b)); ok {
				delim = d
			}
		}
	}
	return rr.openCSV(tb, delim)
}

// textReader drops a UTF-8 byte order mark and decodes UTF-16 as it is
// read.
func textReader(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 4096)
	b, _ := br.Peek(4096)
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		return br
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	case bytes.IndexByte(b, 0) >= 0:
		if e, ok := sniffUTF16(string(b)); ok {
			return transform.NewReader(br, unicode.UTF16(e, unicode.IgnoreBOM).NewDecoder())
		}
	}
	return br
}

// maxRowBytes bounds one row (or line, or JSON object) of a table read
// row by row: a corpus row holds a document, and a UN speech is 50 KB.
// A cell whose quote never closes would otherwise take the whole file
// into one row. A variable so that tests can lower it.
var maxRowBytes int64 = 16 << 20

// rowBudget fails a read with errRowTooLarge once more than maxRowBytes
// have been read since the last reset (at each row).
type rowBudget struct {
	r io.Reader
	n int64
}

var errRowTooLarge = errors.New("row too large")

func (b *rowBudget) Read(p []byte) (int, error) {
	if b.n > maxRowBytes {
		return 0, errRowTooLarge
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

// tooLarge is the problem of a row past maxRowBytes: reading stops there.
func (rr *RowReader) tooLarge(line int) *Problem {
	return &Problem{File: rr.path, Row: line, Code: CodeTooLarge, Unusable: true,
		Message: fmt.Sprintf("a row starting here is larger than %d MB (a quote that never closes, or a cell too large for a document): reading stops; check the quotes on this line", maxRowBytes>>20)}
}

func (rr *RowReader) openCSV(r io.Reader, delim rune) error {
	budget := &rowBudget{r: r}
	cr := csv.NewReader(budget)
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = delim == '\t'
	h, err := cr.Read()
	switch {
	case errors.Is(err, errRowTooLarge):
		return rr.tooLarge(1)
	case err == io.EOF:
		return unusable(rr.path, CodeNotATable, "cannot read its header: the file holds no rows")
	case err != nil:
		return unusable(rr.path, CodeNotATable, "cannot read its header: "+err.Error())
	}
	rr.header = h
	last := 1
	rr.next = func() ([]string, int, error) {
		budget.n = 0
		rec, err := cr.Read()
		line, _ := cr.FieldPos(0)
		var pe *csv.ParseError
		switch {
		case errors.Is(err, errRowTooLarge):
			if pe, ok := err.(*csv.ParseError); ok {
				line = pe.StartLine
			} else if line <= 0 {
				line = last
			}
			return nil, line, rr.tooLarge(line)
		case err == nil:
			last = line
			return rec, line, err
		case err == io.EOF:
			return rec, line, err
		case errors.As(err, &pe):
			return nil, pe.StartLine, rr.badRow(pe.StartLine, pe.Err.Error())
		}
		return nil, line, rr.unreadable(line, err)
	}
	return nil
}

// openJSONL reads JSON Lines: one object per line; the header is the keys
// of the first object, sorted, and a row holds each object's values under
// them (numbers as written, null and missing keys empty).
func (rr *RowReader) openJSONL(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), int(maxRowBytes))
	line := 0
	// scan returns the next object; a line that holds none is a
	// notJSON error, a failed read any other.
	scan := func() (map[string]any, error) {
		for sc.Scan() {
			line++
			b := sc.Bytes()
			if len(bytes.TrimSpace(b)) == 0 {
				continue
			}
			var m map[string]any
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.UseNumber()
			if err := dec.Decode(&m); err != nil {
				return nil, notJSON{err}
			}
			return m, nil
		}
		if err := sc.Err(); err != nil {
			if errors.Is(err, bufio.ErrTooLong) {
				return nil, rr.tooLarge(line + 1)
			}
			return nil, err
		}
		return nil, io.EOF
	}
	first, err := scan()
	if err == io.EOF {
		return unusable(rr.path, CodeNotATable, "cannot read its header: the file holds no rows")
	}
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	if err != nil {
		return unusable(rr.path, CodeNotATable, "cannot read its header: "+err.Error())
	}
	for k := range first {
		rr.header = append(rr.header, k)
	}
	sort.Strings(rr.header)
	firstLine := line
	rr.next = func() ([]string, int, error) {
		m := first
		at := firstLine
		if m != nil {
			first = nil
		} else {
			var err error
			m, err = scan()
			var nj notJSON
			var p *Problem
			switch {
			case err == io.EOF:
				return nil, line, err
			case errors.As(err, &p):
				return nil, p.Row, p
			case errors.As(err, &nj):
				return nil, line, rr.badRow(line, err.Error())
			case err != nil:
				return nil, line, rr.unreadable(line, err)
			}
			at = line
		}
		rec := make([]string, len(rr.header))
		for i, k := range rr.header {
			switch v := m[k].(type) {
			case nil:
			case string:
				rec[i] = v
			default:
				rec[i] = fmt.Sprint(v)
			}
		}
		return rec, at, nil
	}
	return nil
}

// notJSON says a line of JSON Lines holds no JSON object.
type notJSON struct{ err error }

func (e notJSON) Error() string { return "not a JSON object: " + e.err.Error() }

func (rr *RowReader) badRow(row int, why string) *Problem {
	return &Problem{File: rr.path, Row: row, Code: CodeBadRow, Message: "cannot read this row: " + why}
}

func (rr *RowReader) unreadable(row int, err error) *Problem {
	return &Problem{File: rr.path, Row: row, Code: CodeUnreadable, Message: "the file could not be read to its end: " + err.Error(), Unusable: true}
}

// Header is the table's header row, as written.
func (rr *RowReader) Header() []string { return rr.header }

// Column is the index of the header cell named name (case and
// surrounding space ignored), or -1.
func (rr *RowReader) Column(name string) int {
	for i, h := range rr.header {
		if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(name)) {
			return i
		}
	}
	return -1
}

// Next returns the next row's cells and its line number (of its first
// line, for a CSV row that spans several), and io.EOF after the last. A
// row that cannot be parsed is a *Problem ("bad-row"): reading goes on
// with the next. A file that cannot be read to its end is an Unusable
// *Problem ("unreadable"): reading stops.
func (rr *RowReader) Next() (cells []string, row int, err error) { return rr.next() }

// Offset is how many bytes of the file (compressed, for gzip) have been
// read so far: the progress of a run over it.
func (rr *RowReader) Offset() int64 { return rr.counts.n }

// Close releases the file.
func (rr *RowReader) Close() error {
	if rr.closer != nil {
		rr.closer.Close()
	}
	return rr.file.Close()
}
