package data

import (
	"io"
	"os"
	"path/filepath"
	"strings"
)

// DNA 3 keeps a project in an SQLite database (a ".dna" file). Reading
// one needs an SQLite driver, which package data does not import (it
// imports the standard library, excelize and yaml only): package
// data/dna reads the database into the table DNA's own event-list
// export would hold, and is handed to this package as
// ReadOptions.DNADatabase, as the stancemap command does. From that
// table on, a database and its CSV export take the same path
// (readDNATables), so that both give the same statements.

// DNADatabase is a DNA database read as the event list DNA exports.
type DNADatabase struct {
	// Table has the columns of DNA's event-list export (statement ID,
	// time, document ID, document title, author, source, section, type,
	// text, then one column per variable of the statement type, in
	// DNA's order), one record per statement of the chosen type, in
	// statement-ID order. Record.Row is the statement's ID in DNA, so
	// that a problem "study.dna:17:concept" points at statement 17.
	// Notes list the database's statement types and variables, and which
	// type was read.
	Table *Table
	// IntegerStance is set when the stance variable is DNA's integer
	// type (read as a stance from −2 to +2); otherwise it is boolean.
	IntegerStance bool
}

// DNASelection names what to read from a DNA database: the statement
// type (its label or id; "" means the one type that has the three
// variables) and the variables that give actor, theme and stance (""
// means organization, concept and agreement).
type DNASelection struct {
	Type, Actor, Theme, Stance string
}

// DNADatabaseReader reads a DNA database. Its error is a *Problem with
// Unusable set when the file is no DNA database, is damaged, too large,
// or has nothing to read under the selection.
type DNADatabaseReader func(path string, sel DNASelection) (*DNADatabase, error)

// sqliteMagic starts every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// IsDNADatabase says whether path is to be read as a DNA database: its
// name ends in ".dna", or it is an SQLite database whatever its name
// (DNA lets users name their files freely). A ".dna" file that is no
// SQLite database is still one: the database reader refuses it, saying
// why.
func IsDNADatabase(path string) bool {
	if strings.EqualFold(filepath.Ext(path), ".dna") {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var b [len(sqliteMagic)]byte
	n, _ := io.ReadFull(f, b[:])
	return string(b[:n]) == sqliteMagic
}

// AnyDNADatabase says whether any of paths is a DNA database.
func AnyDNADatabase(paths []string) bool {
	for _, p := range paths {
		if IsDNADatabase(p) {
			return true
		}
	}
	return false
}
