package analysis

import (
	"math"
	"slices"
)

// withOverlapPossible returns the rows of p that have values on at least
// opt's minimum overlap of themes (0 meaning DefaultMinOverlap): the only
// rows that can be comparable with any other. Per-period distances use it
// first: in a year of a corpus of 10,000 actors most have spoken on fewer
// themes than that, and their n × n distances (1.7 GB each at 10,000
// rows, once per period for the convergence and again for the blocs over
// time) were all "not comparable". The rows kept are in p's order, so
// every comparable pair, and any sum over them in row order, is as
// before. p itself is returned when no row is left out.
func withOverlapPossible(p Positions, opt DistanceOptions) Positions {
	keep := overlapPossible(p, opt)
	if len(keep) == len(p.Rows) {
		return p
	}
	return p.rowsAt(keep)
}

// rowsAt is p's rows idx, in that order, sharing their values.
func (p Positions) rowsAt(idx []int) Positions {
	q := Positions{Rows: make([]string, len(idx)), Themes: p.Themes, X: make([][]float64, len(idx))}
	for k, i := range idx {
		q.Rows[k], q.X[k] = p.Rows[i], p.X[i]
	}
	return q
}

// overlapPossible lists the rows withOverlapPossible keeps.
func overlapPossible(p Positions, opt DistanceOptions) []int {
	need := opt.MinOverlap
	switch {
	case need == 0:
		need = DefaultMinOverlap
	case need < 0:
		need = 1
	}
	keep := make([]int, 0, len(p.Rows))
	for i, x := range p.X {
		c := 0
		for _, v := range x {
			if present(v) {
				c++
			}
		}
		if c >= need {
			keep = append(keep, i)
		}
	}
	return keep
}

// comparableDistances is the kept matrix of
// ActorDistances(p, opt).DropIncomparable(), the same rows dropped in the
// same order, with only Rows, Metric, MinOverlap and D filled in: the
// shuffles of the blocs' test and the blocs of each period read nothing
// else, and building the shared counts, the statuses and the dropped
// rows' reasons, then copying the kept rows, cost as much as the
// distances themselves.
func comparableDistances(p Positions, opt DistanceOptions) Distances {
	return comparableDistancesIn(p, opt, nil)
}

// distScratch is memory comparableDistancesIn reuses from call to call:
// the matrix of all rows, and that of the rows kept.
type distScratch struct {
	all, kept []float64
}

// comparableDistancesIn is comparableDistances with its matrices in sc,
// when given: the result's rows are then overwritten by the next call.
func comparableDistancesIn(p Positions, opt DistanceOptions, sc *distScratch) Distances {
	d, _ := comparableKept(p, opt, sc)
	return d
}

// comparableKept is comparableDistancesIn and the rows of p it kept.
func comparableKept(p Positions, opt DistanceOptions, sc *distScratch) (Distances, []int) {
	pc, opt := newPairComputer(p, opt)
	n := len(p.Rows)
	grab := func(buf *[]float64, size int) []float64 {
		if sc == nil {
			return make([]float64, size)
		}
		*buf = slices.Grow((*buf)[:0], size)[:size]
		return *buf
	}
	var dd []float64
	if sc != nil {
		dd = grab(&sc.all, n*n)
		for i := range n {
			dd[i*n+i] = 0
		}
	} else {
		dd = grab(nil, n*n)
	}
	rowsDo(n, func(i int) {
		for j := i + 1; j < n; j++ {
			dd[i*n+j], _, _ = pc.pair(i, j)
		}
	})
	// As DropIncomparable: count each row's incomparable pairs, then drop
	// the row with the most (ties: the first name) until none is left.
	// The lower triangle is mirrored in tiles (see Distances.mirror).
	bad := make([]int, n)
	const tile = 64
	for r0 := 0; r0 < n; r0 += tile {
		for c0 := 0; c0 <= r0; c0 += tile {
			for j := r0; j < min(r0+tile, n); j++ {
				for i := c0; i < min(c0+tile, j); i++ {
					v := dd[i*n+j]
					dd[j*n+i] = v
					if math.IsNaN(v) {
						bad[i]++
						bad[j]++
					}
				}
			}
		}
	}
	alive := make([]bool, n)
	for i := range alive {
		alive[i] = true
	}
	for {
		worst := -1
		for i := range n {
			if !alive[i] || bad[i] == 0 {
				continue
			}
			if worst < 0 || bad[i] > bad[worst] || (bad[i] == bad[worst] && p.Rows[i] < p.Rows[worst]) {
				worst = i
			}
		}
		if worst < 0 {
			break
		}
		alive[worst] = false
		for j := range n {
			if alive[j] && math.IsNaN(dd[worst*n+j]) {
				bad[j]--
			}
		}
	}
	var idx []int
	for i := range n {
		if alive[i] {
			idx = append(idx, i)
		}
	}
	m := len(idx)
	out := Distances{Rows: make([]string, m), Metric: opt.Metric, MinOverlap: opt.MinOverlap, D: make([][]float64, m)}
	if m == n {
		// Nothing dropped: dd is the matrix.
		copy(out.Rows, p.Rows)
		for i := range n {
			out.D[i] = dd[i*n : (i+1)*n : (i+1)*n]
		}
		return out, idx
	}
	var block []float64
	if sc != nil {
		block = grab(&sc.kept, m*m)
	} else {
		block = grab(nil, m*m)
	}
	for a, i := range idx {
		out.Rows[a] = p.Rows[i]
		row := block[a*m : (a+1)*m : (a+1)*m]
		for b, j := range idx {
			row[b] = dd[i*n+j]
		}
		out.D[a] = row
	}
	return out, idx
}

