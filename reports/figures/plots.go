package figures

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/stancemap/stancemap/analysis"
)

// painter is a plot.Plotter drawn by a function: the figures' marks are
// few and specific, and drawing them directly keeps every one in view.
type painter func(c draw.Canvas, p *plot.Plot)

func (f painter) Plot(c draw.Canvas, p *plot.Plot) { f(c, p) }

// header draws a figure's title and subtitle and returns the canvas
// below them.
func (o Options) header(dc draw.Canvas, title, subtitle string) draw.Canvas {
	fs := o.fontSize()
	top := dc.Max.Y - fs/2
	ts := textStyle(fs*1.25, color.Black)
	ts.XAlign, ts.YAlign = draw.XCenter, draw.YTop
	dc.FillText(ts, vg.Point{X: dc.Center().X, Y: top}, title)
	top -= ts.Height(title)
	if subtitle != "" {
		ss := textStyle(fs*0.85, color.Gray{Y: 0x40})
		ss.XAlign, ss.YAlign = draw.XCenter, draw.YTop
		s := wrap(subtitle, int(dc.Size().X.Points()/(fs.Points()*0.85*0.5)))
		dc.FillText(ss, vg.Point{X: dc.Center().X, Y: top}, s)
		top -= ss.Height(s)
	}
	out := dc
	out.Max.Y = top - fs/3
	out.Min.X += fs / 2
	out.Max.X -= fs / 2
	out.Min.Y += fs / 3
	return out
}

// key is one entry of a legend.
type key struct {
	label string
	color color.Color
	glyph draw.GlyphDrawer
	dash  []vg.Length
	line  bool
}

// legend draws entries in rows along the bottom of dc and returns the
// canvas above them.
func (o Options) legend(dc draw.Canvas, keys []key) draw.Canvas {
	if len(keys) == 0 {
		return dc
	}
	fs := o.fontSize()
	ts := textStyle(fs*0.85, color.Black)
	ts.YAlign = draw.YCenter
	thumb := fs * 2
	var rows [][]key
	var row []key
	x := vg.Length(0)
	width := dc.Max.X - dc.Min.X
	for _, k := range keys {
		w := thumb + fs/3 + ts.Width(k.label) + fs
		if len(row) > 0 && x+w > width {
			rows = append(rows, row)
			row, x = nil, 0
		}
		row = append(row, k)
		x += w
	}
	rows = append(rows, row)
	lineH := ts.Height("M") * 1.4
	y := dc.Min.Y + lineH*vg.Length(len(rows)) - lineH/2
	for _, r := range rows {
		x := dc.Min.X
		for _, k := range r {
			if k.line {
				dc.StrokeLine2(draw.LineStyle{Color: k.color, Width: fs / 8, Dashes: k.dash}, x, y, x+thumb, y)
			}
			if k.glyph != nil {
				dc.DrawGlyph(draw.GlyphStyle{Color: k.color, Radius: fs / 4, Shape: k.glyph}, vg.Point{X: x + thumb/2, Y: y})
			}
			dc.FillText(ts, vg.Point{X: x + thumb + fs/3, Y: y}, k.label)
			x += thumb + fs/3 + ts.Width(k.label) + fs
		}
		y -= lineH
	}
	out := dc
	out.Min.Y += lineH*vg.Length(len(rows)) + fs/3
	return out
}

// grid lays panels out in rows and columns, their data areas aligned.
func (o Options) grid(dc draw.Canvas, panels []*plot.Plot, cols int) {
	if len(panels) == 0 {
		return
	}
	rows := (len(panels) + cols - 1) / cols
	ps := make([][]*plot.Plot, rows)
	for r := range ps {
		ps[r] = make([]*plot.Plot, cols)
		for c := range cols {
			if k := r*cols + c; k < len(panels) {
				ps[r][c] = panels[k]
			}
		}
	}
	fs := o.fontSize()
	cs := plot.Align(ps, draw.Tiles{Rows: rows, Cols: cols, PadX: fs / 2, PadY: fs / 2}, dc)
	for r := range ps {
		for c := range ps[r] {
			if ps[r][c] != nil {
				ps[r][c].Draw(cs[r][c])
			}
		}
	}
}

