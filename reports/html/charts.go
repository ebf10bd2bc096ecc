package html

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/stancemap/stancemap/analysis"
)

// chartSpec is one chart of the page: its container and the option
// report.js hands to echarts (with the formatters its kind needs).
type chartSpec struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Height   int      `json:"-"`
	Option   option   `json:"option"`
	Variants []option `json:"variants,omitempty"`
	Extra    any      `json:"extra,omitempty"`
}

// marshalSpecs writes the charts as JSON for a <script
// type="application/json"> element: encoding/json escapes <, > and &
// (and U+2028, U+2029), so no input text can close the element.
func marshalSpecs(specs []*chartSpec) ([]byte, error) {
	b, err := json.Marshal(struct {
		Charts []*chartSpec `json:"charts"`
	}{specs})
	if err != nil {
		return nil, fmt.Errorf("html report: chart data: %w", err)
	}
	return b, nil
}

// Colours: a diverging red–white–blue scale for stances (ColorBrewer
// RdBu), a sequential one for salience and distances, and a qualitative
// palette for blocs and communities.
var (
	stanceColors   = []any{"#b2182b", "#d6604d", "#f4a582", "#f7f7f7", "#92c5de", "#4393c3", "#2166ac"}
	salienceColors = []any{"#fcfbfd", "#bcbddc", "#807dba", "#3f007d"}
	distColors     = []any{"#08306b", "#2171b5", "#6baed6", "#c6dbef", "#f7fbff"}
	palette        = []string{"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4", "#b15928", "#6a3d9a", "#fb9a99", "#666666"}
	grey           = "#9e9e9e"
	emptyCell      = "#d9d9d9"
)

func colorOf(label int) string {
	if label <= 0 {
		return grey
	}
	return palette[(label-1)%len(palette)]
}

// zoomRows and zoomDist are how many rows the heatmaps show before
// they scroll.
const (
	zoomRows = 32
	zoomDist = 40
)

func heatHeight(rows int) int {
	return 150 + 22*max(6, min(rows, zoomRows))
}

func (v *view) rowLabels(idx []int) []string {
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = v.rows[i].label
	}
	return out
}

// heatBase is a heatmap of the rows (in display order) × categories.
func (v *view) heatBase(id, series string, xs, ys []string) (option, error) {
	h := charts.NewHeatMap()
	h.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		// HeatMap.SetXAxis data is dropped by go-echarts: pass it here.
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: xs, Position: "top"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: ys, Inverse: opts.Bool(true)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
	)
	h.AddSeries(series, nil)
	o, err := optionOf(h)
	if err != nil {
		return nil, err
	}
	o.set("grid", map[string]any{"left": 10, "right": 30, "top": 20, "bottom": 56, "containLabel": true,
		"show": true, "backgroundColor": emptyCell, "borderWidth": 0})
	o.set("xAxis.0.axisLabel", map[string]any{"rotate": 30, "interval": 0, "fontSize": 11})
	o.set("xAxis.0.splitArea", map[string]any{"show": false})
	o.set("yAxis.0.axisLabel", map[string]any{"fontSize": 11})
	o.set("legend", map[string]any{"show": false})
	if len(ys) > zoomRows {
		o.set("dataZoom", []any{map[string]any{"type": "slider", "yAxisIndex": 0, "right": 4, "width": 14,
			"startValue": 0, "endValue": zoomRows - 1, "showDetail": false, "brushSelect": false}})
		o.set("grid.right", 40)
	}
	border := 1
	if len(ys)*len(xs) > 2000 {
		border = 0
	}
	o.set("series.0.itemStyle", map[string]any{"borderColor": "#ffffff", "borderWidth": border})
	o.set("series.0.emphasis", map[string]any{"itemStyle": map[string]any{"borderColor": "#000000", "borderWidth": 1}})
	return o, nil
}

