package xlsx

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// codedRows are statements as a coder types them into the template:
// actors by id or by name, stances as numbers or labels, dates of every
// precision, optional columns here and there.
var codedRows = [][]string{
	// id, actor, theme, stance, date, speaker, text, source, url, event, weight, coder, confidence
	{"c1", "CHN", "sovereignty", "2", "2014-11-19", "Lu Wei", "Each state governs its own networks.", "WIC report", "https://example.org/wic", "WIC 2014", "", "ana", "0.9"},
	{"c2", "China", "openness", "-1", "2014-11", "", "Information flows need rules.", "", "", "", "", "ana", ""},
	{"c3", "USA", "openness", "strongly support", "2013", "", "An open internet.", "", "", "", "", "ben", "0.8"},
	{"c4", "USA", "multistakeholder", "2", "2013-10-17", "", "=HYPERLINK(\"http://x\",\"y\")", "", "", "", "2", "ben", ""},
	{"c5", "RUS", "sovereignty", "support", "2015-03-02", "", "+cmd|' /C calc'!A0", "", "", "", "", "", ""},
	{"c6", "RUS", "international_law", "1", "2015", "", "@SUM(1)", "", "", "", "", "", ""},
	{"c7", "GBR", "multistakeholder", "1", "2013-10-17", "", "-2+3", "", "", "", "0.5", "", ""},
	{"c8", "GBR", "openness", "oppose", "2016-07", "", "\tTabbed", "", "", "", "", "", ""},
	{"c9", "CHN", "sovereignty", "1", "2016-07-11", "", "", "", "", "", "", "", "50%"},
}

