package data

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// HeaderOnly finds the same header as a full read, from far fewer rows.
func TestHeaderOnly(t *testing.T) {
	var b strings.Builder
	b.WriteString("Coded statements, 2024\n\nid,actor,theme,stance,date\n")
	for i := 0; b.Len() < 3*headerOnlyBytes; i++ {
		fmt.Fprintf(&b, "s%d,USA,openness,1,2015-06-01\n", i)
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	full, err := ReadTable(path, TableOptions{IsHeader: LooksLikeAnyHeader})
	if err != nil {
		t.Fatal(err)
	}
	peek, err := ReadTable(path, TableOptions{IsHeader: LooksLikeAnyHeader, HeaderOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(peek.Header, full.Header) || peek.HeaderRow != 3 || full.HeaderRow != 3 {
		t.Errorf("header %v at %d, full read %v at %d", peek.Header, peek.HeaderRow, full.Header, full.HeaderRow)
	}
	if len(peek.Records) >= len(full.Records)/2 || len(peek.Records) == 0 {
		t.Errorf("%d records read for the header, %d in all", len(peek.Records), len(full.Records))
	}

	// A worksheet large enough to be streamed stops after the first rows.
	old := streamSheetBytes
	streamSheetBytes = 0
	defer func() { streamSheetBytes = old }()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Coded statements"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"id", "actor", "theme", "stance", "date"})
	for i := 4; i < 400; i++ {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i), &[]any{fmt.Sprintf("s%d", i), "USA", "openness", 1, "2015"})
	}
	var x bytes.Buffer
	if err := f.Write(&x); err != nil {
		t.Fatal(err)
	}
	full, err = ParseTable(bytes.NewReader(x.Bytes()), "big.xlsx", TableOptions{IsHeader: LooksLikeAnyHeader})
	if err != nil {
		t.Fatal(err)
	}
	peek, err = ParseTable(bytes.NewReader(x.Bytes()), "big.xlsx", TableOptions{IsHeader: LooksLikeAnyHeader, HeaderOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(peek.Header, full.Header) || peek.HeaderRow != 3 || len(full.Records) != 396 || len(peek.Records) > 2*headerSearchRows {
		t.Errorf("header %v at %d with %d records; full read %v at %d with %d", peek.Header, peek.HeaderRow, len(peek.Records),
			full.Header, full.HeaderRow, len(full.Records))
	}
}
