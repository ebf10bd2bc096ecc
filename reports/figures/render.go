package figures

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	pdf "codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// A PDF records when it was made; a figure records only what it shows, so
// that the same results give the same bytes. The catalogue is sorted for
// the same reason (its fonts and images would otherwise follow map order).
func init() {
	pdf.SetDefaultCreationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	pdf.SetDefaultModificationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	pdf.SetDefaultCatalogSort(true)
}

// Formats are the file formats every figure is written in, in order.
var Formats = []string{"svg", "png", "pdf"}

// Size is a figure's size on the page.
type Size struct {
	Name string // "slide", "column", or the WxH given
	W, H vg.Length
}

// The named sizes: a 16:9 slide (10 × 5.625 in, the size of PowerPoint's
// and Google Slides' widescreen page at 96 %, 1920 × 1080 px at 192 dpi) and
// one journal column (89 mm wide, the single-column width of Nature and
// close to Elsevier's 90 mm, 100 mm high).
var (
	SizeSlide  = Size{Name: "slide", W: 10 * vg.Inch, H: 5.625 * vg.Inch}
	SizeColumn = Size{Name: "column", W: 89 * vg.Millimeter, H: 100 * vg.Millimeter}
)

// ParseSize reads "slide", "column" or WxH with a unit (mm, cm, in, pt),
// given on each side or once at the end: "160x90mm", "6inx4in".
func ParseSize(s string) (Size, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "", "slide":
		return SizeSlide, nil
	case "column":
		return SizeColumn, nil
	}
	bad := fmt.Errorf("figure size %q: expected slide, column or WIDTHxHEIGHT with a unit (mm, cm, in or pt), such as 160x90mm or 6inx4in", s)
	w, h, ok := strings.Cut(s, "x")
	if !ok {
		return Size{}, bad
	}
	unit := func(v string) string {
		for _, u := range []string{"mm", "cm", "in", "pt"} {
			if strings.HasSuffix(v, u) {
				return u
			}
		}
		return ""
	}
	uh := unit(h)
	if uh == "" {
		return Size{}, bad
	}
	if unit(w) == "" {
		w += uh
	}
	parse := func(v string) (vg.Length, bool) {
		num := v[:len(v)-2]
		x, err := strconv.ParseFloat(num, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, false
		}
		l, err := font.ParseLength(v)
		return l, err == nil
	}
	wl, ok1 := parse(w)
	hl, ok2 := parse(h)
	if !ok1 || !ok2 {
		return Size{}, bad
	}
	// Below 2 in nothing readable fits; above 1 m a PNG would be
	// gigapixels.
	if wl < 2*vg.Inch || hl < 2*vg.Inch || wl > 1000*vg.Millimeter || hl > 1000*vg.Millimeter {
		return Size{}, fmt.Errorf("figure size %q: each side must be between 2 in (51 mm) and 1000 mm", s)
	}
	return Size{Name: s, W: wl, H: hl}, nil
}

// Options say how to draw the figures. The zero value draws slide-sized
// figures of the 30 busiest rows.
type Options struct {
	Size Size // zero: SizeSlide
	// DPI is the resolution of the PNG; 0 means 192 for a slide (1920 ×
	// 1080 px) and 300 for other sizes.
	DPI int
	// Top is how many rows (actors or groups, those with most statements)
	// the heatmaps, the dot plot and stance over time show, and how many
	// points the position map labels; 0 means 30.
	Top int
	// Formats are the formats a caller writes (of Formats); nil means all.
	// Build ignores it: it is for the writer of the files.
	Formats []string
}

func (o Options) withDefaults() Options {
	if o.Size.W == 0 {
		o.Size = SizeSlide
	}
	if o.DPI <= 0 {
		o.DPI = 300
		if o.Size.Name == SizeSlide.Name {
			o.DPI = 192
		}
	}
	if o.Top <= 0 {
		o.Top = 30
	}
	return o
}

// fontSize is the body text size for a figure: 12 pt on a slide, 7 pt in
// a journal column (the smallest most journals accept), in proportion to
// the width in between.
func (o Options) fontSize() vg.Length {
	return vg.Length(math.Round(max(7, min(14, o.Size.W.Points()/60))*2) / 2)
}

// Figure is one figure, ready to be written in any of Formats.
type Figure struct {
	Name  string // file name without extension: "stance-heatmap"
	Title string
	// Note says what the figure could not show and why; empty when it
	// shows everything it is about.
	Note string
	opt  Options
	draw func(dc draw.Canvas)
}

