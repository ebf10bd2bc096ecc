package html

import (
	"fmt"
	"strings"

	"github.com/stancemap/stancemap/analysis"
)

func (v *view) compare(r *report) *compareView {
	if v.a.Overall.GroupBy != analysis.ByActor || len(v.radarPick) < 2 {
		return nil
	}
	pair := []string{v.rows[v.radarPick[0]].id, v.rows[v.radarPick[1]].id}
	o := v.a.Overall.Options
	cmpRes, err := analysis.Compare(v.c, pair[0], pair[1], analysis.CompareOptions{Bootstrap: o.Bootstrap, Seed: o.Seed, Level: o.Level, ActorOnly: true})
	if err != nil {
		return nil
	}
	cv := &compareView{A: v.actorLabel(pair[0]), B: v.actorLabel(pair[1]), Level: fmt.Sprintf("%.0f%%", cmpRes.Level*100)}
	side := func(s analysis.SideStats) string {
		if s.N == 0 {
			return "–"
		}
		out := fmtSigned(s.Mean) + " (n " + fmt.Sprint(s.N)
		if finite(s.CILow) && finite(s.CIHigh) {
			out += ", " + fmtInterval(s.CILow, s.CIHigh)
		}
		return out + ")"
	}
	for _, t := range cmpRes.Themes {
		ct := compareTheme{Theme: v.themeLabel(t.Theme), A: side(t.A), B: side(t.B), Verdict: t.Verdict,
			VerdictClass: "v-" + strings.ReplaceAll(t.Verdict, " ", "")}
		if finite(t.Diff) {
			ct.Diff = fmtSigned(t.Diff)
			if finite(t.DiffLow) && finite(t.DiffHigh) {
				ct.Diff += " (" + fmtInterval(t.DiffLow, t.DiffHigh) + ")"
			}
		} else {
			ct.Diff = "–"
		}
		switch t.Verdict {
		case analysis.VerdictOnlyA:
			ct.Verdict = "only " + cv.A
		case analysis.VerdictOnlyB:
			ct.Verdict = "only " + cv.B
		}
		cv.Themes = append(cv.Themes, ct)
	}
	return cv
}
