package html

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/internal/testutil/samplecorpus"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/reports"
)

// specs is the charts of a rendered report, as Go values.
func specsOf(t *testing.T, a *analysis.Analysis, c *data.Corpus) []*chartSpec {
	t.Helper()
	r, err := build(a, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []*chartSpec
	for _, s := range []*chartSpec{r.Stance, r.Salience, r.Map, r.Dendro, r.Dist, r.Network, r.Evolution,
		r.Convergence, r.Flows, r.Movers, r.Radar} {
		if s != nil {
			out = append(out, s)
		}
	}
	return out
}

// unga is the UN sample analysed by its five-year periods.
func unga(t *testing.T) (*analysis.Analysis, *data.Corpus) {
	t.Helper()
	c, s := samplecorpus.Load(t, "unga")
	spec, err := analysis.ParsePeriodSpec(s.Periods)
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Period: spec}})
	if err != nil {
		t.Fatal(err)
	}
	return a, c
}

// TestEveryChartCanBeSaved: every chart, and every variant of one, has
// echarts' save-as-image tool, writing a PNG at twice the screen's
// resolution on white, named after the chart.
func TestEveryChartCanBeSaved(t *testing.T) {
	a, c := sample()
	ua, uc := unga(t)
	for name, specs := range map[string][]*chartSpec{"seeds": specsOf(t, a, c), "unga": specsOf(t, ua, uc)} {
		if len(specs) < 8 {
			t.Errorf("%s: %d charts", name, len(specs))
		}
		for _, s := range specs {
			for i, o := range append([]option{s.Option}, s.Variants...) {
				tb := o.Toolbox
				if tb == nil || !tb.Show || !tb.Feature.SaveAsImage.Show || tb.Feature.SaveAsImage.Type != "png" ||
					tb.Feature.SaveAsImage.PixelRatio != 2 || tb.Feature.SaveAsImage.BackgroundColor != "#ffffff" ||
					tb.Feature.SaveAsImage.Name != "stancemap-"+s.Kind {
					t.Errorf("%s: %s (option %d) has no save-as-image tool: %+v", name, s.ID, i, tb)
				}
			}
		}
	}
}

// TestEvolutionBands: each line of the evolution chart has its band, and
// the band runs from the cell's interval low to its high: the mean
// inside it, the width never negative, a band exactly where the line
// has a point with an interval.
func TestEvolutionBands(t *testing.T) {
	a, c := unga(t)
	var evo *chartSpec
	for _, s := range specsOf(t, a, c) {
		if s.ID == "chart-evolution" {
			evo = s
		}
	}
	if evo == nil {
		t.Fatal("the UN sample has no evolution chart")
	}
	bands := 0
	for _, o := range evo.Variants {
		byID := map[string]series{}
		var lines []series
		for _, s := range o.Series {
			if strings.HasPrefix(s.ID, "band") {
				byID[s.ID] = s
			} else {
				lines = append(lines, s)
			}
		}
		for k, l := range lines {
			lo, w := byID["band-lo-"+strconv.Itoa(k)], byID["band-"+strconv.Itoa(k)]
			if lo.Name != l.Name || w.Name != l.Name || w.AreaStyle == nil || lo.Stack != w.Stack || w.StackStrategy != "all" {
				t.Fatalf("line %q: band series %+v, %+v", l.Name, lo, w)
			}
			means, lows, widths := l.Data.([]any), lo.Data.([]any), w.Data.([]any)
			for p := range means {
				if means[p] == nil {
					if lows[p] != nil || widths[p] != nil {
						t.Errorf("%s, period %d: a band with no point", l.Name, p)
					}
					continue
				}
				if lows[p] == nil {
					continue
				}
				m, lv, wv := float64(means[p].(map[string]any)["value"].(reports.Float)), float64(lows[p].(reports.Float)), float64(widths[p].(reports.Float))
				if wv < 0 || m < lv-1e-9 || m > lv+wv+1e-9 {
					t.Errorf("%s, period %d: mean %v outside its band %v to %v", l.Name, p, m, lv, lv+wv)
				}
				bands++
			}
		}
	}
	if bands < 20 {
		t.Errorf("%d banded points in all, want the UN sample's many", bands)
	}
}

