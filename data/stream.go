package data

import (
	"errors"
	"hash/maphash"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// streamWindow is how much of a file StreamStatements holds at once, and
// streamRecordMax the longest record it reads (a longer one is left to
// ReadStatements).
var (
	streamWindow    = 4 << 20
	streamRecordMax = 64 << 20
)

// StreamOptions are the options of StreamStatements.
type StreamOptions struct {
	ReadOptions
	// Map, when set, gives the file's whole text as a string that the
	// reader goes through once without copying, and done, which it calls
	// with each stretch text[from:to] it has read, so that its memory can
	// be let go (internal/mapped's Stream). With Map nil, or ok false, or
	// CR LF line ends, the file is read through a buffer a window at a
	// time, each window copied into a string.
	Map func(path string) (text string, done func(from, to int), ok bool)
	// Parts is how many parts of a file's records may be read at once,
	// on as many cores (0 or 1: one), when Map gives its text: f is then
	// called from as many goroutines at once, with the part's number,
	// each part's statements in reading order and part k's all before
	// part k+1's in the file, their rows counted from the part's first
	// line (StreamResult.PartLines).
	Parts int
}

// StreamStatements reads the statements of one CSV file a window of a few
// megabytes at a time and gives each to f, for callers that keep what
// they compute from the statements (a matrix's cells) rather than the
// statements: the file is never held whole, and a statement lives only
// during its call (its strings point into the window: f copies any it
// keeps). It keeps 16 bytes a statement, the hashes of its id and of its
// content, to check ids and duplicates at the end as ReadStatements does.
// Rows are checked by the rows of ReadStatements itself (rowWorker.row),
// records cut as its quick CSV reader cuts them, and an id is generated
// as it generates one, so each statement given is the one ReadStatements
// would give.
//
// It reads only a file that ReadStatements would read without a word
// but for statements entered twice, whose warnings it gives in
// res.Problems as ReadStatements words them (found by reading the text
// again for the statements whose content hashes repeat). ok is false,
// perhaps after f was called for some statements, as soon as the file or
// its reading is anything else (not a plain UTF-8 CSV or TSV with the
// header on its first line and LF or CR LF line ends, no byte order mark,
// no "sep=" line; a record that is not plain CSV; any other problem or
// warning; a review column; unknown actors to add; a repeated id, or two
// ids whose 64-bit hashes agree; statements entered twice in a file read
// through the buffer, or more than maxRepeated of them; no statement; a
// read error; f returning false). The caller then drops what it gathered and reads the file with
// ReadStatements, whose statements and messages are then the only ones.
// opt.Registry and opt.Codebook must be set.
func StreamStatements(path string, opt StreamOptions, f func(part int, st *Statement) bool) (res StreamResult, ok bool) {
	if opt.Registry == nil || opt.Codebook == nil || opt.AddUnknownActors {
		return res, false
	}
	lower := strings.ToLower(strings.TrimRight(path, ") "))
	if format, p := tableFormat(path); p != nil || format != "csv" || strings.HasSuffix(lower, ".gz") || IsDNADatabase(path) {
		return res, false
	}
	s := &csvStream{}
	if opt.Map != nil {
		if text, done, ok := opt.Map(path); ok {
			s.text, s.done, s.eof = text, done, true
		}
	}
	if s.done != nil && crlf(s.text) {
		s.text, s.done, s.eof = "", nil, false // CR LF lines are made LF: a copy, through the buffer
	}
	if s.done == nil {
		file, err := os.Open(path)
		if err != nil {
			return res, false
		}
		defer file.Close()
		if fi, err := file.Stat(); err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
			return res, false
		}
		s.r, s.buf = file, make([]byte, 0, streamWindow)
		if !s.fill() {
			return res, false
		}
	}
	if !s.start(path, opt.ReadOptions) {
		return res, false
	}
	seed := maphash.MakeSeed()
	var stop, retry atomic.Bool
	newPart := func(k int) *partScan {
		w := &rowWorker{opt: s.w.opt, actors: map[string]string{}, themes: map[string]string{}}
		return &partScan{s: s, k: k, w: w, seed: seed, f: f, stopped: func() bool { return false }}
	}
	var ps []*partScan
	if s.done != nil && opt.Parts > 1 {
		// The whole text at hand: cut into parts at line breaks and
		// read at once. A part whose records all read as plain CSV and
		// end at its end reads as it would in one pass: each part starts
		// where the one before it stopped. A cut inside a quoted cell
		// leaves the part before it with a quoted cell open at its end:
		// the caller is told to read again in one part (res.Retry).
		// Finding the cuts reads nothing before them, so that no page of
		// the text is touched before its part reads it: the parts count
		// their rows from their first line, numbered once all are read.
		text := s.text
		cuts := []int{s.body}
		for k := 1; k < opt.Parts; k++ {
			target := max(cuts[len(cuts)-1], s.body+(len(text)-s.body)*k/opt.Parts)
			e := strings.IndexByte(text[target:], '\n')
			if e < 0 || target+e+1 >= len(text) {
				break
			}
			cuts = append(cuts, target+e+1)
		}
		cuts = append(cuts, len(text))
		s.cuts = cuts
		ps = make([]*partScan, len(cuts)-1)
		// A part stops when one before it has failed, not after, so
		// that the first part to fail has read to where it failed: a
		// part ending in an open quoted cell is a cut inside it (where
		// the part after may have failed first).
		var first atomic.Int64 // the first part to fail
		first.Store(math.MaxInt64)
		status := make([]scanStatus, len(ps))
		var wg sync.WaitGroup
		for k := range ps {
			ps[k] = newPart(k)
			ps[k].line = 1
			ps[k].stopped = func() bool { return first.Load() < int64(k) }
			wg.Go(func() {
				if _, status[k] = ps[k].scan(text, cuts[k], cuts[k+1]); status[k] != scanned {
					for f := first.Load(); int64(k) < f && !first.CompareAndSwap(f, int64(k)); f = first.Load() {
					}
				}
			})
		}
		wg.Wait()
		if f := first.Load(); f < int64(len(ps)) {
			stop.Store(true)
			retry.Store(status[f] == scanOpen && f < int64(len(ps)-1))
		}
		res.PartLines = make([]int, len(ps))
		line := 2
		for k, p := range ps {
			res.PartLines[k] = line
			line += p.line - 1
		}
	} else {
		p := newPart(0)
		p.w = s.w
		ps = []*partScan{p}
		text, i := s.text, s.body
		p.line = 2
		for {
			next, status := p.scan(text, i, s.complete())
			if status == scanFailed || (status == scanOpen && s.eof) {
				stop.Store(true)
				break
			}
			if s.eof {
				break
			}
			p.w.ownKeys()
			// Keep what is left of the window, read the next.
			if !s.advance(next) {
				stop.Store(true)
				break
			}
			text, i, p.checked = s.text, 0, 0
		}
	}
	if stop.Load() {
		res.Retry = retry.Load()
		return res, false
	}
	var ids, contents hashBuckets
	for _, p := range ps {
		res.Statements += p.rows
		ids.merge(&p.ids)
		contents.merge(&p.contents)
	}
	if res.Statements == 0 {
		return res, false
	}
	// The two sorts at once: a tenth of a second each at a million.
	var again [2][]uint64
	var wg sync.WaitGroup
	for k, h := range []*hashBuckets{&ids, &contents} {
		wg.Go(func() { again[k] = h.repeated() })
	}
	wg.Wait()
	if len(again[0]) > 0 {
		return res, false // a repeated id is an error (or two ids whose hashes agree)
	}
	if len(again[1]) > 0 {
		// Statements that may have been entered twice: read again, the
		// statements of those hashes kept, and warned about as
		// ReadStatements warns.
		ps, ok := s.duplicates(again[1], seed)
		if !ok {
			return res, false
		}
		res.Problems = ps
	}
	return res, true
}

