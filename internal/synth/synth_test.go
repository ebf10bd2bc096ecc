package synth

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

func TestSynthIsDeterministicAndReadable(t *testing.T) {
	gen := func(seed uint64) []byte {
		c, err := New(Options{Actors: 250, Themes: 7, Statements: 5000, Years: 10, FirstYear: 2010, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := c.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := gen(7), gen(7)
	if !bytes.Equal(a, b) {
		t.Fatal("same seed, different bytes")
	}
	if bytes.Equal(a, gen(8)) {
		t.Fatal("different seeds, same bytes")
	}
	c, _ := New(Options{Actors: 250, Themes: 7, Statements: 5000, Years: 10, FirstYear: 2010, Seed: 7})
	tab, err := data.ParseTable(bytes.NewReader(a), "synth.csv", data.TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res := data.ReadStatementsTable(tab, data.ReadOptions{Registry: c.Registry, Codebook: c.Codebook})
	if res.InvalidRows != 0 || len(res.Statements) != 5000 {
		t.Fatalf("%d invalid rows, %d statements: %v", res.InvalidRows, len(res.Statements), res.Problems[:min(3, len(res.Problems))])
	}
	// Each text is its own: no statement reads as entered twice.
	for _, p := range res.Problems {
		if p.Code == "duplicate" {
			t.Fatalf("a generated statement duplicates another: %v", p)
		}
	}
	actors, themes := map[string]int{}, map[string]bool{}
	prec := map[data.Precision]int{}
	for _, s := range res.Statements {
		actors[s.Actor]++
		themes[s.Theme] = true
		prec[s.Date.Precision]++
		if s.Date.Year < 2010 || s.Date.Year > 2019 {
			t.Fatalf("year %d outside 2010–2019", s.Date.Year)
		}
	}
	if len(themes) != 7 || prec[data.PrecisionDay] < 4000 || prec[data.PrecisionYear] == 0 || prec[data.PrecisionMonth] == 0 {
		t.Errorf("themes %d, precisions %v", len(themes), prec)
	}
	// Skewed activity: the most active actor says far more than the median one.
	if actors["AFG"] < 5*actors["GBR"] {
		t.Errorf("activity not skewed: AFG %d, GBR %d", actors["AFG"], actors["GBR"])
	}
	if !strings.HasPrefix(string(a), "id,actor,theme,stance,date") {
		t.Errorf("header %q", a[:40])
	}
}
