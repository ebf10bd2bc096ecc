package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	unicodechars "unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decodedText is an input file turned into UTF-8 text.
type decodedText struct {
	text     string
	encoding string
	notes    []string
	// mixedLine is the first line holding bytes that were not UTF-8 in a
	// file that is otherwise UTF-8 (0 when there are none); mixedBytes
	// counts those bytes.
	mixedLine, mixedBytes int
	cr                    bool // the text holds a carriage return
}

// errNotText says why bytes are no text table; it becomes the message of
// a "not-a-table" problem.
type errNotText string

func (e errNotText) Error() string { return string(e) }

// decodeText turns a text file into UTF-8, recognising what spreadsheet
// programs write: UTF-8 with or without a byte order mark, UTF-16 with a
// BOM (Excel's "Unicode text") or without one (recognised by its zero
// bytes), and Windows-1252 (Excel's "CSV" on Western Windows) for bytes
// that are not UTF-8. Binary data is an error.
func decodeText(b string) (*decodedText, string, error) {
	d := &decodedText{encoding: "utf-8"}
	var err error
	var facts textFacts // of b, when known
	known := false
	switch {
	case strings.HasPrefix(b, "\xEF\xBB\xBF"):
		d.encoding = "utf-8 (BOM)"
		b = b[3:]
	case strings.HasPrefix(b, "\xFF\xFE"):
		d.encoding = "utf-16le"
		b, err = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().String(b)
		d.notes = append(d.notes, "converted from UTF-16LE")
	case strings.HasPrefix(b, "\xFE\xFF"):
		d.encoding = "utf-16be"
		b, err = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().String(b)
		d.notes = append(d.notes, "converted from UTF-16BE")
	default:
		// One pass finds zero bytes (UTF-16 without a byte order mark,
		// or binary data), carriage returns and invalid UTF-8.
		facts, known = factsOf(b), true
		if !facts.zero {
			break
		}
		known = false
		e, ok := sniffUTF16(b)
		switch {
		case !ok:
			return nil, "", errNotText("is not a text table: it holds binary data (zero bytes that are not UTF-16 text)")
		case e == unicode.LittleEndian:
			d.encoding = "utf-16le"
			b, err = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder().String(b)
			d.notes = append(d.notes, "converted from UTF-16LE (no byte order mark; recognised by its zero bytes)")
		default:
			d.encoding = "utf-16be"
			b, err = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().String(b)
			d.notes = append(d.notes, "converted from UTF-16BE (no byte order mark; recognised by its zero bytes)")
		}
	}
	if err != nil {
		return nil, "", errNotText("is not a text table: its UTF-16 text cannot be decoded")
	}
	if !known {
		facts = factsOf(b)
	}
	if !facts.valid {
		b = d.fromWindows1252(b) // carriage returns stay carriage returns
	}
	d.cr = facts.cr
	if binaryText(b) {
		return nil, "", errNotText("is not a text table: it holds binary data (control characters), not text")
	}
	return d, b, nil
}

// onlyBlank reports whether text holds nothing but white space and
// byte order marks. It stops at the first other character: the start of
// any real table.
func onlyBlank(text string) bool {
	for _, r := range text {
		if r != '\uFEFF' && !unicodechars.IsSpace(r) {
			return false
		}
	}
	return true
}

// fromWindows1252 decodes bytes that are not valid UTF-8. A file with no
// valid multi-byte UTF-8 sequence at all is Windows-1252 through and
// through; a file with both is UTF-8 with stray bytes (two files pasted
// together), and only the stray bytes are read as Windows-1252, so that
// its real UTF-8 text is not garbled.
func (d *decodedText) fromWindows1252(b string) string {
	multi := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRuneInString(b[i:])
		if r != utf8.RuneError && n > 1 {
			multi++
			break
		}
		i += n
	}
	if multi == 0 {
		out, err := charmap.Windows1252.NewDecoder().String(b)
		if err == nil {
			d.encoding = "windows-1252"
			d.notes = append(d.notes, "converted from Windows-1252: the file is not UTF-8 (Excel's \"CSV\" format on Western Windows writes this)")
			return out
		}
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	line := 1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRuneInString(b[i:])
		if r == utf8.RuneError && n == 1 {
			d.mixedBytes++
			if d.mixedLine == 0 {
				d.mixedLine = line
			}
			out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(b[i]))
		} else {
			if b[i] == '\n' {
				line++
			}
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	d.notes = append(d.notes, fmt.Sprintf("%d %s not UTF-8 and read as Windows-1252 (first on line %d): check those characters",
		d.mixedBytes, Plural(d.mixedBytes, "byte is", "bytes are"), d.mixedLine))
	return string(out)
}

