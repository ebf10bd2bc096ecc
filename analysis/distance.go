package analysis

import (
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Positions is the input of the distances, position maps and blocs: a row
// × theme matrix of mean stances, X[row][theme], NaN where the row made no
// statement on the theme. Rows are actors or groups of actors, as in the
// stance matrix it comes from. Every X[i] has len(Themes) values; a value
// that is not finite (NaN, ±Inf) counts as missing.
type Positions struct {
	Rows   []string
	Themes []string
	X      [][]float64
}

// PositionsOf reads the mean stances of a stance matrix: X[r][t] is
// m.Cells[r][t].Mean, which is NaN for an empty cell (and for a cell whose
// statements all weigh 0). Rows and Themes are copied, so the result does
// not share memory with m.
func PositionsOf(m Matrix) Positions {
	p := Positions{
		Rows:   slices.Clone(m.Rows),
		Themes: slices.Clone(m.Themes),
		X:      make([][]float64, len(m.Rows)),
	}
	for r := range m.Rows {
		row := make([]float64, len(m.Themes))
		for t := range m.Themes {
			row[t] = math.NaN()
			if r < len(m.Cells) && t < len(m.Cells[r]) {
				row[t] = m.Cells[r][t].Mean
			}
		}
		p.X[r] = row
	}
	return p
}

// present reports whether a position is a value rather than missing.
func present(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// check panics when X does not match Rows and Themes: a programming error,
// not a user's.
func (p Positions) check() {
	if len(p.X) != len(p.Rows) {
		panic(fmt.Sprintf("analysis: Positions has %d rows of values for %d row names", len(p.X), len(p.Rows)))
	}
	for i, x := range p.X {
		if len(x) != len(p.Themes) {
			panic(fmt.Sprintf("analysis: Positions row %q has %d values for %d themes", p.Rows[i], len(x), len(p.Themes)))
		}
	}
}

// Metric names a distance between two rows of positions. See ActorDistances
// for the formulas.
type Metric string

// The metrics of ActorDistances.
const (
	MetricEuclidean Metric = "euclidean" // root mean square difference, on the stance scale (0..4)
	MetricCosine    Metric = "cosine"    // 1 − cosine similarity (0..2)
	MetricPearson   Metric = "pearson"   // 1 − Pearson correlation (0..2)
)

// DefaultMinOverlap is the number of shared themes two rows need to be
// compared when DistanceOptions.MinOverlap is 0.
const DefaultMinOverlap = 2

// ParseMetric reads a metric name: "euclidean" (also "" and "rms"),
// "cosine" or "pearson" (also "correlation"); case and surrounding spaces
// are ignored. The error wraps ErrOption.
func ParseMetric(s string) (Metric, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "euclidean", "euclid", "rms":
		return MetricEuclidean, nil
	case "cosine", "cos":
		return MetricCosine, nil
	case "pearson", "correlation", "corr":
		return MetricPearson, nil
	}
	return "", &OptionError{Option: "metric", Value: s, Msg: "expected euclidean, cosine or pearson"}
}

// DistanceOptions tunes ActorDistances. The zero value is usable: Euclidean
// distance, two shared themes at least.
type DistanceOptions struct {
	// Metric is the distance; "" means MetricEuclidean.
	Metric Metric
	// MinOverlap is the number of themes two rows must both have a value
	// on to be compared (--min-overlap). 0 means DefaultMinOverlap (2); a
	// negative value means 1. Two rows with no theme in common are never
	// comparable.
	MinOverlap int
}

// PairStatus says why a distance is missing. It is a set of flags; 0
// (PairComparable) means the distance is a number. Distances.Status[i][j]
// reads from row i's side: PairRowConstant is about row i, PairOtherConstant
// about row j.
type PairStatus uint8

// The flags of PairStatus.
const (
	PairComparable    PairStatus = 0
	PairFewShared     PairStatus = 1 << 0 // fewer shared themes than MinOverlap
	PairRowConstant   PairStatus = 1 << 1 // cosine: row i is 0 on every shared theme; Pearson: row i takes one stance on every shared theme
	PairOtherConstant PairStatus = 1 << 2 // the same about row j
)

// Distances is the matrix of distances between the rows of a Positions.
type Distances struct {
	Rows       []string
	Metric     Metric
	MinOverlap int // as used: DefaultMinOverlap for a 0 option
	// D is symmetric with 0 on the diagonal. D[i][j] is NaN when rows i
	// and j are not comparable: they share fewer than MinOverlap themes,
	// or the metric is undefined on the themes they share (Status and
	// Reason say which). Never 0 for those: 0 means "same positions".
	D [][]float64
	// Shared[i][j] is the number of themes both rows have a value on;
	// Shared[i][i] is the number of themes row i has a value on.
	Shared [][]int
	// Status[i][j] says why D[i][j] is NaN; PairComparable when it is not.
	Status [][]PairStatus
}

// Comparable reports whether D[i][j] is a number. A row is always
// comparable with itself (distance 0).
func (d Distances) Comparable(i, j int) bool { return !math.IsNaN(d.D[i][j]) }

// Reason says in words why rows i and j are not comparable, or "" when
// they are. For example: "CHN and GBR share 1 theme; at least 2 are needed
// to compare them (--min-overlap)", or "cosine distance between A and B is
// undefined: A is neutral (0) on every theme it shares with B".
func (d Distances) Reason(i, j int) string {
	s := cellOf(d.Status, i, j)
	a, b := d.Rows[i], d.Rows[j]
	if s == PairComparable {
		if d.Comparable(i, j) {
			return ""
		}
		// A matrix built by hand may have NaN without a status.
		return fmt.Sprintf("the distance between %s and %s is missing", a, b)
	}
	k := cellOf(d.Shared, i, j)
	if s&PairFewShared != 0 {
		switch k {
		case 0:
			return fmt.Sprintf("%s and %s share no theme; at least %d are needed to compare them (--min-overlap)", a, b, d.MinOverlap)
		case 1:
			return fmt.Sprintf("%s and %s share 1 theme; at least %d are needed to compare them (--min-overlap)", a, b, d.MinOverlap)
		}
		return fmt.Sprintf("%s and %s share %d themes; at least %d are needed to compare them (--min-overlap)", a, b, k, d.MinOverlap)
	}
	subject := func(verb, verbs string) string {
		switch {
		case s&PairRowConstant != 0 && s&PairOtherConstant != 0:
			return fmt.Sprintf("%s and %s both %s on every theme they share", a, b, verb)
		case s&PairRowConstant != 0:
			return fmt.Sprintf("%s %s on every theme it shares with %s", a, verbs, b)
		}
		return fmt.Sprintf("%s %s on every theme it shares with %s", b, verbs, a)
	}
	if d.Metric == MetricCosine {
		return fmt.Sprintf("cosine distance between %s and %s is undefined: %s", a, b,
			subject("are neutral (0)", "is neutral (0)"))
	}
	if k == 1 {
		return fmt.Sprintf("Pearson distance between %s and %s is undefined: they share only 1 theme, and a correlation needs 2 or more", a, b)
	}
	return fmt.Sprintf("Pearson distance between %s and %s is undefined: %s, so there is no variation to correlate", a, b,
		subject("take one stance", "takes one stance"))
}

// cellOf reads m[i][j], or the zero value when a matrix built by hand
// lacks it.
func cellOf[T any](m [][]T, i, j int) T {
	var zero T
	if i < len(m) && j < len(m[i]) {
		return m[i][j]
	}
	return zero
}

// ActorDistances computes the distance between every two rows of p, with
// pairwise deletion: for rows x and y, only the k themes on which both
// have a value count.
//
//	euclidean  √( Σ (xₜ − yₜ)² / k )                 0 ≤ d ≤ 4
//	cosine     1 − Σ xₜyₜ / √( Σ xₜ² · Σ yₜ² )        0 ≤ d ≤ 2
//	pearson    1 − Σ (xₜ − x̄)(yₜ − ȳ) / √( Σ (xₜ − x̄)² · Σ (yₜ − ȳ)² )
//	           with x̄, ȳ the means over the k shared themes   0 ≤ d ≤ 2
//
// The Euclidean distance averages the squared differences over the shared
// themes before the root (the root mean square difference, i.e. the plain
// Euclidean distance divided by √k): it stays on the stance scale, so a
// distance of 1 means "one step apart per shared theme, in RMS terms", and
// two pairs that share different numbers of themes can be compared. The
// cosine distance compares directions from the neutral point 0; the
// Pearson distance compares profiles (which themes a row supports more than
// its own average), ignoring where the row stands overall. Over exactly 2
// shared themes a correlation is always +1 or −1, so Pearson distances are
// 0 or 2 there: with Pearson, a MinOverlap of 3 or more is advisable.
// With pairwise deletion, distances computed over different themes need
// not satisfy the triangle inequality (see MDSMap's note on this).
//
// A pair sharing fewer than MinOverlap themes is not comparable: D is NaN,
// never 0, and Status has PairFewShared. The cosine distance is undefined
// when a row is 0 (neutral) on every shared theme, and the Pearson distance
// when a row takes the same stance on every shared theme (a constant
// vector has no direction, or no variation): D is NaN too, and Status says
// which row is at fault; Reason puts it in words. No Inf is produced.
// Rounding can push a cosine or a correlation a hair outside [−1, 1]; the
// distance is clamped to its range. The diagonal is 0.
//
// An unknown metric panics (read user input with ParseMetric), as do rows
// whose length is not len(p.Themes). Rows with no value at all are kept:
// they are not comparable with anyone. Large inputs are computed on
// GOMAXPROCS cores; the result does not depend on their number.
func ActorDistances(p Positions, opt DistanceOptions) Distances {
	pc, opt := newPairComputer(p, opt)
	n := len(p.Rows)
	d := Distances{
		Rows:       slices.Clone(p.Rows),
		Metric:     opt.Metric,
		MinOverlap: opt.MinOverlap,
		D:          make([][]float64, n),
		Shared:     make([][]int, n),
		Status:     make([][]PairStatus, n),
	}
	dd := make([]float64, n*n)
	sh := make([]int, n*n)
	st := make([]PairStatus, n*n)
	for i := range n {
		d.D[i] = dd[i*n : (i+1)*n : (i+1)*n]
		d.Shared[i] = sh[i*n : (i+1)*n : (i+1)*n]
		d.Status[i] = st[i*n : (i+1)*n : (i+1)*n]
		c := 0
		for _, w := range pc.mask[i*pc.words : (i+1)*pc.words] {
			c += bits.OnesCount64(w)
		}
		d.Shared[i][i] = c
	}
	rowsDo(n, func(i int) {
		for j := i + 1; j < n; j++ {
			v, k, s := pc.pair(i, j)
			d.D[i][j], d.Shared[i][j], d.Status[i][j] = v, k, s
		}
	})
	d.mirror()
	return d
}

// mirror fills the lower triangle of d from the upper one. It goes tile
// by tile: writing each pair's mirror image as the pair was computed
// wrote down a column, a cache miss per pair, which at 10,000 rows cost
// more than the distances themselves.
func (d *Distances) mirror() {
	const tile = 64
	n := len(d.Rows)
	band := func(r0 int) {
		for c0 := 0; c0 <= r0; c0 += tile {
			for j := r0; j < min(r0+tile, n); j++ {
				dj, kj, sj := d.D[j], d.Shared[j], d.Status[j]
				for i := c0; i < min(c0+tile, j); i++ {
					dj[i], kj[i], sj[i] = d.D[i][j], d.Shared[i][j], swapSides(d.Status[i][j])
				}
			}
		}
	}
	// Each band of rows writes only its own rows and reads the upper
	// triangle, so bands can be filled on several cores; interleaving
	// balances the short bands at the top with the long ones below.
	bands := (n + tile - 1) / tile
	workers := min(runtime.GOMAXPROCS(0), bands/8)
	if workers <= 1 {
		for b := range bands {
			band(b * tile)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for b := w; b < bands; b += workers {
				band(b * tile)
			}
		})
	}
	wg.Wait()
}

