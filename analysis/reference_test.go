package analysis

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// referenceCorpus reads testdata/reference_statements.csv with encoding/csv
// only, so that this test does not depend on the data package's readers.
func referenceCorpus(t *testing.T) *data.Corpus {
	t.Helper()
	f, err := os.Open("testdata/reference_statements.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	reg := data.NewRegistry()
	c := &data.Corpus{Actors: reg, Codebook: &data.Codebook{Themes: []data.Theme{{ID: "t1"}, {ID: "t2"}, {ID: "t3"}}}}
	for i, r := range recs[1:] { // id,actor,theme,stance,date,weight
		st, err1 := strconv.Atoi(r[3])
		d, err2 := data.ParseDate(r[4])
		w, err3 := strconv.ParseFloat(r[5], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("row %d: %v %v %v", i+2, err1, err2, err3)
		}
		if _, ok := reg.Get(r[1]); !ok {
			if err := reg.Add(data.Actor{ID: r[1], Kind: data.KindState}); err != nil {
				t.Fatal(err)
			}
		}
		c.Statements = append(c.Statements, data.Statement{ID: r[0], Actor: r[1], Theme: r[2], Stance: st, Date: d, Weight: w})
	}
	return c
}

// Mean, SD, weight and salience against numpy/pandas
// (testdata/reference.py, whose output is committed in
// testdata/reference_expected.json so that this test needs no Python).
// The tolerance, 1e-12 relative, allows for the different order of
// floating-point sums; the formulas are the same.
func TestStanceMatricesMatchNumpyReference(t *testing.T) {
	var doc struct {
		Cells []struct {
			Period, Actor, Theme string
			N                    int
			Weight, Mean         float64
			SD                   *float64
			Salience             float64
		} `json:"cells"`
	}
	b, err := os.ReadFile("testdata/reference_expected.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	c := referenceCorpus(t)
	nonEmpty := map[string]int{}
	for _, spec := range []string{"all", "year"} {
		ps, _ := ParsePeriodSpec(spec)
		set, err := StanceMatrices(c, MatrixOptions{Period: ps, Bootstrap: -1})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range set.Matrices {
			for _, row := range m.Cells {
				for _, cell := range row {
					if !cell.Empty() {
						nonEmpty[m.Period.Label]++
					}
				}
			}
		}
		for _, e := range doc.Cells {
			if (spec == "all") != (e.Period == "all") {
				continue
			}
			var m *Matrix
			for i := range set.Matrices {
				if set.Matrices[i].Period.Label == e.Period {
					m = &set.Matrices[i]
				}
			}
			if m == nil {
				t.Errorf("no period %s", e.Period)
				continue
			}
			sd := math.NaN()
			if e.SD != nil {
				sd = *e.SD
			}
			got, _ := m.Cell(e.Actor, e.Theme)
			if got.N != e.N || !sameFloat(got.Weight, e.Weight, 1e-12) || !sameFloat(got.Mean, e.Mean, 1e-12) ||
				!sameFloat(got.SD, sd, 1e-12) || !sameFloat(got.Salience, e.Salience, 1e-12) {
				t.Errorf("%s %s × %s: N %d, weight %v, mean %v, SD %v, salience %v; numpy: %d, %v, %v, %v, %v",
					e.Period, e.Actor, e.Theme, got.N, got.Weight, got.Mean, got.SD, got.Salience,
					e.N, e.Weight, e.Mean, sd, e.Salience)
			}
			nonEmpty[e.Period]--
		}
	}
	for p, n := range nonEmpty {
		if n != 0 {
			t.Errorf("period %s: %d more non-empty cells than numpy found", p, n)
		}
	}
}
