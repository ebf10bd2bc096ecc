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
	Corpus       *data.Corpus
	Overall      *Matrix // the matrix over the whole time span
	GroupBy      GroupBy
	Polarisation *Polarisation
	Movers       []Mover
	Convergence  *Convergence
	Distances    *Distances
	Blocs        []Bloc
	Silhouette   float64
}

// Bloc is a set of rows a clustering put together.
type Bloc struct {
	Label int      `json:"label"`
	Rows  []string `json:"rows"`
}

// scaleRange is the width of the stance scale, −2..+2.
const scaleRange = 4.0

// Findings ranks what stands out, deterministically: by score, then
// kind, then text. Scores put findings of different kinds on one scale:
//
//   - gap (the two rows furthest apart on a theme): difference / 4, times
//     n/(n+2) for the n statements of the two rows, so that a gap between
//     two lone statements (×0.5) ranks below one that many statements show;
//   - divide (the most polarised theme): its normalised Esteban–Ray index;
//   - consensus (a theme at least three rows take with SD < 0.5): (1 − SD)/2;
//   - mover (net drift ≥ 0.5): net drift / 4;
//   - trend (converging or diverging): |slope| × (periods − 1) / 4, at most 1;
//   - furthest and closest pairs: distance / 4 and (1 − distance/4) / 3;
//   - blocs: the mean silhouette of the clustering.
func Findings(in FindingInputs) []Finding {
	f := &finder{in: in, names: map[string]string{}}
	f.members()
	if in.Overall != nil {
		f.gaps()
	}
	if in.Polarisation != nil {
		f.divides()
	}
	f.movers()
	if in.Convergence != nil {
		f.trend()
	}
	if in.Distances != nil {
		f.pairs()
	}
	if len(in.Blocs) > 1 {
		f.blocs()
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
	return f.out
}

type finder struct {
	in     FindingInputs
	out    []Finding
	names  map[string]string
	rowOf  map[string][]string    // actor id → the rows its statements go to
	byCell map[actorTheme][]int32 // an actor's statements on a theme in the overall period, in corpus order
}

// members maps actors to rows, as StanceMatrices does.
func (f *finder) members() {
	f.rowOf = map[string][]string{}
	c := f.in.Corpus
	if c == nil || c.Actors == nil {
		return
	}
	for _, id := range c.ActorIDs() {
		a, ok := c.Actors.Get(id)
		if !ok {
			continue
		}
		f.rowOf[id] = rowKeys(c.Actors.Represented(a), f.in.GroupBy)
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

// statements lists the ids of the statements of rows (all rows when
// none is given) on themes (all themes when none is given), within the
// overall period: at most MaxEvidence, in corpus order, and how many
// there are in all.
func (f *finder) statements(rows, themes []string) ([]string, int) {
	c := f.in.Corpus
	if c == nil {
		return nil, 0
	}
	if f.byCell == nil {
		// One pass over the corpus, shared by every finding.
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

// gaps: on each theme, the two rows furthest apart, when at least 1 apart.
func (f *finder) gaps() {
	m := f.in.Overall
	for j, th := range m.Themes {
		lo, hi := -1, -1
		for i := range m.Rows {
			c := m.Cells[i][j]
			if c.N == 0 || math.IsNaN(c.Mean) {
				continue
			}
			if lo < 0 || c.Mean < m.Cells[lo][j].Mean {
				lo = i
			}
			if hi < 0 || c.Mean > m.Cells[hi][j].Mean {
				hi = i
			}
		}
		if lo < 0 || lo == hi {
			continue
		}
		a, b := m.Cells[hi][j], m.Cells[lo][j]
		d := a.Mean - b.Mean
		if d < 1 {
			continue
		}
		rows := []string{m.Rows[hi], m.Rows[lo]}
		text := fmt.Sprintf("%s and %s are furthest apart on %s (%s vs %s: a difference of %.1f on the 4-point range, %d %s)",
			f.name(rows[0]), f.name(rows[1]), th, Signed(a.Mean, 1), Signed(b.Mean, 1), d, a.N+b.N, data.Plural(a.N+b.N, "statement", "statements"))
		n := float64(a.N + b.N)
		f.add("gap", text, d/scaleRange*n/(n+2), rows, []string{th})
	}
}

func (f *finder) divides() {
	p := f.in.Polarisation
	if len(p.Ranked) > 0 {
		th := p.Ranked[0]
		for _, tp := range p.Themes {
			if tp.Theme == th && tp.EstebanRay > 0 {
				text := fmt.Sprintf("%s divides the %s most: polarisation %.2f on a 0–1 scale (Esteban–Ray), SD %.2f across %d %s",
					th, rowsWord(f.in.GroupBy), tp.EstebanRay, tp.SD, tp.N, data.Plural(tp.N, rowWord(f.in.GroupBy), rowsWord(f.in.GroupBy)))
				f.add("divide", text, tp.EstebanRay, nil, []string{th})
			}
		}
	}
	for _, tp := range p.Themes {
		if tp.N >= 3 && tp.SD < 0.5 {
			mean := f.themeMean(tp.Theme)
			text := fmt.Sprintf("The %s broadly agree on %s: mean stance %s, SD %.2f across %d %s",
				rowsWord(f.in.GroupBy), tp.Theme, Signed(mean, 1), tp.SD, tp.N, data.Plural(tp.N, rowWord(f.in.GroupBy), rowsWord(f.in.GroupBy)))
			f.add("consensus", text, (1-tp.SD)/2, nil, []string{tp.Theme})
		}
	}
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

func (f *finder) movers() {
	for k, mv := range f.in.Movers {
		if k >= 3 || mv.Net < 0.5 {
			break
		}
		text := fmt.Sprintf("%s moved between %s and %s: net drift %.1f over %d %s, most on %s (from %s to %s)",
			f.name(mv.Row), mv.First, mv.Last, mv.Net, mv.Shared, data.Plural(mv.Shared, "shared theme", "shared themes"),
			mv.Largest.Theme, Signed(mv.Largest.From, 1), Signed(mv.Largest.To, 1))
		f.add("mover", text, mv.Net/scaleRange, []string{mv.Row}, []string{mv.Largest.Theme})
	}
}

func (f *finder) trend() {
	cv := f.in.Convergence
	if cv.Trend != "converging" && cv.Trend != "diverging" {
		return
	}
	var first, last *ConvergencePoint
	for i := range cv.Points {
		if p := &cv.Points[i]; !math.IsNaN(p.MeanDistance) {
			if first == nil {
				first = p
			}
			last = p
		}
	}
	text := fmt.Sprintf("Positions are %s: the mean distance between %s went from %.2f in %s to %.2f in %s (slope %+.2f per period)",
		cv.Trend, rowsWord(f.in.GroupBy), first.MeanDistance, first.Period, last.MeanDistance, last.Period, cv.Slope)
	f.add("trend", text, math.Abs(cv.Slope)*float64(len(cv.Points)-1)/scaleRange, nil, nil)
}

func (f *finder) pairs() {
	d := f.in.Distances
	type pair struct {
		i, j int
		v    float64
	}
	var ps []pair
	for i := range d.Rows {
		for j := i + 1; j < len(d.Rows); j++ {
			if d.Comparable(i, j) {
				ps = append(ps, pair{i, j, d.D[i][j]})
			}
		}
	}
	if len(ps) < 2 {
		return
	}
	slices.SortStableFunc(ps, func(a, b pair) int { return cmp.Compare(a.v, b.v) })
	say := func(kind string, p pair, score float64) {
		rows := []string{d.Rows[p.i], d.Rows[p.j]}
		text := fmt.Sprintf("%s and %s are the %s pair: distance %.2f over %d %s (%s)", f.name(rows[0]), f.name(rows[1]),
			map[string]string{"closest": "closest", "furthest": "furthest-apart"}[kind], p.v,
			d.Shared[p.i][p.j], data.Plural(d.Shared[p.i][p.j], "shared theme", "shared themes"), d.Metric)
		f.add(kind, text, score, rows, f.sharedThemes(rows))
	}
	say("furthest", ps[len(ps)-1], ps[len(ps)-1].v/scaleRange)
	say("closest", ps[0], (1-ps[0].v/scaleRange)/3)
}

// sharedThemes lists the themes two rows both spoke on, overall.
func (f *finder) sharedThemes(rows []string) []string {
	m := f.in.Overall
	if m == nil {
		return nil
	}
	a, b := slices.Index(m.Rows, rows[0]), slices.Index(m.Rows, rows[1])
	if a < 0 || b < 0 {
		return nil
	}
	var ths []string
	for j, th := range m.Themes {
		if m.Cells[a][j].N > 0 && m.Cells[b][j].N > 0 {
			ths = append(ths, th)
		}
	}
	return ths
}

func (f *finder) blocs() {
	var parts []string
	var rows []string
	for _, b := range f.in.Blocs {
		names := make([]string, len(b.Rows))
		for i, r := range b.Rows {
			names[i] = f.name(r)
		}
		parts = append(parts, "{"+strings.Join(names, ", ")+"}")
		rows = append(rows, b.Rows...)
	}
	text := fmt.Sprintf("The %s fall into %d blocs (mean silhouette %.2f): %s", rowsWord(f.in.GroupBy), len(f.in.Blocs),
		f.in.Silhouette, strings.Join(parts, " vs "))
	f.add("blocs", text, f.in.Silhouette, rows, nil)
}
