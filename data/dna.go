package data

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Columns of a Discourse Network Analyzer export. DNA 3 writes its event
// list ("Export → event list", or rDNA's dna_network(networkType =
// "eventlist", fileFormat = "csv")) as semicolon-separated UTF-8 with
// the header
//
//	"statement ID";"time";"document ID";"document title";"author";"source";"section";"type";"text"
//
// followed by one column per variable of the statement type: for the
// default "DNA Statement" type "person";"organization";"concept";"agreement",
// agreement being a boolean written 0 or 1 and time "yyyy-MM-dd HH:mm:ss"
// (Exporter.eventCSV in github.com/leifeld/dna). DNA 2 called the
// concept variable "category". The names below are matched the way
// statement headers are (case, spaces, hyphens ignored), with the
// spellings rDNA data frames use (id, docId, docTitle …).
const (
	dnaStatementID  Field = "statement_id"
	dnaTime         Field = "time"
	dnaDocumentID   Field = "document_id"
	dnaDocTitle     Field = "document_title"
	dnaAuthor       Field = "author"
	dnaSource       Field = "source"
	dnaSection      Field = "section"
	dnaType         Field = "type"
	dnaText         Field = "text"
	dnaPerson       Field = "person"
	dnaOrganization Field = "organization"
	dnaConcept      Field = "concept"
	dnaAgreement    Field = "agreement"
)

// dnaDatabaseFormat is Table.Format of a DNA database read by a
// DNADatabaseReader.
const dnaDatabaseFormat = "dna-database"

var dnaSynonyms = map[string]Field{
	"statement_id": dnaStatementID, "statementid": dnaStatementID, "id": dnaStatementID,
	"time": dnaTime, "date": dnaTime, "datetime": dnaTime, "date_time": dnaTime,
	"document_id": dnaDocumentID, "documentid": dnaDocumentID, "doc_id": dnaDocumentID, "docid": dnaDocumentID,
	"document_title": dnaDocTitle, "documenttitle": dnaDocTitle, "doc_title": dnaDocTitle, "doctitle": dnaDocTitle, "title": dnaDocTitle,
	"author": dnaAuthor, "doc_author": dnaAuthor, "docauthor": dnaAuthor,
	"source": dnaSource, "doc_source": dnaSource, "docsource": dnaSource,
	"section": dnaSection, "doc_section": dnaSection, "docsection": dnaSection,
	"type": dnaType, "doc_type": dnaType, "doctype": dnaType,
	"text":         dnaText,
	"person":       dnaPerson,
	"organization": dnaOrganization, "organisation": dnaOrganization,
	"concept": dnaConcept, "category": dnaConcept,
	"agreement": dnaAgreement,
}

// IsDNAExport says whether a header is that of a DNA export: it names a
// concept (or DNA 2's category), an agreement, and an organization or a
// person column. Such a file must be read with ReadDNAExport: read as a
// statements file, its agreement 0 (disagrees) would be taken for a
// neutral stance.
func IsDNAExport(header []string) bool {
	has := map[Field]bool{}
	for _, h := range header {
		if f, ok := dnaSynonyms[normHeader(h)]; ok {
			has[f] = true
		}
	}
	return has[dnaConcept] && has[dnaAgreement] && (has[dnaOrganization] || has[dnaPerson])
}

// DNAOptions say how ReadDNAExport maps a DNA export to statements.
// The zero value reads organizations as actors against the default
// registry and concepts against the default codebook.
type DNAOptions struct {
	// ReadOptions give the registry and codebook, and whether unknown
	// actors are added (DNA organizations are rarely in the built-in
	// registry: AddUnknownActors is usually wanted).
	ReadOptions
	// ActorFrom is the DNA variable actors are read from:
	// "organization" (also "" and "organisation") or "person". The
	// person is kept as the statement's speaker either way.
	ActorFrom string
	// BuildCodebook makes a theme of every concept that is not already
	// a theme of Codebook (matched by id or label, ignoring case), so a
	// DNA user needs no codebook to start: the theme's id is derived from
	// the concept ("Cyberspace should be regulated" → cyberspace_should_be_regulated),
	// its label is the concept, and its poles say "agrees with" and
	// "disagrees with" it. With a nil Codebook the result holds the
	// concepts' themes only. Without BuildCodebook a concept missing
	// from the codebook is an unknown-theme error.
	BuildCodebook bool
	// IntegerAgreement reads agreement as a stance from −2 to +2 (an
	// integer qualifier in DNA) instead of DNA's boolean 1 (agrees, +1)
	// or 0 (disagrees, −1). A database's integer stance variable is read
	// so without it.
	IntegerAgreement bool
	// ThemeFrom and StanceFrom name the DNA variables (export columns)
	// themes and stances are read from; "" means concept (or DNA 2's
	// category) and agreement. ActorFrom may name any variable too.
	ThemeFrom, StanceFrom string
	// StatementType is the statement type read from a DNA database, by
	// label or id; "" means the one type that has the actor, theme and
	// stance variables.
	StatementType string
}

