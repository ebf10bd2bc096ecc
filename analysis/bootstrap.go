package analysis

import (
	"cmp"
	"hash/fnv"
	"math"
	"math/bits"
	"slices"
	"sync"

	"gonum.org/v1/gonum/dsp/fourier"
	"gonum.org/v1/gonum/mathext/prng"
	"gonum.org/v1/gonum/stat/distuv"
)

// rng is the generator of every bootstrap stream: xoshiro256** (Blackman
// & Vigna), fast and of good statistical quality, seeded by SplitMix64.
type rng = prng.Xoshiro256starstar

// This file computes the percentile bootstrap confidence interval of a
// cell's weighted mean.
//
// The interval is [M(kLo), M(kHi)], order statistics of B resampled means,
// with kLo = ⌈pLo·B⌉ and kHi = ⌈pHi·B⌉ (the inverse-CDF quantile, as
// gonum's stat.Quantile with stat.Empirical). Three ways of producing the
// same random interval are used, whichever is cheapest for the cell; each
// gives the interval exactly the distribution it would have with B
// resamples drawn statement by statement:
//
//   - bootDirect draws the n statements of each resample one by one:
//     O(B·n), the cheapest for small cells.
//   - bootMultinomial draws how many times each distinct (stance, weight)
//     value appears in a resample, a multinomial draw made of successive
//     binomial draws: O(B·d) for d distinct values, independent of n.
//   - bootExact, for cells whose statements all weigh the same, computes
//     the exact bootstrap distribution F of the mean (the n-fold
//     convolution of the stance distribution: directly, O(n²·d), or by
//     FFT, O(n log n)) and draws the two order statistics from it: the
//     k-th smallest of B draws from F is F⁻¹(U(k)), where U(k), the k-th
//     smallest of B uniforms, is Beta(k, B−k+1); given U(kLo) = u,
//     U(kHi) = u + (1−u)·V with V Beta(kHi−kLo, B−kHi+1) (David &
//     Nagaraja, Order Statistics, 2003, §2.2). Cost independent of B.
//
// Speed aside, the methods differ only in which random numbers they use:
// for a given seed each gives a different interval, all with the same
// distribution. Which one a cell uses depends only on the cell's values
// and B, so results stay reproducible.

// atom is one distinct (stance, weight) value of a cell, with its count.
type atom struct {
	x, w float64
	n    int
}

type bootMethod uint8

const (
	bootAuto bootMethod = iota
	bootDirect
	bootMultinomial
	bootExact
)

// bootConfig is what every cell's bootstrap shares.
type bootConfig struct {
	B        int
	kLo, kHi int // 1-based order statistics, kLo ≤ kHi
	method   bootMethod
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

// cellSeed derives a cell's random stream from the user's seed and the
// cell's labels only (FNV-1a of period, row and theme), so that a cell's
// interval does not move when other actors, themes or periods are added.
func cellSeed(seed uint64, period, row, theme string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(period))
	h.Write([]byte{0})
	h.Write([]byte(row))
	h.Write([]byte{0})
	h.Write([]byte(theme))
	return splitmix(splitmix(seed) ^ h.Sum64())
}

// splitmix is SplitMix64's output function: a bijective mixer.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// bootScratch holds one worker's buffers, reused from cell to cell.
type bootScratch struct {
	rng       *rng
	means     []float64
	low, high []float64
	flat      [][2]float64 // (w, w·x) of each statement
	pairs     [][2]float64 // sums of two statements
	sample    []float64
	pmf, next []float64
	probs     []float64
	offs      []int
	order     []atom
	ffts      map[int]*fourierPlan
	coef      []complex128
}

func newBootScratch() *bootScratch {
	loadTables()
	return &bootScratch{rng: prng.NewXoshiro256starstar(1)}
}

