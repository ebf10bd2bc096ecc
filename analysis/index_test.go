package analysis

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// The index is the same whichever way the statements are split between
// workers, and its spans are Corpus.Span's.
func TestCorpusIndexSplitsAlike(t *testing.T) {
	c := compareCorpus(t)
	ss := c.Statements
	// Shuffle actors and dates about so that every part sees a different
	// first actor, theme and span.
	for i := 0; i < 3; i++ {
		ss = append(ss, ss...)
	}
	for i := range ss {
		d := data.Date{Year: int32(2000 + i%17), Precision: data.Precision(1 + i%3)}
		if d.Precision >= data.PrecisionMonth {
			d.Month = int8(1 + i%12)
		}
		if d.Precision == data.PrecisionDay {
			d.Day = int8(1 + i%28)
		}
		ss[i].Date = d
	}
	one := indexOn(ss, 1)
	from, to := (&data.Corpus{Statements: ss}).Span()
	if one.spans.first != from || one.spans.last != to {
		t.Errorf("spans %v–%v, Corpus.Span %v–%v", one.spans.first, one.spans.last, from, to)
	}
	for _, w := range []int{2, 3, 7} {
		if got := indexOn(ss, w); fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", one) {
			t.Errorf("%d workers: the index differs from one worker's", w)
		}
	}
	if !reflect.DeepEqual(one.actors, c.ActorIDs()) {
		t.Errorf("actors %v, want %v", one.actors, c.ActorIDs())
	}
}

// Packed dates come back as they went in, and order as Date.Compare
// orders dates of the same precision.
func TestPackDate(t *testing.T) {
	dates := []data.Date{{}, {Year: 1000, Precision: data.PrecisionYear}, {Year: 2013, Month: 11, Precision: data.PrecisionMonth},
		{Year: 2013, Month: 11, Day: 5, Precision: data.PrecisionDay}, {Year: 2013, Month: 12, Day: 31, Precision: data.PrecisionDay},
		{Year: 9999, Month: 12, Day: 31, Precision: data.PrecisionDay}, {Year: 1<<20 - 1, Month: 15, Day: 31, Precision: data.PrecisionDay}}
	var last uint32
	for i, d := range dates {
		k, ok := packDate(d)
		if !ok || unpackDate(k) != d {
			t.Errorf("%+v packs to %d (%v), unpacks to %+v", d, k, ok, unpackDate(k))
		}
		if i > 0 && k <= last {
			t.Errorf("%+v packs to %d, not above the date before it (%d)", d, k, last)
		}
		last = k
	}
	for _, d := range []data.Date{{Year: -1, Precision: data.PrecisionYear}, {Year: 1 << 20, Precision: data.PrecisionYear},
		{Year: 2000, Month: 16, Precision: data.PrecisionMonth}, {Year: 2000, Month: 1, Day: 32, Precision: data.PrecisionDay},
		{Year: 2000, Precision: 4}} {
		if k, ok := packDate(d); ok {
			t.Errorf("%+v packs to %d; it cannot", d, k)
		}
	}
}

// A date made by a program that does not pack keeps the whole index on
// full dates, and a stance off the 32-bit scale is an error naming the
// statement, as it was before the index packed them.
func TestCorpusIndexOddValues(t *testing.T) {
	c := compareCorpus(t)
	ss := append([]data.Statement(nil), c.Statements...)
	odd := data.Date{Year: 1 << 21, Precision: data.PrecisionYear}
	ss[len(ss)-1].Date = odd
	for _, w := range []int{1, 2} {
		ix := indexOn(ss, w)
		if ix.wide == nil || ix.dateAt(len(ss)-1) != odd || ix.dateAt(0) != ss[0].Date {
			t.Errorf("%d workers: dates %+v and %+v, want %+v and %+v", w, ix.dateAt(len(ss)-1), ix.dateAt(0), odd, ss[0].Date)
		}
	}
	ss[len(ss)-1].Date = ss[0].Date
	huge := int64(1) << 40
	if int64(int(huge)) != huge {
		return // a 32-bit int cannot hold a stance off the 32-bit scale
	}
	ss[3].Stance = int(huge)
	cc := *c
	cc.Statements = ss
	_, err := StanceMatrices(&cc, MatrixOptions{Period: PeriodSpec{Kind: PeriodYear}})
	if err == nil || !strings.Contains(err.Error(), ss[3].ID) || !strings.Contains(err.Error(), "off the scale") {
		t.Errorf("stance 2⁴⁰: error %v, want one naming %s off the scale", err, ss[3].ID)
	}
}

// A cell's example is its statement of highest |stance| × confidence,
// then of smallest id, whatever order the statements come in; ids that
// share their first eight bytes are told apart by the rest.
func TestCellExampleChoice(t *testing.T) {
	d, _ := data.ParseDate("2014")
	mk := func(id string, stance int, conf float64) data.Statement {
		return data.Statement{ID: id, Actor: "USA", Theme: "openness", Stance: stance, Date: d, Weight: 1, Confidence: conf}
	}
	cases := []struct {
		ss   []data.Statement
		want string
	}{
		{[]data.Statement{mk("speech-000010", 2, 0), mk("speech-000009", -2, 0), mk("speech-000008", 1, 0)}, "speech-000009"},
		{[]data.Statement{mk("a", 1, 0), mk("b", 2, 0.5), mk("c", -1, 0.9)}, "a"},             // 1, 1 and 0.9: a's 1 is first among equals by id
		{[]data.Statement{mk("z", 2, 0.9), mk("y", -1, 0), mk("x", 2, 0.5)}, "z"},             // 1.8 beats 1 and 1
		{[]data.Statement{mk("statement-2", 0, 0), mk("statement-10", 0, 0)}, "statement-10"}, // text order, not number order
	}
	for _, tc := range cases {
		for _, rev := range []bool{false, true} {
			ss := slices.Clone(tc.ss)
			if rev {
				slices.Reverse(ss)
			}
			c := handCorpus(t)
			c.Statements = ss
			set, err := StanceMatrices(c, MatrixOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if cell, _ := set.Matrices[0].Cell("USA", "openness"); cell.Example != tc.want {
				t.Errorf("%v (reversed %v): example %q, want %q", ids(ss), rev, cell.Example, tc.want)
			}
		}
	}
}

func ids(ss []data.Statement) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

// The interner gives one code per distinct text, however the strings
// holding it were made: the same bytes at two addresses, a prefix
// sharing its string's address, the empty string.
func TestInternerCodes(t *testing.T) {
	var n interner
	n.at = map[string]int32{}
	base := "USAUSA"
	copyOf := func(s string) string { return string([]byte(s)) }
	inputs := []string{base[:3], copyOf("USA"), base[3:], base, base[:2], "", copyOf(""), base[:3], "US"}
	want := []int32{0, 0, 0, 1, 2, 3, 3, 0, 2}
	for i, s := range inputs {
		if got := n.code(s); got != want[i] {
			t.Errorf("input %d (%q): code %d, want %d", i, s, got, want[i])
		}
	}
	if !reflect.DeepEqual(n.ids, []string{"USA", "USAUSA", "US", ""}) {
		t.Errorf("ids %q", n.ids)
	}
}
