package data

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// ReadOptions controls how statements are read and checked.
type ReadOptions struct {
	// Registry resolves actor names; nil means the embedded default registry.
	Registry *Registry
	// Codebook gives themes and the stance scale; nil means the default codebook.
	Codebook *Codebook
	// AddUnknownActors registers actors missing from the registry (kind
	// "unknown", a warning each) instead of reporting them as errors.
	AddUnknownActors bool
	// Sheet is the XLSX sheet to read; empty means "Statements" or the first.
	Sheet string
}

// ReadResult is what reading statements found: the valid statements and
// every problem, with the counts that prove nothing was lost:
// Rows == len(Statements) + InvalidRows.
type ReadResult struct {
	Files       []string
	Statements  []Statement
	Problems    Problems // errors and warnings, in file and row order
	Rows        int      // data rows read, blank rows excepted
	InvalidRows int      // rows with at least one error; not in Statements
	AddedActors []string // ids registered by AddUnknownActors
	Notes       []string // what the readers detected (encodings, delimiters, skipped blank rows)
}

// statementReader accumulates statements over one or more files so that
// ids and duplicates are checked across all of them.
type statementReader struct {
	opt ReadOptions
	res *ReadResult
	// idColumn is the header name of each file's id column, for messages.
	idColumn map[string]string
	// workers, when not 0, sets how many workers read a lazy table (for
	// tests, which split small tables into many chunks).
	workers int
}

func newStatementReader(opt ReadOptions) *statementReader {
	return &statementReader{opt: opt, res: &ReadResult{}, idColumn: map[string]string{}}
}

// rowWorker turns records into statements. A large table is split
// between several workers running at once, each with its own caches and
// problem list, merged in reading order afterwards.
type rowWorker struct {
	opt ReadOptions
	// Resolved names: a corpus repeats few distinct actor and theme
	// spellings a million times, so each is normalised only once.
	actors   map[string]string
	themes   map[string]string
	problems Problems
	added    []string
	// at is the column of each of StatementFields (-1: none), worked out
	// on the first row; a worker reads one table.
	at []int
}

// fieldOrd numbers StatementFields.
type fieldOrd int

const (
	ordID fieldOrd = iota
	ordActor
	ordTheme
	ordStance
	ordDate
	ordSpeaker
	ordText
	ordSource
	ordURL
	ordEvent
	ordWeight
	ordCoder
	ordConfidence
	ordOrigin
	ordNote
	numStatementFields
)

// parallelRows is the table size from which rows are converted on
// every core; below it the goroutines cost more than they save.
const parallelRows = 20000

// cores is how many workers share n rows: every core from parallelRows.
func cores(n int) int {
	if n >= parallelRows {
		return runtime.GOMAXPROCS(0)
	}
	return 1
}

// inParts splits 0..n−1 into as many consecutive ranges as workers and
// runs f on each at once, returning when all are done.
func inParts(n, workers int, f func(part, lo, hi int)) {
	per := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for k := range workers {
		lo, hi := min(k*per, n), min((k+1)*per, n)
		wg.Go(func() { f(k, lo, hi) })
	}
	wg.Wait()
}

// ReadStatements reads statements from files of any supported format.
// Problems with rows are collected in the result, never returned as err;
// err is a *Problem with Unusable set when a file cannot be read as a table.
func ReadStatements(paths []string, opt ReadOptions) (*ReadResult, error) {
	if opt.Registry == nil {
		reg, err := DefaultRegistry()
		if err != nil {
			return nil, err
		}
		opt.Registry = reg
	}
	if opt.Codebook == nil {
		cb, err := DefaultCodebook()
		if err != nil {
			return nil, err
		}
		opt.Codebook = cb
	}
	sr := newStatementReader(opt)
	for _, p := range paths {
		t, err := ReadTable(p, TableOptions{Sheet: opt.Sheet, IsHeader: looksLikeHeader(statementSynonyms), lazy: true})
		if err != nil {
			return sr.res, err
		}
		if IsDNAExport(t.Header) {
			// Its agreement column is DNA's 0/1, which read as a stance
			// would silently make every disagreement neutral.
			return sr.res, &Problem{File: t.Name, Row: t.HeaderRow, Code: "dna-export", Unusable: true,
				Message:  "this is a Discourse Network Analyzer export: its agreement column is DNA's 0 (disagree) or 1 (agree), not a stance",
				Expected: "the option --dna, which maps agreement 1/0 to +1/−1 and makes themes of its concepts"}
		}
		if err := sr.table(t); err != nil {
			return sr.res, err
		}
	}
	sr.finish()
	return sr.res, nil
}