// ci returns the interval for atoms (positive weights only, sorted by x
// then w, at least two statements in all). rng must be seeded by the
// caller.
func (s *bootScratch) ci(atoms []atom, cfg bootConfig) (lo, hi float64) {
	n, equalW, sameX := 0, true, true
	for _, a := range atoms {
		n += a.n
		equalW = equalW && a.w == atoms[0].w
		sameX = sameX && a.x == atoms[0].x
	}
	if sameX {
		// Every resample has the same mean: no randomness to draw.
		return atoms[0].x, atoms[0].x
	}
	m := cfg.method
	if m == bootAuto {
		m = chooseMethod(atoms, n, equalW, cfg.B)
	}
	switch m {
	case bootExact:
		return s.exact(atoms, n, cfg)
	case bootMultinomial:
		s.resampleMultinomial(atoms, n, cfg.B)
	default:
		s.resampleDirect(atoms, n, cfg.B)
	}
	return s.orderStats(cfg)
}

// Cost model, in nanoseconds, measured on one core of the 2-core AMD
// EPYC development machine: one statement drawn (direct), one binomial
// draw (multinomial), one multiply-add of the convolution (exact), FFT
// and power costs per point, fixed costs. Only speed depends on it.
const (
	costDraw     = 2.6
	costBinomial = 55
	costConvolve = 1.2
	costSelect   = 10 // per resample: storing the mean, finding the order statistics
	costBetas    = 500
	costFFT      = 2.5 // per point and level of the transform, both ways
	costCmul     = 1   // per point and bit of n: the forward sum and the power (most points underflow and are skipped)
)

func chooseMethod(atoms []atom, n int, equalW bool, b int) bootMethod {
	d := len(atoms)
	direct := math.Inf(1)
	if int64(n) < 1<<31 {
		direct = float64(b) * (float64(directDraws(n))*costDraw + costSelect)
	}
	multi := float64(b) * (float64(d-1)*costBinomial + costSelect)
	best, cost := bootDirect, direct
	if multi < cost {
		best, cost = bootMultinomial, multi
	}
	if equalW {
		span := atoms[d-1].x - atoms[0].x
		exact := min(convolveCost(n, int(span), d), fftCost(n, int(span))) + costBetas
		if exact < cost {
			best = bootExact
		}
	}
	return best
}

// pairMax is the largest cell drawn two statements at a time: its table
// of all n² pairs (64 KiB) stays in cache.
const pairMax = 64

// directDraws is how many random indices a resample of n statements takes.
func directDraws(n int) int {
	if n <= pairMax {
		return n/2 + n%2
	}
	return n
}

func (s *bootScratch) resampleDirect(atoms []atom, n, b int) {
	s.flat = s.flat[:0]
	for _, a := range atoms {
		for range a.n {
			s.flat = append(s.flat, [2]float64{a.w, a.w * a.x})
		}
	}
	// Draw `per` entries of tab per resample. For small cells tab lists
	// every ordered pair of statements, (i, j) at i·n + j: a uniform index
	// into it is two independent uniform statements, at the cost of one.
	tab, per, odd := s.flat, n, false
	if n <= pairMax {
		s.pairs = s.pairs[:0]
		for _, a := range s.flat {
			for _, c := range s.flat {
				s.pairs = append(s.pairs, [2]float64{a[0] + c[0], a[1] + c[1]})
			}
		}
		tab, per, odd = s.pairs, n/2, n%2 == 1
	}
	s.means = slices.Grow(s.means[:0], b)[:b]
	for i := range s.means {
		sw, swx := s.drawSum(tab, per)
		if odd {
			a, c := s.drawSum(s.flat, 1)
			sw, swx = sw+a, swx+c
		}
		s.means[i] = swx / sw
	}
}

