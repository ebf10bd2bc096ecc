package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/reports/figures"
)

// The hostile corpus: files under testdata/hostile/ (small, committed)
// and large ones generated into t.TempDir(). Each case runs the command
// a user would and asserts either a clear error (file named, exit code)
// or a safe, escaped output, within a stated memory bound.
//
// Memory is measured in-process: peak is the highest HeapAlloc seen by a
// sampler every 2 ms while the command runs (a short spike between two
// samples can be missed), alloc the bytes allocated in all (TotalAlloc).

const hostileDir = "../../testdata/hostile"

const mb = 1 << 20

type memUse struct{ peak, alloc uint64 }

func (m memUse) String() string {
	return fmt.Sprintf("peak heap %d MB, allocated %d MB", m.peak/mb, m.alloc/mb)
}

// measured runs fn, sampling the heap.
func measured(fn func()) memUse {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(stop)
	wg.Wait()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	return memUse{peak: max(peak, after.HeapAlloc) - min(before.HeapAlloc, peak), alloc: after.TotalAlloc - before.TotalAlloc}
}

func hostile(name string) string { return filepath.Join(hostileDir, name) }

// noFormulaCells fails on any CSV cell a spreadsheet would run: one
// starting with = + - @ tab or CR that is not a number.
func noFormulaCells(t *testing.T, b []byte) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v", err)
	}
	for i, row := range rows {
		for _, c := range row {
			if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				continue
			}
			if _, err := fmt.Sscanf(c, "%g", new(float64)); err == nil && !strings.ContainsAny(c, "=@\t\r|(") {
				continue
			}
			t.Errorf("line %d: cell %q would run as a formula", i+1, c)
		}
	}
}

// The injection payloads of formula_injection.csv. The readers trim a
// leading tab or CR ("\t=1+1" is read as "=1+1"), so those payloads are
// looked for without it.
var formulaPayloads = []string{"=HYPERLINK(", "+cmd|", "@SUM(", "=1+1", "=2+2", "=cmd", "@id2", "+id3", "@tab", "=cr"}

func TestHostileFormulaInjectionMatrixCSV(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m.csv")
	var code int
	var errs string
	m := measured(func() {
		code, _, errs = runCmd(t, "matrix", hostile("formula_injection.csv"), "--add-unknown-actors", "--format", "csv", "-o", out)
	})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`'=HYPERLINK(`)) || !bytes.Contains(b, []byte(`'@SUM(1,2)`)) {
		t.Errorf("injected actors missing or not escaped:\n%s", b)
	}
	noFormulaCells(t, b)
	// Bound: a 3-row input stays under 64 MB of heap.
	if m.peak > 64*mb {
		t.Errorf("%v, bound 64 MB", m)
	}
	t.Log(m)
}

// TestHostileFormulaInjectionReportXLSX writes the workbook and reads it
// back the way a spreadsheet does: every cell holding a payload is a
// text cell with no formula, holding the payload literally.
func TestHostileFormulaInjectionReportXLSX(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.xlsx")
	var code int
	var errs string
	m := measured(func() {
		code, _, errs = runCmd(t, "report", hostile("formula_injection.csv"), "--add-unknown-actors", "--xlsx", out)
	})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	noFormulaWorkbook(t, out, formulaPayloads)
	// Bound: a 3-row report stays under 128 MB of heap.
	if m.peak > 128*mb {
		t.Errorf("%v, bound 128 MB", m)
	}
	t.Log(m)
}

