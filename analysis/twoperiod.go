package analysis

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// The verdicts of a ChangeCell.
const (
	VerdictMoved      = "moved"
	VerdictStayed     = "stayed"
	VerdictCannotTell = "cannot tell"
)

// DefaultChangeLevel is the confidence of a PeriodChange's intervals and
// DefaultStayMargin the change below which a row is said to have stayed.
const (
	DefaultChangeLevel = 0.95
	DefaultStayMargin  = 1.0
	// PriorDF is how many degrees of freedom the theme's pooled variance
	// weighs in each cell's moderated variance (see PeriodChange).
	PriorDF = 4.0
)

// PeriodChangeOptions choose the two periods a PeriodChange compares and
// the evidence its verdicts need. The zero value of each field stands for
// the default given with it.
type PeriodChangeOptions struct {
	// From and To are the labels of the two periods (--compare-periods),
	// as the period matrices print them ("2000–2004"; a hyphen for the
	// en dash, spaces and case do not matter). Both empty: the first and
	// the last period with at least one cell of MinStatements statements.
	From, To string
	// MinStatements is the number of statements a cell needs in each
	// period for its change to get a verdict other than "cannot tell"
	// (--min-statements): DefaultMinStatements.
	MinStatements int
	// Level is the confidence of each cell's interval: 0.95.
	Level float64
	// Margin is the largest change, in stance points, that still counts as
	// staying put: a cell "stayed" when its whole interval lies within
	// ±Margin. 1 (one step of the −2..+2 scale) by default.
	Margin float64
}

func (o PeriodChangeOptions) withDefaults() PeriodChangeOptions {
	if o.MinStatements <= 0 {
		o.MinStatements = DefaultMinStatements
	}
	if !(o.Level > 0 && o.Level < 1) {
		o.Level = DefaultChangeLevel
	}
	if !(o.Margin > 0) {
		o.Margin = DefaultStayMargin
	}
	return o
}

// PeriodSide is one row's position on one theme in one of the two periods.
type PeriodSide struct {
	Mean float64 `json:"mean"` // NaN when N == 0
	N    int     `json:"n"`
}

// ChangeCell is how one row's position on one theme changed from period
// A to period B.
type ChangeCell struct {
	Row   string     `json:"row"`
	Theme string     `json:"theme"`
	A     PeriodSide `json:"a"`
	B     PeriodSide `json:"b"`
	// Change is B.Mean − A.Mean, and Low, High its interval at the
	// PeriodChange's Level; NaN when either side has no statement.
	Change float64 `json:"change"`
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	// Thin is set when either side has fewer than MinStatements
	// statements: the cell is shown, and its verdict is "cannot tell".
	Thin    bool   `json:"thin"`
	Verdict string `json:"verdict"` // moved, stayed, cannot tell
}

// PeriodChange compares every row's position on every theme in two
// periods of a MatrixSet, side by side.
//
// The change of a cell is d = m_B − m_A, the difference of the row's mean
// stances in the two periods, and its interval is the normal-theory
// (Welch) one
//
//	d ± t · √(s_A²/n_A + s_B²/n_B)
//
// with n_A, n_B the statements behind each mean and s² each side's
// variance of one statement's stance, moderated towards the theme's
// pooled variance σ² (Smyth 2004, "Linear models and empirical Bayes
// methods for assessing differential expression", the prior worth
// PriorDF statements' degrees of freedom):
//
//	s² = ((N−1)·SD² + PriorDF·σ²) / (N − 1 + PriorDF)
//	σ² = (Σ (Nᵢ−1)·SDᵢ² + 2) / (Σ (Nᵢ−1) + 2)
//
// σ² pooled over every row's cell on the theme in either period with two
// statements or more, shrunk towards 1 with two degrees of freedom as the
// findings do. t is the Student quantile at Level on the Welch–
// Satterthwaite degrees of freedom, each side having N − 1 + PriorDF.
// Why not each cell's own SD: a cell of two or three statements measures
// its spread too roughly (two equal stances would give an interval of
// width 0; a bootstrap of the cell has the same defect). Why not the
// pooled σ² alone: stances pile up at the ends of the scale, so a row
// near ±2 spreads less than one near 0, and one pooled spread makes the
// intervals of the middle rows too narrow; with thirty statements a cell's
// own spread should, and here does, dominate. Statements are counted
// whatever their weights.
//
// The verdict of a cell is "moved" when the interval excludes 0,
// "stayed" when it lies within ±Margin, and "cannot tell" otherwise, or
// whenever either side has fewer than MinStatements statements. Each
// interval holds at Level on its own: over many cells where nothing
// changed, about 1 − Level of them are expected to read "moved" (the
// findings, which allow for the number of comparisons, are stricter).
type PeriodChange struct {
	From, To      string   // the two periods' labels
	Available     []string // every period's label, in time order
	Level         float64
	Margin        float64
	MinStatements int
	// Rows are the rows with a statement in either period, in the
	// MatrixSet's order; Themes every theme of the set.
	Rows   []string
	Themes []string
	// Cells holds a cell for every row and theme with a statement in
	// either period, rows first, then themes, in order.
	Cells []ChangeCell
	// Sigma2 is each theme's pooled variance; DF its degrees of freedom.
	Sigma2 []float64
	DF     []float64
	// Moved, Stayed and CannotTell count the cells of each verdict.
	Moved, Stayed, CannotTell int
	// Default is set when the periods were chosen by default.
	Default bool
}