func (v *view) stanceChart() (*chartSpec, error) {
	if len(v.rows) == 0 || len(v.themes) == 0 {
		return nil, nil
	}
	o, err := v.heatBase("chart-stance", "mean stance", v.themes, v.rowLabels(v.order))
	if err != nil {
		return nil, err
	}
	var pts []any
	for p, i := range v.order {
		for t, cell := range v.overall.Cells[i] {
			if cell.N == 0 || !finite(cell.Mean) {
				continue
			}
			pts = append(pts, []any{t, p, num(cell.Mean), cell.N, num(cell.CILow), num(cell.CIHigh), v.exampleRef(cell.Example)})
		}
	}
	o.set("series.0.data", nonNil(pts))
	// VisualMap's Min and Max are dropped by omitempty when 0: set here.
	o.set("visualMap", []any{map[string]any{"type": "continuous", "min": -2, "max": 2, "dimension": 2, "calculable": true,
		"orient": "horizontal", "left": "center", "bottom": 0, "itemWidth": 12, "itemHeight": 180,
		"text": []any{"+2 supports", "−2 opposes"}, "inRange": map[string]any{"color": stanceColors}}})
	return &chartSpec{ID: "chart-stance", Kind: "stance", Height: heatHeight(len(v.rows)), Option: o}, nil
}

func (v *view) salienceChart() (*chartSpec, error) {
	if len(v.rows) == 0 || len(v.themes) == 0 {
		return nil, nil
	}
	o, err := v.heatBase("chart-salience", "salience", v.themes, v.rowLabels(v.order))
	if err != nil {
		return nil, err
	}
	var pts []any
	top := 0.0
	for p, i := range v.order {
		for t, cell := range v.overall.Cells[i] {
			if !finite(cell.Salience) {
				continue
			}
			top = max(top, cell.Salience)
			pts = append(pts, []any{t, p, num(cell.Salience), cell.N})
		}
	}
	o.set("series.0.data", nonNil(pts))
	o.set("visualMap", []any{map[string]any{"type": "continuous", "min": 0, "max": num(max(top, 0.01)), "dimension": 2, "calculable": true,
		"orient": "horizontal", "left": "center", "bottom": 0, "itemWidth": 12, "itemHeight": 140, "precision": 2,
		"text": []any{fmt.Sprintf("%.0f%% of what it said", top*100), "0%"}, "inRange": map[string]any{"color": salienceColors}}})
	return &chartSpec{ID: "chart-salience", Kind: "salience", Height: heatHeight(len(v.rows)), Option: o}, nil
}

func nonNil(xs []any) []any {
	if xs == nil {
		return []any{}
	}
	return xs
}

