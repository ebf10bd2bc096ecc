package main

import (
	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/internal/extract"
)

func newExtractCmd() *cobra.Command {
	var f extract.ExtractFlags
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

Tables: --text-col names the text column, --actor-col and --date-col the metadata;
the file is read as a stream on every core, so its size does not matter.

Themes come from the codebook's keywords; stance from its pole cues plus general
cues, negators and hedges in the rules file (--print-rules shows the built-in one:
copy it, edit it, pass it back with --rules; no recompiling).

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
			return extract.ExtractCommand(args, f, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	f.Register(c.Flags())
	return c
}