// sniffUTF16 recognises UTF-16 without a byte order mark from its zero
// bytes: text in Latin script has a zero in every other byte, always on
// the same side. ok is false when b does not look like that.
func sniffUTF16(b string) (e unicode.Endianness, ok bool) {
	n := min(len(b), 4096) &^ 1
	if n < 2 {
		return e, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*3 && even*50 <= pairs:
		return unicode.LittleEndian, true
	case even*10 >= pairs*3 && odd*50 <= pairs:
		return unicode.BigEndian, true
	}
	return e, false
}

// binaryText says whether decoded text is really binary data: it holds a
// zero, or more than a few control characters that no text editor
// writes.
func binaryText(b string) bool {
	sample := b[:min(len(b), 1<<16)]
	ctl := 0
	for _, c := range []byte(sample) {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1A:
			ctl++
		}
	}
	return ctl > 2 && ctl*100 > len(sample)
}

// csvDelimiters are the delimiters sniffed, in order of preference when
// the evidence is equal.
var csvDelimiters = []rune{',', ';', '\t', '|'}

func delimName(r rune) string {
	switch r {
	case '\t':
		return "tab"
	case '|':
		return "'|' (vertical bar)"
	}
	return fmt.Sprintf("'%c'", r)
}

// sniffDelimiter picks the delimiter that splits the first lines most
// consistently: for each candidate it counts occurrences outside quotes
// on each line, takes the most common non-zero count, and scores the
// lines that have exactly that count. A comma inside a text column of a
// semicolon file varies from line to line, the semicolons do not.
func sniffDelimiter(text string) (rune, bool) {
	const maxLines, maxBytes = 50, 1 << 16
	var lines [][4]int
	var cur [4]int
	inQuote, nonBlank := false, false
	for i, r := range text {
		if i > maxBytes || len(lines) >= maxLines {
			break
		}
		switch {
		case r == '"':
			inQuote = !inQuote
			nonBlank = true
		case r == '\n' && !inQuote:
			if nonBlank {
				lines = append(lines, cur)
			}
			cur, nonBlank = [4]int{}, false
		case !inQuote:
			for k, d := range csvDelimiters {
				if r == d {
					cur[k]++
				}
			}
			if r != ' ' && r != '\t' && r != '\r' {
				nonBlank = true
			}
		}
	}
	if nonBlank && len(lines) < maxLines {
		lines = append(lines, cur)
	}
	best, bestScore, bestMode := -1, 0, 0
	for k := range csvDelimiters {
		freq := map[int]int{}
		for _, l := range lines {
			if l[k] > 0 {
				freq[l[k]]++
			}
		}
		mode, score := 0, 0
		for c, n := range freq {
			if n > score || (n == score && c > mode) {
				mode, score = c, n
			}
		}
		if score > bestScore || (score == bestScore && score > 0 && mode > bestMode) {
			best, bestScore, bestMode = k, score, mode
		}
	}
	if best < 0 {
		return ',', false
	}
	return csvDelimiters[best], true
}

// headerOnlyBytes is how much text TableOptions.HeaderOnly reads.
const headerOnlyBytes = 1 << 20

