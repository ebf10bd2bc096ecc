package analysis

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/mds"
)

// checkFinite fails on any NaN or Inf in a map: none may reach a report.
func checkFinite(t *testing.T, pm PositionMap) {
	t.Helper()
	for _, v := range pm.Explained {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("Explained has %v", v)
		}
	}
	for _, m := range [][][]float64{pm.Coords, pm.Loadings} {
		for _, row := range m {
			for _, v := range row {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Errorf("non-finite value %v in %+v", v, pm)
				}
			}
		}
	}
}

func compareMatrix(t *testing.T, what string, got, want [][]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, want %d", what, len(got), len(want))
		return
	}
	for i := range want {
		for j := range want[i] {
			if !nearRef(got[i][j], want[i][j]) {
				t.Errorf("%s[%d][%d] = %.15g, want %.15g", what, i, j, got[i][j], want[i][j])
			}
		}
	}
}

func compareVector(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d values %v, want %d %v", what, len(got), got, len(want), want)
		return
	}
	for i := range want {
		if !nearRef(got[i], want[i]) {
			t.Errorf("%s[%d] = %.15g, want %.15g", what, i, got[i], want[i])
		}
	}
}

// PCA against numpy's SVD of the imputed, centred matrix, with the same
// sign convention applied in Python: explained variance ratios of every
// component, the first two scores and loadings, to 1e-9.
func TestPCAMapMatchesNumpyReference(t *testing.T) {
	doc := loadGeometry(t)
	for _, f := range doc.Fixtures {
		t.Run(f.Name, func(t *testing.T) {
			pm, err := PCAMap(f.positions())
			if err != nil {
				t.Fatal(err)
			}
			want := f.PCA
			if !slices.Equal(pm.Rows, want.Rows) || !slices.Equal(pm.Themes, want.Themes) {
				t.Fatalf("rows %v themes %v, want %v %v", pm.Rows, pm.Themes, want.Rows, want.Themes)
			}
			if pm.Imputed != want.Imputed {
				t.Errorf("imputed %d, want %d", pm.Imputed, want.Imputed)
			}
			compareVector(t, "Explained", pm.Explained, want.Explained)
			compareMatrix(t, "Coords", pm.Coords, want.Coords)
			compareMatrix(t, "Loadings", pm.Loadings, want.Loadings)
			checkFinite(t, pm)
			checkSignConvention(t, pm.Loadings)
		})
	}
}

// checkSignConvention: in every column, the entry of largest magnitude is
// positive.
func checkSignConvention(t *testing.T, m [][]float64) {
	t.Helper()
	for c := range 2 {
		col := make([]float64, len(m))
		for r := range m {
			col[r] = m[r][c]
		}
		if orientation(col) != 1 {
			t.Errorf("column %d breaks the sign convention: %v", c, col)
		}
	}
}

// Classical MDS against numpy (double centring and eigh) for every
// fixture and metric, after the same rows are dropped.
func TestMDSMapMatchesNumpyReference(t *testing.T) {
	doc := loadGeometry(t)
	for _, f := range doc.Fixtures {
		for _, metric := range []Metric{MetricEuclidean, MetricCosine, MetricPearson} {
			t.Run(f.Name+"/"+string(metric), func(t *testing.T) {
				want := f.Metrics[string(metric)]
				pm, err := MDSMap(ActorDistances(f.positions(), DistanceOptions{Metric: metric}))
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(pm.Rows, want.Kept) || len(pm.Dropped) != len(want.Dropped) {
					t.Fatalf("rows %v dropped %v, want %v %v", pm.Rows, pm.Dropped, want.Kept, want.Dropped)
				}
				for i, r := range pm.Dropped {
					if r != want.Dropped[i] || !strings.Contains(strings.Join(pm.Notes, "\n"), r+" is left off the map") {
						t.Errorf("dropped %v, notes %q", pm.Dropped, pm.Notes)
					}
				}
				compareMatrix(t, "Coords", pm.Coords, want.MDS.Coords)
				compareVector(t, "Explained", pm.Explained, want.MDS.Explained)
				approx := strings.Contains(strings.Join(pm.Notes, "\n"), "approximation")
				if approx != (want.MDS.NegativeShare > 0) {
					t.Errorf("negative share %g, notes %q", want.MDS.NegativeShare, pm.Notes)
				}
				if pm.Method != MapMDS || pm.Metric != metric {
					t.Errorf("method %q metric %q", pm.Method, pm.Metric)
				}
				checkFinite(t, pm)
				checkSignConvention(t, pm.Coords)
			})
		}
	}
}

