package data

import (
	"archive/zip"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// parseXLSXTable reads one worksheet of an Excel workbook. The zip's
// headers are checked before excelize sees them (checkZip); excelize's
// temporary files go into a folder of this call's own, removed on every
// return (and by RemovePendingTemps on an interrupt); a panic in the
// library becomes an unusable-file problem.
func parseXLSXTable(t *Table, b string, opt TableOptions) (err error) {
	path := t.Name
	if p := checkZip(path, b); p != nil {
		return p
	}
	tmp, release, terr := MakeTempDir("stancemap-xlsx-")
	if terr != nil {
		return unusable(path, CodeUnreadable, "cannot be read: no temporary folder for the workbook: "+FileErrorReason(terr))
	}
	defer release()
	defer func() {
		if r := recover(); r != nil {
			t.Name = path
			err = unusable(path, CodeNotATable, fmt.Sprintf("is an unusable file: reading it as a workbook failed (%v); it is damaged or crafted", clip(fmt.Sprint(r), 120)))
		}
	}()
	f, err := excelize.OpenReader(strings.NewReader(b), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedXML, TmpDir: tmp})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return unusable(path, CodeTooLarge, fmt.Sprintf("is larger than %s once decompressed: refused (it may be a zip bomb); save it as CSV or split it", sizeText(maxUnzipped)))
		}
		return unusable(path, CodeNotATable, xlsxOpenMessage(err))
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return unusable(path, CodeNotATable, "is a zip archive but not an Excel workbook: it has no worksheets")
	}
	sheet, how, p := chooseSheet(f, sheets, opt.Sheet, opt.PreferSheet)
	if p != nil {
		p.File = path
		return p
	}
	t.Name = path + "[" + sheet + "]"
	t.Sheet, t.Sheets = sheet, sheets
	if len(sheets) > 1 {
		var others []string
		for _, s := range sheets {
			if s != sheet {
				others = append(others, strconv.Quote(s))
			}
		}
		t.Notes = append(t.Notes, fmt.Sprintf("sheet %q read%s; the workbook also has %s", sheet, how, strings.Join(others, ", ")))
	}

	cv := newXLSXCells(f, sheet)
	maxRows := 0
	if opt.HeaderOnly {
		maxRows = 2 * headerSearchRows
	}
	rows, merged, streamed, err := readSheetStreaming(b, sheet, cv, maxRows)
	if !streamed {
		var dense [][]string
		dense, err = f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err == nil {
			for i, row := range dense {
				for j, raw := range row {
					row[j] = cv.text(j+1, i+1, raw)
				}
			}
			rows = sparseRows(dense)
			merged = mergedRanges(f, sheet)
		}
	}
	var refused *sheetRefusal
	if errors.As(err, &refused) {
		return unusable(t.Name, CodeNotATable, fmt.Sprintf("sheet %q %s", sheet, refused.msg))
	}
	if err != nil {
		return unusable(t.Name, CodeNotATable, fmt.Sprintf("sheet %q cannot be read: it is damaged or not a worksheet (a chart sheet?)", sheet))
	}
	if n := clearMergedSparse(merged, rows); n > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("%d merged cell %s: each value is read from the top-left cell of its range, the other cells are empty",
			n, Plural(n, "range", "ranges")))
	}
	rt := &rowTable{}
	if p := addSheetRows(t, rt, rows, opt); p != nil {
		return p
	}
	t.Notes = append(t.Notes, cv.notes()...)
	msg := fmt.Sprintf("sheet %q has no rows", sheet)
	if len(sheets) > 1 {
		msg += fmt.Sprintf(" (the workbook's sheets: %s; choose one with the sheet option)", quoteList(sheets))
	}
	if err := rt.finish(t, opt, CodeEmptySheet, msg); err != nil {
		return err
	}
	// A spreadsheet row has every column: excelize leaves out trailing
	// empty cells, which would otherwise look like ragged rows. The
	// padding is bounded by addSheetRows' budget and the header's width.
	if len(t.Header) > 0 {
		pad := make([]string, len(t.Header))
		for i := range t.Records {
			if c := t.Records[i].Cells; len(c) < len(t.Header) {
				t.Records[i].Cells = append(c[:len(c):len(c)], pad[:len(t.Header)-len(c)]...)
			}
		}
	}
	return nil
}

