package analysis

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/stancemap/stancemap/data"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"
)

// Latent Semantic Scaling (LSS; Watanabe 2021, "Latent Semantic Scaling:
// A Semisupervised Text Analysis Technique for New Domains and
// Languages", Communication Methods and Measures 15(2): 81–102) places
// documents on a dimension named by a few seed words, by the words that
// keep company with the seeds.
//
//  1. Every document is cut into sentences and lower-case words; stop
//     words, words of one letter and numbers are left out. The model's
//     terms are the MaxTerms most frequent words occurring at least
//     MinCount times (ties broken alphabetically), and every seed word
//     that occurs at all.
//  2. X is the sentence × term matrix of counts. Its k leading right
//     singular vectors (X = UΣVᵀ, k = Dimensions, 300 by default as in
//     Watanabe's LSX package) give each term f a vector v_f, the f-th row
//     of V_k. They are found as the leading eigenvectors of XᵀX by a
//     randomized range finder with power iterations (Halko, Martinsson &
//     Tropp 2011, "Finding structure with randomness", SIAM Review 53(2),
//     algorithms 4.4 and 5.3), from a fixed seed, so results are the same
//     run to run; when k + Oversample reaches the number of terms the
//     decomposition is exact.
//  3. A term's polarity is its mean cosine similarity to the positive
//     seeds minus its mean cosine similarity to the negative seeds:
//
//     g_f = (1/|S⁺|) Σ_{s∈S⁺} cos(v_f, v_s) − (1/|S⁻|) Σ_{s∈S⁻} cos(v_f, v_s),
//
//     so that each end weighs the same whatever the number of its seeds
//     (LSX's seed weighting). A term whose vector is zero has polarity 0.
//  4. A document's raw score is the mean polarity of its words,
//     ŷ_d = Σ_f F_fd g_f / Σ_f F_fd over its model terms; an actor's (in a
//     period) pools its documents: Σ_d Σ_f F_fd g_f / Σ_d Σ_f F_fd.
//  5. Scores are reported standardised over the documents (LSX's
//     rescaling): position = (ŷ − mean_d ŷ_d) / sd_d ŷ_d (population sd),
//     so 0 is the average document and 1 one standard deviation of
//     documents towards the positive end.
//
// Interval: the percentile bootstrap of the pooled score, resampling the
// actor's documents with replacement (a cluster bootstrap: words of one
// speech are not independent draws), or the sentences of its only
// document when it has one; 2,000 resamples, seed 1, one stream per actor
// and period, as for statements.

// LSSOptions tune the text model; zero values take the defaults.
type LSSOptions struct {
	Dimensions int // k, default 300
	Oversample int // extra columns of the range finder, default 10
	PowerIter  int // power iterations, default 2
	MinCount   int // a term occurs at least this often, default 10
	MaxTerms   int // at most this many terms, default 10000
	Seed       uint64
	// Workers multiply the matrix at once; the result does not depend on
	// it (chunks are fixed and summed in order). Default: GOMAXPROCS.
	Workers int
}

