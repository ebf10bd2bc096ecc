package dna_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/stancemap/stancemap/internal/testutil"
)

// The schema of a DNA 3 database, reduced to the tables and columns DNA
// keeps and Read uses (DNA's own adds colours, coders and permissions).
const dnaSchema = `
CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT NOT NULL);
CREATE TABLE DOCUMENTS(ID INTEGER NOT NULL PRIMARY KEY, Title TEXT NOT NULL, Text TEXT NOT NULL, Coder INTEGER,
  Author TEXT NOT NULL DEFAULT '', Source TEXT NOT NULL DEFAULT '', Section TEXT NOT NULL DEFAULT '',
  Notes TEXT NOT NULL DEFAULT '', Type TEXT NOT NULL DEFAULT '', Date INTEGER NOT NULL);
CREATE TABLE STATEMENTTYPES(ID INTEGER NOT NULL PRIMARY KEY, Label TEXT NOT NULL);
CREATE TABLE VARIABLES(ID INTEGER NOT NULL PRIMARY KEY, Variable TEXT NOT NULL, DataType TEXT NOT NULL DEFAULT 'short text',
  StatementTypeId INTEGER, UNIQUE (Variable, StatementTypeId));
CREATE TABLE STATEMENTS(ID INTEGER NOT NULL PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER,
  Start INTEGER NOT NULL, Stop INTEGER NOT NULL, Coder INTEGER);
CREATE TABLE ENTITIES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL, Value TEXT NOT NULL DEFAULT '');
CREATE TABLE DATASHORTTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Entity INTEGER NOT NULL);
CREATE TABLE DATALONGTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Value TEXT DEFAULT '');
CREATE TABLE DATABOOLEAN(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 1);
CREATE TABLE DATAINTEGER(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 0);
`

// smallStudy fills a DNA schema with a small study: two documents (the
// first with a character outside the Basic Multilingual Plane, which
// Java counts as two UTF-16 units, before the statements), the default
// "DNA Statement" type with person, organization, concept and a boolean
// agreement, an "Annotation" type with a long-text note, and an
// "Intensity" type with an integer stance.
//
// Document 1: 2013-10-17 (1381968000), document 2: 2014-09-02 12:30 UTC
// (1409661000).
const smallStudy = `
INSERT INTO SETTINGS VALUES ('version', '3.0.7');
INSERT INTO DOCUMENTS (ID, Title, Text, Author, Source, Section, Type, Date) VALUES
 (1, 'Conference on cyberspace, summary', '🌐 China: each state decides. UK: no single state controls the net.', 'Rapporteur', 'Conference website', 'Plenary', 'report', 1381968000),
 (2, 'Workshop report', 'Governments must lead. All stakeholders belong at the table.', '', '', '', 'report', 1409661000);
INSERT INTO STATEMENTTYPES VALUES (1, 'DNA Statement'), (2, 'Annotation'), (3, 'Intensity');
INSERT INTO VARIABLES VALUES (1, 'person', 'short text', 1), (2, 'organization', 'short text', 1),
 (3, 'concept', 'short text', 1), (4, 'agreement', 'boolean', 1), (5, 'note', 'long text', 2),
 (6, 'organization', 'short text', 3), (7, 'concept', 'short text', 3), (8, 'intensity', 'integer', 3);
INSERT INTO ENTITIES VALUES (1, 1, ''), (2, 1, 'Head of delegation'), (3, 2, 'China'), (4, 2, 'United Kingdom'),
 (5, 3, 'States hold sovereign authority over their networks'), (6, 2, 'Internet Society'),
 (7, 3, 'Internet governance should involve all stakeholders'), (8, 6, 'China'), (9, 7, 'Sovereignty');
-- Statement 1 is "China: each state decides." (UTF-16 units 3 to 29:
-- the globe is two units and a space follows it).
INSERT INTO STATEMENTS VALUES (1, 1, 1, 3, 29, 1), (2, 1, 1, 30, 67, 1), (3, 2, 1, 0, 2, 1),
 (4, 1, 2, 0, 22, 1), (5, 1, 2, 23, 60, 1), (6, 3, 2, 0, 22, 1);
INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES
 (1, 1, 2), (1, 2, 3), (1, 3, 5), (2, 1, 1), (2, 2, 4), (2, 3, 5),
 (4, 1, 1), (4, 2, 3), (4, 3, 7), (5, 1, 1), (5, 2, 6), (5, 3, 7), (6, 6, 8), (6, 7, 9);
INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (1, 4, 1), (2, 4, 0), (4, 4, 0), (5, 4, 1);
INSERT INTO DATALONGTEXT (StatementId, VariableId, Value) VALUES (3, 5, 'check the globe');
INSERT INTO DATAINTEGER (StatementId, VariableId, Value) VALUES (6, 8, -2);
`

// buildDB writes an SQLite database at path from SQL statements, with
// small pages so that the file stays small.
func buildDB(t testing.TB, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("PRAGMA page_size = 1024; PRAGMA journal_mode = DELETE"); err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
	if _, err := db.Exec("VACUUM"); err != nil {
		t.Fatal(err)
	}
}

// smallDB builds the small study in a temporary folder.
func smallDB(t testing.TB, extra ...string) string {
	path := filepath.Join(t.TempDir(), "study.dna")
	buildDB(t, path, append([]string{dnaSchema, smallStudy}, extra...)...)
	return path
}

// writeFile writes a file in a temporary folder.
func writeFile(t testing.TB, name string, b []byte) string {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustRead(t testing.TB, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// without drops the CREATE TABLE statement of one table from the schema.
func without(table string) string {
	var keep []string
	for _, s := range strings.Split(dnaSchema, ";") {
		if !strings.Contains(s, "CREATE TABLE "+table+"(") {
			keep = append(keep, s)
		}
	}
	return strings.Join(keep, ";")
}

// TestWriteCaseFixtures writes the DNA databases of the command cases
// (testdata/cases/*/dna-*) when run with -update: the small study, and
// files that are no DNA database.
func TestWriteCaseFixtures(t *testing.T) {
	if !*testutil.Update {
		t.Skip("writes the command cases' .dna fixtures only with -update")
	}
	cases := "../../testdata/cases/"
	write := func(dir, name string, b []byte) {
		if err := os.MkdirAll(cases+dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(cases, dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	study := mustRead(t, smallDB(t))
	write("validate/dna-database", "study.dna", study)
	write("matrix/dna-database", "study.dna", study)
	write("validate/dna-not-sqlite", "study.dna", []byte("organization;concept;agreement\nChina;sovereignty;1\n"))
	other := filepath.Join(t.TempDir(), "contacts.dna")
	buildDB(t, other, "CREATE TABLE people(name TEXT, email TEXT); CREATE TABLE notes(body TEXT)")
	write("matrix/dna-other-schema", "contacts.dna", mustRead(t, other))
	write("validate/dna-cut-short", "study.dna", study[:len(study)/2])
}
