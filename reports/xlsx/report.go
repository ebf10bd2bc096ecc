package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// Options say how a report workbook was made, for its About sheet. The
// workbook holds no clock time of its own: the same input and options
// give a byte-identical file, and Generated is whatever the caller wants
// shown (a date, or nothing).
type Options struct {
	Version   string   // stancemap's version
	Input     string   // the input file(s), as the user named them
	Generated string   // shown as given; an RFC 3339 time or YYYY-MM-DD date also becomes the file's creation date
	Options   []string // the command-line options used
	// Selection is what the caller's filters kept of the statements read
	// and what they left out (Data quality says so); nil when no filter
	// was set.
	Selection *data.Selection

	// LiveLimit bounds the live formulas: the Stance and Salience sheets
	// are formulas over the Statements sheet when statements × matrix
	// cells (rows × themes) is at most LiveLimit, and values only above
	// it. Each formula reads the whole Statements table, so recalculating
	// after an edit takes time in proportion. 0 means DefaultLiveLimit;
	// a negative value means values only.
	LiveLimit int64
}

// DefaultLiveLimit is the default bound of live formulas: 20,000
// statements by 200 actors on 5 themes (or 130,000 statements by 30
// actors). There LibreOffice 7.4 took about 7 s to recalculate the
// three thousand formulas (measured headless on a 2-core AMD EPYC
// server, as the load-time recalculation minus the loading); at 50,000
// statements by 200 actors 20 s, at 100,000 nearly a minute. Excel,
// which calculates on several cores, should be faster; it was not
// measured.
const DefaultLiveLimit = 20_000_000

// Limits the writer keeps to besides Excel's own.
const (
	// maxLinks is the number of source URLs made clickable; past it they
	// stay text. Excel allows 65,530 links a sheet, but excelize compares
	// each new link with every one already set: 5,000 links cost 0.4 s,
	// 10,000 1.7 s, 65,000 over a minute.
	maxLinks = 5_000
	// maxURLLink is the longest URL Excel accepts as a hyperlink.
	maxURLLink = 2079
	// maxMapPoints is the number of actors drawn on the map chart, one
	// labelled series each; the table lists them all.
	maxMapPoints = 250
	// maxListed is the number of truncated cells and unplaced statements
	// listed one by one in Data quality; all are counted.
	maxListed = 1000
)

// The report's sheets, in order. Statements may be followed by
// continuation sheets when a corpus has more statements than a sheet
// has rows.
const (
	sheetAbout     = "About"
	sheetFindings  = "Findings"
	sheetStance    = "Stance"
	sheetSalience  = "Salience"
	sheetDistances = "Distances"
	sheetBlocs     = "Blocs"
	sheetMap       = "Map"
	sheetEvolution = "Evolution"
	sheetPolar     = "Polarisation"
	sheetStmts     = "Statements"
	sheetActors    = "Actors"
	sheetCodebook  = "Codebook"
	sheetQuality   = "Data quality"
)

// rowsPerStatementSheet is how many statements a Statements sheet takes:
// all its rows but the header (a variable so that tests can split small
// corpora).
var rowsPerStatementSheet = maxRows - 1

// statementsTable is the name of the Excel table on the Statements sheet,
// which the live formulas read.
const statementsTable = "tblStatements"

// writer carries one report's state.
type writer struct {
	f   *excelize.File
	a   *analysis.Analysis
	c   *data.Corpus
	rr  *data.ReadResult
	opt Options
	st  styles

	names  map[string]string // actor id → name
	blocOf map[string]int    // row → overall bloc, 0 when none

	stmtSheets []string // the Statements sheet and its continuations
	tables     map[string]bool
	live       bool
	liveWhy    string // why the matrices are values only
	weighted   bool

	// rowsXML writes, per sheet, rows excelize has not: the workbook's
	// zip puts them at the end of the sheet's data when it is saved.
	rowsXML  map[string]func() (*segment, error)
	stmtRows *statementRows // the Statements rows, written in the background

	evidence map[string]int // statement id → row on the first Statements sheet, for findings' links
	links    int            // URLs made links
	lostLink int            // http(s) URLs left as text

	notes  []string // what the writer did that a reader should know
	truncs []string // the first maxListed truncated cells
	nTrunc int      // truncated cells in all
}

func (w *writer) note(s string) { w.notes = append(w.notes, s) }

func (w *writer) truncated(where string, n int) {
	w.nTrunc++
	if len(w.truncs) < maxListed {
		w.truncs = append(w.truncs, fmt.Sprintf("%s: %d characters cut to Excel's limit of %d", where, n, maxCellChars))
	}
}

