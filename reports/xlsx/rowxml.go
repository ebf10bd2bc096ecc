package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// rowXML writes worksheet rows as the XML excelize's StreamWriter.SetRow
// writes for them, byte for byte, for the cells the Statements sheet
// holds (writer.statementsXML): text, with or without a style, whole
// numbers and finite numbers; no formula, no row options and no column
// styles. It exists for speed: SetRow cost about 13 µs a statement, most
// of it in excelize's per-cell handling of text (a regular expression
// and several copies per string), and the Statements sheet of 100,000
// statements was four fifths of the report workbook's time. A test
// writes whole workbooks both ways and compares them (rowxml_test.go).
//
// What excelize writes for a text cell: an inline string, with
// xml:space="preserve" when the text begins or ends with a tab, line
// feed, carriage return or space; the text escaped as encoding/xml's
// EscapeText does (line feeds then written as they are), and then any
// _xHHHH_ in it escaped as an OOXML ST_Xstring: an underscore escape
// that stands for a character (not a surrogate) becomes _x005F_ before
// it, so that a spreadsheet reads it literally (see appendXstring).
type rowXML struct {
	cols []string // column letters, "A", "B", …, as far as needed
}

// startRow begins row (its number, written out); endRow ends it.
func (e *rowXML) startRow(b []byte, row string) []byte {
	b = append(b, `<row r="`...)
	b = append(b, row...)
	return append(b, `">`...)
}

func (e *rowXML) endRow(b []byte) []byte { return append(b, `</row>`...) }

// startCell opens the cell of column i+1 of row, up to its type.
func (e *rowXML) startCell(b []byte, i int, row string, style int) []byte {
	b = append(b, `<c r="`...)
	b = append(b, e.col(i)...)
	b = append(b, row...)
	b = append(b, '"')
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	return b
}

// text appends a text cell.
func (e *rowXML) text(b []byte, i int, row string, style int, x string) []byte {
	b = e.startCell(b, i, row, style)
	b = append(b, ` t="inlineStr"><is><t`...)
	if x != "" && (isXMLSpace(x[0]) || isXMLSpace(x[len(x)-1])) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	b = appendXstring(b, x)
	return append(b, `</t></is></c>`...)
}

// int appends a whole-number cell.
func (e *rowXML) int(b []byte, i int, row string, style int, x int) []byte {
	b = e.startCell(b, i, row, style)
	b = append(b, `><v>`...)
	b = strconv.AppendInt(b, int64(x), 10)
	return append(b, `</v></c>`...)
}

// float appends a number cell (x finite).
func (e *rowXML) float(b []byte, i int, row string, style int, x float64) []byte {
	b = e.startCell(b, i, row, style)
	b = append(b, `><v>`...)
	b = strconv.AppendFloat(b, x, 'f', -1, 64)
	return append(b, `</v></c>`...)
}

// col is the letters of column i+1.
func (e *rowXML) col(i int) string {
	for len(e.cols) <= i {
		name, _ := excelize.ColumnNumberToName(len(e.cols) + 1)
		e.cols = append(e.cols, name)
	}
	return e.cols[i]
}

func isXMLSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }

// appendXstring appends s escaped for XML text, line feeds kept, then
// with its _xHHHH_ sequences escaped (see rowXML).
func appendXstring(b []byte, s string) []byte {
	start := len(b)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"':
				b = append(b, "&#34;"...)
			case c == '\'':
				b = append(b, "&#39;"...)
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '\t':
				b = append(b, "&#x9;"...)
			case c == '\r':
				b = append(b, "&#xD;"...)
			case c == '\n' || c >= 0x20:
				b = append(b, c)
			default: // control characters XML does not allow
				b = append(b, "\uFFFD"...)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || !xmlChar(r) {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	if !strings.Contains(string(b[start:]), "_x") {
		return b
	}
	escaped := string(b[start:])
	return append(b[:start], underscoreEscapes(escaped)...)
}

// xmlChar reports whether r (not ASCII) may appear in XML text.
func xmlChar(r rune) bool {
	return (r >= 0x80 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// underscoreEscapes escapes the _xHHHH_ sequences of s as excelize does
// when it writes text: scanning from the left, each such sequence not
// overlapping an earlier one is
//   - _x005F_ (exactly, the escape of "_" itself): written as _x005F_x005F_
//     and, when the six bytes after it are xHHHH_ with HHHH a character,
//     as _x005F_x005F_x005F_;
//   - any other whose HHHH is a character: written with _x005F before it;
//   - one whose HHHH is a UTF-16 surrogate: left out.
func underscoreEscapes(s string) string {
	var out strings.Builder
	i := 0 // written up to here
	for at := 0; at+7 <= len(s); {
		if s[at] != '_' || s[at+1] != 'x' || !hex4(s[at+2:at+6]) || s[at+6] != '_' {
			at++
			continue
		}
		out.WriteString(s[i:at])
		seq := s[at : at+7]
		end := at + 7
		switch {
		case seq == "_x005F_":
			out.WriteString("_x005F_x005F_")
			if end+6 <= len(s) && s[end] == 'x' && hex4(s[end+1:end+5]) && s[end+5] == '_' && !surrogate(s[end+1:end+5]) {
				out.WriteString("x005F_")
			}
		case !surrogate(seq[2:6]):
			out.WriteString("_x005F")
			out.WriteString(seq)
		}
		i, at = end, end
	}
	out.WriteString(s[i:])
	return out.String()
}

func hex4(s string) bool {
	for i := range 4 {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// surrogate reports whether the four hex digits h name a UTF-16
// surrogate, D800 to DFFF: no character.
func surrogate(h string) bool {
	v, _ := strconv.ParseUint(h, 16, 32)
	return v >= 0xD800 && v <= 0xDFFF
}
