package analysis

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// ErrTooFewRows is wrapped by the errors of computations that need more
// rows (actors) than they were given, such as a position map of one actor.
var ErrTooFewRows = errors.New("too few rows")

// MapMethod names how MapPositions places rows.
type MapMethod string

// The methods of MapOptions.
const (
	MapPCA MapMethod = "pca"
	MapMDS MapMethod = "mds"
)

// MapOptions tunes MapPositions. The zero value is a PCA map.
type MapOptions struct {
	// Method is MapPCA ("pca", the default for "") or MapMDS ("mds").
	Method MapMethod
	// Metric and MinOverlap are the distance MDS embeds (see
	// DistanceOptions; "" means Euclidean, 0 means 2 shared themes).
	// PCA ignores them.
	Metric     Metric
	MinOverlap int
}

// PositionMap places rows on a plane, for a scatter plot of who stands
// near whom.
type PositionMap struct {
	Method MapMethod // MapPCA or MapMDS
	Metric Metric    // MDS: the distance embedded; "" for PCA
	Rows   []string
	Themes []string // PCA: the themes kept, in order; nil for MDS
	// Coords is row × 2: the first two principal component scores (PCA)
	// or dimensions (MDS). A dimension the data cannot fill (one theme, two
	// rows, identical positions) is 0.
	Coords [][]float64
	// Explained is, for PCA, each component's share of the total variance,
	// for all min(rows, themes) components (a share of 0 for components
	// without variance); for MDS, each positive eigenvalue's share of their
	// sum. Empty when there is no variance at all.
	Explained []float64
	// Loadings is theme × 2 (PCA only): the first two component directions,
	// unit vectors over the themes (the right singular vectors, not scaled
	// by the standard deviations).
	Loadings [][]float64
	// SE is row × 2 (PCA only, set by Analyze with MapErrors): the
	// standard error of each coordinate from the sampling error of the
	// row's statements; nil when not computed.
	SE [][]float64
	// Imputed is the number of (row, theme) cells that had no value and
	// were estimated by regularised iterative PCA (PCA only).
	Imputed int
	// Dropped lists the rows that could not be placed, in the order they
	// were dropped; Notes says why.
	Dropped []string
	// DroppedThemes lists the themes that could not be used (PCA: no row
	// has a value on them).
	DroppedThemes []string
	// Notes says, in plain words, what a reader of the map should know:
	// imputation, dropped rows and themes, degenerate dimensions, distances
	// that are not exactly Euclidean.
	Notes []string
}

// MapPositions draws a position map with PCAMap or, for opt.Method "mds",
// with MDSMap on ActorDistances(p, opt.Metric, opt.MinOverlap). An unknown
// method or metric gives an error wrapping ErrOption.
func MapPositions(p Positions, opt MapOptions) (PositionMap, error) {
	switch lowerTrim(opt.Method) {
	case "", MapPCA:
		return PCAMap(p)
	case MapMDS:
		m, err := ParseMetric(string(opt.Metric))
		if err != nil {
			return PositionMap{}, err
		}
		return MDSMap(ActorDistances(p, DistanceOptions{Metric: m, MinOverlap: opt.MinOverlap}))
	}
	return PositionMap{}, &OptionError{Option: "map", Value: string(opt.Method), Msg: "expected pca or mds"}
}

// Numerical thresholds of the maps. Stances lie in [−2, 2]: a variance of
// 1e-20 is the rounding residue of identical positions, not a difference
// anyone stated.
const (
	nullVariance = 1e-20 // total variance at or below: the rows are identical
	nullShare    = 1e-12 // a component with a smaller share of the total carries none
	signTie      = 1e-9  // relative: values this close in magnitude tie for the sign convention
)

