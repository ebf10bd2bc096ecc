package data

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// The fixtures under testdata/dna are written in DNA 3's event-list
// layout (Exporter.eventCSV): semicolons, quoted text, unquoted ids,
// times and the boolean agreement.

func TestIsDNAExport(t *testing.T) {
	cases := []struct {
		header []string
		want   bool
	}{
		{[]string{"statement ID", "time", "document ID", "document title", "author", "source", "section", "type", "text", "person", "organization", "concept", "agreement"}, true},
		{[]string{"id", "time", "person", "organization", "category", "agreement"}, true}, // DNA 2
		{[]string{"time", "Person", "concept", "Agreement"}, true},
		{[]string{"actor", "theme", "stance", "date"}, false},
		{[]string{"organization", "concept", "date"}, false}, // no agreement
	}
	for _, c := range cases {
		if got := IsDNAExport(c.header); got != c.want {
			t.Errorf("IsDNAExport(%v) = %v", c.header, got)
		}
	}
}

func TestReadDNAExportBuildsCodebook(t *testing.T) {
	path := "testdata/dna/export.csv"
	res, cb, err := ReadDNAExport([]string{path}, DNAOptions{
		ReadOptions:   ReadOptions{AddUnknownActors: true},
		BuildCodebook: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 8 || res.InvalidRows != 0 || len(res.Statements) != 8 {
		t.Fatalf("rows %d invalid %d statements %d; problems %v", res.Rows, res.InvalidRows, len(res.Statements), res.Problems)
	}
	// Three concepts, in order of appearance, with the binary scale.
	wantThemes := []string{
		"states_hold_sovereign_authority_over_their",
		"information_should_flow_freely_across_borders",
		"internet_governance_should_involve_all",
	}
	if got := cb.ThemeIDs(); !slices.Equal(got, wantThemes) {
		t.Fatalf("themes %q, want %q", got, wantThemes)
	}
	th, _ := cb.Theme(wantThemes[0])
	if th.Label != "States hold sovereign authority over their networks" ||
		th.Positive != "agrees with “States hold sovereign authority over their networks”" ||
		!strings.HasPrefix(th.Negative, "disagrees with") {
		t.Errorf("theme %+v", th)
	}
	if len(cb.Scale) != 2 || cb.Scale[0].Value != -1 || cb.Scale[1].Value != 1 {
		t.Errorf("scale %+v, want the binary one", cb.Scale)
	}
	// The whole mapping of one row, and the agreement of every row.
	s := res.Statements[1]
	want := Statement{ID: "2", Actor: "GBR", Theme: wantThemes[0], Stance: -1,
		Date: Date{Year: 2013, Month: 10, Day: 17, Precision: PrecisionDay}, Speaker: "Foreign minister",
		Text: "No single state should control the internet.", Source: "Conference on cyberspace, summary",
		Note:   "DNA document 1; author: Rapporteur; source: Conference website; section: Plenary; type: report",
		Weight: 1, Pos: Pos{File: path, Row: 3}}
	if s != want {
		t.Errorf("statement\n got %+v\nwant %+v", s, want)
	}
	var stances []int
	var actors []string
	for _, s := range res.Statements {
		stances = append(stances, s.Stance)
		actors = append(actors, s.Actor)
	}
	if !slices.Equal(stances, []int{1, -1, 1, -1, 1, -1, 1, 1}) {
		t.Errorf("stances %v", stances)
	}
	if !slices.Equal(actors, []string{"CHN", "GBR", "GBR", "CHN", "Internet Society", "CHN", "GBR", "Internet Society"}) {
		t.Errorf("actors %v", actors)
	}
	if !slices.Equal(res.AddedActors, []string{"Internet Society"}) {
		t.Errorf("added actors %v", res.AddedActors)
	}
	// Documents 2 and 3 share a title: their sources keep them apart.
	if res.Statements[4].Source != "Workshop report [DNA document 2]" || res.Statements[6].Source != "Workshop report [DNA document 3]" {
		t.Errorf("sources %q, %q", res.Statements[4].Source, res.Statements[6].Source)
	}
	if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, "3 themes built from the concepts") }) {
		t.Errorf("notes %v", res.Notes)
	}
	// Only the added-actor warnings.
	for _, p := range res.Problems {
		if p.Code != "added-actor" || p.Column != "organization" {
			t.Errorf("unexpected problem %v", p)
		}
	}
}

func TestReadDNAExportPersonsAsActors(t *testing.T) {
	res, _, err := ReadDNAExport([]string{"testdata/dna/export.csv"}, DNAOptions{
		ReadOptions: ReadOptions{Registry: NewRegistry(), AddUnknownActors: true}, BuildCodebook: true, ActorFrom: "person"})
	if err != nil {
		t.Fatal(err)
	}
	// Rows 4–8 name no person: "actor is empty" at the person column.
	if len(res.Statements) != 3 || res.InvalidRows != 5 {
		t.Fatalf("statements %d invalid %d", len(res.Statements), res.InvalidRows)
	}
	if s := res.Statements[0]; s.Actor != "Head of delegation" || !strings.HasSuffix(s.Note, "organization: China") {
		t.Errorf("statement %+v", s)
	}
	var empty int
	for _, p := range res.Problems {
		if p.Code == "empty-value" {
			empty++
			if p.Column != "person" {
				t.Errorf("problem at column %q: %v", p.Column, p)
			}
		}
	}
	if empty != 5 {
		t.Errorf("%d empty-person problems, want 5", empty)
	}
}

