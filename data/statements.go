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
	// ReadFile is TableOptions.ReadFile: how a file's text may be had
	// other than by reading it into memory.
	ReadFile func(path string) (text string, ok bool)
	// Statements, when set, gives the room for n statements, with length
	// 0 and capacity n at least; nil means make. The stancemap command
	// gives internal/mapped's, which backs a large slice with memory in
	// one call rather than one page fault at a time.
	Statements func(n int) []Statement
	// DNADatabase reads a Discourse Network Analyzer database (see
	// IsDNADatabase); nil leaves such files unusable. The stancemap
	// command gives package data/dna's Read.
	DNADatabase DNADatabaseReader
}

// ReadResult is what reading statements found: the valid statements and
// every problem, with the counts that prove nothing was lost:
// Rows == len(Statements) + InvalidRows + len(Review.Rejected).
type ReadResult struct {
	Files       []string
	Statements  []Statement
	Problems    Problems // errors and warnings, in file and row order
	Rows        int      // data rows read, blank rows excepted
	InvalidRows int      // rows with at least one error; not in Statements
	AddedActors []string // ids registered by AddUnknownActors
	Notes       []string // what the readers detected (encodings, delimiters, skipped blank rows)
	// Review is what the review columns of a review workbook held
	// (`stancemap extract --review`); zero when there were none.
	Review Review
}

// statementReader accumulates statements over one or more files so that
// ids and duplicates are checked across all of them.
type statementReader struct {
	opt ReadOptions
	res *ReadResult
	// idColumn is the header name of each file's id column, for messages.
	idColumn map[string]string
	// workers, when not 0, sets how many parts a table's records are
	// read in (for tests, which split small tables into many chunks).
	workers int
	hints   *readHints
}

func newStatementReader(opt ReadOptions) *statementReader {
	return &statementReader{opt: opt, res: &ReadResult{}, idColumn: map[string]string{}, hints: newReadHints(opt)}
}

// readHints are what a read suggests for misspelt actors and themes.
// They are worked out after the rows are read, in reading order, for the
// first maxHinted distinct unknown values (so that a file of a hundred
// thousand new actors does not cost a hundred thousand searches, and the
// messages do not depend on how the rows were split between workers).
// The actors searched are those of the registry when reading began: an
// actor added by AddUnknownActors is never offered as the spelling of
// another.
type readHints struct {
	opt    ReadOptions
	actors []*Actor // the registry's actors when reading began
}

// maxHinted is how many distinct unknown actors and themes a read looks
// for misspellings of.
const maxHinted = 1000

func newReadHints(opt ReadOptions) *readHints {
	h := &readHints{opt: opt}
	if opt.Registry != nil {
		h.actors = opt.Registry.Actors()[:len(opt.Registry.Actors()):len(opt.Registry.Actors())]
	}
	return h
}

// apply rewrites the unknown-actor, added-actor and unknown-theme
// problems of a read whose value looks like a misspelling: the message
// says what it may mean, and no longer proposes --add-unknown-actors for
// it. It returns a note when some values were not looked at.
func (h *readHints) apply(ps Problems) string {
	var actors, themes *suggester
	hints := map[string]string{}
	skipped := 0
	hint := func(kind, v string, idx func() *suggester) (string, bool) {
		key := kind + "\x00" + v
		if s, ok := hints[key]; ok {
			return s, true
		}
		if len(hints) >= maxHinted {
			skipped++
			hints[key] = ""
			return "", false
		}
		s := didYouMean(idx().nearest(v))
		hints[key] = s
		return s, true
	}
	actorIdx := func() *suggester {
		if actors == nil {
			actors = actorSuggesterOf(h.actors)
		}
		return actors
	}
	themeIdx := func() *suggester {
		if themes == nil {
			themes = themeSuggester(h.opt.Codebook)
		}
		return themes
	}
	for _, p := range ps {
		switch p.Code {
		case CodeUnknownActor:
			if s, _ := hint("a", p.Found, actorIdx); s != "" {
				// A likely typo: --add-unknown-actors would make it a new actor.
				p.Expected = "an id, name or alias from the registry: " + s
			}
		case CodeAddedActor:
			if s, _ := hint("a", p.Found, actorIdx); s != "" {
				p.Message += "; " + s + " If so, correct it in the file"
			}
		case CodeUnknownTheme:
			if s, _ := hint("t", p.Found, themeIdx); s != "" {
				p.Expected += "; " + s
			}
		}
	}
	if skipped > 0 {
		return fmt.Sprintf("misspellings were looked for among the first %d distinct unknown actors and themes only", maxHinted)
	}
	return ""
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
	// hasReview says the table has review columns; review counts what
	// they held.
	hasReview bool
	review    Review
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
		if IsDNADatabase(p) {
			return sr.res, &Problem{File: p, Code: CodeDNAExport, Unusable: true,
				Message:  "is a Discourse Network Analyzer database, not a statements table",
				Expected: "a statements file (CSV, XLSX, JSON); DNA databases are read by validate, matrix, analyze, compare and report"}
		}
		// Registering unknown actors changes the registry as rows are
		// read, which a table read again the careful way would not see
		// the same: those read their records the plain way.
		t, src, err := readTable(p, TableOptions{Sheet: opt.Sheet, IsHeader: looksLikeHeader(statementSynonyms), ReadFile: opt.ReadFile}, !opt.AddUnknownActors)
		if err != nil {
			return sr.res, err
		}
		if IsDNAExport(t.Header) {
			// Its agreement column is DNA's 0/1, which read as a stance
			// would silently make every disagreement neutral.
			return sr.res, &Problem{File: t.Name, Row: t.HeaderRow, Code: CodeDNAExport, Unusable: true,
				Message:  "this is a Discourse Network Analyzer export: its agreement column is DNA's 0 (disagree) or 1 (agree), not a stance",
				Expected: "the option --dna, which maps agreement 1/0 to +1/−1 and makes themes of its concepts"}
		}
		sr.table(t, src)
	}
	sr.finish()
	return sr.res, nil
}