// mapChart is the biplot: rows placed by PCA (or MDS), coloured by bloc,
// with each theme's loading drawn as an arrow from the origin.
func (v *view) mapChart(r *report) (*chartSpec, error) {
	pm := v.a.Map
	r.MapNotes = pm.Notes
	if v.a.MapError != "" || len(pm.Rows) == 0 {
		r.MapMsg = cmp.Or(v.a.MapError, "no actor could be placed on the map")
		return nil, nil
	}
	s := charts.NewScatter()
	axis := func(k int) string {
		name := fmt.Sprintf("component %d", k+1)
		if pm.Method == analysis.MapMDS {
			name = fmt.Sprintf("dimension %d", k+1)
		}
		if k < len(pm.Explained) && finite(pm.Explained[k]) {
			name += fmt.Sprintf(" (%.0f%%)", pm.Explained[k]*100)
		}
		return name
	}
	s.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-map"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: axis(0), NameLocation: "middle", NameGap: 26, Scale: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: axis(1), NameLocation: "middle", NameGap: 34, Scale: opts.Bool(true)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
	)
	groups := map[int][]any{}
	extent := 0.0
	for i, id := range pm.Rows {
		if i >= len(pm.Coords) || len(pm.Coords[i]) < 2 {
			continue
		}
		x, y := pm.Coords[i][0], pm.Coords[i][1]
		if !finite(x) || !finite(y) {
			continue
		}
		extent = max(extent, math.Abs(x), math.Abs(y))
		label, bloc, top, n := id, 0, true, 0
		if j, ok := v.byRow[id]; ok {
			label, bloc, top, n = v.rows[j].label, v.rows[j].bloc, v.rows[j].top, v.rows[j].n
		}
		groups[bloc] = append(groups[bloc], map[string]any{"name": label, "value": []any{num(x), num(y), n},
			"label": map[string]any{"show": top}})
	}
	keys := make([]int, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// Blocs first, the unclustered last.
	slices.SortStableFunc(keys, func(a, b int) int { return cmp.Compare(boolInt(a == 0), boolInt(b == 0)) })
	for _, k := range keys {
		s.AddSeries(blocName(k), nil)
	}
	arrows := len(pm.Loadings) > 0 && pm.Method != analysis.MapMDS
	if arrows {
		s.AddSeries("theme directions", nil)
	}
	o, err := optionOf(s)
	if err != nil {
		return nil, err
	}
	for n, k := range keys {
		o.set(fmt.Sprintf("series.%d.data", n), groups[k])
		o.set(fmt.Sprintf("series.%d.itemStyle", n), map[string]any{"color": colorOf(k), "opacity": 0.85})
		o.set(fmt.Sprintf("series.%d.symbolSize", n), symbolSize(len(pm.Rows)))
		o.set(fmt.Sprintf("series.%d.label", n), map[string]any{"position": "right", "formatter": "{b}", "fontSize": 11, "color": "#333"})
		o.set(fmt.Sprintf("series.%d.labelLayout", n), map[string]any{"hideOverlap": true})
		o.set(fmt.Sprintf("series.%d.emphasis", n), map[string]any{"label": map[string]any{"show": true}, "focus": "self"})
	}
	if arrows {
		top := 0.0
		for _, l := range pm.Loadings {
			if len(l) >= 2 && finite(l[0]) && finite(l[1]) {
				top = max(top, math.Hypot(l[0], l[1]))
			}
		}
		scale := 1.0
		if top > 0 && extent > 0 {
			scale = 0.8 * extent / top
		}
		var lines []any
		for t, l := range pm.Loadings {
			if len(l) < 2 || !finite(l[0]) || !finite(l[1]) || t >= len(pm.Themes) {
				continue
			}
			lines = append(lines, []any{
				map[string]any{"coord": []any{0, 0}, "name": v.themeLabel(pm.Themes[t])},
				map[string]any{"coord": []any{num(l[0] * scale), num(l[1] * scale)}},
			})
		}
		n := len(keys)
		o.set(fmt.Sprintf("series.%d.data", n), []any{[]any{0, 0}})
		o.set(fmt.Sprintf("series.%d.symbolSize", n), 0)
		o.set(fmt.Sprintf("series.%d.itemStyle", n), map[string]any{"color": "#6b7d8f"})
		o.set(fmt.Sprintf("series.%d.tooltip", n), map[string]any{"show": false})
		o.set(fmt.Sprintf("series.%d.markLine", n), map[string]any{
			"silent": true, "symbol": []any{"none", "arrow"}, "symbolSize": 8, "animation": false,
			"lineStyle": map[string]any{"color": "#6b7d8f", "type": "solid", "width": 1.2, "opacity": 0.8},
			"label":     map[string]any{"show": true, "position": "end", "formatter": "{b}", "color": "#3d5a80", "fontSize": 11, "fontStyle": "italic"},
			"data":      nonNil(lines),
		})
	}
	o.set("grid", map[string]any{"left": 50, "right": 150, "top": 40, "bottom": 44})
	return &chartSpec{ID: "chart-map", Kind: "map", Height: 560, Option: o}, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func blocName(k int) string {
	if k <= 0 {
		return "not in a bloc"
	}
	return fmt.Sprintf("bloc %d", k)
}

func symbolSize(n int) int {
	switch {
	case n > 100:
		return 7
	case n > 30:
		return 10
	}
	return 13
}

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

// networkChart is the agreement network, force-directed from a circle
// (so the start does not depend on chance), nodes coloured by Louvain
// community; only the strongest ties are drawn when there are many.
func (v *view) networkChart(r *report) (*chartSpec, error) {
	nw := v.a.Network
	if v.a.NetworkError != "" && len(nw.Rows) == 0 {
		r.NetworkMsg = v.a.NetworkError
		return nil, nil
	}
	if len(nw.Rows) < 2 {
		r.NetworkMsg = "the agreement network needs at least two actors"
		return nil, nil
	}
	twoMode := nw.Mode == analysis.NetworkTwoMode
	comm := map[string]int{}
	ncomm := 0
	if cm := v.a.Communities; cm != nil {
		for i, id := range cm.Rows {
			if i < len(cm.Labels) {
				comm[id] = cm.Labels[i]
				ncomm = max(ncomm, cm.Labels[i])
			}
		}
	}
	type node struct {
		name  string
		freq  float64
		cat   int
		isTop bool
	}
	var nodes []node
	seen := map[string]int{}
	for i, id := range nw.Rows {
		f := 0.0
		if i < len(nw.RowFreq) {
			f = nw.RowFreq[i]
		}
		cat := 0
		if twoMode {
			cat = 0
		} else if c, ok := comm[id]; ok {
			cat = c - 1
		}
		nodes = append(nodes, node{name: v.actorLabel(id), freq: f, cat: cat})
	}
	if twoMode {
		for j, id := range nw.Cols {
			f := 0.0
			if j < len(nw.ColFreq) {
				f = nw.ColFreq[j]
			}
			nodes = append(nodes, node{name: v.themeLabel(id), freq: f, cat: 1, isTop: true})
		}
	}
	for _, nd := range nodes {
		seen[nd.name]++
	}
	ids := append(append([]string{}, nw.Rows...), nw.Cols...)
	for i := range nodes {
		if seen[nodes[i].name] > 1 && i < len(ids) {
			nodes[i].name += " [" + ids[i] + "]"
		}
	}
	// The most active get a label.
	order := make([]int, len(nw.Rows))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(nodes[b].freq, nodes[a].freq) })
	for k, i := range order {
		nodes[i].isTop = k < v.opt.Top
	}
	topFreq := 0.0
	for _, nd := range nodes {
		topFreq = max(topFreq, nd.freq)
	}
	// Crowded networks get smaller nodes.
	lo, span := 6.0, 22.0
	if len(nodes) > 60 {
		lo, span = 4, 10
	}
	var nodeData []any
	for _, nd := range nodes {
		size := lo + span/2
		if topFreq > 0 {
			size = lo + span*math.Sqrt(max(nd.freq, 0)/topFreq)
		}
		nodeData = append(nodeData, map[string]any{"name": nd.name, "value": num(nd.freq), "category": nd.cat,
			"symbolSize": round(size, 1), "label": map[string]any{"show": nd.isTop}})
	}
	// Ties: the strongest agreements, and conflicts (negative ties) apart.
	col := map[string]int{}
	for i, id := range nw.Rows {
		col[id] = i
	}
	if twoMode {
		for j, id := range nw.Cols {
			col["\x00theme:"+id] = len(nw.Rows) + j
		}
	}
	edges := nw.Edges()
	maxPos := min(1500, max(300, 4*len(nodes)))
	maxNeg := 300
	var pos, neg int
	topW := 0.0
	for _, e := range edges {
		topW = max(topW, math.Abs(e.Weight))
	}
	opacity := 0.45
	if len(nodes) > 60 {
		opacity = 0.15
	}
	var links []any
	total := 0
	for _, e := range edges {
		if !finite(e.Weight) || e.Weight == 0 {
			continue
		}
		total++
		s, ok1 := col[e.Row]
		tkey := e.Col
		if twoMode {
			tkey = "\x00theme:" + e.Col
		}
		t, ok2 := col[tkey]
		if !ok1 || !ok2 {
			continue
		}
		conflict := e.Weight < 0 || nw.Options.Qualifier == analysis.QualifierConflict
		if e.Weight < 0 {
			if neg == maxNeg {
				continue
			}
			neg++
		} else {
			if pos == maxPos {
				continue
			}
			pos++
		}
		w := 0.6
		if topW > 0 {
			w = 0.6 + 3.4*math.Abs(e.Weight)/topW
		}
		ls := map[string]any{"width": round(w, 1), "opacity": opacity, "curveness": 0}
		if conflict {
			ls["color"] = "#c0392b"
			ls["type"] = "dashed"
		}
		links = append(links, map[string]any{"source": s, "target": t, "value": num(e.Weight), "lineStyle": ls, "conflict": conflict})
	}
	r.NetworkHasConflict = neg > 0
	r.NetworkConflicts = nw.Options.Qualifier == analysis.QualifierConflict
	switch {
	case pos+neg == total:
	case neg == 0:
		r.NetworkShown = fmt.Sprintf("The chart draws the %d strongest of %d ties.", pos, total)
	default:
		r.NetworkShown = fmt.Sprintf("The chart draws the %d strongest agreement ties and the %d strongest conflicts, of %d ties.", pos, neg, total)
	}
	var cats []any
	if twoMode {
		cats = []any{map[string]any{"name": "actors", "itemStyle": map[string]any{"color": palette[0]}},
			map[string]any{"name": "themes", "itemStyle": map[string]any{"color": palette[1]}}}
	} else if ncomm == 0 {
		cats = []any{map[string]any{"name": "actors", "itemStyle": map[string]any{"color": palette[0]}}}
	} else {
		for k := 1; k <= ncomm; k++ {
			cats = append(cats, map[string]any{"name": fmt.Sprintf("community %d", k), "itemStyle": map[string]any{"color": colorOf(k)}})
		}
	}
	g := charts.NewGraph()
	g.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-network"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0"}),
	)
	g.AddSeries("agreement", nil, nil)
	o, err := optionOf(g)
	if err != nil {
		return nil, err
	}
	repulsion, edgeLen := 450, []any{60, 200}
	if len(nodes) > 60 {
		repulsion, edgeLen = 40, []any{20, 80}
	}
	o["series"] = []any{map[string]any{
		"type": "graph", "name": "agreement", "layout": "force", "roam": true, "draggable": true, "top": 50, "bottom": 20,
		"data": nodeData, "links": nonNil(links), "categories": cats,
		"force": map[string]any{"initLayout": "circular", "repulsion": repulsion, "gravity": 0.1, "edgeLength": edgeLen,
			"layoutAnimation": false, "friction": 0.6},
		"label":       map[string]any{"position": "right", "fontSize": 11, "formatter": "{b}"},
		"labelLayout": map[string]any{"hideOverlap": true},
		"emphasis":    map[string]any{"focus": "adjacency", "label": map[string]any{"show": true}, "lineStyle": map[string]any{"width": 4}},
	}}
	legend := make([]any, len(cats))
	for i, c := range cats {
		legend[i] = c.(map[string]any)["name"]
	}
	o.set("legend.data", legend)
	return &chartSpec{ID: "chart-network", Kind: "network", Height: 600, Option: o}, nil
}

