package xlsx

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// sheetWriter streams one worksheet row by row (excelize's StreamWriter:
// rows in increasing order; widths and panes before the first row;
// conditional formats, validations, hyperlinks, charts and the one table
// of the sheet before close). Besides the rows written in order, cells
// may be placed beside them with side; they are merged into the rows as
// these are written.
//
// Every value goes through cell(): text is cut to Excel's 32,767
// characters (noted for Data quality), NaN and ±Inf become blank cells,
// and strings are always written as text, never as formulas. Cells past
// Excel's last column and rows past its last row are dropped and counted.
type sheetWriter struct {
	w    *writer
	name string
	sw   *excelize.StreamWriter
	next int // the next row number to write

	side     map[int]map[int]any // row → column → value
	sideMin  int                 // no side row is below it
	lostRows int
	lostCols int
	// where names a cell for truncation notes; nil means "sheet!cell".
	where func(row, col int) string
	print printInfo
	// quiet cuts text without noting it (the notes were made when the
	// rows were counted).
	quiet bool
}

func (w *writer) stream(name string) (*sheetWriter, error) {
	// The stream writes the sheet's properties when it starts: fitting
	// to the page is set here, the rest of the page setup at close.
	if err := w.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return nil, err
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	return &sheetWriter{w: w, name: name, sw: sw, next: 1, side: map[int]map[int]any{}}, nil
}

// maxWidthRanges is how many column ranges widths sets one by one; the
// columns past them share one range, as wide as the widest of them.
const maxWidthRanges = 256

// widths sets column widths, from column 1 on (0 leaves the default).
// Each run of equal widths is set once, as one range, and past
// maxWidthRanges columns one range holds the rest: excelize's
// SetColWidth costs in proportion to the ranges already set, so a
// matrix of 10,000 themes, a call per column, took minutes.
func (s *sheetWriter) widths(ws ...float64) error {
	s.print.colW = append(s.print.colW[:0], ws...)
	if n := len(ws); n > maxWidthRanges {
		if rest := slices.Max(ws[maxWidthRanges:]); rest > 0 {
			if err := s.sw.SetColWidth(maxWidthRanges+1, min(n, excelize.MaxColumns), rest); err != nil {
				return err
			}
		}
		ws = ws[:maxWidthRanges]
	}
	for i := 0; i < len(ws); {
		j := i + 1
		for j < len(ws) && ws[j] == ws[i] {
			j++
		}
		if ws[i] > 0 {
			if err := s.sw.SetColWidth(i+1, min(j, excelize.MaxColumns), ws[i]); err != nil {
				return err
			}
		}
		if j > excelize.MaxColumns {
			break
		}
		i = j
	}
	return nil
}

// freeze keeps the rows above row and the columns left of col in view.
func (s *sheetWriter) freeze(col, row int) error {
	s.print.headRows = max(row-1, 0)
	pane := "bottomRight"
	switch {
	case col <= 1 && row <= 1:
		return nil
	case col <= 1:
		pane = "bottomLeft"
	case row <= 1:
		pane = "topRight"
	}
	return s.sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: col - 1, YSplit: row - 1,
		TopLeftCell: cellName(col, row), ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: cellName(col, row), ActiveCell: cellName(col, row), Pane: pane}}})
}

// set places a value at (row, col), to be written with that row.
func (s *sheetWriter) set(row, col int, v any) {
	m := s.side[row]
	if m == nil {
		m = map[int]any{}
		s.side[row] = m
		if len(s.side) == 1 || row < s.sideMin {
			s.sideMin = row
		}
	}
	m[col] = v
}

// add writes the next row.
func (s *sheetWriter) add(vals ...any) error { return s.put(s.next, vals) }

// blank skips n rows.
func (s *sheetWriter) blank(n int) { s.next += n }

// paragraph writes text in the next row, merged over columns 1 to
// lastCol and wrapped, the row made tall enough for about perLine
// characters a line: for notes that would otherwise run under a chart.
func (s *sheetWriter) paragraph(style int, text string, lastCol, perLine int) error {
	r := s.next
	if err := s.flushSide(r); err != nil {
		return err
	}
	for c := range s.side[r] {
		if c <= lastCol {
			// Cells placed beside would disappear under the merge.
			return s.emit(r, []any{styled(style, text)})
		}
	}
	lines := max(1, (len([]rune(text))+perLine-1)/perLine)
	if err := s.sw.MergeCell(cellName(1, r), cellName(lastCol, r)); err != nil {
		return err
	}
	s.print.lastCol = max(s.print.lastCol, lastCol)
	return s.emit(r, []any{styled(style, text)}, excelize.RowOpts{Height: 15 * float64(lines)})
}

