package html

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserDrawFile opens the report named by STANCEMAP_DRAW_FILE and
// logs how long it took to draw, with the page's size; it skips without
// that variable. bench/report_actors.sh uses it to time reports written
// by the command.
func TestBrowserDrawFile(t *testing.T) {
	file := os.Getenv("STANCEMAP_DRAW_FILE")
	if file == "" {
		t.Skip("STANCEMAP_DRAW_FILE names no report to time (bench/report_actors.sh sets it)")
	}
	st, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	tb := openTab(t, ctx)
	start := time.Now()
	drawn := tb.load(t, file)
	wall := time.Since(start)
	t.Logf("%s: %.2f MB; charts drawn %v after navigation (%v wall clock)", file, float64(st.Size())/1e6,
		drawn.Round(time.Millisecond), wall.Round(time.Millisecond))
	t.Logf("navigation timing (ms): %s", tb.eval(t, `(function () { var n = performance.getEntriesByType("navigation")[0];
  return "DOM interactive " + Math.round(n.domInteractive) + ", DOM content loaded " + Math.round(n.domContentLoadedEventEnd) + ", load " + Math.round(n.loadEventEnd); })()`))
	if os.Getenv("STANCEMAP_DRAW_TIMES") != "" {
		t.Logf("chart times (ms): %s", tb.eval(t, `String(window.chartTimes)`))
	}
	tb.checkClean(t)
	if dir := os.Getenv("STANCEMAP_DRAW_SHOTS"); dir != "" {
		tb.eval(t, `document.querySelector("header.top").style.position = "static"; ""`)
		for _, s := range []string{"overview", "stances", "map", "axis", "distances", "network", "compare", "profiles"} {
			png, err := chromedp.Run(tb.ctx, chromedp.Screenshot(chromedp.ID(s)))
			if err != nil {
				t.Fatalf("screenshot of #%s: %v", s, err)
			}
			if err := os.WriteFile(filepath.Join(dir, s+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
