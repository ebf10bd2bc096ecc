package xlsx

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// sheetAxis places the actors on the codebook's first axis that names
// themes, from their statements (analysis.ScaleStatements over all
// periods, with the report's bootstrap), + end first.
const sheetAxis = "Axis"

func (w *writer) writeAxis() error {
	s, err := w.stream(sheetAxis)
	if err != nil {
		return err
	}
	if err := s.widths(12, 28, 10, 10, 10, 6); err != nil {
		return err
	}
	var axis *data.Axis
	if w.c.Codebook != nil {
		for i := range w.c.Codebook.Axes {
			if len(w.c.Codebook.Axes[i].Themes) > 0 {
				axis = &w.c.Codebook.Axes[i]
				break
			}
		}
	}
	if axis == nil {
		if err := s.add(styled(w.st.title, "The codebook defines no axis with themes, so actors are not placed on one.")); err != nil {
			return err
		}
		return s.close()
	}
	o := w.a.Overall.Options
	res, err := analysis.ScaleStatements(w.c, axis, analysis.ScaleOptions{Bootstrap: o.Bootstrap, Seed: o.Seed})
	var ts []string
	for _, id := range axis.ThemeIDs() {
		ts = append(ts, fmt.Sprintf("%s %+d", id, axis.Themes[id]))
	}
	title := fmt.Sprintf("Positions on %s: the weighted mean of each actor's stances on %s (a theme marked −1 counts the other way round). + end: %s − end: %s",
		axis.Label, strings.Join(ts, ", "), axis.Positive, axis.Negative)
	if err != nil {
		if err := s.add(styled(w.st.title, title)); err != nil {
			return err
		}
		if err := s.add("No statement falls on the axis's themes."); err != nil {
			return err
		}
		return s.close()
	}
	if err := s.freeze(1, 3); err != nil {
		return err
	}
	if err := s.add(styled(w.st.title, title)); err != nil {
		return err
	}
	if err := s.add(w.headerRow("actor", "name", "position", "low (95%)", "high (95%)", "n")...); err != nil {
		return err
	}
	ps := slices.Clone(res.Positions)
	slices.SortStableFunc(ps, func(a, b analysis.ScalePosition) int {
		return cmp.Or(cmp.Compare(b.Value, a.Value), cmp.Compare(a.Actor, b.Actor))
	})
	for _, p := range ps {
		if err := s.add(p.Actor, w.name(p.Actor), styled(w.st.signed, p.Value), styled(w.st.signed, p.Low), styled(w.st.signed, p.High), p.N); err != nil {
			return err
		}
	}
	if len(ps) > 0 {
		if err := s.colourScale3(fmt.Sprintf("C3:C%d", s.lastRow()), -2, 0, 2); err != nil {
			return err
		}
	}
	return s.close()
}