// Write writes the figure in a format of Formats.
func (f Figure) Write(w io.Writer, format string) error {
	size := f.opt.Size
	var c vg.CanvasWriterTo
	switch format {
	case "svg":
		c = vgsvg.NewWith(vgsvg.UseWH(size.W, size.H), vgsvg.EmbedFonts(true))
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(size.W, size.H), vgimg.UseDPI(f.opt.DPI), vgimg.UseBackgroundColor(color.White))}
	case "pdf":
		p := vgpdf.New(size.W, size.H)
		p.EmbedFonts(true)
		c = p
	default:
		return fmt.Errorf("figure format %q: expected one of %s", format, strings.Join(Formats, ", "))
	}
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	f.draw(dc)
	_, err := c.WriteTo(w)
	return err
}

// The one typeface: Liberation Sans, metric-compatible with Arial and
// Helvetica, shipped with gonum's plot and embedded in every file.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

var handler = text.Plain{Fonts: font.DefaultCache}

func textStyle(size vg.Length, c color.Color) text.Style {
	return text.Style{Color: c, Font: font.From(sans, size), Handler: handler}
}

// newPlot is a plot in the figures' typeface and sizes.
func (o Options) newPlot(title string) *plot.Plot {
	fs := o.fontSize()
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle = textStyle(fs*1.25, color.Black)
	p.Title.TextStyle.XAlign = draw.XCenter
	p.Title.TextStyle.YAlign = draw.YTop
	p.Title.Padding = fs / 2
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = font.From(sans, fs)
		ax.Label.Padding = fs / 3
		ax.Tick.Label.Font = font.From(sans, fs*0.9)
		ax.Tick.Length = fs / 3
		ax.Padding = fs / 4
	}
	p.Legend.TextStyle = textStyle(fs*0.9, color.Black)
	p.Legend.ThumbnailWidth = fs * 2
	return p
}

// printable returns s when every rune of it can be shown by the PDF fonts
// (Windows-1252, with U+2212 MINUS SIGN read as a hyphen), and fallback
// otherwise.
func printable(s, fallback string) string {
	s = strings.ReplaceAll(s, "\u2212", "-")
	for _, r := range s {
		if r < 0x20 {
			return fallback
		}
		if _, ok := charmap.Windows1252.EncodeRune(r); !ok {
			return fallback
		}
	}
	return s
}

// shorten cuts a label to at most n runes, marking the cut with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// signed formats a stance: "+1.25", "-0.50", "0.00".
func signed(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if v > 0 && s != strconv.FormatFloat(0, 'f', prec, 64) {
		return "+" + s
	}
	if strings.Trim(s, "-0.") == "" {
		return strconv.FormatFloat(0, 'f', prec, 64)
	}
	return s
}

// message draws a figure that says, in words, why there is nothing to
// draw.
func (o Options) message(title, msg string) func(dc draw.Canvas) {
	return func(dc draw.Canvas) {
		fs := o.fontSize()
		ts := textStyle(fs*1.25, color.Black)
		ts.XAlign = draw.XCenter
		ts.YAlign = draw.YTop
		dc.FillText(ts, vg.Point{X: dc.Center().X, Y: dc.Max.Y - fs}, title)
		ms := textStyle(fs, color.Gray{Y: 0x40})
		ms.XAlign = draw.XCenter
		ms.YAlign = draw.YCenter
		dc.FillText(ms, dc.Center(), wrap(msg, int(dc.Size().X.Points()/(fs.Points()*0.5))))
	}
}

// wrap breaks text into lines of at most width runes, at spaces.
func wrap(s string, width int) string {
	width = max(width, 20)
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// panelColumns is how many theme panels a row of a small-multiples figure
// holds: three on a slide, two in a column, never more than the themes.
func (o Options) panelColumns(themes int) int {
	cols := 3
	if o.Size.W < 6*vg.Inch {
		cols = 2
	}
	return min(cols, themes)
}

// themePanel is one theme's panel of a small-multiples figure: titled
// with the theme, its vertical axis the stance scale.
func (o Options) themePanel(theme string) *plot.Plot {
	p := o.newPlot("")
	p.Title.Text = theme
	p.Title.TextStyle.Font.Size = o.fontSize() * 0.9
	stanceAxis(&p.Y)
	return p
}
