package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseMembership(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Membership
		err  string
	}{
		{"BRICS", Membership{Group: "BRICS"}, ""},
		{"BRICS:2010-", Membership{Group: "BRICS", From: 2010}, ""},
		{" EU : 1973-2020 ", Membership{Group: "EU", From: 1973, To: 2020}, ""},
		{"G8:-2013", Membership{Group: "G8", To: 2013}, ""},
		{"AU:2002", Membership{Group: "AU", From: 2002, To: 2002}, ""},
		{"EU:2020-1973", Membership{}, "ends (1973) before it starts (2020)"},
		{"EU:19x3-", Membership{}, `"19x3" is not a four-digit year`},
		{"EU:", Membership{}, "no years after the colon"},
		{":2010-", Membership{}, "has no name"},
	} {
		got, err := ParseMembership(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want one saying %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: %+v, %v; want %+v", c.in, got, err, c.want)
		}
		if m, _ := ParseMembership(got.String()); m != got {
			t.Errorf("%q: String %q does not read back", c.in, got.String())
		}
	}
}

func TestInGroup(t *testing.T) {
	gbr := Actor{ID: "GBR", Groups: []string{"G7", "EU"}, Memberships: []Membership{{Group: "EU", From: 1973, To: 2020}}}
	year := func(y int) Date { return Date{Year: int32(y), Precision: PrecisionYear} }
	for _, c := range []struct {
		group string
		year  int
		want  bool
	}{{"EU", 1972, false}, {"EU", 1973, true}, {"EU", 2020, true}, {"EU", 2021, false}, {"G7", 1800, true}} {
		if got := gbr.InGroup(c.group, year(c.year)); got != c.want {
			t.Errorf("GBR in %s in %d: %v, want %v", c.group, c.year, got, c.want)
		}
	}
	if got := strings.Join(gbr.GroupSpecs(), "|"); got != "G7|EU:1973-2020" {
		t.Errorf("GroupSpecs %q", got)
	}
}

// TestReadActorsMemberships reads dated groups, and reports a bad one
// with its file, row and column.
func TestReadActorsMemberships(t *testing.T) {
	p := filepath.Join(t.TempDir(), "actors.csv")
	os.WriteFile(p, []byte("id,name,groups\nGBR,United Kingdom,G7|EU:1973-2020\nZAF,South Africa,BRICS:2010-\nXXX,Nowhere,EU:20x0-\n"), 0o644)
	reg, ps, err := ReadActors(p)
	if err != nil {
		t.Fatal(err)
	}
	gbr, _ := reg.Get("GBR")
	if strings.Join(gbr.Groups, ",") != "G7,EU" || len(gbr.Memberships) != 1 || gbr.Memberships[0] != (Membership{"EU", 1973, 2020}) {
		t.Errorf("GBR: %+v", gbr)
	}
	if _, ok := reg.Get("XXX"); ok || len(ps) != 1 || ps[0].Row != 4 || ps[0].Column != "groups" || ps[0].Code != CodeBadGroup {
		t.Errorf("bad group: registry has XXX %v, problems %v", ok, ps)
	}
	var b strings.Builder
	if err := WriteActorsCSV(&b, reg); err != nil || !strings.Contains(b.String(), "G7|EU:1973-2020") {
		t.Errorf("written back: %q, %v", b.String(), err)
	}
}

// TestSampleRegistryYears: the built-in registry dates the memberships
// the issue named.
func TestSampleRegistryYears(t *testing.T) {
	reg, err := DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	year := func(y int) Date { return Date{Year: int32(y), Precision: PrecisionYear} }
	for _, c := range []struct {
		id, group string
		year      int
		want      bool
	}{{"EGY", "BRICS", 2015, false}, {"EGY", "BRICS", 2024, true}, {"ZAF", "BRICS", 2010, true}, {"BRA", "BRICS", 1990, false},
		{"GBR", "EU", 2019, true}, {"GBR", "EU", 2021, false}, {"FIN", "NATO", 2022, false}, {"FIN", "NATO", 2023, true},
		{"IND", "SCO", 2016, false}, {"HRV", "EU", 2012, false}} {
		a, ok := reg.Get(c.id)
		if !ok {
			t.Fatalf("%s not in the registry", c.id)
		}
		if got := a.InGroup(c.group, year(c.year)); got != c.want {
			t.Errorf("%s in %s in %d: %v, want %v", c.id, c.group, c.year, got, c.want)
		}
	}
}
