package data

import (
	"bytes"
	"strings"
	"testing"
)

// Fuzz targets for every parser in data. `make fuzz` runs each for a
// fixed time; crashers found land in testdata/fuzz/<Target>/ and then run
// as regression cases with every `go test`.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2013", "2013-11", "2013-11-05", "32/13/2016", "2016-02-29", "0999", "2013-11-05T10:00:00Z", "", " 2013 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		// A parsed date writes back to a form that parses to itself.
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("%q → %v → %q → %v (%v)", s, d, d.String(), again, err)
		}
		if d.First().After(d.Last()) {
			t.Fatalf("%v: first day after last", d)
		}
	})
}

func FuzzParseStance(f *testing.F) {
	cb, _ := DefaultCodebook()
	for _, s := range []string{"2", "-2", "+1", "1.0", "strongly support", "agree", "maybe", "1e0", "NaN", "-0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := cb.ParseStance(s)
		if ok && (v < MinStance || v > MaxStance) {
			t.Fatalf("%q parsed to %d, off the scale", s, v)
		}
	})
}

// FuzzReadStatementsCSV feeds arbitrary bytes to the CSV reader and
// statement checks: no panic, every row accounted for, every problem
// placed in the file.
func FuzzReadStatementsCSV(f *testing.F) {
	seeds := []string{
		"actor,theme,stance,date,text\nCHN,sovereignty,2,2016,\"quoted, text\"\n",
		"actor;theme;stance;date\nGBR;openness;support;2013-10-17\n",
		"\xef\xbb\xbfActor\tTheme\tStance\tDate\r\nKOR\tdigital_divide\t2\t2013\r\n",
		"title row\nactor,theme,stance,date\nUSA,openness,\"1\n,2013\n",
		"actor,theme,stance,date\n=HYPERLINK(\"x\"),openness,1,2013\n\"unclosed,openness,1,2013\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	reg, _ := DefaultRegistry()
	cb, _ := DefaultCodebook()
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := ParseTable(bytes.NewReader(b), "fuzz.csv", TableOptions{IsHeader: looksLikeHeader(statementSynonyms)})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		res := ReadStatementsTable(tab, ReadOptions{Registry: reg, Codebook: cb})
		if res.Rows != len(res.Statements)+res.InvalidRows {
			t.Fatalf("rows not conserved: %d read, %d valid, %d invalid", res.Rows, len(res.Statements), res.InvalidRows)
		}
		for _, p := range res.Problems {
			if p.File != "fuzz.csv" || p.Row < 0 {
				t.Fatalf("misplaced problem %+v", p)
			}
		}
	})
}

func FuzzReadStatementsJSON(f *testing.F) {
	f.Add([]byte(`[{"actor":"CHN","theme":"sovereignty","stance":2,"date":"2016"}]`))
	f.Add([]byte(`{"statements":[{"actor":"GBR","theme":"openness","stance":"support","date":"2013-10-17","text":{"a":1}}]}`))
	f.Add([]byte("{\"actor\":\"USA\",\"theme\":\"openness\",\"stance\":1,\"date\":2013}\n{broken\n"))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]`))
	reg, _ := DefaultRegistry()
	cb, _ := DefaultCodebook()
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, name := range []string{"fuzz.json", "fuzz.jsonl"} {
			tab, err := ParseTable(bytes.NewReader(b), name, TableOptions{})
			if err != nil {
				continue
			}
			res := ReadStatementsTable(tab, ReadOptions{Registry: reg, Codebook: cb})
			if res.Rows != len(res.Statements)+res.InvalidRows {
				t.Fatalf("%s: rows not conserved", name)
			}
		}
	})
}

func FuzzParseCodebook(f *testing.F) {
	b, _ := SampleFile(SampleCodebook)
	f.Add(b)
	f.Add([]byte("themes:\n  - {id: a, positive: p, negative: n}\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		cb, err := ParseCodebook(b, "fuzz.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if len(cb.Themes) == 0 {
			t.Fatal("a codebook without themes was accepted")
		}
	})
}

func FuzzReadActors(f *testing.F) {
	b, _ := SampleFile(SampleActors)
	f.Add(b[:min(len(b), 2000)])
	f.Add([]byte("id,name,kind,aliases\nXAA,Alpha,state,A|B\nXBB,Beta,planet,\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := ParseTable(bytes.NewReader(b), "actors.csv", TableOptions{IsHeader: looksLikeHeader(actorSynonyms)})
		if err != nil {
			return
		}
		reg, _ := ActorsFromTable(tab)
		for _, a := range reg.Actors() {
			if got, ok := reg.Resolve(a.ID); !ok || got.ID != a.ID {
				t.Fatalf("actor %q does not resolve to itself", a.ID)
			}
		}
	})
}
