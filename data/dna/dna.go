// Package dna reads the databases of Leifeld's Discourse Network Analyzer
// (DNA 3): the SQLite files DNA saves a project in (".dna").
//
// Read opens a database read-only with a pure-Go SQLite driver
// (modernc.org/sqlite), checks that it is a DNA database, lists its
// statement types and variables, and gives the statements of one type as
// the table DNA's own event-list export would hold. Package data then
// maps that table to statements as it maps the export
// (data.ReadDNAExport), so that a database and its CSV export give the
// same statements. The stancemap command hands Read to package data as
// data.ReadOptions.DNADatabase.
//
// The driver lives here, not in package data, so that data keeps to the
// standard library, excelize and yaml, and no package of stancemap's own
// uses unsafe (the driver does, inside).
//
// What DNA 3 keeps where (its schema, version 3.0): DOCUMENTS (ID, Title,
// Text, Author, Source, Section, Type, Date in seconds since 1970 UTC),
// STATEMENTTYPES (ID, Label), VARIABLES (ID, Variable, DataType one of
// "short text", "long text", "boolean", "integer", StatementTypeId),
// STATEMENTS (ID, StatementTypeId, DocumentId, Start, Stop: the
// statement is the document's text from Start to Stop, counted in UTF-16
// code units as Java counts them), ENTITIES (ID, VariableId, Value), and
// one table of values per data type: DATASHORTTEXT (StatementId,
// VariableId, Entity), DATALONGTEXT, DATABOOLEAN and DATAINTEGER
// (StatementId, VariableId, Value). A statement's date is its document's.
package dna

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"modernc.org/sqlite"

	"github.com/stancemap/stancemap/data"
)

// Bounds on what Read accepts. A real DNA project is far below them (the
// largest published DNA data sets hold tens of thousands of statements
// in tens of megabytes); a file above them is refused before it is read.
const (
	// MaxFileSize is the largest database file read: 2 GiB.
	MaxFileSize = 2 << 30
	// MaxStatements is the most statements of one type read.
	MaxStatements = 2_000_000
	// MaxValue is the longest single value (a document's text, a
	// variable's value) SQLite is allowed to hand over: 256 MiB.
	MaxValue = 256 << 20
)

// SQLite's result codes and limit ids that Read tells apart (sqlite3.h).
const (
	sqliteCorrupt = 11
	sqliteTooBig  = 18
	sqliteNotADB  = 26
	limitLength   = 0 // SQLITE_LIMIT_LENGTH
)

// Read reads the statements of one statement type of the DNA database at
// path (see data.DNADatabaseReader). Every refusal is a *data.Problem
// with Unusable set that says what the file is and what was expected:
// not an SQLite file, an SQLite database of another schema, too large,
// damaged, or without a statement type that has the variables asked
// for. Problems with single statements (a position outside its
// document's text) go to the table's Problems, at the statement's ID.
func Read(path string, sel data.DNASelection) (*data.DNADatabase, error) {
	if p := checkFile(path); p != nil {
		return nil, p
	}
	db, err := sql.Open("sqlite", "file:"+uriPath(path)+"?mode=ro&immutable=1")
	if err != nil {
		return nil, refuse(path, data.CodeUnreadable, "cannot be opened as an SQLite database: "+err.Error(), "")
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, sqliteProblem(path, err)
	}
	defer conn.Close()
	r := &reader{path: path, ctx: ctx, conn: conn}
	if _, err := sqlite.Limit(conn, limitLength, MaxValue); err != nil {
		return nil, sqliteProblem(path, err)
	}
	// Nothing in the file runs: no functions from its schema, no writes.
	for _, p := range []string{"PRAGMA trusted_schema = OFF", "PRAGMA query_only = ON"} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return nil, sqliteProblem(path, err)
		}
	}
	if err := r.checkIntegrity(); err != nil {
		return nil, err
	}
	if err := r.checkSchema(); err != nil {
		return nil, err
	}
	if err := r.readTypes(); err != nil {
		return nil, err
	}
	st, err := r.choose(sel)
	if err != nil {
		return nil, err
	}
	return r.readStatements(st, sel)
}

