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
	c, path := benchCSV(b)
	opt := data.ReadOptions{Registry: c.Registry, Codebook: c.Codebook}
	b.ResetTimer()
	for b.Loop() {
		res, err := data.ReadStatements([]string{path}, opt)
		if err != nil || len(res.Statements) != 200000 {
			b.Fatalf("%v, %d statements", err, len(res.Statements))
		}
	}
}

// BenchmarkStreamStatementsCSV_200k streams the same file the way
// `stancemap matrix` does (data.StreamStatements, two parts of the whole
// text, each statement dropped after its call), for comparison with
// BenchmarkReadStatementsCSV_200k.
func BenchmarkStreamStatementsCSV_200k(b *testing.B) {
	c, path := benchCSV(b)
	bs, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	text := string(bs)
	whole := func(string) (string, func(int, int), bool) { return text, func(int, int) {}, true }
	opt := data.StreamOptions{ReadOptions: data.ReadOptions{Registry: c.Registry, Codebook: c.Codebook}, Map: whole, Parts: 2}
	b.ResetTimer()
	for b.Loop() {
		res, ok := data.StreamStatements(path, opt, func(int, *data.Statement) bool { return true })
		if !ok || res.Statements != 200000 {
			b.Fatalf("ok %v, %d statements", ok, res.Statements)
		}
	}
}

// benchCSV writes the benchmarks' generated 200,000-statement corpus to a
// CSV file and returns it with its path.
func benchCSV(b *testing.B) (*synth.Corpus, string) {
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
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return c, path
}
