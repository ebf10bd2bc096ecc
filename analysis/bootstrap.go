package analysis

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
)

// This file computes the percentile bootstrap confidence interval of a
// weighted mean stance (Efron & Tibshirani 1993, An Introduction to the
// Bootstrap, ch. 13), by one method with one random stream.
//
// The n statements of positive weight are grouped into their d distinct
// (stance xⱼ, weight wⱼ) values, in ascending (x, w) order, cⱼ statements
// each. A resample of n statements drawn uniformly with replacement is
// summed up by how many times it drew each value, K₁…K_d, a multinomial
// draw; its mean is
//
//	M = Σⱼ Kⱼwⱼxⱼ / Σⱼ Kⱼwⱼ.
//
// The counts are drawn as successive binomials, the standard
// decomposition of the multinomial: with mⱼ = n − K₁ − … − Kⱼ₋₁ statements
// still to draw and rⱼ = cⱼ + … + c_d,
//
//	Kⱼ ~ Binomial(mⱼ, cⱼ/rⱼ) for j < d, and K_d = m_d
//
// (once m reaches 0 the rest are 0 and nothing more is drawn). Each Kⱼ
// takes one 64-bit output of the stream, u = its top 53 bits · 2⁻⁵³, and
// is drawn by Walker's alias method from a table of Binomial(m, p) kept
// per (j, m) for the cell: one multiplication and one comparison, however
// large m. The table holds the binomial with its tails cut where they
// fall below 2⁻⁶⁴ of the mode's (the mass cut is below 1e-20), computed
// by the ratio f(k+1)/f(k) = (m−k)/(k+1) · p/(1−p) from the mode. A
// resample costs d draws, whatever n.
//
// The interval is [M(kLo), M(kHi)], order statistics of the B resampled
// means, with kLo = ⌈pLo·B⌉ and kHi = ⌈pHi·B⌉ for pLo = (1−level)/2 and
// pHi = 1 − pLo: the inverse-CDF quantile, as gonum's stat.Quantile with
// stat.Empirical.
//
// The stream is a PCG (math/rand/v2) seeded with the user's seed and an
// FNV-1a hash of the cell's labels (period, row, theme), so a cell's
// interval depends only on its statements, the seed and B: not on the
// other cells, the order they are computed in, or how many run at once.
//
// With fewer than two statements of positive weight there is no interval
// (NaN): resampling one statement always gives it back. When every
// statement takes the same stance, every resample has that mean and the
// interval is that stance, of width 0, with no draws made.

// atom is one distinct (stance, weight) value of a cell, with its count.
type atom struct {
	x, w float64
	n    int
}

// bootConfig is what every cell's bootstrap shares.
type bootConfig struct {
	B        int
	kLo, kHi int // 1-based order statistics, kLo ≤ kHi
}

func newBootConfig(b int, level float64) bootConfig {
	a := (1 - level) / 2
	return bootConfig{B: b, kLo: orderIndex(a, b), kHi: orderIndex(1-a, b)}
}

// orderIndex is k = ⌈p·B⌉ clamped to 1..B. p·B is first rounded to an
// integer when within 1e-9 of one, so that p = (1−0.95)/2 and B = 2000
// give k = 50 although (1−0.95)/2 is 0.025000000000000022 in binary.
func orderIndex(p float64, b int) int {
	x := p * float64(b)
	if r := math.Round(x); math.Abs(x-r) < 1e-9 {
		x = r
	}
	k := int(math.Ceil(x))
	return min(max(k, 1), b)
}

// cellStream is the random stream of one cell, from the user's seed and
// the cell's labels only (FNV-1a of the labels, each followed by a 0
// byte), so that a cell's interval does not move when other actors,
// themes or periods are added.
func cellStream(seed uint64, labels ...string) *rand.PCG {
	h := fnv.New64a()
	for _, l := range labels {
		h.Write([]byte(l))
		h.Write([]byte{0})
	}
	return rand.NewPCG(seed, h.Sum64())
}

// bootScratch holds one worker's buffers, reused from cell to cell.
type bootScratch struct {
	rng    *rand.PCG
	means  []float64
	counts []int32 // ciCounted's resamples per sum
	wholeX []int   // ciCounted's stances
	levels []binLevel
	prob   []float64 // every table's alias probabilities,
	alias  []int32   // and aliases
	// buffers of table
	q            []float64
	small, large []int32
}

// ci returns the interval for atoms (positive weights only, sorted by x
// then w, at least two statements in all), drawing from s.rng.
func (s *bootScratch) ci(atoms []atom, cfg bootConfig) (lo, hi float64) {
	if lo, hi, ok := s.ciCounted(atoms, cfg); ok {
		return lo, hi
	}
	s.resample(atoms, cfg.B)
	return selectPair(s.means, cfg.kLo-1, cfg.kHi-1)
}

// countedSpan bounds the sums a cell's resamples are counted by (see
// ciCounted): 4 × 4,096 statements on the −2..+2 scale.
const countedSpan = 1 << 14