// refuse builds the Problem of a file Read will not read.
func refuse(path string, code data.ProblemCode, msg, expected string) *data.Problem {
	return &data.Problem{File: path, Code: code, Message: msg, Expected: expected, Unusable: true}
}

const expectDNA = "a database saved by Discourse Network Analyzer 3, an SQLite file"

// checkFile refuses what is no file, is too large, or does not start as
// an SQLite database, before the driver sees it. A header that promises
// more pages than the file holds is a file cut short.
func checkFile(path string) *data.Problem {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return refuse(path, data.CodeNoFile, "cannot read the file: no such file (check the path and the current folder)", "")
	case err != nil:
		return refuse(path, data.CodeUnreadable, "cannot read the file: "+data.FileErrorReason(err), "")
	case fi.IsDir():
		return refuse(path, data.CodeIsDirectory, "is a folder, not a file", expectDNA)
	case fi.Size() == 0:
		return refuse(path, data.CodeEmptyFile, "is empty (0 bytes): there is no DNA database to read", expectDNA)
	case fi.Size() > MaxFileSize:
		return refuse(path, data.CodeTooLarge, fmt.Sprintf("is larger than the %d GB a DNA database is read up to (%d bytes): refused", MaxFileSize>>30, fi.Size()),
			"a DNA database under 2 GB, or DNA's event list exported as CSV (read with --dna)")
	}
	f, err := os.Open(path)
	if err != nil {
		return refuse(path, data.CodeUnreadable, "cannot read the file: "+data.FileErrorReason(err), "")
	}
	defer f.Close()
	var h [100]byte
	n, _ := io.ReadFull(f, h[:])
	if n < 16 || string(h[:16]) != "SQLite format 3\x00" {
		msg := "is not a Discourse Network Analyzer database: it is not an SQLite file"
		if n > 0 && (h[0] == '<' || strings.HasPrefix(string(h[:n]), "\xef\xbb\xbf<")) {
			msg += " (it looks like XML: DNA 1's .dna files are XML, which stancemap does not read)"
		}
		return refuse(path, data.CodeNotDNA, msg, expectDNA+", or DNA's event list exported as CSV (read with --dna)")
	}
	if n < 100 {
		return refuse(path, data.CodeDamaged, fmt.Sprintf("is damaged: an SQLite file cut short (%d bytes, less than its 100-byte header)", n), expectDNA)
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	// The page count in the header is valid when its version number
	// equals the change counter (SQLite file format, section 1.3.7).
	valid := binary.BigEndian.Uint32(h[92:96]) == binary.BigEndian.Uint32(h[24:28])
	if valid && pages > 0 && pageSize >= 512 && pages*pageSize > fi.Size() {
		return refuse(path, data.CodeDamaged, fmt.Sprintf("is damaged: cut short (its header says %d bytes, the file has %d)", pages*pageSize, fi.Size()),
			expectDNA+": copy it again from where it was saved")
	}
	return nil
}

// uriPath escapes a path for an SQLite file: URI.
func uriPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// sqliteProblem turns a driver error into a Problem for people.
func sqliteProblem(path string, err error) *data.Problem {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqliteCorrupt, sqliteNotADB:
			return refuse(path, data.CodeDamaged, "is damaged: SQLite cannot read it ("+se.Error()+")",
				expectDNA+": copy it again from where it was saved, or open it in DNA")
		case sqliteTooBig:
			return refuse(path, data.CodeTooLarge, fmt.Sprintf("holds a value longer than %d MB: refused", MaxValue>>20), expectDNA)
		}
	}
	return refuse(path, data.CodeUnreadable, "cannot be read as a DNA database: "+err.Error(), expectDNA)
}

type reader struct {
	path    string
	ctx     context.Context
	conn    *sql.Conn
	version string
	docs    int
	types   []stype
}

// stype is a statement type with its variables and statement count.
type stype struct {
	id         int64
	label      string
	vars       []variable
	statements int64
}

type variable struct {
	id       int64
	name     string
	dataType string // "short text", "long text", "boolean", "integer"
}

func (t stype) variable(name string) (variable, bool) {
	for _, v := range t.vars {
		if strings.EqualFold(v.name, name) {
			return v, true
		}
	}
	return variable{}, false
}