// StreamResult is what StreamStatements read.
type StreamResult struct {
	Statements int
	// Problems are the warnings on statements entered twice, as
	// ReadStatements gives them; the only problems a file read with ok
	// set can have.
	Problems Problems
	// PartLines, when the file was read in parts (StreamOptions.Parts),
	// is the line number of each part's first line: the rows of the
	// statements of part k count from 1 at that line, and
	// Pos.Row + PartLines[k] − 1 is the row in the file. It is nil when
	// the file was read in one part, whose rows are the file's.
	PartLines []int
	// Retry says that the file was not read because a part began inside
	// a quoted cell: read in one part, it may be.
	Retry bool
}

// partScan reads one part of a file's records: its own row checks,
// hashes and count, its statements given to f in reading order.
type partScan struct {
	s    *csvStream
	k    int // the part
	w    *rowWorker
	seed maphash.Seed
	// stopped says the reading has failed before this part's text:
	// it stops.
	stopped func() bool
	f       func(part int, st *Statement) bool

	ids, contents hashBuckets
	// again says the text is read a second time (duplicates): the
	// hashes are not kept.
	again bool
	rows  int
	line  int // of the next record
	// checked is how far the text is known to be UTF-8 without CR or
	// NUL; released how far it has been let go (StreamOptions.Map).
	checked, released int
	cells             []string
	st                Statement
}

