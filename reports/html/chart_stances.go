package html

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
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
