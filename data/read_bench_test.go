package data_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/synth"
)

// BenchmarkReadStatementsCSV_200k reads a generated 200,000-statement CSV
// (51 MB) the way every command does: the quick reader on every core,
// then the id and duplicate checks.
func BenchmarkReadStatementsCSV_200k(b *testing.B) {
	c, err := synth.New(synth.Options{Actors: 200, Themes: 10, Statements: 200000, Years: 30})
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "statements.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := c.Write(f); err != nil {
		b.Fatal(err)
	}
	f.Close()
	opt := data.ReadOptions{Registry: c.Registry, Codebook: c.Codebook}
	b.ResetTimer()
	for b.Loop() {
		res, err := data.ReadStatements([]string{path}, opt)
		if err != nil || len(res.Statements) != 200000 {
			b.Fatalf("%v, %d statements", err, len(res.Statements))
		}
	}
}
