package html

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/stancemap/stancemap/analysis"
)

// mapPoint is one labelled point of the map: an actor (coloured by its
// bloc, with its statements and bloc name in Value) or the end of a theme
// arrow (no symbol, an italic label).
type mapPoint struct {
	Name       string     `json:"name"`
	Value      []any      `json:"value"`
	SymbolSize *int       `json:"symbolSize,omitempty"`
	ItemStyle  *itemStyle `json:"itemStyle,omitempty"`
	Label      *label     `json:"label,omitempty"`
	Tooltip    *tooltip   `json:"tooltip,omitempty"`
}

// mapChart is the biplot: rows placed by PCA (or MDS), coloured by bloc,
// with whiskers of ±2 standard errors and each theme's loading drawn as
// an arrow from the origin. Actors and theme names are one series, whose
// labels report.js places where they overlap no other label and no point
// (placeMapLabels); the blocs' series only name the colours in the legend.
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
	var points []mapPoint
	blocs := map[int]bool{}
	extent := 0.0
	var whiskers []lineItem
	// Every label is shown on maps small enough to read them all; on
	// larger ones, the most active actors' (the others on hovering).
	all := len(pm.Rows) <= 40
	size := symbolSize(len(pm.Rows))
	for i, id := range pm.Rows {
		if i >= len(pm.Coords) || len(pm.Coords[i]) < 2 {
			continue
		}
		x, y := pm.Coords[i][0], pm.Coords[i][1]
		if !finite(x) || !finite(y) {
			continue
		}
		extent = max(extent, math.Abs(x), math.Abs(y))
		name, bloc, top, n := id, 0, true, 0
		if j, ok := v.byRow[id]; ok {
			name, bloc, top, n = v.rows[j].label, v.rows[j].bloc, v.rows[j].top, v.rows[j].n
		}
		// A summarised report's map keeps the whiskers of the labelled
		// rows only: thousands of crossed lines hide the dots and slow the
		// drawing.
		if i < len(pm.SE) && len(pm.SE[i]) == 2 && finite(pm.SE[i][0]) && finite(pm.SE[i][1]) && (top || !v.crowd) {
			ex, ey := 2*pm.SE[i][0], 2*pm.SE[i][1]
			whiskers = append(whiskers, lineItem{Coords: [2][2]any{{num(x - ex), num(y)}, {num(x + ex), num(y)}}},
				lineItem{Coords: [2][2]any{{num(x), num(y - ey)}, {num(x), num(y + ey)}}})
		}
		blocs[bloc] = true
		points = append(points, mapPoint{Name: name, Value: []any{num(x), num(y), n, blocName(bloc)},
			ItemStyle: &itemStyle{Color: colorOf(bloc), Opacity: 0.85}, Label: &label{Show: ptr(top || all)}})
	}
	// Both axes span the same symmetric range, a little wider than the
	// points; the longest theme arrow reaches 0.8 of it, so every arrow
	// ends inside the plot whatever its length. Whiskers longer than the
	// range are cut at its edge.
	lim := math.Ceil(max(extent, 0.5)*1.2*10) / 10
	var arrows [][2]markPoint
	if len(pm.Loadings) > 0 && pm.Method != analysis.MapMDS {
		var ends []mapPoint
		arrows, ends = v.themeArrows(pm, lim)
		points = append(points, ends...)
	}
	keys := make([]int, 0, len(blocs))
	for k := range blocs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// Blocs first, the unclustered last.
	slices.SortStableFunc(keys, func(a, b int) int { return cmp.Compare(boolInt(a == 0), boolInt(b == 0)) })
	var legendNames []string
	for _, k := range keys {
		legendNames = append(legendNames, blocName(k))
	}
	if len(whiskers) > 0 {
		legendNames = append(legendNames, "±2 standard errors")
	}
	o := option{
		Grid:    &grid{Left: 50, Right: 150, Top: 40, Bottom: 44},
		Legend:  &legend{Show: true, Top: "0", Data: legendNames},
		Tooltip: &tooltip{Show: true},
		XAxis:   []axis{{Type: "value", Name: axisName(0), NameLocation: "middle", NameGap: 26, Min: ptr(-lim), Max: ptr(lim)}},
		YAxis:   []axis{{Type: "value", Name: axisName(1), NameLocation: "middle", NameGap: 34, Min: ptr(-lim), Max: ptr(lim)}},
	}
	for _, k := range keys {
		o.Series = append(o.Series, series{Type: "scatter", Name: blocName(k), Data: []any{}, ItemStyle: &itemStyle{Color: colorOf(k)}})
	}
	if len(whiskers) > 0 {
		o.Series = append(o.Series, series{Type: "lines", Name: "±2 standard errors", CoordinateSystem: "cartesian2d", Silent: true,
			LineStyle: &lineStyle{Color: "#9aa5b1", Width: 1, Opacity: 0.7}, Data: whiskers})
	}
	if len(arrows) > 0 {
		o.Series = append(o.Series, series{Type: "scatter", Name: "theme directions", Data: []any{}, SymbolSize: ptr(0),
			ItemStyle: &itemStyle{Color: "#6b7d8f"}, Tooltip: &tooltip{Show: false},
			MarkLine: &markLine{Silent: true, Symbol: [2]string{"none", "arrow"}, SymbolSize: 8,
				LineStyle: &lineStyle{Color: "#6b7d8f", Type: "solid", Width: 1.2, Opacity: 0.8},
				Label:     &label{Show: ptr(false)},
				Data:      arrows}})
	}
	// No animation: the labels' places are computed once drawn, and should
	// show at once, not slide there.
	o.Series = append(o.Series, series{Type: "scatter", Name: "positions", Data: points, SymbolSize: ptr(size), Animation: ptr(false),
		Label:       &label{Position: "right", Formatter: "{b}", FontSize: 11, Color: "#333"},
		LabelLayout: &labelLayout{HideOverlap: !all},
		Emphasis:    &emphasis{Label: &shown{Show: true}, Focus: "self"}})
	return &chartSpec{ID: "chart-map", Kind: "map", Height: 560, Option: o}
}

// themeArrows draws each theme's loading as an arrow from the origin,
// the longest reaching 0.8 of the axes' half-range lim, and returns the
// arrows and the points that name the themes at their ends.
func (v *view) themeArrows(pm analysis.PositionMap, lim float64) ([][2]markPoint, []mapPoint) {
	top := 0.0
	for _, l := range pm.Loadings {
		if len(l) >= 2 && finite(l[0]) && finite(l[1]) {
			top = max(top, math.Hypot(l[0], l[1]))
		}
	}
	scale := 1.0
	if top > 0 {
		scale = 0.8 * lim / top
	}
	var lines [][2]markPoint
	var ends []mapPoint
	for t, l := range pm.Loadings {
		if len(l) < 2 || !finite(l[0]) || !finite(l[1]) || t >= len(pm.Themes) || (l[0] == 0 && l[1] == 0) {
			continue
		}
		x, y := num(l[0]*scale), num(l[1]*scale)
		name := v.themeLabel(pm.Themes[t])
		lines = append(lines, [2]markPoint{{Coord: []any{0, 0}, Name: name}, {Coord: []any{x, y}}})
		pos := "right"
		if l[0] < 0 {
			pos = "left"
		}
		ends = append(ends, mapPoint{Name: name, Value: []any{x, y}, SymbolSize: ptr(0), Tooltip: &tooltip{Show: false},
			Label: &label{Show: ptr(true), Position: pos, Color: "#3d5a80", FontStyle: "italic"}})
	}
	return lines, ends
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
