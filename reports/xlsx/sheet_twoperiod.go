package xlsx

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// sheetTwoPeriods compares two periods side by side: one row per row of
// the matrices and theme, with its mean and n in each, the change with
// its interval, and the verdict (analysis.PeriodChange).
const sheetTwoPeriods = "Two periods"

func (w *writer) writeTwoPeriods() error {
	s, err := w.stream(sheetTwoPeriods)
	if err != nil {
		return err
	}
	pc := w.a.PeriodChange
	if pc == nil {
		msg := w.a.PeriodChangeError
		if msg == "" {
			msg = "evolution was not computed"
		}
		if err := s.add(styled(w.st.title, "Two periods side by side: not compared: "+msg)); err != nil {
			return err
		}
		return s.close()
	}
	rows := w.a.Periods.Rows
	idw, namew := w.rowWidths(rows)
	const lastCol = 12
	if err := s.widths(idw, namew, fit(8, 30, pc.Themes...), 12, 11, 12, 11, 10, 10, 10, 12, 14); err != nil {
		return err
	}
	if err := s.freeze(3, 3); err != nil {
		return err
	}
	how := "the first and the last period with enough statements (choose others with --compare-periods)"
	if !pc.Default {
		how = "as chosen with --compare-periods"
	}
	if err := s.add(styled(w.st.title, fmt.Sprintf("Two periods side by side: %s and %s, %s", pc.From, pc.To, how))); err != nil {
		return err
	}
	level := strconv.FormatFloat(pc.Level*100, 'f', -1, 64) + "%"
	margin := strconv.FormatFloat(pc.Margin, 'f', -1, 64)
	header := []string{w.rowLabel(), "name", "theme", pc.From + " mean", pc.From + " n", pc.To + " mean", pc.To + " n", "change", level + " low", level + " high", "verdict", "too few statements"}
	if err := s.add(w.headerRow(header...)...); err != nil {
		return err
	}
	first := s.next
	for _, c := range pc.Cells {
		thin := ""
		if c.Thin {
			thin = fmt.Sprintf("yes (under %d)", pc.MinStatements)
		}
		if err := s.add(c.Row, w.name(c.Row), c.Theme, styled(w.st.signed, c.A.Mean), c.A.N, styled(w.st.signed, c.B.Mean), c.B.N,
			styled(w.st.signed, c.Change), styled(w.st.signed, c.Low), styled(w.st.signed, c.High), c.Verdict, thin); err != nil {
			return err
		}
	}
	last := s.lastRow()
	if last >= first {
		end := min(last, maxRows)
		if err := s.sw.AddTable(&excelize.Table{Range: cellName(1, 2) + ":" + cellName(len(header), end),
			Name: tableName("tblTwoPeriods", w.tables), StyleName: "TableStyleLight1"}); err != nil {
			return err
		}
		if err := s.colourScale3(fmt.Sprintf("H%d:H%d", first, end), -4, 0, 4); err != nil {
			return err
		}
	}
	s.blank(1)
	note := fmt.Sprintf("change = %s mean − %s mean, with its %s interval (Welch, each side's spread moderated towards the theme's pooled spread). "+
		"moved: the interval leaves out 0; stayed: it lies within ±%s; cannot tell: neither, or fewer than %d statements on a side. "+
		"Each interval holds at %s on its own: among many cells that did not change, about %s read \"moved\" by chance. "+
		"%d moved, %d stayed, %d cannot tell.",
		pc.To, pc.From, level, margin, pc.MinStatements, level, strconv.FormatFloat((1-pc.Level)*100, 'f', -1, 64)+"%",
		pc.Moved, pc.Stayed, pc.CannotTell)
	if err := s.paragraph(w.st.para, note, lastCol, 150); err != nil {
		return err
	}
	return s.close()
}
