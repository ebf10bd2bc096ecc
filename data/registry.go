package data

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Registry is the set of known actors, found by id or by any alias.
// Lookups ignore case, accents, surrounding spaces, runs of spaces, dots
// and the kind of apostrophe, so "P.R. China", "people’s republic of
// china" and "PRC" all find CHN when the registry lists them as aliases.
type Registry struct {
	actors []*Actor
	byID   map[string]*Actor
	byKey  map[string]*Actor
	// ambiguous holds the names (keys) two or more actors claim, with
	// their ids: such a name finds no actor, since either would be a
	// guess.
	ambiguous map[string][]string
	// hints indexes the actors for SuggestActors; built on first use,
	// dropped by Add.
	hintsOnce sync.Once
	hints     *suggester
}

// suggester returns the index of the actors' spellings, built once.
func (r *Registry) suggester() *suggester {
	r.hintsOnce.Do(func() { r.hints = actorSuggester(r) })
	return r.hints
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{byID: map[string]*Actor{}, byKey: map[string]*Actor{}}
}

var spaceRun = regexp.MustCompile(`\s+`)

// NameKey is the normalised form under which ids and aliases are matched.
func NameKey(s string) string {
	s = norm.NFKD.String(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r): // combining accent
		case r == '.':
		case r == '’' || r == '‘' || r == '`':
			b.WriteRune('\'')
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(spaceRun.ReplaceAllString(b.String(), " "))
}

// Add registers an actor. It fails when the id is taken. A name or
// alias that already names another actor is an error too, but the actor
// is added, and the name then finds neither actor (Ambiguous lists
// them): a silently ambiguous name would send statements to the wrong
// actor, and dropping the actor would lose its other names.
func (r *Registry) Add(a Actor) error {
	if a.ID == "" {
		return fmt.Errorf("actor has no id")
	}
	if _, dup := r.byID[a.ID]; dup {
		return fmt.Errorf("actor id %q is listed twice", a.ID)
	}
	if owners := r.ambiguous[NameKey(a.ID)]; owners != nil {
		return fmt.Errorf("actor id %q is a name already shared by actors %s", a.ID, strings.Join(owners, " and "))
	}
	ac := a
	keys := append([]string{a.ID, a.Name}, a.Aliases...)
	var clash []string
	for _, k := range keys {
		if k == "" {
			continue
		}
		key := NameKey(k)
		if owners := r.ambiguous[key]; owners != nil {
			if !slices.Contains(owners, a.ID) {
				r.ambiguous[key] = append(owners, a.ID)
				clash = append(clash, fmt.Sprintf("%q (also %s)", k, strings.Join(owners, ", ")))
			}
			continue
		}
		if other, ok := r.byKey[key]; ok && other.ID != a.ID {
			if r.ambiguous == nil {
				r.ambiguous = map[string][]string{}
			}
			r.ambiguous[key] = []string{other.ID, a.ID}
			delete(r.byKey, key)
			clash = append(clash, fmt.Sprintf("%q (also %s)", k, other.ID))
			continue
		}
		r.byKey[key] = &ac
	}
	r.byID[a.ID] = &ac
	r.actors = append(r.actors, &ac)
	r.hintsOnce, r.hints = sync.Once{}, nil
	if len(clash) > 0 {
		return fmt.Errorf("actor %q shares %s %s with another actor: the name is ambiguous and finds neither; give each actor its own names",
			a.ID, Plural(len(clash), "the name", "the names"), strings.Join(clash, ", "))
	}
	return nil
}

// Resolve finds the actor an id, name or alias stands for. A name two
// actors share (Ambiguous) finds none.
//
// An actor's label as pick lists show it, "China (CHN)" (see
// ActorLabel), finds the actor when the part in parentheses finds it and
// the part before names the same actor; a label whose two parts name
// different actors finds none.
func (r *Registry) Resolve(name string) (*Actor, bool) {
	if a, ok := r.byID[name]; ok {
		return a, true
	}
	a, ok := r.byKey[NameKey(name)]
	if ok || !strings.HasSuffix(strings.TrimSpace(name), ")") {
		return a, ok
	}
	t := strings.TrimSpace(name)
	open := strings.LastIndex(t, " (")
	if open < 0 {
		return nil, false
	}
	id, before := t[open+2:len(t)-1], t[:open]
	a, ok = r.byID[id]
	if !ok {
		a, ok = r.byKey[NameKey(id)]
	}
	if !ok {
		return nil, false
	}
	if b, same := r.byKey[NameKey(before)]; !same || b.ID != a.ID {
		return nil, false
	}
	return a, true
}

// Ambiguous lists, for a name two or more actors of the registry
// claim, their ids; nil for any other name.
func (r *Registry) Ambiguous(name string) []string {
	if _, ok := r.byID[name]; ok {
		return nil
	}
	return r.ambiguous[NameKey(name)]
}

// Get returns the actor with exactly this id.
func (r *Registry) Get(id string) (*Actor, bool) {
	a, ok := r.byID[id]
	return a, ok
}

// Len is the number of actors.
func (r *Registry) Len() int { return len(r.actors) }

// Actors returns the actors in the order they were added.
func (r *Registry) Actors() []*Actor { return r.actors }

// Sorted returns the actors sorted by id.
func (r *Registry) Sorted() []*Actor {
	out := append([]*Actor(nil), r.actors...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Represented returns the actor as it stands for grouping: an actor that
// speaks for another (an official, with Organisation set to a registered
// actor such as its state) takes that actor's country, region and groups
// where it has none of its own; its id, name and kind stay its own. So
// the UK Foreign Secretary counts in the G7 and in Northern Europe. The
// actor itself is returned unchanged when there is nothing to borrow.
func (r *Registry) Represented(a *Actor) *Actor {
	if r == nil || a == nil || a.Organisation == "" || (a.Country != "" && a.Region != "" && len(a.Groups) > 0) {
		return a
	}
	org, ok := r.Get(a.Organisation)
	if !ok || org == a {
		return a
	}
	c := *a
	if c.Country == "" {
		c.Country = org.Country
	}
	if c.Region == "" {
		c.Region = org.Region
	}
	if len(c.Groups) == 0 {
		c.Groups, c.Memberships = org.Groups, org.Memberships
	}
	return &c
}
