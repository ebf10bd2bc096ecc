package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/stancemap/stancemap/data"
)

// RunOptions control a run over many documents.
type RunOptions struct {
	// Workers extracting at once; 0 means one per core.
	Workers int
	// SkipInvalid goes on past documents or rows that cannot be read,
	// reporting them; otherwise the first one stops the run.
	SkipInvalid bool
	// Progress, when set, is told how far the run has got: bytes of input
	// read (tables) or documents done (text files).
	Progress func(done int64)
}

// Stats counts what a run read and found. Problems lists what could not
// be read (and warnings), in input order.
type Stats struct {
	Documents  int // documents coded
	Skipped    int // documents or rows left out because of a problem
	Sentences  int // sentences read (headings and labels excepted)
	Statements int // statements emitted (flagged ones excepted)
	Flagged    int // theme sentences with no actor: not coded
	Problems   data.Problems
}

// Emit receives every coded statement in input order, flagged ones
// (Coded.Flagged) included.
type Emit func(c *Coded) error

// ErrStopped is wrapped by the error a run returns when a problem
// stopped it (SkipInvalid unset).
var ErrStopped = errors.New("stopped at the first input that cannot be read")

// job is one document (or a problem in its place) on its way through
// the workers, numbered so results come out in input order.
type job struct {
	seq  int
	doc  *Document
	prob data.Problems
	size int64
	res  *DocResult
}

// pipeline extracts documents from feed on several workers and hands
// results to emit in input order, with bounded memory.
func (x *Extractor) pipeline(feed func(jobs chan<- *job, stop <-chan struct{}) error, emit Emit, opt RunOptions) (*Stats, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan *job, 4*workers)
	done := make(chan *job, 4*workers)
	stop := make(chan struct{})
	var stopOnce sync.Once
	halt := func() { stopOnce.Do(func() { close(stop) }) }
	var feedErr error
	go func() {
		feedErr = feed(jobs, stop)
		close(jobs)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			// Each goroutine keeps its own worker, and so its word caches,
			// for the whole run.
			w := newWorker(x)
			for j := range jobs {
				if j.doc != nil {
					j.res = w.extract(j.doc)
					j.doc.Text = "" // the text is not needed past extraction
				}
				done <- j
			}
		})
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	st := &Stats{}
	pending := map[int]*job{}
	next := 0
	var runErr error
	var progress int64
	for j := range done {
		pending[j.seq] = j
		for {
			k, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if runErr != nil {
				continue
			}
			progress += k.size
			if opt.Progress != nil {
				opt.Progress(progress)
			}
			st.Problems = append(st.Problems, k.prob...)
			if k.prob.Errors() > 0 {
				st.Skipped++
				if !opt.SkipInvalid {
					runErr = fmt.Errorf("%w: %v", ErrStopped, FirstError(k.prob))
					halt()
				}
				continue
			}
			if k.res == nil {
				continue
			}
			st.Documents++
			st.Sentences += k.res.Sentences
			for i := range k.res.Coded {
				c := &k.res.Coded[i]
				if c.Flagged() {
					st.Flagged++
				} else {
					st.Statements++
				}
				if err := emit(c); err != nil && runErr == nil {
					runErr = err
					halt()
				}
			}
		}
	}
	if runErr != nil {
		return st, runErr
	}
	return st, feedErr
}

// FirstError is the first error among problems (the first problem when
// none is an error).
func FirstError(ps data.Problems) *data.Problem {
	for _, p := range ps {
		if p.Severity == data.SeverityError {
			return p
		}
	}
	return ps[0]
}

// RunFiles reads and codes the documents of in, in their order.
func (x *Extractor) RunFiles(in *Inputs, emit Emit, opt RunOptions) (*Stats, error) {
	return x.pipeline(func(jobs chan<- *job, stop <-chan struct{}) error {
		for i, f := range in.Files {
			doc, ps := in.Load(f)
			j := &job{seq: i, doc: doc, prob: ps, size: 1}
			if ps.Errors() > 0 {
				j.doc = nil
			}
			select {
			case jobs <- j:
			case <-stop:
				return nil
			}
		}
		return nil
	}, emit, opt)
}

