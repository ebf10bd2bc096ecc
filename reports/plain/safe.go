package plain

import (
	"strconv"
	"strings"
)

// safeCell keeps a CSV cell from being read as a formula by a
// spreadsheet: text starting with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe (the OWASP advice for CSV injection).
// Numbers, negative ones included, are left alone.
func safeCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}

func safeRecord(rec []string) []string {
	for i, s := range rec {
		rec[i] = safeCell(s)
	}
	return rec
}
