package html

import (
	"cmp"
	"fmt"
	"math"

	"github.com/stancemap/stancemap/analysis"
)

// dendroChart draws the clustering tree: leaves down the side in the
// order the distance heatmap uses, merge heights across, each merge a
// bracket coloured by the bloc it lies in (grey above the cut).
func (v *view) dendroChart(r *report) *chartSpec {
	b := v.a.Blocs
	if b == nil {
		r.BlocsMsg = cmp.Or(v.a.BlocsError, "no blocs were computed")
		return nil
	}
	for _, d := range b.Dropped {
		label := d.Row
		if j, ok := v.byRow[d.Row]; ok {
			label = v.rows[j].label
		}
		r.BlocNotes = append(r.BlocNotes, label+": "+d.Reason)
	}
	r.BlocsCaveat = v.blocsCaveat()
	t := b.Dendrogram
	n := len(t.Rows)
	if n < 2 || len(t.Merges) == 0 {
		return nil
	}
	if v.crowd && n > shownRows {
		return v.collapsedDendro(b)
	}
	leaves := t.OrderedLeaves()
	pos := make([]float64, n+len(t.Merges))
	height := make([]float64, n+len(t.Merges))
	blocOf := make([]int, n+len(t.Merges))
	names := make([]string, n)
	thin, marked := v.thinRows(), 0
	for p, leaf := range leaves {
		pos[leaf] = float64(p)
		names[p] = t.Rows[leaf]
		if j, ok := v.byRow[t.Rows[leaf]]; ok {
			names[p] = v.rows[j].label
		}
		if thin[t.Rows[leaf]] {
			names[p] += " †"
			marked++
		}
	}
	if marked > 0 {
		r.BlocThin = fmt.Sprintf("†: %s with fewer than %d statements (--min-actor-statements): clustered in the tree, left out of the findings and of the blocs' test.",
			plural(marked, r.RowWord, r.RowWord+"s"), v.a.Evidence.Options.MinActorStatements)
	}
	for i := range n {
		if i < len(b.Labels) {
			blocOf[i] = b.Labels[i]
		}
	}
	var segs []polyline
	top := 0.0
	for k, m := range t.Merges {
		id := n + k
		pos[id] = (pos[m.A] + pos[m.B]) / 2
		height[id] = m.Height
		if blocOf[m.A] == blocOf[m.B] {
			blocOf[id] = blocOf[m.A]
		}
		top = max(top, m.Height)
		color := grey
		if blocOf[id] > 0 {
			color = colorOf(blocOf[id])
		}
		segs = append(segs, polyline{
			Coords: [][2]any{
				{num(height[m.A]), num(pos[m.A])}, {num(m.Height), num(pos[m.A])},
				{num(m.Height), num(pos[m.B])}, {num(height[m.B]), num(pos[m.B])},
			},
			LineStyle: lineStyle{Color: color},
		})
	}
	o := treeOption(names, n, top, segs, labelInterval(n))
	if b.K > 1 && n-b.K >= 0 && n-b.K < len(t.Merges) {
		o.Series = append(o.Series, treeCut(t.Merges, n, b.K))
	}
	return &chartSpec{ID: "chart-dendro", Kind: "dendro", Height: treeHeight(n), Option: o}
}

// niceCeil rounds v up to a half of its order of magnitude (1.476 →
// 1.5, 0.83 → 0.85), for an axis end.
func niceCeil(v float64) float64 {
	if !(v > 0) || !finite(v) {
		return 1
	}
	step := math.Pow10(int(math.Floor(math.Log10(v)))) / 2
	return round(math.Ceil(v/step)*step, 6)
}

func treeHeight(n int) int {
	return 90 + 16*max(6, min(n, 48))
}

// labelInterval thins category labels: every one up to 48, then every k-th.
func labelInterval(n int) int {
	if n <= 48 {
		return 0
	}
	return (n+47)/48 - 1
}

