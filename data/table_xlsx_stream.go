package data

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
)

// streamSheetBytes is the size of a worksheet's XML above which it is
// read by streamSheet instead of excelize's GetRows with a style lookup
// per cell: every sheet. GetRows loads the whole worksheet model, about
// 15 GB for a sheet of a million rows, and takes 74 ms for 1,000 rows
// and 0.83 s for 10,000 where streamSheet takes 20 ms and 0.17 s
// (BenchmarkReadXLSX). A variable so that tests can send sheets down the
// GetRows path, which still reads a sheet streamSheet cannot find.
var streamSheetBytes uint64

// sheetZipPart finds the zip entry holding a worksheet, through
// xl/workbook.xml (sheet name → relationship id) and its relationships
// (id → part).
func sheetZipPart(zr *zip.Reader, sheet string) (*zip.File, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodeZipXML(files["xl/workbook.xml"], &wb); err != nil {
		return nil, err
	}
	if err := decodeZipXML(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				p := strings.TrimPrefix(r.Target, "/")
				if !strings.HasPrefix(r.Target, "/") {
					p = path.Join("xl", r.Target)
				}
				if f, ok := files[p]; ok {
					return f, nil
				}
			}
		}
	}
	return nil, fmt.Errorf("sheet %q has no worksheet part", sheet)
}

func decodeZipXML(f *zip.File, v any) error {
	if f == nil {
		return fmt.Errorf("part missing")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, maxUnzippedXML)).Decode(v)
}

// sharedStrings reads xl/sharedStrings.xml: each <si> is plain text (<t>)
// or rich text (runs of <r><t>), whose pieces are joined.
func sharedStrings(zr *zip.Reader) ([]string, error) {
	var part *zip.File
	for _, f := range zr.File {
		if f.Name == "xl/sharedStrings.xml" {
			part = f
		}
	}
	if part == nil {
		return nil, nil
	}
	rc, err := part.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var out []string
	var cur strings.Builder
	inSI, inT, inPh := false, false, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, xmlRefusal(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, dtdRefusal(t)
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "t":
				inT = true
			case "rPh": // phonetic guides are not part of the text
				inPh = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				inSI = false
				out = append(out, cur.String())
			case "t":
				inT = false
			case "rPh":
				inPh = false
			}
		case xml.CharData:
			if inSI && inT && !inPh {
				cur.Write(t)
			}
		}
	}
}

// streamSheet reads a worksheet's cells token by token, turning each
// into the text xlsxCells.text would give, and returns the rows as
// GetRows does (index = row number − 1) with the merged ranges.
// maxRows, when not 0, stops it after that many rows.
func streamSheet(part *zip.File, sst []string, cv *xlsxCells, maxRows int) ([]sheetRow, []string, error) {
	rc, err := part.Open()
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	return streamSheetSparse(rc, sst, cv, maxRows)
}

// streamSheetFrom is streamSheet over the worksheet's XML.
func streamSheetFrom(r io.Reader, sst []string, cv *xlsxCells, maxRows int) ([][]string, []string, error) {
	rows, merged, err := streamSheetSparse(r, sst, cv, maxRows)
	if err != nil {
		return nil, nil, err
	}
	return denseRows(rows), merged, nil
}

// streamSheetSparse reads a worksheet's cells token by token into
// sparse rows: only the cells that hold something, with their column.
// A row or column past the spreadsheet's limits, a document type
// declaration or an undeclared entity is an error (*sheetRefusal).
func streamSheetSparse(r io.Reader, sst []string, cv *xlsxCells, maxRows int) ([]sheetRow, []string, error) {
	d := xml.NewDecoder(r)
	sr := sheetReader{sst: sst, cv: cv, maxRows: maxRows}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, xmlRefusal(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			sr.start(t.Name.Local, func(name string) string { return attr(t, name) })
			if sr.err != nil {
				return nil, nil, sr.err
			}
		case xml.EndElement:
			if sr.end(t.Name.Local) {
				return sr.rows, sr.merged, nil
			}
		case xml.CharData:
			sr.text(t)
		case xml.Directive:
			return nil, nil, dtdRefusal(t)
		}
	}
	return sr.rows, sr.merged, nil
}

