package analysis

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// DefaultAlpha is the Esteban–Ray sensitivity used when none is given:
// 1.6, the upper end of the range (0, 1.6] for which Esteban and Ray
// (1994) prove their axioms, giving most weight to the clustering of
// actors into opposed camps.
const DefaultAlpha = 1.6

// ThemePolarisation says how divided the rows of one period are on one
// theme, computed over the rows' mean stances (each row counts once,
// however many statements it made). Measures that need more rows than
// there are stay NaN and Notes says why.
type ThemePolarisation struct {
	Theme string
	N     int // rows with a mean stance on the theme

	// SD is the sample standard deviation of the means (divisor N − 1,
	// gonum stat.StdDev); NaN when N < 2.
	SD float64
	// Range is max − min of the means; NaN when N < 2.
	Range float64
	// Bimodality is Sarle's bimodality coefficient
	//
	//	BC = (g² + 1) / (κ + 3(N−1)² / ((N−2)(N−3)))
	//
	// with g the bias-corrected sample skewness and κ the bias-corrected
	// sample excess kurtosis (as scipy.stats.skew/kurtosis with
	// bias=False). Values above 5/9 ≈ 0.555 (the value of a uniform
	// distribution) suggest two camps. NaN when N < 4 or the means are all
	// equal.
	Bimodality float64
	// EstebanRay is the Esteban–Ray (1994) polarisation index over the
	// distinct mean positions yᵢ with population shares πᵢ:
	//
	//	ER = Σᵢ Σⱼ πᵢ^(1+α) πⱼ |yᵢ − yⱼ|
	//
	// normalised by its largest possible value on the stance scale — two
	// equal camps at −2 and +2, 2·(1/2)^(2+α)·4 — so it runs from 0 (all
	// rows at one position) to 1. NaN when N < 2.
	EstebanRay float64
	Notes      []string
}

// Polarisation is the polarisation of one period: per theme, in codebook
// order, and the themes ranked from most to least divided.
type Polarisation struct {
	Period Period
	Alpha  float64
	Themes []ThemePolarisation
	// Ranked lists theme ids by EstebanRay, highest first, ties by SD,
	// then by id; themes with fewer than two rows are left out.
	Ranked []string
	// Overall is the mean EstebanRay over the themes with at least two
	// rows; NaN when there is none.
	Overall float64
}

// PolarisationOf measures, for one period's matrix, how divided rows are
// on each theme. alpha ≤ 0 means DefaultAlpha.
func PolarisationOf(m Matrix, alpha float64) Polarisation {
	if !(alpha > 0) {
		alpha = DefaultAlpha
	}
	out := Polarisation{Period: m.Period, Alpha: alpha, Overall: math.NaN()}
	sum, n := 0.0, 0
	for j, th := range m.Themes {
		var xs []float64
		for i := range m.Rows {
			if c := m.Cells[i][j]; c.N > 0 && !math.IsNaN(c.Mean) {
				xs = append(xs, c.Mean)
			}
		}
		tp := themePolarisation(th, xs, alpha)
		out.Themes = append(out.Themes, tp)
		if tp.N >= 2 {
			sum += tp.EstebanRay
			n++
			out.Ranked = append(out.Ranked, th)
		}
	}
	byTheme := map[string]ThemePolarisation{}
	for _, tp := range out.Themes {
		byTheme[tp.Theme] = tp
	}
	slices.SortStableFunc(out.Ranked, func(a, b string) int {
		pa, pb := byTheme[a], byTheme[b]
		if c := cmp.Compare(pb.EstebanRay, pa.EstebanRay); c != 0 {
			return c
		}
		if c := cmp.Compare(pb.SD, pa.SD); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if n > 0 {
		out.Overall = sum / float64(n)
	}
	return out
}

func themePolarisation(theme string, xs []float64, alpha float64) ThemePolarisation {
	nan := math.NaN()
	tp := ThemePolarisation{Theme: theme, N: len(xs), SD: nan, Range: nan, Bimodality: nan, EstebanRay: nan}
	if len(xs) < 2 {
		tp.Notes = append(tp.Notes, "fewer than two rows took a position on this theme: nothing to compare")
		return tp
	}
	tp.SD = stat.StdDev(xs, nil)
	tp.Range = slices.Max(xs) - slices.Min(xs)
	tp.EstebanRay = EstebanRay(xs, alpha) / estebanRayMax(alpha)
	switch {
	case len(xs) < 4:
		tp.Notes = append(tp.Notes, "the bimodality coefficient needs at least four rows")
	case tp.Range == 0:
		tp.Notes = append(tp.Notes, "all rows hold the same position: the bimodality coefficient is undefined")
	default:
		tp.Bimodality = bimodality(xs)
	}
	return tp
}

// EstebanRay computes Σᵢ Σⱼ πᵢ^(1+α) πⱼ |yᵢ − yⱼ| over the distinct
// values yᵢ of xs with shares πᵢ, unnormalised (K = 1). Values are
// grouped when exactly equal: the index rewards camps, so two actors at
// the same position count as one camp of share 2/N.
func EstebanRay(xs []float64, alpha float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	var ys, ps []float64
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] == s[i] {
			j++
		}
		ys = append(ys, s[i])
		ps = append(ps, float64(j-i)/float64(len(s)))
		i = j
	}
	er := 0.0
	for i := range ys {
		inner := 0.0
		for j := range ys {
			inner += ps[j] * math.Abs(ys[i]-ys[j])
		}
		er += math.Pow(ps[i], 1+alpha) * inner
	}
	return er
}

// estebanRayMax is the index of two equal camps at the ends of the
// stance scale (−2 and +2): 2 · (1/2)^(1+α) · (1/2) · 4.
func estebanRayMax(alpha float64) float64 {
	return 2 * math.Pow(0.5, 1+alpha) * 0.5 * 4
}

// bimodality is Sarle's coefficient with bias-corrected skewness and
// excess kurtosis (the sample statistics G1 and G2 of Joanes & Gill 1998).
func bimodality(xs []float64) float64 {
	n := float64(len(xs))
	mean := stat.Mean(xs, nil)
	var m2, m3, m4 float64
	for _, x := range xs {
		d := x - mean
		m2 += d * d
		m3 += d * d * d
		m4 += d * d * d * d
	}
	m2, m3, m4 = m2/n, m3/n, m4/n
	g1 := m3 / math.Pow(m2, 1.5)
	G1 := g1 * math.Sqrt(n*(n-1)) / (n - 2)
	g2 := m4/(m2*m2) - 3
	G2 := (n - 1) / ((n - 2) * (n - 3)) * ((n+1)*g2 + 6)
	return (G1*G1 + 1) / (G2 + 3*(n-1)*(n-1)/((n-2)*(n-3)))
}
