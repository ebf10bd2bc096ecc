package html

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/stancemap/stancemap/analysis"
)

// twoPeriodView is the section "Two periods side by side": a change
// heatmap, a slope chart per theme and the cells that moved.
type twoPeriodView struct {
	From, To string
	Summary  string // the verdicts counted, in a sentence
	Msg      string // why there is no comparison
	Heat     *chartSpec
	Slope    *chartSpec
	Themes   []choice
	Moved    []twoPeriodRow
	More     int // moved cells beyond the table
	// MinStatements is --min-statements, which a side needs for a verdict.
	MinStatements int
}

// twoPeriodRow is one cell of the table of moved cells.
type twoPeriodRow struct {
	Row, Theme, A, NA, B, NB, Change, Interval string
}

// maxSlopeLines is the most rows a slope chart draws for one theme.
const maxSlopeLines = 40

// Verdict codes in the charts' data, for report.js.
var verdictCode = map[string]int{analysis.VerdictMoved: 2, analysis.VerdictStayed: 1, analysis.VerdictCannotTell: 0}

// twoPeriods builds the section, and returns its charts for the page.
func (v *view) twoPeriods(r *report) []*chartSpec {
	pc := v.a.PeriodChange
	if pc == nil {
		r.TwoPeriods.Msg = cmp.Or(v.a.PeriodChangeError, "The two periods were not compared (evolution was skipped).")
		return nil
	}
	tv := &r.TwoPeriods
	tv.From, tv.To, tv.MinStatements = pc.From, pc.To, pc.MinStatements
	thin := 0
	for _, c := range pc.Cells {
		if c.Thin {
			thin++
		}
	}
	tv.Summary = fmt.Sprintf("%s on %d themes: %d moved, %d stayed (within ±%s), %d cannot tell (%d with fewer than %d statements on a side).",
		plural(len(pc.Rows), r.RowWord, r.RowWord+"s"), len(pc.Themes),
		pc.Moved, pc.Stayed, strconv.FormatFloat(pc.Margin, 'f', -1, 64), pc.CannotTell, thin, pc.MinStatements)

	rowAt := map[string]int{} // PeriodChange row → display position
	var ys []string
	both := map[string]bool{} // rows with a theme on both sides
	for _, c := range pc.Cells {
		if c.A.N > 0 && c.B.N > 0 {
			both[c.Row] = true
		}
	}
	// A summarised report draws the heatmap's rows among the most active
	// only (the slope charts and the table of moves are capped already).
	for _, i := range v.order {
		if both[v.rows[i].id] && v.isShown(i) {
			rowAt[v.rows[i].id] = len(ys)
			ys = append(ys, v.rows[i].label)
		}
	}
	thAt := map[string]int{}
	for t, th := range v.overall.Themes {
		thAt[th] = t
	}
	if v.crowd {
		tv.Summary += fmt.Sprintf(" The heatmap shows those among the %d most active %s; the slope charts and the table of moves take every %s.", len(v.shown), r.RowWord+"s", r.RowWord)
	}
	var specs []*chartSpec
	if len(ys) == 0 && v.crowd {
		tv.Msg = fmt.Sprintf("None of the %d most active %s spoke on the same theme in both %s and %s.", len(v.shown), r.RowWord+"s", pc.From, pc.To)
		return nil
	} else if len(ys) == 0 {
		tv.Msg = fmt.Sprintf("No %s spoke on the same theme in both %s and %s.", r.RowWord, pc.From, pc.To)
		return nil
	}
	// The heatmap: told cells coloured by their change (series 0), the
	// others grey (series 1), every cell labelled with its change and n.
	o := heatBase("change", v.themes, ys)
	// Blank where a side has no statement, grey where they cannot tell.
	o.Grid.BackgroundColor = "#ffffff"
	var told, untold []any
	for _, c := range pc.Cells {
		p, ok1 := rowAt[c.Row]
		t, ok2 := thAt[c.Theme]
		if !ok1 || !ok2 || c.A.N == 0 || c.B.N == 0 || !finite(c.Change) {
			continue
		}
		d := []any{t, p, num(c.Change), num(c.A.Mean), c.A.N, num(c.B.Mean), c.B.N, num(c.Low), num(c.High), verdictCode[c.Verdict], c.Thin}
		if c.Verdict == analysis.VerdictCannotTell {
			untold = append(untold, d)
			continue
		}
		item := map[string]any{"value": d}
		if c.Verdict == analysis.VerdictMoved {
			item["itemStyle"] = itemStyle{BorderColor: "#111111", BorderWidth: ptr(2)}
		}
		told = append(told, item)
	}
	o.Series[0].Data = nonNil(told)
	o.Series[0].Label = cellLabel()
	grey := o.Series[0]
	grey.Name = "cannot tell"
	grey.Data = nonNil(untold)
	grey.ItemStyle = &itemStyle{Color: "#dcdcdc", BorderColor: "#ffffff", BorderWidth: ptr(1)}
	grey.Label = &label{Show: ptr(true), FontSize: 10, LineHeight: 12, Color: "#6e6e6e"}
	o.Series = append(o.Series, grey)
	vm := heatScale(-4, 4, 180, stanceColors, "+4 towards support", "−4 towards opposition")
	vm.SeriesIndex = ptr(0)
	o.VisualMap = []visualMap{vm}
	tv.Heat = &chartSpec{ID: "chart-twoheat", Kind: "twoheat", Height: heatHeight(len(ys)), Option: o,
		Extra: map[string]string{"from": pc.From, "to": pc.To}}
	specs = append(specs, tv.Heat)

	// The slope charts: one option per theme, a line per row from its
	// mean in A to its mean in B.
	byTheme := map[string][]analysis.ChangeCell{}
	for _, c := range pc.Cells {
		if c.A.N > 0 && c.B.N > 0 && finite(c.Change) {
			byTheme[c.Theme] = append(byTheme[c.Theme], c)
		}
	}
	var variants []option
	def, best := -1, -1
	for t, th := range v.overall.Themes {
		cs := slices.Clone(byTheme[th])
		// The rows with most statements in both, when there are too many
		// lines to follow.
		slices.SortStableFunc(cs, func(x, y analysis.ChangeCell) int {
			return cmp.Or(cmp.Compare(verdictCode[y.Verdict]/2, verdictCode[x.Verdict]/2),
				cmp.Compare(min(y.A.N, y.B.N), min(x.A.N, x.B.N)), cmp.Compare(rowAt[x.Row], rowAt[y.Row]))
		})
		drawn := cs[:min(len(cs), maxSlopeLines)]
		slices.SortStableFunc(drawn, func(x, y analysis.ChangeCell) int { return cmp.Compare(rowAt[x.Row], rowAt[y.Row]) })
		sub := ""
		if len(cs) > len(drawn) {
			sub = fmt.Sprintf("the %d with most statements in both, of %d", len(drawn), len(cs))
		}
		so := option{
			Grid:    &grid{Left: 60, Right: 150, Top: 30, Bottom: 30},
			Legend:  &legend{Show: false},
			Tooltip: &tooltip{Show: true},
			XAxis:   []axis{{Type: "category", Data: []string{pc.From, pc.To}, BoundaryGap: ptr(false), Name: sub, NameLocation: "middle", NameGap: 22}},
			YAxis: []axis{{Type: "value", Min: ptr(-2.0), Max: ptr(2.0), Interval: 1,
				Name: "mean stance", NameLocation: "middle", NameGap: 34}},
		}
		for _, c := range drawn {
			name := c.Row
			if j, ok := v.byRow[c.Row]; ok {
				name = v.rows[j].label
			}
			color, width, style := "#9e9e9e", 1.0, "solid"
			switch {
			case c.Verdict == analysis.VerdictMoved && c.Change > 0:
				color, width = "#2166ac", 3
			case c.Verdict == analysis.VerdictMoved:
				color, width = "#b2182b", 3
			case c.Verdict == analysis.VerdictStayed:
				color, width = "#4d4d4d", 2
			}
			if c.Thin {
				style = "dotted"
			}
			// Both points carry the cell, for the tooltip.
			point := func(mean float64, n int) map[string]any {
				return map[string]any{"value": num(mean), "n": n, "symbolSize": min(4+int(math.Round(3*math.Sqrt(float64(n)))), 16),
					"change": num(c.Change), "low": num(c.Low), "high": num(c.High), "verdict": c.Verdict, "thin": c.Thin,
					"na": c.A.N, "nb": c.B.N, "a": num(c.A.Mean), "b": num(c.B.Mean)}
			}
			pa, pb := point(c.A.Mean, c.A.N), point(c.B.Mean, c.B.N)
			s := series{Type: "line", Name: name, Color: color, LineStyle: &lineStyle{Width: width, Type: style},
				Data:     []any{pa, pb},
				Emphasis: &emphasis{Focus: "series"}}
			if c.Verdict == analysis.VerdictMoved {
				// The rows that moved are named at the end of their line.
				s.Label = &label{Show: ptr(true), Position: "right", Formatter: "{a}", FontSize: 11, Color: color}
				pa["label"] = shown{Show: false}
			}
			so.Series = append(so.Series, s)
		}
		so.Series = nonNil(so.Series)
		if score := len(cs); len(cs) > 0 && score > best {
			def, best = t, score
		}
		variants = append(variants, so)
	}
	if def >= 0 {
		// The selector offers the themes with a line to draw.
		for t, th := range v.overall.Themes {
			if len(byTheme[th]) > 0 {
				tv.Themes = append(tv.Themes, choice{Value: t, Label: v.themes[t], Selected: t == def})
			}
		}
		tv.Slope = &chartSpec{ID: "chart-slope", Kind: "slope", Height: 420, Option: variants[def], Variants: variants}
		specs = append(specs, tv.Slope)
	}

	var moved []analysis.ChangeCell
	for _, c := range pc.Cells {
		if c.Verdict == analysis.VerdictMoved {
			moved = append(moved, c)
		}
	}
	slices.SortStableFunc(moved, func(x, y analysis.ChangeCell) int { return cmp.Compare(math.Abs(y.Change), math.Abs(x.Change)) })
	for _, c := range moved[:min(len(moved), 30)] {
		label := c.Row
		if j, ok := v.byRow[c.Row]; ok {
			label = v.rows[j].label
		}
		tv.Moved = append(tv.Moved, twoPeriodRow{Row: label, Theme: v.themeLabel(c.Theme), A: fmtSigned(c.A.Mean), NA: strconv.Itoa(c.A.N),
			B: fmtSigned(c.B.Mean), NB: strconv.Itoa(c.B.N), Change: fmtSigned(c.Change), Interval: fmtSigned(c.Low) + " to " + fmtSigned(c.High)})
	}
	tv.More = len(moved) - len(tv.Moved)
	return specs
}

// thinRows are the rows with fewer statements than the findings need
// (--min-actor-statements): the dendrogram marks their leaves with †.
func (v *view) thinRows() map[string]bool {
	out := map[string]bool{}
	for _, t := range v.a.Evidence.Thin {
		out[t.Row] = true
	}
	return out
}
