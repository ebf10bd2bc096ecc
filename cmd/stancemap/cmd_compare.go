package main

import (
	"io"

	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/internal/cli"
	"github.com/stancemap/stancemap/reports/plain"
)

func newCompareCmd() *cobra.Command {
	var (
		sf        cli.StatementFlags
		opt       analysis.CompareOptions
		format    string
		output    string
		actorOnly bool
	)
	c := &cobra.Command{
		Use:   "compare A B [FILE...]",
		Short: "Set two actors or two groups against each other, theme by theme",
		Long: `Compare two actors (by id, name or alias) or two groups (a group such as G7 or
BRICS, an actor kind, a region or a country) theme by theme: each side's mean
stance, the difference with its 95% bootstrap interval, whether they agree, differ
or clash, and the statements that show it.

An actor's side includes the officials who speak for it (their organisation is the
actor), unless --actor-only is given. With no FILE, the built-in sample is used (--sample seeds or unga).

The filters (--from, --to, --select-themes, --event, --source, --origin,
--min-confidence; --select-actors too) narrow the statements first.

A clash is two means on opposite sides of neutral and at least 1 apart; agreement
is two means less than 1 apart and not on opposite sides.

Example:

  stancemap compare CHN GBR                      # on the built-in sample
  stancemap compare "People's Republic of China" "United Kingdom"
  stancemap compare G7 BRICS coded.csv --format json -o g7-brics.json
  stancemap compare RUS USA coded.csv --from 2010 --to 2024`,
		Args: minArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			l, err := sf.Load(args[2:], c.ErrOrStderr())
			inputs := args[2:]
			if err != nil {
				return err
			}
			corpus := l.Corpus
			opt.ActorOnly = actorOnly
			if opt.Bootstrap == 0 {
				opt.Bootstrap = -1
			}
			cmp, err := analysis.Compare(corpus, args[0], args[1], opt)
			if err != nil {
				return cli.Fail(cli.ExitUsage, err)
			}
			write := func(w io.Writer) error {
				switch format {
				case "table", "":
					return plain.WriteComparisonText(w, cmp, corpus)
				case "json":
					return plain.WriteComparisonJSON(w, cmp)
				}
				return cli.Failf(cli.ExitUsage, "--format must be table or json, got %q", format)
			}
			if output == "" || output == "-" {
				return write(c.OutOrStdout())
			}
			return cli.WriteOutput(output, inputs, write)
		},
	}
	sf.Register(c.Flags(), true, true)
	c.Flags().IntVar(&opt.Bootstrap, "bootstrap", 2000, "bootstrap resamples for the intervals")
	c.Flags().Uint64Var(&opt.Seed, "seed", 1, "seed of the bootstrap")
	c.Flags().BoolVar(&actorOnly, "actor-only", false, "count only the actor's own statements, not its officials'")
	c.Flags().StringVar(&format, "format", "table", "output format: table or json")
	c.Flags().StringVarP(&output, "output", "o", "", "write to this file instead of standard output")
	return c
}
