package analysis

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"testing"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/stancemap/stancemap/data"
)

// atomsOf aggregates statements into the sorted distinct values a cell's
// bootstrap works on.
func atomsOf(stances []int, weights []float64) []atom {
	var as []atom
	for i, x := range stances {
		w := 1.0
		if weights != nil {
			w = weights[i]
		}
		j := slices.IndexFunc(as, func(a atom) bool { return a.x == float64(x) && a.w == w })
		if j < 0 {
			as = append(as, atom{x: float64(x), w: w})
			j = len(as) - 1
		}
		as[j].n++
	}
	slices.SortFunc(as, func(p, q atom) int {
		if c := cmp.Compare(p.x, q.x); c != 0 {
			return c
		}
		return cmp.Compare(p.w, q.w)
	})
	return as
}

type exactCell struct {
	Name         string    `json:"name"`
	Stances      []int     `json:"stances"`
	Weights      []float64 `json:"weights"`
	Level        float64   `json:"level"`
	Support      []float64 `json:"support"`
	CDF          []float64 `json:"cdf"`
	QLo          float64   `json:"q_lo"`
	CDFBelowQLo  float64   `json:"cdf_below_q_lo"`
	CDFAtQLo     float64   `json:"cdf_at_q_lo"`
	QHi          float64   `json:"q_hi"`
	CDFBelowQHi  float64   `json:"cdf_below_q_hi"`
	CDFAtQHi     float64   `json:"cdf_at_q_hi"`
	equalWeights bool
}

func loadExactCells(t *testing.T) []exactCell {
	t.Helper()
	var doc struct {
		Bootstrap []exactCell `json:"bootstrap"`
	}
	b, err := os.ReadFile("testdata/reference_expected.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Bootstrap) == 0 {
		t.Fatal("no bootstrap cells in testdata/reference_expected.json")
	}
	for i := range doc.Bootstrap {
		c := &doc.Bootstrap[i]
		c.equalWeights = !slices.ContainsFunc(c.Weights, func(w float64) bool { return w != c.Weights[0] })
	}
	return doc.Bootstrap
}

// inverseCDF is the smallest support value whose cumulative probability
// reaches p.
func (c exactCell) inverseCDF(p float64) float64 {
	i := sort.SearchFloat64s(c.CDF, p)
	return c.Support[min(i, len(c.Support)-1)]
}

// checkBound asserts that a bootstrap bound computed with B resamples
// matches the exact quantile at p.
//
// Tolerance. The bound is the k-th smallest of B means drawn from the
// exact distribution F, i.e. F⁻¹(U), with U the k-th smallest of B
// uniforms: U has mean ≈ p and standard deviation σ = √(p(1−p)/B)
// (3.5e-4 at p = 2.5%, B = 200,000). So the bound equals the exact
// quantile q unless U leaves (F(q−), F(q)], the interval of probability
// over which F⁻¹ returns q. When p lies more than 6σ inside it, a miss has
// probability below 2e-9: the test demands q itself (to 1e-12, the
// rounding of the mean). When p is within 6σ of an end (a CDF step close
// to p), either neighbour is legitimate: the test demands a value between
// F⁻¹(p−6σ) and F⁻¹(p+6σ).
func checkBound(t *testing.T, what string, c exactCell, b int, p, got, q, below, at float64) {
	t.Helper()
	d := 6 * math.Sqrt(p*(1-p)/float64(b))
	if p-below > d && at-p > d {
		if math.Abs(got-q) > 1e-12 {
			t.Errorf("%s %s: bound %.15g, exact quantile %.15g (F(q−) = %.5f, F(q) = %.5f, p = %.4f)", c.Name, what, got, q, below, at, p)
		}
		return
	}
	lo, hi := c.inverseCDF(p-d), c.inverseCDF(p+d)
	if got < lo-1e-12 || got > hi+1e-12 {
		t.Errorf("%s %s: bound %.15g outside [%.15g, %.15g], the quantiles within 6σ of p = %.4f", c.Name, what, got, lo, hi, p)
	}
}

