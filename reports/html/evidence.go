package html

import (
	"cmp"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// strength ranks statements for profiles: |stance| × confidence
// (1 when not given), as analysis picks a cell's example.
func strength(s *data.Statement) float64 {
	c := s.Confidence
	if c <= 0 {
		c = 1
	}
	return math.Abs(float64(s.Stance)) * c
}

// selectEvidence decides which statements the evidence table holds: all
// when they fit in MaxEvidence; else those the report cites first
// (findings, the heatmap's examples, the profiles), then the others in
// corpus order.
func (v *view) selectEvidence() {
	ss := v.c.Statements
	v.stmtIdx = make(map[string]int, len(ss))
	for i, s := range ss {
		if _, ok := v.stmtIdx[s.ID]; !ok {
			v.stmtIdx[s.ID] = i
		}
	}
	// Profiles: each row's strongest statements, then the latest.
	v.profileStmts = make([][]int, len(v.rows))
	limit := v.profileLimit()
	if v.a.Overall.GroupBy == analysis.ByActor {
		for i := range ss {
			if j, ok := v.byRow[ss[i].Actor]; ok {
				v.profileStmts[j] = append(v.profileStmts[j], i)
			}
		}
	} else {
		for i := range ss {
			for j, r := range v.rows {
				if v.memberOf(ss[i].Actor, r.id) {
					v.profileStmts[j] = append(v.profileStmts[j], i)
				}
			}
		}
	}
	for j, idx := range v.profileStmts {
		slices.SortStableFunc(idx, func(x, y int) int {
			if c := cmp.Compare(strength(&ss[y]), strength(&ss[x])); c != 0 {
				return c
			}
			return ss[y].Date.Compare(ss[x].Date)
		})
		v.profileStmts[j] = idx
	}

	v.included = make([]bool, len(ss))
	total := 0
	for i := range ss {
		total += evidenceRowBytes + len(ss[i].Text) + len(ss[i].Source) + len(ss[i].URL) + len(ss[i].Event) + len(ss[i].Speaker) + len(ss[i].Note)
	}
	if len(ss) <= v.opt.MaxEvidence && total <= evidenceBudget {
		for i := range v.included {
			v.included[i] = true
		}
		return
	}
	left, bytes := v.opt.MaxEvidence, 0
	take := func(i int) {
		if left > 0 && bytes < evidenceBudget && i >= 0 && i < len(ss) && !v.included[i] {
			v.included[i] = true
			left--
			s := &ss[i]
			bytes += evidenceRowBytes + len(s.Text) + len(s.Source) + len(s.URL) + len(s.Event) + len(s.Speaker) + len(s.Note)
		}
	}
	for _, f := range v.a.Findings {
		for _, id := range f.Statements {
			if i, ok := v.stmtIdx[id]; ok {
				take(i)
			}
		}
	}
	for _, row := range v.overall.Cells {
		for _, cell := range row {
			if i, ok := v.stmtIdx[cell.Example]; ok && cell.Example != "" {
				take(i)
			}
		}
	}
	for _, idx := range v.profileStmts {
		for k, i := range idx {
			if k == limit {
				break
			}
			take(i)
		}
	}
	for i := range ss {
		take(i)
	}
}

// setCoding fills the evidence row's coding column: by hand (and the
// coder), or by the machine with its confidence and cues, and who
// reviewed it.
func (r *evRow) setCoding(s *data.Statement) {
	cls := data.OriginClass(s)
	r.OriginKey = cls
	r.OriginClass = "o-" + cls
	var parts []string
	switch cls {
	case data.OriginManual:
		r.Origin = "by hand"
		if s.Coder != "" {
			parts = append(parts, s.Coder)
		}
	case data.OriginAuto:
		r.Origin = "machine, not reviewed"
	case data.OriginReviewed:
		r.Origin = "machine, reviewed"
		if rv := data.ReviewNote(s.Note); rv != "" {
			parts = append(parts, rv)
		} else if s.Coder != "" {
			parts = append(parts, "by "+s.Coder)
		}
	}
	if cls != data.OriginManual {
		if s.Confidence > 0 {
			parts = append(parts, fmt.Sprintf("confidence %.2f", s.Confidence))
		}
		if cues := data.NoteCues(s.Note); cues != "" {
			parts = append(parts, "cues: "+cues)
		}
	}
	r.Coding = strings.Join(parts, "; ")
}

func anchor(i int) string { return fmt.Sprintf("ev-%d", i) }

func (v *view) link(id string) evLink {
	if i, ok := v.stmtIdx[id]; ok && v.included[i] {
		return evLink{ID: id, Anchor: anchor(i)}
	}
	return evLink{ID: id}
}

// exampleRef is the evidence row of a cell's example statement, or -1.
func (v *view) exampleRef(id string) int {
	if id == "" {
		return -1
	}
	if i, ok := v.stmtIdx[id]; ok && v.included[i] {
		return i
	}
	return -1
}

func stanceClass(s int) string {
	if s < -2 || s > 2 {
		return "s0"
	}
	return [...]string{"sm2", "sm1", "s0", "sp1", "sp2"}[s+2]
}

// meanClass colours a mean stance like the nearest scale point.
func meanClass(m float64) string {
	if !finite(m) {
		return "sna"
	}
	return stanceClass(int(math.Round(max(-2, min(2, m)))))
}

func (v *view) stanceText(s int) string {
	label := v.c.Codebook.StanceLabel(s)
	sign := fmt.Sprint(s)
	if s > 0 {
		sign = "+" + sign
	}
	if label == fmt.Sprint(s) {
		return sign
	}
	return sign + " " + label
}

// safeURL returns u when it is an absolute http or https URL, else "".
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		return ""
	}
	return p.String()
}

