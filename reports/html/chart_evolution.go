package html

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/stancemap/stancemap/analysis"
)

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

func (v *view) evolutionChart(r *report) *chartSpec {
	set := v.a.Periods
	if len(set.Matrices) < 2 {
		r.EvolutionMsg = "Change over time needs at least two periods: run with --period year (or ranges such as 2008-2012,2013-2016)."
		return nil
	}
	if followed(set) == 0 {
		r.EvolutionMsg = "No actor spoke on the same theme in two different periods, so there is no line to follow yet (longer periods, such as --period 2008-2012,2013-2016, pool more statements)."
		return nil
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
		o := option{
			Grid:    &grid{Left: 50, Right: 30, Top: 40, Bottom: 36},
			Legend:  &legend{Show: true, Type: "scroll", Top: "0"},
			Tooltip: &tooltip{Show: true, Trigger: "axis"},
			XAxis:   []axis{{Type: "category", Data: periods, BoundaryGap: ptr(false)}},
			YAxis: []axis{{Type: "value", Min: ptr(-2.0), Max: ptr(2.0), Interval: 1,
				Name: "mean stance", NameLocation: "middle", NameGap: 30}},
		}
		var bands []series
		for k, i := range rows {
			ri, ok1 := at[v.rows[i].id]
			ti, ok2 := thAt[th]
			vals := make([]any, len(periods))
			lows, widths := make([]any, len(periods)), make([]any, len(periods))
			for p, m := range set.Matrices {
				if ok1 && ok2 {
					if c := m.Cells[ri][ti]; c.N > 0 {
						// The point's size grows with its statements, and the
						// tooltip gives n: a mean of one statement looks it.
						vals[p] = map[string]any{"value": num(c.Mean), "n": c.N,
							"symbolSize": min(4+int(math.Round(3*math.Sqrt(float64(c.N)))), 16)}
						if finite(c.CILow) && finite(c.CIHigh) {
							lows[p], widths[p] = num(c.CILow), num(c.CIHigh-c.CILow)
						}
					}
				}
			}
			// A period without statements breaks the line: joining the
			// points around it would draw a path nobody stated.
			color := palette[k%len(palette)]
			o.Series = append(o.Series, series{Type: "line", Name: v.rows[i].label, Data: vals,
				LineStyle: &lineStyle{Width: 2}, Color: color, Z: 3})
			bands = append(bands, intervalBand(fmt.Sprint(k), v.rows[i].label, color, lows, widths)...)
		}
		// The bands go after the lines, so that the legend takes the
		// lines' look; they share the lines' names, so that hiding a
		// line in the legend hides its band.
		o.Series = append(o.Series, bands...)
		variants = append(variants, o)
		r.EvolutionThemes = append(r.EvolutionThemes, choice{Value: t, Label: v.themes[t], Selected: t == def})
	}
	return &chartSpec{ID: "chart-evolution", Kind: "evolution", Height: 420, Option: variants[def], Variants: variants}
}

func (v *view) convergenceChart(r *report) *chartSpec {
	cv := v.a.Convergence
	if len(cv.Points) < 2 {
		return nil
	}
	known := 0
	for _, p := range cv.Points {
		if finite(p.MeanDistance) {
			known++
		}
	}
	if known < 2 {
		r.ConvergenceMsg = fmt.Sprintf("Convergence needs comparable actors in at least two periods; %s.", knownPhrase(known))
		return nil
	}
	var periods []string
	dist := make([]any, len(cv.Points))
	pairs := make([]int, len(cv.Points))
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
	o := option{
		Grid:    &grid{Left: 56, Right: 56, Top: 40, Bottom: 36},
		Legend:  &legend{Show: true, Top: "0"},
		Tooltip: &tooltip{Show: true, Trigger: "axis"},
		XAxis:   []axis{{Type: "category", Data: periods, BoundaryGap: ptr(false)}},
		YAxis: []axis{
			{Type: "value", Min: ptr(0.0), Name: "distance", NameLocation: "middle", NameGap: 34},
			{Type: "value", Min: ptr(0.0), Max: ptr(1.0), Name: "polarisation", NameLocation: "middle", NameGap: 34, SplitLine: &shown{Show: false}},
		},
		Series: []series{
			{Type: "line", Name: "mean distance between actors", Data: dist, ConnectNulls: true, Color: "#2166ac", SymbolSize: ptr(7)},
			{Type: "line", Name: "polarisation (Esteban–Ray, 0–1)", Data: pol, YAxisIndex: 1, ConnectNulls: true, Color: "#b2182b",
				LineStyle: &lineStyle{Type: "dashed"}, SymbolSize: ptr(6)},
		},
	}
	return &chartSpec{ID: "chart-convergence", Kind: "convergence", Height: 340, Option: o, Extra: convergenceExtra{Pairs: pairs}}
}

