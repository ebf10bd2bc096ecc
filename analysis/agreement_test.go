package analysis

import (
	"math"
	"testing"

	"github.com/stancemap/stancemap/data"
)

func TestAgreementAlignments(t *testing.T) {
	d, _ := data.ParseDate("2020")
	mk := func(id, actor, theme string, stance int, url string) data.Statement {
		return data.Statement{ID: id, Actor: actor, Theme: theme, Stance: stance, Date: d, URL: url, Source: "s", Weight: 1}
	}
	a := []data.Statement{mk("1", "CHN", "sovereignty", 2, "r.txt#char=0,10"), mk("2", "USA", "openness", 1, "r.txt#char=11,20"),
		mk("3", "KOR", "digital_divide", 1, "r.txt#char=21,30"), mk("4", "RUS", "sovereignty", 1, "r.txt#char=31,40")}
	b := []data.Statement{mk("1", "CHN", "sovereignty", 1, "r.txt#char=0,9"), mk("2", "USA", "openness", 1, "r.txt#char=12,20"),
		mk("3", "KOR", "digital_divide", 1, "r.txt#char=21,30"), mk("5", "GBR", "openness", 2, "r.txt#char=41,50")}
	themes := []string{"sovereignty", "openness", "digital_divide"}
	for _, align := range []Alignment{AlignAuto, AlignID, AlignSpan, AlignActor} {
		t.Run(string(align), func(t *testing.T) {
			r, err := Agreement([][]data.Statement{a, b}, []string{"a", "b"}, themes, align)
			if err != nil {
				t.Fatal(err)
			}
			// Three units coded by both: (2,1), (1,1), (1,1); two coded once.
			n := math.NaN()
			want, _ := KrippendorffAlpha([][]float64{{2, 1, 1, 1, n}, {1, 1, 1, n, 2}}, Ordinal)
			if r.Overall.Units != 5 || r.Overall.Pairable != 3 || math.Abs(r.Overall.Ordinal-want) > 1e-12 {
				t.Errorf("overall %+v, want 5 units, 3 pairable, ordinal alpha %v", r.Overall, want)
			}
			if align == AlignAuto && r.Align != AlignID {
				t.Errorf("auto chose %s, want id", r.Align)
			}
			if r.Overall.Agreement != 2.0/3 {
				t.Errorf("agreement %v, want 2/3", r.Overall.Agreement)
			}
		})
	}
	if _, err := Agreement([][]data.Statement{a}, []string{"a"}, themes, AlignID); err == nil {
		t.Error("one coder accepted")
	}
}

// TestAgreementOnUnits checks the presence alpha on a shared list of
// sentences against a hand computation: four sentences; for
// digital_divide coder a says present, absent, present... (a: 0 0 1 0,
// b: 0 0 0 1). Coincidences: o00 = 4, o01 = o10 = 2, o11 = 0; n0 = 6,
// n1 = 2, n = 8; Do = 4/8, De = 2·6·2/(8·7) = 3/7; alpha = 1 − (1/2)/(3/7)
// = −1/6. Sovereignty is coded alike on the first sentence and absent
// from the rest: alpha 1. Without the list, the sentences both left
// without a theme would not be units at all.
func TestAgreementOnUnits(t *testing.T) {
	d, _ := data.ParseDate("2020")
	mk := func(theme string, stance int, url string) data.Statement {
		return data.Statement{Actor: "CHN", Theme: theme, Stance: stance, Date: d, URL: url, Source: "s", Weight: 1}
	}
	units := []string{"u:2020:CHN#char=0,10", "u:2020:CHN#char=11,20", "u:2020:CHN#char=21,30", "u:2020:CHN#char=31,40"}
	a := []data.Statement{mk("sovereignty", 1, "u:2020:CHN#char=0,10"), mk("digital_divide", 1, "u:2020:CHN#char=21,30"),
		mk("openness", 1, "u:2020:CHN#char=50,60")} // the last is on no listed sentence
	b := []data.Statement{mk("sovereignty", 1, "u:2020:CHN#char=0,10"), mk("digital_divide", 2, "u:2020:CHN#char=31,40")}
	r, outside, err := AgreementOnUnits([][]data.Statement{a, b}, []string{"a", "b"}, []string{"sovereignty", "digital_divide"}, units)
	if err != nil {
		t.Fatal(err)
	}
	if outside != 1 {
		t.Errorf("%d statements outside the units, want 1", outside)
	}
	got := map[string]float64{}
	for _, th := range r.Themes {
		got[th.Theme] = th.Presence
	}
	if math.Abs(got["digital_divide"]-(-1.0/6)) > 1e-12 || got["sovereignty"] != 1 {
		t.Errorf("presence alpha %v, want digital_divide -1/6 and sovereignty 1", got)
	}
	if _, ok := got["openness"]; ok {
		t.Error("a statement on no listed sentence made a theme")
	}
}