// PCAMap places rows by principal component analysis of the positions.
//
// Rows with no value at all are dropped (a map would put them at the
// centre, which reads as a moderate position they never stated). Themes
// with no value among the remaining rows are dropped. Every remaining
// missing cell is estimated by regularised iterative PCA (Josse & Husson
// 2012, "Handling missing values in exploratory multivariate data
// analysis methods", J. SFdS 153(2)): starting from the theme means, the
// two-component reconstruction of the matrix, its components shrunk by
// (λ − σ²)/λ with σ² the mean of the other components' variances,
// replaces the missing cells until they change by less than 1e-9 (at most
// 500 rounds). An actor heard on one theme is so placed from that theme
// and the way the themes go together, not pulled to the centre as mean
// imputation would; Imputed counts the cells and the Notes say so.
//
// The columns are centred but not scaled: all themes share one stance
// scale (−2..+2), and a theme on which actors differ more should weigh
// more. The components come from gonum's stat.PC (a thin SVD of the
// centred matrix Xc = U Σ Vᵀ): Loadings are the columns of V, scores are
// Xc V, and Explained[c] = σ_c² / Σ σ². Sign convention: a component's
// sign is arbitrary, so each is flipped, scores and loadings together, to
// make its largest loading (in absolute value) positive; among loadings
// equal in magnitude to within a relative 1e-9, the first theme's decides.
// Components with a share of variance under 1e-12 are set to 0 (scores,
// loadings and share): their directions are numerical noise.
//
// Fewer than 2 rows with statements give an error wrapping
// ErrTooFewRows. A single theme gives a line (second coordinate 0); rows
// with identical positions (a total variance under 1e-20) give a single
// point (all coordinates 0, no Explained share), with a note. No NaN or
// Inf is ever returned.
func PCAMap(p Positions) (PositionMap, error) {
	p.check()
	pm := PositionMap{Method: MapPCA, Rows: []string{}, Themes: []string{}, Coords: [][]float64{}, Explained: []float64{}, Loadings: [][]float64{}}
	var rows, themes []int
	for i, x := range p.X {
		has := false
		for _, v := range x {
			has = has || present(v)
		}
		if has {
			rows = append(rows, i)
			continue
		}
		pm.Dropped = append(pm.Dropped, p.Rows[i])
		pm.Notes = append(pm.Notes, fmt.Sprintf("%s made no statement on any theme and is left off the map", p.Rows[i]))
	}
	if len(rows) < 2 {
		return pm, tooFewForMap(len(rows), p.Rows, rows)
	}
	for t, name := range p.Themes {
		has := false
		for _, i := range rows {
			has = has || present(p.X[i][t])
		}
		if has {
			themes = append(themes, t)
			continue
		}
		pm.DroppedThemes = append(pm.DroppedThemes, name)
		pm.Notes = append(pm.Notes, fmt.Sprintf("nobody made a statement on %s; the theme is left out of the map", name))
	}
	n, nt := len(rows), len(themes)
	for _, i := range rows {
		pm.Rows = append(pm.Rows, p.Rows[i])
	}
	for _, t := range themes {
		pm.Themes = append(pm.Themes, p.Themes[t])
	}

	// Impute with the column means, then centre. The mean of an imputed
	// column is the mean of its observed values, so both use one mean.
	means := make([]float64, nt)
	for c, t := range themes {
		var s float64
		k := 0
		for _, i := range rows {
			if v := p.X[i][t]; present(v) {
				s += v
				k++
			}
		}
		means[c] = s / float64(k)
	}
	a := mat.NewDense(n, nt, nil)
	xc := mat.NewDense(n, nt, nil)
	var missing [][2]int
	for r, i := range rows {
		for c, t := range themes {
			v := p.X[i][t]
			if !present(v) {
				v = means[c]
				pm.Imputed++
				missing = append(missing, [2]int{r, c})
			}
			a.Set(r, c, v)
			xc.Set(r, c, v-means[c])
		}
	}
	if pm.Imputed > 0 {
		if err := iterativeImpute(a, missing); err != nil {
			return pm, err
		}
		for r := range n {
			for c := range nt {
				xc.Set(r, c, a.At(r, c))
			}
		}
		for c := range nt {
			col := mat.Col(nil, c, a)
			m := stat.Mean(col, nil)
			for r := range n {
				xc.Set(r, c, col[r]-m)
			}
		}
		pm.Notes = append(pm.Notes, fmt.Sprintf(
			"%d of the %d cells (%.0f%%) had no statement; they were estimated from the actors' other positions by regularised iterative PCA (Josse & Husson 2012), not set to the theme's mean, so an actor heard on one theme is not pulled to the centre",
			pm.Imputed, n*nt, 100*float64(pm.Imputed)/float64(n*nt)))
	}

	var pc stat.PC
	if !pc.PrincipalComponents(a, nil) {
		return pm, errors.New("analysis: PCA failed: the singular value decomposition did not converge")
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	vars := pc.VarsTo(nil)
	nc := len(vars)
	var scores mat.Dense
	scores.Mul(xc, &vecs)

	var total float64
	for _, v := range vars {
		total += v
	}
	pm.Coords = zeros(n, 2)
	pm.Loadings = zeros(nt, 2)
	pm.Explained = make([]float64, nc)
	if total <= nullVariance {
		pm.Explained = []float64{}
		pm.Notes = append(pm.Notes, "all the actors on the map hold identical positions: there is no variance to map, and every actor sits at the centre")
		return pm, nil
	}
	live := 0
	for c := range nc {
		share := vars[c] / total
		if share < nullShare {
			continue
		}
		live++
		pm.Explained[c] = share
		col := mat.Col(nil, c, &vecs)
		sign := orientation(col)
		if c >= 2 {
			continue
		}
		for t := range nt {
			pm.Loadings[t][c] = sign * col[t]
		}
		for r := range n {
			pm.Coords[r][c] = sign * scores.At(r, c)
		}
	}
	if live < 2 {
		why := "the actors differ along a single direction"
		if nt == 1 {
			why = "there is a single theme"
		}
		pm.Notes = append(pm.Notes, why+": the map is a line, and the second coordinate is 0")
	}
	return pm, nil
}

// tooFewForMap explains why a map cannot be drawn.
func tooFewForMap(k int, names []string, kept []int) error {
	switch k {
	case 0:
		return fmt.Errorf("analysis: a position map needs at least 2 actors with statements, and none has any: %w", ErrTooFewRows)
	default:
		return fmt.Errorf("analysis: a position map needs at least 2 actors with statements; only %s has any: %w", names[kept[0]], ErrTooFewRows)
	}
}

// orientation returns the sign (±1) that makes the value of v with the
// largest magnitude positive; among magnitudes equal to within a relative
// signTie, the first decides. 1 for a zero or empty vector.
func orientation(v []float64) float64 {
	var big float64
	for _, x := range v {
		big = max(big, math.Abs(x))
	}
	if big == 0 {
		return 1
	}
	for _, x := range v {
		if math.Abs(x) >= big*(1-signTie) {
			if x < 0 {
				return -1
			}
			return 1
		}
	}
	return 1
}

func zeros(r, c int) [][]float64 {
	back := make([]float64, r*c)
	out := make([][]float64, r)
	for i := range out {
		out[i] = back[i*c : (i+1)*c : (i+1)*c]
	}
	return out
}

// MDSMap places rows by classical (Torgerson) multidimensional scaling of
// a distance matrix (Torgerson 1952; Gower 1966): with D⁽²⁾ the squared
// distances and J = I − 11ᵀ/n, B = −½ J D⁽²⁾ J is decomposed as
// B = V Λ Vᵀ (eigenvalues in decreasing order), and the coordinates on
// dimension c are V_c √λ_c. These are the numbers of gonum's
// stat/mds.TorgersonScaling; B is formed by double centring in O(n²)
// instead of its two dense matrix products, and decomposed with gonum's
// mat.EigenSym, O(n³): about 10 ms for 200 rows, 1 s for 1,000, 13 s for
// 2,000. Above LandmarkMDSAbove (500) rows the map is drawn by landmark
// MDS instead (see landmarkMDS; a note says so): O(n) in the rows for a
// fixed number of landmarks, the same axes as classical scaling's when
// the distances are Euclidean, close to them otherwise. Explained[c] = λ_c / Σ λ⁺ over the positive eigenvalues
// (eigenvalues within 1e-10 of the largest magnitude, or under 1e-20,
// count as 0). Sign convention: each dimension is flipped so that its
// coordinate of largest magnitude is positive (ties within a relative
// 1e-9: the first row's decides).
//
// Rows with a not-comparable pair cannot be embedded: the fewest are
// dropped, greedily, as Distances.DropIncomparable does, and Dropped and
// Notes say which and why. When the distances are not exactly Euclidean
// (pairwise deletion, cosine and Pearson distances), B has negative
// eigenvalues: the map is then an approximation, and a note says how far
// (the negative eigenvalues' sum as a share of the positive ones').
//
// Fewer than 2 rows left give an error wrapping ErrTooFewRows. Two rows,
// or distances of one dimension, give a line (second coordinate 0); all
// distances 0 give a single point with no Explained share. No NaN or Inf
// is ever returned.
func MDSMap(d Distances) (PositionMap, error) {
	kept, dropped := d.DropIncomparable()
	pm := PositionMap{Method: MapMDS, Metric: d.Metric, Rows: append([]string{}, kept.Rows...), Coords: [][]float64{}, Explained: []float64{}}
	for _, dr := range dropped {
		pm.Dropped = append(pm.Dropped, dr.Row)
		pm.Notes = append(pm.Notes, fmt.Sprintf("%s is left off the map: %s", dr.Row, dr.Reason))
	}
	n := len(kept.Rows)
	if n < 2 {
		msg := "analysis: a position map needs at least 2 actors that can be compared with each other"
		switch {
		case len(dropped) > 0:
			msg += fmt.Sprintf("; %d of %d were left out as not comparable (%s)", len(dropped), len(d.Rows), dropped[0].Reason)
		case n == 1:
			msg += "; there is only " + kept.Rows[0]
		default:
			msg += "; there is none"
		}
		return pm, fmt.Errorf("%s: %w", msg, ErrTooFewRows)
	}
	var (
		eig      []float64
		cols     [2][]float64
		neg, pos float64
		ok       bool
	)
	if n > LandmarkMDSAbove {
		eig, cols, neg, pos, ok = landmarkMDS(kept.D, LandmarkCount)
		pm.Notes = append(pm.Notes, fmt.Sprintf(
			"with %d actors the map is drawn by landmark MDS (de Silva & Tenenbaum 2004): classical MDS of %d landmark actors, the others placed from their distances to them; classical MDS of every actor would take minutes", n, min(n, LandmarkCount)))
	} else {
		var vecs *mat.Dense
		eig, vecs, ok = torgerson(kept.D)
		if ok {
			tol := eigenTolerance(eig)
			for _, v := range eig {
				switch {
				case v > tol:
					pos += v
				case v < -tol:
					neg -= v
				}
			}
			for c := 0; c < 2 && c < n && eig[c] > tol; c++ {
				cols[c] = mat.Col(nil, c, vecs)
				for r := range cols[c] {
					cols[c][r] *= math.Sqrt(eig[c])
				}
			}
		}
	}
	if !ok {
		return pm, errors.New("analysis: MDS failed: the eigendecomposition did not converge")
	}
	pm.Coords = zeros(n, 2)
	if pos == 0 {
		pm.Notes = append(pm.Notes, "all the actors on the map are at distance 0 from each other: the map is a single point")
		return pm, nil
	}
	tol := eigenTolerance(eig)
	var share float64
	for _, v := range eig {
		if v > tol {
			share += v
		}
	}
	for _, v := range eig {
		if v > tol {
			pm.Explained = append(pm.Explained, v/share)
		}
	}
	for c, col := range cols {
		if col == nil || eig[c] <= tol {
			continue
		}
		sign := orientation(col)
		for r := range n {
			pm.Coords[r][c] = sign * col[r]
		}
	}
	if len(pm.Explained) < 2 {
		pm.Notes = append(pm.Notes, "the distances fit on a line: the second coordinate is 0")
	}
	if neg > 0 {
		pm.Notes = append(pm.Notes, fmt.Sprintf(
			"the %s distances are not exactly those of points on a plane or in space (negative eigenvalues sum to %.1f%% of the positive ones): the map is an approximation",
			d.Metric, 100*neg/pos))
	}
	return pm, nil
}

// eigenTolerance is the magnitude under which an eigenvalue of a scaling
// counts as 0: 1e-10 of the largest magnitude, and at least 1e-20.
func eigenTolerance(eig []float64) float64 {
	var big float64
	for _, v := range eig {
		big = max(big, math.Abs(v))
	}
	return max(1e-10*big, nullVariance)
}

// torgerson is classical scaling's eigenproblem: with D⁽²⁾ the squared
// distances, B = −½ J D⁽²⁾ J (J = I − 11ᵀ/n) is computed in O(n²) by
// double centring, B_ij = −½ (D⁽²⁾_ij − r_i − r_j + g) with r the row
// means and g the grand mean of D⁽²⁾, and decomposed with gonum's
// mat.EigenSym. It returns the eigenvalues in decreasing order and the
// matching unit eigenvectors as columns. This is what gonum's
// stat/mds.TorgersonScaling computes (TestTorgersonMatchesGonum checks
// it), without its dense n × n matrix products, which take most of its
// time (6 s of 7 s at 1,000 rows).
func torgerson(d [][]float64) (eig []float64, vecs *mat.Dense, ok bool) {
	n := len(d)
	sq := make([]float64, n*n)
	row := make([]float64, n)
	var grand float64
	for i := range n {
		for j := range n {
			v := d[i][j] * d[i][j]
			sq[i*n+j] = v
			row[i] += v
		}
		row[i] /= float64(n)
		grand += row[i]
	}
	grand /= float64(n)
	b := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			b.SetSym(i, j, -0.5*(sq[i*n+j]-row[i]-row[j]+grand))
		}
	}
	var es mat.EigenSym
	if !es.Factorize(b, true) {
		return nil, nil, false
	}
	asc := es.Values(nil)
	var v mat.Dense
	es.VectorsTo(&v)
	eig = make([]float64, n)
	vecs = mat.NewDense(n, n, nil)
	for c := range n {
		eig[c] = asc[n-1-c]
		for r := range n {
			vecs.Set(r, c, v.At(r, n-1-c))
		}
	}
	return eig, vecs, true
}

