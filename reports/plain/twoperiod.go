package plain

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/reports"
)

// twoPeriodsJSON is evolution.two_periods: the two periods side by side,
// or null when they could not be compared.
func twoPeriodsJSON(pc *analysis.PeriodChange) any {
	if pc == nil {
		return nil
	}
	cells := make([]map[string]any, 0, len(pc.Cells))
	for _, c := range pc.Cells {
		cells = append(cells, map[string]any{"row": c.Row, "theme": c.Theme,
			"a_mean": reports.Float(c.A.Mean), "a_n": c.A.N, "b_mean": reports.Float(c.B.Mean), "b_n": c.B.N,
			"change": reports.Float(c.Change), "low": reports.Float(c.Low), "high": reports.Float(c.High),
			"thin": c.Thin, "verdict": c.Verdict})
	}
	return map[string]any{"from": pc.From, "to": pc.To, "default": pc.Default, "available": strs(pc.Available),
		"level": pc.Level, "margin": pc.Margin, "min_statements": pc.MinStatements,
		"moved": pc.Moved, "stayed": pc.Stayed, "cannot_tell": pc.CannotTell, "cells": cells}
}

// writeTwoPeriodsCSV is two_periods.csv: one line per row and theme.
func writeTwoPeriodsCSV(write func(...string), pc *analysis.PeriodChange) {
	write("from", "to", "row", "theme", "a_mean", "a_n", "b_mean", "b_n", "change", "low", "high", "thin", "verdict")
	if pc == nil {
		return
	}
	for _, c := range pc.Cells {
		thin := "false"
		if c.Thin {
			thin = "true"
		}
		write(pc.From, pc.To, c.Row, c.Theme, num(c.A.Mean), strconv.Itoa(c.A.N), num(c.B.Mean), strconv.Itoa(c.B.N),
			num(c.Change), num(c.Low), num(c.High), thin, c.Verdict)
	}
}

// writeTwoPeriods prints the two periods side by side: the counts of
// each verdict and the cells that moved, largest change first.
func writeTwoPeriods(w io.Writer, a *analysis.Analysis, name func(string) string) {
	pc := a.PeriodChange
	if pc == nil {
		if a.PeriodChangeError != "" {
			fmt.Fprintf(w, "\nTwo periods side by side: not compared: %s\n", a.PeriodChangeError)
		}
		return
	}
	how := "the first and last periods with enough statements; --compare-periods chooses"
	if !pc.Default {
		how = "chosen with --compare-periods"
	}
	thin := 0
	for _, c := range pc.Cells {
		if c.Thin {
			thin++
		}
	}
	fmt.Fprintf(w, "\nTwo periods side by side: %s → %s (%s), %d %s and %s, %s intervals: %d moved, %d stayed (within ±%s), %d cannot tell (%d of them with fewer than %d statements on a side)\n",
		pc.From, pc.To, how, len(pc.Rows), data.Plural(len(pc.Rows), "row", "rows"), data.Plural(len(pc.Themes), "1 theme", strconv.Itoa(len(pc.Themes))+" themes"),
		percentOf(pc.Level), pc.Moved, pc.Stayed, strconv.FormatFloat(pc.Margin, 'f', -1, 64), pc.CannotTell, thin, pc.MinStatements)
	var moved []analysis.ChangeCell
	for _, c := range pc.Cells {
		if c.Verdict == analysis.VerdictMoved {
			moved = append(moved, c)
		}
	}
	slices.SortStableFunc(moved, func(x, y analysis.ChangeCell) int { return cmp.Compare(math.Abs(y.Change), math.Abs(x.Change)) })
	for _, c := range moved[:min(10, len(moved))] {
		fmt.Fprintf(w, "  %-24s %-18s %s (%d) → %s (%d), change %s (%s to %s)\n", name(c.Row), c.Theme,
			analysis.Signed(c.A.Mean, 2), c.A.N, analysis.Signed(c.B.Mean, 2), c.B.N, analysis.Signed(c.Change, 2),
			analysis.Signed(c.Low, 2), analysis.Signed(c.High, 2))
	}
	if len(moved) > 10 {
		fmt.Fprintf(w, "  and %d more (--json or --format csv for every cell)\n", len(moved)-10)
	}
}

func percentOf(level float64) string {
	return strconv.FormatFloat(level*100, 'f', -1, 64) + "%"
}
