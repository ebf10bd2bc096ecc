package figures

import (
	"bytes"
	"image/png"
	"math"
	"regexp"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/testutil/samplecorpus"
)

// sample analyses the built-in seeds sample with yearly periods, as the
// demo's reports do.
func sample(t *testing.T) (*analysis.Analysis, *data.Corpus) {
	t.Helper()
	c, _ := samplecorpus.Load(t, "seeds")
	p, err := analysis.ParsePeriodSpec("year")
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Period: p}})
	if err != nil {
		t.Fatal(err)
	}
	return a, c
}

func render(t *testing.T, f Figure, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f.Write(&b, format); err != nil {
		t.Fatalf("%s.%s: %v", f.Name, format, err)
	}
	return b.Bytes()
}

// Two analyses of the same input, drawn separately, give the same bytes in
// every format; the PDF's date is the fixed one, not the clock's; and the
// font travels with the file: the PDF embeds its TrueType font, the SVG
// carries it as @font-face. (One test for all three: drawing is the
// expensive part under the race detector.)
func TestFiguresDeterministicWithFontsEmbedded(t *testing.T) {
	a1, c1 := sample(t)
	a2, c2 := sample(t)
	opt := Options{Size: SizeColumn, DPI: 72}
	f1, err := Build(a1, c1, opt)
	if err != nil {
		t.Fatal(err)
	}
	f2, err := Build(a2, c2, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(f1) != len(Names) || len(f2) != len(Names) {
		t.Fatalf("built %d and %d figures, want %d", len(f1), len(f2), len(Names))
	}
	for i := range f1 {
		if f1[i].Name != Names[i] {
			t.Errorf("figure %d is %q, want %q", i, f1[i].Name, Names[i])
		}
		for _, format := range Formats {
			b1, b2 := render(t, f1[i], format), render(t, f2[i], format)
			if !bytes.Equal(b1, b2) {
				t.Errorf("%s.%s: two runs differ (%d and %d bytes)", f1[i].Name, format, len(b1), len(b2))
			}
			switch format {
			case "pdf":
				if !bytes.Contains(b1, []byte("/CreationDate (D:20000101000000)")) {
					t.Errorf("%s.pdf: creation date is not the fixed one", f1[i].Name)
				}
				if !bytes.Contains(b1, []byte("/FontFile2")) || !bytes.Contains(b1, []byte("/BaseFont /LiberationSans")) {
					t.Errorf("%s.pdf: Liberation Sans not embedded", f1[i].Name)
				}
			case "svg":
				if !bytes.Contains(b1, []byte("@font-face")) {
					t.Errorf("%s.svg: no embedded font", f1[i].Name)
				}
			}
		}
	}
}

var svgText = regexp.MustCompile(`(?s)<text[^>]*>(.*?)</text>`)

func texts(b []byte) []string {
	var out []string
	for _, m := range svgText.FindAllSubmatch(b, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// The stance heatmap writes each cell's value and n, and marks empty
// cells: Qian Hongshan's four statements on sovereignty average +1.25
// (data/sample/README.md), William Hague made none on it.
func TestStanceHeatmapCells(t *testing.T) {
	a, c := sample(t)
	figs, err := Build(a, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := texts(render(t, figs[0], "svg"))
	row := func(label string) []string {
		for i, s := range got {
			if s == label && i+5 < len(got) {
				return got[i+1 : i+6]
			}
		}
		t.Fatalf("no row %q in %q", label, got)
		return nil
	}
	if q := row("Qian Hongshan"); q[0] != "+1.25 n=4" && !strings.HasPrefix(q[0], "+1.25\nn=4") {
		t.Errorf("Qian Hongshan, sovereignty: %q, want +1.25 and n=4", q[0])
	}
	if h := row("William Hague"); h[0] != "none" || h[2] != "+2.00 n=1" {
		t.Errorf("William Hague: %q, want none on sovereignty and +2.00 n=1 on openness", h)
	}
}

func TestPNGSize(t *testing.T) {
	a, c := sample(t)
	for _, tc := range []struct {
		opt  Options
		w, h int
	}{
		{Options{}, 1920, 1080},                 // 10 × 5.625 in at 192 dpi
		{Options{Size: SizeColumn}, 1051, 1181}, // 89 × 100 mm at 300 dpi
		{Options{Size: SizeSlide, DPI: 96}, 960, 540},
	} {
		figs, err := Build(a, c, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(render(t, figs[0], "png")))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Width != tc.w || cfg.Height != tc.h {
			t.Errorf("%+v: %d x %d px, want %d x %d", tc.opt, cfg.Width, cfg.Height, tc.w, tc.h)
		}
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w, h vg.Length
		bad  bool
	}{
		{in: "slide", w: 720, h: 405},
		{in: "column", w: 89 * vg.Millimeter, h: 100 * vg.Millimeter},
		{in: "160x90mm", w: 160 * vg.Millimeter, h: 90 * vg.Millimeter},
		{in: "6inx4in", w: 432, h: 288},
		{in: "6x4in", w: 432, h: 288},
		{in: "10x5", bad: true},
		{in: "1x1in", bad: true},
		{in: "2000x90mm", bad: true},
		{in: "NaNx4in", bad: true},
		{in: "wide", bad: true},
	} {
		got, err := ParseSize(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("%q: no error", tc.in)
			}
			continue
		}
		if err != nil || math.Abs(float64(got.W-tc.w)) > 1e-9 || math.Abs(float64(got.H-tc.h)) > 1e-9 {
			t.Errorf("%q: %v × %v (%v), want %v × %v", tc.in, got.W, got.H, err, tc.w, tc.h)
		}
	}
}

// The colour scales get lighter at every step, so that a greyscale print
// keeps their order (relative luminance, WCAG 2).
func TestScalesMonotonicInLightness(t *testing.T) {
	for name, r := range map[string]ramp{"cividis": cividis, "blues (reversed)": reversed(blues), "oranges (reversed)": reversed(oranges)} {
		for i := 1; i < len(r); i++ {
			if luminance(r[i]) <= luminance(r[i-1]) {
				t.Errorf("%s: stop %d (%v) is not lighter than stop %d (%v)", name, i, r[i], i-1, r[i-1])
			}
		}
	}
}

func reversed(r ramp) ramp {
	out := make(ramp, len(r))
	for i := range r {
		out[len(r)-1-i] = r[i]
	}
	return out
}

// Text the PDF fonts cannot show falls back to the id, and the minus sign
// becomes a hyphen.
func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Côte d’Ivoire", "Côte d’Ivoire"},
		{"中国", "CHN"},
		{"\u22121.5", "-1.5"},
	} {
		if got := printable(tc.in, "CHN"); got != tc.want {
			t.Errorf("printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A figure whose measure is missing says why instead of drawing an empty
// frame: one period gives no stance over time.
func TestMissingMeasureSaysWhy(t *testing.T) {
	_, c := sample(t)
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	figs, err := Build(a, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		if f.Name == "stance-over-time" {
			if !strings.Contains(f.Note, "two periods or more") {
				t.Errorf("note %q", f.Note)
			}
			if s := strings.Join(texts(render(t, f, "svg")), " "); !strings.Contains(s, "two periods or more") {
				t.Errorf("the figure does not say why: %q", s)
			}
		}
	}
}