func TestReadDNAExportProblems(t *testing.T) {
	path := "testdata/dna/problems.csv"
	res, cb, err := ReadDNAExport([]string{path}, DNAOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if cb == nil || cb.ThemeIDs()[0] != "sovereignty" {
		t.Fatalf("codebook %v, want the default one", cb)
	}
	want := []string{
		path + `:4:agreement: agreement is not DNA's 0 or 1 (found "2", expected 1 (agrees) or 0 (disagrees); for an integer qualifier read the export with integer agreement)`,
		path + `:5:organization: actor is empty (found "", expected an actor id or a name from the actor registry)`,
		path + `:6:concept: theme is not in the codebook (found "Net neutrality", ` + themeHint + `)`,
		path + `:7:time: date is not an ISO date (found "17.10.2013", expected YYYY, YYYY-MM or YYYY-MM-DD: write it as 2013-10-17 (day first: there is no month 17))`,
		path + `:8: row has 14 cells but the header has 13 (expected one cell per header column (check for an unquoted delimiter in the text))`,
		path + `:9:organization: actor is not in the actor registry (found "Atlantis", expected an id, name or alias from the registry (add it there, or use --add-unknown-actors))`,
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.Error())
		if !errors.Is(p, ErrInvalid) {
			t.Errorf("%v does not wrap ErrInvalid", p)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Rows != 8 || res.InvalidRows != 6 || len(res.Statements) != 2 {
		t.Errorf("rows %d invalid %d statements %d", res.Rows, res.InvalidRows, len(res.Statements))
	}
	// Concepts resolve against theme labels and ids, ignoring case.
	if s := res.Statements; s[0].Theme != "sovereignty" || s[0].Stance != 1 || s[1].Theme != "openness" || s[1].Stance != -1 {
		t.Errorf("statements %+v", s)
	}
}

func TestReadDNAExportIntegerAgreement(t *testing.T) {
	res, _, err := ReadDNAExport([]string{"testdata/dna/problems.csv"}, DNAOptions{IntegerAgreement: true,
		ReadOptions: ReadOptions{AddUnknownActors: true}})
	if err != nil {
		t.Fatal(err)
	}
	// Now 2 is a stance, 0 is neutral, and Atlantis is added.
	var stances []int
	for _, s := range res.Statements {
		stances = append(stances, s.Stance)
	}
	if !slices.Equal(stances, []int{1, 0, 2, 1}) {
		t.Errorf("stances %v, want 1 0 2 1", stances)
	}
}

func TestReadDNAExportMissingColumn(t *testing.T) {
	path := "testdata/dna/missing_concept.csv"
	res, _, err := ReadDNAExport([]string{path}, DNAOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 1 || res.InvalidRows != 1 || len(res.Statements) != 0 {
		t.Errorf("rows %d invalid %d statements %d", res.Rows, res.InvalidRows, len(res.Statements))
	}
	if len(res.Problems) != 1 || !strings.HasPrefix(res.Problems[0].Error(), path+":1:concept: required column of a DNA export is missing") {
		t.Errorf("problems %v", res.Problems)
	}
}

func TestReadDNAExportCodebookMerge(t *testing.T) {
	// With a codebook and BuildCodebook, known concepts keep their theme
	// and the others are added after the codebook's themes.
	base, err := DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	res, cb, err := ReadDNAExport([]string{"testdata/dna/problems.csv"}, DNAOptions{BuildCodebook: true,
		ReadOptions: ReadOptions{Codebook: base}})
	if err != nil {
		t.Fatal(err)
	}
	ids := cb.ThemeIDs()
	if len(ids) != 6 || ids[5] != "net_neutrality" || !slices.Equal(ids[:5], base.ThemeIDs()) {
		t.Errorf("themes %v", ids)
	}
	for _, p := range res.Problems {
		if p.Code == "unknown-theme" {
			t.Errorf("unexpected %v", p)
		}
	}
	if len(base.Themes) != 5 {
		t.Error("the given codebook was modified")
	}
}

func TestDNAThemeID(t *testing.T) {
	cases := map[string]string{
		"Emissions trading":   "emissions_trading",
		"  U.S.-led rules! ":  "us_led_rules",
		"2 degrees is enough": "concept_2_degrees_is_enough",
		"Économie numérique":  "economie_numerique",
		"日本":                  "concept",
		"There should be legislation to regulate emissions of greenhouse gases": "there_should_be_legislation_to_regulate",
	}
	for in, want := range cases {
		if got := dnaThemeID(in); got != want || !themeIDPattern.MatchString(got) {
			t.Errorf("dnaThemeID(%q) = %q, want %q", in, got, want)
		}
	}
}
