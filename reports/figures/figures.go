package figures

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// Names are the figures Build makes, in order; each is written as
// NAME.svg, NAME.png and NAME.pdf.
var Names = []string{
	"stance-heatmap", "salience-heatmap", "stance-dots", "position-map",
	"stance-over-time", "convergence", "dendrogram", "distances",
	"change-heatmap", "slope",
}

// Build makes every figure of Names from an analysis of the corpus c. A
// figure whose measure the analysis could not compute (a position map of
// one actor, evolution over a single period) says so on the figure and in
// its Note.
func Build(a *analysis.Analysis, c *data.Corpus, opt Options) ([]Figure, error) {
	if a == nil || a.Overall == nil || len(a.Overall.Matrices) == 0 {
		return nil, fmt.Errorf("figures: no analysis to draw")
	}
	opt = opt.withDefaults()
	v := newView(a, c, opt)
	out := []Figure{
		v.stanceHeatmap(), v.salienceHeatmap(), v.stanceDots(), v.positionMap(),
		v.stanceOverTime(), v.convergence(), v.dendrogram(), v.distances(),
		v.changeHeatmap(), v.slope(),
	}
	for i := range out {
		out[i].opt = opt
	}
	return out, nil
}

// view is what every figure needs: the rows and themes with their labels,
// in display order.
type view struct {
	a       *analysis.Analysis
	c       *data.Corpus
	opt     Options
	overall analysis.Matrix
	labels  []string // per overall row
	n       []int    // statements per overall row
	order   []int    // overall rows: the dendrogram's leaves first, then the rest by label
	themes  []string // per theme
	rowWord string   // "actors", or "groups"
}

func newView(a *analysis.Analysis, c *data.Corpus, opt Options) *view {
	v := &view{a: a, c: c, opt: opt, overall: a.Overall.Matrices[0], rowWord: "actors"}
	if a.Overall.GroupBy != analysis.ByActor {
		v.rowWord = "groups"
	}
	m := v.overall
	seen := map[string]int{}
	for i, id := range m.Rows {
		label := id
		if a.Overall.GroupBy == analysis.ByActor && c != nil && c.Actors != nil {
			if act, ok := c.Actors.Get(id); ok && strings.TrimSpace(act.Name) != "" {
				label = act.Name
			}
		}
		label = shorten(printable(label, id), 28)
		v.labels = append(v.labels, label)
		seen[label]++
		n := 0
		for _, cell := range m.Cells[i] {
			n += cell.N
		}
		v.n = append(v.n, n)
	}
	for i := range v.labels {
		if seen[v.labels[i]] > 1 {
			v.labels[i] = shorten(v.labels[i], 20) + " [" + printable(m.Rows[i], "?") + "]"
		}
	}
	byRow := map[string]int{}
	for i, id := range m.Rows {
		byRow[id] = i
	}
	placed := make([]bool, len(m.Rows))
	if b := a.Blocs; b != nil {
		for _, leaf := range b.Dendrogram.OrderedLeaves() {
			if j, ok := byRow[b.Dendrogram.Rows[leaf]]; ok && !placed[j] {
				v.order = append(v.order, j)
				placed[j] = true
			}
		}
	}
	var rest []int
	for i := range m.Rows {
		if !placed[i] {
			rest = append(rest, i)
		}
	}
	slices.SortStableFunc(rest, func(x, y int) int { return strings.Compare(v.labels[x], v.labels[y]) })
	v.order = append(v.order, rest...)
	tseen := map[string]int{}
	for _, id := range m.Themes {
		label := id
		if c != nil && c.Codebook != nil {
			if t, ok := c.Codebook.Theme(id); ok && strings.TrimSpace(t.Label) != "" {
				label = t.Label
			}
		}
		label = shorten(printable(label, id), 48)
		tseen[label]++
		v.themes = append(v.themes, label)
	}
	for i, id := range m.Themes {
		if tseen[v.themes[i]] > 1 {
			v.themes[i] += " [" + printable(id, "?") + "]"
		}
	}
	return v
}

// busiest returns the rows with most statements (ties by label), at most
// k of them, in display order.
func (v *view) busiest(k int) []int {
	idx := slices.Clone(v.order)
	slices.SortStableFunc(idx, func(x, y int) int {
		if c := cmp.Compare(v.n[y], v.n[x]); c != 0 {
			return c
		}
		return strings.Compare(v.labels[x], v.labels[y])
	})
	if len(idx) > k {
		idx = idx[:k]
	}
	keep := map[int]bool{}
	for _, i := range idx {
		keep[i] = true
	}
	var out []int
	for _, i := range v.order {
		if keep[i] {
			out = append(out, i)
		}
	}
	return out
}

// shown says which rows a figure shows, when not all of them.
func (v *view) shown(rows int) string {
	total := len(v.overall.Rows)
	if rows >= total {
		return ""
	}
	return fmt.Sprintf("the %d %s with most statements, of %d", rows, v.rowWord, total)
}

func (v *view) rowLabels(idx []int) []string {
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = v.labels[i]
	}
	return out
}

func join(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "; ")
}

func stanceTicks() []float64 { return []float64{-2, -1, 0, 1, 2} }

