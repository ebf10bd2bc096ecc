package analysis

import (
	"testing"

	"github.com/stancemap/stancemap/data"
)

// TestGroupRowsFollowMembership: the United Kingdom's statements count
// for the EU row only from 1973 to 2020, its G7 ones always; a compare
// of the EU pools them the same way.
func TestGroupRowsFollowMembership(t *testing.T) {
	reg := data.NewRegistry()
	reg.Add(data.Actor{ID: "GBR", Kind: data.KindState, Groups: []string{"G7", "EU"},
		Memberships: []data.Membership{{Group: "EU", From: 1973, To: 2020}}})
	reg.Add(data.Actor{ID: "FRA", Kind: data.KindState, Groups: []string{"EU"}})
	cb := &data.Codebook{Themes: []data.Theme{{ID: "x"}}}
	st := func(id, actor string, stance, year int) data.Statement {
		return data.Statement{ID: id, Actor: actor, Theme: "x", Stance: stance, Weight: 1,
			Date: data.Date{Year: int32(year), Precision: data.PrecisionYear}}
	}
	c := &data.Corpus{Actors: reg, Codebook: cb, Statements: []data.Statement{
		st("a", "GBR", 2, 1970), st("b", "GBR", 1, 2019), st("c", "GBR", -2, 2021), st("d", "FRA", 0, 2021)}}
	set, err := StanceMatrices(c, MatrixOptions{GroupBy: ByGroup, Bootstrap: -1})
	if err != nil {
		t.Fatal(err)
	}
	m := set.Matrices[0]
	eu, _ := m.Cell("EU", "x")
	g7, _ := m.Cell("G7", "x")
	// EU: GBR 2019 (+1) and FRA (0): mean 0.5 over 2; G7: all three of GBR: 1/3.
	if eu.N != 2 || eu.Mean != 0.5 {
		t.Errorf("EU cell: n %d mean %v, want 2 and 0.5", eu.N, eu.Mean)
	}
	if g7.N != 3 || g7.Mean != 1.0/3 {
		t.Errorf("G7 cell: n %d mean %v, want 3 and 1/3", g7.N, g7.Mean)
	}
	cmp, err := Compare(c, "EU", "G7", CompareOptions{Bootstrap: -1})
	if err != nil {
		t.Fatal(err)
	}
	if cmp.StatementsA != 2 || cmp.StatementsB != 3 {
		t.Errorf("compare EU vs G7: %d and %d statements, want 2 and 3", cmp.StatementsA, cmp.StatementsB)
	}
}
