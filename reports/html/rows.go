package html

import (
	"cmp"
	"slices"
	"strings"

	"github.com/stancemap/stancemap/analysis"
)

// setRows names the rows, counts their statements, and orders them: the
// dendrogram's leaves first, so that blocs sit together, then the rest.
func (v *view) setRows() {
	m := v.overall
	v.byRow = map[string]int{}
	seen := map[string]int{}
	for i, id := range m.Rows {
		label := id
		if v.a.Overall.GroupBy == analysis.ByActor && v.c.Actors != nil {
			if act, ok := v.c.Actors.Get(id); ok && strings.TrimSpace(act.Name) != "" {
				label = act.Name
			}
		}
		ri := rowInfo{id: id, label: label}
		for _, cell := range m.Cells[i] {
			ri.n += cell.N
		}
		seen[label]++
		v.rows = append(v.rows, ri)
		v.byRow[id] = i
	}
	// Charts key categories by label: two actors of one name get their ids.
	for i := range v.rows {
		if seen[v.rows[i].label] > 1 {
			v.rows[i].label += " [" + v.rows[i].id + "]"
		}
	}
	if b := v.a.Blocs; b != nil {
		for i, id := range b.Dendrogram.Rows {
			if j, ok := v.byRow[id]; ok && i < len(b.Labels) {
				v.rows[j].bloc = b.Labels[i]
			}
		}
	}
	if cm := v.a.Communities; cm != nil {
		for i, id := range cm.Rows {
			if j, ok := v.byRow[id]; ok && i < len(cm.Labels) {
				v.rows[j].comm = cm.Labels[i]
			}
		}
	}
	for rank, i := range v.byActivity() {
		v.rows[i].top = rank < v.opt.Top
	}
	placed := make([]bool, len(v.rows))
	if b := v.a.Blocs; b != nil {
		for _, leaf := range b.Dendrogram.OrderedLeaves() {
			if j, ok := v.byRow[b.Dendrogram.Rows[leaf]]; ok && !placed[j] {
				v.order = append(v.order, j)
				placed[j] = true
			}
		}
	}
	var rest []int
	for i := range v.rows {
		if !placed[i] {
			rest = append(rest, i)
		}
	}
	slices.SortStableFunc(rest, func(x, y int) int { return strings.Compare(v.rows[x].label, v.rows[y].label) })
	v.order = append(v.order, rest...)
}

// byActivity lists row indices by statements, most first, then by label.
func (v *view) byActivity() []int {
	idx := make([]int, len(v.rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int {
		if c := cmp.Compare(v.rows[y].n, v.rows[x].n); c != 0 {
			return c
		}
		return strings.Compare(v.rows[x].label, v.rows[y].label)
	})
	return idx
}

func (v *view) setThemes() {
	seen := map[string]int{}
	for _, id := range v.overall.Themes {
		label := v.themeLabel(id)
		seen[label]++
		v.themes = append(v.themes, label)
	}
	for i, id := range v.overall.Themes {
		if seen[v.themes[i]] > 1 {
			v.themes[i] += " [" + id + "]"
		}
	}
}

func (v *view) themeLabel(id string) string {
	if t, ok := v.c.Codebook.Theme(id); ok && strings.TrimSpace(t.Label) != "" {
		return t.Label
	}
	return id
}

func (v *view) actorLabel(id string) string {
	if v.c.Actors != nil {
		if a, ok := v.c.Actors.Get(id); ok && strings.TrimSpace(a.Name) != "" {
			return a.Name
		}
	}
	return id
}

// memberOf reports whether an actor's statements count in a row, as
// analysis.StanceMatrices groups them.
func (v *view) memberOf(actorID string, row string) bool {
	g := v.a.Overall.GroupBy
	if g == analysis.ByActor {
		return actorID == row
	}
	if v.c.Actors == nil {
		return false
	}
	act, ok := v.c.Actors.Get(actorID)
	if !ok {
		return false
	}
	act = v.c.Actors.Represented(act)
	one := func(s string) bool {
		s = strings.TrimSpace(s)
		if s == "" {
			s = analysis.NoneRow
		}
		return s == row
	}
	switch g {
	case analysis.ByKind:
		return one(string(act.Kind))
	case analysis.ByCountry:
		return one(act.Country)
	case analysis.ByRegion:
		return one(act.Region)
	case analysis.ByGroup:
		has := false
		for _, gr := range act.Groups {
			if strings.TrimSpace(gr) != "" {
				has = true
				if strings.TrimSpace(gr) == row {
					return true
				}
			}
		}
		return !has && row == analysis.NoneRow
	}
	return false
}
