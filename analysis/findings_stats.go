package analysis

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/stancemap/stancemap/data"
)

// FindingOptions are the evidence a finding needs. The zero value of each
// field stands for the default given with it.
type FindingOptions struct {
	// MinStatements is the number of statements a cell (a row on a theme,
	// in a period) needs to count in a finding (--min-statements): 2.
	MinStatements int `json:"min_statements"`
	// MinActorStatements is the number of statements a row needs over the
	// whole span to appear in any finding (--min-actor-statements): 5.
	// Rows below it stay in the tables.
	MinActorStatements int `json:"min_actor_statements"`
	// MinShared is the number of themes on which both rows of a pair must
	// have MinStatements for the pair to be compared (--min-shared): 2.
	MinShared int `json:"min_shared"`
	// MinPairs is the number of comparable pairs a period needs to count
	// in a trend (--min-pairs): 10.
	MinPairs int `json:"min_pairs"`
	// Level is the confidence the findings hold at, all together: after
	// allowing for the number of comparisons made within each kind of
	// finding and across the six kinds (Bonferroni) (--finding-level):
	// 0.99. Intervals in findings are simultaneous intervals at Level.
	Level float64 `json:"level"`
	// Permutations is the number of shuffles in the blocs' test: 999.
	Permutations int `json:"permutations"`
	// Seed makes the shuffles reproducible: 1.
	Seed uint64 `json:"seed"`
}

// The defaults of FindingOptions.
const (
	DefaultMinStatements      = 2
	DefaultMinActorStatements = 5
	DefaultMinShared          = 2
	DefaultMinPairs           = 10
	DefaultFindingLevel       = 0.99
	DefaultPermutations       = 999
)

