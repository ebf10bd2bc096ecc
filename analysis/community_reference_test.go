package analysis

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"
)

// communityDoc is testdata/community_expected.json, written by
// testdata/community_reference.py with networkx: Zachary's karate club
// and LFR benchmark graphs, networkx's Louvain modularity on each, and
// named partitions with networkx's modularity of each.
type communityDoc struct {
	NetworkX string `json:"networkx"`
	Graphs   []struct {
		Name  string       `json:"name"`
		Nodes int          `json:"nodes"`
		Edges [][3]float64 `json:"edges"`
		Runs  []struct {
			Gamma         float64 `json:"gamma"`
			LouvainQ      float64 `json:"louvain_q"`
			LouvainQSeed0 float64 `json:"louvain_q_seed0"`
			Partitions    []struct {
				Name   string  `json:"name"`
				Labels []int   `json:"labels"`
				Q      float64 `json:"q"`
			} `json:"partitions"`
		} `json:"runs"`
	} `json:"graphs"`
}

func readCommunityDoc(t testing.TB) communityDoc {
	t.Helper()
	b, err := os.ReadFile("testdata/community_expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc communityDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Graphs) != 5 {
		t.Fatalf("community_expected.json has %d graphs, want 5", len(doc.Graphs))
	}
	return doc
}

// edgeNetwork is the one-mode network of an edge list, rows named n0, n1, ….
func edgeNetwork(nodes int, edges [][3]float64) Network {
	rows := make([]string, nodes)
	for i := range rows {
		rows[i] = fmt.Sprintf("n%d", i)
	}
	w := zeros(nodes, nodes)
	for _, e := range edges {
		u, v := int(e[0]), int(e[1])
		w[u][v], w[v][u] = e[2], e[2]
	}
	return Network{Mode: NetworkOneMode, Rows: rows, Cols: rows, W: w}
}

func TestModularityMatchesNetworkx(t *testing.T) {
	doc := readCommunityDoc(t)
	checked := 0
	for _, g := range doc.Graphs {
		adj, err := positiveAdjacency(edgeNetwork(g.Nodes, g.Edges))
		if err != nil {
			t.Fatal(err)
		}
		if want := 78; g.Name == "karate" && len(adj.nbr) != 2*want {
			t.Fatalf("karate: %d edges, want %d", len(adj.nbr)/2, want)
		}
		for _, r := range g.Runs {
			for _, p := range r.Partitions {
				got := adj.modularity(p.Labels, r.Gamma)
				if math.Abs(got-p.Q) > 1e-9 {
					t.Errorf("%s γ=%v %s: Q %.12f, networkx %.12f", g.Name, r.Gamma, p.Name, got, p.Q)
				}
				checked++
			}
		}
	}
	if checked < 20 {
		t.Fatalf("only %d partitions checked", checked)
	}
}

func TestLouvainMatchesNetworkx(t *testing.T) {
	doc := readCommunityDoc(t)
	for _, g := range doc.Graphs {
		n := edgeNetwork(g.Nodes, g.Edges)
		for _, r := range g.Runs {
			for seed := uint64(1); seed <= 10; seed++ {
				c, err := LouvainBlocs(n, r.Gamma, seed)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s γ=%v seed %d: Q %.6f, networkx best %.6f (%+.2f%%), %d blocs", g.Name, r.Gamma, seed, c.Modularity, r.LouvainQ, 100*(c.Modularity/r.LouvainQ-1), maxLabel(c.Labels))
				if c.Modularity < 0.99*r.LouvainQ {
					t.Errorf("%s γ=%v seed %d: Q %.6f, more than 1%% below networkx's Louvain %.6f", g.Name, r.Gamma, seed, c.Modularity, r.LouvainQ)
				}
			}
		}
	}
}

func maxLabel(l []int) int {
	m := 0
	for _, v := range l {
		m = max(m, v)
	}
	return m
}