// drawSum adds up k entries of tab drawn uniformly with replacement. Each
// 64-bit draw gives two 32-bit numbers, each turned into an index by
// Lemire's multiply-shift: index = ⌊r·m / 2³²⌋, rejecting r when the low
// half of r·m is below 2³² mod m (no modulo bias).
func (s *bootScratch) drawSum(tab [][2]float64, k int) (sw, swx float64) {
	m := uint64(len(tab))
	thresh := uint32(-uint32(m) % uint32(m))
	redraw := func(x uint64) uint64 {
		for uint32(x) < thresh {
			x = uint64(uint32(s.rng.Uint64())) * m
		}
		return x >> 32
	}
	j := 0
	for ; j+1 < k; j += 2 {
		x := s.rng.Uint64()
		m1, m2 := uint64(uint32(x))*m, (x>>32)*m
		var k1, k2 uint64
		if uint32(m1) >= thresh && uint32(m2) >= thresh {
			k1, k2 = m1>>32, m2>>32
		} else {
			k1, k2 = redraw(m1), redraw(m2)
		}
		a, c := tab[k1], tab[k2]
		sw += a[0] + c[0]
		swx += a[1] + c[1]
	}
	if j < k {
		a := tab[redraw(uint64(uint32(s.rng.Uint64()))*m)]
		sw += a[0]
		swx += a[1]
	}
	return sw, swx
}

func (s *bootScratch) resampleMultinomial(atoms []atom, n, b int) {
	// Largest counts first: the number left to draw falls fastest, which
	// makes the later binomial draws cheaper. The order does not change
	// the distribution.
	s.order = append(s.order[:0], atoms...)
	slices.SortStableFunc(s.order, func(a, b atom) int { return cmp.Compare(b.n, a.n) })
	last := s.order[len(s.order)-1]
	s.means = slices.Grow(s.means[:0], b)[:b]
	for i := range s.means {
		left, rem := n, n // statements still to draw; statements of the atoms not yet visited
		var sw, swx float64
		for _, a := range s.order[:len(s.order)-1] {
			if left == 0 {
				break
			}
			c := float64(binomialFrac(s.rng, left, a.n, rem))
			rem -= a.n
			left -= int(c)
			sw += c * a.w
			swx += c * a.w * a.x
		}
		if left > 0 {
			c := float64(left)
			sw += c * last.w
			swx += c * last.w * last.x
		}
		s.means[i] = swx / sw
	}
}

// exact draws the interval from the exact bootstrap distribution of the
// mean of a cell whose statements weigh the same. The mean of a resample
// is S/n, S the sum of n draws from the cell's stances; S's distribution
// is the n-fold convolution of the stance distribution.
func (s *bootScratch) exact(atoms []atom, n int, cfg bootConfig) (lo, hi float64) {
	x0 := int(atoms[0].x)
	span := int(atoms[len(atoms)-1].x) - x0
	if convolveCost(n, span, len(atoms)) <= fftCost(n, span) {
		s.convolve(atoms, n, x0, span)
	} else {
		s.fourier(atoms, n, x0, span)
	}
	// Uniform order statistics U(kLo) ≤ U(kHi) of B draws.
	u1 := distuv.Beta{Alpha: float64(cfg.kLo), Beta: float64(cfg.B - cfg.kLo + 1), Src: s.rng}.Rand()
	u2 := u1
	if cfg.kHi > cfg.kLo {
		v := distuv.Beta{Alpha: float64(cfg.kHi - cfg.kLo), Beta: float64(cfg.B - cfg.kHi + 1), Src: s.rng}.Rand()
		u2 = u1 + (1-u1)*v
	}
	// F⁻¹(u): the smallest mean whose cumulative probability reaches u.
	mean := func(y int) float64 { return float64(n*x0+y) / float64(n) }
	var cum float64
	lastY := 0
	found := false
	for y, py := range s.pmf {
		if py <= 0 {
			continue
		}
		lastY = y
		cum += py
		if !found && cum >= u1 {
			lo, found = mean(y), true
		}
		if found && cum >= u2 {
			return lo, mean(y)
		}
	}
	// Rounding left the total a hair below u: the top of the support.
	if !found {
		lo = mean(lastY)
	}
	return lo, mean(lastY)
}