// describe lists a statement type as a note does: “DNA Statement”
// (id 1): 40 statements; person, organization, concept (short text),
// agreement (boolean).
func (t stype) describe() string {
	var parts []string
	for i := 0; i < len(t.vars); {
		j := i
		var names []string
		for ; j < len(t.vars) && t.vars[j].dataType == t.vars[i].dataType; j++ {
			names = append(names, t.vars[j].name)
		}
		parts = append(parts, strings.Join(names, ", ")+" ("+t.vars[i].dataType+")")
		i = j
	}
	vars := "no variables"
	if len(parts) > 0 {
		vars = "variables " + strings.Join(parts, ", ")
	}
	return fmt.Sprintf("“%s” (id %d): %d %s; %s", t.label, t.id, t.statements, data.Plural(int(t.statements), "statement", "statements"), vars)
}

func (r *reader) query(q string, args ...any) (*sql.Rows, error) {
	rows, err := r.conn.QueryContext(r.ctx, q, args...)
	if err != nil {
		return nil, sqliteProblem(r.path, err)
	}
	return rows, nil
}

// each runs q and calls f on each row, after scanning it into dest.
func (r *reader) each(q string, args []any, dest []any, f func() error) error {
	rows, err := r.query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return refuse(r.path, data.CodeDamaged, "is damaged: a value is not of the type DNA stores there ("+err.Error()+")", expectDNA)
		}
		if err := f(); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return sqliteProblem(r.path, err)
	}
	return nil
}

// checkIntegrity runs SQLite's quick check, which reads every page: a
// damaged file is refused here rather than half-read.
func (r *reader) checkIntegrity() error {
	var msgs []string
	var m string
	if err := r.each("PRAGMA quick_check(5)", nil, []any{&m}, func() error {
		msgs = append(msgs, m)
		return nil
	}); err != nil {
		return err
	}
	if len(msgs) != 1 || msgs[0] != "ok" {
		return refuse(r.path, data.CodeDamaged, "is damaged: SQLite's integrity check fails ("+strings.Join(msgs, "; ")+")",
			expectDNA+": copy it again from where it was saved, or open it in DNA")
	}
	return nil
}

// dnaTables are the tables and columns Read uses, as DNA 3 names them.
var dnaTables = []struct {
	name    string
	columns []string
}{
	{"DOCUMENTS", []string{"ID", "Title", "Text", "Author", "Source", "Section", "Type", "Date"}},
	{"STATEMENTTYPES", []string{"ID", "Label"}},
	{"VARIABLES", []string{"ID", "Variable", "DataType", "StatementTypeId"}},
	{"STATEMENTS", []string{"ID", "StatementTypeId", "DocumentId", "Start", "Stop"}},
	{"ENTITIES", []string{"ID", "VariableId", "Value"}},
	{"DATASHORTTEXT", []string{"StatementId", "VariableId", "Entity"}},
	{"DATALONGTEXT", []string{"StatementId", "VariableId", "Value"}},
	{"DATABOOLEAN", []string{"StatementId", "VariableId", "Value"}},
	{"DATAINTEGER", []string{"StatementId", "VariableId", "Value"}},
}

