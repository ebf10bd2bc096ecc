package data

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// readCSVBothWays reads CSV text as statements twice: the careful way
// (encoding/csv, every record into a Table) and the lazy way, split into
// the given number of chunks. It reports whether the lazy reader kept
// the table (rather than handing it back to the careful one).
func readCSVBothWays(t *testing.T, text string, workers int) (careful, lazy *ReadResult, wasLazy bool) {
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
	read := func(lazy bool) (*ReadResult, bool) {
		tab, err := parseTableBytes([]byte(text), "in.csv", TableOptions{IsHeader: looksLikeHeader(statementSynonyms), lazy: lazy})
		if err != nil {
			return &ReadResult{Problems: Problems{err.(*Problem)}}, false
		}
		sr := newStatementReader(opt)
		sr.workers = workers
		kept := false
		if tab.lazy != nil {
			cols := mapColumns(tab.Header, statementSynonyms)
			if !missingFields(cols) {
				// Ask the lazy reader on its own first, to learn whether it
				// declines; then read for real.
				probe := newStatementReader(opt)
				kept = probe.lazyRows(tab, cols, workers) != nil
			}
		}
		if err := sr.table(tab); err != nil {
			return &ReadResult{Problems: Problems{err.(*Problem)}}, kept
		}
		sr.finish()
		return sr.res, kept
	}
	careful, _ = read(false)
	lazy, wasLazy = read(true)
	return careful, lazy, wasLazy
}

func sameRead(t *testing.T, text string, a, b *ReadResult) {
	t.Helper()
	if !reflect.DeepEqual(a.Statements, b.Statements) && !(len(a.Statements) == 0 && len(b.Statements) == 0) {
		n := min(len(a.Statements), len(b.Statements))
		for i := 0; i < n; i++ {
			if !reflect.DeepEqual(a.Statements[i], b.Statements[i]) {
				t.Fatalf("%q: statement %d differs:\ncareful %+v\nlazy    %+v", text, i, a.Statements[i], b.Statements[i])
			}
		}
		t.Fatalf("%q: %d statements read carefully, %d lazily", text, len(a.Statements), len(b.Statements))
	}
	if a.Rows != b.Rows || a.InvalidRows != b.InvalidRows {
		t.Fatalf("%q: rows %d/%d invalid carefully, %d/%d lazily", text, a.Rows, a.InvalidRows, b.Rows, b.InvalidRows)
	}
	pa, pb := fmt.Sprint(a.Problems), fmt.Sprint(b.Problems)
	if pa != pb {
		t.Fatalf("%q: problems differ:\ncareful %s\nlazy    %s", text, pa, pb)
	}
	if !reflect.DeepEqual(a.Notes, b.Notes) {
		t.Fatalf("%q: notes differ:\ncareful %q\nlazy    %q", text, a.Notes, b.Notes)
	}
}

const lazyHeaderLine = "id,actor,theme,stance,date,text\n"

