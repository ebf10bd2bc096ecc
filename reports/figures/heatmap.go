package figures

import (
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// heatmap is a rows × columns grid of coloured cells that carry their
// numbers, with a colour bar; a cell with no value is hatched and says so.
type heatmap struct {
	title, subtitle string
	rows, cols      []string
	// cell returns a cell's value and the lines written in it; ok is false
	// for an empty cell.
	cell      func(i, j int) (v float64, lines []string, ok bool)
	empty     string // written in an empty cell: "none"
	emptyKey  string // the legend of an empty cell: "no statement"
	scale     ramp
	lo, hi    float64
	ticks     []float64
	tickLabel func(float64) string
	scaleName string // the colour bar's title
	diagonal  bool   // a square matrix: the diagonal is drawn as empty, without text
	// framed, when set, picks the cells drawn with a black frame.
	framed func(i, j int) bool
}

var (
	emptyFill = rgb(0xf2, 0xf2, 0xf2)
	hatchInk  = rgb(0x99, 0x99, 0x99)
	gridInk   = color.White
)

func (h heatmap) draw(o Options) func(dc draw.Canvas) {
	return func(dc draw.Canvas) {
		fs := o.fontSize()
		pad := fs
		top := dc.Max.Y - pad/2
		title := textStyle(fs*1.25, color.Black)
		title.XAlign, title.YAlign = draw.XCenter, draw.YTop
		dc.FillText(title, vg.Point{X: dc.Center().X, Y: top}, h.title)
		top -= title.Height(h.title)
		if h.subtitle != "" {
			sub := textStyle(fs*0.85, color.Gray{Y: 0x40})
			sub.XAlign, sub.YAlign = draw.XCenter, draw.YTop
			s := wrap(h.subtitle, int(dc.Size().X.Points()/(fs.Points()*0.85*0.5)))
			dc.FillText(sub, vg.Point{X: dc.Center().X, Y: top}, s)
			top -= sub.Height(s)
		}
		top -= pad / 2

		label := textStyle(fs*0.9, color.Black)
		// Row labels take at most 30% of the width; longer ones are cut.
		rows := make([]string, len(h.rows))
		rowW := vg.Length(0)
		for i, r := range h.rows {
			rows[i] = cutTo(label, r, dc.Size().X*0.3)
			rowW = max(rowW, label.Width(rows[i]))
		}
		// The colour bar and its key on the right.
		tick := textStyle(fs*0.85, color.Black)
		keyW := vg.Length(0)
		for _, t := range h.ticks {
			keyW = max(keyW, tick.Width(h.tickLabel(t)))
		}
		barW := fs
		keyText := wrap(h.scaleName, 14)
		emptyText := wrap(h.empty+": "+h.emptyKey, 14)
		keyW = max(barW+fs/3+keyW, tick.Width(keyText), barW+fs/3+tick.Width(emptyText))
		left := dc.Min.X + pad/2 + rowW + fs/3
		right := dc.Max.X - pad/2 - keyW - pad
		gridW := right - left
		cellW := gridW / vg.Length(max(1, len(h.cols)))

		// Column labels below the grid: straight, wrapped to the cell's
		// width, when every word fits; at 45° otherwise.
		// A word wider than the cell first shrinks the column labels, down
		// to 5 pt.
		colLines := make([]string, len(h.cols))
		rotate := false
		for {
			rotate = false
			for j, c := range h.cols {
				var ok bool
				colLines[j], ok = wrapTo(label, c, cellW*0.95)
				rotate = rotate || !ok
			}
			if !rotate || label.Font.Size <= 5 {
				break
			}
			label.Font.Size = max(5, label.Font.Size-0.5)
		}
		var colH vg.Length
		if rotate {
			colLines = h.cols
			w := vg.Length(0)
			for _, c := range h.cols {
				w = max(w, label.Width(c))
			}
			colH = w*vg.Length(math.Sqrt2/2) + label.Height("M")
		} else {
			for _, c := range colLines {
				colH = max(colH, label.Height(c))
			}
		}
		bottom := dc.Min.Y + pad/2 + colH + fs/3
		gridH := top - bottom
		cellH := gridH / vg.Length(max(1, len(h.rows)))
		// Rows thinner than their labels would overlap: draw only the
		// labels that fit.
		if cellH < label.Height("M") && len(h.rows) > 0 {
			label.Font.Size = max(4, cellH*0.85)
		}

		// Cell text shrinks with the rows, down to 4.5 pt, so that a tall
		// heatmap still carries its numbers.
		cellText := textStyle(max(4.5, min(fs*0.85, cellH/1.3)), color.Black)
		cellText.XAlign, cellText.YAlign = draw.XCenter, draw.YCenter
		for i := range h.rows {
			y1 := top - vg.Length(i)*cellH
			y0 := y1 - cellH
			rl := label
			rl.XAlign, rl.YAlign = draw.XRight, draw.YCenter
			dc.FillText(rl, vg.Point{X: left - fs/3, Y: (y0 + y1) / 2}, rows[i])
			for j := range h.cols {
				x0 := left + vg.Length(j)*cellW
				r := vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x0 + cellW, Y: y1}}
				v, lines, ok := h.cell(i, j)
				if h.diagonal && i == j {
					dc.FillPolygon(emptyFill, corners(r))
					continue
				}
				if !ok {
					hatch(dc, r, fs/2)
					if len(lines) == 0 {
						lines = []string{h.empty}
					}
					cellText.Color = color.Gray{Y: 0x50}
				} else {
					bg := h.scale.at((v - h.lo) / (h.hi - h.lo))
					dc.FillPolygon(bg, corners(r))
					cellText.Color = ink(bg)
				}
				if st, txt := fit(cellText, lines, cellW*0.95, cellH); txt != "" {
					dc.FillText(st, vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: (y0 + y1) / 2}, txt)
				}
				if h.framed != nil && h.framed(i, j) {
					w := max(0.75, fs/10)
					fr := vg.Rectangle{Min: vg.Point{X: r.Min.X + w/2, Y: r.Min.Y + w/2}, Max: vg.Point{X: r.Max.X - w/2, Y: r.Max.Y - w/2}}
					dc.StrokeLines(draw.LineStyle{Color: color.Black, Width: w}, append(corners(fr), fr.Min))
				}
			}
		}
		// Thin white lines between cells, when cells are large enough for
		// them to help.
		if cellH > fs/2 && cellW > fs/2 {
			ls := draw.LineStyle{Color: gridInk, Width: max(0.5, fs/16)}
			for i := 0; i <= len(h.rows); i++ {
				y := top - vg.Length(i)*cellH
				dc.StrokeLine2(ls, left, y, right, y)
			}
			for j := 0; j <= len(h.cols); j++ {
				x := left + vg.Length(j)*cellW
				dc.StrokeLine2(ls, x, bottom, x, top)
			}
		}
		for j := range h.cols {
			x := left + (vg.Length(j)+0.5)*cellW
			cl := label
			if rotate {
				cl.Rotation = math.Pi / 4
				cl.XAlign, cl.YAlign = draw.XRight, draw.YCenter
				dc.FillText(cl, vg.Point{X: x, Y: bottom - fs/3}, colLines[j])
			} else {
				cl.XAlign, cl.YAlign = draw.XCenter, draw.YTop
				dc.FillText(cl, vg.Point{X: x, Y: bottom - fs/4}, colLines[j])
			}
		}

		// The colour bar.
		kx := right + pad
		kt := textStyle(fs*0.85, color.Black)
		kt.YAlign = draw.YTop
		dc.FillText(kt, vg.Point{X: kx, Y: top}, keyText)
		barTop := top - kt.Height(keyText) - fs/2
		barH := min(gridH*0.6, fs*10)
		steps := 64
		for s := range steps {
			y0 := barTop - barH*vg.Length(s+1)/vg.Length(steps)
			y1 := barTop - barH*vg.Length(s)/vg.Length(steps)
			t := 1 - (float64(s)+0.5)/float64(steps)
			dc.FillPolygon(h.scale.at(t), corners(vg.Rectangle{Min: vg.Point{X: kx, Y: y0}, Max: vg.Point{X: kx + barW, Y: y1 + 0.01}}))
		}
		tl := kt
		tl.YAlign = draw.YCenter
		ls := draw.LineStyle{Color: color.Black, Width: 0.5}
		for _, t := range h.ticks {
			y := barTop - barH*vg.Length((h.hi-t)/(h.hi-h.lo))
			dc.StrokeLine2(ls, kx+barW, y, kx+barW+fs/4, y)
			dc.FillText(tl, vg.Point{X: kx + barW + fs/3, Y: y}, h.tickLabel(t))
		}
		if h.emptyKey != "" {
			y := barTop - barH - fs*1.5
			r := vg.Rectangle{Min: vg.Point{X: kx, Y: y - fs}, Max: vg.Point{X: kx + barW, Y: y}}
			hatch(dc, r, fs/2)
			et := kt
			et.YAlign = draw.YTop
			dc.FillText(et, vg.Point{X: kx + barW + fs/3, Y: y}, emptyText)
		}
	}
}

