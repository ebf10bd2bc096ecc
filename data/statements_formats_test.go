package data

import (
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestStatementsFromXLSX reads a workbook as analysts make them: a title
// row above the header, the data on a sheet called Statements that is
// not the first, a real date cell and a stance typed as a number.
func TestStatementsFromXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "coded.xlsx")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Notes")
	f.SetCellValue("Notes", "A1", "coding notes, not data")
	f.NewSheet("Statements")
	rows := [][]any{
		{"Positions coded from the Seoul conference"},
		{"Actor", "Theme", "Stance", "Date", "Text"},
		{"United Kingdom", "openness", 2, nil, "Hague on openness"},
		{"KOR", "digital_divide", "strongly support", "2013-10-17", "Park on the divide"},
		{"KOR", "digital_divide", 7, "2013", "out of scale"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Statements", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellValue("Statements", "D3", mustDate(t, "2013-10-17"))
	f.SetCellStyle("Statements", "D3", "D3", style)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	res, err := ReadStatements([]string{path}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Statements) != 2 || res.InvalidRows != 1 {
		t.Fatalf("got %d statements and %d invalid rows, want 2 and 1: %v", len(res.Statements), res.InvalidRows, res.Problems)
	}
	g := res.Statements[0]
	if g.Actor != "GBR" || g.Stance != 2 || g.Date.String() != "2013-10-17" || g.Pos.Row != 3 {
		t.Errorf("first statement %+v", g)
	}
	want := path + `[Statements]:5:Stance: stance is not on the scale (found "7", ` + stanceHint + `)`
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.Error())
	}
	if len(got) != 1 || got[0] != want {
		t.Errorf("problems %q, want %q", got, want)
	}
}

func TestStatementsFromJSONAndGzip(t *testing.T) {
	dir := t.TempDir()
	js := filepath.Join(dir, "s.json")
	os.WriteFile(js, []byte(`{"statements": [
  {"actor": "CHN", "theme": "sovereignty", "stance": 2, "date": "2016-07-11", "weight": 0.5},
  {"actor": "USA", "theme": "openness", "stance": "support", "date": 2016},
  {"actor": "RUS", "theme": "openness", "stance": -1, "date": "July 2016"}
]}`), 0o644)
	gz := filepath.Join(dir, "s.jsonl.gz")
	out, _ := os.Create(gz)
	zw := gzip.NewWriter(out)
	zw.Write([]byte(`{"actor":"GBR","theme":"openness","stance":2,"date":"2013-10-17"}` + "\n" +
		`{"actor":"GBR","theme":"openness","stance":2,"date":"2013-10-17","text":{"nested":true}}` + "\n"))
	zw.Close()
	out.Close()
	res, err := ReadStatements([]string{js, gz}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 5 || len(res.Statements) != 3 || res.InvalidRows != 2 {
		t.Fatalf("rows %d statements %d invalid %d; problems %v", res.Rows, len(res.Statements), res.InvalidRows, res.Problems)
	}
	if s := res.Statements[0]; s.Weight != 0.5 || s.Stance != 2 {
		t.Errorf("weight or stance lost: %+v", s)
	}
	if s := res.Statements[1]; s.Stance != 1 || s.Date.Precision != PrecisionYear {
		t.Errorf("label stance or year date lost: %+v", s)
	}
	var where []string
	for _, p := range res.Problems {
		if p.Severity == SeverityError {
			where = append(where, p.File+":"+string(p.Code))
		}
	}
	if strings.Join(where, " ") != js+":bad-date "+gz+":nested-value" {
		t.Errorf("problems at %v", where)
	}
}

func mustDate(t *testing.T, s string) any {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d.First()
}

// TestWorkbookOverTheUnzipLimitIsRefused lowers the decompressed-size
// bound to show that a workbook past it (a zip bomb, at full scale) is
// refused with a clear reason instead of filling the memory.
func TestWorkbookOverTheUnzipLimitIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.xlsx")
	f := excelize.NewFile()
	for i := 1; i <= 2000; i++ {
		f.SetCellValue("Sheet1", "A"+strconv.Itoa(i), strings.Repeat("x", 50))
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	old, oldXML := maxUnzipped, maxUnzippedXML
	maxUnzipped, maxUnzippedXML = 64<<10, 16<<10
	defer func() { maxUnzipped, maxUnzippedXML = old, oldXML }()
	_, err := ReadStatements([]string{path}, ReadOptions{})
	var p *Problem
	if !errors.As(err, &p) || p.Code != "too-large" || !strings.Contains(err.Error(), "zip bomb") {
		t.Fatalf("got %v, want a too-large problem", err)
	}
}