func (o FindingOptions) withDefaults() FindingOptions {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.MinStatements, DefaultMinStatements)
	def(&o.MinActorStatements, DefaultMinActorStatements)
	def(&o.MinShared, DefaultMinShared)
	def(&o.MinPairs, DefaultMinPairs)
	def(&o.Permutations, DefaultPermutations)
	if !(o.Level > 0 && o.Level < 1) {
		o.Level = DefaultFindingLevel
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

// Check reports an option out of its range.
func (o FindingOptions) Check() error {
	if o.Level != 0 && !(o.Level > 0 && o.Level < 1) {
		return &OptionError{Option: "finding-level", Value: fmt.Sprint(o.Level), Msg: "must be between 0 and 1, such as 0.99"}
	}
	for _, v := range []struct {
		name string
		v    int
	}{{"min-statements", o.MinStatements}, {"min-actor-statements", o.MinActorStatements}, {"min-shared", o.MinShared}, {"min-pairs", o.MinPairs}} {
		if v.v < 0 {
			return &OptionError{Option: v.name, Value: strconv.Itoa(v.v), Msg: "must be 0 (the default) or more"}
		}
	}
	return nil
}

// Evidence says what the findings left out and why, and the tests behind
// the findings that are not about one pair or theme.
type Evidence struct {
	Options FindingOptions `json:"options"`
	// Thin are the rows with fewer than MinActorStatements statements:
	// in the tables, out of the findings.
	Thin []ThinRow `json:"thin"`
	// ThinCells counts the cells of the other rows below MinStatements.
	ThinCells int `json:"thin_cells"`
	// Unconfirmed counts the divides and movers the normal reading found
	// that the tests of findings_exact.go did not confirm: left out.
	Unconfirmed int        `json:"unconfirmed,omitempty"`
	Blocs       *BlocTest  `json:"blocs,omitempty"`
	Trend       *TrendTest `json:"trend,omitempty"`
	Notes       []string   `json:"notes"`
}

// ThinRow is a row left out of the findings, with its statements.
type ThinRow struct {
	Row        string `json:"row"`
	Statements int    `json:"statements"`
}

// BlocTest is the blocs' permutation test: the best cut of the average-
// linkage tree into blocs of two rows or more (rows alone at that cut are
// Outliers), its mean silhouette over the rows in blocs, and the share P
// of corpora with each theme's stances shuffled among the rows' statements
// whose best cut scores as high ((1 + count) / (1 + Permutations)).
type BlocTest struct {
	Rows         int     `json:"rows"`
	K            int     `json:"k"`
	Silhouette   float64 `json:"silhouette"`
	P            float64 `json:"p"`
	Permutations int     `json:"permutations"`
	// Tested is the number of rows the shuffles were compared on: Rows,
	// or a random permTestRows of them when there are more (the
	// silhouette compared is then that sample's, not Silhouette).
	Tested   int      `json:"tested"`
	Groups   []Bloc   `json:"groups"`
	Outliers []string `json:"outliers"`
}

// TrendTest is the convergence trend over the periods with MinPairs
// comparable pairs: the least-squares slope of the bias-corrected mean
// squared difference between rows, with its t interval at Level.
type TrendTest struct {
	Periods        []string  `json:"periods"`
	Pairs          []int     `json:"pairs"`
	MeanSquared    []float64 `json:"mean_squared"`
	Slope          float64   `json:"slope"`
	SlopeLow       float64   `json:"slope_low"`
	SlopeHigh      float64   `json:"slope_high"`
	Verdict        string    `json:"verdict"` // converging, diverging, no clear trend, cannot tell
	PeriodsSkipped []string  `json:"periods_skipped"`
}

// findingStats is what every test shares: which rows and cells count,
// and the pooled variance of a statement on each theme.
type findingStats struct {
	m        *Matrix
	rowN     []int
	eligible []bool
	// sigma2 is the pooled within-cell variance of a statement's stance
	// on each theme, shrunk towards 1 with two degrees of freedom:
	// (Σ (Nᵢ−1) SDᵢ² + 2) / (Σ (Nᵢ−1) + 2) over the eligible cells.
	sigma2 []float64
}

func percent(level float64) string {
	return strconv.FormatFloat(level*100, 'f', -1, 64) + "%"
}

// prepare sets which rows and cells count, and says which do not.
func (f *finder) prepare() {
	m := f.in.Overall
	st := &findingStats{m: m, rowN: make([]int, len(m.Rows)), eligible: make([]bool, len(m.Rows)), sigma2: make([]float64, len(m.Themes))}
	for i := range m.Rows {
		for _, c := range m.Cells[i] {
			st.rowN[i] += c.N
		}
		st.eligible[i] = st.rowN[i] >= f.opt.MinActorStatements
		if !st.eligible[i] && st.rowN[i] > 0 {
			f.ev.Thin = append(f.ev.Thin, ThinRow{Row: m.Rows[i], Statements: st.rowN[i]})
		}
	}
	for j := range m.Themes {
		ss, df := 2.0, 2.0
		for i := range m.Rows {
			c := m.Cells[i][j]
			if !st.eligible[i] || c.N == 0 {
				continue
			}
			if c.N < f.opt.MinStatements {
				f.ev.ThinCells++
				continue
			}
			if !math.IsNaN(c.SD) {
				ss += float64(c.N-1) * c.SD * c.SD
				df += float64(c.N - 1)
			}
		}
		st.sigma2[j] = ss / df
	}
	f.st = st
	if n := len(f.ev.Thin); n > 0 {
		names := make([]string, 0, min(n, 12))
		for _, t := range f.ev.Thin[:min(n, 12)] {
			names = append(names, f.name(t.Row))
		}
		more := ""
		if n > 12 {
			more = fmt.Sprintf(" and %d more", n-12)
		}
		f.ev.Notes = append(f.ev.Notes, fmt.Sprintf("%d %s with fewer than %d statements %s left out of the findings (they stay in the tables): %s%s",
			n, data.Plural(n, rowWord(f.in.GroupBy), rowsWord(f.in.GroupBy)), f.opt.MinActorStatements, data.Plural(n, "is", "are"), strings.Join(names, ", "), more))
	}
	if f.ev.ThinCells > 0 {
		f.ev.Notes = append(f.ev.Notes, fmt.Sprintf("%d %s with fewer than %d statements on a theme %s not count in the findings",
			f.ev.ThinCells, data.Plural(f.ev.ThinCells, "cell", "cells"), f.opt.MinStatements, data.Plural(f.ev.ThinCells, "does", "do")))
	}
}

// ok reports whether the cell of row i on theme j counts in a matrix.
func (f *finder) ok(m *Matrix, i, j int) bool {
	c := m.Cells[i][j]
	return f.st.eligible[i] && c.N >= f.opt.MinStatements && !math.IsNaN(c.Mean)
}

// se2 is the squared standard error of a mean of n statements on theme j.
func (f *finder) se2(j, n int) float64 { return f.st.sigma2[j] / float64(n) }

// findingFamilies are the kinds of test the findings make (gaps, pairs,
// divides and consensus, movers, trend, blocs): each is given an equal
// share of 1 − Level, so that the findings hold at Level together.
const findingFamilies = 6

// alpha is one kind of test's share of the error rate.
func (f *finder) alpha() float64 { return (1 - f.opt.Level) / findingFamilies }

// zTwo is the two-sided normal critical value at the finding level for
// one of m comparisons (Bonferroni).
func (f *finder) zTwo(m int) float64 {
	return distuv.UnitNormal.Quantile(1 - f.alpha()/(2*float64(max(m, 1))))
}

func (f *finder) eligibleRows(m *Matrix, j int) []int {
	var out []int
	for i := range m.Rows {
		if f.ok(m, i, j) {
			out = append(out, i)
		}
	}
	return out
}

// gaps: on each theme, the pair whose difference has the largest lower
// bound, when that bound is above 0. The interval of a difference is
// Δ ± z·√(σ²/nₐ + σ²/n_b), σ² the theme's pooled variance, z the normal
// quantile for every pair on every theme compared at once (Bonferroni).
func (f *finder) gaps() {
	m := f.in.Overall
	total := 0
	rowsOf := make([][]int, len(m.Themes))
	for j := range m.Themes {
		rowsOf[j] = f.eligibleRows(m, j)
		r := len(rowsOf[j])
		total += r * (r - 1) / 2
	}
	z := f.zTwo(total)
	for j, th := range m.Themes {
		best, bi, bk := 0.0, -1, -1
		rs := rowsOf[j]
		for x, i := range rs {
			for _, k := range rs[x+1:] {
				a, b := m.Cells[i][j], m.Cells[k][j]
				lb := math.Abs(a.Mean-b.Mean) - z*math.Sqrt(f.se2(j, a.N)+f.se2(j, b.N))
				if lb > best {
					best, bi, bk = lb, i, k
				}
			}
		}
		if bi < 0 {
			continue
		}
		if m.Cells[bi][j].Mean < m.Cells[bk][j].Mean {
			bi, bk = bk, bi
		}
		a, b := m.Cells[bi][j], m.Cells[bk][j]
		d := a.Mean - b.Mean
		half := z * math.Sqrt(f.se2(j, a.N)+f.se2(j, b.N))
		rows := []string{m.Rows[bi], m.Rows[bk]}
		text := fmt.Sprintf("%s and %s differ most on %s: %s (%d %s) vs %s (%d), a difference of %.2f (%s interval %.2f to %.2f, allowing for the %d pairs compared)",
			f.name(rows[0]), f.name(rows[1]), th, Signed(a.Mean, 1), a.N, data.Plural(a.N, "statement", "statements"), Signed(b.Mean, 1), b.N,
			d, percent(f.opt.Level), d-half, d+half, total)
		f.add("gap", text, (d-half)/scaleRange, rows, []string{th})
	}
}

// pairStat compares two rows over the themes both have enough
// statements on: Q = Σ Δ²/s², s² = σ²/nₐ + σ²/n_b, is χ² with k degrees
// of freedom when their positions are the same; the bias-corrected
// distance is √max(0, mean(Δ² − s²)); the upper bound is the largest
// |Δ| + z·s over the themes, z for k themes at once.
type pairStat struct {
	i, k    int
	shared  []int
	q, dist float64
	upper   float64
}

// pairCells holds, per eligible row of a matrix, what the pair tests
// read: each cell's mean and squared standard error, NaN where the cell
// does not count (too few statements, or the row is not eligible), and
// the set of the cells that count, a bit per theme.
type pairCells struct {
	nt, words int
	mean, se2 []float64
	mask      []uint64
}

func (f *finder) pairCells(m *Matrix) *pairCells {
	nt := len(m.Themes)
	pc := &pairCells{nt: nt, words: (nt + 63) / 64, mean: make([]float64, len(m.Rows)*nt), se2: make([]float64, len(m.Rows)*nt)}
	pc.mask = make([]uint64, len(m.Rows)*pc.words)
	for i := range m.Rows {
		for j := range nt {
			if f.ok(m, i, j) {
				pc.mean[i*nt+j] = m.Cells[i][j].Mean
				pc.se2[i*nt+j] = f.se2(j, m.Cells[i][j].N)
				pc.mask[i*pc.words+j/64] |= 1 << (j % 64)
			} else {
				pc.mean[i*nt+j] = math.NaN()
			}
		}
	}
	return pc
}

// shared is how many themes rows i and k both have cells that count on.
func (pc *pairCells) shared(i, k int) int {
	n := 0
	for w := range pc.words {
		n += bits.OnesCount64(pc.mask[i*pc.words+w] & pc.mask[k*pc.words+w])
	}
	return n
}

// eachPair calls fn, in order of i then k, for every pair of eligible
// rows i < k, i in rows, that shares at least MinShared themes. Nothing
// is kept between calls: p and p.shared are overwritten by the next
// call, so fn copies what it keeps. At 2,000 actors there are some 2
// million pairs; storing them all cost more than computing them again.
func (f *finder) eachPair(pc *pairCells, rows []int, fn func(p *pairStat)) {
	nt := pc.nt
	n := len(f.st.eligible)
	p := &pairStat{shared: make([]int, 0, nt)}
	for _, i := range rows {
		if !f.st.eligible[i] {
			continue
		}
		mi, si := pc.mean[i*nt:(i+1)*nt], pc.se2[i*nt:(i+1)*nt]
		for k := i + 1; k < n; k++ {
			if !f.st.eligible[k] || pc.shared(i, k) < f.opt.MinShared {
				continue
			}
			mk, sk := pc.mean[k*nt:(k+1)*nt], pc.se2[k*nt:(k+1)*nt]
			shared := p.shared[:0]
			var q, sum float64
			for j := range nt {
				if math.IsNaN(mi[j]) || math.IsNaN(mk[j]) {
					continue
				}
				d := mi[j] - mk[j]
				s2 := si[j] + sk[j]
				shared = append(shared, j)
				q += d * d / s2
				sum += d*d - s2
			}
			*p = pairStat{i: i, k: k, shared: shared, q: q}
			p.dist = math.Sqrt(max(0, sum/float64(len(shared))))
			fn(p)
		}
	}
}

// pairs: the furthest-apart pair among those whose difference holds
// (χ² test, Bonferroni over the pairs), by bias-corrected distance; the
// closest pair, when some pair stands within 1 point on every shared
// theme with confidence (Bonferroni over the pairs and their themes).
// The corrections need the number of pairs and of their themes first:
// those come from the sets of cells that count alone. The pairs are then
// tested on GOMAXPROCS cores, each taking every workers-th block of
// rows; each keeps the furthest and the closest of its own pairs, the
// first in order of i then k among equals, and the blocks' are compared
// in that order too, so the pair found is the one a walk in order finds.
func (f *finder) pairs() {
	m := f.in.Overall
	pc := f.pairCells(m)
	pairs, themesCompared := 0, 0
	for i := range m.Rows {
		if !f.st.eligible[i] {
			continue
		}
		for k := i + 1; k < len(m.Rows); k++ {
			if f.st.eligible[k] {
				if s := pc.shared(i, k); s >= f.opt.MinShared {
					pairs++
					themesCompared += s
				}
			}
		}
	}
	if pairs < 2 {
		return
	}
	alpha := f.alpha() / float64(pairs)
	z := distuv.UnitNormal.Quantile(1 - f.alpha()/float64(themesCompared))
	type best struct {
		far, near         pairStat
		haveFar, haveNear bool
	}
	// before reports whether pair a comes before pair b in order of i then k.
	before := func(a, b pairStat) bool { return a.i < b.i || (a.i == b.i && a.k < b.k) }
	// take merges o, found among other pairs, into b, as the walk in
	// order would.
	take := func(b *best, o best) {
		if o.haveFar && (!b.haveFar || o.far.dist > b.far.dist || (o.far.dist == b.far.dist && before(o.far, b.far))) {
			b.far, b.haveFar = o.far, true
		}
		if o.haveNear && (!b.haveNear || o.near.upper < b.near.upper || (o.near.upper == b.near.upper && before(o.near, b.near))) {
			b.near, b.haveNear = o.near, true
		}
	}
	walk := func(rows []int) best {
		var b best
		nt := pc.nt
		f.eachPair(pc, rows, func(p *pairStat) {
			// The p-value is needed only for a pair further apart than the
			// furthest so far.
			if !b.haveFar || p.dist > b.far.dist {
				if pv := 1 - (distuv.ChiSquared{K: float64(len(p.shared))}).CDF(p.q); pv < alpha {
					b.far, b.haveFar = *p, true
					b.far.shared = slices.Clone(p.shared)
				}
			}
			// The upper bound only matters below 1 and below the closest
			// so far; it only grows theme by theme.
			bound := 1.0
			if b.haveNear {
				bound = b.near.upper
			}
			mi, mk := pc.mean[p.i*nt:(p.i+1)*nt], pc.mean[p.k*nt:(p.k+1)*nt]
			si, sk := pc.se2[p.i*nt:(p.i+1)*nt], pc.se2[p.k*nt:(p.k+1)*nt]
			p.upper = 0
			for _, j := range p.shared {
				d := math.Abs(mi[j] - mk[j])
				if p.upper = max(p.upper, d+z*math.Sqrt(si[j]+sk[j])); p.upper >= bound {
					return
				}
			}
			b.near, b.haveNear = *p, true
			b.near.shared = slices.Clone(p.shared)
		})
		return b
	}
	const block = 32
	var blocks [][]int
	for i0 := 0; i0 < len(m.Rows); i0 += block {
		rows := make([]int, 0, block)
		for i := i0; i < min(i0+block, len(m.Rows)); i++ {
			rows = append(rows, i)
		}
		blocks = append(blocks, rows)
	}
	found := make([]best, len(blocks))
	workers := min(runtime.GOMAXPROCS(0), len(blocks))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for x := w; x < len(blocks); x += workers {
				found[x] = walk(blocks[x])
			}
		})
	}
	wg.Wait()
	var all best
	for _, b := range found {
		take(&all, b)
	}
	far, near, haveFar, haveNear := all.far, all.near, all.haveFar, all.haveNear
	themes := func(p pairStat) []string {
		var ths []string
		for _, j := range p.shared {
			ths = append(ths, m.Themes[j])
		}
		return ths
	}
	if haveFar {
		p := far
		rows := []string{m.Rows[p.i], m.Rows[p.k]}
		pv := 1 - distuv.ChiSquared{K: float64(len(p.shared))}.CDF(p.q)
		text := fmt.Sprintf("%s and %s are the furthest-apart pair: distance %.2f over %d shared themes (root mean square difference, less what sampling error adds), χ² = %.1f, p %s, allowing for the %d pairs compared",
			f.name(rows[0]), f.name(rows[1]), p.dist, len(p.shared), p.q, pValue(pv), pairs)
		f.add("furthest", text, p.dist/scaleRange, rows, themes(p))
	}
	if haveNear {
		p := near
		rows := []string{m.Rows[p.i], m.Rows[p.k]}
		text := fmt.Sprintf("%s and %s are the closest pair: within %.2f of each other on each of %d shared themes (%s upper bound, allowing for the %d pairs compared)",
			f.name(rows[0]), f.name(rows[1]), p.upper, len(p.shared), percent(f.opt.Level), pairs)
		f.add("closest", text, (1-p.upper)/3, rows, themes(p))
	}
}

