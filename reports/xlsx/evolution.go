package xlsx

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/analysis"
)

// Evolution charts: at most this many themes, each with at most this many
// rows (the most active on the theme among those heard in two periods).
const (
	maxChartThemes = 4
	maxChartRows   = 6
	sideCol        = 12 // column L: the side area with the chart data
)

func (w *writer) writeEvolution() error {
	set := w.a.Periods
	s, err := w.stream(sheetEvolution)
	if err != nil {
		return err
	}
	idw, namew := w.rowWidths(set.Rows)
	widths := []float64{idw, namew, fit(8, 30, set.Themes...), 12, 11, 11, 9, 7, 9, 9, 3, 14}
	for range maxChartRows + 1 {
		widths = append(widths, 14)
	}
	if err := s.widths(widths...); err != nil {
		return err
	}
	if err := s.freeze(1, 2); err != nil {
		return err
	}
	charts := w.evolutionSide(s, set)
	level := set.Options.Level * 100
	header := []string{w.rowLabel(), "name", "theme", "period", "from", "to", "stance", "n",
		fmt.Sprintf("%g%% low", level), fmt.Sprintf("%g%% high", level)}
	if err := s.add(w.headerRow(header...)...); err != nil {
		return err
	}
	for i, r := range set.Rows {
		for j, th := range set.Themes {
			for _, m := range set.Matrices {
				c := m.Cells[i][j]
				if c.N == 0 {
					continue
				}
				row := []any{r, w.name(r), th, m.Period.Label, styled(w.st.date, m.Period.From.String()),
					styled(w.st.date, m.Period.To.String()), styled(w.st.signed, c.Mean), c.N,
					styled(w.st.signed, c.CILow), styled(w.st.signed, c.CIHigh)}
				if err := s.add(row...); err != nil {
					return err
				}
			}
		}
	}
	last := s.lastRow()
	if last >= 2 {
		if err := s.sw.AddTable(&excelize.Table{Range: "A1:" + cellName(len(header), min(last, maxRows)),
			Name: tableName("tblEvolution", w.tables), StyleName: "TableStyleLight1"}); err != nil {
			return err
		}
	}
	for _, c := range charts {
		if err := s.chart(c.cell, c.chart); err != nil {
			return err
		}
	}
	return s.close()
}

