package data

import (
	"slices"
	"strings"
	"testing"
)

func TestDefaultRegistryResolvesCommonNames(t *testing.T) {
	reg, err := DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"PRC": "CHN", "People's Republic of China": "CHN", "people’s republic of china": "CHN", "China": "CHN",
		"P.R. China": "CHN", "United Kingdom": "GBR", "UK": "GBR", "Republic of Korea": "KOR", "South Korea": "KOR",
		"United States of America": "USA", "Russia": "RUS", "chn": "CHN", "Côte d'Ivoire": "CIV",
	}
	for in, want := range cases {
		a, ok := reg.Resolve(in)
		if !ok || a.ID != want {
			got := "nothing"
			if ok {
				got = a.ID
			}
			t.Errorf("%q resolved to %s, want %s", in, got, want)
		}
	}
	states := 0
	for _, a := range reg.Actors() {
		if a.Kind == KindState {
			states++
		}
	}
	// 193 UN member states, the two observer states (PSE, VAT) and four former
	// states the UN General Debate Corpus uses (CSK, DDR, YMD, YUG).
	if states != 199 {
		t.Errorf("registry has %d states, want 199", states)
	}
}

func TestRegistryRefusesAmbiguousNames(t *testing.T) {
	reg := NewRegistry()
	if err := reg.Add(Actor{ID: "COD", Name: "Democratic Republic of the Congo", Aliases: []string{"Congo"}}); err != nil {
		t.Fatal(err)
	}
	err := reg.Add(Actor{ID: "COG", Name: "Republic of the Congo", Aliases: []string{"congo"}})
	if err == nil || !strings.Contains(err.Error(), `"congo" (also COD)`) {
		t.Errorf("got %v, want an ambiguity error", err)
	}
	if err := reg.Add(Actor{ID: "COD"}); err == nil {
		t.Errorf("duplicate id accepted")
	}
	// Neither actor gets the shared name, each keeps its others, and a
	// third claimant is reported too.
	if a, ok := reg.Resolve("Congo"); ok {
		t.Errorf("the shared name resolved to %s: a guess", a.ID)
	}
	if got := reg.Ambiguous("CONGO"); !slices.Equal(got, []string{"COD", "COG"}) {
		t.Errorf("Ambiguous = %v, want COD and COG", got)
	}
	if a, ok := reg.Resolve("Republic of the Congo"); !ok || a.ID != "COG" {
		t.Errorf("COG lost its own name: %v %v", a, ok)
	}
	if err := reg.Add(Actor{ID: "XCG", Aliases: []string{"Congo"}}); err == nil {
		t.Errorf("a third actor claiming the shared name was accepted silently")
	}
	if got := reg.Ambiguous("congo"); len(got) != 3 {
		t.Errorf("Ambiguous = %v, want three actors", got)
	}
}

func TestActorsFileProblems(t *testing.T) {
	body := "id,name,kind,country,groups,aliases\n" +
		"XAA,Alpha,state,XAA,G7|EU,Alfa;Alpha Land\n" +
		"XBB,Beta,planet,XBB,,\n" +
		"XCC,Gamma,state,GAMMA,,\n" +
		",Nameless,state,,,\n"
	tab, err := ParseTable(strings.NewReader(body), "actors.csv", TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	reg, ps := ActorsFromTable(tab)
	var got []string
	for _, p := range ps {
		got = append(got, p.Error())
	}
	want := []string{
		`actors.csv:3:kind: actor kind is not known (found "planet", expected one of state, igo, official, company, civil_society, technical_community, academia, group)`,
		`actors.csv:4:country: country must be an ISO 3166-1 alpha-3 code (found "GAMMA", expected e.g. CHN, USA, KOR)`,
		`actors.csv:5:id: actor id is empty (found "", expected a short id such as CHN or UN)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	a, ok := reg.Resolve("alpha land")
	if !ok || a.ID != "XAA" || strings.Join(a.Groups, "+") != "G7+EU" {
		t.Errorf("alias with ; separator or groups not read: %+v", a)
	}
}

func TestRepresentedBorrowsGroupsOfTheStateSpokenFor(t *testing.T) {
	reg, _ := DefaultRegistry()
	hague, _ := reg.Get("william_hague")
	r := reg.Represented(hague)
	if r.ID != "william_hague" || r.Kind != KindOfficial || !strings.Contains(strings.Join(r.Groups, ","), "G7") || r.Region != "Northern Europe" {
		t.Errorf("Hague as represented: %+v", r)
	}
	if len(hague.Groups) != 0 {
		t.Errorf("the registry's own actor was changed: %+v", hague)
	}
	gbr, _ := reg.Get("GBR")
	if reg.Represented(gbr) != gbr {
		t.Errorf("a state speaks for itself")
	}
}
