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

// changeEps is the smallest difference of two means that counts as a
// change: below it, the difference is rounding.
const changeEps = 1e-9

// ChangeText writes a change as "+1.00 → −0.50 (−1.50)": with two
// decimals, or more where two would print the same number on both sides
// (a change of 0.004 reads "+1.000 → +1.004 (+0.004)", never "+1.00 →
// +1.00").
func ChangeText(c ThemeChange) string {
	digits := 2
	for digits < 6 && Signed(c.From, digits) == Signed(c.To, digits) && math.Abs(c.Delta) > changeEps {
		digits++
	}
	return Signed(c.From, digits) + " → " + Signed(c.To, digits) + " (" + Signed(c.Delta, digits) + ")"
}

// Mover sums up how a row moved over the whole time span.
type Mover struct {
	Row         string
	First, Last string // the first and last periods in which it spoke
	// Net and Path are measured over the Shared themes, those the row
	// spoke on in both its first and its last period. On each such theme
	// the row's positions in the periods it spoke on it, in time order,
	// give a net change (last − first) and a path (the sum of the absolute
	// changes from one to the next). Net is the root mean square of the
	// net changes (as Drift.Distance), Path that of the paths; since each
	// path is at least its |net change|, Path ≥ Net always, and Path − Net
	// measures going back and forth.
	Net, Path float64
	Shared    int // themes shared by the first and last periods
	// Largest is the shared theme whose net change is largest in size;
	// empty (no Theme) when no shared theme changed by more than rounding
	// (1e-9).
	Largest ThemeChange
	Steps   int // periods spoken in, less one
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
		first, last := set.Matrices[ks[0]], set.Matrices[ks[len(ks)-1]]
		mv := Mover{Row: row, First: first.Period.Label, Last: last.Period.Label, Steps: len(ks) - 1}
		var sn, sp float64
		for j, th := range set.Themes {
			a, b := first.Cells[i][j], last.Cells[i][j]
			if a.N == 0 || b.N == 0 || math.IsNaN(a.Mean) || math.IsNaN(b.Mean) {
				continue
			}
			mv.Shared++
			path, prev := 0.0, a.Mean
			for _, k := range ks[1:] {
				if c := set.Matrices[k].Cells[i][j]; c.N > 0 && !math.IsNaN(c.Mean) {
					path += math.Abs(c.Mean - prev)
					prev = c.Mean
				}
			}
			d := b.Mean - a.Mean
			sn += d * d
			sp += path * path
			// Means of the same stances summed in another order can differ
			// in the last bit: that is no change.
			if math.Abs(d) > changeEps && math.Abs(d) > math.Abs(mv.Largest.Delta) {
				mv.Largest = ThemeChange{Theme: th, From: a.Mean, To: b.Mean, Delta: d}
			}
		}
		if mv.Shared == 0 {
			continue
		}
		mv.Net, mv.Path = math.Sqrt(sn/float64(mv.Shared)), math.Sqrt(sp/float64(mv.Shared))
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
