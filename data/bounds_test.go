package data

import (
	"fmt"
	"strings"
	"testing"
)

// A record past maxCSVRecordBytes (a quote that never closes) is
// reported at its line and reading goes on after it, the rows there
// kept.
func TestCSVRecordBudget(t *testing.T) {
	old := maxCSVRecordBytes
	maxCSVRecordBytes = 1 << 10
	defer func() { maxCSVRecordBytes = old }()
	var b strings.Builder
	b.WriteString("actor,theme,stance,date,text\nCHN,sovereignty,2,2015,\"never closed\n")
	for i := range 200 {
		fmt.Fprintf(&b, "USA,openness,1,2016,row %d\n", i)
	}
	tab, err := ParseTable(strings.NewReader(b.String()), "q.csv", TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Records) != 200 {
		t.Errorf("%d records, want the 200 after the broken line", len(tab.Records))
	}
	if len(tab.Problems) != 1 || tab.Problems[0].Row != 2 || !strings.Contains(tab.Problems[0].Message, "runs past 1 KB") {
		t.Errorf("problems: %v", tab.Problems)
	}
}

// Rows and columns past a spreadsheet's limits, references that would
// overflow, and the limits themselves.
func TestCellRef(t *testing.T) {
	for _, c := range []struct {
		ref      string
		col, row int
		ok       bool
	}{
		{"A1", 1, 1, true}, {"XFD1048576", 16384, 1048576, true}, {"xfd2", 16384, 2, true},
		{"XFE1", 16385, 1, true}, {"A", 0, 0, false}, {"1", 0, 0, false}, {"A1B", 0, 0, false},
	} {
		col, row, ok := cellRef(c.ref)
		if ok != c.ok || (ok && (col != c.col || row != c.row)) {
			t.Errorf("cellRef(%q) = %d, %d, %v; want %d, %d, %v", c.ref, col, row, ok, c.col, c.row, c.ok)
		}
	}
	// Very long references stay past the limits instead of wrapping.
	col, row, ok := cellRef(strings.Repeat("Z", 40) + strings.Repeat("9", 40))
	if !ok || col <= maxSheetCols || row <= maxSheetRows {
		t.Errorf("long reference: %d, %d, %v", col, row, ok)
	}
}

// FuzzSheetXML streams any worksheet XML: no panic, rows and columns
// within the spreadsheet's limits, every refusal a sheetRefusal or an
// XML error.
func FuzzSheetXML(f *testing.F) {
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>actor</t></is></c></row></sheetData></worksheet>`)
	f.Add(`<worksheet><sheetData><row r="30000000"><c r="XFD30000000"><v>1</v></c></row></sheetData></worksheet>`)
	f.Add(`<!DOCTYPE x [<!ENTITY a "b">]><worksheet><sheetData><row><c><v>&a;</v></c></row></sheetData></worksheet>`)
	f.Add(`<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>7</v></c><c><v>2</v></c></row><mergeCells><mergeCell ref="A1:XFD9"/></mergeCells></sheetData></worksheet>`)
	f.Fuzz(func(t *testing.T, x string) {
		cv := &xlsxCells{kinds: map[int]numKind{}, counts: map[numKind]int{}}
		rows, merged, err := streamSheetSparse(strings.NewReader(x), []string{"a", "b"}, cv, 0)
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.num > maxSheetRows {
				t.Fatalf("row %d past the limit", r.num)
			}
			for _, c := range r.cells {
				if c.col > maxSheetCols {
					t.Fatalf("column %d past the limit", c.col)
				}
			}
		}
		clearMergedSparse(merged, rows)
		tab := &Table{Name: "f.xlsx", Format: "xlsx"}
		rt := &rowTable{}
		if p := addSheetRows(tab, rt, rows, TableOptions{}); p != nil && !p.Unusable {
			t.Fatalf("a refusal that is not unusable: %v", p)
		}
	})
}
