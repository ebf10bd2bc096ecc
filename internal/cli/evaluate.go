package cli

import (
	"fmt"
	"io"
	"math"

	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/extract"
)

// EvaluateOptions are the settings of `stancemap evaluate`.
type EvaluateOptions struct {
	Gold, Pred, Actors, Codebook string
	JSON, ShowMisses             bool
}

// Evaluate runs `stancemap evaluate`.
func Evaluate(o EvaluateOptions, stdout, stderr io.Writer) error {
	if o.Gold == "" || o.Pred == "" {
		return Failf(ExitUsage, "evaluate needs --gold FILE and --pred FILE; see 'stancemap evaluate --help'")
	}
	reg, cb, err := RegistryAndCodebook(InputFlags{Actors: o.Actors, Codebook: o.Codebook})
	if err != nil {
		return Fail(ExitUsage, err)
	}
	gold, err := readCoded(o.Gold, reg, cb, stderr)
	if err != nil {
		return err
	}
	pred, err := readCoded(o.Pred, reg, cb, stderr)
	if err != nil {
		return err
	}
	ev := extract.Evaluate(gold, pred, cb.ThemeIDs(), reg)
	if ev.GoldNoEvidence == len(gold) {
		return Failf(ExitProblems, "%s: no gold statement has a #char=start,end span in its url column, so nothing can be aligned", o.Gold)
	}
	if o.JSON {
		return WriteJSONNaN(stdout, ev)
	}
	WriteEvaluation(stdout, ev, o.ShowMisses)
	if ev.PredNoEvidence > 0 {
		fmt.Fprintf(stderr, "stancemap: %d predicted statements have no #char= span in their url column and were left out\n", ev.PredNoEvidence)
	}
	return nil
}

// readCoded reads statements for evaluation or agreement; duplicate rows
// are fine there (two sentences coded alike), other problems are not.
func readCoded(path string, reg *data.Registry, cb *data.Codebook, stderr io.Writer) ([]data.Statement, error) {
	res, err := data.ReadStatements([]string{path}, data.ReadOptions{Registry: reg, Codebook: cb})
	if err != nil {
		return nil, Fail(ExitUsage, err)
	}
	var ps data.Problems
	for _, p := range res.Problems {
		if p.Code != data.CodeDuplicate {
			ps = append(ps, p)
		}
	}
	if ps.Errors() > 0 {
		PrintProblems(stderr, ps, 20)
		return nil, Failf(ExitProblems, "%s: %d of %d rows are invalid; fix them first (stancemap validate %s)", path, res.InvalidRows, res.Rows, path)
	}
	return res.Statements, nil
}

// WriteEvaluation prints an evaluation as a plain-text report.
func WriteEvaluation(w io.Writer, ev *extract.Evaluation, misses bool) {
	fmt.Fprintf(w, "Theme detection (gold sentence × theme units; a prediction counts when its span overlaps)\n")
	fmt.Fprintf(w, "  %-18s %4s %4s %4s  %9s %6s %5s\n", "theme", "tp", "fp", "fn", "precision", "recall", "F1")
	for _, t := range append(ev.Themes, ev.Micro) {
		fmt.Fprintf(w, "  %-18s %4d %4d %4d  %9s %6s %5s\n", t.Theme, t.TP, t.FP, t.FN, score(t.Precision), score(t.Recall), score(t.F1))
	}
	fmt.Fprintf(w, "  macro F1 %s\n\n", score(ev.MacroF1))
	fmt.Fprintf(w, "Speaker attribution (%d of %d gold sentences have a predicted statement)\n", ev.Aligned, ev.GoldSentences)
	fmt.Fprintf(w, "  actor accuracy          %s (%d of %d)\n", score(ev.ActorAccuracy), ev.ActorCorrect, ev.Aligned)
	fmt.Fprintf(w, "  organisation accuracy   %s (%d of %d; an official counts as the actor they speak for)\n\n", score(ev.OrganisationAccuracy), ev.OrganisationCorrect, ev.Aligned)
	fmt.Fprintf(w, "Stance agreement (%d themes found in both)\n", ev.StancePairs)
	fmt.Fprintf(w, "  Krippendorff's alpha (ordinal) %s\n", score(ev.StanceAlpha))
	fmt.Fprintf(w, "  same value %s, same side (−/0/+) %s\n", score(ev.StanceExact), score(ev.StanceSign))
	if misses && len(ev.Misses) > 0 {
		fmt.Fprintf(w, "\nDisagreements\n")
		for _, m := range ev.Misses {
			fmt.Fprintf(w, "  %s#char=%d,%d  %-12s %-17s gold %-20s predicted %s\n", m.Doc, m.Start, m.End, m.Kind, m.Theme, orDash(m.Gold), orDash(m.Pred))
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// score writes a coefficient with three decimals, n/a when undefined.
func score(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", v)
}

// percent writes a share as a whole percentage, n/a when undefined.
func percent(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", 100*v)
}
