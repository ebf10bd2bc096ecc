package xlsx

import (
	"fmt"
	"io"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/data"
)

// statementHeader is the Statements sheet's header: the data contract's
// columns, in its order, so the sheet reads back as statements.
func statementHeader() []string {
	h := make([]string, len(data.StatementFields))
	for i, f := range data.StatementFields {
		h[i] = string(f)
	}
	return h
}

// statementWidths are the Statements columns' widths.
var statementWidths = []float64{12, 20, 18, 8, 11, 18, 60, 32, 32, 26, 8, 14, 11, 10, 32}

// isWebURL reports whether s is an absolute http or https URL, the only
// kind the report makes clickable.
func isWebURL(s string) bool {
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (w *writer) writeStatements() error {
	want := map[string]bool{}
	for _, f := range w.a.Findings {
		if len(f.Statements) > 0 {
			want[f.Statements[0]] = true
		}
	}
	ss := w.c.Statements
	per := rowsPerStatementSheet
	header := statementHeader()
	links := func() []linkState { return linkStates(ss) }
	if w.stmtRows != nil {
		links = w.stmtRows.linkStates
	}
	for k, name := range w.stmtSheets {
		lo, hi := min(k*per, len(ss)), min((k+1)*per, len(ss))
		s, err := w.stream(name)
		if err != nil {
			return err
		}
		id := ""
		s.where = func(r, c int) string {
			return fmt.Sprintf("statement %q, column %s (%s!%s)", id, header[c-1], name, cellName(c, r))
		}
		if err := s.widths(statementWidths...); err != nil {
			return err
		}
		if err := s.freeze(1, 2); err != nil {
			return err
		}
		if err := s.add(w.headerRow(header...)...); err != nil {
			return err
		}
		// The rows are counted here (links, evidence, cut text, the
		// columns used) and their XML written when the workbook is saved
		// (statementsXML), straight into the sheet's part.
		if s.next != firstStatementRow {
			return fmt.Errorf("xlsx: sheet %q: statements from row %d, not %d", name, s.next, firstStatementRow)
		}
		links := links()
		row := make([]any, len(header))
		for i := lo; i < hi; i++ {
			st := &ss[i]
			r := s.next
			id = st.ID
			w.statementRow(row, st)
			switch links[i] {
			case linkMade:
				if err := w.f.SetCellHyperLink(name, cellName(9, r), st.URL, "External"); err != nil {
					return err
				}
				row[8] = styled(w.st.link, st.URL)
				w.links++
			case linkLost:
				w.lostLink++
			}
			if k == 0 && want[st.ID] {
				if _, seen := w.evidence[st.ID]; !seen {
					w.evidence[st.ID] = r
				}
			}
			if w.stmtRows == nil {
				if err := s.put(r, row); err != nil {
					return err
				}
			} else if err := s.count(r, row); err != nil {
				return err
			}
		}
		if w.stmtRows != nil {
			w.rowsXML[name] = w.stmtRows.sheet(k)
		}
		last := max(s.lastRow(), 2)
		tname := tableName(statementsTable, w.tables)
		if k > 0 {
			tname = tableName(statementsTable+"_"+strconv.Itoa(k+1), w.tables)
		}
		if err := s.sw.AddTable(&excelize.Table{Range: "A1:" + cellName(len(header), last), Name: tname,
			StyleName: "TableStyleLight9"}); err != nil {
			return err
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("D2:D%d", last))
		if err := dv.SetRange(-2, 2, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Stance", "A stance is a whole number from -2 (strongly opposes the theme's positive pole) to +2 (strongly supports it).")
		if err := w.f.AddDataValidation(name, dv); err != nil {
			return err
		}
		if err := s.close(); err != nil {
			return err
		}
	}
	if w.lostLink > 0 {
		w.note(fmt.Sprintf("Source URLs: %d are links; %d more http(s) URLs are plain text (at most %d links are made, and none longer than %d characters, Excel's limit).",
			w.links, w.lostLink, maxLinks, maxURLLink))
	}
	return nil
}

// fastStatements writes the Statements rows' XML with rowXML; tests
// turn it off to write them through excelize and compare.
var fastStatements = true

// firstStatementRow is the row of a Statements sheet's first statement,
// below the header.
const firstStatementRow = 2

// linkState says what becomes of a statement's URL in the workbook.
type linkState uint8

const (
	linkNone linkState = iota // no http(s) URL
	linkMade                  // a link
	linkLost                  // plain text: past maxLinks, or longer than Excel takes
)

// linkStates decides, in corpus order, which statements' URLs are links.
func linkStates(ss []data.Statement) []linkState {
	out := make([]linkState, len(ss))
	made := 0
	for i := range ss {
		if u := ss[i].URL; u != "" && isWebURL(u) {
			if made < maxLinks && len(u) <= maxURLLink {
				out[i] = linkMade
				made++
			} else {
				out[i] = linkLost
			}
		}
	}
	return out
}

// statementRows writes the rows of the Statements sheets on a goroutine
// of its own, from the corpus and the styles alone, as sheetWriter.put
// would have through excelize (see rowXML), each sheet's rows compressed
// into a segment as they are written (see sortedZip.inserts).
type statementRows struct {
	links  []linkState
	linked chan struct{} // closed once links is set
	sheets []chan sheetRows
	done   chan struct{}
}

type sheetRows struct {
	seg *segment
	err error
}

func startStatementRows(c *data.Corpus, st styles) *statementRows {
	ss := c.Statements
	per := rowsPerStatementSheet
	n := max(1, (len(ss)+per-1)/per)
	sr := &statementRows{linked: make(chan struct{}), sheets: make([]chan sheetRows, n), done: make(chan struct{})}
	for k := range sr.sheets {
		sr.sheets[k] = make(chan sheetRows, 1)
	}
	// A writer of its own, with only what the rows read: the report's
	// writer changes meanwhile.
	w := &writer{c: c, st: st}
	go func() {
		defer close(sr.done)
		sr.links = linkStates(ss)
		close(sr.linked)
		for k := range n {
			lo, hi := min(k*per, len(ss)), min((k+1)*per, len(ss))
			seg := &segment{}
			err := w.statementsXML(seg, lo, hi, sr.links)
			seg.end()
			sr.sheets[k] <- sheetRows{seg, err}
		}
	}()
	return sr
}

// linkStates waits for the statements' link states and returns them.
func (sr *statementRows) linkStates() []linkState {
	<-sr.linked
	return sr.links
}

// sheet returns the rows of Statements sheet k, waiting for them.
func (sr *statementRows) sheet(k int) func() (*segment, error) {
	return func() (*segment, error) {
		r := <-sr.sheets[k]
		return r.seg, r.err
	}
}

// wait waits until every row is written.
func (sr *statementRows) wait() { <-sr.done }

// statementsXML writes the rows of statements lo to hi, from row
// firstStatementRow on: the cells statementRow makes, as sheetWriter.put
// writes them (empty text and non-finite numbers as no cell, text cut to
// Excel's limit), without putting each value in an interface.
func (w *writer) statementsXML(out io.Writer, lo, hi int, links []linkState) error {
	var e rowXML
	buf := make([]byte, 0, 64<<10)
	text := func(b []byte, i int, row string, style int, x string) []byte {
		if x == "" && style == 0 {
			return b
		}
		x, _ = clipText(x, maxCellChars)
		return e.text(b, i, row, style, x)
	}
	number := func(b []byte, i int, row string, x float64) []byte {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return b
		}
		return e.float(b, i, row, 0, x)
	}
	for i := lo; i < hi; i++ {
		st := &w.c.Statements[i]
		row := strconv.Itoa(firstStatementRow + i - lo)
		b := e.startRow(buf, row)
		b = text(b, 0, row, 0, st.ID)
		b = text(b, 1, row, 0, st.Actor)
		b = text(b, 2, row, 0, st.Theme)
		b = e.int(b, 3, row, 0, st.Stance)
		if !st.Date.IsZero() {
			b = text(b, 4, row, w.st.date, st.Date.String())
		}
		b = text(b, 5, row, 0, st.Speaker)
		b = text(b, 6, row, 0, st.Text)
		b = text(b, 7, row, 0, st.Source)
		if links[i] == linkMade {
			b = text(b, 8, row, w.st.link, st.URL)
		} else {
			b = text(b, 8, row, 0, st.URL)
		}
		b = text(b, 9, row, 0, st.Event)
		b = number(b, 10, row, st.Weight)
		b = text(b, 11, row, 0, st.Coder)
		if st.Confidence > 0 {
			b = number(b, 12, row, st.Confidence)
		}
		b = text(b, 13, row, 0, st.Origin)
		b = text(b, 14, row, 0, st.Note)
		buf = e.endRow(b)
		if len(buf) >= 60<<10 || i == hi-1 {
			if _, err := out.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	return nil
}

// statementRow fills row with a statement's cells in the contract's
// order. Text goes in as text whatever it begins with.
func (w *writer) statementRow(row []any, st *data.Statement) {
	var conf any
	if st.Confidence > 0 {
		conf = st.Confidence
	}
	date := any(nil)
	if !st.Date.IsZero() {
		date = styled(w.st.date, st.Date.String())
	}
	vals := [...]any{st.ID, st.Actor, st.Theme, st.Stance, date, st.Speaker, st.Text, st.Source, st.URL, st.Event,
		st.Weight, st.Coder, conf, st.Origin, st.Note}
	copy(row, vals[:])
}