// The lazy reader gives what the careful one gives, row numbers, blank
// rows, problems and notes included, whether it keeps the table or
// hands it back.
func TestLazyCSVMatchesCareful(t *testing.T) {
	cases := []struct {
		body string
		lazy bool // whether the lazy reader keeps it
	}{
		{"a1,USA,sovereignty,1,2015-06-01,plain\na2,CHN,openness,-2,2016,\"quoted, with comma\"\n", true},
		{"a1,USA,sovereignty,1,2015,\"two\nlines\"\na2,CHN,openness,-2,2016,after\n", true},
		{"a1,USA,sovereignty,1,2015,\"say \"\"no\"\"\"\n\n\na2,CHN,openness,-2,2016,x", true},
		{"a1,USA,sovereignty,1,2015,x\n ,  ,\n,,,,,\na2,CHN,openness,9,2016,x\n", true},
		{"a1,USA,sovereignty,1,2015,x,extra\na2,Atlantis,openness,1,2016\n", true},
		{"a1,USA,sovereignty,1,2015,x\na1,USA,sovereignty,1,2015,x\n,USA,openness,1,2015,same\n,USA,openness,1,2015,same\n", true},
		{"a1,USA,sovereignty,1,2015, padded \t\na2,CHN,openness,-2,2016,\"\"\n", true},
		{"a1,USA,sovereignty,1,2015,He said \"no\"\na2,CHN,openness,-2,2016,x\n", false}, // bare quote
		{"a1,USA,sovereignty,1,2015,\"closed\" then\na2,CHN,openness,-2,2016,x\n", false},
		{"a1,USA,sovereignty,1,2015,\"never closed\na2,CHN,openness,-2,2016,x\n", false},
		{"a1,USA,sovereignty,1,2015,x\r\na2,CHN,openness,-2,2016,\"x\r\ny\"\r\n", true}, // CRLF become LF first
		{"a1,USA,sovereignty,1,2015,x\ra\na2,CHN,openness,-2,2016,x\n", false},          // a lone CR
		{"a1,USA,sovereignty,1,2015,'=cmd\na2,CHN,openness,-2,2016-13-01,x\n", true},
	}
	for _, c := range cases {
		text := lazyHeaderLine + c.body
		for _, workers := range []int{1, 2, 3, 7} {
			careful, lazy, kept := readCSVBothWays(t, text, workers)
			sameRead(t, text, careful, lazy)
			if workers == 1 && kept != c.lazy {
				t.Errorf("%q: lazy reader kept it: %v, want %v", c.body, kept, c.lazy)
			}
		}
	}
	// Not lazy at all: a title row above the header, a sep= line, a
	// header that is not one.
	for _, text := range []string{"Coded statements\n" + lazyHeaderLine + "a1,USA,sovereignty,1,2015,x\n",
		"sep=;\nid;actor;theme;stance;date\na1;USA;sovereignty;1;2015\n", "\n" + lazyHeaderLine + "a1,USA,sovereignty,1,2015,x\n"} {
		tab, err := parseTableBytes([]byte(text), "in.csv", TableOptions{IsHeader: looksLikeHeader(statementSynonyms), lazy: true})
		if err != nil || tab.lazy != nil {
			t.Errorf("%q: read lazily (%v)", text, err)
		}
		careful, lazy, _ := readCSVBothWays(t, text, 2)
		sameRead(t, text, careful, lazy)
	}
}

// A large table read lazily on several workers keeps every row, in file
// order, with its true line number.
func TestLazyCSVRowsAndLines(t *testing.T) {
	var b strings.Builder
	b.WriteString(lazyHeaderLine)
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
	careful, lazy, kept := readCSVBothWays(t, b.String(), 4)
	if !kept {
		t.Fatal("the lazy reader handed a plain table back")
	}
	sameRead(t, "(5000 rows)", careful, lazy)
	if len(lazy.Statements) != 5000 {
		t.Fatalf("%d statements, want 5000", len(lazy.Statements))
	}
	for i, s := range lazy.Statements {
		if s.ID != fmt.Sprintf("s%d", i) || s.Pos.Row != want[s.ID] {
			t.Fatalf("statement %d: id %s at line %d, want s%d at %d", i, s.ID, s.Pos.Row, i, want[s.ID])
		}
	}
}

func FuzzLazyCSV(f *testing.F) {
	f.Add("a1,USA,sovereignty,1,2015,\"x\"\"y\"\n\na2,CHN,openness,-2,2016,z\n", uint8(2))
	f.Add("a1,USA,sovereignty,1,2015,\"x\ny\"\n,,\na2,Atlantis,openness,x,2016\n", uint8(3))
	f.Add("a1,USA,sovereignty,1,2015,He said \"no\"\n", uint8(1))
	f.Fuzz(func(t *testing.T, body string, workers uint8) {
		text := lazyHeaderLine + body
		careful, lazy, _ := readCSVBothWays(t, text, 1+int(workers%8))
		sameRead(t, text, careful, lazy)
	})
}

// Ids kept side by side stay as they were while later ones fill the
// blocks; an empty or unusually long id is left where it is.
func TestIDArenaKeepsIDs(t *testing.T) {
	var a idArena
	var kept, want []string
	for i := range 20000 { // several 64 KB blocks
		id := fmt.Sprintf("statement-%d", i)
		kept = append(kept, a.keep(id))
		want = append(want, id)
	}
	for i := range kept {
		if kept[i] != want[i] {
			t.Fatalf("id %d reads %q, want %q", i, kept[i], want[i])
		}
	}
	long := strings.Repeat("x", 65)
	if got := a.keep(long); unsafe.StringData(got) != unsafe.StringData(long) {
		t.Error("a 65-byte id was copied")
	}
	if got := a.keep(""); got != "" {
		t.Errorf("empty id kept as %q", got)
	}
}
