package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// hostileTexts are texts whose XML is easy to get wrong: markup, quotes,
// whitespace at either end, control characters, invalid UTF-8, text
// past Excel's limit, and every kind of _xHHHH_ escape, including the
// escape of "_" itself followed by another and surrogates.
var hostileTexts = []string{
	"plain", "", " lead", "trail ", "\ttab", "line\nfeed\n", "\r\ncrlf", "a & b < c > d \"q\" 'a'",
	"=SUM(A1:A9)", "@cmd", "+1", "-2", "ctl\x01\x08\x0b\x1f\x7f", "bad \xff\xfe utf8", "ok \uFFFD kept", "é 日本 🎉",
	"_x0041_", "a_x0041_b_x00e9_c", "_x005F_", "_x005F_x0041_", "_x005F_xD800_", "_x005f_x0041_", "_xD800_", "x_xDFFF_y",
	"_x00411_", "__x0041__", "_x004_", "_X0041_", "_x0041_x0042_", "&_x0041_;", "_x005F__x005F_", strings.Repeat("long ", 7000),
}

// The Statements rows written by rowXML make the workbook excelize's
// SetRow makes, part by part and byte for byte once uncompressed (the
// deflate blocks are cut at other places; reading a part checks its
// CRC-32, which is joined from the rows' and the rest's): on the
// built-in sample, on hostile texts
// in every text column (ids, names, URLs, notes), with weights and
// confidences of every kind, and split over continuation sheets.
func TestStatementsRowXMLMatchesExcelize(t *testing.T) {
	defer func(on bool) { fastStatements = on }(fastStatements)
	both := func(t *testing.T, name string, write func() []byte) {
		fastStatements = false
		want := write()
		fastStatements = true
		got := write()
		gp, wp := zipParts(t, got), zipParts(t, want)
		if len(gp) != len(wp) {
			t.Fatalf("%s: %d parts, %d through excelize", name, len(gp), len(wp))
		}
		for i := range wp {
			if gp[i].name != wp[i].name || !bytes.Equal(gp[i].data, wp[i].data) {
				t.Errorf("%s: part %d, %s (%d bytes), differs from %s (%d bytes) through excelize; first sheet difference: %s",
					name, i, gp[i].name, len(gp[i].data), wp[i].name, len(wp[i].data), firstPartDiff(t, got, want))
				return
			}
		}
	}
	t.Run("sample", func(t *testing.T) {
		a, c, rr := sampleAnalysis(t)
		both(t, "sample", func() []byte { return writeReport(t, a, c, rr, Options{}) })
	})
	t.Run("hostile", func(t *testing.T) {
		c := syntheticCorpus(t, oddActors, 300, hostileTexts, func(i int) float64 { return []float64{1, 0.5, 2, 1e-7, 0}[i%5] })
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range c.Statements {
			s := &c.Statements[i]
			s.Speaker = hostileTexts[rng.IntN(len(hostileTexts))]
			s.Source = hostileTexts[rng.IntN(len(hostileTexts))]
			s.Event = hostileTexts[rng.IntN(len(hostileTexts))]
			s.Note = hostileTexts[rng.IntN(len(hostileTexts))]
			s.Coder = hostileTexts[rng.IntN(len(hostileTexts))%8]
			s.Origin = []string{"", "manual", "model"}[i%3]
			s.Confidence = []float64{0, 0.25, 1, 0.3333333333333333}[i%4]
			s.URL = []string{"", "https://example.org/a?b=1&c=<2>", "http://x.test/" + strings.Repeat("p", 2100), "ftp://no", "https://e.org/_x0041_"}[i%5]
			if i%7 == 0 {
				s.Date = data.Date{}
			}
		}
		a := analyse(t, c)
		both(t, "hostile", func() []byte { return writeReport(t, a, c, nil, Options{}) })
		defer func(n int) { rowsPerStatementSheet = n }(rowsPerStatementSheet)
		rowsPerStatementSheet = 70
		both(t, "continuation sheets", func() []byte { return writeReport(t, a, c, nil, Options{}) })
	})
}

// firstPartDiff names the first zip part whose bytes differ, with the
// text around the first difference.
func firstPartDiff(t *testing.T, got, want []byte) string {
	g, w := openReport(t, got), openReport(t, want)
	for _, s := range w.GetSheetList() {
		rg, _ := g.GetRows(s)
		rw, _ := w.GetRows(s)
		if fmt.Sprint(rg) != fmt.Sprint(rw) {
			for i := range min(len(rg), len(rw)) {
				if fmt.Sprint(rg[i]) != fmt.Sprint(rw[i]) {
					return fmt.Sprintf("sheet %s row %d: %q against %q", s, i+1, rg[i], rw[i])
				}
			}
			return fmt.Sprintf("sheet %s: %d rows against %d", s, len(rg), len(rw))
		}
	}
	return "the cells read the same (the XML differs)"
}

// underscoreEscapes by hand: each case as excelize writes it.
func TestUnderscoreEscapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"no escape", "no escape"},
		{"_x0041_", "_x005F_x0041_"},
		{"a_x00e9_b", "a_x005F_x00e9_b"},
		{"_x005F_", "_x005F_x005F_"},
		{"_x005F_x0041_", "_x005F_x005F_x005F_x0041_"},
		{"_x005F_xD800_", "_x005F_x005F_xD800_"},
		{"_xD800_", ""},
		{"a_xDBFF_b", "ab"},
		{"_x0041_x0042_", "_x005F_x0041_x0042_"},
		{"_x004_", "_x004_"},
		{"_X0041_", "_X0041_"},
	} {
		if got := underscoreEscapes(tc.in); got != tc.want {
			t.Errorf("underscoreEscapes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

type part struct {
	name string
	data []byte
}

// zipParts reads every part of a workbook, in the zip's order, checking
// each one's CRC-32 as it goes.
func zipParts(t *testing.T, b []byte) []part {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out []part
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out = append(out, part{f.Name, data})
	}
	return out
}

// crc32Join gives the CRC-32 of two pieces joined, for pieces of any
// length, the empty ones and those longer than its buffer of zeros
// included.
func TestCRC32Join(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 1}, {100, 3}, {7, 70_000}, {200_000, 131_073}} {
		a, b := make([]byte, n[0]), make([]byte, n[1])
		for i := range a {
			a[i] = byte(rng.UintN(256))
		}
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		want := crc32.ChecksumIEEE(append(append([]byte{}, a...), b...))
		if got := crc32Join(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), uint64(len(b))); got != want {
			t.Errorf("lengths %v: %08x, want %08x", n, got, want)
		}
	}
}
