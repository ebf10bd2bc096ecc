package analysis

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// samePartition reports whether two labelings group the rows the same
// way, whatever the numbers of the groups.
func samePartition(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	ab, ba := map[int]int{}, map[int]int{}
	for i := range a {
		if x, ok := ab[a[i]]; ok && x != b[i] {
			return false
		}
		if y, ok := ba[b[i]]; ok && y != a[i] {
			return false
		}
		ab[a[i]], ba[b[i]] = b[i], a[i]
	}
	return true
}

// firstAppearance reports whether labels are 1..k numbered in order of
// first appearance.
func firstAppearance(labels []int) bool {
	next := 1
	for _, l := range labels {
		if l == next {
			next++
		} else if l > next || l < 1 {
			return false
		}
	}
	return true
}

// Average linkage against scipy.cluster.hierarchy.linkage, fcluster and
// leaves_list, and the silhouette against its definition in numpy, on
// every fixture and metric whose tree is unique (no ties).
func TestAverageLinkageMatchesScipy(t *testing.T) {
	doc := loadGeometry(t)
	checked := 0
	for _, f := range doc.Fixtures {
		for _, metric := range []Metric{MetricEuclidean, MetricCosine, MetricPearson} {
			want := f.Metrics[string(metric)]
			if want.Linkage == nil {
				continue // ties: scipy's tree is one of several
			}
			t.Run(f.Name+"/"+string(metric), func(t *testing.T) {
				checked++
				d, _ := ActorDistances(f.positions(), DistanceOptions{Metric: metric}).DropIncomparable()
				tree, err := AverageLinkage(d)
				if err != nil {
					t.Fatal(err)
				}
				z := want.Linkage.Z
				if len(tree.Merges) != len(z) {
					t.Fatalf("%d merges, want %d", len(tree.Merges), len(z))
				}
				for k, m := range tree.Merges {
					a, b := int(z[k][0]), int(z[k][1])
					if min(a, b) != m.A || max(a, b) != m.B || !nearRef(m.Height, z[k][2]) || m.Size != int(z[k][3]) {
						t.Errorf("merge %d: %+v, want %v", k, m, z[k])
					}
				}
				for ks, cut := range want.Linkage.Cuts {
					var k int
					fmt.Sscan(ks, &k)
					got := tree.Cut(k)
					if !samePartition(got, cut.Labels) {
						t.Errorf("Cut(%d) = %v, scipy %v (by %s)", k, got, cut.Labels, cut.By)
					}
					if !firstAppearance(got) {
						t.Errorf("Cut(%d) = %v: not numbered by first appearance", k, got)
					}
					mean, per := Silhouette(d, got)
					if !nearRef(mean, cut.Silhouette) {
						t.Errorf("silhouette k=%d: %.15g, want %.15g", k, mean, cut.Silhouette)
					}
					compareVector(t, fmt.Sprintf("silhouette k=%d", k), per, cut.Per)
				}
				if got := tree.OrderedLeaves(); !slices.Equal(got, want.Linkage.Leaves) {
					t.Errorf("OrderedLeaves = %v, want %v", got, want.Linkage.Leaves)
				}
				k, labels, score := BestCut(tree, d, 2, 6)
				if k != want.Linkage.BestK || !nearRef(score, want.Linkage.BestSilhouette) || !slices.Equal(labels, tree.Cut(k)) {
					t.Errorf("BestCut = %d (%.15g), want %d (%.15g)", k, score, want.Linkage.BestK, want.Linkage.BestSilhouette)
				}
			})
		}
	}
	if checked < 8 {
		t.Errorf("only %d fixture × metric trees checked", checked)
	}
}

// greedyLinkage is average linkage as its definition reads: at each step
// merge the closest pair, the distance between clusters being the mean of
// the distances between their rows, ties to the pair whose smallest rows
// come first. O(n³); a reference for AverageLinkage's tie rule.
func greedyLinkage(d [][]float64) []Merge {
	n := len(d)
	type cl struct {
		rows []int
		id   int
	}
	var live []cl
	for i := range n {
		live = append(live, cl{[]int{i}, i})
	}
	mean := func(a, b cl) float64 {
		var s float64
		for _, x := range a.rows {
			for _, y := range b.rows {
				s += d[x][y]
			}
		}
		return s / float64(len(a.rows)*len(b.rows))
	}
	var out []Merge
	for step := 0; len(live) > 1; step++ {
		bi, bj, bd := -1, -1, math.Inf(1)
		key := func(i, j int) (int, int) {
			a, b := live[i].rows[0], live[j].rows[0]
			return min(a, b), max(a, b)
		}
		for i := range live {
			for j := i + 1; j < len(live); j++ {
				v := mean(live[i], live[j])
				if v < bd {
					bi, bj, bd = i, j, v
					continue
				}
				if v == bd {
					lo, hi := key(i, j)
					blo, bhi := key(bi, bj)
					if lo < blo || (lo == blo && hi < bhi) {
						bi, bj = i, j
					}
				}
			}
		}
		a, b := live[bi], live[bj]
		rows := append(append([]int{}, a.rows...), b.rows...)
		slices.Sort(rows)
		out = append(out, Merge{A: min(a.id, b.id), B: max(a.id, b.id), Height: bd, Size: len(rows)})
		live[bi] = cl{rows, n + step}
		live = slices.Delete(live, bj, bj+1)
	}
	return out
}