// newPairComputer checks p and opt, fills in opt's defaults and copies
// p's values for pair.
func newPairComputer(p Positions, opt DistanceOptions) (*pairComputer, DistanceOptions) {
	p.check()
	if opt.Metric == "" {
		opt.Metric = MetricEuclidean
	}
	switch opt.Metric {
	case MetricEuclidean, MetricCosine, MetricPearson:
	default:
		panic(fmt.Sprintf("analysis: unknown distance metric %q (use ParseMetric)", opt.Metric))
	}
	switch {
	case opt.MinOverlap == 0:
		opt.MinOverlap = DefaultMinOverlap
	case opt.MinOverlap < 0:
		opt.MinOverlap = 1
	}
	n, nt := len(p.Rows), len(p.Themes)
	// Values are copied into one dense block, missing as 0 with a presence
	// mask per 64 themes, so that the inner loop reads memory in order.
	words := (nt + 63) / 64
	val := make([]float64, n*nt)
	mask := make([]uint64, n*words)
	for i, x := range p.X {
		for t, v := range x {
			if present(v) {
				val[i*nt+t] = v
				mask[i*words+t/64] |= 1 << (t % 64)
			}
		}
	}
	return &pairComputer{metric: opt.Metric, min: opt.MinOverlap, nt: nt, words: words, val: val, mask: mask}, opt
}