func widest(s text.Style, lines []string) vg.Length {
	w := vg.Length(0)
	for _, l := range lines {
		w = max(w, s.Width(l))
	}
	return w
}

func corners(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
}

// hatch fills a rectangle light grey with diagonal lines: the mark of an
// empty cell, which no value of any colour scale looks like, in colour or
// in greyscale.
func hatch(dc draw.Canvas, r vg.Rectangle, step vg.Length) {
	dc.FillPolygon(emptyFill, corners(r))
	cc := dc
	cc.Rectangle = r
	ls := draw.LineStyle{Color: hatchInk, Width: max(0.4, step/8)}
	w, h := r.Max.X-r.Min.X, r.Max.Y-r.Min.Y
	var lines [][]vg.Point
	for d := -h; d < w; d += step {
		lines = append(lines, []vg.Point{{X: r.Min.X + d, Y: r.Min.Y}, {X: r.Min.X + d + h, Y: r.Max.Y}})
	}
	cc.StrokeLines(ls, cc.ClipLinesXY(lines...)...)
}

// fit returns the most of a cell's lines that fit in w × h: all of them
// stacked, fewer stacked, the first two on one line ("+1.25 n=4"), or the
// first alone; "" when not even that fits.
func fit(s text.Style, lines []string, w, h vg.Length) (text.Style, string) {
	// Try smaller type, down to 5 pt, before giving up a line.
	for size := s.Font.Size; ; size -= 0.5 {
		t := s
		t.Font.Size = max(5, size)
		if txt := fitAt(t, lines, w, h, 2); txt != "" {
			return t, txt
		}
		if size <= 5 {
			break
		}
	}
	return s, fitAt(s, lines, w, h, 1)
}

