package analysis

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

// TestPolarisationReference checks SD, range, the bimodality coefficient
// and the Esteban–Ray index against numpy/scipy
// (testdata/polarisation_reference.py).
func TestPolarisationReference(t *testing.T) {
	b, err := os.ReadFile("testdata/polarisation_expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref map[string]map[string]any
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	for name, r := range ref {
		var xs []float64
		for _, v := range r["xs"].([]any) {
			xs = append(xs, v.(float64))
		}
		for _, alpha := range []float64{1.0, 1.6} {
			tp := themePolarisation("t", xs, alpha)
			check := func(what string, got float64, key string) {
				want, ok := r[key].(float64)
				if !ok {
					if !math.IsNaN(got) {
						t.Errorf("%s α=%.1f %s: got %v, want NaN (undefined)", name, alpha, what, got)
					}
					return
				}
				if math.Abs(got-want) > 1e-9 {
					t.Errorf("%s α=%.1f %s: got %.15g, want %.15g", name, alpha, what, got, want)
				}
			}
			check("sd", tp.SD, "sd")
			check("range", tp.Range, "range")
			check("bimodality", tp.Bimodality, "bimodality")
			check("ER (normalised)", tp.EstebanRay, fmt.Sprintf("er_norm_%.1f", alpha))
			check("ER (raw)", EstebanRay(xs, alpha), fmt.Sprintf("er_%.1f", alpha))
		}
	}
}

func TestPolarisationByHand(t *testing.T) {
	// Two equal camps at the scale's ends are the most polarised
	// distribution there is: normalised Esteban–Ray 1 for any α.
	if got := themePolarisation("t", []float64{-2, 2, -2, 2}, 1.3).EstebanRay; math.Abs(got-1) > 1e-12 {
		t.Errorf("two camps at the ends: ER %v, want 1", got)
	}
	// Everyone agrees: no polarisation, and the bimodality coefficient is
	// undefined (zero variance), explained in a note.
	tp := themePolarisation("t", []float64{1, 1, 1, 1}, 1.6)
	if tp.EstebanRay != 0 || tp.SD != 0 || tp.Range != 0 || !math.IsNaN(tp.Bimodality) || len(tp.Notes) != 1 {
		t.Errorf("consensus: %+v", tp)
	}
	// A single row: nothing to compare, everything NaN and explained.
	tp = themePolarisation("t", []float64{2}, 1.6)
	if !math.IsNaN(tp.SD) || !math.IsNaN(tp.EstebanRay) || len(tp.Notes) == 0 {
		t.Errorf("single row: %+v", tp)
	}
	// α = 1, positions {−1, +1} with shares ½: Σ πᵢ²πⱼ|yᵢ−yⱼ| =
	// 2 · ¼ · ½ · 2 = 0.5; the maximum (camps at ±2) is 1.
	if got := EstebanRay([]float64{-1, 1}, 1); got != 0.5 {
		t.Errorf("ER({−1,1}, α=1) = %v, want 0.5", got)
	}
}

func TestPolarisationOfMatrixRanksThemes(t *testing.T) {
	cell := func(mean float64) Cell { return Cell{N: 1, Weight: 1, Mean: mean} }
	empty := Cell{Mean: math.NaN(), SD: math.NaN()}
	m := Matrix{
		Period: Period{Label: "all"},
		Rows:   []string{"A", "B", "C", "D"},
		Themes: []string{"calm", "split", "lonely"},
		Cells: [][]Cell{
			{cell(1), cell(-2), cell(2)},
			{cell(1), cell(2), empty},
			{cell(1.5), cell(-2), empty},
			{cell(1), cell(2), empty},
		},
	}
	p := PolarisationOf(m, 0)
	if p.Alpha != DefaultAlpha {
		t.Errorf("alpha %v", p.Alpha)
	}
	if got := strings.Join(p.Ranked, ","); got != "split,calm" {
		t.Errorf("ranked %s, want split,calm (lonely has one row)", got)
	}
	if p.Themes[1].EstebanRay != 1 || p.Themes[2].N != 1 {
		t.Errorf("themes %+v", p.Themes)
	}
	if want := (p.Themes[0].EstebanRay + 1) / 2; math.Abs(p.Overall-want) > 1e-12 {
		t.Errorf("overall %v, want %v", p.Overall, want)
	}
}