// parseCSVTable reads delimited text: CSV, TSV, or Excel's "Unicode text".
// With quick set it may return a quickCSV for the records instead of
// reading them into t.Records; otherwise the rowSource is nil.
func parseCSVTable(t *Table, text string, opt TableOptions, quick bool) (rowSource, error) {
	d, text, err := decodeText(text)
	if err != nil {
		return nil, unusable(t.Name, CodeNotATable, err.Error())
	}
	t.Encoding = d.encoding
	t.Notes = append(t.Notes, d.notes...)
	if opt.HeaderOnly && len(text) > headerOnlyBytes {
		// The first megabyte, cut after a line break.
		if i := strings.LastIndexByte(text[:headerOnlyBytes], '\n'); i > 0 {
			text = text[:i+1]
		}
	}
	if d.cr && !strings.Contains(text, "\n") {
		// Classic Mac OS line ends. In files that have line feeds a stray
		// carriage return is left in its cell rather than made a line break.
		text = strings.ReplaceAll(text, "\r", "\n")
		t.Notes = append(t.Notes, "line ends are carriage returns only (classic Mac): read as line breaks")
	} else if d.cr {
		text = strings.ReplaceAll(text, "\r\n", "\n")
	}
	if onlyBlank(text) {
		return nil, unusable(t.Name, CodeEmptyFile, "has no rows: it holds only blank lines")
	}

	if d.mixedLine > 0 {
		t.Problems = append(t.Problems, &Problem{File: t.Name, Row: d.mixedLine, Code: CodeMixedEncoding,
			Severity: SeverityWarning,
			Message: fmt.Sprintf("the file is UTF-8 but %d %s not; %s read as Windows-1252, which may be wrong",
				d.mixedBytes, Plural(d.mixedBytes, "byte is", "bytes are"), Plural(d.mixedBytes, "it was", "they were")),
			Expected: "the whole file saved as UTF-8"})
	}

	first := 1
	line1 := text
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		line1 = text[:i]
	}
	if sep, ok := sepLine(line1); ok {
		t.Delimiter = sep
		first = 2
		t.Notes = append(t.Notes, fmt.Sprintf("delimiter %s set by the file's first line %q", delimName(sep), line1))
	} else if strings.HasSuffix(strings.TrimSuffix(strings.ToLower(strings.TrimRight(t.Name, ") ")), ".gz"), ".tsv") {
		t.Delimiter = '\t'
	} else if dl, found := sniffDelimiter(text); found {
		t.Delimiter = dl
		if dl != ',' {
			t.Notes = append(t.Notes, fmt.Sprintf("delimiter %s detected", delimName(dl)))
		}
	} else {
		t.Delimiter = ','
		t.Notes = append(t.Notes, "no delimiter (, ; tab |) found: each line is read as a single column")
	}
	if quick && first == 1 && d.mixedLine == 0 {
		if q, ok := newQuickCSV(t, text, d.cr, opt); ok {
			return q, nil
		}
	}
	p := &csvParse{lineIndex: newLineIndex(text), t: t, rt: &rowTable{}}
	p.parse(first)
	return nil, p.rt.finish(t, opt, CodeEmptyFile, "has no rows: it holds only blank lines")
}

// sepLine recognises Excel's "sep=;" first line, which names the
// delimiter instead of holding data.
func sepLine(l string) (rune, bool) {
	l = strings.TrimSpace(strings.TrimPrefix(l, "\uFEFF"))
	if !strings.HasPrefix(strings.ToLower(l), "sep=") {
		return 0, false
	}
	r, n := utf8.DecodeRuneInString(l[4:])
	if n == 0 || 4+n != len(l) || r == '"' || r == utf8.RuneError {
		return 0, false
	}
	return r, true
}

// lineIndex finds lines in a text by byte offset and by number.
type lineIndex struct {
	text   string
	starts []int // byte offset where each line starts; starts[0] is line 1
	nLines int   // lines in the text; a final line break does not start one
}

func newLineIndex(text string) lineIndex {
	x := lineIndex{text: text, starts: []int{0}}
	for i := 0; ; {
		k := strings.IndexByte(text[i:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
		x.starts = append(x.starts, i)
	}
	x.nLines = len(x.starts)
	if strings.HasSuffix(text, "\n") {
		x.nLines--
	}
	return x
}

// line returns line n (1-based) without its line break.
func (x *lineIndex) line(n int) string {
	if n < 1 || n > x.nLines {
		return ""
	}
	end := len(x.text)
	if n < len(x.starts) {
		end = x.starts[n] - 1
	}
	return x.text[x.starts[n-1]:end]
}

// lineAt returns the line holding byte offset off.
func (x *lineIndex) lineAt(off int) int {
	return sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off })
}

