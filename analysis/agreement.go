package analysis

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// Alignment says how statements of different coders are matched into
// units.
type Alignment string

const (
	// AlignAuto uses ids when coders share them, else evidence spans when
	// every statement has one, else actor, theme, date and source.
	AlignAuto Alignment = "auto"
	// AlignID: a unit is a statement id and a theme.
	AlignID Alignment = "id"
	// AlignSpan: a unit is a sentence (document and overlapping
	// #char=start,end span in the url column) and a theme.
	AlignSpan Alignment = "span"
	// AlignActor: a unit is an actor, theme, date and source; a coder
	// with several statements in one unit contributes their median.
	AlignActor Alignment = "actor"
)

// ParseAlignment reads an --align value.
func ParseAlignment(s string) (Alignment, error) {
	switch a := Alignment(strings.ToLower(strings.TrimSpace(s))); a {
	case AlignAuto, AlignID, AlignSpan, AlignActor:
		return a, nil
	case "":
		return AlignAuto, nil
	}
	return "", fmt.Errorf("unknown alignment %q: use auto, id, span or actor", s)
}

// Reliability is agreement among coders on one theme's stances, or on
// all themes pooled (Theme "all").
type Reliability struct {
	Theme string `json:"theme"`
	// Units coded by anyone, and by at least two coders (pairable).
	Units    int `json:"units"`
	Pairable int `json:"pairable"`
	// Krippendorff's alpha of the stances, by level of measurement.
	Nominal  float64 `json:"alpha_nominal"`
	Ordinal  float64 `json:"alpha_ordinal"`
	Interval float64 `json:"alpha_interval"`
	// Kappa is Cohen's kappa (two coders only; NaN otherwise).
	Kappa float64 `json:"cohen_kappa"`
	// Agreement is the share of agreeing pairs of stances.
	Agreement float64 `json:"percent_agreement"`
	// Presence is the nominal alpha of whether the theme was coded at all
	// in units (ids or sentences) some coder coded; NaN in actor alignment,
	// where a unit that lacks a theme is not there at all.
	Presence float64 `json:"alpha_presence"`
}

// AgreementResult is the reliability of a set of coders.
type AgreementResult struct {
	Coders  []string      `json:"coders"`
	Align   Alignment     `json:"align"`
	Themes  []Reliability `json:"themes"`
	Overall Reliability   `json:"overall"`
	// outside counts statements on sentences not listed (AgreementOnUnits).
	outside int
}

// Agreement measures how far coders agree. coders[i] holds coder i's
// statements; names label them. Units are built by the alignment (see
// Alignment); stances are compared per theme and pooled over themes.
func Agreement(coders [][]data.Statement, names []string, themes []string, align Alignment) (*AgreementResult, error) {
	return agreement(coders, names, themes, align, nil)
}

// AgreementOnUnits measures agreement on a shared list of sentences that
// every coder coded, themed or not: units are evidence references
// (file#char=start,end). A sentence a coder gave no theme counts as
// coded, with the theme absent, so the presence alpha sees the sentences
// both coders left without a theme; statements on sentences not listed
// are left out, and counted in the second result.
func AgreementOnUnits(coders [][]data.Statement, names []string, themes []string, units []string) (*AgreementResult, int, error) {
	if len(units) == 0 {
		return nil, 0, fmt.Errorf("no units listed")
	}
	res, err := agreement(coders, names, themes, AlignSpan, units)
	if err != nil {
		return nil, 0, err
	}
	return res, res.outside, nil
}

