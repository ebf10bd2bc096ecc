package html

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// profileLimit is how many statements each profile lists.
func (v *view) profileLimit() int {
	switch n := len(v.rows); {
	case n > 60:
		return 4
	case n > 20:
		return 8
	}
	return 25
}

func (v *view) profiles() []profileView {
	ss := v.c.Statements
	idx := make([]int, len(v.rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int { return strings.Compare(v.rows[x].label, v.rows[y].label) })
	limit := v.profileLimit()
	clipLen := 220
	if len(v.rows) > 60 {
		clipLen = 140
	}
	var out []profileView
	for _, i := range idx {
		if !v.isShown(i) {
			continue
		}
		r := v.rows[i]
		p := profileView{Anchor: fmt.Sprintf("p-%d", i), Label: r.label, Total: len(v.profileStmts[i]), ActorFilter: -1}
		if v.a.Overall.GroupBy == analysis.ByActor {
			if k, ok := v.actorIdx[r.id]; ok {
				p.ActorFilter = k
			}
		}
		var meta []string
		if v.a.Overall.GroupBy == analysis.ByActor && v.c.Actors != nil {
			if act, ok := v.c.Actors.Get(r.id); ok {
				meta = append(meta, strings.ReplaceAll(string(act.Kind), "_", " "))
				if act.Country != "" && act.Country != act.ID {
					meta = append(meta, act.Country)
				}
				if act.Organisation != "" {
					meta = append(meta, "speaks for "+v.actorLabel(act.Organisation))
				}
			}
		} else {
			meta = append(meta, rowWord(v.a.Overall.GroupBy))
		}
		meta = append(meta, fmt.Sprintf("%d %s", r.n, data.Plural(r.n, "statement", "statements")))
		if r.bloc > 0 {
			meta = append(meta, fmt.Sprintf("bloc %d", r.bloc))
		}
		if r.comm > 0 {
			meta = append(meta, fmt.Sprintf("network community %d", r.comm))
		}
		p.Meta = strings.Join(meta, " · ")
		for t, cell := range v.overall.Cells[i] {
			if cell.N == 0 {
				continue
			}
			pv := positionView{Theme: v.themes[t], Mean: fmtSigned(cell.Mean), N: fmt.Sprint(cell.N), Salience: pct(cell.Salience), Class: meanClass(cell.Mean)}
			if finite(cell.CILow) && finite(cell.CIHigh) {
				pv.CI = fmtInterval(cell.CILow, cell.CIHigh)
			} else {
				pv.CI = "–"
			}
			p.Positions = append(p.Positions, pv)
		}
		for k, si := range v.profileStmts[i] {
			if k == limit {
				break
			}
			s := &ss[si]
			l := evLink{ID: s.ID}
			if v.included[si] {
				l.Anchor = anchor(si)
			}
			p.Statements = append(p.Statements, profileStatement{Date: s.Date.String(), Theme: v.themeLabel(s.Theme),
				Stance: v.stanceText(s.Stance), StanceClass: stanceClass(s.Stance), Text: clip(s.Text, clipLen), Link: l})
		}
		out = append(out, p)
	}
	return out
}
