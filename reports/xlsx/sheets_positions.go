package xlsx

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/xuri/excelize/v2"
)

// The sheets of positions: Distances, Blocs and Map.

// distanceOrder lists the indexes of d's rows as the Distances sheet
// shows them: the clustered rows in the dendrogram's leaf order, so that
// blocs sit together, then the rows left out of the clustering.
func (w *writer) distanceOrder() []int {
	d := w.a.Distances
	var out []int
	used := make([]bool, len(d.Rows))
	if b := w.a.Blocs; b != nil {
		for _, leaf := range b.Dendrogram.OrderedLeaves() {
			if i := slices.Index(d.Rows, b.Dendrogram.Rows[leaf]); i >= 0 && !used[i] {
				out = append(out, i)
				used[i] = true
			}
		}
	}
	for i := range d.Rows {
		if !used[i] {
			out = append(out, i)
		}
	}
	return out
}

func (w *writer) bloc(row string) any {
	if b := w.blocOf[row]; b > 0 {
		return b
	}
	return nil
}

// maxDistanceRows is the most rows the Distances sheet sets out: its
// two matrices grow with the square of the rows (2,000 actors made 8
// million cells, an 80 MB workbook; 16,384 would pass Excel's columns).
// Past it the sheet keeps the most active rows and says so at its top.
const maxDistanceRows = 250

// distanceShown cuts the Distances sheet's order to the maxDistanceRows
// rows with the most statements (ties by id), keeping the order, and
// returns the sentence that says so, or "" when all fit.
func (w *writer) distanceShown(order []int) ([]int, string) {
	d := w.a.Distances
	if len(order) <= maxDistanceRows {
		return order, ""
	}
	n := map[string]int{}
	if len(w.a.Overall.Matrices) > 0 {
		m := w.a.Overall.Matrices[0]
		for i, id := range m.Rows {
			for _, c := range m.Cells[i] {
				n[id] += c.N
			}
		}
	}
	byN := slices.Clone(order)
	slices.SortStableFunc(byN, func(a, b int) int {
		if c := n[d.Rows[b]] - n[d.Rows[a]]; c != 0 {
			return c
		}
		return strings.Compare(d.Rows[a], d.Rows[b])
	})
	keep := make([]bool, len(d.Rows))
	for _, i := range byN[:maxDistanceRows] {
		keep[i] = true
	}
	var out []int
	for _, i := range order {
		if keep[i] {
			out = append(out, i)
		}
	}
	return out, fmt.Sprintf("Summarised: this sheet shows the %d most active of the %d %ss (by statements), in bloc order; stancemap analyze --format csv --out DIR writes the distances between all pairs (distances.csv).",
		maxDistanceRows, len(order), w.rowLabel())
}

func (w *writer) writeDistances() error {
	d := w.a.Distances
	order, summary := w.distanceShown(w.distanceOrder())
	n := len(order)
	s, err := w.stream(sheetDistances)
	if err != nil {
		return err
	}
	idw, namew := w.rowWidths(d.Rows)
	widths := []float64{idw, namew, 6}
	for _, i := range order {
		widths = append(widths, fit(6, 20, d.Rows[i]))
	}
	if err := s.widths(widths...); err != nil {
		return err
	}
	if err := s.freeze(4, 3); err != nil {
		return err
	}
	metric := string(d.Metric)
	if metric == "" {
		metric = string(analysis.MetricEuclidean)
	}
	title := fmt.Sprintf("Distance between %ss (%s; compared on at least %d shared themes; blank: not comparable). Rows and columns follow the blocs.",
		w.rowLabel(), metric, d.MinOverlap)
	if summary != "" {
		title += " " + summary
		w.note("Sheet " + sheetDistances + ": " + summary)
	}
	if err := s.add(styled(w.st.title, title)); err != nil {
		return err
	}
	head := w.headerRow(w.rowLabel(), "name", "bloc")
	for _, i := range order {
		head = append(head, styled(w.st.headerC, d.Rows[i]))
	}
	if err := s.add(head...); err != nil {
		return err
	}
	for _, i := range order {
		row := []any{d.Rows[i], w.name(d.Rows[i]), w.bloc(d.Rows[i])}
		for _, j := range order {
			row = append(row, styled(w.st.dec2, d.D[i][j]))
		}
		if err := s.add(row...); err != nil {
			return err
		}
	}
	if n > 0 {
		if ref, ok := rangeRef(4, 3, 3+n, 2+n); ok {
			if err := s.colourScale2(ref, 0, math.NaN(), "#E3803B"); err != nil {
				return err
			}
		}
	}
	s.blank(1)
	if err := s.add(styled(w.st.title, "Themes both rows have spoken on (the diagonal: themes the row has spoken on)")); err != nil {
		return err
	}
	if err := s.add(head...); err != nil {
		return err
	}
	for _, i := range order {
		row := []any{d.Rows[i], w.name(d.Rows[i]), w.bloc(d.Rows[i])}
		for _, j := range order {
			if i < len(d.Shared) && j < len(d.Shared[i]) {
				row = append(row, d.Shared[i][j])
			} else {
				row = append(row, nil)
			}
		}
		if err := s.add(row...); err != nil {
			return err
		}
	}
	s.blank(1)
	for _, line := range []string{
		"0 means the same positions. Euclidean distance is the root mean square difference of mean stances over the shared themes (0 to 4).",
		"A pair is not comparable when the two share fewer themes than the minimum overlap: a distance over one theme would say little.",
	} {
		if err := s.add(styled(w.st.note, line)); err != nil {
			return err
		}
	}
	return s.close()
}

