package html

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

var allCharts = []string{"chart-stance", "chart-salience", "chart-map", "chart-dendro", "chart-dist", "chart-network",
	"chart-evolution", "chart-convergence", "chart-flows", "chart-movers", "chart-radar"}

func without(xs []string, drop ...string) []string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(drop, x) {
			out = append(out, x)
		}
	}
	return out
}

func writeReport(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// screenshots saves one PNG per section of the open page under
// docs/screenshots when STANCEMAP_SCREENSHOTS=1.
func (tb *tab) screenshots(t *testing.T, sections ...string) {
	t.Helper()
	if os.Getenv("STANCEMAP_SCREENSHOTS") != "1" {
		return
	}
	dir := filepath.Join("..", "..", "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// The sticky header would cover the top of each section.
	tb.eval(t, `document.querySelector("header.top").style.position = "static"; ""`)
	for _, s := range sections {
		png, err := chromedp.Run(tb.ctx, chromedp.Screenshot(chromedp.ID(s)))
		if err != nil {
			t.Fatalf("screenshot of #%s: %v", s, err)
		}
		if err := os.WriteFile(filepath.Join(dir, "report-"+s+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBrowserSample(t *testing.T) {
	ctx := browser(t)
	a, c := sample()
	file := writeReport(t, "sample.html", render(t, a, c, Options{Title: "stancemap sample: cyberspace governance, 2008–2016", Generated: "test"}))
	tb := openTab(t, ctx)
	took := tb.load(t, file)
	t.Logf("sample report: charts drawn %v after navigation", took)
	// The sample has too few repeated speakers for bloc flows, movers
	// and lines over time: no actor speaks on a theme in two years.
	tb.checkCharts(t, without(allCharts, "chart-flows", "chart-movers", "chart-evolution"))
	tb.checkClean(t)
	if os.Getenv("STANCEMAP_SCREENSHOTS") == "1" {
		tb.eval(t, `document.querySelectorAll("details.profile").forEach(function (d, i) { d.open = i === 2 || i === 9; }); ""`)
		tb.eval(t, filterJS("", "", "", "sovereignty"))
		tb.screenshots(t, "overview", "stances", "map", "distances", "network", "evolution", "compare", "profiles", "evidence", "method")
		tb.eval(t, filterJS("", "", "", ""))
	}
}

// shownText is what the evidence table shows of a statement, for the
// text filter: the cells' texts.
func shownText(v *view, s *data.Statement) string {
	speaker := s.Speaker
	if strings.EqualFold(strings.TrimSpace(speaker), v.actorLabel(s.Actor)) {
		speaker = ""
	}
	return strings.ToLower(strings.Join([]string{s.ID, v.actorLabel(s.Actor), speaker, s.Date.String(), v.themeLabel(s.Theme),
		v.stanceText(s.Stance), s.Text, s.Source, s.Event}, " "))
}

// pickJS selects, in a filter, the option whose text starts with label,
// and returns its value.
func pickJS(id, label string) string {
	return fmt.Sprintf(`(function () {
  var sel = document.getElementById(%q);
  for (var i = 0; i < sel.options.length; i++) if (sel.options[i].text.indexOf(%q) === 0) return sel.options[i].value;
  return "none";
})()`, id, label)
}

func TestBrowserEvidenceFilters(t *testing.T) {
	ctx := browser(t)
	a, c := sample()
	file := writeReport(t, "sample.html", render(t, a, c, Options{}))
	tb := openTab(t, ctx)
	tb.load(t, file)
	v := &view{a: a, c: c, opt: Options{Top: DefaultTop, MaxEvidence: DefaultMaxEvidence}, overall: a.Overall.Matrices[0]}
	v.setRows()
	v.setThemes()
	count := func(keep func(s *data.Statement) bool) string {
		n := 0
		for i := range c.Statements {
			if keep(&c.Statements[i]) {
				n++
			}
		}
		return fmt.Sprintf("%d/%d", n, n)
	}
	actor := tb.eval(t, pickJS("f-actor", "Qian Hongshan"))
	theme := tb.eval(t, pickJS("f-theme", "Sovereignty"))
	for _, tc := range []struct {
		name                 string
		actor, theme, stance string
		text                 string
		want                 string
	}{
		{"actor", actor, "", "", "", count(func(s *data.Statement) bool { return s.Actor == "qian_hongshan" })},
		{"theme", "", theme, "", "", count(func(s *data.Statement) bool { return s.Theme == "sovereignty" })},
		{"stance", "", "", "-1", "", count(func(s *data.Statement) bool { return s.Stance == -1 })},
		{"actor and theme", actor, theme, "", "", count(func(s *data.Statement) bool { return s.Actor == "qian_hongshan" && s.Theme == "sovereignty" })},
		{"text", "", "", "", "Charter", count(func(s *data.Statement) bool { return strings.Contains(shownText(v, s), "charter") })},
		{"nothing matches", actor, "", "-2", "", "0/0"},
		{"cleared", "", "", "", "", count(func(*data.Statement) bool { return true })},
	} {
		if got := tb.eval(t, filterJS(tc.actor, tc.theme, tc.stance, tc.text)); got != tc.want {
			t.Errorf("%s: shown/matched = %s, want %s", tc.name, got, tc.want)
		}
	}
	tb.checkClean(t)
}

func TestBrowserLarge(t *testing.T) {
	ctx := browser(t)
	a, c := large()
	start := time.Now()
	page := render(t, a, c, Options{Generated: "test"})
	wrote := time.Since(start)
	file := writeReport(t, "large.html", page)
	tb := openTab(t, ctx)
	start = time.Now()
	drawn := tb.load(t, file)
	wall := time.Since(start)
	t.Logf("large report (%d actors, %d statements): %.2f MB, written in %v; charts drawn %v after navigation (%v wall clock)",
		a.Summary.Actors, len(c.Statements), float64(len(page))/(1<<20), wrote.Round(time.Millisecond), drawn.Round(time.Millisecond), wall.Round(time.Millisecond))
	tb.checkCharts(t, allCharts)
	tb.checkClean(t)

	// The table pages 100 rows at a time.
	first := func() string {
		return tb.eval(t, `document.querySelector("#ev-table tbody tr:not([hidden])").id`)
	}
	if got := tb.eval(t, filterJS("", "", "", "")); got != fmt.Sprintf("%d/%d", evidencePage, DefaultMaxEvidence) {
		t.Errorf("page 1: shown/matched = %s", got)
	}
	p1 := first()
	tb.eval(t, `document.getElementById("ev-next").click(); ""`)
	if p2 := first(); p2 == p1 {
		t.Error("next page shows the same rows")
	}
	if got := tb.eval(t, `document.querySelectorAll("#ev-table tbody tr:not([hidden])").length + ""`); got != fmt.Sprint(evidencePage) {
		t.Errorf("page 2 shows %s rows", got)
	}
	// The actor filter counts the statements of that actor in the table.
	inTable := regexp.MustCompile(`<tr id="ev-(\d+)"`).FindAllSubmatch(page, -1)
	want := 0
	for _, m := range inTable {
		i, _ := strconv.Atoi(string(m[1]))
		if c.Statements[i].Actor == "A007" {
			want++
		}
	}
	actor := tb.eval(t, pickJS("f-actor", "Actor 007 "))
	got := tb.eval(t, filterJS(actor, "", "", ""))
	if got != fmt.Sprintf("%d/%d", min(want, evidencePage), want) || want == 0 {
		t.Errorf("actor filter: shown/matched = %s, want %d matched", got, want)
	}
}

func TestBrowserInjection(t *testing.T) {
	ctx := browser(t)
	c := evilCorpus()
	a, err := analysis.Analyze(c, yearly)
	if err != nil {
		t.Fatal(err)
	}
	file := writeReport(t, "evil.html", render(t, a, c, Options{Title: evilActor, Generated: evilTheme, Selection: evilSelection()}))
	tb := openTab(t, ctx)
	tb.load(t, file)
	// Hover every data item of every chart (tooltips show input text as
	// HTML), recording any element that appears which could run code.
	tips := tb.eval(t, `(function () {
  window.__added = [];
  new MutationObserver(function (ms) {
    ms.forEach(function (m) {
      m.addedNodes.forEach(function (n) {
        if (n.nodeType !== 1) return;
        var sel = "img,script,iframe,object,embed,svg,style,link";
        (n.matches(sel) ? [n] : Array.from(n.querySelectorAll(sel))).forEach(function (e) { window.__added.push(e.outerHTML.slice(0, 80)); });
      });
    });
  }).observe(document, {subtree: true, childList: true});
  var n = 0;
  document.querySelectorAll(".chart").forEach(function (el) {
    var inst = echarts.getInstanceByDom(el); if (!inst) return;
    (inst.getOption().series || []).forEach(function (s, si) {
      var len = (s.data || []).length;
      for (var k = 0; k < len; k++) { inst.dispatchAction({type: "showTip", seriesIndex: si, dataIndex: k}); n++; }
    });
  });
  return String(n);
})()`)
	if tips == "0" {
		t.Error("no tooltip shown")
	}
	if added := tb.eval(t, `JSON.stringify(window.__added)`); added != "[]" {
		t.Errorf("hovering added elements: %s", added)
	}
	got := tb.eval(t, `[document.title === `+strconv.Quote(evilActor)+`,
  document.body.innerText.indexOf(`+strconv.Quote(evilActor)+`) >= 0,
  document.body.innerText.indexOf("Beta __f__alert(7)__f__") >= 0,
  document.querySelectorAll("img").length, document.scripts.length, window.__injected === undefined].join(",")`)
	if got != "true,true,true,0,3,true" {
		t.Errorf("title is the text, name shown as text, __f__ shown as text, no img, 3 scripts, nothing injected: got %s", got)
	}
	tb.checkClean(t)
}

// TestBrowserControls: the theme picker of the evolution chart, the
// radar's list and the network's conflict ties redraw their charts.
func TestBrowserControls(t *testing.T) {
	ctx := browser(t)
	// Alpha (X2) and Gamma (X4) agree, Beta (X3) opposes them on every
	// theme: under "subtract" their ties are negative, conflicts.
	c := evilCorpus()
	c.Statements = nil
	for y := range 3 {
		for t := range 4 {
			for i, s := range map[int]int{2: 2, 3: -2, 4: 1, 5: 1 - t%3} {
				c.Statements = append(c.Statements, data.Statement{ID: fmt.Sprintf("c%d-%d-%d", y, t, i), Actor: fmt.Sprintf("X%d", i),
					Theme: fmt.Sprintf("t%d", t), Stance: s, Date: data.Date{Year: int32(2010 + y), Precision: data.PrecisionYear}, Weight: 1})
			}
		}
	}
	slices.SortFunc(c.Statements, func(a, b data.Statement) int { return strings.Compare(a.ID, b.ID) })
	opt := yearly
	opt.Network = analysis.NetworkOptions{Qualifier: analysis.QualifierSubtract}
	a, err := analysis.Analyze(c, opt)
	if err != nil {
		t.Fatal(err)
	}
	file := writeReport(t, "controls.html", render(t, a, c, Options{}))
	tb := openTab(t, ctx)
	tb.load(t, file)
	got := tb.eval(t, `(function () {
  function opt(id) { return echarts.getInstanceByDom(document.getElementById(id)).getOption(); }
  function change(el) { el.dispatchEvent(new Event("change")); }
  var out = [];
  var links = opt("chart-network").series[0].links.length;
  var box = document.getElementById("net-conflict");
  box.checked = true; change(box);
  out.push(opt("chart-network").series[0].links.length > links);
  var evo = document.getElementById("evo-theme"), before = JSON.stringify(opt("chart-evolution").series.map(function (s) { return s.data; }));
  evo.value = String((+evo.value + 1) % evo.options.length); change(evo);
  out.push(JSON.stringify(opt("chart-evolution").series.map(function (s) { return s.data; })) !== before);
  var pick = document.getElementById("radar-rows");
  for (var i = 0; i < pick.options.length; i++) pick.options[i].selected = true;
  change(pick);
  out.push(opt("chart-radar").series[0].data.length === pick.options.length && pick.options.length > 3);
  return out.join(",");
})()`)
	if got != "true,true,true" {
		t.Errorf("conflict ties added, evolution redrawn, radar shows all picked: %s", got)
	}
	tb.checkClean(t)
}

func TestBrowserVariants(t *testing.T) {
	ctx := browser(t)
	_, c := sample()
	vs := variants(t)
	corpora := map[string]*data.Corpus{}
	evil := evilCorpus()
	for _, n := range []int{0, 1} {
		name := fmt.Sprintf("%d statements", n)
		corpora[name] = &data.Corpus{Actors: evil.Actors, Codebook: evil.Codebook, Statements: evil.Statements[:n]}
		a, err := analysis.Analyze(corpora[name], yearly)
		if err != nil {
			t.Fatal(err)
		}
		vs[name] = a
	}
	for _, name := range []string{"by group", "two-mode", "windows", "mds", "0 statements", "1 statements"} {
		t.Run(name, func(t *testing.T) {
			cc := c
			if corpora[name] != nil {
				cc = corpora[name]
			}
			file := writeReport(t, "variant.html", render(t, vs[name], cc, Options{}))
			tb := openTab(t, ctx)
			tb.load(t, file)
			tb.checkClean(t)
			var got []inkResult
			if err := json.Unmarshal([]byte(tb.eval(t, inkJS)), &got); err != nil {
				t.Fatal(err)
			}
			for _, ch := range got {
				if ch.Canvases == 0 || ch.Ink < 50 {
					t.Errorf("chart %s drew nothing", ch.ID)
				}
			}
		})
	}
}

// TestBrowserOffline: a report that links echarts, opened with no
// network, says so on the page and in each chart's place, and its tables
// still work.
func TestBrowserOffline(t *testing.T) {
	ctx := browser(t)
	a, c := sample()
	file := writeReport(t, "cdn.html", render(t, a, c, Options{Assets: "cdn"}))
	tb := openTab(t, ctx)
	if state := tb.open(t, file); state != "failed" {
		t.Fatalf("charts %s with no network", state)
	}
	got := tb.eval(t, `[!!document.getElementById("network-note"), document.querySelectorAll(".chart.failed").length === document.querySelectorAll(".chart").length].join(",")`)
	if got != "true,true" {
		t.Errorf("network note shown, every chart says it failed: %s", got)
	}
	want := 0
	for _, s := range c.Statements {
		if s.Stance == -1 {
			want++
		}
	}
	if got := tb.eval(t, filterJS("", "", "-1", "")); got != fmt.Sprintf("%d/%d", want, want) {
		t.Errorf("stance filter offline: %s, want %d/%d", got, want, want)
	}
	_, dialogs := tb.messages()
	if len(dialogs) > 0 {
		t.Errorf("dialogs: %q", dialogs)
	}
}

// TestBrowserUNGA opens the report of the built-in unga sample with its
// five-year periods: every chart draws, the movers and bloc flows among
// them, since many states spoke in several periods.
func TestBrowserUNGA(t *testing.T) {
	ctx := browser(t)
	a, c := unga(t)
	file := writeReport(t, "unga.html", render(t, a, c, Options{Title: "stancemap: the built-in unga sample", Generated: "test"}))
	tb := openTab(t, ctx)
	took := tb.load(t, file)
	t.Logf("unga report: charts drawn %v after navigation", took)
	tb.checkCharts(t, allCharts)
	// The seeds sample has no finding that holds; the unga one has.
	// A finding's link reveals its statement, even when a filter hides it.
	tb.eval(t, filterJS("", "", "-2", ""))
	got := tb.eval(t, `(function () {
  var a = document.querySelector("ol.findings a.sid"); var id = a.getAttribute("href").slice(1);
  a.click();
  var tr = document.getElementById(id);
  return id + ":" + (!tr.hidden) + ":" + tr.classList.contains("hl");
})()`)
	if !strings.HasSuffix(got, ":true:true") {
		t.Errorf("following a finding's link: %s, want the row shown and highlighted", got)
	}
	tb.checkClean(t)
	if os.Getenv("STANCEMAP_SCREENSHOTS") == "1" {
		tb.eval(t, `document.querySelector("header.top").style.position = "static"; ""`)
		png, err := chromedp.Run(tb.ctx, chromedp.Screenshot(chromedp.ID("evolution")))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "screenshots", "unga-evolution.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserOriginFilter: a report on machine-coded, reviewed and
// hand-coded statements offers a Coded filter, and each choice shows the
// statements of that origin.
func TestBrowserOriginFilter(t *testing.T) {
	ctx := browser(t)
	_, full := sample()
	c := &data.Corpus{Actors: full.Actors, Codebook: full.Codebook, Statements: slices.Clone(full.Statements)}
	want := map[string]int{}
	for i := range c.Statements {
		s := &c.Statements[i]
		switch i % 3 {
		case 1:
			s.Origin, s.Coder, s.Confidence, s.Note = "auto", "stancemap extract", 0.5, "cues: a cue"
		case 2:
			s.Origin, s.Coder, s.Confidence, s.Note = "reviewed", "Ana", 0.7, "cues: a cue; review: accepted by Ana"
		}
		want[data.OriginClass(s)]++
	}
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Bootstrap: -1}})
	if err != nil {
		t.Fatal(err)
	}
	file := writeReport(t, "origins.html", render(t, a, c, Options{}))
	tb := openTab(t, ctx)
	tb.load(t, file)
	for _, o := range []string{"manual", "auto", "reviewed", ""} {
		got := tb.eval(t, fmt.Sprintf(`(function () {
  var el = document.getElementById("f-origin"); el.value = %q; el.dispatchEvent(new Event("change"));
  return document.getElementById("ev-table").getAttribute("data-matched");
})()`, o))
		n := want[o]
		if o == "" {
			n = len(c.Statements)
		}
		if got != fmt.Sprint(n) {
			t.Errorf("coded %q: %s rows matched, want %d", o, got, n)
		}
	}
}
