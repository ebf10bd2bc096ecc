package data

import (
	"bytes"
	"maps"
	"strconv"
	"strings"
	"unicode/utf8"
)

// scanSheet reads worksheet XML as streamSheet does, with byte searches
// instead of encoding/xml, which spent about 90% of the time of reading
// a large workbook on building tokens. It knows the XML spreadsheet
// programs write: elements, attributes in quotes, text, the five named
// entities and numeric character references, an XML declaration. On
// anything else — a comment, CDATA, a doctype, a carriage return in an
// element, an unknown entity, a character XML does not allow, a tag left open or
// closed by another — it returns ok = false, and the caller reads the
// sheet with streamSheet, which also reports what is wrong. FuzzScanSheet
// checks that whatever scanSheet accepts, streamSheet reads the same.
//
// cv's counts of number formats are left as they were when it declines.
func scanSheet(x []byte, sst []string, cv *xlsxCells, maxRows int) (rows [][]string, merged []string, ok bool) {
	saved := maps.Clone(cv.counts)
	defer func() {
		if !ok {
			clear(cv.counts)
			maps.Copy(cv.counts, saved)
		}
	}()
	sr := sheetReader{sst: sst, cv: cv, maxRows: maxRows}
	var stack []string // open elements, by full name
	rooted := false
	i := 0
	if bytes.HasPrefix(x, []byte("<?xml")) {
		end := bytes.Index(x, []byte("?>"))
		if end < 0 || !plainDeclaration(x[5:end]) {
			return nil, nil, false
		}
		i = end + 2
	}
	var attrs []xmlAttr
	attr := func(local string) string { return attrValue(attrs, local) }
	for i < len(x) {
		lt := bytes.IndexByte(x[i:], '<')
		if lt < 0 {
			lt = len(x) - i
		}
		if lt > 0 && len(stack) == 0 { // between the declaration and the root, or after it
			if len(bytes.Trim(x[i:i+lt], " \t\r\n")) > 0 {
				return nil, nil, false
			}
		} else if lt > 0 { // text; XML turns \r\n into \n, so a carriage return is declined
			text, good := xmlText(x[i : i+lt])
			if !good {
				return nil, nil, false
			}
			sr.text(text)
		}
		i += lt
		if i >= len(x) {
			break
		}
		gt := bytes.IndexByte(x[i:], '>')
		if gt < 0 {
			return nil, nil, false
		}
		tag := x[i+1 : i+gt]
		i += gt + 1
		if len(tag) == 0 || tag[0] == '!' || tag[0] == '?' {
			return nil, nil, false
		}
		if tag[0] == '/' { // an end tag
			name := bytes.TrimRight(tag[1:], " \t\n")
			if len(stack) == 0 || string(name) != stack[len(stack)-1] {
				return nil, nil, false
			}
			stack = stack[:len(stack)-1]
			local, _ := localName(name) // checked at its start
			if sr.end(local) {
				return sr.rows, sr.merged, true
			}
			continue
		}
		// A start tag, maybe self-closing.
		closed := tag[len(tag)-1] == '/'
		if closed {
			tag = tag[:len(tag)-1]
		}
		if len(stack) == 0 && rooted {
			return nil, nil, false // a second root
		}
		n := nameLen(tag)
		name := tag[:n]
		local, good := localName(name)
		if !good {
			return nil, nil, false
		}
		if attrs, good = xmlAttrs(tag[n:], attrs[:0]); !good {
			return nil, nil, false
		}
		rooted = true
		sr.start(local, attr)
		if closed { // its end, as encoding/xml reports one for a self-closing tag
			if sr.end(local) {
				return sr.rows, sr.merged, true
			}
			continue
		}
		stack = append(stack, string(name))
	}
	if len(stack) > 0 {
		return nil, nil, false // cut short
	}
	rows, merged = sr.result()
	return rows, merged, true
}

type xmlAttr struct{ local, value string }

// attrValue is attr's answer: the first attribute of that local name.
func attrValue(as []xmlAttr, local string) string {
	for _, a := range as {
		if a.local == local {
			return a.value
		}
	}
	return ""
}

