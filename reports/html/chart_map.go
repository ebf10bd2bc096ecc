package html

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/stancemap/stancemap/analysis"
)

// mapChart is the biplot: rows placed by PCA (or MDS), coloured by bloc,
// with each theme's loading drawn as an arrow from the origin.
func (v *view) mapChart(r *report) *chartSpec {
	pm := v.a.Map
	r.MapNotes = pm.Notes
	if v.a.MapError != "" || len(pm.Rows) == 0 {
		r.MapMsg = cmp.Or(v.a.MapError, "no actor could be placed on the map")
		return nil
	}
	if msg := thinMap(pm); msg != "" {
		r.MapMsg, r.MapNotes = msg, nil
		return nil
	}
	axisName := func(k int) string {
		name := fmt.Sprintf("component %d", k+1)
		if pm.Method == analysis.MapMDS {
			name = fmt.Sprintf("dimension %d", k+1)
		}
		if k < len(pm.Explained) && finite(pm.Explained[k]) {
			name += fmt.Sprintf(" (%.0f%%)", pm.Explained[k]*100)
		}
		return name
	}
	groups := map[int][]namedPoint{}
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
		groups[bloc] = append(groups[bloc], namedPoint{Name: label, Value: []any{num(x), num(y), n}, Label: shown{Show: top}})
	}
	keys := make([]int, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// Blocs first, the unclustered last.
	slices.SortStableFunc(keys, func(a, b int) int { return cmp.Compare(boolInt(a == 0), boolInt(b == 0)) })
	o := option{
		Grid:    &grid{Left: 50, Right: 150, Top: 40, Bottom: 44},
		Legend:  &legend{Show: true, Top: "0"},
		Tooltip: &tooltip{Show: true},
		XAxis:   []axis{{Type: "value", Name: axisName(0), NameLocation: "middle", NameGap: 26, Scale: true}},
		YAxis:   []axis{{Type: "value", Name: axisName(1), NameLocation: "middle", NameGap: 34, Scale: true}},
	}
	for _, k := range keys {
		o.Series = append(o.Series, series{Type: "scatter", Name: blocName(k), Data: groups[k],
			ItemStyle:   &itemStyle{Color: colorOf(k), Opacity: 0.85},
			SymbolSize:  ptr(symbolSize(len(pm.Rows))),
			Label:       &label{Position: "right", Formatter: "{b}", FontSize: 11, Color: "#333"},
			LabelLayout: &labelLayout{HideOverlap: true},
			Emphasis:    &emphasis{Label: &shown{Show: true}, Focus: "self"}})
	}
	if len(pm.Loadings) > 0 && pm.Method != analysis.MapMDS {
		o.Series = append(o.Series, v.themeArrows(pm, extent))
	}
	return &chartSpec{ID: "chart-map", Kind: "map", Height: 560, Option: o}
}

// themeArrows is the series that draws each theme's loading as an arrow
// from the origin, scaled to the spread of the points.
func (v *view) themeArrows(pm analysis.PositionMap, extent float64) series {
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
	var lines [][2]markPoint
	for t, l := range pm.Loadings {
		if len(l) < 2 || !finite(l[0]) || !finite(l[1]) || t >= len(pm.Themes) {
			continue
		}
		lines = append(lines, [2]markPoint{
			{Coord: []any{0, 0}, Name: v.themeLabel(pm.Themes[t])},
			{Coord: []any{num(l[0] * scale), num(l[1] * scale)}},
		})
	}
	return series{Type: "scatter", Name: "theme directions", Data: [][2]int{{0, 0}}, SymbolSize: ptr(0),
		ItemStyle: &itemStyle{Color: "#6b7d8f"}, Tooltip: &tooltip{Show: false},
		MarkLine: &markLine{Silent: true, Symbol: [2]string{"none", "arrow"}, SymbolSize: 8,
			LineStyle: &lineStyle{Color: "#6b7d8f", Type: "solid", Width: 1.2, Opacity: 0.8},
			Label:     &label{Show: ptr(true), Position: "end", Formatter: "{b}", Color: "#3d5a80", FontSize: 11, FontStyle: "italic"},
			Data:      nonNil(lines)}}
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
