package analysis

import "testing"

// The geometry benchmarks run on random positions in [−2, 2] with 10% of
// the cells missing (fixed seed), the shape of a stance matrix of many
// actors. Clustering and silhouettes run on the rows that remain after
// DropIncomparable (almost all of them).

func benchPositions(n, nt int) Positions { return geomRandomPositions(n, nt, 0.1, 2013) }

func benchDistances(b *testing.B, n int) Distances {
	b.Helper()
	d, _ := ActorDistances(benchPositions(n, 12), DistanceOptions{}).DropIncomparable()
	return d
}

func benchmarkDistances(b *testing.B, n int, m Metric) {
	p := benchPositions(n, 12)
	b.ReportAllocs()
	for b.Loop() {
		ActorDistances(p, DistanceOptions{Metric: m})
	}
}

func BenchmarkDistances_200actors_12themes(b *testing.B) {
	benchmarkDistances(b, 200, MetricEuclidean)
}

func BenchmarkDistances_2000actors_12themes(b *testing.B) {
	benchmarkDistances(b, 2000, MetricEuclidean)
}

func BenchmarkDistancesPearson_2000actors_12themes(b *testing.B) {
	benchmarkDistances(b, 2000, MetricPearson)
}

func benchmarkAverageLinkage(b *testing.B, n int) {
	d := benchDistances(b, n)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AverageLinkage(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAverageLinkage_200(b *testing.B)  { benchmarkAverageLinkage(b, 200) }
func BenchmarkAverageLinkage_2000(b *testing.B) { benchmarkAverageLinkage(b, 2000) }

func BenchmarkPCA_200x12(b *testing.B) {
	p := benchPositions(200, 12)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PCAMap(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMDS_200(b *testing.B) {
	d := benchDistances(b, 200)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MDSMap(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSilhouette_2000(b *testing.B) {
	d := benchDistances(b, 2000)
	t, err := AverageLinkage(d)
	if err != nil {
		b.Fatal(err)
	}
	labels := t.Cut(5)
	b.ReportAllocs()
	for b.Loop() {
		Silhouette(d, labels)
	}
}

// BestCut tries k = 2..10, a silhouette each: what `analyze` does to
// choose the number of blocs.
func BenchmarkBestCut_2000_k2to10(b *testing.B) {
	d := benchDistances(b, 2000)
	t, err := AverageLinkage(d)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		BestCut(t, d, 2, 10)
	}
}

// Above 500 rows MDSMap takes landmark MDS: the classical path's
// O(n³) eigendecomposition took about 1 s at 1,000 rows and 13 s at 2,000.
func BenchmarkMDS_1000(b *testing.B)  { benchmarkMDS(b, 1000) }
func BenchmarkMDS_2000(b *testing.B)  { benchmarkMDS(b, 2000) }
func BenchmarkMDS_10000(b *testing.B) { benchmarkMDS(b, 10000) }

func benchmarkMDS(b *testing.B, n int) {
	d := benchDistances(b, n)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MDSMap(d); err != nil {
			b.Fatal(err)
		}
	}
}

// At 10,000 rows the distances are 1.7 GB of fresh memory a call: about
// 7 s, much of it page faults (bench/actors.sh, README Performance).
func BenchmarkDistances_10000actors_12themes(b *testing.B) {
	benchmarkDistances(b, 10000, MetricEuclidean)
}
