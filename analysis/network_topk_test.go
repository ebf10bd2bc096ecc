package analysis

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

func topKFixture() [][]float64 {
	// Actors A … E; E–B is a negative tie and A–E none.
	return [][]float64{
		{0, 5, 3, 1, 0},
		{5, 0, 4, 2, -1},
		{3, 4, 0, 2, 2},
		{1, 2, 2, 0, 6},
		{0, -1, 2, 6, 0},
	}
}

func TestSparsifyTopKByHand(t *testing.T) {
	for _, tc := range []struct {
		name string
		k    int
		want [][]float64
	}{
		// k = 1: A's strongest is B (5), B's A (5), C's B (4), D's E (6),
		// E's D (6): A–B, B–C and D–E stay; the negative B–E stays too.
		{"one tie each", 1, [][]float64{
			{0, 5, 0, 0, 0},
			{5, 0, 4, 0, -1},
			{0, 4, 0, 0, 0},
			{0, 0, 0, 0, 6},
			{0, -1, 0, 6, 0},
		}},
		// k = 2: A keeps B, C; B keeps A, C; C keeps B, A; D keeps E and,
		// of B and C tied at 2, B (the lower index); E keeps D, C. Only
		// A–D (1) and C–D (2) are in neither end's two strongest.
		{"ties at the cut go to the lower index", 2, [][]float64{
			{0, 5, 3, 0, 0},
			{5, 0, 4, 2, -1},
			{3, 4, 0, 0, 2},
			{0, 2, 0, 0, 6},
			{0, -1, 2, 6, 0},
		}},
		{"k at least every tie keeps all", 4, topKFixture()},
		{"zero is off", 0, topKFixture()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := topKFixture()
			SparsifyTopK(w, tc.k)
			for i := range w {
				if !slices.Equal(w[i], tc.want[i]) {
					t.Errorf("row %d: %v, want %v", i, w[i], tc.want[i])
				}
			}
		})
	}
}

func TestKthLargestMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		n := 1 + rng.IntN(60)
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(rng.IntN(8)) // many ties
		}
		sorted := slices.Clone(v)
		slices.Sort(sorted)
		k := 1 + rng.IntN(n)
		if got, want := kthLargest(slices.Clone(v), k), sorted[n-k]; got != want {
			t.Fatalf("trial %d: %d-th largest of %v is %v, want %v", trial, k, v, got, want)
		}
	}
}

func TestNetworkTopK(t *testing.T) {
	c := binaryCorpus(t)
	full, err := AgreementNetwork(c, NetworkOptions{Qualifier: "congruence", Scale: 2})
	if err != nil {
		t.Fatal(err)
	}
	sparse, err := AgreementNetwork(c, NetworkOptions{Qualifier: "congruence", Scale: 2, TopK: 1})
	if err != nil {
		t.Fatal(err)
	}
	if sparse.Options.TopK != 1 {
		t.Errorf("options record top-k %d", sparse.Options.TopK)
	}
	w := full.W
	before := ties(w)
	SparsifyTopK(w, 1)
	if ties(w) >= before {
		t.Fatalf("the fixture keeps all its %d positive ties at k = 1: the test shows nothing", before)
	}
	for i := range w {
		if !slices.Equal(w[i], sparse.W[i]) {
			t.Errorf("row %d: %v, want %v", i, sparse.W[i], w[i])
		}
	}
	if _, err := AgreementNetwork(c, NetworkOptions{TopK: -1}); !errors.Is(err, ErrOption) {
		t.Errorf("negative top-k: %v", err)
	}
	if _, err := AgreementNetwork(c, NetworkOptions{Mode: NetworkTwoMode, TopK: 2}); !errors.Is(err, ErrOption) {
		t.Errorf("top-k on a two-mode network: %v", err)
	}
}

func ties(w [][]float64) int {
	n := 0
	for i := range w {
		for j, v := range w[i] {
			if j != i && v > 0 {
				n++
			}
		}
	}
	return n
}
