package html

import (
	"bytes"
	"encoding/json"
	"errors"
	"github.com/stancemap/stancemap/internal/testutil"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

var update = testutil.Update

// chartData extracts and parses the charts' JSON of a report.
func chartData(t *testing.T, page []byte) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="sm-data">(.*?)</script>`).FindSubmatch(page)
	if m == nil {
		t.Fatal("no chart data in the report")
	}
	for _, bad := range []string{"NaN", "Infinity"} {
		if bytes.Contains(m[1], []byte(bad)) {
			t.Errorf("chart data holds %s", bad)
		}
	}
	var v map[string]any
	if err := json.Unmarshal(m[1], &v); err != nil {
		t.Fatalf("chart data is not JSON: %v", err)
	}
	return v
}

func chartIDs(t *testing.T, page []byte) []string {
	var ids []string
	for _, c := range chartData(t, page)["charts"].([]any) {
		ids = append(ids, c.(map[string]any)["id"].(string))
	}
	return ids
}

// TestGoldenSample pins the sample report byte for byte (with echarts
// linked, so that the file is small and the same with or without
// -tags bindata). Run go test -update after an intended change.
func TestGoldenSample(t *testing.T) {
	a, c := sample()
	opt := Options{Title: "stancemap sample", Generated: "golden", Assets: "cdn"}
	got := render(t, a, c, opt)
	if again := render(t, a, c, opt); !bytes.Equal(got, again) {
		t.Fatal("two renders of the same analysis differ")
	}
	golden := filepath.Join("testdata", "sample.golden.html")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := range min(len(gl), len(wl)) {
			if !bytes.Equal(gl[i], wl[i]) {
				t.Fatalf("report differs from %s at line %d:\n got: %.300s\nwant: %.300s\n(run go test -update if the change is intended)", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("report differs from %s in length: %d lines, want %d (run go test -update if intended)", golden, len(gl), len(wl))
	}
}

// TestDeterministic renders the sample twice from two separate analyses,
// inlined as a user gets it: the bytes must match.
func TestDeterministic(t *testing.T) {
	c, _, err := data.SampleCorpus()
	if err != nil {
		t.Fatal(err)
	}
	var pages [2][]byte
	for i := range pages {
		a, err := analysis.Analyze(c, yearly)
		if err != nil {
			t.Fatal(err)
		}
		pages[i] = render(t, a, c, Options{Generated: "test"})
	}
	if !bytes.Equal(pages[0], pages[1]) {
		t.Fatal("the same corpus gave two different reports")
	}
}

func TestSampleSections(t *testing.T) {
	a, c := sample()
	page := string(render(t, a, c, Options{Title: "Sample", Generated: "v-test"}))
	for _, want := range []string{
		`<section id="overview">`, `<section id="stances">`, `<section id="map">`, `<section id="axis">`, `<section id="distances">`,
		`<section id="network">`, `<section id="evolution">`, `<section id="compare">`, `<section id="profiles">`,
		`<section id="evidence">`, `<section id="method">`, "How to read this.", "v-test",
		`href="#ev-`,                                                                  // findings link to the evidence
		"Sovereignty", "Each state governs the part of cyberspace within its borders", // the codebook's poles
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if n := strings.Count(page, `<section id=`); n != 11 {
		t.Errorf("%d sections, want 11", n)
	}
	// Every statement is in the evidence table, each with its anchor.
	for i, s := range c.Statements {
		if !strings.Contains(page, `<tr id="`+anchor(i)+`"`) {
			t.Errorf("statement %s has no evidence row", s.ID)
		}
	}
	if n := strings.Count(page, `<tr id="ev-`); n != len(c.Statements) {
		t.Errorf("%d evidence rows, want %d", n, len(c.Statements))
	}
	ids := chartIDs(t, []byte(page))
	// No actor of the sample speaks on a theme in two years: the
	// evolution chart would have no line, and says so instead.
	if !strings.Contains(page, "No actor spoke on the same theme in two different periods, so there is no line to follow yet") {
		t.Error("the evolution section does not say why it has no chart")
	}
	for _, id := range without(allCharts, "chart-flows", "chart-movers", "chart-evolution") {
		if !strings.Contains(strings.Join(ids, " "), id) {
			t.Errorf("chart %s missing", id)
		}
		if !strings.Contains(page, `<div class="chart" id="`+id+`"`) {
			t.Errorf("no container for chart %s", id)
		}
	}
}