// ReadDNAExport reads statements from DNA event-list exports (any
// format ReadTable reads, usually DNA's semicolon-separated CSV).
//
// Each row becomes a statement: actor ← organization (or person, see
// ActorFrom), theme ← concept, stance ← agreement (1 → +1, 0 → −1),
// date ← time (the time of day is dropped), id ← statement ID,
// speaker ← person, text ← text, source ← document title (when two
// documents share a title, " [DNA document N]" is added so that they
// stay apart; a document without a title is "DNA document N"), and the
// document id, author, section and type go to the note, so that nothing
// in the export is lost.
//
// Problems are reported as ReadStatements reports them, at the file, row
// and DNA column where they are ("export.csv:7:agreement: …", "…:concept:
// theme is not in the codebook"). The codebook returned is the one the
// statements are coded with: Codebook (or the default codebook), or the
// one built from the concepts. A codebook built for DNA's boolean
// agreement has the binary scale (−1 disagrees, +1 agrees), so that
// analysis.AgreementNetwork treats opposite stances as DNA does.
//
// err is non-nil, a *Problem with Unusable set, only when a file cannot
// be read as a table.
//
// A DNA database (see IsDNADatabase) among paths is read with
// opt.DNADatabase into the table its event-list export would be, and
// then as that export; without a DNADatabase reader it is unusable.
func ReadDNAExport(paths []string, opt DNAOptions) (*ReadResult, *Codebook, error) {
	var tables []*Table
	var integer []bool
	for _, p := range paths {
		if IsDNADatabase(p) {
			if opt.DNADatabase == nil {
				return &ReadResult{Files: paths}, nil, &Problem{File: p, Code: CodeUnknownFormat, Unusable: true,
					Message:  "is a Discourse Network Analyzer database, which this reader cannot open",
					Expected: "ReadOptions.DNADatabase set to package data/dna's Read, or DNA's event list exported as CSV"}
			}
			db, err := opt.DNADatabase(p, DNASelection{Type: opt.StatementType, Actor: opt.ActorFrom, Theme: opt.ThemeFrom, Stance: opt.StanceFrom})
			if err != nil {
				return &ReadResult{Files: paths}, nil, err
			}
			tables = append(tables, db.Table)
			integer = append(integer, opt.IntegerAgreement || db.IntegerStance)
			continue
		}
		t, err := ReadTable(p, TableOptions{Sheet: opt.Sheet, IsHeader: IsDNAExport})
		if err != nil {
			return &ReadResult{Files: paths}, nil, err
		}
		tables = append(tables, t)
		integer = append(integer, opt.IntegerAgreement)
	}
	return readDNATables(tables, integer, opt)
}

// ReadDNATable reads statements from a DNA export already read as a
// table; see ReadDNAExport.
func ReadDNATable(t *Table, opt DNAOptions) (*ReadResult, *Codebook, error) {
	return readDNATables([]*Table{t}, []bool{opt.IntegerAgreement}, opt)
}

// dnaActorVar is the field of an actor variable other than organization
// or person.
const dnaActorVar Field = "dna_actor"

// dnaMapping gives the synonyms a DNA table's header is matched with,
// and the field actors are read from, for the variables opt names.
func dnaMapping(opt DNAOptions) (map[string]Field, Field) {
	syn := dnaSynonyms
	actorFrom := dnaOrganization
	// rename makes name the only column of field f.
	rename := func(name string, f Field) {
		syn = maps.Clone(syn)
		for k, v := range syn {
			if v == f {
				delete(syn, k)
			}
		}
		syn[normHeader(name)] = f
	}
	switch a := strings.ToLower(strings.TrimSpace(opt.ActorFrom)); a {
	case "", "organization", "organisation", "org":
	case "person":
		actorFrom = dnaPerson
	default:
		actorFrom = dnaActorVar
		rename(a, dnaActorVar)
	}
	if th := strings.ToLower(strings.TrimSpace(opt.ThemeFrom)); th != "" && th != "concept" {
		rename(th, dnaConcept)
	}
	if st := strings.ToLower(strings.TrimSpace(opt.StanceFrom)); st != "" && st != "agreement" {
		rename(st, dnaAgreement)
	}
	return syn, actorFrom
}

