package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// jsonTable collects JSON objects as records: the header is the union
// of their keys in order of first appearance.
type jsonTable struct {
	t      *Table
	x      lineIndex
	header []string
	col    map[string]int
	recs   []jsonRecord
	blanks []int
	wide   int // the line of the first key past maxSheetCols distinct keys
}

type jsonRecord struct {
	row  int
	vals map[string]string
}

// maxJSONValueBytes bounds one record object of a JSON file (an element
// of its array, a line of JSON Lines) and one string value anywhere in
// it, like a streamed row (maxRowBytes): without it a single value of a
// few hundred megabytes would be copied several times over by the
// decoder. A variable so that tests can lower it.
var maxJSONValueBytes = 16 << 20

// errJSONTooLarge stops a json.Decoder reading an array element past
// maxJSONValueBytes.
var errJSONTooLarge = errors.New("JSON value too large")

// cappedReader gives a json.Decoder the bytes of b, no more than max+1
// past start (the offset where the element being decoded begins), and
// fails with errJSONTooLarge when the decoder asks for more: it never
// buffers more than one element of max bytes.
type cappedReader struct {
	b               string
	pos, start, max int
}

func (r *cappedReader) Read(p []byte) (int, error) {
	if r.pos >= len(r.b) {
		return 0, io.EOF
	}
	room := r.start + r.max + 1 - r.pos
	if room <= 0 {
		return 0, errJSONTooLarge
	}
	n := copy(p[:min(len(p), room)], r.b[r.pos:])
	r.pos += n
	return n, nil
}

// bigString refuses a JSON document (text from byte base) holding a
// string longer than maxJSONValueBytes, found by looking for quote
// marks, before any decoder copies it. An unterminated string is as long
// as the rest of the text.
func (jt *jsonTable) bigString(text string, base int) error {
	for i := 0; i < len(text); {
		k := strings.IndexByte(text[i:], '"')
		if k < 0 {
			return nil
		}
		start := i + k
		j := start + 1
		for {
			q := strings.IndexByte(text[j:], '"')
			if q < 0 {
				j = len(text)
				break
			}
			j += q
			slashes := 0
			for j-1-slashes > start && text[j-1-slashes] == '\\' {
				slashes++
			}
			if slashes%2 == 0 {
				break
			}
			j++
		}
		if j-start-1 > maxJSONValueBytes {
			return jt.tooLarge("a string value", base+start)
		}
		i = j + 1
	}
	return nil
}

// tooLarge is the problem of a value past maxJSONValueBytes starting at
// byte off of the text.
func (jt *jsonTable) tooLarge(what string, off int) *Problem {
	line := jt.x.lineAt(off)
	p := unusable(jt.t.Name, CodeTooLarge, fmt.Sprintf("line %d: %s starting here is larger than %s; is this the right file?", line, what, byteSize(maxJSONValueBytes)))
	p.Row = line
	p.Expected = "records of at most " + byteSize(maxJSONValueBytes) + " each"
	return p
}

// parseJSONTable reads a JSON array of objects, an object with one member that
// is an array of objects ({"statements": […]}), or JSON Lines: one object
// per line (.jsonl, .ndjson, or a .json whose first line is an object
// followed by more).
func parseJSONTable(t *Table, b string) error {
	d, b, err := decodeText(b)
	if err != nil {
		return unusable(t.Name, CodeNotATable, err.Error())
	}
	t.Encoding = d.encoding
	t.Notes = append(t.Notes, d.notes...)
	text := b
	jt := &jsonTable{t: t, x: newLineIndex(text), col: map[string]int{}}
	body := strings.TrimLeft(text, " \t\r\n\uFEFF")
	if body == "" {
		return unusable(t.Name, CodeEmptyFile, "has no records: it holds only white space")
	}
	start := len(text) - len(body)
	switch {
	case body[0] == '[':
		if t.Format == "jsonl" {
			t.Notes = append(t.Notes, "holds a JSON array, not JSON Lines: read as JSON")
			t.Format = "json"
		}
		if err := jt.bigString(body, start); err != nil {
			return err
		}
		if err := jt.array(body, start); err != nil {
			return err
		}
	case t.Format == "jsonl":
		if err := jt.lines(); err != nil {
			return err
		}
	case body[0] == '{':
		if err := jt.bigString(body, start); err != nil {
			return err
		}
		if err := jt.object(body, start); err != nil {
			return err
		}
	default:
		return jt.notRecords(body)
	}
	return jt.finish()
}

