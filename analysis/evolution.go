package analysis

import (
	"cmp"
	"math"
	"slices"
)

// ThemeChange is how one row's mean stance on one theme moved between
// two periods.
type ThemeChange struct {
	Theme    string
	From, To float64 // mean stances in the earlier and the later period
	Delta    float64 // To − From
}

// Drift is how far a row moved between two periods in which it spoke.
type Drift struct {
	Row      string
	From, To string // period labels
	Changes  []ThemeChange
	// Distance is the root mean square of the per-theme changes over the
	// themes the row spoke on in both periods, √(Σ Δ²/k) — the scaled
	// Euclidean distance of ActorDistances, so drifts and distances share
	// one scale. NaN when no theme is shared (Shared == 0).
	Distance float64
	Shared   int
}

// Drifts lists, for every row, its drift between each pair of
// consecutive periods in which it made statements (periods where it was
// silent are skipped, so an actor heard in 2013 and 2016 gets one drift,
// 2013→2016). Rows in set.Rows order, then time order.
func Drifts(set *MatrixSet) []Drift {
	var out []Drift
	for i, row := range set.Rows {
		prev := -1
		for k, m := range set.Matrices {
			if !spoke(m, i) {
				continue
			}
			if prev >= 0 {
				out = append(out, driftBetween(row, set.Matrices[prev], m, i))
			}
			prev = k
		}
	}
	return out
}

func spoke(m Matrix, i int) bool {
	for _, c := range m.Cells[i] {
		if c.N > 0 {
			return true
		}
	}
	return false
}

func driftBetween(row string, a, b Matrix, i int) Drift {
	d := Drift{Row: row, From: a.Period.Label, To: b.Period.Label, Distance: math.NaN()}
	ss := 0.0
	for j, th := range a.Themes {
		x, y := a.Cells[i][j], b.Cells[i][j]
		if x.N == 0 || y.N == 0 || math.IsNaN(x.Mean) || math.IsNaN(y.Mean) {
			continue
		}
		delta := y.Mean - x.Mean
		d.Changes = append(d.Changes, ThemeChange{Theme: th, From: x.Mean, To: y.Mean, Delta: delta})
		ss += delta * delta
		d.Shared++
	}
	if d.Shared > 0 {
		d.Distance = math.Sqrt(ss / float64(d.Shared))
	}
	return d
}

// Mover sums up how a row moved over the whole time span.
type Mover struct {
	Row         string
	First, Last string // the first and last periods in which it spoke
	// Net is the drift from the first to the last period (as Drift.Distance);
	// Path adds up the drifts between consecutive periods, so Path ≥ Net
	// and Path − Net measures going back and forth.
	Net, Path float64
	Shared    int         // themes shared by the first and last periods
	Largest   ThemeChange // the theme that moved most from first to last
	Steps     int         // consecutive drifts summed in Path
}

// Movers ranks rows by their net drift, largest first (ties by path,
// then row id). Rows that spoke in fewer than two periods, or share no
// theme between their first and last, have not measurably moved and are
// left out.
func Movers(set *MatrixSet) []Mover {
	var out []Mover
	for i, row := range set.Rows {
		var ks []int
		for k, m := range set.Matrices {
			if spoke(m, i) {
				ks = append(ks, k)
			}
		}
		if len(ks) < 2 {
			continue
		}
		net := driftBetween(row, set.Matrices[ks[0]], set.Matrices[ks[len(ks)-1]], i)
		if net.Shared == 0 {
			continue
		}
		mv := Mover{Row: row, First: net.From, Last: net.To, Net: net.Distance, Shared: net.Shared}
		for _, c := range net.Changes {
			if math.Abs(c.Delta) > math.Abs(mv.Largest.Delta) || mv.Largest.Theme == "" {
				mv.Largest = c
			}
		}
		for s := 1; s < len(ks); s++ {
			if d := driftBetween(row, set.Matrices[ks[s-1]], set.Matrices[ks[s]], i); d.Shared > 0 {
				mv.Path += d.Distance
				mv.Steps++
			}
		}
		out = append(out, mv)
	}
	slices.SortStableFunc(out, func(a, b Mover) int {
		if c := cmp.Compare(b.Net, a.Net); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Path, a.Path); c != 0 {
			return c
		}
		return cmp.Compare(a.Row, b.Row)
	})
	return out
}
