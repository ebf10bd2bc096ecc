package data

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
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
			return nil, err
		}
		switch t := tok.(type) {
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
func streamSheet(part *zip.File, sst []string, cv *xlsxCells, maxRows int) ([][]string, []string, error) {
	rc, err := part.Open()
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	return streamSheetFrom(rc, sst, cv, maxRows)
}

// streamSheetFrom is streamSheet over the worksheet's XML.
func streamSheetFrom(r io.Reader, sst []string, cv *xlsxCells, maxRows int) ([][]string, []string, error) {
	d := xml.NewDecoder(r)
	sr := sheetReader{sst: sst, cv: cv, maxRows: maxRows}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			sr.start(t.Name.Local, func(name string) string { return attr(t, name) })
		case xml.EndElement:
			if sr.end(t.Name.Local) {
				return sr.rows, sr.merged, nil
			}
		case xml.CharData:
			sr.text(t)
		}
	}
	rows, merged := sr.result()
	return rows, merged, nil
}

// sheetReader is what streamSheet keeps between elements, and what it
// does at each.
type sheetReader struct {
	sst     []string
	cv      *xlsxCells
	maxRows int

	rows           [][]string
	merged         []string
	cur            []string
	rowNum, colNum int
	typ, style     string
	val, inline    []byte
	inV, inIS, inT bool
}

// start is an element's start tag; attr gives its attributes by local
// name.
func (s *sheetReader) start(local string, attr func(string) string) {
	switch local {
	case "row":
		s.rowNum++
		if r := attr("r"); r != "" {
			if n, err := strconv.Atoi(r); err == nil {
				s.rowNum = n
			}
		}
		s.cur = nil
	case "c":
		s.colNum++
		if ref := attr("r"); ref != "" {
			if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
				s.colNum = c
			}
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
			for len(s.cur) < s.colNum-1 {
				s.cur = append(s.cur, "")
			}
			s.cur = append(s.cur, text)
		}
	case "row":
		for len(s.rows) < s.rowNum-1 {
			s.rows = append(s.rows, nil)
		}
		s.rows = append(s.rows, s.cur)
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

// result is the rows read, without trailing empty ones, and the merged
// ranges.
func (s *sheetReader) result() ([][]string, []string) {
	rows := s.rows
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	return rows, s.merged
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
func readSheetStreaming(b string, sheet string, cv *xlsxCells, maxRows int) (rows [][]string, merged []string, ok bool, err error) {
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