func pValue(p float64) string {
	if p < 0.0001 {
		return "< 0.0001"
	}
	return "= " + strconv.FormatFloat(p, 'g', 2, 64)
}

// heterogeneity is the Q-profile (Viechtbauer 2007, Statistics in
// Medicine 26:37) of the between-row variance τ² of the rows' true
// positions on a theme: Q(τ²) = Σ wᵢ (xᵢ − x̄_w)², wᵢ = 1/(sᵢ² + τ²), is
// χ² with r − 1 degrees of freedom at the true τ²; the interval of τ
// solves Q(τ²) = the upper and lower quantiles at level, and the estimate
// Q(τ²) = r − 1 (Paule & Mandel 1982), each at most 2, the largest SD
// positions on the −2..+2 scale can have. It returns Q at 0, its p-value,
// the estimate of τ and its interval.
func heterogeneity(x, s2 []float64, level float64) (q0, p, est, lo, hi float64) {
	df := float64(len(x) - 1)
	Q := func(t2 float64) float64 {
		var sw, swx float64
		for i := range x {
			w := 1 / (s2[i] + t2)
			sw += w
			swx += w * x[i]
		}
		mean, q := swx/sw, 0.0
		for i := range x {
			q += (x[i] - mean) * (x[i] - mean) / (s2[i] + t2)
		}
		return q
	}
	chi := distuv.ChiSquared{K: df}
	a := (1 - level) / 2
	solve := func(target float64) float64 {
		if Q(0) <= target {
			return 0
		}
		l, h := 0.0, 4.0
		for range 60 {
			mid := (l + h) / 2
			if Q(mid) > target {
				l = mid
			} else {
				h = mid
			}
		}
		return math.Sqrt((l + h) / 2)
	}
	q0 = Q(0)
	return q0, 1 - chi.CDF(q0), solve(df), solve(chi.Quantile(1 - a)), solve(chi.Quantile(a))
}

