package extract

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/cli"
	"github.com/stancemap/stancemap/reports/xlsx"
	"golang.org/x/term"
)

// ExtractFlags are the flags of `stancemap extract`.
type ExtractFlags struct {
	Output, Manifest, Actor, Date, Rules, Codebook, Actors string
	TextCol, ActorCol, DateCol, IDCol, SourceCol, EventCol string
	Encoding, Officials, Unattributed, Review              string
	PrintRules, SkipInvalid, Quiet, NoText, KeepBoiler     bool
	RequireContext                                         bool
	Workers, MaxProblems                                   int
	MaxFileMB                                              int64
}

// Register adds the flags.
func (f *ExtractFlags) Register(fs *pflag.FlagSet) {
	fs.StringVarP(&f.Output, "output", "o", "", "write statements here: .csv, .json or .jsonl (default: CSV on standard output)")
	fs.StringVar(&f.Manifest, "manifest", "", "CSV with a row per document: file, date, source, publisher, actor, group, event, url")
	fs.StringVar(&f.Actor, "actor", "", "default actor: gets the sentences whose speaker cannot be told (documents), or every row (tables without --actor-col)")
	fs.StringVar(&f.Date, "date", "", "date of documents the manifest does not date (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&f.Rules, "rules", "", "rules file (YAML): general cues, negators, hedges, gazetteer, cleaning; default: built-in (see --print-rules)")
	fs.BoolVar(&f.PrintRules, "print-rules", false, "print the built-in rules file, to copy and edit, and exit")
	fs.StringVar(&f.Codebook, "codebook", "", "codebook (YAML) with each theme's keywords and pole cues; default: built-in")
	fs.StringVar(&f.Actors, "actors", "", "actor registry (CSV/XLSX/JSON); default: built-in")
	fs.StringVar(&f.TextCol, "text-col", "", "tabular corpus: the column holding each text (e.g. text)")
	fs.StringVar(&f.ActorCol, "actor-col", "", "tabular corpus: the column holding each text's actor (e.g. country)")
	fs.StringVar(&f.DateCol, "date-col", "", "tabular corpus: the column holding each text's date (e.g. year)")
	fs.StringVar(&f.IDCol, "id-col", "", "tabular corpus: a column naming each row, kept in the evidence")
	fs.StringVar(&f.SourceCol, "source-col", "", "tabular corpus: a column for the statements' source")
	fs.StringVar(&f.EventCol, "event-col", "", "tabular corpus: a column for the statements' event")
	fs.StringVar(&f.Encoding, "encoding", "utf-8", "encoding of text documents: utf-8, windows-1252 or latin-1")
	fs.StringVar(&f.Officials, "officials", "self", "code a registered official's statements for the official (self) or for the state or organisation they speak for (organisation)")
	fs.StringVar(&f.Unattributed, "unattributed", "", "also write the theme sentences with no speaker and no default actor to this file (actor left empty)")
	fs.StringVar(&f.Review, "review", "", "also write the suggestions into a coding workbook to review (accept/correct column), e.g. out/review.xlsx")
	fs.BoolVar(&f.SkipInvalid, "skip-invalid", false, "go on past files or rows that cannot be read, saying which and why")
	fs.BoolVarP(&f.Quiet, "quiet", "q", false, "no progress bar and no summary")
	fs.BoolVar(&f.NoText, "no-text", false, "leave the sentence out of the text column (the url column still points to it)")
	fs.BoolVar(&f.KeepBoiler, "keep-boilerplate", false, "do not strip navigation, sharing and byline lines")
	fs.BoolVar(&f.RequireContext, "require-context", false, "code only sentences that speak of cyberspace, the internet or ICT (the rules' context words): for general corpora such as UN speeches")
	fs.IntVar(&f.Workers, "workers", 0, "documents coded at once (default: one per core)")
	fs.IntVar(&f.MaxProblems, "max-problems", 50, "how many problems to list one by one (all are counted)")
	fs.Int64Var(&f.MaxFileMB, "max-file-size", DefaultMaxFileSize>>20, "largest document read, in MB")
}

// loadBasics reads the registry, codebook and rules the flags name.
func loadBasics(actors, codebook, rules string) (*data.Registry, *data.Codebook, *Rules, error) {
	var reg *data.Registry
	var err error
	if actors == "" {
		reg, err = data.DefaultRegistry()
	} else {
		var ps data.Problems
		reg, ps, err = data.ReadActors(actors)
		if err == nil && ps.Errors() > 0 {
			err = ps[0]
		}
	}
	if err != nil {
		return nil, nil, nil, cli.Fail(cli.ExitUsage, err)
	}
	var cb *data.Codebook
	if codebook == "" {
		cb, err = data.DefaultCodebook()
	} else {
		cb, err = data.ReadCodebook(codebook)
	}
	if err != nil {
		return nil, nil, nil, cli.Fail(cli.ExitUsage, err)
	}
	var r *Rules
	if rules == "" {
		r, err = DefaultRules()
	} else {
		r, err = ReadRules(rules)
	}
	if err != nil {
		return nil, nil, nil, cli.Fail(cli.ExitUsage, err)
	}
	return reg, cb, r, nil
}

// ExtractCommand runs `stancemap extract`.
func ExtractCommand(args []string, f ExtractFlags, stdout, stderr io.Writer) error {
	if f.PrintRules {
		_, err := stdout.Write(defaultRules)
		return err
	}
	if len(args) == 0 && f.Manifest == "" {
		return cli.Failf(cli.ExitUsage, "extract needs documents (files or folders), a manifest (--manifest), or a table with --text-col; see 'stancemap extract --help'")
	}
	if f.Officials != "self" && f.Officials != "organisation" && f.Officials != "organization" {
		return cli.Failf(cli.ExitUsage, "--officials must be self or organisation, got %q", f.Officials)
	}
	format, err := data.StatementFormatOf(f.Output)
	if err != nil {
		return cli.Fail(cli.ExitUsage, err)
	}
	reg, cb, rules, err := loadBasics(f.Actors, f.Codebook, f.Rules)
	if err != nil {
		return err
	}
	var date data.Date
	if f.Date != "" {
		if date, err = data.ParseDate(f.Date); err != nil {
			return cli.Failf(cli.ExitUsage, "--date %q is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", f.Date)
		}
	}
	actor := ""
	if f.Actor != "" {
		a, ok := reg.Resolve(f.Actor)
		if !ok {
			return cli.Failf(cli.ExitUsage, "--actor %q is not in the actor registry (give an id, name or alias, or add it with --actors)", f.Actor)
		}
		actor = a.ID
	}
	x, err := New(cb, reg, Options{Rules: rules, OfficialsAsOrganisation: f.Officials != "self", NoText: f.NoText, RequireContext: f.RequireContext})
	if err != nil {
		return cli.Fail(cli.ExitUsage, err)
	}
	tabular := f.TextCol != ""
	if !tabular {
		for _, a := range args {
			if IsTable(a) {
				return cli.Failf(cli.ExitUsage, "%s looks like a table: name its text column with --text-col (and --actor-col, --date-col)", a)
			}
		}
	} else if len(args) != 1 {
		return cli.Failf(cli.ExitUsage, "with --text-col, give exactly one table (got %d files)", len(args))
	}

	var unatt *data.StatementWriter
	var unattBuf *os.File
	if f.Unattributed != "" {
		uf, err := data.StatementFormatOf(f.Unattributed)
		if err != nil {
			return cli.Fail(cli.ExitUsage, err)
		}
		unattBuf, err = os.CreateTemp("", "stancemap-unattributed-*")
		if err != nil {
			return cli.Fail(cli.ExitOutput, err)
		}
		defer os.Remove(unattBuf.Name())
		defer unattBuf.Close()
		unatt, _ = data.NewStatementWriter(unattBuf, uf)
	}

	// Progress on standard error, only for a person watching a terminal.
	var bar *progressbar.ProgressBar
	showBar := !f.Quiet && isTerminal(stderr)
	opt := RunOptions{Workers: f.Workers, SkipInvalid: f.SkipInvalid}
	var stats *Stats
	var review []data.Statement
	run := func(w io.Writer) error {
		sw, err := data.NewStatementWriter(w, format)
		if err != nil {
			return err
		}
		emit := func(c *Coded) error {
			if c.Flagged() {
				if unatt != nil {
					return unatt.Write(&c.Statement)
				}
				return nil
			}
			if f.Review != "" {
				review = append(review, c.Statement)
			}
			return sw.Write(&c.Statement)
		}
		var runErr error
		if tabular {
			if showBar {
				if fi, err := os.Stat(args[0]); err == nil {
					bar = newBar(fi.Size(), "extracting", true, stderr)
					opt.Progress = func(n int64) { _ = bar.Set64(n) }
				}
			}
			stats, runErr = x.RunTable(args[0], TableOptions{TextCol: f.TextCol, ActorCol: f.ActorCol, DateCol: f.DateCol,
				IDCol: f.IDCol, SourceCol: f.SourceCol, EventCol: f.EventCol, Actor: actor, Date: date}, emit, opt)
		} else {
			in, ps := CollectInputs(args, TextOptions{Manifest: f.Manifest, Actor: actor, Date: date, Encoding: f.Encoding,
				MaxFileSize: f.MaxFileMB << 20, KeepBoilerplate: f.KeepBoiler}, reg)
			if ps.Errors() > 0 && !f.SkipInvalid {
				stats = &Stats{Problems: ps}
				return fmt.Errorf("%w: %v", ErrStopped, firstError(ps))
			}
			if showBar {
				bar = newBar(int64(len(in.Files)), "documents", false, stderr)
				opt.Progress = func(n int64) { _ = bar.Set64(n) }
			}
			stats, runErr = x.RunFiles(in, emit, opt)
			if stats != nil {
				stats.Problems = append(ps, stats.Problems...)
			}
		}
		if bar != nil {
			_ = bar.Finish()
			fmt.Fprintln(stderr)
		}
		if runErr != nil {
			return runErr
		}
		if err := sw.Close(); err != nil {
			return err
		}
		if stats.Documents == 0 {
			return errNothing
		}
		return nil
	}
	start := time.Now()
	if f.Output == "" && f.Review != "" {
		err = run(io.Discard) // the review workbook is the output
	} else if f.Output == "" || f.Output == "-" {
		err = run(stdout)
	} else {
		err = cli.WriteOutput(f.Output, args, run)
	}
	if stats != nil && len(stats.Problems) > 0 {
		cli.PrintProblems(stderr, stats.Problems, f.MaxProblems)
	}
	if err != nil {
		var p *data.Problem
		var ee *cli.ExitError
		switch {
		case errors.Is(err, ErrStopped):
			fmt.Fprintf(stderr, "stancemap: stopped: an input cannot be read (listed above); fix it, or run again with --skip-invalid to go on without it\n")
			if stats != nil && stats.Problems.Unusable() {
				return cli.Silent(cli.ExitUsage)
			}
			return cli.Silent(cli.ExitProblems)
		case errors.Is(err, errNothing):
			return cli.Failf(cli.ExitProblems, "no document could be read: nothing extracted")
		case errors.As(err, &ee):
			return err
		case errors.As(err, &p):
			return cli.Fail(cli.ExitUsage, p)
		default:
			return cli.Fail(cli.ExitOutput, err)
		}
	}
	if f.Review != "" {
		if err := cli.WriteOutput(f.Review, args, func(w io.Writer) error {
			return xlsx.WriteTemplate(w, cb, reg, xlsx.TemplateOptions{Prefill: review, Rows: len(review) + 200})
		}); err != nil {
			return err
		}
		if !f.Quiet {
			fmt.Fprintf(stderr, "stancemap: %d suggestions written to %s for review\n", len(review), f.Review)
		}
	}
	if unatt != nil {
		if err := unatt.Close(); err != nil {
			return cli.Fail(cli.ExitOutput, err)
		}
		if _, err := unattBuf.Seek(0, io.SeekStart); err == nil {
			if err := cli.WriteOutput(f.Unattributed, args, func(w io.Writer) error { _, err := io.Copy(w, unattBuf); return err }); err != nil {
				return err
			}
		}
	}
	if !f.Quiet {
		fmt.Fprintf(stderr, "stancemap: %d statements from %d %s (%d sentences) in %.1f s", stats.Statements, stats.Documents,
			plural(stats.Documents, "document", "documents"), stats.Sentences, time.Since(start).Seconds())
		if stats.Skipped > 0 {
			fmt.Fprintf(stderr, "; %d skipped (--skip-invalid)", stats.Skipped)
		}
		fmt.Fprintln(stderr)
		if stats.Flagged > 0 {
			where := "give the documents a default actor (manifest actor column or --actor) to code them"
			if f.Unattributed != "" {
				where = "written to " + f.Unattributed
			}
			fmt.Fprintf(stderr, "stancemap: %d theme %s had no identifiable speaker and were not coded: %s\n",
				stats.Flagged, plural(stats.Flagged, "sentence", "sentences"), where)
		}
	}
	return nil
}

var errNothing = errors.New("nothing read")

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newBar(max int64, desc string, bytes bool, w io.Writer) *progressbar.ProgressBar {
	opts := []progressbar.Option{progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(desc),
		progressbar.OptionThrottle(100 * time.Millisecond), progressbar.OptionShowCount(), progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish()}
	if bytes {
		opts = append(opts, progressbar.OptionShowBytes(true))
	}
	return progressbar.NewOptions64(max, opts...)
}

// EvaluateFlags are the flags of `stancemap evaluate`.
type EvaluateFlags struct {
	Gold, Pred, Actors, Codebook string
	JSON, ShowMisses             bool
}

// Register adds the flags.
func (f *EvaluateFlags) Register(fs *pflag.FlagSet) {
	fs.StringVar(&f.Gold, "gold", "", "the gold statements (hand-coded), with #char=start,end spans in the url column")
	fs.StringVar(&f.Pred, "pred", "", "the statements to score (e.g. from stancemap extract)")
	fs.StringVar(&f.Actors, "actors", "", "actor registry; default: built-in")
	fs.StringVar(&f.Codebook, "codebook", "", "codebook; default: built-in")
	fs.BoolVar(&f.JSON, "json", false, "print the scores as JSON")
	fs.BoolVar(&f.ShowMisses, "misses", false, "list every disagreement (missed and extra themes, wrong actors and stances)")
}

// readCoded reads statements for evaluation or agreement; duplicate rows
// are fine there (two sentences coded alike), other problems are not.
func readCoded(path string, reg *data.Registry, cb *data.Codebook, stderr io.Writer) ([]data.Statement, error) {
	res, err := data.ReadStatements([]string{path}, data.ReadOptions{Registry: reg, Codebook: cb})
	if err != nil {
		return nil, cli.Fail(cli.ExitUsage, err)
	}
	var ps data.Problems
	for _, p := range res.Problems {
		if p.Code != "duplicate" {
			ps = append(ps, p)
		}
	}
	if ps.Errors() > 0 {
		cli.PrintProblems(stderr, ps, 20)
		return nil, cli.Failf(cli.ExitProblems, "%s: %d of %d rows are invalid; fix them first (stancemap validate %s)", path, res.InvalidRows, res.Rows, path)
	}
	return res.Statements, nil
}

// EvaluateCommand runs `stancemap evaluate`.
func EvaluateCommand(f EvaluateFlags, stdout, stderr io.Writer) error {
	if f.Gold == "" || f.Pred == "" {
		return cli.Failf(cli.ExitUsage, "evaluate needs --gold FILE and --pred FILE; see 'stancemap evaluate --help'")
	}
	reg, cb, _, err := loadBasics(f.Actors, f.Codebook, "")
	if err != nil {
		return err
	}
	gold, err := readCoded(f.Gold, reg, cb, stderr)
	if err != nil {
		return err
	}
	pred, err := readCoded(f.Pred, reg, cb, stderr)
	if err != nil {
		return err
	}
	ev := Evaluate(gold, pred, cb.ThemeIDs(), reg)
	if ev.GoldNoEvidence == len(gold) {
		return cli.Failf(cli.ExitProblems, "%s: no gold statement has a #char=start,end span in its url column, so nothing can be aligned", f.Gold)
	}
	if f.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(jsonSafe(ev))
	}
	WriteEvaluation(stdout, ev, f.ShowMisses)
	if ev.PredNoEvidence > 0 {
		fmt.Fprintf(stderr, "stancemap: %d predicted statements have no #char= span in their url column and were left out\n", ev.PredNoEvidence)
	}
	return nil
}