// checkSchema refuses an SQLite database that is not DNA's: a table
// missing, a column missing, or a name DNA uses for a table that here is
// a view, a virtual table or holds computed columns (reading those would
// run what the file says).
func (r *reader) checkSchema() error {
	kinds := map[string]string{} // upper-case name → type
	sqls := map[string]string{}
	var all []string
	var typ, name, text sql.NullString
	if err := r.each("SELECT type, name, sql FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name", nil,
		[]any{&typ, &name, &text}, func() error {
			kinds[strings.ToUpper(name.String)] = typ.String
			sqls[strings.ToUpper(name.String)] = text.String
			if !strings.HasPrefix(name.String, "sqlite_") {
				all = append(all, name.String)
			}
			return nil
		}); err != nil {
		return err
	}
	var missing []string
	for _, t := range dnaTables {
		if _, ok := kinds[t.name]; !ok {
			missing = append(missing, t.name)
		}
	}
	if len(missing) == len(dnaTables) {
		found := "no tables"
		if len(all) > 0 {
			found = "its tables are " + strings.Join(clipList(all, 8), ", ")
		}
		return refuse(r.path, data.CodeNotDNA, "is an SQLite database, but not a Discourse Network Analyzer one: "+found,
			expectDNA+", with the tables "+tableNames())
	}
	if len(missing) > 0 {
		return refuse(r.path, data.CodeNotDNA, "is not a complete Discourse Network Analyzer database: it lacks the "+
			data.Plural(len(missing), "table ", "tables ")+strings.Join(missing, ", "),
			expectDNA+" (DNA 2 databases: open and save them in DNA 3 first)")
	}
	for _, t := range dnaTables {
		if kinds[t.name] != "table" || strings.HasPrefix(strings.ToUpper(strings.TrimSpace(sqls[t.name])), "CREATE VIRTUAL") {
			return refuse(r.path, data.CodeNotDNA, "is not a Discourse Network Analyzer database: "+t.name+" is a "+
				strings.ToLower(kinds[t.name])+" of the file's own making, not DNA's plain table", expectDNA)
		}
		cols := map[string]bool{}
		var cname string
		var hidden int64
		if err := r.each("SELECT name, hidden FROM pragma_table_xinfo(?)", []any{t.name}, []any{&cname, &hidden}, func() error {
			if hidden == 2 || hidden == 3 {
				return refuse(r.path, data.CodeNotDNA, "is not a Discourse Network Analyzer database: "+t.name+"."+cname+
					" is a computed column, which DNA never makes", expectDNA)
			}
			cols[strings.ToLower(cname)] = true
			return nil
		}); err != nil {
			return err
		}
		for _, c := range t.columns {
			if !cols[strings.ToLower(c)] {
				return refuse(r.path, data.CodeNotDNA, "is not a Discourse Network Analyzer 3 database: its table "+t.name+" has no column "+c,
					expectDNA+" (DNA 2 databases: open and save them in DNA 3 first)")
			}
		}
	}
	if kinds["SETTINGS"] == "table" {
		var v sql.NullString
		_ = r.conn.QueryRowContext(r.ctx, "SELECT Value FROM SETTINGS WHERE Property = 'version'").Scan(&v)
		r.version = v.String
	}
	if err := r.conn.QueryRowContext(r.ctx, "SELECT count(*) FROM DOCUMENTS").Scan(&r.docs); err != nil {
		return sqliteProblem(r.path, err)
	}
	return nil
}

func tableNames() string {
	var n []string
	for _, t := range dnaTables {
		n = append(n, t.name)
	}
	return strings.Join(n, ", ")
}

func clipList(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(slices.Clone(s[:n]), fmt.Sprintf("… (%d more)", len(s)-n))
}

// readTypes reads the statement types, their variables (in DNA's order:
// by id) and how many statements each has.
func (r *reader) readTypes() error {
	var id, n int64
	var label, vname, dtype sql.NullString
	if err := r.each("SELECT ID, Label FROM STATEMENTTYPES ORDER BY ID", nil, []any{&id, &label}, func() error {
		r.types = append(r.types, stype{id: id, label: label.String})
		return nil
	}); err != nil {
		return err
	}
	var tid sql.NullInt64
	if err := r.each("SELECT ID, Variable, DataType, StatementTypeId FROM VARIABLES ORDER BY ID", nil, []any{&id, &vname, &dtype, &tid}, func() error {
		for i := range r.types {
			if tid.Valid && r.types[i].id == tid.Int64 {
				r.types[i].vars = append(r.types[i].vars, variable{id: id, name: vname.String, dataType: dtype.String})
			}
		}
		return nil
	}); err != nil {
		return err
	}
	return r.each("SELECT StatementTypeId, count(*) FROM STATEMENTS GROUP BY StatementTypeId", nil, []any{&tid, &n}, func() error {
		for i := range r.types {
			if tid.Valid && r.types[i].id == tid.Int64 {
				r.types[i].statements = n
			}
		}
		return nil
	})
}

func orDefault(s, def string) string {
	if s = strings.TrimSpace(s); s == "" {
		return def
	}
	return s
}