func (jt *jsonTable) notRecords(body string) error {
	what := "is not JSON"
	switch c := body[0]; {
	case c == '"' || c == '-' || (c >= '0' && c <= '9') || strings.HasPrefix(body, "true") ||
		strings.HasPrefix(body, "false") || strings.HasPrefix(body, "null"):
		what = "holds a single JSON value, not records"
	}
	p := unusable(jt.t.Name, CodeBadJSON, what)
	p.Found = clip(strings.SplitN(body, "\n", 2)[0], 40)
	p.Expected = `an array of objects [{"actor": …}, …], an object with one such array {"statements": […]}, or JSON Lines (one object per line)`
	return p
}

// syntaxProblem describes the JSON syntax error in doc, which starts at
// byte base of the text, in people's terms: line, column, and what the
// parser expected. A json.Decoder counts offsets from the value it was
// reading, so the whole document is checked again for the true place.
func (jt *jsonTable) syntaxProblem(doc string, base int, err error) *Problem {
	var raw json.RawMessage
	if uerr := json.Unmarshal([]byte(doc), &raw); uerr != nil {
		err = uerr
	}
	off, why := len(jt.x.text), "the text ends before every [ and { is closed"
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Error() != "unexpected end of JSON input" {
		off, why = base+int(se.Offset)-1, se.Error()
	}
	line, col := jt.x.position(off)
	p := unusable(jt.t.Name, CodeBadJSON, fmt.Sprintf("is not valid JSON: %s (line %d, column %d)", why, line, col))
	p.Row = line
	p.Expected = "valid JSON; check for a missing comma, quote or bracket near that place"
	return p
}

// array reads a JSON array of objects that starts at byte base of the text.
func (jt *jsonTable) array(b string, base int) error {
	cr := &cappedReader{b: b, max: maxJSONValueBytes}
	dec := json.NewDecoder(cr)
	dec.UseNumber()
	if _, err := dec.Token(); err != nil {
		return jt.syntaxProblem(b, base, err)
	}
	objects, others := 0, 0
	for {
		cr.start = int(dec.InputOffset())
		if !dec.More() {
			break
		}
		off := int(dec.InputOffset())
		off += len(b[off:]) - len(strings.TrimLeft(b[off:], " \t\r\n,"))
		cr.start = off
		var el json.RawMessage
		if err := dec.Decode(&el); err != nil {
			if errors.Is(err, errJSONTooLarge) {
				return jt.tooLarge("an element of the array", base+off)
			}
			return jt.syntaxProblem(b, base, err)
		}
		row := jt.x.lineAt(base + off)
		if len(el) > 0 && el[0] == '{' {
			objects++
			jt.record(el, row)
			continue
		}
		others++
		jt.t.Problems = append(jt.t.Problems, &Problem{File: jt.t.Name, Row: row, Code: CodeNotAnObject,
			Message: "an element of the array is not an object and was skipped", Found: clip(string(el), 40),
			Expected: `an object such as {"actor": "CHN", "theme": "sovereignty", …}`})
	}
	cr.start = int(dec.InputOffset())
	if _, err := dec.Token(); err != nil {
		return jt.syntaxProblem(b, base, err)
	}
	if objects == 0 && others > 0 {
		p := unusable(jt.t.Name, CodeBadJSON, "is a JSON array of values that are not objects, so it holds no records")
		p.Expected = `an array of objects [{"actor": …}, …]`
		return p
	}
	if objects == 0 {
		return unusable(jt.t.Name, CodeEmptyFile, "has no records: the JSON array is empty")
	}
	cr.start = int(dec.InputOffset())
	if _, err := dec.Token(); err != io.EOF {
		off := int(dec.InputOffset())
		line, _ := jt.x.position(base + off)
		jt.t.Problems = append(jt.t.Problems, &Problem{File: jt.t.Name, Row: line, Code: CodeJSONSyntax,
			Message: "text after the end of the JSON array was ignored", Expected: "nothing after the closing ]"})
	}
	return nil
}

