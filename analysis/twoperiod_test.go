package analysis

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// twoPeriodCorpus builds a corpus from stances by actor, theme and year.
func twoPeriodCorpus(t testing.TB, themes []string, cells map[[2]string][2][]int, years [2]int) *data.Corpus {
	t.Helper()
	reg := data.NewRegistry()
	cb := &data.Codebook{}
	for _, th := range themes {
		cb.Themes = append(cb.Themes, data.Theme{ID: th})
	}
	c := &data.Corpus{Actors: reg, Codebook: cb}
	seen := map[string]bool{}
	n := 0
	for key, sides := range cells {
		if !seen[key[0]] {
			reg.Add(data.Actor{ID: key[0], Name: key[0], Kind: data.KindState})
			seen[key[0]] = true
		}
		for k, side := range sides {
			for _, x := range side {
				n++
				c.Statements = append(c.Statements, data.Statement{ID: fmt.Sprintf("s%05d", n), Actor: key[0], Theme: key[1],
					Stance: x, Date: data.Date{Year: int32(years[k]), Precision: data.PrecisionYear}, Weight: 1})
			}
		}
	}
	return c
}

func yearSets(t testing.TB, c *data.Corpus) *MatrixSet {
	t.Helper()
	set, err := StanceMatrices(c, MatrixOptions{Bootstrap: -1, Period: PeriodSpec{Kind: PeriodYear}})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestComparePeriodsByHand checks the changes, intervals and verdicts of
// a corpus small enough to compute by hand; testdata/twoperiod_hand.py
// (numpy, scipy) gives the values in twoperiod_hand.txt. A moves from
// −1.67 to +1.5 (moved); B's small change has an interval wider than the
// margin (cannot tell); C has one statement in 2010, below
// --min-statements 2 (cannot tell, thin, whatever its interval); D keeps
// its position with eight statements a side (stayed).
func TestComparePeriodsByHand(t *testing.T) {
	c := twoPeriodCorpus(t, []string{"x", "y"}, map[[2]string][2][]int{
		{"A", "x"}: {{-2, -1, -2}, {1, 2}},
		{"B", "x"}: {{0, 1}, {0, 0, 1}},
		{"C", "x"}: {{2}, {1, 1}},
		{"D", "y"}: {{1, 1, 1, 1, 1, 1, 1, 2}, {1, 1, 1, 1, 1, 1, 2, 1}},
	}, [2]int{2010, 2011})
	pc, err := ComparePeriods(yearSets(t, c), PeriodChangeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if pc.From != "2010" || pc.To != "2011" || !pc.Default {
		t.Errorf("periods %s → %s (default %v), want 2010 → 2011 by default", pc.From, pc.To, pc.Default)
	}
	const tol = 1e-9
	for j, want := range []struct {
		s2, df float64
	}{{0.48148148148148145, 9}, {0.234375, 16}} {
		if math.Abs(pc.Sigma2[j]-want.s2) > tol || pc.DF[j] != want.df {
			t.Errorf("theme %s: pooled variance %v on %v df, want %v on %v", pc.Themes[j], pc.Sigma2[j], pc.DF[j], want.s2, want.df)
		}
	}
	want := []struct {
		row, theme   string
		d, lo, hi    float64
		verdict      string
		thin         bool
		na, nb       int
		meanA, meanB float64
	}{
		{"A", "x", 3.166666666666667, 1.7777030345366172, 4.555630298796717, VerdictMoved, false, 3, 2, -5.0 / 3, 1.5},
		{"B", "x", -0.16666666666666669, -1.5556302987967165, 1.222296965463383, VerdictCannotTell, false, 2, 3, 0.5, 1.0 / 3},
		{"C", "x", -1.0, -2.9442188047151228, 0.9442188047151228, VerdictCannotTell, true, 1, 2, 2, 1},
		{"D", "y", 0, -0.4209154247797811, 0.4209154247797811, VerdictStayed, false, 8, 8, 1.125, 1.125},
	}
	if len(pc.Cells) != len(want) {
		t.Fatalf("got %d cells, want %d: %+v", len(pc.Cells), len(want), pc.Cells)
	}
	for _, w := range want {
		g, ok := pc.Cell(w.row, w.theme)
		if !ok {
			t.Errorf("no cell %s %s", w.row, w.theme)
			continue
		}
		if math.Abs(g.Change-w.d) > tol || math.Abs(g.Low-w.lo) > tol || math.Abs(g.High-w.hi) > tol || g.Verdict != w.verdict || g.Thin != w.thin ||
			g.A.N != w.na || g.B.N != w.nb || math.Abs(g.A.Mean-w.meanA) > tol || math.Abs(g.B.Mean-w.meanB) > tol {
			t.Errorf("%s %s: got %+v, want %+v", w.row, w.theme, g, w)
		}
	}
	if pc.Moved != 1 || pc.Stayed != 1 || pc.CannotTell != 2 {
		t.Errorf("counts moved %d, stayed %d, cannot tell %d; want 1, 1, 2", pc.Moved, pc.Stayed, pc.CannotTell)
	}
}

// TestComparePeriodsChoosing: the periods are found by their labels
// whatever the dash; an unknown one is an option error naming it and the
// periods there are; the default skips periods with no cell of
// --min-statements statements.
func TestComparePeriodsChoosing(t *testing.T) {
	c := twoPeriodCorpus(t, []string{"x"}, map[[2]string][2][]int{
		{"A", "x"}: {{-2, -1, -2}, {1, 2}},
	}, [2]int{2010, 2012})
	// one lone statement in 2013: a period, but not one with enough
	c.Statements = append(c.Statements, data.Statement{ID: "late", Actor: "A", Theme: "x", Stance: 2,
		Date: data.Date{Year: 2013, Precision: data.PrecisionYear}, Weight: 1})
	set, err := StanceMatrices(c, MatrixOptions{Bootstrap: -1, Period: PeriodSpec{Kind: PeriodRanges,
		Ranges: []Period{{From: data.Date{Year: 2010, Precision: data.PrecisionYear}, To: data.Date{Year: 2011, Precision: data.PrecisionYear}},
			{From: data.Date{Year: 2012, Precision: data.PrecisionYear}, To: data.Date{Year: 2012, Precision: data.PrecisionYear}},
			{From: data.Date{Year: 2013, Precision: data.PrecisionYear}, To: data.Date{Year: 2014, Precision: data.PrecisionYear}}}}})
	if err != nil {
		t.Fatal(err)
	}
	labels := []string{set.Matrices[0].Period.Label, set.Matrices[1].Period.Label, set.Matrices[2].Period.Label}
	if labels[0] != "2010–2011" {
		t.Fatalf("labels %v: the test expects en-dashed ranges", labels)
	}
	pc, err := ComparePeriods(set, PeriodChangeOptions{})
	if err != nil || pc.From != "2010–2011" || pc.To != "2012" {
		t.Errorf("default: %v, %+v; want 2010–2011 → 2012 (2013–2014 has one statement)", err, pc)
	}
	pc, err = ComparePeriods(set, PeriodChangeOptions{From: "2010-2011", To: " 2013 - 2014 "})
	if err != nil || pc.From != "2010–2011" || pc.To != "2013–2014" || pc.Default {
		t.Errorf("chosen with hyphens: %v, %+v", err, pc)
	}
	_, err = ComparePeriods(set, PeriodChangeOptions{From: "2010-2011", To: "2020-2024"})
	var oe *OptionError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), `no period "2020-2024"`) || !strings.Contains(err.Error(), "2010–2011, 2012, 2013–2014") {
		t.Errorf("unknown period: %v", err)
	}
	if _, err = ComparePeriods(set, PeriodChangeOptions{From: "2012", To: "2012"}); !errors.As(err, &oe) {
		t.Errorf("same period twice: %v", err)
	}
	for _, bad := range []string{"2010", "2010,", ",2012", "a,b,c"} {
		if _, _, err := ParseComparePeriods(bad); err == nil {
			t.Errorf("ParseComparePeriods(%q) gave no error", bad)
		}
	}
	if a, b, err := ParseComparePeriods("2000-2004, 2020-2024"); err != nil || a != "2000-2004" || b != "2020-2024" {
		t.Errorf("ParseComparePeriods: %q %q %v", a, b, err)
	}
}

