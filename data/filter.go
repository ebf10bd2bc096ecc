package data

import (
	"fmt"
	"slices"
	"strings"
)

// Filter selects the statements an analysis works on. Each field left at
// its zero value selects everything; a statement must pass every field
// that is set.
type Filter struct {
	Actors   []string // registry ids
	Themes   []string // theme ids
	From, To Date     // a statement's whole date span must lie within [From.First(), To.Last()]
	// Events and Sources keep statements whose event (source) contains
	// any of these texts, ignoring case.
	Events, Sources []string
	// Origins keeps statements of these origin classes (see OriginClass).
	Origins []string
	// MinConfidence drops machine codes not yet reviewed (OriginClass
	// auto) whose confidence is below it. Statements a person coded or
	// reviewed pass whatever their confidence.
	MinConfidence float64
}

// Active reports whether any part of the filter is set.
func (f Filter) Active() bool {
	return len(f.Actors) > 0 || len(f.Themes) > 0 || !f.From.IsZero() || !f.To.IsZero() ||
		len(f.Events) > 0 || len(f.Sources) > 0 || len(f.Origins) > 0 || f.MinConfidence > 0
}

// Selection is what a filter kept and what it left out, for the notes of
// reports: Read == Kept + the sum of Dropped.
type Selection struct {
	Filter  string `json:"filter"`  // the filter in words, e.g. "from 2010; actors CHN, USA"
	Read    int    `json:"read"`    // statements before filtering
	Kept    int    `json:"kept"`    // statements that passed
	Dropped []Drop `json:"dropped"` // statements left out, by the first part of the filter they failed
	// Notes name what a reader would otherwise miss: a selected actor
	// or theme with no statement left.
	Notes []string `json:"notes"`
}

// Drop counts the statements one part of a filter left out.
type Drop struct {
	Why string `json:"why"` // "by actors not selected", "dated before 2010", …
	N   int    `json:"n"`
}

// Summary is one line: what was kept of what was read, and why the rest
// was left out.
func (s *Selection) Summary() string {
	if s == nil {
		return ""
	}
	line := fmt.Sprintf("filters (%s) kept %d of %d statements", s.Filter, s.Kept, s.Read)
	var why []string
	for _, d := range s.Dropped {
		why = append(why, fmt.Sprintf("%d %s", d.N, d.Why))
	}
	if len(why) > 0 {
		line += ": left out " + strings.Join(why, ", ")
	}
	return line
}

// String describes the filter in words.
func (f Filter) String() string {
	var parts []string
	add := func(name string, vs []string) {
		if len(vs) > 0 {
			parts = append(parts, name+" "+strings.Join(vs, ", "))
		}
	}
	add("actors", f.Actors)
	add("themes", f.Themes)
	if !f.From.IsZero() {
		parts = append(parts, "from "+f.From.String())
	}
	if !f.To.IsZero() {
		parts = append(parts, "to "+f.To.String())
	}
	add("event", quoteAll(f.Events))
	add("source", quoteAll(f.Sources))
	add("origin", f.Origins)
	if f.MinConfidence > 0 {
		parts = append(parts, fmt.Sprintf("machine codes with confidence ≥ %g", f.MinConfidence))
	}
	return strings.Join(parts, "; ")
}

