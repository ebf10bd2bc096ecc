package data

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// headerWords is the IsHeader the tests use: a row naming two of the
// statement columns. It is written here rather than taken from
// columns.go so that these tests pin the table layer alone.
func headerWords(cells []string) bool {
	n := 0
	for _, c := range cells {
		switch strings.ToLower(c) {
		case "actor", "theme", "stance", "date", "text":
			n++
		}
	}
	return n >= 2
}

type wantProblem struct {
	code     string
	row      int
	column   string
	severity Severity
	contains string // a piece of the message
}

type tableCase struct {
	name      string
	file      string // under testdata/tables
	opt       TableOptions
	format    string
	encoding  string
	delim     rune
	header    []string
	headerRow int
	records   []Record
	notes     []string // each names a piece of one note, in order; no other notes
	problems  []wantProblem
}

func trec(row int, cells ...string) Record { return Record{Row: row, Cells: cells} }

func checkTable(t *testing.T, tc tableCase, tab *Table) {
	t.Helper()
	if tab.Format != tc.format || tab.Encoding != tc.encoding || tab.Delimiter != tc.delim {
		t.Errorf("format, encoding, delimiter = %q, %q, %q; want %q, %q, %q",
			tab.Format, tab.Encoding, tab.Delimiter, tc.format, tc.encoding, tc.delim)
	}
	if !reflect.DeepEqual(tab.Header, tc.header) || tab.HeaderRow != tc.headerRow {
		t.Errorf("header = %q at row %d; want %q at row %d", tab.Header, tab.HeaderRow, tc.header, tc.headerRow)
	}
	if (len(tab.Records) > 0 || len(tc.records) > 0) && !reflect.DeepEqual(tab.Records, tc.records) {
		t.Errorf("records:\n got  %+v\n want %+v", tab.Records, tc.records)
	}
	if len(tab.Notes) != len(tc.notes) {
		t.Errorf("notes = %q; want %d notes like %q", tab.Notes, len(tc.notes), tc.notes)
	} else {
		for i, n := range tc.notes {
			if !strings.Contains(tab.Notes[i], n) {
				t.Errorf("note %d = %q; want it to contain %q", i, tab.Notes[i], n)
			}
		}
	}
	if len(tab.Problems) != len(tc.problems) {
		t.Errorf("problems = %v; want %d", tab.Problems, len(tc.problems))
		return
	}
	for i, w := range tc.problems {
		p := tab.Problems[i]
		if string(p.Code) != w.code || p.Row != w.row || p.Column != w.column || p.Severity != w.severity ||
			!strings.Contains(p.Message, w.contains) || p.File != tab.Name || p.Unusable {
			t.Errorf("problem %d = %+v; want code %s, row %d, column %q, %s, message with %q, file %q",
				i, *p, w.code, w.row, w.column, w.severity, w.contains, tab.Name)
		}
	}
}