// ReadStatementsTable reads statements from a table already in memory.
func ReadStatementsTable(t *Table, opt ReadOptions) *ReadResult {
	sr := newStatementReader(opt)
	sr.table(t, &recordRows{t: t})
	sr.finish()
	return sr.res
}

// rowSource gives a table's data records to the statement reader's
// workers, in parts read at once. recordRows gives Table.Records;
// quickCSV reads a large CSV's records straight from its text.
type rowSource interface {
	// parts splits the records into at most n parts, in reading order,
	// and returns for each an upper bound of the records it holds.
	parts(n int) []int
	// read gives f each record of part k in order, with whether the
	// table reader flagged it with an error. f must not keep rec.Cells.
	read(k int, f func(rec Record, flagged bool))
	// done is called when every part has been read. It returns nil, or
	// a source to read the table's records from instead (those read so
	// far are dropped).
	done() rowSource
}

// recordRows is the rowSource of a table's Records.
type recordRows struct {
	t       *Table
	flagged map[int]bool // rows the table reader reported an error on
	per     int
}

func (r *recordRows) parts(n int) []int {
	// A record the table reader flagged (a CSV quote error, a broken
	// JSON line) is invalid even if its remaining cells parse.
	r.flagged = map[int]bool{}
	for _, p := range r.t.Problems {
		if p.Severity == SeverityError && p.Row > 0 {
			r.flagged[p.Row] = true
		}
	}
	recs := len(r.t.Records)
	n = min(n, cores(recs))
	r.per = (recs + n - 1) / n
	bounds := make([]int, n)
	for k := range bounds {
		bounds[k] = min((k+1)*r.per, recs) - min(k*r.per, recs)
	}
	return bounds
}

func (r *recordRows) read(k int, f func(Record, bool)) {
	recs := r.t.Records
	for _, rec := range recs[min(k*r.per, len(recs)):min((k+1)*r.per, len(recs))] {
		f(rec, r.flagged[rec.Row])
	}
}

func (r *recordRows) done() rowSource { return nil }

func (sr *statementReader) table(t *Table, src rowSource) {
	res := sr.res
	cols := mapColumns(t.Header, statementSynonyms)
	missing := missingFields(cols)
	workers := runtime.GOMAXPROCS(0)
	if sr.opt.AddUnknownActors {
		workers = 1 // registering unknown actors changes the registry
	}
	if sr.workers > 0 {
		workers = sr.workers
	}
	var ws []*rowWorker
	rows, invalid := 0, 0
	for base := len(res.Statements); src != nil; {
		ws, rows, invalid = sr.rows(t, cols, missing, src, workers)
		if src = src.done(); src != nil {
			clear(res.Statements[base:])
			res.Statements = res.Statements[:base]
		}
	}
	res.Files = append(res.Files, t.Name)
	for _, n := range t.Notes {
		res.Notes = append(res.Notes, t.Name+": "+n)
	}
	res.Problems = append(res.Problems, t.Problems...)
	sr.idColumn[t.Name] = cols.name[FieldID]
	for _, h := range cols.ignored {
		res.Problems = append(res.Problems, &Problem{File: t.Name, Row: t.HeaderRow, Column: h, Code: CodeUnknownColumn,
			Message: "column is not part of the statement format and is ignored", Severity: SeverityWarning,
			Expected: "one of " + fieldList(StatementFields)})
	}
	for _, h := range cols.shadow {
		res.Problems = append(res.Problems, &Problem{File: t.Name, Row: t.HeaderRow, Column: h, Code: CodeShadowedColumn,
			Message: "column means the same as another column and is ignored", Severity: SeverityWarning})
	}
	for _, f := range RequiredFields {
		if _, ok := cols.index[f]; !ok {
			res.Problems = append(res.Problems, &Problem{File: t.Name, Row: t.HeaderRow, Column: string(f), Code: CodeMissingColumn,
				Message: "required column is missing", Found: strings.Join(t.Header, ","),
				Expected: "a header with actor, theme, stance and date"})
		}
	}
	res.Rows += rows
	res.InvalidRows += invalid
	sr.collect(ws)
}

