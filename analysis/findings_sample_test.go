package analysis

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// manyActorCorpus is 600 actors, each with 4 statements on each of 3
// themes in one year. planted: actors alternate between a bloc at +1.5
// and one at −1.5 on every theme (stances ±1 or ±2); otherwise every
// stance is uniform on −2 … +2.
func manyActorCorpus(planted bool, seed uint64) *data.Corpus {
	r := rand.New(rand.NewPCG(seed, 9))
	cb := &data.Codebook{Scale: data.DefaultScale()}
	for _, id := range []string{"ta", "tb", "tc"} {
		cb.Themes = append(cb.Themes, data.Theme{ID: id, Label: id, Positive: "+", Negative: "-"})
	}
	reg := data.NewRegistry()
	c := &data.Corpus{Actors: reg, Codebook: cb}
	for a := range 600 {
		reg.Add(data.Actor{ID: fmt.Sprintf("x%03d", a), Name: fmt.Sprintf("X %03d", a), Kind: data.KindState})
		for _, th := range cb.Themes {
			for range 4 {
				s := r.IntN(5) - 2
				if planted {
					s = 1 + r.IntN(2)
					if a%2 == 1 {
						s = -s
					}
				}
				c.Statements = append(c.Statements, data.Statement{Actor: fmt.Sprintf("x%03d", a), Theme: th.ID, Stance: s,
					Date: data.Date{Year: 2020, Precision: data.PrecisionYear}, Weight: 1})
			}
		}
	}
	return c
}

// Above permTestRows rows the blocs' permutation test runs on a sample:
// planted blocs still hold (and the text says the test was on a sample),
// uniform stances still give none.
func TestBlocsTestOnASampleOfManyActors(t *testing.T) {
	opt := AnalyzeOptions{Matrix: MatrixOptions{Bootstrap: -1}, Skip: []Measure{MeasureMap, MeasureNetwork, MeasureEvolution}}
	a, err := Analyze(manyActorCorpus(true, 1), opt)
	if err != nil {
		t.Fatal(err)
	}
	b := a.Evidence.Blocs
	if b == nil || b.Rows != 600 || b.Tested > permTestRows || b.Tested < 150 {
		t.Fatalf("planted: bloc test %+v", b)
	}
	found := false
	for _, f := range a.Findings {
		if f.Kind == "blocs" {
			found = true
			if !strings.Contains(f.Text, fmt.Sprintf("on a random %d of the 600", b.Tested)) {
				t.Errorf("the finding does not say the test ran on a sample: %s", f.Text)
			}
		}
	}
	if !found || len(b.Groups) != 2 || b.P > 0.01 {
		t.Errorf("planted blocs not found: p %v, %d groups, finding %v", b.P, len(b.Groups), found)
	}
	for seed := uint64(1); seed <= 2; seed++ {
		a, err := Analyze(manyActorCorpus(false, seed), opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Findings {
			if f.Kind == "blocs" {
				t.Errorf("uniform stances, seed %d: %s", seed, f.Text)
			}
		}
		if b := a.Evidence.Blocs; b == nil || b.Tested >= b.Rows {
			t.Errorf("uniform stances, seed %d: bloc test %+v not on a sample", seed, b)
		}
	}
}

// The shuffles are clustered on GOMAXPROCS cores in batches: the number
// done (the sequential stop) and p must not depend on the cores, whether
// the test stops early (uniform stances) or runs every shuffle (planted).
func TestBlocsTestSameOnAnyCores(t *testing.T) {
	opt := AnalyzeOptions{Matrix: MatrixOptions{Bootstrap: -1}, Skip: []Measure{MeasureMap, MeasureNetwork, MeasureEvolution}}
	opt.Findings.Permutations = 199
	for _, planted := range []bool{false, true} {
		c := manyActorCorpus(planted, 3)
		var got []BlocTest
		for _, procs := range []int{1, 2, 3, 8} {
			prev := runtime.GOMAXPROCS(procs)
			a, err := Analyze(c, opt)
			runtime.GOMAXPROCS(prev)
			if err != nil {
				t.Fatal(err)
			}
			if a.Evidence.Blocs == nil {
				t.Fatalf("planted %v, GOMAXPROCS %d: no bloc test", planted, procs)
			}
			got = append(got, *a.Evidence.Blocs)
		}
		for k, b := range got[1:] {
			if b.P != got[0].P || b.Permutations != got[0].Permutations || b.Silhouette != got[0].Silhouette {
				t.Errorf("planted %v: run %d p %v after %d shuffles, GOMAXPROCS 1 p %v after %d", planted, k+1, b.P, b.Permutations, got[0].P, got[0].Permutations)
			}
		}
		stopped := got[0].Permutations < 199
		if stopped == planted {
			t.Errorf("planted %v: %d shuffles done; want the early stop only for uniform stances", planted, got[0].Permutations)
		}
	}
}
