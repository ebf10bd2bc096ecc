package xlsx

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/synth"
)

// TestReportSummarisesDistancesOfManyActors: past maxDistanceRows
// actors the Distances sheet sets out the most active (counted here from
// the statements), in the order of the blocs, and says at its top, and
// in Data quality, what it summarised.
func TestReportSummarisesDistancesOfManyActors(t *testing.T) {
	c, rr := synthCorpus(t, 6000, 300)
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Bootstrap: 50},
		Skip: []analysis.Measure{analysis.MeasureNetwork, analysis.MeasureFindings, analysis.MeasureEvolution, analysis.MeasurePolarisation}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Distances.Rows) <= maxDistanceRows {
		t.Fatalf("%d rows: the test needs more than %d", len(a.Distances.Rows), maxDistanceRows)
	}
	f, err := excelize.OpenReader(bytes.NewReader(writeReport(t, a, c, rr, Options{})))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(sheetDistances)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("Summarised: this sheet shows the 250 most active of the %d actors (by statements)", len(a.Distances.Rows))
	if !strings.Contains(rows[0][0], want) {
		t.Errorf("Distances A1 = %q, want it to say %q", rows[0][0], want)
	}
	count := map[string]int{}
	for _, s := range c.Statements {
		count[s.Actor]++
	}
	ids := slices.Collect(func(yield func(string) bool) {
		for id := range count {
			if !yield(id) {
				return
			}
		}
	})
	slices.SortFunc(ids, func(x, y string) int { return cmp.Or(count[y]-count[x], strings.Compare(x, y)) })
	top := slices.Sorted(slices.Values(ids[:maxDistanceRows]))
	head := rows[1][3:]
	if got := slices.Sorted(slices.Values(head)); !slices.Equal(got, top) {
		t.Errorf("the sheet's %d columns are not the %d most active actors", len(head), maxDistanceRows)
	}
	// Rows and columns in the same order; one row per column.
	var side []string
	for _, r := range rows[2 : 2+maxDistanceRows] {
		side = append(side, r[0])
	}
	if !slices.Equal(side, head) {
		t.Error("the rows are not in the columns' order")
	}
	dq, _ := f.GetRows(sheetQuality)
	found := false
	for _, r := range dq {
		found = found || strings.Contains(strings.Join(r, " "), "Sheet Distances: "+want)
	}
	if !found {
		t.Error("Data quality does not say that the Distances sheet is summarised")
	}
}

// TestReportOf10000ActorsStaysInExcelsLimits writes the workbook of
// 10,000 actors on 12 themes (50,000 statements, four yearly periods) and
// checks every sheet against Excel's limits (rows, columns, links a
// sheet) and that the sheets that summarise say so at their top. The
// analysis is the real matrices with a stand-in for the distances: the
// 10,000 × 10,000 matrix alone would take 1.6 GB, and the sheet's cut
// does not read the distances (every row here aliases one row of
// numbers); the map is every actor at the origin, for the same reason.
func TestReportOf10000ActorsStaysInExcelsLimits(t *testing.T) {
	const actors, themes = 10_000, 12
	s, err := synth.New(synth.Options{Statements: 50_000, Actors: actors, Themes: themes, Years: 4})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tbl, err := data.ParseTable(&buf, "synth.csv", data.TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rr := data.ReadStatementsTable(tbl, data.ReadOptions{Registry: s.Registry, Codebook: s.Codebook})
	c := &data.Corpus{Statements: rr.Statements, Actors: s.Registry, Codebook: s.Codebook}
	overall, err := analysis.StanceMatrices(c, analysis.MatrixOptions{Bootstrap: -1})
	if err != nil {
		t.Fatal(err)
	}
	periods, err := analysis.StanceMatrices(c, analysis.MatrixOptions{Bootstrap: -1, Period: analysis.PeriodSpec{Kind: analysis.PeriodYear}})
	if err != nil {
		t.Fatal(err)
	}
	m := overall.Matrices[0]
	n := len(m.Rows)
	// synth's activity is skewed: some of the 10,000 actors say nothing.
	if n < 8000 || len(m.Themes) != themes {
		t.Fatalf("%d rows × %d themes: the test wants most of the 10,000 actors × %d", n, len(m.Themes), themes)
	}
	same := make([]float64, n)
	d := analysis.Distances{Rows: m.Rows, Metric: analysis.MetricEuclidean, MinOverlap: 2, D: make([][]float64, n)}
	mp := analysis.PositionMap{Rows: m.Rows, Themes: m.Themes, Coords: make([][]float64, n)}
	for i := range n {
		d.D[i] = same
		mp.Coords[i] = []float64{0, 0}
	}
	a := &analysis.Analysis{Overall: overall, Periods: periods, Distances: d, Map: mp,
		Summary: analysis.Summary{Statements: len(c.Statements), Actors: n, Themes: themes, Rows: n}}
	book := writeReport(t, a, c, rr, Options{})
	t.Logf("%d actors (%d with statements) × %d themes, %d statements: workbook of %.1f MB", actors, n, themes, len(c.Statements), float64(len(book))/1e6)

	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	links := map[string]int{}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		links[zf.Name] = bytes.Count(b, []byte("<hyperlink "))
		// Streamed sheets carry no <dimension>: the last cell of each row
		// is read from the XML itself.
		for rest := b; ; {
			k := bytes.Index(rest, []byte(`<c r="`))
			if k < 0 {
				break
			}
			rest = rest[k+6:]
			ref := rest[:bytes.IndexByte(rest, '"')]
			col, row, err := excelize.CellNameToCoordinates(string(ref))
			if err != nil {
				t.Fatalf("%s: cell %q: %v", zf.Name, ref, err)
			}
			if col > maxCols || row > maxRows {
				t.Errorf("%s has cell %s, past Excel's %d columns × %d rows", zf.Name, ref, maxCols, maxRows)
			}
		}
	}
	for name, k := range links {
		if k > 65_530 {
			t.Errorf("%s has %d links, more than Excel's 65,530", name, k)
		}
	}
	for _, sh := range f.GetSheetList() {
		dim, err := f.GetSheetDimension(sh)
		if err != nil {
			t.Fatal(err)
		}
		last := dim[strings.LastIndex(dim, ":")+1:]
		col, row, err := excelize.CellNameToCoordinates(last)
		if err != nil {
			t.Fatalf("%s: dimension %q: %v", sh, dim, err)
		}
		if col > maxCols || row > maxRows {
			t.Errorf("sheet %s reaches %s, past Excel's %d columns × %d rows", sh, last, maxCols, maxRows)
		}
	}
	for sheet, want := range map[string]string{
		sheetDistances: fmt.Sprintf("Summarised: this sheet shows the 250 most active of the %d actors", n),
		sheetMap:       fmt.Sprintf("Summarised: the chart shows the first 250 of the %d actors", n),
	} {
		a1, err := f.GetCellValue(sheet, "A1")
		if err != nil || !strings.Contains(a1, want) {
			t.Errorf("%s A1 = %q, want it to say %q", sheet, a1, want)
		}
	}
	// Every actor has its row on the Stance sheet (rows counted, not
	// read: formatting 100,000 cells back through excelize was most of
	// this test's time under -race).
	it, err := f.Rows(sheetStance)
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for it.Next() {
		rows++
	}
	it.Close()
	if rows < n+2 {
		t.Errorf("Stance has %d rows, want every one of the %d actors", rows, n)
	}
}