// divides: the theme whose between-row SD has the largest lower bound,
// when the rows' positions differ beyond sampling error (Q test,
// Bonferroni over the themes); consensus on themes whose between-row SD
// is below 0.5 at its upper bound and whose mean takes a side.
func (f *finder) divides() {
	m := f.in.Overall
	type het struct {
		j                 int
		rows              []int
		q, p, est, lo, hi float64
		sd                float64
		mean, meanHalf, e float64
	}
	var hs []het
	for j := range m.Themes {
		rs := f.eligibleRows(m, j)
		if len(rs) < 3 {
			continue
		}
		x, s2 := make([]float64, len(rs)), make([]float64, len(rs))
		xs := make([]float64, len(rs))
		for n, i := range rs {
			x[n], s2[n] = m.Cells[i][j].Mean, f.se2(j, m.Cells[i][j].N)
			xs[n] = x[n]
		}
		h := het{j: j, rows: rs}
		h.q, h.p, h.est, h.lo, h.hi = heterogeneity(x, s2, 1-f.alpha())
		h.sd = stat.StdDev(xs, nil)
		var sw, swx float64
		for n := range x {
			sw += 1 / s2[n]
			swx += x[n] / s2[n]
		}
		h.mean, h.meanHalf = swx/sw, distuv.UnitNormal.Quantile(1-f.alpha()/2)*math.Sqrt(1/sw)
		h.e = PolarisationOf(subMatrix(m, rs), 0).Themes[j].EstebanRay
		hs = append(hs, h)
	}
	alpha := f.alpha() / float64(max(len(hs), 1))
	// The theme with the largest lower bound whose divide the exact test
	// confirms; those tried before it and refused are counted.
	order := make([]int, len(hs))
	for x := range order {
		order[x] = x
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(hs[b].lo, hs[a].lo) })
	best := -1
	for _, x := range order {
		if h := hs[x]; h.p < alpha && f.confirmDivide(h.j, h.rows, h.q, alpha) {
			best = x
			break
		}
	}
	if best >= 0 {
		h := hs[best]
		th := m.Themes[h.j]
		text := fmt.Sprintf("%s divides the %s most: the SD of their true positions is %.2f (%s interval %.2f to %.2f; Q = %.1f on %d df, p %s), Esteban–Ray polarisation %.2f, across %d %s",
			th, rowsWord(f.in.GroupBy), h.est, percent(f.opt.Level), h.lo, h.hi, h.q, len(h.rows)-1, pValue(h.p), h.e,
			len(h.rows), data.Plural(len(h.rows), rowWord(f.in.GroupBy), rowsWord(f.in.GroupBy)))
		f.add("divide", text, h.lo/2, nil, []string{th})
	}
	for _, h := range hs {
		if h.hi < 0.5 && math.Abs(h.mean) > h.meanHalf {
			th := m.Themes[h.j]
			spread := fmt.Sprintf("the SD of their true positions at most %.2f", h.hi)
			if h.hi < 0.005 {
				// The interval of the SD is empty at the top: the means
				// vary less than sampling error alone would make them
				// (Q in the lower tail). "At most 0.00" would claim a
				// precision the data do not have.
				spread = fmt.Sprintf("their means no further apart than sampling error alone would put them (Q = %.1f on %d df)", h.q, len(h.rows)-1)
			}
			text := fmt.Sprintf("The %s broadly agree on %s: mean stance %s (%s interval %s to %s), %s, across %d %s",
				rowsWord(f.in.GroupBy), th, Signed(h.mean, 1), percent(f.opt.Level), Signed(h.mean-h.meanHalf, 1), Signed(h.mean+h.meanHalf, 1), spread,
				len(h.rows), data.Plural(len(h.rows), rowWord(f.in.GroupBy), rowsWord(f.in.GroupBy)))
			f.add("consensus", text, 0.5-h.hi, nil, []string{th})
		}
	}
}