// ReadStatementsTable reads statements from a table already in memory.
func ReadStatementsTable(t *Table, opt ReadOptions) *ReadResult {
	sr := newStatementReader(opt)
	_ = sr.table(t) // only a lazy table can fail, and t is not one
	sr.finish()
	return sr.res
}

func (sr *statementReader) table(t *Table) error {
	res := sr.res
	cols := mapColumns(t.Header, statementSynonyms)
	var lz *lazyResult
	if t.lazy != nil {
		if !missingFields(cols) {
			workers := lazyWorkers(sr.opt)
			if sr.workers > 0 {
				workers = sr.workers
			}
			lz = sr.lazyRows(t, cols, workers)
		}
		if lz == nil {
			if err := t.lazy.slow(); err != nil {
				return err
			}
		} else if len(lz.blanks) > 0 {
			t.Notes = append(t.Notes, blankNote(lz.blanks, false))
		}
		t.lazy = nil
	}
	res.Files = append(res.Files, t.Name)
	for _, n := range t.Notes {
		res.Notes = append(res.Notes, t.Name+": "+n)
	}
	res.Problems = append(res.Problems, t.Problems...)
	// A record the table reader flagged (a CSV quote error, a broken JSON
	// line) is invalid even if its remaining cells parse.
	flagged := map[int]bool{}
	for _, p := range t.Problems {
		if p.Severity == SeverityError && p.Row > 0 {
			flagged[p.Row] = true
		}
	}
	sr.idColumn[t.Name] = cols.name[FieldID]
	for _, h := range cols.ignored {
		res.Problems = append(res.Problems, &Problem{File: t.Name, Row: t.HeaderRow, Column: h, Code: "unknown-column",
			Message: "column is not part of the statement format and is ignored", Severity: SeverityWarning,
			Expected: "one of " + fieldList(StatementFields)})
	}
	for _, h := range cols.shadow {
		res.Problems = append(res.Problems, &Problem{File: t.Name, Row: t.HeaderRow, Column: h, Code: "shadowed-column",
			Message: "column means the same as another column and is ignored", Severity: SeverityWarning})
	}
	missing := false
	for _, f := range RequiredFields {
		if _, ok := cols.index[f]; !ok {
			missing = true
			res.Problems = append(res.Problems, &Problem{File: t.Name, Row: t.HeaderRow, Column: string(f), Code: "missing-column",
				Message: "required column is missing", Found: strings.Join(t.Header, ","),
				Expected: "a header with actor, theme, stance and date"})
		}
	}
	if lz != nil {
		res.Rows += lz.rows
		res.InvalidRows += lz.invalid
		sr.collect(lz.workers)
		return nil
	}
	recs := t.Records
	res.Rows += len(recs)
	if missing {
		res.InvalidRows += len(recs)
		return nil
	}
	base := len(res.Statements)
	if n := base + len(recs); cap(res.Statements) < n {
		res.Statements = append(make([]Statement, 0, n), res.Statements...)
	}
	res.Statements = res.Statements[:base+len(recs)]
	good := make([]bool, len(recs))
	workers := cores(len(recs))
	if sr.opt.AddUnknownActors {
		workers = 1 // registering unknown actors changes the registry
	}
	ws := make([]*rowWorker, workers)
	inParts(len(recs), workers, func(k, lo, hi int) {
		w := &rowWorker{opt: sr.opt, actors: map[string]string{}, themes: map[string]string{}}
		ws[k] = w
		for i := lo; i < hi; i++ {
			good[i] = w.row(t, cols, recs[i], flagged[recs[i].Row], &res.Statements[base+i])
		}
	})
	n := base
	for i := range recs {
		if good[i] {
			if n != base+i {
				res.Statements[n] = res.Statements[base+i]
			}
			n++
		} else {
			res.InvalidRows++
		}
	}
	clear(res.Statements[n:])
	res.Statements = res.Statements[:n]
	sr.collect(ws)
	return nil
}

// collect takes the workers' problems and added actors, in reading order.
func (sr *statementReader) collect(ws []*rowWorker) {
	for _, w := range ws {
		sr.res.Problems = append(sr.res.Problems, w.problems...)
		sr.res.AddedActors = append(sr.res.AddedActors, w.added...)
	}
}

