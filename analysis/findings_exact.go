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
// draws would exceed 400,000 or 10 million cell draws, or every row holds
// 20 statements or more on the theme, the χ² test decides alone.
//
// A mover whose line rests on few statements is checked the same way,
// with a null that keeps what the normal interval borrows: see
// confirmMover. Gaps and pairs keep their normal intervals; over 1,000
// shuffles of the unga sample they named a difference in 0.6% and 0.9%
// of them (README, "Findings").

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

// divideSmall: a divide whose rows all hold at least this many
// statements on the theme is left to the χ² test (their means are near
// normal, and the draws would cost a second at 200 rows).
const divideSmall = 20

// confirmDivide says whether the exact test agrees that the rows' means
// on theme j vary more than chance: P(Q ≥ q) at most alpha under
// exchangeable stances. Weighted statements, or more draws than the
// budget allows, leave the decision to the χ² test.
func (f *finder) confirmDivide(j int, rows []int, q, alpha float64) bool {
	nl := f.nullOf(j)
	if !nl.ok {
		return true
	}
	n := make([]int, len(rows))
	small := false
	for x, i := range rows {
		n[x] = f.in.Overall.Cells[i][j].N
		small = small || n[x] < divideSmall
	}
	if !small {
		return true // every row's mean is near normal
	}
	draws := max(20000, int(math.Ceil(20/alpha)))
	if draws > 400000 || draws*len(rows) > 10_000_000 {
		return true
	}
	if nl.tailQ(n, f.st.sigma2[j], q, draws) <= alpha {
		return true
	}
	f.ev.Unconfirmed++
	return false
}

// moverSmall is the most statements a mover's line may rest on for the
// residual test to check it; above it the normal interval decides alone.
const moverSmall = 12

// confirmMover says whether a residual bootstrap agrees that row i moved
// on theme j, when the line rests on at most moverSmall statements. The
// normal interval reads the change d against the theme's pooled
// within-period variance; this test keeps that borrowed spread but not
// the normal shape. Under no change, each of the row's stances is its
// own mean plus a deviation, and d = Σ coef_k · (period k's deviations):
// the row's mean drops out, since Σ n_k coef_k = 0. The deviations are
// drawn from the theme's pooled within-period deviations (every period
// cell of two statements or more, stance − cell mean, scaled by
// √(n/(n−1)) so they have the spread of a stance about its true mean).
// d must be matched or passed in at most alpha of the draws (fixed seed;
// p = (hits + 1) / (draws + 1)). On the unga sample with stances
// shuffled within themes, the normal interval alone named a mover in 7
// of 1,000 shuffles, every one on the digital divide (four stances in
// five at +1) with two statements in a period. Rows that are groups,
// weighted statements, or more draws than the budget allows leave the
// decision to the normal interval.
func (f *finder) confirmMover(i, j int, ks []int, coef []float64, d, alpha float64) bool {
	set, c := f.in.Periods, f.in.Corpus
	if f.in.GroupBy != "" || c == nil {
		return true
	}
	n := 0
	for _, k := range ks {
		n += set.Matrices[k].Cells[i][j].N
	}
	if n > moverSmall {
		return true
	}
	dev, ok := f.deviations(j)
	if !ok || len(dev) == 0 {
		return true
	}
	draws := max(20000, int(math.Ceil(20/alpha)))
	if draws > 2_000_000 {
		return true
	}
	sizes := make([]int, len(ks))
	for x, k := range ks {
		sizes[x] = set.Matrices[k].Cells[i][j].N
	}
	if residualTail(dev, sizes, coef, d, draws, uint64(i)<<20|uint64(j)) <= alpha {
		return true
	}
	f.ev.Unconfirmed++
	return false
}

// residualTail estimates P(|Σ coef_k · Σ_{sizes[k] draws} e| ≥ |d|), every
// e drawn with replacement from dev, by draws (seeded): (hits + 1) /
// (draws + 1).
func residualTail(dev []float64, sizes []int, coef []float64, d float64, draws int, seed uint64) float64 {
	r := rand.New(rand.NewPCG(20261204, seed))
	target := math.Abs(d) * (1 - 1e-9)
	hits := 0
	for range draws {
		sum := 0.0
		for x, n := range sizes {
			s := 0.0
			for range n {
				s += dev[r.IntN(len(dev))]
			}
			sum += coef[x] * s
		}
		if math.Abs(sum) >= target {
			hits++
		}
	}
	return float64(hits+1) / float64(draws+1)
}

// deviations are theme j's pooled within-period deviations (see
// confirmMover), in a fixed order; false when a statement on the theme
// is weighted.
func (f *finder) deviations(j int) ([]float64, bool) {
	if f.devs == nil {
		f.devs = map[int][]float64{}
	}
	if d, ok := f.devs[j]; ok {
		return d, d != nil
	}
	f.devs[j] = nil
	set, c := f.in.Periods, f.in.Corpus
	th := set.Themes[j]
	var out []float64
	for i, row := range set.Rows {
		list := f.statementsOf(row, th)
		for k := range set.Matrices {
			cell := set.Matrices[k].Cells[i][j]
			if cell.N < 2 {
				continue
			}
			var xs []float64
			for _, si := range list {
				s := &c.Statements[si]
				if !set.Matrices[k].Period.Contains(s.Date) {
					continue
				}
				if s.Weight != 1 {
					return nil, false
				}
				xs = append(xs, float64(s.Stance))
			}
			if len(xs) != cell.N {
				return nil, false
			}
			scale := math.Sqrt(float64(len(xs)) / float64(len(xs)-1))
			for _, x := range xs {
				out = append(out, (x-cell.Mean)*scale)
			}
		}
	}
	f.devs[j] = out
	return out, true
}

// statementsOf lists the corpus indices of an actor's statements on a
// theme within the overall period, in corpus order.
func (f *finder) statementsOf(actor, theme string) []int32 {
	f.indexCells()
	return f.byCell[actorTheme{actor, theme}]
}
