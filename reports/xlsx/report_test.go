package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

func openReport(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestReportSheetsAreInOrder(t *testing.T) {
	a, c, rr := sampleAnalysis(t)
	f := openReport(t, writeReport(t, a, c, rr, Options{}))
	want := []string{"About", "Findings", "Stance", "Salience", "Distances", "Blocs", "Map", "Axis", "Evolution",
		"Two periods", "Polarisation", "Statements", "Actors", "Codebook", "Data quality"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
}

func TestReportIsByteIdentical(t *testing.T) {
	a, c, rr := sampleAnalysis(t)
	opt := Options{Version: "1.0", Input: "sample.csv", Generated: "2024-05-01", Options: []string{"--period", "year"}}
	first := writeReport(t, a, c, rr, opt)
	for range 3 {
		if !bytes.Equal(first, writeReport(t, a, c, rr, opt)) {
			t.Fatal("the same report twice gave different bytes")
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !zf.Modified.Equal(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s carries the modification time %v", zf.Name, zf.Modified)
		}
	}
	core := readPart(t, first, "docProps/core.xml")
	if !strings.Contains(core, "2024-05-01T00:00:00Z") || !strings.Contains(core, "stancemap") {
		t.Errorf("core properties: %s", core)
	}
}

// readPart returns one part of a workbook's zip.
func readPart(t testing.TB, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			body, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(body)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

// sheetPart maps sheet names to their parts in the zip.
func sheetParts(t testing.TB, b []byte) map[string]string {
	t.Helper()
	wb := readPart(t, b, "xl/workbook.xml")
	rels := readPart(t, b, "xl/_rels/workbook.xml.rels")
	target := map[string]string{}
	for _, m := range regexp.MustCompile(`<Relationship Id="(rId\d+)"[^>]*Target="([^"]+)"`).FindAllStringSubmatch(rels, -1) {
		target[m[1]] = "xl/" + strings.TrimPrefix(m[2], "/xl/")
	}
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"`).FindAllStringSubmatch(wb, -1) {
		out[htmlUnescape(m[1])] = target[m[2]]
	}
	return out
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(s)
}

// raw reads a cell's stored value and formula.
func raw(t testing.TB, f *excelize.File, sheet, cell string) (string, string) {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	fm, err := f.GetCellFormula(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v, fm
}

// checkCachedMatrix checks that the Stance and Salience sheets hold, as
// values or formulas' cached results, exactly the numbers of the overall
// matrix, and that they are formulas when live is true.
func checkCachedMatrix(t *testing.T, f *excelize.File, m analysis.Matrix, live bool) {
	t.Helper()
	nt := len(m.Themes)
	for i, r := range m.Rows {
		row := matrixFirstRow + i
		if v, _ := raw(t, f, sheetStance, cellName(1, row)); v != r {
			t.Fatalf("Stance row %d is %q, want %q", row, v, r)
		}
		for j, th := range m.Themes {
			if v, _ := raw(t, f, sheetStance, cellName(matrixFirstCol+j, matrixHeaderRow)); v != th {
				t.Fatalf("Stance header %d is %q, want %q", j, v, th)
			}
			c := m.Cells[i][j]
			for _, k := range []struct {
				sheet string
				col   int
				want  float64
				what  string
			}{
				{sheetStance, matrixFirstCol + j, c.Mean, "mean"},
				{sheetStance, matrixFirstCol + nt + 1 + j, float64(c.N), "n"},
				{sheetSalience, matrixFirstCol + j, c.Salience, "salience"},
			} {
				v, fm := raw(t, f, k.sheet, cellName(k.col, row))
				if (fm != "") != live {
					t.Errorf("%s %s %s %s: formula %q, live %v", k.sheet, r, th, k.what, fm, live)
				}
				if k.what == "n" && !live && c.N == 0 {
					k.want = math.NaN()
				}
				if math.IsNaN(k.want) {
					if v != "" {
						t.Errorf("%s %s %s %s: %q, want blank", k.sheet, r, th, k.what, v)
					}
					continue
				}
				got, err := strconv.ParseFloat(v, 64)
				if err != nil || got != k.want {
					t.Errorf("%s %s %s %s: %q, want %v", k.sheet, r, th, k.what, v, k.want)
				}
			}
		}
	}
}

func TestReportStanceHoldsFormulasWithStancemapsValues(t *testing.T) {
	a, c, rr := sampleAnalysis(t)
	f := openReport(t, writeReport(t, a, c, rr, Options{}))
	checkCachedMatrix(t, f, a.Overall.Matrices[0], true)
	_, fm := raw(t, f, sheetStance, "C3")
	want := `IF(COUNTIFS(tblStatements[actor],$A3,tblStatements[theme],C$2)=0,"",AVERAGEIFS(tblStatements[stance],tblStatements[actor],$A3,tblStatements[theme],C$2))`
	if fm != want {
		t.Errorf("C3 formula\n%s\nwant\n%s", fm, want)
	}
	tables, err := f.GetTables(sheetStmts)
	if err != nil || len(tables) != 1 || tables[0].Name != statementsTable || tables[0].Range != fmt.Sprintf("A1:O%d", len(c.Statements)+1) {
		t.Errorf("tables %+v %v", tables, err)
	}
}

func TestReportValuesOnlyAboveTheLimit(t *testing.T) {
	a, c, rr := sampleAnalysis(t)
	cells := int64(len(a.Overall.Rows) * len(a.Overall.Themes))
	b := writeReport(t, a, c, rr, Options{LiveLimit: int64(len(c.Statements))*cells - 1})
	f := openReport(t, b)
	checkCachedMatrix(t, f, a.Overall.Matrices[0], false)
	about, _ := f.GetRows(sheetAbout)
	if !strings.Contains(fmt.Sprint(about), "values computed by stancemap, not formulas") {
		t.Errorf("About does not say the matrices are values: %v", about)
	}
}

func TestReportGroupedRowsAreValues(t *testing.T) {
	c, rr, err := data.SampleCorpus()
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{GroupBy: analysis.ByKind}})
	if err != nil {
		t.Fatal(err)
	}
	f := openReport(t, writeReport(t, a, c, rr, Options{}))
	checkCachedMatrix(t, f, a.Overall.Matrices[0], false)
	if v, _ := raw(t, f, sheetStance, "A2"); v != "kind" {
		t.Errorf("row header %q, want kind", v)
	}
}

func TestReportReadsBackAsItsStatements(t *testing.T) {
	a, c, rr := sampleAnalysis(t)
	path := filepath.Join(t.TempDir(), "report.xlsx")
	if err := os.WriteFile(path, writeReport(t, a, c, rr, Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	readsBackAs(t, path, c)
	// The Actors sheet reads back as an actor list.
	reg, ps, err := data.ReadActors(path)
	if err != nil || ps.Errors() > 0 {
		t.Fatalf("actors: %v %v", err, ps)
	}
	for _, id := range c.ActorIDs() {
		if _, ok := reg.Get(id); !ok {
			t.Errorf("actor %s missing from the Actors sheet", id)
		}
	}
}

// syntheticCorpus builds a corpus in code: n statements by the given
// actors on the default themes, with the given texts cycled through.
func syntheticCorpus(t testing.TB, actors []data.Actor, n int, texts []string, weight func(i int) float64) *data.Corpus {
	t.Helper()
	cb, err := data.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	reg := data.NewRegistry()
	for _, a := range actors {
		if err := reg.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	themes := cb.ThemeIDs()
	c := &data.Corpus{Actors: reg, Codebook: cb}
	for i := range n {
		a := actors[i%len(actors)]
		s := data.Statement{ID: fmt.Sprintf("x%03d", i), Actor: a.ID, Theme: themes[(i/len(actors)+i)%len(themes)],
			Stance: (i*3)%5 - 2, Date: data.Date{Year: int32(2010 + i%5), Precision: data.PrecisionYear}, Weight: 1}
		if len(texts) > 0 {
			s.Text = texts[i%len(texts)]
		}
		if weight != nil {
			s.Weight = weight(i)
		}
		c.Statements = append(c.Statements, s)
	}
	return c
}

func analyse(t testing.TB, c *data.Corpus) *analysis.Analysis {
	t.Helper()
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Period: analysis.PeriodSpec{Kind: analysis.PeriodYear}}})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// oddActors have ids that COUNTIFS would misread as criteria (wildcards,
// operators, numbers, TRUE), next to ordinary ones.
var oddActors = []data.Actor{
	{ID: "CHN", Name: "China", Kind: data.KindState},
	{ID: "USA", Name: "United States", Kind: data.KindState},
	{ID: "a*b", Name: "Star", Kind: data.KindGroup},
	{ID: ">x", Name: "Greater", Kind: data.KindGroup},
	{ID: "2013", Name: "Numeric", Kind: data.KindGroup},
	{ID: "true", Name: "Boolean", Kind: data.KindGroup},
	{ID: "=HYPERLINK(\"http://x\",\"y\")", Name: "+cmd|' /C calc'!A0", Kind: data.KindGroup},
}

func TestReportWeightedAndOddIdsUseExactFormulas(t *testing.T) {
	c := syntheticCorpus(t, oddActors, 140, nil, func(i int) float64 { return float64(1 + i%3) })
	a := analyse(t, c)
	f := openReport(t, writeReport(t, a, c, nil, Options{}))
	m := a.Overall.Matrices[0]
	checkCachedMatrix(t, f, m, true)
	for i, r := range m.Rows {
		_, fm := raw(t, f, sheetStance, cellName(matrixFirstCol, matrixFirstRow+i))
		if !strings.Contains(fm, "tblStatements[weight]") {
			t.Errorf("%s: formula %q is not weighted", r, fm)
		}
		if fast := strings.Contains(fm, "SUMIFS"); fast != criterionSafe(r) {
			t.Errorf("%s: formula %q (criteria %v)", r, fm, fast)
		}
	}
}

func TestReportCutsCellsToExcelsLimit(t *testing.T) {
	long := strings.Repeat("ü", 40000)
	c := syntheticCorpus(t, oddActors[:2], 6, []string{"short", long}, nil)
	a := analyse(t, c)
	f := openReport(t, writeReport(t, a, c, nil, Options{}))
	v, _ := f.GetCellValue(sheetStmts, "G3")
	if utf16Len(v) != maxCellChars || !strings.HasSuffix(v, truncationMark) {
		t.Errorf("long text kept %d units, ends %q", utf16Len(v), v[len(v)-20:])
	}
	dq, _ := f.GetRows(sheetQuality)
	text := fmt.Sprint(dq)
	if !strings.Contains(text, "3 cells were longer than Excel's 32767 characters") || !strings.Contains(text, `statement "x001", column text (Statements!G3)`) {
		t.Errorf("Data quality does not list the cut cells: %v", text)
	}
}

func TestReportLinksOnlyWebURLs(t *testing.T) {
	c := syntheticCorpus(t, oddActors[:2], 4, nil, nil)
	urls := []string{"https://example.org/a?b=1", "javascript:alert(1)", "http://example.org/x y", "HTTP://EXAMPLE.ORG/"}
	for i := range c.Statements {
		c.Statements[i].URL = urls[i]
	}
	f := openReport(t, writeReport(t, analyse(t, c), c, nil, Options{}))
	for i, u := range urls {
		ok, target, err := f.GetCellHyperLink(sheetStmts, cellName(9, i+2))
		if err != nil {
			t.Fatal(err)
		}
		if want := i == 0 || i == 3; ok != want || (ok && target != u) {
			t.Errorf("%q: link %v %q", u, ok, target)
		}
	}
}

func TestReportSplitsStatementsPastASheet(t *testing.T) {
	defer func(n int) { rowsPerStatementSheet = n }(rowsPerStatementSheet)
	rowsPerStatementSheet = 10
	c := syntheticCorpus(t, oddActors[:2], 25, nil, nil)
	a := analyse(t, c)
	f := openReport(t, writeReport(t, a, c, nil, Options{}))
	var parts []string
	total := 0
	for _, s := range f.GetSheetList() {
		if strings.HasPrefix(s, sheetStmts) {
			parts = append(parts, s)
			rows, _ := f.GetRows(s)
			total += len(rows) - 1
		}
	}
	if !slices.Equal(parts, []string{"Statements", "Statements 2", "Statements 3"}) || total != 25 {
		t.Fatalf("sheets %v with %d statements", parts, total)
	}
	checkCachedMatrix(t, f, a.Overall.Matrices[0], false)
	dq, _ := f.GetRows(sheetQuality)
	if !strings.Contains(fmt.Sprint(dq), "split over the sheets Statements, Statements 2, Statements 3") {
		t.Errorf("Data quality does not mention the split: %v", dq)
	}
}

func TestReportListsReadingProblems(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "in.csv")
	csv := "actor,theme,stance,date,text\nCHN,sovereignty,2,2014,ok\nCHN,sovereignty,9,2014,bad stance\nXXX,openness,1,2014,unknown actor\nUSA,openness,1,2014,fine\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	c, rr := readFile(t, path)
	a := analyse(t, c)
	f := openReport(t, writeReport(t, a, c, rr, Options{}))
	rows, _ := f.GetRows(sheetQuality)
	var found []string
	for _, r := range rows {
		if len(r) >= 5 && (r[4] == "bad-stance" || r[4] == "unknown-actor") {
			found = append(found, r[1]+":"+r[2]+":"+r[4])
		}
	}
	if !slices.Equal(found, []string{"3:stance:bad-stance", "4:actor:unknown-actor"}) {
		t.Errorf("problems listed %v\n%v", found, rows)
	}
}

func TestSheetAndTableNames(t *testing.T) {
	taken := map[string]bool{"statements": true}
	for _, c := range []struct{ in, want string }{
		{"Statements", "Statements (2)"},
		{"a/b:c*d?[e]\\f", "a b c d e f"},
		{"'quoted'", "quoted"},
		{"History", "History sheet"},
		{"", "sheet"},
		{strings.Repeat("x", 40), strings.Repeat("x", 31)},
		{strings.Repeat("x", 40), strings.Repeat("x", 27) + " (2)"},
		{"tab\there", "tab here"},
	} {
		if got := sheetName(c.in, taken); got != c.want {
			t.Errorf("sheetName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	tt := map[string]bool{}
	for _, c := range []struct{ in, want string }{
		{"tblStatements", "tblStatements"},
		{"tblStatements", "tblStatements_2"},
		{"A1", "_A1"},
		{"R1C1", "_R1C1"},
		{"1st table", "_1st_table"},
		{"=HYPERLINK()", "_HYPERLINK_"},
		{"", "Table"},
	} {
		if got := tableName(c.in, tt); got != c.want {
			t.Errorf("tableName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestReportWithChartsIsByteIdentical writes a corpus whose Evolution
// sheet has line charts (excelize lists image types in map order when a
// workbook gets drawings).
func TestReportWithChartsIsByteIdentical(t *testing.T) {
	c, rr := synthCorpus(t, 3000, 12)
	a := analyse(t, c)
	first := writeReport(t, a, c, rr, Options{})
	if !strings.Contains(readPart(t, first, "[Content_Types].xml"), "drawingml.chart") {
		t.Fatal("no chart in the workbook")
	}
	f := openReport(t, first)
	if pics, _ := f.GetCellValue(sheetEvolution, "L1"); pics != "Change over time" {
		t.Errorf("Evolution L1 %q", pics)
	}
	for range 5 {
		if !bytes.Equal(first, writeReport(t, a, c, rr, Options{})) {
			t.Fatal("the same report twice gave different bytes")
		}
	}
}

func TestReportOnePeriodHasNoEvolutionChart(t *testing.T) {
	c, rr, err := data.SampleCorpus()
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b := writeReport(t, a, c, rr, Options{})
	f := openReport(t, b)
	rows, _ := f.GetRows(sheetEvolution)
	if !strings.Contains(fmt.Sprint(rows), `One period only ("all")`) {
		t.Errorf("Evolution does not explain the missing charts: %v", rows[:3])
	}
	if n := strings.Count(readPart(t, b, "[Content_Types].xml"), "drawingml.chart"); n != 1 {
		t.Errorf("%d charts, want the map's only", n)
	}
}

// readsBackAs checks that the statements of a workbook read back as those
// of want, field for field but for where they were read, and give the same
// matrices.
func readsBackAs(t *testing.T, path string, want *data.Corpus) {
	t.Helper()
	got, res := readFile(t, path)
	if res.Problems.Errors() > 0 || len(got.Statements) != len(want.Statements) {
		t.Fatalf("%d statements, want %d; problems %v", len(got.Statements), len(want.Statements), res.Problems)
	}
	for i, s := range got.Statements {
		w := want.Statements[i]
		s.Pos, w.Pos = data.Pos{}, data.Pos{}
		if s != w {
			t.Errorf("statement %d:\n got %+v\nwant %+v", i, s, w)
		}
	}
	sameMatrices(t, matrices(t, got), matrices(t, want))
}
