package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

func TestFilterFlags(t *testing.T) {
	c, _, err := data.SampleCorpus()
	if err != nil {
		t.Fatal(err)
	}
	// Qian Hongshan and China, 2016: s21, s23a, s23b, s24, s25a, s25b by Qian and s22 by China.
	var msg bytes.Buffer
	got, sel, err := FilterFlags{Actors: "qian_hongshan, People's Republic of China", From: "2016"}.Apply(c, &msg)
	if err != nil {
		t.Fatal(err)
	}
	flt, _ := FilterFlags{Actors: "qian_hongshan, People's Republic of China"}.Filter(c)
	if len(got.Statements) != 7 || len(flt.Actors) != 2 || flt.Actors[1] != "CHN" {
		t.Errorf("%d statements, actors %v; want 7 and [qian_hongshan CHN]", len(got.Statements), flt.Actors)
	}
	if sel.Read != len(c.Statements) || sel.Kept != 7 || !strings.Contains(msg.String(), "kept 7 of ") {
		t.Errorf("selection %+v, message %q", sel, msg.String())
	}
	got, _, err = FilterFlags{Themes: "digital_divide", To: "2013-10"}.Apply(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	// digital_divide up to October 2013: s01, s04b (2008), s11, s12 (2013-10-17).
	if len(got.Statements) != 4 {
		t.Errorf("%d statements, want 4", len(got.Statements))
	}
	for _, bad := range []FilterFlags{{Actors: "Atlantis"}, {Themes: "weather"}, {From: "13/2016"}, {From: "2030"},
		{Origins: "robot"}, {MinConfidence: 1.5}, {Events: []string{" "}}, {From: "2016", To: "2013"}} {
		if _, _, err := bad.Apply(c, nil); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
