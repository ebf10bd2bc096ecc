package data

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestEditDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"china", "china", 0},
		{"chnia", "china", 1},                 // two letters swapped
		{"untied states", "united states", 1}, // two letters swapped
		{"kitten", "sitting", 3},              // Levenshtein's example
		{"ca", "abc", 3},                      // OSA, not full Damerau (which gives 2)
		{"", "abc", 3},
		{"türkiye", "turkiye", 1}, // runes, not bytes
	}
	for _, c := range cases {
		if got := editDistance(c.a, c.b, 10); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := editDistance(c.a, c.b, 0); c.want > 0 && got != 1 {
			t.Errorf("editDistance(%q, %q, max 0) = %d, want 1 (over the bound)", c.a, c.b, got)
		}
	}
}

func TestSuggestActors(t *testing.T) {
	reg, err := DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]string{
		"Chnia":         {"China (CHN)"},
		"Untied States": {"United States (USA)"},
		"Rusia":         {"Russia (RUS)"},
		"CNH":           {"China (CHN)"},
		"Atlantis":      nil,
		"UZ":            nil, // no two-letter code is suggested for a two-letter value but its letters swapped
		"xyz":           nil,
	}
	for in, want := range cases {
		got := reg.SuggestActors(in)
		if in == "CNH" {
			if !slices.Contains(got, want[0]) {
				t.Errorf("SuggestActors(%q) = %q, want it to hold %q", in, got, want[0])
			}
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("SuggestActors(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSuggestThemes(t *testing.T) {
	cb, err := DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string][]string{
		"soverignty":        {"sovereignty"},
		"multi-stakeholder": {"multistakeholder"},
		"digital divde":     {"digital_divide"},
		"Openess":           {"openness"},
		"net neutrality":    nil,
	} {
		if got := cb.SuggestThemes(in); !slices.Equal(got, want) {
			t.Errorf("SuggestThemes(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDateHint(t *testing.T) {
	for in, want := range map[string]string{
		"17/10/2013": "write it as 2013-10-17 (day first: there is no month 17)",
		"10/17/2013": "write it as 2013-10-17 (month first: there is no month 17)",
		"05/06/2013": "it could be 2013-06-05 (day first) or 2013-05-06 (month first): write the one meant",
		"5.6.2013":   "it could be 2013-06-05 (day first) or 2013-05-06 (month first): write the one meant",
		"07/07/2013": "write it as 2013-07-07",
		"2013/10/17": "write it as 2013-10-17",
		"17/10/13":   "", // which century?
		"32/13/2016": "", // no reading is a date
		"31/02/2016": "", // February has no 31st, either way
		"29/02/2016": "write it as 2016-02-29 (day first: there is no month 29)",
		"17-10-2013": "write it as 2013-10-17 (day first: there is no month 17)",
		"17/10-2013": "",
		"yesterday":  "",
	} {
		if got := dateHint(in); got != want {
			t.Errorf("dateHint(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseStanceSignsAndWords(t *testing.T) {
	cb, err := DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]int{
		"−1": -1, "−2": -2, "–1": -1, "—2": -2, "‐1": -1, "－1": -1, "＋2": 2, "−0": 0,
		"supports": 1, "Strongly Supports": 2, "opposes": -1, "strongly opposes": -2, "in favour": 1, "neither": 0,
	} {
		if got, ok := cb.ParseStance(in); !ok || got != want {
			t.Errorf("ParseStance(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"1−", "−−1", "−3", "maybe", "supportive"} {
		if got, ok := cb.ParseStance(in); ok {
			t.Errorf("ParseStance(%q) = %d, want refused", in, got)
		}
	}
}

func TestResolveActorLabel(t *testing.T) {
	reg, err := DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	chn, _ := reg.Get("CHN")
	if l := ActorLabel(chn); l != "China (CHN)" {
		t.Fatalf("label %q", l)
	}
	for in, want := range map[string]string{
		"China (CHN)": "CHN", " china  (chn) ": "CHN", "People's Republic of China (CHN)": "CHN",
		"France (CHN)": "", "Atlantis (ATL)": "", "(CHN)": "",
	} {
		a, ok := reg.Resolve(in)
		if got := ""; ok {
			got = a.ID
			if got != want {
				t.Errorf("Resolve(%q) = %s, want %q", in, got, want)
			}
		} else if want != "" {
			t.Errorf("Resolve(%q) found nothing, want %s", in, want)
		}
	}
	// Every label of the registry reads back as its actor.
	for _, a := range reg.Actors() {
		if b, ok := reg.Resolve(ActorLabel(a)); !ok || b.ID != a.ID {
			t.Errorf("label %q does not read back as %s", ActorLabel(a), a.ID)
		}
	}
}

func TestMisspellingsLookedForUpToTheCap(t *testing.T) {
	tb := &Table{Name: "many.csv", Format: "csv", Header: []string{"actor", "theme", "stance", "date"}, HeaderRow: 1}
	tb.Records = append(tb.Records, Record{Row: 2, Cells: []string{"Chnia", "sovereignty", "1", "2013"}})
	for i := range maxHinted + 5 {
		tb.Records = append(tb.Records, Record{Row: i + 3, Cells: []string{fmt.Sprintf("Nobody %04d", i), "sovereignty", "1", "2013"}})
	}
	tb.Records = append(tb.Records, Record{Row: maxHinted + 8, Cells: []string{"Rusia", "sovereignty", "1", "2013"}})
	reg, err := DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	cb, err := DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	res := ReadStatementsTable(tb, ReadOptions{Registry: reg, Codebook: cb})
	if len(res.Problems) != maxHinted+7 {
		t.Fatalf("%d problems", len(res.Problems))
	}
	first, last := res.Problems[0], res.Problems[len(res.Problems)-1]
	if !strings.HasSuffix(first.Expected, "did you mean China (CHN)?") {
		t.Errorf("first: %v", first)
	}
	// Past the cap the message is the plain one, and a note says so.
	if last.Found != "Rusia" || strings.Contains(last.Expected, "did you mean") {
		t.Errorf("last: %v", last)
	}
	if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, "first 1000 distinct unknown") }) {
		t.Errorf("notes %v", res.Notes)
	}
}
