package data

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestXLSXStreamingPath runs the XLSX tests again with every sheet read
// by the streaming decoder (normally kept for sheets over 32 MB of XML):
// the same values, rows, notes and problems must come out.
func TestXLSXStreamingPath(t *testing.T) {
	old := streamSheetBytes
	streamSheetBytes = 0
	defer func() { streamSheetBytes = old }()
	t.Run("ReadXLSX", TestReadXLSX)
	t.Run("StatementsFromXLSX", TestStatementsFromXLSX)
	t.Run("UNGDCSpeakers", TestReadTableUNGDCSpeakers)
}

// TestXLSXStreamingMatchesExcelize reads workbooks written by other
// programs both ways and compares the tables whole.
func TestXLSXStreamingMatchesExcelize(t *testing.T) {
	files := []string{"../reports/xlsx/testdata/filled-libreoffice.xlsx"}
	if _, err := ReadTable("../../shared/data/ungdc_speakers_by_session.xlsx", TableOptions{}); err == nil {
		files = append(files, "../../shared/data/ungdc_speakers_by_session.xlsx")
	}
	for _, f := range files {
		usual, err1 := ReadTable(f, TableOptions{})
		old := streamSheetBytes
		streamSheetBytes = 0
		streamed, err2 := ReadTable(f, TableOptions{})
		streamSheetBytes = old
		if (err1 == nil) != (err2 == nil) {
			t.Errorf("%s: errors differ: %v / %v", f, err1, err2)
			continue
		}
		if err1 != nil {
			continue
		}
		if !reflect.DeepEqual(usual.Header, streamed.Header) || !reflect.DeepEqual(usual.Records, streamed.Records) ||
			!reflect.DeepEqual(usual.Notes, streamed.Notes) || len(usual.Problems) != len(streamed.Problems) {
			t.Errorf("%s: the two paths differ\nusual    %d records, notes %q\nstreamed %d records, notes %q",
				f, len(usual.Records), usual.Notes, len(streamed.Records), streamed.Notes)
		}
	}
}

// TestXLSXStreamingIsTaken makes sure the comparison above compares
// something: with the threshold at 0, the streaming decoder reads the
// workbooks of other programs.
func TestXLSXStreamingIsTaken(t *testing.T) {
	old := streamSheetBytes
	streamSheetBytes = 0
	defer func() { streamSheetBytes = old }()
	for _, f := range []string{"../reports/xlsx/testdata/filled-libreoffice.xlsx"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tab, err := ParseTable(bytes.NewReader(b), f, TableOptions{})
		if err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		rows, _, ok, err := readSheetStreaming(b, tab.Sheet, newXLSXCells(x, tab.Sheet), 0)
		if !ok || err != nil || len(rows) < len(tab.Records) {
			t.Errorf("%s: the streaming decoder was not used (%v, %d rows)", f, err, len(rows))
		}
		x.Close()
	}
}
