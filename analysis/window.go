package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// Window describes moving windows over time: windows Length units long,
// starting every Step units, the unit a year ("y") or a month ("m").
type Window struct {
	Length, Step int
	Unit         string // "y" or "m"
}

// ParseWindow reads a window and step such as "3y" and "1y", or "18m"
// and "6m". An empty step means one unit. Both must use the same unit.
func ParseWindow(window, step string) (Window, error) {
	bad := func(msg string) (Window, error) {
		return Window{}, &OptionError{Option: "window", Value: window + " " + step, Msg: msg}
	}
	parse := func(s string) (int, string, bool) {
		s = strings.ToLower(strings.TrimSpace(s))
		if len(s) < 2 {
			return 0, "", false
		}
		unit := s[len(s)-1:]
		n, err := strconv.Atoi(s[:len(s)-1])
		if err != nil || n < 1 || (unit != "y" && unit != "m") {
			return 0, "", false
		}
		return n, unit, true
	}
	n, unit, ok := parse(window)
	if !ok {
		return bad(`expected a length such as "3y" (three years) or "18m" (eighteen months)`)
	}
	w := Window{Length: n, Step: 1, Unit: unit}
	if strings.TrimSpace(step) != "" {
		s, su, ok := parse(step)
		if !ok || su != unit {
			return bad(`the step must be in the same unit as the window, such as --window 3y --step 1y`)
		}
		w.Step = s
	}
	return w, nil
}

func (w Window) String() string {
	return fmt.Sprintf("%d%s windows every %d%s", w.Length, w.Unit, w.Step, w.Unit)
}

// unitOf is a date's year, or its month counted from year 0, for the
// window's unit; ok is false for a date too coarse for it.
func (w Window) unitOf(d data.Date) (int, bool) {
	if w.Unit == "y" {
		return int(d.Year), d.Precision >= data.PrecisionYear
	}
	return int(d.Year)*12 + int(d.Month) - 1, d.Precision >= data.PrecisionMonth
}

func (w Window) dateOf(u int) data.Date {
	if w.Unit == "y" {
		return data.Date{Year: int32(u), Precision: data.PrecisionYear}
	}
	return data.Date{Year: int32(u / 12), Month: int8(u%12 + 1), Precision: data.PrecisionMonth}
}

// WindowMatrices computes stance matrices over moving windows: for
// window length L and step S, periods [t, t+L−1], [t+S, t+S+L−1], …
// from the first statement's year (or month) until a window reaches the
// last statement's, so every placeable statement is in at least one
// window (the last may run past the end of the data). Unlike ordinary periods, windows
// overlap, so one statement counts in every window that contains it.
// Rows and themes are those of the whole corpus in every window, as
// with StanceMatrices; opt.Period is ignored. Statements dated more
// coarsely than the unit (a "2013" statement under month windows) are
// listed once in Unplaced.
func WindowMatrices(c *data.Corpus, opt MatrixOptions, w Window) (*MatrixSet, error) {
	if w.Length < 1 || w.Step < 1 || (w.Unit != "y" && w.Unit != "m") {
		return nil, &OptionError{Option: "window", Value: w.String(), Msg: "length and step must be at least 1, in years (y) or months (m)"}
	}
	whole, err := StanceMatrices(c, MatrixOptions{GroupBy: opt.GroupBy, Bootstrap: -1, Seed: opt.Seed, Level: opt.Level})
	if err != nil {
		return nil, err
	}
	// Sorting by date makes every window a contiguous run of statements,
	// so each window's corpus is a slice of one sorted copy.
	var sorted []data.Statement
	var unplaced []Unplaced
	for i := range c.Statements {
		s := &c.Statements[i]
		if _, ok := w.unitOf(s.Date); !ok {
			reason := fmt.Sprintf("dated %s (%s precision): too coarse for %s", s.Date, s.Date.Precision, w)
			if s.Date.IsZero() {
				reason = "undated: cannot be placed in a window"
			}
			unplaced = append(unplaced, Unplaced{Statement: s.ID, Pos: s.Pos, Reason: reason})
			continue
		}
		sorted = append(sorted, *s)
	}
	slices.SortStableFunc(sorted, func(a, b data.Statement) int {
		ua, _ := w.unitOf(a.Date)
		ub, _ := w.unitOf(b.Date)
		return cmp.Compare(ua, ub)
	})
	set := &MatrixSet{GroupBy: whole.GroupBy, Rows: whole.Rows, Themes: whole.Themes, Unplaced: unplaced}
	if len(sorted) == 0 {
		set.Options = whole.Options
		return set, nil
	}
	first, _ := w.unitOf(sorted[0].Date)
	last, _ := w.unitOf(sorted[len(sorted)-1].Date)
	n := 1
	if span := last - (first + w.Length - 1); span > 0 {
		n += (span + w.Step - 1) / w.Step
	}
	if n > maxPeriods {
		return nil, tooManyPeriods("window", w.String(), n, "moving windows", w.dateOf(first).String(), w.dateOf(last).String())
	}
	for start := first; ; start += w.Step {
		end := start + w.Length - 1
		lo, _ := slices.BinarySearchFunc(sorted, start, func(s data.Statement, u int) int { v, _ := w.unitOf(s.Date); return cmp.Compare(v, u) })
		hi, _ := slices.BinarySearchFunc(sorted, end+1, func(s data.Statement, u int) int { v, _ := w.unitOf(s.Date); return cmp.Compare(v, u) })
		from, to := w.dateOf(start), w.dateOf(end)
		per := Period{Label: rangeLabel(from, to), From: from, To: to}
		o := opt
		o.Period = PeriodSpec{Kind: PeriodRanges, Ranges: []Period{per}}
		m := Matrix{Period: per, Rows: set.Rows, Themes: set.Themes, Cells: emptyCells(len(set.Rows), len(set.Themes))}
		if lo < hi {
			sub := &data.Corpus{Statements: sorted[lo:hi], Actors: c.Actors, Codebook: c.Codebook}
			part, err := StanceMatrices(sub, o)
			if err != nil {
				return nil, err
			}
			set.Options = part.Options
			realign(m, part.Matrices[0])
		}
		set.Matrices = append(set.Matrices, m)
		if end >= last {
			break
		}
	}
	if set.Options.Bootstrap == 0 {
		set.Options, _ = opt.withDefaults()
	}
	set.Options.Period = PeriodSpec{Kind: PeriodRanges}
	for _, m := range set.Matrices {
		set.Options.Period.Ranges = append(set.Options.Period.Ranges, m.Period)
	}
	return set, nil
}

func emptyCells(nr, nt int) [][]Cell {
	nan := math.NaN()
	cells := make([][]Cell, nr)
	for i := range cells {
		cells[i] = make([]Cell, nt)
		for j := range cells[i] {
			cells[i][j] = Cell{Mean: nan, SD: nan, CILow: nan, CIHigh: nan, Salience: nan}
		}
	}
	return cells
}

// realign copies the cells of part into m by row and theme name.
func realign(m Matrix, part Matrix) {
	rowAt := make(map[string]int, len(m.Rows))
	for i, r := range m.Rows {
		rowAt[r] = i
	}
	for i, row := range part.Rows {
		r, ok := rowAt[row]
		if !ok {
			continue
		}
		for j, th := range part.Themes {
			if t := slices.Index(m.Themes, th); t >= 0 {
				m.Cells[r][t] = part.Cells[i][j]
			}
		}
	}
}
