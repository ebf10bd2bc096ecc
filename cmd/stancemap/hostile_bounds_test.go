package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The second round of hostile input (issue 18): each case is a small
// file or an ordinary command line. Every one must end with a clear
// message naming the file (exit 1 or 2), or exit 0 where the input is
// legal; with no panic, a peak heap under its bound (256 MB for any
// input under 2 MB), nothing left in the temporary folder, and every
// input byte-identical afterwards.

// hostileRun is one command run on hostile input and what it must show.
type hostileRun struct {
	args   []string
	inputs []string // files that must be byte-identical afterwards
	codes  []int    // allowed exit codes
	stderr []string // substrings the message must hold
	bound  uint64   // peak heap bound, bytes (0: 256 MB)
}

// checkHostile runs hr with TMPDIR pointing to a fresh folder and checks
// what every hostile case must show. It returns stderr and the memory
// used.
func checkHostile(t *testing.T, hr hostileRun) (string, memUse) {
	t.Helper()
	sums := map[string][32]byte{}
	for _, in := range hr.inputs {
		b, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		sums[in] = sha256.Sum256(b)
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var code int
	var out, errs string
	m := measured(func() { code, out, errs = runCmd(t, hr.args...) })
	if code != 0 {
		errs = out + errs // validate reports on standard output
	}
	ok := false
	for _, c := range hr.codes {
		ok = ok || c == code
	}
	if !ok {
		t.Errorf("exit %d, want one of %v: %.1500s", code, hr.codes, errs)
	}
	for _, w := range hr.stderr {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%.1500s", w, errs)
		}
	}
	if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine ") {
		t.Errorf("a panic escaped:\n%.1500s", errs)
	}
	bound := hr.bound
	if bound == 0 {
		bound = 256 * mb
	}
	if m.peak > bound {
		t.Errorf("%v, bound %d MB", m, bound/mb)
	}
	var left []string
	_ = filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
		if err == nil && p != tmp {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
	for in, sum := range sums {
		if b, err := os.ReadFile(in); err != nil || sha256.Sum256(b) != sum {
			t.Errorf("input %s changed (%v)", in, err)
		}
	}
	return errs, m
}