// activeRows are the rows the evolution chart draws: those that spoke in
// the most periods, then the most active.
func (v *view) activeRows() []int {
	set := v.a.Periods
	at := map[string]int{}
	for i, id := range set.Rows {
		at[id] = i
	}
	spoke := make([]int, len(v.rows))
	for i, r := range v.rows {
		ri, ok := at[r.id]
		if !ok {
			continue
		}
		for _, m := range set.Matrices {
			if slices.ContainsFunc(m.Cells[ri], func(c analysis.Cell) bool { return c.N > 0 }) {
				spoke[i]++
			}
		}
	}
	idx := v.byActivity()
	slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(spoke[y], spoke[x]) })
	return idx[:min(maxLines, v.opt.Top, len(v.rows))]
}

func (v *view) periodLabels() []string {
	var out []string
	for _, m := range v.a.Periods.Matrices {
		out = append(out, m.Period.Label)
	}
	return out
}

func (v *view) evolutionChart(r *report) (*chartSpec, error) {
	set := v.a.Periods
	if len(set.Matrices) < 2 {
		r.EvolutionMsg = "Change over time needs at least two periods: run with --period year (or ranges such as 2008-2012,2013-2016)."
		return nil, nil
	}
	rows := v.activeRows()
	at := map[string]int{}
	for i, id := range set.Rows {
		at[id] = i
	}
	thAt := map[string]int{}
	for i, id := range set.Themes {
		thAt[id] = i
	}
	periods := v.periodLabels()
	// The chart opens on the theme with the most points to join, ties
	// going to the more polarised theme.
	rank := map[string]int{}
	for k, th := range v.a.Polarisation.Ranked {
		rank[th] = k + 1
	}
	def, best := 0, -1
	for t, th := range v.overall.Themes {
		ti, ok := thAt[th]
		if !ok {
			continue
		}
		points := 0
		for _, i := range rows {
			if ri, ok := at[v.rows[i].id]; ok {
				for _, m := range set.Matrices {
					if m.Cells[ri][ti].N > 0 {
						points++
					}
				}
			}
		}
		score := points*1000 - cmp.Or(rank[th], 999)
		if score > best {
			def, best = t, score
		}
	}
	var variants []option
	for t, th := range v.overall.Themes {
		l := charts.NewLine()
		l.SetGlobalOptions(
			charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-evolution"}),
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0"}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: -2, Max: 2, Name: "mean stance", NameLocation: "middle", NameGap: 30}),
			charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: periods}),
		)
		l.SetXAxis(periods)
		for _, i := range rows {
			l.AddSeries(v.rows[i].label, nil)
		}
		o, err := optionOf(l)
		if err != nil {
			return nil, err
		}
		for k, i := range rows {
			ri, ok1 := at[v.rows[i].id]
			ti, ok2 := thAt[th]
			vals := make([]any, len(periods))
			for p, m := range set.Matrices {
				if ok1 && ok2 {
					if c := m.Cells[ri][ti]; c.N > 0 {
						vals[p] = num(c.Mean)
					}
				}
			}
			o.set(fmt.Sprintf("series.%d.data", k), vals)
			o.set(fmt.Sprintf("series.%d.connectNulls", k), true)
			o.set(fmt.Sprintf("series.%d.symbolSize", k), 7)
			o.set(fmt.Sprintf("series.%d.lineStyle", k), map[string]any{"width": 2})
			o.set(fmt.Sprintf("series.%d.color", k), palette[k%len(palette)])
		}
		o.set("grid", map[string]any{"left": 50, "right": 30, "top": 40, "bottom": 36})
		o.set("xAxis.0.boundaryGap", false)
		o.set("yAxis.0.interval", 1)
		variants = append(variants, o)
		r.EvolutionThemes = append(r.EvolutionThemes, choice{Value: t, Label: v.themes[t], Selected: t == def})
	}
	return &chartSpec{ID: "chart-evolution", Kind: "evolution", Height: 420, Option: variants[def], Variants: variants}, nil
}