func convolveCost(n, span, d int) float64 {
	return float64(n) * float64(n) * float64(span) * float64(d) / 2 * costConvolve
}

func fftCost(n, span int) float64 {
	size := nextPow2(n*span + 1)
	return float64(size) * (float64(bits.Len(uint(size)))*costFFT + float64(bits.Len(uint(n)))*costCmul)
}

func nextPow2(n int) int { return 1 << bits.Len(uint(n-1)) }

// convolve leaves in s.pmf the distribution of S − n·x0, by n direct
// convolutions: every term is a sum of products of probabilities, with no
// cancellation.
func (s *bootScratch) convolve(atoms []atom, n, x0, span int) {
	size := n*span + 1
	s.pmf = slices.Grow(s.pmf[:0], size)[:1]
	s.next = slices.Grow(s.next[:0], size)
	s.pmf[0] = 1
	s.probs, s.offs = s.probs[:0], s.offs[:0]
	for _, a := range atoms {
		s.probs = append(s.probs, float64(a.n)/float64(n))
		s.offs = append(s.offs, int(a.x)-x0)
	}
	for step := 1; step <= n; step++ {
		s.next = s.next[:step*span+1]
		clear(s.next)
		for y, py := range s.pmf {
			if py == 0 {
				continue
			}
			for j, pj := range s.probs {
				s.next[y+s.offs[j]] += py * pj
			}
		}
		s.pmf, s.next = s.next, s.pmf
	}
}

// fourier leaves in s.pmf the same distribution as convolve, computed as
// the inverse DFT of the n-th power of the stance distribution's DFT. The
// transform length m is at least n·span + 1, so the circular convolution
// does not wrap around. The stance distribution has at most a handful of
// points, so its DFT, Σₖ pₖ·e^(−2πi·j·oₖ/m), is summed directly from a
// table of twiddle factors; the inverse is gonum's real FFT. Values carry
// an absolute error of about 1e-16 times log₂ m, so those below 1e-15
// (rounding noise, or true probabilities too small to move a quantile)
// are set to 0.
func (s *bootScratch) fourier(atoms []atom, n, x0, span int) {
	size := n*span + 1
	m := nextPow2(size)
	if s.ffts == nil {
		s.ffts = map[int]*fourierPlan{}
	}
	plan := s.ffts[m]
	if plan == nil {
		plan = &fourierPlan{fft: fourier.NewFFT(m), twiddle: make([]complex128, m)}
		for j := range plan.twiddle {
			sin, cos := math.Sincos(-2 * math.Pi * float64(j) / float64(m))
			plan.twiddle[j] = complex(cos, sin)
		}
		s.ffts[m] = plan
	}
	s.coef = slices.Grow(s.coef[:0], m/2+1)[:m/2+1]
	// |z|ⁿ below 1e-20 is far below the transform's rounding error: set
	// it to 0 without computing the power.
	tiny := math.Exp(-2 * 46 / float64(n))
	for j := range s.coef {
		var z complex128
		for _, a := range atoms {
			z += complex(float64(a.n)/float64(n), 0) * plan.twiddle[j*(int(a.x)-x0)%m]
		}
		if real(z)*real(z)+imag(z)*imag(z) < tiny {
			s.coef[j] = 0
			continue
		}
		s.coef[j] = cpow(z, n)
	}
	s.pmf = slices.Grow(s.pmf[:0], m)[:m]
	plan.fft.Sequence(s.pmf, s.coef)
	s.pmf = s.pmf[:size]
	for i, v := range s.pmf {
		if v /= float64(m); v < 1e-15 {
			v = 0
		}
		s.pmf[i] = v
	}
}

// fourierPlan is what a transform length needs, kept per worker.
type fourierPlan struct {
	fft     *fourier.FFT
	twiddle []complex128 // e^(−2πi·j/m)
}

