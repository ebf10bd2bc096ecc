package analysis

import (
	"fmt"
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