func readDNATables(tables []*Table, integer []bool, opt DNAOptions) (*ReadResult, *Codebook, error) {
	syn, actorFrom := dnaMapping(opt)
	if opt.Registry == nil {
		reg, err := DefaultRegistry()
		if err != nil {
			return nil, nil, err
		}
		opt.Registry = reg
	}
	cb := opt.Codebook
	if cb == nil && !opt.BuildCodebook {
		var err error
		if cb, err = DefaultCodebook(); err != nil {
			return nil, nil, err
		}
	}
	maps := make([]columnMap, len(tables))
	for i, t := range tables {
		maps[i] = mapColumns(t.Header, syn)
	}
	var built []string // concepts made into themes, in order of appearance
	if opt.BuildCodebook {
		cb, built = dnaCodebook(tables, maps, cb, slices.Contains(integer, true))
	}
	opt.Codebook = cb

	sr := newStatementReader(opt.ReadOptions)
	titles := dnaTitleDocuments(tables, maps)
	for i, t := range tables {
		if ps := dnaMissing(t, maps[i], syn, actorFrom); len(ps) > 0 {
			// No row can be read: count them all invalid, as the
			// statement reader does for a statements file.
			res := sr.res
			res.Files = append(res.Files, t.Name)
			for _, n := range t.Notes {
				res.Notes = append(res.Notes, t.Name+": "+n)
			}
			res.Problems = append(res.Problems, t.Problems...)
			res.Problems = append(res.Problems, dnaHeaderWarnings(t, maps[i])...)
			res.Problems = append(res.Problems, ps...)
			res.Rows += len(t.Records)
			res.InvalidRows += len(t.Records)
			continue
		}
		dt := dnaStatementTable(t, maps[i], actorFrom, titles, integer[i])
		sr.table(dt, &recordRows{t: dt})
		// The statement reader names the columns of the table it was
		// given; name them as the export does.
		back := map[string]string{}
		for f, canon := range map[Field]Field{actorFrom: FieldActor, dnaConcept: FieldTheme,
			dnaAgreement: FieldStance, dnaTime: FieldDate, dnaStatementID: FieldID} {
			if name, ok := maps[i].name[f]; ok {
				back[string(canon)] = name
			}
		}
		for _, p := range sr.res.Problems {
			if p.File == t.Name {
				if name, ok := back[p.Column]; ok {
					p.Column = name
				}
			}
		}
		sr.idColumn[t.Name] = maps[i].name[dnaStatementID]
	}
	sr.finish()
	res := sr.res
	name := func(f Field, def string) string {
		for i := range tables {
			if n, ok := maps[i].name[f]; ok {
				return n
			}
		}
		return def
	}
	stance := name(dnaAgreement, "agreement") + " 1 → +1, 0 → −1"
	if slices.Contains(integer, true) {
		stance = name(dnaAgreement, "agreement") + " read as a stance from −2 to +2"
	}
	kind := "export"
	if slices.ContainsFunc(tables, func(t *Table) bool { return t.Format == dnaDatabaseFormat }) {
		kind = "database"
	}
	res.Notes = append(res.Notes, fmt.Sprintf("read as a Discourse Network Analyzer %s: actor ← %s, theme ← %s, stance ← %s",
		kind, name(actorFrom, strings.ToLower(string(actorFrom))), name(dnaConcept, "concept"), stance))
	if len(built) > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d %s built from the concepts", len(built), Plural(len(built), "theme", "themes")))
	}
	return res, cb, nil
}

var dnaSlugRun = regexp.MustCompile(`[^a-z0-9]+`)

// dnaThemeID derives a theme id from a concept: lower-case letters and
// digits joined by "_", at most 48 characters, starting with a letter.
func dnaThemeID(concept string) string {
	id := strings.Trim(dnaSlugRun.ReplaceAllString(strings.ToLower(NameKey(concept)), "_"), "_")
	if len(id) > 48 {
		id = id[:48]
		if k := strings.LastIndexByte(id, '_'); k > 24 {
			id = id[:k]
		}
		id = strings.TrimRight(id, "_")
	}
	if id == "" || id[0] < 'a' || id[0] > 'z' {
		id = "concept_" + id
	}
	return strings.TrimRight(id, "_")
}

