package html

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
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
	// Thread time: the CPU time of the page's main thread, which a busy
	// machine inflates less than the wall clock.
	if _, err := chromedp.Call(tb.ctx, performance.Enable, performance.EnableParams{TimeDomain: performance.EnableTimeDomainThreadTicks}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	drawn := tb.load(t, file)
	wall := time.Since(start)
	t.Logf("%s: %.2f MB; charts drawn %v after navigation (%v wall clock)", file, float64(st.Size())/1e6,
		drawn.Round(time.Millisecond), wall.Round(time.Millisecond))
	t.Logf("navigation timing (ms): %s", tb.eval(t, `(function () { var n = performance.getEntriesByType("navigation")[0];
  return "DOM interactive " + Math.round(n.domInteractive) + ", DOM content loaded " + Math.round(n.domContentLoadedEventEnd) + ", load " + Math.round(n.loadEventEnd); })()`))
	m, err := chromedp.Call(tb.ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	var ms []string
	for _, x := range m.Metrics {
		switch x.Name {
		case "TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "ThreadTime", "ProcessTime":
			ms = append(ms, fmt.Sprintf("%s %.2f s", x.Name, x.Value))
		}
	}
	t.Logf("page metrics (CPU of the page's threads): %s", strings.Join(ms, ", "))
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