// TestHostileHTMLInjection puts HTML and script in actor names, theme
// labels (custom codebook) and statements: the report holds none of
// them as markup, and no more <script> elements than a clean report.
func TestHostileHTMLInjection(t *testing.T) {
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.html")
	if code, _, errs := runCmd(t, "report", "../../data/sample/statements.csv", "--html", clean, "--assets", "cdn"); code != 0 {
		t.Fatalf("clean report: exit %d: %s", code, errs)
	}
	out := filepath.Join(dir, "r.html")
	var code int
	var errs string
	m := measured(func() {
		code, _, errs = runCmd(t, "report", hostile("html_injection.csv"), "--codebook", hostile("html_injection_codebook.yaml"),
			"--add-unknown-actors", "--html", out, "--assets", "cdn", "--title", "<script>alert('title')</script>")
	})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	cb, _ := os.ReadFile(clean)
	b, _ := os.ReadFile(out)
	s := strings.ToLower(string(b))
	for _, raw := range []string{"<script>alert", "<img", "<svg", "<iframe", "<b>bold", "<b>positive", "<!-- \""} {
		if strings.Contains(s, raw) {
			t.Errorf("raw %q in the report", raw)
		}
	}
	cs := strings.ToLower(string(cb))
	if want, got := strings.Count(cs, "<script"), strings.Count(s, "<script"); got != want {
		t.Errorf("%d <script elements, a clean report has %d", got, want)
	}
	// No element with an event handler beyond those of a clean report.
	handler := regexp.MustCompile(`<[a-z][^<>]*\son[a-z]+\s*=`)
	if want, got := len(handler.FindAllString(cs, -1)), len(handler.FindAllString(s, -1)); got != want {
		t.Errorf("%d elements with event handlers, a clean report has %d", got, want)
	}
	// The payloads are there, escaped, so nothing was dropped.
	for _, esc := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(&#39;theme&#39;)"} {
		if !strings.Contains(string(b), esc) {
			t.Errorf("escaped %q not in the report", esc)
		}
	}
	if m.peak > 128*mb {
		t.Errorf("%v, bound 128 MB", m)
	}
	t.Log(m)
}

// Small broken files: each is either read (exit 0, output valid UTF-8
// CSV with no formula cell) or refused with a message naming the file
// and, for a row problem, the line.
func TestHostileSmallFiles(t *testing.T) {
	cases := []struct {
		name, file string
		args       []string
		code       int
		stderr     []string // substrings the message must hold
	}{
		{"alias bomb codebook refused fast", "alias_bomb.yaml", nil, 2, []string{"alias_bomb.yaml:6:", "not a valid codebook"}},
		{"NUL bytes refused as binary", "nul_bytes.csv", nil, 2, []string{"nul_bytes.csv:", "binary data"}},
		{"lone CR is not a line break: ragged row named", "mixed_line_endings.csv", nil, 1, []string{"mixed_line_endings.csv:3:", "row has 9 cells but the header has 5"}},
		{"invalid UTF-8 read as Windows-1252", "invalid_utf8.csv", nil, 0, nil},
		{"duplicate header: second column ignored with a warning", "duplicate_headers.csv", nil, 0, []string{"duplicate_headers.csv:1:actor:", "ignored"}},
		{"empty headers: their columns ignored", "empty_headers.csv", nil, 0, nil},
		// Issue 18: workbooks built by TestWriteHostileFiles.
		{"row 30,000,000 refused before allocating", "row_30000000.xlsx", nil, 2, []string{"row_30000000.xlsx", "row numbered 30000000", "last row (1048576)"}},
		{"a column past XFD refused at its row", "column_past_xfd.xlsx", nil, 2, []string{"column_past_xfd.xlsx", "row 2", "last column (XFD"}},
		{"a stray cell in XFD on 6,000 rows: read sparse", "stray_cells_xfd.xlsx", nil, 0, nil},
		{"a header reaching XFD over 6,000 rows: refused as too sparse", "header_to_xfd.xlsx", nil, 2, []string{"header_to_xfd.xlsx", "too sparse", "header reaches column XFD"}},
		{"an undeclared entity named", "undeclared_entity.xlsx", nil, 2, []string{"undeclared_entity.xlsx", "entity that is not declared", "&xxe;"}},
		{"a DTD in the shared strings named", "dtd_shared_strings.xlsx", nil, 2, []string{"dtd_shared_strings.xlsx", "document type declaration (<!DOCTYPE"}},
		{"a zip64 size of 2^64-1 refused, no panic", "zip64_size.xlsx", nil, 2, []string{"zip64_size.xlsx", "18446744073709551615 bytes", "zip bomb"}},
		{"two parts of one name refused", "duplicate_parts.xlsx", nil, 2, []string{"duplicate_parts.xlsx", "two parts named"}},
		{"NaN and -Inf confidence reported", "nan_confidence.csv", nil, 1, []string{"nan_confidence.csv:2:confidence:", "nan_confidence.csv:4:confidence:", "2 of 3 rows are invalid"}},
		{"a shared alias names neither actor", "shared_alias.csv", []string{"--actors", hostile("shared_alias_actors.csv")}, 1,
			[]string{"shared_alias_actors.csv:3:id:", "shared_alias.csv:2:actor:", "one of AAA, BBB", "has 1 error and 1 of 3 rows is invalid"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "m.csv")
			args := []string{"matrix", hostile(c.file), "--format", "csv", "-o", out}
			if strings.HasSuffix(c.file, ".yaml") {
				args = []string{"matrix", "../../data/sample/statements.csv", "--codebook", hostile(c.file), "--format", "csv", "-o", out}
			}
			var code int
			var errs string
			m := measured(func() { code, _, errs = runCmd(t, append(args, c.args...)...) })
			if code != c.code {
				t.Fatalf("exit %d, want %d: %s", code, c.code, errs)
			}
			for _, w := range c.stderr {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if code == 0 {
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				if !utf8.Valid(b) {
					t.Error("output is not UTF-8")
				}
				noFormulaCells(t, b)
			} else if _, err := os.Stat(out); err == nil {
				t.Error("an output was written for refused input")
			}
			// Bound: files of a few lines, the alias bomb included
			// (9^9 strings if expanded), stay under 64 MB of heap.
			if m.peak > 64*mb {
				t.Errorf("%v, bound 64 MB", m)
			}
		})
	}
}

