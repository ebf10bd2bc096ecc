package main

import (
	"io"

	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/internal/cli"
)

// streamMatrix lets matrix take the streaming path where it can
// (MatrixFlags.StreamMatrices); tests turn it off to compare with the
// plain path, and set matrixPath to learn which path a run took.
var (
	streamMatrix = true
	matrixPath   func(streamed bool)
)

func newMatrixCmd() *cobra.Command {
	var (
		sf        cli.StatementFlags
		mf        cli.MatrixFlags
		format    string
		output    string
		salience  bool
		plainPath bool
	)
	c := &cobra.Command{
		Use:   "matrix FILE...",
		Short: "Compute stance and salience matrices per actor (or group) × theme, per period",
		Long: `Compute, for every actor × theme: the weighted mean stance, the number of statements,
the standard deviation, a 95% bootstrap confidence interval of the mean (fixed seed:
the same input gives the same numbers) and the salience (the share of the actor's
statements that fall on the theme). Cells with no statements are empty, never 0.

Rows can be grouped by actor kind, country, region or group (G7, BRICS, EU, …): a
group's cell pools its members' statements. Time can be split by year, quarter,
month or custom ranges; a statement whose date is coarser than the period (dated
"2013" when splitting by month) is listed as unplaced, never silently dropped.

The filters (--from, --to, --select-actors, --select-themes, --event, --source,
--origin, --min-confidence) are those of every command that reads statements;
standard error says how many statements they kept and names a selected actor left
with none.

Example:

  stancemap matrix coded.csv
  stancemap matrix coded.csv --period 2008-2012,2013-2016 --group-by group
  stancemap matrix coded.xlsx --period year --format csv -o matrix.csv
  stancemap matrix coded.csv --from 2010 --to 2015 --select-actors CHN,USA,RUS
  stancemap matrix review.xlsx --origin manual,reviewed     # leave out unreviewed machine codes`,
		Args: minArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if _, err := mf.Options(); err != nil {
				return err
			}
			set, corpus, streamed, err := mf.Compute(args, &sf, c.ErrOrStderr(), streamMatrix && !plainPath)
			if err != nil {
				return err
			}
			if matrixPath != nil {
				matrixPath(streamed)
			}
			write := func(w io.Writer) error { return cli.WriteMatrix(w, format, set, corpus, salience) }
			if output == "" || output == "-" {
				return write(c.OutOrStdout())
			}
			return cli.WriteOutput(output, args, write)
		},
	}
	sf.Register(c.Flags(), true, false)
	mf.Register(c.Flags())
	c.Flags().StringVar(&format, "format", "table", "output format: table, csv or json")
	c.Flags().StringVarP(&output, "output", "o", "", "write to this file instead of standard output")
	c.Flags().BoolVar(&salience, "salience", false, "table format: also print the salience matrix")
	c.Flags().BoolVar(&plainPath, "no-stream", false, "read the statements into memory rather than streaming the file (for developers: the same output, to compare the two)")
	_ = c.Flags().MarkHidden("no-stream")
	return c
}
