package analysis

import (
	"fmt"
	"math"
	"testing"
)

// krippendorff2011 is the worked example of Krippendorff (2011),
// "Computing Krippendorff's Alpha-Reliability", §C: four observers by
// eleven units, NaN where a value is missing.
func krippendorff2011() [][]float64 {
	n := math.NaN()
	return [][]float64{
		{1, 2, 3, 3, 2, 1, 4, 1, 2, n, n},
		{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n},
		{n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1},
		{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1},
	}
}

func TestKrippendorffAlphaReproducesThePublishedExample(t *testing.T) {
	want := map[AlphaMetric]float64{Nominal: 0.743, Ordinal: 0.815, Interval: 0.849, Ratio: 0.797}
	for _, m := range AlphaMetrics {
		got, err := KrippendorffAlpha(krippendorff2011(), m)
		if err != nil {
			t.Fatal(err)
		}
		if math.Round(got*1000)/1000 != want[m] {
			t.Errorf("%s alpha = %.4f, published %.3f", m, got, want[m])
		}
	}
}

func TestCoincidenceMatrixOfThePublishedExample(t *testing.T) {
	c := CoincidenceMatrix(krippendorff2011())
	// Every unit has at least two values, so all 40 values are pairable;
	// n_c counts each value: nine 1s, thirteen 2s, ten 3s, five 4s, three 5s.
	if c.Total != 40 || c.Units != 11 {
		t.Errorf("n = %v over %d units, want 40 over 11", c.Total, c.Units)
	}
	wantN := []float64{9, 13, 10, 5, 3}
	for i, v := range wantN {
		if math.Abs(c.N[i]-v) > 1e-9 {
			t.Errorf("n_%v = %v, want %v", c.Values[i], c.N[i], v)
		}
	}
	// o_12 = 4/3: unit 6 (values 1 2 3 4) pairs 1 with 2 once among four
	// values, 1/(4−1); unit 8 (1 1 2 1) three times, 3/(4−1).
	if math.Abs(c.O[0][1]-4.0/3) > 1e-9 {
		t.Errorf("o_12 = %v, want 4/3", c.O[0][1])
	}
}

func TestReliabilityByHand(t *testing.T) {
	// Two coders, four units: A 1 1 2 2, B 1 2 2 2. Coincidences
	// o11 = 2, o12 = o21 = 1, o22 = 4; n1 = 3, n2 = 5, n = 8.
	// Nominal α = 1 − 7·2 / (2·3·5) = 8/15.
	a := []float64{1, 1, 2, 2}
	b := []float64{1, 2, 2, 2}
	al, _ := KrippendorffAlpha([][]float64{a, b}, Nominal)
	if math.Abs(al-8.0/15) > 1e-12 {
		t.Errorf("nominal alpha %v, want 8/15", al)
	}
	// With two values, every metric but ratio ranks the disagreement alike.
	if il, _ := KrippendorffAlpha([][]float64{a, b}, Interval); math.Abs(il-8.0/15) > 1e-12 {
		t.Errorf("interval alpha %v, want 8/15", il)
	}
	k, n := CohenKappa(a, b)
	if n != 4 || math.Abs(k-0.5) > 1e-12 {
		t.Errorf("kappa %v over %d units, want 0.5 over 4", k, n)
	}
	p, pairs := PercentAgreement([][]float64{a, b})
	if pairs != 4 || p != 0.75 {
		t.Errorf("agreement %v over %d pairs, want 0.75 over 4", p, pairs)
	}
}

func TestReliabilityEdgeCases(t *testing.T) {
	n := math.NaN()
	cases := []struct {
		name string
		data [][]float64
		want float64 // NaN: undefined
	}{
		{"perfect agreement", [][]float64{{1, 2, 3}, {1, 2, 3}}, 1},
		{"no variation is undefined", [][]float64{{1, 1, 1}, {1, 1, 1}}, n},
		{"no pairable unit is undefined", [][]float64{{1, n}, {n, 2}}, n},
		{"empty is undefined", nil, n},
		{"units coded once are ignored", [][]float64{{1, 2, 3, 9}, {1, 2, 3, n}}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := KrippendorffAlpha(c.data, Ordinal)
			if err != nil {
				t.Fatal(err)
			}
			if math.IsNaN(c.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-c.want) > 1e-12) {
				t.Errorf("alpha %v, want %v", got, c.want)
			}
		})
	}
	if _, err := KrippendorffAlpha([][]float64{{-1, 1}, {1, 1}}, Ratio); err == nil {
		t.Error("ratio alpha of a negative value gave no error")
	}
	if k, n := CohenKappa([]float64{1, 1}, []float64{1, 1}); !math.IsNaN(k) || n != 2 {
		t.Errorf("kappa of constant codes = %v over %d, want NaN over 2", k, n)
	}
	if k, n := CohenKappa([]float64{1, n}, []float64{n, 1}); !math.IsNaN(k) || n != 0 {
		t.Errorf("kappa with no shared unit = %v over %d, want NaN over 0", k, n)
	}
	if p, pairs := PercentAgreement([][]float64{{1}, {n}}); !math.IsNaN(p) || pairs != 0 {
		t.Errorf("agreement with no pairs = %v over %d", p, pairs)
	}
	if _, err := ParseAlphaMetric("Ordinal"); err != nil {
		t.Error(err)
	}
	if _, err := ParseAlphaMetric("cardinal"); err == nil {
		t.Error("unknown metric accepted")
	}
}

func ExampleKrippendorffAlpha() {
	n := math.NaN() // not coded
	data := [][]float64{
		{1, 2, 3, 3, 2, 1, 4, 1, 2, n, n},
		{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n},
		{n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1},
		{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1},
	}
	for _, m := range AlphaMetrics {
		a, _ := KrippendorffAlpha(data, m)
		fmt.Printf("%s %.3f\n", m, a)
	}
	// Output:
	// nominal 0.743
	// ordinal 0.815
	// interval 0.849
	// ratio 0.797
}