// TestHostileDeepJSON: 100,000 nested arrays are refused with the file
// named, without exhausting the stack.
func TestHostileDeepJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deep.json")
	const depth = 100_000
	if err := os.WriteFile(path, []byte(strings.Repeat("[", depth)+strings.Repeat("]", depth)), 0o644); err != nil {
		t.Fatal(err)
	}
	var code int
	var errs string
	m := measured(func() { code, _, errs = runCmd(t, "matrix", path, "--format", "csv") })
	if code != 2 || !strings.Contains(errs, path) {
		t.Fatalf("exit %d, want 2 naming the file: %s", code, errs)
	}
	// Bound: 200 KB of brackets stay under 64 MB of heap.
	if m.peak > 64*mb {
		t.Errorf("%v, bound 64 MB", m)
	}
	t.Log(strings.TrimSpace(errs), "; ", m)
}

// TestHostileManyActors: 100,000 distinct unknown actors with
// --add-unknown-actors complete, each added with a warning.
func TestHostileManyActors(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "actors.csv")
	var b bytes.Buffer
	b.WriteString("actor,theme,stance,date\n")
	const n = 100_000
	for i := range n {
		fmt.Fprintf(&b, "Actor %06d,sovereignty,%d,2016\n", i, i%5-2)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "m.csv")
	var code int
	var errs string
	start := time.Now()
	m := measured(func() {
		code, _, errs = runCmd(t, "matrix", path, "--add-unknown-actors", "--format", "csv", "-o", out, "--max-problems", "5")
	})
	took := time.Since(start)
	if code != 0 {
		t.Fatalf("exit %d: %.500s", code, errs)
	}
	if !strings.Contains(errs, fmt.Sprintf("%d × added-actor", n)) {
		t.Errorf("stderr does not count the added actors:\n%.1000s", errs)
	}
	st, err := os.Stat(out)
	if err != nil || st.Size() == 0 {
		t.Fatalf("no matrix written: %v", err)
	}
	// Bound: 2.3 MB of input, 500,000 matrix cells: under 1 GB of heap.
	// The time is logged, not asserted (speed goals live in bench/).
	if m.peak > 1024*mb {
		t.Errorf("%v in %v, bound 1 GB", m, took)
	}
	t.Logf("%v in %v", m, took.Round(time.Millisecond))
}

// TestHostileHugeCell: one 50 MB text cell is read and the matrix
// written; memory stays within a few copies of the cell.
func TestHostileHugeCell(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "cell.csv")
	const size = 50 * mb
	var b bytes.Buffer
	b.Grow(size + 200)
	b.WriteString("actor,theme,stance,date,text\nCHN,sovereignty,2,2016,\"")
	b.Write(bytes.Repeat([]byte("word "), size/5))
	b.WriteString("\"\nUSA,openness,1,2016,short\n")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b = bytes.Buffer{}
	out := filepath.Join(dir, "m.csv")
	var code int
	var errs string
	m := measured(func() { code, _, errs = runCmd(t, "matrix", path, "--format", "csv", "-o", out) })
	if code != 0 {
		t.Fatalf("exit %d: %.500s", code, errs)
	}
	// Bound: 10 × the cell (500 MB) of heap.
	if m.peak > 10*size {
		t.Errorf("%v, bound %d MB", m, 10*size/mb)
	}
	t.Log(m)
}