func TestReadTable(t *testing.T) {
	statementHeader := []string{"actor", "theme", "stance", "date"}
	cases := []tableCase{
		{name: "comma delimiter is sniffed and needs no note", file: "comma.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: statementHeader, headerRow: 1,
			records: []Record{trec(2, "CHN", "sovereignty", "2", "2014"), trec(3, "USA", "openness", "1", "2013-10")}},
		{name: "semicolon is sniffed though the text column holds commas", file: "semicolon_commas.csv",
			format: "csv", encoding: "utf-8", delim: ';', header: []string{"actor", "theme", "stance", "date", "text"}, headerRow: 1,
			records: []Record{
				trec(2, "GBR", "openness", "2", "2013-10-17", "Hague: openness, freedom, and growth"),
				trec(3, "CHN", "sovereignty", "2", "2014", "order, stability"),
				trec(4, "RUS", "sovereignty", "1", "2014", "no commas here")},
			notes: []string{"delimiter ';' detected"}},
		{name: "tab is sniffed in a .txt file", file: "tab.txt",
			format: "csv", encoding: "utf-8", delim: '\t', header: statementHeader, headerRow: 1,
			records: []Record{trec(2, "CHN", "sovereignty", "2", "2014"), trec(3, "USA", "openness", "1", "2013")},
			notes:   []string{"delimiter tab detected"}},
		{name: "vertical bar is sniffed", file: "pipe.csv",
			format: "csv", encoding: "utf-8", delim: '|', header: []string{"actor", "theme", "stance"}, headerRow: 1,
			records: []Record{trec(2, "CHN", "sovereignty", "2"), trec(3, "USA", "openness", "1")},
			notes:   []string{"delimiter '|' (vertical bar) detected"}},
		{name: ".tsv means tab even where commas outnumber tabs", file: "commas_in_cells.tsv",
			format: "csv", encoding: "utf-8", delim: '\t', header: []string{"actor", "text"}, headerRow: 1,
			records: []Record{trec(2, "CHN", "one, two, three; four"), trec(3, "USA", "five, six")}},
		{name: "a sep= first line names the delimiter and is no row", file: "sep_line.csv",
			format: "csv", encoding: "utf-8", delim: ';', header: []string{"actor", "theme"}, headerRow: 2,
			records: []Record{trec(3, "CHN", "sovereignty,order")},
			notes:   []string{`delimiter ';' set by the file's first line "sep=;"`}},
		{name: "UTF-8 byte order mark is dropped from the first header cell", file: "bom.csv",
			format: "csv", encoding: "utf-8 (BOM)", delim: ',', header: []string{"Actor", "Theme"}, headerRow: 1,
			records: []Record{trec(2, "CHN", "sovereignty")}},
		{name: "a byte order mark inside the file (two files pasted together) is trimmed from its cell", file: "bom_in_cell.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: []string{"actor", "theme"}, headerRow: 1,
			records: []Record{trec(2, "CHN", "sovereignty")}},
		{name: "a header without rows is a table with no records", file: "header_only.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: statementHeader, headerRow: 1},
		{name: "UTF-16LE with BOM, tabs and CRLF as Excel's Unicode text", file: "excel_unicode.txt",
			format: "csv", encoding: "utf-16le", delim: '\t', header: []string{"actor", "theme", "text"}, headerRow: 1,
			records: []Record{trec(2, "CHN", "sovereignty", "Sécurité 中国"), trec(3, "USA", "openness", "free flow")},
			notes:   []string{"converted from UTF-16LE", "delimiter tab detected"}},
		{name: "UTF-16LE without BOM is recognised by its zero bytes", file: "utf16le_nobom.csv",
			format: "csv", encoding: "utf-16le", delim: ',', header: []string{"actor", "theme"}, headerRow: 1,
			records: []Record{trec(2, "FRA", "openness")},
			notes:   []string{"converted from UTF-16LE (no byte order mark"}},
		{name: "UTF-16BE with BOM", file: "utf16be.csv",
			format: "csv", encoding: "utf-16be", delim: ',', header: []string{"actor", "theme"}, headerRow: 1,
			records: []Record{trec(2, "DEU", "openness")},
			notes:   []string{"converted from UTF-16BE"}},
		{name: "Windows-1252 bytes (é as 0xE9, € as 0x80) are converted", file: "windows1252.csv",
			format: "csv", encoding: "windows-1252", delim: ';', header: []string{"actor", "theme", "text"}, headerRow: 1,
			records: []Record{trec(2, "FRA", "openness", "Liberté, égalité – “free” flow €5")},
			notes:   []string{"converted from Windows-1252", "delimiter ';' detected"}},
		{name: "a stray non-UTF-8 byte in a UTF-8 file is read as Windows-1252 and reported", file: "mixed.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: []string{"actor", "text"}, headerRow: 1,
			records:  []Record{trec(2, "CHN", "中国 said so"), trec(3, "FRA", "café")},
			notes:    []string{"1 byte is not UTF-8 and read as Windows-1252 (first on line 3)"},
			problems: []wantProblem{{"mixed-encoding", 3, "", SeverityWarning, "1 byte is not"}}},
		{name: "a quoted cell spanning lines leaves the next record on its true line", file: "multiline.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: []string{"actor", "text", "stance"}, headerRow: 1,
			records: []Record{trec(2, "CHN", "first line\nsecond line\nthird line", "2"), trec(5, "USA", "short", "1")}},
		{name: "ragged rows are kept as long or as short as they are", file: "ragged.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: statementHeader, headerRow: 1,
			records: []Record{
				trec(2, "CHN", "sovereignty"),
				trec(3, "USA", "openness", "1", "2013", "extra", "more"),
				trec(4, "GBR", "openness", "2", "2013")}},
		{name: "blank lines and lines of empty cells are skipped and listed", file: "blank_rows.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: []string{"actor", "theme"}, headerRow: 1,
			records: []Record{trec(3, "CHN", "sovereignty"), trec(6, "USA", "openness")},
			notes:   []string{"4 blank rows ignored (lines 2, 4, 5, 7)"}},
		{name: "a title row above the header is skipped via IsHeader", file: "title.csv", opt: TableOptions{IsHeader: headerWords},
			format: "csv", encoding: "utf-8", delim: ',', header: []string{"actor", "theme", "stance"}, headerRow: 2,
			records: []Record{trec(3, "KOR", "openness", "1")},
			notes:   []string{`1 line above the header skipped (line 1: "Coded statements | Seoul 2013")`}},
		{name: "without IsHeader the first non-blank row is the header", file: "title.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: []string{"Coded statements", "Seoul 2013", "", ""}, headerRow: 1,
			records: []Record{trec(2, "actor", "theme", "stance"), trec(3, "KOR", "openness", "1")}},
		{name: "cells and header cells are trimmed", file: "spaces.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: []string{"actor", "theme"}, headerRow: 1,
			records: []Record{trec(2, "CHN", "sovereignty")}},
		{name: "carriage-return-only line ends are line breaks", file: "mac_cr.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: []string{"actor", "theme"}, headerRow: 1,
			records: []Record{trec(2, "CHN", "sovereignty"), trec(3, "USA", "openness")},
			notes:   []string{"carriage returns only"}},
		{name: "a quote inside an unquoted cell is kept literally with a warning", file: "bare_quote.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: []string{"actor", "text", "stance"}, headerRow: 1,
			records:  []Record{trec(2, "CHN", `He said "no" twice`, "2"), trec(3, "USA", "plain", "1")},
			problems: []wantProblem{{"csv-syntax", 2, "", SeverityWarning, "line 2, column 13"}}},
		{name: "text after a closing quote skips that line only, with line and column", file: "quote_error.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: []string{"actor", "theme", "stance"}, headerRow: 1,
			records:  []Record{trec(2, "CHN", "sovereignty", "2"), trec(4, "GBR", "openness", "2")},
			problems: []wantProblem{{"csv-syntax", 3, "", SeverityError, "line 3, column 14"}}},
		{name: "a quote that never closes loses its line, not the rest of the file", file: "unclosed_quote.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: []string{"actor", "theme", "stance"}, headerRow: 1,
			records:  []Record{trec(2, "CHN", "sovereignty", "2"), trec(4, "GBR", "openness", "2"), trec(5, "FRA", "openness", "1")},
			problems: []wantProblem{{"csv-syntax", 3, "", SeverityError, "opened at column 5 never closes"}}},
		{name: ".csv.gz is decompressed", file: "statements.csv.gz",
			format: "csv", encoding: "utf-8", delim: ',', header: statementHeader, headerRow: 1,
			records: []Record{trec(2, "CHN", "sovereignty", "2", "2014"), trec(3, "USA", "openness", "1", "2013-10")}},
		{name: "gzip is recognised by its magic bytes without a .gz name", file: "gzip_unnamed.csv",
			format: "csv", encoding: "utf-8", delim: ',', header: statementHeader, headerRow: 1,
			records: []Record{trec(2, "CHN", "sovereignty", "2", "2014"), trec(3, "USA", "openness", "1", "2013-10")},
			notes:   []string{"gzip-compressed content detected"}},
		{name: "JSON array: union of keys, shortest numbers, bool and null, rows where objects start", file: "array.json",
			format: "json", encoding: "utf-8",
			header: []string{"actor", "theme", "stance", "date", "weight", "verified", "note"},
			records: []Record{
				trec(2, "CHN", "sovereignty", "2", "2014", "", "", ""),
				trec(3, "USA", "openness", "-1", "", "0.5", "true", "")}},
		{name: `JSON object wrapping the records: {"statements": [...]}`, file: "wrapped.json",
			format: "json", encoding: "utf-8", header: []string{"actor", "theme", "stance"},
			records: []Record{trec(3, "CHN", "sovereignty", "2"), trec(4, "USA", "openness", "1")},
			notes:   []string{`records read from the member "statements"; other members ignored: "version"`}},
		{name: "JSON Lines with a broken line reports it and reads the others", file: "broken.jsonl",
			format: "jsonl", encoding: "utf-8", header: []string{"actor", "stance"},
			records:  []Record{trec(1, "CHN", "2"), trec(2, "USA", "1"), trec(4, "FRA", "-2")},
			problems: []wantProblem{{"json-syntax", 3, "", SeverityError, "not valid JSON"}}},
		{name: "JSON Lines with a line of bad syntax names its column", file: "badline.jsonl",
			format: "jsonl", encoding: "utf-8", header: []string{"actor"},
			records:  []Record{trec(1, "CHN")},
			problems: []wantProblem{{"json-syntax", 2, "", SeverityError, "at column 17"}}},
		{name: ".jsonl.gz is decompressed", file: "statements.jsonl.gz",
			format: "jsonl", encoding: "utf-8", header: []string{"actor", "stance"},
			records: []Record{trec(1, "CHN", "2"), trec(2, "USA", "1")}},
		{name: ".ndjson is JSON Lines", file: "records.ndjson",
			format: "jsonl", encoding: "utf-8", header: []string{"actor", "theme"},
			records: []Record{trec(1, "CHN", ""), trec(2, "USA", "openness")}},
		{name: "a .json file of one object per line is read as JSON Lines", file: "lines.json",
			format: "jsonl", encoding: "utf-8", header: []string{"actor", "theme", "stance"},
			records: []Record{trec(1, "CHN", "sovereignty", ""), trec(3, "USA", "openness", "1")},
			notes:   []string{"read as JSON Lines", "1 blank row ignored (line 2)"}},
		{name: "a nested value is reported under its key and its cell left empty", file: "nested.json",
			format: "json", encoding: "utf-8", header: []string{"actor", "tags", "stance"},
			records:  []Record{trec(2, "CHN", "", "2"), trec(3, "USA", "x", "1")},
			problems: []wantProblem{{"nested-value", 2, "tags", SeverityError, "is a list"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join("testdata", "tables", tc.file)
			tab, err := ReadTable(path, tc.opt)
			if err != nil {
				t.Fatalf("ReadTable(%s): %v", path, err)
			}
			if tab.Name != path {
				t.Errorf("Name = %q, want %q", tab.Name, path)
			}
			checkTable(t, tc, tab)
		})
	}
}

func TestReadTableUnusable(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name     string
		path     string
		code     string
		row      int
		contains string
	}{
		{"empty file", "testdata/tables/empty.csv", "empty-file", 0, "empty (0 bytes)"},
		{"a file of blank lines only", "testdata/tables/whitespace_only.csv", "empty-file", 0, "only blank lines"},
		{"gzip of nothing", "testdata/tables/empty.csv.gz", "empty-file", 0, "holds 0 bytes"},
		{"damaged gzip", "testdata/tables/damaged.csv.gz", "bad-gzip", 0, "damaged or cut short"},
		{"missing file", "testdata/tables/no-such-file.csv", "no-file", 0, "no such file"},
		{"a directory", "testdata/tables", "is-directory", 0, "is a folder"},
		{"unknown extension", "testdata/tables/notes.docx", "unknown-format", 0, "does not read"},
		{"old Excel .xls", "testdata/tables/old.xls", "unknown-format", 0, "save it as .xlsx or .csv"},
		{"random binary named .csv", "testdata/tables/random.csv", "not-a-table", 0, "not a text table"},
		{"a zip that is not a workbook", "testdata/tables/notaworkbook.xlsx", "not-a-table", 0, "not an .xlsx file"},
		{"CSV text named .xlsx", "testdata/tables/text.xlsx", "not-a-table", 0, "rename it to .csv"},
		{"a JSON string", "testdata/tables/scalar.json", "bad-json", 0, "single JSON value"},
		{"a JSON array of numbers", "testdata/tables/numbers.json", "bad-json", 0, "not objects"},
		{"a JSON object with no list", "testdata/tables/no_list.json", "bad-json", 0, "no list of records"},
		{"a JSON syntax error gives its line and column", "testdata/tables/syntax_error.json", "bad-json", 3, "line 3, column 19"},
		{"JSON cut short", "testdata/tables/truncated.json", "bad-json", 3, "ends before every [ and { is closed"},
		{"an empty JSON array", "testdata/tables/empty_array.json", "empty-file", 0, "array is empty"},
		{"a zip named .csv", writeTableFile(t, dir, "book.csv", []byte("PK\x03\x04rest")), "not-a-table", 0, "rename it to .xlsx"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := ReadTable(tc.path, TableOptions{})
			if tab != nil {
				t.Errorf("got a table with the error")
			}
			var p *Problem
			if !errors.As(err, &p) || !errors.Is(err, ErrUnusable) {
				t.Fatalf("err = %v (%T); want an unusable *Problem", err, err)
			}
			if string(p.Code) != tc.code || p.Row != tc.row || p.File != tc.path || !p.Unusable || !strings.Contains(p.Message, tc.contains) {
				t.Errorf("problem = %+v; want code %s, row %d, file %s, message with %q", *p, tc.code, tc.row, tc.path, tc.contains)
			}
			for _, goism := range []string{"EOF", "unexpected end", "zip:", "<nil>", "%!"} {
				if strings.Contains(err.Error(), goism) {
					t.Errorf("message %q shows Go internals (%q)", err.Error(), goism)
				}
			}
		})
	}
}

