package html

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

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