// TableOptions name the columns of a tabular corpus: one text per row,
// with its actor and date.
type TableOptions struct {
	TextCol, ActorCol, DateCol string
	// IDCol names the row (kept in evidence); SourceCol, EventCol fill
	// the statements' source and event. All optional.
	IDCol, SourceCol, EventCol string
	// Actor and Date apply when the table has no actor or date column.
	Actor string
	Date  data.Date
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// IsTable says whether a path names a tabular corpus (.csv, .tsv, .jsonl,
// optionally .gz) rather than documents.
func IsTable(path string) bool {
	p := strings.TrimSuffix(strings.ToLower(path), ".gz")
	switch filepath.Ext(p) {
	case ".csv", ".tsv", ".jsonl", ".ndjson":
		return true
	}
	return false
}

// RunTable codes a tabular corpus row by row: a CSV, TSV or JSON Lines
// file, gzip-compressed or not, read as a stream: only the rows in
// flight are in memory, whatever the size of the file. Each row's text is
// one document of its actor (Document.Speech): no speaker attribution.
func (x *Extractor) RunTable(path string, topt TableOptions, emit Emit, opt RunOptions) (*Stats, error) {
	f, err := os.Open(path)
	if err != nil {
		return &Stats{}, &data.Problem{File: path, Code: "no-file", Message: "cannot read: " + data.FileErrorReason(err), Unusable: true}
	}
	defer f.Close()
	cr := &countingReader{r: f}
	br := bufio.NewReaderSize(cr, 1<<20)
	var r io.Reader = br
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return &Stats{}, &data.Problem{File: path, Code: "bad-gzip", Message: "is not a readable gzip file", Unusable: true}
		}
		defer zr.Close()
		r = bufio.NewReaderSize(zr, 1<<20)
	} else if len(head) == 0 {
		return &Stats{}, &data.Problem{File: path, Code: "empty-file", Message: "is empty (0 bytes)", Unusable: true}
	}
	lower := strings.TrimSuffix(strings.ToLower(path), ".gz")
	var rows rowSource
	switch filepath.Ext(lower) {
	case ".jsonl", ".ndjson":
		rows = newJSONLRows(r)
	default:
		cr := csv.NewReader(r)
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = false
		if filepath.Ext(lower) == ".tsv" {
			cr.Comma = '\t'
			cr.LazyQuotes = true
		}
		rows = &csvRows{r: cr}
	}
	header, err := rows.header()
	if err != nil {
		return &Stats{}, &data.Problem{File: path, Code: "not-a-table", Message: "cannot read its header: " + err.Error(), Unusable: true}
	}
	col := func(name, flag string) (int, *data.Problem) {
		if name == "" {
			return -1, nil
		}
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), name) {
				return i, nil
			}
		}
		return -1, &data.Problem{File: path, Row: 1, Column: name, Code: "missing-column", Unusable: true,
			Message: "the table has no column " + strconv.Quote(name) + " (named by " + flag + ")", Found: strings.Join(header, ","),
			Expected: "one of its columns"}
	}
	var cols [6]int
	for i, c := range []struct {
		name, flag string
	}{{topt.TextCol, "--text-col"}, {topt.ActorCol, "--actor-col"}, {topt.DateCol, "--date-col"},
		{topt.IDCol, "--id-col"}, {topt.SourceCol, "--source-col"}, {topt.EventCol, "--event-col"}} {
		k, p := col(c.name, c.flag)
		if p != nil {
			return &Stats{}, p
		}
		cols[i] = k
	}
	if cols[0] < 0 {
		return &Stats{}, &data.Problem{File: path, Code: "missing-column", Unusable: true,
			Message: "which column holds the text? name it with --text-col", Found: strings.Join(header, ",")}
	}
	if cols[1] < 0 && topt.Actor == "" {
		return &Stats{}, &data.Problem{File: path, Code: "missing-column", Unusable: true,
			Message: "whose texts are these? name the actor column with --actor-col, or give one actor with --actor", Found: strings.Join(header, ",")}
	}
	if cols[2] < 0 && topt.Date.IsZero() {
		return &Stats{}, &data.Problem{File: path, Code: "missing-column", Unusable: true,
			Message: "when were these texts written? name the date column with --date-col, or give one date with --date", Found: strings.Join(header, ",")}
	}
	base := filepath.Base(path)
	actors := map[string]string{}
	dates := map[string]data.Date{}
	return x.pipeline(func(jobs chan<- *job, stop <-chan struct{}) error {
		seq := 0
		var last int64
		for {
			rec, row, err := rows.next()
			if err == io.EOF {
				return nil
			}
			j := &job{seq: seq}
			seq++
			now := cr.n.Load()
			j.size, last = now-last, now
			get := func(i int) string {
				if i < 0 || i >= len(rec) {
					return ""
				}
				return rec[i]
			}
			bad := func(column, code, msg, found, expected string) {
				j.prob = append(j.prob, &data.Problem{File: path, Row: row, Column: column, Code: code, Message: msg, Found: found, Expected: expected})
			}
			switch {
			case err != nil:
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					bad("", "bad-row", "cannot read this row: "+pe.Err.Error(), "", "")
				} else if errors.Is(err, errReadFailed) {
					j.prob = append(j.prob, &data.Problem{File: path, Row: row, Code: "unreadable", Message: err.Error(), Unusable: true})
					select {
					case jobs <- j:
					case <-stop:
					}
					return nil
				} else {
					bad("", "bad-row", "cannot read this row: "+err.Error(), "", "")
				}
			default:
				doc := &Document{Name: fmt.Sprintf("%s:%d", path, row), Ref: fmt.Sprintf("%s#row=%d", base, row),
					Text: get(cols[0]), Speech: true, Source: base, Actor: topt.Actor, Date: topt.Date}
				if cols[3] >= 0 && get(cols[3]) != "" {
					doc.Ref = base + "#id=" + get(cols[3])
				}
				if cols[4] >= 0 && get(cols[4]) != "" {
					doc.Source = get(cols[4])
				}
				doc.Event = get(cols[5])
				if cols[1] >= 0 {
					raw := get(cols[1])
					id, seen := actors[raw]
					if !seen {
						if a, ok := x.reg.Resolve(raw); ok {
							id = a.ID
						}
						actors[raw] = id
					}
					if id == "" {
						bad(topt.ActorCol, "unknown-actor", "actor is not in the actor registry", raw, "an id, name or alias from the registry (--actors)")
					}
					doc.Actor = id
				}
				if cols[2] >= 0 {
					raw := get(cols[2])
					d, seen := dates[raw]
					if !seen {
						d, _ = data.ParseDate(raw)
						dates[raw] = d
					}
					if d.IsZero() {
						bad(topt.DateCol, "bad-date", "date is not an ISO date", raw, "YYYY, YYYY-MM or YYYY-MM-DD")
					}
					doc.Date = d
				}
				switch {
				case strings.TrimSpace(doc.Text) == "":
					j.prob = append(j.prob, &data.Problem{File: path, Row: row, Column: topt.TextCol, Code: "empty-text",
						Message: "the text is empty: row skipped", Severity: data.SeverityWarning})
				case !utf8Valid(doc.Text):
					bad(topt.TextCol, "bad-encoding", "the text is not UTF-8", "", "the table saved as UTF-8")
				case j.prob.Errors() == 0:
					j.doc = doc
				}
			}
			select {
			case jobs <- j:
			case <-stop:
				return nil
			}
		}
	}, emit, opt)
}

