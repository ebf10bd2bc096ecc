package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/analysis"
)

// Layout of the Stance and Salience sheets: a title in row 1, the header
// in row 2 (actor, name, then one column per theme holding the theme id,
// which the formulas read), one row per matrix row from row 3.
const (
	matrixHeaderRow = 2
	matrixFirstRow  = 3
	matrixFirstCol  = 3
)

func (w *writer) rowLabel() string {
	if w.a.Overall.GroupBy == analysis.ByActor {
		return "actor"
	}
	return w.a.Overall.GroupBy.String()
}

// writeStance writes the mean stance matrix, with the statement counts
// and the bounds of the confidence intervals in blocks to its right.
func (w *writer) writeStance() error {
	set := w.a.Overall
	m := set.Matrices[0]
	nt := len(m.Themes)
	s, err := w.stream(sheetStance)
	if err != nil {
		return err
	}
	// Column blocks: means, n, CI low, CI high, one empty column between.
	meanCol := matrixFirstCol
	nCol := meanCol + nt + 1
	loCol := nCol + nt + 1
	hiCol := loCol + nt + 1
	idw, namew := w.rowWidths(m.Rows)
	widths := []float64{idw, namew}
	for _, prefix := range []string{"", "n ", "low ", "high "} {
		for _, th := range m.Themes {
			widths = append(widths, fit(9, 30, prefix+th))
		}
		widths = append(widths, 3)
	}
	if err := s.widths(widths...); err != nil {
		return err
	}
	if err := s.freeze(matrixFirstCol, matrixFirstRow); err != nil {
		return err
	}
	level := set.Options.Level * 100
	title := "Mean stance: −2 strongly opposes … +2 strongly supports the theme's positive pole"
	s.set(1, nCol, styled(w.st.key, "Statements (n)"))
	s.set(1, loCol, styled(w.st.key, fmt.Sprintf("%g%% interval of the mean: low", level)))
	s.set(1, hiCol, styled(w.st.key, fmt.Sprintf("%g%% interval of the mean: high", level)))
	if err := s.add(styled(w.st.title, title)); err != nil {
		return err
	}
	head := make([]any, hiCol+nt-1)
	head[0], head[1] = styled(w.st.header, w.rowLabel()), styled(w.st.header, "name")
	for j, th := range m.Themes {
		head[meanCol-1+j] = styled(w.st.headerC, th)
		head[nCol-1+j] = styled(w.st.headerC, "n "+th)
		head[loCol-1+j] = styled(w.st.headerC, "low "+th)
		head[hiCol-1+j] = styled(w.st.headerC, "high "+th)
	}
	if err := s.add(head...); err != nil {
		return err
	}
	fm := formulas{table: statementsTable, weighted: w.weighted}
	for i, r := range m.Rows {
		row := make([]any, hiCol+nt-1)
		rr := matrixFirstRow + i
		row[0], row[1] = r, w.name(r)
		rowRef := fmt.Sprintf("$A%d", rr)
		for j, th := range m.Themes {
			c := m.Cells[i][j]
			colRef := fmt.Sprintf("%s$%d", colName(meanCol+j), matrixHeaderRow)
			fast := criterionSafe(r) && criterionSafe(th)
			mean := excelize.Cell{StyleID: w.st.stance, Value: c.Mean}
			n := excelize.Cell{StyleID: w.st.count, Value: c.N}
			if w.live {
				mean.Formula = fm.mean(rowRef, colRef, fast)
				n.Formula = fm.count(rowRef, colRef, fast)
			}
			if c.N == 0 && !w.live {
				n.Value = nil
			}
			row[meanCol-1+j] = mean
			row[nCol-1+j] = n
			row[loCol-1+j] = styled(w.st.stance, c.CILow)
			row[hiCol-1+j] = styled(w.st.stance, c.CIHigh)
		}
		if err := s.put(rr, row); err != nil {
			return err
		}
	}
	last := max(s.lastRow(), matrixFirstRow)
	if nt > 0 {
		for _, col := range []int{meanCol, loCol, hiCol} {
			ref, ok := rangeRef(col, matrixFirstRow, col+nt-1, last)
			if !ok {
				continue
			}
			if err := s.colourScale3(ref, -2, 0, 2); err != nil {
				return err
			}
		}
	}
	s.blank(1)
	for _, line := range w.stanceNotes() {
		if err := s.add(styled(w.st.note, line)); err != nil {
			return err
		}
	}
	return s.close()
}