// plantedTwoPeriods: twenty actors on three themes, five statements a
// cell in each of two years, stances drawn around each actor's position
// (SD 0.8, rounded, kept on the scale). With moving, actor M goes from
// −2 to +2 on theme x; S stays at +1 on x, with thirty statements a
// side (an interval narrow enough to tell it stayed). Without it, every position is
// the same in both years: nothing moved.
func plantedTwoPeriods(t testing.TB, seed uint64, moving bool) *MatrixSet {
	r := rand.New(rand.NewPCG(seed, 0x2e7))
	themes := []string{"x", "y", "z"}
	cells := map[[2]string][2][]int{}
	draw := func(pos float64, n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = int(math.Round(max(-2, min(2, pos+0.8*r.NormFloat64()))))
		}
		return out
	}
	for i := range 20 {
		id := fmt.Sprintf("R%02d", i)
		for _, th := range themes {
			pos := math.Round(r.Float64()*4) - 2
			cells[[2]string{id, th}] = [2][]int{draw(pos, 5), draw(pos, 5)}
		}
	}
	if moving {
		cells[[2]string{"M", "x"}] = [2][]int{draw(-2, 5), draw(2, 5)}
		cells[[2]string{"S", "x"}] = [2][]int{draw(1, 30), draw(1, 30)}
	}
	return yearSets(t, twoPeriodCorpus(t, themes, cells, [2]int{2010, 2011}))
}