func (v *view) convergenceChart() (*chartSpec, error) {
	cv := v.a.Convergence
	if len(cv.Points) < 2 {
		return nil, nil
	}
	var periods []string
	dist := make([]any, len(cv.Points))
	pairs := make([]any, len(cv.Points))
	for i, p := range cv.Points {
		periods = append(periods, p.Period)
		dist[i] = num(p.MeanDistance)
		pairs[i] = p.Pairs
	}
	pol := make([]any, len(cv.Points))
	for i := range pol {
		if i < len(v.a.ByPeriod) {
			pol[i] = num(v.a.ByPeriod[i].Overall)
		}
	}
	l := charts.NewLine()
	l.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-convergence"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: periods}),
	)
	l.SetXAxis(periods)
	l.AddSeries("mean distance between actors", nil)
	l.AddSeries("polarisation (Esteban–Ray, 0–1)", nil)
	o, err := optionOf(l)
	if err != nil {
		return nil, err
	}
	o["yAxis"] = []any{
		map[string]any{"type": "value", "min": 0, "name": "distance", "nameLocation": "middle", "nameGap": 34},
		map[string]any{"type": "value", "min": 0, "max": 1, "name": "polarisation", "nameLocation": "middle", "nameGap": 34, "splitLine": map[string]any{"show": false}},
	}
	o.set("series.0.data", dist)
	o.set("series.0.connectNulls", true)
	o.set("series.0.color", "#2166ac")
	o.set("series.0.symbolSize", 7)
	o.set("series.1.data", pol)
	o.set("series.1.yAxisIndex", 1)
	o.set("series.1.connectNulls", true)
	o.set("series.1.color", "#b2182b")
	o.set("series.1.lineStyle", map[string]any{"type": "dashed"})
	o.set("series.1.symbolSize", 6)
	o.set("grid", map[string]any{"left": 56, "right": 56, "top": 40, "bottom": 36})
	o.set("xAxis.0.boundaryGap", false)
	return &chartSpec{ID: "chart-convergence", Kind: "convergence", Height: 340, Option: o, Extra: map[string]any{"pairs": pairs}}, nil
}