// position returns the 1-based line and character column of byte offset off.
func (x *lineIndex) position(off int) (line, col int) {
	off = min(max(off, 0), len(x.text))
	if off == len(x.text) && strings.HasSuffix(x.text, "\n") {
		off-- // the end of the last line, not a line after it
	}
	line = x.lineAt(off)
	if line < 1 {
		line = 1
	}
	start := x.starts[min(line, len(x.starts))-1]
	return line, utf8.RuneCountInString(x.text[start:off]) + 1
}

// csvParse drives encoding/csv over a whole text, keeping true line
// numbers, noting blank lines, and carrying on past quote errors.
type csvParse struct {
	lineIndex
	t  *Table
	rt *rowTable
}

// blank records the lines from..to, which encoding/csv skipped because
// they are empty.
func (p *csvParse) blank(from, to int) {
	for l := from; l <= to; l++ {
		p.rt.blanks = append(p.rt.blanks, l)
	}
}

// charColumn turns the 1-based byte column of a csv.ParseError on line n
// into the 1-based character column a text editor shows.
func (p *csvParse) charColumn(n, byteCol int) int {
	l := p.line(n)
	return utf8.RuneCountInString(l[:min(max(byteCol-1, 0), len(l))]) + 1
}

func (p *csvParse) problem(row int, sev Severity, msg, found, expected string) {
	p.t.Problems = append(p.t.Problems, &Problem{File: p.t.Name, Row: row, Code: CodeCSVSyntax, Severity: sev,
		Message: msg, Found: found, Expected: expected})
}

// maxCSVRecordBytes bounds one record of a CSV read whole (a cell of
// 50 MB is read). A variable so that tests can lower it.
var maxCSVRecordBytes = 64 << 20

// recordBudget fails a read with errRowTooLarge once more than max
// bytes have been read since n was last set to 0 (at each record).
type recordBudget struct {
	r      io.Reader
	n, max int
}

func (b *recordBudget) Read(p []byte) (int, error) {
	if b.n > b.max {
		return 0, errRowTooLarge
	}
	k, err := b.r.Read(p)
	b.n += k
	return k, err
}

// byteSize writes a size in MB, or in KB below one.
func byteSize(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

// maxCSVRestarts bounds how often reading starts again after a quoted
// cell that never closes, so that a file full of stray quotes costs
// linear, not quadratic, time.
const maxCSVRestarts = 100

// parse reads records from line first to the end. encoding/csv skips empty
// lines; parse notes them from the gaps between records. After a quote
// error it goes on with the next line encoding/csv would read; when a
// quoted cell never closes (which would swallow the rest of the file) it
// reports the line where the quote opened and starts again on the line
// after it.
func (p *csvParse) parse(first int) {
	prevEnd := first - 1
	for restarts := 0; first <= p.nLines; restarts++ {
		if restarts > maxCSVRestarts {
			p.problem(first, SeverityError, fmt.Sprintf("too many quoted cells that never close: lines %d to %d were not read", first, p.nLines),
				"", `every opening " closed by another "`)
			return
		}
		segOff := p.starts[first-1]
		base := first - 1
		// A record may hold maxCSVRecordBytes: past that, a quoted cell
		// that never closes would have encoding/csv hold the rest of
		// the file, several times over as its buffer grows.
		budget := &recordBudget{r: strings.NewReader(p.text[segOff:]), max: maxCSVRecordBytes}
		r := csv.NewReader(budget)
		r.Comma = p.t.Delimiter
		r.FieldsPerRecord = -1
		next := 0
		for next == 0 {
			budget.n = 0
			// A quoted cell still open past the record bound is found
			// by looking for quote marks in the text, before
			// encoding/csv copies the record twice over while growing
			// its buffers (a 30 MB file whose second line opens a quote
			// that never closes made 450 MB of garbage).
			off := segOff + int(r.InputOffset())
			for off < len(p.text) && p.text[off] == '\n' {
				off++
			}
			if next = p.openRecord(off, &prevEnd); next != 0 {
				break
			}
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if errors.Is(err, errRowTooLarge) {
				start := prevEnd + 1
				for start < p.nLines && strings.TrimSpace(p.line(start)) == "" {
					start++
				}
				p.blank(prevEnd+1, start-1)
				p.tooLarge(start)
				prevEnd = start
				next = start + 1
				break
			}
			next = p.record(r, rec, err, segOff, base, &prevEnd)
		}
		if next == 0 {
			p.blank(prevEnd+1, p.nLines)
			return
		}
		first = next
	}
}

// record takes what r.Read returned (r reads the text from byte segOff,
// line base+1): the record, or the problem that spoiled it. prevEnd is the
// last line read before, and becomes the last line of this record. It
// returns the line to start reading again from after a quoted cell that
// never closes, else 0.
func (p *csvParse) record(r *csv.Reader, rec []string, err error, segOff, base int, prevEnd *int) (restart int) {
	endLine := p.lineAt(segOff + int(r.InputOffset()) - 1)
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		start, at := pe.StartLine+base, pe.Line+base
		p.blank(*prevEnd+1, start-1)
		if p.unclosed(pe, at) {
			col := openQuoteColumn(p.line(start), p.t.Delimiter)
			p.problem(start, SeverityError,
				fmt.Sprintf("a quoted cell opened at column %d never closes: line %d was skipped and reading went on at line %d", col, start, start+1),
				p.line(start), `a closing " at the end of the cell (a " inside a cell is written "")`)
			*prevEnd = start
			return start + 1
		}
		p.quoteError(pe, start, at, endLine, segOff)
		*prevEnd = endLine
		return 0
	}
	if err != nil {
		// encoding/csv returns no other error for a string reader.
		p.problem(endLine, SeverityError, "cannot read this line", "", "")
		*prevEnd = endLine
		return 0
	}
	line, _ := r.FieldPos(0)
	start := line + base
	p.blank(*prevEnd+1, start-1)
	p.rt.add(start, rec)
	*prevEnd = endLine
	return 0
}

