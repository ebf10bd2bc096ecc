package analysis

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// iterativeImpute takes the SVD of the centred matrix with V alone
// (mat.SVDThinV) in place of stat.PC, which also computes U. Its output is
// unchanged only if the two give the same V and variances bit for bit;
// this checks that on random matrices, tall (the QR path of Dgesvd) and
// not, with integer and continuous values, so that a gonum upgrade that
// breaks it is caught.
func TestSVDThinVMatchesPC(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n, d := 3+rng.IntN(3000), 3+rng.IntN(12)
		if trial%4 == 0 {
			n = d + rng.IntN(4) // not tall
		}
		a := mat.NewDense(n, d, nil)
		for i := range n {
			for j := range d {
				a.Set(i, j, float64(rng.IntN(5)-2)+rng.NormFloat64()*0.3*float64(trial%2))
			}
		}
		var pc stat.PC
		if !pc.PrincipalComponents(a, nil) {
			t.Fatalf("trial %d: PCA failed", trial)
		}
		var want mat.Dense
		pc.VectorsTo(&want)
		wantVars := pc.VarsTo(nil)
		xc := mat.NewDense(n, d, nil)
		for c := range d {
			col := mat.Col(nil, c, a)
			m := stat.Mean(col, nil)
			for r := range n {
				xc.Set(r, c, col[r]-m)
			}
		}
		var svd mat.SVD
		if !svd.Factorize(xc, mat.SVDThinV) {
			t.Fatalf("trial %d: SVD failed", trial)
		}
		var got mat.Dense
		svd.VTo(&got)
		if !mat.Equal(&got, &want) {
			t.Fatalf("trial %d (%d × %d): V differs:\n%v\nwant\n%v", trial, n, d, mat.Formatted(&got), mat.Formatted(&want))
		}
		for k, v := range svd.Values(nil) {
			if g := 1 / float64(n-1) * v * v; g != wantVars[k] {
				t.Fatalf("trial %d (%d × %d): variance %d = %v, want %v", trial, n, d, k, g, wantVars[k])
			}
		}
	}
}
