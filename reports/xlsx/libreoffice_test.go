package xlsx

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/analysis"
)

// The LibreOffice tests convert workbooks with `soffice --headless` and
// read the sheets back as CSV. LibreOffice shows the cached values of
// formulas unless told otherwise, which would prove nothing about the
// formulas: the profile below makes it recalculate every formula on
// loading (OOXMLRecalcMode 0, "always"), so the CSV holds LibreOffice's
// own results. Debian package: libreoffice-calc-nogui.

var (
	officeOnce    sync.Once
	officeProfile string
	officeErr     error
)

// soffice returns the LibreOffice binary and a profile that recalculates
// on load, or skips the test.
func soffice(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not found: install LibreOffice (Debian: libreoffice-calc-nogui) to check the workbooks in a spreadsheet")
	}
	officeOnce.Do(func() {
		officeProfile, officeErr = os.MkdirTemp("", "stancemap-lo-profile-")
		if officeErr != nil {
			return
		}
		officeErr = os.MkdirAll(filepath.Join(officeProfile, "user"), 0o755)
		if officeErr != nil {
			return
		}
		officeErr = os.WriteFile(filepath.Join(officeProfile, "user", "registrymodifications.xcu"), []byte(`<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`), 0o644)
	})
	if officeErr != nil {
		t.Fatal(officeErr)
	}
	return bin
}

// convert runs soffice on a file with the given filter, into dir.
func convert(t testing.TB, path, filter, dir string) {
	t.Helper()
	bin := soffice(t)
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+officeProfile, "--headless", "--norestore",
		"--convert-to", filter, "--outdir", dir, path)
	cmd.Env = append(os.Environ(), "HOME="+officeProfile)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice %s: %v\n%s", filepath.Base(path), err, out)
	}
}