func distancesOf(d [][]float64) Distances {
	out := Distances{Metric: MetricEuclidean, MinOverlap: 2, D: d}
	for i := range d {
		out.Rows = append(out.Rows, fmt.Sprintf("r%d", i))
		out.Status = append(out.Status, make([]PairStatus, len(d)))
		out.Shared = append(out.Shared, make([]int, len(d)))
	}
	return out
}

// With ties everywhere, the nearest-neighbour chain gives the tree of the
// greedy definition with the documented tie rule. The distances are
// ultrametric with integer levels, so every average is exact and every
// tie is a true tie.
func TestAverageLinkageTieRuleMatchesGreedy(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 2 + r.IntN(14)
		// Each row gets a random path of 3 branches; the distance is 3 −
		// the length of the common prefix, plus 1 for distinct rows.
		paths := make([][3]int, n)
		for i := range paths {
			for l := range 3 {
				paths[i][l] = r.IntN(2 + l)
			}
		}
		d := make([][]float64, n)
		for i := range d {
			d[i] = make([]float64, n)
			for j := range d {
				if i == j {
					continue
				}
				common := 0
				for common < 3 && paths[i][common] == paths[j][common] {
					common++
				}
				d[i][j] = float64(4 - common)
			}
		}
		tree, err := AverageLinkage(distancesOf(d))
		if err != nil {
			t.Fatal(err)
		}
		want := greedyLinkage(d)
		if !slices.Equal(tree.Merges, want) {
			t.Fatalf("trial %d, paths %v:\n got %v\nwant %v", trial, paths, tree.Merges, want)
		}
	}
}

// Without ties, on random distances (not ultrametric, so clusters mix),
// the chain's tree is the greedy tree, heights to rounding.
func TestAverageLinkageMatchesGreedyOnRandomDistances(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 50 {
		n := 2 + r.IntN(40)
		d := make([][]float64, n)
		for i := range d {
			d[i] = make([]float64, n)
		}
		for i := range n {
			for j := i + 1; j < n; j++ {
				d[i][j] = r.Float64() * 4
				d[j][i] = d[i][j]
			}
		}
		tree, err := AverageLinkage(distancesOf(d))
		if err != nil {
			t.Fatal(err)
		}
		want := greedyLinkage(d)
		for k := range want {
			g, w := tree.Merges[k], want[k]
			if g.A != w.A || g.B != w.B || g.Size != w.Size || math.Abs(g.Height-w.Height) > 1e-12 {
				t.Fatalf("trial %d merge %d: %+v, want %+v", trial, k, g, w)
			}
		}
	}
}

// Three rows, by hand: a–b 1, a–c 4, b–c 5. a and b merge at 1; c joins
// at the mean of 4 and 5.
func TestAverageLinkageThreeRows(t *testing.T) {
	d := distancesOf([][]float64{{0, 1, 4}, {1, 0, 5}, {4, 5, 0}})
	d.Rows = []string{"a", "b", "c"}
	tree, err := AverageLinkage(d)
	if err != nil {
		t.Fatal(err)
	}
	want := []Merge{{A: 0, B: 1, Height: 1, Size: 2}, {A: 2, B: 3, Height: 4.5, Size: 3}}
	if !slices.Equal(tree.Merges, want) {
		t.Fatalf("merges %v, want %v", tree.Merges, want)
	}
	if got := tree.String(); got != "a+b h=1.000 size=2\nc+#3 h=4.500 size=3\n" {
		t.Errorf("String() = %q", got)
	}
	cuts := []struct {
		k    int
		want []int
	}{
		{-1, []int{1, 1, 1}},
		{1, []int{1, 1, 1}},
		{2, []int{1, 1, 2}},
		{3, []int{1, 2, 3}},
		{9, []int{1, 2, 3}},
	}
	for _, c := range cuts {
		if got := tree.Cut(c.k); !slices.Equal(got, c.want) {
			t.Errorf("Cut(%d) = %v, want %v", c.k, got, c.want)
		}
	}
	if got := tree.OrderedLeaves(); !slices.Equal(got, []int{2, 0, 1}) {
		t.Errorf("OrderedLeaves = %v", got)
	}
	// a: a = 1, b = 4 → 3/4; b: a = 1, b = 5 → 4/5; c alone → 0.
	mean, per := Silhouette(d, []int{1, 1, 2})
	if !slices.Equal(per, []float64{0.75, 0.8, 0}) || math.Abs(mean-1.55/3) > 1e-15 {
		t.Errorf("Silhouette = %v %v", mean, per)
	}
	k, labels, score := BestCut(tree, d, 2, 5)
	if k != 2 || !slices.Equal(labels, []int{1, 1, 2}) || score != mean {
		t.Errorf("BestCut = %d %v %v", k, labels, score)
	}
}

