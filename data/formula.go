package data

import (
	"strconv"
	"strings"
)

// formulaStarts are the first characters a spreadsheet may read as the
// start of a formula (OWASP, "CSV Injection").
const formulaStarts = "=+-@\t\r"

// EscapeFormula keeps a CSV cell from being run as a formula when the
// file is opened in a spreadsheet: text starting with =, +, -, @, a tab
// or a carriage return gets a leading apostrophe. Numbers, negative ones
// included, are left alone. UnescapeFormula undoes it, and the readers
// apply it, so a file the tool writes reads back unchanged.
func EscapeFormula(s string) string {
	if s == "" || !strings.ContainsRune(formulaStarts, rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}

// UnescapeFormula removes the apostrophe EscapeFormula adds.
func UnescapeFormula(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune(formulaStarts, rune(s[1])) {
		return s[1:]
	}
	return s
}
