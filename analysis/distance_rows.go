package analysis

// withOverlapPossible returns the rows of p that have values on at least
// opt's minimum overlap of themes (0 meaning DefaultMinOverlap): the only
// rows that can be comparable with any other. Per-period distances use it
// first: in a year of a corpus of 10,000 actors most have spoken on fewer
// themes than that, and their n × n distances (1.7 GB each at 10,000
// rows, once per period for the convergence and again for the blocs over
// time) were all "not comparable". The rows kept are in p's order, so
// every comparable pair, and any sum over them in row order, is as
// before. p itself is returned when no row is left out.
func withOverlapPossible(p Positions, opt DistanceOptions) Positions {
	need := opt.MinOverlap
	switch {
	case need == 0:
		need = DefaultMinOverlap
	case need < 0:
		need = 1
	}
	keep := make([]int, 0, len(p.Rows))
	for i, x := range p.X {
		c := 0
		for _, v := range x {
			if present(v) {
				c++
			}
		}
		if c >= need {
			keep = append(keep, i)
		}
	}
	if len(keep) == len(p.Rows) {
		return p
	}
	q := Positions{Rows: make([]string, len(keep)), Themes: p.Themes, X: make([][]float64, len(keep))}
	for k, i := range keep {
		q.Rows[k], q.X[k] = p.Rows[i], p.X[i]
	}
	return q
}
