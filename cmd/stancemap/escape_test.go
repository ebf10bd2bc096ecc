package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
	"github.com/xuri/excelize/v2"
)

// Every output path that carries input text, fed text that a spreadsheet
// would run (cells starting with = + - @ tab or CR) and HTML: no CSV cell
// starts with a formula character unescaped, no workbook cell is a
// formula, and stancemap's own readers give the original text back.

// hostileSentences are theme sentences the coder codes, each starting
// with a formula character or holding HTML.
var hostileSentences = []string{
	"=cmd|' /C calc'!A0 said that sovereignty over cyberspace must be respected.",
	"+Britain said the internet must stay open and free for everyone.",
	"-China said every state must respect the sovereignty of others in cyberspace.",
	"@The UN chief said the digital divide is widening.",
	"<script>alert(1)</script> France said the internet must stay open and free.",
}

// hostileRows are a tabular corpus's texts; the tab and carriage return
// lead the cell, and the sentence starts after them.
var hostileRows = map[string]string{
	"\t=SUM(A1) Russia said that sovereignty over cyberspace must be respected.": "=SUM(A1) Russia said that sovereignty over cyberspace must be respected.",
	"\r@cmd France said the internet must stay open and free.":                   "@cmd France said the internet must stay open and free.",
}

func writeInput(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustRun(t *testing.T, args ...string) {
	t.Helper()
	if code, _, errs := runCmd(t, args...); code != 0 {
		t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
}

// readBackTexts reads a statements file with stancemap's reader and
// returns its texts, sorted.
func readBackTexts(t *testing.T, path string) []string {
	t.Helper()
	res, err := data.ReadStatements([]string{path}, data.ReadOptions{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var texts []string
	for _, s := range res.Statements {
		texts = append(texts, s.Text)
	}
	slices.Sort(texts)
	return slices.Compact(texts)
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestEscapeExtractOutputs(t *testing.T) {
	dir := t.TempDir()
	doc := writeInput(t, dir, "hostile.txt", strings.Join(hostileSentences, "\n\n")+"\n")
	for _, out := range []string{"out.csv", "out.jsonl", "out.json"} {
		p := filepath.Join(dir, out)
		args := []string{"extract", doc, "--actor", "CHN", "--date", "2016", "-q", "-o", p}
		if out == "out.csv" {
			args = append(args, "--review", filepath.Join(dir, "review.xlsx"))
		}
		mustRun(t, args...)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if out == "out.csv" {
			noFormulaCells(t, b)
		}
		if got, want := readBackTexts(t, p), sortedCopy(hostileSentences); !slices.Equal(got, want) {
			t.Errorf("%s reads back as %q, want %q", out, got, want)
		}
	}
	review := filepath.Join(dir, "review.xlsx")
	noFormulaWorkbook(t, review, hostileSentences)
	if got, want := readBackTexts(t, review), sortedCopy(hostileSentences); !slices.Equal(got, want) {
		t.Errorf("review workbook reads back as %q, want %q", got, want)
	}

	// A tabular corpus, whose cells may start with a tab or a carriage
	// return.
	var b strings.Builder
	b.WriteString("country,year,text\n")
	var want []string
	for cell, sentence := range hostileRows {
		b.WriteString(`FRA,2016,"` + cell + "\"\n")
		want = append(want, sentence)
	}
	corpus := writeInput(t, dir, "corpus.csv", b.String())
	out := filepath.Join(dir, "table.csv")
	mustRun(t, "extract", corpus, "--text-col", "text", "--actor-col", "country", "--date-col", "year", "-q", "-o", out)
	body, _ := os.ReadFile(out)
	noFormulaCells(t, body)
	if got := readBackTexts(t, out); !slices.Equal(got, sortedCopy(want)) {
		t.Errorf("table extract reads back as %q, want %q", got, sortedCopy(want))
	}
}

// noFormulaWorkbook reads a workbook the way a spreadsheet does: every
// cell holding one of the texts must be a text cell, not a formula, and
// every text must be found in some cell.
func noFormulaWorkbook(t *testing.T, path string, texts []string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := map[string]bool{}
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		for i, row := range rows {
			for j, v := range row {
				for _, text := range texts {
					if !strings.Contains(v, text) {
						continue
					}
					found[text] = true
					cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
					if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
						t.Errorf("%s!%s holds a formula %q", sheet, cell, fm)
					}
					if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
						t.Errorf("%s!%s holding %q is of type %v, not text", sheet, cell, v, typ)
					}
				}
			}
		}
	}
	for _, s := range texts {
		if !found[s] {
			t.Errorf("%q is not in %s", s, filepath.Base(path))
		}
	}
}

// hostileActors are actors added by --add-unknown-actors: their ids and
// names are the raw cells.
var hostileActors = []string{"=EVIL()", "+PLUS", "-MINUS", "@AT", "<b>HTML</b>"}

// TestEscapeMatrixAndAnalyzeTables writes the matrix CSV and the analyze
// CSV tables of a corpus whose actors are named like formulas.
func TestEscapeMatrixAndAnalyzeTables(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("id,actor,theme,stance,date,text\n")
	themes := []string{"sovereignty", "openness", "multistakeholder", "digital_divide", "international_law"}
	n := 0
	for ai, a := range hostileActors {
		for ti, th := range themes {
			for year := 2015; year <= 2017; year++ {
				n++
				stance := (ai+ti+year)%5 - 2
				b.WriteString(strings.Join([]string{fmt.Sprintf("s%03d", n),
					`"` + a + `"`, th, strconv.Itoa(stance), strconv.Itoa(year), `"=1+` + strconv.Itoa(n) + ` said so"`}, ",") + "\n")
			}
		}
	}
	in := writeInput(t, dir, "st.csv", b.String())
	matrix := filepath.Join(dir, "m.csv")
	mustRun(t, "matrix", in, "--add-unknown-actors", "--format", "csv", "-o", matrix)
	tables := filepath.Join(dir, "tables")
	mustRun(t, "analyze", in, "--add-unknown-actors", "--format", "csv", "--out", tables, "--bootstrap", "0")
	files, _ := filepath.Glob(filepath.Join(tables, "*.csv"))
	if len(files) < 5 {
		t.Fatalf("analyze wrote %d CSV tables", len(files))
	}
	seen := map[string]bool{}
	for _, p := range append(files, matrix) {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		noFormulaCells(t, body)
		tab, err := data.ReadTable(p, data.TableOptions{})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, rec := range tab.Records {
			for _, c := range rec.Cells {
				seen[data.UnescapeFormula(c)] = true
			}
		}
		if p == matrix {
			for _, a := range hostileActors {
				if !seen[a] {
					t.Errorf("matrix CSV: actor %q does not read back", a)
				}
			}
		}
	}
}

// TestEscapeDemoStatements: the demo's statements.csv holds no formula
// cell and reads back as the built-in sample.
func TestEscapeDemoStatements(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, "demo", "--out", dir, "--figures=false")
	p := filepath.Join(dir, "statements.csv")
	body, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	noFormulaCells(t, body)
	sample, _, err := data.SampleCorpus()
	if err != nil {
		t.Fatal(err)
	}
	res, err := data.ReadStatements([]string{p}, data.ReadOptions{})
	if err != nil || len(res.Statements) != len(sample.Statements) {
		t.Fatalf("read %d statements of %d: %v", len(res.Statements), len(sample.Statements), err)
	}
	for i, s := range res.Statements {
		if w := sample.Statements[i]; s.ID != w.ID || s.Text != w.Text || s.Actor != w.Actor || s.Stance != w.Stance {
			t.Errorf("statement %d reads back as %+v, want %+v", i, s, w)
		}
	}
}