func (w *writer) stanceNotes() []string {
	set := w.a.Overall
	lines := []string{
		"Blank: the " + w.rowLabel() + " made no statement on the theme (never read it as 0, which is a neutral statement). Colours: red −2, white 0, blue +2.",
	}
	if w.live {
		lines = append(lines, "The means and counts are live formulas over the table on the Statements sheet: edit a stance there and they update.")
	} else {
		lines = append(lines, "The means and counts are values computed by stancemap, not formulas: "+w.liveWhy+".")
	}
	if set.Options.Bootstrap > 0 {
		lines = append(lines, fmt.Sprintf("The interval bounds are stancemap's percentile bootstrap (%d resamples, seed %d), values that do not follow edits; blank with fewer than two statements.",
			set.Options.Bootstrap, set.Options.Seed))
	}
	if w.weighted {
		lines = append(lines, "Means are weighted by the statements' weight column.")
	}
	return lines
}

// writeSalience writes each row's share of its statements on each theme.
func (w *writer) writeSalience() error {
	m := w.a.Overall.Matrices[0]
	nt := len(m.Themes)
	s, err := w.stream(sheetSalience)
	if err != nil {
		return err
	}
	idw, namew := w.rowWidths(m.Rows)
	widths := []float64{idw, namew}
	for _, th := range m.Themes {
		widths = append(widths, fit(9, 30, th))
	}
	if err := s.widths(widths...); err != nil {
		return err
	}
	if err := s.freeze(matrixFirstCol, matrixFirstRow); err != nil {
		return err
	}
	title := "Salience: the share of each " + w.rowLabel() + "'s statements (by weight) on each theme. It says how much an actor talks about a theme, not which side it takes."
	if err := s.add(styled(w.st.title, title)); err != nil {
		return err
	}
	head := []any{styled(w.st.header, w.rowLabel()), styled(w.st.header, "name")}
	for _, th := range m.Themes {
		head = append(head, styled(w.st.headerC, th))
	}
	if err := s.add(head...); err != nil {
		return err
	}
	fm := formulas{table: statementsTable, weighted: w.weighted}
	for i, r := range m.Rows {
		rr := matrixFirstRow + i
		row := []any{r, w.name(r)}
		for j, th := range m.Themes {
			v := excelize.Cell{StyleID: w.st.share, Value: m.Cells[i][j].Salience}
			if w.live {
				v.Formula = fm.salience(fmt.Sprintf("$A%d", rr), fmt.Sprintf("%s$%d", colName(matrixFirstCol+j), matrixHeaderRow),
					criterionSafe(r) && criterionSafe(th))
			}
			row = append(row, v)
		}
		if err := s.put(rr, row); err != nil {
			return err
		}
	}
	if nt > 0 {
		if ref, ok := rangeRef(matrixFirstCol, matrixFirstRow, matrixFirstCol+nt-1, max(s.lastRow(), matrixFirstRow)); ok {
			if err := s.colourScale2(ref, 0, 1, "#2E8B57"); err != nil {
				return err
			}
		}
	}
	s.blank(1)
	note := "Values computed by stancemap: " + w.liveWhy + "."
	if w.live {
		note = "Live formulas over the Statements table: SUMIFS of the weight column for the actor and theme, divided by the actor's total."
	}
	if err := s.add(styled(w.st.note, note)); err != nil {
		return err
	}
	return s.close()
}