// Excel's limits: 1,048,576 rows and 16,384 columns (XFD).
const (
	maxSheetRows = 1 << 20
	maxSheetCols = 1 << 14
)

// sheetRefusal is a worksheet part that is refused for what it holds,
// not for being damaged: its message is the problem's.
type sheetRefusal struct{ msg string }

func (e *sheetRefusal) Error() string { return e.msg }

// xmlRefusal names an undeclared entity as such; other XML errors are
// damage, returned as they are.
func xmlRefusal(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) && strings.Contains(se.Msg, "entity") {
		return &sheetRefusal{fmt.Sprintf("holds an XML entity that is not declared (%s, line %d of the part): workbooks written by spreadsheet programs have none; refused", se.Msg, se.Line)}
	}
	return err
}

func dtdRefusal(d xml.Directive) error {
	what := strings.Fields(string(d))
	name := "<!…>"
	if len(what) > 0 {
		name = "<!" + clip(what[0], 20) + " …>"
	}
	return &sheetRefusal{fmt.Sprintf("holds a document type declaration (%s), which could declare entities: workbooks written by spreadsheet programs have none; refused", name)}
}

// sheetRow is one row of a worksheet: its number and the cells that hold
// something, by ascending column as written.
type sheetRow struct {
	num   int
	cells []sheetCell
}

type sheetCell struct {
	col  int
	text string
}

// denseRows turns sparse rows into GetRows' shape (index = row number −
// 1). Only tests and small sheets use it.
func denseRows(rows []sheetRow) [][]string {
	var out [][]string
	for _, r := range rows {
		for len(out) < r.num-1 {
			out = append(out, nil)
		}
		var cells []string
		for _, c := range r.cells {
			for len(cells) < c.col-1 {
				cells = append(cells, "")
			}
			if len(cells) >= c.col {
				cells[c.col-1] = c.text
			} else {
				cells = append(cells, c.text)
			}
		}
		if len(out) >= r.num {
			out[r.num-1] = cells
		} else {
			out = append(out, cells)
		}
	}
	return out
}

// sparseRows is denseRows' inverse, for the rows excelize's GetRows
// gives.
func sparseRows(rows [][]string) []sheetRow {
	out := make([]sheetRow, 0, len(rows))
	for i, r := range rows {
		sr := sheetRow{num: i + 1}
		for j, c := range r {
			if c != "" {
				sr.cells = append(sr.cells, sheetCell{j + 1, c})
			}
		}
		out = append(out, sr)
	}
	return out
}

// cellRef splits a cell reference ("XFD1048576") into column and row
// without allocating, and without the overflow of a long reference.
func cellRef(ref string) (col, row int, ok bool) {
	i := 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		if col > maxSheetCols {
			continue
		}
		col = col*26 + int(c-'a'+1)
	}
	if i == 0 || i == len(ref) {
		return 0, 0, false
	}
	for ; i < len(ref); i++ {
		if ref[i] < '0' || ref[i] > '9' {
			return 0, 0, false
		}
		if row <= maxSheetRows {
			row = row*10 + int(ref[i]-'0')
		}
	}
	return col, row, true
}

// sheetReader is what streamSheet keeps between elements, and what it
// does at each.
type sheetReader struct {
	sst     []string
	cv      *xlsxCells
	maxRows int

	rows           []sheetRow
	merged         []string
	cur            []sheetCell
	rowNum, colNum int
	typ, style     string
	val, inline    []byte
	inV, inIS, inT bool
	err            error
}