// ciCounted is ci for the common cell whose statements all weigh 1 and
// take whole stances, without storing and selecting the B means: such a
// resample's mean is S/n, S the sum of its n drawn stances, and ci's sum
// of k·w·x terms is S exactly (whole numbers far below 2⁵³), so the mean
// is the same division of the same two numbers. Dividing by n keeps the
// order, so the kLo-th smallest mean is the kLo-th smallest S over n: the
// resamples' sums are counted, S − n·x_min in 0..n·(x_max − x_min), and
// the two order statistics read off the counts. The draws are those of
// resample, one for one, so the interval is the same to the bit. ok is
// false, and nothing drawn, for any other cell (a weight other than 1, a
// stance not whole, one stance only, or a span of sums above countedSpan).
func (s *bootScratch) ciCounted(atoms []atom, cfg bootConfig) (lo, hi float64, ok bool) {
	n := 0
	for _, a := range atoms {
		if a.w != 1 || a.x != math.Trunc(a.x) || math.Abs(a.x) > countedSpan {
			return 0, 0, false
		}
		n += a.n
	}
	xMin, xMax := atoms[0].x, atoms[0].x
	for _, a := range atoms {
		xMin, xMax = min(xMin, a.x), max(xMax, a.x)
	}
	if xMin == xMax || (xMax-xMin)*float64(n) >= countedSpan {
		return 0, 0, false
	}
	s.setLevels(atoms, n)
	d := len(atoms)
	xs := s.wholeX[:0]
	for _, a := range atoms {
		xs = append(xs, int(a.x))
	}
	s.wholeX = xs
	base := n * int(xMin)
	span := n*(int(xMax)-int(xMin)) + 1
	s.counts = slices.Grow(s.counts[:0], span)[:span]
	clear(s.counts)
	for range cfg.B {
		left, sum := n, 0
		for j := range s.levels {
			if left == 0 {
				break
			}
			u := float64(s.rng.Uint64()>>11) * 0x1p-53
			k := s.binomial(&s.levels[j], left, u)
			left -= k
			sum += k * xs[j]
		}
		sum += left * xs[d-1]
		s.counts[sum-base]++
	}
	// The sums whose running count first reaches kLo and kHi.
	seen, sLo, sHi := 0, -1, -1
	for v, c := range s.counts {
		seen += int(c)
		if sLo < 0 && seen >= cfg.kLo {
			sLo = v
		}
		if seen >= cfg.kHi {
			sHi = v
			break
		}
	}
	return float64(sLo+base) / float64(n), float64(sHi+base) / float64(n), true
}

// setLevels prepares the conditional binomials of atoms, n statements
// in all, for a cell's resamples.
func (s *bootScratch) setLevels(atoms []atom, n int) {
	d := len(atoms)
	s.prob, s.alias = s.prob[:0], s.alias[:0]
	s.levels = slices.Grow(s.levels[:0], d-1)[:d-1]
	rem := n
	for j := range s.levels {
		p := float64(atoms[j].n) / float64(rem)
		s.levels[j] = binLevel{p: p, ratio: p / (1 - p), base: n, tabs: s.levels[j].tabs[:0]}
		rem -= atoms[j].n
	}
}

// resample leaves in s.means the means of b resamples of atoms.
func (s *bootScratch) resample(atoms []atom, b int) {
	s.means = slices.Grow(s.means[:0], b)[:b]
	if !slices.ContainsFunc(atoms, func(a atom) bool { return a.x != atoms[0].x }) {
		for i := range s.means {
			s.means[i] = atoms[0].x
		}
		return
	}
	d := len(atoms)
	n := 0
	for _, a := range atoms {
		n += a.n
	}
	s.setLevels(atoms, n)
	for i := range s.means {
		left := n
		var sw, swx float64
		for j := range s.levels {
			if left == 0 {
				break
			}
			u := float64(s.rng.Uint64()>>11) * 0x1p-53
			k := float64(s.binomial(&s.levels[j], left, u))
			left -= int(k)
			sw += k * atoms[j].w
			swx += k * atoms[j].w * atoms[j].x
		}
		k := float64(left)
		sw += k * atoms[d-1].w
		swx += k * atoms[d-1].w * atoms[d-1].x
		s.means[i] = swx / sw
	}
}

// binLevel holds the tables of one value's conditional binomial
// Bin(m, p), for the numbers m of statements left that resamples have
// met: tabs[m−base].
type binLevel struct {
	p, ratio float64 // p and p/(1−p)
	base     int
	tabs     []binTable
}

// binTable is the truncated distribution of Bin(m, p) over k = lo,
// lo+1, …, as the alias table s.prob[off : off+size], s.alias[off :
// off+size].
type binTable struct {
	lo, off, size int32
}