// distChart is the distance heatmap, rows in the dendrogram's order.
func (v *view) distChart(r *report) *chartSpec {
	d := v.a.Distances
	if len(d.Rows) < 2 {
		r.DistMsg = "distances need at least two actors."
		return nil
	}
	if comparablePairs(d) == 0 {
		r.DistMsg = fmt.Sprintf("no two actors spoke on the %d themes in common needed to compare them (--min-overlap), so there are no distances to show.", d.MinOverlap)
		return nil
	}
	at := map[string]int{}
	for i, id := range d.Rows {
		at[id] = i
	}
	var idx []int // into d.Rows, display order
	var labels []string
	for _, i := range v.shown {
		if k, ok := at[v.rows[i].id]; ok {
			idx = append(idx, k)
			labels = append(labels, v.rows[i].label)
		}
	}
	// The matrix is symmetric: the lower triangle goes out, row by row,
	// and report.js mirrors it, so 200 actors cost 20,000 numbers, not
	// 40,000 cells.
	var tri []any
	var shared []int
	top := 0.0
	for y, i := range idx {
		for x := 0; x <= y; x++ {
			j := idx[x]
			dv := d.D[i][j]
			if finite(dv) {
				top = max(top, dv)
				tri = append(tri, round(dv, 2))
			} else {
				tri = append(tri, nil)
			}
			sh := 0
			if i < len(d.Shared) && j < len(d.Shared[i]) {
				sh = d.Shared[i][j]
			}
			shared = append(shared, sh)
		}
	}
	n := len(idx)
	o := option{
		Grid: &grid{Left: 10, Right: 30, Top: 10, Bottom: 56, ContainLabel: true,
			Show: true, BackgroundColor: emptyCell, BorderWidth: ptr(0)},
		Legend:  &legend{Show: false},
		Tooltip: &tooltip{Show: true},
		XAxis:   []axis{{Type: "category", Data: labels, AxisLabel: &axisLabel{Rotate: 60, FontSize: 10, Interval: ptr(0)}}},
		YAxis:   []axis{{Type: "category", Data: labels, Inverse: true, AxisLabel: &axisLabel{FontSize: 11, Interval: ptr(0)}}},
		// report.js fills the data from the triangle.
		Series: []series{{Type: "heatmap", Name: "distance", Data: []any{},
			ItemStyle: &itemStyle{BorderWidth: ptr(0)}, Progressive: 5000}},
	}
	// The scale reaches at least 0.5, so that it never runs from 0.0 to
	// 0.0 when every comparable pair stands at the same place.
	scale := heatScale(0, niceCeil(max(top, 0.5)), 160, distColors, "far apart", "close")
	scale.Precision = 1
	if n <= 16 {
		o.Series[0].Label = cellLabel()
	}
	o.VisualMap = []visualMap{scale}
	if n > zoomDist {
		o.DataZoom = []dataZoom{
			{Type: "slider", XAxisIndex: ptr(0), Bottom: 40, Height: 14, EndValue: zoomDist - 1},
			sliderY(zoomDist),
		}
		o.Grid.Right = 40
		o.Grid.Bottom = 70
	}
	return &chartSpec{ID: "chart-dist", Kind: "dist", Height: 190 + 18*max(6, min(n, zoomDist)), Option: o,
		Extra: distExtra{Tri: tri, Shared: shared}}
}

// distExtra is the distance matrix's lower triangle, row by row, and how
// many themes each pair shares, for report.js.
type distExtra struct {
	Tri    []any `json:"tri"`
	Shared []int `json:"shared"`
}

// treeOption is the clustering tree's chart: the merges as polylines on a
// value axis of distance, one leaf name per row on a category axis that
// aligns with the leaves (every interval-th label shown).
func treeOption(names []string, rows int, top float64, segs []polyline, interval int) option {
	return option{
		Grid:    &grid{Left: 10, Right: 30, Top: 24, Bottom: 44, ContainLabel: true},
		Legend:  &legend{Show: false},
		Tooltip: &tooltip{Show: false},
		// A lines series does not stretch the axis: give its extent.
		XAxis: []axis{{Type: "value", Name: "distance at which the branches join", NameLocation: "middle", NameGap: 26,
			Min: ptr(0.0), Max: ptr(niceCeil(top))}},
		YAxis: []axis{
			{Type: "value", Inverse: true, Min: ptr(-0.5), Max: ptr(round(float64(rows)-0.5, 3)), Interval: 1,
				AxisLabel: &axisLabel{Show: ptr(false)}, AxisTick: &shown{Show: false}, SplitLine: &shown{Show: false}},
			{Type: "category", Data: names, Inverse: true, Position: "left",
				AxisTick: &shown{Show: false}, AxisLine: &shown{Show: false},
				AxisLabel: &axisLabel{FontSize: 11, Interval: ptr(interval)}},
		},
		Series: []series{{Type: "lines", CoordinateSystem: "cartesian2d", Polyline: true, Silent: true,
			LineStyle: &lineStyle{Width: 1.5, Opacity: 1}, Data: segs, Animation: ptr(false)}},
	}
}

// treeCut is the dashed line cutting the tree of n leaves into k blocs:
// half-way between the merge that leaves k blocs and the one before it
// (the caller checks that merge n−k exists).
func treeCut(merges []analysis.Merge, n, k int) series {
	lo := 0.0
	if n-k-1 >= 0 {
		lo = merges[n-k-1].Height
	}
	cut := (lo + merges[n-k].Height) / 2
	return series{Type: "line", Data: []any{}, Silent: true,
		MarkLine: &markLine{Silent: true, Symbol: [2]string{"none", "none"},
			LineStyle: &lineStyle{Type: "dashed", Color: "#444"},
			Label:     &label{Formatter: fmt.Sprintf("cut: %d blocs", k), Position: "start"},
			Data:      []markPoint{{XAxis: num(cut)}}}}
}

// blocsCaveat says, when the findings hold no blocs, that the blocs the
// map and the tree colour are the clustering's cut and not a finding,
// and why: the permutation test found them no better than chance, or
// did not run. Empty when a blocs finding holds.
func (v *view) blocsCaveat() string {
	for _, f := range v.a.Findings {
		if f.Kind == "blocs" {
			return ""
		}
	}
	rows := rowWord(v.a.Overall.GroupBy) + "s"
	if t := v.a.Evidence.Blocs; t != nil {
		return fmt.Sprintf("These blocs are the clustering's cut, not a finding: with each theme's stances shuffled between statements, as clear-cut a split came up by chance with p = %.3f (%d shuffles). Read the colours as groups of nearby %s, not as camps.", t.P, t.Permutations, rows)
	}
	return fmt.Sprintf("These blocs are the clustering's cut, not a finding: the findings did not test them (too few %s with enough statements). Read the colours as groups of nearby %s, not as camps.", rows, rows)
}
