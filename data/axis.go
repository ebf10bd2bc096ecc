package data

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
)

// Axis is a dimension actors are placed on by `stancemap scale`: a name,
// what its two ends mean, and how to find an actor's place on it — from
// coded statements, through the themes that point along it (each with a
// sign: +1 when the theme's positive pole is the axis's positive end, −1
// when it is the negative end), and from raw texts, through seed words
// that stand for each end (Latent Semantic Scaling).
type Axis struct {
	ID       string `json:"id" yaml:"id"`
	Label    string `json:"label" yaml:"label"`
	Positive string `json:"positive" yaml:"positive"` // what a positive position means
	Negative string `json:"negative" yaml:"negative"` // what a negative position means
	// Themes maps a theme id to +1 or −1.
	Themes map[string]int `json:"themes,omitempty" yaml:"themes"`
	Seeds  Seeds          `json:"seeds,omitzero" yaml:"seeds"`
	// References are reference actors with their a priori positions, for
	// Wordscores: their texts are the reference texts.
	References map[string]float64 `json:"references,omitempty" yaml:"references"`
	// Context lists the words and phrases that say a sentence is about
	// the axis's subject (cyberspace, internet, ICT …): text scaling reads
	// only the sentences near one (analysis.TextOptions). Empty: every
	// sentence counts.
	Context []string `json:"context,omitempty" yaml:"context"`
}

// ReferenceIDs lists the axis's reference actors in sorted order.
func (a *Axis) ReferenceIDs() []string {
	ids := make([]string, 0, len(a.References))
	for id := range a.References {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Seeds are single words (lower case; a hyphen keeps a compound whole,
// as in non-interference) standing for each end of an axis.
type Seeds struct {
	Positive []string `json:"positive,omitempty" yaml:"positive"`
	Negative []string `json:"negative,omitempty" yaml:"negative"`
}

// ThemeIDs lists the axis's themes in sorted order.
func (a *Axis) ThemeIDs() []string {
	ids := make([]string, 0, len(a.Themes))
	for id := range a.Themes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Axis returns the axis with the given id; the empty id names the
// codebook's first axis.
func (cb *Codebook) Axis(id string) (*Axis, bool) {
	for i := range cb.Axes {
		if id == "" || cb.Axes[i].ID == id {
			return &cb.Axes[i], true
		}
	}
	return nil, false
}

// AxisIDs lists the axis ids in codebook order.
func (cb *Codebook) AxisIDs() []string {
	ids := make([]string, len(cb.Axes))
	for i, a := range cb.Axes {
		ids[i] = a.ID
	}
	return ids
}

var seedPattern = regexp.MustCompile(`^[\p{L}\p{N}]+(-[\p{L}\p{N}]+)*$`)

// checkAxes validates the axes against the themes: unique ids, both ends
// described, signs of ±1 on themes the codebook has, seeds that are
// single lower-case words, on both ends or on neither.
func (cb *Codebook) checkAxes(add func(line int, field, msg, found, expected string)) {
	seen := map[string]bool{}
	for i := range cb.Axes {
		a := &cb.Axes[i]
		where := fmt.Sprintf("axes[%d]", i)
		if !themeIDPattern.MatchString(a.ID) {
			add(0, where+".id", "axis id must be lower-case letters, digits and _", a.ID, "e.g. state_control")
		}
		if seen[a.ID] {
			add(0, where+".id", "axis id is used twice", a.ID, "unique ids")
		}
		seen[a.ID] = true
		if a.Label == "" {
			a.Label = a.ID
		}
		if strings.TrimSpace(a.Positive) == "" || strings.TrimSpace(a.Negative) == "" {
			add(0, where, "axis "+a.ID+" must say what its positive and negative ends mean", "", "positive: … and negative: …")
		}
		if len(a.Themes) == 0 && len(a.Seeds.Positive) == 0 && len(a.References) == 0 {
			add(0, where, "axis "+a.ID+" has no themes, seed words or reference actors", "", "themes: {theme: 1 or -1}, seeds: {positive: […], negative: […]} or references: {actor: position}")
		}
		if len(a.References) > 0 {
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, v := range a.References {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					add(0, where+".references", "a reference position must be a number", fmt.Sprint(v), "e.g. 1 or -1")
				}
				lo, hi = min(lo, v), max(hi, v)
			}
			if !(hi > lo) {
				add(0, where+".references", "axis "+a.ID+" needs reference actors at two different positions at least", "", "e.g. CHN: 1 and USA: -1")
			}
		}
		for _, id := range a.ThemeIDs() {
			if _, ok := cb.Theme(id); !ok {
				add(0, where+".themes", "axis "+a.ID+" names a theme the codebook does not define", id, strings.Join(cb.ThemeIDs(), ", "))
			}
			if s := a.Themes[id]; s != 1 && s != -1 {
				add(0, where+".themes."+id, "a theme's sign on an axis must be 1 or -1", fmt.Sprint(s), "1 or -1")
			}
		}
		for _, c := range a.Context {
			if strings.TrimSpace(c) == "" || strings.ToLower(c) != c {
				add(0, where+".context", "a context term is a lower-case word or phrase", c, "e.g. cyberspace, information security")
			}
		}
		if (len(a.Seeds.Positive) == 0) != (len(a.Seeds.Negative) == 0) {
			add(0, where+".seeds", "axis "+a.ID+" needs seed words for both ends, or none", "", "positive: […] and negative: […]")
		}
		for _, sd := range []struct {
			side  string
			words []string
		}{{"positive", a.Seeds.Positive}, {"negative", a.Seeds.Negative}} {
			side := sd.side
			for _, w := range sd.words {
				if !seedPattern.MatchString(w) || strings.ToLower(w) != w {
					add(0, where+".seeds."+side, "a seed is one lower-case word (a hyphen may join a compound)", w, "e.g. sovereignty, non-interference")
				}
			}
		}
	}
}
