package xlsx

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// injectedCorpus puts the injection texts in every text field of the
// statements, and in an actor's id and name.
func injectedCorpus(t testing.TB) *data.Corpus {
	c := syntheticCorpus(t, oddActors, 70, injections, nil)
	for i := range c.Statements {
		s := &c.Statements[i]
		x := injections[(i+3)%len(injections)]
		s.Speaker, s.Source, s.Event, s.Coder, s.Origin, s.Note, s.URL = x, x, x, x, x, x, x
		if i%10 == 0 {
			s.ID = injections[(i/10)%len(injections)] + " id"
		}
	}
	return c
}

var formulaElem = regexp.MustCompile(`(?s)<f[ >].*?</f>|<f/>`)

// TestNoFormulaFromInput checks the workbook's XML: formulas appear only
// on the Stance and Salience sheets and are all stancemap's own, and the
// cells holding the injection texts are text holding them literally.
func TestNoFormulaFromInput(t *testing.T) {
	c := injectedCorpus(t)
	b := writeReport(t, analyse(t, c), c, nil, Options{})
	ours := regexp.MustCompile(`^<f>(IF|COUNTIFS|SUMPRODUCT)\(`)
	parts := sheetParts(t, b)
	if len(parts) != 15 {
		t.Fatalf("sheets %v", parts)
	}
	formulas := 0
	for sheet, part := range parts {
		x := readPart(t, b, part)
		for _, f := range formulaElem.FindAllString(x, -1) {
			formulas++
			if sheet != sheetStance && sheet != sheetSalience {
				t.Errorf("sheet %s has a formula: %s", sheet, f)
				continue
			}
			if !ours.MatchString(f) || strings.Contains(f, "HYPERLINK") || strings.Contains(f, "cmd") || strings.Contains(f, "SUM(1)") {
				t.Errorf("sheet %s: formula not of stancemap's making: %s", sheet, f)
			}
		}
		if strings.Contains(x, `t="e"`) {
			t.Errorf("sheet %s has an error-typed cell", sheet)
		}
	}
	if m := c.Statements; formulas == 0 || len(m) == 0 {
		t.Fatal("no formula found at all: the scan reads nothing")
	}
	f := openReport(t, b)
	rows, err := f.GetRows(sheetStmts)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range c.Statements {
		r := i + 2
		for col, want := range map[int]string{1: s.ID, 2: s.Actor, 6: s.Speaker, 7: s.Text, 8: s.Source, 9: s.URL, 10: s.Event, 12: s.Coder, 14: s.Origin, 15: s.Note} {
			cell := cellName(col, r)
			if fm, _ := f.GetCellFormula(sheetStmts, cell); fm != "" {
				t.Errorf("%s holds the formula %q", cell, fm)
			}
			if got := rows[r-1][col-1]; got != want {
				t.Errorf("%s reads %q, want %q", cell, got, want)
			}
		}
	}
	for _, sheet := range []string{sheetActors, sheetFindings, sheetDistances, sheetMap, sheetBlocs} {
		rows, _ := f.GetRows(sheet)
		if sheet == sheetActors && !slices.ContainsFunc(rows, func(r []string) bool {
			return len(r) > 1 && r[0] == oddActors[6].ID && r[1] == oddActors[6].Name
		}) {
			t.Errorf("Actors does not hold %q / %q literally", oddActors[6].ID, oddActors[6].Name)
		}
	}
}

func TestTemplateNoFormulaFromInput(t *testing.T) {
	c := injectedCorpus(t)
	var b bytes.Buffer
	cb, _ := defaults(t)
	if err := WriteTemplate(&b, cb, c.Actors, TemplateOptions{Rows: 5, Prefill: c.Statements}); err != nil {
		t.Fatal(err)
	}
	for sheet, part := range sheetParts(t, b.Bytes()) {
		x := readPart(t, b.Bytes(), part)
		if fs := formulaElem.FindAllString(x, -1); len(fs) > 0 {
			t.Errorf("template sheet %s has formulas: %v", sheet, fs)
		}
	}
	f := openReport(t, b.Bytes())
	rows, _ := f.GetRows(sheetStmts)
	for i, s := range c.Statements {
		if rows[i+1][6] != s.Text || rows[i+1][0] != s.ID {
			t.Errorf("row %d reads %q %q, want %q %q", i+2, rows[i+1][0], rows[i+1][6], s.ID, s.Text)
		}
	}
}
