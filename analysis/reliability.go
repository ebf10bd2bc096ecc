package analysis

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Reliability coefficients say how far coders who coded the same units
// agree, beyond what chance would give. They take a reliability data
// matrix: one row per coder, one column per unit, NaN where a coder did
// not code the unit (missing data).

// AlphaMetric is the difference function δ² of Krippendorff's alpha: how
// far apart two values are, according to the level of measurement.
type AlphaMetric int

const (
	// Nominal: δ²(c,k) = 0 if c = k, else 1. Values are labels.
	Nominal AlphaMetric = iota
	// Ordinal: δ²(c,k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², where n_g is
	// how often value g was used; only the order of values matters.
	Ordinal
	// Interval: δ²(c,k) = (c − k)².
	Interval
	// Ratio: δ²(c,k) = ((c − k)/(c + k))²; values must be ≥ 0.
	Ratio
)

// AlphaMetrics lists the metrics in the order reports show them.
var AlphaMetrics = []AlphaMetric{Nominal, Ordinal, Interval, Ratio}

func (m AlphaMetric) String() string {
	switch m {
	case Nominal:
		return "nominal"
	case Ordinal:
		return "ordinal"
	case Interval:
		return "interval"
	case Ratio:
		return "ratio"
	}
	return fmt.Sprintf("AlphaMetric(%d)", int(m))
}

// ParseAlphaMetric reads "nominal", "ordinal", "interval" or "ratio".
func ParseAlphaMetric(s string) (AlphaMetric, error) {
	for _, m := range AlphaMetrics {
		if strings.EqualFold(strings.TrimSpace(s), m.String()) {
			return m, nil
		}
	}
	return 0, fmt.Errorf("unknown level of measurement %q: use nominal, ordinal, interval or ratio", s)
}

// Coincidences is the coincidence matrix of a reliability data matrix
// (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", §B):
// the distinct values used, sorted, and O[c][k], the number of c–k pairs
// of values within units, each unit's pairs weighted by 1/(m_u − 1) where
// m_u is the number of values the unit received. Units with fewer than
// two values are not pairable and contribute nothing.
type Coincidences struct {
	Values []float64
	O      [][]float64
	// N is n_c, the row sums of O: how often each value was paired.
	N []float64
	// Total is n = Σ n_c, the number of pairable values.
	Total float64
	// Units is the number of pairable units.
	Units int
}

// CoincidenceMatrix builds the coincidence matrix of data, where data[i][u]
// is coder i's value for unit u and NaN means not coded. Rows may differ in
// length; a missing cell is NaN.
func CoincidenceMatrix(data [][]float64) *Coincidences {
	nUnits := 0
	for _, row := range data {
		nUnits = max(nUnits, len(row))
	}
	idx := map[float64]int{}
	var vals []float64
	for _, row := range data {
		for _, v := range row {
			if !math.IsNaN(v) {
				if _, ok := idx[v]; !ok {
					idx[v] = 0
					vals = append(vals, v)
				}
			}
		}
	}
	sort.Float64s(vals)
	for i, v := range vals {
		idx[v] = i
	}
	c := &Coincidences{Values: vals, O: make([][]float64, len(vals)), N: make([]float64, len(vals))}
	for i := range c.O {
		c.O[i] = make([]float64, len(vals))
	}
	counts := make([]float64, len(vals))
	for u := 0; u < nUnits; u++ {
		clear(counts)
		m := 0
		for _, row := range data {
			if u < len(row) && !math.IsNaN(row[u]) {
				counts[idx[row[u]]]++
				m++
			}
		}
		if m < 2 {
			continue
		}
		c.Units++
		w := 1 / float64(m-1)
		for a, na := range counts {
			if na == 0 {
				continue
			}
			for b, nb := range counts {
				if nb == 0 {
					continue
				}
				pairs := na * nb
				if a == b {
					pairs = na * (na - 1)
				}
				c.O[a][b] += pairs * w
			}
		}
	}
	for a := range c.O {
		for b := range c.O[a] {
			c.N[a] += c.O[a][b]
		}
		c.Total += c.N[a]
	}
	return c
}

