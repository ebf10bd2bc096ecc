package cli

import (
	"fmt"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// FilterFlags narrow a corpus before it is analysed: which actors, which
// themes, which dates.
type FilterFlags struct {
	Actors   string // comma-separated ids, names or aliases
	Themes   string // comma-separated theme ids
	From, To string // ISO dates of any precision
}

// Active reports whether any filter is set.
func (f FilterFlags) Active() bool {
	return f.Actors != "" || f.Themes != "" || f.From != "" || f.To != ""
}

// Apply returns a corpus holding only the statements that pass the
// filters, and the resolved actor and theme lists for display. A name
// that matches nothing is a usage error, not an empty report. A date
// filter keeps statements whose whole date span lies within
// [first day of From, last day of To].
func (f FilterFlags) Apply(c *data.Corpus) (*data.Corpus, []string, []string, error) {
	if !f.Active() {
		return c, nil, nil, nil
	}
	var actors, themes []string
	for _, name := range split(f.Actors) {
		a, ok := c.Actors.Resolve(name)
		if !ok {
			return nil, nil, nil, Failf(ExitUsage, "--select-actors: %q is not an actor of the registry", name)
		}
		actors = append(actors, a.ID)
	}
	for _, th := range split(f.Themes) {
		if _, ok := c.Codebook.Theme(th); !ok {
			return nil, nil, nil, Failf(ExitUsage, "--select-themes: %q is not a theme of the codebook (themes: %s)", th, strings.Join(c.Codebook.ThemeIDs(), ", "))
		}
		themes = append(themes, th)
	}
	var from, to data.Date
	var err error
	if f.From != "" {
		if from, err = data.ParseDate(f.From); err != nil {
			return nil, nil, nil, Failf(ExitUsage, "--from %q: %v", f.From, err)
		}
	}
	if f.To != "" {
		if to, err = data.ParseDate(f.To); err != nil {
			return nil, nil, nil, Failf(ExitUsage, "--to %q: %v", f.To, err)
		}
	}
	out := &data.Corpus{Actors: c.Actors, Codebook: c.Codebook}
	for _, s := range c.Statements {
		if len(actors) > 0 && !contains(actors, s.Actor) || len(themes) > 0 && !contains(themes, s.Theme) {
			continue
		}
		if !from.IsZero() && s.Date.First().Before(from.First()) || !to.IsZero() && s.Date.Last().After(to.Last()) {
			continue
		}
		out.Statements = append(out.Statements, s)
	}
	if len(out.Statements) == 0 {
		return nil, nil, nil, Failf(ExitProblems, "no statement passes the filters (%s)", f)
	}
	return out, actors, themes, nil
}

func (f FilterFlags) String() string {
	var parts []string
	for _, p := range [][2]string{{"actors", f.Actors}, {"themes", f.Themes}, {"from", f.From}, {"to", f.To}} {
		if p[1] != "" {
			parts = append(parts, fmt.Sprintf("%s %s", p[0], p[1]))
		}
	}
	return strings.Join(parts, ", ")
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

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
