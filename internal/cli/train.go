package cli

import (
	"cmp"
	"fmt"
	"io"

	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/extract"
)

// TrainOptions are the settings of `stancemap train`: the texts are read
// as extract reads them (the same flags), the gold is a coded statements
// file whose url column names sentences as extract does.
type TrainOptions struct {
	Extract ExtractOptions
	Gold    string
	Texts   string
	Units   string
	L2      float64
	Folds   int
}

// Train runs `stancemap train`: it reads the texts, pairs each sentence
// that speaks of cyberspace with the gold codes, fits the model,
// reports its cross-validated scores and writes the model file.
func Train(o TrainOptions, stdout, stderr io.Writer) error {
	if o.Gold == "" || o.Texts == "" || o.Extract.Output == "" {
		return Failf(ExitUsage, "train needs --gold CODED, --texts CORPUS and -o model.json; see 'stancemap train --help'")
	}
	eo := o.Extract
	eo.Model = "none"
	eo.Quiet = true
	out := eo.Output
	eo.Output = ""
	r, err := newExtractRun([]string{o.Texts}, eo, stderr)
	if err != nil {
		return err
	}
	gold, err := readCoded(o.Gold, r.reg, r.cb, stderr)
	if err != nil {
		return err
	}
	var scope []string
	if o.Units != "" {
		if scope, err = readUnits(o.Units); err != nil {
			return Fail(ExitUsage, err)
		}
	}
	units, err := r.x.CollectUnits(func() error {
		noop := func(*extract.Coded) error { return nil }
		if eo.TextCol != "" {
			return r.runTable(noop)
		}
		return r.runFiles(noop)
	})
	if err != nil {
		return r.failure(err)
	}
	kind := extract.TextsDocuments
	if eo.TextCol != "" {
		kind = extract.TextsSpeeches
	}
	m, rep, err := extract.Train(units, gold, scope, r.cb.ThemeIDs(), extract.TrainOptions{L2: o.L2, Folds: o.Folds,
		Trained: fmt.Sprintf("%s coded in %s", o.Texts, o.Gold), Texts: kind})
	if err != nil {
		return Fail(ExitProblems, fmt.Errorf("%s: %w", o.Gold, err))
	}
	golds := gold
	if scope != nil {
		golds, _ = extract.Scope(gold, scope)
	}
	ev := extract.Evaluate(golds, rep.OOF, r.cb.ThemeIDs(), r.reg)
	fmt.Fprintf(stdout, "Trained on %d sentences; cross-validated (%d folds by document):\n", rep.Sentences, max(o.Folds, 5))
	fmt.Fprintf(stdout, "  %-18s %9s %6s %5s  %s\n", "theme", "precision", "recall", "F1", "coded when")
	for i, sc := range ev.Themes {
		fmt.Fprintf(stdout, "  %-18s %9.3f %6.3f %5.3f  %s\n", sc.Theme, sc.Precision, sc.Recall, sc.F1, m.Themes[i].Rule()+"; stance by "+cmp.Or(m.Themes[i].Stance, extract.ModeModel))
	}
	fmt.Fprintf(stdout, "  %-18s %9.3f %6.3f %5.3f\n", "all", ev.Micro.Precision, ev.Micro.Recall, ev.Micro.F1)
	fmt.Fprintf(stdout, "  stance on %d themes found by both: alpha (ordinal) %.3f, same side %.3f\n", ev.StancePairs, ev.StanceAlpha, ev.StanceSign)
	fmt.Fprintf(stdout, "  confidence by tenth of probability: %v\n", m.Calibration)
	if err := data.WriteFileAtomic(out, func(w io.Writer) error { _, err := w.Write(m.WriteJSON()); return err }); err != nil {
		return Fail(ExitOutput, err)
	}
	return nil
}
