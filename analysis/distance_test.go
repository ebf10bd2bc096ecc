package analysis

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// geomDoc is testdata/geometry_expected.json, written by
// testdata/geometry_reference.py (numpy and scipy) so that these tests
// need no Python. Null numbers are NaN (not comparable).
type geomDoc struct {
	MinOverlap int           `json:"min_overlap"`
	Fixtures   []geomFixture `json:"fixtures"`
}

type geomFixture struct {
	Name   string
	Rows   []string
	Themes []string
	X      [][]*float64
	PCA    struct {
		Rows, Themes     []string
		Imputed          int
		Explained        []float64
		Coords, Loadings [][]float64
	}
	Metrics map[string]geomMetric
}

type geomMetric struct {
	D       [][]*float64
	Shared  [][]int
	Status  [][]string
	Kept    []string
	Dropped []string
	MDS     struct {
		Coords        [][]float64
		Explained     []float64
		NegativeShare float64 `json:"negative_share"`
	}
	Linkage *struct {
		Z    [][]float64
		Cuts map[string]struct {
			Labels     []int
			By         string
			Silhouette float64
			Per        []float64
		}
		Leaves         []int
		BestK          int     `json:"best_k"`
		BestSilhouette float64 `json:"best_silhouette"`
	}
}

func (f geomFixture) positions() Positions {
	p := Positions{Rows: f.Rows, Themes: f.Themes, X: make([][]float64, len(f.X))}
	for i, row := range f.X {
		p.X[i] = make([]float64, len(row))
		for j, v := range row {
			p.X[i][j] = math.NaN()
			if v != nil {
				p.X[i][j] = *v
			}
		}
	}
	return p
}

func loadGeometry(t *testing.T) geomDoc {
	t.Helper()
	b, err := os.ReadFile("testdata/geometry_expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc geomDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Fixtures) < 4 {
		t.Fatalf("geometry_expected.json has %d fixtures, want 4", len(doc.Fixtures))
	}
	return doc
}

// geomTol is the agreement asked of every number against numpy/scipy:
// the formulas are the same, only the order of floating-point operations
// differs.
const geomTol = 1e-9

func nearRef(a, b float64) bool { return math.Abs(a-b) <= geomTol }

// Distances against numpy, written straightforwardly from the formulas,
// for every fixture and metric: values to 1e-9, NaN exactly where numpy
// has null, the number of shared themes, and why a pair is missing.
func TestActorDistancesMatchNumpyReference(t *testing.T) {
	doc := loadGeometry(t)
	for _, f := range doc.Fixtures {
		for _, metric := range []Metric{MetricEuclidean, MetricCosine, MetricPearson} {
			want := f.Metrics[string(metric)]
			got := ActorDistances(f.positions(), DistanceOptions{Metric: metric})
			if got.MinOverlap != doc.MinOverlap {
				t.Fatalf("MinOverlap %d, want %d", got.MinOverlap, doc.MinOverlap)
			}
			for i := range f.Rows {
				for j := range f.Rows {
					where := fmt.Sprintf("%s/%s (%s, %s)", f.Name, metric, f.Rows[i], f.Rows[j])
					w, g := want.D[i][j], got.D[i][j]
					switch {
					case w == nil && !math.IsNaN(g):
						t.Errorf("%s: distance %v, want NaN (not comparable)", where, g)
					case w != nil && !nearRef(g, *w):
						t.Errorf("%s: distance %.15g, want %.15g", where, g, *w)
					}
					if got.Shared[i][j] != want.Shared[i][j] {
						t.Errorf("%s: shared %d, want %d", where, got.Shared[i][j], want.Shared[i][j])
					}
					st := got.Status[i][j]
					var ws string
					switch {
					case st == PairComparable:
						ws = "ok"
					case st&PairFewShared != 0:
						ws = "few"
					default:
						ws = "constant"
					}
					if i != j && ws != want.Status[i][j] {
						t.Errorf("%s: status %s, want %s", where, ws, want.Status[i][j])
					}
					if got.Comparable(i, j) != (w != nil) {
						t.Errorf("%s: Comparable %v", where, got.Comparable(i, j))
					}
					if (got.Reason(i, j) == "") != got.Comparable(i, j) {
						t.Errorf("%s: Reason %q with Comparable %v", where, got.Reason(i, j), got.Comparable(i, j))
					}
				}
			}
		}
	}
}

