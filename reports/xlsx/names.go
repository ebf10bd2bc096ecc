package xlsx

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Excel's limits (Excel specifications and limits, Microsoft support).
const (
	maxRows      = excelize.TotalRows      // 1,048,576 rows a sheet
	maxCols      = excelize.MaxColumns     // 16,384 columns a sheet
	maxCellChars = excelize.TotalCellChars // 32,767 characters a cell, counted in UTF-16 units
	maxSheetName = 31
)

// utf16Len counts s in UTF-16 code units, the unit of Excel's limits.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += runeUnits(r)
	}
	return n
}

// runeUnits is the UTF-16 length of r; invalid runes count as one unit,
// the replacement character they are written as.
func runeUnits(r rune) int {
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}
	return 1
}

// truncationMark ends a cell that was cut to fit Excel's limit.
const truncationMark = " […truncated]"

// clipText cuts s to at most max UTF-16 units, at a character boundary,
// ending it with truncationMark; ok is false when it had to.
func clipText(s string, max int) (string, bool) {
	if len(s) <= max || utf16Len(s) <= max {
		return s, true
	}
	budget := max - utf16Len(truncationMark)
	n := 0
	for i, r := range s {
		w := runeUnits(r)
		if n+w > budget {
			return s[:i] + truncationMark, false
		}
		n += w
	}
	return s, true
}

// sheetNameBad are the characters Excel refuses in a sheet name.
const sheetNameBad = `[]:*?/\`

// sheetName makes s a valid, unique Excel sheet name: the characters
// Excel refuses ([ ] : * ? / \) and control characters become spaces,
// leading and trailing apostrophes and spaces go, "History" (reserved by
// Excel) and empty names get a suffix, the name is cut to 31 characters,
// and a name already in taken (compared ignoring case, as Excel does) gets
// " (2)", " (3)", … The chosen name is added to taken.
func sheetName(s string, taken map[string]bool) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(sheetNameBad, r) || unicode.IsControl(r) || r == utf8.RuneError {
			r = ' '
		}
		b.WriteRune(r)
	}
	name := strings.Trim(strings.Join(strings.Fields(b.String()), " "), "' ")
	if name == "" || strings.EqualFold(name, "History") {
		name = strings.TrimSpace(name + " sheet")
	}
	base := cutRunes(name, maxSheetName)
	name = base
	for k := 2; taken[strings.ToLower(name)]; k++ {
		suffix := fmt.Sprintf(" (%d)", k)
		name = strings.TrimRight(cutRunes(base, maxSheetName-len(suffix)), "' ") + suffix
	}
	if taken != nil {
		taken[strings.ToLower(name)] = true
	}
	return name
}

// cutRunes cuts s to at most n UTF-16 units.
func cutRunes(s string, n int) string {
	k := 0
	for i, r := range s {
		k += runeUnits(r)
		if k > n {
			return s[:i]
		}
	}
	return s
}

var (
	tableNameBad = regexp.MustCompile(`[^\p{L}\p{N}_.]+`)
	// cellLike matches names Excel would read as a cell reference (A1,
	// XFD1048576, R1C1, R, C), which a table name may not be.
	cellLike = regexp.MustCompile(`(?i)^([a-z]{1,3}[0-9]+|r[0-9]*c[0-9]*|r|c)$`)
)

// tableName makes s a valid, unique Excel table name: letters, digits,
// "_" and "." only (others become "_"), starting with a letter or "_",
// not a cell reference such as "A1" or "R1C1", at most 255 characters,
// unique ignoring case among taken. The chosen name is added to taken.
func tableName(s string, taken map[string]bool) string {
	name := tableNameBad.ReplaceAllString(s, "_")
	if name == "" {
		name = "Table"
	}
	if r, _ := utf8.DecodeRuneInString(name); !(unicode.IsLetter(r) || r == '_') {
		name = "_" + name
	}
	if cellLike.MatchString(name) {
		name = "_" + name
	}
	base := cutRunes(name, 240)
	name = base
	for k := 2; taken[strings.ToLower(name)]; k++ {
		name = fmt.Sprintf("%s_%d", base, k)
	}
	if taken != nil {
		taken[strings.ToLower(name)] = true
	}
	return name
}

// quoteSheet writes a sheet name as formulas and chart references need
// it: in apostrophes, with apostrophes doubled.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// absRange is 'Sheet'!$A$1:$B$2 (or 'Sheet'!$A$1 for one cell).
func absRange(sheet string, col1, row1, col2, row2 int) string {
	a := absCell(col1, row1)
	if col1 == col2 && row1 == row2 {
		return quoteSheet(sheet) + "!" + a
	}
	return quoteSheet(sheet) + "!" + a + ":" + absCell(col2, row2)
}

func absCell(col, row int) string {
	c, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("$%s$%d", c, row)
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// rangeRef is the range "B3:Z9" clipped to the sheet's last column and
// row (cells past them are dropped when written); ok is false when the
// range starts past them.
func rangeRef(col1, row1, col2, row2 int) (string, bool) {
	if col1 > excelize.MaxColumns || row1 > excelize.TotalRows {
		return "", false
	}
	return cellName(col1, row1) + ":" + cellName(min(col2, excelize.MaxColumns), min(row2, excelize.TotalRows)), true
}

func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}
