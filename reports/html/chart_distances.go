package html

import (
	"cmp"
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// dendroChart draws the clustering tree: leaves down the side in the
// order the distance heatmap uses, merge heights across, each merge a
// bracket coloured by the bloc it lies in (grey above the cut).
func (v *view) dendroChart(r *report) (*chartSpec, error) {
	b := v.a.Blocs
	if b == nil {
		r.BlocsMsg = cmp.Or(v.a.BlocsError, "no blocs were computed")
		return nil, nil
	}
	for _, d := range b.Dropped {
		label := d.Row
		if j, ok := v.byRow[d.Row]; ok {
			label = v.rows[j].label
		}
		r.BlocNotes = append(r.BlocNotes, label+": "+d.Reason)
	}
	t := b.Dendrogram
	n := len(t.Rows)
	if n < 2 || len(t.Merges) == 0 {
		return nil, nil
	}
	leaves := t.OrderedLeaves()
	pos := make([]float64, n+len(t.Merges))
	height := make([]float64, n+len(t.Merges))
	label := make([]int, n+len(t.Merges))
	names := make([]string, n)
	for p, leaf := range leaves {
		pos[leaf] = float64(p)
		names[p] = t.Rows[leaf]
		if j, ok := v.byRow[t.Rows[leaf]]; ok {
			names[p] = v.rows[j].label
		}
	}
	for i := range n {
		if i < len(b.Labels) {
			label[i] = b.Labels[i]
		}
	}
	var segs []any
	top := 0.0
	for k, m := range t.Merges {
		id := n + k
		pos[id] = (pos[m.A] + pos[m.B]) / 2
		height[id] = m.Height
		if label[m.A] == label[m.B] {
			label[id] = label[m.A]
		}
		top = max(top, m.Height)
		color := grey
		if label[id] > 0 {
			color = colorOf(label[id])
		}
		segs = append(segs, map[string]any{
			"coords": []any{
				[]any{num(height[m.A]), num(pos[m.A])}, []any{num(m.Height), num(pos[m.A])},
				[]any{num(m.Height), num(pos[m.B])}, []any{num(height[m.B]), num(pos[m.B])},
			},
			"lineStyle": map[string]any{"color": color},
		})
	}
	l := charts.NewLine() // a rectangular chart to hold the lines series
	l.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-dendro"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "distance at which the branches join", NameLocation: "middle", NameGap: 26}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Inverse: opts.Bool(true)}),
	)
	o, err := optionOf(l)
	if err != nil {
		return nil, err
	}
	o.set("yAxis.0", map[string]any{"type": "value", "inverse": true, "min": -0.5, "max": num(float64(n) - 0.5), "interval": 1,
		"axisLabel": map[string]any{"show": false}, "axisTick": map[string]any{"show": false}, "splitLine": map[string]any{"show": false}})
	// A lines series does not stretch the axis: give its extent.
	o.set("xAxis.0.min", 0)
	o.set("xAxis.0.max", niceCeil(top))
	// Leaf names as a second, category axis so they align with the leaves.
	o["yAxis"] = append(o["yAxis"].([]any), map[string]any{"type": "category", "data": names, "inverse": true, "position": "left",
		"axisTick": map[string]any{"show": false}, "axisLine": map[string]any{"show": false},
		"axisLabel": map[string]any{"fontSize": 11, "interval": labelInterval(n)}})
	series := []any{map[string]any{"type": "lines", "coordinateSystem": "cartesian2d", "polyline": true, "silent": true,
		"lineStyle": map[string]any{"width": 1.5, "opacity": 1}, "data": segs, "animation": false}}
	if b.K > 1 && n-b.K >= 0 && n-b.K < len(t.Merges) {
		lo := 0.0
		if n-b.K-1 >= 0 {
			lo = t.Merges[n-b.K-1].Height
		}
		cut := (lo + t.Merges[n-b.K].Height) / 2
		series = append(series, map[string]any{"type": "line", "data": []any{}, "silent": true,
			"markLine": map[string]any{"silent": true, "symbol": []any{"none", "none"}, "animation": false,
				"lineStyle": map[string]any{"type": "dashed", "color": "#444"},
				"label":     map[string]any{"formatter": fmt.Sprintf("cut: %d blocs", b.K), "position": "start"},
				"data":      []any{map[string]any{"xAxis": num(cut)}}}})
	}
	o["series"] = series
	o.set("grid", map[string]any{"left": 10, "right": 30, "top": 24, "bottom": 44, "containLabel": true})
	o.set("legend", map[string]any{"show": false})
	o.set("tooltip", map[string]any{"show": false})
	return &chartSpec{ID: "chart-dendro", Kind: "dendro", Height: treeHeight(n), Option: o}, nil
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
func (v *view) distChart() (*chartSpec, error) {
	d := v.a.Distances
	if len(d.Rows) < 2 {
		return nil, nil
	}
	at := map[string]int{}
	for i, id := range d.Rows {
		at[id] = i
	}
	var idx []int // into d.Rows, display order
	var labels []string
	for _, i := range v.order {
		if k, ok := at[v.rows[i].id]; ok {
			idx = append(idx, k)
			labels = append(labels, v.rows[i].label)
		}
	}
	h := charts.NewHeatMap()
	h.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-dist"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: labels}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: labels, Inverse: opts.Bool(true)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
	)
	h.AddSeries("distance", nil)
	o, err := optionOf(h)
	if err != nil {
		return nil, err
	}
	// The matrix is symmetric: the lower triangle goes out, row by row,
	// and report.js mirrors it, so 200 actors cost 20,000 numbers, not
	// 40,000 cells.
	var tri, shared []any
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
	o.set("series.0.data", []any{})
	o.set("series.0.itemStyle", map[string]any{"borderWidth": 0})
	o.set("series.0.progressive", 5000)
	o.set("grid", map[string]any{"left": 10, "right": 30, "top": 10, "bottom": 56, "containLabel": true,
		"show": true, "backgroundColor": emptyCell, "borderWidth": 0})
	o.set("xAxis.0.axisLabel", map[string]any{"rotate": 60, "fontSize": 10, "interval": 0})
	o.set("yAxis.0.axisLabel", map[string]any{"fontSize": 11, "interval": 0})
	o.set("legend", map[string]any{"show": false})
	o.set("visualMap", []any{map[string]any{"type": "continuous", "min": 0, "max": num(max(top, 0.01)), "dimension": 2, "calculable": true,
		"orient": "horizontal", "left": "center", "bottom": 0, "itemWidth": 12, "itemHeight": 160,
		"text": []any{"far apart", "close"}, "precision": 1, "inRange": map[string]any{"color": distColors}}})
	if n > zoomDist {
		o.set("dataZoom", []any{
			map[string]any{"type": "slider", "xAxisIndex": 0, "bottom": 40, "height": 14, "startValue": 0, "endValue": zoomDist - 1, "showDetail": false, "brushSelect": false},
			map[string]any{"type": "slider", "yAxisIndex": 0, "right": 4, "width": 14, "startValue": 0, "endValue": zoomDist - 1, "showDetail": false, "brushSelect": false},
		})
		o.set("grid.right", 40)
		o.set("grid.bottom", 70)
	}
	return &chartSpec{ID: "chart-dist", Kind: "dist", Height: 190 + 18*max(6, min(n, zoomDist)), Option: o,
		Extra: map[string]any{"tri": tri, "shared": shared}}, nil
}