func agreement(coders [][]data.Statement, names []string, themes []string, align Alignment, units []string) (*AgreementResult, error) {
	if len(coders) < 2 {
		return nil, fmt.Errorf("agreement needs at least two coders' files, got %d", len(coders))
	}
	if align == AlignAuto || align == "" {
		align = chooseAlignment(coders)
	}
	d := newCodings(coders, align, units)
	order := append([]string(nil), themes...)
	var extra []string
	for t := range d.themes {
		if !slices.Contains(order, t) {
			extra = append(extra, t)
		}
	}
	sort.Strings(extra)
	order = append(order, extra...)
	res := &AgreementResult{Coders: names, Align: align, outside: d.outside}
	for _, t := range order {
		res.Themes = append(res.Themes, d.measure(t, func(k cellKey) bool { return k.theme == t }))
	}
	res.Overall = d.measure("all", func(cellKey) bool { return true })
	return res, nil
}

// cellKey is a unit (without theme) and a theme.
type cellKey struct{ unit, theme string }

// codings are the coders' stances by unit and theme.
type codings struct {
	coders  int
	align   Alignment
	values  map[cellKey][][]float64 // per coder, the stances coded in the cell
	present map[string][]bool       // per unit: coded by coder i at all
	themes  map[string]bool
	cells   []cellKey // sorted by theme, then unit
	units   []string  // sorted
	outside int       // statements on no listed unit
}

func newCodings(coders [][]data.Statement, align Alignment, listed []string) *codings {
	d := &codings{coders: len(coders), align: align, values: map[cellKey][][]float64{}, present: map[string][]bool{}, themes: map[string]bool{}}
	keys, unitKey := unitKeys(coders, align, listed)
	for _, u := range unitKey {
		p := make([]bool, len(coders))
		for i := range p {
			p[i] = true
		}
		d.present[u] = p
	}
	for ci, sts := range coders {
		for si := range sts {
			s := &sts[si]
			u := keys[ci][si]
			if u == "" {
				if listed != nil {
					d.outside++
				}
				continue
			}
			d.themes[s.Theme] = true
			k := cellKey{u, s.Theme}
			v := d.values[k]
			if v == nil {
				v = make([][]float64, len(coders))
				d.values[k] = v
			}
			v[ci] = append(v[ci], float64(s.Stance))
			p := d.present[u]
			if p == nil {
				p = make([]bool, len(coders))
				d.present[u] = p
			}
			p[ci] = true
		}
	}
	for k := range d.values {
		d.cells = append(d.cells, k)
	}
	sort.Slice(d.cells, func(i, j int) bool {
		if d.cells[i].theme != d.cells[j].theme {
			return d.cells[i].theme < d.cells[j].theme
		}
		return d.cells[i].unit < d.cells[j].unit
	})
	for u := range d.present {
		d.units = append(d.units, u)
	}
	sort.Strings(d.units)
	return d
}

// measure computes the coefficients over the cells pick takes.
func (d *codings) measure(theme string, pick func(cellKey) bool) Reliability {
	r := Reliability{Theme: theme}
	m := make([][]float64, d.coders)
	for _, k := range d.cells {
		if !pick(k) {
			continue
		}
		r.Units++
		n := 0
		for ci := range m {
			v := math.NaN()
			if vals := d.values[k][ci]; len(vals) > 0 {
				v = unitMedian(vals)
				n++
			}
			m[ci] = append(m[ci], v)
		}
		if n >= 2 {
			r.Pairable++
		}
	}
	r.Nominal, _ = KrippendorffAlpha(m, Nominal)
	r.Ordinal, _ = KrippendorffAlpha(m, Ordinal)
	r.Interval, _ = KrippendorffAlpha(m, Interval)
	r.Kappa = math.NaN()
	if d.coders == 2 {
		r.Kappa, _ = CohenKappa(m[0], m[1])
	}
	r.Agreement, _ = PercentAgreement(m)
	r.Presence = math.NaN()
	if d.align != AlignActor && theme != "all" {
		r.Presence = d.presence(theme)
	}
	return r
}

// presence is the nominal alpha of whether a theme was coded in the
// units each coder coded at all.
func (d *codings) presence(theme string) float64 {
	pm := make([][]float64, d.coders)
	for _, u := range d.units {
		for ci := range pm {
			v := math.NaN()
			if d.present[u][ci] {
				v = 0
				if vals := d.values[cellKey{u, theme}]; vals != nil && len(vals[ci]) > 0 {
					v = 1
				}
			}
			pm[ci] = append(pm[ci], v)
		}
	}
	a, _ := KrippendorffAlpha(pm, Nominal)
	return a
}