// keptScratch is distScratch with the rows the last call kept, for
// comparableAgain.
type keptScratch struct {
	distScratch
	mask []uint64 // the cells present in the last call's positions, a bit each
	nt   int      // and their number of themes
	keep []int    // the rows it kept, nil when none is known
	buf  []uint64
}

// comparableAgain is comparableDistancesIn(withOverlapPossible(p, opt),
// opt, ...) for a run of calls on positions whose present cells do not
// change (the shuffles of the blocs' test): with the Euclidean distance,
// which pairs are comparable depends only on which cells are present
// (pairComputer.pair: the values are finite, and a pair is not
// comparable only when it shares too few themes), and so do the rows
// kept. When p's cells present are those of the last call, its rows
// kept are kept again, and only their distances computed, straight into
// the kept matrix: the same numbers as comparableDistances, without the
// matrix of all rows, the count of incomparable pairs and the copy.
func comparableAgain(p Positions, opt DistanceOptions, sc *keptScratch) Distances {
	if opt.Metric != "" && opt.Metric != MetricEuclidean {
		return comparableDistancesIn(withOverlapPossible(p, opt), opt, &sc.distScratch)
	}
	words := (len(p.Themes) + 63) / 64
	mask := slices.Grow(sc.buf[:0], len(p.Rows)*words)[:len(p.Rows)*words]
	clear(mask)
	for i, x := range p.X {
		for t, v := range x {
			if present(v) {
				mask[i*words+t/64] |= 1 << (t % 64)
			}
		}
	}
	sc.buf = mask
	if sc.keep != nil && sc.nt == len(p.Themes) && slices.Equal(mask, sc.mask) {
		q := p.rowsAt(sc.keep)
		pc, opt := newPairComputer(q, opt)
		m := len(q.Rows)
		block := slices.Grow(sc.kept[:0], m*m)[:m*m]
		sc.kept = block
		out := Distances{Rows: q.Rows, Metric: opt.Metric, MinOverlap: opt.MinOverlap, D: make([][]float64, m)}
		for a := range m {
			out.D[a] = block[a*m : (a+1)*m : (a+1)*m]
			block[a*m+a] = 0
			for b := a + 1; b < m; b++ {
				v, _, _ := pc.pair(a, b)
				block[a*m+b], block[b*m+a] = v, v
			}
		}
		return out
	}
	possible := overlapPossible(p, opt)
	d, idx := comparableKept(p.rowsAt(possible), opt, &sc.distScratch)
	sc.keep = sc.keep[:0]
	for _, k := range idx {
		sc.keep = append(sc.keep, possible[k])
	}
	sc.mask, sc.nt = append(sc.mask[:0], mask...), len(p.Themes)
	return d
}
