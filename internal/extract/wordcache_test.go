package extract

import (
	"fmt"
	"strings"
	"testing"
)

func TestWordCacheGivesWhatComputeGives(t *testing.T) {
	calls := map[string]int{}
	compute := func(s string) int32 {
		calls[s]++
		return int32(len(s))*7 + int32(s[len(s)-1])
	}
	long := strings.Repeat("x", wordKeyMax+1)
	for _, tc := range []struct {
		name  string
		words []string
		// computed: how often compute runs for words[0]
		computed int
	}{
		{"a word is computed once", []string{"sovereignty", "sovereignty", "sovereignty"}, 1},
		{"spellings are told apart", []string{"Sovereignty", "sovereignty", "Sovereignty"}, 1},
		{"a word longer than a slot is computed each time", []string{long, long}, 2},
		{"a word as long as a slot is cached", []string{long[:wordKeyMax], long[:wordKeyMax]}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clear(calls)
			c := newWordCache()
			for _, w := range tc.words {
				if got, want := c.get(w, compute), compute(w); got != want {
					t.Fatalf("get(%q) = %d, compute gives %d", w, got, want)
				}
				calls[w]-- // the check's own call
			}
			if calls[tc.words[0]] != tc.computed {
				t.Errorf("compute ran %d times for %q, want %d", calls[tc.words[0]], tc.words[0], tc.computed)
			}
		})
	}
}

func TestWordCacheFullStaysCorrect(t *testing.T) {
	c := newWordCache()
	compute := func(s string) int32 { return int32(len(s)) }
	n := 2 << wordCacheLog // twice the slots: the table fills and stops caching
	for i := range n {
		w := fmt.Sprintf("w%d", i)
		if got := c.get(w, compute); got != int32(len(w)) {
			t.Fatalf("get(%q) = %d, want %d", w, got, len(w))
		}
	}
	if c.used > len(c.slots)*3/4 {
		t.Errorf("%d of %d slots used: the table must keep a quarter free so probes end", c.used, len(c.slots))
	}
	for i := range n {
		w := fmt.Sprintf("w%d", i)
		if got := c.get(w, compute); got != int32(len(w)) {
			t.Fatalf("second pass: get(%q) = %d, want %d", w, got, len(w))
		}
	}
}
