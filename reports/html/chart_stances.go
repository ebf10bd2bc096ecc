package html

import "fmt"

// heatHeight is a heatmap's height: 28 pixels a row, room for the two
// lines of a cell's label (its value and n).
func heatHeight(rows int) int {
	return 150 + 28*max(6, min(rows, zoomRows))
}

func (v *view) rowLabels(idx []int) []string {
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = v.rows[i].label
	}
	return out
}

// heatBase is a heatmap of the rows (in display order) × categories,
// its data and colour scale to be set.
func heatBase(name string, xs, ys []string) option {
	border := 1
	if len(ys)*len(xs) > 2000 {
		border = 0
	}
	o := option{
		Grid: &grid{Left: 10, Right: 30, Top: 20, Bottom: 56, ContainLabel: true,
			Show: true, BackgroundColor: emptyCell, BorderWidth: ptr(0)},
		Legend:  &legend{Show: false},
		Tooltip: &tooltip{Show: true},
		XAxis: []axis{{Type: "category", Data: xs, Position: "top",
			AxisLabel: &axisLabel{Rotate: 30, Interval: ptr(0), FontSize: 11}, SplitArea: &shown{Show: false}}},
		YAxis: []axis{{Type: "category", Data: ys, Inverse: true, AxisLabel: &axisLabel{FontSize: 11}}},
		Series: []series{{Type: "heatmap", Name: name,
			ItemStyle: &itemStyle{BorderColor: "#ffffff", BorderWidth: ptr(border)},
			Emphasis:  &emphasis{ItemStyle: &itemStyle{BorderColor: "#000000", BorderWidth: ptr(1)}}}},
	}
	if len(ys) > zoomRows {
		o.DataZoom = []dataZoom{sliderY(zoomRows)}
		o.Grid.Right = 40
	}
	return o
}

// heatScale is the horizontal colour scale under a heatmap.
func heatScale(lo, hi float64, length int, colors []string, text ...string) visualMap {
	return visualMap{Type: "continuous", Min: lo, Max: hi, Dimension: 2, Calculable: true,
		Orient: "horizontal", Left: "center", ItemWidth: 12, ItemHeight: length,
		Text: text, InRange: colours{Color: colors}}
}

func (v *view) stanceChart() *chartSpec {
	if len(v.rows) == 0 || len(v.themes) == 0 {
		return nil
	}
	o := heatBase("mean stance", v.themes, v.rowLabels(v.shown))
	var pts []any
	for p, i := range v.shown {
		for t, cell := range v.overall.Cells[i] {
			if cell.N == 0 || !finite(cell.Mean) {
				continue
			}
			pts = append(pts, []any{t, p, num(cell.Mean), cell.N, num(cell.CILow), num(cell.CIHigh), v.exampleRef(cell.Example)})
		}
	}
	o.Series[0].Data = nonNil(pts)
	o.Series[0].Label = cellLabel()
	o.VisualMap = []visualMap{heatScale(-2, 2, 180, stanceColors, "+2 supports", "−2 opposes")}
	return &chartSpec{ID: "chart-stance", Kind: "stance", Height: heatHeight(len(v.shown)), Option: o}
}

func (v *view) salienceChart() *chartSpec {
	if len(v.rows) == 0 || len(v.themes) == 0 {
		return nil
	}
	o := heatBase("salience", v.themes, v.rowLabels(v.shown))
	var pts []any
	top := 0.0
	for p, i := range v.shown {
		for t, cell := range v.overall.Cells[i] {
			if !finite(cell.Salience) {
				continue
			}
			top = max(top, cell.Salience)
			pts = append(pts, []any{t, p, num(cell.Salience), cell.N})
		}
	}
	o.Series[0].Data = nonNil(pts)
	o.Series[0].Label = cellLabel()
	scale := heatScale(0, round(max(top, 0.01), 3), 140, salienceColors, fmt.Sprintf("%.0f%% of what it said", top*100), "0%")
	scale.Precision = 2
	o.VisualMap = []visualMap{scale}
	return &chartSpec{ID: "chart-salience", Kind: "salience", Height: heatHeight(len(v.shown)), Option: o}
}