func (o LSSOptions) withDefaults() LSSOptions {
	if o.Dimensions <= 0 {
		o.Dimensions = 300
	}
	if o.Oversample <= 0 {
		o.Oversample = 10
	}
	if o.PowerIter < 0 {
		o.PowerIter = 0
	} else if o.PowerIter == 0 {
		o.PowerIter = 2
	}
	if o.MaxTerms <= 0 {
		o.MaxTerms = 10000
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// lss gives each word its LSS polarity (NaN for words that are not
// terms of the model).
func (tc *TextCorpus) lss(axis *data.Axis, minCount int, o LSSOptions) ([]float64, *TextSummary, error) {
	if len(axis.Seeds.Positive) == 0 || len(axis.Seeds.Negative) == 0 {
		return nil, nil, &OptionError{Option: "axis", Value: axis.ID, Msg: "the axis has no seed words, so LSS cannot place texts on it (add seeds: positive: […] negative: […] to the axis in the codebook)"}
	}
	o = o.withDefaults()
	sum := &TextSummary{SeedsUsed: &Seeds{}}
	seed := map[string]bool{}
	for _, w := range axis.Seeds.Positive {
		seed[w] = true
	}
	for _, w := range axis.Seeds.Negative {
		seed[w] = true
	}
	cand := tc.candidateTerms(minCount)
	// Seeds are terms whenever they occur.
	cand = slices.DeleteFunc(cand, func(id int32) bool { return seed[tc.names[id]] })
	for id := range tc.names {
		if seed[tc.names[id]] {
			cand = append(cand, int32(id))
		}
	}
	slices.SortFunc(cand, func(a, b int32) int {
		if sa, sb := seed[tc.names[a]], seed[tc.names[b]]; sa != sb {
			if sa {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(tc.counts[b], tc.counts[a]), cmp.Compare(tc.names[a], tc.names[b]))
	})
	if len(cand) > o.MaxTerms {
		cand = cand[:o.MaxTerms]
	}
	// Terms in alphabetical order, so the matrix does not depend on the
	// order documents came in.
	slices.SortFunc(cand, func(a, b int32) int { return cmp.Compare(tc.names[a], tc.names[b]) })
	term := make([]int32, len(tc.names))
	for i := range term {
		term[i] = -1
	}
	for t, id := range cand {
		term[id] = int32(t)
	}
	// The sentence × term matrix, compressed by rows.
	x := &csr{rowEnd: make([]int, 0, len(tc.sents))}
	prev := 0
	row := map[int32]float64{}
	var ids []int32
	for _, end := range tc.sents {
		clear(row)
		ids = ids[:0]
		for _, id := range tc.tokens[prev:end] {
			if t := term[id]; t >= 0 {
				if _, ok := row[t]; !ok {
					ids = append(ids, t)
				}
				row[t]++
			}
		}
		slices.Sort(ids)
		for _, t := range ids {
			x.col = append(x.col, t)
			x.val = append(x.val, row[t])
		}
		x.rowEnd = append(x.rowEnd, len(x.col))
		prev = end
	}
	nt := len(cand)
	sum.Terms = nt
	if nt == 0 {
		return nil, nil, &OptionError{Option: "axis", Value: axis.ID, Msg: fmt.Sprintf("no word occurs %d times or more in the texts", minCount)}
	}
	k := min(o.Dimensions, nt)
	vectors := leadingEigenvectors(x, nt, k, o)
	sum.Dimensions = k
	// Polarity: mean cosine to each end's seeds.
	unit := mat.NewDense(nt, k, nil)
	for t := range nt {
		r := vectors.RawRowView(t)
		if n := floats.Norm(r, 2); n > 0 {
			floats.ScaleTo(unit.RawRowView(t), 1/n, r)
		}
	}
	dir := make([]float64, k)
	side := func(words []string, sign float64, used *[]string) {
		var found []int32
		for _, w := range words {
			if id, ok := tc.words[w]; ok && term[id] >= 0 {
				found = append(found, term[id])
				*used = append(*used, w)
			} else {
				sum.SeedsMissing = append(sum.SeedsMissing, w)
			}
		}
		for _, t := range found {
			floats.AddScaled(dir, sign/float64(len(found)), unit.RawRowView(int(t)))
		}
	}
	side(axis.Seeds.Positive, 1, &sum.SeedsUsed.Positive)
	side(axis.Seeds.Negative, -1, &sum.SeedsUsed.Negative)
	if len(sum.SeedsUsed.Positive) == 0 || len(sum.SeedsUsed.Negative) == 0 {
		return nil, nil, &OptionError{Option: "axis", Value: axis.ID, Msg: fmt.Sprintf("no seed word of one end occurs in the texts (missing: %s)", strings.Join(sum.SeedsMissing, ", "))}
	}
	value := make([]float64, len(tc.names))
	for id := range value {
		value[id] = math.NaN()
		if t := term[id]; t >= 0 {
			value[id] = floats.Dot(unit.RawRowView(int(t)), dir)
		}
	}
	sum.TopPositive, sum.TopNegative = tc.topTerms(value, minCount)
	return value, sum, nil
}

// csr is a sparse matrix compressed by rows.
type csr struct {
	rowEnd []int
	col    []int32
	val    []float64
}

// gramChunks is the fixed number of pieces XᵀX·M is summed from, so that
// the sum does not depend on how many workers compute them.
const gramChunks = 4

// gramTimes returns XᵀX·M (cols × l) without forming XᵀX: for each row x
// of X, r = x·M, then XᵀX·M += xᵀ·r.
func (x *csr) gramTimes(m *mat.Dense, workers int) *mat.Dense {
	nt, l := m.Dims()
	rows := len(x.rowEnd)
	parts := make([]*mat.Dense, gramChunks)
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(workers, 1))
	for c := range gramChunks {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out := mat.NewDense(nt, l, nil)
			r := make([]float64, l)
			lo, hi := c*rows/gramChunks, (c+1)*rows/gramChunks
			start := 0
			if lo > 0 {
				start = x.rowEnd[lo-1]
			}
			for i := lo; i < hi; i++ {
				end := x.rowEnd[i]
				if end == start {
					continue
				}
				clear(r)
				for j := start; j < end; j++ {
					floats.AddScaled(r, x.val[j], m.RawRowView(int(x.col[j])))
				}
				for j := start; j < end; j++ {
					floats.AddScaled(out.RawRowView(int(x.col[j])), x.val[j], r)
				}
				start = end
			}
			parts[c] = out
		}()
	}
	wg.Wait()
	for c := 1; c < gramChunks; c++ {
		parts[0].Add(parts[0], parts[c])
	}
	return parts[0]
}

// leadingEigenvectors returns the k leading eigenvectors of XᵀX (the
// right singular vectors of X) as the columns of an nt × k matrix, by the
// randomized range finder with power iterations (Halko et al. 2011).
func leadingEigenvectors(x *csr, nt, k int, o LSSOptions) *mat.Dense {
	l := min(k+o.Oversample, nt)
	rng := rand.New(rand.NewPCG(o.Seed, 0x4c5353))
	omega := mat.NewDense(nt, l, nil)
	raw := omega.RawMatrix().Data
	for i := range raw {
		raw[i] = rng.NormFloat64()
	}
	q := orthonormal(x.gramTimes(omega, o.Workers))
	for range o.PowerIter {
		q = orthonormal(x.gramTimes(q, o.Workers))
	}
	z := x.gramTimes(q, o.Workers)
	var b mat.Dense
	b.Mul(q.T(), z)
	bs := mat.NewSymDense(l, nil)
	for i := range l {
		for j := i; j < l; j++ {
			bs.SetSym(i, j, (b.At(i, j)+b.At(j, i))/2)
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(bs, true) {
		return mat.NewDense(nt, k, nil)
	}
	var w mat.Dense
	eig.VectorsTo(&w)
	// eigenvalues come in ascending order: the leading ones last
	top := mat.NewDense(l, k, nil)
	for j := range k {
		src := l - 1 - j
		for i := range l {
			top.Set(i, j, w.At(i, src))
		}
	}
	out := mat.NewDense(nt, k, nil)
	out.Mul(q, top)
	return out
}

// orthonormal returns an orthonormal basis of y's columns: the thin Q of
// its Householder QR (LAPACK's dgeqrf and dorgqr), overwriting y.
func orthonormal(y *mat.Dense) *mat.Dense {
	g := y.RawMatrix()
	c := g.Cols
	tau := make([]float64, c)
	work := []float64{0}
	lapack64.Geqrf(g, tau, work, -1)
	work = make([]float64, int(work[0]))
	lapack64.Geqrf(g, tau, work, len(work))
	work = []float64{0}
	lapack64.Orgqr(g, tau, work, -1)
	work = make([]float64, int(work[0]))
	lapack64.Orgqr(g, tau, work, len(work))
	return y
}
