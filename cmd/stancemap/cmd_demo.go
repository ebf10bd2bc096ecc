package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/cli"
	"github.com/stancemap/stancemap/reports/figures"
	"github.com/stancemap/stancemap/reports/html"
	"github.com/stancemap/stancemap/reports/plain"
	"github.com/stancemap/stancemap/reports/xlsx"
)

func newDemoCmd() *cobra.Command {
	var (
		mf     cli.MatrixFlags
		out    string
		assets string
		name   string

		withFigures bool
	)
	c := &cobra.Command{
		Use:   "demo",
		Short: "Run on a built-in sample: five real meeting reports (2008-2016) or UN General Assembly speeches (2000-2024)",
		Long: `Run stancemap on a built-in sample corpus, with no input and no network:

  seeds  (the default) statements coded by hand from five reports of cyber-governance
         meetings (an Internet Governance Forum workshop 2008, the Seoul Conference on
         Cyberspace 2013, the EastWest Institute summit at Stanford 2013, the Beijing
         workshops of 2014 and 2016); the reports use yearly periods
  unga   statements coded by hand from what states told the UN General Assembly about
         cyberspace, 2000-2024 (docs/coding-manual.md); the reports use five-year
         periods, 2000-2004 to 2020-2024, and are written to out/unga/

It prints the actor × theme stance matrix, the salience matrix and the top findings,
and writes to OUT: matrix.csv (every period × actor × theme, with n, mean, SD, 95%
bootstrap CI and salience), statements.csv (the sample), report.html (the
interactive report, self-contained), report.xlsx (the Excel workbook) and
figures/ (the figures of 'stancemap figures', slide-sized, as SVG, PNG and PDF).

Example:

  stancemap demo
  stancemap demo --sample unga
  stancemap demo --period 2008-2012,2013-2016 --out /tmp/demo`,
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			sample, err := data.LookupSample(name)
			if err != nil {
				return cli.Fail(cli.ExitUsage, err)
			}
			if !c.Flags().Changed("out") && sample.Name != data.Samples[0].Name {
				out = filepath.Join(out, sample.Name)
			}
			periods, err := analysis.ParsePeriodSpec(sample.Periods)
			if err != nil {
				return err
			}
			corpus, rr, err := sample.Corpus()
			if err != nil {
				return err
			}
			set, err := mf.Matrices(corpus)
			if err != nil {
				return err
			}
			first, last := corpus.Span()
			w := c.OutOrStdout()
			fmt.Fprintf(w, "Sample corpus: %d statements by %d actors on %d themes, %s to %s\n\n",
				len(corpus.Statements), len(corpus.ActorIDs()), len(corpus.Codebook.Themes), first, last)
			if err := plain.WriteMatrixTable(w, set, corpus, plain.TableOptions{Salience: true}); err != nil {
				return err
			}
			a, err := analysis.Analyze(corpus, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Bootstrap: -1}})
			if err != nil {
				return err
			}
			fmt.Fprintln(w, "\nWhat stands out (stancemap analyze gives the full list):")
			for i, f := range a.Findings[:min(5, len(a.Findings))] {
				fmt.Fprintf(w, "%d. %s [%s]\n", i+1, f.Text, strings.Join(f.Statements[:min(6, len(f.Statements))], " "))
			}
			mpath := filepath.Join(out, "matrix.csv")
			if err := cli.WriteOutput(mpath, nil, func(w io.Writer) error { return plain.WriteMatrixCSV(w, set) }); err != nil {
				return err
			}
			spath := filepath.Join(out, "statements.csv")
			if err := cli.WriteOutput(spath, nil, func(w io.Writer) error { return data.WriteStatementsCSV(w, corpus.Statements) }); err != nil {
				return err
			}
			// The reports use the sample's periods (yearly for seeds), so
			// that the evolution charts have something to show.
			ra, err := analysis.Analyze(corpus, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Period: periods}})
			if err != nil {
				return err
			}
			hpath := filepath.Join(out, "report.html")
			title := "stancemap: the built-in sample"
			if sample.Name != data.Samples[0].Name {
				title = "stancemap: the built-in " + sample.Name + " sample"
			}
			ho := html.Options{Title: title, Assets: assets, ReportPath: hpath, Generated: "stancemap " + version}
			if err := cli.WriteOutput(hpath, nil, func(w io.Writer) error { return html.Write(w, ra, corpus, ho) }); err != nil {
				return err
			}
			xpath := filepath.Join(out, "report.xlsx")
			input, opts := "(built-in sample)", []string{"demo", "--period", sample.Periods}
			if sample.Name != data.Samples[0].Name {
				input, opts = "(built-in "+sample.Name+" sample)", []string{"demo", "--sample", sample.Name, "--period", sample.Periods}
			}
			xo := xlsx.Options{Version: version, Input: input, Options: opts}
			if err := cli.WriteOutput(xpath, nil, func(w io.Writer) error { return xlsx.WriteReport(w, ra, corpus, rr, xo) }); err != nil {
				return err
			}
			if withFigures {
				fdir := filepath.Join(out, "figures")
				figs, err := cli.WriteFigures(fdir, nil, ra, corpus, figures.Options{})
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "\nwrote %s, %s, %s, %s and %d figures in %s (SVG, PNG, PDF)\n", mpath, spath, hpath, xpath, len(figs), fdir)
			} else {
				fmt.Fprintf(w, "\nwrote %s, %s, %s and %s\n", mpath, spath, hpath, xpath)
			}
			if !html.Embedded() && assets == "" {
				fmt.Fprintln(w, "note: this binary links the report's chart script from the network; build with `make demo` (or `make build`) for a report that opens offline")
			}
			return nil
		},
	}
	mf.Register(c.Flags())
	c.Flags().StringVar(&out, "out", "out", "folder for the output files (for a sample other than seeds, a folder of its name inside it unless given)")
	c.Flags().StringVar(&name, "sample", "", "built-in sample: "+strings.Join(data.SampleNames(), " or ")+" (default seeds)")
	c.Flags().BoolVar(&withFigures, "figures", true, "write the figures too (--figures=false to skip them)")
	c.Flags().StringVar(&assets, "assets", "", "echarts script of the HTML report: inline (default when built with make), cdn, or a folder")
	return c
}
