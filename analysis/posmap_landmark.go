package analysis

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Landmark MDS settings: MDSMap switches from classical scaling, whose
// eigendecomposition of n × n costs O(n³) (13 s at 2,000 rows), to
// landmark MDS above LandmarkMDSAbove rows, with LandmarkCount landmarks.
const (
	LandmarkMDSAbove = 500
	LandmarkCount    = 100
	// landmarkDims bounds the landmark dimensions kept: distances that
	// are not Euclidean give many small positive eigenvalues, and
	// triangulating along them (a factor 1/√λ) adds noise that swamps
	// the map: keeping all 99 put the test data 120% away from classical
	// MDS, keeping 10 put it 4% away (TestLandmarkMDSCloseToClassical).
	landmarkDims = 10
)

// landmarkMDS is landmark multidimensional scaling (de Silva & Tenenbaum
// 2004, "Sparse multidimensional scaling using landmark points", Stanford
// technical report), followed by the principal-axes step the authors
// suggest, so that its axes are those of classical scaling:
//
//  1. choose k landmarks by max–min: the row farthest from row 0, then
//     again and again the row whose nearest landmark is farthest (ties:
//     the lowest index);
//  2. classical scaling of the landmarks' k × k distances: B = −½ J Δ J
//     with Δ their squared distances, B = V Λ Vᵀ; keep the p dimensions of
//     largest positive eigenvalue (above 1e-10 of the largest), at most
//     landmarkDims (10);
//  3. place every row a by distance-based triangulation,
//     x_a = −½ L♯ (δ_a − δ̄), with L♯ the rows V_c/√λ_c, δ_a the squared
//     distances from a to the landmarks and δ̄ the mean of Δ's columns
//     (landmarks land where step 2 put them);
//  4. centre the n × p coordinates X and rotate them onto their principal
//     axes: the eigenvectors of XᵀX, whose eigenvalues take the place of
//     classical scaling's.
//
// When the distances are those of points in a Euclidean space of at most
// 10 dimensions spanned by the landmarks, the result is classical
// scaling's, exactly (TestLandmarkMDSRecoversClassical); otherwise it is
// an approximation whose quality TestLandmarkMDSCloseToClassical
// measures. Cost: O(n·k) distance reads and O(n·k·p) arithmetic after the
// O(k³) and O(p³) eigenproblems.
//
// It returns the eigenvalues of XᵀX in decreasing order, the first two
// coordinate columns (each centred; nil beyond the dimensions found), the
// negative eigenvalues' and positive eigenvalues' sums of the landmarks'
// B (for the note on non-Euclidean distances), and whether the
// eigendecompositions converged.
func landmarkMDS(d [][]float64, k int) (eig []float64, cols [2][]float64, neg, pos float64, ok bool) {
	n := len(d)
	k = min(k, n)
	// 1. Max–min landmarks.
	marks := make([]int, 0, k)
	near := make([]float64, n) // distance to the nearest landmark so far
	far := 0
	for j := 1; j < n; j++ {
		if d[0][j] > d[0][far] {
			far = j
		}
	}
	for i := range near {
		near[i] = math.Inf(1)
	}
	for next := far; len(marks) < k; {
		marks = append(marks, next)
		best, bestD := -1, -1.0
		for i := range n {
			near[i] = min(near[i], d[next][i])
			if near[i] > bestD {
				best, bestD = i, near[i]
			}
		}
		if bestD <= 0 {
			break // every row coincides with a landmark
		}
		next = best
	}
	k = len(marks)
	// 2. Classical scaling of the landmarks.
	sub := make([][]float64, k)
	for a, i := range marks {
		sub[a] = make([]float64, k)
		for b, j := range marks {
			sub[a][b] = d[i][j]
		}
	}
	lam, vecs, ok := torgerson(sub)
	if !ok {
		return nil, cols, 0, 0, false
	}
	var big float64
	for _, v := range lam {
		big = max(big, math.Abs(v))
	}
	tol := max(1e-10*big, nullVariance)
	p := 0
	for _, v := range lam {
		switch {
		case v > tol:
			pos += v
			if p < landmarkDims {
				p++
			}
		case v < -tol:
			neg -= v
		}
	}
	if p == 0 {
		return nil, cols, neg, pos, true
	}
	// 3. Triangulation.
	mean := make([]float64, k)
	for a := range k {
		for b := range k {
			mean[b] += sub[a][b] * sub[a][b]
		}
	}
	for b := range mean {
		mean[b] /= float64(k)
	}
	pinv := make([][]float64, p) // L♯: p × k
	for c := range p {
		pinv[c] = make([]float64, k)
		s := 1 / math.Sqrt(lam[c])
		for b := range k {
			pinv[c][b] = vecs.At(b, c) * s
		}
	}
	x := mat.NewDense(n, p, nil)
	delta := make([]float64, k)
	for i := range n {
		for b, j := range marks {
			delta[b] = d[i][j]*d[i][j] - mean[b]
		}
		for c := range p {
			var s float64
			for b := range k {
				s += pinv[c][b] * delta[b]
			}
			x.Set(i, c, -0.5*s)
		}
	}
	// 4. Centre and rotate onto the principal axes.
	for c := range p {
		var s float64
		for i := range n {
			s += x.At(i, c)
		}
		s /= float64(n)
		for i := range n {
			x.Set(i, c, x.At(i, c)-s)
		}
	}
	var xtx mat.SymDense
	xtx.SymOuterK(1, x.T())
	var es mat.EigenSym
	if !es.Factorize(&xtx, true) {
		return nil, cols, 0, 0, false
	}
	asc := es.Values(nil)
	var ev mat.Dense
	es.VectorsTo(&ev)
	eig = make([]float64, p)
	for c := range p {
		eig[c] = asc[p-1-c]
	}
	for c := 0; c < 2 && c < p; c++ {
		axis := mat.Col(nil, p-1-c, &ev)
		col := make([]float64, n)
		for i := range n {
			var s float64
			for e := range p {
				s += x.At(i, e) * axis[e]
			}
			col[i] = s
		}
		cols[c] = col
	}
	return eig, cols, neg, pos, true
}