// missingFields says whether a required column is missing.
func missingFields(cols columnMap) bool {
	for _, f := range RequiredFields {
		if _, ok := cols.index[f]; !ok {
			return true
		}
	}
	return false
}

// lazyWorkers is how many workers read a lazy table: one when unknown
// actors are registered on the way (that changes the registry), else
// one per core.
func lazyWorkers(opt ReadOptions) int {
	if opt.AddUnknownActors {
		return 1
	}
	return runtime.GOMAXPROCS(0)
}

func fieldList(fs []Field) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}

// row turns one record into a statement, reporting every problem in it
// (not just the first), so one pass of `validate` shows them all. A row
// the table reader flagged is invalid whatever its cells say. The
// statement is built in place in st.
func (w *rowWorker) row(t *Table, cols columnMap, rec Record, flagged bool, st *Statement) bool {
	opt := w.opt
	ok := !flagged
	pos := Pos{File: t.Name, Row: rec.Row}
	problem := func(f Field, code, msg, found, expected string) {
		ok = false
		w.problems = append(w.problems, &Problem{File: t.Name, Row: rec.Row, Column: cols.name[f], Code: code,
			Message: msg, Found: found, Expected: expected})
	}
	if t.Format == "csv" && len(rec.Cells) != len(t.Header) {
		ok = false
		w.problems = append(w.problems, &Problem{File: t.Name, Row: rec.Row, Code: "ragged-row",
			Message:  fmt.Sprintf("row has %d cells but the header has %d", len(rec.Cells), len(t.Header)),
			Expected: "one cell per header column (check for an unquoted delimiter in the text)"})
	}
	if w.at == nil {
		w.at = make([]int, len(StatementFields))
		for k, f := range StatementFields {
			if i, present := cols.index[f]; present {
				w.at[k] = i
			} else {
				w.at[k] = -1
			}
		}
	}
	var raw [numStatementFields]string
	for k, i := range w.at {
		if i >= 0 && i < len(rec.Cells) {
			raw[k] = UnescapeFormula(rec.Cells[i])
		}
	}
	get := func(f fieldOrd) string { return raw[f] }
	*st = Statement{ID: get(ordID), Speaker: get(ordSpeaker), Text: get(ordText), Source: get(ordSource),
		URL: get(ordURL), Event: get(ordEvent), Coder: get(ordCoder), Origin: get(ordOrigin),
		Note: get(ordNote), Weight: 1, Pos: pos}

	rawActor := get(ordActor)
	switch id, known := w.actors[rawActor]; {
	case rawActor == "":
		problem(FieldActor, "empty-value", "actor is empty", "", "an actor id or a name from the actor registry")
	case known:
		st.Actor = id
	default:
		a, found := opt.Registry.Resolve(rawActor)
		if !found && opt.AddUnknownActors {
			id := strings.Join(strings.Fields(rawActor), " ")
			if err := opt.Registry.Add(Actor{ID: id, Name: id, Kind: KindUnknown}); err == nil {
				w.added = append(w.added, id)
				w.problems = append(w.problems, &Problem{File: t.Name, Row: rec.Row, Column: cols.name[FieldActor],
					Code: "added-actor", Message: "unknown actor registered (kind unknown)", Found: rawActor, Severity: SeverityWarning})
			}
			a, found = opt.Registry.Resolve(rawActor)
		}
		if found {
			st.Actor = a.ID
			w.actors[rawActor] = a.ID
		} else {
			problem(FieldActor, "unknown-actor", "actor is not in the actor registry", rawActor,
				"an id, name or alias from the registry (add it there, or use --add-unknown-actors)")
		}
	}

	rawTheme := get(ordTheme)
	if th, found := w.resolveTheme(rawTheme); found {
		st.Theme = th
	} else if rawTheme == "" {
		problem(FieldTheme, "empty-value", "theme is empty", "", "one of "+strings.Join(opt.Codebook.ThemeIDs(), ", "))
	} else {
		problem(FieldTheme, "unknown-theme", "theme is not in the codebook", rawTheme, "one of "+strings.Join(opt.Codebook.ThemeIDs(), ", "))
	}

	rawStance := get(ordStance)
	if v, found := opt.Codebook.ParseStance(rawStance); found {
		st.Stance = v
	} else if rawStance == "" {
		problem(FieldStance, "empty-value", "stance is empty", "", opt.Codebook.stanceExpected())
	} else {
		problem(FieldStance, "bad-stance", "stance is not on the scale", rawStance, opt.Codebook.stanceExpected())
	}

	rawDate := get(ordDate)
	if d, err := ParseDate(rawDate); err == nil {
		st.Date = d
	} else if rawDate == "" {
		problem(FieldDate, "empty-value", "date is empty", "", dateExpected)
	} else {
		problem(FieldDate, "bad-date", "date is not an ISO date", rawDate, dateExpected)
	}

	if w := get(ordWeight); w == "1" {
		st.Weight = 1 // the common case, without ParseFloat
	} else if w != "" {
		v, err := strconv.ParseFloat(w, 64)
		if err != nil || !(v > 0) || v > 1e9 {
			problem(FieldWeight, "bad-weight", "weight must be a positive number", w, "e.g. 1 or 0.5")
		} else {
			st.Weight = v
		}
	}
	if c := get(ordConfidence); c != "" {
		v, err := strconv.ParseFloat(strings.TrimSuffix(c, "%"), 64)
		if err == nil && strings.HasSuffix(c, "%") {
			v /= 100
		}
		if err != nil || v < 0 || v > 1 {
			problem(FieldConfidence, "bad-confidence", "confidence must be a number from 0 to 1", c, "e.g. 0.8 or 80%")
		} else {
			st.Confidence = v
		}
	}
	if !ok {
		return false
	}

	return true
}

