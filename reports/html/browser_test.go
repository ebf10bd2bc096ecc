package html

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds a Chromium or Chrome binary, "" when there is none.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts a headless Chromium with no network (every request but
// file:// goes to a closed local port and no host name resolves) and a
// fresh profile, or skips the test, saying why.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Skip("no chromium binary found: the browser checks of the HTML report are skipped (Debian: apt-get install chromium, or make deps)")
	}
	if !Embedded() {
		t.Skip("built without -tags bindata, so reports link echarts from the network, which this test forbids: run make test (go test -tags bindata after make assets)")
	}
	dir, err := os.MkdirTemp("", "stancemap-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("proxy-server", "http://127.0.0.1:9"),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("starting %s: %v", path, err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
		// Chromium's helpers can write to the profile for a moment after
		// the browser has gone.
		for range 50 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	return ctx
}

// tab is one page of the browser, with what it wrote to the console and
// the dialogs it opened (accepted at once, so that a page cannot hang).
type tab struct {
	ctx     context.Context
	mu      sync.Mutex
	console []string
	dialogs []string
}

func (tb *tab) messages() (console, dialogs []string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.console...), append([]string(nil), tb.dialogs...)
}

func openTab(t *testing.T, browserCtx context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancel() })
	tb := &tab{ctx: ctx}
	msgs := chromedp.Console(ctx)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.console = append(tb.console, m.String())
			tb.mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.dialogs = append(tb.dialogs, string(ev.Type)+": "+ev.Message)
			tb.mu.Unlock()
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	return tb
}

// load opens a report file and waits until every chart has drawn (or
// the page says the chart library failed). It returns the time from the
// start of navigation to the charts being drawn, as the page measured it.
func (tb *tab) load(t *testing.T, file string) time.Duration {
	t.Helper()
	if state := tb.open(t, file); state != "drawn" {
		t.Fatalf("charts: %s", state)
	}
	ms, err := chromedp.Run(tb.ctx, chromedp.Evaluate[float64](`window.stancemapChartsDrawn || 0`))
	if err != nil {
		t.Fatal(err)
	}
	return time.Duration(ms * float64(time.Millisecond))
}

// open opens a report file and waits for the page to say whether its
// charts are drawn ("drawn") or cannot be ("failed").
func (tb *tab) open(t *testing.T, file string) string {
	t.Helper()
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Navigate("file://"+filepath.ToSlash(abs))); err != nil {
		t.Fatalf("opening %s: %v", file, err)
	}
	state, err := chromedp.Run(tb.ctx, chromedp.Poll[string](`document.body && document.body.getAttribute("data-charts")`,
		chromedp.WithPollingTimeout(60*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		con, _ := tb.messages()
		t.Fatalf("charts not drawn: %v; console: %q", err, con)
	}
	return state
}

func (tb *tab) eval(t *testing.T, js string) string {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// checkClean fails on any console error, warning or exception, and on
// any dialog.
func (tb *tab) checkClean(t *testing.T) {
	t.Helper()
	con, dia := tb.messages()
	for _, m := range con {
		if strings.HasPrefix(m, "error") || strings.HasPrefix(m, "exception") || strings.HasPrefix(m, "warning") {
			t.Errorf("console: %s", m)
		}
	}
	for _, d := range dia {
		t.Errorf("a dialog opened: %s", d)
	}
}

// inkJS counts, per chart container, the canvases and their pixels that
// are neither transparent nor white.
const inkJS = `JSON.stringify(Array.from(document.querySelectorAll(".chart")).map(function (el) {
  var cs = el.querySelectorAll("canvas"), ink = 0;
  cs.forEach(function (c) {
    if (!c.width || !c.height) return;
    var d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    for (var i = 0; i < d.length; i += 16) {
      if (d[i + 3] > 0 && (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245)) ink++;
    }
  });
  return {id: el.id, canvases: cs.length, ink: ink, w: el.clientWidth, h: el.clientHeight};
}))`

type inkResult struct {
	ID       string `json:"id"`
	Canvases int    `json:"canvases"`
	Ink      int    `json:"ink"`
	W, H     int
}

func (tb *tab) checkCharts(t *testing.T, want []string) {
	t.Helper()
	var got []inkResult
	if err := json.Unmarshal([]byte(tb.eval(t, inkJS)), &got); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range got {
		seen[c.ID] = true
		if c.Canvases == 0 || c.Ink < 50 {
			t.Errorf("chart %s (%d×%d px) drew nothing: %d canvases, %d inked pixels sampled", c.ID, c.W, c.H, c.Canvases, c.Ink)
		}
	}
	for _, id := range want {
		if !seen[id] {
			t.Errorf("chart %s is missing", id)
		}
	}
}

// filterJS sets the evidence filters and returns the rows shown and the
// rows matched, as "shown/matched".
func filterJS(actor, theme, stance, text string) string {
	return fmt.Sprintf(`(function () {
  function set(id, v) { var el = document.getElementById(id); el.value = v; el.dispatchEvent(new Event(el.tagName === "INPUT" ? "input" : "change")); }
  set("f-actor", %q); set("f-theme", %q); set("f-stance", %q); set("f-text", %q);
  var t = document.getElementById("ev-table");
  return t.tBodies[0].querySelectorAll("tr:not([hidden])").length + "/" + t.getAttribute("data-matched");
})()`, actor, theme, stance, text)
}