func stanceAxis(ax *plot.Axis) {
	ax.Min, ax.Max = -2.3, 2.3
	var ts plot.ConstantTicks
	for _, t := range stanceTicks() {
		ts = append(ts, plot.Tick{Value: t, Label: signed(t, 0)})
	}
	ax.Tick.Marker = ts
}

// stanceDots is the scale dot plot: one panel per theme, each row's mean
// stance with its 95% interval and n.
func (v *view) stanceDots() Figure {
	title := "Mean stance with 95% intervals, theme by theme"
	rows := v.busiest(min(v.opt.Top, 40))
	if len(rows) == 0 || len(v.themes) == 0 {
		return Figure{Name: "stance-dots", Title: title, Note: "no statements", draw: v.opt.message(title, "No statements to draw.")}
	}
	m := v.overall
	o := v.opt
	fs := o.fontSize()
	sub := join(v.span(), "dot: weighted mean stance; bar: 95% bootstrap interval (none with one statement); n: statements; no dot: no statement", v.shown(len(rows)))
	draw1 := func(dc draw.Canvas) {
		dc = o.header(dc, title, sub)
		// The rows' labels once, on the left; one panel per theme, its
		// title above it, all panels the same height so that rows line up.
		lab := o.newPlot("").Y.Tick.Label
		if len(rows) > 20 {
			lab.Font.Size = max(4, min(fs*0.9, (dc.Max.Y-dc.Min.Y)/vg.Length(len(rows))*0.9))
		}
		labelW := vg.Length(0)
		for _, r := range rows {
			labelW = max(labelW, lab.Width(v.labels[r]))
		}
		pw := (dc.Max.X - dc.Min.X - labelW) / vg.Length(len(v.themes))
		ts := textStyle(fs*0.9, color.Black)
		ts.XAlign, ts.YAlign = draw.XCenter, draw.YTop
		titleH := vg.Length(0)
		titles := make([]string, len(v.themes))
		for t, theme := range v.themes {
			titles[t], _ = wrapTo(ts, theme, pw*0.95)
			titleH = max(titleH, ts.Height(titles[t]))
		}
		for t, theme := range v.themes {
			_ = theme
			p := o.newPlot("")
			stanceAxis(&p.X)
			p.Y.Min, p.Y.Max = -0.6, float64(len(rows))-0.4
			var yt plot.ConstantTicks
			for k, r := range rows {
				label := ""
				if t == 0 {
					label = v.labels[r]
				}
				yt = append(yt, plot.Tick{Value: float64(len(rows) - 1 - k), Label: label})
			}
			p.Y.Tick.Marker = yt
			p.Y.Tick.Label = lab
			p.X.Tick.Label.Font.Size = min(fs*0.9, pw/12)
			p.Add(painter(func(c draw.Canvas, p *plot.Plot) {
				xf, yf := p.Transforms(&c)
				zero := draw.LineStyle{Color: color.Gray{Y: 0xb0}, Width: 0.5, Dashes: []vg.Length{2, 2}}
				c.StrokeLine2(zero, xf(0), c.Min.Y, xf(0), c.Max.Y)
				grid := draw.LineStyle{Color: color.Gray{Y: 0xe8}, Width: 0.4}
				nt := textStyle(max(4, fs*0.6), color.Gray{Y: 0x30})
				nt.YAlign = draw.YCenter
				for k, r := range rows {
					y := yf(float64(len(rows) - 1 - k))
					c.StrokeLine2(grid, c.Min.X, y, c.Max.X, y)
					cell := m.Cells[r][t]
					if cell.N == 0 || math.IsNaN(cell.Mean) {
						continue
					}
					start, end := xf(cell.Mean), xf(cell.Mean)
					if !math.IsNaN(cell.CILow) && !math.IsNaN(cell.CIHigh) {
						bar := draw.LineStyle{Color: okabeIto[4], Width: max(0.8, fs/10)}
						c.StrokeLine2(bar, xf(cell.CILow), y, xf(cell.CIHigh), y)
						cap := fs / 5
						c.StrokeLine2(bar, xf(cell.CILow), y-cap, xf(cell.CILow), y+cap)
						c.StrokeLine2(bar, xf(cell.CIHigh), y-cap, xf(cell.CIHigh), y+cap)
						start, end = xf(cell.CILow), xf(cell.CIHigh)
					}
					c.DrawGlyph(draw.GlyphStyle{Color: color.Black, Radius: max(1.2, fs/5), Shape: draw.CircleGlyph{}}, vg.Point{X: xf(cell.Mean), Y: y})
					// n goes right of the mark, or left of it where the
					// panel ends.
					lbl := "n=" + strconv.Itoa(cell.N)
					at := nt
					x := end + fs/4
					if x+nt.Width(lbl) > c.Max.X {
						at.XAlign = draw.XRight
						x = start - fs/4
					}
					c.FillText(at, vg.Point{X: x, Y: y}, lbl)
				}
			}))
			pc := dc
			pc.Min.X = dc.Min.X + labelW + vg.Length(t)*pw
			pc.Max.X = pc.Min.X + pw
			if t == 0 {
				pc.Min.X = dc.Min.X
			}
			pc.Max.Y = dc.Max.Y - titleH - fs/4
			dc.FillText(ts, vg.Point{X: dc.Min.X + labelW + (vg.Length(t)+0.5)*pw, Y: dc.Max.Y}, titles[t])
			p.Draw(pc)
		}
	}
	return Figure{Name: "stance-dots", Title: title, draw: draw1}
}

