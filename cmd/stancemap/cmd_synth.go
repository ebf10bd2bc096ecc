package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/cli"
	"github.com/stancemap/stancemap/internal/synth"
)

func newSynthCmd() *cobra.Command {
	var (
		opt synth.Options
		out string
	)
	c := &cobra.Command{
		Use:   "synth",
		Short: "Generate a realistic synthetic corpus for benchmarks and demonstrations",
		Long: `Generate a synthetic corpus: actors in blocs whose positions drift over the
years, skewed activity (a few actors say most), themes of uneven salience, dates of
mixed precision (mostly days, some months and years) and statements of realistic
length. It writes OUT/statements.csv, OUT/actors.csv and OUT/codebook.yaml, ready for
every other command. The same options and seed give the same bytes.

Example:

  stancemap synth --actors 200 --themes 10 --statements 1000000 --years 30 --out /tmp/big
  stancemap matrix /tmp/big/statements.csv --actors /tmp/big/actors.csv --codebook /tmp/big/codebook.yaml`,
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			corpus, err := synth.New(opt)
			if err != nil {
				return err
			}
			files := []struct {
				name  string
				write func(io.Writer) error
			}{
				{"statements.csv", corpus.Write},
				{"actors.csv", func(w io.Writer) error { return data.WriteActorsCSV(w, corpus.Registry) }},
				{"codebook.yaml", func(w io.Writer) error { return data.WriteCodebookYAML(w, corpus.Codebook) }},
			}
			for _, f := range files {
				if err := cli.WriteOutput(filepath.Join(out, f.name), nil, f.write); err != nil {
					return err
				}
			}
			o := corpus.Options
			fmt.Fprintf(c.OutOrStdout(), "wrote %d statements by %d actors on %d themes, %d–%d, to %s\n",
				o.Statements, o.Actors, o.Themes, o.FirstYear, o.FirstYear+o.Years-1, out)
			return nil
		},
	}
	f := c.Flags()
	f.IntVar(&opt.Actors, "actors", 200, "number of actors (UN member states first, then synthetic ones)")
	f.IntVar(&opt.Themes, "themes", 5, "number of themes (the five built-in ones first)")
	f.IntVar(&opt.Statements, "statements", 100000, "number of statements")
	f.IntVar(&opt.Years, "years", 30, "number of years")
	f.IntVar(&opt.FirstYear, "first-year", 1995, "first year")
	f.IntVar(&opt.Blocs, "blocs", 3, "number of blocs the actors are drawn from")
	f.Uint64Var(&opt.Seed, "seed", 1, "random seed")
	f.StringVar(&out, "out", "synth", "output folder")
	return c
}