// flowsChart is the sankey of rows moving between blocs from one period
// to the next.
func (v *view) flowsChart(r *report) (*chartSpec, error) {
	if v.a.Blocs == nil {
		r.FlowsMsg = "Bloc flows need blocs (see the distances section)."
		return nil, nil
	}
	if len(v.a.Flows) == 0 {
		r.FlowsMsg = "No bloc flows: no two consecutive periods had enough actors comparable with one another to be clustered into the blocs (longer periods, such as --period 2008-2012,2013-2016, pool more statements)."
		return nil, nil
	}
	periodAt := map[string]int{}
	for i, p := range v.periodLabels() {
		periodAt[p] = i
	}
	type key struct{ p, b int }
	used := map[key]string{}
	name := func(period string, b int) string { return fmt.Sprintf("%s · bloc %d", period, b) }
	var ks []key
	add := func(period string, b int) {
		k := key{periodAt[period], b}
		if _, ok := used[k]; !ok {
			used[k] = name(period, b)
			ks = append(ks, k)
		}
	}
	for _, f := range v.a.Flows {
		add(f.From, f.FromBloc)
		add(f.To, f.ToBloc)
	}
	slices.SortFunc(ks, func(a, b key) int { return cmp.Or(cmp.Compare(a.p, b.p), cmp.Compare(a.b, b.b)) })
	depth := map[int]int{}
	for _, k := range ks {
		if _, ok := depth[k.p]; !ok {
			depth[k.p] = len(depth)
		}
	}
	showLabels := len(depth) <= 12
	var nodes []any
	maxBlocs := 0
	perDepth := map[int]int{}
	for _, k := range ks {
		perDepth[k.p]++
		maxBlocs = max(maxBlocs, perDepth[k.p])
		// An explicit depth keeps each period in its column even when a
		// bloc has no flow in from the period before.
		nodes = append(nodes, map[string]any{"name": used[k], "depth": depth[k.p], "itemStyle": map[string]any{"color": colorOf(k.b)},
			"label": map[string]any{"show": showLabels}})
	}
	var links []any
	for _, f := range v.a.Flows {
		var names []string
		for k, row := range f.Rows {
			if k == 8 {
				names = append(names, fmt.Sprintf("and %d more", len(f.Rows)-8))
				break
			}
			if j, ok := v.byRow[row]; ok {
				names = append(names, v.rows[j].label)
			} else {
				names = append(names, row)
			}
		}
		links = append(links, map[string]any{"source": name(f.From, f.FromBloc), "target": name(f.To, f.ToBloc),
			"value": len(f.Rows), "rows": names})
	}
	s := charts.NewSankey()
	s.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-flows"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
	)
	s.AddSeries("bloc flows", nil, nil)
	o, err := optionOf(s)
	if err != nil {
		return nil, err
	}
	o["series"] = []any{map[string]any{"type": "sankey", "name": "bloc flows", "data": nodes, "links": links,
		"nodeAlign": "left", "nodeGap": 10, "nodeWidth": 14,
		"left": 20, "right": 90, "top": 20, "bottom": 20,
		"emphasis":  map[string]any{"focus": "adjacency"},
		"lineStyle": map[string]any{"color": "gradient", "opacity": 0.35, "curveness": 0.5},
		"label":     map[string]any{"fontSize": 11}}}
	o.set("legend", map[string]any{"show": false})
	return &chartSpec{ID: "chart-flows", Kind: "flows", Height: 300 + 24*maxBlocs, Option: o}, nil
}