// addSheetRows adds a worksheet's sparse rows to rt, each made dense up
// to its last cell holding something; the rows skipped between them are
// blank rows. Cells right of the header's last named column can be read
// by no one: they are left out, and counted in a note. The header is
// found here the way rowTable.finish finds it, among the first
// headerSearchRows non-blank rows; the rows above it are kept whole. What
// is left is bounded: a sheet whose few values still lie far apart (a
// header cell in column XFD, and one on every row) would need 16,384
// cells a row, and is refused instead.
func addSheetRows(t *Table, rt *rowTable, rows []sheetRow, opt TableOptions) *Problem {
	for len(rows) > 0 && len(rows[len(rows)-1].cells) == 0 {
		rows = rows[:len(rows)-1]
	}
	lastCol := func(r sheetRow) int {
		for i := len(r.cells) - 1; i >= 0; i-- {
			if cleanCell(r.cells[i].text) != "" {
				return r.cells[i].col
			}
		}
		return 0
	}
	dense1 := func(r sheetRow) []string {
		var cells []string
		for _, c := range r.cells {
			if cleanCell(c.text) == "" {
				continue
			}
			for len(cells) < c.col-1 {
				cells = append(cells, "")
			}
			if len(cells) >= c.col {
				cells[c.col-1] = cleanCell(c.text)
			} else {
				cells = append(cells, cleanCell(c.text))
			}
		}
		return cells
	}
	// width: the header's; the rows up to it keep all their cells.
	width, headerAt, seen, first := 0, -1, 0, -1
	for i, r := range rows {
		if seen == headerSearchRows {
			break
		}
		if lastCol(r) == 0 {
			continue
		}
		seen++
		if first < 0 {
			first = i
		}
		if opt.IsHeader != nil && opt.IsHeader(dense1(r)) {
			headerAt = i
			break
		}
	}
	if headerAt < 0 {
		headerAt = first
	}
	if headerAt >= 0 {
		width = lastCol(rows[headerAt])
	}
	values, whole, cutDense := 0, 0, 0
	for i, r := range rows {
		values += len(r.cells)
		whole += lastCol(r)
		if i <= headerAt {
			cutDense += lastCol(r)
		} else {
			cutDense += min(lastCol(r), width)
		}
	}
	// Rows are kept whole when that is affordable (cells right of the
	// header are then in the records, as in a CSV's long rows), else cut
	// at the header's width.
	budget := 16*values + 1<<20
	cutting := whole > budget
	if cutting && cutDense > budget {
		col, _ := excelize.ColumnNumberToName(width)
		return unusable(t.Name, CodeNotATable, fmt.Sprintf("holds %d values spread over %d cells (its header reaches column %s): too sparse to read as a table; delete the stray cells right of the table, or save the sheet as CSV",
			values, cutDense, col))
	}
	keepAll := func(i int) bool { return !cutting || i <= headerAt }
	last, cut, cutRow, cutCol := 0, 0, 0, 0
	for i, r := range rows {
		if r.num > last+1 && len(rt.blanks) < maxSheetRows {
			for b := last + 1; b < r.num; b++ {
				rt.blanks = append(rt.blanks, b)
			}
		}
		last = max(last, r.num)
		var cells []string
		for _, c := range r.cells {
			if cleanCell(c.text) == "" {
				continue
			}
			if c.col > width && !keepAll(i) {
				if cut == 0 {
					cutRow, cutCol = r.num, c.col
				}
				cut++
				continue
			}
			for len(cells) < c.col-1 {
				cells = append(cells, "")
			}
			if len(cells) >= c.col {
				cells[c.col-1] = c.text
			} else {
				cells = append(cells, c.text)
			}
		}
		rt.add(r.num, cells)
	}
	if cut > 0 {
		col, _ := excelize.ColumnNumberToName(cutCol)
		t.Notes = append(t.Notes, fmt.Sprintf("%d %s right of every column the header could name ignored (the first at row %d, column %s)",
			cut, Plural(cut, "cell", "cells"), cutRow, col))
	}
	return nil
}