// subMatrix keeps the cells of rows rs (the others become empty).
func subMatrix(m *Matrix, rs []int) Matrix {
	out := Matrix{Period: m.Period, Rows: m.Rows, Themes: m.Themes, Cells: make([][]Cell, len(m.Rows))}
	for i := range m.Rows {
		out.Cells[i] = make([]Cell, len(m.Themes))
		for j := range out.Cells[i] {
			out.Cells[i][j] = Cell{Mean: math.NaN(), SD: math.NaN()}
		}
	}
	for _, i := range rs {
		copy(out.Cells[i], m.Cells[i])
	}
	return out
}

// movers: rows whose position on a theme moved over the periods they
// spoke on it with enough statements, beyond sampling error (Bonferroni
// over every row and theme tested); up to three, by the lower bound of
// their largest change.
//
// The change is read off the weighted least-squares line through the
// row's period means on the theme, against the periods' positions
// (0, 1, 2, …), each mean weighted by its statements:
//
//	b = Σ nₖ (tₖ − t̄)(mₖ − m̄) / Σ nₖ (tₖ − t̄)²,  D = b · (t_last − t_first)
//	SE(D) = (t_last − t_first) · √(σ² / Σ nₖ (tₖ − t̄)²)
//
// with σ² the theme's pooled within-period variance (as prepare pools
// the overall cells', but over the period cells, so that a row's own
// movement does not count as noise). With two periods D is the
// difference of the two means; with more, every period's statements
// count, not only the first and last period's: with two or three
// statements a period, the endpoints alone leave a change of two points
// on the scale indistinguishable from noise. D reads as a change under a
// steady drift; a row that went out and came back has a small D (its
// path shows in Movers).
func (f *finder) movers() {
	set := f.in.Periods
	type change struct {
		row, j     int
		from, to   int // periods
		lb, d, hal float64
		n          int // statements behind the line
		periods    int
		ks         []int     // the periods on the line
		coef       []float64 // the weight of each one's statements in d
	}
	// overallRow[i] is slices.Index(f.in.Overall.Rows, set.Rows[i]), from
	// one map rather than a scan per row and theme (10,000 rows × 10
	// themes × 10,000 names).
	first := make(map[string]int, len(f.in.Overall.Rows))
	for oi, row := range f.in.Overall.Rows {
		if _, ok := first[row]; !ok {
			first[row] = oi
		}
	}
	overallRow := make([]int, len(set.Rows))
	for i, row := range set.Rows {
		overallRow[i] = -1
		if oi, ok := first[row]; ok {
			overallRow[i] = oi
		}
	}
	sigma2 := make([]float64, len(set.Themes))
	for j := range set.Themes {
		ss, df := 2.0, 2.0
		for i := range set.Rows {
			oi := overallRow[i]
			if oi < 0 || !f.st.eligible[oi] {
				continue
			}
			for k := range set.Matrices {
				if c := set.Matrices[k].Cells[i][j]; c.N >= f.opt.MinStatements && !math.IsNaN(c.SD) {
					ss += float64(c.N-1) * c.SD * c.SD
					df += float64(c.N - 1)
				}
			}
		}
		sigma2[j] = ss / df
	}
	var cs []change
	tested := 0
	for i := range set.Rows {
		oi := overallRow[i]
		if oi < 0 || !f.st.eligible[oi] {
			continue
		}
		for j := range set.Themes {
			var ks []int
			for k := range set.Matrices {
				if c := set.Matrices[k].Cells[i][j]; c.N >= f.opt.MinStatements && !math.IsNaN(c.Mean) {
					ks = append(ks, k)
				}
			}
			if len(ks) < 2 {
				continue
			}
			tested++
			var sn, st, sm float64
			for _, k := range ks {
				c := set.Matrices[k].Cells[i][j]
				sn += float64(c.N)
				st += float64(c.N) * float64(k)
				sm += float64(c.N) * c.Mean
			}
			tbar, mbar := st/sn, sm/sn
			var sxy, sxx float64
			for _, k := range ks {
				c := set.Matrices[k].Cells[i][j]
				dt := float64(k) - tbar
				sxy += float64(c.N) * dt * (c.Mean - mbar)
				sxx += float64(c.N) * dt * dt
			}
			span := float64(ks[len(ks)-1] - ks[0])
			coef := make([]float64, len(ks))
			for x, k := range ks {
				// d = Σ_k span·(t_k − t̄)/sxx · (period k's sum of stances)
				coef[x] = span * (float64(k) - tbar) / sxx
			}
			cs = append(cs, change{row: i, j: j, from: ks[0], to: ks[len(ks)-1], d: sxy / sxx * span,
				hal: span * math.Sqrt(sigma2[j]/sxx), n: int(sn), periods: len(ks), ks: ks, coef: coef})
		}
	}
	z := f.zTwo(tested)
	best := map[int]change{}
	for _, c := range cs {
		c.lb = math.Abs(c.d) - z*c.hal
		if c.lb > 0 && f.confirmMover(c.row, c.j, c.ks, c.coef, c.d, f.alpha()/float64(tested)) {
			if b, ok := best[c.row]; !ok || c.lb > b.lb {
				best[c.row] = c
			}
		}
	}
	var list []change
	for _, c := range best {
		list = append(list, c)
	}
	slices.SortFunc(list, func(a, b change) int {
		if c := cmp.Compare(b.lb, a.lb); c != 0 {
			return c
		}
		return cmp.Compare(a.row, b.row)
	})
	for _, c := range list[:min(3, len(list))] {
		row, th := set.Rows[c.row], set.Themes[c.j]
		a, b := set.Matrices[c.from].Cells[c.row][c.j], set.Matrices[c.to].Cells[c.row][c.j]
		over := ""
		if c.periods > 2 {
			over = fmt.Sprintf("; over the %d periods with %d statements or more (%d statements), the trend amounts to", c.periods, f.opt.MinStatements, c.n)
		} else {
			over = ","
		}
		text := fmt.Sprintf("%s moved on %s between %s and %s: from %s (%d %s) to %s (%d)%s a change of %s (%s interval %s to %s, allowing for the %d %s tested)",
			f.name(row), th, set.Matrices[c.from].Period.Label, set.Matrices[c.to].Period.Label, Signed(a.Mean, 1), a.N,
			data.Plural(a.N, "statement", "statements"), Signed(b.Mean, 1), b.N, over, Signed(c.d, 2), percent(f.opt.Level),
			Signed(c.d-z*c.hal, 2), Signed(c.d+z*c.hal, 2), tested, data.Plural(tested, "change", "changes"))
		f.add("mover", text, c.lb/scaleRange, []string{row}, []string{th})
	}
}