var errReadFailed = errors.New("the file could not be read to its end")

// rowSource yields the records of a table with their row (line) numbers.
type rowSource interface {
	header() ([]string, error)
	next() (rec []string, row int, err error)
}

type csvRows struct {
	r *csv.Reader
}

func (c *csvRows) header() ([]string, error) {
	h, err := c.r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("the file holds no rows")
	}
	return h, err
}

func (c *csvRows) next() ([]string, int, error) {
	rec, err := c.r.Read()
	line, _ := c.r.FieldPos(0)
	if err != nil && err != io.EOF {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.StartLine, err
		}
		return nil, line, fmt.Errorf("%w: %v", errReadFailed, err)
	}
	return rec, line, err
}

// jsonlRows reads JSON Lines: one object per line; the header is the keys
// of the first object.
type jsonlRows struct {
	sc    *bufio.Scanner
	line  int
	keys  []string
	first map[string]any
}

func newJSONLRows(r io.Reader) *jsonlRows {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	return &jsonlRows{sc: sc}
}

func (j *jsonlRows) scan() (map[string]any, error) {
	for j.sc.Scan() {
		j.line++
		b := j.sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var m map[string]any
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil {
			return nil, fmt.Errorf("not a JSON object: %v", err)
		}
		return m, nil
	}
	if err := j.sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", errReadFailed, err)
	}
	return nil, io.EOF
}

func (j *jsonlRows) header() ([]string, error) {
	m, err := j.scan()
	if err == io.EOF {
		return nil, fmt.Errorf("the file holds no rows")
	}
	if err != nil {
		return nil, err
	}
	for k := range m {
		j.keys = append(j.keys, k)
	}
	sortStrings(j.keys)
	j.first = m
	return j.keys, nil
}

func (j *jsonlRows) next() ([]string, int, error) {
	var m map[string]any
	if j.first != nil {
		m, j.first = j.first, nil
	} else {
		var err error
		if m, err = j.scan(); err != nil {
			return nil, j.line, err
		}
	}
	rec := make([]string, len(j.keys))
	for i, k := range j.keys {
		switch v := m[k].(type) {
		case nil:
		case string:
			rec[i] = v
		default:
			rec[i] = fmt.Sprint(v)
		}
	}
	return rec, j.line, nil
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }

func sortStrings(s []string) { sort.Strings(s) }
