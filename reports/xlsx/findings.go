package xlsx

import (
	"strings"
)

func (w *writer) writeFindings() error {
	s, err := w.stream(sheetFindings)
	if err != nil {
		return err
	}
	if err := s.widths(6, 100, 11, 7, 40, 10, 30, 24); err != nil {
		return err
	}
	if err := s.freeze(1, 2); err != nil {
		return err
	}
	if err := s.add(w.headerRow("rank", "finding", "kind", "score", "statements behind it", "statements in all", "rows", "themes")...); err != nil {
		return err
	}
	for i, f := range w.a.Findings {
		r := s.next
		ids := strings.Join(f.Statements, ", ")
		if f.StatementCount > len(f.Statements) {
			ids += ", …"
		}
		idCell := any(styled(w.st.wrap, ids))
		if len(f.Statements) > 0 {
			if row, ok := w.evidence[f.Statements[0]]; ok {
				if err := s.linkTo(r, 5, w.stmtSheets[0], row); err != nil {
					return err
				}
				idCell = styled(w.st.link, ids)
			}
		}
		if err := s.add(i+1, styled(w.st.wrap, f.Text), f.Kind, styled(w.st.dec2, f.Score), idCell, f.StatementCount,
			styled(w.st.wrap, strings.Join(f.Rows, ", ")), styled(w.st.wrap, strings.Join(f.Themes, ", "))); err != nil {
			return err
		}
	}
	if len(w.a.Findings) == 0 {
		if err := s.add(nil, styled(w.st.note, "No finding stands out in this corpus.")); err != nil {
			return err
		}
	}
	s.blank(1)
	if err := s.add(nil, styled(w.st.note, "Most notable first. Each finding lists the statements behind it (the first few; click to go to the first): read them before quoting the finding.")); err != nil {
		return err
	}
	return s.close()
}