func quoteAll(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

// containsFold says whether a text contains any of some texts, ignoring
// case, remembering the answer for each distinct text (a corpus repeats
// few events and sources many times).
func containsFold(needles []string) func(string) bool {
	lower := make([]string, len(needles))
	for i, n := range needles {
		lower[i] = strings.ToLower(n)
	}
	seen := map[string]bool{}
	return func(hay string) bool {
		if v, ok := seen[hay]; ok {
			return v
		}
		h := strings.ToLower(hay)
		v := false
		for _, n := range lower {
			if strings.Contains(h, n) {
				v = true
				break
			}
		}
		seen[hay] = v
		return v
	}
}

// Apply returns a corpus sharing c's registry and codebook and holding
// the statements that pass, in their order, with what was kept and left
// out. The statements are not copied when the filter is not active.
func (f Filter) Apply(c *Corpus) (*Corpus, *Selection) {
	sel := &Selection{Filter: f.String(), Read: len(c.Statements)}
	if !f.Active() {
		sel.Kept = sel.Read
		return c, sel
	}
	type test struct {
		why  string
		pass func(s *Statement) bool
	}
	var tests []test
	if len(f.Actors) > 0 {
		tests = append(tests, test{"by actors not selected", func(s *Statement) bool { return slices.Contains(f.Actors, s.Actor) }})
	}
	if len(f.Themes) > 0 {
		tests = append(tests, test{"on themes not selected", func(s *Statement) bool { return slices.Contains(f.Themes, s.Theme) }})
	}
	if !f.From.IsZero() {
		tests = append(tests, test{"dated before " + f.From.String(), func(s *Statement) bool { return !s.Date.First().Before(f.From.First()) }})
	}
	if !f.To.IsZero() {
		tests = append(tests, test{"dated after " + f.To.String(), func(s *Statement) bool { return !s.Date.Last().After(f.To.Last()) }})
	}
	if len(f.Events) > 0 {
		match := containsFold(f.Events)
		tests = append(tests, test{"at other events", func(s *Statement) bool { return match(s.Event) }})
	}
	if len(f.Sources) > 0 {
		match := containsFold(f.Sources)
		tests = append(tests, test{"from other sources", func(s *Statement) bool { return match(s.Source) }})
	}
	if len(f.Origins) > 0 {
		tests = append(tests, test{"of other origins", func(s *Statement) bool { return slices.Contains(f.Origins, OriginClass(s)) }})
	}
	if f.MinConfidence > 0 {
		tests = append(tests, test{fmt.Sprintf("machine codes with confidence below %g", f.MinConfidence), func(s *Statement) bool {
			return OriginClass(s) != OriginAuto || s.Confidence >= f.MinConfidence
		}})
	}
	dropped := make([]int, len(tests))
	hasActor := map[string]bool{}
	hasTheme := map[string]bool{}
	inInput := map[string]bool{}
	// The statements kept are copied once, into a slice of their exact
	// size: a corpus of a million statements filtered to a few costs
	// only their room.
	keep := make([]bool, len(c.Statements))
	for i := range c.Statements {
		s := &c.Statements[i]
		inInput[s.Actor] = true
		keep[i] = true
		for k, t := range tests {
			if !t.pass(s) {
				dropped[k]++
				keep[i] = false
				break
			}
		}
		if keep[i] {
			sel.Kept++
			hasActor[s.Actor] = true
			hasTheme[s.Theme] = true
		}
	}
	out := &Corpus{Actors: c.Actors, Codebook: c.Codebook, Statements: make([]Statement, 0, sel.Kept)}
	for i, k := range keep {
		if k {
			out.Statements = append(out.Statements, c.Statements[i])
		}
	}
	for k, t := range tests {
		if dropped[k] > 0 {
			sel.Dropped = append(sel.Dropped, Drop{Why: t.why, N: dropped[k]})
		}
	}
	for _, a := range f.Actors {
		if hasActor[a] {
			continue
		}
		name := a
		if c.Actors != nil {
			if act, ok := c.Actors.Get(a); ok && act.Name != "" && act.Name != a {
				name = act.Name + " (" + a + ")"
			}
		}
		if inInput[a] {
			sel.Notes = append(sel.Notes, "selected actor "+name+" has no statement left after the other filters")
		} else {
			sel.Notes = append(sel.Notes, "selected actor "+name+" has no statement in the input")
		}
	}
	for _, th := range f.Themes {
		if !hasTheme[th] {
			sel.Notes = append(sel.Notes, "selected theme "+th+" has no statement left")
		}
	}
	return out, sel
}
