package analysis

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// ErrNotComparable is wrapped by the errors of computations that need
// every pair of rows to be comparable (a distance, not NaN).
var ErrNotComparable = errors.New("rows not comparable")

// Merge is one step of a hierarchical clustering, in the convention of
// scipy.cluster.hierarchy.linkage: ids below n (the number of rows) are
// rows, id n+k is the cluster formed at step k. A < B.
type Merge struct {
	A, B   int
	Height float64 // the distance between A and B when they merged
	Size   int     // rows in the new cluster
}

// Dendrogram is the merge tree of a hierarchical clustering: for n rows,
// n − 1 merges in order of increasing height (none for 0 or 1 row).
type Dendrogram struct {
	Rows   []string
	Merges []Merge
}

// AverageLinkage clusters the rows of d by average linkage (UPGMA, Sokal
// & Michener 1958): starting from one cluster per row, it repeatedly merges
// the two closest clusters, the distance between clusters X and Y being
// the mean distance between their rows,
//
//	d(X, Y) = Σ_{x∈X} Σ_{y∈Y} d(x, y) / (|X| |Y|),
//
// updated after each merge by the Lance–Williams formula
// d(X∪Y, Z) = (|X| d(X, Z) + |Y| d(Y, Z)) / (|X| + |Y|). The result is
// the tree of scipy.cluster.hierarchy.linkage(method="average"): the same
// merges at the same heights, with the same cluster numbering.
//
// Ties: when two pairs of clusters are equally close, the pair whose
// clusters' smallest rows come first merges first — compare the smaller of
// the two smallest row indices, then the larger (for single rows: the
// smallest pair of indices). The tree is therefore unique and deterministic;
// scipy may break ties differently, so with equal distances its tree can
// differ from this one (both are valid average-linkage trees).
//
// The merges are found by the nearest-neighbour chain algorithm (Murtagh
// 1983; Müllner 2011, arXiv:1109.2378), valid for average linkage because
// it is reducible: O(n²) time and one n × n matrix of memory. Merges are
// reported in order of increasing height (ties: in the order above); the
// heights never decrease.
//
// Every pair must be comparable: a NaN (or infinite) distance gives an
// error wrapping ErrNotComparable that names the pair and says why (drop
// rows first with Distances.DropIncomparable). Zero or one row gives a
// tree with no merge.
func AverageLinkage(d Distances) (Dendrogram, error) {
	return averageLinkage(d, nil)
}

