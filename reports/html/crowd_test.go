package html

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// crowded is a report of 2,000 actors on 12 themes over four years
// (each actor speaks on three themes a year, then keeps 4 to 12 of those
// 12 statements, about 16,000 in all), past
// crowdRows, so summarised. The analysis keeps the measures drawn per
// actor (map, blocs, network) and leaves out those that do not grow with
// the actors, with 200 resamples, to stay short.
var crowded = sync.OnceValues(func() (*analysis.Analysis, *data.Corpus) {
	c := largeCorpus(2000, 12, 4)
	// Uneven activity: actor k keeps its first 4 + k mod 9 statements.
	kept, seen := c.Statements[:0], map[string]int{}
	for _, st := range c.Statements {
		k, _ := strconv.Atoi(strings.TrimPrefix(st.Actor, "A"))
		if seen[st.Actor] < 4+k%9 {
			seen[st.Actor]++
			kept = append(kept, st)
		}
	}
	c.Statements = kept
	opt := analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Bootstrap: 200},
		Skip: []analysis.Measure{analysis.MeasureNetwork, analysis.MeasureFindings, analysis.MeasureEvolution, analysis.MeasurePolarisation}}
	a, err := analysis.Analyze(c, opt)
	if err != nil {
		panic(err)
	}
	// The network without its communities: Louvain on 2,000 actors takes
	// most of a minute, and the chart draws the same nodes and ties
	// without them (in one colour).
	if a.Network, err = analysis.AgreementNetwork(c, opt.Network); err != nil {
		panic(err)
	}
	return a, c
})

var crowdedPage = sync.OnceValue(func() []byte {
	a, c := crowded()
	var b bytes.Buffer
	if err := Write(&b, a, c, Options{Generated: "test"}); err != nil {
		panic(err)
	}
	return b.Bytes()
})

// mostActive counts each actor's statements in the corpus and returns
// the ids of the n most active (ties by name, as the report breaks
// them), and every actor's count.
func mostActive(c *data.Corpus, n int) ([]string, map[string]int) {
	count := map[string]int{}
	for _, s := range c.Statements {
		count[s.Actor]++
	}
	ids := make([]string, 0, len(count))
	for id := range count {
		ids = append(ids, id)
	}
	name := func(id string) string { a, _ := c.Actors.Get(id); return a.Name }
	slices.SortFunc(ids, func(x, y string) int { return cmp.Or(count[y]-count[x], strings.Compare(name(x), name(y))) })
	return ids[:n], count
}

func chartByID(t *testing.T, d map[string]any, id string) map[string]any {
	t.Helper()
	for _, c := range d["charts"].([]any) {
		if m := c.(map[string]any); m["id"] == id {
			return m
		}
	}
	t.Fatalf("no chart %s", id)
	return nil
}

func yLabels(t *testing.T, d map[string]any, id string, axis int) []string {
	t.Helper()
	o := chartByID(t, d, id)["option"].(map[string]any)
	var out []string
	for _, v := range o["yAxis"].([]any)[axis].(map[string]any)["data"].([]any) {
		out = append(out, v.(string))
	}
	return out
}

