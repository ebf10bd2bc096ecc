package main

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/stancemap/stancemap/internal/cli"
)

func newEvaluateCmd() *cobra.Command {
	var o cli.EvaluateOptions
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
  stancemap evaluate --gold gold.csv --pred pred.csv --json

When the gold standard codes a sample of sentences rather than whole documents, name
them with --units (a table with a url or id column: file#char=start,end, the sentences
with no theme too): statements on other sentences are then left out of both sides
instead of counting as extra themes. The hand-coded UN General Assembly corpus is
scored so (testdata/unga/evaluate.sh):

  stancemap extract ungdc_1946-2024.csv.gz --text-col text --actor-col country \
      --date-col year --doc-ref 'ungdc:{year}:{country}' -o pred.csv
  stancemap init --sample unga gold
  stancemap evaluate --gold gold/statements.csv --pred pred.csv --units sentences.csv`,
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, args []string) error {
			return cli.Evaluate(o, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	registerEvaluateFlags(c.Flags(), &o)
	return c
}

func registerEvaluateFlags(fs *pflag.FlagSet, o *cli.EvaluateOptions) {
	fs.StringVar(&o.Gold, "gold", "", "the gold statements (hand-coded), with #char=start,end spans in the url column")
	fs.StringVar(&o.Pred, "pred", "", "the statements to score (e.g. from stancemap extract)")
	fs.StringVar(&o.Units, "units", "", "table of the sentences the gold standard coded, themed or not (a url or id column of file#char=start,end): score only on them")
	fs.StringVar(&o.Actors, "actors", "", "actor registry; default: built-in")
	fs.StringVar(&o.Codebook, "codebook", "", "codebook; default: built-in")
	fs.BoolVar(&o.JSON, "json", false, "print the scores as JSON")
	fs.BoolVar(&o.ShowMisses, "misses", false, "list every disagreement (missed and extra themes, wrong actors and stances)")
}