// binomial draws from Bin(m, l.p) with the uniform u, by Walker's alias
// method: with s entries, i = ⌊u·s⌋ and f = u·s − i, the draw is entry i
// when f < prob[i], else entry alias[i].
func (s *bootScratch) binomial(l *binLevel, m int, u float64) int {
	if i := m - l.base; i < 0 || i >= len(l.tabs) {
		l.cover(m)
	}
	t := l.tabs[m-l.base]
	kept := true
	if t.size == 0 {
		t = s.table(l, m)
		// A cell of millions of statements meets thousands of tables of
		// thousands of entries: beyond tablesMax entries, a table is used
		// once and dropped (the draw is the same, rebuilt or kept).
		if kept = len(s.prob) <= tablesMax; kept {
			l.tabs[m-l.base] = t
		}
	}
	x := u * float64(t.size)
	i := min(int(x), int(t.size)-1)
	k := int(t.lo) + int(s.alias[int(t.off)+i])
	if x-float64(i) < s.prob[int(t.off)+i] {
		k = int(t.lo) + i
	}
	if !kept {
		s.prob, s.alias = s.prob[:t.off], s.alias[:t.off]
	}
	return k
}

// tablesMax is how many alias-table entries a cell keeps (48 MB).
var tablesMax = 1 << 22

// cover widens l's window of tables to hold m, reusing its memory.
func (l *binLevel) cover(m int) {
	if len(l.tabs) == 0 {
		l.base, l.tabs = m, append(l.tabs, binTable{})
		return
	}
	lo, hi := min(l.base, m), max(l.base+len(l.tabs), m+1)
	if lo == l.base && hi-lo <= cap(l.tabs) {
		old := len(l.tabs)
		l.tabs = l.tabs[:hi-lo]
		clear(l.tabs[old:])
		return
	}
	tabs := make([]binTable, hi-lo, 2*(hi-lo))
	copy(tabs[l.base-lo:], l.tabs)
	l.tabs, l.base = tabs, lo
}

// table builds the alias table of Bin(m, p). Its weights, relative to
// the mode's, come from the ratio f(k+1)/f(k) = (m−k)/(k+1) · p/(1−p),
// going out from the mode both ways until they fall below 2⁻⁶⁴; the alias
// table is Vose's (1991, IEEE Trans. Softw. Eng. 17(9)): entries of
// scaled weight q < 1 are paired, in a fixed order, with one of q ≥ 1
// that takes up the rest of their column.
func (s *bootScratch) table(l *binLevel, m int) binTable {
	mode := min(int(float64(m+1)*l.p), m)
	const tiny = 0x1p-64
	lo, f := mode, 1.0
	for lo > 0 {
		f *= float64(lo) / (float64(m-lo+1) * l.ratio)
		if f < tiny {
			break
		}
		lo--
	}
	// Weights from lo up to the mode again, then on beyond it.
	w := 1.0
	for k := mode; k > lo; k-- {
		w *= float64(k) / (float64(m-k+1) * l.ratio)
	}
	q, sum := s.q[:0], 0.0
	for k := lo; k <= m; k++ {
		if k > mode && w < tiny {
			break
		}
		q = append(q, w)
		sum += w
		w *= float64(m-k) / float64(k+1) * l.ratio
	}
	n := len(q)
	small, large := s.small[:0], s.large[:0]
	for i := range q {
		q[i] *= float64(n) / sum
		if q[i] < 1 {
			small = append(small, int32(i))
		} else {
			large = append(large, int32(i))
		}
	}
	off := len(s.prob)
	s.prob = slices.Grow(s.prob, n)[:off+n]
	s.alias = slices.Grow(s.alias, n)[:off+n]
	prob, alias := s.prob[off:], s.alias[off:]
	for i := range n {
		prob[i], alias[i] = 1, int32(i)
	}
	for len(small) > 0 && len(large) > 0 {
		a, g := small[len(small)-1], large[len(large)-1]
		small, large = small[:len(small)-1], large[:len(large)-1]
		prob[a], alias[a] = q[a], g
		if q[g] = q[g] + q[a] - 1; q[g] < 1 {
			small = append(small, g)
		} else {
			large = append(large, g)
		}
	}
	s.q, s.small, s.large = q, small, large
	return binTable{lo: int32(lo), off: int32(off), size: int32(n)}
}

// selectPair returns the i-th and j-th smallest of a (0-based, i ≤ j),
// reordering a. Quickselect: O(len(a)) expected, against O(B log B) for
// a full sort.
func selectPair(a []float64, i, j int) (float64, float64) {
	x := selectK(a, i)
	if j == i {
		return x, x
	}
	// After selectK, a[i+1:] holds the values ≥ a[i].
	return x, selectK(a[i+1:], j-i-1)
}

func selectK(a []float64, k int) float64 {
	lo, hi := 0, len(a)-1
	for hi > lo {
		mid := lo + (hi-lo)/2
		// Median of three as pivot, moved to a[hi].
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[mid] < a[hi] {
			a[mid], a[hi] = a[hi], a[mid]
		}
		pivot := a[hi]
		// Three-way partition: many resampled means are equal.
		lt, gt, i := lo, hi, lo
		for i <= gt {
			switch {
			case a[i] < pivot:
				a[lt], a[i] = a[i], a[lt]
				lt++
				i++
			case a[i] > pivot:
				a[gt], a[i] = a[i], a[gt]
				gt--
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt - 1
		case k > gt:
			lo = gt + 1
		default:
			return pivot
		}
	}
	return a[k]
}