// clearMergedSparse empties every cell of a merged range ("A1:C2") but
// its top-left one, where the range's value lives; it returns how many
// ranges there are.
func clearMergedSparse(ms []string, rows []sheetRow) int {
	if len(ms) == 0 {
		return 0
	}
	at := make(map[int][]int, len(rows)) // row number → indexes in rows
	for i, r := range rows {
		at[r.num] = append(at[r.num], i)
	}
	for _, m := range ms {
		a, b, _ := strings.Cut(m, ":")
		if b == "" {
			b = a
		}
		c1, r1, ok1 := cellRef(a)
		c2, r2, ok2 := cellRef(b)
		if !ok1 || !ok2 {
			continue
		}
		visit := func(i int) {
			r := rows[i]
			for k := range r.cells {
				if c := r.cells[k].col; c >= c1 && c <= c2 && (r.num != r1 || c != c1) {
					r.cells[k].text = ""
				}
			}
		}
		if r2-r1 < len(rows) {
			for rn := r1; rn <= r2; rn++ {
				for _, i := range at[rn] {
					visit(i)
				}
			}
			continue
		}
		for i, r := range rows {
			if r.num >= r1 && r.num <= r2 {
				visit(i)
			}
		}
	}
	return len(ms)
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// Bounds on what a workbook may hold once decompressed: 2 GiB in all
// (stancemap's own million-statement report is 845 MB), and 16 MiB of
// XML kept in memory per part before excelize spills it to a temporary
// file. excelize's default (16 GB) would let a zip bomb fill the memory.
// They are variables so that tests can lower them.
var (
	maxUnzipped    int64 = 2 << 30
	maxUnzippedXML int64 = 16 << 20
)

// Bounds on inflating any compressed input (zip parts, gzip): past
// inflateFloor bytes, the inflated data may be at most maxInflateRatio
// times the compressed size. Text and workbook XML shrink 3 to 20 times;
// a run of zeros, a thousand.
const (
	inflateFloor    = 64 << 20
	maxInflateRatio = 50
)

// checkZip reads a workbook's central directory and refuses what would
// make excelize allocate without bound or panic: a part whose declared
// size is past the 2 GB limit (a zip64 size of 2⁶⁴−1 wraps negative in
// excelize), parts adding up past it or inflating more than
// maxInflateRatio times the file, a part larger compressed than the file,
// and two parts of one name. A file that is no zip at all is left to
// excelize to report.
func checkZip(path, b string) *Problem {
	zr, err := zip.NewReader(strings.NewReader(b), int64(len(b)))
	if err != nil {
		return nil
	}
	bomb := func(why string) *Problem {
		return unusable(path, CodeTooLarge, why+": refused (it may be a zip bomb); save it as CSV or split it")
	}
	seen := make(map[string]bool, len(zr.File))
	var total uint64
	for _, f := range zr.File {
		key := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/"))
		if seen[key] {
			return unusable(path, CodeNotATable, fmt.Sprintf("holds two parts named %q: the workbook is damaged or crafted; refused", clip(f.Name, 80)))
		}
		seen[key] = true
		if f.UncompressedSize64 > uint64(maxUnzipped) {
			return bomb(fmt.Sprintf("declares a part %q of %d bytes, more than %s once decompressed", clip(f.Name, 80), f.UncompressedSize64, sizeText(maxUnzipped)))
		}
		if f.CompressedSize64 > uint64(len(b)) {
			return unusable(path, CodeNotATable, fmt.Sprintf("declares a part %q of %d compressed bytes in a file of %d: the workbook is damaged or crafted; refused", clip(f.Name, 80), f.CompressedSize64, len(b)))
		}
		total += f.UncompressedSize64
		if total > uint64(maxUnzipped) {
			return bomb(fmt.Sprintf("is larger than %s once decompressed", sizeText(maxUnzipped)))
		}
	}
	if total > inflateFloor && total > maxInflateRatio*uint64(len(b)) {
		return bomb(fmt.Sprintf("would inflate from %d bytes to %d, %d times its size (workbooks inflate less than %d times)", len(b), total, total/uint64(max(len(b), 1)), maxInflateRatio))
	}
	return nil
}

func sizeText(n int64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%d GB", n>>30)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

func xlsxOpenMessage(err error) string {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		return "cannot be opened as an Excel workbook: it is password-protected or in an older format; save it as .xlsx without a password, or as .csv"
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrAlgorithm):
		return "is not a readable Excel workbook: the file is damaged or not an .xlsx file"
	}
	return "cannot be opened as an Excel workbook: it is damaged or not an .xlsx file"
}