// WriteReport writes the report workbook of an analysis: About, Findings,
// Stance, Salience, Distances, Blocs, Map, Evolution, Polarisation,
// Statements (and continuation sheets past a million statements),
// Actors, Codebook and Data quality. c is the corpus a was computed on;
// rr, when not nil, is what reading it found (its problems and notes go
// to Data quality).
//
// When the matrix rows are actors, the statements fit one sheet and
// statements × matrix cells is at most opt.LiveLimit, the Stance means
// and counts and the Salience shares are formulas over the Statements
// table, stored with the values stancemap computed as their cached
// results: a spreadsheet shows stancemap's numbers on opening, and
// recomputes them when a user edits a statement. Otherwise they are
// values, and the About sheet says why. Confidence intervals and every
// other sheet are always values (a bootstrap is no spreadsheet formula).
//
// Text from the input is always written as text: a statement beginning
// with "=" or "@" is never a formula. Cells longer than Excel's 32,767
// characters are cut and listed in Data quality, as is anything else
// the writer left out to keep within Excel's limits.
func WriteReport(out io.Writer, a *analysis.Analysis, c *data.Corpus, rr *data.ReadResult, opt Options) error {
	if c == nil {
		return errors.New("xlsx: no analysis to write")
	}
	r, err := NewReport(c, rr, opt)
	if err != nil {
		return err
	}
	defer r.Close()
	return r.Write(out, a)
}

// Report is a report workbook being made: NewReport starts it from the
// corpus alone, writing and compressing the rows of the Statements
// sheets (most of the workbook's bytes) on other goroutines, so that a
// caller can compute the analysis meanwhile; Write then writes the
// workbook of the analysis, as WriteReport does; Close releases what is
// left. The workbook is the same bytes however the two overlap.
type Report struct {
	w       *writer
	release func()
	rows    *statementRows
	written bool
}

// NewReport starts the report workbook of corpus c (see Report); c must
// not change until Write returns.
func NewReport(c *data.Corpus, rr *data.ReadResult, opt Options) (*Report, error) {
	if c == nil {
		return nil, errors.New("xlsx: no corpus to report on")
	}
	// excelize spills large sheets to temporary files: into a folder of
	// our own, removed on every exit, interrupts included.
	tmp, release, terr := data.MakeTempDir("stancemap-xlsx-")
	if terr != nil {
		return nil, terr
	}
	f := excelize.NewFile(excelize.Options{TmpDir: tmp})
	w := &writer{f: f, c: c, rr: rr, opt: opt, names: map[string]string{}, blocOf: map[string]int{},
		tables: map[string]bool{}, evidence: map[string]int{}, rowsXML: map[string]func() (*segment, error){}}
	r := &Report{w: w, release: func() { f.Close(); release() }}
	var err error
	if w.st, err = newStyles(f); err != nil {
		r.Close()
		return nil, err
	}
	if fastStatements {
		r.rows = startStatementRows(c, w.st)
		w.stmtRows = r.rows
	}
	return r, nil
}

// Close waits for the rows being written, if any, and releases the
// workbook's memory and temporary files.
func (r *Report) Close() {
	if r.rows != nil {
		r.rows.wait()
	}
	if r.release != nil {
		r.release()
		r.release = nil
	}
}

// Write writes the report workbook of analysis a, computed on the
// corpus given to NewReport, to out. It can be called once.
func (r *Report) Write(out io.Writer, a *analysis.Analysis) error {
	if a == nil || a.Overall == nil || len(a.Overall.Matrices) == 0 {
		return errors.New("xlsx: no analysis to write")
	}
	if r.written {
		return errors.New("xlsx: the report was written already")
	}
	r.written = true
	w := r.w
	w.a = a
	w.prepare()
	if err := w.createSheets(); err != nil {
		return err
	}
	steps := []func() error{w.writeStatements, w.writeFindings, w.writeStance, w.writeSalience,
		w.writeDistances, w.writeBlocs, w.writeMap, w.writeAxis, w.writeEvolution, w.writeTwoPeriods, w.writePolarisation,
		w.writeActors, w.writeCodebook, w.writeQuality, w.writeAbout}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if err := w.properties(); err != nil {
		return err
	}
	// About, the first sheet, is active as excelize creates it. Setting
	// it here would make excelize read back every streamed sheet.
	return save(w.f, out, w.rowsXML)
}

// save writes the workbook to out through sortedZip. excelize's WriteTo
// would first build the whole file in a buffer; the zip writer writes to
// out directly instead and leaves excelize's buffer empty.
//
// rows holds, per sheet name, the rows to add at the end of the sheet's
// data (see writer.rowsXML). A new sheet's part is
// xl/worksheets/sheet<id>.xml, id its sheetId in the workbook.
func save(f *excelize.File, out io.Writer, rows map[string]func() (*segment, error)) error {
	z := &sortedZip{w: out, inserts: map[string]func() (*segment, error){}}
	for id, name := range f.GetSheetMap() {
		if fn, ok := rows[name]; ok {
			z.inserts["xl/worksheets/sheet"+strconv.Itoa(id)+".xml"] = fn
		}
	}
	if len(z.inserts) != len(rows) {
		return fmt.Errorf("xlsx: %d sheets to add rows to, %d found", len(rows), len(z.inserts))
	}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return z })
	_, err := f.WriteToBuffer()
	return err
}