// evilSelection is a filter summary whose every text is hostile: the
// overview shows it.
func evilSelection() *data.Selection {
	return &data.Selection{Filter: "actors " + evilActor + "; themes " + evilTheme, Read: 10, Kept: 5,
		Dropped: []data.Drop{{Why: "at other events " + evilTheme, N: 5}}, Notes: []string{"selected actor " + evilActor + " has no statement in the input"}}
}

// TestInjectionEscaped: hostile names, labels, texts and links reach the
// page only escaped; the browser test checks that nothing runs.
func TestInjectionEscaped(t *testing.T) {
	c := evilCorpus()
	a, err := analysis.Analyze(c, yearly)
	if err != nil {
		t.Fatal(err)
	}
	// echarts linked, not inlined: its own source is not input.
	page := render(t, a, c, Options{Title: evilActor, Generated: evilTheme, Selection: evilSelection(), Assets: "cdn"})
	s := string(page)
	for _, raw := range []string{evilActor, evilTheme, "<img", "<b>bold", "<i>source", `alert("speaker")</script>`, "<!--", "'__f__"} {
		if strings.Contains(s, raw) {
			t.Errorf("raw %q in the report", raw)
		}
	}
	for _, esc := range []string{"&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
		`\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`} {
		if !strings.Contains(s, esc) {
			t.Errorf("escaped %q not in the report", esc)
		}
	}
	// Only the report's own scripts: echarts, the data, report.js.
	if n := strings.Count(strings.ToLower(s), "<script"); n != 3 {
		t.Errorf("%d <script elements, want 3", n)
	}
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(s, -1) {
		h := strings.ToLower(m[1])
		if !strings.HasPrefix(h, "#") && !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") {
			t.Errorf("unsafe link href=%q", m[1])
		}
	}
	if !strings.Contains(s, `href="https://example.org/?q=%22%3e%3cscript%3ealert%285%29%3c/script%3e"`) {
		t.Errorf("the one http(s) link is missing or not escaped")
	}
	chartData(t, page)
}

// TestNonFiniteNumbers: NaN and infinities anywhere in the analysis
// never reach the chart options (go-echarts would write broken JS; here
// encoding/json would fail the render).
func TestNonFiniteNumbers(t *testing.T) {
	c, _, err := data.SampleCorpus()
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(c, yearly)
	if err != nil {
		t.Fatal(err)
	}
	nan, inf := math.NaN(), math.Inf(1)
	m := &a.Overall.Matrices[0]
	for i := range m.Cells {
		for j := range m.Cells[i] {
			if m.Cells[i][j].N > 0 && (i+j)%2 == 0 {
				m.Cells[i][j].Mean, m.Cells[i][j].CILow, m.Cells[i][j].Salience = inf, nan, -inf
			}
		}
	}
	for i := range a.Map.Coords {
		a.Map.Coords[i][i%2] = nan
	}
	for i := range a.Map.Loadings {
		a.Map.Loadings[i][0] = inf
	}
	a.Map.Explained[0] = nan
	a.Distances.D[0][1], a.Distances.D[1][0] = inf, nan
	for i := range a.Convergence.Points {
		a.Convergence.Points[i].MeanDistance = nan
	}
	a.Convergence.Slope = inf
	for i := range a.ByPeriod {
		a.ByPeriod[i].Overall = nan
	}
	for i := range a.Network.W {
		for j := range a.Network.W[i] {
			if i != j {
				a.Network.W[i][j] = nan
			}
		}
	}
	a.Network.RowFreq[0] = inf
	a.Polarisation.Alpha = nan
	page := render(t, a, c, Options{})
	chartData(t, page)
}