// DropIncomparable removes the same rows, in the same order, as the
// script's greedy removal.
func TestDropIncomparableMatchesReference(t *testing.T) {
	doc := loadGeometry(t)
	for _, f := range doc.Fixtures {
		for metric, want := range f.Metrics {
			d := ActorDistances(f.positions(), DistanceOptions{Metric: Metric(metric)})
			kept, dropped := d.DropIncomparable()
			var names []string
			for _, dr := range dropped {
				names = append(names, dr.Row)
				if !strings.Contains(dr.Reason, "not comparable with") {
					t.Errorf("%s/%s: reason %q", f.Name, metric, dr.Reason)
				}
			}
			if !slices.Equal(names, want.Dropped) && !(len(names) == 0 && len(want.Dropped) == 0) {
				t.Errorf("%s/%s: dropped %v, want %v", f.Name, metric, names, want.Dropped)
			}
			if !slices.Equal(kept.Rows, want.Kept) {
				t.Errorf("%s/%s: kept %v, want %v", f.Name, metric, kept.Rows, want.Kept)
			}
			for i := range kept.Rows {
				for j := range kept.Rows {
					if !kept.Comparable(i, j) {
						t.Errorf("%s/%s: kept pair (%s, %s) not comparable", f.Name, metric, kept.Rows[i], kept.Rows[j])
					}
				}
			}
		}
	}
}

var na = math.NaN() // a missing position, for short tables

