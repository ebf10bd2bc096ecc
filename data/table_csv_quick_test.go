package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// readCSVBothWays reads CSV text as statements twice: the careful way
// (encoding/csv, every record into a Table) and the quick way, split into
// the given number of chunks. It reports whether the quick reader kept
// the table (rather than reading it all again the careful way).
func readCSVBothWays(t *testing.T, text string, workers int) (careful, quick *ReadResult, kept bool) {
	t.Helper()
	reg, err := DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	cb, err := DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	opt := ReadOptions{Registry: reg, Codebook: cb}
	read := func(quick bool) (*ReadResult, bool) {
		parse := func() (*Table, rowSource, error) {
			return parseTableText(text, "in.csv", TableOptions{IsHeader: looksLikeHeader(statementSynonyms)}, quick)
		}
		tab, src, err := parse()
		if err != nil {
			return &ReadResult{Problems: Problems{err.(*Problem)}}, false
		}
		kept := false
		if _, ok := src.(*quickCSV); ok {
			// Read once on its own first, to learn whether the quick
			// reader gives up; then read for real.
			ptab, psrc, _ := parse()
			probe := newStatementReader(opt)
			probe.rows(ptab, mapColumns(ptab.Header, statementSynonyms), false, psrc, workers)
			kept = psrc.done() == nil
		}
		sr := newStatementReader(opt)
		sr.workers = workers
		sr.table(tab, src)
		sr.finish()
		return sr.res, kept
	}
	careful, _ = read(false)
	quick, kept = read(true)
	return careful, quick, kept
}

func sameRead(t *testing.T, text string, a, b *ReadResult) {
	t.Helper()
	if !reflect.DeepEqual(a.Statements, b.Statements) && !(len(a.Statements) == 0 && len(b.Statements) == 0) {
		n := min(len(a.Statements), len(b.Statements))
		for i := 0; i < n; i++ {
			if !reflect.DeepEqual(a.Statements[i], b.Statements[i]) {
				t.Fatalf("%q: statement %d differs:\ncareful %+v\nquick   %+v", text, i, a.Statements[i], b.Statements[i])
			}
		}
		t.Fatalf("%q: %d statements read carefully, %d quickly", text, len(a.Statements), len(b.Statements))
	}
	if a.Rows != b.Rows || a.InvalidRows != b.InvalidRows {
		t.Fatalf("%q: rows %d/%d invalid carefully, %d/%d quickly", text, a.Rows, a.InvalidRows, b.Rows, b.InvalidRows)
	}
	pa, pb := fmt.Sprint(a.Problems), fmt.Sprint(b.Problems)
	if pa != pb {
		t.Fatalf("%q: problems differ:\ncareful %s\nquick   %s", text, pa, pb)
	}
	if !reflect.DeepEqual(a.Notes, b.Notes) {
		t.Fatalf("%q: notes differ:\ncareful %q\nquick   %q", text, a.Notes, b.Notes)
	}
}

const quickHeaderLine = "id,actor,theme,stance,date,text\n"

