package extract

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stancemap/stancemap/data"
)

// TableOptions name the columns of a tabular corpus: one text per row,
// with its actor and date.
type TableOptions struct {
	TextCol, ActorCol, DateCol string
	// IDCol names the row (kept in evidence); SourceCol, EventCol fill
	// the statements' source and event. All optional.
	IDCol, SourceCol, EventCol string
	// DocRef, when set, names each row's document in the evidence by a
	// template over its columns: "ungdc:{year}:{country}" makes the url
	// of a statement from row (2013, BRA) "ungdc:2013:BRA#char=S,E", so
	// that it lines up with a gold standard that names sentences so.
	DocRef string
	// Actor and Date apply when the table has no actor or date column.
	Actor string
	Date  data.Date
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
// file, gzip-compressed or not, read as a stream (data.RowReader): only
// the rows in flight are in memory, whatever the size of the file. Each
// row's text is one document of its actor (Document.Speech): no speaker
// attribution.
func (x *Extractor) RunTable(path string, topt TableOptions, emit Emit, opt RunOptions) (*Stats, error) {
	rows, err := data.OpenRows(path, data.RowOptions{})
	if err != nil {
		return &Stats{}, err
	}
	defer rows.Close()
	t := &tableRun{x: x, path: path, base: filepath.Base(path), opt: topt, rows: rows,
		actors: map[string]string{}, dates: map[string]data.Date{}}
	if p := t.findColumns(); p != nil {
		return &Stats{}, p
	}
	return x.pipeline(t.feed, emit, opt)
}

// tableRun is one run over a tabular corpus.
type tableRun struct {
	x          *Extractor
	path, base string
	opt        TableOptions
	rows       *data.RowReader
	// the columns of text, actor, date, id, source and event; -1 absent
	text, actor, date, id, source, event int
	// ref is DocRef parsed: literal text, and the column of each {name}
	ref []refPart
	// actors and dates resolved so far, by their raw cell
	actors map[string]string
	dates  map[string]data.Date
}

// findColumns finds the columns the options name.
func (t *tableRun) findColumns() *data.Problem {
	header := strings.Join(t.rows.Header(), ",")
	for _, c := range []struct {
		name, flag string
		at         *int
	}{{t.opt.TextCol, "--text-col", &t.text}, {t.opt.ActorCol, "--actor-col", &t.actor}, {t.opt.DateCol, "--date-col", &t.date},
		{t.opt.IDCol, "--id-col", &t.id}, {t.opt.SourceCol, "--source-col", &t.source}, {t.opt.EventCol, "--event-col", &t.event}} {
		*c.at = -1
		if c.name == "" {
			continue
		}
		if *c.at = t.rows.Column(c.name); *c.at < 0 {
			return &data.Problem{File: t.path, Row: 1, Column: c.name, Code: data.CodeMissingColumn, Unusable: true,
				Message: "the table has no column " + strconv.Quote(c.name) + " (named by " + c.flag + ")", Found: header,
				Expected: "one of its columns"}
		}
	}
	if t.opt.DocRef != "" {
		var p *data.Problem
		if t.ref, p = t.parseRef(t.opt.DocRef, header); p != nil {
			return p
		}
	}
	missing := func(msg string) *data.Problem {
		return &data.Problem{File: t.path, Code: data.CodeMissingColumn, Unusable: true, Message: msg, Found: header}
	}
	switch {
	case t.text < 0:
		return missing("which column holds the text? name it with --text-col")
	case t.actor < 0 && t.opt.Actor == "":
		return missing("whose texts are these? name the actor column with --actor-col, or give one actor with --actor")
	case t.date < 0 && t.opt.Date.IsZero():
		return missing("when were these texts written? name the date column with --date-col, or give one date with --date")
	}
	return nil
}

// feed sends each row to the workers as a document, or as the problems
// that keep it from being one.
func (t *tableRun) feed(jobs chan<- *job, stop <-chan struct{}) error {
	var last int64
	for seq := 0; ; seq++ {
		rec, row, err := t.rows.Next()
		if err == io.EOF {
			return nil
		}
		j := &job{seq: seq}
		now := t.rows.Offset()
		j.size, last = now-last, now
		var p *data.Problem
		switch {
		case err == nil:
			j.doc, j.prob = t.document(rec, row)
		case errors.As(err, &p):
			j.prob = data.Problems{p}
		default:
			j.prob = data.Problems{{File: t.path, Row: row, Code: data.CodeBadRow, Message: "cannot read this row: " + err.Error()}}
		}
		select {
		case jobs <- j:
		case <-stop:
			return nil
		}
		if p != nil && p.Unusable {
			return nil
		}
	}
}

// document makes a row into a document, or says why it cannot be one.
func (t *tableRun) document(rec []string, row int) (*Document, data.Problems) {
	get := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	var ps data.Problems
	bad := func(column string, code data.ProblemCode, msg, found, expected string) {
		ps = append(ps, &data.Problem{File: t.path, Row: row, Column: column, Code: code, Message: msg, Found: found, Expected: expected})
	}
	doc := &Document{Name: fmt.Sprintf("%s:%d", t.path, row), Ref: fmt.Sprintf("%s#row=%d", t.base, row),
		Text: get(t.text), Speech: true, Source: t.base, Actor: t.opt.Actor, Date: t.opt.Date, Event: get(t.event)}
	if id := get(t.id); id != "" {
		doc.Ref = t.base + "#id=" + id
	}
	if t.ref != nil {
		var b strings.Builder
		for _, p := range t.ref {
			if p.col < 0 {
				b.WriteString(p.text)
			} else {
				b.WriteString(get(p.col))
			}
		}
		doc.Ref = b.String()
	}
	if src := get(t.source); src != "" {
		doc.Source = src
	}
	if t.actor >= 0 {
		raw := get(t.actor)
		if doc.Actor = t.resolveActor(raw); doc.Actor == "" {
			bad(t.opt.ActorCol, data.CodeUnknownActor, "actor is not in the actor registry", raw, "an id, name or alias from the registry (--actors)")
		}
	}
	if t.date >= 0 {
		raw := get(t.date)
		if doc.Date = t.parseDate(raw); doc.Date.IsZero() {
			bad(t.opt.DateCol, data.CodeBadDate, "date is not an ISO date", raw, "YYYY, YYYY-MM or YYYY-MM-DD")
		}
	}
	switch {
	case strings.TrimSpace(doc.Text) == "":
		ps = append(ps, &data.Problem{File: t.path, Row: row, Column: t.opt.TextCol, Code: data.CodeEmptyText,
			Message: "the text is empty: row skipped", Severity: data.SeverityWarning})
	case !utf8.ValidString(doc.Text):
		bad(t.opt.TextCol, data.CodeBadEncoding, "the text is not UTF-8", "", "the table saved as UTF-8")
	case ps.Errors() == 0:
		return doc, ps
	}
	return nil, ps
}

// resolveActor is the registry id of an actor cell, "" when unknown;
// each distinct cell is looked up once.
func (t *tableRun) resolveActor(raw string) string {
	id, seen := t.actors[raw]
	if !seen {
		if a, ok := t.x.reg.Resolve(raw); ok {
			id = a.ID
		}
		t.actors[raw] = id
	}
	return id
}

// parseDate is the date of a date cell, zero when it is none; each
// distinct cell is parsed once.
func (t *tableRun) parseDate(raw string) data.Date {
	d, seen := t.dates[raw]
	if !seen {
		d, _ = data.ParseDate(raw)
		t.dates[raw] = d
	}
	return d
}

// refPart is a piece of a --doc-ref template: literal text (col -1) or
// a column's value.
type refPart struct {
	text string
	col  int
}

// parseRef parses a --doc-ref template: text with {column} placeholders.
func (t *tableRun) parseRef(tmpl, header string) ([]refPart, *data.Problem) {
	bad := func(msg, found, expected string) *data.Problem {
		return &data.Problem{File: t.path, Row: 1, Column: "--doc-ref", Code: data.CodeMissingColumn, Unusable: true,
			Message: msg, Found: found, Expected: expected}
	}
	var parts []refPart
	cols := 0
	for rest := tmpl; rest != ""; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			if strings.Contains(rest, "}") {
				return nil, bad("the --doc-ref template has a } without {", tmpl, "text with {column} placeholders, e.g. ungdc:{year}:{country}")
			}
			parts = append(parts, refPart{rest, -1})
			break
		}
		if i > 0 {
			parts = append(parts, refPart{rest[:i], -1})
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return nil, bad("the --doc-ref template has a { without }", tmpl, "text with {column} placeholders, e.g. ungdc:{year}:{country}")
		}
		name := rest[i+1 : i+j]
		c := t.rows.Column(name)
		if c < 0 {
			return nil, bad("the table has no column "+strconv.Quote(name)+" (named in --doc-ref)", header, "one of its columns")
		}
		parts = append(parts, refPart{col: c})
		cols++
		rest = rest[i+j+1:]
	}
	if cols == 0 {
		return nil, bad("the --doc-ref template names no column, so every row would get the same name", tmpl, "text with {column} placeholders, e.g. ungdc:{year}:{country}")
	}
	return parts, nil
}