// listTypes lists every statement type, for messages.
func (r *reader) listTypes() string {
	var s []string
	for _, t := range r.types {
		s = append(s, t.describe())
	}
	if len(s) == 0 {
		return "the database has no statement types"
	}
	return "the database's statement types: " + strings.Join(s, "; ")
}

// choose finds the statement type to read: the one named, or the only
// one with the actor, theme and stance variables.
func (r *reader) choose(sel data.DNASelection) (stype, error) {
	actor, theme, stance := orDefault(sel.Actor, "organization"), orDefault(sel.Theme, "concept"), orDefault(sel.Stance, "agreement")
	if strings.EqualFold(actor, "organisation") {
		actor = "organization"
	}
	has := func(t stype) bool {
		_, a := t.variable(actor)
		_, b := t.variable(theme)
		_, c := t.variable(stance)
		return a && b && c
	}
	var st stype
	if want := strings.TrimSpace(sel.Type); want != "" {
		i := slices.IndexFunc(r.types, func(t stype) bool {
			return strings.EqualFold(t.label, want) || strconv.FormatInt(t.id, 10) == want
		})
		if i < 0 {
			return st, refuse(r.path, data.CodeNotDNA, fmt.Sprintf("has no statement type %q", want), r.listTypes())
		}
		st = r.types[i]
		if !has(st) {
			return st, refuse(r.path, data.CodeMissingColumn, fmt.Sprintf("statement type “%s” lacks a variable to read: actor ← %s, theme ← %s, stance ← %s", st.label, actor, theme, stance),
				"variables it has, named with --dna-actor, --dna-theme and --dna-stance; "+r.listTypes())
		}
	} else {
		var fit []stype
		for _, t := range r.types {
			if has(t) {
				fit = append(fit, t)
			}
		}
		switch len(fit) {
		case 0:
			return st, refuse(r.path, data.CodeMissingColumn, fmt.Sprintf("no statement type has the variables %s, %s and %s (actor, theme and stance)", actor, theme, stance),
				"variables named with --dna-actor, --dna-theme and --dna-stance; "+r.listTypes())
		case 1:
			st = fit[0]
		default:
			var labels []string
			for _, t := range fit {
				labels = append(labels, fmt.Sprintf("“%s”", t.label))
			}
			return st, refuse(r.path, data.CodeMissingColumn, fmt.Sprintf("%d statement types have the variables %s, %s and %s: %s", len(fit), actor, theme, stance, strings.Join(labels, ", ")),
				"one chosen with --dna-type; "+r.listTypes())
		}
	}
	if v, _ := st.variable(stance); v.dataType != "boolean" && v.dataType != "integer" {
		return st, refuse(r.path, data.CodeBadAgreement, fmt.Sprintf("the stance variable %s of “%s” is %s", v.name, st.label, orDefault(v.dataType, "of no type")),
			"a boolean variable (DNA's agreement: 1 agrees, 0 disagrees) or an integer one (−2 to +2), named with --dna-stance")
	}
	if st.statements > MaxStatements {
		return st, refuse(r.path, data.CodeTooLarge, fmt.Sprintf("statement type “%s” has %d statements, more than the %d read: refused", st.label, st.statements, MaxStatements), "")
	}
	return st, nil
}