// The quick reader gives what the careful one gives, row numbers, blank
// rows, problems and notes included, whether it keeps the table or
// hands it back.
func TestQuickCSVMatchesCareful(t *testing.T) {
	cases := []struct {
		body  string
		quick bool // whether the quick reader keeps it
	}{
		{"a1,USA,sovereignty,1,2015-06-01,plain\na2,CHN,openness,-2,2016,\"quoted, with comma\"\n", true},
		{"a1,USA,sovereignty,1,2015,\"two\nlines\"\na2,CHN,openness,-2,2016,after\n", true},
		{"a1,USA,sovereignty,1,2015,\"say \"\"no\"\"\"\n\n\na2,CHN,openness,-2,2016,x", true},
		{"a1,USA,sovereignty,1,2015,x\n ,  ,\n,,,,,\na2,CHN,openness,9,2016,x\n", true},
		{"a1,USA,sovereignty,1,2015,x,extra\na2,Atlantis,openness,1,2016\n", true},
		{"a1,USA,sovereignty,1,2015,x\na1,USA,sovereignty,1,2015,x\n,USA,openness,1,2015,same\n,USA,openness,1,2015,same\n", true},
		{"a1,USA,sovereignty,1,2015, padded \t\na2,CHN,openness,-2,2016,\"\"\n", true},
		{"a1,USA,sovereignty,1,2015,He said \"no\"\na2,CHN,openness,-2,2016,x\n", true},  // bare quote, read carefully
		{"a1,USA,sovereignty,1,2015,\"closed\" then\na2,CHN,openness,-2,2016,x\n", true}, // skipped, with an error
		{"a1,USA,sovereignty,1,2015,\"never closed\na2,CHN,openness,-2,2016,x\n", true},  // reported, reading goes on at the next line
		{"a1,USA,sovereignty,1,2015,\"never closed\na2,CHN,openness,-2,2016,\"x\"\"\na3,RUS,openness,1,2017,\"y\"\n", true},
		{"a1,USA,sovereignty,1,2015,x\r\na2,CHN,openness,-2,2016,\"x\r\ny\"\r\n", true}, // CRLF become LF first
		{"a1,USA,sovereignty,1,2015,x\ra\na2,CHN,openness,-2,2016,x\n", false},          // a lone CR
		{"a1,USA,sovereignty,1,2015,'=cmd\na2,CHN,openness,-2,2016-13-01,x\n", true},
	}
	for _, c := range cases {
		text := quickHeaderLine + c.body
		for _, workers := range []int{1, 2, 3, 7} {
			careful, quick, kept := readCSVBothWays(t, text, workers)
			sameRead(t, text, careful, quick)
			if workers == 1 && kept != c.quick {
				t.Errorf("%q: quick reader kept it: %v, want %v", c.body, kept, c.quick)
			}
		}
	}
	// Not quick at all: a title row above the header, a sep= line, a
	// header that is not one.
	for _, text := range []string{"Coded statements\n" + quickHeaderLine + "a1,USA,sovereignty,1,2015,x\n",
		"sep=;\nid;actor;theme;stance;date\na1;USA;sovereignty;1;2015\n", "\n" + quickHeaderLine + "a1,USA,sovereignty,1,2015,x\n"} {
		_, src, err := parseTableText(text, "in.csv", TableOptions{IsHeader: looksLikeHeader(statementSynonyms)}, true)
		if _, quick := src.(*quickCSV); err != nil || quick {
			t.Errorf("%q: read quickly (%v)", text, err)
		}
		careful, quick, _ := readCSVBothWays(t, text, 2)
		sameRead(t, text, careful, quick)
	}
}

// Records skipped for a quoted cell that never closes (here: still open
// past a lowered record bound) are reported alike by both readers; past
// maxCSVRestarts of them the quick reader hands the table to the careful
// one, which gives up on the rest.
func TestQuickCSVRestarts(t *testing.T) {
	defer func(n int) { maxCSVRecordBytes = n }(maxCSVRecordBytes)
	maxCSVRecordBytes = 1024 // above the built-in registry's records
	for _, c := range []struct {
		lines int
		quick bool
	}{{3, true}, {maxCSVRestarts, true}, {maxCSVRestarts + 2, false}} {
		var b strings.Builder
		b.WriteString(quickHeaderLine)
		for i := range c.lines {
			fmt.Fprintf(&b, "a%d,USA,sovereignty,1,2015,\"%s\n", i, strings.Repeat("x", 2000))
		}
		b.WriteString("z,CHN,openness,-2,2016,x\n")
		for _, workers := range []int{1, 2, 3} {
			careful, quick, kept := readCSVBothWays(t, b.String(), workers)
			sameRead(t, b.String(), careful, quick)
			if workers == 1 && kept != c.quick {
				t.Errorf("%d open quotes: quick reader kept it: %v, want %v", c.lines, kept, c.quick)
			}
			if !c.quick && !strings.Contains(fmt.Sprint(careful.Problems), "too many quoted cells that never close") {
				t.Errorf("%d open quotes: %v", c.lines, careful.Problems)
			}
		}
	}
}

// A large table read quickly on several workers keeps every row, in file
// order, with its true line number.
func TestQuickCSVRowsAndLines(t *testing.T) {
	var b strings.Builder
	b.WriteString(quickHeaderLine)
	line := 2
	want := map[string]int{}
	for i := 0; i < 5000; i++ {
		id := fmt.Sprintf("s%d", i)
		want[id] = line
		switch i % 7 {
		case 3:
			fmt.Fprintf(&b, "%s,USA,sovereignty,1,2015,\"a\nb\"\n", id)
			line += 2
		case 5:
			fmt.Fprintf(&b, "%s,CHN,openness,-1,2016,x\n\n", id)
			line += 2
		default:
			fmt.Fprintf(&b, "%s,RUS,openness,2,2017,y\n", id)
			line++
		}
	}
	careful, quick, kept := readCSVBothWays(t, b.String(), 4)
	if !kept {
		t.Fatal("the quick reader read a plain table again carefully")
	}
	sameRead(t, "(5000 rows)", careful, quick)
	if len(quick.Statements) != 5000 {
		t.Fatalf("%d statements, want 5000", len(quick.Statements))
	}
	for i, s := range quick.Statements {
		if s.ID != fmt.Sprintf("s%d", i) || s.Pos.Row != want[s.ID] {
			t.Fatalf("statement %d: id %s at line %d, want s%d at %d", i, s.ID, s.Pos.Row, i, want[s.ID])
		}
	}
}

