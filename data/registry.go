package data

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
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

// Add registers an actor. It fails when the id is taken or an alias
// already names another actor, because a silently ambiguous name would
// send statements to the wrong actor.
func (r *Registry) Add(a Actor) error {
	if a.ID == "" {
		return fmt.Errorf("actor has no id")
	}
	if _, dup := r.byID[a.ID]; dup {
		return fmt.Errorf("actor id %q is listed twice", a.ID)
	}
	ac := a
	keys := append([]string{a.ID, a.Name}, a.Aliases...)
	for _, k := range keys {
		if k == "" {
			continue
		}
		if other, ok := r.byKey[NameKey(k)]; ok && other.ID != a.ID {
			return fmt.Errorf("name %q of actor %q already names actor %q", k, a.ID, other.ID)
		}
	}
	for _, k := range keys {
		if k != "" {
			r.byKey[NameKey(k)] = &ac
		}
	}
	r.byID[a.ID] = &ac
	r.actors = append(r.actors, &ac)
	return nil
}

// Resolve finds the actor an id, name or alias stands for.
func (r *Registry) Resolve(name string) (*Actor, bool) {
	if a, ok := r.byID[name]; ok {
		return a, true
	}
	a, ok := r.byKey[NameKey(name)]
	return a, ok
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
