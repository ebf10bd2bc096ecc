package html

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/stancemap/stancemap/analysis"
)

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
