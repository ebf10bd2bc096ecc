package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/analysis"
)

func (w *writer) writeMap() error {
	s, err := w.stream(sheetMap)
	if err != nil {
		return err
	}
	mp := w.a.Map
	idw, namew := w.rowWidths(mp.Rows)
	if err := s.widths(idw, namew, 6, 11, 11, 3, fit(12, 30, append(mp.Themes, "share of differences")...), 12, 12); err != nil {
		return err
	}
	if len(mp.Rows) == 0 {
		msg := "No position map: " + w.a.MapError
		if w.a.MapError == "" {
			msg = "No position map was drawn."
		}
		if err := s.add(styled(w.st.title, msg)); err != nil {
			return err
		}
		return s.close()
	}
	if err := s.freeze(1, 3); err != nil {
		return err
	}
	axis := [2]string{"PC1", "PC2"}
	method := "PCA"
	if mp.Method == analysis.MapMDS {
		axis = [2]string{"dimension 1", "dimension 2"}
		method = "MDS"
	}
	share := func(k int) string {
		if k < len(mp.Explained) {
			return fmt.Sprintf(" (%.0f%%)", 100*mp.Explained[k])
		}
		return ""
	}
	title := fmt.Sprintf("Position map (%s): %ss that take similar stances sit close together.", method, w.rowLabel())
	if len(mp.Explained) >= 2 {
		title += fmt.Sprintf(" The two axes show %.0f%% of the differences.", 100*(mp.Explained[0]+mp.Explained[1]))
	}
	if err := s.add(styled(w.st.title, title)); err != nil {
		return err
	}
	head := w.headerRow(w.rowLabel(), "name", "bloc", axis[0]+share(0), axis[1]+share(1))
	if mp.Method != analysis.MapMDS {
		s.set(2, 7, styled(w.st.header, "theme"))
		s.set(2, 8, styled(w.st.header, "PC1 loading"))
		s.set(2, 9, styled(w.st.header, "PC2 loading"))
		for k, th := range mp.Themes {
			s.set(3+k, 7, th)
			if k < len(mp.Loadings) {
				s.set(3+k, 8, styled(w.st.dec3, mp.Loadings[k][0]))
				s.set(3+k, 9, styled(w.st.dec3, mp.Loadings[k][1]))
			}
		}
		r := 3 + len(mp.Themes) + 1
		s.set(r, 7, styled(w.st.key, "share of differences"))
		for k := range 2 {
			if k < len(mp.Explained) {
				s.set(r, 8+k, styled(w.st.pct, mp.Explained[k]))
			}
		}
	}
	if err := s.add(head...); err != nil {
		return err
	}
	for i, r := range mp.Rows {
		row := []any{r, w.name(r), w.bloc(r), nil, nil}
		if i < len(mp.Coords) {
			row[3], row[4] = styled(w.st.dec3, mp.Coords[i][0]), styled(w.st.dec3, mp.Coords[i][1])
		}
		if err := s.add(row...); err != nil {
			return err
		}
	}
	lastData := s.lastRow()
	s.blank(1)
	notes := []string{"Read the map with the loadings: a theme with a large PC1 loading is what separates actors left from right; the sign says which pole lies to the right (positive: supporting)."}
	if mp.Method == analysis.MapMDS {
		notes = []string{"MDS places rows so that their distances on the map match the Distances sheet as well as two dimensions allow; the axes themselves have no meaning."}
	}
	notes = append(notes, mp.Notes...)
	if len(mp.Dropped) > 0 {
		notes = append(notes, "Not on the map: "+strings.Join(mp.Dropped, ", ")+".")
	}
	for _, line := range notes {
		if err := s.paragraph(w.st.para, line, 9, 120); err != nil {
			return err
		}
	}
	if err := w.mapChart(mp, axis, share, lastData); err != nil {
		return err
	}
	return s.close()
}

// mapChart draws the map as a scatter chart: one series per row, so
// that each point carries its row's name as a label and its bloc's
// colour. Markers are filled explicitly: LibreOffice draws scatter
// markers without a fill as nothing.
func (w *writer) mapChart(mp analysis.PositionMap, axis [2]string, share func(int) string, lastData int) error {
	n := min(len(mp.Rows), maxMapPoints, lastData-2)
	if n <= 0 {
		return nil
	}
	if len(mp.Rows) > n {
		w.note(fmt.Sprintf("Map: the chart shows the first %d of the %d rows (each is a labelled series); the table lists them all.", n, len(mp.Rows)))
	}
	series := make([]excelize.ChartSeries, n)
	for i := range n {
		r := 3 + i
		colour := blocColour(w.blocOf[mp.Rows[i]])
		series[i] = excelize.ChartSeries{
			Name:       absRange(sheetMap, 2, r, 2, r),
			Categories: absRange(sheetMap, 4, r, 4, r),
			Values:     absRange(sheetMap, 5, r, 5, r),
			Line:       excelize.LineOptions{Type: excelize.LineNone},
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 8,
				Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}},
				Border: excelize.LineOptions{Type: excelize.LineSolid, Width: 0.75, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#FFFFFF"}}}},
		}
	}
	lim := axisLimit(mp.Coords)
	lo := -lim
	return w.f.AddChart(sheetMap, "K2", &excelize.Chart{
		Type:      excelize.Scatter,
		Series:    series,
		Format:    excelize.GraphicOptions{AltText: "Position map of the rows", OffsetX: 5, OffsetY: 5},
		Dimension: excelize.ChartDimension{Width: 640, Height: 500},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Position map", Font: &excelize.Font{Bold: true, Size: 12}}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		PlotArea:  excelize.ChartPlotArea{ShowSerName: true},
		XAxis: excelize.ChartAxis{MajorGridLines: true, Minimum: &lo, Maximum: &lim, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.0"},
			TickLabelPosition: excelize.ChartTickLabelLow, Font: axisFont,
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: axis[0] + share(0)}}}},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Minimum: &lo, Maximum: &lim, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.0"},
			TickLabelPosition: excelize.ChartTickLabelLow, Font: axisFont,
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: axis[1] + share(1)}}}},
	})
}

// axisFont is the charts' tick labels: dark enough to read in print.
var axisFont = excelize.Font{Color: "#404040", Size: 9}

// axisLimit is a round bound covering every coordinate, the same on both
// axes so that distances on the map are not stretched.
func axisLimit(coords [][]float64) float64 {
	m := 0.0
	for _, c := range coords {
		for _, v := range c {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				m = max(m, math.Abs(v))
			}
		}
	}
	if m == 0 {
		return 1
	}
	return math.Ceil(m*1.15*2) / 2
}