// evolutionSide places, beside the long table, the convergence trend, the
// biggest movers, and one chart per main theme with its data.
func (w *writer) evolutionSide(s *sheetWriter, set *analysis.MatrixSet) []pendingChart {
	var charts []pendingChart
	r := 1
	put := func(vals ...any) {
		for k, v := range vals {
			if v != nil {
				s.set(r, sideCol+k, v)
			}
		}
		r++
	}
	put(styled(w.st.title, "Change over time"))
	if len(set.Matrices) < 2 {
		put(styled(w.st.note, fmt.Sprintf("One period only (%q): run with --period year (or ranges such as 2008-2012,2013-2016) to see stances change over time.",
			periodLabel(set))))
		return nil
	}
	cv := w.a.Convergence
	r++
	put(styled(w.st.key, "Mean distance between rows per period: "+cv.Trend))
	put(w.headerRow("period", "mean distance", "pairs")...)
	for _, p := range cv.Points {
		put(p.Period, styled(w.st.dec2, p.MeanDistance), p.Pairs)
	}
	if len(w.a.Movers) > 0 {
		r++
		put(styled(w.st.key, "Biggest movers: drift from their first to their last period (0 to 4)"))
		put(w.headerRow(w.rowLabel(), "name", "first", "last", "net drift", "path", "most moved on", "by")...)
		for _, mv := range w.a.Movers[:min(10, len(w.a.Movers))] {
			var by any // blank when no theme changed
			if mv.Largest.Theme != "" {
				by = styled(w.st.signed, mv.Largest.Delta)
			}
			put(mv.Row, w.name(mv.Row), mv.First, mv.Last, styled(w.st.dec2, mv.Net), styled(w.st.dec2, mv.Path), mv.Largest.Theme, by)
		}
	}
	themes := w.chartThemes(set)
	if len(themes) == 0 {
		r++
		put(styled(w.st.note, "No chart: no row spoke on a theme in two different periods."))
	}
	for _, t := range themes {
		r++
		top := r
		rows := w.chartRows(set, t)
		put(styled(w.st.key, w.themeLabel(set.Themes[t])+": mean stance per period"))
		head := []any{styled(w.st.header, "period")}
		for _, i := range rows {
			head = append(head, styled(w.st.header, w.name(set.Rows[i])))
		}
		put(head...)
		first := r
		for _, m := range set.Matrices {
			vals := []any{m.Period.Label}
			for _, i := range rows {
				vals = append(vals, styled(w.st.signed, m.Cells[i][t].Mean))
			}
			put(vals...)
		}
		lastRow := r - 1
		var series []excelize.ChartSeries
		for k := range rows {
			col := sideCol + 1 + k
			colour := lineColours[k%len(lineColours)]
			fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
			series = append(series, excelize.ChartSeries{
				Name:       absRange(sheetEvolution, col, first-1, col, first-1),
				Categories: absRange(sheetEvolution, sideCol, first, sideCol, lastRow),
				Values:     absRange(sheetEvolution, col, first, col, lastRow),
				Fill:       fill,
				Line:       excelize.LineOptions{Type: excelize.LineSolid, Width: 1.75},
				Marker:     excelize.ChartMarker{Symbol: "circle", Size: 6, Fill: fill},
			})
		}
		lo, hi := -2.0, 2.0
		charts = append(charts, pendingChart{sheet: sheetEvolution, cell: cellName(sideCol+maxChartRows+2, top), chart: &excelize.Chart{
			Type:         excelize.Line,
			Series:       series,
			Format:       excelize.GraphicOptions{AltText: "Mean stance per period on " + set.Themes[t], OffsetX: 5},
			Dimension:    excelize.ChartDimension{Width: 600, Height: 340},
			Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: w.themeLabel(set.Themes[t]), Font: &excelize.Font{Bold: true, Size: 11}}}},
			Legend:       excelize.ChartLegend{Position: "bottom"},
			ShowBlanksAs: "span",
			XAxis:        excelize.ChartAxis{TickLabelPosition: excelize.ChartTickLabelLow, Font: axisFont},
			YAxis: excelize.ChartAxis{MajorGridLines: true, Minimum: &lo, Maximum: &hi, MajorUnit: 1, Font: axisFont,
				NumFmt: excelize.ChartNumFmt{CustomNumFmt: "+0;-0;0"},
				Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "mean stance"}}}},
		}})
		r = max(r, top+19)
	}
	return charts
}

func periodLabel(set *analysis.MatrixSet) string {
	if len(set.Matrices) == 1 {
		return set.Matrices[0].Period.Label
	}
	return ""
}

// chartThemes picks the themes with the most statements among those on
// which some row spoke in two periods.
func (w *writer) chartThemes(set *analysis.MatrixSet) []int {
	type cand struct{ t, n int }
	var cs []cand
	for t := range set.Themes {
		if len(w.chartRows(set, t)) == 0 {
			continue
		}
		n := 0
		for _, m := range set.Matrices {
			for i := range set.Rows {
				n += m.Cells[i][t].N
			}
		}
		cs = append(cs, cand{t, n})
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return cmp.Compare(b.n, a.n) })
	var out []int
	for _, c := range cs[:min(len(cs), maxChartThemes)] {
		out = append(out, c.t)
	}
	return out
}

// chartRows picks, for theme t, the rows heard on it in at least two
// periods, the most active first (ties by row order).
func (w *writer) chartRows(set *analysis.MatrixSet, t int) []int {
	type cand struct{ i, n int }
	var cs []cand
	for i := range set.Rows {
		periods, n := 0, 0
		for _, m := range set.Matrices {
			if c := m.Cells[i][t]; c.N > 0 && !isNaN(c.Mean) {
				periods++
				n += c.N
			}
		}
		if periods >= 2 {
			cs = append(cs, cand{i, n})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return cmp.Compare(b.n, a.n) })
	var out []int
	for _, c := range cs[:min(len(cs), maxChartRows)] {
		out = append(out, c.i)
	}
	slices.Sort(out)
	return out
}

func isNaN(v float64) bool { return v != v }

// pendingChart is a chart to add to a sheet before its stream ends.
type pendingChart struct {
	sheet, cell string
	chart       *excelize.Chart
}
