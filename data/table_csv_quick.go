package data

import (
	"strings"
	"sync"
	"unsafe"
)

// lazyCSV is a CSV table whose records are not split into cells up
// front: the statement reader tokenises them on every core straight into
// statements, with no [][]string for the whole file in between. Only
// text that is plain, well-formed CSV is read this way, and only when
// nothing about it needs the careful reader's messages: lazyRows gives
// up at the first quote out of place, and the table is then read again
// by slow, which fills Records as usual. Both ways give the same
// statements, row numbers, problems and notes (FuzzLazyCSV).
type lazyCSV struct {
	text  string // the whole decoded text
	delim byte
	// body is the byte offset of the line after the header, bodyLine
	// its 1-based line number.
	body, bodyLine int
	// slow reads the table the careful way, filling Records, Problems
	// and Notes.
	slow func() error
}

// lazyChunk is a share of a lazy table's text for one worker.
type lazyChunk struct {
	lo, hi int // byte range, starting and ending on a record boundary
	line   int // line number at lo
	breaks int // line breaks in lo..hi
	blanks []int
}

// lazyHeader reads the first line of text as the header when the text
// can be read lazily: one-byte delimiter, no carriage return, a first
// line that is a header. It returns the cleaned header cells and the
// offset of the next line.
func lazyHeader(text string, delim rune, isHeader func([]string) bool) (header []string, body int, ok bool) {
	if delim >= 0x80 || delim == '"' || delim == '\n' || strings.IndexByte(text, '\r') >= 0 {
		return nil, 0, false
	}
	var cells []string
	breaks := 0
	end, ok := scanRecord(text, 0, len(text), byte(delim), &cells, &breaks)
	if !ok || breaks > 0 {
		// A header spanning lines (a quoted line break in a column name)
		// is left to the careful reader.
		return nil, 0, false
	}
	cleanCells(cells)
	if isBlankRow(cells) || (isHeader != nil && !isHeader(cells)) {
		return nil, 0, false
	}
	return cells, end, true
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

// chunks splits the body of the text into n byte ranges that start on
// record boundaries, by counting quote marks: in well-formed CSV a line
// break after an even number of them ends a record. (In text that is not
// well-formed the count may mislead; the chunk readers then find a quote
// out of place and the whole table is read the careful way.)
func (z *lazyCSV) chunks(n int) []lazyChunk {
	text := z.text
	var cs []lazyChunk
	lo, line := z.body, z.bodyLine
	for k := 1; k <= n && lo < len(text); k++ {
		hi := len(text)
		if k < n {
			target := max(lo, z.body+(len(text)-z.body)*k/n)
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
		cs = append(cs, lazyChunk{lo: lo, hi: hi, line: line})
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

// lazyResult is what the workers read from a lazy table.
type lazyResult struct {
	workers       []*rowWorker
	blanks        []int
	rows, invalid int
}

// lazyRows reads the records of a lazy table into statements on up to
// workers cores, filling res.Statements from its end. It returns nil,
// with res.Statements as it found it, when the text turns out not to be
// plain CSV; the caller then reads it the careful way.
func (sr *statementReader) lazyRows(t *Table, cols columnMap, workers int) *lazyResult {
	z := t.lazy
	res := sr.res
	base := len(res.Statements)
	cs := z.chunks(workers)
	// Every record takes at least one line: the lines bound the records.
	starts := make([]int, len(cs)+1)
	starts[0] = base
	for k, c := range cs {
		starts[k+1] = starts[k] + c.breaks + 1
	}
	if cap(res.Statements) < starts[len(cs)] {
		grown := make([]Statement, 0, starts[len(cs)])
		populate(unsafe.Pointer(unsafe.SliceData(grown)), uintptr(cap(grown))*unsafe.Sizeof(Statement{}))
		res.Statements = append(grown, res.Statements...)
	}
	sts := res.Statements[:starts[len(cs)]]
	lr := &lazyResult{workers: make([]*rowWorker, len(cs))}
	kept := make([]int, len(cs)) // statements kept by each chunk
	rows := make([]int, len(cs))
	bad := make([]int, len(cs))
	done := make([]bool, len(cs))
	var wg sync.WaitGroup
	for k := range cs {
		w := &rowWorker{opt: sr.opt, actors: map[string]string{}, themes: map[string]string{}}
		lr.workers[k] = w
		c := &cs[k]
		wg.Go(func() {
			var cells []string
			var ids idArena
			out := starts[k]
			line := c.line
			for i := c.lo; i < c.hi; {
				if z.text[i] == '\n' { // an empty line
					c.blanks = append(c.blanks, line)
					line++
					i++
					continue
				}
				start := line
				next, fine := scanRecord(z.text, i, c.hi, z.delim, &cells, &line)
				if !fine {
					return
				}
				if z.text[next-1] == '\n' {
					line++
				}
				i = next
				cleanCells(cells)
				if isBlankRow(cells) {
					c.blanks = append(c.blanks, start)
					continue
				}
				rows[k]++
				if w.row(t, cols, Record{Row: start, Cells: cells}, false, &sts[out]) {
					sts[out].ID = ids.keep(sts[out].ID)
					out++
				} else {
					bad[k]++
				}
			}
			kept[k] = out - starts[k]
			done[k] = true
		})
	}
	wg.Wait()
	for k := range cs {
		if !done[k] {
			clear(sts[base:])
			res.Statements = res.Statements[:base]
			return nil
		}
	}
	// Close the gaps the line bound left between the chunks.
	n := base
	for k := range cs {
		if n == starts[k] {
			n += kept[k]
			continue
		}
		n += copy(sts[n:], sts[starts[k]:starts[k]+kept[k]])
	}
	clear(sts[n:])
	res.Statements = sts[:n]
	for k, c := range cs {
		lr.blanks = append(lr.blanks, c.blanks...)
		lr.rows += rows[k]
		lr.invalid += bad[k]
	}
	return lr
}

// idArena holds the ids of statements read lazily side by side, copied
// out of the text while their row is at hand. Left in the text, each id
// sits a row's length from the next, and the id checks and the analysis
// index, which read every id, waited on memory for each one: a million
// ids of ten bytes fill 10 MB here against the text's 250.
type idArena struct{ block []byte }

func (a *idArena) keep(s string) string {
	if s == "" || len(s) > 64 { // an unusually long id stays where it is
		return s
	}
	if cap(a.block)-len(a.block) < len(s) {
		// A full block is never written again: the ids in it stay as
		// they are.
		a.block = make([]byte, 0, 64<<10)
	}
	n := len(a.block)
	a.block = append(a.block, s...)
	return unsafe.String(&a.block[n], len(s))
}