// iterativeImpute fills the missing cells of a (filled with the column
// means to start) by regularised iterative PCA with two components; see
// PCAMap.
func iterativeImpute(a *mat.Dense, missing [][2]int) error {
	n, nt := a.Dims()
	const S = 2
	if nt <= S || n <= S {
		return nil // two components reproduce the matrix: nothing to learn
	}
	means := make([]float64, nt)
	col := make([]float64, n)
	xc := mat.NewDense(n, nt, nil)
	var svd mat.SVD
	var vecs mat.Dense
	for range 500 {
		for c := range nt {
			mat.Col(col, c, a)
			means[c] = stat.Mean(col, nil)
			for r := range n {
				xc.Set(r, c, col[r]-means[c])
			}
		}
		// The principal components of a are those of xc, its centred
		// copy: stat.PC centres the columns the same way, then takes the
		// thin SVD with U, which is n × nt and not used here. Asking for
		// V alone gives the same V and values, bit for bit (gonum's
		// Dgesvd takes the same steps for them), at a fraction of the
		// cost on 10,000 rows.
		if !svd.Factorize(xc, mat.SVDThinV) {
			return errors.New("analysis: PCA failed: the singular value decomposition did not converge")
		}
		vecs.Reset()
		svd.VTo(&vecs)
		vars := svd.Values(nil)
		for k, v := range vars {
			vars[k] = 1 / float64(n-1) * v * v // as stat.PC.VarsTo
		}
		noise := 0.0
		if len(vars) > S {
			for _, v := range vars[S:] {
				noise += v
			}
			noise /= float64(len(vars) - S)
		}
		change := 0.0
		for _, rc := range missing {
			r, c := rc[0], rc[1]
			v := means[c]
			for k := range min(S, len(vars)) {
				if vars[k] <= nullVariance {
					continue
				}
				score := 0.0
				for t := range nt {
					score += xc.At(r, t) * vecs.At(t, k)
				}
				v += score * vecs.At(c, k) * max(0, vars[k]-noise) / vars[k]
			}
			v = max(-2, min(2, v))
			change = max(change, math.Abs(v-a.At(r, c)))
			a.Set(r, c, v)
		}
		if change < 1e-9 {
			break
		}
	}
	return nil
}