// trend: the slope of the bias-corrected mean squared difference between
// rows (mean over comparable pairs of mean(Δ² − s²) over their shared
// themes) against the period's position, over the periods with MinPairs
// comparable pairs; a trend only when its t interval at Level excludes 0.
func (f *finder) trend() {
	set := f.in.Periods
	if len(set.Matrices) < 2 {
		return
	}
	t := &TrendTest{Slope: math.NaN(), SlopeLow: math.NaN(), SlopeHigh: math.NaN(), Verdict: "cannot tell"}
	var xs []float64
	for k := range set.Matrices {
		m := &set.Matrices[k]
		ps := f.periodPairs(m)
		if len(ps) < f.opt.MinPairs {
			t.PeriodsSkipped = append(t.PeriodsSkipped, m.Period.Label)
			continue
		}
		sum := 0.0
		for _, v := range ps {
			sum += v
		}
		t.Periods = append(t.Periods, m.Period.Label)
		t.Pairs = append(t.Pairs, len(ps))
		t.MeanSquared = append(t.MeanSquared, sum/float64(len(ps)))
		xs = append(xs, float64(k))
	}
	f.ev.Trend = t
	if len(xs) < 3 {
		f.ev.Notes = append(f.ev.Notes, fmt.Sprintf("No trend can be told: %d of %d periods have %d or more pairs of %s comparable on %d themes with %d statements each (a trend needs three)",
			len(xs), len(set.Matrices), f.opt.MinPairs, rowsWord(f.in.GroupBy), f.opt.MinShared, f.opt.MinStatements))
		return
	}
	alpha, beta := stat.LinearRegression(xs, t.MeanSquared, nil, false)
	var sse, sxx float64
	mx := stat.Mean(xs, nil)
	for n, x := range xs {
		r := t.MeanSquared[n] - alpha - beta*x
		sse += r * r
		sxx += (x - mx) * (x - mx)
	}
	df := float64(len(xs) - 2)
	se := math.Sqrt(sse / df / sxx)
	tq := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1 - f.alpha()/2)
	t.Slope, t.SlopeLow, t.SlopeHigh = beta, beta-tq*se, beta+tq*se
	switch {
	case t.SlopeHigh < 0:
		t.Verdict = "converging"
	case t.SlopeLow > 0:
		t.Verdict = "diverging"
	default:
		t.Verdict = "no clear trend"
		f.ev.Notes = append(f.ev.Notes, fmt.Sprintf("No trend can be told: the slope of the mean squared difference between %s is %+.3f per period (%s interval %+.3f to %+.3f) over %d periods",
			rowsWord(f.in.GroupBy), beta, percent(f.opt.Level), t.SlopeLow, t.SlopeHigh, len(xs)))
		return
	}
	n := len(xs) - 1
	var counts []string
	for k := range t.Periods {
		counts = append(counts, fmt.Sprintf("%s: %d", t.Periods[k], t.Pairs[k]))
	}
	text := fmt.Sprintf("Positions are %s: the mean squared difference between %s (less sampling error) went from %.2f in %s to %.2f in %s, slope %+.3f per period (%s interval %+.3f to %+.3f), over %d periods with %d or more comparable pairs (%s)",
		t.Verdict, rowsWord(f.in.GroupBy), t.MeanSquared[0], t.Periods[0], t.MeanSquared[n], t.Periods[n], beta, percent(f.opt.Level),
		t.SlopeLow, t.SlopeHigh, len(xs), f.opt.MinPairs, strings.Join(counts, ", "))
	lb := min(math.Abs(t.SlopeLow), math.Abs(t.SlopeHigh))
	f.add("trend", text, lb*float64(n)/scaleRange, nil, nil)
}

// periodPairs returns, for each pair of eligible rows comparable in m,
// mean(Δ² − s²) over their shared themes.
func (f *finder) periodPairs(m *Matrix) []float64 {
	var out []float64
	for i := range m.Rows {
		oi := slices.Index(f.in.Overall.Rows, m.Rows[i])
		if oi < 0 || !f.st.eligible[oi] {
			continue
		}
		for k := i + 1; k < len(m.Rows); k++ {
			ok := slices.Index(f.in.Overall.Rows, m.Rows[k])
			if ok < 0 || !f.st.eligible[ok] {
				continue
			}
			sum, n := 0.0, 0
			for j := range m.Themes {
				a, b := m.Cells[i][j], m.Cells[k][j]
				if a.N < f.opt.MinStatements || b.N < f.opt.MinStatements || math.IsNaN(a.Mean) || math.IsNaN(b.Mean) {
					continue
				}
				d := a.Mean - b.Mean
				sum += d*d - f.se2(j, a.N) - f.se2(j, b.N)
				n++
			}
			if n >= f.opt.MinShared {
				out = append(out, sum/float64(n))
			}
		}
	}
	return out
}

