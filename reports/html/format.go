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

// fmtInterval is an interval "lo to hi", or "hi, no spread" when the two
// ends round to the same number (every resample drew the same mean),
// which "−1.00 to −1.00" would say garbled.
func fmtInterval(lo, hi float64) string {
	a, b := fmtSigned(lo), fmtSigned(hi)
	if a == b {
		return a + ", no spread"
	}
	return a + " to " + b
}

// plural is "1 statement", "2 statements": n and the noun agreeing.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
