package xlsx

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/analysis"
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