type scanStatus int

const (
	scanned    scanStatus = iota // every record before hi read
	scanOpen                     // a quoted cell open at hi, which more text may close
	scanFailed                   // hand over
)

// scan reads the records of text[i:hi], whole lines, and returns where it
// stopped.
func (p *partScan) scan(text string, i, hi int) (int, scanStatus) {
	s := p.s
	p.checked, p.released = i, i
	valid := func(to int) bool {
		part := text[p.checked:to]
		p.checked = to
		if p.again {
			return true // checked the first time
		}
		return utf8.ValidString(part) && strings.IndexByte(part, '\r') < 0 && strings.IndexByte(part, 0) < 0
	}
	for i < hi {
		if i >= p.checked {
			// The next stretch of whole lines: checked, and the text
			// read so far let go.
			if p.stopped() {
				return i, scanFailed
			}
			end := hi
			if i+streamWindow < hi {
				end = i + streamWindow + strings.IndexByte(text[i+streamWindow:hi], '\n') + 1
				if end <= i+streamWindow {
					end = hi
				}
			}
			if !valid(end) {
				return i, scanFailed
			}
			if s.done != nil {
				s.done(p.released, i)
				p.released = i
			}
		}
		if text[i] == '\n' { // an empty line
			p.line++
			i++
			continue
		}
		start := p.line
		next, plain := scanRecord(text, i, hi, s.delim, &p.cells, &p.line)
		if !plain {
			p.line = start
			if openQuote(text, i, hi, rune(s.delim)) {
				return i, scanOpen
			}
			return i, scanFailed
		}
		if next > p.checked && !valid(next) {
			return i, scanFailed
		}
		if text[next-1] == '\n' {
			p.line++
		}
		i = next
		cleanCells(p.cells)
		if isBlankRow(p.cells) {
			continue
		}
		st := &p.st
		if !p.w.row(s.t, s.cols, Record{Row: start, Cells: p.cells}, false, st) || len(p.w.problems) > 0 {
			return i, scanFailed
		}
		if st.ID == "" {
			st.ID = contentID(st)
		}
		if !p.again {
			p.ids.add(maphash.String(p.seed, st.ID))
			p.contents.add(contentHash(p.seed, st))
		}
		p.rows++
		if !p.f(p.k, st) {
			return i, scanFailed
		}
	}
	if s.done != nil {
		s.done(p.released, hi)
		p.released = hi
	}
	return i, scanned
}

// hashBuckets holds a hash of each statement, in 256 buckets by its top
// byte, each a list of blocks: a slice grown by doubling to a million
// statements copied 16 MB into fresh memory on the way (0.3 s of a 1.1 s
// run, with the collections it set off), and one sorted whole would need
// as much again to sort it (three times the hashes at the peak, 0.5 GB at
// ten million statements). A bucket at a time, the peak is the hashes
// and one bucket.
type hashBuckets struct {
	b [256][][]uint64
	n int
}

// bucketBlock is the size of a bucket's blocks: small, as each bucket's
// last block is partly empty.
const bucketBlock = 1 << 10

func (h *hashBuckets) add(k uint64) {
	bl := &h.b[k>>56]
	if n := len(*bl); n == 0 || len((*bl)[n-1]) == bucketBlock {
		*bl = append(*bl, make([]uint64, 0, bucketBlock))
	}
	last := &(*bl)[len(*bl)-1]
	*last = append(*last, k)
	h.n++
}