// recordAt reads the record that starts on line first as parse reads it
// there, looking no further than byte hi of the text, which ends a line.
// It returns the line after the record, or 0 when what parse would make
// of it may depend on text past hi: a quoted cell still open at hi that
// may close later. restart says the record was skipped for a quoted cell
// that never closes (openRecord), after which parse starts reading again.
func (p *csvParse) recordAt(first, hi int) (after int, restart bool) {
	segOff := p.starts[first-1]
	prevEnd := first - 1
	if next := p.openRecord(segOff, &prevEnd); next != 0 {
		return next, true
	}
	if openQuote(p.text, segOff, hi, p.t.Delimiter) {
		return 0, false
	}
	r := csv.NewReader(strings.NewReader(p.text[segOff:hi]))
	r.Comma = p.t.Delimiter
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err == io.EOF || (err != nil && segOff+int(r.InputOffset()) >= hi && hi < len(p.text)) {
		return 0, false
	}
	if p.record(r, rec, err, segOff, first-1, &prevEnd) != 0 {
		return 0, false
	}
	return prevEnd + 1, false
}

// unclosed tells a quoted cell that runs to the end of the file from a
// quote followed by stray text: encoding/csv reports both as ErrQuote,
// but only the latter points at a quote mark.
func (p *csvParse) unclosed(pe *csv.ParseError, at int) bool {
	if !errors.Is(pe.Err, csv.ErrQuote) {
		return false
	}
	l := p.line(at)
	i := pe.Column - 1
	return i < 0 || i >= len(l) || l[i] != '"'
}

// quoteError reports a quote error that spoils one record (lines
// start..end). A quote mark inside an unquoted cell ("He said "no"") is
// harmless: the record is read again with lazy quotes and kept, with a
// warning. Text after a closing quote makes the cell's extent unclear:
// the record is skipped, with an error.
func (p *csvParse) quoteError(pe *csv.ParseError, start, at, end, segOff int) {
	col := p.charColumn(at, pe.Column)
	where := fmt.Sprintf("line %d, column %d", at, col)
	if errors.Is(pe.Err, csv.ErrBareQuote) {
		lo := p.starts[start-1]
		hi := len(p.text)
		if end < len(p.starts) {
			hi = p.starts[end]
		}
		lr := csv.NewReader(strings.NewReader(p.text[lo:hi]))
		lr.Comma = p.t.Delimiter
		lr.FieldsPerRecord = -1
		lr.LazyQuotes = true
		rec, err := lr.Read()
		if _, err2 := lr.Read(); err == nil && err2 == io.EOF {
			p.rt.add(start, rec)
			p.problem(start, SeverityWarning,
				fmt.Sprintf("a quote mark inside a cell that does not start with one (%s) was read as a plain character", where),
				p.line(at), `a cell holding " wrapped in quotes, with each inner " doubled ("")`)
			return
		}
		p.problem(at, SeverityError, fmt.Sprintf("a quote mark inside a cell that does not start with one (%s): the record was skipped", where),
			p.line(at), `a cell holding " wrapped in quotes, with each inner " doubled ("")`)
		return
	}
	skipped := fmt.Sprintf("line %d was skipped", at)
	if start != at {
		skipped = fmt.Sprintf("the record on lines %d to %d was skipped", start, at)
	}
	p.problem(at, SeverityError, fmt.Sprintf("unexpected text after the closing quote of a cell (%s): %s", where, skipped),
		p.line(at), `the delimiter or the end of the line right after a closing " (a " inside a cell is written "")`)
}