func sizeOf(t *testing.T, path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

// sheetXML is a worksheet part holding rows of inline strings; each row
// is its number and its cells by reference.
func sheetXML(rows func(w io.Writer)) string {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	rows(&b)
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

func inlineCell(w io.Writer, ref, text string) {
	fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, text)
}

func statementRow(w io.Writer, r int, actor string) {
	fmt.Fprintf(w, `<row r="%d">`, r)
	for i, v := range []string{actor, "sovereignty", "2", "2015"} {
		inlineCell(w, fmt.Sprintf("%c%d", 'A'+i, r), v)
	}
}

// workbookWithParts writes a workbook made by excelize with some parts'
// XML replaced (deflated as usual).
func workbookWithParts(t *testing.T, path string, parts map[string]string) {
	t.Helper()
	zr := zipOf(t, excelize.NewFile())
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, e := range zr.File {
		if body, ok := parts[e.Name]; ok {
			w, err := zw.Create(e.Name)
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(w, body)
			continue
		}
		if err := zw.Copy(e); err != nil {
			t.Fatal(err)
		}
	}
	for name, body := range parts {
		if name == "xl/sharedStrings.xml" && !strings.Contains(name, "worksheets") {
			found := false
			for _, e := range zr.File {
				found = found || e.Name == name
			}
			if !found {
				w, _ := zw.Create(name)
				io.WriteString(w, body)
			}
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

const sheetPart = "xl/worksheets/sheet1.xml"

func TestHostileXLSXRowPastLimit(t *testing.T) {
	for _, row := range []int{30_000_000, 100_000_000, 1_048_577} {
		t.Run(fmt.Sprint(row), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "far.xlsx")
			workbookWithParts(t, path, map[string]string{sheetPart: sheetXML(func(w io.Writer) {
				statementRow(w, 1, "actor")
				io.WriteString(w, "</row>")
				fmt.Fprintf(w, `<row r="%d">`, row)
				inlineCell(w, fmt.Sprintf("A%d", row), "CHN")
				io.WriteString(w, "</row>")
			})})
			errs, m := checkHostile(t, hostileRun{args: []string{"validate", path}, inputs: []string{path}, codes: []int{2},
				stderr: []string{path, fmt.Sprintf("row numbered %d", row), "last row (1048576)"}, bound: 64 * mb})
			t.Logf("%d bytes: %s; %v", sizeOf(t, path), firstLine(errs), m)
		})
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// A legal row far down (Excel's last) is read without allocating the
// rows above it.
func TestHostileXLSXLastRowIsRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "last.xlsx")
	workbookWithParts(t, path, map[string]string{sheetPart: sheetXML(func(w io.Writer) {
		io.WriteString(w, `<row r="1">`)
		for i, h := range []string{"actor", "theme", "stance", "date"} {
			inlineCell(w, fmt.Sprintf("%c1", 'A'+i), h)
		}
		io.WriteString(w, "</row>")
		statementRow(w, 1_048_576, "CHN")
		io.WriteString(w, "</row>")
	})})
	errs, m := checkHostile(t, hostileRun{args: []string{"matrix", path, "--format", "csv"}, inputs: []string{path}, codes: []int{0}, bound: 64 * mb})
	t.Logf("%s; %v", firstLine(errs), m)
}

// Rows with one stray cell in column XFD stay sparse: the table is read,
// the stray cells noted.
func TestHostileXLSXStrayColumnXFD(t *testing.T) {
	for _, n := range []int{6000, 20000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "xfd.xlsx")
			workbookWithParts(t, path, map[string]string{sheetPart: sheetXML(func(w io.Writer) {
				io.WriteString(w, `<row r="1">`)
				for i, h := range []string{"actor", "theme", "stance", "date"} {
					inlineCell(w, fmt.Sprintf("%c1", 'A'+i), h)
				}
				io.WriteString(w, "</row>")
				for r := 2; r <= n+1; r++ {
					statementRow(w, r, "CHN")
					inlineCell(w, fmt.Sprintf("XFD%d", r), "x")
					io.WriteString(w, "</row>")
				}
			})})
			out := filepath.Join(t.TempDir(), "m.csv")
			errs, m := checkHostile(t, hostileRun{args: []string{"matrix", path, "--format", "csv", "-o", out}, inputs: []string{path}, codes: []int{0}})
			b, _ := os.ReadFile(out)
			if !bytes.Contains(b, []byte(fmt.Sprintf("CHN,sovereignty,%d,", n))) {
				t.Errorf("the %d statements were not all counted:\n%.300s", n, b)
			}
			t.Logf("%d KB: %v", sizeOf(t, path)>>10, m)
			_ = errs
		})
	}
	// With the header itself reaching XFD, every row would need 16,384
	// cells: refused as too sparse.
	path := filepath.Join(t.TempDir(), "xfd-header.xlsx")
	workbookWithParts(t, path, map[string]string{sheetPart: sheetXML(func(w io.Writer) {
		for r := 1; r <= 6000; r++ {
			statementRow(w, r, "CHN")
			inlineCell(w, fmt.Sprintf("XFD%d", r), "x")
			io.WriteString(w, "</row>")
		}
	})})
	errs, m := checkHostile(t, hostileRun{args: []string{"validate", path}, inputs: []string{path}, codes: []int{2},
		stderr: []string{path, "too sparse", "header reaches column XFD"}})
	t.Logf("header to XFD: %s; %v", firstLine(errs), m)
}

// A column past XFD is refused, naming the row.
func TestHostileXLSXColumnPastLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wide.xlsx")
	workbookWithParts(t, path, map[string]string{sheetPart: sheetXML(func(w io.Writer) {
		statementRow(w, 1, "actor")
		io.WriteString(w, "</row>")
		statementRow(w, 2, "CHN")
		inlineCell(w, "XFE2", "x")
		io.WriteString(w, "</row>")
	})})
	errs, _ := checkHostile(t, hostileRun{args: []string{"validate", path}, inputs: []string{path}, codes: []int{2},
		stderr: []string{path, "row 2", "last column (XFD"}, bound: 64 * mb})
	t.Log(firstLine(errs))
}

