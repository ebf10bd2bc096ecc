package main

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/stancemap/stancemap/internal/cli"
	"github.com/stancemap/stancemap/internal/extract"
)

func newExtractCmd() *cobra.Command {
	var o cli.ExtractOptions
	c := &cobra.Command{
		Use:   "extract [FILE|FOLDER...]",
		Short: "Code raw documents into statements: speakers, themes and stances, with the evidence kept",
		Long: `Read documents (.txt, .md, .html files or folders of them) or a tabular corpus (one
text per row: CSV, TSV or JSON Lines, each optionally .gz) and write coded statements
for review: who said it (speaker and actor), which theme, which side, how sure
(confidence), and where (the url column points to the sentence as
file#char=start,end, in characters). Every statement has origin=auto and coder
"stancemap extract"; nothing is invented: a theme sentence whose speaker cannot be told
is coded for the document's default actor, or else not coded and counted.

Documents: boilerplate (navigation, share buttons, bylines, copyright lines) and
repeated paragraphs are skipped; sentences are split with care for "U.N.", "Prof.",
"Oct. 17" and initials. Speakers come from reported speech ("X said", "said X", "X
called on", "according to X", quotations, "he added"), and actors from the registry:
names, aliases, titles and demonyms ("South Korean President" → KOR, "the UN chief" →
UN). A manifest CSV gives each file its date, source, publisher, default actor, the
group actor for unnamed participants, and event:

  file,date,source,publisher,actor,group,event
  report.txt,2014-06-05,Workshop report,ICT4Peace Foundation,beijing2014_workshop_participants,,Beijing workshop

The manifest's files must lie inside its own folder (--allow-outside lifts this); a file
named twice is read once, with a warning. Only regular files are read from folders.

Tables: --text-col names the text column, --actor-col and --date-col the metadata;
the file is read as a stream on every core, so its size does not matter; one row may
hold 16 MB.

Sentences that speak of cyberspace, the internet or ICT are coded by a learned
model (built in: trained on the development half of the hand-coded UN corpus;
'stancemap train' fits one to your own coding, --model uses it): per theme, a
logistic regression over the sentence's words, word pairs and the rules' cues; the
note keeps the features that weighed most, and the confidence is calibrated (the
share of such codes people agreed with). Other sentences are coded by the rules, and
only when a sentence within two speaks of cyberspace: themes from the codebook's
keywords, stance from its pole cues plus general cues, negators and hedges in the
rules file (--print-rules shows the built-in one: copy it, edit it, pass it back
with --rules; no recompiling).

Example:

  stancemap extract reports/ --manifest reports/manifest.csv -o coded.csv
  stancemap extract speech.txt --actor FRA --date 2019-09-24 -o coded.jsonl
  stancemap extract ungdc.csv.gz --text-col text --actor-col country --date-col year \
      --require-context -o ungdc_coded.csv
  stancemap extract pages/ --date 2016 --skip-invalid --unattributed unsure.csv -o coded.csv
  stancemap extract --print-rules > rules.yaml

Then check the result against a hand-coded sample with 'stancemap evaluate'.

Exit status: 0 done; 1 an input could not be coded (without --skip-invalid); 2 bad
flags or an unusable file; 3 the output could not be written.`,
		RunE: func(c *cobra.Command, args []string) error {
			return cli.Extract(args, o, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	registerExtractFlags(c.Flags(), &o)
	return c
}

func registerExtractFlags(fs *pflag.FlagSet, o *cli.ExtractOptions) {
	fs.StringVarP(&o.Output, "output", "o", "", "write statements here: .csv, .json or .jsonl (default: CSV on standard output)")
	fs.StringVar(&o.Manifest, "manifest", "", "CSV with a row per document: file, date, source, publisher, actor, group, event, url")
	fs.StringVar(&o.Actor, "actor", "", "default actor: gets the sentences whose speaker cannot be told (documents), or every row (tables without --actor-col)")
	fs.StringVar(&o.Date, "date", "", "date of documents the manifest does not date (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&o.Model, "model", "", "model file from 'stancemap train' for the sentences that speak of cyberspace; default: built-in (trained on the UN corpus's dev half); none: rules only")
	fs.StringVar(&o.Rules, "rules", "", "rules file (YAML): general cues, negators, hedges, gazetteer, cleaning; default: built-in (see --print-rules)")
	fs.BoolVar(&o.PrintRules, "print-rules", false, "print the built-in rules file, to copy and edit, and exit")
	fs.StringVar(&o.Codebook, "codebook", "", "codebook (YAML) with each theme's keywords and pole cues; default: built-in")
	fs.StringVar(&o.Actors, "actors", "", "actor registry (CSV/XLSX/JSON); default: built-in")
	fs.StringVar(&o.TextCol, "text-col", "", "tabular corpus: the column holding each text (e.g. text)")
	fs.StringVar(&o.ActorCol, "actor-col", "", "tabular corpus: the column holding each text's actor (e.g. country)")
	fs.StringVar(&o.DateCol, "date-col", "", "tabular corpus: the column holding each text's date (e.g. year)")
	fs.StringVar(&o.IDCol, "id-col", "", "tabular corpus: a column naming each row, kept in the evidence")
	fs.StringVar(&o.DocRef, "doc-ref", "", "tabular corpus: name each row in the url column by a template over its columns, e.g. 'ungdc:{year}:{country}' (to line up with a gold standard that names sentences so)")
	fs.StringVar(&o.SourceCol, "source-col", "", "tabular corpus: a column for the statements' source")
	fs.StringVar(&o.EventCol, "event-col", "", "tabular corpus: a column for the statements' event")
	fs.StringVar(&o.Encoding, "encoding", "utf-8", "encoding of text documents: utf-8, windows-1252 or latin-1")
	fs.StringVar(&o.Officials, "officials", "self", "code a registered official's statements for the official (self) or for the state or organisation they speak for (organisation)")
	fs.StringVar(&o.Unattributed, "unattributed", "", "also write the theme sentences with no speaker and no default actor to this file (actor left empty)")
	fs.StringVar(&o.Review, "review", "", "also write the suggestions into a coding workbook to review (accept/correct column), e.g. out/review.xlsx")
	fs.BoolVar(&o.SkipInvalid, "skip-invalid", false, "go on past files or rows that cannot be read, saying which and why")
	fs.BoolVarP(&o.Quiet, "quiet", "q", false, "no progress bar and no summary")
	fs.BoolVar(&o.NoText, "no-text", false, "leave the sentence out of the text column (the url column still points to it)")
	fs.BoolVar(&o.KeepBoiler, "keep-boilerplate", false, "do not strip navigation, sharing and byline lines")
	fs.BoolVar(&o.AllowOutside, "allow-outside", false, "let the manifest name documents outside its own folder (absolute paths, ..)")
	fs.BoolVar(&o.RequireContext, "require-context", false, "code only sentences that speak of cyberspace, the internet or ICT (the rules' context words): for general corpora such as UN speeches")
	fs.IntVar(&o.Workers, "workers", 0, "documents coded at once (default: one per core)")
	fs.IntVar(&o.MaxProblems, "max-problems", 50, "how many problems to list one by one (all are counted)")
	fs.Int64Var(&o.MaxFileMB, "max-file-size", extract.DefaultMaxFileSize>>20, "largest document read, in MB")
}