func FuzzQuickCSV(f *testing.F) {
	f.Add("a1,USA,sovereignty,1,2015,\"x\"\"y\"\n\na2,CHN,openness,-2,2016,z\n", uint8(2))
	f.Add("a1,USA,sovereignty,1,2015,\"x\ny\"\n,,\na2,Atlantis,openness,x,2016\n", uint8(3))
	f.Add("a1,USA,sovereignty,1,2015,He said \"no\"\n", uint8(1))
	f.Fuzz(func(t *testing.T, body string, workers uint8) {
		text := quickHeaderLine + body
		careful, quick, _ := readCSVBothWays(t, text, 1+int(workers%8))
		sameRead(t, text, careful, quick)
	})
}

// What the quick reader buys over the careful one: 200,000 statements
// (47 MB) from CSV text to statements, on every core.
func BenchmarkStatementRows_200k(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("id,actor,theme,stance,date,text,source,coder,origin\n")
	themes := []string{"sovereignty", "openness", "multistakeholder", "digital_divide", "international_law"}
	actors := []string{"USA", "CHN", "RUS", "DEU", "BRA", "IND", "FRA", "GBR"}
	for i := range 200000 {
		fmt.Fprintf(&sb, "s%08d,%s,%s,%d,20%02d-0%d-1%d,Under agenda item %d the delegation noted that the matter is essential and that the international community should act on it.,Report %d,synth,auto\n",
			i, actors[i%len(actors)], themes[i%len(themes)], i%5-2, i%25, 1+i%9, i%10, i, i%97)
	}
	text := sb.String()
	reg, _ := DefaultRegistry()
	cb, _ := DefaultCodebook()
	for _, quick := range []bool{false, true} {
		name := "careful"
		if quick {
			name = "quick"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				tab, src, err := parseTableText(text, "bench.csv", TableOptions{IsHeader: looksLikeHeader(statementSynonyms)}, quick)
				if err != nil {
					b.Fatal(err)
				}
				sr := newStatementReader(ReadOptions{Registry: reg, Codebook: cb})
				sr.table(tab, src)
				if len(sr.res.Statements) != 200000 {
					b.Fatalf("%d statements", len(sr.res.Statements))
				}
			}
		})
	}
}

// openQuote finds a quoted cell that never closes exactly where
// encoding/csv, reading the record, reports one (csvParse.unclosed): the
// careful reader trusts it instead of having encoding/csv copy the rest
// of the file to find so.
func FuzzOpenQuote(f *testing.F) {
	for _, s := range []string{"a,\"b\nc,d\n", "a,\"b\"\"\nc\n", "a,b\"c,\"d\n", "\"a\"x,\"b\n", "a;\"b\";\"c\n", "\"a\"\"\"", "a,\"b\",\"", "\"\"\"\n\"", "é,\"x"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, text string, d uint8) {
		delim := []rune{',', ';', '\t', '§'}[d%4]
		if text == "" || text[0] == '\n' || strings.ContainsAny(text, "\r") || !utf8.ValidString(text) || strings.ContainsRune(text, utf8.RuneError) {
			return // the careful reader gives encoding/csv decoded text with \n line ends, from a record's first line
		}
		r := csv.NewReader(strings.NewReader(text))
		r.Comma = delim
		r.FieldsPerRecord = -1
		_, err := r.Read()
		p := &csvParse{lineIndex: newLineIndex(text), t: &Table{Delimiter: delim}}
		var pe *csv.ParseError
		want := errors.As(err, &pe) && p.unclosed(pe, pe.Line)
		if got := openQuote(text, 0, len(text), delim); got != want {
			t.Errorf("openQuote(%q, %q) = %v; encoding/csv: %v", text, delim, got, err)
		}
	})
}