// openQuoteColumn finds the 1-based character column of the quote that
// opens the cell still open at the end of line l.
func openQuoteColumn(l string, delim rune) int {
	open, inQuote, fieldStart := 0, false, true
	col := 0
	var prev rune
	for _, r := range l {
		col++
		switch {
		case inQuote && r == '"':
			inQuote = false
		case !inQuote && r == '"' && (fieldStart || prev == '"'):
			if fieldStart {
				open = col
			}
			inQuote = true
		case !inQuote && r == delim:
			fieldStart = true
			prev = r
			continue
		}
		fieldStart = false
		prev = r
	}
	if open == 0 {
		return 1
	}
	return open
}

// openRecord looks at the record starting at byte off (not on an empty
// line) for a quoted cell that never closes (openQuote), so that
// encoding/csv is not given it to read: one still open at the end of the
// text, or past maxCSVRecordBytes, is reported, prevEnd becomes its line,
// and the line to go on from is returned; otherwise 0.
func (p *csvParse) openRecord(off int, prevEnd *int) (next int) {
	end := min(len(p.text), off+maxCSVRecordBytes)
	if off >= len(p.text) || !openQuote(p.text, off, end, p.t.Delimiter) {
		return 0
	}
	start := p.lineAt(off)
	p.blank(*prevEnd+1, start-1)
	if end < len(p.text) {
		p.tooLarge(start)
	} else {
		col := openQuoteColumn(p.line(start), p.t.Delimiter)
		p.problem(start, SeverityError,
			fmt.Sprintf("a quoted cell opened at column %d never closes: line %d was skipped and reading went on at line %d", col, start, start+1),
			p.line(start), `a closing " at the end of the cell (a " inside a cell is written "")`)
	}
	*prevEnd = start
	return start + 1
}

// tooLarge reports a record starting on line start that runs past
// maxCSVRecordBytes.
func (p *csvParse) tooLarge(start int) {
	p.problem(start, SeverityError,
		fmt.Sprintf("the record starting on line %d runs past %s (a quoted cell that never closes?): line %d was skipped and reading went on at line %d",
			start, byteSize(maxCSVRecordBytes), start, start+1),
		clip(p.line(start), 80), `a closing " at the end of the cell (a " inside a cell is written "")`)
}

// openQuote reports whether the record starting at text[i] (not on an
// empty line) holds a quoted cell that is still open at hi, reading it
// as encoding/csv does without lazy quotes: a cell is quoted when it
// starts with a quote mark and ends at a quote mark that is not doubled;
// a quote mark inside an unquoted cell, or text after a closing quote,
// ends the record (with an error) on its line. It copies nothing.
func openQuote(text string, i, hi int, delim rune) bool {
	dl := string(delim)
	for i < hi {
		if text[i] == '"' {
			j := i + 1
			for {
				k := strings.IndexByte(text[j:hi], '"')
				if k < 0 {
					return true
				}
				j += k + 1
				if j < hi && text[j] == '"' {
					j++
					continue
				}
				break
			}
			if j < hi && strings.HasPrefix(text[j:hi], dl) {
				i = j + len(dl)
				continue
			}
			return false // the line break, the end, or text after the quote
		}
		for ; i < hi; i++ {
			switch {
			case text[i] == '"' || text[i] == '\n':
				return false // a bare quote ends the record with an error
			case strings.HasPrefix(text[i:hi], dl):
				i += len(dl)
			default:
				continue
			}
			break
		}
	}
	return false
}