// object reads a .json file that starts with an object: either the
// object wraps the records in one array member, or the file is JSON Lines.
func (jt *jsonTable) object(b string, base int) error {
	dec := json.NewDecoder(strings.NewReader(b))
	dec.UseNumber()
	var first json.RawMessage
	err := dec.Decode(&first)
	if err == nil && len(strings.TrimSpace(b[dec.InputOffset():])) > 0 {
		jt.t.Format = "jsonl"
		jt.t.Notes = append(jt.t.Notes, "more than one object at the top level: read as JSON Lines (one object per line)")
		return jt.lines()
	}
	if err != nil {
		// A broken first object that sits on one line with more lines
		// after it is a JSON Lines file with a broken first line.
		if l := jt.x.line(jt.x.lineAt(base)); jt.x.nLines > 1 && strings.HasSuffix(strings.TrimSpace(l), "}") {
			jt.t.Format = "jsonl"
			jt.t.Notes = append(jt.t.Notes, "read as JSON Lines (one object per line)")
			return jt.lines()
		}
		return jt.syntaxProblem(b, base, err)
	}

	type member struct {
		key  string
		val  json.RawMessage
		base int
	}
	var members []member
	md := json.NewDecoder(bytes.NewReader(first))
	md.UseNumber()
	if _, err := md.Token(); err != nil {
		return jt.syntaxProblem(b, base, err)
	}
	for md.More() {
		k, err := md.Token()
		if err != nil {
			return jt.syntaxProblem(b, base, err)
		}
		off := int(md.InputOffset())
		var v json.RawMessage
		if err := md.Decode(&v); err != nil {
			return jt.syntaxProblem(b, base, err)
		}
		off += len(first[off:]) - len(bytes.TrimLeft(first[off:], " \t\r\n:"))
		key, _ := k.(string)
		if v[0] != '[' && len(v) > maxJSONValueBytes {
			// Strings are found before (bigString): a number, or an
			// object of many short values.
			return jt.tooLarge("the value of "+strconv.Quote(clip(key, 40)), base+off)
		}
		members = append(members, member{key, v, base + off})
	}
	var lists []int
	hasArray, scalarOnly := false, true
	for i, m := range members {
		switch m.val[0] {
		case '[':
			hasArray, scalarOnly = true, false
			var els []json.RawMessage
			if json.Unmarshal(m.val, &els) == nil {
				for _, e := range els {
					if len(e) > 0 && e[0] == '{' {
						lists = append(lists, i)
						break
					}
				}
			}
		case '{':
			scalarOnly = false
		}
	}
	if len(lists) > 1 {
		chosen := -1
		for _, i := range lists {
			if strings.EqualFold(members[i].key, "statements") {
				chosen = i
			}
		}
		if chosen < 0 {
			var names []string
			for _, i := range lists {
				names = append(names, members[i].key)
			}
			p := unusable(jt.t.Name, CodeBadJSON, "holds several lists of objects ("+quoteList(names)+"), so which are the records is unclear")
			p.Expected = `one list, or a list named "statements"`
			return p
		}
		lists = []int{chosen}
	}
	switch {
	case len(lists) == 1:
		m := members[lists[0]]
		note := fmt.Sprintf("records read from the member %q", m.key)
		if len(members) > 1 {
			var others []string
			for _, o := range members {
				if o.key != m.key {
					others = append(others, o.key)
				}
			}
			note += "; other members ignored: " + quoteList(others)
		}
		jt.t.Notes = append(jt.t.Notes, note)
		return jt.array(string(m.val), m.base)
	case scalarOnly && len(members) > 0:
		jt.t.Notes = append(jt.t.Notes, "the file holds a single object: read as one record")
		jt.record(first, jt.x.lineAt(base))
		return nil
	case hasArray:
		return unusable(jt.t.Name, CodeEmptyFile, "has no records: its list is empty")
	}
	p := unusable(jt.t.Name, CodeBadJSON, "is a JSON object that holds no list of records")
	p.Expected = `an array of objects [{"actor": …}, …], an object with one such array {"statements": […]}, or JSON Lines (one object per line)`
	return p
}

