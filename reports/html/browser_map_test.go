package html

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

// mapLabelsJS lists, from the rendered position map, every text drawn
// inside the plot (actor labels and theme names) with its box in pixels,
// the grid's box, and the theme arrows' ends against the axes' range.
const mapLabelsJS = `(function () {
  var inst = echarts.getInstanceByDom(document.getElementById("chart-map"));
  inst.getZr().flush();
  var grid = inst.getModel().getComponent("grid").coordinateSystem.getRect();
  var out = {grid: [grid.x, grid.y, grid.width, grid.height], texts: [], arrowsInside: true};
  inst.getZr().storage.getDisplayList(true).forEach(function (el) {
    if ((el.type !== "text" && el.type !== "tspan") || el.invisible || el.ignore || !el.style || !el.style.text) return;
    if (el.style.opacity === 0) return;
    var r = el.getBoundingRect().clone();
    if (el.transform) r.applyTransform(el.transform);
    // Axis names and tick labels lie outside the grid.
    var cx = r.x + r.width / 2, cy = r.y + r.height / 2;
    if (cx < grid.x || cx > grid.x + grid.width || cy < grid.y || cy > grid.y + grid.height) return;
    out.texts.push({text: String(el.style.text), x: r.x, y: r.y, w: r.width, h: r.height});
  });
  var opt = inst.getOption();
  var lim = [opt.xAxis[0].max, opt.yAxis[0].max];
  opt.series.forEach(function (s) {
    if (!s.markLine || !s.markLine.data) return;
    s.markLine.data.forEach(function (d) {
      var end = d[1].coord;
      if (Math.abs(end[0]) > lim[0] || Math.abs(end[1]) > lim[1]) out.arrowsInside = false;
    });
  });
  return JSON.stringify(out);
})()`

type mapLabels struct {
	Grid  [4]float64
	Texts []struct {
		Text       string
		X, Y, W, H float64
	}
	ArrowsInside bool
}

// TestBrowserMapLabels opens the sample report (the demo's map) in
// Chromium and checks what a reader sees: every actor on the map has its
// label, no label overlaps another, every theme arrow ends inside the
// plot, and China, +2 on sovereignty, is not at the origin.
func TestBrowserMapLabels(t *testing.T) {
	ctx := browser(t)
	a, c := sample()
	file := writeReport(t, "sample.html", render(t, a, c, Options{Title: "map", Generated: "test"}))
	tb := openTab(t, ctx)
	tb.load(t, file)
	var got mapLabels
	if err := json.Unmarshal([]byte(tb.eval(t, mapLabelsJS)), &got); err != nil {
		t.Fatal(err)
	}
	v := &view{a: a, c: c}
	want := map[string]bool{}
	for _, id := range a.Map.Rows {
		want[v.actorLabel(id)] = true
	}
	seen := map[string]bool{}
	for _, x := range got.Texts {
		seen[x.Text] = true
	}
	for l := range want {
		if !seen[l] {
			t.Errorf("actor %q has no label on the map", l)
		}
	}
	for i, p := range got.Texts {
		for _, q := range got.Texts[i+1:] {
			ox := math.Min(p.X+p.W, q.X+q.W) - math.Max(p.X, q.X)
			oy := math.Min(p.Y+p.H, q.Y+q.H) - math.Max(p.Y, q.Y)
			if ox > 0.5 && oy > 0.5 {
				t.Errorf("labels overlap: %q at (%.0f, %.0f, %.0f×%.0f) and %q at (%.0f, %.0f, %.0f×%.0f)",
					p.Text, p.X, p.Y, p.W, p.H, q.Text, q.X, q.Y, q.W, q.H)
			}
		}
	}
	if !got.ArrowsInside {
		t.Errorf("a theme arrow ends outside the plot")
	}
	for i, id := range a.Map.Rows {
		if id == "CHN" && math.Hypot(a.Map.Coords[i][0], a.Map.Coords[i][1]) < 0.5 {
			t.Errorf("China (+2 on sovereignty) sits at the origin: %v", a.Map.Coords[i])
		}
	}
	t.Logf("%d labels inside the map, grid %v", len(got.Texts), got.Grid)
	if os.Getenv("STANCEMAP_SCREENSHOTS") == "1" {
		png, err := chromedp.Run(tb.ctx, chromedp.Screenshot(chromedp.ID("chart-map")))
		if err == nil {
			os.WriteFile(os.Getenv("STANCEMAP_MAP_PNG"), png, 0o644)
		}
	}
}
