package analysis

import "testing"

// BenchmarkAnalyze_1M_200actors_12themes_30years times every measure of
// Analyze (matrices overall and per year with 2,000-resample intervals,
// distances, PCA, clustering, blocs per year, the one-mode agreement
// network and its communities, polarisation, drifts, convergence,
// findings) on 1,000,000 statements. Goal (issue 3): under 3 s.
func BenchmarkAnalyze_1M_200actors_12themes_30years(b *testing.B) {
	c := benchCorpus(b, 1_000_000, 200, 12)
	opt := AnalyzeOptions{Matrix: MatrixOptions{Period: PeriodSpec{Kind: PeriodYear}},
		Network: NetworkOptions{Qualifier: "congruence"}}
	b.ResetTimer()
	for b.Loop() {
		a, err := Analyze(c, opt)
		if err != nil {
			b.Fatal(err)
		}
		if len(a.Periods.Matrices) != 30 || a.Blocs == nil {
			b.Fatalf("%d periods, blocs %v (%s)", len(a.Periods.Matrices), a.Blocs != nil, a.BlocsError)
		}
	}
}

// BenchmarkAnalyze_2000actors runs the same on 2,000 actors (100,000
// statements, 12 themes), where distances and clustering grow as n².
func BenchmarkAnalyze_100k_2000actors_12themes(b *testing.B) {
	c := benchCorpus(b, 100_000, 2000, 12)
	opt := AnalyzeOptions{Network: NetworkOptions{Qualifier: "congruence"}}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Analyze(c, opt); err != nil {
			b.Fatal(err)
		}
	}
}
