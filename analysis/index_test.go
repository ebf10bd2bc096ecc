package analysis

import (
	"fmt"
	"reflect"
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
		d := data.Date{Year: 2000 + i%17, Precision: data.Precision(1 + i%3)}
		if d.Precision >= data.PrecisionMonth {
			d.Month = 1 + i%12
		}
		if d.Precision == data.PrecisionDay {
			d.Day = 1 + i%28
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