func (v *view) moversChart(r *report) (*chartSpec, error) {
	ms := v.a.Movers
	if len(ms) == 0 {
		r.MoversMsg = "No actor spoke on a shared theme in two different periods, so none has measurably moved."
		return nil, nil
	}
	ms = ms[:min(len(ms), 15)]
	var names []string
	net := make([]any, len(ms))
	path := make([]any, len(ms))
	for i, m := range ms {
		label := m.Row
		if j, ok := v.byRow[m.Row]; ok {
			label = v.rows[j].label
		}
		names = append(names, label)
		net[i], path[i] = num(m.Net), num(m.Path)
		mv := moverView{Row: label, First: m.First, Last: m.Last, Net: fmtNum(m.Net), Path: fmtNum(m.Path)}
		if lc := m.Largest; lc.Theme != "" {
			mv.Largest = fmt.Sprintf("%s: %s → %s", v.themeLabel(lc.Theme), fmtSigned(lc.From), fmtSigned(lc.To))
		}
		r.MoverRows = append(r.MoverRows, mv)
	}
	b := charts.NewBar()
	b.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-movers"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
	)
	b.SetXAxis(names)
	b.AddSeries("net drift (first to last period)", nil)
	b.AddSeries("path (sum of steps)", nil)
	o, err := optionOf(b)
	if err != nil {
		return nil, err
	}
	o["xAxis"] = []any{map[string]any{"type": "value", "min": 0, "name": "distance moved", "nameLocation": "middle", "nameGap": 26}}
	o["yAxis"] = []any{map[string]any{"type": "category", "data": names, "inverse": true, "axisLabel": map[string]any{"fontSize": 11}}}
	o.set("series.0.data", net)
	o.set("series.0.color", "#2166ac")
	o.set("series.1.data", path)
	o.set("series.1.color", "#92c5de")
	o.set("grid", map[string]any{"left": 10, "right": 30, "top": 34, "bottom": 40, "containLabel": true})
	return &chartSpec{ID: "chart-movers", Kind: "movers", Height: 120 + 30*len(ms), Option: o}, nil
}

