package data

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestConservationUnderRandomDamage generates valid statement files,
// damages random rows in random ways, and checks that every row read is
// either used or skipped (rows in = used + skipped) and that each
// skipped row has an error naming its row. Fixed seed: the same files
// every run.
func TestConservationUnderRandomDamage(t *testing.T) {
	reg, _ := DefaultRegistry()
	cb, _ := DefaultCodebook()
	rng := rand.New(rand.NewPCG(7, 7))
	actors := []string{"CHN", "USA", "GBR", "RUS", "KOR"}
	themes := []string{"sovereignty", "openness", "multistakeholder", "digital_divide"}
	damages := []func(cells []string) []string{
		func(c []string) []string { c[2] = "maybe"; return c },             // bad stance
		func(c []string) []string { c[3] = "2016-13-45"; return c },        // bad date
		func(c []string) []string { c[0] = "Atlantis"; return c },          // unknown actor
		func(c []string) []string { return append(c, "extra", "cells") },   // ragged row
		func(c []string) []string { c[1] = ""; return c },                  // deleted cell
		func(c []string) []string { return c[:3] },                         // short row
		func(c []string) []string { c[4] = `"unclosed ` + c[4]; return c }, // quote damage
	}
	for iter := range 200 {
		var b bytes.Buffer
		b.WriteString("actor,theme,stance,date,text\n")
		n := 1 + rng.IntN(30)
		for i := range n {
			cells := []string{actors[rng.IntN(len(actors))], themes[rng.IntN(len(themes))],
				fmt.Sprint(rng.IntN(5) - 2), fmt.Sprint(2008 + rng.IntN(9)), fmt.Sprintf("statement %d", i)}
			if rng.IntN(4) == 0 {
				cells = damages[rng.IntN(len(damages))](cells)
			}
			line := strings.Join(cells, ",") + "\n"
			b.WriteString(line)
			if rng.IntN(10) == 0 { // duplicated row
				b.WriteString(line)
			}
		}
		name := fmt.Sprintf("gen%03d.csv", iter)
		tab, err := ParseTable(bytes.NewReader(b.Bytes()), name, TableOptions{IsHeader: looksLikeHeader(statementSynonyms)})
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, b.Bytes())
		}
		res := ReadStatementsTable(tab, ReadOptions{Registry: reg, Codebook: cb})
		if res.Rows != len(res.Statements)+res.InvalidRows {
			t.Fatalf("%s: %d rows in, %d used + %d skipped\n%s", name, res.Rows, len(res.Statements), res.InvalidRows, b.Bytes())
		}
		used := map[int]bool{}
		for _, s := range res.Statements {
			used[s.Pos.Row] = true
		}
		errRows := map[int]bool{}
		for _, p := range res.Problems {
			if p.Severity == SeverityError && p.Row > 0 {
				errRows[p.Row] = true
			}
		}
		skipped := 0
		for _, r := range tab.Records {
			if used[r.Row] {
				continue
			}
			skipped++
			if !errRows[r.Row] {
				t.Errorf("%s: row %d skipped without an error naming it\n%s", name, r.Row, b.Bytes())
			}
		}
		if skipped != res.InvalidRows {
			t.Errorf("%s: %d records not used, %d counted invalid", name, skipped, res.InvalidRows)
		}
	}
}