// rows turns the records of src into statements appended to
// res.Statements, in reading order, on up to workers cores. With a
// required column missing, it only counts the records, all invalid.
func (sr *statementReader) rows(t *Table, cols columnMap, missing bool, src rowSource, workers int) (ws []*rowWorker, rows, invalid int) {
	res := sr.res
	bounds := src.parts(workers)
	base := len(res.Statements)
	starts := make([]int, len(bounds)+1) // where each part's statements go
	starts[0] = base
	for k, b := range bounds {
		starts[k+1] = starts[k]
		if !missing {
			starts[k+1] += b
		}
	}
	if n := starts[len(bounds)]; cap(res.Statements) < n {
		var room []Statement
		if sr.opt.Statements != nil {
			room = sr.opt.Statements(n)
		}
		if cap(room) < n {
			room = make([]Statement, 0, n)
		}
		res.Statements = append(room[:0], res.Statements...)
	}
	sts := res.Statements[:starts[len(bounds)]]
	ws = make([]*rowWorker, len(bounds))
	_, hasReview := cols.index[FieldReview]
	_, hasSuggested := cols.index[FieldSuggested]
	kept := make([]int, len(bounds))
	read := make([]int, len(bounds))
	var wg sync.WaitGroup
	for k := range bounds {
		w := &rowWorker{opt: sr.opt, actors: map[string]string{}, themes: map[string]string{}, hasReview: hasReview || hasSuggested}
		ws[k] = w
		wg.Go(func() {
			out := starts[k]
			src.read(k, func(rec Record, flagged bool) {
				read[k]++
				if !missing && w.row(t, cols, rec, flagged, &sts[out]) {
					out++
				}
			})
			kept[k] = out - starts[k]
		})
	}
	wg.Wait()
	// Close the gaps the bounds left between the parts.
	n := base
	for k := range bounds {
		if n != starts[k] {
			copy(sts[n:], sts[starts[k]:starts[k]+kept[k]])
		}
		n += kept[k]
		rows += read[k]
	}
	clear(sts[n:])
	res.Statements = sts[:n]
	rejected := 0
	for _, w := range ws {
		rejected += len(w.review.Rejected)
	}
	return ws, rows, rows - (n - base) - rejected
}

