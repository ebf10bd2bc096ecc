package analysis

import (
	"math"
	"testing"
)

// TestExactDivideTail checks the divide's exact test against an
// enumeration of all 5⁶ outcomes in numpy (testdata/findings_exact.py,
// findings_exact.txt): three rows of two stances, stances drawn from p.
// The draws' estimate must lie within four standard errors.
func TestExactDivideTail(t *testing.T) {
	nl := &stanceNull{p: [5]float64{0.05, 0.05, 0.15, 0.6, 0.15}, ok: true, sums: map[int][]float64{}}
	// the sum of two stances, by hand: P(S = 4) = 0.15², P(S = −4) = 0.05²
	if d := nl.sum(2); len(d) != 9 || math.Abs(d[8]-0.0225) > 1e-12 || math.Abs(d[0]-0.0025) > 1e-12 {
		t.Fatalf("sum of two stances: %v", d)
	}
	const draws = 200000
	for _, c := range []struct{ q, want float64 }{{2, 0.6255644063}, {6, 0.2159201250}, {12, 0.0479328750}} {
		got := nl.tailQ([]int{2, 2, 2}, 0.5, c.q, draws)
		se := math.Sqrt(c.want * (1 - c.want) / draws)
		if math.Abs(got-c.want) > 4*se {
			t.Errorf("P(Q ≥ %g) = %.5f, want %.5f ± %.5f", c.q, got, c.want, 4*se)
		}
	}
}

// TestResidualTail checks the movers' residual test against an
// enumeration of every draw: deviations {−1, 0, 0, 1.5} (0 twice, so
// drawn half the time), two periods of two statements, d = ½·(S₂ − S₁).
// Of the 4⁴ equally likely draws, those with |d| ≥ 1.25 are counted by
// hand in the loop below; the estimate from 200,000 draws lies within
// four standard errors.
func TestResidualTail(t *testing.T) {
	dev := []float64{-1, 0, 0, 1.5}
	coef := []float64{-0.5, 0.5}
	exact := 0.0
	for a := range 4 {
		for b := range 4 {
			for c := range 4 {
				for e := range 4 {
					if math.Abs(0.5*(dev[c]+dev[e])-0.5*(dev[a]+dev[b])) >= 1.25 {
						exact++
					}
				}
			}
		}
	}
	exact /= 256
	if exact <= 0.01 || exact >= 0.5 {
		t.Fatalf("the case is not a test: exact tail %.4f", exact)
	}
	const draws = 200000
	got := residualTail(dev, []int{2, 2}, coef, 1.25, draws, 7)
	se := math.Sqrt(exact * (1 - exact) / draws)
	if math.Abs(got-exact) > 4*se {
		t.Errorf("tail %.5f, want %.5f ± %.5f", got, exact, 4*se)
	}
}