func TestAverageLinkageEdgeCases(t *testing.T) {
	t.Run("no rows", func(t *testing.T) {
		tree, err := AverageLinkage(distancesOf(nil))
		if err != nil || len(tree.Merges) != 0 || len(tree.Cut(2)) != 0 || len(tree.OrderedLeaves()) != 0 {
			t.Errorf("got %+v, %v", tree, err)
		}
		k, labels, score := BestCut(tree, distancesOf(nil), 2, 5)
		if k != 0 || len(labels) != 0 || !math.IsNaN(score) {
			t.Errorf("BestCut = %d %v %v", k, labels, score)
		}
	})
	t.Run("one row", func(t *testing.T) {
		d := distancesOf([][]float64{{0}})
		tree, err := AverageLinkage(d)
		if err != nil || len(tree.Merges) != 0 || !slices.Equal(tree.Cut(1), []int{1}) || !slices.Equal(tree.OrderedLeaves(), []int{0}) {
			t.Errorf("got %+v, %v", tree, err)
		}
		k, labels, score := BestCut(tree, d, 2, 5)
		if k != 1 || !slices.Equal(labels, []int{1}) || !math.IsNaN(score) {
			t.Errorf("BestCut = %d %v %v", k, labels, score)
		}
	})
	t.Run("equal distances merge the smallest indices first", func(t *testing.T) {
		tree, err := AverageLinkage(distancesOf([][]float64{{0, 1, 1}, {1, 0, 1}, {1, 1, 0}}))
		want := []Merge{{A: 0, B: 1, Height: 1, Size: 2}, {A: 2, B: 3, Height: 1, Size: 3}}
		if err != nil || !slices.Equal(tree.Merges, want) {
			t.Errorf("got %v, %v", tree.Merges, err)
		}
	})
	t.Run("a hand-built matrix with NaN and no status", func(t *testing.T) {
		_, err := AverageLinkage(Distances{Rows: []string{"A", "B"}, D: [][]float64{{0, na}, {na, 0}}})
		if !errors.Is(err, ErrNotComparable) || !strings.Contains(err.Error(), "distance between A and B is missing") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("an infinite distance", func(t *testing.T) {
		_, err := AverageLinkage(Distances{Rows: []string{"A", "B"}, D: [][]float64{{0, math.Inf(1)}, {math.Inf(1), 0}}})
		if !errors.Is(err, ErrNotComparable) || !strings.Contains(err.Error(), "infinite") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("a pair not comparable is an error naming it", func(t *testing.T) {
		p := Positions{Rows: []string{"CHN", "GBR", "RUS"}, Themes: []string{"x", "y"}, X: [][]float64{{1, 2}, {-1, -2}, {1, na}}}
		_, err := AverageLinkage(ActorDistances(p, DistanceOptions{}))
		if !errors.Is(err, ErrNotComparable) || !strings.Contains(err.Error(), "CHN and RUS share 1 theme") {
			t.Errorf("error %v", err)
		}
	})
}

func TestSilhouetteEdgeCases(t *testing.T) {
	d := distancesOf([][]float64{{0, 1, 2, 2}, {1, 0, 2, 2}, {2, 2, 0, 1}, {2, 2, 1, 0}})
	t.Run("one cluster is undefined", func(t *testing.T) {
		mean, per := Silhouette(d, []int{7, 7, 7, 7})
		if !math.IsNaN(mean) || per != nil {
			t.Errorf("got %v %v", mean, per)
		}
	})
	t.Run("every row alone scores 0", func(t *testing.T) {
		mean, per := Silhouette(d, []int{1, 2, 3, 4})
		if mean != 0 || !slices.Equal(per, []float64{0, 0, 0, 0}) {
			t.Errorf("got %v %v", mean, per)
		}
	})
	t.Run("labels are any ints", func(t *testing.T) {
		a, _ := Silhouette(d, []int{1, 1, 2, 2})
		b, _ := Silhouette(d, []int{-5, -5, 40, 40})
		if a != b || a != 0.5 {
			t.Errorf("got %v and %v, want 0.5", a, b)
		}
	})
	t.Run("identical rows in one cluster", func(t *testing.T) {
		z := distancesOf([][]float64{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}})
		mean, per := Silhouette(z, []int{1, 1, 2})
		if mean != 0 || !slices.Equal(per, []float64{0, 0, 0}) {
			t.Errorf("got %v %v", mean, per)
		}
	})
	t.Run("a NaN distance shows", func(t *testing.T) {
		n := distancesOf([][]float64{{0, na, 2}, {na, 0, 2}, {2, 2, 0}})
		mean, per := Silhouette(n, []int{1, 1, 2})
		if !math.IsNaN(mean) || !math.IsNaN(per[0]) {
			t.Errorf("got %v %v", mean, per)
		}
	})
	t.Run("wrong length panics", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
		}()
		Silhouette(d, []int{1, 2})
	})
}

func TestBestCut(t *testing.T) {
	t.Run("ties go to the smaller k", func(t *testing.T) {
		// Equidistant rows: every cut scores 0.
		d := distancesOf([][]float64{{0, 1, 1, 1, 1}, {1, 0, 1, 1, 1}, {1, 1, 0, 1, 1}, {1, 1, 1, 0, 1}, {1, 1, 1, 1, 0}})
		tree, _ := AverageLinkage(d)
		if k, _, s := BestCut(tree, d, 3, 0); k != 3 || s != 0 {
			t.Errorf("BestCut = %d, %v", k, s)
		}
	})
	t.Run("two clear blocs", func(t *testing.T) {
		d := distancesOf([][]float64{{0, 1, 2, 9, 9}, {1, 0, 1.5, 9, 9}, {2, 1.5, 0, 9, 9}, {9, 9, 9, 0, 1}, {9, 9, 9, 1, 0}})
		tree, _ := AverageLinkage(d)
		k, labels, _ := BestCut(tree, d, 1, 10)
		if k != 2 || !slices.Equal(labels, []int{1, 1, 1, 2, 2}) {
			t.Errorf("BestCut = %d %v", k, labels)
		}
	})
	t.Run("an empty range", func(t *testing.T) {
		d := distancesOf([][]float64{{0, 1, 2}, {1, 0, 2}, {2, 2, 0}})
		tree, _ := AverageLinkage(d)
		k, labels, s := BestCut(tree, d, 3, 5)
		if k != 1 || !slices.Equal(labels, []int{1, 1, 1}) || !math.IsNaN(s) {
			t.Errorf("BestCut = %d %v %v", k, labels, s)
		}
	})
}

// A large tree is well formed: every cluster is used once, sizes add up,
// heights never decrease, and the leaves are a permutation.
func TestAverageLinkageLargeTreeIsWellFormed(t *testing.T) {
	p := geomRandomPositions(500, 6, 0.05, 21)
	d, _ := ActorDistances(p, DistanceOptions{}).DropIncomparable()
	tree, err := AverageLinkage(d)
	if err != nil {
		t.Fatal(err)
	}
	n := len(d.Rows)
	used := make([]bool, 2*n-1)
	size := make([]int, 2*n-1)
	for i := range n {
		size[i] = 1
	}
	prev := 0.0
	for k, m := range tree.Merges {
		if m.A >= n+k || m.B >= n+k || used[m.A] || used[m.B] || m.A >= m.B {
			t.Fatalf("merge %d: %+v", k, m)
		}
		used[m.A], used[m.B] = true, true
		size[n+k] = size[m.A] + size[m.B]
		if m.Size != size[n+k] || m.Height < prev {
			t.Fatalf("merge %d: %+v (size %d, previous height %v)", k, m, size[n+k], prev)
		}
		prev = m.Height
	}
	leaves := tree.OrderedLeaves()
	sorted := slices.Sorted(slices.Values(leaves))
	for i, v := range sorted {
		if v != i {
			t.Fatalf("leaves are not a permutation")
		}
	}
	for k := 1; k <= 10; k++ {
		if got := slices.Max(tree.Cut(k)); got != k {
			t.Errorf("Cut(%d) has %d clusters", k, got)
		}
	}
}

func ExampleAverageLinkage() {
	p := Positions{
		Rows:   []string{"CHN", "GBR", "RUS", "USA"},
		Themes: []string{"sovereignty", "openness", "multistakeholder"},
		X: [][]float64{
			{2, -1.5, -1},
			{-1, 2, 2},
			{1.5, -2, -0.5},
			{-1.5, 1.5, 2},
		},
	}
	d := ActorDistances(p, DistanceOptions{})
	tree, err := AverageLinkage(d)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(tree)
	k, labels, score := BestCut(tree, d, 2, 3)
	fmt.Printf("best cut: %d blocs %v, silhouette %.2f\n", k, labels, score)
	// Output:
	// GBR+USA h=0.408 size=2
	// CHN+RUS h=0.500 size=2
	// #4+#5 h=3.115 size=4
	// best cut: 2 blocs [1 2 1 2], silhouette 0.85
}