// WriteEvaluation prints an evaluation as a plain-text report.
func WriteEvaluation(w io.Writer, ev *Evaluation, misses bool) {
	fmt.Fprintf(w, "Theme detection (gold sentence × theme units; a prediction counts when its span overlaps)\n")
	fmt.Fprintf(w, "  %-18s %4s %4s %4s  %9s %6s %5s\n", "theme", "tp", "fp", "fn", "precision", "recall", "F1")
	for _, t := range append(ev.Themes, ev.Micro) {
		fmt.Fprintf(w, "  %-18s %4d %4d %4d  %9s %6s %5s\n", t.Theme, t.TP, t.FP, t.FN, num(t.Precision), num(t.Recall), num(t.F1))
	}
	fmt.Fprintf(w, "  macro F1 %s\n\n", num(ev.MacroF1))
	fmt.Fprintf(w, "Speaker attribution (%d of %d gold sentences have a predicted statement)\n", ev.Aligned, ev.GoldSentences)
	fmt.Fprintf(w, "  actor accuracy          %s (%d of %d)\n", num(ev.ActorAccuracy), ev.ActorCorrect, ev.Aligned)
	fmt.Fprintf(w, "  organisation accuracy   %s (%d of %d; an official counts as the actor they speak for)\n\n", num(ev.OrganisationAccuracy), ev.OrganisationCorrect, ev.Aligned)
	fmt.Fprintf(w, "Stance agreement (%d themes found in both)\n", ev.StancePairs)
	fmt.Fprintf(w, "  Krippendorff's alpha (ordinal) %s\n", num(ev.StanceAlpha))
	fmt.Fprintf(w, "  same value %s, same side (−/0/+) %s\n", num(ev.StanceExact), num(ev.StanceSign))
	if misses && len(ev.Misses) > 0 {
		fmt.Fprintf(w, "\nDisagreements\n")
		for _, m := range ev.Misses {
			fmt.Fprintf(w, "  %s#char=%d,%d  %-12s %-17s gold %-20s predicted %s\n", m.Doc, m.Start, m.End, m.Kind, m.Theme, orDash(m.Gold), orDash(m.Pred))
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func num(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", v)
}

// jsonSafe replaces NaN (not valid JSON) by null through a generic map.
func jsonSafe(v any) any {
	b, err := json.Marshal(nanToNull{v})
	if err != nil {
		return v
	}
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

type nanToNull struct{ v any }

func (n nanToNull) MarshalJSON() ([]byte, error) {
	return marshalNaN(n.v)
}

// AgreementFlags are the flags of `stancemap agreement`.
type AgreementFlags struct {
	Align, Actors, Codebook string
	JSON                    bool
}

// Register adds the flags.
func (f *AgreementFlags) Register(fs *pflag.FlagSet) {
	fs.StringVar(&f.Align, "align", "auto", "how statements become units: id, span (document and overlapping #char= span), actor (actor, date and source), or auto")
	fs.StringVar(&f.Actors, "actors", "", "actor registry; default: built-in")
	fs.StringVar(&f.Codebook, "codebook", "", "codebook; default: built-in")
	fs.BoolVar(&f.JSON, "json", false, "print the result as JSON")
}

// AgreementCommand runs `stancemap agreement`.
func AgreementCommand(files []string, f AgreementFlags, stdout, stderr io.Writer) error {
	if len(files) < 2 {
		return cli.Failf(cli.ExitUsage, "agreement needs two or more coders' files; see 'stancemap agreement --help'")
	}
	align, err := ParseAlignment(f.Align)
	if err != nil {
		return cli.Fail(cli.ExitUsage, err)
	}
	reg, cb, _, err := loadBasics(f.Actors, f.Codebook, "")
	if err != nil {
		return err
	}
	var coders [][]data.Statement
	for _, p := range files {
		sts, err := readCoded(p, reg, cb, stderr)
		if err != nil {
			return err
		}
		coders = append(coders, sts)
	}
	res, err := Agreement(coders, files, cb.ThemeIDs(), align)
	if err != nil {
		return cli.Fail(cli.ExitUsage, err)
	}
	if f.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(jsonSafe(res))
	}
	WriteAgreement(stdout, res)
	return nil
}

// WriteAgreement prints agreement as a plain-text table.
func WriteAgreement(w io.Writer, r *AgreementResult) {
	fmt.Fprintf(w, "Agreement of %d coders: %s\n", len(r.Coders), strings.Join(r.Coders, ", "))
	fmt.Fprintf(w, "Units: %s\n\n", alignText[r.Align])
	fmt.Fprintf(w, "  %-18s %5s %8s  %7s %7s %8s  %6s %9s  %8s\n", "theme", "units", "pairable", "nominal", "ordinal", "interval", "kappa", "agreement", "presence")
	for _, t := range append(r.Themes, r.Overall) {
		fmt.Fprintf(w, "  %-18s %5d %8d  %7s %7s %8s  %6s %9s  %8s\n", t.Theme, t.Units, t.Pairable, num(t.Nominal), num(t.Ordinal),
			num(t.Interval), num(t.Kappa), pct(t.Agreement), num(t.Presence))
	}
	fmt.Fprintln(w, "\nnominal, ordinal, interval: Krippendorff's alpha of the stances (1 perfect, 0 chance, n/a undefined);")
	fmt.Fprintln(w, "kappa: Cohen's kappa (two coders); agreement: share of equal pairs; presence: alpha of whether")
	fmt.Fprintln(w, "the theme was coded at all in the units either coder coded. Alpha ≥ 0.8 is reliable, ≥ 0.667 tentative (Krippendorff).")
}

var alignText = map[Alignment]string{
	AlignID:    "statement id × theme",
	AlignSpan:  "sentence (document and overlapping #char= span) × theme",
	AlignActor: "actor × date × source × theme (a coder's several statements in a unit: their median)",
}

func pct(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", 100*v)
}

// marshalNaN marshals v with NaN floats written as null, keeping the
// json tags' names.
func marshalNaN(v any) ([]byte, error) {
	return json.Marshal(generic(reflect.ValueOf(v)))
}

func generic(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return generic(v.Elem())
	case reflect.Struct:
		m := map[string]any{}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			fld := t.Field(i)
			if !fld.IsExported() {
				continue
			}
			name := fld.Name
			if tag := fld.Tag.Get("json"); tag != "" {
				n, _, _ := strings.Cut(tag, ",")
				if n == "-" {
					continue
				}
				if n != "" {
					name = n
				}
			}
			m[name] = generic(v.Field(i))
		}
		return m
	case reflect.Slice, reflect.Array:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = generic(v.Index(i))
		}
		return out
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil
		}
		return math.Round(f*1e6) / 1e6
	}
	return v.Interface()
}