// delta2 is the squared difference δ²(c,k) of the metric between the
// values with indexes a and b.
func (c *Coincidences) delta2(m AlphaMetric, a, b int) float64 {
	x, y := c.Values[a], c.Values[b]
	switch m {
	case Nominal:
		if a == b {
			return 0
		}
		return 1
	case Ordinal:
		lo, hi := min(a, b), max(a, b)
		s := 0.0
		for g := lo; g <= hi; g++ {
			s += c.N[g]
		}
		s -= (c.N[a] + c.N[b]) / 2
		return s * s
	case Interval:
		return (x - y) * (x - y)
	case Ratio:
		if x+y == 0 {
			return 0
		}
		d := (x - y) / (x + y)
		return d * d
	}
	return math.NaN()
}

// Alpha is Krippendorff's alpha from the coincidence matrix:
//
//	α = 1 − D_o/D_e = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck
//
// It is 1 for perfect agreement, 0 for agreement at chance level, and
// negative for systematic disagreement. It is NaN when it is undefined:
// fewer than two pairable values, or every pairable value the same
// (D_e = 0, no variation to agree on).
func (c *Coincidences) Alpha(m AlphaMetric) float64 {
	if c.Total < 2 {
		return math.NaN()
	}
	var do, de float64
	for a := range c.Values {
		for b := range c.Values {
			if a == b && m != Ordinal {
				continue
			}
			d := c.delta2(m, a, b)
			do += c.O[a][b] * d
			de += c.N[a] * c.N[b] * d
		}
	}
	if de == 0 {
		return math.NaN()
	}
	return 1 - (c.Total-1)*do/de
}

// KrippendorffAlpha computes Krippendorff's alpha of a reliability data
// matrix, data[coder][unit], NaN for values not coded, by the
// coincidence-matrix method of Krippendorff (2011). Any number of
// coders, missing data and (for Ratio) non-negative values are allowed.
// See Coincidences.Alpha for the formula and when the result is NaN. An
// error is returned only for negative values under the ratio metric.
func KrippendorffAlpha(data [][]float64, m AlphaMetric) (float64, error) {
	if m == Ratio {
		for _, row := range data {
			for _, v := range row {
				if v < 0 {
					return math.NaN(), fmt.Errorf("the ratio metric needs values ≥ 0, found %v (use interval instead)", v)
				}
			}
		}
	}
	return CoincidenceMatrix(data).Alpha(m), nil
}

// CohenKappa is Cohen's kappa for two coders on a nominal scale, over the
// units both coded (units where either value is NaN are left out):
//
//	κ = (p_o − p_e) / (1 − p_e)
//
// where p_o is the share of units on which they agree and p_e = Σ_c p_a(c)·p_b(c)
// the agreement expected from each coder's own distribution of values
// (Cohen 1960). It is NaN when no unit was coded by both, or when p_e = 1
// (both coders used one and the same value throughout). n is the number
// of units used.
func CohenKappa(a, b []float64) (kappa float64, n int) {
	ca, cb := map[float64]float64{}, map[float64]float64{}
	agree := 0.0
	for u := 0; u < min(len(a), len(b)); u++ {
		if math.IsNaN(a[u]) || math.IsNaN(b[u]) {
			continue
		}
		n++
		ca[a[u]]++
		cb[b[u]]++
		if a[u] == b[u] {
			agree++
		}
	}
	if n == 0 {
		return math.NaN(), 0
	}
	po := agree / float64(n)
	pe := 0.0
	for v, x := range ca {
		pe += x / float64(n) * cb[v] / float64(n)
	}
	if pe == 1 {
		return math.NaN(), n
	}
	return (po - pe) / (1 - pe), n
}

// PercentAgreement is the share of agreeing pairs of values among all
// pairs of values coded for the same unit, each unit weighted by its
// number of pairs: for two coders, the share of units both coded on
// which they gave the same value. Units with fewer than two values are
// left out. It is NaN when no unit has two values; pairs is the number
// of pairs compared.
func PercentAgreement(data [][]float64) (share float64, pairs int) {
	nUnits := 0
	for _, row := range data {
		nUnits = max(nUnits, len(row))
	}
	agree := 0
	var vals []float64
	for u := 0; u < nUnits; u++ {
		vals = vals[:0]
		for _, row := range data {
			if u < len(row) && !math.IsNaN(row[u]) {
				vals = append(vals, row[u])
			}
		}
		for i := range vals {
			for j := i + 1; j < len(vals); j++ {
				pairs++
				if vals[i] == vals[j] {
					agree++
				}
			}
		}
	}
	if pairs == 0 {
		return math.NaN(), 0
	}
	return float64(agree) / float64(pairs), pairs
}