// The bootstrap interval against the exact bootstrap distribution that
// testdata/reference.py computes by enumerating every resample.
func TestBootstrapMatchesExactDistribution(t *testing.T) {
	const B = 200_000
	cells := loadExactCells(t)
	narrow := 0
	for _, c := range cells {
		methods := []bootMethod{bootDirect, bootMultinomial}
		if c.equalWeights {
			methods = append(methods, bootExact)
		}
		for _, m := range methods {
			cfg := newBootConfig(B, c.Level)
			cfg.method = m
			s := newBootScratch()
			s.rng.Seed(cellSeed(7, "exact", c.Name, fmt.Sprint(m)))
			lo, hi := s.ci(atomsOf(c.Stances, c.Weights), cfg)
			a := (1 - c.Level) / 2
			checkBound(t, fmt.Sprintf("method %d lower", m), c, B, a, lo, c.QLo, c.CDFBelowQLo, c.CDFAtQLo)
			checkBound(t, fmt.Sprintf("method %d upper", m), c, B, 1-a, hi, c.QHi, c.CDFBelowQHi, c.CDFAtQHi)
		}
		if d := 6 * math.Sqrt(0.025*0.975/B); 0.025-c.CDFBelowQLo > d && c.CDFAtQLo-0.025 > d {
			narrow++
		}
	}
	// Most cells must be decided exactly, or the test checks little.
	if narrow < len(cells)*2/3 {
		t.Errorf("only %d of %d cells have their lower quantile well inside a CDF step", narrow, len(cells))
	}
}

// The same cells through StanceMatrices, each as one actor's statements,
// with the method chosen automatically.
func TestStanceMatricesIntervalMatchesExact(t *testing.T) {
	cells := loadExactCells(t)
	reg := data.NewRegistry()
	c := &data.Corpus{Actors: reg, Codebook: &data.Codebook{Themes: []data.Theme{{ID: "t"}}}}
	for _, ec := range cells {
		if err := reg.Add(data.Actor{ID: ec.Name, Kind: data.KindState}); err != nil {
			t.Fatal(err)
		}
		for i, x := range ec.Stances {
			c.Statements = append(c.Statements, data.Statement{ID: fmt.Sprintf("%s-%d", ec.Name, i), Actor: ec.Name,
				Theme: "t", Stance: x, Weight: ec.Weights[i], Date: data.Date{Year: 2013, Precision: data.PrecisionYear}})
		}
	}
	const B = 200_000
	set, err := StanceMatrices(c, MatrixOptions{Bootstrap: B})
	if err != nil {
		t.Fatal(err)
	}
	for _, ec := range cells {
		cell, _ := set.Matrices[0].Cell(ec.Name, "t")
		checkBound(t, "lower", ec, B, 0.025, cell.CILow, ec.QLo, ec.CDFBelowQLo, ec.CDFAtQLo)
		checkBound(t, "upper", ec, B, 0.975, cell.CIHigh, ec.QHi, ec.CDFBelowQHi, ec.CDFAtQHi)
	}
}

// bigCell is 300 statements on all five stances; weighted, in 15 distinct
// (stance, weight) values.
func bigCell(weighted bool) []atom {
	var st []int
	var ws []float64
	for i := range 300 {
		st = append(st, []int{-2, -1, 0, 1, 2, 2, 1, 1}[i%8])
		w := 1.0
		if weighted {
			w = []float64{0.5, 1, 2}[(i/8)%3]
		}
		ws = append(ws, w)
	}
	return atomsOf(st, ws)
}

// Large cells, where no enumeration is possible: the three methods must
// agree within Monte-Carlo noise. With B = 100,000, a bound's standard
// error is about √(p(1−p)/B)/φ(1.96) standard errors of the mean, i.e.
// 0.2% of the interval's width; two independent bounds differ by more
// than 3% of the width with probability below 1e-20.
func TestBootstrapMethodsAgree(t *testing.T) {
	for _, weighted := range []bool{false, true} {
		as := bigCell(weighted)
		methods := []bootMethod{bootDirect, bootMultinomial}
		if !weighted {
			methods = append(methods, bootExact)
		}
		var los, his []float64
		for _, m := range methods {
			cfg := newBootConfig(100_000, 0.95)
			cfg.method = m
			s := newBootScratch()
			s.rng.Seed(uint64(m) + 10)
			lo, hi := s.ci(as, cfg)
			los, his = append(los, lo), append(his, hi)
		}
		width := his[0] - los[0]
		for i := range methods {
			if math.Abs(los[i]-los[0]) > 0.03*width || math.Abs(his[i]-his[0]) > 0.03*width {
				t.Errorf("weighted %v: method %d gives [%v, %v], method %d [%v, %v]",
					weighted, methods[i], los[i], his[i], methods[0], los[0], his[0])
			}
		}
	}
}