// positionMap is the position map: rows placed by PCA or MDS, coloured and
// shaped by bloc, the busiest labelled; with PCA, the themes' loadings as
// arrows.
func (v *view) positionMap() Figure {
	pm := v.a.Map
	title := "Position map"
	if len(pm.Rows) == 0 || len(pm.Coords) == 0 {
		msg := "No position map: " + firstOf(v.a.MapError, "the analysis placed no "+strings.TrimSuffix(v.rowWord, "s")+".")
		return Figure{Name: "position-map", Title: title, Note: msg, draw: v.opt.message(title, msg)}
	}
	o := v.opt
	fs := o.fontSize()
	method := "principal components of the mean stances"
	xl, yl := "PC1", "PC2"
	if pm.Method == analysis.MapMDS {
		method = "classical multidimensional scaling of the " + strings.ToLower(metricName(pm.Metric)) + " distances"
		xl, yl = "dimension 1", "dimension 2"
	}
	if len(pm.Explained) > 1 {
		xl += fmt.Sprintf(" (%.0f%%)", 100*pm.Explained[0])
		yl += fmt.Sprintf(" (%.0f%%)", 100*pm.Explained[1])
	}
	byID := map[string]int{}
	for i, id := range v.overall.Rows {
		byID[id] = i
	}
	bloc := map[string]int{}
	if b := v.a.Blocs; b != nil {
		for i, id := range b.Dendrogram.Rows {
			if i < len(b.Labels) {
				bloc[id] = b.Labels[i]
			}
		}
	}
	labelled := map[int]bool{}
	for _, r := range v.busiest(o.Top) {
		labelled[r] = true
	}
	nLabelled := 0
	for _, id := range pm.Rows {
		if labelled[byID[id]] {
			nLabelled++
		}
	}
	notes := []string{method}
	if nLabelled < len(pm.Rows) {
		notes = append(notes, fmt.Sprintf("labels: the %d with most statements", nLabelled))
	}
	if nLabelled > 1 {
		notes = append(notes, "a label that would cover another is left out")
	}
	notes = append(notes, "no intervals: the analysis gives none for positions")
	if len(pm.Dropped) > 0 {
		notes = append(notes, fmt.Sprintf("%d not placed", len(pm.Dropped)))
	}
	sub := join(append([]string{v.span()}, notes...)...)
	draw1 := func(dc draw.Canvas) {
		dc = o.header(dc, title, sub)
		var keys []key
		if b := v.a.Blocs; b != nil {
			for k := 1; k <= b.K; k++ {
				c, g := category(k)
				keys = append(keys, key{label: "bloc " + strconv.Itoa(k), color: c, glyph: g})
			}
			keys = append(keys, key{label: "not in a bloc", color: unclustered, glyph: draw.RingGlyph{}})
		}
		if len(pm.Loadings) > 0 {
			keys = append(keys, key{label: "theme direction (loading)", color: color.Gray{Y: 0x80}, line: true})
		}
		dc = o.legend(dc, keys)
		p := o.newPlot("")
		p.X.Label.Text, p.Y.Label.Text = xl, yl
		lo, hi := [2]float64{math.Inf(1), math.Inf(1)}, [2]float64{math.Inf(-1), math.Inf(-1)}
		for _, c := range pm.Coords {
			for d := range 2 {
				lo[d], hi[d] = min(lo[d], c[d]), max(hi[d], c[d])
			}
		}
		reach := 0.0
		for _, c := range pm.Coords {
			reach = max(reach, math.Hypot(c[0], c[1]))
		}
		for _, l := range pm.Loadings {
			for d := range 2 {
				lo[d], hi[d] = min(lo[d], l[d]*reach*0.9), max(hi[d], l[d]*reach*0.9)
			}
		}
		// Room for the labels, which run to the right of their points.
		for d := range 2 {
			span := max(hi[d]-lo[d], 1e-9)
			lo[d] -= span * 0.06
			hi[d] += span * 0.06
		}
		hi[0] += (hi[0] - lo[0]) * 0.15
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = lo[0], hi[0], lo[1], hi[1]
		p.Add(painter(func(c draw.Canvas, p *plot.Plot) {
			xf, yf := p.Transforms(&c)
			axis := draw.LineStyle{Color: color.Gray{Y: 0xc8}, Width: 0.5, Dashes: []vg.Length{2, 2}}
			c.StrokeLine2(axis, xf(0), c.Min.Y, xf(0), c.Max.Y)
			c.StrokeLine2(axis, c.Min.X, yf(0), c.Max.X, yf(0))
			var boxes []vg.Rectangle
			if len(pm.Loadings) > 0 && reach > 0 {
				arrow := draw.LineStyle{Color: color.Gray{Y: 0x80}, Width: max(0.6, fs/12)}
				lt := textStyle(fs*0.75, color.Gray{Y: 0x50})
				lt.XAlign, lt.YAlign = draw.XCenter, draw.YCenter
				for t, l := range pm.Loadings {
					if t >= len(pm.Themes) {
						break
					}
					x, y := l[0]*reach*0.8, l[1]*reach*0.8
					c.StrokeLine2(arrow, xf(0), yf(0), xf(x), yf(y))
					c.DrawGlyph(draw.GlyphStyle{Color: arrow.Color, Radius: fs / 6, Shape: draw.CircleGlyph{}}, vg.Point{X: xf(x), Y: yf(y)})
					name := v.themeLabel(pm.Themes[t])
					w, h := lt.Width(name), lt.Height(name)
					at := vg.Point{X: xf(x) + vg.Length(math.Copysign(1, x))*(w/2+fs/4), Y: yf(y) + vg.Length(math.Copysign(1, y))*h/2}
					// Kept inside the frame.
					at.X = max(c.Min.X+w/2, min(c.Max.X-w/2, at.X))
					at.Y = max(c.Min.Y+h/2, min(c.Max.Y-h/2, at.Y))
					box := vg.Rectangle{Min: vg.Point{X: at.X - w/2, Y: at.Y - h/2}, Max: vg.Point{X: at.X + w/2, Y: at.Y + h/2}}
					if !overlaps(box, boxes) {
						boxes = append(boxes, box)
						c.FillText(lt, at, name)
					}
				}
			}
			lt := textStyle(fs*0.75, color.Black)
			lt.YAlign = draw.YCenter
			for i, id := range pm.Rows {
				col, g := category(bloc[id])
				if bloc[id] == 0 {
					col, g = unclustered, draw.RingGlyph{}
				}
				pt := vg.Point{X: xf(pm.Coords[i][0]), Y: yf(pm.Coords[i][1])}
				c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: fs / 3, Shape: g}, pt)
			}
			// Labels, busiest rows first, each where it overlaps no label
			// already placed: right of its point, else left of it.
			at := map[string]int{}
			for i, id := range pm.Rows {
				at[id] = i
			}
			for _, r := range v.busiest(len(v.overall.Rows)) {
				i, ok := at[v.overall.Rows[r]]
				if !ok || !labelled[r] {
					continue
				}
				pt := vg.Point{X: xf(pm.Coords[i][0]), Y: yf(pm.Coords[i][1])}
				w, h := lt.Width(v.labels[r]), lt.Height(v.labels[r])
				// Right of the point, left of it, above, below.
				spots := []vg.Point{
					{X: pt.X + fs/3, Y: pt.Y},
					{X: pt.X - fs/3 - w, Y: pt.Y},
					{X: pt.X - w/2, Y: pt.Y + fs/3 + h/2},
					{X: pt.X - w/2, Y: pt.Y - fs/3 - h/2},
				}
				for _, at := range spots {
					box := vg.Rectangle{Min: vg.Point{X: at.X, Y: at.Y - h/2}, Max: vg.Point{X: at.X + w, Y: at.Y + h/2}}
					if box.Min.X < c.Min.X || box.Max.X > c.Max.X || box.Min.Y < c.Min.Y || box.Max.Y > c.Max.Y || overlaps(box, boxes) {
						continue
					}
					boxes = append(boxes, box)
					c.FillText(lt, at, v.labels[r])
					break
				}
			}
		}))
		p.Draw(dc)
	}
	return Figure{Name: "position-map", Title: title, Note: "no intervals: the analysis gives none for positions", draw: draw1}
}

