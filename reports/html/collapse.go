package html

import (
	"fmt"

	"github.com/stancemap/stancemap/analysis"
)

// Sections with too little data say in one sentence what is missing
// instead of drawing an empty or misleading panel: a ten-statement study
// should read as a short report, not as a page of blank charts.

// thinMap says why the position map would mislead, or "" when it can be
// drawn: fewer than three actors placed, or more than two thirds of its
// actor × theme cells filled with the theme's mean rather than with
// statements (the built-in sample fills 60%, and its map still tells
// the blocs apart; a ten-statement study of nine actors fills 72%, and
// its map is a line).
func thinMap(pm analysis.PositionMap) string {
	placed := 0
	for _, c := range pm.Coords {
		if len(c) >= 2 && finite(c[0]) && finite(c[1]) {
			placed++
		}
	}
	if placed < 3 {
		return fmt.Sprintf("a map needs at least three actors placed; %s.", placedPhrase(placed))
	}
	if pm.Method != analysis.MapMDS && len(pm.Themes) > 0 {
		cells := len(pm.Rows) * len(pm.Themes)
		if 3*pm.Imputed > 2*cells {
			return fmt.Sprintf("%d of its %d actor × theme cells have no statement, so the map would mostly show the themes' means (it needs actors who speak on the same themes).", pm.Imputed, cells)
		}
	}
	return ""
}

func placedPhrase(n int) string {
	switch n {
	case 0:
		return "none could be"
	case 1:
		return "only 1 could be"
	}
	return fmt.Sprintf("only %d could be", n)
}

// comparablePairs counts the pairs of rows whose distance is known.
func comparablePairs(d analysis.Distances) int {
	n := 0
	for i := range d.D {
		for j := 0; j < i && j < len(d.D[i]); j++ {
			if finite(d.D[i][j]) {
				n++
			}
		}
	}
	return n
}

// followed counts the rows the evolution chart would draw with a line:
// those heard on some theme in at least two periods.
func followed(set *analysis.MatrixSet) int {
	n := 0
	for i := range set.Rows {
		for t := range set.Themes {
			periods := 0
			for _, m := range set.Matrices {
				if m.Cells[i][t].N > 0 {
					periods++
				}
			}
			if periods >= 2 {
				n++
				break
			}
		}
	}
	return n
}
