package figures

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/stancemap/stancemap/analysis"
)

// rdBu is ColorBrewer's 7-class diverging RdBu (Brewer, colorbrewer2.org),
// red for a fall, blue for a rise: the HTML report's change heatmap uses
// the same.
var rdBu = ramp{
	rgb(0xb2, 0x18, 0x2b), rgb(0xd6, 0x60, 0x4d), rgb(0xf4, 0xa5, 0x82), rgb(0xf7, 0xf7, 0xf7),
	rgb(0x92, 0xc5, 0xde), rgb(0x43, 0x93, 0xc3), rgb(0x21, 0x66, 0xac),
}

// twoPeriodRows are the rows of the comparison with a theme spoken on in
// both periods, the busiest first, at most top, in display order; and
// the analysis's cells by row id and theme.
func (v *view) twoPeriodRows(pc *analysis.PeriodChange) ([]int, map[[2]string]analysis.ChangeCell, string) {
	cells := map[[2]string]analysis.ChangeCell{}
	both := map[string]bool{}
	for _, c := range pc.Cells {
		cells[[2]string{c.Row, c.Theme}] = c
		if c.A.N > 0 && c.B.N > 0 {
			both[c.Row] = true
		}
	}
	var idx []int
	for _, i := range v.busiest(len(v.overall.Rows)) {
		if both[v.overall.Rows[i]] {
			idx = append(idx, i)
		}
	}
	shown := fmt.Sprintf("the %d %s that spoke on a theme in both periods", len(idx), v.rowWord)
	if len(idx) > v.opt.Top {
		shown = fmt.Sprintf("the %d with most statements of the %d %s that spoke on a theme in both periods", v.opt.Top, len(idx), v.rowWord)
		idx = idx[:v.opt.Top]
	}
	pos := map[int]int{}
	for k, i := range v.order {
		pos[i] = k
	}
	slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(pos[x], pos[y]) })
	return idx, cells, shown
}

func (v *view) twoPeriodMissing(name, title string) (Figure, bool) {
	pc := v.a.PeriodChange
	if pc == nil {
		msg := "Two periods were not compared: " + cmp.Or(v.a.PeriodChangeError, "evolution was not computed") + "."
		return Figure{Name: name, Title: title, Note: msg, draw: v.opt.message(title, msg)}, true
	}
	if rows, _, _ := v.twoPeriodRows(pc); len(rows) == 0 {
		msg := fmt.Sprintf("No %s spoke on the same theme in both %s and %s.", strings.TrimSuffix(v.rowWord, "s"), pc.From, pc.To)
		return Figure{Name: name, Title: title, Note: msg, draw: v.opt.message(title, msg)}, true
	}
	return Figure{}, false
}

// changeHeatmap is the change of each row's mean stance on each theme
// from period A to period B, its n on both sides and its verdict; cells
// whose change cannot be told are hatched.
func (v *view) changeHeatmap() Figure {
	title := "Change in mean stance between two periods"
	if f, missing := v.twoPeriodMissing("change-heatmap", title); missing {
		return f
	}
	pc := v.a.PeriodChange
	title = fmt.Sprintf("Change in mean stance, %s to %s", printable(pc.From, "A"), printable(pc.To, "B"))
	rows, cells, shown := v.twoPeriodRows(pc)
	h := heatmap{
		title: title,
		subtitle: join(fmt.Sprintf("cells: change (%s mean − %s mean), n in each period, verdict from the 95%% interval: framed, moved (the interval leaves out 0); coloured, stayed (within ±%s); hatched: cannot tell, or fewer than %d statements on a side",
			printable(pc.To, "B"), printable(pc.From, "A"), strconv.FormatFloat(pc.Margin, 'f', -1, 64), pc.MinStatements),
			fmt.Sprintf("%d moved, %d stayed, %d cannot tell", pc.Moved, pc.Stayed, pc.CannotTell), shown),
		rows: v.rowLabels(rows),
		cols: v.themes,
		cell: func(i, j int) (float64, []string, bool) {
			c, ok := cells[[2]string{v.overall.Rows[rows[i]], v.overall.Themes[j]}]
			if !ok || c.A.N == 0 || c.B.N == 0 || math.IsNaN(c.Change) {
				return 0, nil, false
			}
			lines := []string{signed(c.Change, 2), "n " + strconv.Itoa(c.A.N) + "→" + strconv.Itoa(c.B.N)}
			if c.Verdict == analysis.VerdictCannotTell {
				return 0, lines, false
			}
			return c.Change, lines, true
		},
		framed: func(i, j int) bool {
			c := cells[[2]string{v.overall.Rows[rows[i]], v.overall.Themes[j]}]
			return c.Verdict == analysis.VerdictMoved
		},
		empty: "–", emptyKey: "no statement in a period; hatched with numbers: cannot tell",
		scale: rdBu, lo: -4, hi: 4, ticks: []float64{-4, -2, 0, 2, 4},
		tickLabel: func(t float64) string { return signed(t, 0) },
		scaleName: "change in stance",
	}
	return Figure{Name: "change-heatmap", Title: title, draw: h.draw(v.opt)}
}

