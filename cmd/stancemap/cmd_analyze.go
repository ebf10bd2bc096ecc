package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/internal/cli"
	"github.com/stancemap/stancemap/reports/plain"
)

func newAnalyzeCmd() *cobra.Command {
	var (
		sf     cli.StatementFlags
		af     cli.AnalyzeFlags
		format string
		asJSON bool
		output string
		outDir string
	)
	c := &cobra.Command{
		Use:   "analyze [FILE...]",
		Short: "Measure divergence and evolution: distances, blocs, networks, polarisation, trends, findings",
		Long: `Analyze coded statements: who agrees with whom and on what, where the fault lines
are, whether views converge or drift apart, and who moved. It computes

  - stance matrices over the whole span and per period (--period, or moving
    windows with --window 3y --step 1y);
  - distances between actors (--metric euclidean|cosine|pearson, compared only on
    at least --min-overlap shared themes; pairs below it are "not comparable");
  - a position map (--map pca|mds), blocs by average-linkage clustering (--k, or
    the best silhouette), and blocs per period with the flows between them;
  - the agreement network as Discourse Network Analysis computes it (--network,
    --qualifier, --normalization, --duplicates) and its Louvain communities;
  - polarisation per theme (SD, range, bimodality coefficient, Esteban–Ray);
  - each actor's drift, the biggest movers and the convergence trend;
  - two periods side by side: each actor's change per theme with its 95%
    interval, moved / stayed / cannot tell (--compare-periods A,B; by default
    the first and the last period with enough statements);
  - a ranked list of plain-language findings, each with its statements.

On a large corpus, --skip leaves out measures not needed (for example
--skip network,evolution,findings); the output lists them as not computed.

The filters (--from, --to, --select-actors, --select-themes, --event, --source,
--origin, --min-confidence) narrow the statements first; standard error says how many
they kept.

With no FILE, the built-in sample is used (--sample seeds or unga). Output: a text summary (default), one
JSON document (--json, schema in docs/analysis-json.md), or one CSV per table
(--format csv --out DIR, for R and pandas) with the network also as GraphML.

Example:

  stancemap analyze                                   # the built-in sample
  stancemap analyze coded.csv --period 2008-2012,2013-2016
  stancemap analyze coded.csv --from 2010 --event "General Debate" --select-themes openness,sovereignty
  stancemap analyze coded.csv --json -o analysis.json
  stancemap analyze coded.csv --format csv --out tables/
  stancemap analyze coded.csv --window 3y --step 1y --metric cosine
  stancemap analyze --sample unga --period 2000-2004,2005-2009,2010-2014,2015-2019,2020-2024 --compare-periods 2005-2009,2020-2024
  stancemap analyze big.csv --skip network,polarisation,evolution,findings --json -o a.json`,
		RunE: func(c *cobra.Command, args []string) error {
			opt, err := af.Options()
			if err != nil {
				return err
			}
			if asJSON {
				format = "json"
			}
			if format != "text" && format != "json" && format != "csv" {
				return cli.Failf(cli.ExitUsage, "--format must be text, json or csv, got %q", format)
			}
			if format == "csv" && outDir == "" {
				return cli.Failf(cli.ExitUsage, "--format csv writes one file per table: give a folder with --out DIR")
			}
			l, err := sf.Load(args, c.ErrOrStderr())
			inputs := args
			if err != nil {
				return err
			}
			corpus := l.Corpus
			a, err := analysis.Analyze(corpus, opt)
			if err != nil {
				return cli.Fail(cli.ExitProblems, err)
			}
			switch format {
			case "csv":
				for _, name := range plain.AnalysisCSVFiles {
					path := filepath.Join(outDir, name)
					if err := cli.WriteOutput(path, inputs, func(w io.Writer) error { return plain.WriteAnalysisCSV(w, name, a) }); err != nil {
						return err
					}
				}
				gpath := filepath.Join(outDir, "network.graphml")
				if err := cli.WriteOutput(gpath, inputs, func(w io.Writer) error { return plain.WriteGraphML(w, a.Network) }); err != nil {
					return err
				}
				fmt.Fprintf(c.OutOrStdout(), "wrote %d tables and network.graphml to %s\n", len(plain.AnalysisCSVFiles), outDir)
				return nil
			case "json":
				meta := plain.AnalysisMeta{Version: version, Inputs: inputs, Options: af, Filters: l.Selection}
				if len(meta.Inputs) == 0 {
					meta.Inputs = []string{inputLabel(nil, sf.Input.Sample)}
				}
				write := func(w io.Writer) error { return plain.WriteAnalysisJSON(w, a, corpus, meta) }
				if output == "" || output == "-" {
					return write(c.OutOrStdout())
				}
				return cli.WriteOutput(output, inputs, write)
			}
			write := func(w io.Writer) error { return plain.WriteAnalysisText(w, a, corpus) }
			if output == "" || output == "-" {
				return write(c.OutOrStdout())
			}
			return cli.WriteOutput(output, inputs, write)
		},
	}
	sf.Register(c.Flags(), true, true)
	af.Register(c.Flags())
	af.RegisterSkip(c.Flags())
	c.Flags().StringVar(&format, "format", "text", "output: text, json or csv (csv needs --out DIR)")
	c.Flags().BoolVar(&asJSON, "json", false, "same as --format json")
	c.Flags().StringVarP(&output, "output", "o", "", "text or JSON: write to this file instead of standard output")
	c.Flags().StringVar(&outDir, "out", "", "csv: the folder for the tables")
	return c
}
