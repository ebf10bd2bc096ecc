package xlsx

import (
	"strings"

	"github.com/stancemap/stancemap/data"
)

func (w *writer) writeCodebook() error {
	s, err := w.stream(sheetCodebook)
	if err != nil {
		return err
	}
	if err := s.widths(18, 24, 60, 60, 50, 40, 11); err != nil {
		return err
	}
	if err := s.freeze(2, 2); err != nil {
		return err
	}
	if err := s.add(w.headerRow("theme", "label", "positive pole (+1, +2 support it)", "negative pole (−1, −2)", "description", "keywords", "statements")...); err != nil {
		return err
	}
	count := map[string]int{}
	for _, st := range w.c.Statements {
		count[st.Theme]++
	}
	cb := w.c.Codebook
	if cb == nil {
		cb = &data.Codebook{}
	}
	for _, t := range cb.Themes {
		if err := s.add(t.ID, t.Label, styled(w.st.wrap, t.Positive), styled(w.st.wrap, t.Negative),
			styled(w.st.wrap, t.Description), styled(w.st.wrap, strings.Join(t.Keywords, ", ")), count[t.ID]); err != nil {
			return err
		}
	}
	for _, th := range w.a.Overall.Themes {
		if _, ok := cb.Theme(th); !ok {
			if err := s.add(th, th, styled(w.st.note, "(not in the codebook)"), nil, nil, nil, count[th]); err != nil {
				return err
			}
		}
	}
	return w.scaleTable(s, cb)
}

// scaleTable ends a Codebook sheet, in the report and in the template,
// with the stance scale: each value, its label and the words also
// accepted for it.
func (w *writer) scaleTable(s *sheetWriter, cb *data.Codebook) error {
	s.blank(1)
	if err := s.add(styled(w.st.title, "Stance scale")); err != nil {
		return err
	}
	if err := s.add(w.headerRow("stance", "label", "also accepted")...); err != nil {
		return err
	}
	for _, l := range cb.Levels() {
		if err := s.add(l.Value, l.Label, strings.Join(l.Aliases, ", ")); err != nil {
			return err
		}
	}
	return s.close()
}
