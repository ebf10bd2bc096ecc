package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/internal/cli"
	"github.com/stancemap/stancemap/internal/extract"
	"github.com/stancemap/stancemap/reports/html"
	"github.com/stancemap/stancemap/reports/xlsx"
)

func newScaleCmd() *cobra.Command {
	var (
		o                               cli.ScaleOptions
		htmlOut, xlsxOut, title, assets string
	)
	c := &cobra.Command{
		Use:   "scale CORPUS...",
		Short: "Place actors on an axis of the codebook (state control of cyberspace), with 95% intervals, from texts or coded statements",
		Long: `Place each actor (and, with --period, each actor in each period) on a named axis
of the codebook, with a 95% interval. The default codebook's axis is state_control:
positive where the speaker favours sovereignty over networks and information,
state-led governance and controls on information flows; negative where it favours
an open internet and multistakeholder governance.

From texts (a tabular corpus with --text-col, or documents; the same input flags as
extract): Wordscores (Laver, Benoit & Garry 2003), the default. Each word scores the
mean position of the codebook's reference actors (CHN, RUS +1; USA, GBR -1) weighted
by how often each uses it; an actor's position is the mean score of its words,
rescaled to the spread of the references. --method lss uses Latent Semantic Scaling
(Watanabe 2021) with the axis's seed words instead. Only the sentences about the
axis's subject are read: those within --context-window sentences (5) of one holding
a context term of the axis (cyberspace, internet, ICT …); an actor that never comes
near one has no position. --all-sentences reads every sentence. The interval
resamples the actor's documents.

From coded statements (any statements file): the weighted mean of the actor's
stances on the axis's themes, each multiplied by the theme's sign on the axis
(sovereignty +1, multistakeholder −1, openness −1), on the stance scale −2..+2; the
interval is a bootstrap over its statements.

Output: a table with a dot plot per period (default), CSV with the columns
actor,period,position,low,high,n (n: documents or statements), or JSON with the
method's details (the reference texts or seed words found, the context terms found,
the words pulling hardest to each end).

Example:

  stancemap scale ungdc.csv.gz --text-col text --actor-col country --date-col year \
      --from 2010 --to 2024 --format csv -o positions.csv
  stancemap scale ungdc.csv.gz --text-col text --actor-col country --date-col year \
      --from 2010 --period 2010-2014,2015-2019,2020-2024 --html positions.html
  stancemap scale coded.csv --period year --xlsx positions.xlsx
  stancemap scale speeches/ --manifest speeches/manifest.csv

Exit status: 0 done; 1 input that could not be read (without --skip-invalid); 2 bad
flags or an unusable file; 3 an output could not be written.`,
		Args: minArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if htmlOut != "" && assets == "inline" && !html.Embedded() {
				return cli.Fail(cli.ExitUsage, html.ErrNoEmbeddedAssets)
			}
			res, err := cli.Scale(args, o, c.OutOrStdout(), c.ErrOrStderr())
			if err != nil {
				return err
			}
			if htmlOut != "" {
				ho := html.Options{Title: title, Assets: assets, ReportPath: htmlOut, Generated: "stancemap " + version}
				if err := cli.WriteOutput(htmlOut, args, func(w io.Writer) error { return html.WriteScale(w, res, ho) }); err != nil {
					if errors.Is(err, html.ErrNoEmbeddedAssets) {
						return cli.Fail(cli.ExitUsage, err)
					}
					return err
				}
				fmt.Fprintln(c.ErrOrStderr(), "wrote", htmlOut)
			}
			if xlsxOut != "" {
				xo := xlsx.Options{Version: version, Input: inputLabel(args, ""), Options: commandLine(c, args)}
				if err := cli.WriteOutput(xlsxOut, args, func(w io.Writer) error { return xlsx.WriteScale(w, res, xo) }); err != nil {
					return err
				}
				fmt.Fprintln(c.ErrOrStderr(), "wrote", xlsxOut)
			}
			return nil
		},
	}
	fs := c.Flags()
	o.In.Register(fs, true)
	fs.StringVar(&o.TextCol, "text-col", "", "tabular corpus of texts: the column holding each text (e.g. text)")
	fs.StringVar(&o.ActorCol, "actor-col", "", "tabular corpus: the column holding each text's actor (e.g. country)")
	fs.StringVar(&o.DateCol, "date-col", "", "tabular corpus: the column holding each text's date (e.g. year)")
	fs.StringVar(&o.Actor, "actor", "", "actor of every text with none (documents, or tables without --actor-col)")
	fs.StringVar(&o.Date, "date", "", "date of every text with none (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&o.Manifest, "manifest", "", "documents: CSV with a row per document: file, date, actor, …")
	fs.StringVar(&o.Encoding, "encoding", "utf-8", "encoding of text documents: utf-8, windows-1252 or latin-1")
	fs.Int64Var(&o.MaxFileMB, "max-file-size", extract.DefaultMaxFileSize>>20, "largest document read, in MB")
	fs.StringVar(&o.Method, "method", "", "wordscores or lss (from texts), or stances (from coded statements); default: wordscores for texts, stances for statements")
	fs.StringVar(&o.Axis, "axis", "", "the codebook's axis to scale on (default: its first, state_control in the default codebook)")
	fs.StringVar(&o.Period, "period", "all", "positions per period: all, year, quarter, month, or ranges such as 2010-2014,2015-2019")
	fs.StringVar(&o.From, "from", "", "only texts or statements dated from this date on (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&o.To, "to", "", "only texts or statements dated up to this date (inclusive)")
	fs.IntVar(&o.Boot, "bootstrap", 2000, "bootstrap resamples for the 95% intervals (0 for none)")
	fs.Uint64Var(&o.Seed, "seed", 1, "seed of the bootstrap and of the text model, so results are reproducible")
	fs.IntVar(&o.Dimensions, "dimensions", 300, "texts: dimensions of the word space (k of the singular value decomposition)")
	fs.IntVar(&o.MinCount, "min-count", 10, "texts: a word counts in the model when it occurs at least this often")
	fs.BoolVar(&o.AllSentences, "all-sentences", false, "texts: score every sentence, not only those near the axis's context terms (cyberspace, internet, ICT …)")
	fs.IntVar(&o.ContextWindow, "context-window", analysis.DefaultContextWindow, "texts: sentences either side of one holding a context term that are read too")
	fs.StringVar(&o.Format, "format", "table", "output format: table, csv (actor,period,position,low,high,n) or json")
	fs.StringVarP(&o.Output, "output", "o", "", "write to this file instead of standard output")
	fs.StringVar(&htmlOut, "html", "", "also write the positions as an HTML page: a dot plot with the intervals, and the table")
	fs.StringVar(&xlsxOut, "xlsx", "", "also write the positions as an Excel workbook (sheets Positions and About)")
	fs.StringVar(&title, "title", "", "title of the HTML page")
	fs.StringVar(&assets, "assets", "", "HTML: where the chart script comes from: inline, cdn or a folder (default: inline when built in)")
	fs.BoolVarP(&o.Quiet, "quiet", "q", false, "no summary on standard error")
	return c
}
