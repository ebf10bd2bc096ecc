package html

import (
	"fmt"
	"math"
	"strconv"
)

// num is a float ready for JSON: rounded to three decimals, nil for NaN
// and infinities (echarts reads null as "no value"), never -0.
func num(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return round(v, 3)
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

func fmtSigned(v float64) string {
	if !finite(v) {
		return "–"
	}
	s := fmtNum(v)
	if round(v, 2) > 0 {
		s = "+" + s
	}
	return s
}

func pct(v float64) string {
	if !finite(v) {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", v*100)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
