package cli

import (
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/reports/figures"
)

// FigureFlags are the flags that shape the figures of `stancemap figures`
// and `stancemap report --figures`.
type FigureFlags struct {
	Size    string
	DPI     int
	Top     int
	Formats string
}

// Register adds --size, --dpi, --format and (with top) --top.
func (f *FigureFlags) Register(fs *pflag.FlagSet, top bool) {
	fs.StringVar(&f.Formats, "format", strings.Join(figures.Formats, ","), "figure formats to write, comma-separated: "+strings.Join(figures.Formats, ", "))
	fs.StringVar(&f.Size, "size", "slide", "figure size: slide (16:9, 10 x 5.625 in), column (one journal column, 89 x 100 mm) or WIDTHxHEIGHT with a unit, such as 160x90mm")
	fs.IntVar(&f.DPI, "dpi", 0, "resolution of the PNG figures (default 192 for a slide, 1920 x 1080 px; 300 otherwise)")
	if top {
		fs.IntVar(&f.Top, "top", 30, "how many actors (those with most statements) the heatmaps and dot plot show and the position map labels")
	}
}

// Options turns the flags into figure options, or a usage error.
func (f *FigureFlags) Options() (figures.Options, error) {
	var formats []string
	for _, x := range strings.Split(f.Formats, ",") {
		x = strings.ToLower(strings.TrimSpace(x))
		if x == "" || slices.Contains(formats, x) {
			continue
		}
		if !slices.Contains(figures.Formats, x) {
			return figures.Options{}, Failf(ExitUsage, "--format: unknown figure format %q: the formats are %s", x, strings.Join(figures.Formats, ", "))
		}
		formats = append(formats, x)
	}
	if len(formats) == 0 && f.Formats != "" {
		return figures.Options{}, Failf(ExitUsage, "--format: give at least one of %s", strings.Join(figures.Formats, ", "))
	}
	size, err := figures.ParseSize(f.Size)
	if err != nil {
		return figures.Options{}, Fail(ExitUsage, err)
	}
	if f.DPI < 0 || f.DPI > 1200 {
		return figures.Options{}, Failf(ExitUsage, "--dpi must be between 1 and 1200, got %d", f.DPI)
	}
	if f.Top < 0 {
		return figures.Options{}, Failf(ExitUsage, "--top must be at least 1, got %d", f.Top)
	}
	return figures.Options{Size: size, DPI: f.DPI, Top: f.Top, Formats: formats}, nil
}

// WriteFigures writes every figure of an analysis to dir, in each of
// opt.Formats (NAME.svg, NAME.png, NAME.pdf; all of figures.Formats when
// none is given), each file atomically, and returns the figures written,
// in order.
func WriteFigures(dir string, inputs []string, a *analysis.Analysis, c *data.Corpus, opt figures.Options) ([]figures.Figure, error) {
	figs, err := figures.Build(a, c, opt)
	if err != nil {
		return nil, Fail(ExitProblems, err)
	}
	for _, f := range figs {
		formats := opt.Formats
		if len(formats) == 0 {
			formats = figures.Formats
		}
		for _, format := range formats {
			path := filepath.Join(dir, f.Name+"."+format)
			if err := WriteOutput(path, inputs, func(w io.Writer) error { return f.Write(w, format) }); err != nil {
				return nil, err
			}
		}
	}
	return figs, nil
}
