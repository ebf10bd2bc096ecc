package data

import (
	"bytes"
	"strings"
	"testing"
)

func TestEscapeFormula(t *testing.T) {
	cases := map[string]string{
		`=HYPERLINK("http://x","y")`: `'=HYPERLINK("http://x","y")`,
		`+cmd|' /C calc'!A0`:         `'+cmd|' /C calc'!A0`,
		`@SUM(1)`:                    `'@SUM(1)`,
		"-2+3":                       "'-2+3",
		"\tindented":                 "'\tindented",
		"\rreturn":                   "'\rreturn",
		"-2":                         "-2",
		"+1.5":                       "+1.5",
		"China":                      "China",
		"":                           "",
	}
	for in, want := range cases {
		got := EscapeFormula(in)
		if got != want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", in, got, want)
		}
		if back := UnescapeFormula(got); back != in {
			t.Errorf("round trip of %q gave %q", in, back)
		}
	}
}

// TestStatementsCSVRoundTripWithFormulas writes statements whose texts
// look like formulas and reads them back unchanged, while the file
// itself holds no cell a spreadsheet would evaluate.
func TestStatementsCSVRoundTripWithFormulas(t *testing.T) {
	d, _ := ParseDate("2016")
	texts := []string{`=HYPERLINK("http://evil","click")`, `+cmd|' /C calc'!A0`, `@SUM(A1:A9)`, "-1 said no", "\tleading tab"}
	var sts []Statement
	for i, tx := range texts {
		sts = append(sts, Statement{ID: "f" + string(rune('a'+i)), Actor: "CHN", Theme: "openness", Stance: -1, Date: d, Text: tx, Weight: 1, Speaker: "=1+1"})
	}
	var b bytes.Buffer
	if err := WriteStatementsCSV(&b, sts); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(b.String(), "\n")[1:] {
		for _, cell := range strings.Split(line, ",") {
			cell = strings.TrimPrefix(cell, `"`)
			if cell != "" && strings.ContainsRune("=+@\t", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
	tab, err := ParseTable(&b, "round.csv", TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	reg, _ := DefaultRegistry()
	cb, _ := DefaultCodebook()
	res := ReadStatementsTable(tab, ReadOptions{Registry: reg, Codebook: cb})
	if len(res.Statements) != len(texts) {
		t.Fatalf("read %d statements: %v", len(res.Statements), res.Problems)
	}
	for i, s := range res.Statements {
		if s.Text != texts[i] || s.Speaker != "=1+1" {
			t.Errorf("statement %d came back as %q / %q", i, s.Text, s.Speaker)
		}
	}
}
