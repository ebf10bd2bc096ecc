package html

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-echarts/go-echarts/v2/components"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// Options tune the report. The zero value is a complete report with
// echarts inlined when the binary embeds it.
type Options struct {
	// Title heads the page; "" means "stancemap report".
	Title string
	// Top is how many rows (actors, or groups) get a label on the
	// position map and the network and a line on the evolution chart
	// (at most 8 lines); the others show theirs on hover. 0 means 30.
	Top int
	// Assets says where the echarts script comes from:
	//
	//   - "" (the default): inlined when the binary embeds it (built with
	//     -tags bindata, as make build does), else linked from go-echarts'
	//     asset host with a note on the page that the report needs the
	//     network;
	//   - "inline": inlined, and an error when the binary does not embed
	//     it;
	//   - "cdn": linked from go-echarts' asset host;
	//   - any other value is a folder: echarts.min.js and its licence
	//     texts are written there and the report links the script (write
	//     "./cdn" for a folder named cdn). Needs the embedded script too.
	Assets string
	// ReportPath is where the report is written, used only with Assets
	// a folder, to link the script relative to the report. "" links it
	// relative to the working directory.
	ReportPath string
	// Selection is what the caller's filters kept of the corpus and what
	// they left out, shown in the overview; nil when no filter was set.
	Selection *data.Selection
	// Review is what reading a review workbook found; its rejected
	// suggestions are counted in the overview (and listed nowhere in
	// the page: they are no statements).
	Review data.Review
	// Generated is shown in the footer, e.g. "stancemap v0.3.0". It
	// must not carry a timestamp: the same input gives the same bytes.
	Generated string
	// MaxEvidence caps the statements written into the evidence table
	// (which pages through them 100 at a time); 0 means 5000. The table
	// also stops at about 2.5 MB of HTML, so that long statements cannot
	// make the report heavy. When not all fit, the statements that
	// findings, tooltips and profiles cite come first, then the others in
	// corpus order, and the page says how many were left out.
	MaxEvidence int
}

// ErrNoEmbeddedAssets is returned when the report should inline the
// echarts script but the binary was built without it.
var ErrNoEmbeddedAssets = errors.New("this stancemap was built without the embedded echarts script, so it cannot write a report that works offline: build it with `make build` (go build -tags bindata after scripts/build-assets.sh), or choose --assets cdn to link echarts from the network")

// Embedded reports whether the binary embeds the echarts script (built
// with -tags bindata).
func Embedded() bool { return len(echartsJS) > 0 }

// CDNScript is the URL the report links echarts from when it does not
// inline it: go-echarts' default asset host.
func CDNScript() string {
	p := components.NewPage()
	p.Validate()
	for _, v := range p.JSAssets.Values {
		if strings.HasSuffix(v, opts.EchartsJS) {
			return v
		}
	}
	return p.AssetsHost + opts.EchartsJS
}

// Write renders the report of an analysis of a corpus. c must be the
// corpus a was computed from (it supplies names, texts and the
// codebook). Write fails on an unusable Assets choice, on a folder it
// cannot write, or when w fails; a measure the analysis could not compute
// is shown as a note in its section, not an error.
func Write(w io.Writer, a *analysis.Analysis, c *data.Corpus, opt Options) error {
	if a == nil || c == nil || a.Overall == nil || a.Periods == nil {
		return errors.New("html report: no analysis to render")
	}
	if c.Codebook == nil {
		return errors.New("html report: the corpus has no codebook")
	}
	assets, err := resolveAssets(opt)
	if err != nil {
		return err
	}
	r, err := build(a, c, opt)
	if err != nil {
		return err
	}
	r.Assets = assets
	if assets.Inline {
		r.Script = template.JS(assets.Script)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := pageTemplate.Execute(bw, r); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	return bw.Flush()
}

// assetsView is how the page gets echarts.
type assetsView struct {
	Inline  bool
	Script  []byte // inline: the script and its licence comment
	Src     string // linked: the URL
	Network bool   // linked from the network: the page says so
	Version string
}

func resolveAssets(opt Options) (assetsView, error) {
	switch opt.Assets {
	case "":
		if Embedded() {
			return inlineAssets()
		}
		return assetsView{Src: CDNScript(), Network: true}, nil
	case "inline":
		if !Embedded() {
			return assetsView{}, ErrNoEmbeddedAssets
		}
		return inlineAssets()
	case "cdn":
		return assetsView{Src: CDNScript(), Network: true}, nil
	}
	if !Embedded() {
		return assetsView{}, fmt.Errorf("--assets %s: %w", opt.Assets, ErrNoEmbeddedAssets)
	}
	return dirAssets(opt.Assets, opt.ReportPath)
}

func inlineAssets() (assetsView, error) {
	if bytes.Contains(bytes.ToLower(echartsJS), []byte("</script")) {
		return assetsView{}, errors.New("html report: the embedded echarts script contains </script and cannot be inlined")
	}
	var b bytes.Buffer
	b.WriteString("/*!\n")
	// The notice goes in a comment: it must not be able to close it.
	b.WriteString(strings.NewReplacer("*/", "* /", "</", "< /", "<!--", "< !--").Replace(string(echartsNotice)))
	b.WriteString("\n*/\n")
	b.Write(echartsJS)
	return assetsView{Inline: true, Script: b.Bytes(), Version: echartsVersion}, nil
}

// dirAssets writes the script and its notices into dir, unless they are
// there already, and links the script relative to the report.
func dirAssets(dir, reportPath string) (assetsView, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return assetsView{}, fmt.Errorf("--assets %s: cannot create the folder: %w", dir, err)
	}
	for _, f := range []struct {
		name    string
		content []byte
	}{{"echarts.min.js", echartsJS}, {"echarts-THIRD_PARTY.txt", echartsNotice}} {
		p, content := filepath.Join(dir, f.name), f.content
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, content) {
			continue
		}
		if err := data.WriteFileAtomic(p, func(w io.Writer) error { _, err := w.Write(content); return err }); err != nil {
			return assetsView{}, fmt.Errorf("--assets %s: %w", dir, err)
		}
	}
	base := "."
	if reportPath != "" {
		base = filepath.Dir(reportPath)
	}
	target := filepath.Join(dir, "echarts.min.js")
	rel, err := filepath.Rel(absOr(base), absOr(target))
	if err != nil {
		rel = target
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return assetsView{Src: strings.Join(parts, "/"), Version: echartsVersion}, nil
}

func absOr(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