// Hand-computed cases on three rows.
func TestActorDistancesHandComputed(t *testing.T) {
	type pair struct {
		i, j   int
		d      float64 // NaN: not comparable
		shared int
		status PairStatus
	}
	tests := []struct {
		name  string
		x     [][]float64
		opt   DistanceOptions
		pairs []pair
	}{
		{
			name: "euclidean is the RMS difference over shared themes",
			x:    [][]float64{{1, 2, na}, {-1, 2, 0}, {1, 0, 2}},
			pairs: []pair{
				{0, 1, math.Sqrt(4.0 / 2), 2, 0},
				{0, 2, math.Sqrt(4.0 / 2), 2, 0},
				{1, 2, math.Sqrt((4.0 + 4 + 4) / 3), 3, 0},
			},
		},
		{
			name: "pairs under the minimum overlap stay NaN, never 0",
			x:    [][]float64{{1, 1, na}, {1, na, 1}, {na, na, na}},
			pairs: []pair{
				{0, 1, na, 1, PairFewShared},
				{0, 2, na, 0, PairFewShared},
				{1, 2, na, 0, PairFewShared},
			},
		},
		{
			name: "a minimum overlap of 1 compares rows sharing one theme",
			x:    [][]float64{{1, 1, na}, {-1, na, 1}, {na, na, na}},
			opt:  DistanceOptions{MinOverlap: -1},
			pairs: []pair{
				{0, 1, 2, 1, 0},
				{0, 2, na, 0, PairFewShared},
			},
		},
		{
			name: "a higher minimum overlap",
			x:    [][]float64{{1, 1, 0}, {1, 0, na}, {0, 1, 1}},
			opt:  DistanceOptions{MinOverlap: 3},
			pairs: []pair{
				{0, 1, na, 2, PairFewShared},
				{0, 2, math.Sqrt(2.0 / 3), 3, 0},
			},
		},
		{
			name: "infinite values count as missing",
			x:    [][]float64{{1, math.Inf(1), 2}, {0, 1, 1}, {1, 1, 1}},
			pairs: []pair{
				{0, 1, 1, 2, 0},
			},
		},
		{
			name: "cosine: same direction 0, opposite 2, orthogonal 1",
			x:    [][]float64{{1, 1, 0}, {2, 2, 0}, {-1, -1, 0}},
			opt:  DistanceOptions{Metric: MetricCosine},
			pairs: []pair{
				{0, 1, 0, 3, 0},
				{0, 2, 2, 3, 0},
				{1, 2, 2, 3, 0},
			},
		},
		{
			name: "cosine of a neutral row is undefined",
			x:    [][]float64{{1, -1, 0}, {0, 0, 0}, {1, 1, na}},
			opt:  DistanceOptions{Metric: MetricCosine},
			pairs: []pair{
				{0, 1, na, 3, PairOtherConstant},
				{1, 0, na, 3, PairRowConstant},
				{0, 2, 1, 2, 0},
				{1, 2, na, 2, PairRowConstant},
			},
		},
		{
			name: "cosine is undefined when the shared themes are neutral",
			x:    [][]float64{{0, 0, 2}, {1, 1, na}, {0, 0, na}},
			opt:  DistanceOptions{Metric: MetricCosine},
			pairs: []pair{
				{0, 1, na, 2, PairRowConstant},
				{0, 2, na, 2, PairRowConstant | PairOtherConstant},
			},
		},
		{
			name: "pearson: opposite profiles 2, proportional 0",
			x:    [][]float64{{1, 2, 3}, {3, 2, 1}, {-2, 0, 2}},
			opt:  DistanceOptions{Metric: MetricPearson},
			pairs: []pair{
				{0, 1, 2, 3, 0},
				{0, 2, 0, 3, 0},
				{1, 2, 2, 3, 0},
			},
		},
		{
			name: "pearson of a constant row is undefined",
			x:    [][]float64{{1, 1, 1}, {0.1, 0.1, 0.1}, {-1, 0, 1}},
			opt:  DistanceOptions{Metric: MetricPearson},
			pairs: []pair{
				{0, 2, na, 3, PairRowConstant},
				{1, 2, na, 3, PairRowConstant},
				{0, 1, na, 3, PairRowConstant | PairOtherConstant},
			},
		},
		{
			name: "pearson over one shared theme is undefined",
			x:    [][]float64{{1, na}, {2, na}, {na, 1}},
			opt:  DistanceOptions{Metric: MetricPearson, MinOverlap: 1},
			pairs: []pair{
				{0, 1, na, 1, PairRowConstant | PairOtherConstant},
			},
		},
		{
			name: "pearson: constant only on the shared themes",
			x:    [][]float64{{1, 1, 2}, {-1, 1, na}, {0, 2, 1}},
			opt:  DistanceOptions{Metric: MetricPearson},
			pairs: []pair{
				{0, 1, na, 2, PairRowConstant},
				{0, 2, 1, 3, 0}, // deviations (−⅓, −⅓, ⅔) and (−1, 1, 0): r = 0
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Positions{Rows: []string{"A", "B", "C"}, X: tt.x}
			for range tt.x[0] {
				p.Themes = append(p.Themes, fmt.Sprintf("t%d", len(p.Themes)+1))
			}
			d := ActorDistances(p, tt.opt)
			for i := range 3 {
				if d.D[i][i] != 0 || !d.Comparable(i, i) || d.Reason(i, i) != "" {
					t.Errorf("diagonal %d: %v", i, d.D[i][i])
				}
				for j := range 3 {
					if !sameOrNaN(d.D[i][j], d.D[j][i]) || d.Shared[i][j] != d.Shared[j][i] {
						t.Errorf("not symmetric at (%d, %d)", i, j)
					}
					if math.IsInf(d.D[i][j], 0) {
						t.Errorf("Inf at (%d, %d)", i, j)
					}
				}
			}
			for _, pr := range tt.pairs {
				got := d.D[pr.i][pr.j]
				if !sameOrNaN(got, pr.d) && math.Abs(got-pr.d) > 1e-15 {
					t.Errorf("D[%d][%d] = %v, want %v", pr.i, pr.j, got, pr.d)
				}
				if d.Shared[pr.i][pr.j] != pr.shared {
					t.Errorf("Shared[%d][%d] = %d, want %d", pr.i, pr.j, d.Shared[pr.i][pr.j], pr.shared)
				}
				if d.Status[pr.i][pr.j] != pr.status {
					t.Errorf("Status[%d][%d] = %b, want %b", pr.i, pr.j, d.Status[pr.i][pr.j], pr.status)
				}
				if r := d.Reason(pr.i, pr.j); (r == "") != (pr.status == 0) ||
					(r != "" && (!strings.Contains(r, d.Rows[pr.i]) || !strings.Contains(r, d.Rows[pr.j]))) {
					t.Errorf("Reason(%d, %d) = %q", pr.i, pr.j, r)
				}
			}
		})
	}
}