// Same seed, same interval; other seeds move it only by Monte-Carlo noise
// (at B = 2000 a bound's standard error is about 1.5% of the width; eight
// seeds spread over more than 12% with negligible probability).
func TestBootstrapSeeds(t *testing.T) {
	as := bigCell(true)
	cfg := newBootConfig(2000, 0.95)
	run := func(seed uint64) (float64, float64) {
		s := newBootScratch()
		s.rng.Seed(seed)
		return s.ci(as, cfg)
	}
	lo1, hi1 := run(1)
	lo2, hi2 := run(1)
	if lo1 != lo2 || hi1 != hi2 {
		t.Errorf("same seed: [%v, %v] then [%v, %v]", lo1, hi1, lo2, hi2)
	}
	width := hi1 - lo1
	var los []float64
	for seed := uint64(2); seed < 10; seed++ {
		lo, _ := run(seed)
		los = append(los, lo)
	}
	spread := slices.Max(los) - slices.Min(los)
	if spread == 0 {
		t.Error("eight seeds gave the same lower bound")
	}
	if spread > 0.12*width {
		t.Errorf("lower bounds over eight seeds spread over %v, more than 12%% of the width %v", spread, width)
	}
}

// convolve and fourier compute the same distribution.
func TestExactConvolutionMatchesFourier(t *testing.T) {
	for _, n := range []int{2, 7, 40, 150} {
		st := make([]int, n)
		for i := range st {
			st[i] = []int{-2, 0, 1, 2, 2}[i%5]
		}
		as := atomsOf(st, nil)
		s := newBootScratch()
		s.convolve(as, n, -2, 4)
		direct := slices.Clone(s.pmf)
		s.fourier(as, n, -2, 4)
		if len(direct) != len(s.pmf) {
			t.Fatalf("n = %d: lengths %d and %d", n, len(direct), len(s.pmf))
		}
		var sum float64
		for i := range direct {
			sum += direct[i]
			if math.Abs(direct[i]-s.pmf[i]) > 1e-13 {
				t.Errorf("n = %d, sum %d: convolution %g, Fourier %g", n, i, direct[i], s.pmf[i])
			}
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("n = %d: probabilities sum to %v", n, sum)
		}
	}
}

// orderStats reads the same order statistics as gonum's stat.Quantile with
// stat.Empirical, for probabilities exact in binary (so that p·B needs no
// rounding), on both its paths.
func TestOrderStatsMatchGonumQuantile(t *testing.T) {
	s := newBootScratch()
	for _, tc := range []struct {
		b     int
		level float64
	}{{2048, 0.9375}, {2000, 0.5}, {1000, 0.75}, {10, 0.5}, {1, 0.5}} {
		s.rng.Seed(uint64(tc.b))
		var random []float64
		for range tc.b {
			random = append(random, math.Round(uniform(s.rng)*50)/10) // many ties
		}
		sorted := slices.Clone(random)
		slices.Sort(sorted)
		reversed := slices.Clone(sorted)
		slices.Reverse(reversed)
		cfg := newBootConfig(tc.b, tc.level)
		a := (1 - tc.level) / 2
		wantLo, wantHi := stat.Quantile(a, stat.Empirical, sorted, nil), stat.Quantile(1-a, stat.Empirical, sorted, nil)
		// Sorted inputs defeat the sampled thresholds: the exact fallback runs.
		for name, in := range map[string][]float64{"random": random, "sorted": sorted, "reversed": reversed} {
			s.means = append(s.means[:0], in...)
			lo, hi := s.orderStats(cfg)
			if lo != wantLo || hi != wantHi {
				t.Errorf("B %d, level %v, %s: [%v, %v], stat.Quantile gives [%v, %v]", tc.b, tc.level, name, lo, hi, wantLo, wantHi)
			}
			l2, h2 := selectPair(slices.Clone(in), cfg.kLo-1, cfg.kHi-1)
			if l2 != wantLo || h2 != wantHi {
				t.Errorf("B %d, level %v, %s: quickselect [%v, %v], want [%v, %v]", tc.b, tc.level, name, l2, h2, wantLo, wantHi)
			}
		}
	}
}

