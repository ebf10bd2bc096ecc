package main

import (
	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/internal/extract"
)

func newEvaluateCmd() *cobra.Command {
	var f extract.EvaluateFlags
	c := &cobra.Command{
		Use:   "evaluate --gold GOLD --pred PRED",
		Short: "Score extracted statements against hand-coded ones: theme F1, attribution accuracy, stance alpha",
		Long: `Compare predicted statements (from 'stancemap extract') with a gold standard coded by
hand. Both are statement files whose url column points to the sentence
(file#char=start,end, as extract writes it); a gold and a predicted statement are
about the same sentence when they name the same file and their spans overlap.

It reports, per theme and overall, precision, recall and F1 of theme detection
(gold sentence × theme units); speaker-attribution accuracy (the share of gold
sentences with a prediction whose actor is right, and the same counting an official
as the state or organisation they speak for); and stance agreement on the themes
found by both: Krippendorff's alpha (ordinal), exact and same-side agreement.

Example:

  stancemap extract seeds/ --manifest seeds/manifest.csv -o pred.csv
  stancemap evaluate --gold gold.csv --pred pred.csv
  stancemap evaluate --gold gold.csv --pred pred.csv --misses   # every disagreement
  stancemap evaluate --gold gold.csv --pred pred.csv --json`,
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, args []string) error {
			return extract.EvaluateCommand(f, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	f.Register(c.Flags())
	return c
}