// merge takes o's hashes.
func (h *hashBuckets) merge(o *hashBuckets) {
	for i := range h.b {
		h.b[i] = append(h.b[i], o.b[i]...)
	}
	h.n += o.n
}

// repeated lists the hashes held more than once (at most
// maxRepeated+1 of them), sorting a bucket at a time and letting each go
// once looked at.
func (h *hashBuckets) repeated() []uint64 {
	var scratch, again []uint64
	for i := range h.b {
		scratch = scratch[:0]
		for _, blk := range h.b[i] {
			scratch = append(scratch, blk...)
		}
		h.b[i] = nil
		slices.Sort(scratch)
		for k := 1; k < len(scratch); k++ {
			if scratch[k] == scratch[k-1] && (len(again) == 0 || again[len(again)-1] != scratch[k]) {
				if again = append(again, scratch[k]); len(again) > maxRepeated {
					return again
				}
			}
		}
	}
	return again
}

// maxRepeated is how many statements entered twice StreamStatements
// reports itself; a file with more is left to ReadStatements.
const maxRepeated = 1000

// duplicates reads the file again for the statements whose content hash
// is one of those repeated, and returns the warnings ReadStatements gives
// on those entered twice (finish): each one that says what an earlier one
// said, pointing at the first. Hashes that agree on different statements
// warn of nothing. Only the mapped text is read again.
func (s *csvStream) duplicates(repeated []uint64, seed maphash.Seed) (Problems, bool) {
	if s.done == nil || len(repeated) > maxRepeated {
		return nil, false
	}
	// The parts as in the first reading, each with its own lists of the
	// statements wanted, joined in part order.
	cuts := s.cuts
	if cuts == nil {
		cuts = []int{s.body, len(s.text)}
	}
	wants := make([]map[uint64][]Statement, len(cuts)-1)
	lines := make([]int, len(cuts)-1) // line breaks in each part
	ok := true
	var mu sync.Mutex
	var wg sync.WaitGroup
	for k := range wants {
		want := map[uint64][]Statement{}
		for _, h := range repeated {
			want[h] = nil
		}
		wants[k] = want
		w := &rowWorker{opt: s.w.opt, actors: map[string]string{}, themes: map[string]string{}}
		p := &partScan{s: s, w: w, seed: seed, line: 1, again: true, stopped: func() bool { return false },
			f: func(_ int, st *Statement) bool {
				h := contentHash(seed, st)
				if group, ok := want[h]; ok {
					c := *st
					c.ID, c.Text, c.Speaker, c.Source, c.URL, c.Event, c.Coder, c.Origin, c.Note = "", strings.Clone(c.Text), "", "", "", "", "", "", ""
					want[h] = append(group, c)
				}
				return true
			}}
		wg.Go(func() {
			if _, status := p.scan(s.text, cuts[k], cuts[k+1]); status != scanned {
				mu.Lock()
				ok = false
				mu.Unlock()
			}
			lines[k] = p.line - 1
		})
	}
	wg.Wait()
	if !ok {
		return nil, false
	}
	want := map[uint64][]Statement{}
	first := 2 // the line of the part's first line
	for k, w := range wants {
		for h, group := range w {
			for _, c := range group {
				c.Pos.Row += first - 1
				want[h] = append(want[h], c)
			}
		}
		first += lines[k]
	}
	var ps Problems
	for _, h := range repeated {
		group := want[h]
		done := make([]bool, len(group))
		for a := range group {
			if done[a] {
				continue
			}
			for b := a + 1; b < len(group); b++ {
				if !done[b] && sameContent(&group[a], &group[b]) {
					done[b] = true
					ps = append(ps, duplicateProblem(&group[b], &group[a]))
				}
			}
		}
	}
	ps.Sort()
	return ps, true
}

// csvStream is StreamStatements' window on a file: the whole text with
// done (StreamOptions.Map), or a buffer read from r.
type csvStream struct {
	done func(from, to int)
	// cuts are where the parts of a mapped text begin, and its end.
	cuts []int
	// crlf says the lines end in CR LF, made LF as each window is read,
	// as parseCSVTable makes them (a CR anywhere else hands over).
	crlf bool
	r    io.Reader
	buf  []byte
	text string // the window: buf's bytes as a string
	eof  bool

	delim byte
	body  int // where the records start in the first window
	t     *Table
	cols  columnMap
	w     *rowWorker
}