// dnaCodebook copies base (or starts empty) and adds a theme for every
// concept of the tables that base lacks. It returns the codebook and
// the concepts added.
func dnaCodebook(tables []*Table, maps []columnMap, base *Codebook, integer bool) (*Codebook, []string) {
	cb := &Codebook{Name: "concepts of a Discourse Network Analyzer export", Version: 1}
	if base != nil {
		cb.Name, cb.Version = base.Name, base.Version
		cb.Themes = append(cb.Themes, base.Themes...)
	}
	if integer {
		cb.Scale = DefaultScale()
	} else {
		cb.Scale = []ScaleLevel{
			{Value: -1, Label: "disagrees", Aliases: []string{"disagree", "oppose", "opposes", "no"}},
			{Value: 1, Label: "agrees", Aliases: []string{"agree", "support", "supports", "yes"}},
		}
	}
	known := func(c string) bool {
		t := strings.TrimSpace(c)
		for _, th := range cb.Themes {
			if strings.EqualFold(th.ID, t) || strings.EqualFold(th.Label, t) || normHeader(t) == th.ID {
				return true
			}
		}
		return false
	}
	ids := map[string]bool{}
	for _, th := range cb.Themes {
		ids[th.ID] = true
	}
	var added []string
	for i, t := range tables {
		col, ok := maps[i].index[dnaConcept]
		if !ok {
			continue
		}
		for _, rec := range t.Records {
			if col >= len(rec.Cells) {
				continue
			}
			c := rec.Cells[col]
			if c == "" || known(c) {
				continue
			}
			id := dnaThemeID(c)
			for n := 2; ids[id]; n++ {
				id = dnaThemeID(c) + "_" + strconv.Itoa(n)
			}
			ids[id] = true
			cb.Themes = append(cb.Themes, Theme{ID: id, Label: c,
				Description: "concept of a Discourse Network Analyzer export",
				Positive:    "agrees with “" + c + "”", Negative: "disagrees with “" + c + "”"})
			added = append(added, c)
		}
	}
	return cb, added
}

// dnaTitleDocuments finds titles shared by documents with different ids:
// their statements' sources get the document id added.
func dnaTitleDocuments(tables []*Table, maps []columnMap) map[string]bool {
	docs := map[string]map[string]bool{}
	for i, t := range tables {
		ti, okT := maps[i].index[dnaDocTitle]
		di, okD := maps[i].index[dnaDocumentID]
		if !okT || !okD {
			continue
		}
		for _, rec := range t.Records {
			if ti < len(rec.Cells) && di < len(rec.Cells) && rec.Cells[ti] != "" {
				if docs[rec.Cells[ti]] == nil {
					docs[rec.Cells[ti]] = map[string]bool{}
				}
				docs[rec.Cells[ti]][rec.Cells[di]] = true
			}
		}
	}
	shared := map[string]bool{}
	for title, ids := range docs {
		if len(ids) > 1 {
			shared[title] = true
		}
	}
	return shared
}