// TestRadarMarksSilence: the radar's centre, where a theme with no
// statement is drawn, is the grey of the heatmaps' empty cells, and
// apart from −2: the axis starts at −3.
func TestRadarMarksSilence(t *testing.T) {
	a, c := sample()
	for _, s := range specsOf(t, a, c) {
		if s.ID != "chart-radar" {
			continue
		}
		rd := s.Option.Radar
		if rd.SplitArea == nil || !rd.SplitArea.Show || rd.SplitArea.AreaStyle.Color[0] != emptyCell {
			t.Errorf("radar rings %+v: the centre is not shaded as no statement", rd.SplitArea)
		}
		for _, in := range rd.Indicator {
			if in.Min != -3 || in.Max != 2 {
				t.Errorf("indicator %s runs %v to %v, want −3 (no statement) to +2", in.Name, in.Min, in.Max)
			}
		}
		return
	}
	t.Fatal("no radar")
}

// thinStudy is ten statements of the built-in sample (every fourth): a
// study of nine actors on four themes of which no two share two themes.
func thinStudy(t *testing.T) (*analysis.Analysis, *data.Corpus) {
	t.Helper()
	full, _, err := data.SampleCorpus()
	if err != nil {
		t.Fatal(err)
	}
	c := &data.Corpus{Actors: full.Actors, Codebook: full.Codebook}
	for i := 0; i < len(full.Statements) && len(c.Statements) < 10; i += 4 {
		c.Statements = append(c.Statements, full.Statements[i])
	}
	a, err := analysis.Analyze(c, yearly)
	if err != nil {
		t.Fatal(err)
	}
	return a, c
}