// TestCrowdedReport: 2,000 actors give a report under 10 MB whose
// per-actor charts draw the 50 most active (counted here from the
// statements), whose tree is cut into 50 branches that hold every actor
// once, and which says what it summarised; the finder's data holds every
// actor.
func TestCrowdedReport(t *testing.T) {
	a, c := crowded()
	page := crowdedPage()
	t.Logf("2,000 actors, %d statements: %d bytes (%.2f MB)", len(c.Statements), len(page), float64(len(page))/(1<<20))
	if len(page) >= 10_000_000 {
		t.Errorf("report is %d bytes, want < 10 MB", len(page))
	}
	d := chartData(t, page)
	top, _ := mostActive(c, shownRows)
	var want []string
	for _, id := range top {
		act, _ := c.Actors.Get(id)
		want = append(want, act.Name)
	}
	slices.Sort(want)
	for _, id := range []string{"chart-stance", "chart-salience", "chart-dist"} {
		got := slices.Sorted(slices.Values(yLabels(t, d, id, 0)))
		if !slices.Equal(got, want) {
			t.Errorf("%s draws %d rows %q…, want the %d most active", id, len(got), got[:min(3, len(got))], shownRows)
		}
	}
	if tri := chartByID(t, d, "chart-dist")["extra"].(map[string]any)["tri"].([]any); len(tri) != shownRows*(shownRows+1)/2 {
		t.Errorf("distance triangle of %d cells, want %d", len(tri), shownRows*(shownRows+1)/2)
	}
	// The tree's branches: "name" or "name and k more", k+1 actors each.
	branches := yLabels(t, d, "chart-dendro", 1)
	if len(branches) != shownRows {
		t.Errorf("tree cut into %d branches, want %d", len(branches), shownRows)
	}
	held := 0
	more := regexp.MustCompile(` and (\d+) more$`)
	for _, b := range branches {
		held++
		if m := more.FindStringSubmatch(b); m != nil {
			k, _ := strconv.Atoi(m[1])
			held += k
		}
	}
	if clustered := len(a.Blocs.Dendrogram.Rows); held != clustered {
		t.Errorf("the tree's branches hold %d actors, the clustering %d", held, clustered)
	}
	net := chartByID(t, d, "chart-network")["option"].(map[string]any)["series"].([]any)[0].(map[string]any)
	if n := len(net["data"].([]any)); n != shownRows {
		t.Errorf("network draws %d nodes, want %d", n, shownRows)
	}
	if n := bytes.Count(regexp.MustCompile(`(?s)<select id="radar-rows".*?</select>`).Find(page), []byte("<option ")); n < 2 || n > shownRows+3 {
		t.Errorf("the radar lists %d actors, want the %d shown and its picks", n, shownRows)
	}
	if n := bytes.Count(page, []byte(`<details class="profile"`)); n != shownRows {
		t.Errorf("%d profiles, want %d", n, shownRows)
	}
	rows := d["rows"].(map[string]any)
	if n := len(rows["labels"].([]any)); n != 2000 {
		t.Errorf("finder data holds %d rows, want 2000", n)
	}
	for _, s := range []string{
		"This report has 2,000 actors, too many to draw one by one",
		"Showing the 50 most active of 2,000 actors; find any other",
		"The chart draws the 50 most active of the network&#39;s 2,000 actors",
		`<input id="find-row" type="search" list="find-list"`,
	} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("the page does not say %q", s)
		}
	}
	if again := render(t, a, c, Options{Generated: "test"}); !bytes.Equal(again, page) {
		t.Error("two reports of the same analysis differ")
	}
}

// TestSmallReportNotSummarised: at crowdRows rows and below nothing is
// summarised: no finder, no rows data, every row on the heatmap.
func TestSmallReportNotSummarised(t *testing.T) {
	a, c := large()
	page := render(t, a, c, Options{})
	if bytes.Contains(page, []byte(`id="find-row"`)) || bytes.Contains(page, []byte(`class="note crowd"`)) {
		t.Error("a report of 200 actors has the finder or a summary note")
	}
	d := chartData(t, page)
	if _, ok := d["rows"]; ok {
		t.Error("a report of 200 actors carries the finder's rows")
	}
	if n := len(yLabels(t, d, "chart-stance", 0)); n != 200 {
		t.Errorf("heatmap of %d rows, want 200", n)
	}
}