// fitAt is fit at one type size, keeping at least min lines' worth of
// information.
func fitAt(s text.Style, lines []string, w, h vg.Length, min int) string {
	if len(lines) < min {
		min = len(lines)
	}
	lineH := s.Height("M")
	for k := len(lines); k >= 2; k-- {
		if vg.Length(k)*lineH <= h && widest(s, lines[:k]) <= w {
			return strings.Join(lines[:k], "\n")
		}
	}
	if len(lines) >= 2 {
		one := lines[0] + " " + lines[1]
		if lineH <= h && s.Width(one) <= w {
			return one
		}
	}
	if min <= 1 && len(lines) >= 1 && lineH <= h && s.Width(lines[0]) <= w {
		return lines[0]
	}
	return ""
}

// cutTo shortens a label until it is no wider than w.
func cutTo(s text.Style, str string, w vg.Length) string {
	for n := len([]rune(str)); n > 4 && s.Width(str) > w; n-- {
		str = shorten(str, n-1)
	}
	return str
}

// wrapTo breaks s into lines no wider than w, at spaces; ok is false when
// a single word is wider.
func wrapTo(s text.Style, str string, w vg.Length) (string, bool) {
	var lines []string
	line := ""
	ok := true
	for _, word := range strings.Fields(str) {
		if s.Width(word) > w {
			ok = false
		}
		if line != "" && s.Width(line+" "+word) > w {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"), ok
}
