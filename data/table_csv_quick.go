package data

import (
	"strings"
	"sync"
)

// quickCSV is the rowSource of a CSV table of statements read straight
// from its text, on every core, with no Records in between: a million
// statements would otherwise hold a quarter of a gigabyte of cells (about
// 240 bytes a record) that are read once and dropped. Each chunk of the
// text is cut into records at memchr speed (scanRecord); a record that is
// not plain CSV (a quote out of place, text after a closing quote) is
// handed to the careful reader, which reads that record as it would in
// the whole table (csvParse.recordAt), problems and all. Only when that
// record runs past its chunk (a quoted cell still open) is the whole table
// read again the careful way. Both ways give the same records, row
// numbers, problems and notes (FuzzQuickCSV).
//
// What it buys (BenchmarkStatementRows_200k, 200,000 statements, 47 MB,
// two cores): 56 ms from text to statements instead of the careful
// reader's 297 ms, and 46 MB allocated instead of 159 MB.
type quickCSV struct {
	t     *Table
	text  string // the whole decoded text
	delim byte
	// body is the byte offset of the line after the header, bodyLine
	// its 1-based line number.
	body, bodyLine int
	opt            TableOptions // for reading the whole table carefully
	chunks         []quickChunk

	index     lineIndex // of the whole text, made for the first careful record
	indexOnce sync.Once
}

// quickChunk is a share of the text for one worker.
type quickChunk struct {
	lo, hi   int // byte range, starting and ending on a record boundary
	line     int // line number at lo
	breaks   int // line breaks in lo..hi
	blanks   []int
	problems []*Problem // from records read carefully
	gaveUp   bool       // a record read carefully ran past hi
	// restarts counts the records skipped for a quoted cell that never
	// closes, after which the careful reader starts again (and gives up
	// after maxCSVRestarts of them).
	restarts int
}

// newQuickCSV returns the quick reader of text when it can read it: a
// one-byte delimiter, no carriage return (cr says the file had some,
// which may have gone with its CRLF line ends), and a first line that is
// the header (a title row above it is left to the careful reader). It
// sets t's header.
func newQuickCSV(t *Table, text string, cr bool, opt TableOptions) (*quickCSV, bool) {
	delim := t.Delimiter
	if delim >= 0x80 || delim == '"' || delim == '\n' || (cr && strings.IndexByte(text, '\r') >= 0) {
		return nil, false
	}
	var cells []string
	breaks := 0
	end, ok := scanRecord(text, 0, len(text), byte(delim), &cells, &breaks)
	if !ok || breaks > 0 {
		// A header spanning lines (a quoted line break in a column name)
		// is left to the careful reader.
		return nil, false
	}
	cleanCells(cells)
	if isBlankRow(cells) || (opt.IsHeader != nil && !opt.IsHeader(cells)) {
		return nil, false
	}
	t.Header, t.HeaderRow = cells, 1
	return &quickCSV{t: t, text: text, delim: byte(delim), body: end, bodyLine: 2, opt: opt}, true
}

func (q *quickCSV) parts(n int) []int {
	q.chunks = q.split(n)
	bounds := make([]int, len(q.chunks))
	for k, c := range q.chunks {
		bounds[k] = c.breaks + 1 // every record takes at least one line
	}
	return bounds
}

func (q *quickCSV) read(k int, f func(rec Record, flagged bool)) {
	c := &q.chunks[k]
	text := q.text
	var cells []string
	var careful *csvParse
	line := c.line
	for i := c.lo; i < c.hi; {
		if text[i] == '\n' { // an empty line
			c.blanks = append(c.blanks, line)
			line++
			i++
			continue
		}
		start := line
		next, plain := scanRecord(text, i, c.hi, q.delim, &cells, &line)
		if !plain {
			if careful == nil {
				q.indexOnce.Do(func() { q.index = newLineIndex(text) })
				careful = &csvParse{lineIndex: q.index, t: &Table{Name: q.t.Name, Delimiter: q.t.Delimiter}, rt: &rowTable{}}
			}
			after, restart := careful.recordAt(start, c.hi)
			if restart {
				c.restarts++
			}
			if after == 0 || c.restarts > maxCSVRestarts {
				c.gaveUp = true
				return
			}
			for _, r := range careful.rt.rows {
				f(r, false)
			}
			c.blanks = append(c.blanks, careful.rt.blanks...)
			c.problems = append(c.problems, careful.t.Problems...)
			careful.rt.rows, careful.rt.blanks, careful.t.Problems = careful.rt.rows[:0], careful.rt.blanks[:0], nil
			line, i = after, c.hi
			if after <= len(q.index.starts) {
				i = q.index.starts[after-1]
			}
			continue
		}
		if text[next-1] == '\n' {
			line++
		}
		i = next
		cleanCells(cells)
		if isBlankRow(cells) {
			c.blanks = append(c.blanks, start)
			continue
		}
		f(Record{Row: start, Cells: cells}, false)
	}
}

