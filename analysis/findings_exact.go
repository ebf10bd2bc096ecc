package analysis

import (
	"math"
	"math/rand/v2"
	"slices"
)

// A divide rests on Cochran's Q, read against χ² with one degree of
// freedom fewer than the rows. That reading treats each row's mean as
// normal, which fails for the means of two to five stances drawn from a
// skewed five-point scale: on a theme where most stances are +1 and a
// few are −2, a row with two statements at 0 and −1 is far rarer under
// the normal curve than it is. With the stances of the unga sample
// shuffled within each theme (so that no actor differs from another but
// by chance), 4 of 200 shuffles gave a divide at the 99% level shared by
// six kinds of finding, where at most one in 600 should.
//
// So a divide is kept only when an exact test agrees, under the very
// null a divide rejects: a theme's stances exchangeable between rows,
// every statement an independent draw from the theme's own distribution
// of stances (its shares of −2, −1, 0, +1 and +2). Each row's sum of
// stances is drawn from that distribution convolved with itself n times
// (exactly computed), Q is recomputed with the same sampling variances,
// and the share of draws at or above the observed Q (plus one, over the
// draws plus one) must be at most the χ² test's level: at least 20,000
// draws, 20 over the level when that is more (fixed seed). Where
// statements are weighted (a row's mean is not its sum over n), or the
// draws would exceed 400,000 or 40 million cell draws, the χ² test
// decides alone.
//
// Gaps, pairs and movers keep their normal intervals. Over 1,000 shuffles
// they named a difference in 0.6%, 0.9% and 0.7% of them, more than their
// share of the 1% (README, "Findings"), but the exact tests tried for
// movers cost most of the planted movers. Dealing the theme's stances at
// random found 5 of 40, since the theme's spread between actors counts
// as noise. Dealing the actor's own statements between its periods found
// 3 of 40, against 13 for the normal interval, which borrows the theme's
// pooled variance.

// stanceNull is a theme's distribution of stances −2..+2 (p[0] is −2),
// and whether the exact tests apply to it (every statement unweighted).
type stanceNull struct {
	p    [5]float64
	ok   bool
	sums map[int][]float64 // n → distribution of the sum of n stances, index s + 2n
}

// nullOf builds theme j's null from the corpus's statements on it.
func (f *finder) nullOf(j int) *stanceNull {
	if f.nulls == nil {
		f.nulls = map[int]*stanceNull{}
	}
	if nl, ok := f.nulls[j]; ok {
		return nl
	}
	nl := &stanceNull{sums: map[int][]float64{}}
	f.nulls[j] = nl
	if f.in.Corpus == nil {
		return nl
	}
	th := f.in.Overall.Themes[j]
	var counts [5]float64
	total := 0.0
	nl.ok = true
	for i := range f.in.Corpus.Statements {
		s := &f.in.Corpus.Statements[i]
		if s.Theme != th {
			continue
		}
		if s.Weight != 1 || s.Stance < -2 || s.Stance > 2 {
			nl.ok = false
			return nl
		}
		counts[s.Stance+2]++
		total++
	}
	if total == 0 {
		nl.ok = false
		return nl
	}
	for k := range counts {
		nl.p[k] = counts[k] / total
	}
	return nl
}

// sum is the distribution of the sum of n stances: index s + 2n.
func (nl *stanceNull) sum(n int) []float64 {
	if d, ok := nl.sums[n]; ok {
		return d
	}
	d := []float64{1}
	for range n {
		next := make([]float64, len(d)+4)
		for s, ps := range d {
			if ps == 0 {
				continue
			}
			for k, pk := range nl.p {
				next[s+k] += ps * pk
			}
		}
		d = next
	}
	nl.sums[n] = d
	return d
}

// tailQ is P(Q ≥ obs) for the heterogeneity Q of cells of n[i] stances
// with fixed sampling variances sigma2/n[i], by draws (seed fixed): the
// upper tail of Q under exchangeable stances.
func (nl *stanceNull) tailQ(n []int, sigma2, obs float64, draws int) float64 {
	cdfs := map[int][]float64{}
	for _, m := range n {
		if _, ok := cdfs[m]; ok {
			continue
		}
		d := nl.sum(m)
		c := make([]float64, len(d))
		acc := 0.0
		for i, p := range d {
			acc += p
			c[i] = acc
		}
		cdfs[m] = c
	}
	r := rand.New(rand.NewPCG(20261204, uint64(len(n))))
	x := make([]float64, len(n))
	hits := 0
	target := obs * (1 - 1e-9)
	for range draws {
		var sw, swx float64
		for i, m := range n {
			c := cdfs[m]
			u := r.Float64() * c[len(c)-1]
			s, _ := slices.BinarySearch(c, u)
			x[i] = float64(min(s, len(c)-1)-2*m) / float64(m)
			w := float64(m) / sigma2
			sw += w
			swx += w * x[i]
		}
		mean, q := swx/sw, 0.0
		for i, m := range n {
			q += (x[i] - mean) * (x[i] - mean) * float64(m) / sigma2
		}
		if q >= target {
			hits++
		}
	}
	return float64(hits+1) / float64(draws+1)
}

// confirmDivide says whether the exact test agrees that the rows' means
// on theme j vary more than chance: P(Q ≥ q) at most alpha under
// exchangeable stances. Weighted statements, or more draws than the
// budget allows, leave the decision to the χ² test.
func (f *finder) confirmDivide(j int, rows []int, q, alpha float64) bool {
	nl := f.nullOf(j)
	if !nl.ok {
		return true
	}
	draws := max(20000, int(math.Ceil(20/alpha)))
	if draws > 400000 || draws*len(rows) > 40_000_000 {
		return true
	}
	n := make([]int, len(rows))
	for x, i := range rows {
		n[x] = f.in.Overall.Cells[i][j].N
	}
	if nl.tailQ(n, f.st.sigma2[j], q, draws) <= alpha {
		return true
	}
	f.ev.Unconfirmed++
	return false
}