// flowsChart is the sankey of rows moving between blocs from one period
// to the next.
func (v *view) flowsChart(r *report) *chartSpec {
	if v.a.Blocs == nil {
		r.FlowsMsg = "Bloc flows need blocs (see the distances section)."
		return nil
	}
	if len(v.a.Flows) == 0 {
		r.FlowsMsg = "No bloc flows: no two consecutive periods had enough actors comparable with one another to be clustered into the blocs (longer periods, such as --period 2008-2012,2013-2016, pool more statements)."
		return nil
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
	var nodes []sankeyNode
	maxBlocs := 0
	perDepth := map[int]int{}
	for _, k := range ks {
		perDepth[k.p]++
		maxBlocs = max(maxBlocs, perDepth[k.p])
		// An explicit depth keeps each period in its column even when a
		// bloc has no flow in from the period before.
		nodes = append(nodes, sankeyNode{Name: used[k], Depth: depth[k.p], ItemStyle: itemStyle{Color: colorOf(k.b)},
			Label: shown{Show: showLabels}})
	}
	var links []sankeyLink
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
		links = append(links, sankeyLink{Source: name(f.From, f.FromBloc), Target: name(f.To, f.ToBloc),
			Value: len(f.Rows), Rows: names})
	}
	o := option{
		Legend:  &legend{Show: false},
		Tooltip: &tooltip{Show: true},
		Series: []series{{Type: "sankey", Name: "bloc flows", Data: nodes, Links: links,
			NodeAlign: "left", NodeGap: 10, NodeWidth: 14,
			Left: 20, Right: 90, Top: 20, Bottom: 20,
			Emphasis:  &emphasis{Focus: "adjacency"},
			LineStyle: &lineStyle{Color: "gradient", Opacity: 0.35, Curveness: ptr(0.5)},
			Label:     &label{FontSize: 11}}},
	}
	return &chartSpec{ID: "chart-flows", Kind: "flows", Height: 300 + 24*maxBlocs, Option: o}
}

func (v *view) moversChart(r *report) *chartSpec {
	ms := v.a.Movers
	if len(ms) == 0 {
		r.MoversMsg = "No actor spoke on a shared theme in two different periods, so none has measurably moved."
		return nil
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
			mv.Largest = v.themeLabel(lc.Theme) + ": " + analysis.ChangeText(lc)
		}
		r.MoverRows = append(r.MoverRows, mv)
	}
	o := option{
		Grid:    &grid{Left: 10, Right: 30, Top: 34, Bottom: 40, ContainLabel: true},
		Legend:  &legend{Show: true, Top: "0"},
		Tooltip: &tooltip{Show: true, Trigger: "axis"},
		XAxis:   []axis{{Type: "value", Min: ptr(0.0), Name: "distance moved", NameLocation: "middle", NameGap: 26}},
		YAxis:   []axis{{Type: "category", Data: names, Inverse: true, AxisLabel: &axisLabel{FontSize: 11}}},
		Series: []series{
			{Type: "bar", Name: "net drift (first to last period)", Data: net, Color: "#2166ac"},
			{Type: "bar", Name: "path (sum of steps)", Data: path, Color: "#92c5de"},
		},
	}
	return &chartSpec{ID: "chart-movers", Kind: "movers", Height: 120 + 30*len(ms), Option: o}
}

// convergenceExtra is the number of actor pairs behind each period's
// mean distance, for report.js.
type convergenceExtra struct {
	Pairs []int `json:"pairs"`
}

// intervalBand draws a confidence interval as a shaded band: an
// invisible line at the lower end and, stacked on it, the interval's
// width filled. Both are named like the line they belong to; report.js
// leaves series whose id starts with "band" out of the tooltip. Periods
// without an interval (no statement) leave a gap.
func intervalBand(key, name, color string, lows, widths []any) []series {
	hidden := &lineStyle{Opacity: 0.001}
	return []series{
		{Type: "line", ID: "band-lo-" + key, Name: name, Data: lows, Stack: "band-" + key, StackStrategy: "all",
			Symbol: "none", Silent: true, LineStyle: hidden, Color: color, Z: 1},
		{Type: "line", ID: "band-" + key, Name: name, Data: widths, Stack: "band-" + key, StackStrategy: "all",
			Symbol: "none", Silent: true, LineStyle: hidden, Color: color, Z: 1,
			AreaStyle: &itemStyle{Color: color, Opacity: 0.14}},
	}
}

func knownPhrase(n int) string {
	if n == 0 {
		return "no period has any"
	}
	return "only 1 period has any"
}