// keyText writes the next row: a key in column 1 and a text merged over
// columns 2 to lastCol and wrapped, the row as tall as the text needs.
func (s *sheetWriter) keyText(key any, text any, lastCol int) error {
	r := s.next
	if err := s.flushSide(r); err != nil {
		return err
	}
	str, isText := text.(string)
	if !isText || s.side[r] != nil || r > maxRows {
		return s.emit(r, []any{key, text})
	}
	width := 0.0
	for c := 2; c <= lastCol; c++ {
		w := defaultColW
		if c-1 < len(s.print.colW) && s.print.colW[c-1] > 0 {
			w = s.print.colW[c-1]
		}
		width += w + 0.7 // a column's padding counts as text width once merged
	}
	perLine := max(1, int(width*1.05)-1)
	lines := 0
	for _, para := range strings.Split(str, "\n") {
		lines += max(1, (utf8.RuneCountInString(para)+perLine-1)/perLine)
	}
	if err := s.sw.MergeCell(cellName(2, r), cellName(lastCol, r)); err != nil {
		return err
	}
	s.print.lastCol = max(s.print.lastCol, lastCol)
	return s.emit(r, []any{key, styled(s.w.st.wrap, str)}, excelize.RowOpts{Height: min(409, 15*float64(lines))})
}

// put writes row r (≥ the next row) from column 1, with any side cells
// of r, after the side cells of the rows before it.
func (s *sheetWriter) put(r int, vals []any) error {
	if r < s.next {
		return fmt.Errorf("xlsx: sheet %q: row %d written after row %d", s.name, r, s.next-1)
	}
	if err := s.flushSide(r); err != nil {
		return err
	}
	return s.emit(r, vals)
}

// count is put for a row whose XML is written later, by the caller
// (see writer.rowsXML): it notes what emit notes (cut text, the last
// column used) and moves on, without writing. Side cells cannot go with
// it, nor rows past Excel's limits.
func (s *sheetWriter) count(r int, vals []any) error {
	if r < s.next || len(s.side) > 0 || r > maxRows || len(vals) > maxCols {
		return fmt.Errorf("xlsx: sheet %q: row %d cannot be counted to be written later", s.name, r)
	}
	s.next = r + 1
	for i, v := range vals {
		if s.cell(r, i+1, v) != nil {
			s.print.lastCol = max(s.print.lastCol, i+1)
		}
	}
	return nil
}

// flushSide writes the side-only rows before row r.
func (s *sheetWriter) flushSide(r int) error {
	if len(s.side) == 0 || s.sideMin >= r {
		return nil
	}
	var rows []int
	s.sideMin = math.MaxInt
	for k := range s.side {
		if k < r {
			rows = append(rows, k)
		} else {
			s.sideMin = min(s.sideMin, k)
		}
	}
	sort.Ints(rows)
	for _, k := range rows {
		if err := s.emit(k, nil); err != nil {
			return err
		}
	}
	return nil
}

func (s *sheetWriter) emit(r int, vals []any, opts ...excelize.RowOpts) error {
	if m := s.side[r]; m != nil {
		delete(s.side, r)
		for c, v := range m {
			for len(vals) < c {
				vals = append(vals, nil)
			}
			vals[c-1] = v
		}
	}
	s.next = r + 1
	if r > maxRows {
		s.lostRows++
		return nil
	}
	if len(vals) > maxCols {
		s.lostCols = max(s.lostCols, len(vals)-maxCols)
		vals = vals[:maxCols]
	}
	for i, v := range vals {
		vals[i] = s.cell(r, i+1, v)
		if vals[i] != nil {
			s.print.lastCol = max(s.print.lastCol, i+1)
		}
	}
	if len(opts) == 0 {
		if h := s.wrapHeight(vals); h > 0 {
			opts = []excelize.RowOpts{{Height: h}}
		}
	}
	for _, o := range opts {
		if o.Height > 0 {
			if s.print.rowPx == nil {
				s.print.rowPx = map[int]float64{}
			}
			s.print.rowPx[r] = o.Height * pxPerInch / 72
		}
	}
	return s.sw.SetRow(cellName(1, r), vals, opts...)
}

