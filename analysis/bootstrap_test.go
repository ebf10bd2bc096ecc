package analysis

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
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
		cfg := newBootConfig(B, c.Level)
		s := &bootScratch{rng: cellStream(7, "exact", c.Name)}
		lo, hi := s.ci(atomsOf(c.Stances, c.Weights), cfg)
		a := (1 - c.Level) / 2
		checkBound(t, "lower", c, B, a, lo, c.QLo, c.CDFBelowQLo, c.CDFAtQLo)
		checkBound(t, "upper", c, B, 1-a, hi, c.QHi, c.CDFBelowQHi, c.CDFAtQHi)
		if d := 6 * math.Sqrt(0.025*0.975/B); 0.025-c.CDFBelowQLo > d && c.CDFAtQLo-0.025 > d {
			narrow++
		}
	}
	// Most cells must be decided exactly, or the test checks little.
	if narrow < len(cells)*2/3 {
		t.Errorf("only %d of %d cells have their lower quantile well inside a CDF step", narrow, len(cells))
	}
}

// The same cells through StanceMatrices, each as one actor's statements.
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

// Same seed, same interval; other seeds move it only by Monte-Carlo noise
// (at B = 2000 a bound's standard error is about 1.5% of the width; eight
// seeds spread over more than 12% with negligible probability).
func TestBootstrapSeeds(t *testing.T) {
	as := bigCell(true)
	cfg := newBootConfig(2000, 0.95)
	run := func(seed uint64) (float64, float64) {
		s := &bootScratch{rng: rand.NewPCG(seed, 0)}
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

// selectPair reads the same order statistics as gonum's stat.Quantile
// with stat.Empirical, for probabilities exact in binary (so that p·B
// needs no rounding), whatever the order of its input.
func TestSelectPairMatchesGonumQuantile(t *testing.T) {
	for _, tc := range []struct {
		b     int
		level float64
	}{{2048, 0.9375}, {2000, 0.5}, {1000, 0.75}, {10, 0.5}, {1, 0.5}} {
		r := rand.New(rand.NewPCG(uint64(tc.b), 0))
		var random []float64
		for range tc.b {
			random = append(random, float64(r.IntN(51))/10) // many ties
		}
		sorted := slices.Clone(random)
		slices.Sort(sorted)
		reversed := slices.Clone(sorted)
		slices.Reverse(reversed)
		cfg := newBootConfig(tc.b, tc.level)
		a := (1 - tc.level) / 2
		wantLo, wantHi := stat.Quantile(a, stat.Empirical, sorted, nil), stat.Quantile(1-a, stat.Empirical, sorted, nil)
		for name, in := range map[string][]float64{"random": random, "sorted": sorted, "reversed": reversed} {
			lo, hi := selectPair(slices.Clone(in), cfg.kLo-1, cfg.kHi-1)
			if lo != wantLo || hi != wantHi {
				t.Errorf("B %d, level %v, %s: [%v, %v], stat.Quantile gives [%v, %v]", tc.b, tc.level, name, lo, hi, wantLo, wantHi)
			}
		}
	}
}

// Hand-computed cases: statements that all take one stance have that
// stance as interval, whatever their weights; one statement (or one of
// positive weight) has none; two statements -1 and +1 of weight 1 have
// resample means -1, 0 and +1 with probabilities ¼, ½, ¼, so the 95%
// interval of 2000 resamples is [-1, +1] (the 50th smallest mean is -1
// unless fewer than 50 of the 2000 are -1, which has probability below
// 1e-100).
func TestBootstrapHandComputed(t *testing.T) {
	tests := []struct {
		name           string
		stances        []int
		weights        []float64
		wantLo, wantHi float64 // NaN: no interval
	}{
		{"all equal", []int{1, 1, 1, 1}, []float64{1, 2, 0.5, 3}, 1, 1},
		{"all equal unweighted", []int{-2, -2, -2}, []float64{1, 1, 1}, -2, -2},
		{"one statement", []int{2}, []float64{1}, math.NaN(), math.NaN()},
		{"one of positive weight", []int{2, -2}, []float64{1, 0}, math.NaN(), math.NaN()},
		{"two apart", []int{-1, 1}, []float64{1, 1}, -1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reg := data.NewRegistry()
			if err := reg.Add(data.Actor{ID: "A", Kind: data.KindState}); err != nil {
				t.Fatal(err)
			}
			c := &data.Corpus{Actors: reg, Codebook: &data.Codebook{Themes: []data.Theme{{ID: "t"}}}}
			for i, x := range tc.stances {
				c.Statements = append(c.Statements, data.Statement{ID: fmt.Sprint(i), Actor: "A", Theme: "t",
					Stance: x, Weight: tc.weights[i], Date: data.Date{Year: 2013, Precision: data.PrecisionYear}})
			}
			set, err := StanceMatrices(c, MatrixOptions{})
			if err != nil {
				t.Fatal(err)
			}
			cell, _ := set.Matrices[0].Cell("A", "t")
			same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
			if !same(cell.CILow, tc.wantLo) || !same(cell.CIHigh, tc.wantHi) {
				t.Errorf("interval [%v, %v], want [%v, %v]", cell.CILow, cell.CIHigh, tc.wantLo, tc.wantHi)
			}
		})
	}
}

// The 95% interval covers the true mean of the distribution sampled in
// about 95% of samples. Samples of 40 values from a normal distribution,
// 1000 of them, B = 1000: the percentile interval of a mean is known to
// cover a little less than nominal at this size (about 94%); with 1000
// samples the observed rate has a standard error of 0.75%, so the test
// asks for 91–98%.
func TestBootstrapCoverage(t *testing.T) {
	const samples, n, mu = 1000, 40, 0.3
	r := rand.New(rand.NewPCG(11, 12))
	cfg := newBootConfig(1000, 0.95)
	s := &bootScratch{}
	covered := 0
	for i := range samples {
		as := make([]atom, n)
		for j := range as {
			as[j] = atom{x: mu + r.NormFloat64(), w: 1, n: 1}
		}
		slices.SortFunc(as, func(p, q atom) int { return cmp.Compare(p.x, q.x) })
		s.rng = cellStream(1, fmt.Sprint(i))
		if lo, hi := s.ci(as, cfg); lo <= mu && mu <= hi {
			covered++
		}
	}
	if rate := float64(covered) / samples; rate < 0.91 || rate > 0.98 {
		t.Errorf("the 95%% interval covered the mean in %.1f%% of samples", 100*rate)
	}
}

// A cell's interval depends on its statements, the seed and B only: not
// on how many cells are computed at once, the order of the statements, or
// the other actors and themes.
func TestBootstrapIndependentOfScheduling(t *testing.T) {
	c := benchCorpus(t, 20_000, 30, 4)
	intervals := func(c *data.Corpus, procs int) map[string][2]float64 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		set, err := StanceMatrices(c, MatrixOptions{Period: PeriodSpec{Kind: PeriodYear}, Bootstrap: 500})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][2]float64{}
		for _, m := range set.Matrices {
			for r, row := range m.Cells {
				for th, cell := range row {
					if !math.IsNaN(cell.CILow) {
						out[m.Period.Label+"/"+m.Rows[r]+"/"+m.Themes[th]] = [2]float64{cell.CILow, cell.CIHigh}
					}
				}
			}
		}
		return out
	}
	want := intervals(c, 1)
	if len(want) < 1000 {
		t.Fatalf("only %d cells have an interval", len(want))
	}
	// Reversed statements, an extra theme and actor: other cells, another
	// order of computation.
	other := *c
	other.Statements = slices.Clone(c.Statements)
	slices.Reverse(other.Statements)
	other.Codebook = &data.Codebook{Themes: append([]data.Theme{{ID: "aaa"}}, c.Codebook.Themes...)}
	other.Statements = append(other.Statements, data.Statement{ID: "extra", Actor: "A000", Theme: "aaa", Stance: 1, Weight: 1,
		Date: data.Date{Year: 2000, Precision: data.PrecisionYear}})
	for name, got := range map[string]map[string][2]float64{"GOMAXPROCS=2": intervals(c, 2), "GOMAXPROCS=8": intervals(c, 8), "reordered": intervals(&other, 2)} {
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: cell %s has interval %v, with one processor %v", name, k, got[k], w)
				break
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

// BenchmarkBootstrapCell times one cell's interval with B = 2000, for the
// cell sizes of the 1M-statement benchmark corpus: about 17 statements
// (a year) and 500 (all years), weighted in 3 values or not.
func BenchmarkBootstrapCell(b *testing.B) {
	for _, n := range []int{17, 500} {
		for _, weighted := range []bool{false, true} {
			var st []int
			var ws []float64
			for i := range n {
				st = append(st, []int{-2, -1, 0, 1, 2, 2, 1, 1}[i%8])
				ws = append(ws, []float64{1, 0.5, 2}[(i/8)%3*boolInt(weighted)])
			}
			as := atomsOf(st, ws)
			b.Run(fmt.Sprintf("n=%d,weighted=%v", n, weighted), func(b *testing.B) {
				cfg := newBootConfig(2000, 0.95)
				s := &bootScratch{rng: rand.NewPCG(1, 2)}
				for b.Loop() {
					s.ci(as, cfg)
				}
			})
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// The alias tables give each k the probability of Bin(m, p): what a
// table implies (each column 1/size: prob to itself, the rest to its
// alias) against gonum's binomial pmf, including m beyond the reach of a
// full table and p near 0 and 1.
func TestBinomialTables(t *testing.T) {
	for _, tc := range []struct {
		m int
		p float64
	}{{1, 0.5}, {17, 0.2}, {17, 0.9}, {500, 1.0 / 3}, {100_000, 0.01}, {1_000_000, 0.5}, {40, 1e-6}} {
		s := &bootScratch{}
		l := &binLevel{p: tc.p, ratio: tc.p / (1 - tc.p)}
		tab := s.table(l, tc.m)
		implied := map[int]float64{}
		size := float64(tab.size)
		for i := range int(tab.size) {
			pr, al := s.prob[int(tab.off)+i], s.alias[int(tab.off)+i]
			implied[int(tab.lo)+i] += pr / size
			implied[int(tab.lo)+int(al)] += (1 - pr) / size
		}
		dist := distuv.Binomial{N: float64(tc.m), P: tc.p}
		var total float64
		for k, got := range implied {
			total += got
			// gonum's pmf goes through lgamma(m), whose rounding is about
			// 1e-16·m·log m in the exponent: 3e-9 relative at m = 10⁶.
			if want := dist.Prob(float64(k)); math.Abs(got-want) > 1e-8*want+1e-15 {
				t.Errorf("Bin(%d, %v): P(%d) = %v from the table, %v exactly", tc.m, tc.p, k, got, want)
			}
		}
		// Whatever the table leaves out is negligible.
		if math.Abs(total-1) > 1e-12 {
			t.Errorf("Bin(%d, %v): the table's probabilities sum to %v", tc.m, tc.p, total)
		}
	}
}

// A cell too large to keep its alias tables rebuilds them, with the same
// draws: the interval does not depend on how many tables are kept.
func TestBootstrapTablesDropped(t *testing.T) {
	as := []atom{{x: -1, w: 1, n: 30_000}, {x: 0, w: 1, n: 50_000}, {x: 1, w: 1, n: 15_000}, {x: 2, w: 0.5, n: 5_000}}
	cfg := newBootConfig(500, 0.95)
	run := func() (float64, float64, int) {
		s := &bootScratch{rng: rand.NewPCG(3, 4)}
		lo, hi := s.ci(as, cfg)
		return lo, hi, len(s.prob)
	}
	lo, hi, kept := run()
	defer func(m int) { tablesMax = m }(tablesMax)
	tablesMax = 1000
	lo2, hi2, kept2 := run()
	if lo != lo2 || hi != hi2 {
		t.Errorf("keeping every table: [%v, %v]; keeping 1000 entries: [%v, %v]", lo, hi, lo2, hi2)
	}
	if kept <= 1000 || kept2 > 1000 {
		t.Errorf("%d table entries kept with room for all, %d with room for 1000", kept, kept2)
	}
}

// The counted interval of whole stances of weight 1 is the one the stored
// means give, to the bit, from the same draws; cells it does not take
// (other weights, one stance, too many statements) are left to the
// stored means without drawing.
func TestBootstrapCountedMatchesStored(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	taken := 0
	for c := range 400 {
		var stances []int
		var weights []float64
		n := 2 + rng.IntN(40)
		switch c % 5 {
		case 3:
			n = 2 + rng.IntN(6000) // some above countedSpan / 4
		case 4:
			weights = make([]float64, n) // weights other than 1 in some
		}
		lo, hi := -2+rng.IntN(3), rng.IntN(3)
		for i := range n {
			stances = append(stances, lo+rng.IntN(hi-lo+1))
			if weights != nil {
				weights[i] = float64(1 + rng.IntN(2))
			}
		}
		as := atomsOf(stances, weights)
		b := []int{1, 2, 99, 500, 2000}[c%5]
		cfg := newBootConfig(b, []float64{0.5, 0.9, 0.95, 0.99}[c%4])
		stored := &bootScratch{rng: rand.NewPCG(uint64(c), 1)}
		stored.resample(as, cfg.B)
		wantLo, wantHi := selectPair(stored.means, cfg.kLo-1, cfg.kHi-1)
		counted := &bootScratch{rng: rand.NewPCG(uint64(c), 1)}
		gotLo, gotHi, ok := counted.ciCounted(as, cfg)
		whole := weights == nil || !slices.ContainsFunc(weights, func(w float64) bool { return w != 1 })
		distinct := slices.ContainsFunc(stances, func(x int) bool { return x != stances[0] })
		if want := whole && distinct && n*(slices.Max(stances)-slices.Min(stances)) < countedSpan; ok != want {
			t.Fatalf("cell %d (%d statements, weights 1: %v, several stances: %v): counted %v, want %v", c, n, whole, distinct, ok, want)
		}
		if !ok {
			if counted.rng.Uint64() != rand.NewPCG(uint64(c), 1).Uint64() {
				t.Errorf("cell %d: a cell not counted drew from the stream", c)
			}
			continue
		}
		taken++
		if math.Float64bits(gotLo) != math.Float64bits(wantLo) || math.Float64bits(gotHi) != math.Float64bits(wantHi) {
			t.Errorf("cell %d (%d statements, B %d, order statistics %d and %d): counted [%v, %v], stored [%v, %v]",
				c, n, b, cfg.kLo, cfg.kHi, gotLo, gotHi, wantLo, wantHi)
		}
		if stored.rng.Uint64() != counted.rng.Uint64() {
			t.Errorf("cell %d: the two ways drew different numbers of values", c)
		}
	}
	if taken < 200 {
		t.Errorf("only %d of 400 cells counted", taken)
	}
}
