package xlsx

import (
	"fmt"
	"slices"
	"strings"
)

func (w *writer) writePolarisation() error {
	s, err := w.stream(sheetPolar)
	if err != nil {
		return err
	}
	if err := s.widths(18, 26, 8, 8, 8, 11, 12, 7, 80); err != nil {
		return err
	}
	if err := s.freeze(1, 3); err != nil {
		return err
	}
	p := w.a.Polarisation
	title := fmt.Sprintf("How divided the %ss are on each theme, over their mean stances (Esteban–Ray index: 0 all at one position, 1 two equal camps at −2 and +2; α = %g).",
		w.rowLabel(), p.Alpha)
	if err := s.add(styled(w.st.title, title)); err != nil {
		return err
	}
	if err := s.add(w.headerRow("theme", "label", w.rowLabel()+"s", "SD", "range", "bimodality", "Esteban–Ray", "rank", "notes")...); err != nil {
		return err
	}
	first := s.next
	for _, t := range p.Themes {
		rank := any(nil)
		if k := slices.Index(p.Ranked, t.Theme); k >= 0 {
			rank = k + 1
		}
		if err := s.add(t.Theme, w.themeLabel(t.Theme), t.N, styled(w.st.dec2, t.SD), styled(w.st.dec2, t.Range),
			styled(w.st.dec2, t.Bimodality), styled(w.st.dec2, t.EstebanRay), rank, strings.Join(t.Notes, "; ")); err != nil {
			return err
		}
	}
	if len(p.Themes) > 0 {
		ref := fmt.Sprintf("G%d:G%d", first, s.lastRow())
		if err := s.colourScale2(ref, 0, 1, colourOppose); err != nil {
			return err
		}
	}
	if err := s.add(styled(w.st.key, "all themes"), "mean Esteban–Ray", nil, nil, nil, nil, styled(w.st.dec2, p.Overall)); err != nil {
		return err
	}
	if len(w.a.ByPeriod) > 1 {
		s.blank(1)
		if err := s.add(styled(w.st.title, "By period")); err != nil {
			return err
		}
		if err := s.add(w.headerRow("period", "theme", w.rowLabel()+"s", "SD", "range", "bimodality", "Esteban–Ray")...); err != nil {
			return err
		}
		for _, bp := range w.a.ByPeriod {
			for _, t := range bp.Themes {
				if t.N == 0 {
					continue
				}
				if err := s.add(bp.Period.Label, t.Theme, t.N, styled(w.st.dec2, t.SD), styled(w.st.dec2, t.Range),
					styled(w.st.dec2, t.Bimodality), styled(w.st.dec2, t.EstebanRay)); err != nil {
					return err
				}
			}
		}
	}
	s.blank(1)
	for _, line := range []string{
		"SD and range are over the rows' mean stances, each row counting once however much it said. Blank: too few rows for the measure.",
		"Bimodality above 0.555 (Sarle's coefficient) suggests two camps rather than a spread of views.",
	} {
		if err := s.add(styled(w.st.note, line)); err != nil {
			return err
		}
	}
	return s.close()
}