// cpow is zⁿ by repeated squaring.
func cpow(z complex128, n int) complex128 {
	r := complex(1, 0)
	for n > 0 {
		if n&1 == 1 {
			r *= z
		}
		z *= z
		n >>= 1
	}
	return r
}

// uniform returns a float64 in [0, 1) with 53 random bits.
func uniform(r *rng) float64 { return float64(r.Uint64()>>11) * 0x1p-53 }

// binomial draws from Binomial(n, p) exactly. gonum's distuv.Binomial
// costs 150–350 ns a draw (it evaluates lgamma three times per try); the
// multinomial bootstrap makes millions of draws, so this uses inversion
// for n·p < 10 and Hörmann's BTRS (transformed rejection with squeeze,
// Hörmann 1993, "The generation of binomial random variates", J. Statist.
// Comput. Simul. 46, 101–110) otherwise: 25–60 ns.
func binomial(r *rng, n int, p float64) int {
	switch {
	case n <= 0 || p <= 0:
		return 0
	case p >= 1:
		return n
	case p > 0.5:
		return n - binomial(r, n, 1-p)
	case float64(n)*p < 10:
		return binomialInversion(r, n, p)
	}
	return binomialBTRS(r, n, p, math.NaN())
}

// binomialFrac draws from Binomial(n, c/tot), 0 ≤ c ≤ tot. Knowing p as a
// fraction of whole numbers lets BTRS read log(p/q) from a table.
func binomialFrac(r *rng, n, c, tot int) int {
	switch {
	case n <= 0 || c <= 0:
		return 0
	case c >= tot:
		return n
	case 2*c > tot:
		return n - binomialFrac(r, n, tot-c, tot)
	}
	p := float64(c) / float64(tot)
	if float64(n)*p < 10 {
		return binomialInversion(r, n, p)
	}
	return binomialBTRS(r, n, p, logInt(c)-logInt(tot-c))
}

// binomialInversion walks the CDF from 0 with the pmf recurrence
// f(x) = f(x−1)·((n+1)p/q/x − p/q). Expected cost n·p + 1 steps. A walk
// beyond n·p + 10·sd (probability below 1e-20) restarts, as in numpy.
func binomialInversion(r *rng, n int, p float64) int {
	q := 1 - p
	s := p / q
	a := float64(n+1) * s
	qn := powInt(q, n)
	np := float64(n) * p
	bound := int(math.Min(float64(n), np+10*math.Sqrt(np*q+1)))
	x, px := 0, qn
	u := uniform(r)
	for u > px {
		x++
		if x > bound {
			x, px, u = 0, qn, uniform(r)
			continue
		}
		u -= px
		px *= a/float64(x) - s
	}
	return x
}

// powInt is xⁿ by repeated squaring (relative error about log₂(n) ulps).
func powInt(x float64, n int) float64 {
	r := 1.0
	for n > 0 {
		if n&1 == 1 {
			r *= x
		}
		x *= x
		n >>= 1
	}
	return r
}

// binomialBTRS is Hörmann's algorithm BTRS for p ≤ 0.5 and n·p ≥ 10;
// lpq is log(p/q) when the caller knows it cheaply, else NaN.
func binomialBTRS(r *rng, n int, p, lpq float64) int {
	nf := float64(n)
	q := 1 - p
	spq := math.Sqrt(nf * p * q)
	b := 1.15 + 2.53*spq
	a := -0.0873 + 0.0248*b + 0.01*p
	c := nf*p + 0.5
	vr := 0.92 - 4.2/b
	var alpha, m, h float64
	setup := false
	for {
		u := uniform(r) - 0.5
		v := uniform(r)
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + c)
		if k < 0 || k > nf {
			continue
		}
		if us >= 0.07 && v <= vr {
			return int(k)
		}
		if !setup {
			alpha = (2.83 + 5.1/b) * spq
			if math.IsNaN(lpq) {
				lpq = math.Log(p / q)
			}
			m = math.Floor((nf + 1) * p)
			h = logFactorial(m) + logFactorial(nf-m)
			setup = true
		}
		v *= alpha / (a/(us*us) + b)
		rhs := h - logFactorial(k) - logFactorial(nf-k) + (k-m)*lpq
		// Accept when log v ≤ rhs. Since 1 − 1/v ≤ log v ≤ v − 1, most
		// cases are settled without computing the logarithm.
		switch {
		case v <= 1+rhs:
			return int(k)
		case rhs < 1 && v*(1-rhs) > 1:
			continue
		case math.Log(v) <= rhs:
			return int(k)
		}
	}
}

