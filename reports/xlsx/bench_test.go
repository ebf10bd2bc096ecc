package xlsx

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/synth"
)

// synthCorpus reads a synthetic corpus of n statements by the given
// number of actors (internal/synth: blocs, drift, skewed activity, dates
// of mixed precision, a sentence of text each), every statement with a
// source URL.
func synthCorpus(tb testing.TB, n, actors int) (*data.Corpus, *data.ReadResult) {
	tb.Helper()
	s, err := synth.New(synth.Options{Statements: n, Actors: actors})
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	t, err := data.ParseTable(&buf, "synth.csv", data.TableOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	rr := data.ReadStatementsTable(t, data.ReadOptions{Registry: s.Registry, Codebook: s.Codebook})
	if rr.InvalidRows > 0 {
		tb.Fatalf("%d invalid rows: %v", rr.InvalidRows, rr.Problems[0])
	}
	for i := range rr.Statements {
		rr.Statements[i].URL = "https://example.org/report/" + strconv.Itoa(i%997)
	}
	return &data.Corpus{Statements: rr.Statements, Actors: s.Registry, Codebook: s.Codebook}, rr
}

// heapPeak samples the live heap every few milliseconds until stopped.
type heapPeak struct {
	peak atomic.Uint64
	stop chan struct{}
	done chan struct{}
}

func watchHeap() *heapPeak {
	h := &heapPeak{stop: make(chan struct{}), done: make(chan struct{})}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(h.done)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > h.peak.Load() {
				h.peak.Store(v)
			}
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

func (h *heapPeak) end() uint64 {
	close(h.stop)
	<-h.done
	return h.peak.Load()
}

// resetPeakRSS starts the process's peak resident set anew (Linux), so
// that the corpus generation before the benchmark does not count.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// rss reads a line of /proc/self/status (Linux), in bytes: "VmRSS:" is
// the process's resident memory now, "VmHWM:" its largest since
// resetPeakRSS.
func rss(key string) float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key); ok {
			var kb float64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return kb * 1024
		}
	}
	return 0
}

// BenchmarkWriteReport_1M writes the report of 1,000,000 statements by
// 200 actors on 5 themes over 30 years (yearly periods), every statement
// with a source URL. Goal (issue 5): under 30 s and 1.5 GB. It reports
// the process's peak resident memory while writing, the corpus and its
// analysis included (rss-MB), the resident memory before writing, that
// is of the corpus and its analysis (corpus-rss-MB), the largest heap
// the writer added above what these hold, garbage not yet collected
// included (writer-MB), and the file's size.
func BenchmarkWriteReport_1M(b *testing.B) {
	c, rr := synthCorpus(b, 1_000_000, 200)
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Period: analysis.PeriodSpec{Kind: analysis.PeriodYear}}})
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "report.xlsx")
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()
	before := rss("VmRSS:")
	base := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(base)
	h := watchHeap()
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteReport(f, a, c, rr, Options{Version: "bench"}); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	peak := h.end()
	st, _ := os.Stat(path)
	b.ReportMetric(float64(peak-min(peak, base[0].Value.Uint64()))/1e6, "writer-MB")
	b.ReportMetric(rss("VmHWM:")/1e6, "rss-MB")
	b.ReportMetric(before/1e6, "corpus-rss-MB")
	b.ReportMetric(float64(st.Size())/1e6, "file-MB")
}

// BenchmarkWriteReport_20k_200actors_live is the largest corpus of 200
// actors on 5 themes written with live formulas by default.
func BenchmarkWriteReport_20k_200actors_live(b *testing.B) {
	c, rr := synthCorpus(b, DefaultLiveLimit/1000, 200)
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteReport(&buf, a, c, rr, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