// lines reads JSON Lines: each non-blank line one object. A line that is
// not valid JSON, or not an object, is reported and skipped.
func (jt *jsonTable) lines() error {
	objects, bad := 0, 0
	var firstErr *Problem
	for n := 1; n <= jt.x.nLines; n++ {
		l := jt.x.line(n)
		s := strings.TrimSpace(strings.TrimPrefix(l, "\uFEFF"))
		if s == "" {
			jt.blanks = append(jt.blanks, n)
			continue
		}
		var p *Problem
		if len(l) > maxJSONValueBytes {
			p = &Problem{File: jt.t.Name, Row: n, Code: CodeJSONSyntax, Found: clip(l, 80),
				Message:  fmt.Sprintf("the line is larger than %s and was skipped", byteSize(maxJSONValueBytes)),
				Expected: "one JSON object of at most " + byteSize(maxJSONValueBytes) + " on the line"}
		} else {
			p = jt.line(n, l)
		}
		if p == nil {
			objects++
			continue
		}
		bad++
		jt.t.Problems = append(jt.t.Problems, p)
		if firstErr == nil {
			firstErr = p
		}
	}
	if objects == 0 {
		if bad == 0 {
			return unusable(jt.t.Name, CodeEmptyFile, "has no records: it holds only blank lines")
		}
		p := unusable(jt.t.Name, CodeBadJSON, fmt.Sprintf("is not JSON Lines: none of its %d non-blank %s is a JSON object (line %d: %s)",
			bad, Plural(bad, "line", "lines"), firstErr.Row, firstErr.Message))
		p.Expected = "one JSON object per line"
		return p
	}
	return nil
}

// line reads line n of a JSON Lines file; it returns the problem that
// made it skip the line, or nil.
func (jt *jsonTable) line(n int, l string) *Problem {
	bad := func(msg, expected string) *Problem {
		return &Problem{File: jt.t.Name, Row: n, Code: CodeJSONSyntax, Message: msg, Found: l, Expected: expected}
	}
	var v json.RawMessage
	if err := json.Unmarshal([]byte(l), &v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) && se.Error() != "unexpected end of JSON input" {
			col := len([]rune(l[:min(max(int(se.Offset)-1, 0), len(l))])) + 1
			return bad(fmt.Sprintf("the line is not valid JSON (%s at column %d) and was skipped", se.Error(), col), "one JSON object on the line")
		}
		return bad("the line is not valid JSON (it ends before its object is closed) and was skipped", "one whole JSON object on the line")
	}
	if v[0] != '{' {
		p := bad("the line is not a JSON object and was skipped", `an object such as {"actor": "CHN", …}`)
		p.Code = CodeNotAnObject
		return p
	}
	jt.record(v, n)
	return nil
}