// recalculated converts a workbook to one CSV per sheet with every
// formula recalculated by LibreOffice, and returns the sheets' rows.
func recalculated(t testing.TB, path string) map[string][][]string {
	t.Helper()
	dir := t.TempDir()
	convert(t, path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", dir)
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, sheet := range f.GetSheetList() {
		fh, err := os.Open(filepath.Join(dir, base+"-"+sheet+".csv"))
		if err != nil {
			t.Fatalf("LibreOffice wrote no CSV for sheet %s: %v", sheet, err)
		}
		r := csv.NewReader(fh)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		fh.Close()
		if err != nil {
			t.Fatalf("sheet %s: %v", sheet, err)
		}
		out[sheet] = rows
	}
	return out
}

// cellAt is a CSV cell, "" past the row's end.
func cellAt(rows [][]string, r, c int) string {
	if r < len(rows) && c < len(rows[r]) {
		return rows[r][c]
	}
	return ""
}

// number reads a number as LibreOffice writes it ("0.5", "-1", "40%").
func number(s string) (float64, error) {
	if p, ok := strings.CutSuffix(s, "%"); ok {
		v, err := strconv.ParseFloat(p, 64)
		return v / 100, err
	}
	return strconv.ParseFloat(s, 64)
}

// checkRecalculated compares LibreOffice's recalculated Stance means and
// counts and Salience shares with the Go matrix, to 1e-9.
func checkRecalculated(t *testing.T, sheets map[string][][]string, m analysis.Matrix) {
	t.Helper()
	stance, salience := sheets[sheetStance], sheets[sheetSalience]
	nt := len(m.Themes)
	for i, r := range m.Rows {
		ri := matrixFirstRow - 1 + i
		if got := cellAt(stance, ri, 0); got != r {
			t.Fatalf("Stance row %d: %q, want %q", ri+1, got, r)
		}
		for j, th := range m.Themes {
			c := m.Cells[i][j]
			for _, k := range []struct {
				rows [][]string
				col  int
				want float64
				what string
			}{
				{stance, matrixFirstCol - 1 + j, c.Mean, "mean"},
				{stance, matrixFirstCol + nt + j, float64(c.N), "n"},
				{salience, matrixFirstCol - 1 + j, c.Salience, "salience"},
			} {
				got := cellAt(k.rows, ri, k.col)
				if math.IsNaN(k.want) {
					if got != "" {
						t.Errorf("%s %s %s: LibreOffice %q, want blank", r, th, k.what, got)
					}
					continue
				}
				v, err := number(got)
				if err != nil || math.Abs(v-k.want) > 1e-9 {
					t.Errorf("%s %s %s: LibreOffice %q, Go %v", r, th, k.what, got, k.want)
				}
			}
		}
	}
}

func TestLibreOfficeRecalculatesTheStanceMatrix(t *testing.T) {
	soffice(t)
	a, c, rr := sampleAnalysis(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.xlsx")
	if err := os.WriteFile(path, writeReport(t, a, c, rr, Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	m := a.Overall.Matrices[0]
	checkRecalculated(t, recalculated(t, path), m)

	// Edit one stance in the Statements sheet, as a user would, and
	// recalculate: Qian Hongshan's four sovereignty statements average
	// +1.25; turning the first of them to -2 makes the mean hand-computed
	// here, and no other cell moves.
	const actor, theme = "qian_hongshan", "sovereignty"
	row, sum, n, old := 0, 0, 0, 0
	for i, s := range c.Statements {
		if s.Actor != actor || s.Theme != theme {
			continue
		}
		if row == 0 {
			row, old = i+2, s.Stance
			s.Stance = -2
		}
		sum += s.Stance
		n++
	}
	if n < 2 || old == -2 {
		t.Fatalf("the sample changed: %d statements of %s on %s", n, actor, theme)
	}
	want := float64(sum) / float64(n)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.GetCellValue(sheetStmts, fmt.Sprintf("B%d", row)); v != actor {
		t.Fatalf("Statements row %d is %q", row, v)
	}
	if err := f.SetCellInt(sheetStmts, fmt.Sprintf("D%d", row), -2); err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(dir, "edited.xlsx")
	if err := f.SaveAs(edited); err != nil {
		t.Fatal(err)
	}
	f.Close()
	sheets := recalculated(t, edited)
	ri, ci := matrixFirstRow-1+indexOf(m.Rows, actor), matrixFirstCol-1+indexOf(m.Themes, theme)
	got, err := number(cellAt(sheets[sheetStance], ri, ci))
	if err != nil || math.Abs(got-want) > 1e-9 || math.Abs(got-m.Cells[ri-matrixFirstRow+1][ci-matrixFirstCol+1].Mean) < 1e-9 {
		t.Errorf("after the edit LibreOffice shows %v for %s on %s, want the hand-computed %v (was %v)",
			cellAt(sheets[sheetStance], ri, ci), actor, theme, want, m.Cells[ri-matrixFirstRow+1][ci-matrixFirstCol+1].Mean)
	}
	before := recalculatedGrid(m)
	for i := range m.Rows {
		for j := range m.Themes {
			if i == ri-matrixFirstRow+1 && j == ci-matrixFirstCol+1 {
				continue
			}
			if g := cellAt(sheets[sheetStance], matrixFirstRow-1+i, matrixFirstCol-1+j); !sameNumber(g, before[i][j]) {
				t.Errorf("%s %s moved after an edit elsewhere: %q, was %v", m.Rows[i], m.Themes[j], g, before[i][j])
			}
		}
	}
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func recalculatedGrid(m analysis.Matrix) [][]float64 {
	out := make([][]float64, len(m.Rows))
	for i := range m.Rows {
		for j := range m.Themes {
			out[i] = append(out[i], m.Cells[i][j].Mean)
		}
	}
	return out
}

func sameNumber(s string, want float64) bool {
	if math.IsNaN(want) {
		return s == ""
	}
	v, err := number(s)
	return err == nil && math.Abs(v-want) <= 1e-9
}

// TestLibreOfficeWeightedAndOddIds checks the two other formula forms:
// weighted means, and the exact comparisons used for ids that COUNTIFS
// would read as wildcards, operators, numbers or booleans. Statement and
// actor texts that look like formulas read back as the literal text.
func TestLibreOfficeWeightedAndOddIds(t *testing.T) {
	soffice(t)
	c := syntheticCorpus(t, oddActors, 140, injections, func(i int) float64 { return float64(1 + i%3) })
	a := analyse(t, c)
	path := filepath.Join(t.TempDir(), "odd.xlsx")
	if err := os.WriteFile(path, writeReport(t, a, c, nil, Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	sheets := recalculated(t, path)
	checkRecalculated(t, sheets, a.Overall.Matrices[0])
	stmts := sheets[sheetStmts]
	for i, s := range c.Statements {
		if got := cellAt(stmts, i+1, 6); got != s.Text {
			t.Errorf("statement %s text reads back as %q, want the literal %q", s.ID, got, s.Text)
		}
		if got := cellAt(stmts, i+1, 1); got != s.Actor {
			t.Errorf("statement %s actor reads back as %q, want %q", s.ID, got, s.Actor)
		}
	}
	actors := sheets[sheetActors]
	found := false
	for _, r := range actors {
		found = found || (len(r) > 1 && r[0] == oddActors[6].ID && r[1] == oddActors[6].Name)
	}
	if !found {
		t.Errorf("the actor %q / %q does not read back literally: %v", oddActors[6].ID, oddActors[6].Name, actors)
	}
}

// TestLibreOfficeFixtureReadsBack reads a filled template that
// LibreOffice itself saved (testdata/filled-libreoffice.xlsx, made by
// TestMakeLibreOfficeFixture with -update): its statements and matrices
// are those of the same rows as CSV.
func TestLibreOfficeFixtureReadsBack(t *testing.T) {
	dir := t.TempDir()
	cp := filepath.Join(dir, "coding.csv")
	if err := os.WriteFile(cp, []byte(codedCSV()), 0o644); err != nil {
		t.Fatal(err)
	}
	cc, _ := readFile(t, cp)
	readsBackAs(t, filepath.Join("testdata", "filled-libreoffice.xlsx"), cc)
}

// TestMakeLibreOfficeFixture rewrites testdata/filled-libreoffice.xlsx:
// the template filled with codedRows, opened and saved by LibreOffice.
func TestMakeLibreOfficeFixture(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/filled-libreoffice.xlsx")
	}
	soffice(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "filled-libreoffice.xlsx")
	if err := os.WriteFile(in, fillTemplate(t, TemplateOptions{Rows: 30}), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	convert(t, in, "xlsx:Calc MS Excel 2007 XML", out)
	b, err := os.ReadFile(filepath.Join(out, "filled-libreoffice.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "filled-libreoffice.xlsx"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
