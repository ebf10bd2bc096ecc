package main

import (
	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/internal/cli"
)

func newTrainCmd() *cobra.Command {
	var o cli.TrainOptions
	c := &cobra.Command{
		Use:   "train --gold CODED --texts CORPUS -o model.json",
		Short: "Fit the coder's model to your own hand coding, and say how well it does (cross-validated)",
		Long: `Fit the learned part of the coder to a hand-coded sample: for every sentence of the
texts that speaks of cyberspace, the internet or ICT, a regularised logistic regression
per theme over its words, word pairs and the rules' findings decides whether the theme
is there, and two more decide the side (−, 0, +) and the strength. The gold is a coded
statements file whose url column names sentences as 'stancemap extract' does (for a
table, use the same --doc-ref); --units lists every sentence that was coded, themed or
not (a CSV with an id or url column), so sentences people left without a theme teach
the model too. Without --units, the sentences the gold codes are the training set.

Each theme's threshold is chosen by cross-validation (folds by document), and the
confidences the model gives are calibrated on the out-of-fold codes. The figures it
prints are cross-validated: they estimate how the model does on sentences it has not
seen. Then code with it: stancemap extract --model model.json.

Example:

  stancemap train --gold coded.csv --texts ungdc.csv.gz --text-col text \
      --actor-col country --date-col year --doc-ref 'ungdc:{year}:{country}' \
      --units sentences.csv -o model.json

Exit status: 0 done; 1 the gold names no sentence of the texts; 2 bad flags or an
unusable file; 3 the model could not be written.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return cli.Train(o, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	fs := c.Flags()
	fs.StringVar(&o.Gold, "gold", "", "hand-coded statements (CSV, XLSX or JSON) whose url column names sentences of the texts")
	fs.StringVar(&o.Texts, "texts", "", "the texts: a tabular corpus (with --text-col), or a folder or file of documents")
	fs.StringVar(&o.Units, "units", "", "CSV listing every sentence that was coded, themed or not (id or url column)")
	fs.Float64Var(&o.L2, "l2", 0, "L2 penalty of the theme classifiers (default 0.1)")
	fs.IntVar(&o.Folds, "folds", 0, "cross-validation folds (default 5)")
	e := &o.Extract
	fs.StringVarP(&e.Output, "output", "o", "", "write the model here (JSON)")
	fs.StringVar(&e.Manifest, "manifest", "", "documents: CSV with a row per document (see extract)")
	fs.StringVar(&e.Actor, "actor", "", "default actor of the texts")
	fs.StringVar(&e.Date, "date", "", "date of undated documents")
	fs.StringVar(&e.Rules, "rules", "", "rules file (YAML); default: built-in")
	fs.StringVar(&e.Codebook, "codebook", "", "codebook (YAML); default: built-in")
	fs.StringVar(&e.Actors, "actors", "", "actor registry; default: built-in")
	fs.StringVar(&e.TextCol, "text-col", "", "tabular corpus: the column holding each text")
	fs.StringVar(&e.ActorCol, "actor-col", "", "tabular corpus: the column holding each text's actor")
	fs.StringVar(&e.DateCol, "date-col", "", "tabular corpus: the column holding each text's date")
	fs.StringVar(&e.DocRef, "doc-ref", "", "tabular corpus: name each row as the gold's urls do, e.g. 'ungdc:{year}:{country}'")
	fs.StringVar(&e.Encoding, "encoding", "utf-8", "encoding of text documents")
	fs.StringVar(&e.Officials, "officials", "self", "self or organisation (see extract)")
	fs.BoolVar(&e.SkipInvalid, "skip-invalid", false, "go on past files or rows that cannot be read")
	fs.Int64Var(&e.MaxFileMB, "max-file-size", 64, "largest document read, in MB")
	return c
}
