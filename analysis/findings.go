package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// Finding is one plain-language observation, with the statements behind
// it so that every number can be traced back to what was said.
type Finding struct {
	Kind   string   `json:"kind"` // gap, divide, consensus, mover, trend, closest, furthest, blocs
	Text   string   `json:"text"`
	Score  float64  `json:"score"` // 0..1; ranks findings, larger first
	Rows   []string `json:"rows"`
	Themes []string `json:"themes"`
	// Statements are the ids behind the finding, in corpus order, at most
	// MaxEvidence of them; StatementCount says how many there are in all.
	Statements     []string `json:"statements"`
	StatementCount int      `json:"statement_count"`
}

// MaxEvidence caps the statement ids a finding carries, so that a
// finding about a theme of a million statements stays readable.
const MaxEvidence = 25

// FindingInputs are the results findings are drawn from; nil or empty
// parts are skipped.
type FindingInputs struct {
	Corpus   *data.Corpus
	Overall  *Matrix    // the matrix over the whole time span
	Periods  *MatrixSet // the matrices per period, for trends and movers
	GroupBy  GroupBy
	Distance DistanceOptions // the metric of the blocs
	Options  FindingOptions
	// Skip* leave a kind of finding out, as AnalyzeOptions.Skip does.
	SkipPolarisation, SkipEvolution, SkipBlocs bool
}

// Bloc is a set of rows a clustering put together.
type Bloc struct {
	Label int      `json:"label"`
	Rows  []string `json:"rows"`
}

// scaleRange is the width of the stance scale, −2..+2.
const scaleRange = 4.0

// Findings ranks what stands out and holds given the sampling error of
// the statements behind it (see FindingOptions for the thresholds and the
// tests), deterministically: by score, then kind, then text. Rows with
// fewer statements than the thresholds ask for are left out of every
// finding; Evidence says which and why. When no difference between rows
// holds, a finding of kind "none" says so plainly.
//
// Scores put findings of different kinds on one scale, each from the
// conservative end of its interval: gap, the lower bound of the
// difference / 4; furthest pair, the bias-corrected distance / 4;
// closest pair, (1 − its upper bound) / 3; divide, the lower bound of the
// between-row SD / 2; consensus, (0.5 − the upper bound of that SD);
// mover, the lower bound of its largest change / 4; trend, the lower
// bound of |slope| × (periods − 1) / 4; blocs, the mean silhouette.
func Findings(in FindingInputs) ([]Finding, Evidence) {
	f := &finder{in: in, names: map[string]string{}}
	f.opt = in.Options.withDefaults()
	f.members()
	if in.Overall != nil && in.Corpus != nil {
		f.prepare()
		f.gaps()
		f.pairs()
		if !in.SkipPolarisation {
			f.divides()
		}
		if !in.SkipEvolution && in.Periods != nil {
			f.movers()
			f.trend()
		}
		if !in.SkipBlocs {
			f.blocs()
		}
		if n := f.ev.Unconfirmed; n > 0 {
			f.ev.Notes = append(f.ev.Notes, fmt.Sprintf("%d %s that the normal reading found (a divide or a mover) %s left out: a test that does not assume the normal curve did not confirm %s (few statements on a skewed scale)",
				n, data.Plural(n, "difference", "differences"), data.Plural(n, "is", "are"), data.Plural(n, "it", "them")))
		}
	}
	slices.SortStableFunc(f.out, func(a, b Finding) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		return cmp.Compare(a.Text, b.Text)
	})
	if !slices.ContainsFunc(f.out, func(x Finding) bool { return x.Kind != "consensus" }) && in.Overall != nil {
		f.out = append(f.out, Finding{Kind: "none", Text: fmt.Sprintf(
			"No reliable differences in these data: no gap, pair, divide, bloc or trend between %s holds at the %s level given the number of statements behind it",
			rowsWord(in.GroupBy), percent(f.opt.Level)), Rows: []string{}, Themes: []string{}, Statements: []string{}})
	}
	f.ev.Options = f.opt
	return f.out, f.ev
}

type finder struct {
	in     FindingInputs
	opt    FindingOptions
	ev     Evidence
	st     *findingStats
	out    []Finding
	names  map[string]string
	rowOf  map[string][]string    // actor id → the rows its statements go to
	actor  map[string]*data.Actor // actor id → the actor as it stands for grouping
	byCell map[actorTheme][]int32 // an actor's statements on a theme in the overall period, in corpus order
	nulls  map[int]*stanceNull    // theme → its exchangeable-stances null (findings_exact.go)
	devs   map[int][]float64      // theme → its pooled within-period deviations (findings_exact.go)
}