func (v *view) themeLabel(id string) string {
	for i, t := range v.overall.Themes {
		if t == id {
			return v.themes[i]
		}
	}
	return printable(id, "?")
}

func firstOf(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// stanceOverTime is one panel per theme: the mean stance of the busiest
// rows that speak in two periods or more, period by period, with 95%
// intervals and n.
func (v *view) stanceOverTime() Figure {
	title := "Stance over time"
	set := v.a.Periods
	if set == nil || len(set.Matrices) < 2 {
		msg := "Stance over time needs two periods or more; this analysis has " + strconv.Itoa(lenMatrices(set)) + " (choose --period year, or ranges)."
		return Figure{Name: "stance-over-time", Title: title, Note: msg, draw: v.opt.message(title, msg)}
	}
	o := v.opt
	fs := o.fontSize()
	// Rows of the period matrices, by id, and how many periods each speaks in.
	type cand struct{ row, overall, periods, n int }
	byID := map[string]int{}
	for i, id := range v.overall.Rows {
		byID[id] = i
	}
	var cands []cand
	for i, id := range set.Rows {
		c := cand{row: i, overall: byID[id]}
		for _, m := range set.Matrices {
			spoke := false
			for _, cell := range m.Cells[i] {
				c.n += cell.N
				spoke = spoke || cell.N > 0
			}
			if spoke {
				c.periods++
			}
		}
		if c.periods >= 2 {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		msg := "No " + strings.TrimSuffix(v.rowWord, "s") + " has statements in two periods or more."
		return Figure{Name: "stance-over-time", Title: title, Note: msg, draw: v.opt.message(title, msg)}
	}
	// The busiest candidates, at most six: more lines than that cannot be
	// told apart by shape, colour and dash.
	const most = 6
	keep := map[int]bool{}
	for range min(most, len(cands)) {
		best := -1
		for k, c := range cands {
			if keep[k] {
				continue
			}
			if best < 0 || c.n > cands[best].n || (c.n == cands[best].n && v.labels[c.overall] < v.labels[cands[best].overall]) {
				best = k
			}
		}
		keep[best] = true
	}
	var chosen []cand
	for k, c := range cands {
		if keep[k] {
			chosen = append(chosen, c)
		}
	}
	periods := make([]string, len(set.Matrices))
	for k, m := range set.Matrices {
		periods[k] = printable(m.Period.Label, strconv.Itoa(k+1))
	}
	sub := join(fmt.Sprintf("the %d %s with most statements among the %d that speak in two periods or more", len(chosen), v.rowWord, len(cands)),
		"points: weighted mean stance; bars: 95% bootstrap interval; numbers: n statements")
	draw1 := func(dc draw.Canvas) {
		dc = o.header(dc, title, sub)
		var keys []key
		for k, c := range chosen {
			col, g := category(k)
			keys = append(keys, key{label: v.labels[c.overall], color: col, glyph: g, dash: dash(k, fs/8), line: true})
		}
		dc = o.legend(dc, keys)
		cols := o.panelColumns(len(v.themes))
		var panels []*plot.Plot
		for t, theme := range v.themes {
			p := o.themePanel(theme)
			p.X.Min, p.X.Max = -0.5, float64(len(periods))-0.5
			var xt plot.ConstantTicks
			for k, l := range periods {
				xt = append(xt, plot.Tick{Value: float64(k), Label: l})
			}
			p.X.Tick.Marker = xt
			p.X.Tick.Label.Font.Size = fs * 0.75
			if len(periods) > 4 {
				p.X.Tick.Label.Rotation = math.Pi / 6
				p.X.Tick.Label.XAlign = draw.XRight
			}
			p.Add(painter(func(c draw.Canvas, p *plot.Plot) {
				xf, yf := p.Transforms(&c)
				zero := draw.LineStyle{Color: color.Gray{Y: 0xc8}, Width: 0.5, Dashes: []vg.Length{2, 2}}
				c.StrokeLine2(zero, c.Min.X, yf(0), c.Max.X, yf(0))
				nt := textStyle(max(4, fs*0.55), color.Gray{Y: 0x30})
				nt.YAlign = draw.YBottom
				for k, ch := range chosen {
					col, g := category(k)
					dodge := (float64(k) - float64(len(chosen)-1)/2) * 0.08
					ls := draw.LineStyle{Color: col, Width: fs / 8, Dashes: dash(k, fs/8)}
					bar := draw.LineStyle{Color: col, Width: max(0.5, fs/14)}
					var line []vg.Point
					flush := func() {
						if len(line) > 1 {
							c.StrokeLines(ls, line)
						}
						line = nil
					}
					for pk, m := range set.Matrices {
						cell := m.Cells[ch.row][t]
						if cell.N == 0 || math.IsNaN(cell.Mean) {
							flush()
							continue
						}
						x := xf(float64(pk) + dodge)
						pt := vg.Point{X: x, Y: yf(cell.Mean)}
						line = append(line, pt)
						if !math.IsNaN(cell.CILow) && !math.IsNaN(cell.CIHigh) {
							c.StrokeLine2(bar, x, yf(cell.CILow), x, yf(cell.CIHigh))
						}
						c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: fs / 5, Shape: g}, pt)
						c.FillText(nt, vg.Point{X: x + fs/6, Y: pt.Y + fs/8}, strconv.Itoa(cell.N))
					}
					flush()
				}
			}))
			panels = append(panels, p)
		}
		o.grid(dc, panels, cols)
	}
	return Figure{Name: "stance-over-time", Title: title, draw: draw1}
}

