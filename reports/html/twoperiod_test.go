package html

import (
	"slices"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// TestTwoPeriodsSection: the unga sample compared 2005–2009 to 2020–2024
// has one cell that moved, Estonia on international law, from +0.25 (4
// statements) to −1.33 (3); the section's table and the heatmap's data
// hold its numbers as analysis.ComparePeriods gives them, and the
// "cannot tell" cells go to the grey series, never the coloured one.
func TestTwoPeriodsSection(t *testing.T) {
	a, c := ungaTwoPeriods(t)
	cell, ok := a.PeriodChange.Cell("EST", "international_law")
	if !ok || cell.Verdict != analysis.VerdictMoved || cell.A.N != 4 || cell.B.N != 3 {
		t.Fatalf("Estonia's cell: %+v", cell)
	}
	page := string(render(t, a, c, Options{}))
	for _, want := range []string{
		"Two periods side by side: 2005–2009 and 2020–2024",
		"116 actors on 5 themes: 1 moved, 2 stayed (within ±1), 179 cannot tell (177 with fewer than 2 statements on a side).",
		`<tr><td>Estonia</td><td>International law and new instruments</td><td class="num">&#43;0.25</td><td class="num">4</td><td class="num">-1.33</td><td class="num">3</td><td class="num">-1.58</td><td class="num">-3.04 to -0.13</td></tr>`,
		`id="two-theme"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	r, err := build(a, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := r.TwoPeriods.Heat
	if h == nil || r.TwoPeriods.Slope == nil {
		t.Fatal("no heatmap or slope chart")
	}
	ys := h.Option.YAxis[0].Data
	told, grey := h.Option.Series[0].Data.([]any), h.Option.Series[1].Data.([]any)
	if len(told) != a.PeriodChange.Moved+a.PeriodChange.Stayed {
		t.Errorf("%d coloured cells, want the %d moved and stayed", len(told), a.PeriodChange.Moved+a.PeriodChange.Stayed)
	}
	found := false
	for _, it := range told {
		d := it.(map[string]any)["value"].([]any)
		if ys[d[1].(int)] == "Estonia" && d[0].(int) == 4 {
			found = true
			if d[2] != num(cell.Change) || d[3] != num(cell.A.Mean) || d[4] != 4 || d[5] != num(cell.B.Mean) || d[6] != 3 ||
				d[7] != num(cell.Low) || d[8] != num(cell.High) || d[9] != 2 {
				t.Errorf("Estonia's heatmap cell %v, want %+v", d, cell)
			}
		}
	}
	if !found {
		t.Error("Estonia's cell is not among the coloured ones")
	}
	for _, it := range grey {
		if d := it.([]any); d[9] != 0 {
			t.Errorf("grey cell %v has a verdict", d)
		}
	}
	if h.Option.VisualMap[0].SeriesIndex == nil || *h.Option.VisualMap[0].SeriesIndex != 0 {
		t.Error("the colour scale must map only the told cells")
	}
}

// TestTwoPeriodsMessage: the seeds sample's yearly periods have no row
// speaking on a theme in both its first and last year: no charts, and the
// page says so.
func TestTwoPeriodsMessage(t *testing.T) {
	a, c := sample()
	page := string(render(t, a, c, Options{}))
	if a.PeriodChange == nil || !strings.Contains(page, "No actor spoke on the same theme in both 2008 and 2016.") || strings.Contains(page, `id="chart-twoheat"`) {
		t.Errorf("the seeds sample: %+v; the page should say why there is no comparison", a.PeriodChange)
	}
}

// TestDendrogramMarksThinRows: on the unga sample the dendrogram's leaves
// of actors below --min-actor-statements carry †, every other leaf does
// not, and the page says what † means.
func TestDendrogramMarksThinRows(t *testing.T) {
	a, c := unga(t)
	r, err := build(a, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	thin := map[string]bool{}
	for _, th := range a.Evidence.Thin {
		thin[th.Row] = true
	}
	names := r.Dendro.Option.YAxis[1].Data
	leaves := a.Blocs.Dendrogram.OrderedLeaves()
	marked := 0
	if len(names) != len(leaves) {
		t.Fatalf("%d names for %d leaves", len(names), len(leaves))
	}
	for p, leaf := range leaves {
		row := a.Blocs.Dendrogram.Rows[leaf]
		if strings.HasSuffix(names[p], " †") != thin[row] {
			t.Errorf("leaf %s (%q): marked %v, thin %v", row, names[p], strings.HasSuffix(names[p], " †"), thin[row])
		}
		if thin[row] {
			marked++
		}
	}
	if marked == 0 || !strings.Contains(r.BlocThin, "with fewer than 5 statements") {
		t.Errorf("%d leaves marked; note %q", marked, r.BlocThin)
	}
}

// TestEvolutionLinesBreakAtSilence: on the unga sample's evolution chart
// every point carries its n, a period where the row said nothing on the
// theme is a gap in its line (null, and the line does not join across
// nulls), and at least one drawn line has such a gap between two points.
func TestEvolutionLinesBreakAtSilence(t *testing.T) {
	a, c := unga(t)
	r, err := build(a, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Evolution == nil {
		t.Fatal("no evolution chart")
	}
	set := a.Periods
	gaps := 0
	for v, o := range r.Evolution.Variants {
		th := a.Overall.Themes[v]
		ti := slices.Index(set.Themes, th)
		for _, s := range o.Series {
			if s.Type != "line" || s.ID != "" { // the bands have ids
				continue
			}
			if s.ConnectNulls {
				t.Errorf("%s on %s: the line joins across silences", s.Name, th)
			}
			pts := s.Data.([]any)
			ri := -1
			for i, row := range set.Rows {
				if act, ok := c.Actors.Get(row); ok && (act.Name == s.Name || act.Name+" ["+row+"]" == s.Name) {
					ri = i
				}
			}
			if ri < 0 {
				t.Fatalf("no row for line %q", s.Name)
			}
			first, last := -1, -1
			for p, pt := range pts {
				cell := set.Matrices[p].Cells[ri][ti]
				if pt == nil {
					if cell.N > 0 {
						t.Errorf("%s on %s, %s: no point for %d statements", s.Name, th, set.Matrices[p].Period.Label, cell.N)
					}
					continue
				}
				if m := pt.(map[string]any); m["n"] != cell.N {
					t.Errorf("%s on %s, %s: n %v, want %d", s.Name, th, set.Matrices[p].Period.Label, m["n"], cell.N)
				}
				if first < 0 {
					first = p
				}
				last = p
			}
			for p := first + 1; p < last; p++ {
				if pts[p] == nil {
					gaps++
					break
				}
			}
		}
	}
	if gaps == 0 {
		t.Error("no line with a silence between two points: the test shows nothing")
	}
	t.Logf("%d lines broken by a silence", gaps)
}

// ungaTwoPeriods is the UN sample by its five-year periods, 2005–2009
// compared with 2020–2024.
func ungaTwoPeriods(t *testing.T) (*analysis.Analysis, *data.Corpus) {
	t.Helper()
	_, c := unga(t)
	spec, err := analysis.ParsePeriodSpec("2000-2004,2005-2009,2010-2014,2015-2019,2020-2024")
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Period: spec},
		Compare: analysis.PeriodChangeOptions{From: "2005-2009", To: "2020-2024"}})
	if err != nil {
		t.Fatal(err)
	}
	return a, c
}
