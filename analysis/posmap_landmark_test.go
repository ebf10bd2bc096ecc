package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// A 30 × 20 grid of unit spacing, 600 rows (above LandmarkMDSAbove, so
// MDSMap takes the landmark path). Classical scaling of exact Euclidean
// distances gives the centred points on their principal axes, which for
// a grid are its own axes, the longer first: coordinates ±(x − 14.5) and
// ±(y − 9.5). The eigenvalues are Σ(x − x̄)² = 20 · 30(30² − 1)/12 =
// 44,950 and Σ(y − ȳ)² = 30 · 20(20² − 1)/12 = 19,950, so Explained is
// 44950/64900 and 19950/64900.
func TestLandmarkMDSRecoversClassical(t *testing.T) {
	const nx, ny = 30, 20
	n := nx * ny
	rows := make([]string, n)
	pts := make([][2]float64, n)
	for i := range n {
		rows[i] = fmt.Sprintf("g%03d", i)
		pts[i] = [2]float64{float64(i % nx), float64(i / nx)}
	}
	d := zeros(n, n)
	for i := range n {
		for j := range n {
			d[i][j] = math.Hypot(pts[i][0]-pts[j][0], pts[i][1]-pts[j][1])
		}
	}
	pm, err := MDSMap(Distances{Rows: rows, D: d, Metric: MetricEuclidean})
	if err != nil {
		t.Fatal(err)
	}
	if len(pm.Notes) == 0 || !contains(pm.Notes[0], "landmark MDS") {
		t.Fatalf("notes %q: the landmark path was not taken", pm.Notes)
	}
	want := []float64{44950.0 / 64900, 19950.0 / 64900}
	if len(pm.Explained) != 2 || math.Abs(pm.Explained[0]-want[0]) > 1e-9 || math.Abs(pm.Explained[1]-want[1]) > 1e-9 {
		t.Errorf("explained %v, want %v", pm.Explained, want)
	}
	s0 := math.Copysign(1, pm.Coords[0][0]*(pts[0][0]-14.5))
	s1 := math.Copysign(1, pm.Coords[0][1]*(pts[0][1]-9.5))
	for i := range n {
		if math.Abs(pm.Coords[i][0]-s0*(pts[i][0]-14.5)) > 1e-8 || math.Abs(pm.Coords[i][1]-s1*(pts[i][1]-9.5)) > 1e-8 {
			t.Fatalf("row %d at %v: coordinates %v, want ±(%v, %v)", i, pts[i], pm.Coords[i], pts[i][0]-14.5, pts[i][1]-9.5)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// blocPositions is n actors in three blocs on nt themes (bloc centres
// ±1.2 apart, spread 0.5), a share of cells missing: stance-like data
// whose distances (pairwise deletion) are not exactly Euclidean.
func blocPositions(n, nt int, missing float64, seed uint64) Positions {
	r := rand.New(rand.NewPCG(seed, 2))
	centres := make([][]float64, 3)
	for b := range centres {
		centres[b] = make([]float64, nt)
		for t := range nt {
			centres[b][t] = 1.2 * (2*r.Float64() - 1)
		}
	}
	p := Positions{Rows: make([]string, n), Themes: make([]string, nt), X: make([][]float64, n)}
	for t := range nt {
		p.Themes[t] = fmt.Sprintf("t%02d", t)
	}
	for i := range n {
		p.Rows[i] = fmt.Sprintf("a%05d", i)
		p.X[i] = make([]float64, nt)
		for t := range nt {
			if t > 1 && r.Float64() < missing {
				p.X[i][t] = na
				continue
			}
			p.X[i][t] = max(-2, min(2, centres[i%3][t]+0.5*r.NormFloat64()))
		}
	}
	return p
}

// On 600 actors of stance-like data both methods run: landmark MDS,
// rotated onto classical MDS's coordinates by orthogonal Procrustes, lies
// within 8% of them (4% when written), and its Kruskal stress is about the same.
func TestLandmarkMDSCloseToClassical(t *testing.T) {
	d, _ := ActorDistances(blocPositions(600, 8, 0.3, 5), DistanceOptions{}).DropIncomparable()
	n := len(d.Rows)
	if n <= LandmarkMDSAbove {
		t.Fatalf("only %d rows", n)
	}
	eig, vecs, ok := torgerson(d.D)
	if !ok {
		t.Fatal("classical MDS failed")
	}
	classical := mat.NewDense(n, 2, nil)
	for c := range 2 {
		for r := range n {
			classical.Set(r, c, vecs.At(r, c)*math.Sqrt(eig[c]))
		}
	}
	pm, err := MDSMap(d)
	if err != nil {
		t.Fatal(err)
	}
	landmark := mat.NewDense(n, 2, nil)
	for r := range n {
		landmark.Set(r, 0, pm.Coords[r][0])
		landmark.Set(r, 1, pm.Coords[r][1])
	}
	// Orthogonal Procrustes: R = U Vᵀ from the SVD of Lᵀ C.
	var ltc mat.Dense
	ltc.Mul(landmark.T(), classical)
	var svd mat.SVD
	if !svd.Factorize(&ltc, mat.SVDFull) {
		t.Fatal("SVD failed")
	}
	var u, v, rot, aligned mat.Dense
	svd.UTo(&u)
	svd.VTo(&v)
	rot.Mul(&u, v.T())
	aligned.Mul(landmark, &rot)
	var diff, size float64
	for r := range n {
		for c := range 2 {
			e := aligned.At(r, c) - classical.At(r, c)
			diff += e * e
			size += classical.At(r, c) * classical.At(r, c)
		}
	}
	rel := math.Sqrt(diff / size)
	sl, sc := kruskalStress(d.D, landmark), kruskalStress(d.D, classical)
	t.Logf("relative RMS difference after Procrustes %.4f; stress landmark %.4f, classical %.4f", rel, sl, sc)
	if rel > 0.08 {
		t.Errorf("landmark MDS is %.1f%% away from classical MDS after rotation, want under 8%%", 100*rel)
	}
	if sl > 1.05*sc {
		t.Errorf("stress %.4f, classical %.4f: more than 5%% worse", sl, sc)
	}
}

// kruskalStress is √(Σ (dᵢⱼ − ‖xᵢ − xⱼ‖)² / Σ dᵢⱼ²) over pairs i < j.
func kruskalStress(d [][]float64, x *mat.Dense) float64 {
	var num, den float64
	for i := range d {
		for j := i + 1; j < len(d); j++ {
			e := d[i][j] - math.Hypot(x.At(i, 0)-x.At(j, 0), x.At(i, 1)-x.At(j, 1))
			num += e * e
			den += d[i][j] * d[i][j]
		}
	}
	return math.Sqrt(num / den)
}
