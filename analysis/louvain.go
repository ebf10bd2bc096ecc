package analysis

import (
	"math"
	"math/rand/v2"
	"slices"
)

// adjacency is an undirected graph with positive weights in compressed
// sparse row form: the neighbours of node i are nbr[start[i]:start[i+1]]
// with weights w[…], each edge stored once from either end. A node of an
// aggregated graph stands for a set of nodes of the graph below: self[i]
// is the weight inside it, counted from both ends (Σ Aᵢⱼ over ordered
// pairs of its members), and k[i] = self[i] + Σ w is its strength.
//
// Louvain on gonum's graph interface looked every edge weight up in a map
// at every move (17 s of 18 at 2,000 actors); here a move reads its
// node's neighbours from two arrays and the communities' strengths from a
// third, so one pass over the nodes costs O(edges).
type adjacency struct {
	start []int
	nbr   []int32
	w     []float64
	self  []float64
	k     []float64
	twoM  float64 // Σ k
}

func (g *adjacency) nodes() int { return len(g.k) }

// modularity is Newman's Q of the partition label (0-based community ids
// below n) at resolution γ:
//
//	Q = Σ_c [ in_c / 2m − γ (tot_c / 2m)² ]
//
// with in_c the weight inside community c over ordered pairs (twice its
// internal edge weight, self weights included) and tot_c the sum of its
// members' strengths. 0 for a graph without weight.
func (g *adjacency) modularity(label []int, gamma float64) float64 {
	if g.twoM == 0 {
		return 0
	}
	n := g.nodes()
	in := make([]float64, n)
	tot := make([]float64, n)
	for i := range n {
		c := label[i]
		tot[c] += g.k[i]
		in[c] += g.self[i]
		for p := g.start[i]; p < g.start[i+1]; p++ {
			if label[g.nbr[p]] == c {
				in[c] += g.w[p]
			}
		}
	}
	var q float64
	for c := range n {
		if tot[c] == 0 {
			continue
		}
		f := tot[c] / g.twoM
		q += in[c]/g.twoM - gamma*f*f
	}
	return q
}

// louvain finds communities of high modularity Q: the Louvain method
// (Blondel, Guillaume, Lambiotte & Lefebvre 2008) with three ideas of
// the Leiden algorithm (Traag, Waltman & van Eck 2019, "From Louvain to
// Leiden", Sci. Rep. 9:5233), written for stancemap:
//
//   - local moving visits nodes from a queue: first every node in an order
//     drawn from seed, then only the neighbours of a node that moved (and
//     are not in its new community); a node may also leave for an empty
//     community (localMoving);
//   - before aggregation each community is refined into well-connected
//     parts, and the parts, not the communities, become the nodes of the
//     next level, starting in their community, so a later level can still
//     split a community Louvain would have frozen (refine, louvainRound);
//   - rounds are repeated from the partition found while Q rises (at most
//     maxRounds).
//
// The whole is run louvainStarts times (once on graphs of more than
// manyTies entries) with different random orders and the partition of
// highest Q kept: on the LFR benchmark graphs of the
// tests a single start sometimes merges two planted communities (Q 2%
// below networkx's Louvain), three starts did not.
//
// A node i of strength kᵢ in community a gains, on joining community c
// (after leaving a), kᵢ,c − γ kᵢ tot_c / 2m (up to terms that do not
// depend on c), with kᵢ,c its weight to the members of c; Q rises by 2/2m
// times the difference of gains. It moves only when the best gain beats
// staying by more than 1e-12·kᵢ, so rounding never makes it cycle; among
// equal gains the first community met in its neighbour list wins. The
// result depends only on the graph and the seed.
//
// It returns each node's community, numbered 0 … C−1 in the order of
// each community's first node.
func louvain(g *adjacency, gamma float64, seed uint64) []int {
	n := g.nodes()
	single := make([]int, n)
	for i := range single {
		single[i] = i
	}
	if g.twoM == 0 {
		return single
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed_b10c))
	var best []int
	var bestQ float64
	starts := louvainStarts
	if len(g.nbr) > manyTies {
		starts = 1
	}
	for range starts {
		label := slices.Clone(single)
		q := g.modularity(label, gamma)
		for range maxRounds {
			next := louvainRound(g, slices.Clone(label), gamma, rng)
			nq := g.modularity(next, gamma)
			if nq <= q+1e-12*math.Abs(q) {
				break
			}
			label, q = next, nq
		}
		if best == nil || q > bestQ+1e-12*math.Abs(bestQ) {
			best, bestQ = label, q
		}
	}
	renumber(best)
	return best
}

