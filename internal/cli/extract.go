package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/extract"
	"github.com/stancemap/stancemap/reports/xlsx"
)

// ExtractOptions are the settings of `stancemap extract`, as its flags
// give them.
type ExtractOptions struct {
	Output, Manifest, Actor, Date, Rules, Codebook, Actors string
	// The columns of a tabular corpus; TextCol set means the input is one.
	TextCol, ActorCol, DateCol, IDCol, SourceCol, EventCol, DocRef string
	Encoding, Officials, Unattributed, Review                      string
	// Model is the model file; "" the built-in one, "none" rules only.
	Model                                                            string
	PrintRules, SkipInvalid, Quiet, NoText, KeepBoiler, AllowOutside bool
	RequireContext                                                   bool
	Workers, MaxProblems                                             int
	MaxFileMB                                                        int64
}

// extractRun is one extract run: what the options resolved to, and what
// the run gathered.
type extractRun struct {
	o       ExtractOptions
	args    []string
	x       *extract.Extractor
	cb      *data.Codebook
	reg     *data.Registry
	format  data.StatementFormat
	actor   string
	date    data.Date
	stderr  io.Writer
	bar     *progress
	unatt   *spool
	review  []data.Statement
	stats   *extract.Stats
	started time.Time
}

// errNothing says no document could be read.
var errNothing = errors.New("nothing read")

// Extract runs `stancemap extract`.
func Extract(args []string, o ExtractOptions, stdout, stderr io.Writer) error {
	if o.PrintRules {
		_, err := stdout.Write(extract.DefaultRulesYAML())
		return err
	}
	r, err := newExtractRun(args, o, stderr)
	if err != nil {
		return err
	}
	if o.Unattributed != "" {
		if r.unatt, err = newSpool(o.Unattributed); err != nil {
			return err
		}
		defer r.unatt.discard()
	}
	r.started = time.Now()
	switch {
	case o.Output == "" && o.Review != "":
		err = r.run(io.Discard) // the review workbook is the output
	case o.Output == "" || o.Output == "-":
		err = r.run(stdout)
	default:
		err = WriteOutput(o.Output, args, r.run)
	}
	if r.stats != nil && len(r.stats.Problems) > 0 {
		PrintProblems(stderr, r.stats.Problems, o.MaxProblems)
	}
	if err != nil {
		return r.failure(err)
	}
	if err := r.writeReview(); err != nil {
		return err
	}
	if r.unatt != nil {
		if err := r.unatt.copyTo(o.Unattributed, args); err != nil {
			return err
		}
	}
	r.summary()
	return nil
}

// newExtractRun checks the options and loads what they name.
func newExtractRun(args []string, o ExtractOptions, stderr io.Writer) (*extractRun, error) {
	if len(args) == 0 && o.Manifest == "" {
		return nil, Failf(ExitUsage, "extract needs documents (files or folders), a manifest (--manifest), or a table with --text-col; see 'stancemap extract --help'")
	}
	if o.Officials != "self" && o.Officials != "organisation" && o.Officials != "organization" {
		return nil, Failf(ExitUsage, "--officials must be self or organisation, got %q", o.Officials)
	}
	r := &extractRun{o: o, args: args, stderr: stderr}
	var err error
	if r.format, err = data.StatementFormatOf(o.Output); err != nil {
		return nil, Fail(ExitUsage, err)
	}
	reg, cb, rules, err := loadCoder(o.Actors, o.Codebook, o.Rules)
	if err != nil {
		return nil, err
	}
	r.reg, r.cb = reg, cb
	if o.Date != "" {
		if r.date, err = data.ParseDate(o.Date); err != nil {
			return nil, Failf(ExitUsage, "--date %q is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", o.Date)
		}
	}
	if o.Actor != "" {
		a, ok := reg.Resolve(o.Actor)
		if !ok {
			return nil, Failf(ExitUsage, "--actor %q is not in the actor registry (give an id, name or alias, or add it with --actors)", o.Actor)
		}
		r.actor = a.ID
	}
	model, err := loadModel(o.Model)
	if err != nil {
		return nil, err
	}
	r.x, err = extract.New(cb, reg, extract.Options{Rules: rules, OfficialsAsOrganisation: o.Officials != "self", NoText: o.NoText, RequireContext: o.RequireContext, Model: model})
	if err != nil {
		return nil, Fail(ExitUsage, err)
	}
	if o.DocRef != "" && (o.IDCol != "" || o.TextCol == "") {
		return nil, Failf(ExitUsage, "--doc-ref names the rows of a table (with --text-col), in place of --id-col: give it alone")
	}
	if o.TextCol == "" {
		for _, a := range args {
			if extract.IsTable(a) {
				return nil, Failf(ExitUsage, "%s looks like a table: name its text column with --text-col (and --actor-col, --date-col)", a)
			}
		}
	} else if len(args) != 1 {
		return nil, Failf(ExitUsage, "with --text-col, give exactly one table (got %d files)", len(args))
	}
	return r, nil
}

