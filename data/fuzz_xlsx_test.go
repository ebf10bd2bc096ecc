package data

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxSeed builds a small workbook with excelize: each sheet's rows as
// given, cell types as the Go values are.
func xlsxSeed(f *testing.F, sheets map[string][][]any, order ...string) []byte {
	f.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, name := range order {
		if i == 0 {
			x.SetSheetName("Sheet1", name)
		} else if _, err := x.NewSheet(name); err != nil {
			f.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := x.SetSheetRow(name, cell, &row); err != nil {
				f.Fatal(err)
			}
		}
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzReadStatementsXLSX feeds damaged workbooks to the XLSX reader and
// the statement checks: no panic, an error that names the file, rows in
// sheet order with at least the header's cells, every row accounted for.
func FuzzReadStatementsXLSX(f *testing.F) {
	header := []any{"actor", "theme", "stance", "date", "text"}
	f.Add(xlsxSeed(f, map[string][][]any{"Statements": {
		header,
		{"CHN", "sovereignty", 2, "2016", "Cyber sovereignty."},
		{"GBR", "openness", "support", time.Date(2013, 10, 17, 0, 0, 0, 0, time.UTC), nil},
		{"=HYPERLINK(\"http://x\")", "openness", 1.5, 2013, "\x00\t"},
	}}, "Statements"))
	f.Add(xlsxSeed(f, map[string][][]any{
		"Notes":  {{"title row"}},
		"Sheet2": {{"Survey of positions"}, {}, header, {"USA", "openness", -1, "2013-11", ""}, {"", "", "", "", ""}},
	}, "Notes", "Sheet2"))
	f.Add(xlsxSeed(f, map[string][][]any{"Data": {{"actor", "actor", ""}, {"KOR", "KOR"}}}, "Data"))
	f.Add([]byte("PK\x03\x04 not really a workbook"))
	reg, _ := DefaultRegistry()
	cb, _ := DefaultCodebook()
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := ParseTable(bytes.NewReader(b), "fuzz.xlsx", TableOptions{IsHeader: looksLikeHeader(statementSynonyms)})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.xlsx") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		prev := tab.HeaderRow
		for _, r := range tab.Records {
			if r.Row <= prev {
				t.Fatalf("row %d after row %d", r.Row, prev)
			}
			if len(r.Cells) < len(tab.Header) {
				t.Fatalf("row %d has %d cells, the header %d", r.Row, len(r.Cells), len(tab.Header))
			}
			prev = r.Row
		}
		res := ReadStatementsTable(tab, ReadOptions{Registry: reg, Codebook: cb})
		if res.Rows != len(res.Statements)+res.InvalidRows+len(res.Review.Rejected) {
			t.Fatalf("rows not conserved: %d read, %d valid, %d invalid, %d rejected", res.Rows, len(res.Statements), res.InvalidRows, len(res.Review.Rejected))
		}
		for _, p := range res.Problems {
			if !strings.HasPrefix(p.File, "fuzz.xlsx") || p.Row < 0 {
				t.Fatalf("misplaced problem %+v", p)
			}
		}
	})
}
