package plain

import "github.com/stancemap/stancemap/data"

// safeRecord escapes every cell that a spreadsheet would take for a
// formula (data.EscapeFormula), in place.
func safeRecord(rec []string) []string {
	for i, s := range rec {
		rec[i] = data.EscapeFormula(s)
	}
	return rec
}