func TestAssets(t *testing.T) {
	a, c := sample()
	cdn := string(render(t, a, c, Options{Assets: "cdn"}))
	if !strings.Contains(cdn, `<script src="`+CDNScript()+`"></script>`) || !strings.Contains(cdn, `id="network-note"`) {
		t.Error("cdn: the script is not linked, or the page does not say it needs the network")
	}
	if !strings.HasPrefix(CDNScript(), "https://") || !strings.HasSuffix(CDNScript(), "/echarts.min.js") {
		t.Errorf("CDNScript() = %q", CDNScript())
	}
	def := string(render(t, a, c, Options{}))
	dir := t.TempDir()
	report := filepath.Join(dir, "out", "report.html")
	var b bytes.Buffer
	dirErr := Write(&b, a, c, Options{Assets: filepath.Join(dir, "out", "assets"), ReportPath: report})
	var inlineErr error
	if err := Write(&bytes.Buffer{}, a, c, Options{Assets: "inline"}); err != nil {
		inlineErr = err
	}
	if !Embedded() {
		if !strings.Contains(def, `id="network-note"`) {
			t.Error("without the embedded script the page must say it needs the network")
		}
		if !errors.Is(inlineErr, ErrNoEmbeddedAssets) || !errors.Is(dirErr, ErrNoEmbeddedAssets) {
			t.Errorf("inline and DIR without the embedded script: got %v and %v, want ErrNoEmbeddedAssets", inlineErr, dirErr)
		}
		return
	}
	if inlineErr != nil || dirErr != nil {
		t.Fatalf("inline: %v; DIR: %v", inlineErr, dirErr)
	}
	if strings.Contains(def, `<script src=`) || strings.Contains(def, `id="network-note"`) {
		t.Error("the default report links a script instead of inlining it")
	}
	if !strings.Contains(def, "Apache License") || !strings.Contains(def, "Apache ECharts") {
		t.Error("the inlined script comes without its licence and notice")
	}
	if !strings.Contains(b.String(), `<script src="assets/echarts.min.js"></script>`) {
		t.Error("DIR: the script is not linked relative to the report")
	}
	for _, f := range []string{"echarts.min.js", "echarts-THIRD_PARTY.txt"} {
		if _, err := os.Stat(filepath.Join(dir, "out", "assets", f)); err != nil {
			t.Errorf("DIR: %v", err)
		}
	}
}

// TestSmallCorpora: corpora too small for some measures give a report
// that says why, not an error.
func TestSmallCorpora(t *testing.T) {
	full := evilCorpus()
	for _, n := range []int{0, 1, 2, 5} {
		c := &data.Corpus{Actors: full.Actors, Codebook: full.Codebook, Statements: full.Statements[:n]}
		a, err := analysis.Analyze(c, yearly)
		if err != nil {
			t.Fatal(err)
		}
		page := render(t, a, c, Options{})
		chartData(t, page)
		if !bytes.Contains(page, []byte(`<section id="method">`)) {
			t.Errorf("%d statements: incomplete report", n)
		}
	}
}

// TestLargeReport: 200 actors × 12 themes × 30 years stays under 5 MB.
func TestLargeReport(t *testing.T) {
	a, c := large()
	start := time.Now()
	page := render(t, a, c, Options{Generated: "test"})
	took := time.Since(start)
	t.Logf("large report: %d statements, %d bytes (%.2f MB), written in %v", len(c.Statements), len(page), float64(len(page))/(1<<20), took)
	if len(page) >= 5_000_000 {
		t.Errorf("large report is %d bytes, want < 5 MB", len(page))
	}
	chartData(t, page)
	if n := bytes.Count(page, []byte(`<tr id="ev-`)); n != DefaultMaxEvidence {
		t.Errorf("%d evidence rows, want %d", n, DefaultMaxEvidence)
	}
}

func BenchmarkWriteLarge200x12x30(b *testing.B) {
	a, c := large()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, a, c, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/report")
}

// variants are analyses of the sample the report must render besides
// the default: rows grouped, a two-mode network, moving windows.
func variants(t *testing.T) map[string]*analysis.Analysis {
	t.Helper()
	_, c := sample()
	w, err := analysis.ParseWindow("3y", "1y")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*analysis.Analysis{}
	for name, opt := range map[string]analysis.AnalyzeOptions{
		"by kind":    {Matrix: analysis.MatrixOptions{GroupBy: analysis.ByKind, Period: analysis.PeriodSpec{Kind: analysis.PeriodYear}}},
		"by group":   {Matrix: analysis.MatrixOptions{GroupBy: analysis.ByGroup, Period: analysis.PeriodSpec{Kind: analysis.PeriodYear}}},
		"two-mode":   {Matrix: yearly.Matrix, Network: analysis.NetworkOptions{Mode: analysis.NetworkTwoMode}},
		"windows":    {Window: &w},
		"one period": {},
		"mds":        {Matrix: yearly.Matrix, Map: analysis.MapOptions{Method: analysis.MapMDS}},
	} {
		a, err := analysis.Analyze(c, opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = a
	}
	return out
}

func TestVariants(t *testing.T) {
	_, c := sample()
	for name, a := range variants(t) {
		t.Run(name, func(t *testing.T) {
			page := render(t, a, c, Options{})
			chartData(t, page)
			if !bytes.Contains(page, []byte(`<section id="method">`)) {
				t.Error("incomplete report")
			}
			if a.Overall.GroupBy != analysis.ByActor {
				// Group profiles list their members' statements.
				if !bytes.Contains(page, []byte(`<ul class="stmts">`)) {
					t.Error("group profiles have no statements")
				}
			}
		})
	}
}
