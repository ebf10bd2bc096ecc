package analysis

import "testing"

// BenchmarkComparePeriods2000x20: two periods side by side for 2,000
// actors on 20 themes (100,000 statements over 30 years, yearly
// periods, the first year against the last).
func BenchmarkComparePeriods2000x20(b *testing.B) {
	c := benchCorpus(b, 100_000, 2000, 20)
	set, err := StanceMatrices(c, MatrixOptions{Bootstrap: -1, Period: PeriodSpec{Kind: PeriodYear}})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := ComparePeriods(set, PeriodChangeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