// readStatements reads the statements of type st into the event-list
// table.
func (r *reader) readStatements(st stype, sel data.DNASelection) (*data.DNADatabase, error) {
	header := []string{"statement ID", "time", "document ID", "document title", "author", "source", "section", "type", "text"}
	col := map[int64]int{} // variable id → column
	for _, v := range st.vars {
		col[v.id] = len(header)
		header = append(header, v.name)
	}
	t := &data.Table{Name: r.path, Format: "dna-database", Encoding: "utf-8", Header: header}
	version := ""
	if r.version != "" {
		version = "DNA " + r.version + ", "
	}
	t.Notes = append(t.Notes, fmt.Sprintf("a Discourse Network Analyzer database (%s%d %s); its row numbers are DNA's statement IDs",
		version, r.docs, data.Plural(r.docs, "document", "documents")))
	for _, ty := range r.types {
		t.Notes = append(t.Notes, "statement type "+ty.describe())
	}
	t.Notes = append(t.Notes, fmt.Sprintf("read statement type “%s”", st.label))

	type pos struct{ start, stop int64 }
	var (
		rows  = map[int64]int{} // statement id → record
		spans []pos
		docOf []int64
	)
	var sid, start, stop int64
	var did, date sql.NullInt64
	var title, author, source, section, dtype sql.NullString
	err := r.each(`SELECT s.ID, s.Start, s.Stop, s.DocumentId, d.Date, d.Title, d.Author, d.Source, d.Section, d.Type
		FROM STATEMENTS s LEFT JOIN DOCUMENTS d ON d.ID = s.DocumentId WHERE s.StatementTypeId = ? ORDER BY s.ID`, []any{st.id},
		[]any{&sid, &start, &stop, &did, &date, &title, &author, &source, &section, &dtype}, func() error {
			cells := make([]string, len(header))
			cells[0] = strconv.FormatInt(sid, 10)
			if date.Valid {
				cells[1] = time.Unix(date.Int64, 0).UTC().Format("2006-01-02 15:04:05")
			}
			if did.Valid {
				cells[2] = strconv.FormatInt(did.Int64, 10)
			}
			cells[3], cells[4], cells[5], cells[6], cells[7] = title.String, author.String, source.String, section.String, dtype.String
			rows[sid] = len(t.Records)
			t.Records = append(t.Records, data.Record{Row: int(sid), Cells: cells})
			spans = append(spans, pos{start, stop})
			docOf = append(docOf, did.Int64)
			if !date.Valid {
				t.Problems = append(t.Problems, &data.Problem{File: r.path, Row: int(sid), Column: "time", Code: data.CodeNoDate,
					Message:  fmt.Sprintf("statement's document %d is not in the database, so it has no date", did.Int64),
					Expected: "a statement in one of the database's documents"})
			}
			return nil
		})
	if err != nil {
		return nil, err
	}

	// Statement texts: one document's text in memory at a time.
	byDoc := map[int64][]int{}
	for i, d := range docOf {
		byDoc[d] = append(byDoc[d], i)
	}
	var text sql.NullString
	err = r.each(`SELECT ID, Text FROM DOCUMENTS WHERE ID IN (SELECT DocumentId FROM STATEMENTS WHERE StatementTypeId = ?) ORDER BY ID`,
		[]any{st.id}, []any{&did, &text}, func() error {
			u := utf16.Encode([]rune(text.String))
			for _, i := range byDoc[did.Int64] {
				sp := spans[i]
				if sp.start < 0 || sp.stop < sp.start || sp.stop > int64(len(u)) {
					t.Problems = append(t.Problems, &data.Problem{File: r.path, Row: t.Records[i].Row, Column: "text", Code: data.CodeEmptyText,
						Severity: data.SeverityWarning,
						Message:  fmt.Sprintf("statement's position (%d to %d) lies outside its document's text (%d characters): its text is left empty", sp.start, sp.stop, len(u))})
					continue
				}
				t.Records[i].Cells[8] = string(utf16.Decode(u[sp.start:sp.stop]))
			}
			return nil
		})
	if err != nil {
		return nil, err
	}

	// Variable values, by data type.
	var vid int64
	var value sql.NullString
	set := func() error {
		if i, ok := rows[sid]; ok {
			if c, ok := col[vid]; ok {
				t.Records[i].Cells[c] = value.String
			}
		}
		return nil
	}
	for _, q := range []string{
		`SELECT v.StatementId, v.VariableId, e.Value FROM DATASHORTTEXT v JOIN ENTITIES e ON e.ID = v.Entity`,
		`SELECT StatementId, VariableId, Value FROM DATALONGTEXT v`,
		`SELECT StatementId, VariableId, Value FROM DATABOOLEAN v`,
		`SELECT StatementId, VariableId, Value FROM DATAINTEGER v`,
	} {
		q += ` WHERE v.StatementId IN (SELECT ID FROM STATEMENTS WHERE StatementTypeId = ?)`
		if err := r.each(q, []any{st.id}, []any{&sid, &vid, &value}, set); err != nil {
			return nil, err
		}
	}
	stance, _ := st.variable(orDefault(sel.Stance, "agreement"))
	return &data.DNADatabase{Table: t, IntegerStance: stance.dataType == "integer"}, nil
}