// loadModel reads the model file a --model flag names: "" the built-in
// model, "none" no model (the rules code every sentence).
func loadModel(path string) (*extract.Model, error) {
	var m *extract.Model
	var err error
	switch path {
	case "none":
		return nil, nil
	case "":
		m, err = extract.DefaultModel()
	default:
		m, err = extract.LoadModel(path)
	}
	if err != nil {
		return nil, Fail(ExitUsage, err)
	}
	return m, nil
}

// loadCoder reads the registry, codebook and rules the options name, or
// the built-in ones.
func loadCoder(actors, codebook, rules string) (*data.Registry, *data.Codebook, *extract.Rules, error) {
	reg, cb, err := RegistryAndCodebook(InputFlags{Actors: actors, Codebook: codebook})
	if err != nil {
		return nil, nil, nil, Fail(ExitUsage, err)
	}
	var r *extract.Rules
	if rules == "" {
		r, err = extract.DefaultRules()
	} else {
		r, err = extract.ReadRules(rules)
	}
	if err != nil {
		return nil, nil, nil, Fail(ExitUsage, err)
	}
	return reg, cb, r, nil
}

// run codes the input and writes the statements to w.
func (r *extractRun) run(w io.Writer) error {
	sw, err := data.NewStatementWriter(w, r.format)
	if err != nil {
		return err
	}
	emit := func(c *extract.Coded) error {
		if c.Flagged() {
			if r.unatt != nil {
				return r.unatt.w.Write(&c.Statement)
			}
			return nil
		}
		if r.o.Review != "" {
			r.review = append(r.review, c.Statement)
		}
		return sw.Write(&c.Statement)
	}
	if r.o.TextCol != "" {
		err = r.runTable(emit)
	} else {
		err = r.runFiles(emit)
	}
	r.bar.finish()
	if err != nil {
		return err
	}
	if err := sw.Close(); err != nil {
		return err
	}
	if r.stats.Documents == 0 {
		return errNothing
	}
	return nil
}

func (r *extractRun) runOptions() extract.RunOptions {
	opt := extract.RunOptions{Workers: r.o.Workers, SkipInvalid: r.o.SkipInvalid}
	if r.bar != nil {
		opt.Progress = r.bar.set
	}
	return opt
}

func (r *extractRun) runTable(emit extract.Emit) error {
	if fi, err := os.Stat(r.args[0]); err == nil {
		r.bar = newProgress(r.stderr, r.o.Quiet, fi.Size(), "extracting", true)
	}
	o := r.o
	var err error
	r.stats, err = r.x.RunTable(r.args[0], extract.TableOptions{TextCol: o.TextCol, ActorCol: o.ActorCol, DateCol: o.DateCol,
		IDCol: o.IDCol, SourceCol: o.SourceCol, EventCol: o.EventCol, DocRef: o.DocRef, Actor: r.actor, Date: r.date}, emit, r.runOptions())
	return err
}

