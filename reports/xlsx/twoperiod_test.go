package xlsx

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/internal/testutil/samplecorpus"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/analysis"
)

// TestTwoPeriodsSheet: the sheet "Two periods" holds one row per row and
// theme of the comparison, with the numbers of analysis.ComparePeriods:
// on the unga sample from 2005–2009 to 2020–2024, Estonia moved on
// international law from +0.25 (4 statements) to −1.33 (3).
func TestTwoPeriodsSheet(t *testing.T) {
	c, rr, s := samplecorpus.LoadRead(t, "unga")
	spec, err := analysis.ParsePeriodSpec(s.Periods)
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Period: spec, Bootstrap: -1},
		Compare: analysis.PeriodChangeOptions{From: "2005-2009", To: "2020-2024"}})
	if err != nil {
		t.Fatal(err)
	}
	f := openReport(t, writeReport(t, a, c, rr, Options{}))
	rows, err := f.GetRows(sheetTwoPeriods, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 3 || rows[0][0] != "Two periods side by side: 2005–2009 and 2020–2024, as chosen with --compare-periods" {
		t.Fatalf("sheet starts %q", rows[:min(2, len(rows))])
	}
	want := []string{"actor", "name", "theme", "2005–2009 mean", "2005–2009 n", "2020–2024 mean", "2020–2024 n", "change", "95% low", "95% high", "verdict", "too few statements"}
	for k, h := range want {
		if rows[1][k] != h {
			t.Errorf("header %d: %q, want %q", k, rows[1][k], h)
		}
	}
	pc := a.PeriodChange
	if got := len(rows) - 2; got < len(pc.Cells) {
		t.Fatalf("%d rows below the header, want %d cells", got, len(pc.Cells))
	}
	num := func(s string) float64 {
		if s == "" {
			return -99
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%q is no number", s)
		}
		return v
	}
	found := false
	for k, cell := range pc.Cells {
		r := rows[k+2]
		for len(r) < 12 {
			r = append(r, "")
		}
		if r[0] != cell.Row || r[2] != cell.Theme || r[10] != cell.Verdict || num(r[4]) != float64(cell.A.N) || num(r[6]) != float64(cell.B.N) ||
			(cell.Thin != (r[11] != "")) {
			t.Errorf("row %d: %q, want %+v", k+3, r, cell)
			continue
		}
		if cell.Row == "EST" && cell.Theme == "international_law" {
			found = true
			for col, v := range map[int]float64{3: cell.A.Mean, 5: cell.B.Mean, 7: cell.Change, 8: cell.Low, 9: cell.High} {
				if num(r[col]) != v {
					t.Errorf("Estonia column %d: %s, want %v", col+1, r[col], v)
				}
			}
			if cell.Verdict != "moved" || r[1] != "Estonia" {
				t.Errorf("Estonia: %q", r)
			}
		}
	}
	if !found {
		t.Error("no row for Estonia on international law")
	}
}

// TestBlocsSheetMarksThinRows: the Blocs sheet keeps the rows below
// --min-actor-statements and says, in its last column, that they are in
// no finding; the other clustered rows say nothing there.
func TestBlocsSheetMarksThinRows(t *testing.T) {
	a, c, rr := sampleAnalysis(t)
	thin := map[string]int{}
	for _, th := range a.Evidence.Thin {
		thin[th.Row] = th.Statements
	}
	if len(thin) == 0 {
		t.Fatal("the sample has no thin row to mark")
	}
	f := openReport(t, writeReport(t, a, c, rr, Options{}))
	rows, err := f.GetRows(sheetBlocs)
	if err != nil {
		t.Fatal(err)
	}
	last := len(rows[1]) - 1
	if rows[1][last] != "left out because" {
		t.Fatalf("header %q", rows[1])
	}
	clustered := map[string]bool{}
	for _, r := range a.Blocs.Dendrogram.Rows {
		clustered[r] = true
	}
	seen := 0
	for _, r := range rows[2:] {
		if len(r) == 0 || !clustered[r[0]] {
			continue
		}
		seen++
		note := ""
		if len(r) > last {
			note = r[last]
		}
		want := ""
		if n, ok := thin[r[0]]; ok {
			want = "left out of the findings: " + strconv.Itoa(n) + " statement"
		}
		if (want == "") != (note == "") || !strings.HasPrefix(note, want) {
			t.Errorf("%s: %q, want %q…", r[0], note, want)
		}
	}
	if seen != len(clustered) {
		t.Errorf("%d clustered rows on the sheet, want %d", seen, len(clustered))
	}
}
