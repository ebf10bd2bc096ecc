package data

import (
	"errors"
	"strings"
	"testing"
)

func TestDefaultCodebook(t *testing.T) {
	cb, err := DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	want := "sovereignty,multistakeholder,openness,digital_divide,international_law"
	if got := strings.Join(cb.ThemeIDs(), ","); got != want {
		t.Errorf("themes %s, want %s", got, want)
	}
	for _, th := range cb.Themes {
		if len(th.Keywords) == 0 {
			t.Errorf("%s has no starter keywords", th.ID)
		}
	}
	if a, _ := cb.Axis(""); len(a.Context) == 0 || a.Context[0] != "cyber" {
		t.Errorf("the default axis's context terms: %v", a.Context)
	}
}

func TestParseStance(t *testing.T) {
	cb, _ := DefaultCodebook()
	cases := map[string]int{"2": 2, "+1": 1, "-2": -2, "0": 0, "1.0": 1, "Strongly Support": 2, "strongly  oppose": -2,
		"agree": 1, "disagree": -1, "yes": 1, "no": -1, "neutral": 0, "support": 1, "oppose": -1}
	for in, want := range cases {
		if got, ok := cb.ParseStance(in); !ok || got != want {
			t.Errorf("%q: got %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "maybe", "3", "-3", "1.5", "NaN", "++1"} {
		if got, ok := cb.ParseStance(in); ok {
			t.Errorf("%q accepted as %d", in, got)
		}
	}
}

func TestCodebookErrors(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown key", "name: x\nthemes:\n  - id: a\n    positive: p\n    negative: n\n    colour: red\n", "line 6"},
		{"no themes", "name: x\n", "defines no themes"},
		{"bad id", "themes:\n  - id: Net Neutrality\n    positive: p\n    negative: n\n", "theme id must be lower-case"},
		{"missing pole", "themes:\n  - id: a\n    positive: p\n", "must say what its positive and negative poles mean"},
		{"duplicate id", "themes:\n  - {id: a, positive: p, negative: n}\n  - {id: a, positive: p, negative: n}\n", "used twice"},
		{"scale out of range", "scale:\n  - {value: 3, label: very}\nthemes:\n  - {id: a, positive: p, negative: n}\n", "scale values"},
		{"empty", "", "empty"},
		{"axis context in capitals", "themes:\n  - {id: a, positive: p, negative: n}\naxes:\n  - {id: x, positive: p, negative: n, themes: {a: 1}, context: [internet, Cyberspace]}\n", "a context term is a lower-case word or phrase"},
	}
	for _, tc := range cases {
		_, err := ParseCodebook([]byte(tc.yaml), "cb.yaml")
		var p *Problem
		if err == nil || !errors.As(err, &p) || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "cb.yaml") {
			t.Errorf("%s: got %v, want a problem in cb.yaml mentioning %q", tc.name, err, tc.want)
		}
	}
}
