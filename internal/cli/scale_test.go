package cli

import (
	"encoding/csv"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/internal/testutil"
)

// TestScaleUNGDCValidity scales the UN General Debate Corpus, 2010–2024,
// with the default codebook and measures how well the positions separate
// the classifications of testdata/validity (AUC), pinning the figures the
// README reports. It skips when ../shared is absent.
func TestScaleUNGDCValidity(t *testing.T) {
	corpus := testutil.SharedPath("data", "ungdc_1946-2024.csv.gz")
	if corpus == "" {
		t.Skip("../shared/data/ungdc_1946-2024.csv.gz is absent: the UN General Debate Corpus is not in a fresh clone")
	}
	if testing.Short() {
		t.Skip("-short: scaling the UN corpus takes seconds")
	}
	res, err := Scale([]string{corpus}, ScaleOptions{TextCol: "text", ActorCol: "country", DateCol: "year", From: "2010", To: "2024",
		Boot: 0, Seed: 1, Format: "csv", Quiet: true, ContextWindow: analysis.DefaultContextWindow}, io.Discard, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]float64{}
	for _, p := range res.Positions {
		if !math.IsNaN(p.Value) { // no sentence near a context term
			pos[p.Actor] = p.Value
		}
	}
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "testdata", "validity")
	refs := map[string]bool{"CHN": true, "RUS": true, "USA": true, "GBR": true}
	for _, c := range []struct {
		file                   string
		all, held              float64
		nControl, nOpen, nHeld int
	}{
		{"foc_sco.csv", 0.925, 0.898, 9, 37, 42}, // the tuning list
		{"codeofconduct_jointstatement.csv", 0.987, 0.979, 6, 26, 28},
		{"friends_dfi.csv", 0.803, 0.761, 14, 54, 64},  // held out
		{"csto_budapest.csv", 0.984, 0.980, 5, 63, 65}, // held out
	} {
		a, nc, no := auc(t, filepath.Join(dir, c.file), pos, nil)
		h, hc, ho := auc(t, filepath.Join(dir, c.file), pos, refs)
		t.Logf("%s: AUC %.3f (%d control, %d open); without the reference actors %.3f (%d, %d)", c.file, a, nc, no, h, hc, ho)
		if math.Abs(a-c.all) > 0.0005 || nc != c.nControl || no != c.nOpen || math.Abs(h-c.held) > 0.0005 || hc+ho != c.nHeld {
			t.Errorf("%s: AUC %.3f over %d+%d states, %.3f over %d without the references; the README says %.3f over %d+%d, %.3f over %d",
				c.file, a, nc, no, h, hc+ho, c.all, c.nControl, c.nOpen, c.held, c.nHeld)
		}
	}
}

// auc is the Mann–Whitney AUC of "control" over "open" states, as
// testdata/validity/auc.py computes it.
func auc(t *testing.T, path string, pos map[string]float64, exclude map[string]bool) (float64, int, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var ctl, opn []float64
	for _, r := range rows[1:] {
		v, ok := pos[r[0]]
		if !ok || exclude[r[0]] {
			continue
		}
		if r[1] == "control" {
			ctl = append(ctl, v)
		} else {
			opn = append(opn, v)
		}
	}
	var u float64
	for _, x := range ctl {
		for _, y := range opn {
			switch {
			case x > y:
				u++
			case x == y:
				u += 0.5
			}
		}
	}
	return u / float64(len(ctl)*len(opn)), len(ctl), len(opn)
}
