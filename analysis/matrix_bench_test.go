package analysis

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// benchCorpus builds, in memory and from a fixed seed, a corpus of n
// statements by nActors actors on nThemes themes over 30 years
// (1995–2024). Three actors in four use unit weights; the others weigh
// their statements 0.5, 1 or 2, as a coder might by source. Dates are
// mostly to the day, some to the month, a few to the year.
func benchCorpus(tb testing.TB, n, nActors, nThemes int) *data.Corpus {
	tb.Helper()
	reg := data.NewRegistry()
	for i := range nActors {
		a := data.Actor{ID: fmt.Sprintf("A%03d", i), Kind: data.ActorKinds[i%len(data.ActorKinds)],
			Country: fmt.Sprintf("C%02d", i%60), Groups: []string{fmt.Sprintf("G%d", i%7)}}
		if i%5 == 0 {
			a.Groups = append(a.Groups, "G7")
		}
		if err := reg.Add(a); err != nil {
			tb.Fatal(err)
		}
	}
	cb := &data.Codebook{Name: "bench"}
	for k := range nThemes {
		cb.Themes = append(cb.Themes, data.Theme{ID: fmt.Sprintf("theme_%d", k)})
	}
	r := rand.New(rand.NewPCG(1, 2))
	weights := []float64{0.5, 1, 2}
	ss := make([]data.Statement, n)
	for i := range ss {
		a, th := r.IntN(nActors), r.IntN(nThemes)
		st := (a+th)%5 - 2
		if r.IntN(3) == 0 {
			st = r.IntN(5) - 2
		}
		d := data.Date{Year: int32(1995 + r.IntN(30)), Month: int8(1 + r.IntN(12)), Day: int8(1 + r.IntN(28)), Precision: data.PrecisionDay}
		switch r.IntN(20) {
		case 0:
			d.Day, d.Precision = 0, data.PrecisionMonth
		case 1:
			d.Month, d.Day, d.Precision = 0, 0, data.PrecisionYear
		}
		w := 1.0
		if a%4 == 3 {
			w = weights[r.IntN(len(weights))]
		}
		ss[i] = data.Statement{ID: fmt.Sprintf("s%07d", i), Actor: fmt.Sprintf("A%03d", a),
			Theme: fmt.Sprintf("theme_%d", th), Stance: st, Date: d, Weight: w}
	}
	return &data.Corpus{Statements: ss, Actors: reg, Codebook: cb}
}

// BenchmarkStanceMatrices_1M_200actors_10themes_30years times the matrix
// step alone (the corpus is built once, outside the timer) with B = 2000:
// 2,000 cells of about 500 statements for "all", 60,000 cells of about 17
// for "year".
func BenchmarkStanceMatrices_1M_200actors_10themes_30years(b *testing.B) {
	c := benchCorpus(b, 1_000_000, 200, 10)
	for _, period := range []string{"all", "year"} {
		b.Run("period="+period, func(b *testing.B) {
			spec, err := ParsePeriodSpec(period)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := StanceMatrices(c, MatrixOptions{Period: spec, Bootstrap: 2000}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
