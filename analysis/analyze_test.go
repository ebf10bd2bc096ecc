package analysis

import (
	"fmt"
	"reflect"
	"testing"
)

func TestBlocsOverTimeAndFlows(t *testing.T) {
	c := func(v float64) Cell { return Cell{N: 1, Weight: 1, Mean: v} }
	period := func(label string, pos [4][2]float64) Matrix {
		m := Matrix{Period: Period{Label: label}, Rows: []string{"A", "B", "C", "D"}, Themes: []string{"x", "y"}}
		for _, p := range pos {
			m.Cells = append(m.Cells, []Cell{c(p[0]), c(p[1])})
		}
		return m
	}
	// 2015: A, B on the + side, C, D on the − side. 2016: B crosses over.
	set := &MatrixSet{Rows: []string{"A", "B", "C", "D"}, Matrices: []Matrix{
		period("2015", [4][2]float64{{2, 2}, {2, 1.5}, {-2, -2}, {-2, -1.5}}),
		period("2016", [4][2]float64{{2, 2}, {-2, -2}, {-2, -1.5}, {-1.5, -2}}),
	}}
	overall := &Blocs{K: 2, Dendrogram: Dendrogram{Rows: []string{"A", "B", "C", "D"}}, Labels: []int{1, 1, 2, 2}}
	pbs, flows := blocsOverTime(set, overall, DistanceOptions{})
	if got := fmt.Sprint(pbs[0].Labels, pbs[1].Labels); got != "[1 1 2 2] [1 2 2 2]" {
		t.Errorf("period blocs %s, want [1 1 2 2] [1 2 2 2]", got)
	}
	want := "[{2015 2016 1 1 [A]} {2015 2016 1 2 [B]} {2015 2016 2 2 [C D]}]"
	if got := fmt.Sprint(flows); got != want {
		t.Errorf("flows %s, want %s", got, want)
	}
}

func TestAnalyzeSurvivesTinyCorpora(t *testing.T) {
	c := compareCorpus(t)
	c.Statements = c.Statements[:1]
	a, err := Analyze(c, AnalyzeOptions{Matrix: MatrixOptions{Bootstrap: -1}})
	if err != nil {
		t.Fatal(err)
	}
	if a.Blocs != nil || a.BlocsError == "" || a.MapError == "" {
		t.Errorf("one statement: blocs %v (%q), map error %q — both should be explained, not computed", a.Blocs, a.BlocsError, a.MapError)
	}
}

// Skipping measures leaves exactly those out: what is still computed
// equals the full analysis.
func TestAnalyzeSkip(t *testing.T) {
	c := compareCorpus(t)
	opt := AnalyzeOptions{Matrix: MatrixOptions{Bootstrap: -1, Period: PeriodSpec{Kind: PeriodYear}}}
	full, err := Analyze(c, opt)
	if err != nil {
		t.Fatal(err)
	}
	if full.Network.Statements == 0 || len(full.Polarisation.Themes) == 0 || len(full.Findings) == 0 || len(full.Convergence.Points) == 0 {
		t.Fatalf("the full analysis of the corpus lacks a measure: network %d statements, %d polarised themes, %d findings, %d convergence points",
			full.Network.Statements, len(full.Polarisation.Themes), len(full.Findings), len(full.Convergence.Points))
	}
	opt.Skip = []Measure{"network", "polarisation", "evolution", "findings"}
	part, err := Analyze(c, opt)
	if err != nil {
		t.Fatal(err)
	}
	if part.Network.Statements != 0 || part.Communities != nil || len(part.Polarisation.Themes) != 0 || part.ByPeriod != nil ||
		part.Drifts != nil || part.Movers != nil || len(part.Convergence.Points) != 0 || part.Findings != nil || part.Flows != nil {
		t.Error("a skipped measure was computed")
	}
	if !reflect.DeepEqual(part.Skipped, opt.Skip) {
		t.Errorf("skipped %v, want %v", part.Skipped, opt.Skip)
	}
	// fmt, not reflect: the distances of incomparable pairs are NaN.
	for name, pair := range map[string][2]any{"distances": {part.Distances, full.Distances}, "map": {part.Map, full.Map},
		"blocs": {part.Blocs, full.Blocs}, "periods": {part.Periods, full.Periods}} {
		if fmt.Sprintf("%+v", pair[0]) != fmt.Sprintf("%+v", pair[1]) {
			t.Errorf("%s differ from the full analysis's", name)
		}
	}
	if _, err := ParseSkip("network, Polarization,network"); err != nil {
		t.Error(err)
	}
	if s, _ := ParseSkip("network, Polarization,network"); !reflect.DeepEqual(s, []Measure{MeasureNetwork, MeasurePolarisation}) {
		t.Errorf("ParseSkip: %v", s)
	}
	if _, err := ParseSkip("matrices"); err == nil {
		t.Error("matrices cannot be skipped, but ParseSkip took it")
	}
}

func TestSummaryMatchesCorpus(t *testing.T) {
	c := compareCorpus(t)
	a, err := Analyze(c, AnalyzeOptions{Matrix: MatrixOptions{Bootstrap: -1}, Skip: Measures})
	if err != nil {
		t.Fatal(err)
	}
	from, to := c.Span()
	themes := map[string]bool{}
	for _, s := range c.Statements {
		themes[s.Theme] = true
	}
	want := Summary{Statements: len(c.Statements), Actors: len(c.ActorIDs()), Themes: len(themes), From: from, To: to, Rows: len(a.Overall.Matrices[0].Rows)}
	if a.Summary != want || want.Actors < 3 || want.Themes < 2 {
		t.Errorf("summary %+v, want %+v", a.Summary, want)
	}
}