// record adds one object as a record that starts on line row. A nested
// object or array cannot be a cell: it is reported and its cell left
// empty. A key given twice keeps its last value, as JSON decoders do.
func (jt *jsonTable) record(obj json.RawMessage, row int) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil {
		return
	}
	vals := map[string]string{}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return
		}
		key, _ := k.(string)
		key = cleanCell(key)
		if _, dup := vals[key]; dup {
			jt.t.Problems = append(jt.t.Problems, &Problem{File: jt.t.Name, Row: row, Column: key, Code: CodeDuplicateKey,
				Severity: SeverityWarning, Message: "the key appears twice in the object: the last value is used"})
		}
		if _, known := jt.col[key]; !known {
			if len(jt.header) >= maxSheetCols {
				if jt.wide == 0 {
					jt.wide = row
				}
				continue
			}
			jt.col[key] = len(jt.header)
			jt.header = append(jt.header, key)
		}
		vals[key] = jt.value(v, row, key)
	}
	for _, v := range vals {
		if v != "" {
			jt.recs = append(jt.recs, jsonRecord{row, vals})
			return
		}
	}
	jt.blanks = append(jt.blanks, row)
}

// value writes a JSON value as a cell: strings as they are, numbers in
// their shortest form, booleans as true and false, null as empty.
func (jt *jsonTable) value(v json.RawMessage, row int, key string) string {
	switch v[0] {
	case '"':
		var s string
		_ = json.Unmarshal(v, &s)
		return cleanCell(s)
	case 't':
		return "true"
	case 'f':
		return "false"
	case 'n':
		return ""
	case '{', '[':
		var compact bytes.Buffer
		if json.Compact(&compact, v) != nil {
			compact.Write(v)
		}
		what := "an object"
		if v[0] == '[' {
			what = "a list"
		}
		jt.t.Problems = append(jt.t.Problems, &Problem{File: jt.t.Name, Row: row, Column: key, Code: CodeNestedValue,
			Message: "the value is " + what + ", which cannot be a cell: the cell is left empty",
			Found:   compact.String(), Expected: "a string, number, true, false or null"})
		return ""
	}
	return jsonNumber(string(v))
}

// jsonNumber writes a JSON number in its shortest form: "2.0" is "2",
// "1e3" is "1000", "0.50" is "0.5". Integers are kept digit for digit,
// however long.
func jsonNumber(s string) string {
	if !strings.ContainsAny(s, ".eE") {
		if strings.Trim(s, "-0") == "" {
			return "0"
		}
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	if f == 0 {
		return "0"
	}
	if a := math.Abs(f); a >= 1e-6 && a < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// finish turns the collected objects into the table's header and records.
func (jt *jsonTable) finish() error {
	t := jt.t
	if len(jt.blanks) > 0 {
		t.Notes = append(t.Notes, blankNote(jt.blanks, false))
	}
	if len(jt.header) == 0 {
		return unusable(t.Name, CodeEmptyFile, "has no records: its objects are all empty")
	}
	if jt.wide > 0 {
		return unusable(t.Name, CodeNotATable, fmt.Sprintf("has more than %d distinct keys, a spreadsheet's column limit (the first past it on line %d): its objects are not records of one table", maxSheetCols, jt.wide))
	}
	// Every record has a cell per key: the padding is bounded like a
	// sparse worksheet's.
	values, dense := 0, len(jt.recs)*len(jt.header)
	for _, r := range jt.recs {
		values += len(r.vals)
	}
	if budget := 16*values + 1<<20; dense > budget {
		return unusable(t.Name, CodeNotATable, fmt.Sprintf("has %d distinct keys, each object using few of them (%d values for %d cells): too sparse to read as a table; give the objects the same keys", len(jt.header), values, dense))
	}
	t.Header = jt.header
	t.Records = make([]Record, len(jt.recs))
	for i, r := range jt.recs {
		cells := make([]string, len(jt.header))
		for k, v := range r.vals {
			cells[jt.col[k]] = v
		}
		t.Records[i] = Record{Row: r.row, Cells: cells}
	}
	return nil
}
