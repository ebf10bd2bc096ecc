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