// collect takes the workers' problems and added actors, in reading order.
func (sr *statementReader) collect(ws []*rowWorker) {
	for _, w := range ws {
		sr.res.Problems = append(sr.res.Problems, w.problems...)
		sr.res.AddedActors = append(sr.res.AddedActors, w.added...)
		r := &sr.res.Review
		r.Accepted += w.review.Accepted
		r.Corrected += w.review.Corrected
		r.Pending += w.review.Pending
		r.Rejected = append(r.Rejected, w.review.Rejected...)
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
	problem := func(f Field, code ProblemCode, msg, found, expected string) {
		ok = false
		w.problems = append(w.problems, &Problem{File: t.Name, Row: rec.Row, Column: cols.name[f], Code: code,
			Message: msg, Found: found, Expected: expected})
	}
	if t.Format == "csv" && len(rec.Cells) != len(t.Header) {
		ok = false
		w.problems = append(w.problems, &Problem{File: t.Name, Row: rec.Row, Code: CodeRaggedRow,
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
	var rc reviewCells
	decision := decisionNone
	if w.hasReview {
		rc = w.reviewCells(cols, rec)
		d, known := parseDecision(rc.decision)
		switch {
		case !known:
			problem(FieldReview, CodeBadReview, "review decision is not one stancemap knows", rc.decision, "accept, correct or reject (or blank: not reviewed yet)")
		case d == decisionReject && ok:
			// A rejected row is no statement, whatever its cells say.
			w.reject(t, cols, rec, rc, &raw)
			return false
		}
		decision = d
	}
	*st = Statement{ID: get(ordID), Speaker: get(ordSpeaker), Text: get(ordText), Source: get(ordSource),
		URL: get(ordURL), Event: get(ordEvent), Coder: get(ordCoder), Origin: get(ordOrigin),
		Note: get(ordNote), Weight: 1, Pos: pos}

	rawActor := get(ordActor)
	switch id, known := w.actors[rawActor]; {
	case rawActor == "":
		problem(FieldActor, CodeEmptyValue, "actor is empty", "", "an actor id or a name from the actor registry")
	case known:
		st.Actor = id
	default:
		a, found := opt.Registry.Resolve(rawActor)
		owners := opt.Registry.Ambiguous(rawActor)
		if !found && opt.AddUnknownActors && owners == nil {
			id := strings.Join(strings.Fields(rawActor), " ")
			if err := opt.Registry.Add(Actor{ID: id, Name: id, Kind: KindUnknown}); err == nil {
				w.added = append(w.added, id)
				w.problems = append(w.problems, &Problem{File: t.Name, Row: rec.Row, Column: cols.name[FieldActor],
					Code: CodeAddedActor, Message: "unknown actor registered (kind unknown)", Found: rawActor, Severity: SeverityWarning})
			}
			a, found = opt.Registry.Resolve(rawActor)
		}
		switch {
		case found:
			st.Actor = a.ID
			w.actors[rawActor] = a.ID
		case owners != nil:
			problem(FieldActor, CodeDuplicateActor, "actor name is shared by several actors in the registry, so it names none", rawActor,
				"an id: one of "+strings.Join(owners, ", "))
		default:
			problem(FieldActor, CodeUnknownActor, "actor is not in the actor registry", rawActor,
				"an id, name or alias from the registry (add it there, or use --add-unknown-actors)")
		}
	}

	rawTheme := get(ordTheme)
	if th, found := w.resolveTheme(rawTheme); found {
		st.Theme = th
	} else if rawTheme == "" {
		problem(FieldTheme, CodeEmptyValue, "theme is empty", "", "one of "+strings.Join(opt.Codebook.ThemeIDs(), ", "))
	} else {
		problem(FieldTheme, CodeUnknownTheme, "theme is not in the codebook", rawTheme, "one of "+strings.Join(opt.Codebook.ThemeIDs(), ", "))
	}

	rawStance := get(ordStance)
	if v, found := opt.Codebook.ParseStance(rawStance); found {
		st.Stance = v
	} else if rawStance == "" {
		problem(FieldStance, CodeEmptyValue, "stance is empty", "", opt.Codebook.stanceExpected())
	} else {
		problem(FieldStance, CodeBadStance, "stance is not on the scale", rawStance, opt.Codebook.stanceExpected())
	}

	rawDate := get(ordDate)
	if d, err := ParseDate(rawDate); err == nil {
		st.Date = d
	} else if rawDate == "" {
		problem(FieldDate, CodeEmptyValue, "date is empty", "", dateExpected)
	} else {
		expected := dateExpected
		if hint := dateHint(rawDate); hint != "" {
			expected += ": " + hint
		}
		problem(FieldDate, CodeBadDate, "date is not an ISO date", rawDate, expected)
	}

	if w := get(ordWeight); w == "1" {
		st.Weight = 1 // the common case, without ParseFloat
	} else if w != "" {
		v, err := strconv.ParseFloat(w, 64)
		if err != nil || !(v > 0) || v > 1e9 {
			problem(FieldWeight, CodeBadWeight, "weight must be a positive number", w, "e.g. 1 or 0.5")
		} else {
			st.Weight = v
		}
	}
	if c := get(ordConfidence); c != "" {
		v, err := strconv.ParseFloat(strings.TrimSuffix(c, "%"), 64)
		if err == nil && strings.HasSuffix(c, "%") {
			v /= 100
		}
		if err != nil || !(v >= 0 && v <= 1) { // NaN fails both
			problem(FieldConfidence, CodeBadConfidence, "confidence must be a number from 0 to 1", c, "e.g. 0.8 or 80%")
		} else {
			st.Confidence = v
		}
	}
	if !ok {
		return false
	}
	if w.hasReview {
		w.applyReview(t, cols, rec, rc, decision, st)
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
	// becomes a theme. A DNA database among the files (IsDNADatabase)
	// sets it.
	DNA bool
	// DNAVariables choose the statement type and the variables read as
	// actor, theme and stance from DNA data (see DNAOptions).
	DNAVariables DNASelection
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
	if opt.DNA || AnyDNADatabase(paths) {
		ro := opt.ReadOptions
		ro.AddUnknownActors = true
		if opt.CodebookFile == "" {
			ro.Codebook = nil // the export's concepts are its themes
		}
		v := opt.DNAVariables
		res, cb, err := ReadDNAExport(paths, DNAOptions{ReadOptions: ro, BuildCodebook: true,
			StatementType: v.Type, ActorFrom: v.Actor, ThemeFrom: v.Theme, StanceFrom: v.Stance})
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
