package analysis

import (
	"math"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// TestFindingsByHand runs the whole chain on a corpus small enough to
// check every number of every finding by hand (see the comments).
func TestFindingsByHand(t *testing.T) {
	reg := data.NewRegistry()
	for _, a := range [][2]string{{"A", "Alpha"}, {"B", "Beta"}, {"C", "Gamma"}, {"D", "Delta"}} {
		reg.Add(data.Actor{ID: a[0], Name: a[1], Kind: data.KindState})
	}
	cb := &data.Codebook{Themes: []data.Theme{{ID: "x"}, {ID: "y"}}}
	st := func(id, actor, theme string, stance int, date string) data.Statement {
		d, _ := data.ParseDate(date)
		return data.Statement{ID: id, Actor: actor, Theme: theme, Stance: stance, Date: d, Weight: 1}
	}
	c := &data.Corpus{Actors: reg, Codebook: cb, Statements: []data.Statement{
		st("s1", "A", "x", 2, "2015"), st("s2", "B", "x", -2, "2015"), st("s3", "C", "x", 1, "2015"),
		st("s4", "D", "x", -1, "2015"), st("s5", "A", "y", 1, "2015"), st("s6", "B", "y", 1, "2015"),
		st("s7", "C", "y", 1, "2015"), st("s8", "B", "x", 0, "2016"), st("s9", "B", "y", 1, "2016"),
	}}
	all, err := StanceMatrices(c, MatrixOptions{Bootstrap: -1})
	if err != nil {
		t.Fatal(err)
	}
	years, _ := StanceMatrices(c, MatrixOptions{Bootstrap: -1, Period: PeriodSpec{Kind: PeriodYear}})
	overall := all.Matrices[0]
	pol := PolarisationOf(overall, 0)
	cv := ConvergenceOf(years, DistanceOptions{})
	dist := ActorDistances(PositionsOf(overall), DistanceOptions{})
	fs := Findings(FindingInputs{Corpus: c, Overall: &overall, Polarisation: &pol, Movers: Movers(years),
		Convergence: &cv, Distances: &dist,
		Blocs: []Bloc{{1, []string{"A", "C"}}, {2, []string{"B", "D"}}}, Silhouette: 0.4})

	// Overall means: x: A +2, B (−2+0)/2 = −1, C +1, D −1; y: A, B, C +1.
	// gap on x: A vs B (first of the two at −1), 3.0 apart, 1+2 statements →
	// 3/4 × 3/(3+2) = 0.45.
	// furthest pair (scaled Euclidean over x, y; D has one theme, below the
	// overlap of 2): A–B √(9/2) = 2.12 → 0.530; closest A–C √(1/2) = 0.71 →
	// (1 − 0.177)/3 = 0.274.
	// consensus on y: SD 0 over 3 actors → 0.5.
	// divide on x: Esteban–Ray of {−1, −1, 1, 2}, α = 1.6, normalised 0.436.
	// blocs: silhouette 0.4. mover: B 2015 → 2016, Δx = +2, Δy = 0, √2 → 0.354.
	// trend: 2016 has one actor, no pair: one point, no trend.
	want := []struct {
		kind, text string
		score      float64
		ids        string
	}{
		{"furthest", "Alpha and Beta are the furthest-apart pair: distance 2.12 over 2 shared themes (euclidean)", math.Sqrt(4.5) / 4, "s1,s2,s5,s6,s8,s9"},
		{"consensus", "The actors broadly agree on y: mean stance +1.0, SD 0.00 across 3 actors", 0.5, "s5,s6,s7,s9"},
		{"gap", "Alpha and Beta are furthest apart on x (+2.0 vs -1.0: a difference of 3.0 on the 4-point range, 3 statements)", 0.45, "s1,s2,s8"},
		{"divide", "x divides the actors most: polarisation 0.44 on a 0–1 scale (Esteban–Ray), SD 1.50 across 4 actors", 0.4362038666349588, "s1,s2,s3,s4,s8"},
		{"blocs", "The actors fall into 2 blocs (mean silhouette 0.40): {Alpha, Gamma} vs {Beta, Delta}", 0.4, "s1,s2,s3,s4,s5,s6,s7,s8,s9"},
		{"mover", "Beta moved between 2015 and 2016: net drift 1.4 over 2 shared themes, most on x (from -2.0 to 0.0)", math.Sqrt(2) / 4, "s2,s8"},
		{"closest", "Alpha and Gamma are the closest pair: distance 0.71 over 2 shared themes (euclidean)", (1 - math.Sqrt(0.5)/4) / 3, "s1,s3,s5,s7"},
	}
	if len(fs) != len(want) {
		for _, f := range fs {
			t.Log(f.Kind, f.Text)
		}
		t.Fatalf("%d findings, want %d", len(fs), len(want))
	}
	for i, w := range want {
		f := fs[i]
		if f.Kind != w.kind || f.Text != w.text || math.Abs(f.Score-w.score) > 1e-9 || strings.Join(f.Statements, ",") != w.ids {
			t.Errorf("finding %d:\n got  %s %q %.6f %v\n want %s %q %.6f %s", i, f.Kind, f.Text, f.Score, f.Statements, w.kind, w.text, w.score, w.ids)
		}
		if f.StatementCount != len(f.Statements) {
			t.Errorf("finding %d: count %d for %d ids", i, f.StatementCount, len(f.Statements))
		}
	}
}

// Signed gives the sign, rounds to the digits asked, never writes a
// negative zero, and spells a missing value "–".
func TestSigned(t *testing.T) {
	for _, tc := range []struct {
		v      float64
		digits int
		want   string
	}{
		{1.5, 2, "+1.50"}, {-0.25, 1, "-0.2"}, {0.26, 1, "+0.3"}, {0, 2, "0.00"}, {math.Copysign(0, -1), 1, "0.0"},
		{-0.004, 2, "0.00"}, {0.004, 2, "0.00"}, {-2, 0, "-2"}, {math.NaN(), 2, "–"}, {math.Inf(-1), 1, "–"},
	} {
		if got := Signed(tc.v, tc.digits); got != tc.want {
			t.Errorf("Signed(%v, %d) = %q, want %q", tc.v, tc.digits, got, tc.want)
		}
	}
	if data.Plural(1, "theme", "themes") != "theme" || data.Plural(0, "theme", "themes") != "themes" || data.Plural(2, "it was", "they were") != "they were" {
		t.Error("Plural does not agree with its count")
	}
}
