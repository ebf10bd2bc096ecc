package analysis

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// benchCorpusFile writes a statements CSV of n rows (200 actors, 10
// themes, 30 years, ids and a sentence of text) and returns its path with
// the registry and codebook it needs.
func benchCorpusFile(b *testing.B, n int) (string, *data.Registry, *data.Codebook) {
	b.Helper()
	reg := data.NewRegistry()
	for i := 1; i <= 200; i++ {
		if err := reg.Add(data.Actor{ID: fmt.Sprintf("A%03d", i), Kind: data.KindState, Groups: []string{fmt.Sprintf("G%d", i%7)}}); err != nil {
			b.Fatal(err)
		}
	}
	cb := &data.Codebook{Name: "bench", Scale: data.DefaultScale()}
	for k := 0; k < 10; k++ {
		cb.Themes = append(cb.Themes, data.Theme{ID: fmt.Sprintf("theme_%d", k), Positive: "p", Negative: "n"})
	}
	path := filepath.Join(b.TempDir(), "statements.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "id,actor,theme,stance,date,text,source")
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < n; i++ {
		a := 1 + r.IntN(200)
		th := r.IntN(10)
		st := (a+th)%5 - 2
		if r.IntN(3) == 0 {
			st = r.IntN(5) - 2
		}
		fmt.Fprintf(w, "s%d,A%03d,theme_%d,%d,%d-%02d-%02d,Speaker %d said the theme matters for national policy and cooperation,Report %d\n",
			i, a, th, st, 1995+r.IntN(30), 1+r.IntN(12), 1+r.IntN(28), a, i%500)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return path, reg, cb
}

// BenchmarkLoadAndMatrices_1M_200actors_10themes_30years is the
// foundation's speed goal: read a 1,000,000-row CSV and compute the
// actor × theme matrices with 2,000-resample bootstrap CIs.
func BenchmarkLoadAndMatrices_1M_200actors_10themes_30years(b *testing.B) {
	path, reg, cb := benchCorpusFile(b, 1_000_000)
	b.ResetTimer()
	for b.Loop() {
		res, err := data.ReadStatements([]string{path}, data.ReadOptions{Registry: reg, Codebook: cb})
		if err != nil || res.InvalidRows != 0 {
			b.Fatalf("%v %d", err, res.InvalidRows)
		}
		c := &data.Corpus{Statements: res.Statements, Actors: reg, Codebook: cb}
		if _, err := StanceMatrices(c, MatrixOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
