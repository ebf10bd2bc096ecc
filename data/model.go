package data

import (
	"fmt"
	"sort"
	"strings"
)

// ActorKind says what sort of actor speaks.
type ActorKind string

const (
	KindState        ActorKind = "state"
	KindIGO          ActorKind = "igo" // intergovernmental organisation
	KindOfficial     ActorKind = "official"
	KindCompany      ActorKind = "company"
	KindCivilSociety ActorKind = "civil_society"
	KindTechnical    ActorKind = "technical_community"
	KindAcademia     ActorKind = "academia"
	// KindGroup is a set of speakers a source does not name one by one,
	// such as "the participants of the workshop".
	KindGroup ActorKind = "group"
	// KindUnknown is given to actors registered on the fly by
	// --add-unknown-actors.
	KindUnknown ActorKind = "unknown"
)

// ActorKinds lists the kinds in the order reports show them.
var ActorKinds = []ActorKind{KindState, KindIGO, KindOfficial, KindCompany,
	KindCivilSociety, KindTechnical, KindAcademia, KindGroup, KindUnknown}

var kindSynonyms = map[string]ActorKind{
	"state": KindState, "country": KindState, "government": KindState,
	"igo": KindIGO, "intergovernmental organisation": KindIGO,
	"intergovernmental organization": KindIGO, "international organisation": KindIGO,
	"international organization": KindIGO, "organisation": KindIGO, "organization": KindIGO,
	"official": KindOfficial, "person": KindOfficial,
	"company": KindCompany, "business": KindCompany, "private sector": KindCompany,
	"civil_society": KindCivilSociety, "civil society": KindCivilSociety, "ngo": KindCivilSociety,
	"technical_community": KindTechnical, "technical community": KindTechnical, "technical": KindTechnical,
	"academia": KindAcademia, "academic": KindAcademia, "research": KindAcademia,
	"group":   KindGroup,
	"unknown": KindUnknown,
}

// ParseActorKind reads a kind or one of its common spellings
// ("intergovernmental organization", "NGO", "civil society").
func ParseActorKind(s string) (ActorKind, bool) {
	k, ok := kindSynonyms[strings.ToLower(strings.Join(strings.Fields(s), " "))]
	return k, ok
}

// Actor is a state, organisation, official, company or group whose
// statements are coded.
type Actor struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Kind         ActorKind `json:"kind"`
	Country      string    `json:"country,omitempty"`      // ISO 3166-1 alpha-3
	Organisation string    `json:"organisation,omitempty"` // id of the actor an official speaks for
	Region       string    `json:"region,omitempty"`
	Groups       []string  `json:"groups,omitempty"` // G7, BRICS, EU, SCO, …
	// Memberships give the years of the groups the actor belonged to only
	// for a time (BRICS from 2010); a group of Groups without one here
	// counts at every date.
	Memberships []Membership `json:"memberships,omitempty"`
	Aliases     []string     `json:"aliases,omitempty"`
}

// Theme is one dimension of the codebook: a question actors take sides on.
type Theme struct {
	ID          string   `json:"id" yaml:"id"`
	Label       string   `json:"label" yaml:"label"`
	Description string   `json:"description,omitempty" yaml:"description"`
	Positive    string   `json:"positive" yaml:"positive"` // what +1/+2 means
	Negative    string   `json:"negative" yaml:"negative"` // what −1/−2 means
	Keywords    []string `json:"keywords,omitempty" yaml:"keywords"`
	Cues        Cues     `json:"cues,omitempty" yaml:"cues"`
}

// Cues are the phrases the dictionary coder reads as leaning to one pole.
type Cues struct {
	Positive []string `json:"positive,omitempty" yaml:"positive"`
	Negative []string `json:"negative,omitempty" yaml:"negative"`
}

// ScaleLevel is one value of the stance scale with its label and the
// other words accepted for it.
type ScaleLevel struct {
	Value   int      `json:"value" yaml:"value"`
	Label   string   `json:"label" yaml:"label"`
	Aliases []string `json:"aliases,omitempty" yaml:"aliases"`
}

// Codebook is the set of themes and the stance scale a corpus is coded with.
type Codebook struct {
	Name    string       `json:"name" yaml:"name"`
	Version int          `json:"version,omitempty" yaml:"version"`
	Scale   []ScaleLevel `json:"scale" yaml:"scale"`
	Themes  []Theme      `json:"themes" yaml:"themes"`
	// Axes are the dimensions `stancemap scale` places actors on.
	Axes []Axis `json:"axes,omitempty" yaml:"axes,omitempty"`
}

// Theme returns the theme with the given id.
func (cb *Codebook) Theme(id string) (*Theme, bool) {
	for i := range cb.Themes {
		if cb.Themes[i].ID == id {
			return &cb.Themes[i], true
		}
	}
	return nil, false
}

// ThemeIDs lists theme ids in codebook order.
func (cb *Codebook) ThemeIDs() []string {
	ids := make([]string, len(cb.Themes))
	for i, t := range cb.Themes {
		ids[i] = t.ID
	}
	return ids
}

// MinStance and MaxStance bound the scale; a codebook may not widen it.
const (
	MinStance = -2
	MaxStance = 2
)

// StanceLabel names a stance value on the codebook's scale.
func (cb *Codebook) StanceLabel(v int) string {
	for _, l := range cb.Scale {
		if l.Value == v {
			return l.Label
		}
	}
	return fmt.Sprint(v)
}

// Statement is one coded position: what one actor said on one theme, on
// one date. A sentence that touches two themes is two statements.
type Statement struct {
	ID         string  `json:"id"`
	Actor      string  `json:"actor"` // registry id
	Theme      string  `json:"theme"`
	Stance     int     `json:"stance"` // MinStance..MaxStance
	Date       Date    `json:"date"`
	Speaker    string  `json:"speaker,omitempty"`
	Text       string  `json:"text,omitempty"`
	Source     string  `json:"source,omitempty"`
	URL        string  `json:"url,omitempty"`
	Event      string  `json:"event,omitempty"`
	Weight     float64 `json:"weight"`
	Coder      string  `json:"coder,omitempty"`
	Confidence float64 `json:"confidence,omitempty"` // 0..1; 0 when not given
	Origin     string  `json:"origin,omitempty"`     // manual, auto, …
	Note       string  `json:"note,omitempty"`

	// Pos is where the statement was read; empty for generated ones.
	Pos Pos `json:"-"`
}

// Pos is a place in an input file, as a user would look for it: the file
// (and sheet), and the 1-based row or line number.
type Pos struct {
	File string
	Row  int
}

func (p Pos) String() string {
	if p.Row == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Row)
}

// Corpus is a set of statements with the registry and codebook that give
// them meaning.
type Corpus struct {
	Statements []Statement
	Actors     *Registry
	Codebook   *Codebook
}

// ActorIDs lists, sorted, the ids of actors with at least one statement.
func (c *Corpus) ActorIDs() []string {
	seen := map[string]bool{}
	for _, s := range c.Statements {
		seen[s.Actor] = true
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Span returns the earliest and latest statement dates; undated
// statements (possible only in corpora built in code) are passed over.
func (c *Corpus) Span() (first, last Date) {
	for _, s := range c.Statements {
		if s.Date.IsZero() {
			continue
		}
		if first.IsZero() || s.Date.Compare(first) < 0 {
			first = s.Date
		}
		if last.IsZero() || s.Date.Compare(last) > 0 {
			last = s.Date
		}
	}
	return first, last
}