func lenMatrices(s *analysis.MatrixSet) int {
	if s == nil {
		return 0
	}
	return len(s.Matrices)
}

// convergence is the mean distance between rows, period by period, with
// the number of comparable pairs behind each mean.
func (v *view) convergence() Figure {
	cv := v.a.Convergence
	title := "Convergence: mean distance between " + v.rowWord
	have := 0
	for _, pt := range cv.Points {
		if !math.IsNaN(pt.MeanDistance) {
			have++
		}
	}
	if have == 0 {
		msg := "No period has two " + v.rowWord + " that can be compared (they must share at least " + strconv.Itoa(max(1, cv.MinOverlap)) + " themes)."
		if len(cv.Points) < 2 {
			msg = "Convergence needs two periods or more; this analysis has " + strconv.Itoa(len(cv.Points)) + " (choose --period year, or ranges)."
		}
		return Figure{Name: "convergence", Title: title, Note: msg, draw: v.opt.message(title, msg)}
	}
	o := v.opt
	fs := o.fontSize()
	trend := cv.Trend
	if !math.IsNaN(cv.Slope) {
		trend += fmt.Sprintf(" (least-squares slope %s per period)", signed(cv.Slope, 3))
	}
	sub := join(fmt.Sprintf("%s distance over shared themes (at least %d)", metricName(cv.Metric), cv.MinOverlap),
		"trend: "+trend, "numbers: mean, comparable pairs / "+v.rowWord+" in them", "none: no comparable pair", "no interval: the analysis gives none for the mean distance")
	draw1 := func(dc draw.Canvas) {
		dc = o.header(dc, title, sub)
		p := o.newPlot("")
		p.Y.Label.Text = "mean distance"
		p.X.Label.Text = "period"
		p.X.Min, p.X.Max = -0.5, float64(len(cv.Points))-0.5
		var xt plot.ConstantTicks
		hi := 0.0
		for k, pt := range cv.Points {
			xt = append(xt, plot.Tick{Value: float64(k), Label: printable(pt.Period, strconv.Itoa(k+1))})
			if !math.IsNaN(pt.MeanDistance) {
				hi = max(hi, pt.MeanDistance)
			}
		}
		p.X.Tick.Marker = xt
		p.Y.Min, p.Y.Max = 0, max(hi*1.2, 0.1)
		p.Add(painter(func(c draw.Canvas, p *plot.Plot) {
			xf, yf := p.Transforms(&c)
			ls := draw.LineStyle{Color: okabeIto[4], Width: fs / 7}
			nt := textStyle(fs*0.75, color.Gray{Y: 0x30})
			nt.XAlign, nt.YAlign = draw.XCenter, draw.YBottom
			var line []vg.Point
			for k, pt := range cv.Points {
				if math.IsNaN(pt.MeanDistance) {
					if len(line) > 1 {
						c.StrokeLines(ls, line)
					}
					line = nil
					xt := textStyle(fs*0.75, color.Gray{Y: 0x60})
					xt.XAlign, xt.YAlign = draw.XCenter, draw.YBottom
					c.FillText(xt, vg.Point{X: xf(float64(k)), Y: yf(0) + fs/3}, "none")
					continue
				}
				line = append(line, vg.Point{X: xf(float64(k)), Y: yf(pt.MeanDistance)})
			}
			if len(line) > 1 {
				c.StrokeLines(ls, line)
			}
			for k, pt := range cv.Points {
				if math.IsNaN(pt.MeanDistance) {
					continue
				}
				q := vg.Point{X: xf(float64(k)), Y: yf(pt.MeanDistance)}
				c.DrawGlyph(draw.GlyphStyle{Color: okabeIto[4], Radius: fs / 3.5, Shape: draw.CircleGlyph{}}, q)
				c.FillText(nt, vg.Point{X: q.X, Y: q.Y + fs/2}, fmt.Sprintf("%.2f\n%s / %d", pt.MeanDistance, plural(pt.Pairs, "pair"), pt.Rows))
			}
		}))
		p.Draw(dc)
	}
	return Figure{Name: "convergence", Title: title, Note: "no interval: the analysis gives none for the mean distance", draw: draw1}
}

