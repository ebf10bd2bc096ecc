package xlsx

import (
	"fmt"
	"regexp"
	"strings"
)

// The live formulas of the Stance and Salience sheets read the table of
// the Statements sheet by its column names (structured references, which
// Excel and LibreOffice both understand and which grow with the table
// when a user adds rows to it).
//
// Two forms exist. The usual one passes the row's actor id and the
// column's theme id, from the sheet's own header cells, as criteria to
// COUNTIFS, AVERAGEIFS and SUMIFS, which spreadsheets evaluate fast. A
// criterion is not a plain comparison, though: "*", "?" and "~" are
// wildcards, a leading "<", ">" or "=" is an operator, and text that looks
// like a number, a date or TRUE is compared as one. Ids made only of
// ASCII letters, digits and "_", beginning with a letter or "_", mean
// themselves (the built-in theme ids, ISO codes and snake_case ids all
// do); for any other id the formula compares the columns directly inside
// SUMPRODUCT, which is exact (ignoring case, as the readers do) but slower.

var plainID = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,199}$`)

// criterionSafe reports whether id means itself as a COUNTIFS criterion.
func criterionSafe(id string) bool {
	return plainID.MatchString(id) && !strings.EqualFold(id, "TRUE") && !strings.EqualFold(id, "FALSE")
}

// formulas builds the formulas of one cell: rowRef and colRef are the
// cells holding the row's actor id and the column's theme id ("$A3",
// "C$2").
type formulas struct {
	table    string // the Statements table's name
	weighted bool   // some weight is not 1: weighted means
}

func (f formulas) col(name string) string { return f.table + "[" + name + "]" }

// count is the number of statements of an actor on a theme (Cell.N).
func (f formulas) count(rowRef, colRef string, fast bool) string {
	if fast {
		return fmt.Sprintf("COUNTIFS(%s,%s,%s,%s)", f.col("actor"), rowRef, f.col("theme"), colRef)
	}
	return fmt.Sprintf("SUMPRODUCT((%s=%s)*(%s=%s))", f.col("actor"), rowRef, f.col("theme"), colRef)
}

// mean is the (weighted) mean stance (Cell.Mean), "" when there is none:
//
//	unit weights: IF(COUNTIFS(…)=0,"",AVERAGEIFS(stance,…))
//	weighted:     IF(SUMIFS(weight,…)=0,"",SUMPRODUCT(match*stance*weight)/SUMIFS(weight,…))
//
// The weighted form also blanks a cell whose statements all weigh 0, as
// analysis does (its mean is NaN).
func (f formulas) mean(rowRef, colRef string, fast bool) string {
	match := fmt.Sprintf("(%s=%s)*(%s=%s)", f.col("actor"), rowRef, f.col("theme"), colRef)
	switch {
	case fast && !f.weighted:
		return fmt.Sprintf(`IF(%s=0,"",AVERAGEIFS(%s,%s,%s,%s,%s))`, f.count(rowRef, colRef, true),
			f.col("stance"), f.col("actor"), rowRef, f.col("theme"), colRef)
	case fast:
		w := fmt.Sprintf("SUMIFS(%s,%s,%s,%s,%s)", f.col("weight"), f.col("actor"), rowRef, f.col("theme"), colRef)
		return fmt.Sprintf(`IF(%s=0,"",SUMPRODUCT(%s*%s*%s)/%s)`, w, match, f.col("stance"), f.col("weight"), w)
	case !f.weighted:
		n := fmt.Sprintf("SUMPRODUCT(%s)", match)
		return fmt.Sprintf(`IF(%s=0,"",SUMPRODUCT(%s*%s)/%s)`, n, match, f.col("stance"), n)
	}
	w := fmt.Sprintf("SUMPRODUCT(%s*%s)", match, f.col("weight"))
	return fmt.Sprintf(`IF(%s=0,"",SUMPRODUCT(%s*%s*%s)/%s)`, w, match, f.col("stance"), f.col("weight"), w)
}

// salience is the actor's share of its statement weight on the theme
// (Cell.Salience), "" when its statements weigh nothing.
func (f formulas) salience(rowRef, colRef string, fast bool) string {
	var cell, row string
	if fast {
		cell = fmt.Sprintf("SUMIFS(%s,%s,%s,%s,%s)", f.col("weight"), f.col("actor"), rowRef, f.col("theme"), colRef)
		row = fmt.Sprintf("SUMIFS(%s,%s,%s)", f.col("weight"), f.col("actor"), rowRef)
	} else {
		cell = fmt.Sprintf("SUMPRODUCT((%s=%s)*(%s=%s)*%s)", f.col("actor"), rowRef, f.col("theme"), colRef, f.col("weight"))
		row = fmt.Sprintf("SUMPRODUCT((%s=%s)*%s)", f.col("actor"), rowRef, f.col("weight"))
	}
	return fmt.Sprintf(`IF(%s=0,"",%s/%s)`, row, cell, row)
}