func (v *view) stanceHeatmap() Figure {
	title := "Mean stance by " + strings.TrimSuffix(v.rowWord, "s") + " and theme"
	rows := v.busiest(v.opt.Top)
	if len(rows) == 0 {
		return Figure{Name: "stance-heatmap", Title: title, Note: "no statements", draw: v.opt.message(title, "No statements to draw.")}
	}
	m := v.overall
	h := heatmap{
		title:    title,
		subtitle: join(v.span(), "cells: weighted mean stance (-2 to +2), n statements, 95% bootstrap interval where it fits", v.shown(len(rows))),
		rows:     v.rowLabels(rows),
		cols:     v.themes,
		cell: func(i, j int) (float64, []string, bool) {
			c := m.Cells[rows[i]][j]
			if c.N == 0 {
				return 0, nil, false
			}
			if math.IsNaN(c.Mean) {
				return 0, []string{"weight 0", "n=" + strconv.Itoa(c.N)}, false
			}
			lines := []string{signed(c.Mean, 2), "n=" + strconv.Itoa(c.N)}
			if !math.IsNaN(c.CILow) && !math.IsNaN(c.CIHigh) {
				lines = append(lines, "["+signed(c.CILow, 1)+", "+signed(c.CIHigh, 1)+"]")
			}
			return c.Mean, lines, true
		},
		empty: "none", emptyKey: "no statement",
		scale: cividis, lo: -2, hi: 2, ticks: stanceTicks(),
		tickLabel: func(t float64) string { return signed(t, 0) },
		scaleName: "stance: -2 opposes, +2 supports the theme",
	}
	return Figure{Name: "stance-heatmap", Title: title, draw: h.draw(v.opt)}
}

func (v *view) salienceHeatmap() Figure {
	title := "Salience: share of each " + strings.TrimSuffix(v.rowWord, "s") + "'s statements by theme"
	rows := v.busiest(v.opt.Top)
	if len(rows) == 0 {
		return Figure{Name: "salience-heatmap", Title: title, Note: "no statements", draw: v.opt.message(title, "No statements to draw.")}
	}
	m := v.overall
	h := heatmap{
		title:    title,
		subtitle: join(v.span(), "cells: share of the row's statement weight on the theme, n statements", v.shown(len(rows))),
		rows:     v.rowLabels(rows),
		cols:     v.themes,
		cell: func(i, j int) (float64, []string, bool) {
			c := m.Cells[rows[i]][j]
			if math.IsNaN(c.Salience) {
				return 0, nil, false
			}
			return c.Salience, []string{strconv.FormatFloat(100*c.Salience, 'f', 0, 64) + "%", "n=" + strconv.Itoa(c.N)}, true
		},
		empty: "none", emptyKey: "no statement on any theme",
		scale: blues, lo: 0, hi: 1, ticks: []float64{0, 0.25, 0.5, 0.75, 1},
		tickLabel: func(t float64) string { return strconv.FormatFloat(100*t, 'f', 0, 64) + "%" },
		scaleName: "share of statements",
	}
	return Figure{Name: "salience-heatmap", Title: title, draw: h.draw(v.opt)}
}

func (v *view) distances() Figure {
	d := v.a.Distances
	title := "Distances between " + v.rowWord
	if len(d.Rows) < 2 {
		msg := "Fewer than two " + v.rowWord + ": no distance to draw."
		return Figure{Name: "distances", Title: title, Note: msg, draw: v.opt.message(title, msg)}
	}
	byID := map[string]int{}
	for i, id := range d.Rows {
		byID[id] = i
	}
	rows := v.busiest(v.opt.Top)
	var idx []int // indices into d.Rows
	var labels []string
	for _, r := range rows {
		if j, ok := byID[v.overall.Rows[r]]; ok {
			idx = append(idx, j)
			labels = append(labels, v.labels[r])
		}
	}
	hi := 0.0
	for _, i := range idx {
		for _, j := range idx {
			if x := d.D[i][j]; !math.IsNaN(x) && !math.IsInf(x, 0) {
				hi = max(hi, x)
			}
		}
	}
	ticks := niceTicks(0, hi)
	if hi == 0 {
		hi = 1
		ticks = []float64{0}
	} else {
		hi = max(hi, ticks[len(ticks)-1])
	}
	order := "rows in the dendrogram's order, so that blocs sit together"
	if v.a.Blocs == nil {
		order = ""
	}
	h := heatmap{
		title: title,
		subtitle: join(fmt.Sprintf("%s distance over the themes both share (at least %d)", metricName(d.Metric), d.MinOverlap),
			order, v.shown(len(idx))),
		rows: labels,
		cols: labels,
		cell: func(i, j int) (float64, []string, bool) {
			x := d.D[idx[i]][idx[j]]
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return 0, nil, false
			}
			return x, []string{strconv.FormatFloat(x, 'f', 2, 64)}, true
		},
		empty: "n/c", emptyKey: fmt.Sprintf("not comparable: fewer than %d shared themes, or the metric is undefined", d.MinOverlap),
		scale: oranges, lo: 0, hi: hi, ticks: ticks,
		tickLabel: func(t float64) string { return strconv.FormatFloat(t, 'f', -1, 64) },
		scaleName: "distance",
		diagonal:  true,
	}
	return Figure{Name: "distances", Title: title, draw: h.draw(v.opt)}
}

func metricName(m analysis.Metric) string {
	switch m {
	case analysis.MetricCosine:
		return "Cosine"
	case analysis.MetricPearson:
		return "Pearson (1 - r)"
	}
	return "Euclidean"
}

// span says what the whole-span matrix covers.
func (v *view) span() string {
	s := v.a.Summary
	if s.From.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d statements, %s to %s", s.Statements, s.From, s.To)
}

// niceTicks returns 3 to 6 round ticks from lo to at least hi.
func niceTicks(lo, hi float64) []float64 {
	if !(hi > lo) {
		return []float64{lo}
	}
	raw := (hi - lo) / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*mag >= raw {
			step = f * mag
			break
		}
	}
	var out []float64
	for t := lo; t < hi+step*0.999; t += step {
		out = append(out, math.Round(t/step)*step)
	}
	return out
}