// TestComparePeriodsPlanted: an actor planted to move from −2 to +2 is
// "moved" on every one of a hundred seeds, and one planted to stay at +1
// "stayed" on at least 88: it reads "moved" at the intervals' 5% rate,
// and otherwise its interval (about ±0.4) lies within ±1; 88 is the
// 0.1% quantile of a binomial of 100 at 95%.
func TestComparePeriodsPlanted(t *testing.T) {
	stayed := 0
	for seed := uint64(1); seed <= 100; seed++ {
		pc, err := ComparePeriods(plantedTwoPeriods(t, seed, true), PeriodChangeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if c, _ := pc.Cell("M", "x"); c.Verdict != VerdictMoved || c.Low <= 0 {
			t.Errorf("seed %d: the planted mover reads %+v", seed, c)
		}
		if c, _ := pc.Cell("S", "x"); c.Verdict == VerdictStayed {
			stayed++
		}
	}
	if stayed < 88 {
		t.Errorf("the planted stayer stayed in %d of 100 corpora; at least 88 must", stayed)
	}
}

// TestComparePeriodsNull: where nothing changed, "moved" comes no more
// often than the 5% an interval at 95% allows: over twenty corpora of
// sixty cells (1,200 in all, 60 expected), at most 84 (the binomial's
// 99.9th percentile is 85).
func TestComparePeriodsNull(t *testing.T) {
	moved, cells := 0, 0
	for seed := uint64(1); seed <= 20; seed++ {
		pc, err := ComparePeriods(plantedTwoPeriods(t, seed, false), PeriodChangeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		moved += pc.Moved
		cells += len(pc.Cells)
	}
	t.Logf("null corpora: %d of %d cells read moved", moved, cells)
	if cells != 1200 || moved > 84 {
		t.Errorf("%d of %d cells read moved; at most 84 of 1200 may", moved, cells)
	}
}

// TestMoversTrendByHand: the movers' finding reads the change off the
// weighted least-squares line through every period's mean, not the
// first and last period alone; testdata/movers_hand.py gives the values
// (movers_hand.txt): A's means −1.5 (2), +0.33 (3), +1.5 (2) over three
// years make a change of +3.00, interval +0.54 to +5.46.
func TestMoversTrendByHand(t *testing.T) {
	c := twoPeriodCorpus(t, []string{"x"}, map[[2]string][2][]int{{"A", "x"}: {{-2, -1}, {2, 1}}}, [2]int{2010, 2012})
	for k, x := range []int{0, 0, 1} {
		c.Statements = append(c.Statements, data.Statement{ID: fmt.Sprintf("m%d", k), Actor: "A", Theme: "x", Stance: x,
			Date: data.Date{Year: 2011, Precision: data.PrecisionYear}, Weight: 1})
	}
	set := yearSets(t, c)
	all, err := StanceMatrices(c, MatrixOptions{Bootstrap: -1})
	if err != nil {
		t.Fatal(err)
	}
	fs, _ := Findings(FindingInputs{Corpus: c, Overall: &all.Matrices[0], Periods: set, SkipBlocs: true, SkipPolarisation: true})
	var text string
	for _, f := range fs {
		if f.Kind == "mover" {
			text = f.Text
		}
	}
	want := "A moved on x between 2010 and 2012: from -1.5 (2 statements) to +1.5 (2); over the 3 periods with 2 statements or more (7 statements), the trend amounts to a change of +3.00 (99% interval +0.54 to +5.46, allowing for the 1 change tested)"
	if text != want {
		t.Errorf("mover finding\n got %q\nwant %q", text, want)
	}
}
