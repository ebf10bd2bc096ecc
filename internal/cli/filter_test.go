package cli

import (
	"testing"

	"github.com/stancemap/stancemap/data"
)

func TestFilterFlags(t *testing.T) {
	c, _, err := data.SampleCorpus()
	if err != nil {
		t.Fatal(err)
	}
	// Qian Hongshan and China, 2016: s21, s23a, s23b, s24, s25a, s25b by Qian and s22 by China.
	got, actors, _, err := FilterFlags{Actors: "qian_hongshan, People's Republic of China", From: "2016"}.Apply(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Statements) != 7 || len(actors) != 2 || actors[1] != "CHN" {
		t.Errorf("%d statements, actors %v; want 7 and [qian_hongshan CHN]", len(got.Statements), actors)
	}
	got, _, _, err = FilterFlags{Themes: "digital_divide", To: "2013-10"}.Apply(c)
	if err != nil {
		t.Fatal(err)
	}
	// digital_divide up to October 2013: s01, s04b (2008), s11, s12 (2013-10-17).
	if len(got.Statements) != 4 {
		t.Errorf("%d statements, want 4", len(got.Statements))
	}
	for _, bad := range []FilterFlags{{Actors: "Atlantis"}, {Themes: "weather"}, {From: "13/2016"}, {From: "2030"}} {
		if _, _, _, err := bad.Apply(c); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
