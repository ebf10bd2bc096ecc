package analysis

import (
	"math"
	"testing"
)

func TestConvergence(t *testing.T) {
	c := func(v float64) Cell { return Cell{N: 1, Weight: 1, Mean: v} }
	period := func(label string, a, b float64) Matrix {
		return Matrix{Period: Period{Label: label}, Rows: []string{"A", "B", "C"}, Themes: []string{"x", "y"},
			Cells: [][]Cell{{c(a), c(a)}, {c(b), c(b)}, {{Mean: math.NaN()}, c(1)}}}
	}
	// A and B share both themes: scaled Euclidean distance |a − b|. C has
	// one theme only: below the default overlap of 2, never compared.
	set := &MatrixSet{Matrices: []Matrix{period("2014", 2, 0), period("2015", 1, 0), period("2016", 0, 0)}}
	cv := ConvergenceOf(set, DistanceOptions{})
	want := []float64{2, 1, 0}
	for k, p := range cv.Points {
		if p.MeanDistance != want[k] || p.Pairs != 1 || p.Rows != 2 {
			t.Errorf("%s: %+v, want mean %v over 1 pair of 2 rows", p.Period, p, want[k])
		}
	}
	if math.Abs(cv.Slope+1) > 1e-12 || cv.Trend != "converging" {
		t.Errorf("slope %v trend %s, want −1 converging", cv.Slope, cv.Trend)
	}
	one := ConvergenceOf(&MatrixSet{Matrices: []Matrix{period("2014", 2, 0)}}, DistanceOptions{})
	if !math.IsNaN(one.Slope) || one.Trend != "unknown" {
		t.Errorf("one period: %+v", one)
	}
}