// xmlAttrs reads the attributes of a start tag, after its name: each
// name="value" or name='value', white space between.
func xmlAttrs(b []byte, as []xmlAttr) ([]xmlAttr, bool) {
	for {
		k := 0
		for k < len(b) && (b[k] == ' ' || b[k] == '\t' || b[k] == '\n') {
			k++
		}
		if k == len(b) {
			return as, true
		}
		if k == 0 {
			return nil, false // a name must follow the tag's name or a value after a space
		}
		b = b[k:]
		n := nameLen(b)
		local, good := localName(b[:n])
		if !good || n+2 > len(b) || b[n] != '=' || (b[n+1] != '"' && b[n+1] != '\'') {
			return nil, false
		}
		q := b[n+1]
		end := bytes.IndexByte(b[n+2:], q)
		if end < 0 {
			return nil, false
		}
		raw := b[n+2 : n+2+end]
		if bytes.IndexByte(raw, '<') >= 0 {
			return nil, false
		}
		v, good := xmlText(raw)
		if !good {
			return nil, false
		}
		as = append(as, xmlAttr{local, string(v)})
		b = b[n+3+end:]
	}
}

// localName is a name without its prefix. Names with an empty part or
// more than one colon are declined.
func localName(name []byte) (string, bool) {
	if len(name) == 0 {
		return "", false
	}
	i := bytes.IndexByte(name, ':')
	if i < 0 {
		return string(name), true
	}
	if i == 0 || i == len(name)-1 || bytes.IndexByte(name[i+1:], ':') >= 0 {
		return "", false
	}
	return string(name[i+1:]), true
}

// nameLen is the length of the name b starts with: a letter or _, then
// letters, digits and _ : - . (0 when b does not start with a name).
func nameLen(b []byte) int {
	if len(b) == 0 || !(b[0] >= 'a' && b[0] <= 'z' || b[0] >= 'A' && b[0] <= 'Z' || b[0] == '_') {
		return 0
	}
	n := 1
	for n < len(b) && isNameByte(b[n]) {
		n++
	}
	return n
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':' || c == '-' || c == '.'
}

// plainDeclaration accepts an XML declaration's attributes when they are
// version 1.0 and, if given, UTF-8 encoding and a standalone flag.
func plainDeclaration(b []byte) bool {
	as, ok := xmlAttrs(b, nil)
	if !ok {
		return false
	}
	for _, a := range as {
		switch {
		case a.local == "version" && a.value == "1.0":
		case a.local == "encoding" && strings.EqualFold(a.value, "utf-8"):
		case a.local == "standalone" && (a.value == "yes" || a.value == "no"):
		default:
			return false
		}
	}
	return true
}

// xmlText decodes text or an attribute value: entities and character
// references resolved, and every character one XML allows. It declines
// what it does not know.
func xmlText(b []byte) ([]byte, bool) {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' || c >= utf8.RuneSelf || c == '&' || c == ']' {
			return xmlTextSlow(b)
		}
	}
	return b, true
}

func xmlTextSlow(b []byte) ([]byte, bool) {
	if bytes.Contains(b, []byte("]]>")) {
		return nil, false
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '&':
			semi := bytes.IndexByte(b[i:], ';')
			if semi < 0 {
				return nil, false
			}
			ent := string(b[i+1 : i+semi])
			i += semi + 1
			switch ent {
			case "lt":
				out = append(out, '<')
			case "gt":
				out = append(out, '>')
			case "amp":
				out = append(out, '&')
			case "apos":
				out = append(out, '\'')
			case "quot":
				out = append(out, '"')
			default:
				var r uint64
				var err error
				switch {
				case strings.HasPrefix(ent, "#x"):
					r, err = strconv.ParseUint(ent[2:], 16, 32)
				case strings.HasPrefix(ent, "#"):
					r, err = strconv.ParseUint(ent[1:], 10, 32)
				default:
					return nil, false
				}
				if err != nil || len(ent) < 2 || ent[1] == '+' || ent[len(ent)-1] == '_' || strings.Contains(ent, "_") ||
					!xmlChar(rune(r)) || r == '\r' {
					return nil, false
				}
				out = utf8.AppendRune(out, rune(r))
			}
		case c < utf8.RuneSelf:
			if c < 0x20 && c != '\t' && c != '\n' {
				return nil, false
			}
			out = append(out, c)
			i++
		default:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 || !xmlChar(r) {
				return nil, false
			}
			out = append(out, b[i:i+n]...)
			i += n
		}
	}
	return out, true
}

// xmlChar is XML 1.0's Char production.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