func sameOrNaN(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

func TestDistancesReasonWords(t *testing.T) {
	p := Positions{
		Rows:   []string{"CHN", "GBR", "NEU", "ONE"},
		Themes: []string{"sovereignty", "openness", "multistakeholder"},
		X:      [][]float64{{2, -2, -1}, {-2, 2, 2}, {0, 0, 0}, {na, 1, na}},
	}
	tests := []struct {
		metric Metric
		i, j   int
		want   string
	}{
		{MetricEuclidean, 0, 3, "CHN and ONE share 1 theme; at least 2 are needed to compare them (--min-overlap)"},
		{MetricCosine, 0, 2, "cosine distance between CHN and NEU is undefined: NEU is neutral (0) on every theme it shares with CHN"},
		{MetricCosine, 2, 0, "cosine distance between NEU and CHN is undefined: NEU is neutral (0) on every theme it shares with CHN"},
		{MetricPearson, 1, 2, "Pearson distance between GBR and NEU is undefined: NEU takes one stance on every theme it shares with GBR, so there is no variation to correlate"},
		{MetricCosine, 0, 1, ""},
	}
	for _, tt := range tests {
		d := ActorDistances(p, DistanceOptions{Metric: tt.metric})
		if got := d.Reason(tt.i, tt.j); got != tt.want {
			t.Errorf("%s Reason(%d, %d)\n got %q\nwant %q", tt.metric, tt.i, tt.j, got, tt.want)
		}
	}
	q := Positions{Rows: []string{"A", "B"}, Themes: []string{"x", "y"}, X: [][]float64{{1, 1}, {0, 0}}}
	d := ActorDistances(q, DistanceOptions{Metric: MetricPearson})
	if got, want := d.Reason(0, 1), "Pearson distance between A and B is undefined: A and B both take one stance on every theme they share, so there is no variation to correlate"; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestActorDistancesEdgeCases(t *testing.T) {
	t.Run("single row", func(t *testing.T) {
		d := ActorDistances(Positions{Rows: []string{"A"}, Themes: []string{"x", "y"}, X: [][]float64{{1, na}}}, DistanceOptions{})
		if len(d.D) != 1 || d.D[0][0] != 0 || d.Shared[0][0] != 1 {
			t.Errorf("got %+v", d)
		}
	})
	t.Run("no rows", func(t *testing.T) {
		d := ActorDistances(Positions{Themes: []string{"x"}}, DistanceOptions{})
		if len(d.D) != 0 || len(d.Rows) != 0 {
			t.Errorf("got %+v", d)
		}
		kept, dropped := d.DropIncomparable()
		if len(kept.Rows) != 0 || len(dropped) != 0 {
			t.Errorf("DropIncomparable: %+v %+v", kept, dropped)
		}
	})
	t.Run("no themes", func(t *testing.T) {
		d := ActorDistances(Positions{Rows: []string{"A", "B"}, X: [][]float64{{}, {}}}, DistanceOptions{})
		if !math.IsNaN(d.D[0][1]) || d.Status[0][1] != PairFewShared {
			t.Errorf("got %+v", d)
		}
	})
	t.Run("defaults", func(t *testing.T) {
		d := ActorDistances(Positions{}, DistanceOptions{})
		if d.Metric != MetricEuclidean || d.MinOverlap != DefaultMinOverlap {
			t.Errorf("got metric %q, min overlap %d", d.Metric, d.MinOverlap)
		}
	})
	t.Run("unknown metric panics", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
		}()
		ActorDistances(Positions{}, DistanceOptions{Metric: "manhattan"})
	})
	t.Run("ragged rows panic", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
		}()
		ActorDistances(Positions{Rows: []string{"A"}, Themes: []string{"x", "y"}, X: [][]float64{{1}}}, DistanceOptions{})
	})
}

func TestPositionsOf(t *testing.T) {
	m := Matrix{
		Rows:   []string{"A", "B"},
		Themes: []string{"x", "y"},
		Cells: [][]Cell{
			{{N: 2, Weight: 2, Mean: 1.5}, {Mean: na}},
			{{N: 1, Weight: 1, Mean: -2}, {N: 1, Weight: 1, Mean: 0}},
		},
	}
	p := PositionsOf(m)
	want := [][]float64{{1.5, na}, {-2, 0}}
	for i := range want {
		for j := range want[i] {
			if !sameOrNaN(p.X[i][j], want[i][j]) {
				t.Errorf("X[%d][%d] = %v, want %v", i, j, p.X[i][j], want[i][j])
			}
		}
	}
	p.Rows[0] = "changed"
	if m.Rows[0] != "A" {
		t.Error("PositionsOf shares its rows with the matrix")
	}
}

func TestParseMetric(t *testing.T) {
	tests := []struct {
		in   string
		want Metric
		err  bool
	}{
		{"", MetricEuclidean, false},
		{"Euclidean", MetricEuclidean, false},
		{" cosine ", MetricCosine, false},
		{"PEARSON", MetricPearson, false},
		{"correlation", MetricPearson, false},
		{"manhattan", "", true},
	}
	for _, tt := range tests {
		got, err := ParseMetric(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseMetric(%q) = %q, %v", tt.in, got, err)
		}
		if err != nil && !errors.Is(err, ErrOption) {
			t.Errorf("ParseMetric(%q): error %v does not wrap ErrOption", tt.in, err)
		}
	}
}

