package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress is a progress bar on standard error, shown only to a person
// watching a terminal. A nil *progress shows nothing.
type progress struct {
	bar *progressbar.ProgressBar
	w   io.Writer
}

// newProgress starts a bar counting to max (bytes when bytes is set), or
// returns nil when quiet or when w is not a terminal.
func newProgress(w io.Writer, quiet bool, max int64, desc string, bytes bool) *progress {
	f, ok := w.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	opts := []progressbar.Option{progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(desc),
		progressbar.OptionThrottle(100 * time.Millisecond), progressbar.OptionShowCount(), progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish()}
	if bytes {
		opts = append(opts, progressbar.OptionShowBytes(true))
	}
	return &progress{bar: progressbar.NewOptions64(max, opts...), w: w}
}

func (p *progress) set(n int64) { _ = p.bar.Set64(n) }

func (p *progress) finish() {
	if p == nil {
		return
	}
	_ = p.bar.Finish()
	fmt.Fprintln(p.w)
}