// fill reads until the buffer is full or the file ends, and makes the
// window of it. It is false on a read error.
func (s *csvStream) fill() bool {
	for len(s.buf) < cap(s.buf) && !s.eof {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if errors.Is(err, io.EOF) {
			s.eof = true
		} else if err != nil {
			return false
		}
	}
	s.text = string(s.buf)
	if s.crlf {
		s.text = strings.ReplaceAll(s.text, "\r\n", "\n")
	}
	return true
}

// advance drops the window's text before i and reads on. A record longer
// than the window grows it, up to streamRecordMax.
func (s *csvStream) advance(i int) bool {
	rest := copy(s.buf[:cap(s.buf)], s.text[i:]) // the text: line ends already made LF
	s.buf = s.buf[:rest]
	if rest == cap(s.buf) {
		if 2*cap(s.buf) > streamRecordMax {
			return false
		}
		s.buf = append(make([]byte, 0, 2*cap(s.buf)), s.buf...)
	}
	return s.fill()
}

// complete is the end of the window's last whole line: the records
// before it can be cut as in the whole text.
func (s *csvStream) complete() int {
	if s.eof {
		return len(s.text)
	}
	return strings.LastIndexByte(s.text, '\n') + 1
}

// start checks the beginning of the file as parseCSVTable and
// ReadStatements would, and reads the header. It is false for anything
// they would read with a note, a warning or an error, or not by the
// quick CSV reader.
func (s *csvStream) start(name string, opt ReadOptions) bool {
	text := s.text
	if strings.HasPrefix(text, "\xEF\xBB\xBF") || strings.HasPrefix(text, "\xFF\xFE") || strings.HasPrefix(text, "\xFE\xFF") ||
		sniffForeign(name, "csv", text) != nil || binaryText(text) {
		return false
	}
	if crlf(text) {
		if s.done != nil {
			return false // a mapping is read as it is: StreamStatements reads it through the buffer instead
		}
		s.crlf = true
		text = strings.ReplaceAll(text, "\r\n", "\n")
		s.text = text
	}
	if onlyBlank(text) {
		return false
	}
	line1 := text
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		line1 = text[:i]
	}
	if _, ok := sepLine(line1); ok {
		return false
	}
	delim := ','
	if strings.HasSuffix(strings.ToLower(strings.TrimRight(name, ") ")), ".tsv") {
		delim = '\t'
	} else if d, found := sniffDelimiter(text); found {
		delim = d
	} else {
		return false
	}
	if delim >= 0x80 {
		return false
	}
	var cells []string
	breaks := 0
	end, ok := scanRecord(text, 0, len(text), byte(delim), &cells, &breaks)
	if !ok || breaks > 0 || (end == len(text) && !s.eof) || !utf8.ValidString(text[:end]) || strings.ContainsAny(text[:end], "\r\x00") {
		return false
	}
	for k, c := range cells {
		cells[k] = strings.Clone(cleanCell(c)) // the header outlives the window
	}
	if isBlankRow(cells) || !looksLikeHeader(statementSynonyms)(cells) || IsDNAExport(cells) {
		return false
	}
	cols := mapColumns(cells, statementSynonyms)
	_, review := cols.index[FieldReview]
	_, suggested := cols.index[FieldSuggested]
	if missingFields(cols) || len(cols.ignored) > 0 || len(cols.shadow) > 0 || review || suggested {
		return false
	}
	s.delim, s.body = byte(delim), end
	s.t = &Table{Name: name, Format: "csv", Header: cells, HeaderRow: 1, Delimiter: delim}
	s.cols = cols
	s.w = &rowWorker{opt: opt, actors: map[string]string{}, themes: map[string]string{}}
	return true
}

// crlf reports whether the first line of text ends in CR LF.
func crlf(text string) bool {
	i := strings.IndexByte(text, '\n')
	return i > 0 && text[i-1] == '\r'
}

// ownKeys copies the spellings the worker remembers, which point into
// the window, so that they do not keep it alive after it is read.
func (w *rowWorker) ownKeys() {
	for _, m := range []*map[string]string{&w.actors, &w.themes} {
		own := make(map[string]string, len(*m))
		for k, v := range *m {
			own[strings.Clone(k)] = v
		}
		*m = own
	}
}