// geomRandomPositions makes n rows × nt themes of stances in [−2, 2], with a
// share of missing cells.
func geomRandomPositions(n, nt int, missing float64, seed uint64) Positions {
	r := rand.New(rand.NewPCG(seed, 1))
	p := Positions{Rows: make([]string, n), Themes: make([]string, nt), X: make([][]float64, n)}
	for t := range nt {
		p.Themes[t] = fmt.Sprintf("t%02d", t)
	}
	for i := range n {
		p.Rows[i] = fmt.Sprintf("r%05d", i)
		p.X[i] = make([]float64, nt)
		for t := range nt {
			if r.Float64() < missing {
				p.X[i][t] = na
				continue
			}
			p.X[i][t] = 4*r.Float64() - 2
		}
	}
	return p
}

// The parallel computation gives the numbers of the serial one; 1,100
// rows are enough for the lower triangle to be mirrored on several cores
// and for upperDistances to hand over several blocks of rows.
func TestActorDistancesSameOnAnyCores(t *testing.T) {
	p := geomRandomPositions(1100, 7, 0.3, 3)
	for _, m := range []Metric{MetricEuclidean, MetricCosine, MetricPearson} {
		prev := runtime.GOMAXPROCS(1)
		serial := ActorDistances(p, DistanceOptions{Metric: m})
		runtime.GOMAXPROCS(4)
		parallel := ActorDistances(p, DistanceOptions{Metric: m})
		next := 0
		upperDistances(p, DistanceOptions{Metric: m}, func(i int, row []float64) {
			if i != next || len(row) != len(p.Rows)-i-1 {
				t.Fatalf("%s: upperDistances gave row %d (%d values) after row %d", m, i, len(row), next-1)
			}
			next++
			for x, v := range row {
				if !sameOrNaN(v, serial.D[i][i+1+x]) {
					t.Fatalf("%s: upperDistances (%d, %d) = %v, want %v", m, i, i+1+x, v, serial.D[i][i+1+x])
				}
			}
		})
		runtime.GOMAXPROCS(prev)
		if next != len(p.Rows) {
			t.Fatalf("%s: upperDistances gave %d rows of %d", m, next, len(p.Rows))
		}
		for i := range serial.D {
			for j := range serial.D[i] {
				if !sameOrNaN(serial.D[i][j], parallel.D[i][j]) || serial.Status[i][j] != parallel.Status[i][j] || serial.Shared[i][j] != parallel.Shared[i][j] {
					t.Fatalf("%s: (%d, %d) differs: %v vs %v", m, i, j, serial.D[i][j], parallel.D[i][j])
				}
				if !sameOrNaN(serial.D[i][j], serial.D[j][i]) || serial.Shared[i][j] != serial.Shared[j][i] || serial.Status[j][i] != swapSides(serial.Status[i][j]) {
					t.Fatalf("%s: (%d, %d) and (%d, %d) do not mirror each other", m, i, j, j, i)
				}
			}
		}
	}
}

// More than 64 themes use more than one word of the presence mask.
func TestActorDistancesManyThemes(t *testing.T) {
	p := geomRandomPositions(5, 150, 0.4, 9)
	d := ActorDistances(p, DistanceOptions{})
	for i := range p.X {
		for j := range p.X {
			var ss float64
			k := 0
			for t := range p.Themes {
				if x, y := p.X[i][t], p.X[j][t]; !math.IsNaN(x) && !math.IsNaN(y) {
					ss += (x - y) * (x - y)
					k++
				}
			}
			if d.Shared[i][j] != k || math.Abs(d.D[i][j]-math.Sqrt(ss/float64(k))) > 1e-12 {
				t.Errorf("(%d, %d): %v over %d, want %v over %d", i, j, d.D[i][j], d.Shared[i][j], math.Sqrt(ss/float64(k)), k)
			}
		}
	}
}

func ExampleActorDistances() {
	p := Positions{
		Rows:   []string{"CHN", "GBR", "RUS"},
		Themes: []string{"sovereignty", "openness", "multistakeholder"},
		X: [][]float64{
			{2, -1.5, -1},
			{-1, 2, 2},
			{2, math.NaN(), math.NaN()}, // spoke on sovereignty only
		},
	}
	d := ActorDistances(p, DistanceOptions{})
	fmt.Printf("CHN–GBR %.2f over %d themes\n", d.D[0][1], d.Shared[0][1])
	fmt.Println(d.Reason(0, 2))
	// Output:
	// CHN–GBR 3.18 over 3 themes
	// CHN and RUS share 1 theme; at least 2 are needed to compare them (--min-overlap)
}