// averageLinkage is AverageLinkage working in buf, when it holds the
// n × n distances it works on: the blocs' test clusters a thousand
// shuffles, and fresh memory for each cost more than the clustering.
func averageLinkage(d Distances, buf *[]float64) (Dendrogram, error) {
	n := len(d.Rows)
	t := Dendrogram{Rows: slices.Clone(d.Rows), Merges: []Merge{}}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if !d.Comparable(i, j) {
				return t, fmt.Errorf("analysis: cannot cluster: %s; drop the rows that cannot be compared first (Distances.DropIncomparable): %w",
					d.Reason(i, j), ErrNotComparable)
			}
			if math.IsInf(d.D[i][j], 0) {
				return t, fmt.Errorf("analysis: cannot cluster: the distance between %s and %s is infinite: %w", d.Rows[i], d.Rows[j], ErrNotComparable)
			}
		}
	}
	if n < 2 {
		return t, nil
	}
	var dist []float64
	if buf != nil {
		*buf = slices.Grow((*buf)[:0], n*n)[:n*n]
		dist = *buf
	} else {
		dist = make([]float64, n*n)
	}
	for i := range n {
		copy(dist[i*n:(i+1)*n], d.D[i])
	}
	size := make([]int, n)
	active := make([]int, n) // the live clusters, each known by its smallest row
	where := make([]int, n)  // position of a live cluster in active
	for i := range n {
		size[i], active[i], where[i] = 1, i, i
	}
	type step struct {
		lo, hi int // smallest rows of the two clusters
		h      float64
	}
	steps := make([]step, 0, n-1)
	chain := make([]int, 0, n)
	for len(steps) < n-1 {
		if len(chain) == 0 {
			chain = append(chain, active[0])
		}
		// Grow the chain until its top two are each other's nearest
		// neighbours. Nearest means smallest distance, then smallest row:
		// with the smallest-rows rule of the doc comment this is a strict
		// order, so chains cannot cycle and the tree is that of the greedy
		// algorithm.
		var a, b int
		for {
			c := chain[len(chain)-1]
			prev := -1
			if len(chain) >= 2 {
				prev = chain[len(chain)-2]
			}
			row := dist[c*n : (c+1)*n]
			best, bd := -1, math.Inf(1)
			for _, k := range active {
				if k == c {
					continue
				}
				if v := row[k]; v < bd || (v == bd && k < best) {
					best, bd = k, v
				}
			}
			if best == prev {
				a, b = min(c, prev), max(c, prev)
				chain = chain[:len(chain)-2]
				break
			}
			chain = append(chain, best)
		}
		h := dist[a*n+b]
		steps = append(steps, step{a, b, h})
		// The merged cluster keeps slot a (its smallest row); slot b goes.
		na, nb := float64(size[a]), float64(size[b])
		last := active[len(active)-1]
		active[where[b]], where[last] = last, where[b]
		active = active[:len(active)-1]
		ra, rb := dist[a*n:(a+1)*n], dist[b*n:(b+1)*n]
		for _, k := range active {
			if k == a {
				continue
			}
			x, y := ra[k], rb[k]
			// The clamp keeps the update within [min, max] despite
			// rounding: the reducibility the chain relies on, exactly.
			v := clamp((na*x+nb*y)/(na+nb), min(x, y), max(x, y))
			ra[k], dist[k*n+a] = v, v
		}
		size[a] += size[b]
	}
	slices.SortStableFunc(steps, func(x, y step) int {
		if c := cmp.Compare(x.h, y.h); c != 0 {
			return c
		}
		if c := cmp.Compare(x.lo, y.lo); c != 0 {
			return c
		}
		return cmp.Compare(x.hi, y.hi)
	})
	// Number the clusters in merge order, as scipy does, with a union-find
	// over the rows.
	parent := make([]int, n)
	id := make([]int, n) // cluster id of a root
	cnt := make([]int, n)
	for i := range n {
		parent[i], id[i], cnt[i] = i, i, 1
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for k, s := range steps {
		ra, rb := find(s.lo), find(s.hi)
		A, B := id[ra], id[rb]
		if A > B {
			A, B = B, A
		}
		parent[rb] = ra
		cnt[ra] += cnt[rb]
		id[ra] = n + k
		t.Merges = append(t.Merges, Merge{A: A, B: B, Height: s.h, Size: cnt[ra]})
	}
	return t, nil
}

// Cut returns the clusters of the tree cut into k: the partition after the
// first n − k merges, as labels 1..k per row. Labels are numbered in order
// of first appearance: row 0 is in cluster 1, the first row not in cluster
// 1 is in cluster 2, and so on, so the same partition always gets the same
// labels. (scipy's fcluster(Z, k, "maxclust") gives the same partition
// when merge heights are distinct, but numbers clusters differently; with
// tied heights it may return fewer than k clusters, where Cut returns
// exactly k.) k is clamped to 1..n; a tree of no rows gives an empty
// slice.
func (t Dendrogram) Cut(k int) []int {
	n := len(t.Rows)
	if n == 0 {
		return []int{}
	}
	k = max(1, min(k, n))
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	rep := make([]int, n+len(t.Merges)) // a row of each cluster id
	for i := range n {
		rep[i] = i
	}
	for s, m := range t.Merges {
		rep[n+s] = rep[m.A]
		if s < n-k {
			parent[find(rep[m.B])] = find(rep[m.A])
		}
	}
	labels := make([]int, n)
	label := map[int]int{}
	for i := range n {
		r := find(i)
		if _, ok := label[r]; !ok {
			label[r] = len(label) + 1
		}
		labels[i] = label[r]
	}
	return labels
}

// OrderedLeaves returns the rows in the order a dendrogram draws them, as
// scipy's leaves_list: a depth-first walk from the last merge, A before B
// at every merge. Ordering a heatmap's rows this way puts blocs next to
// each other. A tree of 0 rows gives an empty slice, of 1 row [0]; a tree
// with fewer than n − 1 merges lists each subtree in merge order, then the
// rows never merged.
func (t Dendrogram) OrderedLeaves() []int {
	n := len(t.Rows)
	out := make([]int, 0, n)
	seen := make([]bool, n)
	var stack []int
	walk := func(root int) {
		stack = append(stack[:0], root)
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if x < n {
				out = append(out, x)
				seen[x] = true
				continue
			}
			m := t.Merges[x-n]
			stack = append(stack, m.B, m.A)
		}
	}
	// The roots are the clusters no later merge uses.
	used := make([]bool, len(t.Merges))
	for _, m := range t.Merges {
		if m.A >= n {
			used[m.A-n] = true
		}
		if m.B >= n {
			used[m.B-n] = true
		}
	}
	for s := range t.Merges {
		if !used[s] {
			walk(n + s)
		}
	}
	for i := range n {
		if !seen[i] {
			out = append(out, i)
		}
	}
	return out
}

