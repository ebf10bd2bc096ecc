package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// ConvergencePoint is how far apart rows are in one period.
type ConvergencePoint struct {
	Period string
	// MeanDistance is the mean of the distances of all comparable pairs
	// of rows in the period (ActorDistances with the options given); NaN
	// when no pair is comparable.
	MeanDistance float64
	Pairs        int // comparable pairs
	Rows         int // rows in at least one comparable pair
}

// Convergence is the trend of the mean pairwise distance over periods.
type Convergence struct {
	Metric     Metric
	MinOverlap int
	Points     []ConvergencePoint
	// Slope is the least-squares slope of MeanDistance against the period's
	// position (0, 1, 2, …) over the periods that have a mean (gonum
	// stat.LinearRegression, unweighted): negative means converging,
	// positive diverging, in distance units per period. NaN with fewer
	// than two such periods.
	Slope float64
	// Trend is "converging", "diverging", "stable" (|Slope| < 0.01) or
	// "unknown" (no slope). Analyze replaces it with the verdict of the
	// findings' trend test (TrendTest.Verdict: converging, diverging, no
	// clear trend, cannot tell), which allows for sampling error.
	Trend string
}

// ConvergenceOf computes the convergence trend of a matrix set.
func ConvergenceOf(set *MatrixSet, opt DistanceOptions) Convergence {
	out := Convergence{Metric: opt.Metric, MinOverlap: opt.MinOverlap, Slope: math.NaN(), Trend: "unknown"}
	var xs, ys []float64
	for k, m := range set.Matrices {
		// The distances are summed row by row as they are computed: the
		// n × n matrix is not needed (1.7 GB at 10,000 rows).
		p := withOverlapPossible(PositionsOf(m), opt)
		pt := ConvergencePoint{Period: m.Period.Label, MeanDistance: math.NaN()}
		sum := 0.0
		inPair := make([]bool, len(p.Rows))
		used := upperDistances(p, opt, func(i int, row []float64) {
			for x, v := range row {
				if !math.IsNaN(v) {
					sum += v
					pt.Pairs++
					inPair[i], inPair[i+1+x] = true, true
				}
			}
		})
		out.Metric, out.MinOverlap = used.Metric, used.MinOverlap
		for _, in := range inPair {
			if in {
				pt.Rows++
			}
		}
		if pt.Pairs > 0 {
			pt.MeanDistance = sum / float64(pt.Pairs)
			xs = append(xs, float64(k))
			ys = append(ys, pt.MeanDistance)
		}
		out.Points = append(out.Points, pt)
	}
	if len(xs) >= 2 {
		_, out.Slope = stat.LinearRegression(xs, ys, nil, false)
		switch {
		case math.Abs(out.Slope) < 0.01:
			out.Trend = "stable"
		case out.Slope < 0:
			out.Trend = "converging"
		default:
			out.Trend = "diverging"
		}
	}
	return out
}
