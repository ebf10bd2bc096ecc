package analysis

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Communities are the blocs Louvain finds in an agreement network.
type Communities struct {
	// Rows are the actors, as in the network.
	Rows []string
	// Labels[i] is the bloc of Rows[i], 1 … k. Bloc 1 is the largest;
	// blocs of equal size are numbered in the order of their first
	// member in Rows, so the numbering does not depend on the run.
	Labels []int
	// Modularity is Newman's Q of the partition on the positive part of
	// the network at the given resolution γ:
	//
	//	Q = 1/2m Σᵢⱼ [Aᵢⱼ − γ·kᵢkⱼ/2m] δ(cᵢ, cⱼ)
	//
	// with Aᵢⱼ = max(Wᵢⱼ, 0) for i ≠ j (the diagonal does not count),
	// kᵢ = Σⱼ Aᵢⱼ and 2m = Σᵢ kᵢ; networkx's modularity gives the same
	// number (TestModularityMatchesNetworkx). 0 when the network has no
	// positive tie.
	Modularity float64
	// Resolution is γ: 1 is classic modularity; larger values give more,
	// smaller blocs.
	Resolution float64
}

// Members lists the rows of bloc k (1-based), in row order.
func (c Communities) Members(k int) []string {
	var out []string
	for i, l := range c.Labels {
		if l == k {
			out = append(out, c.Rows[i])
		}
	}
	return out
}

// LouvainBlocs finds blocs of actors that agree with one another: the
// Louvain communities (Blondel et al. 2008, "Fast unfolding of
// communities in large networks", J. Stat. Mech. P10008) of the positive
// part of a one-mode agreement network, by stancemap's own Louvain with
// Leiden's refinement on adjacency arrays (see louvain in louvain.go),
// whose passes cost O(ties): about 0.4 s of CPU for the nearly complete
// network of 2,000 synthetic actors (bench/actors.sh), where gonum's
// community.Modularize, which looks every weight up in a map, took 35 s.
// Its modularity is within 1% of networkx's Louvain, or above it, on
// Zachary's karate club and LFR benchmark graphs
// (TestLouvainMatchesNetworkx).
//
// Only positive ties count: a "subtract" network's negative ties say two
// actors disagree more than they agree, which is no reason to put them
// in one bloc, and modularity is not defined for negative weights; they
// and zero ties are dropped. An actor with no positive tie is a bloc of
// its own.
//
// resolution is γ (0 means 1; it must not be negative). seed fixes
// Louvain's random node order, so that the same network and seed always
// give the same blocs; a different seed may find a different partition of
// about the same modularity when the network has no clear structure.
//
// It fails on a two-mode network, a non-square or asymmetric matrix, or
// a non-finite weight.
func LouvainBlocs(n Network, resolution float64, seed uint64) (Communities, error) {
	if n.Mode == NetworkTwoMode {
		return Communities{}, errors.New("blocs need a one-mode (actor × actor) network, not a two-mode one")
	}
	if resolution == 0 {
		resolution = 1
	}
	if !(resolution > 0) || math.IsInf(resolution, 1) {
		return Communities{}, &OptionError{Option: "resolution", Value: fmt.Sprint(resolution), Msg: "expected a positive number (1 is classic modularity)"}
	}
	size := len(n.Rows)
	if len(n.W) != size {
		return Communities{}, fmt.Errorf("network has %d rows of weights for %d actors", len(n.W), size)
	}
	res := Communities{Rows: slices.Clone(n.Rows), Labels: make([]int, size), Resolution: resolution}
	if size == 0 {
		return res, nil
	}
	g, err := positiveAdjacency(n)
	if err != nil {
		return Communities{}, err
	}
	label := louvain(g, resolution, seed)
	res.Modularity = g.modularity(label, resolution)
	// Number blocs: largest first, then by first member (labels are
	// already numbered by first member).
	count := 0
	for _, l := range label {
		count = max(count, l+1)
	}
	sizes := make([]int, count)
	for _, l := range label {
		sizes[l]++
	}
	order := make([]int, count)
	for c := range order {
		order[c] = c
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(sizes[b], sizes[a]) })
	rank := make([]int, count)
	for r, c := range order {
		rank[c] = r + 1
	}
	for i, l := range label {
		res.Labels[i] = rank[l]
	}
	return res, nil
}

// positiveAdjacency checks a one-mode network's weights (square,
// symmetric, finite) and returns the graph of its positive ties.
func positiveAdjacency(n Network) (*adjacency, error) {
	size := len(n.Rows)
	g := &adjacency{start: make([]int, size+1), self: make([]float64, size), k: make([]float64, size)}
	for i, row := range n.W {
		if len(row) != size {
			return nil, fmt.Errorf("network row %s has %d weights for %d actors", n.Rows[i], len(row), size)
		}
	}
	edges := 0
	for i, row := range n.W {
		for j, w := range row {
			if math.IsNaN(w) || math.IsInf(w, 0) {
				return nil, fmt.Errorf("tie %s–%s is %v, not a finite number", n.Rows[i], n.Rows[j], w)
			}
			if j != i && w > 0 {
				edges++
			}
		}
	}
	// The symmetry check reads the matrix in tiles, so that W[j][i] is
	// not a cache miss for every pair.
	const tile = 64
	for bi := 0; bi < size; bi += tile {
		for bj := bi; bj < size; bj += tile {
			for i := bi; i < min(bi+tile, size); i++ {
				for j := max(bj, i+1); j < min(bj+tile, size); j++ {
					if w := n.W[i][j]; w != n.W[j][i] {
						return nil, fmt.Errorf("tie %s–%s is %v one way and %v the other: blocs need a symmetric network", n.Rows[i], n.Rows[j], w, n.W[j][i])
					}
				}
			}
		}
	}
	g.nbr = make([]int32, 0, edges)
	g.w = make([]float64, 0, edges)
	for i, row := range n.W {
		for j, w := range row {
			if j != i && w > 0 {
				g.nbr = append(g.nbr, int32(j))
				g.w = append(g.w, w)
				g.k[i] += w
			}
		}
		g.start[i+1] = len(g.nbr)
		g.twoM += g.k[i]
	}
	return g, nil
}
