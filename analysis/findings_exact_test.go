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