// blocs: the best cut into blocs of two rows or more, reported when its
// silhouette beats that of corpora with each theme's stances shuffled
// among the statements (BlocTest).
func (f *finder) blocs() {
	pm := f.newPermuter()
	if pm == nil {
		return
	}
	obs, ok := pm.cluster(pm.means(nil), f.in.Distance, f.opt.MinShared, nil)
	if !ok {
		return
	}
	rng := rand.New(rand.NewPCG(f.opt.Seed, 0xb10c5))
	// Each shuffle clusters the rows again, O(n²); above permTestRows
	// rows the test runs on a random permTestRows of them (drawn once
	// from the seed), the data's statistic and every shuffle's alike, so
	// that it stays a permutation test of its own statistic. The blocs
	// reported are still those of all the rows.
	ref := obs
	obs.Tested = obs.Rows
	if len(pm.rows) > permTestRows {
		pm.only = rng.Perm(len(pm.rows))[:permTestRows]
		slices.Sort(pm.only)
		if ref, ok = pm.cluster(pm.means(nil), f.in.Distance, f.opt.MinShared, nil); !ok {
			return
		}
		obs.Tested = ref.Rows
	}
	// Sequential Monte Carlo p-value (Besag & Clifford 1991, Biometrika
	// 78:301): stop as soon as seqStop shuffles score as high as the data,
	// p = seqStop / shuffles done; else p = (1 + count) / (1 + shuffles).
	// The shuffles are drawn in order from rng, a few at a time, and
	// clustered on GOMAXPROCS cores; their scores are then counted in
	// order, so the stop, the count and p do not depend on the cores. A
	// batch may draw and cluster a few shuffles past the stop, which only
	// costs their time (rng serves nothing else).
	const seqStop = 20
	count, done := 0, 0
	workers := runtime.GOMAXPROCS(0)
	batch := make([]Positions, 2*workers)
	high := make([]bool, len(batch))
	scratch := make([]clusterScratch, workers)
	for done < f.opt.Permutations && count < seqStop {
		b := batch[:min(len(batch), f.opt.Permutations-done)]
		for x := range b {
			b[x] = pm.means(rng)
		}
		var wg sync.WaitGroup
		for w := range min(workers, len(b)) {
			wg.Go(func() {
				for x := w; x < len(b); x += workers {
					r, ok := pm.cluster(b[x], f.in.Distance, f.opt.MinShared, &scratch[w])
					high[x] = ok && r.Silhouette >= ref.Silhouette-1e-12
				}
			})
		}
		wg.Wait()
		for x := range b {
			done++
			if high[x] {
				count++
			}
			if count >= seqStop {
				break
			}
		}
	}
	obs.P = float64(1+count) / float64(1+done)
	if count >= seqStop {
		obs.P = float64(count) / float64(done)
	}
	obs.Permutations = done
	f.ev.Blocs = &obs
	on := ""
	if obs.Tested < obs.Rows {
		on = fmt.Sprintf(" on a random %d of the %d", obs.Tested, obs.Rows)
	}
	if obs.P > f.alpha() {
		f.ev.Notes = append(f.ev.Notes, fmt.Sprintf("No blocs: the best split of %d %s (silhouette %.2f) is no better than with stances shuffled within themes (p = %.3f, %d shuffles%s)",
			obs.Rows, rowsWord(f.in.GroupBy), obs.Silhouette, obs.P, obs.Permutations, on))
		return
	}
	var parts, rows []string
	for _, b := range obs.Groups {
		names := make([]string, len(b.Rows))
		for i, r := range b.Rows {
			names[i] = f.name(r)
		}
		parts = append(parts, "{"+strings.Join(names, ", ")+"}")
		rows = append(rows, b.Rows...)
	}
	rest := ""
	if len(obs.Outliers) > 0 {
		names := make([]string, len(obs.Outliers))
		for i, r := range obs.Outliers {
			names[i] = f.name(r)
		}
		rest = "; in neither: " + strings.Join(names, ", ")
	}
	text := fmt.Sprintf("The %s fall into %d blocs (mean silhouette %.2f; p = %.3f against stances shuffled within themes, %d shuffles%s): %s%s",
		rowsWord(f.in.GroupBy), len(obs.Groups), obs.Silhouette, obs.P, obs.Permutations, on, strings.Join(parts, " vs "), rest)
	f.add("blocs", text, obs.Silhouette, rows, nil)
}

// permuter recomputes the eligible rows' mean stances with each theme's
// stances shuffled among the statements that count.
type permuter struct {
	rows   []string // eligible rows
	themes []string
	// per theme: the statements' stances, weights and rows (indices into rows)
	stance  [][]float64
	weight  [][]float64
	rowsOf  [][][]int32
	count   [][]int // statements per row and theme
	minCell int     // FindingOptions.MinStatements
	perm    []float64
	// Above bigShuffle statements, a shuffle's cell means are drawn from
	// their large-sample law instead: the theme's mean stance plus normal
	// noise of variance s²·Σw²/(Σw)², s² the theme's variance over the
	// statements (Σw and Σw² per cell in sw, sw2): what a shuffle gives,
	// up to the normal approximation, at a cost per cell, not per statement.
	total         int
	mu, s2        []float64
	cellW, cellW2 [][]float64
	// only, when set, are the rows (indices into rows, increasing) that
	// means returns: the blocs test's sample.
	only []int
}

func (f *finder) newPermuter() *permuter {
	m := f.in.Overall
	c := f.in.Corpus
	pm := &permuter{themes: m.Themes, minCell: f.opt.MinStatements}
	index := map[string]int32{}
	for i, r := range m.Rows {
		if f.st.eligible[i] {
			index[r] = int32(len(pm.rows))
			pm.rows = append(pm.rows, r)
		}
	}
	if len(pm.rows) < 4 {
		return nil
	}
	tj := map[string]int{}
	for j, th := range m.Themes {
		tj[th] = j
	}
	nt := len(m.Themes)
	pm.stance, pm.weight, pm.rowsOf = make([][]float64, nt), make([][]float64, nt), make([][][]int32, nt)
	pm.count = make([][]int, len(pm.rows))
	for i := range pm.count {
		pm.count[i] = make([]int, nt)
	}
	pm.cellW, pm.cellW2 = make([][]float64, len(pm.rows)), make([][]float64, len(pm.rows))
	for i := range pm.rows {
		pm.cellW[i], pm.cellW2[i] = make([]float64, nt), make([]float64, nt)
	}
	for i := range c.Statements {
		s := &c.Statements[i]
		if m.Period.Label != PeriodAll && !m.Period.Contains(s.Date) {
			continue
		}
		j, ok := tj[s.Theme]
		if !ok || !(s.Weight > 0) {
			continue
		}
		var rs []int32
		a := f.actor[s.Actor]
		for _, r := range f.rowOf[s.Actor] {
			if f.in.GroupBy == ByGroup && a != nil && !a.InGroup(r, s.Date) {
				continue
			}
			if k, ok := index[r]; ok {
				rs = append(rs, k)
				pm.count[k][j]++
				pm.cellW[k][j] += s.Weight
				pm.cellW2[k][j] += s.Weight * s.Weight
			}
		}
		if len(rs) == 0 {
			continue
		}
		pm.stance[j] = append(pm.stance[j], float64(s.Stance))
		pm.weight[j] = append(pm.weight[j], s.Weight)
		pm.rowsOf[j] = append(pm.rowsOf[j], rs)
		pm.total++
	}
	pm.mu, pm.s2 = make([]float64, nt), make([]float64, nt)
	for j := range nt {
		if len(pm.stance[j]) > 0 {
			pm.mu[j], pm.s2[j] = stat.MeanVariance(pm.stance[j], pm.weight[j])
		}
	}
	return pm
}

