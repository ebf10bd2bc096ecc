package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/internal/cli"
	"github.com/stancemap/stancemap/reports/figures"
)

func newFiguresCmd() *cobra.Command {
	var (
		sf  cli.StatementFlags
		af  cli.AnalyzeFlags
		ff  cli.FigureFlags
		out string
	)
	c := &cobra.Command{
		Use:   "figures [FILE...] --out DIR",
		Short: "Write figures for papers and slides: SVG, PNG and PDF",
		Long: `Analyze coded statements and write static figures to DIR, each as SVG, PNG and
PDF (fonts embedded), ready for a paper, a slide or a print-out:

  ` + strings.Join(figures.Names, "\n  ") + `

Heatmap cells carry their value and n (an empty cell is hatched and says so),
points carry their 95% bootstrap intervals and n, and the colour scales stay
readable with colour-blind eyes and in greyscale. The same input gives the same
bytes.

With no FILE, the built-in sample is used (--sample seeds or unga). The analysis
options are those of 'stancemap analyze'; for stance over time and convergence,
give periods (--period year, or ranges).

Example:

  stancemap figures coded.csv --period year --out figures/
  stancemap figures --sample unga --period 2000-2009,2010-2019,2020-2024 --out figs --size column
  stancemap figures coded.csv --out figs --size 160x90mm --select-actors CHN,USA,RUS,GBR
  stancemap figures coded.csv --out figs --format pdf --size column    # for LaTeX`,
		RunE: func(c *cobra.Command, args []string) error {
			if out == "" {
				return cli.Failf(cli.ExitUsage, "say where to write the figures: --out DIR")
			}
			fo, err := ff.Options()
			if err != nil {
				return err
			}
			opt, err := af.Options()
			if err != nil {
				return err
			}
			l, err := sf.Load(args, c.ErrOrStderr())
			if err != nil {
				return err
			}
			corpus := l.Corpus
			a, err := analysis.Analyze(corpus, opt)
			if err != nil {
				return cli.Fail(cli.ExitProblems, err)
			}
			figs, err := cli.WriteFigures(out, args, a, corpus, fo)
			if err != nil {
				return err
			}
			printFigures(c.OutOrStdout(), out, figs, fo.Formats)
			return nil
		},
	}
	sf.Register(c.Flags(), true, true)
	af.Register(c.Flags())
	ff.Register(c.Flags(), true)
	c.Flags().StringVar(&out, "out", "", "folder to write the figures to")
	return c
}

// printFigures lists the figures written and what any of them could not
// show.
func printFigures(w io.Writer, dir string, figs []figures.Figure, formats []string) {
	if len(formats) == 0 {
		formats = figures.Formats
	}
	fmt.Fprintf(w, "wrote %d figures to %s, each as %s:\n", len(figs), dir, strings.Join(formats, ", "))
	for _, f := range figs {
		if f.Note != "" {
			fmt.Fprintf(w, "  %-17s %s (%s)\n", f.Name, f.Title, f.Note)
		} else {
			fmt.Fprintf(w, "  %-17s %s\n", f.Name, f.Title)
		}
	}
}
