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
	// Units names a table of the sentences the gold standard coded
	// (those with no theme too), in a url or id column; statements on
	// other sentences are left out of both.
	Units            string
	JSON, ShowMisses bool
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
	var outGold, outPred int
	if o.Units != "" {
		units, err := readUnits(o.Units)
		if err != nil {
			return err
		}
		gold, outGold = extract.Scope(gold, units)
		pred, outPred = extract.Scope(pred, units)
		fmt.Fprintf(stderr, "stancemap: scored on the %d sentences of %s: left out %d gold and %d predicted statements on other sentences\n",
			len(units), o.Units, outGold, outPred)
		if len(gold) == 0 {
			return Failf(ExitProblems, "%s: no gold statement is on a sentence of %s", o.Gold, o.Units)
		}
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

// readUnits reads the evidence references of a units table: its url
// column, else its id column, each file#char=start,end.
func readUnits(path string) ([]string, error) {
	rows, err := data.OpenRows(path, data.RowOptions{})
	if err != nil {
		return nil, Fail(ExitUsage, err)
	}
	defer rows.Close()
	col, name := rows.Column("url"), "url"
	if col < 0 {
		col, name = rows.Column("id"), "id"
	}
	if col < 0 {
		return nil, Failf(ExitUsage, "%s: no url or id column to name the sentences (file#char=start,end)", path)
	}
	var units []string
	for {
		rec, row, err := rows.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, Fail(ExitUsage, err)
		}
		v := ""
		if col < len(rec) {
			v = rec[col]
		}
		if _, _, _, ok := data.ParseEvidence(v); !ok {
			return nil, Failf(ExitUsage, "%s:%d:%s: %q does not point to a sentence (file#char=start,end)", path, row, name, v)
		}
		units = append(units, v)
	}
	if len(units) == 0 {
		return nil, Failf(ExitUsage, "%s: no sentences listed", path)
	}
	return units, nil
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
	if ev.StancePairs > 0 {
		fmt.Fprintf(w, "  sides (rows gold, columns predicted)\n  %8s %5s %5s %5s\n", "", "−", "0", "+")
		for i, name := range []string{"−", "0", "+"} {
			c := ev.SignConfusion[i]
			fmt.Fprintf(w, "  %8s %5d %5d %5d\n", "gold "+name, c[0], c[1], c[2])
		}
	}
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