// members maps actors to rows, as StanceMatrices does.
func (f *finder) members() {
	f.rowOf = map[string][]string{}
	f.actor = map[string]*data.Actor{}
	c := f.in.Corpus
	if c == nil || c.Actors == nil {
		return
	}
	for _, id := range c.ActorIDs() {
		a, ok := c.Actors.Get(id)
		if !ok {
			continue
		}
		f.actor[id] = c.Actors.Represented(a)
		f.rowOf[id] = rowKeys(f.actor[id], f.in.GroupBy)
		if f.in.GroupBy == ByActor && a.Name != "" {
			f.names[id] = a.Name
		}
	}
}

func (f *finder) name(row string) string {
	if n, ok := f.names[row]; ok {
		return n
	}
	return row
}

// indexCells builds byCell, in one pass over the corpus shared by every
// finding, the first time it is needed.
func (f *finder) indexCells() {
	if f.byCell != nil {
		return
	}
	c := f.in.Corpus
	f.byCell = map[actorTheme][]int32{}
	for i := range c.Statements {
		s := &c.Statements[i]
		if m := f.in.Overall; m != nil && m.Period.Label != PeriodAll && !m.Period.Contains(s.Date) {
			continue
		}
		k := actorTheme{s.Actor, s.Theme}
		f.byCell[k] = append(f.byCell[k], int32(i))
	}
}

// statements lists the ids of the statements of rows (all rows when
// none is given) on themes (all themes when none is given), within the
// overall period: at most MaxEvidence, in corpus order, and how many
// there are in all.
func (f *finder) statements(rows, themes []string) ([]string, int) {
	c := f.in.Corpus
	if c == nil {
		return nil, 0
	}
	f.indexCells()
	// The first MaxEvidence statements in corpus order are each among
	// the first MaxEvidence of their own cell: only those are sorted.
	var idx []int32
	n := 0
	for k, list := range f.byCell {
		if len(rows) > 0 && !slices.ContainsFunc(f.rowOf[k.actor], func(r string) bool { return slices.Contains(rows, r) }) {
			continue
		}
		if len(themes) > 0 && !slices.Contains(themes, k.theme) {
			continue
		}
		if f.in.GroupBy == ByGroup && len(rows) > 0 {
			// A member's statements count for a group only while it belonged.
			var in []int32
			for _, i := range list {
				if f.countsFor(c.Statements[i].Actor, rows, c.Statements[i].Date) {
					in = append(in, i)
				}
			}
			list = in
		}
		n += len(list)
		idx = append(idx, list[:min(len(list), MaxEvidence)]...)
	}
	slices.Sort(idx)
	ids := make([]string, 0, min(len(idx), MaxEvidence))
	for _, i := range idx[:min(len(idx), MaxEvidence)] {
		ids = append(ids, c.Statements[i].ID)
	}
	return ids, n
}

type actorTheme struct{ actor, theme string }

// countsFor reports whether a statement of an actor on a date counts for
// one of rows: for groups, only while the actor belonged to it.
func (f *finder) countsFor(actor string, rows []string, d data.Date) bool {
	a := f.actor[actor]
	for _, r := range f.rowOf[actor] {
		if slices.Contains(rows, r) && (a == nil || f.in.GroupBy != ByGroup || a.InGroup(r, d)) {
			return true
		}
	}
	return false
}

// Signed writes a stance, or a difference of stances, for people: with
// its sign and digits decimals, zero without a sign ("0.00", never
// "-0.00"), and "–" for a value that does not exist (NaN, infinities).
func Signed(v float64, digits int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(v, 'f', digits, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	if s[0] != '-' {
		s = "+" + s
	}
	return s
}

func (f *finder) add(kind, text string, score float64, rows, themes []string) {
	ids, n := f.statements(rows, themes)
	f.out = append(f.out, Finding{Kind: kind, Text: text, Score: min(max(score, 0), 1), Rows: rows, Themes: themes,
		Statements: ids, StatementCount: n})
}

// themeMean is the mean over rows of their mean stance on a theme.
func (f *finder) themeMean(th string) float64 {
	m := f.in.Overall
	if m == nil {
		return math.NaN()
	}
	j := slices.Index(m.Themes, th)
	sum, n := 0.0, 0
	for i := range m.Rows {
		if c := m.Cells[i][j]; c.N > 0 && !math.IsNaN(c.Mean) {
			sum += c.Mean
			n++
		}
	}
	return sum / float64(n)
}

func rowWord(g GroupBy) string {
	if g == ByActor {
		return "actor"
	}
	return string(g)
}

func rowsWord(g GroupBy) string {
	switch g {
	case ByActor:
		return "actors"
	case ByCountry:
		return "countries"
	}
	return string(g) + "s"
}