// With complete data, the Euclidean (RMS) distances are the Euclidean
// distances divided by √themes: MDS recovers the PCA scores scaled by
// 1/√themes, up to rounding. An independent check of both maps.
func TestMDSOfCompleteEuclideanIsScaledPCA(t *testing.T) {
	p := geomRandomPositions(30, 6, 0, 11)
	pca, err := PCAMap(p)
	if err != nil {
		t.Fatal(err)
	}
	m, err := MDSMap(ActorDistances(p, DistanceOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	s := 1 / math.Sqrt(6)
	for c := range 2 {
		// Each map fixes its own sign from a different vector; compare
		// up to the sign of the column.
		sign := 1.0
		if pca.Coords[0][c]*m.Coords[0][c] < 0 {
			sign = -1
		}
		for r := range p.Rows {
			if d := math.Abs(sign*pca.Coords[r][c]*s - m.Coords[r][c]); d > 1e-9 {
				t.Errorf("row %d dim %d: PCA %g, MDS %g", r, c, pca.Coords[r][c]*s, m.Coords[r][c])
			}
		}
	}
	for c := range 2 {
		// Positive eigenvalues of MDS are the PCA variances × (n−1)/themes,
		// so their shares are equal.
		if math.Abs(pca.Explained[c]-m.Explained[c]) > 1e-9 {
			t.Errorf("explained %d: PCA %g, MDS %g", c, pca.Explained[c], m.Explained[c])
		}
	}
	for _, n := range m.Notes {
		if strings.Contains(n, "approximation") {
			t.Errorf("complete Euclidean distances flagged as approximate: %q", n)
		}
	}
}

// torgerson gives the eigenvalues and coordinates of gonum's
// stat/mds.TorgersonScaling, faster.
func TestTorgersonMatchesGonum(t *testing.T) {
	for _, metric := range []Metric{MetricEuclidean, MetricCosine} {
		d, _ := ActorDistances(geomRandomPositions(40, 5, 0.1, 17), DistanceOptions{Metric: metric}).DropIncomparable()
		n := len(d.Rows)
		sym := mat.NewSymDense(n, nil)
		for i := range n {
			for j := i; j < n; j++ {
				sym.SetSym(i, j, d.D[i][j])
			}
		}
		var dst mat.Dense
		want := make([]float64, n)
		k, _ := mds.TorgersonScaling(&dst, want, sym)
		eig, vecs, ok := torgerson(d.D)
		if !ok || k < 3 {
			t.Fatalf("%s: ok %v, k %d", metric, ok, k)
		}
		compareVector(t, string(metric)+" eigenvalues", eig, want)
		for c := range 3 {
			sign := 1.0
			if dst.At(0, c)*vecs.At(0, c) < 0 {
				sign = -1
			}
			for r := range n {
				if g, w := sign*vecs.At(r, c)*math.Sqrt(eig[c]), dst.At(r, c); math.Abs(g-w) > 1e-9 {
					t.Errorf("%s: coordinate (%d, %d) = %g, gonum %g", metric, r, c, g, w)
				}
			}
		}
	}
}

func TestPCAMapEdgeCases(t *testing.T) {
	tests := []struct {
		name      string
		rows      []string
		themes    []string
		x         [][]float64
		err       bool
		coords    [][]float64 // checked when not nil
		explained []float64   // checked when not nil
		dropped   []string
		themesOut []string
		imputed   int
		note      string // a note that must be present
	}{
		{
			name: "no rows", rows: []string{}, themes: []string{"x"}, x: [][]float64{}, err: true,
		},
		{
			name: "a single row", rows: []string{"A"}, themes: []string{"x", "y"}, x: [][]float64{{1, 2}}, err: true,
		},
		{
			name: "one row with statements, one silent", rows: []string{"A", "B"}, themes: []string{"x"},
			x: [][]float64{{1}, {na}}, err: true,
		},
		{
			name: "a single theme gives a line", rows: []string{"A", "B", "C"}, themes: []string{"x"},
			x:         [][]float64{{-1}, {0}, {2}},
			coords:    [][]float64{{-4.0 / 3, 0}, {-1.0 / 3, 0}, {5.0 / 3, 0}},
			explained: []float64{1},
			themesOut: []string{"x"},
			note:      "single theme",
		},
		{
			name: "two rows differ along one direction", rows: []string{"A", "B"}, themes: []string{"x", "y"},
			x:         [][]float64{{1, 1}, {-1, -1}},
			coords:    [][]float64{{math.Sqrt2, 0}, {-math.Sqrt2, 0}},
			explained: []float64{1, 0},
			themesOut: []string{"x", "y"},
			note:      "single direction",
		},
		{
			name: "identical rows give a single point", rows: []string{"A", "B", "C"}, themes: []string{"x", "y"},
			x:         [][]float64{{0.1, 1}, {0.1, 1}, {0.1, 1}},
			coords:    [][]float64{{0, 0}, {0, 0}, {0, 0}},
			explained: []float64{},
			themesOut: []string{"x", "y"},
			note:      "identical positions",
		},
		{
			name: "silent rows and empty themes are dropped", rows: []string{"A", "B", "C", "D"}, themes: []string{"x", "y", "z"},
			x:         [][]float64{{1, na, na}, {na, na, na}, {-1, na, 1}, {0, na, na}},
			dropped:   []string{"B"},
			themesOut: []string{"x", "z"},
			imputed:   2,
			note:      "nobody made a statement on y",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pm, err := PCAMap(Positions{Rows: tt.rows, Themes: tt.themes, X: tt.x})
			if tt.err {
				if err == nil || !errors.Is(err, ErrTooFewRows) || !strings.Contains(err.Error(), "at least 2 actors") {
					t.Fatalf("error %v, want one wrapping ErrTooFewRows", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkFinite(t, pm)
			if tt.coords != nil {
				for i := range tt.coords {
					for j := range tt.coords[i] {
						if math.Abs(pm.Coords[i][j]-tt.coords[i][j]) > 1e-12 {
							t.Errorf("Coords = %v, want %v", pm.Coords, tt.coords)
						}
					}
				}
			}
			if tt.explained != nil {
				if len(pm.Explained) != len(tt.explained) {
					t.Errorf("Explained = %v, want %v", pm.Explained, tt.explained)
				}
				for i := range tt.explained {
					if i < len(pm.Explained) && math.Abs(pm.Explained[i]-tt.explained[i]) > 1e-12 {
						t.Errorf("Explained = %v, want %v", pm.Explained, tt.explained)
					}
				}
			}
			if !slices.Equal(pm.Dropped, tt.dropped) {
				t.Errorf("Dropped = %v, want %v", pm.Dropped, tt.dropped)
			}
			if !slices.Equal(pm.Themes, tt.themesOut) {
				t.Errorf("Themes = %v, want %v", pm.Themes, tt.themesOut)
			}
			if pm.Imputed != tt.imputed {
				t.Errorf("Imputed = %d, want %d", pm.Imputed, tt.imputed)
			}
			if tt.note != "" && !strings.Contains(strings.Join(pm.Notes, "\n"), tt.note) {
				t.Errorf("Notes %q lack %q", pm.Notes, tt.note)
			}
			if len(pm.Coords) != len(pm.Rows) || len(pm.Loadings) != len(pm.Themes) {
				t.Errorf("shapes: %d coords for %d rows, %d loadings for %d themes", len(pm.Coords), len(pm.Rows), len(pm.Loadings), len(pm.Themes))
			}
		})
	}
}

func TestMDSMapEdgeCases(t *testing.T) {
	dist := func(rows []string, d [][]float64) Distances {
		out := Distances{Rows: rows, Metric: MetricEuclidean, MinOverlap: 2, D: d}
		for i := range d {
			out.Shared = append(out.Shared, make([]int, len(d)))
			st := make([]PairStatus, len(d))
			for j := range d {
				out.Shared[i][j] = 2
				if math.IsNaN(d[i][j]) {
					st[j] = PairFewShared
					out.Shared[i][j] = 1
				}
			}
			out.Status = append(out.Status, st)
		}
		return out
	}
	t.Run("two rows give a line", func(t *testing.T) {
		pm, err := MDSMap(dist([]string{"A", "B"}, [][]float64{{0, 2}, {2, 0}}))
		if err != nil {
			t.Fatal(err)
		}
		checkFinite(t, pm)
		if math.Abs(pm.Coords[0][0]-1) > 1e-12 || math.Abs(pm.Coords[1][0]+1) > 1e-12 || pm.Coords[0][1] != 0 || pm.Coords[1][1] != 0 {
			t.Errorf("Coords = %v", pm.Coords)
		}
		if len(pm.Explained) != 1 || math.Abs(pm.Explained[0]-1) > 1e-12 {
			t.Errorf("Explained = %v", pm.Explained)
		}
	})
	t.Run("all distances 0 give a point", func(t *testing.T) {
		pm, err := MDSMap(dist([]string{"A", "B", "C"}, [][]float64{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}))
		if err != nil {
			t.Fatal(err)
		}
		checkFinite(t, pm)
		if len(pm.Explained) != 0 || pm.Coords[2][1] != 0 || !strings.Contains(strings.Join(pm.Notes, " "), "single point") {
			t.Errorf("got %+v", pm)
		}
	})
	t.Run("nothing comparable", func(t *testing.T) {
		_, err := MDSMap(dist([]string{"A", "B"}, [][]float64{{0, na}, {na, 0}}))
		if !errors.Is(err, ErrTooFewRows) || !strings.Contains(err.Error(), "not comparable") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("a single row", func(t *testing.T) {
		_, err := MDSMap(dist([]string{"A"}, [][]float64{{0}}))
		if !errors.Is(err, ErrTooFewRows) || !strings.Contains(err.Error(), "only A") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("the row with most missing pairs goes", func(t *testing.T) {
		pm, err := MDSMap(dist([]string{"A", "B", "C", "D"}, [][]float64{
			{0, 1, 2, na},
			{1, 0, 1.5, na},
			{2, 1.5, 0, 1},
			{na, na, 1, 0},
		}))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(pm.Dropped, []string{"D"}) || !slices.Equal(pm.Rows, []string{"A", "B", "C"}) {
			t.Errorf("dropped %v, rows %v", pm.Dropped, pm.Rows)
		}
	})
	t.Run("ties drop the smallest id", func(t *testing.T) {
		pm, err := MDSMap(dist([]string{"B", "A", "C"}, [][]float64{
			{0, na, 1},
			{na, 0, 1},
			{1, 1, 0},
		}))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(pm.Dropped, []string{"A"}) {
			t.Errorf("dropped %v", pm.Dropped)
		}
	})
}

func TestMapPositions(t *testing.T) {
	p := geomRandomPositions(10, 4, 0.1, 5)
	for _, tt := range []struct {
		opt    MapOptions
		method MapMethod
		err    bool
	}{
		{MapOptions{}, MapPCA, false},
		{MapOptions{Method: "PCA"}, MapPCA, false},
		{MapOptions{Method: "mds"}, MapMDS, false},
		{MapOptions{Method: "mds", Metric: "cosine", MinOverlap: 3}, MapMDS, false},
		{MapOptions{Method: "tsne"}, "", true},
		{MapOptions{Method: "mds", Metric: "manhattan"}, "", true},
	} {
		pm, err := MapPositions(p, tt.opt)
		if tt.err {
			if !errors.Is(err, ErrOption) {
				t.Errorf("%+v: error %v, want ErrOption", tt.opt, err)
			}
			continue
		}
		if err != nil || pm.Method != tt.method {
			t.Errorf("%+v: method %q, error %v", tt.opt, pm.Method, err)
		}
	}
}

// Negating every stance mirrors the map: the sign convention is applied
// to the loadings, which do not change, so the scores change sign.
func TestPCASignConventionIsDeterministic(t *testing.T) {
	p := geomRandomPositions(20, 5, 0.2, 8)
	a, err := PCAMap(p)
	if err != nil {
		t.Fatal(err)
	}
	neg := Positions{Rows: p.Rows, Themes: p.Themes}
	for _, row := range p.X {
		r := make([]float64, len(row))
		for i, v := range row {
			r[i] = -v
		}
		neg.X = append(neg.X, r)
	}
	b, err := PCAMap(neg)
	if err != nil {
		t.Fatal(err)
	}
	for r := range a.Coords {
		for c := range 2 {
			if math.Abs(a.Coords[r][c]+b.Coords[r][c]) > 1e-9 {
				t.Fatalf("row %d dim %d: %g and %g", r, c, a.Coords[r][c], b.Coords[r][c])
			}
		}
	}
	for i := range a.Loadings {
		for c := range 2 {
			if math.Abs(a.Loadings[i][c]-b.Loadings[i][c]) > 1e-9 {
				t.Fatalf("loading %d/%d: %g and %g", i, c, a.Loadings[i][c], b.Loadings[i][c])
			}
		}
	}
}

func TestOrientation(t *testing.T) {
	for _, tt := range []struct {
		v    []float64
		want float64
	}{
		{[]float64{0.1, -0.9, 0.3}, -1},
		{[]float64{0.1, 0.9, -0.3}, 1},
		{[]float64{-0.5, 0.5}, -1},        // a tie: the first decides
		{[]float64{0.5, -0.5 - 1e-12}, 1}, // within 1e-9: still a tie
		{[]float64{0, 0}, 1},
		{nil, 1},
	} {
		if got := orientation(tt.v); got != tt.want {
			t.Errorf("orientation(%v) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func ExamplePCAMap() {
	p := Positions{
		Rows:   []string{"CHN", "GBR", "RUS", "USA"},
		Themes: []string{"sovereignty", "openness", "multistakeholder"},
		X: [][]float64{
			{2, -1.5, -1},
			{-1, 2, 2},
			{1.5, -2, math.NaN()},
			{-1.5, 1.5, 2},
		},
	}
	pm, err := PCAMap(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, r := range pm.Rows {
		fmt.Printf("%s %5.2f %5.2f\n", r, pm.Coords[i][0], pm.Coords[i][1])
	}
	fmt.Printf("first component: %.0f%% of the variance\n", 100*pm.Explained[0])
	fmt.Println(pm.Notes[0])
	// Output:
	// CHN -2.73  0.36
	// GBR  2.77  0.35
	// RUS -2.77 -0.35
	// USA  2.73 -0.36
	// first component: 98% of the variance
	// 1 of the 12 cells (8%) had no statement; they were estimated from the actors' other positions by regularised iterative PCA (Josse & Husson 2012), not set to the theme's mean, so an actor heard on one theme is not pulled to the centre
}

// TestPCAMapOneThemeActorOffCentre: an actor heard only on sovereignty,
// at +2, sits with the others who hold +2 there, far from the origin; mean
// imputation put it at the centre of every other theme, near the origin.
func TestPCAMapOneThemeActorOffCentre(t *testing.T) {
	nan := math.NaN()
	p := Positions{
		Rows:   []string{"A", "B", "C", "D", "E", "F", "CHN"},
		Themes: []string{"sovereignty", "openness", "multistakeholder", "law"},
		X: [][]float64{
			{2, -2, -1.5, 1.5}, {1.5, -1.5, -2, 2}, {2, -1.5, -2, 1},
			{-2, 2, 1.5, -1.5}, {-1.5, 2, 2, -2}, {-2, 1.5, 1.5, -1},
			{2, nan, nan, nan},
		},
	}
	pm, err := PCAMap(p)
	if err != nil {
		t.Fatal(err)
	}
	r := func(i int) float64 { return math.Hypot(pm.Coords[i][0], pm.Coords[i][1]) }
	// The others lie about 3.4 from the origin; CHN must be at least half
	// as far, on the side of A, B and C.
	if r(6) < 0.5*r(0) || pm.Coords[6][0]*pm.Coords[0][0] <= 0 {
		t.Errorf("CHN at (%.2f, %.2f), A at (%.2f, %.2f): pulled to the centre", pm.Coords[6][0], pm.Coords[6][1], pm.Coords[0][0], pm.Coords[0][1])
	}
}
