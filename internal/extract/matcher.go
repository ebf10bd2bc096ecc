package extract

import (
	"sort"
)

// automaton is an Aho–Corasick automaton (Aho & Corasick 1975,
// "Efficient string matching") over words rather than characters: the
// symbols are vocabulary ids of folded, stemmed words, so a phrase only
// ever matches whole words, and one pass over a sentence finds every
// phrase of every theme, cue list and attribution list at once.
//
// Symbol 0 stands for every word no phrase uses; it sends the automaton
// back to the root. The transition function is completed with the
// failure links at build time, so scanning costs one table look-up per
// word, whatever the number of phrases.
type automaton struct {
	alpha int     // number of symbols, 0 included
	dense []int32 // state*alpha + symbol → state, when small enough
	// sparse transitions, used when the dense table would be too large:
	// state<<32 | symbol → state, with fail links followed at run time.
	sparse map[uint64]int32
	fail   []int32
	out    [][]int32 // patterns ending in each state, suffixes included
	plen   []int     // length of each pattern in words
}

// maxDense bounds the dense table (in entries): 8M int32 = 32 MB.
const maxDense = 8 << 20

// buildAutomaton compiles patterns (sequences of symbols in 1..alpha-1).
// Pattern i is reported as i. Empty patterns are ignored.
func buildAutomaton(pats [][]int32, alpha int) *automaton {
	a := &automaton{alpha: alpha, plen: make([]int, len(pats))}
	type edgeKey = uint64
	trie := map[edgeKey]int32{}
	nstates := 1
	var out [][]int32
	out = append(out, nil)
	for i, p := range pats {
		a.plen[i] = len(p)
		if len(p) == 0 {
			continue
		}
		s := int32(0)
		for _, sym := range p {
			k := uint64(s)<<32 | uint64(uint32(sym))
			next, ok := trie[k]
			if !ok {
				next = int32(nstates)
				nstates++
				out = append(out, nil)
				trie[k] = next
			}
			s = next
		}
		out[s] = append(out[s], int32(i))
	}
	// Children of each state, for the breadth-first pass.
	children := make([][][2]int32, nstates)
	for k, next := range trie {
		s := int32(k >> 32)
		children[s] = append(children[s], [2]int32{int32(uint32(k)), next})
	}
	for s := range children {
		sort.Slice(children[s], func(i, j int) bool { return children[s][i][0] < children[s][j][0] })
	}
	fail := make([]int32, nstates)
	order := make([]int32, 0, nstates)
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		order = append(order, s)
		for _, c := range children[s] {
			sym, next := c[0], c[1]
			if s != 0 {
				f := fail[s]
				for {
					if t, ok := trie[uint64(f)<<32|uint64(uint32(sym))]; ok {
						fail[next] = t
						break
					}
					if f == 0 {
						fail[next] = 0
						break
					}
					f = fail[f]
				}
			}
			queue = append(queue, next)
		}
	}
	// Outputs of a state include those of its fail chain (BFS order makes
	// the fail state's list complete first).
	for _, s := range order[1:] {
		if f := fail[s]; len(out[f]) > 0 {
			out[s] = append(append([]int32(nil), out[s]...), out[f]...)
		}
	}
	a.out = out
	a.fail = fail
	if nstates*alpha <= maxDense {
		a.dense = make([]int32, nstates*alpha)
		for _, s := range order {
			row := a.dense[int(s)*alpha : int(s)*alpha+alpha]
			if s != 0 {
				copy(row, a.dense[int(fail[s])*alpha:int(fail[s])*alpha+alpha])
			}
			for _, c := range children[s] {
				row[c[0]] = c[1]
			}
			row[0] = 0
		}
		return a
	}
	a.sparse = trie
	return a
}

// step moves from state s on symbol sym.
func (a *automaton) step(s int32, sym int32) int32 {
	if sym <= 0 || int(sym) >= a.alpha {
		return 0
	}
	if a.dense != nil {
		return a.dense[int(s)*a.alpha+int(sym)]
	}
	for {
		if t, ok := a.sparse[uint64(s)<<32|uint64(uint32(sym))]; ok {
			return t
		}
		if s == 0 {
			return 0
		}
		s = a.fail[s]
	}
}

// match is one phrase found: pattern pat over the words first..last
// (indexes into the word list scanned, inclusive).
type match struct {
	pat         int32
	first, last int32
}

// scan runs the automaton over a sequence of symbols and appends every
// match, overlapping ones included, in order of their last word.
func (a *automaton) scan(syms []int32, ms []match) []match {
	s := int32(0)
	for i, sym := range syms {
		s = a.step(s, sym)
		for _, p := range a.out[s] {
			ms = append(ms, match{pat: p, first: int32(i - a.plen[p] + 1), last: int32(i)})
		}
	}
	return ms
}

// vocab numbers the distinct words of a set of phrases, from 1.
type vocab map[string]int32

func (v vocab) id(w string) int32 {
	if id, ok := v[w]; ok {
		return id
	}
	id := int32(len(v) + 1)
	v[w] = id
	return id
}
