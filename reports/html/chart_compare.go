package html

import (
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

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