func TestUnknownFormatListsSupportedExtensions(t *testing.T) {
	_, err := ReadTable("testdata/tables/notes.docx", TableOptions{})
	var p *Problem
	if !errors.As(err, &p) {
		t.Fatalf("err = %v", err)
	}
	for _, ext := range []string{".csv", ".tsv", ".txt", ".xlsx", ".json", ".jsonl", ".ndjson", ".gz"} {
		if !strings.Contains(p.Expected, ext) {
			t.Errorf("Expected %q does not list %s", p.Expected, ext)
		}
	}
}

func TestParseTableNamesFormatFromDisplayName(t *testing.T) {
	tab, err := ParseTable(strings.NewReader("actor,theme\nCHN,sovereignty\n"), "(built-in statements.csv)", TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Name != "(built-in statements.csv)" || tab.Format != "csv" || len(tab.Records) != 1 {
		t.Errorf("got %+v", tab)
	}
}

func writeTableFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// xlsxPart is one file inside a hand-written workbook.
type xlsxPart struct{ name, body string }

// writeTestXLSX writes a workbook from raw SpreadsheetML, the way Excel
// stores it, so that the reader is tested against XML whose every value
// and style is stated here rather than produced by excelize's writer.
// sheets maps names, in order, to the inside of <sheetData> plus any
// elements after it (such as <mergeCells>).
func writeTestXLSX(t *testing.T, path string, date1904 bool, styles string, sheets ...[2]string) {
	t.Helper()
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	const relNS = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	var types, wbSheets, wbRels strings.Builder
	var parts []xlsxPart
	for i, s := range sheets {
		n := i + 1
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		fmt.Fprintf(&wbSheets, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s[0], n, n)
		fmt.Fprintf(&wbRels, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, n, relNS, n)
		parts = append(parts, xlsxPart{fmt.Sprintf("xl/worksheets/sheet%d.xml", n),
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ` + ns + `><sheetData>` + s[1] + `</worksheet>`})
	}
	fmt.Fprintf(&wbRels, `<Relationship Id="rIdS" Type="%s/styles" Target="styles.xml"/>`, relNS)
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	parts = append(parts,
		xlsxPart{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` + types.String() + `</Types>`},
		xlsxPart{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + relNS + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		xlsxPart{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ` + ns + `>` + pr + `<sheets>` + wbSheets.String() + `</sheets></workbook>`},
		xlsxPart{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + wbRels.String() + `</Relationships>`},
		xlsxPart{"xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet ` + ns + `>` + styles + `</styleSheet>`},
	)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".gz") {
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write(buf.Bytes())
		zw.Close()
		buf = gz
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// testStyles are the cell formats of the hand-written workbook, by cellXfs
// index: 0 General; 1 built-in 2 "0.00"; 2 built-in 14 (m/d/yyyy);
// 3 custom "yyyy-mm-dd"; 4 custom "mmm-yy"; 5 built-in 22 (m/d/yyyy h:mm);
// 6 custom `[$-409]d\-mmm\-yyyy;@` (a locale tag and escapes, as Excel
// writes "6-Dec-2008"); 7 built-in 10 "0.00%"; 8 custom "yyyy".
const testStyles = `<numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="mmm-yy"/>` +
	`<numFmt numFmtId="166" formatCode="[$-409]d\-mmm\-yyyy;@"/><numFmt numFmtId="167" formatCode="yyyy"/></numFmts>` +
	`<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`

func xlInline(ref, s string) string {
	return `<c r="` + ref + `" t="inlineStr"><is><t xml:space="preserve">` + s + `</t></is></c>`
}

// statementsSheet holds, with raw values: a merged title row whose
// second cell still holds a stale value; the header; numbers, dates in
// five formats, booleans, a formula's text, an error value, a number
// stored as text; blank rows 4 (absent), 9 (empty element) and 10
// (spaces only); a merged pair B8:C8 with a stale value in C8.
var statementsSheet = `<row r="1">` + xlInline("A1", "Coded statements, Seoul 2013") + xlInline("B1", "stale") + `</row>` +
	`<row r="2">` + xlInline("A2", "actor") + xlInline("B2", "theme") + xlInline("C2", "stance") + xlInline("D2", "date") + xlInline("E2", "weight") + xlInline("F2", "ok") + xlInline("G2", "text") + `</row>` +
	`<row r="3">` + xlInline("A3", "CHN") + xlInline("B3", "sovereignty") + `<c r="C3" s="1"><v>2</v></c><c r="D3" s="2"><v>41583</v></c>` +
	`<c r="E3"><v>0.30000000000000004</v></c><c r="F3" t="b"><v>1</v></c>` + xlInline("G3", "  padded  ") + `</row>` +
	`<row r="5">` + xlInline("A5", "USA") + xlInline("B5", "openness") + `<c r="C5"><v>-1</v></c><c r="D5" s="3"><v>41836</v></c>` +
	`<c r="E5" s="7"><v>0.5</v></c><c r="F5" t="b"><v>0</v></c><c r="G5" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>` +
	`<row r="6">` + xlInline("A6", "GBR") + xlInline("C6", "2") + `<c r="D6" s="4"><v>42491</v></c></row>` +
	`<row r="7">` + xlInline("A7", "FRA") + `<c r="D7" s="5"><v>41583.5</v></c><c r="E7" t="e"><v>#N/A</v></c></row>` +
	`<row r="8">` + xlInline("A8", "DEU") + xlInline("B8", "merged") + xlInline("C8", "stale") + `<c r="D8" s="6"><v>39788</v></c></row>` +
	`<row r="9"/>` +
	`<row r="10">` + xlInline("A10", "   ") + `</row>` +
	`<row r="11">` + xlInline("A11", "KOR") + xlInline("B11", "openness") + `<c r="C11"><v>1</v></c><c r="D11" t="d"><v>2013-11-05T00:00:00Z</v></c>` +
	`<c r="E11" s="8"><v>41583</v></c></row>` +
	`</sheetData><mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="B8:C8"/></mergeCells>`

func TestReadXLSX(t *testing.T) {
	dir := t.TempDir()
	cover := [2]string{"Cover", `<row r="1">` + xlInline("A1", "About this workbook") + `</row></sheetData>`}
	plain := [2]string{"Sheet1", `<row r="1">` + xlInline("A1", "actor") + xlInline("B1", "stance") + `</row><row r="2">` + xlInline("A2", "CHN") + `<c r="B2"><v>2</v></c></row></sheetData>`}
	// 41583 - 1462 = 40121: 5 November 2013 in the 1904 date system.
	sheet1904 := [2]string{"Sheet1", `<row r="1">` + xlInline("A1", "date") + `</row><row r="2"><c r="A2" s="2"><v>40121</v></c></row></sheetData>`}
	statements := [2]string{"Statements", statementsSheet}
	book := filepath.Join(dir, "book.xlsx")
	writeTestXLSX(t, book, false, testStyles, cover, statements)
	gzBook := filepath.Join(dir, "book.xlsx.gz")
	writeTestXLSX(t, gzBook, false, testStyles, cover, statements)
	firstSheet := filepath.Join(dir, "first.xlsx")
	writeTestXLSX(t, firstSheet, false, testStyles, plain, cover)
	book1904 := filepath.Join(dir, "mac.xlsx")
	writeTestXLSX(t, book1904, true, testStyles, sheet1904)

	wantStatements := []Record{
		trec(3, "CHN", "sovereignty", "2", "2013-11-05", "0.3", "TRUE", "padded"),
		trec(5, "USA", "openness", "-1", "2014-07-16", "0.5", "FALSE", "ab"),
		trec(6, "GBR", "", "2", "2016-05", "", "", ""),
		trec(7, "FRA", "", "", "2013-11-05 12:00", "#N/A", "", ""),
		trec(8, "DEU", "merged", "", "2008-12-06", "", "", ""),
		trec(11, "KOR", "openness", "1", "2013-11-05", "2013", "", ""),
	}
	statementNotes := []string{
		`sheet "Statements" read; the workbook also has "Cover"`,
		"2 merged cell ranges: each value is read from the top-left cell",
		"1 date cell formatted to show only month and year read as YYYY-MM",
		"1 date cell formatted to show only the year read as YYYY",
		"3 blank rows ignored (rows 4, 9, 10)",
		`1 row above the header skipped (row 1: "Coded statements, Seoul 2013")`,
	}
	header := []string{"actor", "theme", "stance", "date", "weight", "ok", "text"}
	cases := []struct {
		tableCase
		path, sheet string
	}{
		{tableCase{name: `the "Statements" sheet is chosen over the first; numbers, dates, merged cells, blank rows, title row`,
			opt: TableOptions{IsHeader: headerWords}, format: "xlsx", header: header, headerRow: 2,
			records: wantStatements, notes: statementNotes}, book, "Statements"},
		{tableCase{name: ".xlsx.gz is decompressed",
			opt: TableOptions{IsHeader: headerWords}, format: "xlsx", header: header, headerRow: 2,
			records: wantStatements, notes: statementNotes}, gzBook, "Statements"},
		{tableCase{name: "without IsHeader the merged title row is the header",
			format: "xlsx", header: []string{"Coded statements, Seoul 2013"}, headerRow: 1,
			records: append([]Record{trec(2, header...)}, trimTrailing(wantStatements)...),
			notes:   statementNotes[:5]}, book, "Statements"},
		{tableCase{name: "the sheet option is matched ignoring case",
			opt: TableOptions{Sheet: "cover"}, format: "xlsx", header: []string{"About this workbook"}, headerRow: 1,
			notes: []string{`sheet "Cover" read; the workbook also has "Statements"`}}, book, "Cover"},
		{tableCase{name: `with no "Statements" sheet the first sheet is read`,
			format: "xlsx", header: []string{"actor", "stance"}, headerRow: 1,
			records: []Record{trec(2, "CHN", "2")},
			notes:   []string{`sheet "Sheet1" read (the first sheet: none is named "Statements"); the workbook also has "Cover"`}}, firstSheet, "Sheet1"},
		{tableCase{name: "dates of a 1904 workbook",
			format: "xlsx", header: []string{"date"}, headerRow: 1,
			records: []Record{trec(2, "2013-11-05")}}, book1904, "Sheet1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := ReadTable(tc.path, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if want := tc.path + "[" + tc.sheet + "]"; tab.Name != want || tab.Sheet != tc.sheet {
				t.Errorf("Name, Sheet = %q, %q; want %q, %q", tab.Name, tab.Sheet, want, tc.sheet)
			}
			checkTable(t, tc.tableCase, tab)
		})
	}

	t.Run("a sheet that does not exist makes the workbook unusable, listing the sheets", func(t *testing.T) {
		_, err := ReadTable(book, TableOptions{Sheet: "Actors"})
		var p *Problem
		if !errors.As(err, &p) || !p.Unusable || p.Code != "no-sheet" || p.File != book ||
			p.Expected != `one of "Cover", "Statements"` {
			t.Errorf("err = %#v", err)
		}
	})
	t.Run("an empty sheet makes the workbook unusable", func(t *testing.T) {
		empty := filepath.Join(dir, "empty.xlsx")
		writeTestXLSX(t, empty, false, testStyles, [2]string{"Statements", `<row r="3"/></sheetData>`}, cover)
		_, err := ReadTable(empty, TableOptions{})
		var p *Problem
		if !errors.As(err, &p) || !p.Unusable || p.Code != "empty-sheet" || p.File != empty+"[Statements]" ||
			!strings.Contains(p.Message, `"Cover"`) {
			t.Errorf("err = %#v", err)
		}
	})
}

// trimTrailing drops the empty cells at the end of each record: those
// that XLSX rows do not have once the header is not there to pad them.
func trimTrailing(rs []Record) []Record {
	out := make([]Record, len(rs))
	for i, r := range rs {
		c := r.Cells
		for len(c) > 0 && c[len(c)-1] == "" {
			c = c[:len(c)-1]
		}
		out[i] = Record{Row: r.Row, Cells: c}
	}
	return out
}

// TestReadTableUNGDCSpeakers reads a real workbook written by others. Its
// expected values were read from the file's XML with Python's zipfile
// (sheet names from xl/workbook.xml, cells from xl/worksheets/sheet1.xml
// and xl/sharedStrings.xml): three sheets, 10,945 rows in Sheet1, none
// blank; D2 is "Brazil " with a trailing space; row 10,945 has no Post.
func TestReadTableUNGDCSpeakers(t *testing.T) {
	path := "../../shared/data/ungdc_speakers_by_session.xlsx"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared data absent (%s not found): integration test skipped", path)
	}
	tab, err := ReadTable(path, TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Name != path+"[Sheet1]" || !reflect.DeepEqual(tab.Sheets, []string{"Sheet1", "Sheet2", "Sheet3"}) {
		t.Errorf("Name = %q, Sheets = %q", tab.Name, tab.Sheets)
	}
	wantHeader := []string{"Year", "Session", "ISO Code", "Country", "Name of Person Speaking", "Post"}
	if !reflect.DeepEqual(tab.Header, wantHeader) || tab.HeaderRow != 1 {
		t.Errorf("header = %q at row %d", tab.Header, tab.HeaderRow)
	}
	if len(tab.Records) != 10944 {
		t.Fatalf("%d records, want 10944", len(tab.Records))
	}
	first, last := tab.Records[0], tab.Records[len(tab.Records)-1]
	if !reflect.DeepEqual(first, trec(2, "2024", "79", "BRA", "Brazil", "Lula da Silva", "President")) {
		t.Errorf("first record = %+v", first)
	}
	if !reflect.DeepEqual(last, trec(10945, "1946", "1", "UKR", "Ukrainian Soviet Socialist Republic", "Mr. Manuilsky", "")) {
		t.Errorf("last record = %+v", last)
	}
	if len(tab.Problems) != 0 {
		t.Errorf("problems: %v", tab.Problems)
	}
}

func TestPlainNumber(t *testing.T) {
	cases := []struct {
		in   float64
		want string
	}{
		{2, "2"}, {-1, "-1"}, {0, "0"}, {0.1 + 0.2, "0.3"}, {0.5, "0.5"}, {41583, "41583"},
		{1234567.891, "1234567.891"}, {1e20, "1e+20"}, {0.0000012, "1.2e-06"},
	}
	for _, c := range cases {
		if got := plainNumber(c.in); got != c.want {
			t.Errorf("plainNumber(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestJSONNumber(t *testing.T) {
	cases := map[string]string{
		"2": "2", "2.0": "2", "-0": "0", "0.50": "0.5", "1e3": "1000", "1.5e-7": "1.5e-07",
		"12345678901234567890": "12345678901234567890", "-1": "-1",
	}
	for in, want := range cases {
		if got := jsonNumber(in); got != want {
			t.Errorf("jsonNumber(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatKind(t *testing.T) {
	cases := map[string]numKind{
		"General": numPlain, "0.00": numPlain, "#,##0": numPlain, `0.00" days"`: numPlain, "0%": numPlain,
		"yyyy-mm-dd": numDate, "YYYY-MM-DD": numDate, "d/m/yyyy": numDate, `[$-409]d\-mmm\-yyyy;@`: numDate,
		"yyyy-mm-dd hh:mm": numDate, "mmm-yy": numMonth, "mmmm yyyy": numMonth, "yyyy": numYear,
		"h:mm AM/PM": numTime, "hh:mm:ss": numTime, "[Red]0.00": numPlain,
	}
	for code, want := range cases {
		if got := formatKind(code); got != want {
			t.Errorf("formatKind(%q) = %d, want %d", code, got, want)
		}
	}
}

func benchmarkCSV(rows int) []byte {
	var b bytes.Buffer
	b.WriteString("id,actor,theme,stance,date,text\n")
	for i := range rows {
		fmt.Fprintf(&b, "s%d,CHN,sovereignty,%d,2014-07-16,\"A paraphrase, with a comma, of statement %d\"\n", i, i%5-2, i)
	}
	return b.Bytes()
}

func BenchmarkParseTableCSV10000Rows(b *testing.B) {
	in := benchmarkCSV(10000)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := ParseTable(bytes.NewReader(in), "bench.csv", TableOptions{IsHeader: headerWords}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseTableJSONL10000Rows(b *testing.B) {
	var in bytes.Buffer
	for i := range 10000 {
		fmt.Fprintf(&in, `{"id": "s%d", "actor": "CHN", "theme": "sovereignty", "stance": %d, "date": "2014-07-16"}`+"\n", i, i%5-2)
	}
	b.SetBytes(int64(in.Len()))
	for b.Loop() {
		if _, err := ParseTable(bytes.NewReader(in.Bytes()), "bench.jsonl", TableOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