// clip shortens text to n runes at a word boundary.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)[:n]
	cut := len(rs)
	for k := len(rs) - 1; k > n*2/3; k-- {
		if rs[k] == ' ' {
			cut = k
			break
		}
	}
	return strings.TrimRight(string(rs[:cut]), " ,;:") + "…"
}

func (v *view) evidence() evidenceView {
	ss := v.c.Statements
	ev := evidenceView{Total: len(ss), PageSize: evidencePage}
	actors := map[string]bool{}
	for _, s := range ss {
		actors[s.Actor] = true
	}
	ids := make([]string, 0, len(actors))
	for id := range actors {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(x, y string) int {
		return cmp.Or(strings.Compare(v.actorLabel(x), v.actorLabel(y)), strings.Compare(x, y))
	})
	v.actorIdx = map[string]int{}
	for i, id := range ids {
		v.actorIdx[id] = i
		label := v.actorLabel(id)
		if label != id {
			label += " (" + id + ")"
		}
		ev.Actors = append(ev.Actors, choice{Value: i, Label: label})
	}
	themeIdx := map[string]int{}
	for i, id := range v.overall.Themes {
		themeIdx[id] = i
		ev.Themes = append(ev.Themes, choice{Value: i, Label: v.themes[i]})
	}
	for s := data.MaxStance; s >= data.MinStance; s-- {
		ev.Stances = append(ev.Stances, choice{Value: s, Label: v.stanceText(s)})
	}
	var idx []int
	for i := range ss {
		if v.included[i] {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(x, y int) int { return ss[x].Date.Compare(ss[y].Date) })
	for _, i := range idx {
		s := &ss[i]
		ti, ok := themeIdx[s.Theme]
		if !ok {
			ti = -1
		}
		speaker := s.Speaker
		if strings.EqualFold(strings.TrimSpace(speaker), v.actorLabel(s.Actor)) {
			speaker = ""
		}
		ev.Rows = append(ev.Rows, evRow{
			Anchor: anchor(i), ID: s.ID, Actor: v.actorLabel(s.Actor), Date: s.Date.String(), Theme: v.themeLabel(s.Theme),
			Text: s.Text, Speaker: speaker, Source: s.Source, Event: s.Event, URL: safeURL(s.URL),
			ActorIdx: v.actorIdx[s.Actor], ThemeIdx: ti, Stance: s.Stance,
			StanceText: v.stanceText(s.Stance), StanceClass: stanceClass(s.Stance),
		})
		ev.Rows[len(ev.Rows)-1].setCoding(s)
	}
	ev.Shown = len(ev.Rows)
	ev.Left = ev.Total - ev.Shown
	return ev
}
