package html

import (
	"slices"
	"strings"
)

// radarChart sets a few rows side by side across the themes; the reader
// picks which. It starts with the pair furthest apart and the most
// active other row.
func (v *view) radarChart(r *report) *chartSpec {
	if len(v.themes) < 3 || len(v.rows) < 2 {
		r.RadarMsg = "The radar needs at least three themes and two actors."
		return nil
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
	// A summarised report lists the shown rows and the picked ones; the
	// finder adds any other, with its means from the rows data.
	listed := func(i int) bool { return v.isShown(i) || slices.Contains(pick, i) }
	values := make([][]any, len(v.rows))
	for i := range v.rows {
		if !listed(i) {
			continue
		}
		vals := make([]any, len(v.themes))
		for t, c := range v.overall.Cells[i] {
			if c.N > 0 {
				vals[t] = num(c.Mean)
			}
		}
		values[i] = vals
	}
	var ind []indicator
	for _, t := range v.themes {
		// The centre (−3) is "no statement": echarts draws a missing
		// value there, which must not read as −2.
		ind = append(ind, indicator{Name: t, Min: -3, Max: 2})
	}
	var data []radarItem
	var names []string
	for k, i := range pick {
		data = append(data, radarItem{Name: v.rows[i].label, Value: values[i],
			ItemStyle: itemStyle{Color: palette[k%len(palette)]}, LineStyle: lineStyle{Width: 2},
			AreaStyle: itemStyle{Opacity: 0.08}})
		names = append(names, v.rows[i].label)
	}
	o := option{
		Legend:  &legend{Show: true, Type: "scroll", Bottom: "0", Data: names},
		Tooltip: &tooltip{Show: true},
		// The innermost ring, from the centre to −2, is shaded: a shape
		// that dips into it is silent on the theme, not opposed to it.
		Radar: &radar{Indicator: ind, Shape: "polygon", SplitNumber: 5, Center: []string{"50%", "50%"}, Radius: "66%",
			AxisName:  &label{Color: "#333", FontSize: 12},
			SplitArea: &splitArea{Show: true, AreaStyle: colours{Color: []string{noStatementRing, "#ffffff", "#f6f8fa", "#ffffff", "#f6f8fa"}}}},
		Series: []series{{Type: "radar", Name: "positions", Data: data, SymbolSize: ptr(6)}},
	}
	idx := make([]int, len(v.rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int { return strings.Compare(v.rows[x].label, v.rows[y].label) })
	for _, i := range idx {
		if listed(i) {
			r.RadarRows = append(r.RadarRows, choice{Value: i, Label: v.rows[i].label, Selected: slices.Contains(pick, i)})
		}
	}
	labels := make([]string, len(v.rows))
	for i := range v.rows {
		if listed(i) {
			labels[i] = v.rows[i].label
		}
	}
	v.radarPick = pick
	return &chartSpec{ID: "chart-radar", Kind: "radar", Height: 480, Option: o,
		Extra: radarExtra{Labels: labels, Values: values, Palette: palette}}
}

// noStatementRing is the fill of the radar's centre, where a theme with
// no statement is drawn: the grey of the heatmaps' empty cells.
var noStatementRing = emptyCell

// radarExtra is every row's label and means, for report.js to draw the
// rows a reader picks.
type radarExtra struct {
	Labels  []string `json:"labels"`
	Values  [][]any  `json:"values"`
	Palette []string `json:"palette"`
}