// normPeriod is how a period label is matched: case, spaces and the kind
// of dash do not matter.
func normPeriod(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("–", "-", "—", "-", " ", "", "..", "-").Replace(s)
	return s
}

// ParseComparePeriods reads --compare-periods, two period labels joined
// by a comma ("2000-2004,2020-2024"). Empty gives two empty labels (the
// default periods).
func ParseComparePeriods(s string) (from, to string, err error) {
	if strings.TrimSpace(s) == "" {
		return "", "", nil
	}
	parts := strings.Split(s, ",")
	if len(parts) != 2 || strings.TrimSpace(parts[0]) == "" || strings.TrimSpace(parts[1]) == "" {
		return "", "", &OptionError{Option: "compare-periods", Value: s, Msg: "expected two periods joined by a comma, such as 2000-2004,2020-2024"}
	}
	return strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]), nil
}

// ComparePeriods computes the PeriodChange between two periods of set. An
// unknown period, or the same period twice, is an *OptionError naming
// the periods available; fewer than two periods in the set is an error
// too.
func ComparePeriods(set *MatrixSet, opt PeriodChangeOptions) (*PeriodChange, error) {
	opt = opt.withDefaults()
	if set == nil {
		return nil, fmt.Errorf("no period matrices to compare")
	}
	pc := &PeriodChange{Level: opt.Level, Margin: opt.Margin, MinStatements: opt.MinStatements, Themes: set.Themes}
	for _, m := range set.Matrices {
		pc.Available = append(pc.Available, m.Period.Label)
	}
	value := opt.From + "," + opt.To
	if len(set.Matrices) < 2 {
		if opt.From != "" || opt.To != "" {
			return nil, &OptionError{Option: "compare-periods", Value: value,
				Msg: fmt.Sprintf("the analysis has %s; split time with --period (such as --period year, or ranges)", periodsPhrase(pc.Available))}
		}
		return nil, fmt.Errorf("comparing two periods needs at least two; the analysis has %s", periodsPhrase(pc.Available))
	}
	a, b := -1, -1
	if opt.From == "" && opt.To == "" {
		pc.Default = true
		for k := range set.Matrices {
			if hasEnough(&set.Matrices[k], opt.MinStatements) {
				if a < 0 {
					a = k
				}
				b = k
			}
		}
		if a < 0 || a == b {
			return nil, fmt.Errorf("comparing two periods needs two with a cell of %d statements or more; %s", opt.MinStatements,
				map[bool]string{true: "none has", false: "only " + set.Matrices[max(a, 0)].Period.Label + " has"}[a < 0])
		}
	} else {
		find := func(label string) (int, error) {
			for k, m := range set.Matrices {
				if normPeriod(m.Period.Label) == normPeriod(label) {
					return k, nil
				}
			}
			return -1, &OptionError{Option: "compare-periods", Value: value,
				Msg: fmt.Sprintf("no period %q; the periods are %s", label, strings.Join(pc.Available, ", "))}
		}
		var err error
		if a, err = find(opt.From); err != nil {
			return nil, err
		}
		if b, err = find(opt.To); err != nil {
			return nil, err
		}
		if a == b {
			return nil, &OptionError{Option: "compare-periods", Value: value, Msg: "the two periods are the same; give two different ones"}
		}
	}
	ma, mb := &set.Matrices[a], &set.Matrices[b]
	pc.From, pc.To = ma.Period.Label, mb.Period.Label

	pc.Sigma2 = make([]float64, len(set.Themes))
	pc.DF = make([]float64, len(set.Themes))
	for j := range set.Themes {
		ss, df := 2.0, 2.0
		for _, m := range []*Matrix{ma, mb} {
			for i := range set.Rows {
				if c := m.Cells[i][j]; c.N >= 2 && !math.IsNaN(c.SD) {
					ss += float64(c.N-1) * c.SD * c.SD
					df += float64(c.N - 1)
				}
			}
		}
		pc.Sigma2[j], pc.DF[j] = ss/df, df
	}
	for i, row := range set.Rows {
		var cells []ChangeCell
		for j, th := range set.Themes {
			x, y := ma.Cells[i][j], mb.Cells[i][j]
			if x.N == 0 && y.N == 0 {
				continue
			}
			cells = append(cells, changeCell(row, th, x, y, pc.Sigma2[j], opt))
		}
		if len(cells) == 0 {
			continue
		}
		pc.Rows = append(pc.Rows, row)
		for _, c := range cells {
			switch c.Verdict {
			case VerdictMoved:
				pc.Moved++
			case VerdictStayed:
				pc.Stayed++
			default:
				pc.CannotTell++
			}
		}
		pc.Cells = append(pc.Cells, cells...)
	}
	return pc, nil
}