func (w *writer) writeBlocs() error {
	s, err := w.stream(sheetBlocs)
	if err != nil {
		return err
	}
	b := w.a.Blocs
	pbs := w.a.PeriodBlocs
	idw, namew := w.rowWidths(w.a.Distances.Rows)
	widths := []float64{idw, namew, 7, 11}
	for _, pb := range pbs {
		widths = append(widths, fit(8, 20, "bloc "+pb.Period))
	}
	widths = append(widths, 80)
	if err := s.widths(widths...); err != nil {
		return err
	}
	if err := s.freeze(3, 3); err != nil {
		return err
	}
	if b == nil {
		msg := "No blocs: " + w.a.BlocsError
		if w.a.BlocsError == "" {
			msg = "No blocs were computed."
		}
		if err := s.add(styled(w.st.title, msg)); err != nil {
			return err
		}
		return s.close()
	}
	title := fmt.Sprintf("Blocs: average-linkage clustering of the distances, cut into %d blocs (mean silhouette %.2f: near 1 well separated, near 0 overlapping).",
		b.K, b.Silhouette)
	if err := s.add(styled(w.st.title, title)); err != nil {
		return err
	}
	head := []string{w.rowLabel(), "name", "bloc", "silhouette"}
	for _, pb := range pbs {
		head = append(head, "bloc "+pb.Period)
	}
	head = append(head, "left out because")
	if err := s.add(w.headerRow(head...)...); err != nil {
		return err
	}
	kept, _ := w.a.Distances.DropIncomparable()
	_, per := analysis.Silhouette(kept, b.Labels)
	perRow := map[string]float64{}
	for i, r := range kept.Rows {
		if i < len(per) {
			perRow[r] = per[i]
		}
	}
	periodBloc := func(row string) []any {
		out := make([]any, len(pbs))
		for k, pb := range pbs {
			if i := slices.Index(pb.Rows, row); i >= 0 && pb.Labels[i] > 0 {
				out[k] = pb.Labels[i]
			}
		}
		return out
	}
	// Rows with too few statements for the findings stay in the table,
	// marked.
	thin := map[string]int{}
	for _, t := range w.a.Evidence.Thin {
		thin[t.Row] = t.Statements
	}
	for _, leaf := range b.Dendrogram.OrderedLeaves() {
		r := b.Dendrogram.Rows[leaf]
		sil := math.NaN()
		if v, ok := perRow[r]; ok {
			sil = v
		}
		row := append([]any{r, w.name(r), b.Labels[leaf], styled(w.st.dec2, sil)}, periodBloc(r)...)
		if n, ok := thin[r]; ok {
			row = append(row, fmt.Sprintf("left out of the findings: %d %s, fewer than %d (--min-actor-statements)",
				n, data.Plural(n, "statement", "statements"), w.a.Evidence.Options.MinActorStatements))
		}
		if err := s.add(row...); err != nil {
			return err
		}
	}
	for _, dr := range b.Dropped {
		row := append([]any{dr.Row, w.name(dr.Row), nil, nil}, periodBloc(dr.Row)...)
		row = append(row, dr.Reason)
		if err := s.add(row...); err != nil {
			return err
		}
	}
	s.blank(1)
	notes := []string{
		"Rows are in the order of the dendrogram, so each bloc's members sit together. Silhouette: how much closer a row is to its own bloc than to the next one (−1 to 1).",
	}
	if len(pbs) > 0 {
		notes = append(notes, "Bloc per period: each period clustered on its own with the same number of blocs, each period's bloc named after the overall bloc most of its members belong to; blank: not clustered in that period.")
	}
	for _, line := range notes {
		if err := s.add(styled(w.st.note, line)); err != nil {
			return err
		}
	}
	return s.close()
}

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
	if len(mp.Rows) > maxMapPoints {
		title += fmt.Sprintf(" Summarised: the chart shows the first %d of the %d %ss, one labelled series each; this table lists them all.", maxMapPoints, len(mp.Rows), w.rowLabel())
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
	if err := w.mapChart(s, mp, axis, share, lastData); err != nil {
		return err
	}
	return s.close()
}

// mapChart draws the map as a scatter chart: one series per row, so
// that each point carries its row's name as a label and its bloc's
// colour. Markers are filled explicitly: LibreOffice draws scatter
// markers without a fill as nothing.
func (w *writer) mapChart(s *sheetWriter, mp analysis.PositionMap, axis [2]string, share func(int) string, lastData int) error {
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
	return s.chart("K2", &excelize.Chart{
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