// done adds the blank lines and the problems of the records read
// carefully to the table; when a chunk gave up, it reads the whole table
// the careful way instead and returns its records.
func (q *quickCSV) done() rowSource {
	var blanks []int
	restarts := 0
	for _, c := range q.chunks {
		restarts += c.restarts
	}
	for _, c := range q.chunks {
		if c.gaveUp || restarts > maxCSVRestarts {
			t := q.t
			rt := &rowTable{}
			q.indexOnce.Do(func() { q.index = newLineIndex(q.text) })
			p := &csvParse{lineIndex: q.index, t: t, rt: rt}
			p.parse(1)
			_ = rt.finish(t, q.opt, CodeEmptyFile, "has no rows: it holds only blank lines") // the header is a row
			return &recordRows{t: t}
		}
		blanks = append(blanks, c.blanks...)
	}
	for _, c := range q.chunks {
		q.t.Problems = append(q.t.Problems, c.problems...)
	}
	if len(blanks) > 0 {
		q.t.Notes = append(q.t.Notes, blankNote(blanks, false))
	}
	return nil
}

// scanRecord reads the record starting at text[i], which must lie before
// hi, into *cells (reset first). It returns the offset just past the
// record's line break (or hi) and false when the record is not plain
// CSV: a quote inside an unquoted cell, text after a closing quote, or a
// quoted cell still open at hi. lines, when not nil, gets the number of
// line breaks inside quoted cells added.
func scanRecord(text string, i, hi int, delim byte, cells *[]string, lines *int) (int, bool) {
	*cells = (*cells)[:0]
	// Most lines hold no quote mark: split them on the delimiter at
	// memchr speed.
	eol := strings.IndexByte(text[i:hi], '\n')
	end := hi
	if eol >= 0 {
		end = i + eol
	}
	line := text[i:end]
	if strings.IndexByte(line, '"') < 0 {
		for {
			k := strings.IndexByte(line, delim)
			if k < 0 {
				*cells = append(*cells, line)
				break
			}
			*cells = append(*cells, line[:k])
			line = line[k+1:]
		}
		if eol >= 0 {
			end++
		}
		return end, true
	}
	for {
		if i < hi && text[i] == '"' {
			j := i + 1
			escaped := false
			for {
				k := strings.IndexByte(text[j:hi], '"')
				if k < 0 {
					return 0, false // still open at the end of the chunk
				}
				j += k
				if j+1 < hi && text[j+1] == '"' {
					escaped = true
					j += 2
					continue
				}
				break
			}
			cell := text[i+1 : j]
			if lines != nil {
				*lines += strings.Count(cell, "\n")
			}
			if escaped {
				cell = strings.ReplaceAll(cell, `""`, `"`)
			}
			*cells = append(*cells, cell)
			j++
			switch {
			case j == hi:
				return j, true
			case text[j] == '\n':
				return j + 1, true
			case text[j] == delim:
				i = j + 1
				continue
			}
			return 0, false // text after the closing quote
		}
		j := i
		for j < hi && text[j] != delim && text[j] != '\n' {
			if text[j] == '"' {
				return 0, false // a quote inside an unquoted cell
			}
			j++
		}
		*cells = append(*cells, text[i:j])
		switch {
		case j == hi:
			return j, true
		case text[j] == '\n':
			return j + 1, true
		}
		i = j + 1
	}
}

// split cuts the body of the text into n byte ranges that start on
// record boundaries, by counting quote marks: in well-formed CSV a line
// break after an even number of them ends a record. (In text that is not
// well-formed the count may mislead: a record read the careful way that
// runs past its chunk's end then makes the whole table read the careful
// way.)
func (q *quickCSV) split(n int) []quickChunk {
	text := q.text
	var cs []quickChunk
	lo, line := q.body, q.bodyLine
	for k := 1; k <= n && lo < len(text); k++ {
		hi := len(text)
		if k < n {
			target := max(lo, q.body+(len(text)-q.body)*k/n)
			quotes := countByte(text[lo:target], '"')
			hi = -1
			for p := target; p < len(text); {
				e := strings.IndexByte(text[p:], '\n')
				if e < 0 {
					break
				}
				quotes += strings.Count(text[p:p+e], `"`)
				p += e + 1
				if quotes%2 == 0 {
					hi = p
					break
				}
			}
			if hi < 0 {
				hi = len(text)
			}
		}
		cs = append(cs, quickChunk{lo: lo, hi: hi, line: line})
		lo = hi
	}
	// Line numbers: the line breaks of each chunk, counted at once.
	if len(cs) > 0 {
		inParts(len(cs), len(cs), func(k, _, _ int) { cs[k].breaks = strings.Count(text[cs[k].lo:cs[k].hi], "\n") })
	}
	for k := range cs {
		cs[k].line = line
		line += cs[k].breaks
	}
	return cs
}
