package figures

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ramp is a colour scale: stops evenly spaced over [0, 1], interpolated
// linearly in sRGB between them.
type ramp []color.RGBA

// at returns the colour at t in [0, 1] (clamped).
func (r ramp) at(t float64) color.RGBA {
	if math.IsNaN(t) {
		t = 0
	}
	t = max(0, min(1, t))
	x := t * float64(len(r)-1)
	i := int(math.Floor(x))
	if i >= len(r)-1 {
		return r[len(r)-1]
	}
	f := x - float64(i)
	a, b := r[i], r[i+1]
	mix := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + f*(float64(q)-float64(p)))) }
	return color.RGBA{R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B), A: 255}
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{R: r, G: g, B: b, A: 255} }

// cividis, from dark blue through grey to yellow, with lightness rising
// steadily: readable with any colour-vision deficiency and in greyscale
// (Nuñez, Anderton & Renslow 2018). Every second stop of the 18 that
// plotly.js tabulates (src/components/colorscale/scales.js), and its last.
var cividis = ramp{
	rgb(0, 32, 76), rgb(0, 52, 110), rgb(60, 74, 107), rgb(91, 95, 109), rgb(117, 117, 117),
	rgb(146, 140, 120), rgb(176, 165, 114), rgb(209, 191, 102), rgb(243, 219, 79), rgb(255, 233, 69),
}

// blues is ColorBrewer's 9-class sequential Blues (Brewer, colorbrewer2.org).
var blues = ramp{
	rgb(0xf7, 0xfb, 0xff), rgb(0xde, 0xeb, 0xf7), rgb(0xc6, 0xdb, 0xef), rgb(0x9e, 0xca, 0xe1), rgb(0x6b, 0xae, 0xd6),
	rgb(0x42, 0x92, 0xc6), rgb(0x21, 0x71, 0xb5), rgb(0x08, 0x51, 0x9c), rgb(0x08, 0x30, 0x6b),
}

// oranges is ColorBrewer's 9-class sequential Oranges.
var oranges = ramp{
	rgb(0xff, 0xf5, 0xeb), rgb(0xfe, 0xe6, 0xce), rgb(0xfd, 0xd0, 0xa2), rgb(0xfd, 0xae, 0x6b), rgb(0xfd, 0x8d, 0x3c),
	rgb(0xf1, 0x69, 0x13), rgb(0xd9, 0x48, 0x01), rgb(0xa6, 0x36, 0x03), rgb(0x7f, 0x27, 0x04),
}

// okabeIto is the Okabe–Ito palette for categories, black first, yellow
// last (it is the lightest on white paper).
var okabeIto = []color.RGBA{
	rgb(0, 0, 0), rgb(0xe6, 0x9f, 0x00), rgb(0x56, 0xb4, 0xe9), rgb(0x00, 0x9e, 0x73),
	rgb(0x00, 0x72, 0xb2), rgb(0xd5, 0x5e, 0x00), rgb(0xcc, 0x79, 0xa7), rgb(0xf0, 0xe4, 0x42),
}

// glyphs give each category a shape as well as a colour; the ring comes
// last, as the position map gives it to rows outside every bloc.
var glyphs = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.BoxGlyph{},
	draw.PyramidGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{}, draw.RingGlyph{},
}

// dashes give each line a pattern as well as a colour (in units of the
// line width's multiple given to dash).
var dashes = [][]float64{nil, {6, 3}, {2, 2}, {8, 3, 2, 3}, {4, 4}, {1, 3}, {10, 4}, {6, 2, 2, 2, 2, 2}}

func dash(k int, unit vg.Length) []vg.Length {
	d := dashes[k%len(dashes)]
	out := make([]vg.Length, len(d))
	for i, v := range d {
		out[i] = vg.Length(v) * unit
	}
	return out
}

// category returns the colour, shape and dash of the k-th category.
func category(k int) (color.RGBA, draw.GlyphDrawer) {
	return okabeIto[k%len(okabeIto)], glyphs[k%len(glyphs)]
}

// luminance is the relative luminance of an sRGB colour (WCAG 2).
func luminance(c color.RGBA) float64 {
	lin := func(u uint8) float64 {
		v := float64(u) / 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// ink is the text colour that reads best on a background: black or white,
// whichever contrasts more.
func ink(bg color.RGBA) color.Color {
	l := luminance(bg)
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return color.Black
	}
	return color.White
}
