package dna_test

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/data/dna"
)

func TestReadSmallDatabase(t *testing.T) {
	path := smallDB(t)
	db, err := dna.Read(path, data.DNASelection{})
	if err != nil {
		t.Fatal(err)
	}
	tb := db.Table
	wantHeader := []string{"statement ID", "time", "document ID", "document title", "author", "source", "section", "type", "text",
		"person", "organization", "concept", "agreement"}
	if !slices.Equal(tb.Header, wantHeader) {
		t.Fatalf("header %q", tb.Header)
	}
	if db.IntegerStance {
		t.Error("agreement is boolean, not integer")
	}
	// Statements 1, 2, 4 and 5 are of type "DNA Statement"; 3 and 6 are not.
	want := [][]string{
		{"1", "2013-10-17 00:00:00", "1", "Conference on cyberspace, summary", "Rapporteur", "Conference website", "Plenary", "report",
			"China: each state decides.", "Head of delegation", "China", "States hold sovereign authority over their networks", "1"},
		{"2", "2013-10-17 00:00:00", "1", "Conference on cyberspace, summary", "Rapporteur", "Conference website", "Plenary", "report",
			"UK: no single state controls the net.", "", "United Kingdom", "States hold sovereign authority over their networks", "0"},
		{"4", "2014-09-02 12:30:00", "2", "Workshop report", "", "", "", "report",
			"Governments must lead.", "", "China", "Internet governance should involve all stakeholders", "0"},
		{"5", "2014-09-02 12:30:00", "2", "Workshop report", "", "", "", "report",
			"All stakeholders belong at the table.", "", "Internet Society", "Internet governance should involve all stakeholders", "1"},
	}
	if len(tb.Records) != len(want) {
		t.Fatalf("%d records, want %d", len(tb.Records), len(want))
	}
	for i, rec := range tb.Records {
		if !slices.Equal(rec.Cells, want[i]) || rec.Row != []int{1, 2, 4, 5}[i] {
			t.Errorf("record %d: row %d %q\nwant %q", i, rec.Row, rec.Cells, want[i])
		}
	}
	wantNotes := []string{
		"a Discourse Network Analyzer database (DNA 3.0.7, 2 documents); its row numbers are DNA's statement IDs",
		"statement type “DNA Statement” (id 1): 4 statements; variables person, organization, concept (short text), agreement (boolean)",
		"statement type “Annotation” (id 2): 1 statement; variables note (long text)",
		"statement type “Intensity” (id 3): 1 statement; variables organization, concept (short text), intensity (integer)",
		"read statement type “DNA Statement”",
	}
	if !slices.Equal(tb.Notes, wantNotes) {
		t.Errorf("notes:\n%s", strings.Join(tb.Notes, "\n"))
	}
	if len(tb.Problems) != 0 {
		t.Errorf("problems %v", tb.Problems)
	}
}