// bigShuffle is the corpus size above which shuffles are drawn from their
// normal approximation (see permuter).
const bigShuffle = 50_000

// permTestRows bounds the rows the blocs' permutation test clusters at
// each shuffle (see finder.blocs): up to 999 shuffles of an O(n²)
// clustering took 9 s of 13 at 2,000 actors and 48 s at 10,000.
const permTestRows = 200

// means returns the rows' positions, NaN where a cell has fewer than
// the statements a finding needs; with rng, each theme's stances
// shuffled first.
func (pm *permuter) means(rng *rand.Rand) Positions {
	if rng != nil && pm.total > bigShuffle && pm.only != nil {
		// Cells are drawn independently: draw only the sample's.
		p := Positions{Rows: make([]string, len(pm.only)), Themes: pm.themes, X: make([][]float64, len(pm.only))}
		for k, i := range pm.only {
			p.Rows[k] = pm.rows[i]
			p.X[k] = pm.drawRow(rng, i)
		}
		return p
	}
	p := pm.allMeans(rng)
	if pm.only == nil {
		return p
	}
	q := Positions{Rows: make([]string, len(pm.only)), Themes: p.Themes, X: make([][]float64, len(pm.only))}
	for k, i := range pm.only {
		q.Rows[k], q.X[k] = p.Rows[i], p.X[i]
	}
	return q
}

// drawRow is row i's cell means under the normal approximation of a
// shuffle (see permuter).
func (pm *permuter) drawRow(rng *rand.Rand, i int) []float64 {
	x := make([]float64, len(pm.themes))
	for j := range x {
		x[j] = math.NaN()
		if w := pm.cellW[i][j]; pm.count[i][j] >= pm.minCell && w > 0 {
			x[j] = pm.mu[j] + rng.NormFloat64()*math.Sqrt(pm.s2[j]*pm.cellW2[i][j]/(w*w))
		}
	}
	return x
}

// allMeans is means for every row.
func (pm *permuter) allMeans(rng *rand.Rand) Positions {
	p := Positions{Rows: pm.rows, Themes: pm.themes, X: make([][]float64, len(pm.rows))}
	if rng != nil && pm.total > bigShuffle {
		for i := range p.X {
			p.X[i] = pm.drawRow(rng, i)
		}
		return p
	}
	sw := make([][]float64, len(pm.rows))
	swx := make([][]float64, len(pm.rows))
	for i := range p.X {
		p.X[i] = make([]float64, len(pm.themes))
		sw[i], swx[i] = make([]float64, len(pm.themes)), make([]float64, len(pm.themes))
	}
	for j := range pm.themes {
		xs := pm.stance[j]
		if rng != nil {
			pm.perm = append(pm.perm[:0], xs...)
			rng.Shuffle(len(pm.perm), func(a, b int) { pm.perm[a], pm.perm[b] = pm.perm[b], pm.perm[a] })
			xs = pm.perm
		}
		for n, x := range xs {
			w := pm.weight[j][n]
			for _, r := range pm.rowsOf[j][n] {
				sw[r][j] += w
				swx[r][j] += w * x
			}
		}
	}
	for i := range p.X {
		for j := range p.X[i] {
			p.X[i][j] = math.NaN()
			if pm.count[i][j] >= pm.minCell && sw[i][j] > 0 {
				p.X[i][j] = swx[i][j] / sw[i][j]
			}
		}
	}
	return p
}

// clusterScratch is the memory one goroutine's permuter.cluster reuses.
type clusterScratch struct {
	dist    keptScratch
	linkage []float64
}

// cluster cuts the average-linkage tree of the comparable rows at the k
// (2..8) with the best mean silhouette (rows alone count 0, as in
// Silhouette) among the cuts with at least two blocs of two rows or
// more; rows alone at that cut are outliers, in no bloc.
//
// sc, when given, holds the n × n matrices from call to call (one
// scratch per goroutine): the shuffles are clustered a thousand times.
func (pm *permuter) cluster(p Positions, opt DistanceOptions, minShared int, sc *clusterScratch) (BlocTest, bool) {
	opt.MinOverlap = minShared
	if sc == nil {
		sc = &clusterScratch{}
	}
	// Rows without minShared themes are comparable with none and would be
	// dropped first; leaving them out before the n × n distances gives the
	// same kept rows (see withOverlapPossible). A goroutine's shuffles
	// keep the same rows (see comparableAgain).
	kept := comparableAgain(p, opt, &sc.dist)
	n := len(kept.Rows)
	if n < 4 {
		return BlocTest{}, false
	}
	t, err := averageLinkage(kept, &sc.linkage)
	if err != nil {
		return BlocTest{}, false
	}
	var best BlocTest
	found := false
	for k := 2; k <= min(8, n-1); k++ {
		labels := t.Cut(k)
		size := map[int]int{}
		for _, l := range labels {
			size[l]++
		}
		blocs := 0
		for _, c := range size {
			if c >= 2 {
				blocs++
			}
		}
		if blocs < 2 {
			continue
		}
		s, _ := Silhouette(kept, labels)
		if math.IsNaN(s) || (found && s <= best.Silhouette+1e-12) {
			continue
		}
		found = true
		best = BlocTest{Rows: n, K: blocs, Silhouette: s}
		groups := map[int]*Bloc{}
		var order []int
		for i, l := range labels {
			if size[l] < 2 {
				best.Outliers = append(best.Outliers, t.Rows[i])
				continue
			}
			if groups[l] == nil {
				groups[l] = &Bloc{}
				order = append(order, l)
			}
			groups[l].Rows = append(groups[l].Rows, t.Rows[i])
		}
		for x, l := range order {
			g := groups[l]
			g.Label = x + 1
			best.Groups = append(best.Groups, *g)
		}
	}
	return best, found
}