func (r *extractRun) runFiles(emit extract.Emit) error {
	o := r.o
	in, ps := extract.CollectInputs(r.args, extract.TextOptions{Manifest: o.Manifest, Actor: r.actor, Date: r.date, Encoding: o.Encoding,
		MaxFileSize: o.MaxFileMB << 20, KeepBoilerplate: o.KeepBoiler, AllowOutside: o.AllowOutside}, r.reg)
	if ps.Errors() > 0 && !o.SkipInvalid {
		r.stats = &extract.Stats{Problems: ps}
		return fmt.Errorf("%w: %v", extract.ErrStopped, extract.FirstError(ps))
	}
	r.bar = newProgress(r.stderr, o.Quiet, int64(len(in.Files)), "documents", false)
	var err error
	r.stats, err = r.x.RunFiles(in, emit, r.runOptions())
	if r.stats != nil {
		r.stats.Problems = append(ps, r.stats.Problems...)
	}
	return err
}

// failure maps a failed run to its message and exit code.
func (r *extractRun) failure(err error) error {
	var p *data.Problem
	var ee *ExitError
	switch {
	case errors.Is(err, extract.ErrStopped):
		fmt.Fprintf(r.stderr, "stancemap: stopped: an input cannot be read (listed above); fix it, or run again with --skip-invalid to go on without it\n")
		if r.stats != nil && r.stats.Problems.Unusable() {
			return Silent(ExitUsage)
		}
		return Silent(ExitProblems)
	case errors.Is(err, errNothing):
		return Failf(ExitProblems, "no document could be read: nothing extracted")
	case errors.As(err, &ee):
		return err
	case errors.As(err, &p):
		return Fail(ExitUsage, p)
	default:
		return Fail(ExitOutput, err)
	}
}

// writeReview writes the suggestions into a coding workbook (--review).
func (r *extractRun) writeReview() error {
	if r.o.Review == "" {
		return nil
	}
	if err := WriteOutput(r.o.Review, r.args, func(w io.Writer) error {
		return xlsx.WriteTemplate(w, r.cb, r.reg, xlsx.TemplateOptions{Prefill: r.review, Rows: len(r.review) + 200})
	}); err != nil {
		return err
	}
	if !r.o.Quiet {
		fmt.Fprintf(r.stderr, "stancemap: %d suggestions written to %s for review\n", len(r.review), r.o.Review)
	}
	return nil
}

// summary tells what the run did, on standard error.
func (r *extractRun) summary() {
	if r.o.Quiet {
		return
	}
	st, w := r.stats, r.stderr
	fmt.Fprintf(w, "stancemap: %d statements from %d %s (%d sentences) in %.1f s", st.Statements, st.Documents,
		data.Plural(st.Documents, "document", "documents"), st.Sentences, time.Since(r.started).Seconds())
	if st.Skipped > 0 {
		fmt.Fprintf(w, "; %d skipped (--skip-invalid)", st.Skipped)
	}
	fmt.Fprintln(w)
	if st.Flagged > 0 {
		where := "give the documents a default actor (manifest actor column or --actor) to code them"
		if r.o.Unattributed != "" {
			where = "written to " + r.o.Unattributed
		}
		fmt.Fprintf(w, "stancemap: %d theme %s had no identifiable speaker and were not coded: %s\n",
			st.Flagged, data.Plural(st.Flagged, "sentence", "sentences"), where)
	}
}

// spool holds statements in a temporary file until the run has
// succeeded, then copies them to their output (--unattributed), so a
// failed run leaves no partial file behind.
type spool struct {
	f *os.File
	w *data.StatementWriter
}

func newSpool(path string) (*spool, error) {
	format, err := data.StatementFormatOf(path)
	if err != nil {
		return nil, Fail(ExitUsage, err)
	}
	f, err := os.CreateTemp("", "stancemap-unattributed-*")
	if err != nil {
		return nil, Fail(ExitOutput, err)
	}
	w, err := data.NewStatementWriter(f, format)
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, Fail(ExitUsage, err)
	}
	return &spool{f: f, w: w}, nil
}

func (s *spool) copyTo(path string, inputs []string) error {
	if err := s.w.Close(); err != nil {
		return Fail(ExitOutput, err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return Fail(ExitOutput, err)
	}
	return WriteOutput(path, inputs, func(w io.Writer) error { _, err := io.Copy(w, s.f); return err })
}

func (s *spool) discard() {
	s.f.Close()
	os.Remove(s.f.Name())
}
