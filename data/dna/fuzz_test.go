package dna_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/data/dna"
)

// FuzzRead gives Read damaged databases: the small study with bytes
// changed, cut short or grown. Read must not panic, and must either read
// a table whose records all have the header's width or refuse the file
// with an unusable Problem.
func FuzzRead(f *testing.F) {
	good := mustRead(f, smallDB(f))
	f.Add(good, 0, byte(0))
	f.Add(good, 100, byte(0xff))  // the first page's b-tree header
	f.Add(good, 1100, byte(0x00)) // the schema's cells
	f.Add(good[:len(good)/2], 0, byte(0))
	f.Add([]byte("SQLite format 3\x00"), 0, byte(0))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte, at int, v byte) {
		if len(b) > 1<<20 {
			return
		}
		b = append([]byte(nil), b...)
		if len(b) > 0 {
			if at < 0 {
				at = -at
			}
			b[at%len(b)] = v
		}
		path := filepath.Join(dir, "fuzz.dna")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		db, err := dna.Read(path, data.DNASelection{})
		if err != nil {
			var p *data.Problem
			if !errors.As(err, &p) || !p.Unusable {
				t.Fatalf("error %v is not an unusable Problem", err)
			}
			return
		}
		for _, r := range db.Table.Records {
			if len(r.Cells) != len(db.Table.Header) {
				t.Fatalf("record %d has %d cells for %d columns", r.Row, len(r.Cells), len(db.Table.Header))
			}
		}
	})
}