func TestReadDNAExportFromDatabase(t *testing.T) {
	path := smallDB(t)
	res, cb, err := data.ReadDNAExport([]string{path}, data.DNAOptions{
		ReadOptions:   data.ReadOptions{AddUnknownActors: true, DNADatabase: dna.Read},
		BuildCodebook: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 4 || res.InvalidRows != 0 || len(res.Statements) != 4 {
		t.Fatalf("rows %d invalid %d statements %d; problems %v", res.Rows, res.InvalidRows, len(res.Statements), res.Problems)
	}
	s := res.Statements[0]
	want := data.Statement{ID: "1", Actor: "CHN", Theme: "states_hold_sovereign_authority_over_their", Stance: 1,
		Date:    data.Date{Year: 2013, Month: 10, Day: 17, Precision: data.PrecisionDay},
		Speaker: "Head of delegation", Text: "China: each state decides.", Source: "Conference on cyberspace, summary",
		Note:   "DNA document 1; author: Rapporteur; source: Conference website; section: Plenary; type: report",
		Weight: 1, Pos: data.Pos{File: path, Row: 1}}
	if s != want {
		t.Errorf("statement\n got %+v\nwant %+v", s, want)
	}
	var stances []int
	for _, s := range res.Statements {
		stances = append(stances, s.Stance)
	}
	if !slices.Equal(stances, []int{1, -1, -1, 1}) {
		t.Errorf("stances %v", stances)
	}
	if d := res.Statements[3].Date; d != (data.Date{Year: 2014, Month: 9, Day: 2, Precision: data.PrecisionDay}) {
		t.Errorf("date %v", d)
	}
	if len(cb.Scale) != 2 || len(cb.Themes) != 2 {
		t.Errorf("codebook: scale %v, themes %v", cb.Scale, cb.ThemeIDs())
	}
	if n := res.Notes[len(res.Notes)-2]; n != "read as a Discourse Network Analyzer database: actor ← organization, theme ← concept, stance ← agreement 1 → +1, 0 → −1" {
		t.Errorf("note %q", n)
	}
}

func TestReadIntegerStanceType(t *testing.T) {
	path := smallDB(t)
	res, cb, err := data.ReadDNAExport([]string{path}, data.DNAOptions{
		ReadOptions:   data.ReadOptions{AddUnknownActors: true, DNADatabase: dna.Read},
		BuildCodebook: true, StanceFrom: "intensity",
	})
	if err != nil {
		t.Fatal(err)
	}
	// Only "Intensity" has organization, concept and intensity.
	if len(res.Statements) != 1 || res.Statements[0].Stance != -2 || res.Statements[0].Actor != "CHN" {
		t.Fatalf("statements %+v problems %v", res.Statements, res.Problems)
	}
	if len(cb.Scale) != 5 {
		t.Errorf("scale %v, want −2..+2", cb.Scale)
	}
}

func TestReadPersonsAsActorsAndOtherVariables(t *testing.T) {
	path := smallDB(t)
	res, _, err := data.ReadDNAExport([]string{path}, data.DNAOptions{
		ReadOptions:   data.ReadOptions{Registry: data.NewRegistry(), AddUnknownActors: true, DNADatabase: dna.Read},
		BuildCodebook: true, ActorFrom: "person",
	})
	if err != nil {
		t.Fatal(err)
	}
	// Statements 2, 4 and 5 name no person: actor is empty, at the person column.
	if len(res.Statements) != 1 || res.InvalidRows != 3 {
		t.Fatalf("statements %d invalid %d", len(res.Statements), res.InvalidRows)
	}
	if s := res.Statements[0]; s.Actor != "Head of delegation" || !strings.HasSuffix(s.Note, "organization: China") {
		t.Errorf("statement %+v", s)
	}
	for _, p := range res.Problems {
		if p.Code == data.CodeEmptyValue && (p.Column != "person" || !slices.Contains([]int{2, 4, 5}, p.Row)) {
			t.Errorf("problem %v", p)
		}
	}
}

func TestReadStatementTypeChoice(t *testing.T) {
	// Two types with organization, concept and agreement: the reader
	// will not guess.
	path := smallDB(t, `INSERT INTO STATEMENTTYPES VALUES (4, 'Second coding');
		INSERT INTO VARIABLES VALUES (9, 'organization', 'short text', 4), (10, 'concept', 'short text', 4), (11, 'agreement', 'boolean', 4)`)
	_, err := dna.Read(path, data.DNASelection{})
	wantProblem(t, err, data.CodeMissingColumn, `2 statement types have the variables organization, concept and agreement: “DNA Statement”, “Second coding”`)
	if !strings.Contains(err.Error(), "one chosen with --dna-type") {
		t.Errorf("%v", err)
	}
	db, err := dna.Read(path, data.DNASelection{Type: "second coding"})
	if err != nil || len(db.Table.Records) != 0 {
		t.Errorf("type by label: %v %v", db, err)
	}
	if db, err = dna.Read(path, data.DNASelection{Type: "1"}); err != nil || len(db.Table.Records) != 4 {
		t.Errorf("type by id: %v", err)
	}
	_, err = dna.Read(path, data.DNASelection{Type: "Nope"})
	wantProblem(t, err, data.CodeNotDNA, `has no statement type "Nope"`)
	_, err = dna.Read(path, data.DNASelection{Theme: "topic"})
	wantProblem(t, err, data.CodeMissingColumn, "no statement type has the variables organization, topic and agreement")
	if !strings.Contains(err.Error(), "“DNA Statement” (id 1): 4 statements; variables person, organization, concept (short text), agreement (boolean)") {
		t.Errorf("the message lists the types: %v", err)
	}
	_, err = dna.Read(path, data.DNASelection{Type: "Annotation", Stance: "note", Theme: "note", Actor: "note"})
	wantProblem(t, err, data.CodeBadAgreement, "the stance variable note of “Annotation” is long text")
}

func wantProblem(t *testing.T, err error, code data.ProblemCode, msg string) {
	t.Helper()
	var p *data.Problem
	if !errors.As(err, &p) {
		t.Fatalf("error %v, want a problem %q", err, msg)
	}
	if p.Code != code || !p.Unusable || !errors.Is(err, data.ErrUnusable) || !strings.Contains(p.Error(), msg) {
		t.Errorf("problem %s (code %s, unusable %v)\nwant code %s containing %q", p.Error(), p.Code, p.Unusable, code, msg)
	}
}

func TestReadRefusesWhatIsNoDNADatabase(t *testing.T) {
	dir := t.TempDir()
	good := smallDB(t)
	whole := mustRead(t, good)

	otherSchema := dir + "/contacts.dna"
	buildDB(t, otherSchema, "CREATE TABLE people(name TEXT, email TEXT); CREATE TABLE notes(body TEXT)")
	partial := dir + "/partial.dna"
	buildDB(t, partial, without("DATAINTEGER"), smallStudy[:strings.Index(smallStudy, "INSERT INTO DATAINTEGER")])
	oldColumn := dir + "/old.dna"
	buildDB(t, oldColumn, strings.Replace(dnaSchema, "Start INTEGER NOT NULL, Stop", "Begin INTEGER NOT NULL, Stop", 1))
	view := dir + "/view.dna"
	buildDB(t, view, without("STATEMENTS"), `CREATE VIEW STATEMENTS AS WITH RECURSIVE n(ID) AS (SELECT 1 UNION ALL SELECT ID + 1 FROM n)
		SELECT ID, 1 AS StatementTypeId, 1 AS DocumentId, 0 AS Start, 1 AS Stop FROM n`)
	computed := dir + "/computed.dna"
	buildDB(t, computed, strings.Replace(dnaSchema, "Text TEXT NOT NULL,", "Text TEXT GENERATED ALWAYS AS (zeroblob(100000000)),", 1))

	// Cut short: the header says more pages than the file has.
	cut := writeFile(t, "cut.dna", whole[:len(whole)/2])
	// A damaged page: the schema page's cells overwritten.
	damaged := slices.Clone(whole)
	for i := 100 + 8; i < 1024; i++ {
		damaged[i] = 0xA5
	}
	broken := writeFile(t, "broken.dna", damaged)
	// Too large: a sparse file just over the bound (no disk is used).
	huge := dir + "/huge.dna"
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(dna.MaxFileSize + 1); err != nil {
		t.Skipf("cannot make a sparse file: %v", err)
	}
	f.Close()

	cases := []struct {
		name, path string
		code       data.ProblemCode
		msg        string
	}{
		{"text", writeFile(t, "notes.dna", []byte("organization;concept;agreement\nChina;x;1\n")), data.CodeNotDNA,
			"is not a Discourse Network Analyzer database: it is not an SQLite file"},
		{"xml of DNA 1", writeFile(t, "old.dna", []byte("<?xml version=\"1.0\"?><dna/>")), data.CodeNotDNA, "it looks like XML"},
		{"empty", writeFile(t, "empty.dna", nil), data.CodeEmptyFile, "is empty (0 bytes)"},
		{"other schema", otherSchema, data.CodeNotDNA, "is an SQLite database, but not a Discourse Network Analyzer one: its tables are notes, people"},
		{"a table missing", partial, data.CodeNotDNA, "is not a complete Discourse Network Analyzer database: it lacks the table DATAINTEGER"},
		{"a column missing", oldColumn, data.CodeNotDNA, "its table STATEMENTS has no column Start"},
		{"a view", view, data.CodeNotDNA, "STATEMENTS is a view of the file's own making"},
		{"computed column", computed, data.CodeNotDNA, "DOCUMENTS.Text is a computed column"},
		{"cut short", cut, data.CodeDamaged, "is damaged: cut short (its header says"},
		{"damaged page", broken, data.CodeDamaged, "is damaged"},
		{"too large", huge, data.CodeTooLarge, "is larger than the 2 GB a DNA database is read up to"},
		{"folder", dir, data.CodeIsDirectory, "is a folder"},
		{"missing", dir + "/nothing.dna", data.CodeNoFile, "no such file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := dna.Read(c.path, data.DNASelection{})
			wantProblem(t, err, c.code, c.msg)
		})
	}
}

func TestReadPositionOutsideDocument(t *testing.T) {
	path := smallDB(t, "UPDATE STATEMENTS SET Stop = 500 WHERE ID = 2")
	db, err := dna.Read(path, data.DNASelection{})
	if err != nil {
		t.Fatal(err)
	}
	if len(db.Table.Problems) != 1 || db.Table.Problems[0].Error() !=
		path+":2:text: warning: statement's position (30 to 500) lies outside its document's text (67 characters): its text is left empty" {
		t.Errorf("problems %v", db.Table.Problems)
	}
	if db.Table.Records[1].Cells[8] != "" {
		t.Errorf("text %q", db.Table.Records[1].Cells[8])
	}
}

func TestReadOtherVariablesGoToTheNote(t *testing.T) {
	path := smallDB(t, `INSERT INTO VARIABLES VALUES (12, 'tone', 'short text', 1);
		INSERT INTO ENTITIES VALUES (20, 12, 'firm'); INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (1, 12, 20)`)
	res, _, err := data.ReadDNAExport([]string{path}, data.DNAOptions{
		ReadOptions: data.ReadOptions{AddUnknownActors: true, DNADatabase: dna.Read}, BuildCodebook: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Statements[0].Note; !strings.HasSuffix(n, "; tone: firm") {
		t.Errorf("note %q", n)
	}
	for _, p := range res.Problems {
		if p.Code != data.CodeAddedActor {
			t.Errorf("problem %v", p)
		}
	}
}

func TestReadWithoutReaderIsUnusable(t *testing.T) {
	path := smallDB(t)
	_, _, err := data.ReadDNAExport([]string{path}, data.DNAOptions{BuildCodebook: true})
	if !errors.Is(err, data.ErrUnusable) || !strings.Contains(err.Error(), "is a Discourse Network Analyzer database") {
		t.Errorf("err %v", err)
	}
	_, err = data.ReadStatements([]string{path}, data.ReadOptions{})
	if !errors.Is(err, data.ErrUnusable) || !strings.Contains(err.Error(), "is a Discourse Network Analyzer database, not a statements table") {
		t.Errorf("ReadStatements: %v", err)
	}
	if !data.IsDNADatabase(path) || data.IsDNADatabase("../dna.go") {
		t.Error("IsDNADatabase")
	}
}