// chooseSheet picks the sheet to read: the one asked for (exactly, else
// ignoring case), else one named prefer ("Statements" when empty), else
// the first visible sheet. how says why, for the note.
func chooseSheet(f *excelize.File, sheets []string, want, prefer string) (sheet, how string, p *Problem) {
	if prefer == "" {
		prefer = "Statements"
	}
	if want != "" {
		for _, s := range sheets {
			if s == want {
				return s, "", nil
			}
		}
		for _, s := range sheets {
			if strings.EqualFold(s, want) {
				return s, "", nil
			}
		}
		return "", "", &Problem{Code: CodeNoSheet, Message: fmt.Sprintf("has no sheet named %q", want), Found: want,
			Expected: "one of " + quoteList(sheets), Unusable: true}
	}
	for _, s := range sheets {
		if strings.EqualFold(s, prefer) {
			return s, "", nil
		}
	}
	for _, s := range sheets {
		if visible, err := f.GetSheetVisible(s); err == nil && visible {
			return s, fmt.Sprintf(" (the first sheet: none is named %q)", prefer), nil
		}
	}
	return sheets[0], fmt.Sprintf(" (the first sheet: none is named %q)", prefer), nil
}

// mergedRanges lists a sheet's merged ranges ("A1:C1") through excelize.
func mergedRanges(f *excelize.File, sheet string) []string {
	ms, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.GetStartAxis() + ":" + m.GetEndAxis()
	}
	return out
}

// clearMerged empties every cell of a merged range ("A1:C2") but its
// top-left one, where the range's value lives; it returns how many
// ranges there are.
func clearMerged(ms []string, rows [][]string) int {
	for _, m := range ms {
		a, b, _ := strings.Cut(m, ":")
		if b == "" {
			b = a
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(a)
		c2, r2, err2 := excelize.CellNameToCoordinates(b)
		if err1 != nil || err2 != nil {
			continue
		}
		for r := r1; r <= r2 && r <= len(rows); r++ {
			row := rows[r-1]
			for c := c1; c <= c2 && c <= len(row); c++ {
				if r != r1 || c != c1 {
					row[c-1] = ""
				}
			}
		}
	}
	return len(ms)
}

// numKind is how a number format shows a number.
type numKind uint8

const (
	numPlain numKind = iota
	numDate          // a date, perhaps with a time
	numMonth         // a month and year only ("mmm-yy", Excel's format for "May 2013")
	numYear          // a year only ("yyyy")
	numTime          // a time of day only
)

// xlsxCells turns raw cell values into the text a user expects: numbers
// written plainly (2, not 2.00; 0.3, not 0.30000000000000004), dates as
// ISO 8601, booleans as TRUE and FALSE, text as it is.
//
// A date formatted to show only its month and year, or only its year, is
// written at that precision ("2013-05", "2013"): the user who typed "May
// 2013" into Excel gets a cell holding 1 May 2013 shown as "May-13", and
// meant a month, not a day. counts records how often that happened.
type xlsxCells struct {
	f        *excelize.File
	sheet    string
	date1904 bool
	kinds    map[int]numKind // by style index
	counts   map[numKind]int
}

func newXLSXCells(f *excelize.File, sheet string) *xlsxCells {
	c := &xlsxCells{f: f, sheet: sheet, kinds: map[int]numKind{}, counts: map[numKind]int{}}
	if wp, err := f.GetWorkbookProps(); err == nil && wp.Date1904 != nil {
		c.date1904 = *wp.Date1904
	}
	return c
}

func (c *xlsxCells) text(col, row int, raw string) string {
	if raw == "" {
		return ""
	}
	v, numErr := strconv.ParseFloat(raw, 64)
	isoDate := len(raw) >= 10 && raw[4] == '-' && raw[7] == '-'
	if numErr != nil && !isoDate {
		return raw // text, an error value such as #N/A, …
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return raw
	}
	typ, err := c.f.GetCellType(c.sheet, cell)
	if err != nil {
		return raw
	}
	switch typ {
	case excelize.CellTypeBool:
		switch raw {
		case "1":
			return "TRUE"
		case "0":
			return "FALSE"
		}
		return raw
	case excelize.CellTypeDate:
		return isoCellDate(raw)
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		if numErr != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return raw
		}
		k := c.kind(cell)
		c.counts[k]++
		return excelDate(v, c.date1904, k)
	}
	return raw // a string that merely looks like a number
}

// kind classifies the number format of a cell, caching by style.
func (c *xlsxCells) kind(cell string) numKind {
	idx, err := c.f.GetCellStyle(c.sheet, cell)
	if err != nil {
		return numPlain
	}
	return c.styleKind(idx)
}

// styleKind classifies the number format of a style index.
func (c *xlsxCells) styleKind(idx int) numKind {
	if k, ok := c.kinds[idx]; ok {
		return k
	}
	k := numPlain
	if st, err := c.f.GetStyle(idx); err == nil && st != nil {
		if st.CustomNumFmt != nil {
			k = formatKind(*st.CustomNumFmt)
		} else {
			k = builtinFormatKind(st.NumFmt)
		}
	}
	c.kinds[idx] = k
	return k
}