// radarChart sets a few rows side by side across the themes; the reader
// picks which. It starts with the pair furthest apart and the most
// active other row.
func (v *view) radarChart(r *report) (*chartSpec, error) {
	if len(v.themes) < 3 || len(v.rows) < 2 {
		r.RadarMsg = "The radar needs at least three themes and two actors."
		return nil, nil
	}
	var pick []int
	addRow := func(id string) {
		if j, ok := v.byRow[id]; ok && !slices.Contains(pick, j) {
			pick = append(pick, j)
		}
	}
	for _, f := range v.a.Findings {
		if f.Kind == "furthest" && len(f.Rows) >= 2 {
			addRow(f.Rows[0])
			addRow(f.Rows[1])
			break
		}
	}
	for _, i := range v.byActivity() {
		if len(pick) >= 3 || (len(pick) >= 2 && len(v.rows) < 3) {
			break
		}
		if !slices.Contains(pick, i) {
			pick = append(pick, i)
		}
	}
	values := make([]any, len(v.rows))
	for i := range v.rows {
		vals := make([]any, len(v.themes))
		for t, c := range v.overall.Cells[i] {
			if c.N > 0 {
				vals[t] = num(c.Mean)
			}
		}
		values[i] = vals
	}
	var ind []*opts.Indicator
	for _, t := range v.themes {
		// The centre (−3) is "no statement": echarts draws a missing
		// value there, which must not read as −2.
		ind = append(ind, &opts.Indicator{Name: t, Min: -3, Max: 2})
	}
	rd := charts.NewRadar()
	rd.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-radar"}),
		charts.WithRadarComponentOpts(opts.RadarComponent{Indicator: ind, Shape: "polygon", SplitNumber: 5}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"}),
	)
	rd.AddSeries("positions", nil)
	o, err := optionOf(rd)
	if err != nil {
		return nil, err
	}
	o.set("radar.center", []any{"50%", "50%"})
	o.set("radar.radius", "66%")
	o.set("radar.axisName", map[string]any{"color": "#333", "fontSize": 12})
	var data []any
	var legend []any
	for k, i := range pick {
		data = append(data, map[string]any{"name": v.rows[i].label, "value": values[i],
			"itemStyle": map[string]any{"color": palette[k%len(palette)]}, "lineStyle": map[string]any{"width": 2},
			"areaStyle": map[string]any{"opacity": 0.08}})
		legend = append(legend, v.rows[i].label)
	}
	o.set("series.0.data", data)
	o.set("series.0.symbolSize", 6)
	o.set("legend.data", legend)
	idx := make([]int, len(v.rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int { return strings.Compare(v.rows[x].label, v.rows[y].label) })
	for _, i := range idx {
		r.RadarRows = append(r.RadarRows, choice{Value: i, Label: v.rows[i].label, Selected: slices.Contains(pick, i)})
	}
	labels := make([]string, len(v.rows))
	for i := range v.rows {
		labels[i] = v.rows[i].label
	}
	v.radarPick = pick
	return &chartSpec{ID: "chart-radar", Kind: "radar", Height: 480, Option: o,
		Extra: map[string]any{"labels": labels, "values": values, "palette": palette}}, nil
}