func TestOrderIndex(t *testing.T) {
	for _, tc := range []struct {
		b        int
		level    float64
		kLo, kHi int
	}{
		{2000, 0.95, 50, 1950}, // (1−0.95)/2 = 0.025000000000000022 in binary, still 50
		{200_000, 0.95, 5000, 195_000},
		{1000, 0.9, 50, 950},
		{10, 0.9, 1, 10}, // ⌈0.5⌉ = 1, ⌈9.5⌉ = 10
		{1, 0.95, 1, 1},
	} {
		cfg := newBootConfig(tc.b, tc.level)
		if cfg.kLo != tc.kLo || cfg.kHi != tc.kHi {
			t.Errorf("B %d, level %v: k = %d, %d; want %d, %d", tc.b, tc.level, cfg.kLo, cfg.kHi, tc.kLo, tc.kHi)
		}
	}
}

// The binomial sampler against the exact binomial distribution: a
// chi-square goodness-of-fit test on 200,000 draws, tail bins merged until
// each expects at least 5 draws, at significance 1e-4. Cases cover
// inversion (n·p < 10), BTRS, p > ½ (reflection) and n beyond the
// log-factorial table (Stirling's series).
func TestBinomialGoodnessOfFit(t *testing.T) {
	const draws = 200_000
	tests := []struct {
		n   int
		c   int // p = c/tot when tot > 0
		tot int
		p   float64
	}{
		{n: 5, p: 0.3}, {n: 40, p: 0.2}, {n: 60, p: 0.3}, {n: 1000, p: 0.5}, {n: 1000, p: 0.93},
		{n: 20_000, p: 0.01}, {n: 100_000, p: 0.3},
		{n: 500, c: 33, tot: 500}, {n: 467, c: 400, tot: 500}, {n: 17, c: 2, tot: 17},
	}
	for _, tc := range tests {
		p := tc.p
		if tc.tot > 0 {
			p = float64(tc.c) / float64(tc.tot)
		}
		t.Run(fmt.Sprintf("n=%d,p=%.4f", tc.n, p), func(t *testing.T) {
			s := newBootScratch()
			s.rng.Seed(uint64(tc.n)*31 + uint64(p*1e6))
			counts := map[int]int{}
			for range draws {
				var k int
				if tc.tot > 0 {
					k = binomialFrac(s.rng, tc.n, tc.c, tc.tot)
				} else {
					k = binomial(s.rng, tc.n, p)
				}
				if k < 0 || k > tc.n {
					t.Fatalf("draw %d outside 0..%d", k, tc.n)
				}
				counts[k]++
			}
			dist := distuv.Binomial{N: float64(tc.n), P: p}
			// Bins from the mode outwards would do; walk 0..n, merging.
			var chi2 float64
			var bins int
			var obs, exp float64
			for k := 0; k <= tc.n; k++ {
				obs += float64(counts[k])
				exp += draws * dist.Prob(float64(k))
				rest := draws * dist.Survival(float64(k))
				if exp >= 5 && rest >= 5 {
					chi2 += (obs - exp) * (obs - exp) / exp
					bins++
					obs, exp = 0, 0
				}
			}
			exp += draws * dist.Survival(float64(tc.n)) // 0; the last bin takes the tail
			if exp > 0 {
				chi2 += (obs - exp) * (obs - exp) / exp
				bins++
			}
			crit := distuv.ChiSquared{K: float64(bins - 1)}.Quantile(1 - 1e-4)
			if chi2 > crit {
				t.Errorf("chi-square %.1f on %d bins, critical value %.1f", chi2, bins, crit)
			}
		})
	}
}
