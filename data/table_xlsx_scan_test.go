package data

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sheetSeeds are worksheet XML as Excel, LibreOffice, openpyxl and
// excelize write it (the first three), eight ways of writing it that
// scanSheet leaves to encoding/xml, and odd cases both read alike.
var sheetSeeds = []string{
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n" + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Côte d&apos;Ivoire &amp; co</t></is></c><c r="C3" s="1"><v>41640</v></c><c r="D3" t="b"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A5:B5"/></mergeCells></worksheet>`,
	`<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:r><x:t xml:space="preserve">a </x:t></x:r><x:r><x:t>b</x:t></x:r></x:is></x:c><x:c/><x:c><x:v>2.5</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
	"<worksheet><sheetData><row r=\"2\"><c r=\"B2\" t=\"str\"><v>&#x41;&#66;\t</v></c><c t=\"d\"><v>2013-11-05T00:00:00</v></c><c t=\"e\"><v>#N/A</v></c></row><row/><row r='4'><c r='A4' t='n'><v> 7 </v></c></row></sheetData></worksheet>",
	`<worksheet><sheetData><row><c><v>1</v></c></row></sheetData><!-- a comment --></worksheet>`,
	"<worksheet><sheetData><row><c><v>1\r\n</v></c></row></sheetData></worksheet>",
	`<worksheet><sheetData><row><c><v>&nbsp;</v></c></row></sheetData></worksheet>`,
	`<worksheet><sheetData><row><c><v><![CDATA[x]]></v></c></row></sheetData></worksheet>`,
	`<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>`,
	`<worksheet><sheetData><row><c><v>1</v></c></row>`,
	`<?xml version="1.1"?><worksheet/>`,
	`<?xml version="1.0" encoding="ISO-8859-1"?><worksheet/>`,
	`<worksheet><sheetData><row><c r="A1" t="s"><v>7</v></c><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`,
	`<worksheet><sheetData><row><c r="A1" r="B1"><v>1</v></c></row></sheetData></worksheet>`,
}

func checkScanSheet(t *testing.T, f *excelize.File, x []byte, maxRows int) {
	t.Helper()
	sst := []string{"id", "actor", "x"}
	fast, slow := newXLSXCells(f, "Sheet1"), newXLSXCells(f, "Sheet1")
	rows, merged, ok := scanSheet(x, sst, fast, maxRows)
	if !ok {
		if len(fast.counts) != 0 {
			t.Fatalf("%q: declined, but left counts %v", x, fast.counts)
		}
		return
	}
	want, wantMerged, err := streamSheetFrom(bytes.NewReader(x), sst, slow, maxRows)
	if err != nil {
		t.Fatalf("%q: scanSheet accepted what encoding/xml refuses (%v)", x, err)
	}
	if !reflect.DeepEqual(rows, want) || !reflect.DeepEqual(merged, wantMerged) || !reflect.DeepEqual(fast.counts, slow.counts) {
		t.Fatalf("%q (max %d rows):\nscanSheet   %q %q %v\nstreamSheet %q %q %v", x, maxRows, rows, merged, fast.counts, want, wantMerged, slow.counts)
	}
}

// Whatever scanSheet reads, streamSheet (encoding/xml) reads the same.
func FuzzScanSheet(f *testing.F) {
	for _, s := range sheetSeeds {
		f.Add(s, 0)
	}
	x := excelize.NewFile() // read only: styles and workbook properties
	defer x.Close()
	f.Fuzz(func(t *testing.T, s string, maxRows int) {
		checkScanSheet(t, x, []byte(s), maxRows%4)
	})
}

// The seeds that spreadsheet programs write are read by scanSheet, not
// declined.
func TestScanSheetReadsTheUsualXML(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheetSeeds[:3] {
		if _, _, ok := scanSheet([]byte(s), []string{"a", "b"}, newXLSXCells(f, "Sheet1"), 0); !ok {
			t.Errorf("seed %d declined", i)
		}
	}
	for i, s := range sheetSeeds[3:11] {
		if _, _, ok := scanSheet([]byte(s), []string{"a", "b"}, newXLSXCells(f, "Sheet1"), 0); ok {
			t.Errorf("seed %d (%.40q…) accepted; it should be left to encoding/xml", i+3, s)
		}
	}
}