// prepare works out names, blocs, the Statements split and whether the
// matrices can be live.
func (w *writer) prepare() {
	if w.c.Actors != nil {
		for _, a := range w.c.Actors.Actors() {
			w.names[a.ID] = a.Name
		}
	}
	if b := w.a.Blocs; b != nil {
		for i, r := range b.Dendrogram.Rows {
			w.blocOf[r] = b.Labels[i]
		}
	}
	for _, s := range w.c.Statements {
		if s.Weight != 1 {
			w.weighted = true
			break
		}
	}
	per := rowsPerStatementSheet
	parts := max(1, (len(w.c.Statements)+per-1)/per)
	taken := map[string]bool{}
	for _, n := range []string{sheetAbout, sheetFindings, sheetStance, sheetSalience, sheetDistances, sheetBlocs,
		sheetMap, sheetAxis, sheetEvolution, sheetTwoPeriods, sheetPolar, sheetActors, sheetCodebook, sheetQuality} {
		taken[strings.ToLower(n)] = true
	}
	w.stmtSheets = []string{sheetName(sheetStmts, taken)}
	for k := 2; k <= parts; k++ {
		w.stmtSheets = append(w.stmtSheets, sheetName(fmt.Sprintf("%s %d", sheetStmts, k), taken))
	}
	if parts > 1 {
		w.note(fmt.Sprintf("The %d statements are more than a sheet holds (%d rows below its header): they are split over the sheets %s, in order.",
			len(w.c.Statements), per, strings.Join(w.stmtSheets, ", ")))
	}

	limit := w.opt.LiveLimit
	if limit == 0 {
		limit = DefaultLiveLimit
	}
	n := len(w.c.Statements)
	cells := int64(len(w.a.Overall.Rows)) * int64(len(w.a.Overall.Themes))
	switch {
	case w.a.Overall.GroupBy != analysis.ByActor:
		w.liveWhy = fmt.Sprintf("the matrix rows are groups of actors (by %s), which the Statements sheet does not show", w.a.Overall.GroupBy)
	case limit < 0:
		w.liveWhy = "live formulas were turned off"
	case int64(n)*cells > limit:
		w.liveWhy = fmt.Sprintf("%d statements × %d matrix cells is more than the %d up to which stancemap writes live formulas (each formula reads the whole Statements table: recalculating them all after each edit would take the spreadsheet a minute or more)", n, cells, limit)
	case parts > 1:
		w.liveWhy = "the statements are split over several sheets"
	case n == 0:
		w.liveWhy = "there are no statements"
	default:
		w.live = true
	}
}

func (w *writer) allSheets() []string {
	out := []string{sheetAbout, sheetFindings, sheetStance, sheetSalience, sheetDistances, sheetBlocs, sheetMap,
		sheetAxis, sheetEvolution, sheetTwoPeriods, sheetPolar}
	out = append(out, w.stmtSheets...)
	return append(out, sheetActors, sheetCodebook, sheetQuality)
}

func (w *writer) createSheets() error {
	all := w.allSheets()
	if err := w.f.SetSheetName("Sheet1", all[0]); err != nil {
		return err
	}
	for _, s := range all[1:] {
		if _, err := w.f.NewSheet(s); err != nil {
			return err
		}
	}
	return nil
}

// properties sets the document properties: fixed, so files are
// reproducible; the creation date is Options.Generated when it is one.
func (w *writer) properties() error {
	p := &excelize.DocProperties{Creator: "stancemap", LastModifiedBy: "stancemap",
		Title: "stancemap report", Description: "Stances of actors on cyberspace-governance themes",
		Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z"}
	if w.opt.Version != "" {
		p.Version = w.opt.Version
	}
	if t, ok := parseGenerated(w.opt.Generated); ok {
		p.Created, p.Modified = t, t
	}
	if err := w.f.SetDocProps(p); err != nil {
		return err
	}
	return w.f.SetAppProps(&excelize.AppProperties{Application: "stancemap", AppVersion: ""})
}

func parseGenerated(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Format("2006-01-02T15:04:05Z"), true
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.Format("2006-01-02T15:04:05Z"), true
	}
	return "", false
}

// rowWidths are the widths of the id and name columns of the matrix rows.
func (w *writer) rowWidths(rows []string) (float64, float64) {
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = w.name(r)
	}
	return fit(10, 36, append(rows, w.rowLabel())...), fit(12, 44, names...)
}

// name is an actor's name, or the row id itself for groups and unknown ids.
func (w *writer) name(id string) string {
	if n, ok := w.names[id]; ok && n != "" {
		return n
	}
	return id
}

func (w *writer) themeLabel(id string) string {
	if w.c.Codebook != nil {
		if t, ok := w.c.Codebook.Theme(id); ok && t.Label != "" {
			return t.Label
		}
	}
	return id
}