// dnaStatementTable rewrites a DNA export as a table in the statement
// format, so that the statement reader checks every row as it checks any
// statements file. Rows whose agreement is not DNA's 0 or 1 (or ragged
// CSV rows) are flagged with a problem, which makes them invalid while
// their other cells are still checked.
//
// The table must have every required column (see dnaMissing).
func dnaStatementTable(t *Table, cols columnMap, actorFrom Field, sharedTitles map[string]bool, integer bool) *Table {
	out := &Table{Name: t.Name, Format: "dna", Encoding: t.Encoding, Delimiter: t.Delimiter,
		Header:    []string{"id", "actor", "theme", "stance", "date", "speaker", "text", "source", "note"},
		HeaderRow: t.HeaderRow, Problems: append([]*Problem(nil), t.Problems...), Notes: t.Notes,
		Sheet: t.Sheet, Sheets: t.Sheets, Compressed: t.Compressed}
	out.Problems = append(out.Problems, dnaHeaderWarnings(t, cols)...)
	for _, rec := range t.Records {
		get := func(f Field) string {
			i, ok := cols.index[f]
			if !ok || i >= len(rec.Cells) {
				return ""
			}
			return rec.Cells[i]
		}
		flag := func(code ProblemCode, msg, found, expected string) {
			out.Problems = append(out.Problems, &Problem{File: t.Name, Row: rec.Row, Column: cols.name[dnaAgreement],
				Code: code, Message: msg, Found: found, Expected: expected})
		}
		if t.Format == "csv" && len(rec.Cells) != len(t.Header) {
			out.Problems = append(out.Problems, &Problem{File: t.Name, Row: rec.Row, Code: CodeRaggedRow,
				Message:  fmt.Sprintf("row has %d cells but the header has %d", len(rec.Cells), len(t.Header)),
				Expected: "one cell per header column (check for an unquoted delimiter in the text)"})
		}
		stance := "0" // placeholder for a flagged row, never used
		raw := get(dnaAgreement)
		switch v := strings.ToLower(raw); {
		case raw == "":
			flag(CodeEmptyValue, "agreement is empty", "", dnaAgreementExpected(integer))
		case integer:
			if n, err := strconv.Atoi(strings.TrimPrefix(NormalizeSign(v), "+")); err == nil && n >= MinStance && n <= MaxStance {
				stance = strconv.Itoa(n)
			} else {
				flag(CodeBadAgreement, "agreement is not an integer from -2 to 2", raw, dnaAgreementExpected(true))
			}
		case v == "1" || v == "true":
			stance = "1"
		case v == "0" || v == "false":
			stance = "-1"
		default:
			flag(CodeBadAgreement, "agreement is not DNA's 0 or 1", raw, dnaAgreementExpected(false))
		}
		source := get(dnaDocTitle)
		docID := get(dnaDocumentID)
		switch {
		case source == "" && docID != "":
			source = "DNA document " + docID
		case sharedTitles[source] && docID != "":
			source += " [DNA document " + docID + "]"
		}
		var note []string
		if docID != "" {
			note = append(note, "DNA document "+docID)
		}
		for _, f := range []Field{dnaAuthor, dnaSource, dnaSection, dnaType} {
			if v := get(f); v != "" {
				note = append(note, string(f)+": "+v)
			}
		}
		if actorFrom != dnaOrganization {
			if v := get(dnaOrganization); v != "" {
				note = append(note, "organization: "+v)
			}
		}
		if t.Format == dnaDatabaseFormat {
			// The statement type's other variables: nothing is dropped.
			for _, h := range cols.ignored {
				if i := slices.Index(t.Header, h); i >= 0 && i < len(rec.Cells) && rec.Cells[i] != "" {
					note = append(note, h+": "+rec.Cells[i])
				}
			}
		}
		out.Records = append(out.Records, Record{Row: rec.Row, Cells: []string{
			get(dnaStatementID), get(actorFrom), get(dnaConcept), stance, get(dnaTime),
			get(dnaPerson), get(dnaText), source, strings.Join(note, "; "),
		}})
	}
	return out
}

// dnaHeaderWarnings reports the columns of a DNA export that are not
// read.
func dnaHeaderWarnings(t *Table, cols columnMap) Problems {
	var ps Problems
	if t.Format == dnaDatabaseFormat {
		return nil // its other variables go to the note
	}
	for _, h := range cols.ignored {
		ps = append(ps, &Problem{File: t.Name, Row: t.HeaderRow, Column: h, Code: CodeUnknownColumn,
			Message: "column is not part of a DNA export and is ignored", Severity: SeverityWarning,
			Expected: "statement ID, time, document ID, document title, author, source, section, type, text, person, organization, concept, agreement"})
	}
	for _, h := range cols.shadow {
		ps = append(ps, &Problem{File: t.Name, Row: t.HeaderRow, Column: h, Code: CodeShadowedColumn,
			Message: "column means the same as another column and is ignored", Severity: SeverityWarning})
	}
	return ps
}

// dnaMissing reports the required columns a DNA export lacks.
func dnaMissing(t *Table, cols columnMap, syn map[string]Field, actorFrom Field) Problems {
	var ps Problems
	want := func(f Field) string {
		if syn[string(f)] == f {
			return string(f)
		}
		var names []string
		for k, v := range syn {
			if v == f {
				names = append(names, k)
			}
		}
		if len(names) == 0 {
			return string(f)
		}
		return slices.Min(names)
	}
	for _, f := range []Field{actorFrom, dnaConcept, dnaAgreement, dnaTime} {
		if _, ok := cols.index[f]; !ok {
			ps = append(ps, &Problem{File: t.Name, Row: t.HeaderRow, Column: want(f), Code: CodeMissingColumn,
				Message: "required column of a DNA export is missing", Found: strings.Join(t.Header, ","),
				Expected: "a DNA event list with " + want(actorFrom) + ", " + want(dnaConcept) + ", " + want(dnaAgreement) + " and time columns"})
		}
	}
	return ps
}

func dnaAgreementExpected(integer bool) string {
	if integer {
		return "an integer from -2 to 2"
	}
	return "1 (agrees) or 0 (disagrees); for an integer qualifier read the export with integer agreement"
}