// Entities and document type declarations are refused by name, in the
// sheet and in the shared strings.
func TestHostileXLSXEntities(t *testing.T) {
	cases := []struct {
		name, part, body, want string
	}{
		{"undeclared entity in a cell", sheetPart, sheetXML(func(w io.Writer) {
			statementRow(w, 1, "actor")
			io.WriteString(w, "</row>")
			statementRow(w, 2, "&xxe;")
			io.WriteString(w, "</row>")
		}), "entity"},
		{"DTD in the shared strings", "xl/sharedStrings.xml", `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "b">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&a;</t></si></sst>`,
			"document type declaration (<!DOCTYPE"},
		{"DTD in the sheet", sheetPart, `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x "CHN">]>` + sheetXML(func(w io.Writer) {})[len(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`):],
			"document type declaration (<!DOCTYPE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ent.xlsx")
			parts := map[string]string{c.part: c.body}
			if c.part != sheetPart {
				parts[sheetPart] = sheetXML(func(w io.Writer) {
					io.WriteString(w, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)
				})
			}
			workbookWithParts(t, path, parts)
			errs, _ := checkHostile(t, hostileRun{args: []string{"validate", path}, inputs: []string{path}, codes: []int{2},
				stderr: []string{path, c.want}, bound: 64 * mb})
			t.Log(firstLine(errs))
		})
	}
}

// A zip64 size of 2⁶⁴−1 made excelize panic (makeslice); two parts of one
// name, and a part larger than the file, are refused too.
func TestHostileXLSXZipHeaders(t *testing.T) {
	base := zipOf(t, excelize.NewFile())
	t.Run("zip64 size 2^64-1", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "z64.xlsx")
		var chunk bytes.Buffer
		fw, _ := flate.NewWriter(&chunk, flate.BestSpeed)
		fw.Write([]byte(sheetXML(func(w io.Writer) {})))
		fw.Flush()
		withRawPart(t, base, path, &zip.FileHeader{Name: sheetPart, CRC32: 0, CompressedSize64: uint64(chunk.Len() + 2),
			UncompressedSize64: 1<<64 - 1}, func(w io.Writer) { w.Write(chunk.Bytes()) })
		errs, _ := checkHostile(t, hostileRun{args: []string{"validate", path}, inputs: []string{path}, codes: []int{2},
			stderr: []string{path, "zip bomb"}, bound: 64 * mb})
		t.Log(firstLine(errs))
	})
	t.Run("duplicate part names", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "dup.xlsx")
		f, _ := os.Create(path)
		zw := zip.NewWriter(f)
		for _, e := range base.File {
			zw.Copy(e)
			if e.Name == sheetPart {
				w, _ := zw.Create(sheetPart)
				io.WriteString(w, sheetXML(func(w io.Writer) {}))
			}
		}
		zw.Close()
		f.Close()
		errs, _ := checkHostile(t, hostileRun{args: []string{"validate", path}, inputs: []string{path}, codes: []int{2},
			stderr: []string{path, "two parts named", sheetPart}, bound: 64 * mb})
		t.Log(firstLine(errs))
	})
}

// A damaged workbook whose sheet excelize spills to a temporary file,
// and the zip bomb: nothing is left in the temporary folder.
func TestHostileXLSXNoTempFilesLeft(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spill.xlsx")
	workbookWithParts(t, path, map[string]string{
		sheetPart: sheetXML(func(w io.Writer) {
			statementRow(w, 1, "actor")
			io.WriteString(w, "</row>")
			for r := 2; r < 120_000; r++ {
				statementRow(w, r, "CHN")
				io.WriteString(w, "</row>")
			}
		}),
		"xl/workbook.xml": "<workbook><sheets><sheet name=",
	})
	errs, m := checkHostile(t, hostileRun{args: []string{"validate", path}, inputs: []string{path}, codes: []int{2},
		stderr: []string{path}})
	t.Logf("%d KB damaged: %s; %v", sizeOf(t, path)>>10, firstLine(errs), m)

	bomb := filepath.Join(t.TempDir(), "bomb.xlsx")
	zipBombXLSX(t, bomb)
	errs, m = checkHostile(t, hostileRun{args: []string{"validate", bomb}, inputs: []string{bomb}, codes: []int{2},
		stderr: []string{bomb, "zip bomb"}, bound: 64 * mb})
	t.Logf("bomb: %s; %v", firstLine(errs), m)
}

// gzipOfZeros writes a gzip file of n MiB of zero bytes (about 1 KB per
// MiB), built from one deflated MiB repeated.
func gzipOfZeros(t *testing.T, path string, n int) {
	if err := os.WriteFile(path, gzipRepeat(nil, make([]byte, mb), n, nil).Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// gzipRepeat is a gzip file of head, n times chunk, and tail, deflating
// chunk once: deflate streams ending at a sync flush concatenate.
func gzipRepeat(head, chunk []byte, n int, tail []byte) *bytes.Buffer {
	deflate := func(p []byte) []byte {
		var b bytes.Buffer
		fw, _ := flate.NewWriter(&b, flate.BestCompression)
		fw.Write(p)
		fw.Flush()
		return b.Bytes()
	}
	crc := crc32.NewIEEE()
	crc.Write(head)
	for range n {
		crc.Write(chunk)
	}
	crc.Write(tail)
	var b bytes.Buffer
	b.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	b.Write(deflate(head))
	dc := deflate(chunk)
	for range n {
		b.Write(dc)
	}
	b.Write(deflate(tail))
	b.Write([]byte{0x03, 0x00})
	binary.Write(&b, binary.LittleEndian, crc.Sum32())
	binary.Write(&b, binary.LittleEndian, uint32(len(head)+n*len(chunk)+len(tail)))
	return &b
}

func TestHostileGzipBomb(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zeros.csv.gz")
	gzipOfZeros(t, path, 1024)
	errs, m := checkHostile(t, hostileRun{args: []string{"validate", path}, inputs: []string{path}, codes: []int{2},
		stderr: []string{path, "zip bomb"}})
	t.Logf("%d KB inflating to 1 GiB: %s; %v", sizeOf(t, path)>>10, firstLine(errs), m)
	// The same file as a corpus read row by row.
	errs, m = checkHostile(t, hostileRun{args: []string{"extract", path, "--text-col", "text", "--actor-col", "actor", "--date-col", "date"},
		inputs: []string{path}, codes: []int{2}, stderr: []string{path}})
	t.Logf("extract: %s; %v", firstLine(errs), m)
}

// A 256 MB actor cell in a small .csv.gz corpus: extract stops at the
// row, naming it, instead of holding the cell.
func TestHostileCorpusHugeCell(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.csv.gz")
	b := gzipRepeat([]byte("text,actor,date\n\"The delegation supports an open internet.\",\""), bytes.Repeat([]byte("A"), mb), 256, []byte("\",2015\n"))
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	errs, m := checkHostile(t, hostileRun{args: []string{"extract", path, "--text-col", "text", "--actor-col", "actor", "--date-col", "date"},
		inputs: []string{path}, codes: []int{2}, stderr: []string{path + ":2", "larger than 16 MB"}})
	t.Logf("%d KB: %s; %v", sizeOf(t, path)>>10, firstLine(errs), m)
}

// A CSV whose quote never closes: the line is reported and reading goes
// on. The open quote costs no more than a constant (32 MB) over the same
// file with the quote closed; with rows of 2 KB, as a corpus of coded
// paragraphs has, the whole read stays within twice the file and 32 MB.
// (Short rows cost more than twice their bytes however well-formed: a
// statement takes about 230 bytes.) Both validate and matrix, whose
// loader holds the collector back while statements are read.
func TestHostileCSVUnterminatedQuote(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	long := strings.Repeat("an ordinary row of text that follows ", 55)
	for _, c := range []struct {
		name string
		row  func(i int) string
		size int
		cmd  []string
	}{
		{"long rows", func(i int) string { return fmt.Sprintf("USA,openness,1,2016,%d %s\n", i, long) }, 30 * mb, []string{"validate"}},
		{"long rows, matrix", func(i int) string { return fmt.Sprintf("USA,openness,1,2016,%d %s\n", i, long) }, 30 * mb, []string{"matrix", "--skip-invalid", "--bootstrap", "0"}},
		{"short rows", func(i int) string { return fmt.Sprintf("USA,openness,1,2016,row %d\n", i) }, 8 * mb, []string{"validate"}},
		{"short rows, matrix", func(i int) string { return fmt.Sprintf("USA,openness,1,2016,row %d\n", i) }, 8 * mb, []string{"matrix", "--skip-invalid", "--bootstrap", "0"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			// The bound is over the loader's peak on the same file with
			// the quote closed; matrix's streaming path, which takes that
			// file in a few megabytes and hands the open quote to the
			// loader, would make it another reader's peak.
			defer func(s bool) { streamMatrix = s }(streamMatrix)
			streamMatrix = false
			size := c.size
			if raceOn {
				size /= 8
			}
			var peak [2]uint64
			for k, second := range []string{"CHN,sovereignty,2,2015,\"closed\"\n", "CHN,sovereignty,2,2015,\"never closed\n"} {
				path := filepath.Join(t.TempDir(), "quote.csv")
				var b bytes.Buffer
				b.WriteString("actor,theme,stance,date,text\n" + second)
				for i := 0; b.Len() < size; i++ {
					b.WriteString(c.row(i))
				}
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				total := uint64(b.Len())
				b = bytes.Buffer{}
				hr := hostileRun{args: append(append([]string{}, c.cmd...), path), inputs: []string{path}, codes: []int{0}, bound: 1 << 40}
				if k == 1 {
					hr.codes = []int{0, 1}
					hr.stderr = []string{path + ":2", "never closes: line 2 was skipped and reading went on at line 3"}
					hr.bound = peak[0] + 32*mb
					if strings.HasPrefix(c.name, "long") {
						hr.bound = min(hr.bound, 2*total+32*mb)
					}
				}
				var m memUse
				_, m = checkHostile(t, hr)
				peak[k] = m.peak
				t.Logf("%d MB, line 2 %q: %v", total/mb, strings.TrimSpace(second), m)
			}
		})
	}
}

// Whole-file JSON with one 40 MB string: one record object and one
// string value hold at most 16 MB, so the file is refused (or, in JSON
// Lines, the line skipped) naming the line, before a decoder copies the
// value. Small files (40 KB compressed): the peak is the inflated text
// twice (gunzip's chunks and the text joined from them) and 32 MB.
func TestHostileJSONHugeValue(t *testing.T) {
	dir := t.TempDir()
	head := `{"actor": "CHN", "theme": "openness", "stance": 1, "date": "2015"}`
	chunk := bytes.Repeat([]byte("A"), mb)
	const n = 40
	for _, c := range []struct {
		name, file, head, tail string
		code                   int
		stderr                 []string
	}{
		{"array element", "element.json.gz", "[\n" + head + ",\n" + `{"actor": "USA", "theme": "openness", "stance": 1, "date": "2015", "text": "`, "\"}\n]\n", 2,
			[]string{"element.json.gz:3: line 3: a string value starting here is larger than 16 MB"}},
		{"string in the wrapper", "wrapper.json.gz", `{"title": "`, "\",\n\"statements\": [\n" + head + "\n]}\n", 2,
			[]string{"wrapper.json.gz:1: line 1: a string value starting here is larger than 16 MB"}},
		{"JSON Lines line", "lines.jsonl.gz", head + "\n" + `{"actor": "USA", "theme": "openness", "stance": 1, "date": "2015", "text": "`, "\"}\n" + head + "\n", 1,
			[]string{"lines.jsonl.gz:2: the line is larger than 16 MB and was skipped"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.file)
			if err := os.WriteFile(path, gzipRepeat([]byte(c.head), chunk, n, []byte(c.tail)).Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			errs, m := checkHostile(t, hostileRun{args: []string{"matrix", path, "--bootstrap", "0"}, inputs: []string{path}, codes: []int{c.code},
				stderr: c.stderr, bound: 2*n*mb + 32*mb})
			t.Logf("%d KB inflating to %d MB: %s; %v", sizeOf(t, path)>>10, n, firstLine(errs), m)
		})
	}
}

// JSON Lines whose objects share no keys: refused before a dense table
// of lines × keys is made.
func TestHostileJSONLinesDistinctKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.jsonl")
	var b bytes.Buffer
	for i := range 1000 {
		b.WriteString(`{"actor":"CHN","theme":"sovereignty","stance":1,"date":"2015"`)
		for k := range 200 {
			fmt.Fprintf(&b, `,"key_%d_%d":"v"`, i, k)
		}
		b.WriteString("}\n")
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	errs, m := checkHostile(t, hostileRun{args: []string{"validate", path}, inputs: []string{path}, codes: []int{2},
		stderr: []string{path, "more than 16384 distinct keys"}})
	t.Logf("%d KB: %s; %v", sizeOf(t, path)>>10, firstLine(errs), m)
}

// A date mistyped 7,000 years ahead: --window refuses like --period.
func TestHostileWindowMistypedDate(t *testing.T) {
	path := "../../testdata/cases/analyze/window-mistyped-date/typo.csv"
	for _, how := range [][]string{{"--window", "1m"}, {"--period", "month"}, {"--window", "3m", "--step", "1m"}} {
		errs, m := checkHostile(t, hostileRun{args: append([]string{"analyze", path}, how...), inputs: []string{path}, codes: []int{1},
			stderr: []string{"(2013-01 to 9013-03), more than 10000; check for mistyped dates"}, bound: 64 * mb})
		t.Logf("%v: %s; %v", how, firstLine(errs), m)
	}
}

// A named pipe in a folder of documents is skipped with a warning, and
// refused by name when named: the run does not hang.
func TestHostilePipeInDocuments(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.Mkdir(docs, 0o755)
	speech := filepath.Join(docs, "speech.txt")
	os.WriteFile(speech, []byte("The United States supports an open internet.\n"), 0o644)
	pipe := filepath.Join(docs, "pipe.txt")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	for _, c := range []struct {
		arg    string
		code   int
		stderr string
	}{{docs, 0, "named pipe, not a regular file: skipped"}, {pipe, 2, "named pipe, not a regular file: refused"}} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			checkHostile(t, hostileRun{args: []string{"extract", c.arg, "--actor", "USA", "--date", "2015"}, inputs: []string{speech},
				codes: []int{c.code}, stderr: []string{pipe, c.stderr}, bound: 128 * mb})
		}()
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			// Unblock the reader so that the test ends.
			if f, err := os.OpenFile(pipe, os.O_WRONLY, 0); err == nil {
				f.Close()
			}
			<-done
			t.Fatalf("extract %s hung on the pipe", c.arg)
		}
	}
}