// zipBombXLSX builds a workbook whose worksheet inflates to more than
// 2 GiB from about 2 MB: deflated 1 MiB runs of zeros, each a complete
// sequence of blocks, repeated (deflate streams concatenate at a sync
// flush). The sizes in the zip are the true ones.
func zipBombXLSX(t *testing.T, path string) {
	var chunk bytes.Buffer
	fw, _ := flate.NewWriter(&chunk, flate.BestCompression)
	zeros := make([]byte, mb)
	fw.Write(zeros)
	fw.Flush()
	const reps = 2049 // 2 GiB + 1 MiB
	crc := crc32.NewIEEE()
	for range reps {
		crc.Write(zeros)
	}
	base := excelize.NewFile()
	base.SetCellValue("Sheet1", "A1", "actor")
	zr := zipOf(t, base)
	withRawPart(t, zr, path, &zip.FileHeader{Name: "xl/worksheets/sheet1.xml", CRC32: crc.Sum32(),
		CompressedSize64: uint64(reps*chunk.Len() + 2), UncompressedSize64: reps * mb}, func(w io.Writer) {
		for range reps {
			w.Write(chunk.Bytes())
		}
	})
}

// withRawPart writes the workbook zr to path with the part hdr.Name
// replaced: write gives its deflate runs, each ending at a sync flush,
// and withRawPart ends the stream with an empty final block. hdr
// carries the part's true CRC and sizes (the two bytes included).
func withRawPart(t *testing.T, zr *zip.Reader, path string, hdr *zip.FileHeader, write func(w io.Writer)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, e := range zr.File {
		if e.Name != hdr.Name {
			if err := zw.Copy(e); err != nil {
				t.Fatal(err)
			}
			continue
		}
		hdr.Method = zip.Deflate
		w, err := zw.CreateRaw(hdr)
		if err != nil {
			t.Fatal(err)
		}
		write(w)
		w.Write([]byte{0x03, 0x00}) // an empty final block
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestHostileXLSXZipBomb(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bomb.xlsx")
	zipBombXLSX(t, path)
	st, _ := os.Stat(path)
	var code int
	var errs string
	m := measured(func() { code, _, errs = runCmd(t, "matrix", path, "--format", "csv") })
	if code != 2 || !strings.Contains(errs, path) || !strings.Contains(errs, "zip bomb") {
		t.Fatalf("exit %d, want 2 naming the file as a possible zip bomb: %s", code, errs)
	}
	// Bound: refused before inflating: under 64 MB of heap.
	if m.peak > 64*mb {
		t.Errorf("%v, bound 64 MB", m)
	}
	t.Logf("%d KB file: %s; %v", st.Size()>>10, strings.TrimSpace(errs), m)
}

// sharedStringsXLSX builds a workbook whose shared-strings table is
// reps MB of XML (100 MB: about 3.5 million strings) while its sheet
// uses only the first few.
func sharedStringsXLSX(t *testing.T, path string, reps int) int64 {
	base := excelize.NewFile()
	rows := [][]any{{"actor", "theme", "stance", "date"}, {"CHN", "sovereignty", "support", "2016"}, {"USA", "openness", "oppose", "2013"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		base.SetSheetRow("Sheet1", cell, &r)
	}
	zr := zipOf(t, base)
	var orig []byte
	for _, e := range zr.File {
		if e.Name == "xl/sharedStrings.xml" {
			r, _ := e.Open()
			var b bytes.Buffer
			b.ReadFrom(r)
			orig = b.Bytes()
		}
	}
	end := bytes.LastIndex(orig, []byte("</sst>"))
	if end < 0 {
		t.Fatalf("no shared strings in the base workbook: %s", orig)
	}
	// Independent deflate runs, concatenated (see zipBombXLSX).
	deflate := func(p []byte) []byte {
		var b bytes.Buffer
		fw, _ := flate.NewWriter(&b, flate.BestSpeed)
		fw.Write(p)
		fw.Flush()
		return b.Bytes()
	}
	unit := []byte("<si><t>padding string</t></si>")
	block := bytes.Repeat(unit, mb/len(unit))
	head, tail := orig[:end], orig[end:]
	total := int64(len(head) + reps*len(block) + len(tail))
	crc := crc32.NewIEEE()
	crc.Write(head)
	for range reps {
		crc.Write(block)
	}
	crc.Write(tail)
	dh, db, dt := deflate(head), deflate(block), deflate(tail)
	withRawPart(t, zr, path, &zip.FileHeader{Name: "xl/sharedStrings.xml", CRC32: crc.Sum32(),
		CompressedSize64: uint64(len(dh) + reps*len(db) + len(dt) + 2), UncompressedSize64: uint64(total)}, func(w io.Writer) {
		w.Write(dh)
		for range reps {
			w.Write(db)
		}
		w.Write(dt)
	})
	return total
}

func TestHostileXLSXHugeSharedStrings(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	// 100 MB takes 13 s (80 s with -race), so by default 8 MB; set
	// STANCEMAP_HOSTILE_FULL=1 for the full size (measured: peak heap
	// 372 MB at 100 MB, 102 MB at 8 MB).
	reps := 8
	if os.Getenv("STANCEMAP_HOSTILE_FULL") != "" {
		reps = 100
	}
	path := filepath.Join(t.TempDir(), "sst.xlsx")
	size := sharedStringsXLSX(t, path, reps)
	out := filepath.Join(t.TempDir(), "m.csv")
	var code int
	var errs string
	m := measured(func() { code, _, errs = runCmd(t, "matrix", path, "--format", "csv", "-o", out) })
	if code != 0 {
		t.Fatalf("exit %d: %.500s", code, errs)
	}
	b, _ := os.ReadFile(out)
	if !bytes.Contains(b, []byte("CHN,sovereignty,1,")) {
		t.Errorf("the sheet's rows were not read:\n%.500s", b)
	}
	// Bound: 128 MB + 4 × the shared-strings XML (528 MB at 100 MB).
	bound := 128*mb + 4*uint64(size)
	if m.peak > bound {
		t.Errorf("%v, bound %d MB", m, bound/mb)
	}
	t.Logf("%d MB of shared strings: %v", size/mb, m)
}

// zipOf saves a workbook in memory and opens it as a zip archive.
func zipOf(t *testing.T, f *excelize.File) *zip.Reader {
	t.Helper()
	var bb bytes.Buffer
	if err := f.Write(&bb); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(bb.Bytes()), int64(bb.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

var figureHandler = regexp.MustCompile(`<[a-z][^<>]*\son[a-z]+\s*=`)

// TestHostileFigureInjection puts HTML and script in actor names and theme
// labels and writes the figures: every SVG holds them as escaped text,
// never as markup, and the SVG stays well-formed XML.
func TestHostileFigureInjection(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "figs")
	code, _, errs := runCmd(t, "figures", hostile("html_injection.csv"), "--codebook", hostile("html_injection_codebook.yaml"),
		"--add-unknown-actors", "--out", dir, "--format", "svg")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	svgs, _ := filepath.Glob(filepath.Join(dir, "*.svg"))
	if len(svgs) != len(figures.Names) {
		t.Fatalf("%d SVG figures, want %d", len(svgs), len(figures.Names))
	}
	escaped := false
	for _, p := range svgs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.ToLower(string(b))
		for _, raw := range []string{"<script", "<img", "<iframe", "<b>"} {
			if strings.Contains(s, raw) {
				t.Errorf("%s: raw %q", filepath.Base(p), raw)
			}
		}
		if h := figureHandler.FindString(s); h != "" {
			t.Errorf("%s: an element with an event handler: %q", filepath.Base(p), h)
		}
		escaped = escaped || strings.Contains(string(b), "&lt;script&gt;alert(1)&lt;/script&gt;")
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err != nil {
				if err != io.EOF {
					t.Errorf("%s: not well-formed XML: %v", filepath.Base(p), err)
				}
				break
			}
		}
	}
	if !escaped {
		t.Error("the hostile actor's name is in no figure, escaped")
	}
}
