package analysis

import (
	"runtime"
	"slices"
	"sync"

	"github.com/stancemap/stancemap/data"
)

// corpusIndex is what the matrix builders read of each statement, in
// compact columns: the actor and theme as small integers, stance,
// weight, confidence, date (packed in 32 bits) and the id's sort key. It is made in one pass
// over the statements (on every core for a large corpus), so that the
// overall and per-period matrices and the summary of an analysis do not
// each walk a million 256-byte statements again.
type corpusIndex struct {
	actors []string // distinct actor ids, sorted
	themes []string // distinct theme ids, sorted
	actor  []int32  // per statement: index into actors
	theme  []int32  // per statement: index into themes
	stance []int32
	weight []float64
	conf   []float64
	idKey  []uint64
	date   []uint32 // packDate of each date; see dateAt
	// wide holds every date unpacked, only when some date does not
	// pack (a year outside 0..2²⁰, as only a program can make).
	wide []data.Date
	// offScale is the first statement whose stance does not fit in 32
	// bits, or −1.
	offScale int
	spans    spans
}

// packDate packs a date into 32 bits, ordered as (year, month, day,
// precision), when its fields fit: year 0..2²⁰−1, month 0..15, day 0..31.
func packDate(d data.Date) (uint32, bool) {
	if d.Year < 0 || d.Year >= 1<<20 || d.Month < 0 || d.Month > 15 || d.Day < 0 || d.Day > 31 || d.Precision > 3 {
		return 0, false
	}
	return uint32(d.Year)<<11 | uint32(d.Month)<<7 | uint32(d.Day)<<2 | uint32(d.Precision), true
}

func unpackDate(k uint32) data.Date {
	return data.Date{Year: int32(k >> 11), Month: int8(k >> 7 & 15), Day: int8(k >> 2 & 31), Precision: data.Precision(k & 3)}
}

// dateAt is statement i's date.
func (ix *corpusIndex) dateAt(i int) data.Date {
	if ix.wide != nil {
		return ix.wide[i]
	}
	return unpackDate(ix.date[i])
}

// spans are the extreme dates of statements: first and last as
// Corpus.Span gives them, and to, the date with the latest last day
// (coarser first among equals), which ends the whole-span period. The
// first day of first is the earliest of all (coarser first), so it
// starts that period.
type spans struct{ first, last, to data.Date }

func (s *spans) add(d data.Date) {
	if d.IsZero() {
		return
	}
	if s.first.IsZero() || d.Compare(s.first) < 0 {
		s.first = d
	}
	if s.last.IsZero() || d.Compare(s.last) > 0 {
		s.last = d
	}
	if s.to.IsZero() {
		s.to = d
	} else if c := d.CompareLast(s.to); c > 0 || (c == 0 && d.Precision < s.to.Precision) {
		s.to = d
	}
}

// merge widens s by the dates of another part of the corpus.
func (s *spans) merge(o spans) {
	s.add(o.first)
	s.add(o.last)
	s.add(o.to)
}

// indexRows is the corpus size from which the index is made on every core.
const indexRows = 50000

func newCorpusIndex(ss []data.Statement) *corpusIndex {
	workers := 1
	if len(ss) >= indexRows {
		workers = runtime.GOMAXPROCS(0)
	}
	return indexOn(ss, workers)
}

// indexOn makes the index with the statements split between workers.
func indexOn(ss []data.Statement, workers int) *corpusIndex {
	n := len(ss)
	ix := &corpusIndex{actor: make([]int32, n), theme: make([]int32, n), stance: make([]int32, n),
		weight: make([]float64, n), conf: make([]float64, n), idKey: make([]uint64, n), date: make([]uint32, n), offScale: -1}
	type part struct {
		lo, hi         int
		actors, themes []string // local index → id
		spans          spans
		offScale       int  // first stance off the 32-bit scale, or −1
		wide           bool // some date does not pack
	}
	parts := make([]part, workers)
	per := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for w := range parts {
		p := &parts[w]
		p.lo, p.hi = min(w*per, n), min((w+1)*per, n)
		wg.Go(func() {
			actors, themes := interner{at: map[string]int32{}}, interner{at: map[string]int32{}}
			p.offScale = -1
			for i := p.lo; i < p.hi; i++ {
				s := &ss[i]
				ix.actor[i], ix.theme[i] = actors.code(s.Actor), themes.code(s.Theme)
				ix.stance[i], ix.weight[i], ix.conf[i] = int32(s.Stance), s.Weight, s.Confidence
				if int(ix.stance[i]) != s.Stance && p.offScale < 0 {
					p.offScale = i
				}
				ix.idKey[i] = idKey(s.ID)
				k, ok := packDate(s.Date)
				ix.date[i] = k
				p.wide = p.wide || !ok
				p.spans.add(s.Date)
			}
			p.actors, p.themes = actors.ids, themes.ids
		})
	}
	wg.Wait()
	// Global ids, then each part's local numbers turned into them.
	for _, p := range parts {
		ix.actors = append(ix.actors, p.actors...)
		ix.themes = append(ix.themes, p.themes...)
	}
	slices.Sort(ix.actors)
	ix.actors = slices.Compact(ix.actors)
	slices.Sort(ix.themes)
	ix.themes = slices.Compact(ix.themes)
	for w := range parts {
		p := &parts[w]
		wg.Go(func() {
			ra, rt := remap(p.actors, ix.actors), remap(p.themes, ix.themes)
			for i := p.lo; i < p.hi; i++ {
				ix.actor[i], ix.theme[i] = ra[ix.actor[i]], rt[ix.theme[i]]
			}
		})
	}
	wg.Wait()
	for _, p := range parts {
		ix.spans.merge(p.spans)
		if p.offScale >= 0 && ix.offScale < 0 {
			ix.offScale = p.offScale
		}
		if p.wide && ix.wide == nil {
			ix.wide = make([]data.Date, n)
			for i := range ss {
				ix.wide[i] = ss[i].Date
			}
		}
	}
	return ix
}

// interner numbers strings in order of first appearance.
type interner struct {
	at  map[string]int32
	ids []string
}

func (n *interner) code(s string) int32 {
	k, ok := n.at[s]
	if !ok {
		k = int32(len(n.ids))
		n.at[s] = k
		n.ids = append(n.ids, s)
	}
	return k
}

// remap gives, for each local id, its index in the sorted global ids.
func remap(local, global []string) []int32 {
	out := make([]int32, len(local))
	for k, id := range local {
		i, _ := slices.BinarySearch(global, id)
		out[k] = int32(i)
	}
	return out
}
