package html

import (
	"fmt"
	"math"
	"strconv"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/reports"
)

// num is a float ready for JSON: rounded to three decimals, never -0;
// NaN and infinities are null (reports.Float), which echarts reads as "no
// value".
func num(v float64) reports.Float {
	if !finite(v) {
		return reports.Float(v)
	}
	return reports.Float(round(v, 3))
}

func round(v float64, digits int) float64 {
	p := math.Pow10(digits)
	r := math.Round(v*p) / p
	if r == 0 || math.IsNaN(r) || math.IsInf(r, 0) {
		return 0
	}
	return r
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// fmtNum formats a number for the page: "–" for none, two decimals, a
// sign for stances.
func fmtNum(v float64) string {
	if !finite(v) {
		return "–"
	}
	return strconv.FormatFloat(round(v, 2), 'f', 2, 64)
}

func fmtSigned(v float64) string { return analysis.Signed(v, 2) }

func pct(v float64) string {
	if !finite(v) {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", v*100)
}