// Silhouette measures how well labels separate the rows of d (Rousseeuw
// 1987, J. Comput. Appl. Math. 20:53–65). For row i in cluster C, with
// a(i) the mean distance to the other rows of C and b(i) the smallest mean
// distance to the rows of another cluster,
//
//	s(i) = (b(i) − a(i)) / max(a(i), b(i)),
//
// between −1 (closer to another cluster) and 1 (well inside its own). A
// row alone in its cluster scores 0, as in scikit-learn, and so does a row
// with a(i) = b(i) = 0. mean is the average of s(i) over all rows,
// singletons included; per holds s(i) in row order. Labels are any ints,
// one per row (a different length panics).
//
// With fewer than 2 clusters the silhouette is undefined: mean is NaN and
// per is nil. (With every row alone, which scikit-learn rejects, every
// s(i) and the mean are 0.) A NaN distance involved in a row's means makes
// its s(i), and the mean, NaN: cluster rows whose pairs are all comparable.
func Silhouette(d Distances, labels []int) (mean float64, per []float64) {
	n := len(d.Rows)
	if len(labels) != n {
		panic(fmt.Sprintf("analysis: Silhouette: %d labels for %d rows", len(labels), n))
	}
	index := map[int]int{}
	lab := make([]int, n)
	for i, l := range labels {
		k, ok := index[l]
		if !ok {
			k = len(index)
			index[l] = k
		}
		lab[i] = k
	}
	nc := len(index)
	if nc < 2 {
		return math.NaN(), nil
	}
	size := make([]int, nc)
	for _, k := range lab {
		size[k]++
	}
	per = make([]float64, n)
	sums := make([]float64, nc)
	var total float64
	for i := range n {
		own := lab[i]
		if size[own] == 1 {
			continue
		}
		clear(sums)
		row := d.D[i]
		for j, v := range row {
			if j != i {
				sums[lab[j]] += v
			}
		}
		a := sums[own] / float64(size[own]-1)
		b := math.Inf(1)
		for k, s := range sums {
			if k != own {
				b = min(b, s/float64(size[k]))
			}
		}
		var s float64
		switch {
		case math.IsNaN(a) || math.IsNaN(b):
			s = math.NaN()
		case a != b:
			s = (b - a) / max(a, b)
		}
		per[i] = s
		total += s
	}
	return total / float64(n), per
}

// BestCut cuts the tree at the number of clusters k, kMin ≤ k ≤ kMax, with
// the highest mean silhouette (see Silhouette), and returns k, the labels
// (as Cut(k)) and the score. Ties, and scores within 1e-12 of each other,
// go to the smaller k: fewer blocs are easier to read.
//
// The silhouette needs 2 ≤ k ≤ n − 1, so kMin is raised to 2 and kMax
// lowered to n − 1; kMax ≤ 0 means n − 1. When no k is left (fewer than 3
// rows, or kMin > kMax), BestCut returns k = 1 with every row in cluster 1
// and a NaN score (k = 0, no labels, for an empty tree): there is nothing
// to choose between.
func BestCut(t Dendrogram, d Distances, kMin, kMax int) (k int, labels []int, score float64) {
	n := len(t.Rows)
	lo := max(kMin, 2)
	hi := n - 1
	if kMax > 0 {
		hi = min(kMax, n-1)
	}
	k, score = -1, math.NaN()
	for c := lo; c <= hi; c++ {
		l := t.Cut(c)
		s, _ := Silhouette(d, l)
		if k < 0 || s > score+1e-12 {
			k, labels, score = c, l, s
		}
	}
	if k < 0 {
		if n == 0 {
			return 0, []int{}, math.NaN()
		}
		return 1, t.Cut(1), math.NaN()
	}
	return k, labels, score
}

// String draws the merges one per line, for tests and debugging:
// "A+B h=0.500 size=2", with row names for rows and "#k" for clusters.
func (t Dendrogram) String() string {
	n := len(t.Rows)
	name := func(x int) string {
		if x < n {
			return t.Rows[x]
		}
		return fmt.Sprintf("#%d", x)
	}
	var b strings.Builder
	for _, m := range t.Merges {
		fmt.Fprintf(&b, "%s+%s h=%.3f size=%d\n", name(m.A), name(m.B), m.Height, m.Size)
	}
	return b.String()
}
