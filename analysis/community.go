package analysis

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"
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
	// with Aᵢⱼ = max(Wᵢⱼ, 0), kᵢ = Σⱼ Aᵢⱼ and 2m = Σᵢ kᵢ (gonum
	// community.Q). 0 when the network has no positive tie.
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
// part of a one-mode agreement network, using gonum's
// community.Modularize.
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
	g := simple.NewUndirectedMatrix(size, 0, 0, 0)
	positive := false
	for i := range n.W {
		if len(n.W[i]) != size {
			return Communities{}, fmt.Errorf("network row %s has %d weights for %d actors", n.Rows[i], len(n.W[i]), size)
		}
		for j := range n.W[i] {
			w := n.W[i][j]
			if math.IsNaN(w) || math.IsInf(w, 0) {
				return Communities{}, fmt.Errorf("tie %s–%s is %v, not a finite number", n.Rows[i], n.Rows[j], w)
			}
			if w != n.W[j][i] {
				return Communities{}, fmt.Errorf("tie %s–%s is %v one way and %v the other: blocs need a symmetric network", n.Rows[i], n.Rows[j], w, n.W[j][i])
			}
			if j > i && w > 0 {
				g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(i), T: simple.Node(j), W: w})
				positive = true
			}
		}
	}
	var groups [][]graph.Node
	if !positive {
		for i := 0; i < size; i++ {
			groups = append(groups, []graph.Node{simple.Node(i)})
		}
	} else {
		// The dense matrix graph iterates neighbours in index order, so
		// that with a fixed source Louvain's moves are reproducible.
		src := rand.NewPCG(seed, 0x5eed_b10c)
		groups = community.Modularize(g, resolution, src).Communities()
		res.Modularity = community.Q(g, groups, resolution)
	}
	// Number blocs: largest first, then by first member.
	type bloc struct{ members []int }
	blocs := make([]bloc, 0, len(groups))
	for _, grp := range groups {
		m := make([]int, len(grp))
		for i, nd := range grp {
			m[i] = int(nd.ID())
		}
		slices.Sort(m)
		if len(m) > 0 {
			blocs = append(blocs, bloc{m})
		}
	}
	slices.SortFunc(blocs, func(a, b bloc) int {
		if c := cmp.Compare(len(b.members), len(a.members)); c != 0 {
			return c
		}
		return cmp.Compare(a.members[0], b.members[0])
	})
	for k, b := range blocs {
		for _, i := range b.members {
			res.Labels[i] = k + 1
		}
	}
	return res, nil
}