// unitMedian is the lower median of a coder's values in one unit, so a
// coder who coded a unit twice still gives one value on the scale.
func unitMedian(v []float64) float64 {
	if len(v) == 1 {
		return v[0]
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[(len(s)-1)/2]
}

// chooseAlignment picks ids when at least half the statements share an
// id with another coder, else spans when every statement has evidence,
// else actor-theme-date-source.
func chooseAlignment(coders [][]data.Statement) Alignment {
	seen := map[string]int{}
	total := 0
	for ci, sts := range coders {
		for _, s := range sts {
			total++
			if s.ID != "" {
				seen[s.ID] |= 1 << uint(ci%62)
			}
		}
	}
	shared := 0
	for ci, sts := range coders {
		for _, s := range sts {
			if m := seen[s.ID]; s.ID != "" && m&^(1<<uint(ci%62)) != 0 {
				shared++
			}
		}
	}
	if total > 0 && 2*shared >= total {
		return AlignID
	}
	for _, sts := range coders {
		for _, s := range sts {
			if _, _, _, ok := data.ParseEvidence(s.URL); !ok {
				return AlignActor
			}
		}
	}
	return AlignSpan
}

// unitKeys gives each statement the key of its unit (without the theme).
// Spans are grouped across coders: overlapping spans of one document are
// one sentence. With listed units (span alignment), the second result
// holds their keys, and a statement on no listed unit gets key "".
func unitKeys(coders [][]data.Statement, align Alignment, listed []string) ([][]string, []string) {
	keys := make([][]string, len(coders))
	for ci, sts := range coders {
		keys[ci] = make([]string, len(sts))
		for si, s := range sts {
			switch align {
			case AlignID:
				keys[ci][si] = s.ID
			case AlignActor:
				keys[ci][si] = s.Actor + "\x00" + s.Date.String() + "\x00" + s.Source
			}
		}
	}
	if align != AlignSpan {
		return keys, nil
	}
	type ref struct{ ci, si, start, end int }
	byDoc := map[string][]ref{}
	for ui, u := range listed {
		if doc, a, b, ok := data.ParseEvidence(u); ok {
			d := data.EvidenceDoc(doc)
			byDoc[d] = append(byDoc[d], ref{-1, ui, a, b})
		}
	}
	for ci, sts := range coders {
		for si, s := range sts {
			doc, a, b, ok := data.ParseEvidence(s.URL)
			if !ok {
				continue
			}
			d := data.EvidenceDoc(doc)
			byDoc[d] = append(byDoc[d], ref{ci, si, a, b})
		}
	}
	var unitKey []string
	for doc, refs := range byDoc {
		sort.SliceStable(refs, func(i, j int) bool { return refs[i].start < refs[j].start })
		// Sweep: overlapping spans join one cluster, named by its start.
		var cluster []ref
		listedIn := false
		flush := func() {
			if len(cluster) == 0 {
				return
			}
			key := fmt.Sprintf("%s#%d", doc, cluster[0].start)
			if listed != nil && !listedIn {
				key = ""
			} else if listed != nil {
				unitKey = append(unitKey, key)
			}
			for _, r := range cluster {
				if r.ci >= 0 {
					keys[r.ci][r.si] = key
				}
			}
			cluster, listedIn = cluster[:0], false
		}
		clusterEnd := -1
		for _, r := range refs {
			if r.start >= clusterEnd {
				flush()
				clusterEnd = r.end
			} else if r.end > clusterEnd {
				clusterEnd = r.end
			}
			cluster = append(cluster, r)
			listedIn = listedIn || r.ci < 0
		}
		flush()
	}
	return keys, unitKey
}