// builtinFormatKind classifies Excel's built-in number formats: 14–16 and
// 22 are dates (22 with a time), 17 is "mmm-yy", 18–21 and 45–47 are
// times; 27–36 and 50–58 are the East Asian date formats.
func builtinFormatKind(id int) numKind {
	switch {
	case id == 17:
		return numMonth
	case id >= 14 && id <= 16, id == 22, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return numDate
	case id >= 18 && id <= 21, id >= 45 && id <= 47:
		return numTime
	}
	return numPlain
}

// formatKind classifies a custom number format code by its first section:
// h or s make a time (with a date when y, m or d are there too, m then
// possibly being minutes); otherwise d makes a date, y with m a month, y
// alone a year. Quoted text, escaped characters, [colour] and [$-locale]
// parts and AM/PM markers are not looked at.
func formatKind(code string) numKind {
	var b strings.Builder
	inQuote, inBracket, escaped := false, false, false
	for _, r := range code {
		switch {
		case escaped:
			escaped = false
		case inQuote:
			inQuote = r != '"'
		case inBracket:
			inBracket = r != ']'
		case r == '"':
			inQuote = true
		case r == '[':
			inBracket = true
		case r == '\\' || r == '_' || r == '*':
			escaped = true
		case r == ';':
			goto done
		default:
			b.WriteRune(r)
		}
	}
done:
	s := strings.ToLower(b.String())
	s = strings.NewReplacer("am/pm", "", "a/p", "", "general", "").Replace(s)
	hasY, hasM, hasD := strings.Contains(s, "y"), strings.Contains(s, "m"), strings.Contains(s, "d")
	switch {
	case strings.ContainsAny(s, "hs"):
		if hasY || hasD {
			return numDate
		}
		return numTime
	case hasD:
		return numDate
	case hasM:
		return numMonth
	case hasY:
		return numYear
	}
	return numPlain
}

// excelDate writes a number as its format shows it: a date serial as ISO
// 8601, "2013-11-05", with the time of day only when it is not midnight
// ("2013-11-05 14:30"), or at month or year precision; a time-only format
// on a serial below 1 gives just the time; anything else a plain number.
func excelDate(v float64, date1904 bool, k numKind) string {
	if k == numPlain {
		return plainNumber(v)
	}
	tm, err := excelize.ExcelDateToTime(v, date1904)
	if err != nil {
		return plainNumber(v)
	}
	switch {
	case k == numMonth:
		return tm.Format("2006-01")
	case k == numYear:
		return tm.Format("2006")
	case k == numTime && v < 1:
		if tm.Second() == 0 {
			return tm.Format("15:04")
		}
		return tm.Format("15:04:05")
	}
	return isoDateTime(tm)
}

// notes says which dates were read at less than day precision.
func (c *xlsxCells) notes() []string {
	var out []string
	if n := c.counts[numMonth]; n > 0 {
		out = append(out, fmt.Sprintf("%d date %s formatted to show only month and year read as YYYY-MM", n, Plural(n, "cell", "cells")))
	}
	if n := c.counts[numYear]; n > 0 {
		out = append(out, fmt.Sprintf("%d date %s formatted to show only the year read as YYYY", n, Plural(n, "cell", "cells")))
	}
	return out
}

func isoDateTime(tm time.Time) string {
	switch {
	case tm.Hour() == 0 && tm.Minute() == 0 && tm.Second() == 0:
		return tm.Format("2006-01-02")
	case tm.Second() == 0:
		return tm.Format("2006-01-02 15:04")
	}
	return tm.Format("2006-01-02 15:04:05")
}

// isoCellDate writes a cell of the rare ISO 8601 date type ("d") the way
// excelDate writes date serials.
func isoCellDate(raw string) string {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
		if tm, err := time.Parse(layout, raw); err == nil {
			return isoDateTime(tm)
		}
	}
	return raw
}

// plainNumber writes a number as a person would type it: no exponent for
// everyday magnitudes, no binary noise beyond Excel's 15 significant
// digits (0.1+0.2 is "0.3"), no "-0".
func plainNumber(v float64) string {
	if v == 0 {
		return "0"
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if err != nil {
		r = v
	}
	if a := math.Abs(r); a >= 1e-5 && a < 1e15 {
		return strconv.FormatFloat(r, 'f', -1, 64)
	}
	return strconv.FormatFloat(r, 'g', -1, 64)
}