// louvainStarts is the number of independent starts of louvain, each from
// every node alone with its own random order; the best partition wins.
// Graphs of more than manyTies adjacency entries (each tie counts twice)
// get one start: a start costs O(ties) per pass, 11 s of CPU for the
// nearly complete network of 10,000 synthetic actors.
const (
	louvainStarts = 3
	manyTies      = 2_000_000
)

// maxRounds bounds the rounds of louvain; each must raise Q, and in
// practice the third or fourth stops.
const maxRounds = 20

// louvainRound is one round of local moving, refinement and aggregation
// on g from the partition label, until a level moves no node; it returns
// the new partition.
//
// Plain Louvain aggregates each community into one node, so a community
// it once formed is never split again, even when it later turns out to
// join two groups better apart. Here, as in Leiden, each community is
// first refined into well-connected parts (see refine), the parts are
// aggregated, and the aggregated nodes start in the community their part
// came from: the next level can still move a part elsewhere.
func louvainRound(g *adjacency, label []int, gamma float64, rng *rand.Rand) []int {
	node := make([]int, len(label)) // node of cur that holds each original node
	for i := range node {
		node[i] = i
	}
	cur, comm := g, label
	for {
		moved := localMoving(cur, comm, gamma, rng)
		count := renumber(comm)
		if count == cur.nodes() || (!moved && cur != g) {
			break
		}
		parts := refine(cur, comm, gamma, rng)
		pc := renumber(parts)
		if pc == cur.nodes() {
			parts, pc = slices.Clone(comm), count // nothing merged: aggregate the communities
		}
		next := aggregate(cur, parts, pc)
		start := make([]int, pc)
		for v, p := range parts {
			start[p] = comm[v]
		}
		for i := range node {
			node[i] = parts[node[i]]
		}
		cur, comm = next, start
	}
	out := make([]int, len(label))
	for i := range out {
		out[i] = comm[node[i]]
	}
	return out
}

// refine splits each community of comm into parts (Traag et al. 2019,
// Algorithm A.2, with the greedy choice): every node starts alone; in a
// random order, a node still alone and well connected to the rest of its
// community (its weight to it at least γ kᵢ (tot_S − kᵢ) / 2m) joins the
// part of its community that raises Q most, among the parts well
// connected to the rest of the community (weight out of the part to the
// rest at least γ tot_r (tot_S − tot_r) / 2m), if any raises it. It
// returns each node's part id.
func refine(g *adjacency, comm []int, gamma float64, rng *rand.Rand) []int {
	n := g.nodes()
	scale := gamma / g.twoM
	totS := make([]float64, n) // strength of each community
	for i := range n {
		totS[comm[i]] += g.k[i]
	}
	part := make([]int, n)
	tot := make([]float64, n) // strength of each part
	ext := make([]float64, n) // weight from each part to the rest of its community
	alone := make([]bool, n)  // the node is still a part of its own
	for i := range n {
		part[i], tot[i], alone[i] = i, g.k[i], true
		for p := g.start[i]; p < g.start[i+1]; p++ {
			if comm[g.nbr[p]] == comm[i] {
				ext[i] += g.w[p]
			}
		}
	}
	toward := make([]float64, n)
	seen := make([]bool, n)
	touched := make([]int, 0, 64)
	for _, i := range rng.Perm(n) {
		ki := g.k[i]
		S := comm[i]
		if !alone[i] || ki == 0 || ext[i] < scale*ki*(totS[S]-ki) {
			continue
		}
		touched = touched[:0]
		for p := g.start[i]; p < g.start[i+1]; p++ {
			j := g.nbr[p]
			if comm[j] != S {
				continue
			}
			r := part[j]
			if !seen[r] {
				seen[r] = true
				touched = append(touched, r)
			}
			toward[r] += g.w[p]
		}
		best, bestGain := -1, 1e-12*ki
		for _, r := range touched {
			if ext[r] >= scale*tot[r]*(totS[S]-tot[r]) {
				if gain := toward[r] - scale*ki*tot[r]; gain > bestGain {
					best, bestGain = r, gain
				}
			}
		}
		if best >= 0 {
			part[i] = best
			alone[i] = false
			for _, j := range g.nbr[g.start[i]:g.start[i+1]] {
				if part[j] == best {
					alone[j] = false
				}
			}
			ext[best] += ext[i] - 2*toward[best]
			tot[best] += ki
		}
		for _, r := range touched {
			toward[r], seen[r] = 0, false
		}
	}
	return part
}