// logTab and logFactTab hold log(k) and log(k!) for k < 2¹⁵ (512 KiB in
// all), built by loadTables on first use; newBootScratch loads them, so
// the samplers read plain slices with no synchronisation per draw.
var (
	logTab, logFactTab []float64
	tablesOnce         sync.Once
)

func loadTables() {
	tablesOnce.Do(func() {
		const size = 1 << 15
		logTab, logFactTab = make([]float64, size), make([]float64, size)
		for i := range size {
			logTab[i] = math.Log(float64(i))
			logFactTab[i], _ = math.Lgamma(float64(i) + 1)
		}
	})
}

func logInt(k int) float64 {
	if k < len(logTab) {
		return logTab[k]
	}
	return math.Log(float64(k))
}

// logFactorial is log(k!) for a whole number k ≥ 0: a table below 2¹⁵,
// Stirling's series beyond (truncation error below 1e-30).
func logFactorial(k float64) float64 {
	if k < float64(len(logFactTab)) {
		return logFactTab[int(k)]
	}
	x := k + 1
	x2 := x * x
	return (x-0.5)*math.Log(x) - x + 0.5*math.Log(2*math.Pi) +
		(1.0/12-(1.0/360-1.0/(1260*x2))/x2)/x
}

// orderStats returns the kLo-th and kHi-th smallest resampled means.
// The means are independent draws, so the first 64 are a random sample:
// from its order statistics, thresholds tLo and tHi are set 4 standard
// deviations (plus 2 ranks) beyond the quantiles wanted, one pass keeps
// the values ≤ tLo and ≥ tHi (about 5% each at the 95% level), and the
// order statistics are selected among those. When a threshold turns out
// too tight (it is checked exactly), quickselect over all the means.
func (s *bootScratch) orderStats(cfg bootConfig) (float64, float64) {
	b := len(s.means)
	kLo, kTop := cfg.kLo, b-cfg.kHi+1 // kTop-th largest is the kHi-th smallest
	const m = 64
	if b < 8*m {
		return selectPair(s.means, cfg.kLo-1, cfg.kHi-1)
	}
	s.sample = append(s.sample[:0], s.means[:m]...)
	slices.Sort(s.sample)
	margin := func(p float64) float64 { return 4*math.Sqrt(m*p*(1-p)) + 2 }
	pLo, pTop := float64(kLo)/float64(b), float64(kTop)/float64(b)
	tLo := s.sample[min(m-1, int(m*pLo+margin(pLo)))]
	tHi := s.sample[max(0, m-1-int(m*pTop+margin(pTop)))]
	if !(tLo < tHi) {
		return selectPair(s.means, cfg.kLo-1, cfg.kHi-1)
	}
	s.low, s.high = s.low[:0], s.high[:0]
	for _, x := range s.means {
		if x <= tLo {
			s.low = append(s.low, x)
		} else if x >= tHi {
			s.high = append(s.high, x)
		}
	}
	// s.low holds every value ≤ tLo, so when it has kLo of them, the
	// kLo-th smallest overall is among them; likewise for s.high.
	if len(s.low) < kLo || len(s.high) < kTop {
		return selectPair(s.means, cfg.kLo-1, cfg.kHi-1)
	}
	return selectK(s.low, kLo-1), selectK(s.high, len(s.high)-kTop)
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