// upperDistances calls fn(i, row) for every row i of p, in order, with
// row[j−i−1] = ActorDistances(p, opt).D[i][j] for j > i, without the n × n
// matrix: blocks of rows are computed on GOMAXPROCS cores, and fn runs on
// the caller's goroutine. row is overwritten after fn returns. It returns
// opt with its defaults filled in, as ActorDistances does.
func upperDistances(p Positions, opt DistanceOptions, fn func(i int, row []float64)) DistanceOptions {
	pc, opt := newPairComputer(p, opt)
	n := len(p.Rows)
	const block = 256
	rows := make([][]float64, min(block, n))
	for r0 := 0; r0 < n; r0 += block {
		r1 := min(r0+block, n)
		rowsDo(r1-r0, func(b int) {
			i := r0 + b
			row := rows[b][:0]
			for j := i + 1; j < n; j++ {
				v, _, _ := pc.pair(i, j)
				row = append(row, v)
			}
			rows[b] = row
		})
		for b := range r1 - r0 {
			fn(r0+b, rows[b])
		}
	}
	return opt
}

// swapSides turns row i's view of a pair status into row j's.
func swapSides(s PairStatus) PairStatus {
	out := s &^ (PairRowConstant | PairOtherConstant)
	if s&PairRowConstant != 0 {
		out |= PairOtherConstant
	}
	if s&PairOtherConstant != 0 {
		out |= PairRowConstant
	}
	return out
}

