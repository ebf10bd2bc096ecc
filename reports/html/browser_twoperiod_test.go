package html

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserTwoPeriods: on the unga sample compared 2005–2009 to
// 2020–2024, the change heatmap and the slope chart draw, the slope
// chart follows the theme chosen, a heatmap cell's tooltip gives both
// means, both n and the interval, and the page stays clean. With
// STANCEMAP_SHOT_DIR set, the section is saved there as two-periods.png.
func TestBrowserTwoPeriods(t *testing.T) {
	ctx := browser(t)
	a, c := ungaTwoPeriods(t)
	file := writeReport(t, "unga-two.html", render(t, a, c, Options{Title: "two periods", Generated: "test"}))
	tb := openTab(t, ctx)
	tb.load(t, file)
	tb.checkCharts(t, []string{"chart-twoheat", "chart-slope"})
	// Every theme offered draws its lines: as many as rows spoke on it in
	// both periods.
	var want []string
	for _, th := range a.PeriodChange.Themes {
		n := 0
		for _, c := range a.PeriodChange.Cells {
			if c.Theme == th && c.A.N > 0 && c.B.N > 0 {
				n++
			}
		}
		if n > 0 {
			want = append(want, strconv.Itoa(min(n, maxSlopeLines)))
		}
	}
	got := tb.eval(t, `(function () {
  var sel = document.getElementById("two-theme"), out = [];
  var inst = echarts.getInstanceByDom(document.getElementById("chart-slope"));
  for (var i = 0; i < sel.options.length; i++) {
    sel.value = sel.options[i].value; sel.dispatchEvent(new Event("change"));
    out.push(inst.getOption().series.length);
  }
  return out.join(",");
})()`)
	if got != strings.Join(want, ",") {
		t.Errorf("slope lines per theme offered: %s, want %s", got, strings.Join(want, ","))
	}
	// The tooltip of Estonia's international_law cell, the one that moved.
	tip := tb.eval(t, `(function () {
  var inst = echarts.getInstanceByDom(document.getElementById("chart-twoheat"));
  var o = inst.getOption(), ys = o.yAxis[0].data, xs = o.xAxis[0].data;
  var r = ys.indexOf("Estonia"), th = -1;
  xs.forEach(function (x, i) { if (/international/i.test(x)) th = i; });
  var s = o.series[0].data.filter(function (d) { var v = d.value || d; return v[0] === th && v[1] === r; })[0];
  return o.tooltip[0].formatter({ value: s.value || s });
})()`)
	for _, want := range []string{"Estonia", "2005–2009: +0.25 (4 statements)", "2020–2024: −1.33 (3 statements)", "change −1.58", "moved"} {
		if !strings.Contains(tip, want) {
			t.Errorf("tooltip %q lacks %q", tip, want)
		}
	}
	tb.checkClean(t)
	if dir := os.Getenv("STANCEMAP_SHOT_DIR"); dir != "" {
		tb.eval(t, `document.querySelector("header.top").style.position = "static"; ""`)
		png, err := chromedp.Run(tb.ctx, chromedp.Screenshot(chromedp.ID("two-periods")))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "two-periods.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
