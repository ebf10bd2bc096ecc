package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// comparableDistances must keep the rows DropIncomparable keeps, in the
// same order, with the same distances, on inputs where rows are dropped
// (sparse rows, rows with no value, ties in the number of incomparable
// pairs) and where none is.
func TestComparableDistancesMatchesDropIncomparable(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 19))
	withDrops, without := 0, 0
	for trial := range 60 {
		n, nt := 3+rng.IntN(300), 2+rng.IntN(12)
		missing := []float64{0, 0.3, 0.7}[trial%3]
		p := Positions{Themes: make([]string, nt)}
		for j := range nt {
			p.Themes[j] = fmt.Sprint("t", j)
		}
		for i := range n {
			p.Rows = append(p.Rows, fmt.Sprintf("r%03d", rng.IntN(1000)))
			x := make([]float64, nt)
			for j := range x {
				x[j] = math.NaN()
				if rng.Float64() >= missing {
					x[j] = float64(rng.IntN(5) - 2)
				}
			}
			if i%17 == 0 {
				x[rng.IntN(nt)] = 0 // constant rows for cosine and Pearson
			}
			p.X = append(p.X, x)
		}
		for _, m := range []Metric{MetricEuclidean, MetricCosine, MetricPearson} {
			opt := DistanceOptions{Metric: m, MinOverlap: 1 + rng.IntN(3)}
			want, dropped := ActorDistances(p, opt).DropIncomparable()
			got := comparableDistances(p, opt)
			if len(dropped) > 0 && len(want.Rows) > 0 {
				withDrops++
			} else if len(dropped) == 0 {
				without++
			}
			where := fmt.Sprintf("trial %d (%d rows, %d themes, %s, overlap %d, %d dropped)", trial, n, nt, m, opt.MinOverlap, len(dropped))
			if !slices.Equal(got.Rows, want.Rows) || got.Metric != want.Metric || got.MinOverlap != want.MinOverlap {
				t.Fatalf("%s: rows %v (%s, %d), want %v (%s, %d)", where, got.Rows, got.Metric, got.MinOverlap, want.Rows, want.Metric, want.MinOverlap)
			}
			for i := range want.D {
				for j := range want.D[i] {
					if !sameOrNaN(got.D[i][j], want.D[i][j]) {
						t.Fatalf("%s: D[%d][%d] = %v, want %v", where, i, j, got.D[i][j], want.D[i][j])
					}
				}
			}
		}
	}
	if withDrops < 10 || without < 10 {
		t.Fatalf("%d cases dropped rows and kept some, %d dropped none: the inputs do not exercise both", withDrops, without)
	}
}

// comparableAgain gives comparableDistances(withOverlapPossible(p)) over
// a run of positions: the same cells present with new values (the rows
// kept then come from the last call), and now and then other cells
// present (computed afresh), for every metric.
func TestComparableAgainMatchesComparableDistances(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 5))
	for _, m := range []Metric{MetricEuclidean, MetricCosine, MetricPearson} {
		opt := DistanceOptions{Metric: m, MinOverlap: 2}
		var sc keptScratch
		var present [][]bool
		reused := 0
		for call := range 40 {
			n, nt := 60, 6
			if call%10 == 0 { // other cells present
				present = make([][]bool, n)
				for i := range present {
					present[i] = make([]bool, nt)
					for j := range present[i] {
						present[i][j] = rng.Float64() < 0.55
					}
				}
			} else {
				reused++
			}
			p := Positions{Themes: make([]string, nt)}
			for j := range nt {
				p.Themes[j] = fmt.Sprint("t", j)
			}
			for i := range n {
				p.Rows = append(p.Rows, fmt.Sprintf("r%02d", i))
				x := make([]float64, nt)
				for j := range x {
					x[j] = math.NaN()
					if present[i][j] {
						x[j] = rng.NormFloat64()
					}
				}
				p.X = append(p.X, x)
			}
			want := comparableDistances(withOverlapPossible(p, opt), opt)
			got := comparableAgain(p, opt, &sc)
			if !slices.Equal(got.Rows, want.Rows) || got.Metric != want.Metric || got.MinOverlap != want.MinOverlap {
				t.Fatalf("%s, call %d: rows %v, want %v", m, call, got.Rows, want.Rows)
			}
			if len(want.Rows) == n {
				t.Fatalf("%s, call %d: no row dropped: the test does not test dropping", m, call)
			}
			for i := range want.D {
				for j := range want.D[i] {
					if math.Float64bits(got.D[i][j]) != math.Float64bits(want.D[i][j]) {
						t.Fatalf("%s, call %d: D[%d][%d] = %v, want %v", m, call, i, j, got.D[i][j], want.D[i][j])
					}
				}
			}
		}
		if reused == 0 {
			t.Fatalf("%s: no call reused the rows kept", m)
		}
	}
}