// TestBrowserCrowdedFinder opens the report of 2,000 actors, checks it
// draws cleanly, and finds, by id, the least active actor (not among
// the 50 the charts draw): it joins the heatmaps at the top, its
// profile lists its themes, and a query that several actors match asks
// for more.
func TestBrowserCrowdedFinder(t *testing.T) {
	ctx := browser(t)
	a, c := crowded()
	page := crowdedPage()
	if len(page) >= 10_000_000 {
		t.Errorf("report is %d bytes, want < 10 MB", len(page))
	}
	file := writeReport(t, "crowded.html", page)
	tb := openTab(t, ctx)
	drawn := tb.load(t, file)
	t.Logf("2,000 actors: %.2f MB, charts drawn %v after navigation", float64(len(page))/(1<<20), drawn)
	tb.checkCharts(t, []string{"chart-stance", "chart-salience", "chart-map", "chart-dendro", "chart-dist", "chart-network", "chart-radar"})
	tb.checkClean(t)

	top, count := mostActive(c, shownRows)
	var least string
	for id, n := range count {
		if !slices.Contains(top, id) && (least == "" || n < count[least] || (n == count[least] && id < least)) {
			least = id
		}
	}
	act, _ := c.Actors.Get(least)
	themes := 0
	m := a.Overall.Matrices[0]
	for _, cell := range m.Cells[slices.Index(m.Rows, least)] {
		if cell.N > 0 {
			themes++
		}
	}
	find := func(q string) string {
		return tb.eval(t, fmt.Sprintf(`(function () {
  var f = document.getElementById("find-row");
  f.value = %q;
  f.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter"}));
  return document.getElementById("find-status").textContent;
})()`, q))
	}
	status := find(least)
	if !strings.HasPrefix(status, act.Name+": added to the heatmaps") || !strings.Contains(status, "profile") {
		t.Errorf("finding %s (%s) says %q", least, act.Name, status)
	}
	first := tb.eval(t, `echarts.getInstanceByDom(document.getElementById("chart-stance")).getOption().yAxis[0].data.slice(0, 2).join("|")`)
	if !strings.HasPrefix(first, "▸ "+act.Name+"|") {
		t.Errorf("stance heatmap starts with %q, want the found actor first", first)
	}
	rows := tb.eval(t, `(function () {
  var d = document.querySelector("#found-profiles details.profile");
  return d ? d.open + " " + d.querySelector("summary b").textContent + " " + d.querySelectorAll("tbody tr").length : "none";
})()`)
	if want := fmt.Sprintf("true %s %d", act.Name, themes); rows != want {
		t.Errorf("found profile: %q, want %q (open, name, themes)", rows, want)
	}
	radar := tb.eval(t, `echarts.getInstanceByDom(document.getElementById("chart-radar")).getOption().series[0].data.map(function (d) { return d.name; }).join("|")`)
	if !slices.Contains(strings.Split(radar, "|"), act.Name) {
		t.Errorf("radar draws %q, not the found actor", radar)
	}
	if dir := os.Getenv("STANCEMAP_DRAW_SHOTS"); dir != "" {
		for _, sel := range []string{"header.top", "#stances", "#profiles"} {
			png, err := chromedp.Run(tb.ctx, chromedp.Screenshot(chromedp.CSS(sel)))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "found-"+strings.Trim(sel, "#.")+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if s := find("Actor 00"); !strings.Contains(s, "match: pick one") {
		t.Errorf("an ambiguous query says %q", s)
	}
	tb.checkClean(t)
}

// TestBrowserCrowdedInjection: in a summarised report (210 actors), a
// hostile actor name reaches the finder's data escaped, and finding it
// (it is the least active, so built from that data) shows it as text,
// runs nothing and opens no dialog.
func TestBrowserCrowdedInjection(t *testing.T) {
	c := largeCorpus(crowdRows+10, 5, 1)
	reg := data.NewRegistry()
	for _, x := range c.Actors.Actors() {
		a := *x
		if a.ID == "A001" {
			a.Name = evilActor
		}
		if err := reg.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	c.Actors = reg
	kept := 0 // A001 keeps one statement: the least active
	c.Statements = slices.DeleteFunc(c.Statements, func(s data.Statement) bool {
		if s.Actor != "A001" {
			return false
		}
		kept++
		return kept > 1
	})
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Bootstrap: 50}})
	if err != nil {
		t.Fatal(err)
	}
	page := render(t, a, c, Options{})
	if !bytes.Contains(page, []byte(`id="find-row"`)) {
		t.Fatal("the report is not summarised")
	}
	if bytes.Contains(page, []byte(evilActor)) {
		t.Error("the hostile name is in the page unescaped")
	}
	ctx := browser(t)
	tb := openTab(t, ctx)
	tb.load(t, writeReport(t, "evil.html", page))
	status := tb.eval(t, `(function () {
  var f = document.getElementById("find-row");
  f.value = "A001";
  f.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter"}));
  return document.getElementById("find-status").textContent;
})()`)
	if !strings.HasPrefix(status, evilActor+": added to the heatmaps") {
		t.Errorf("finder says %q", status)
	}
	if got := tb.eval(t, `document.querySelector("#found-profiles summary b").textContent`); got != evilActor {
		t.Errorf("found profile named %q", got)
	}
	if n := tb.eval(t, `String(document.querySelectorAll("script").length)`); n != "3" {
		t.Errorf("%s scripts in the page after finding, want 3", n)
	}
	tb.checkClean(t)
}