// fillTemplate writes the template of the default codebook and registry
// and types codedRows into it, as a coder would.
func fillTemplate(t testing.TB, opt TemplateOptions) []byte {
	t.Helper()
	cb, reg := defaults(t)
	var b bytes.Buffer
	if err := WriteTemplate(&b, cb, reg, opt); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	first := 2 + len(opt.Prefill)
	for i, rec := range codedRows {
		for j, v := range rec {
			if v == "" {
				continue
			}
			cell := cellName(j+1, first+i)
			switch j {
			case 3, 10, 12: // numbers are typed as numbers
				var x float64
				if _, err := fmt.Sscan(v, &x); err == nil && !strings.HasSuffix(v, "%") {
					if err := f.SetCellFloat(sheetStmts, cell, x, -1, 64); err != nil {
						t.Fatal(err)
					}
					continue
				}
			}
			if err := f.SetCellStr(sheetStmts, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	out, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func defaults(t testing.TB) (*data.Codebook, *data.Registry) {
	t.Helper()
	cb, err := data.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	reg, err := data.DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	return cb, reg
}

// codedCSV is codedRows as the equivalent CSV file.
func codedCSV() string {
	var b strings.Builder
	b.WriteString("id,actor,theme,stance,date,speaker,text,source,url,event,weight,coder,confidence\n")
	for _, rec := range codedRows {
		q := make([]string, len(rec))
		for i, v := range rec {
			q[i] = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
		}
		b.WriteString(strings.Join(q, ",") + "\n")
	}
	return b.String()
}

func readFile(t testing.TB, path string) (*data.Corpus, *data.ReadResult) {
	t.Helper()
	cb, reg := defaults(t)
	res, err := data.ReadStatements([]string{path}, data.ReadOptions{Registry: reg, Codebook: cb})
	if err != nil {
		t.Fatal(err)
	}
	return &data.Corpus{Statements: res.Statements, Actors: reg, Codebook: cb}, res
}

func matrices(t testing.TB, c *data.Corpus) *analysis.MatrixSet {
	t.Helper()
	set, err := analysis.StanceMatrices(c, analysis.MatrixOptions{Period: analysis.PeriodSpec{Kind: analysis.PeriodYear}})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// sameMatrices compares two matrix sets cell by cell, NaN equal to NaN.
func sameMatrices(t *testing.T, got, want *analysis.MatrixSet) {
	t.Helper()
	if !slices.Equal(got.Rows, want.Rows) || !slices.Equal(got.Themes, want.Themes) || len(got.Matrices) != len(want.Matrices) {
		t.Fatalf("shape: rows %v themes %v %d periods, want %v %v %d", got.Rows, got.Themes, len(got.Matrices), want.Rows, want.Themes, len(want.Matrices))
	}
	eq := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	for p := range want.Matrices {
		for i := range want.Rows {
			for j := range want.Themes {
				g, w := got.Matrices[p].Cells[i][j], want.Matrices[p].Cells[i][j]
				if g.N != w.N || !eq(g.Mean, w.Mean) || !eq(g.Weight, w.Weight) || !eq(g.CILow, w.CILow) || !eq(g.CIHigh, w.CIHigh) || !eq(g.Salience, w.Salience) {
					t.Errorf("%s %s %s: got %+v, want %+v", want.Matrices[p].Period.Label, want.Rows[i], want.Themes[j], g, w)
				}
			}
		}
	}
}

func TestTemplateFilledReadsBackAsTheCSVDoes(t *testing.T) {
	dir := t.TempDir()
	xp := filepath.Join(dir, "coding.xlsx")
	if err := os.WriteFile(xp, fillTemplate(t, TemplateOptions{}), 0o644); err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(dir, "coding.csv")
	if err := os.WriteFile(cp, []byte(codedCSV()), 0o644); err != nil {
		t.Fatal(err)
	}
	xc, xres := readFile(t, xp)
	cc, cres := readFile(t, cp)
	if xres.Problems.Errors() > 0 || cres.Problems.Errors() > 0 {
		t.Fatalf("problems: xlsx %v; csv %v", xres.Problems, cres.Problems)
	}
	if len(xc.Statements) != len(codedRows) || xres.Rows != len(codedRows) {
		t.Fatalf("xlsx: %d statements of %d rows, want %d (the template's empty rows must be skipped)", len(xc.Statements), xres.Rows, len(codedRows))
	}
	for i, s := range xc.Statements {
		c := cc.Statements[i]
		if s.ID != c.ID || s.Actor != c.Actor || s.Theme != c.Theme || s.Stance != c.Stance || s.Date != c.Date ||
			s.Text != c.Text || s.Weight != c.Weight || s.Confidence != c.Confidence || s.URL != c.URL {
			t.Errorf("row %d: xlsx %+v\ncsv %+v", i, s, c)
		}
	}
	sameMatrices(t, matrices(t, xc), matrices(t, cc))
}

func TestTemplateProblemsNameSheetRowAndColumn(t *testing.T) {
	b := fillTemplate(t, TemplateOptions{Rows: 20})
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// Row 4 is codedRows[2]: give it a stance off the scale and a date a
	// spreadsheet user might type.
	f.SetCellStr(sheetStmts, "D4", "very much")
	f.SetCellStr(sheetStmts, "E4", "5/6/2013")
	path := filepath.Join(t.TempDir(), "coding.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	_, res := readFile(t, path)
	type place struct {
		file   string
		row    int
		column string
	}
	var got []place
	for _, p := range res.Problems {
		if p.Severity == data.SeverityError {
			got = append(got, place{filepath.Base(p.File), p.Row, p.Column})
		}
	}
	want := []place{{"coding.xlsx[Statements]", 4, "stance"}, {"coding.xlsx[Statements]", 4, "date"}}
	if !slices.Equal(got, want) {
		t.Fatalf("problems at %v, want %v (all: %v)", got, want, res.Problems)
	}
	if res.InvalidRows != 1 || len(res.Statements) != len(codedRows)-1 {
		t.Errorf("%d invalid rows, %d statements", res.InvalidRows, len(res.Statements))
	}
}

func TestTemplateHasDropDownsOnTheListsSheet(t *testing.T) {
	cb, reg := defaults(t)
	var b bytes.Buffer
	if err := WriteTemplate(&b, cb, reg, TemplateOptions{Rows: 50}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.GetSheetList(), []string{sheetInstructions, sheetStmts, sheetCodebook, sheetLists}; !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	if f.GetActiveSheetIndex() != 1 {
		t.Errorf("the template opens on sheet %d, not on Statements", f.GetActiveSheetIndex())
	}
	rows, _ := f.GetRows(sheetStmts)
	if !slices.Equal(rows[0], statementHeader()) {
		t.Errorf("header %v", rows[0])
	}
	dvs, err := f.GetDataValidations(sheetStmts)
	if err != nil {
		t.Fatal(err)
	}
	bySqref := map[string]*excelize.DataValidation{}
	for _, dv := range dvs {
		bySqref[dv.Sqref] = dv
	}
	nActors := reg.Len()
	for _, c := range []struct{ sqref, typ, formula string }{
		{"B2:B51", "list", fmt.Sprintf("'Lists'!$A$2:$A$%d", 1+nActors)},
		{"C2:C51", "list", fmt.Sprintf("'Lists'!$E$2:$E$%d", 1+len(cb.Themes))},
		{"D2:D51", "list", "'Lists'!$H$2:$H$11"},
		{"E2:E51", "custom", ""},
		{"K2:K51", "decimal", ""},
		{"M2:M51", "decimal", ""},
	} {
		dv := bySqref[c.sqref]
		if dv == nil {
			t.Errorf("no validation on %s (have %v)", c.sqref, keys(bySqref))
			continue
		}
		if dv.Type != c.typ || (c.formula != "" && dv.Formula1 != c.formula) {
			t.Errorf("%s: %s %q, want %s %q", c.sqref, dv.Type, dv.Formula1, c.typ, c.formula)
		}
	}
	// The list the actor drop-down points at holds every registry id,
	// far more than the 255 characters an inline list may have.
	lists, _ := f.GetRows(sheetLists)
	var ids []string
	for _, r := range lists[1:] {
		if len(r) > 0 && r[0] != "" {
			ids = append(ids, r[0])
		}
	}
	if len(ids) != nActors || len(strings.Join(ids, ",")) <= 255 {
		t.Errorf("%d actor ids on Lists (%d characters), want %d", len(ids), len(strings.Join(ids, ",")), nActors)
	}
	// The drop-down shows names with ids, by name, and each entry reads
	// back as its actor.
	if !slices.Contains(ids, "China (CHN)") || !slices.IsSorted(ids) {
		t.Errorf("actor entries %q…: want names with ids, sorted", ids[:5])
	}
	for i, e := range ids {
		if a, ok := reg.Resolve(e); !ok || a.ID != lists[i+1][1] {
			t.Errorf("drop-down entry %q does not read back as %s", e, lists[i+1][1])
		}
	}
	if style, _ := f.GetColStyle(sheetStmts, "E"); style == 0 {
		t.Error("the date column is not formatted as text")
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestTemplatePrefillReadsBackWithItsReviewColumnIgnored(t *testing.T) {
	c, _, err := data.SampleCorpus()
	if err != nil {
		t.Fatal(err)
	}
	pre := c.Statements[:5]
	b := fillTemplate(t, TemplateOptions{Rows: 10, Prefill: pre})
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	head, _ := f.GetRows(sheetStmts)
	if got := strings.Join(head[0][len(head[0])-3:], ","); got != "review,reviewer,suggested" {
		t.Fatalf("last headers %q, want review,reviewer,suggested", got)
	}
	f.SetCellStr(sheetStmts, "P2", "accept")
	f.SetCellStr(sheetStmts, "Q2", "Ana")
	path := filepath.Join(t.TempDir(), "review.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	got, res := readFile(t, path)
	if res.Problems.Errors() > 0 {
		t.Fatalf("problems: %v", res.Problems)
	}
	if len(got.Statements) != len(pre)+len(codedRows) {
		t.Fatalf("%d statements, want %d", len(got.Statements), len(pre)+len(codedRows))
	}
	for i, s := range pre {
		g := got.Statements[i]
		if g.ID != s.ID || g.Actor != s.Actor || g.Stance != s.Stance || g.Date != s.Date || g.Text != s.Text {
			t.Errorf("prefilled row %d: %+v, want %+v", i, g, s)
		}
		// The first is accepted by Ana; the others are not reviewed and
		// stay as they were.
		if i == 0 && (g.Origin != data.OriginReviewed || g.Coder != "Ana" || g.Note != s.Note+"; review: accepted by Ana") {
			t.Errorf("accepted row: origin %q coder %q note %q", g.Origin, g.Coder, g.Note)
		}
		if i > 0 && (g.Origin != s.Origin || g.Coder != s.Coder || g.Note != s.Note) {
			t.Errorf("row %d not reviewed, but read as origin %q coder %q note %q", i, g.Origin, g.Coder, g.Note)
		}
	}
	for _, p := range res.Problems {
		if p.Code == data.CodeUnknownColumn {
			t.Errorf("a review column is reported unknown: %v", p)
		}
	}
	if res.Review.Accepted != 1 || res.Review.Corrected != 0 || len(res.Review.Rejected) != 0 {
		t.Errorf("review %+v, want 1 accepted", res.Review)
	}
}

func TestTemplateIsDeterministic(t *testing.T) {
	cb, reg := defaults(t)
	write := func() []byte {
		var b bytes.Buffer
		if err := WriteTemplate(&b, cb, reg, TemplateOptions{Rows: 30}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if !bytes.Equal(write(), write()) {
		t.Fatal("the same template twice gave different bytes")
	}
}