// localMoving moves the nodes of g between the communities comm (ids
// below n) until no move raises Q; it reports whether any node moved. A
// node may also leave for an empty community of its own, as in Leiden, so
// that a part of a community that does better alone can split off.
func localMoving(g *adjacency, comm []int, gamma float64, rng *rand.Rand) bool {
	n := g.nodes()
	tot := make([]float64, n)
	members := make([]int, n)
	for i := range n {
		tot[comm[i]] += g.k[i]
		members[comm[i]]++
	}
	var empty []int // unused community ids
	for c := n - 1; c >= 0; c-- {
		if members[c] == 0 {
			empty = append(empty, c)
		}
	}
	// toward[c] is the node's weight to community c; touched lists the
	// communities with a value to reset.
	toward := make([]float64, n)
	seen := make([]bool, n)
	touched := make([]int, 0, 64)
	// The queue is a ring of at most n nodes (queued[i] keeps a node out
	// of it twice).
	ring := rng.Perm(n)
	queued := make([]bool, n)
	for i := range queued {
		queued[i] = true
	}
	head, size := 0, n
	moved := false
	scale := gamma / g.twoM
	for size > 0 {
		i := ring[head]
		head = (head + 1) % n
		size--
		queued[i] = false
		ki := g.k[i]
		if ki == 0 {
			continue // an isolate stays alone
		}
		a := comm[i]
		tot[a] -= ki
		touched = append(touched[:0], a)
		seen[a] = true
		for p := g.start[i]; p < g.start[i+1]; p++ {
			c := comm[g.nbr[p]]
			if !seen[c] {
				seen[c] = true
				touched = append(touched, c)
			}
			toward[c] += g.w[p]
		}
		best, bestGain := a, toward[a]-scale*ki*tot[a]
		tol := 1e-12 * ki
		for _, c := range touched[1:] {
			if gain := toward[c] - scale*ki*tot[c]; gain > bestGain+tol {
				best, bestGain = c, gain
			}
		}
		for _, c := range touched {
			toward[c], seen[c] = 0, false
		}
		if bestGain < -tol && members[a] > 1 {
			// Alone, the node gains 0: better than every community.
			best = empty[len(empty)-1]
			empty = empty[:len(empty)-1]
		}
		tot[best] += ki
		if best == a {
			continue
		}
		members[a]--
		members[best]++
		if members[a] == 0 {
			empty = append(empty, a)
		}
		comm[i] = best
		moved = true
		for p := g.start[i]; p < g.start[i+1]; p++ {
			j := g.nbr[p]
			if !queued[j] && comm[j] != best {
				queued[j] = true
				ring[(head+size)%n] = int(j)
				size++
			}
		}
	}
	return moved
}

// renumber maps the ids in comm to 0 … C−1 in the order of first
// appearance and returns C.
func renumber(comm []int) int {
	id := make([]int, len(comm))
	for i := range id {
		id[i] = -1
	}
	next := 0
	for i, c := range comm {
		if id[c] < 0 {
			id[c] = next
			next++
		}
		comm[i] = id[c]
	}
	return next
}

// aggregate builds the graph of the count communities of g: one node per
// community, the weight between two communities the sum of the weights
// between their members, the weight inside each its self weight.
func aggregate(g *adjacency, comm []int, count int) *adjacency {
	n := g.nodes()
	// Members of each community, by counting sort.
	first := make([]int, count+1)
	for _, c := range comm {
		first[c+1]++
	}
	for c := range count {
		first[c+1] += first[c]
	}
	members := make([]int, n)
	fill := slices.Clone(first[:count])
	for i, c := range comm {
		members[fill[c]] = i
		fill[c]++
	}
	h := &adjacency{start: make([]int, count+1), self: make([]float64, count), k: make([]float64, count), twoM: g.twoM}
	toward := make([]float64, count)
	seen := make([]bool, count)
	var touched []int32
	for c := range count {
		touched = touched[:0]
		for _, i := range members[first[c]:first[c+1]] {
			h.self[c] += g.self[i]
			h.k[c] += g.k[i]
			for p := g.start[i]; p < g.start[i+1]; p++ {
				d := comm[g.nbr[p]]
				if d == c {
					h.self[c] += g.w[p]
					continue
				}
				if !seen[d] {
					seen[d] = true
					touched = append(touched, int32(d))
				}
				toward[d] += g.w[p]
			}
		}
		for _, d := range touched {
			h.nbr = append(h.nbr, d)
			h.w = append(h.w, toward[d])
			toward[d], seen[d] = 0, false
		}
		h.start[c+1] = len(h.nbr)
	}
	return h
}
