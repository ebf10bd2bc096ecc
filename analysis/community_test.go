package analysis

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
)

// cliqueNetwork is two triangles, {A, B, C} and {D, E, F}, with ties of
// weight 1 inside, joined by one weak tie C–D of 0.1, and a negative tie
// A–F that LouvainBlocs must ignore.
func cliqueNetwork() Network {
	rows := []string{"A", "B", "C", "D", "E", "F"}
	w := make([][]float64, 6)
	for i := range w {
		w[i] = make([]float64, 6)
	}
	set := func(i, j int, v float64) { w[i][j], w[j][i] = v, v }
	set(0, 1, 1)
	set(0, 2, 1)
	set(1, 2, 1)
	set(3, 4, 1)
	set(3, 5, 1)
	set(4, 5, 1)
	set(2, 3, 0.1)
	set(0, 5, -1)
	return Network{Mode: NetworkOneMode, Rows: rows, Cols: rows, W: w}
}

func TestLouvainBlocsFindsTwoCliques(t *testing.T) {
	c, err := LouvainBlocs(cliqueNetwork(), 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Equal sizes: the bloc of A, the first row, is bloc 1.
	if want := []int{1, 1, 1, 2, 2, 2}; !slices.Equal(c.Labels, want) {
		t.Fatalf("labels %v, want %v", c.Labels, want)
	}
	if got := c.Members(2); !slices.Equal(got, []string{"D", "E", "F"}) {
		t.Errorf("members of bloc 2: %v", got)
	}
	// Newman's Q by hand on the positive part. Total weight m = 6 × 1 +
	// 0.1 = 6.1, so 2m = 12.2. Each triangle holds internal weight 3 and
	// degree sum 1+1 + 1+1 + 1+1 + 0.1 = 6.1, so
	//   Q = Σ_c [L_c/m − (d_c/2m)²] = 2 × (3/6.1 − (6.1/12.2)²)
	//     = 6/6.1 − 0.5 = 0.48360655737704916…
	want := 6/6.1 - 0.5
	if math.Abs(c.Modularity-want) > 1e-12 {
		t.Errorf("modularity %.17g, want %.17g", c.Modularity, want)
	}
	if c.Resolution != 1 {
		t.Errorf("resolution %v, want the default 1", c.Resolution)
	}
}

func TestLouvainBlocsDeterministic(t *testing.T) {
	n := cliqueNetwork()
	first, err := LouvainBlocs(n, 1, 42)
	if err != nil {
		t.Fatal(err)
	}
	for seed := uint64(0); seed < 20; seed++ {
		c, err := LouvainBlocs(n, 1, seed)
		if err != nil {
			t.Fatal(err)
		}
		// Here the structure is clear, so every seed agrees; the same
		// seed must always agree, exactly.
		if !slices.Equal(c.Labels, first.Labels) || c.Modularity != first.Modularity {
			t.Fatalf("seed %d: %v %v, seed 42: %v %v", seed, c.Labels, c.Modularity, first.Labels, first.Modularity)
		}
	}
}

func TestLouvainBlocsOnSubtractNetwork(t *testing.T) {
	// The subtract network of the binary example (network_test.go) has
	// positive ties AB 1 and CD 2 only; the others are −2.
	n, err := AgreementNetwork(binaryCorpus(t), NetworkOptions{Qualifier: "subtract", Scale: 2})
	if err != nil {
		t.Fatal(err)
	}
	c, err := LouvainBlocs(n, 1, 7)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 1, 2, 2}; !slices.Equal(c.Labels, want) {
		t.Fatalf("labels %v, want %v", c.Labels, want)
	}
	// m = 1 + 2 = 3, 2m = 6. {A,B}: L 1, d 2 → 1/3 − (2/6)² = 2/9;
	// {C,D}: L 2, d 4 → 2/3 − (4/6)² = 2/9. Q = 4/9.
	if math.Abs(c.Modularity-4.0/9) > 1e-12 {
		t.Errorf("modularity %v, want 4/9", c.Modularity)
	}
}

func TestLouvainBlocsLargestFirstAndIsolates(t *testing.T) {
	// A is isolated (only a negative tie); B–C–D a triangle. The triangle
	// is bloc 1 although A comes first; A is a bloc of its own.
	rows := []string{"A", "B", "C", "D"}
	w := [][]float64{
		{0, -1, 0, 0},
		{-1, 0, 1, 1},
		{0, 1, 0, 1},
		{0, 1, 1, 0},
	}
	c, err := LouvainBlocs(Network{Rows: rows, Cols: rows, W: w}, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{2, 1, 1, 1}; !slices.Equal(c.Labels, want) {
		t.Errorf("labels %v, want %v", c.Labels, want)
	}
	// One community holds all the positive weight: Q = 3/3 − (6/6)² = 0.
	if math.Abs(c.Modularity) > 1e-12 {
		t.Errorf("modularity %v, want 0", c.Modularity)
	}
}

func TestLouvainBlocsNoPositiveTies(t *testing.T) {
	rows := []string{"A", "B"}
	c, err := LouvainBlocs(Network{Rows: rows, Cols: rows, W: [][]float64{{0, -1}, {-1, 0}}}, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Labels, []int{1, 2}) || c.Modularity != 0 {
		t.Errorf("no positive ties: %v %v", c.Labels, c.Modularity)
	}
	c, err = LouvainBlocs(Network{}, 1, 1)
	if err != nil || len(c.Labels) != 0 || c.Modularity != 0 {
		t.Errorf("empty network: %+v %v", c, err)
	}
}

func TestLouvainBlocsErrors(t *testing.T) {
	two := Network{Mode: NetworkTwoMode, Rows: []string{"A"}, Cols: []string{"t"}, W: [][]float64{{1}}}
	if _, err := LouvainBlocs(two, 1, 1); err == nil {
		t.Error("two-mode network accepted")
	}
	rows := []string{"A", "B"}
	asym := Network{Rows: rows, Cols: rows, W: [][]float64{{0, 1}, {2, 0}}}
	if _, err := LouvainBlocs(asym, 1, 1); err == nil {
		t.Error("asymmetric network accepted")
	}
	nan := Network{Rows: rows, Cols: rows, W: [][]float64{{0, math.NaN()}, {math.NaN(), 0}}}
	if _, err := LouvainBlocs(nan, 1, 1); err == nil {
		t.Error("NaN tie accepted")
	}
	if _, err := LouvainBlocs(cliqueNetwork(), -1, 1); !errors.Is(err, ErrOption) {
		t.Errorf("negative resolution: %v", err)
	}
}

// The benchmark networks are dense and without structure (every actor
// speaks on every theme at random), the worst case for Louvain.
func BenchmarkLouvainBlocs(b *testing.B) {
	for _, actors := range []int{200, 500, 2000} {
		n, err := AgreementNetwork(netBenchCorpus(100*actors, actors, 12), NetworkOptions{Qualifier: "subtract", Normalization: "average"})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%dactors", actors), func(b *testing.B) {
			for b.Loop() {
				if _, err := LouvainBlocs(n, 1, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