// start is an element's start tag; attr gives its attributes by local
// name.
func (s *sheetReader) start(local string, attr func(string) string) {
	switch local {
	case "row":
		s.rowNum++
		if r := attr("r"); r != "" {
			n, err := strconv.Atoi(r)
			if err == nil && n >= 1 {
				s.rowNum = n
			}
			if n > maxSheetRows || (err != nil && strings.Trim(r, "0123456789") == "") {
				s.err = &sheetRefusal{fmt.Sprintf("has a row numbered %s, past a spreadsheet's last row (%d): refused", clip(r, 24), maxSheetRows)}
			}
		}
		if s.rowNum > maxSheetRows && s.err == nil {
			s.err = &sheetRefusal{fmt.Sprintf("has more than %d rows, a spreadsheet's limit: refused", maxSheetRows)}
		}
		s.cur = nil
	case "c":
		s.colNum++
		if ref := attr("r"); ref != "" {
			if c, _, ok := cellRef(ref); ok {
				s.colNum = c
			}
		}
		if s.colNum > maxSheetCols {
			s.err = &sheetRefusal{fmt.Sprintf("row %d has a cell past a spreadsheet's last column (XFD, the %dth): refused", s.rowNum, maxSheetCols)}
		}
		s.typ, s.style = attr("t"), attr("s")
		s.val, s.inline = s.val[:0], s.inline[:0]
	case "v":
		s.inV = true
	case "is":
		s.inIS = true
	case "t":
		s.inT = true
	case "mergeCell":
		s.merged = append(s.merged, attr("ref"))
	}
}

// end is an element's end; it reports whether maxRows rows are read.
func (s *sheetReader) end(local string) bool {
	switch local {
	case "v":
		s.inV = false
	case "is":
		s.inIS = false
	case "t":
		s.inT = false
	case "c":
		if text := s.cv.streamed(s.typ, s.style, string(s.val), string(s.inline), s.sst); text != "" {
			s.cur = append(s.cur, sheetCell{s.colNum, text})
		}
	case "row":
		s.rows = append(s.rows, sheetRow{s.rowNum, s.cur})
		s.cur = nil
		s.colNum = 0
		return s.maxRows > 0 && len(s.rows) >= s.maxRows
	}
	return false
}

// text is character data, decoded.
func (s *sheetReader) text(b []byte) {
	switch {
	case s.inV:
		s.val = append(s.val, b...)
	case s.inIS && s.inT:
		s.inline = append(s.inline, b...)
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// streamed is xlsxCells.text for a cell read by streamSheet, which knows
// the cell's type and style from its XML instead of asking excelize.
func (c *xlsxCells) streamed(typ, style, v, inline string, sst []string) string {
	switch typ {
	case "s":
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 || i >= len(sst) {
			return ""
		}
		return sst[i]
	case "inlineStr":
		return inline
	case "str", "e":
		return v
	case "b":
		switch v {
		case "1":
			return "TRUE"
		case "0":
			return "FALSE"
		}
		return v
	case "d":
		return isoCellDate(v)
	}
	if v == "" {
		return ""
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return v
	}
	k := numPlain
	if s, err := strconv.Atoi(style); err == nil {
		k = c.styleKind(s)
	}
	c.counts[k]++
	return excelDate(f, c.date1904, k)
}

// readSheetStreaming reads a worksheet of more than streamSheetBytes of
// XML with streamSheet. It returns ok = false when the sheet is smaller,
// or its part cannot be found (parseXLSXTable then reads the sheet with
// excelize, or reports the problem).
func readSheetStreaming(b string, sheet string, cv *xlsxCells, maxRows int) (rows []sheetRow, merged []string, ok bool, err error) {
	zr, err := zip.NewReader(strings.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, nil, false, nil
	}
	part, err := sheetZipPart(zr, sheet)
	if err != nil || part.UncompressedSize64 <= streamSheetBytes {
		return nil, nil, false, nil
	}
	sst, err := sharedStrings(zr)
	if err != nil {
		return nil, nil, true, err
	}
	rows, merged, err = streamSheet(part, sst, cv, maxRows)
	return rows, merged, true, err
}