// rowsDo calls f(i) for i in 0..n−1, for the upper triangle of an n × n
// matrix: small inputs in order, large ones spread on GOMAXPROCS workers in
// interleaved chunks, so that short and long rows balance. f must only
// write what belongs to row i's pairs (i, j > i).
func rowsDo(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/128)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	const chunk = 16
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for start := w * chunk; start < n; start += workers * chunk {
				for i := start; i < min(start+chunk, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
}

// pairComputer holds the dense copy of the positions ActorDistances reads.
type pairComputer struct {
	metric  Metric
	min, nt int
	words   int
	val     []float64
	mask    []uint64
}

// pair computes the distance, shared count and status of rows i and j.
func (pc *pairComputer) pair(i, j int) (float64, int, PairStatus) {
	mi := pc.mask[i*pc.words : (i+1)*pc.words]
	mj := pc.mask[j*pc.words : (j+1)*pc.words]
	k := 0
	for w := range mi {
		k += bits.OnesCount64(mi[w] & mj[w])
	}
	if k < pc.min || k == 0 {
		return math.NaN(), k, PairFewShared
	}
	x := pc.val[i*pc.nt : (i+1)*pc.nt]
	y := pc.val[j*pc.nt : (j+1)*pc.nt]
	both := func(t int) bool { return mi[t/64]&mj[t/64]&(1<<(t%64)) != 0 }
	switch pc.metric {
	case MetricEuclidean:
		// The shared themes are visited through the set bits of the
		// masks, in the same increasing order as a test of every theme.
		var ss float64
		for w := range mi {
			for m := mi[w] & mj[w]; m != 0; m &= m - 1 {
				t := w*64 + bits.TrailingZeros64(m)
				e := x[t] - y[t]
				ss += e * e
			}
		}
		return math.Sqrt(ss / float64(k)), k, PairComparable
	case MetricCosine:
		var sxy, sxx, syy float64
		for t := range x {
			if both(t) {
				sxy += x[t] * y[t]
				sxx += x[t] * x[t]
				syy += y[t] * y[t]
			}
		}
		// A sum of squares is 0 exactly when every term is 0.
		var s PairStatus
		if sxx == 0 {
			s |= PairRowConstant
		}
		if syy == 0 {
			s |= PairOtherConstant
		}
		if s != 0 {
			return math.NaN(), k, s
		}
		return clamp(1-sxy/math.Sqrt(sxx*syy), 0, 2), k, PairComparable
	default: // MetricPearson
		var sx, sy float64
		x0, y0 := math.NaN(), math.NaN()
		xc, yc := true, true
		for t := range x {
			if both(t) {
				if math.IsNaN(x0) {
					x0, y0 = x[t], y[t]
				}
				xc = xc && x[t] == x0
				yc = yc && y[t] == y0
				sx += x[t]
				sy += y[t]
			}
		}
		// Constancy is tested on the values, not on a computed variance:
		// the mean of three 0.1s is not exactly 0.1, and the rounding
		// residue would be read as variation.
		var s PairStatus
		if xc {
			s |= PairRowConstant
		}
		if yc {
			s |= PairOtherConstant
		}
		if s != 0 {
			return math.NaN(), k, s
		}
		mx, my := sx/float64(k), sy/float64(k)
		var sxy, sxx, syy float64
		for t := range x {
			if both(t) {
				dx, dy := x[t]-mx, y[t]-my
				sxy += dx * dy
				sxx += dx * dx
				syy += dy * dy
			}
		}
		return clamp(1-sxy/math.Sqrt(sxx*syy), 0, 2), k, PairComparable
	}
}

func clamp(v, lo, hi float64) float64 { return max(lo, min(hi, v)) }

// DroppedRow is a row left out of a computation, with the reason.
type DroppedRow struct {
	Row    string
	Reason string
}

// DropIncomparable removes rows until every remaining pair is comparable,
// greedily: it repeatedly drops the row with the most not-comparable
// pairs among the rows still kept (ties: the smallest row id, then the
// first row). Greedy removal aims at dropping few rows but is not
// guaranteed to find the smallest set (that problem is NP-hard); it is
// deterministic, and in practice drops the actors that said too little.
//
// kept is the distance matrix of the remaining rows, in their original
// order; dropped lists the removed rows in the order they were removed,
// each with a reason naming how many rows it could not be compared with
// and one example. A matrix whose pairs are all comparable is returned
// as is (sharing memory with d) with no dropped row.
func (d Distances) DropIncomparable() (kept Distances, dropped []DroppedRow) {
	n := len(d.Rows)
	bad := make([]int, n)
	total := 0
	for i := range n {
		for j := range n {
			if i != j && !d.Comparable(i, j) {
				bad[i]++
				total++
			}
		}
	}
	if total == 0 {
		return d, nil
	}
	alive := make([]bool, n)
	for i := range alive {
		alive[i] = true
	}
	remaining := n
	for {
		worst := -1
		for i := range n {
			if !alive[i] || bad[i] == 0 {
				continue
			}
			if worst < 0 || bad[i] > bad[worst] || (bad[i] == bad[worst] && d.Rows[i] < d.Rows[worst]) {
				worst = i
			}
		}
		if worst < 0 {
			break
		}
		example := -1
		for j := range n {
			if alive[j] && j != worst && !d.Comparable(worst, j) {
				example = j
				break
			}
		}
		reason := fmt.Sprintf("not comparable with %d of the %d other rows (%s)", bad[worst], remaining-1, d.Reason(worst, example))
		dropped = append(dropped, DroppedRow{Row: d.Rows[worst], Reason: reason})
		alive[worst] = false
		remaining--
		for j := range n {
			if alive[j] && !d.Comparable(worst, j) {
				bad[j]--
			}
		}
	}
	var idx []int
	for i := range n {
		if alive[i] {
			idx = append(idx, i)
		}
	}
	return d.Subset(idx), dropped
}

// Subset returns the distances among the rows idx (indices into d.Rows),
// in that order. The result does not share memory with d.
func (d Distances) Subset(idx []int) Distances {
	m := len(idx)
	out := Distances{
		Rows:       make([]string, m),
		Metric:     d.Metric,
		MinOverlap: d.MinOverlap,
		D:          make([][]float64, m),
		Shared:     make([][]int, m),
		Status:     make([][]PairStatus, m),
	}
	for a, i := range idx {
		out.Rows[a] = d.Rows[i]
		out.D[a] = make([]float64, m)
		out.Shared[a] = make([]int, m)
		out.Status[a] = make([]PairStatus, m)
		for b, j := range idx {
			out.D[a][b] = d.D[i][j]
			out.Shared[a][b] = d.Shared[i][j]
			out.Status[a][b] = d.Status[i][j]
		}
	}
	return out
}
