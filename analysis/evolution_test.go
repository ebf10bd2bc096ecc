package analysis

import (
	"math"
	"testing"
)

// evolutionSet builds three yearly periods for rows A and B on themes
// x and y; NaN marks silence.
func evolutionSet() *MatrixSet {
	c := func(v float64) Cell {
		if math.IsNaN(v) {
			return Cell{Mean: math.NaN()}
		}
		return Cell{N: 1, Weight: 1, Mean: v}
	}
	nan := math.NaN()
	year := func(label string, a, b [2]float64) Matrix {
		return Matrix{Period: Period{Label: label}, Rows: []string{"A", "B"}, Themes: []string{"x", "y"},
			Cells: [][]Cell{{c(a[0]), c(a[1])}, {c(b[0]), c(b[1])}}}
	}
	return &MatrixSet{Rows: []string{"A", "B"}, Themes: []string{"x", "y"}, Matrices: []Matrix{
		year("2014", [2]float64{2, 1}, [2]float64{-1, nan}),
		year("2015", [2]float64{nan, nan}, [2]float64{1, 0}),
		year("2016", [2]float64{-1, 2}, [2]float64{-1, 0}),
	}}
}

func TestDriftsSkipSilentPeriods(t *testing.T) {
	ds := Drifts(evolutionSet())
	// A: 2014 → 2016 (silent in 2015): Δx = −3, Δy = +1, RMS √((9+1)/2) = √5.
	// B: 2014 → 2015 shares only x: Δ = +2, RMS 2; 2015 → 2016: Δx = −2,
	// Δy = 0, RMS √(4/2) = √2.
	want := []struct {
		row, from, to string
		dist          float64
		shared        int
	}{{"A", "2014", "2016", math.Sqrt(5), 2}, {"B", "2014", "2015", 2, 1}, {"B", "2015", "2016", math.Sqrt(2), 2}}
	if len(ds) != len(want) {
		t.Fatalf("got %d drifts, want %d: %+v", len(ds), len(want), ds)
	}
	for i, w := range want {
		d := ds[i]
		if d.Row != w.row || d.From != w.from || d.To != w.to || d.Shared != w.shared || math.Abs(d.Distance-w.dist) > 1e-12 {
			t.Errorf("drift %d: got %s %s→%s %v (%d), want %+v", i, d.Row, d.From, d.To, d.Distance, d.Shared, w)
		}
	}
}

func TestMoversRankByNetDrift(t *testing.T) {
	ms := Movers(evolutionSet())
	// A: net √5 ≈ 2.236 (one step, path √5), largest change x −3.
	// B: net 2014 → 2016 shares x only: Δ = 0, net 0; its path on x goes
	// +2 then −2: 4, and no theme changed, so no largest change.
	if len(ms) != 2 || ms[0].Row != "A" || ms[1].Row != "B" {
		t.Fatalf("movers %+v", ms)
	}
	if math.Abs(ms[0].Net-math.Sqrt(5)) > 1e-12 || ms[0].Largest.Theme != "x" || ms[0].Largest.Delta != -3 {
		t.Errorf("A: %+v", ms[0])
	}
	if ms[1].Net != 0 || ms[1].Path != 4 || ms[1].Steps != 2 || ms[1].Largest.Theme != "" {
		t.Errorf("B: %+v", ms[1])
	}
}

// TestMoversLargestIsAChange: a row whose means differ only by rounding
// (0.3, and 0.1 + 0.2 in floating point) has no largest change, and a real change of 0.004
// prints with the digits that show it.
func TestMoversLargestIsAChange(t *testing.T) {
	third, tenth, fifth := 0.3, 0.1, 0.2
	other := tenth + fifth // 0.30000000000000004
	if third == other {
		t.Fatal("the test needs two roundings of 1/3 that differ")
	}
	cell := func(v float64) Cell { return Cell{N: 3, Weight: 3, Mean: v} }
	set := &MatrixSet{Rows: []string{"A"}, Themes: []string{"x"}, Matrices: []Matrix{
		{Period: Period{Label: "2014"}, Rows: []string{"A"}, Themes: []string{"x"}, Cells: [][]Cell{{cell(third)}}},
		{Period: Period{Label: "2015"}, Rows: []string{"A"}, Themes: []string{"x"}, Cells: [][]Cell{{cell(other)}}},
	}}
	ms := Movers(set)
	if len(ms) != 1 || ms[0].Largest.Theme != "" || ms[0].Path < ms[0].Net {
		t.Errorf("movers %+v: want one row with no largest change and path ≥ net", ms)
	}
	for _, c := range []struct {
		in   ThemeChange
		want string
	}{
		{ThemeChange{From: 1, To: -0.5, Delta: -1.5}, "+1.00 → -0.50 (-1.50)"},
		{ThemeChange{From: 1, To: 1.004, Delta: 0.004}, "+1.000 → +1.004 (+0.004)"},
		{ThemeChange{From: 0.2, To: 0.2, Delta: 0}, "+0.20 → +0.20 (0.00)"},
	} {
		if got := ChangeText(c.in); got != c.want {
			t.Errorf("ChangeText(%+v) = %q, want %q", c.in, got, c.want)
		}
	}
}
