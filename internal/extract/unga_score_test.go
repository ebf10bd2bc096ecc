package extract

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stancemap/stancemap/internal/testutil/samplecorpus"

	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/testutil"
)

const ungaScores = "../../testdata/unga/scores.txt"

// TestUNGACoderScores measures the coder against the hand coding of the
// UN corpus, on each half, as testdata/unga/evaluate.sh does through the
// commands: every speech of 2000-2024 coded with the default rules,
// scored on the selected sentences only (themed or not). The figures are
// pinned in testdata/unga/scores.txt (-update rewrites it), so that a
// change to the coder shows what it does to them; tune on dev only.
func TestUNGACoderScores(t *testing.T) {
	if testutil.SharedPath("data", "ungdc_1946-2024.csv.gz") == "" || testing.Short() {
		t.Skip("../shared/data is absent (or -short): the coder is not scored on the UN corpus")
	}
	if raceDetector {
		t.Skip("-race: coding the UN corpus under the race detector takes minutes; run without -race to score the coder")
	}
	gold, _ := samplecorpus.Load(t, "unga")
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	x := newTestExtractor(t, Options{Model: m})
	speeches := ungaSpeeches(t)
	preds := make([][]data.Statement, len(speeches))
	extractSpeeches(x, speeches, func(i int, res *DocResult) {
		for _, c := range res.Coded {
			if c.Actor != "" {
				preds[i] = append(preds[i], c.Statement)
			}
		}
	})
	var pred []data.Statement
	for _, p := range preds {
		pred = append(pred, p...)
	}
	halves := map[string][]string{}
	for _, r := range readCSVRows(t, ungaSentences) {
		halves[r["half"]] = append(halves[r["half"]], r["id"])
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# The default coder (rules and the built-in model) against the hand-coded UN corpus (TestUNGACoderScores; -update rewrites).\n")
	fmt.Fprintf(&b, "# Tune on dev only; test is the report half. The built-in model (internal/extract/model.json) was\n")
	fmt.Fprintf(&b, "# trained on the dev half, so its dev figures are its fit, not an estimate: the cross-validated\n")
	fmt.Fprintf(&b, "# dev figures are in README.md and TestUNGATrainModel (STANCEMAP_TRAIN=1).\n")
	for _, half := range []string{"dev", "test"} {
		g, _ := Scope(gold.Statements, halves[half])
		p, _ := Scope(pred, halves[half])
		ev := Evaluate(g, p, x.cb.ThemeIDs(), x.reg)
		fmt.Fprintf(&b, "\n%s half: %d sentences, %d gold sentence × theme units\n", half, len(halves[half]), ev.Micro.TP+ev.Micro.FN)
		fmt.Fprintf(&b, "  %-18s %4s %4s %4s %9s %6s %5s\n", "theme", "tp", "fp", "fn", "precision", "recall", "F1")
		for _, sc := range append(ev.Themes, ev.Micro) {
			fmt.Fprintf(&b, "  %-18s %4d %4d %4d %9.3f %6.3f %5.3f\n", sc.Theme, sc.TP, sc.FP, sc.FN, sc.Precision, sc.Recall, sc.F1)
		}
		fmt.Fprintf(&b, "  macro F1 %.3f\n", ev.MacroF1)
		fmt.Fprintf(&b, "  %-18s %5s %9s %14s %12s\n", "theme", "pairs", "alpha", "opposite side", "other side")
		for _, th := range x.cb.ThemeIDs() {
			et := Evaluate(ofTheme(g, th), ofTheme(p, th), []string{th}, x.reg)
			sc := et.SignConfusion
			opp := sc[0][2] + sc[2][0]
			other := opp + sc[0][1] + sc[1][0] + sc[1][2] + sc[2][1]
			fmt.Fprintf(&b, "  %-18s %5d %9.3f %6d (%4.1f%%) %5d (%4.1f%%)\n", th, et.StancePairs, et.StanceAlpha,
				opp, 100*float64(opp)/float64(max(1, et.StancePairs)), other, 100*float64(other)/float64(max(1, et.StancePairs)))
		}
		fmt.Fprintf(&b, "  stance on %d themes found by both: alpha (ordinal) %.3f, same value %.3f, same side %.3f\n",
			ev.StancePairs, ev.StanceAlpha, ev.StanceExact, ev.StanceSign)
		fmt.Fprintf(&b, "  sides, gold (rows) × coder (columns), − 0 +:")
		for _, row := range ev.SignConfusion {
			fmt.Fprintf(&b, " [%d %d %d]", row[0], row[1], row[2])
		}
		fmt.Fprintln(&b)
	}
	got := strings.ReplaceAll(b.String(), "NaN", "n/a")
	if *testutil.Update {
		if err := os.WriteFile(ungaScores, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(ungaScores)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("the coder's scores on the UN corpus changed (review, then -update):\n%s", got)
	}
}

func ofTheme(sts []data.Statement, theme string) []data.Statement {
	var out []data.Statement
	for _, s := range sts {
		if s.Theme == theme {
			out = append(out, s)
		}
	}
	return out
}

// extractSpeeches codes each speech as a document of its country, on
// every core, and hands each result with the speech's index to done
// (from several goroutines: done must only touch its own index's data).
// Speeches whose country the registry does not know are skipped.
func extractSpeeches(x *Extractor, speeches []ungaSpeech, done func(i int, res *DocResult)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				sp := speeches[i]
				a, ok := x.reg.Resolve(sp.country)
				if !ok {
					continue
				}
				d, _ := data.ParseDate(sp.year)
				done(i, x.Extract(&Document{Ref: "ungdc:" + sp.year + ":" + sp.country, Text: sp.text, Speech: true, Actor: a.ID, Date: d}))
			}
		}()
	}
	for i := range speeches {
		next <- i
	}
	close(next)
	wg.Wait()
}