// -o onto a named pipe, a device or a folder is refused; nothing is
// replaced.
func TestHostileOutputNotRegular(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	outs := []string{pipe, dir}
	// A device of the test's own (a second null device, made where root
	// may make one), never the system's /dev/null: a regression here
	// would replace it.
	dev := filepath.Join(dir, "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
		outs = append(outs, dev)
	} else {
		t.Logf("no device node made (%v): devices not tried", err)
	}
	in := "../../data/sample/statements.csv"
	for _, out := range outs {
		checkHostile(t, hostileRun{args: []string{"matrix", in, "--format", "csv", "-o", out}, inputs: []string{in}, codes: []int{2},
			stderr: []string{out, "not a regular file: refusing to replace it"}, bound: 64 * mb})
	}
	if st, err := os.Lstat(pipe); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v %v", st, err)
	}
	if st, err := os.Lstat(dev); err == nil && st.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("the device %s was replaced", dev)
	}
}

// Outputs that are inputs, or each other, are refused before any work:
// every input stays as it was.
func TestHostileOutputIsInput(t *testing.T) {
	dir := t.TempDir()
	copyTo := func(src, name string) string {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	st := copyTo("../../data/sample/statements.csv", "s.csv")
	cb := copyTo("../../data/sample/codebook.yaml", "cb.yaml")
	act := copyTo("../../data/sample/actors.csv", "act.csv")
	man := filepath.Join(dir, "m.csv")
	os.WriteFile(man, []byte("file,date,actor\nspeech.txt,2015,USA\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "speech.txt"), []byte("The United States supports an open internet.\n"), 0o644)
	same := filepath.Join(dir, "same.out")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", st, "--html", same, "--xlsx", same}, "--html and --xlsx are the same file"},
		{[]string{"report", st, "--codebook", cb, "--html", cb}, "is the codebook (--codebook)"},
		{[]string{"matrix", st, "--actors", act, "-o", act}, "is the actor registry (--actors)"},
		{[]string{"extract", "--manifest", man, "-o", man}, "is the manifest (--manifest)"},
		{[]string{"extract", "--manifest", man, "-o", filepath.Join(dir, "o.csv"), "--review", filepath.Join(dir, ".", "o.csv")}, "are the same file"},
		{[]string{"matrix", st, "-o", filepath.Join(dir, "..", filepath.Base(dir), "s.csv")}, "is the input"},
	} {
		checkHostile(t, hostileRun{args: c.args, inputs: []string{st, cb, act, man}, codes: []int{2}, stderr: []string{c.want}, bound: 64 * mb})
	}
	if _, err := os.Stat(same); err == nil {
		t.Errorf("%s written despite the refusal", same)
	}
}

// A codebook of 10,000 themes: the workbook report is written (the
// column widths were 92% of the time, minutes at 2,000 themes).
func TestHostileManyThemesReport(t *testing.T) {
	if testing.Short() || raceOn {
		t.Skip("large input (run without -race and -short)")
	}
	dir := t.TempDir()
	cbPath, stPath := filepath.Join(dir, "cb.yaml"), filepath.Join(dir, "s.csv")
	var cb, st bytes.Buffer
	cb.WriteString("name: many themes\nversion: 1\nthemes:\n")
	const n = 10_000
	for i := range n {
		fmt.Fprintf(&cb, "  - id: theme_%05d\n    label: Theme %d%s\n    positive: for\n    negative: against\n", i, i, strings.Repeat("x", i%17))
	}
	st.WriteString("actor,theme,stance,date\n")
	for i := range 300 {
		fmt.Fprintf(&st, "%s,theme_%05d,%d,%d\n", []string{"CHN", "USA", "RUS", "GBR", "FRA"}[i%5], (i*7919)%n, i%5-2, 2010+i%8)
	}
	os.WriteFile(cbPath, cb.Bytes(), 0o644)
	os.WriteFile(stPath, st.Bytes(), 0o644)
	out := filepath.Join(dir, "r.xlsx")
	start := time.Now()
	errs, m := checkHostile(t, hostileRun{args: []string{"report", stPath, "--codebook", cbPath, "--xlsx", out}, inputs: []string{cbPath, stPath},
		codes: []int{0}, bound: 1024 * mb})
	took := time.Since(start)
	if _, err := excelize.OpenFile(out); err != nil {
		t.Errorf("the workbook does not open: %v", err)
	}
	// No time bound here (speed goals live in benchmarks): 1,000 themes
	// took 10.7 s before, 2,000 took 74 s; the log shows this run's.
	t.Logf("%d themes: %v in %v %s", n, m, took.Round(time.Millisecond), firstLine(errs))
}

// TestWriteHostileFiles writes the small hostile workbooks of this file
// into testdata/hostile/, where TestHostileSmallFiles runs them. It runs
// only when STANCEMAP_WRITE_HOSTILE is set.
func TestWriteHostileFiles(t *testing.T) {
	if os.Getenv("STANCEMAP_WRITE_HOSTILE") == "" {
		t.Skip("set STANCEMAP_WRITE_HOSTILE=1 to rewrite testdata/hostile's workbooks")
	}
	header := func(w io.Writer) {
		io.WriteString(w, `<row r="1">`)
		for i, h := range []string{"actor", "theme", "stance", "date"} {
			inlineCell(w, fmt.Sprintf("%c1", 'A'+i), h)
		}
		io.WriteString(w, "</row>")
	}
	books := map[string]string{
		"row_30000000.xlsx": sheetXML(func(w io.Writer) {
			header(w)
			io.WriteString(w, `<row r="30000000">`)
			inlineCell(w, "A30000000", "CHN")
			io.WriteString(w, "</row>")
		}),
		"column_past_xfd.xlsx": sheetXML(func(w io.Writer) {
			header(w)
			statementRow(w, 2, "CHN")
			inlineCell(w, "XFE2", "x")
			io.WriteString(w, "</row>")
		}),
		"stray_cells_xfd.xlsx": sheetXML(func(w io.Writer) {
			header(w)
			for r := 2; r <= 6001; r++ {
				statementRow(w, r, "CHN")
				inlineCell(w, fmt.Sprintf("XFD%d", r), "x")
				io.WriteString(w, "</row>")
			}
		}),
		"header_to_xfd.xlsx": sheetXML(func(w io.Writer) {
			for r := 1; r <= 6000; r++ {
				statementRow(w, r, "CHN")
				inlineCell(w, fmt.Sprintf("XFD%d", r), "x")
				io.WriteString(w, "</row>")
			}
		}),
		"undeclared_entity.xlsx": sheetXML(func(w io.Writer) {
			header(w)
			statementRow(w, 2, "&xxe;")
			io.WriteString(w, "</row>")
		}),
	}
	for name, sheet := range books {
		workbookWithParts(t, filepath.Join(hostileDir, name), map[string]string{sheetPart: sheet})
	}
	workbookWithParts(t, filepath.Join(hostileDir, "dtd_shared_strings.xlsx"), map[string]string{
		"xl/sharedStrings.xml": `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "CHN">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&a;</t></si></sst>`,
		sheetPart:              sheetXML(func(w io.Writer) { io.WriteString(w, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`) }),
	})
	base := zipOf(t, excelize.NewFile())
	var chunk bytes.Buffer
	fw, _ := flate.NewWriter(&chunk, flate.BestSpeed)
	fw.Write([]byte(sheetXML(func(w io.Writer) {})))
	fw.Flush()
	withRawPart(t, base, filepath.Join(hostileDir, "zip64_size.xlsx"), &zip.FileHeader{Name: sheetPart, CompressedSize64: uint64(chunk.Len() + 2),
		UncompressedSize64: 1<<64 - 1}, func(w io.Writer) { w.Write(chunk.Bytes()) })
	f, _ := os.Create(filepath.Join(hostileDir, "duplicate_parts.xlsx"))
	zw := zip.NewWriter(f)
	for _, e := range base.File {
		zw.Copy(e)
		if e.Name == sheetPart {
			w, _ := zw.Create(sheetPart)
			io.WriteString(w, sheetXML(func(w io.Writer) {}))
		}
	}
	zw.Close()
	f.Close()
}

// Every input flag of every command refuses a named pipe, a device or a
// folder by name, before any work (the run would otherwise wait for a
// writer for ever); --texts may be a folder but not a pipe. Outputs onto
// the rules file or the model are refused like those onto other inputs.
func TestHostileInputFlagNotRegular(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	kinds := map[string]string{pipe: "a named pipe", dir: "a folder"}
	// A null device of the test's own, where root may make one.
	dev := filepath.Join(dir, "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
		kinds[dev] = "a character device"
	} else {
		t.Logf("no device node made (%v): devices not tried", err)
	}
	st := "../../data/sample/statements.csv"
	out := filepath.Join(dir, "out.csv")
	cases := []struct {
		cmd  []string
		flag string
		role string
	}{
		{[]string{"matrix", st}, "--actors", "the actor registry (--actors)"},
		{[]string{"validate", st}, "--codebook", "the codebook (--codebook)"},
		{[]string{"extract", "-o", out}, "--rules", "the rules file (--rules)"},
		{[]string{"extract", "-o", out}, "--model", "the model (--model)"},
		{[]string{"extract"}, "--manifest", "the manifest (--manifest)"},
		{[]string{"extract"}, "--codebook", "the codebook (--codebook)"},
		{[]string{"scale", st}, "--manifest", "the manifest (--manifest)"},
		{[]string{"train", "-o", out}, "--gold", "the gold statements (--gold)"},
		{[]string{"train", "-o", out}, "--texts", "the texts (--texts)"},
		{[]string{"train", "-o", out}, "--units", "the units table (--units)"},
		{[]string{"evaluate"}, "--pred", "the statements to score (--pred)"},
		{[]string{"agreement", st, st}, "--units", "the units table (--units)"},
		{[]string{"template", "-o", filepath.Join(dir, "t.xlsx")}, "--actors", "the actor registry (--actors)"},
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, c := range cases {
			for path, kind := range kinds {
				if path == dir && c.flag == "--texts" {
					continue // a folder of documents is what --texts takes
				}
				args := append(append([]string{}, c.cmd...), c.flag, path)
				errs, _ := checkHostile(t, hostileRun{args: args, inputs: []string{st}, codes: []int{2},
					stderr: []string{c.role + " " + path + " is " + kind + ", not a regular file: refused"}, bound: 64 * mb})
				if t.Failed() {
					t.Logf("%v: %s", args, firstLine(errs))
					return
				}
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(120 * time.Second):
		if f, err := os.OpenFile(pipe, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		<-done
		t.Fatal("a command hung on the pipe")
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s written despite the refusal", out)
	}
	rules := filepath.Join(dir, "rules.yaml")
	os.WriteFile(rules, []byte("negators: [not]\n"), 0o644)
	model := filepath.Join(dir, "model.json")
	os.WriteFile(model, []byte("{}\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"extract", st, "--text-col", "text", "--rules", rules, "-o", rules}, "is the rules file (--rules)"},
		{[]string{"extract", st, "--text-col", "text", "--model", model, "--review", model}, "is the model (--model)"},
		{[]string{"train", "--gold", st, "--texts", st, "--rules", rules, "-o", rules}, "is the rules file (--rules)"},
	} {
		checkHostile(t, hostileRun{args: c.args, inputs: []string{st, rules, model}, codes: []int{2}, stderr: []string{c.want}, bound: 64 * mb})
	}
}