// resolveTheme finds a theme by id or label, ignoring case, remembering
// each spelling it has seen.
func (w *rowWorker) resolveTheme(s string) (string, bool) {
	if id, ok := w.themes[s]; ok {
		return id, id != ""
	}
	id := ""
	t := strings.TrimSpace(s)
	for _, th := range w.opt.Codebook.Themes {
		if strings.EqualFold(th.ID, t) || strings.EqualFold(th.Label, t) || normHeader(t) == th.ID {
			id = th.ID
			break
		}
	}
	w.themes[s] = id
	return id, id != ""
}

// LoadOptions says where a corpus comes from besides its statements.
type LoadOptions struct {
	ReadOptions
	ActorsFile   string // registry file; empty means the built-in registry
	CodebookFile string // codebook YAML; empty means the built-in codebook
	// DNA reads the files as Discourse Network Analyzer exports
	// (ReadDNAExport): organizations are actors (unknown ones registered),
	// agreement 1/0 is +1/−1, and every concept not in the codebook
	// becomes a theme.
	DNA bool
}

// LoadCorpus reads a registry, a codebook and statement files into a
// corpus. The result carries every problem; the corpus holds only valid
// statements, so callers decide whether problems are fatal.
func LoadCorpus(paths []string, opt LoadOptions) (*Corpus, *ReadResult, error) {
	var ps Problems
	if opt.Registry == nil {
		if opt.ActorsFile == "" {
			reg, err := DefaultRegistry()
			if err != nil {
				return nil, nil, err
			}
			opt.Registry = reg
		} else {
			reg, aps, err := ReadActors(opt.ActorsFile)
			if err != nil {
				return nil, nil, err
			}
			opt.Registry, ps = reg, aps
		}
	}
	if opt.Codebook == nil {
		var err error
		if opt.CodebookFile == "" {
			opt.Codebook, err = DefaultCodebook()
		} else {
			opt.Codebook, err = ReadCodebook(opt.CodebookFile)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	if opt.DNA {
		ro := opt.ReadOptions
		ro.AddUnknownActors = true
		if opt.CodebookFile == "" {
			ro.Codebook = nil // the export's concepts are its themes
		}
		res, cb, err := ReadDNAExport(paths, DNAOptions{ReadOptions: ro, BuildCodebook: true})
		if err != nil {
			return nil, res, err
		}
		res.Problems = append(ps, res.Problems...)
		return &Corpus{Statements: res.Statements, Actors: ro.Registry, Codebook: cb}, res, nil
	}
	res, err := ReadStatements(paths, opt.ReadOptions)
	if err != nil {
		return nil, res, err
	}
	res.Problems = append(ps, res.Problems...)
	return &Corpus{Statements: res.Statements, Actors: opt.Registry, Codebook: opt.Codebook}, res, nil
}
