package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/stancemap/stancemap/data"
)

// FilterFlags narrow a corpus before it is analysed: which actors, which
// themes, which dates, which events and sources, which origins and how
// sure a machine code must be. Every command that reads statements
// registers them (Register) and applies them (Apply) right after
// loading, so that every count it prints or writes is of the statements
// that passed.
type FilterFlags struct {
	Actors        string   // comma-separated ids, names or aliases
	Themes        string   // comma-separated theme ids
	From, To      string   // ISO dates of any precision
	Events        []string // texts an event must contain (any of them)
	Sources       []string // texts a source must contain (any of them)
	Origins       string   // comma-separated: manual, auto, reviewed
	MinConfidence float64
}

// Register adds the filter flags to a flag set.
func (f *FilterFlags) Register(fs *pflag.FlagSet) {
	fs.StringVar(&f.Actors, "select-actors", "", "only these actors (comma-separated ids, names or aliases)")
	fs.StringVar(&f.Themes, "select-themes", "", "only these themes (comma-separated ids)")
	fs.StringVar(&f.From, "from", "", "only statements from this date on (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&f.To, "to", "", "only statements up to this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringArrayVar(&f.Events, "event", nil, "only statements whose event contains this text, ignoring case (repeat for several)")
	fs.StringArrayVar(&f.Sources, "source", nil, "only statements whose source contains this text, ignoring case (repeat for several)")
	fs.StringVar(&f.Origins, "origin", "", "only statements of these origins (comma-separated): manual (coded by a person), auto (machine-coded, not reviewed), reviewed (machine-coded, then accepted or corrected)")
	fs.Float64Var(&f.MinConfidence, "min-confidence", 0, "leave out machine codes not yet reviewed whose confidence is below this (0 to 1); statements a person coded or reviewed are kept")
}

// Active reports whether any filter is set.
func (f FilterFlags) Active() bool {
	return f.Actors != "" || f.Themes != "" || f.From != "" || f.To != "" || len(f.Events) > 0 ||
		len(f.Sources) > 0 || f.Origins != "" || f.MinConfidence != 0
}

// Filter resolves the flags against a corpus's registry and codebook. A
// name that matches nothing is a usage error, not an empty report.
func (f FilterFlags) Filter(c *data.Corpus) (data.Filter, error) {
	var out data.Filter
	for _, name := range split(f.Actors) {
		a, ok := c.Actors.Resolve(name)
		if !ok {
			return out, Failf(ExitUsage, "--select-actors: %q is not an actor of the registry", name)
		}
		if !slices.Contains(out.Actors, a.ID) {
			out.Actors = append(out.Actors, a.ID)
		}
	}
	for _, th := range split(f.Themes) {
		t, ok := c.Codebook.Theme(th)
		if !ok {
			return out, Failf(ExitUsage, "--select-themes: %q is not a theme of the codebook (themes: %s)", th, strings.Join(c.Codebook.ThemeIDs(), ", "))
		}
		if !slices.Contains(out.Themes, t.ID) {
			out.Themes = append(out.Themes, t.ID)
		}
	}
	var err error
	if f.From != "" {
		if out.From, err = data.ParseDate(f.From); err != nil {
			return out, Failf(ExitUsage, "--from %q: %v", f.From, err)
		}
	}
	if f.To != "" {
		if out.To, err = data.ParseDate(f.To); err != nil {
			return out, Failf(ExitUsage, "--to %q: %v", f.To, err)
		}
	}
	if !out.From.IsZero() && !out.To.IsZero() && out.To.Last().Before(out.From.First()) {
		return out, Failf(ExitUsage, "--to %s is before --from %s", f.To, f.From)
	}
	for _, flag := range []struct {
		name string
		in   []string
		out  *[]string
	}{{"--event", f.Events, &out.Events}, {"--source", f.Sources, &out.Sources}} {
		for _, v := range flag.in {
			if v = strings.TrimSpace(v); v == "" {
				return out, Failf(ExitUsage, "%s: give a text to look for", flag.name)
			}
			*flag.out = append(*flag.out, v)
		}
	}
	for _, o := range split(f.Origins) {
		o = strings.ToLower(o)
		if !slices.Contains(data.Origins, o) {
			return out, Failf(ExitUsage, "--origin: %q is not an origin (origins: %s)", o, strings.Join(data.Origins, ", "))
		}
		if !slices.Contains(out.Origins, o) {
			out.Origins = append(out.Origins, o)
		}
	}
	if !(f.MinConfidence >= 0 && f.MinConfidence <= 1) {
		return out, Failf(ExitUsage, "--min-confidence must be from 0 to 1, got %v", f.MinConfidence)
	}
	out.MinConfidence = f.MinConfidence
	return out, nil
}

// Apply returns a corpus holding only the statements that pass the
// filters, and what was kept and left out. When a filter is set, it says
// on w what it kept and names each selected actor or theme left with no
// statement. No statement passing is exit 1, not an empty report.
func (f FilterFlags) Apply(c *data.Corpus, w io.Writer) (*data.Corpus, *data.Selection, error) {
	if !f.Active() {
		return c, nil, nil
	}
	flt, err := f.Filter(c)
	if err != nil {
		return nil, nil, err
	}
	out, sel := flt.Apply(c)
	if w != nil {
		fmt.Fprintln(w, "stancemap: "+sel.Summary())
		for _, n := range sel.Notes {
			fmt.Fprintln(w, "stancemap: note: "+n)
		}
	}
	if len(out.Statements) == 0 {
		return nil, sel, Failf(ExitProblems, "no statement passes the filters (%s)", sel.Filter)
	}
	return out, sel, nil
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// StatementFlags are the flags of every command that reads statements:
// where they come from (InputFlags) and which of them to use
// (FilterFlags). A new command that reads statements registers them and
// calls Load, and gets the filters with their notes for free.
type StatementFlags struct {
	Input  InputFlags
	Filter FilterFlags
	// sample says the command runs on a built-in sample without files.
	sample bool
}

// Register adds the input and filter flags; skip adds --skip-invalid,
// sample adds --sample (the command runs on a built-in sample when given
// no file).
func (s *StatementFlags) Register(fs *pflag.FlagSet, skip, sample bool) {
	s.Input.Register(fs, skip)
	if sample {
		s.sample = true
		s.Input.RegisterSample(fs)
	}
	s.Filter.Register(fs)
}

// Loaded is a corpus read and filtered, with what reading found and what
// the filters kept.
type Loaded struct {
	Corpus    *data.Corpus     // the statements that passed the filters
	Read      *data.ReadResult // what reading found, before filtering
	Selection *data.Selection  // what the filters kept and left out; nil when none was set
	Filter    data.Filter      // the filters, resolved
}

// Load reads the statements (or the built-in sample, for commands that
// registered --sample) and applies the filters, saying on stderr what
// they kept.
func (s *StatementFlags) Load(paths []string, stderr io.Writer) (*Loaded, error) {
	var c *data.Corpus
	var rr *data.ReadResult
	var err error
	if s.sample {
		c, rr, err = s.Input.LoadOrSample(paths, stderr)
	} else {
		c, rr, err = s.Input.Load(paths, stderr)
	}
	if err != nil {
		return nil, err
	}
	l := &Loaded{Corpus: c, Read: rr}
	if !s.Filter.Active() {
		return l, nil
	}
	if l.Filter, err = s.Filter.Filter(c); err != nil {
		return nil, err
	}
	l.Corpus, l.Selection, err = s.Filter.Apply(c, stderr)
	return l, err
}