// dendrogram is the average-linkage tree, leaves down the left, the cut
// into blocs marked.
func (v *view) dendrogram() Figure {
	title := "Dendrogram: average-linkage clustering of " + v.rowWord
	b := v.a.Blocs
	if b == nil || len(b.Dendrogram.Merges) == 0 {
		msg := "No dendrogram: " + firstOf(v.a.BlocsError, "fewer than two "+v.rowWord+" can be compared.")
		return Figure{Name: "dendrogram", Title: title, Note: msg, draw: v.opt.message(title, msg)}
	}
	o := v.opt
	fs := o.fontSize()
	t := b.Dendrogram
	n := len(t.Rows)
	leaves := t.OrderedLeaves()
	byID := map[string]int{}
	for i, id := range v.overall.Rows {
		byID[id] = i
	}
	thin := thinRows(v.a)
	label := func(id string) string {
		l := printable(id, "?")
		if r, ok := byID[id]; ok {
			l = v.labels[r]
		}
		if thin[id] {
			l += " †"
		}
		return l
	}
	ypos := make([]float64, n+len(t.Merges))
	for k, leaf := range leaves {
		ypos[leaf] = float64(n - 1 - k)
	}
	height := make([]float64, n+len(t.Merges))
	for s, m := range t.Merges {
		ypos[n+s] = (ypos[m.A] + ypos[m.B]) / 2
		height[n+s] = m.Height
	}
	top := t.Merges[len(t.Merges)-1].Height
	cut := math.NaN()
	if b.K >= 2 && n-b.K-1 >= 0 && n-b.K < len(t.Merges) {
		cut = (t.Merges[n-b.K-1].Height + t.Merges[n-b.K].Height) / 2
	}
	sub := join(fmt.Sprintf("%s distance; height: mean distance between the merged clusters", metricName(v.a.Distances.Metric)))
	if !math.IsNaN(cut) {
		sub = join(sub, fmt.Sprintf("dashed line: the cut into %d blocs (mean silhouette %.2f)", b.K, b.Silhouette))
	}
	if len(b.Dropped) > 0 {
		sub = join(sub, fmt.Sprintf("%d %s left out: not comparable with every other", len(b.Dropped), v.rowWord))
	}
	if k := countThin(t.Rows, thin); k > 0 {
		sub = join(sub, thinNote(k, v.a.Evidence.Options.MinActorStatements))
	}
	labels := make([]int, n)
	for i := range n {
		if i < len(b.Labels) {
			labels[i] = b.Labels[i]
		}
	}
	draw1 := func(dc draw.Canvas) {
		dc = o.header(dc, title, sub)
		var keys []key
		for k := 1; k <= b.K; k++ {
			c, g := category(k)
			keys = append(keys, key{label: "bloc " + strconv.Itoa(k), color: c, glyph: g})
		}
		dc = o.legend(dc, keys)
		p := o.newPlot("")
		p.X.Label.Text = "distance at merge"
		p.X.Min, p.X.Max = 0, max(top*1.05, 1e-9)
		p.Y.Min, p.Y.Max = -0.7, float64(n)-0.3
		var yt plot.ConstantTicks
		for k, leaf := range leaves {
			yt = append(yt, plot.Tick{Value: float64(n - 1 - k), Label: label(t.Rows[leaf])})
		}
		p.Y.Tick.Marker = yt
		avail := dc.Max.Y - dc.Min.Y
		if n > 0 {
			p.Y.Tick.Label.Font.Size = max(4, min(fs*0.9, avail/vg.Length(n)*0.85))
		}
		p.Add(painter(func(c draw.Canvas, p *plot.Plot) {
			xf, yf := p.Transforms(&c)
			ls := draw.LineStyle{Color: color.Black, Width: max(0.6, fs/12)}
			for s, m := range t.Merges {
				h := xf(m.Height)
				ya, yb := yf(ypos[m.A]), yf(ypos[m.B])
				c.StrokeLines(ls, []vg.Point{{X: xf(height[m.A]), Y: ya}, {X: h, Y: ya}, {X: h, Y: yb}, {X: xf(height[m.B]), Y: yb}})
				_ = s
			}
			if !math.IsNaN(cut) {
				cl := draw.LineStyle{Color: okabeIto[5], Width: max(0.6, fs/10), Dashes: []vg.Length{fs / 3, fs / 4}}
				c.StrokeLine2(cl, xf(cut), c.Min.Y, xf(cut), c.Max.Y)
			}
			r := max(1, min(fs/4, (c.Max.Y-c.Min.Y)/vg.Length(n)*0.35))
			for i := range n {
				col, g := category(labels[i])
				c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: r, Shape: g}, vg.Point{X: xf(0), Y: yf(ypos[i])})
			}
		}))
		p.Draw(dc)
	}
	return Figure{Name: "dendrogram", Title: title, draw: draw1}
}

// unclustered marks rows outside every bloc: grey rings, behind the blocs.
var unclustered = rgb(0x88, 0x88, 0x88)

func overlaps(r vg.Rectangle, placed []vg.Rectangle) bool {
	for _, q := range placed {
		if r.Min.X < q.Max.X && q.Min.X < r.Max.X && r.Min.Y < q.Max.Y && q.Min.Y < r.Max.Y {
			return true
		}
	}
	return false
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