// slope is one panel per theme: each row a line from its mean stance in
// period A to that in period B, thick and coloured where it moved, dark
// where it stayed, thin and grey where its statements cannot tell, dotted
// with too few statements; n at both ends of the lines told.
func (v *view) slope() Figure {
	title := "Positions in two periods"
	if f, missing := v.twoPeriodMissing("slope", title); missing {
		return f
	}
	pc := v.a.PeriodChange
	from, to := printable(pc.From, "A"), printable(pc.To, "B")
	title = fmt.Sprintf("Positions in %s and %s", from, to)
	rows, cells, shown := v.twoPeriodRows(pc)
	o := v.opt
	fs := o.fontSize()
	sub := join(fmt.Sprintf("each line: one %s's mean stance in %s and in %s; numbers: n statements", strings.TrimSuffix(v.rowWord, "s"), from, to),
		shown)
	up, down, stay, untold := rgb(0x21, 0x66, 0xac), rgb(0xb2, 0x18, 0x2b), rgb(0x4d, 0x4d, 0x4d), rgb(0xb0, 0xb0, 0xb0)
	draw1 := func(dc draw.Canvas) {
		dc = o.header(dc, title, sub)
		dc = o.legend(dc, []key{
			{label: "moved up", color: up, line: true}, {label: "moved down", color: down, line: true},
			{label: "stayed (within ±" + strconv.FormatFloat(pc.Margin, 'f', -1, 64) + ")", color: stay, line: true},
			{label: "cannot tell", color: untold, line: true},
			{label: "fewer than " + strconv.Itoa(pc.MinStatements) + " statements on a side", color: untold, line: true, dash: []vg.Length{fs / 8, fs / 5}},
		})
		cols := o.panelColumns(len(v.themes))
		var panels []*plot.Plot
		for t, theme := range v.themes {
			p := o.themePanel(theme)
			p.X.Min, p.X.Max = -0.25, 1.6
			p.X.Tick.Marker = plot.ConstantTicks{{Value: 0, Label: from}, {Value: 1, Label: to}}
			p.X.Tick.Label.Font.Size = fs * 0.75
			var cs []analysis.ChangeCell
			for _, i := range rows {
				if c, ok := cells[[2]string{v.overall.Rows[i], v.overall.Themes[t]}]; ok && c.A.N > 0 && c.B.N > 0 && !math.IsNaN(c.Change) {
					cs = append(cs, c)
				}
			}
			// The lines told are drawn last, over the grey ones.
			slices.SortStableFunc(cs, func(x, y analysis.ChangeCell) int {
				rank := map[string]int{analysis.VerdictCannotTell: 0, analysis.VerdictStayed: 1, analysis.VerdictMoved: 2}
				return cmp.Compare(rank[x.Verdict], rank[y.Verdict])
			})
			label := map[string]string{}
			for _, i := range rows {
				label[v.overall.Rows[i]] = v.labels[i]
			}
			p.Add(painter(func(c draw.Canvas, p *plot.Plot) {
				xf, yf := p.Transforms(&c)
				zero := draw.LineStyle{Color: color.Gray{Y: 0xc8}, Width: 0.5, Dashes: []vg.Length{2, 2}}
				c.StrokeLine2(zero, c.Min.X, yf(0), c.Max.X, yf(0))
				nt := textStyle(max(4, fs*0.55), color.Gray{Y: 0x30})
				nt.YAlign = draw.YCenter
				name := textStyle(max(4, fs*0.6), color.Black)
				name.YAlign = draw.YCenter
				for _, ch := range cs {
					col, width := untold, fs/16
					switch {
					case ch.Verdict == analysis.VerdictMoved && ch.Change > 0:
						col, width = up, fs/6
					case ch.Verdict == analysis.VerdictMoved:
						col, width = down, fs/6
					case ch.Verdict == analysis.VerdictStayed:
						col, width = stay, fs/9
					}
					ls := draw.LineStyle{Color: col, Width: width}
					if ch.Thin {
						ls.Dashes = []vg.Length{fs / 8, fs / 5}
					}
					a := vg.Point{X: xf(0), Y: yf(ch.A.Mean)}
					b := vg.Point{X: xf(1), Y: yf(ch.B.Mean)}
					c.StrokeLine2(ls, a.X, a.Y, b.X, b.Y)
					g := draw.GlyphStyle{Color: col, Radius: max(fs/10, width), Shape: draw.CircleGlyph{}}
					c.DrawGlyph(g, a)
					c.DrawGlyph(g, b)
					if ch.Verdict == analysis.VerdictCannotTell {
						continue
					}
					ln := nt
					ln.XAlign = draw.XRight
					c.FillText(ln, vg.Point{X: a.X - fs/4, Y: a.Y}, strconv.Itoa(ch.A.N))
					c.FillText(nt, vg.Point{X: b.X + fs/4, Y: b.Y}, strconv.Itoa(ch.B.N))
					if ch.Verdict == analysis.VerdictMoved {
						name.Color = col
						c.FillText(name, vg.Point{X: b.X + fs*1.1, Y: b.Y}, label[ch.Row])
					}
				}
			}))
			panels = append(panels, p)
		}
		o.grid(dc, panels, cols)
	}
	return Figure{Name: "slope", Title: title, draw: draw1}
}