func changeCell(row, theme string, x, y Cell, sigma2 float64, opt PeriodChangeOptions) ChangeCell {
	nan := math.NaN()
	c := ChangeCell{Row: row, Theme: theme, A: PeriodSide{Mean: x.Mean, N: x.N}, B: PeriodSide{Mean: y.Mean, N: y.N},
		Change: nan, Low: nan, High: nan, Verdict: VerdictCannotTell}
	if x.N == 0 {
		c.A.Mean = nan
	}
	if y.N == 0 {
		c.B.Mean = nan
	}
	c.Thin = x.N < opt.MinStatements || y.N < opt.MinStatements
	if x.N == 0 || y.N == 0 || math.IsNaN(x.Mean) || math.IsNaN(y.Mean) {
		return c
	}
	c.Change = y.Mean - x.Mean
	// Each side's moderated variance of the mean, and its degrees of
	// freedom.
	side := func(k Cell) (v, df float64) {
		own := 0.0
		if k.N >= 2 && !math.IsNaN(k.SD) {
			own = float64(k.N-1) * k.SD * k.SD
		}
		df = float64(k.N-1) + PriorDF
		return (own + PriorDF*sigma2) / df / float64(k.N), df
	}
	va, dfa := side(x)
	vb, dfb := side(y)
	se2 := va + vb
	welch := se2 * se2 / (va*va/dfa + vb*vb/dfb)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: welch}.Quantile(1 - (1-opt.Level)/2)
	half := t * math.Sqrt(se2)
	c.Low, c.High = c.Change-half, c.Change+half
	switch {
	case c.Thin:
	case c.Low > 0 || c.High < 0:
		c.Verdict = VerdictMoved
	case c.Low > -opt.Margin && c.High < opt.Margin:
		c.Verdict = VerdictStayed
	}
	return c
}

// hasEnough reports whether some cell of m has n statements or more.
func hasEnough(m *Matrix, n int) bool {
	for _, r := range m.Cells {
		for _, c := range r {
			if c.N >= n && !math.IsNaN(c.Mean) {
				return true
			}
		}
	}
	return false
}

func periodsPhrase(labels []string) string {
	switch len(labels) {
	case 0:
		return "no period"
	case 1:
		return "one period (" + labels[0] + ")"
	}
	return fmt.Sprintf("%d periods (%s)", len(labels), strings.Join(labels, ", "))
}

// Cell returns the change cell of a row and a theme.
func (pc *PeriodChange) Cell(row, theme string) (ChangeCell, bool) {
	for _, c := range pc.Cells {
		if c.Row == row && c.Theme == theme {
			return c, true
		}
	}
	return ChangeCell{}, false
}
