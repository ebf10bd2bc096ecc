package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/cli"
	"github.com/stancemap/stancemap/reports/html"
	"github.com/stancemap/stancemap/reports/xlsx"
)

func newReportCmd() *cobra.Command {
	var (
		sf      cli.StatementFlags
		af      cli.AnalyzeFlags
		htmlOut string
		xlsxOut string
		figDir  string
		ff      cli.FigureFlags
		title   string
		top     int
		assets  string
	)
	c := &cobra.Command{
		Use:   "report [FILE...]",
		Short: "Write the interactive HTML report and the Excel workbook",
		Long: `Analyze coded statements and write the reports:

  --html FILE   one self-contained HTML file (charts, evidence table, method): it opens
                offline in any browser, to send, project or archive
  --xlsx FILE   an Excel workbook that stays alive: the Stance matrix is formulas over
                the Statements table, so editing a stance updates it
  --figures DIR the figures of 'stancemap figures' (SVG, PNG and PDF, for papers and
                slides; --size slide|column|WxH)

With no FILE, the built-in sample is used (--sample seeds or unga). The analysis options are those of
'stancemap analyze'; --select-actors, --select-themes, --from, --to, --event,
--source, --origin and --min-confidence narrow the corpus first, and every count in
both reports is of the statements that passed (the workbook's Data quality sheet
says how many each filter left out).

A review workbook (stancemap extract --review) is read with its decisions: rejected
suggestions are left out and listed in Data quality, accepted and corrected ones
count as reviewed; the overview of both reports says how many statements were
machine-coded and how many of those a person reviewed.

Example:

  stancemap report coded.csv --html out/report.html --xlsx out/report.xlsx
  stancemap report coded.csv --html r.html --period year --select-actors CHN,USA,RUS,GBR --title "Four powers"
  stancemap report review.xlsx --html r.html --xlsx r.xlsx --origin manual,reviewed
  stancemap report coded.csv --html r.html --assets cdn     # smaller file, needs the network to open
  stancemap report coded.csv --period year --figures figs/ --size column`,
		RunE: func(c *cobra.Command, args []string) error {
			if htmlOut == "" && xlsxOut == "" && figDir == "" {
				return cli.Failf(cli.ExitUsage, "say what to write: --html FILE, --xlsx FILE and/or --figures DIR")
			}
			fo, err := ff.Options()
			if err != nil {
				return err
			}
			if figDir == "" && (c.Flags().Changed("size") || c.Flags().Changed("dpi") || c.Flags().Changed("format")) {
				return cli.Failf(cli.ExitUsage, "--size, --dpi and --format shape the figures: give --figures DIR too")
			}
			fo.Top = top
			opt, err := af.Options()
			if err != nil {
				return err
			}
			l, err := sf.Load(args, c.ErrOrStderr())
			inputs := args
			if err != nil {
				return err
			}
			corpus, rr := l.Corpus, l.Read
			// The workbook's Statements rows need only the corpus: they
			// are written while the analysis runs.
			var rep *xlsx.Report
			xo := xlsx.Options{Version: version, Input: inputLabel(inputs, sf.Input.Sample), Options: commandLine(c, args), Selection: l.Selection}
			if xlsxOut != "" {
				if rep, err = xlsx.NewReport(corpus, rr, xo); err != nil {
					return err
				}
				defer rep.Close()
			}
			a, err := analysis.Analyze(corpus, opt)
			if err != nil {
				return cli.Fail(cli.ExitProblems, err)
			}
			if htmlOut != "" {
				ho := html.Options{Title: title, Top: top, Assets: assets, ReportPath: htmlOut, Selection: l.Selection, Review: rr.Review, Generated: "stancemap " + version}
				if err := cli.WriteOutput(htmlOut, inputs, func(w io.Writer) error { return html.Write(w, a, corpus, ho) }); err != nil {
					if errors.Is(err, html.ErrNoEmbeddedAssets) {
						return cli.Fail(cli.ExitUsage, err)
					}
					return err
				}
				fmt.Fprintln(c.OutOrStdout(), "wrote", htmlOut)
			}
			if xlsxOut != "" {
				if err := cli.WriteOutput(xlsxOut, inputs, func(w io.Writer) error { return rep.Write(w, a) }); err != nil {
					return err
				}
				fmt.Fprintln(c.OutOrStdout(), "wrote", xlsxOut)
			}
			if figDir != "" {
				figs, err := cli.WriteFigures(figDir, inputs, a, corpus, fo)
				if err != nil {
					return err
				}
				printFigures(c.OutOrStdout(), figDir, figs, fo.Formats)
			}
			return nil
		},
	}
	sf.Register(c.Flags(), true, true)
	af.Register(c.Flags())
	f := c.Flags()
	f.StringVar(&htmlOut, "html", "", "write the HTML report to this file")
	f.StringVar(&xlsxOut, "xlsx", "", "write the Excel workbook to this file")
	f.StringVar(&figDir, "figures", "", "write the figures (SVG, PNG, PDF) to this folder")
	ff.Register(f, false)
	f.StringVar(&title, "title", "", "title of the HTML report")
	f.IntVar(&top, "top", 30, "how many actors to label on the charts when there are many")
	f.StringVar(&assets, "assets", "", "echarts script: inline (default when built with make), cdn, or a folder to write it to")
	return c
}

// inputLabel names the input in a report: the files, or the sample.
func inputLabel(files []string, sample string) string {
	if len(files) == 0 {
		if sample == "" || sample == data.Samples[0].Name {
			return "(built-in sample)"
		}
		return "(built-in " + sample + " sample)"
	}
	return strings.Join(files, ", ")
}

// commandLine rebuilds the command line a report was made with from the
// command's name, its arguments and the flags that were set, in the flags'
// order, so that the workbook records the options and not the process's
// own arguments.
func commandLine(c *cobra.Command, args []string) []string {
	line := append([]string{c.Name()}, args...)
	c.Flags().Visit(func(f *pflag.Flag) {
		line = append(line, "--"+f.Name, f.Value.String())
	})
	return line
}