// TestThinStudyCollapses: on ten statements the map, the distances and
// the lines over time have too little to show: each section says in one
// sentence what is missing, and draws no chart.
func TestThinStudyCollapses(t *testing.T) {
	a, c := thinStudy(t)
	page := string(render(t, a, c, Options{}))
	for _, want := range []string{
		`<p class="note collapsed">No position map: 26 of its 36 actor × theme cells have no statement`,
		`<p class="note collapsed">No distances: no two actors spoke on the 2 themes in common needed to compare them`,
		`<p class="note collapsed">No actor spoke on the same theme in two different periods, so there is no line to follow yet`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
	for _, id := range []string{"chart-map", "chart-dist", "chart-dendro", "chart-evolution", "chart-convergence"} {
		if strings.Contains(page, `id="`+id+`"`) {
			t.Errorf("the report draws %s on too little data", id)
		}
	}
	// What remains is drawn.
	for _, id := range []string{"chart-stance", "chart-salience", "chart-network", "chart-radar"} {
		if !strings.Contains(page, `<div class="chart" id="`+id+`"`) {
			t.Errorf("%s is missing", id)
		}
	}
	if strings.Contains(page, "No blocs:") {
		t.Error("the blocs get a sentence of their own besides the distances'")
	}
}

// pdfTool runs a poppler tool on a PDF; "" with the test told why when
// the tool is not installed.
func pdfTool(t *testing.T, tool string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(tool)
	if err != nil {
		t.Logf("%s not found (Debian: poppler-utils): the printed pages are not read", tool)
		return ""
	}
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	return string(out)
}

// TestBrowserPrint prints the sample report to PDF in Chromium, as a
// reader's File ▸ Print would: every section but the first starts a
// page; charts are not cut by a page break; the profiles print open; the evidence table prints every
// statement. It also checks, on the page, the save-as-image tool of each
// chart and the labels in the stance heatmap's cells.
func TestBrowserPrint(t *testing.T) {
	ctx := browser(t)
	a, c := sample()
	file := writeReport(t, "sample.html", render(t, a, c, Options{Title: "print test"}))
	tb := openTab(t, ctx)
	tb.load(t, file)
	// Qian Hongshan on sovereignty: +1.25 over 4 statements (README).
	label := tb.eval(t, `(function () {
  var inst = echarts.getInstanceByDom(document.getElementById("chart-stance")), o = inst.getOption();
  var ys = o.yAxis[0].data, xs = o.xAxis[0].data, s = o.series[0];
  var d = s.data.filter(function (d) { return ys[d[1]] === "Qian Hongshan" && xs[d[0]] === "Sovereignty"; })[0];
  return s.label.show + "|" + s.label.formatter({ value: d });
})()`)
	if label != "true|+1.25\nn 4" {
		t.Errorf("Qian Hongshan's sovereignty cell is labelled %q, want \"+1.25\\nn 4\"", label)
	}
	tools := tb.eval(t, `Array.from(document.querySelectorAll(".chart")).map(function (el) {
  var o = echarts.getInstanceByDom(el).getOption(), tb = o.toolbox && o.toolbox[0];
  return el.id + ":" + (tb && tb.show && tb.feature.saveAsImage.show ? "save" : "none");
}).join(" ")`)
	if strings.Contains(tools, ":none") || strings.Count(tools, ":save") < 8 {
		t.Errorf("save-as-image tools: %s", tools)
	}
	charts := strings.Count(tools, ":save")

	// A browser announces a print to the page (beforeprint), and the
	// report redraws its charts at the page's width; the protocol's
	// printToPDF does not, so the test does.
	tb.eval(t, `window.dispatchEvent(new Event("beforeprint")); ""`)
	printToPDF := func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
		return res.Data, err
	}
	pdf, err := chromedp.Run(tb.ctx, printToPDF)
	if err != nil {
		t.Fatal(err)
	}
	tb.checkClean(t)
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("STANCEMAP_KEEP_PDF") != "" {
		_ = os.WriteFile(os.Getenv("STANCEMAP_KEEP_PDF"), pdf, 0o644)
	}
	text := pdfTool(t, "pdftotext", "-layout", path, "-")
	if text == "" {
		return
	}
	pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
	t.Logf("the sample report prints on %d A4 pages", len(pages))
	firstLine := func(p string) string {
		for _, l := range strings.Split(p, "\n") {
			if strings.TrimSpace(l) != "" {
				return strings.TrimSpace(l)
			}
		}
		return ""
	}
	var starts []string
	for _, p := range pages {
		starts = append(starts, firstLine(p))
	}
	for _, h := range []string{"Stances and salience", "Position map", "Distances and blocs", "Agreement network",
		"Evolution", "Compare", "Profiles", "Evidence", "Method and codebook"} {
		if !slices.Contains(starts, h) {
			t.Errorf("no page starts with the section %q; pages start with %q", h, starts)
		}
	}
	// The profiles print open: each lists its positions.
	if n := strings.Count(text, "interval"); n < len(a.Overall.Rows) {
		t.Errorf("%d position tables in print, want one a profile (%d)", n, len(a.Overall.Rows))
	}
	// Every statement id is printed in the evidence table.
	evidence := text[strings.LastIndex(text, "\fEvidence"):]
	for _, s := range c.Statements {
		if !regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(s.ID) + `\s`).MatchString(evidence) {
			t.Errorf("statement %s is not in the printed evidence table", s.ID)
		}
	}
	// Each chart, redrawn for the page, prints as one picture: on one
	// page (a picture cut by a page break is listed on both), no wider
	// than the page.
	list := pdfTool(t, "pdfimages", "-list", path)
	seen := map[string][]string{}
	for _, l := range strings.Split(list, "\n") {
		f := strings.Fields(l)
		if len(f) > 10 && f[2] == "image" {
			seen[f[10]] = append(seen[f[10]], f[0])
			if w, _ := strconv.Atoi(f[3]); w > 703 {
				t.Errorf("a chart %d pixels wide: wider than the page (703 CSS pixels between A4's margins)", w)
			}
		}
	}
	if len(seen) < charts {
		t.Errorf("%d chart pictures in the PDF, want %d", len(seen), charts)
	}
	for id, on := range seen {
		if len(on) > 1 {
			t.Errorf("chart picture %s is cut across pages %v", id, on)
		}
	}
}
