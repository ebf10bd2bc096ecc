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
