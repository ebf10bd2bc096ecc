package main

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/stancemap/stancemap/internal/cli"
)

func newAgreementCmd() *cobra.Command {
	var o cli.AgreementOptions
	c := &cobra.Command{
		Use:   "agreement A.csv B.csv [C.csv...]",
		Short: "Reliability between coders: Krippendorff's alpha, Cohen's kappa, percent agreement, per theme",
		Long: `Measure how far two or more coders agree on the same material. Each file is one
coder's statements. Statements are matched into units by --align:

  id      the same statement id (and theme) in each file: coders coded a shared list
  span    the same sentence: same document and overlapping #char= span in the url
          column (as 'stancemap extract' writes it), and theme
  actor   the same actor, date and source (and theme); a coder's several statements
          in one unit count as their median
  auto    id when at least half the statements share ids, else span when every
          statement has one, else actor (the default)

A unit a coder did not code is missing data, which Krippendorff's alpha allows
(Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"). For each theme and
for all pooled it reports alpha for nominal, ordinal and interval stances, Cohen's
kappa (two coders), the share of agreeing pairs, and (id and span) the alpha of
whether the theme was coded at all.

When coders coded a shared list of sentences, name it with --units (a table with a url
or id column of file#char=start,end, the sentences left without a theme too): every
listed sentence then counts as coded by every coder, so a theme one coder gave and the
other did not is a disagreement, and a sentence both left without it an agreement.
Statements on sentences not listed are left out.

Example:

  stancemap agreement anna.csv ben.csv
  stancemap agreement anna.xlsx ben.xlsx chen.xlsx --align actor
  stancemap agreement anna.csv ben.csv --json
  stancemap agreement first.csv second.csv --units sample.csv`,
		Args: minArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			return cli.Agreement(args, o, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	registerAgreementFlags(c.Flags(), &o)
	return c
}

func registerAgreementFlags(fs *pflag.FlagSet, o *cli.AgreementOptions) {
	fs.StringVar(&o.Align, "align", "auto", "how statements become units: id, span (document and overlapping #char= span), actor (actor, date and source), or auto")
	fs.StringVar(&o.Actors, "actors", "", "actor registry; default: built-in")
	fs.StringVar(&o.Codebook, "codebook", "", "codebook; default: built-in")
	fs.StringVar(&o.Units, "units", "", "table of the sentences every coder coded, themed or not (url or id column of file#char=start,end): a sentence a coder gave no theme counts as coded without it")
	fs.BoolVar(&o.JSON, "json", false, "print the result as JSON")
}