// wrapHeight is the height in points a row needs for its wrapped cells,
// or 0 when one line will do. Spreadsheets do not all size rows to
// wrapped text when they open a file (LibreOffice keeps the height it is
// given, and prints lines on top of one another), so the writer sets it.
// A line takes about 1.05 characters per unit of column width (Calibri
// 11: letters are narrower than the digits widths are measured in).
func (s *sheetWriter) wrapHeight(vals []any) float64 {
	lines := 1
	for i, v := range vals {
		c, ok := v.(excelize.Cell)
		if !ok || (c.StyleID != s.w.st.wrap && c.StyleID != s.w.st.para) {
			continue
		}
		text, ok := c.Value.(string)
		if !ok {
			continue
		}
		w := defaultColW
		if i < len(s.print.colW) && s.print.colW[i] > 0 {
			w = s.print.colW[i]
		}
		perLine := max(1, int(w*1.05)-1)
		n := 0
		for _, para := range strings.Split(text, "\n") {
			n += max(1, (utf8.RuneCountInString(para)+perLine-1)/perLine)
		}
		lines = max(lines, n)
	}
	if lines == 1 {
		return 0
	}
	return min(409, 15*float64(lines))
}

// cell makes a value safe to write.
func (s *sheetWriter) cell(r, c int, v any) any {
	switch x := v.(type) {
	case string:
		if x == "" {
			return nil
		}
		return s.text(r, c, x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
	case excelize.Cell:
		switch y := x.Value.(type) {
		case string:
			x.Value = s.text(r, c, y)
		case float64:
			if math.IsNaN(y) || math.IsInf(y, 0) {
				if x.Formula != "" {
					x.Value = "" // a formula whose result is blank
				} else {
					x.Value = nil
				}
			}
		}
		return x
	}
	return v
}

func (s *sheetWriter) text(r, c int, x string) string {
	t, ok := clipText(x, maxCellChars)
	if !ok && !s.quiet {
		where := fmt.Sprintf("%s!%s", s.name, cellName(c, r))
		if s.where != nil {
			where = s.where(r, c)
		}
		s.w.truncated(where, utf16Len(x))
	}
	return t
}

// close writes what remains and ends the stream.
func (s *sheetWriter) close() error {
	if err := s.flushSide(math.MaxInt); err != nil {
		return err
	}
	if s.lostRows > 0 {
		s.w.note(fmt.Sprintf("Sheet %s: %d rows beyond Excel's limit of %d rows were left out.", s.name, s.lostRows, maxRows))
	}
	if s.lostCols > 0 {
		s.w.note(fmt.Sprintf("Sheet %s: %d columns beyond Excel's limit of %d columns were left out.", s.name, s.lostCols, maxCols))
	}
	if err := s.setupPage(); err != nil {
		return err
	}
	return s.sw.Flush()
}

// lastRow is the last row written so far.
func (s *sheetWriter) lastRow() int { return s.next - 1 }

// colourScale3 colours a range from red (lo) through white (mid) to blue
// (hi), the stance scale's colours.
func (s *sheetWriter) colourScale3(ref string, lo, mid, hi float64) error {
	return s.w.f.SetConditionalFormat(s.name, ref, []excelize.ConditionalFormatOptions{{
		Type: "3_color_scale", Criteria: "=",
		MinType: "num", MinValue: fmtNum(lo), MinColor: colourOppose,
		MidType: "num", MidValue: fmtNum(mid), MidColor: "#FFFFFF",
		MaxType: "num", MaxValue: fmtNum(hi), MaxColor: colourSupport,
	}})
}

// colourScale2 colours a range from white (lo) to colour (hi; the
// range's largest value when hi is NaN).
func (s *sheetWriter) colourScale2(ref string, lo, hi float64, colour string) error {
	o := excelize.ConditionalFormatOptions{Type: "2_color_scale", Criteria: "=",
		MinType: "num", MinValue: fmtNum(lo), MinColor: "#FFFFFF",
		MaxType: "num", MaxValue: fmtNum(hi), MaxColor: colour}
	if math.IsNaN(hi) {
		o.MaxType, o.MaxValue = "max", "0"
	}
	return s.w.f.SetConditionalFormat(s.name, ref, []excelize.ConditionalFormatOptions{o})
}

func fmtNum(v float64) string { return fmt.Sprint(v) }

// fit is a column width for the longest of texts (in characters, plus
// padding), between lo and hi.
func fit(lo, hi float64, texts ...string) float64 {
	n := 0
	for _, t := range texts {
		n = max(n, len([]rune(t)))
	}
	return min(hi, max(lo, float64(n)+2))
}

// linkTo makes a cell a link to a place in the workbook.
func (s *sheetWriter) linkTo(row, col int, sheet string, targetRow int) error {
	return s.w.f.SetCellHyperLink(s.name, cellName(col, row), quoteSheet(sheet)+"!A"+fmt.Sprint(targetRow), "Location")
}
