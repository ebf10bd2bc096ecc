package html

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/stancemap/stancemap/analysis"
)

// networkChart is the agreement network, force-directed from a circle
// (so the start does not depend on chance), nodes coloured by Louvain
// community; only the strongest ties are drawn when there are many.
func (v *view) networkChart(r *report) *chartSpec {
	nw := v.a.Network
	if v.a.NetworkError != "" && len(nw.Rows) == 0 {
		r.NetworkMsg = v.a.NetworkError
		return nil
	}
	if len(nw.Rows) < 2 {
		r.NetworkMsg = "the agreement network needs at least two actors"
		return nil
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
	// A summarised report draws the most active rows and the ties among
	// them (and every theme of a two-mode network).
	keep := make([]bool, len(nodes))
	for k := range keep {
		keep[k] = !v.crowd || k >= len(nw.Rows)
	}
	if v.crowd {
		for k, i := range order {
			if k == shownRows {
				break
			}
			keep[i] = true
		}
	}
	at := make([]int, len(nodes)) // node → index in the chart, -1 when left out
	kept := nodes[:0:0]
	for i, nd := range nodes {
		at[i] = -1
		if keep[i] {
			at[i] = len(kept)
			kept = append(kept, nd)
		}
	}
	rowsShown := len(kept) - (len(nodes) - len(nw.Rows))
	nodes = kept
	topFreq := 0.0
	for _, nd := range nodes {
		topFreq = max(topFreq, nd.freq)
	}
	// Crowded networks get smaller nodes.
	lo, span := 6.0, 22.0
	if len(nodes) > 60 {
		lo, span = 4, 10
	}
	var nodeData []graphNode
	for _, nd := range nodes {
		size := lo + span/2
		if topFreq > 0 {
			size = lo + span*math.Sqrt(max(nd.freq, 0)/topFreq)
		}
		nodeData = append(nodeData, graphNode{Name: nd.name, Value: num(nd.freq), Category: nd.cat,
			SymbolSize: round(size, 1), Label: shown{Show: nd.isTop}})
	}
	// Ties: the strongest agreements, and conflicts (negative ties) apart.
	col := map[string]int{}
	for i, id := range nw.Rows {
		if at[i] >= 0 {
			col[id] = at[i]
		}
	}
	if twoMode {
		for j, id := range nw.Cols {
			col["\x00theme:"+id] = at[len(nw.Rows)+j]
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
	var links []graphLink
	total := 0
	for _, e := range edges {
		if !finite(e.Weight) || e.Weight == 0 {
			continue
		}
		s, ok1 := col[e.Row]
		tkey := e.Col
		if twoMode {
			tkey = "\x00theme:" + e.Col
		}
		t, ok2 := col[tkey]
		if !ok1 || !ok2 {
			continue
		}
		total++
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
		ls := lineStyle{Width: round(w, 1), Opacity: opacity, Curveness: ptr(0.0)}
		if conflict {
			ls.Color, ls.Type = "#c0392b", "dashed"
		}
		links = append(links, graphLink{Source: s, Target: t, Value: num(e.Weight), LineStyle: ls, Conflict: conflict})
	}
	r.NetworkHasConflict = neg > 0
	r.NetworkConflicts = nw.Options.Qualifier == analysis.QualifierConflict
	// A summarised report's sentence names the actors drawn, then the ties.
	lead, among := "The chart draws ", ""
	if v.crowd && rowsShown < len(nw.Rows) {
		lead = fmt.Sprintf("The chart draws the %d most active of the network's %s %ss and ", rowsShown, thousands(len(nw.Rows)), r.RowWord)
		among = " among them"
		r.NetworkShown = lead + "every tie among them."
	}
	switch {
	case pos+neg == total:
	case neg == 0:
		r.NetworkShown = lead + fmt.Sprintf("the %d strongest of %d ties%s.", pos, total, among)
	default:
		r.NetworkShown = lead + fmt.Sprintf("the %d strongest agreement ties and the %d strongest conflicts, of %d ties%s.", pos, neg, total, among)
	}
	var cats []category
	switch {
	case twoMode:
		cats = []category{{Name: "actors", ItemStyle: itemStyle{Color: palette[0]}}, {Name: "themes", ItemStyle: itemStyle{Color: palette[1]}}}
	case ncomm == 0:
		cats = []category{{Name: "actors", ItemStyle: itemStyle{Color: palette[0]}}}
	default:
		for k := 1; k <= ncomm; k++ {
			cats = append(cats, category{Name: fmt.Sprintf("community %d", k), ItemStyle: itemStyle{Color: colorOf(k)}})
		}
	}
	legendData := make([]string, len(cats))
	for i, c := range cats {
		legendData[i] = c.Name
	}
	repulsion, edgeLen := 450, [2]int{60, 200}
	if len(nodes) > 60 {
		repulsion, edgeLen = 40, [2]int{20, 80}
	}
	o := option{
		Legend:  &legend{Show: true, Type: "scroll", Top: "0", Data: legendData},
		Tooltip: &tooltip{Show: true},
		Series: []series{{Type: "graph", Name: "agreement", Layout: "force", Roam: true, Draggable: true, Top: 50, Bottom: 20,
			Data: nodeData, Links: nonNil(links), Categories: cats,
			Force: &force{InitLayout: "circular", Repulsion: repulsion, Gravity: 0.1, EdgeLength: edgeLen,
				LayoutAnimation: false, Friction: 0.6},
			Label:       &label{Position: "right", FontSize: 11, Formatter: "{b}"},
			LabelLayout: &labelLayout{HideOverlap: true},
			Emphasis:    &emphasis{Focus: "adjacency", Label: &shown{Show: true}, LineStyle: &lineStyle{Width: 4}}}},
	}
	return &chartSpec{ID: "chart-network", Kind: "network", Height: 600, Option: o}
}