// MapErrors sets pm.SE for a PCA map drawn from matrix m: a row's score on
// component c is Σₜ Lₜ꜀ (xₜ − x̄ₜ), so with the loadings taken as fixed
// its variance is Σₜ Lₜ꜀² σₜ²/nₜ over the themes it spoke on, nₜ its
// statements there and σₜ² the pooled within-cell variance of a stance
// on the theme, (Σ (n−1) SD² + 2) / (Σ (n−1) + 2) (shrunk towards 1 with
// two degrees of freedom, as the findings do). Estimated cells add
// uncertainty this leaves out. MDS maps get no SE.
func MapErrors(pm *PositionMap, m Matrix) {
	if pm.Method != MapPCA || len(pm.Loadings) == 0 {
		return
	}
	tj := make([]int, len(pm.Themes))
	for k, th := range pm.Themes {
		tj[k] = slices.Index(m.Themes, th)
	}
	sigma2 := make([]float64, len(pm.Themes))
	for k, j := range tj {
		ss, df := 2.0, 2.0
		for i := range m.Rows {
			if c := m.Cells[i][j]; c.N > 1 && !math.IsNaN(c.SD) {
				ss += float64(c.N-1) * c.SD * c.SD
				df += float64(c.N - 1)
			}
		}
		sigma2[k] = ss / df
	}
	pm.SE = zeros(len(pm.Rows), 2)
	for r, row := range pm.Rows {
		i := slices.Index(m.Rows, row)
		if i < 0 {
			continue
		}
		for c := range 2 {
			v := 0.0
			for k, j := range tj {
				if cell := m.Cells[i][j]; j >= 0 && cell.N > 0 {
					v += pm.Loadings[k][c] * pm.Loadings[k][c] * sigma2[k] / float64(cell.N)
				}
			}
			pm.SE[r][c] = math.Sqrt(v)
		}
	}
}
