package analysis

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/stat"

	"github.com/stancemap/stancemap/data"
)

// GroupBy says what the rows of a stance matrix are.
type GroupBy string

const (
	ByActor   GroupBy = ""        // one row per actor id
	ByKind    GroupBy = "kind"    // one row per actor kind (state, igo, …)
	ByCountry GroupBy = "country" // one row per ISO 3166 alpha-3 code
	ByRegion  GroupBy = "region"  // one row per region
	ByGroup   GroupBy = "group"   // one row per group (G7, BRICS, EU, …); an actor may be in several
)

// NoneRow is the row of the actors that lack the attribute rows are
// grouped by (no country, no region, no group).
const NoneRow = "(none)"

// ParseGroupBy reads a grouping: "" or "actor", "kind", "country",
// "region", "group" (case is ignored; plurals are accepted). The error
// wraps ErrOption.
func ParseGroupBy(s string) (GroupBy, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "actor", "actors", "none":
		return ByActor, nil
	case "kind", "kinds", "type":
		return ByKind, nil
	case "country", "countries":
		return ByCountry, nil
	case "region", "regions":
		return ByRegion, nil
	case "group", "groups":
		return ByGroup, nil
	}
	return "", &OptionError{Option: "group-by", Value: s, Msg: "expected actor, kind, country, region or group"}
}

func (g GroupBy) String() string {
	if g == ByActor {
		return "actor"
	}
	return string(g)
}

// MatrixOptions tunes StanceMatrices. The zero value is usable: one period,
// rows per actor, a 95% interval from 2000 resamples with seed 1.
type MatrixOptions struct {
	Period  PeriodSpec
	GroupBy GroupBy
	// Bootstrap is the number of resamples B for the confidence interval:
	// 0 means 2000; a negative number means no interval (NaN bounds).
	Bootstrap int
	// Seed makes the intervals reproducible; 0 means 1.
	Seed uint64
	// Level is the confidence level of the interval, in (0, 1); 0 means 0.95.
	Level float64
}

// DefaultBootstrap and DefaultLevel are the values zero options stand for.
const (
	DefaultBootstrap = 2000
	DefaultLevel     = 0.95
)

// withDefaults fills the zero values and checks the rest.
func (o MatrixOptions) withDefaults() (MatrixOptions, error) {
	if o.Bootstrap == 0 {
		o.Bootstrap = DefaultBootstrap
	}
	if o.Bootstrap < 0 {
		o.Bootstrap = -1
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Level == 0 {
		o.Level = DefaultLevel
	}
	if !(o.Level > 0 && o.Level < 1) {
		return o, &OptionError{Option: "level", Value: fmt.Sprint(o.Level), Msg: "the confidence level must be between 0 and 1, such as 0.95"}
	}
	g, err := ParseGroupBy(string(o.GroupBy))
	if err != nil {
		return o, err
	}
	o.GroupBy = g
	p, err := o.Period.normalise()
	if err != nil {
		return o, err
	}
	o.Period = p
	return o, nil
}

// Cell is what the statements of one row on one theme in one period say.
//
// With xᵢ the stances and wᵢ the weights of the cell's statements:
//
//	Weight   = Σwᵢ
//	Mean     = Σwᵢxᵢ / Σwᵢ
//	SD       = √( Σwᵢ(xᵢ − Mean)² / (Σwᵢ − 1) )
//	Salience = Σwᵢ / (Σ of the weights of all the row's statements in the period)
//
// SD is gonum's stat.StdDev: weights are frequency weights and the
// variance is the unbiased one, dividing by Σw − 1; with unit weights it
// is the usual sample standard deviation. It is NaN when Σw ≤ 1 (a single
// statement has no spread to measure). Under this convention a single
// statement of weight 1.5 counts as one and a half agreeing statements:
// Σw > 1, and SD is 0.
//
// CILow and CIHigh bound the percentile bootstrap confidence interval of
// Mean (Efron & Tibshirani 1993, An Introduction to the Bootstrap, ch.
// 13): the cell's statements are resampled with replacement B times, Mean
// is computed on each resample, and the bounds are the inverse-CDF
// quantiles of those B means at p = (1−level)/2 and 1−(1−level)/2: the
// k-th smallest with k = ⌈p·B⌉ (p·B rounded first when within 1e-9 of a
// whole number, so that 2.5% of 2000 is 50 despite binary rounding), the
// value gonum's stat.Quantile with stat.Empirical returns. They are NaN
// when fewer than two statements have a positive weight: resampling one
// statement always gives it back, an interval of width 0 that would read
// as certainty. When all the statements take the same stance the interval
// is that stance, of width 0: the data show no disagreement for the
// bootstrap to measure. Two or three statements give coarse intervals:
// the bootstrap distribution has only a few values.
//
// A cell with no statements has N = 0, Weight = 0 and NaN for Mean, SD,
// CILow and CIHigh: an empty cell is never a neutral 0. Its Salience is 0
// when the row spoke on other themes in the period (it ignored this one)
// and NaN when the row said nothing at all in the period.
//
// Statements of weight 0 count in N but not in the mean, SD or interval;
// a cell whose statements all weigh 0 has N > 0 and a NaN mean.
type Cell struct {
	N             int     // statements
	Weight        float64 // sum of weights
	Mean          float64 // weighted mean stance; NaN when N == 0
	SD            float64 // weighted standard deviation; NaN when Σw ≤ 1
	CILow, CIHigh float64 // bootstrap interval of Mean; NaN when fewer than 2 statements
	Salience      float64 // share of the row's weight in the period on this theme
	// Example is the id of the statement that best shows the cell: the
	// highest |stance| × confidence (confidence 1 when not given), then
	// the smallest id, then the first in the corpus.
	Example string
}

// Empty reports whether no statement falls in the cell.
func (c Cell) Empty() bool { return c.N == 0 }

// Matrix is one period's stance matrix: Cells[row][theme].
type Matrix struct {
	Period Period
	Rows   []string
	Themes []string
	Cells  [][]Cell
}

// Cell returns the cell of a row and a theme.
func (m *Matrix) Cell(row, theme string) (Cell, bool) {
	r := slices.Index(m.Rows, row)
	t := slices.Index(m.Themes, theme)
	if r < 0 || t < 0 {
		return Cell{}, false
	}
	return m.Cells[r][t], true
}

// Unplaced is a statement no period could take, with the reason.
type Unplaced struct {
	Statement string // statement id
	Pos       data.Pos
	Reason    string // "dated 2013 (year precision): too coarse for monthly periods"
}

// MatrixSet is the stance matrices of a corpus, one per period, all with
// the same rows and themes so that periods line up.
type MatrixSet struct {
	Options  MatrixOptions // as used, defaults filled in
	GroupBy  GroupBy
	Rows     []string // the rows of every matrix
	Themes   []string // the themes of every matrix
	Matrices []Matrix // in time order
	Unplaced []Unplaced
}

// StanceMatrices computes a stance matrix per period: for every row
// (actor, or group of actors) and theme, the statements' count, weight,
// weighted mean stance, SD, bootstrap interval and salience (see Cell).
//
// Rows are the actors with at least one statement in the corpus, sorted by
// id, or, with opt.GroupBy, the values of that attribute among them,
// sorted, with NoneRow last for the actors that lack it. A group's cell
// pools the statements of its members: a member that speaks more weighs
// more (weights can rebalance them), and an actor in several groups counts
// in each. Every period has the same rows, including rows silent in it.
// Themes are in codebook order, followed, sorted, by any theme id found in
// statements but missing from the codebook.
//
// Periods follow opt.Period. A statement whose date is too coarse for the
// periods (a "2013" statement in monthly periods, a date a range boundary
// cuts through) or outside every range is listed in Unplaced with the
// reason, and counted nowhere. Kind "all" places every statement.
//
// Every statement's actor must be in c.Actors (an error otherwise), and
// weights must be finite and non-negative. An empty corpus gives, for
// kind "all", one matrix with no rows; for the other kinds, no matrix.
//
// The result depends only on the corpus and the options: the same input
// gives identical numbers, and each cell's bootstrap stream is seeded from
// opt.Seed and the cell's period label, row and theme, so a cell's
// interval does not change when other actors or themes are added. The
// cells are computed in parallel on GOMAXPROCS cores.
func StanceMatrices(c *data.Corpus, opt MatrixOptions) (*MatrixSet, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, errors.New("analysis: no corpus")
	}
	return stanceMatrices(c, newCorpusIndex(c.Statements), opt)
}

// stanceMatrices is StanceMatrices over an index of the corpus made
// beforehand, which callers computing several sets share; opt has its
// defaults.
func stanceMatrices(c *data.Corpus, ix *corpusIndex, opt MatrixOptions) (*MatrixSet, error) {
	b := &builder{c: c, ix: ix, opt: opt}
	if err := b.rows(); err != nil {
		return nil, err
	}
	b.themes()
	if err := b.place(); err != nil {
		return nil, err
	}
	b.fill()
	b.compute()
	return b.result(), nil
}

// builder carries StanceMatrices' intermediate state.
type builder struct {
	c   *data.Corpus
	ix  *corpusIndex
	opt MatrixOptions

	rowNames  []string
	actorRows [][]int32 // per actor index, its rows
	// actorSpans, per actor index, holds for each of its rows the dated
	// memberships of that group (nil: always a member); nil when no
	// actor has a dated membership.
	actorSpans [][][]data.Membership
	themeNames []string
	themeOf    []int32 // per theme of the index, its column
	periods    []Period
	unplaced   []Unplaced

	stCell []int32 // per statement: (period·R)·T + theme, or −1 when unplaced

	acc      []cellAcc              // per cell, what fill gathered
	nodes    []atomNode             // the cells' lists of distinct values; node 0 is none
	bigAtoms map[int32]map[atom]int // the distinct values of cells with many
	cells    []Cell
}

// cellAcc is what fill gathers of a cell: how many statements it holds
// and their summed weight (added in corpus order, as the sum is then
// written), its distinct (stance, weight) values with their counts, and
// its example. A cell needs no more: mean, spread and bootstrap all work
// from the distinct values.
type cellAcc struct {
	weight  float64
	n       int32
	atoms   int32 // distinct values: inline, then in the list at head; −1 when they are in bigAtoms
	head    int32 // first node of the list (0: none)
	inline  [inlineAtoms]atomNode
	example candidate
}

// inlineAtoms is how many distinct values a cell holds itself: a
// five-point scale with one weight needs five.
const inlineAtoms = 5

// atomNode is a distinct (stance, weight) value of a cell and its count.
type atomNode struct {
	w    float64
	x    int32
	n    int32
	next int32
}

// listAtoms is how many distinct values a cell keeps in a list before a
// map: a corpus whose weights all differ would make the list quadratic.
const listAtoms = 32

// candidate is a statement as a cell's example is chosen among them.
type candidate struct {
	score float64 // |stance| × confidence
	idKey uint64  // the id's first 8 bytes, big-endian: orders most ids without reading them
	index int32   // into c.Statements
}

// idKey packs the first 8 bytes of s, zero-padded, so that idKey(a) <
// idKey(b) implies a < b; equal keys need a full comparison.
func idKey(s string) uint64 {
	var k uint64
	for i := range 8 {
		k <<= 8
		if i < len(s) {
			k |= uint64(s[i])
		}
	}
	return k
}

func (b *builder) rows() error {
	ids := b.ix.actors
	actors := make([]*data.Actor, len(ids))
	var missing []string
	for i, id := range ids {
		var a *data.Actor
		ok := false
		if b.c.Actors != nil {
			a, ok = b.c.Actors.Get(id)
		}
		if !ok {
			missing = append(missing, id)
		}
		actors[i] = a
	}
	if len(missing) > 0 {
		return b.missingActors(missing)
	}
	rowIndex := map[string]int32{}
	keys := make([][]string, len(actors))
	for i, a := range actors {
		keys[i] = rowKeys(b.c.Actors.Represented(a), b.opt.GroupBy)
		for _, k := range keys[i] {
			if _, ok := rowIndex[k]; !ok {
				rowIndex[k] = 0
				b.rowNames = append(b.rowNames, k)
			}
		}
	}
	slices.SortFunc(b.rowNames, func(x, y string) int {
		if (x == NoneRow) != (y == NoneRow) {
			if x == NoneRow {
				return 1
			}
			return -1
		}
		return strings.Compare(x, y)
	})
	for i, r := range b.rowNames {
		rowIndex[r] = int32(i)
	}
	b.actorRows = make([][]int32, len(actors))
	for i, ks := range keys {
		for _, k := range ks {
			b.actorRows[i] = append(b.actorRows[i], rowIndex[k])
		}
	}
	if b.opt.GroupBy == ByGroup {
		for i, a := range actors {
			r := b.c.Actors.Represented(a)
			if len(r.Memberships) == 0 {
				continue
			}
			if b.actorSpans == nil {
				b.actorSpans = make([][][]data.Membership, len(actors))
			}
			b.actorSpans[i] = make([][]data.Membership, len(keys[i]))
			for x, k := range keys[i] {
				for _, m := range r.Memberships {
					if m.Group == k {
						b.actorSpans[i][x] = append(b.actorSpans[i][x], m)
					}
				}
			}
		}
	}
	return nil
}

// memberAt reports whether the x-th row of actor i takes a statement of
// the given date: always, but for a group the actor belonged to only for
// a time (data.Membership).
func (b *builder) memberAt(i int32, x int, date data.Date) bool {
	if b.actorSpans == nil || b.actorSpans[i] == nil || b.actorSpans[i][x] == nil || date.IsZero() {
		return true
	}
	for _, m := range b.actorSpans[i][x] {
		if m.Contains(int(date.Year)) {
			return true
		}
	}
	return false
}

func (b *builder) missingActors(missing []string) error {
	set := map[string]bool{}
	for _, id := range missing {
		set[id] = true
	}
	for _, s := range b.c.Statements {
		if !set[s.Actor] {
			continue
		}
		where := ""
		if s.Pos.File != "" {
			where = " (" + s.Pos.String() + ")"
		}
		msg := fmt.Sprintf("analysis: statement %q%s: actor %q is not in the actor registry", s.ID, where, s.Actor)
		if len(missing) > 1 {
			others := missing
			if len(others) > 6 {
				others = others[:6]
			}
			quoted := make([]string, len(others))
			for i, o := range others {
				quoted[i] = fmt.Sprintf("%q", o)
			}
			more := ""
			if len(missing) > 6 {
				more = ", …"
			}
			msg += fmt.Sprintf(" (%d unregistered actors in all: %s%s)", len(missing), strings.Join(quoted, ", "), more)
		}
		return errors.New(msg + "; add them to the actor list")
	}
	return nil
}

// rowKeys lists the rows an actor's statements go to. Callers pass the
// actor as data.Registry.Represented completes it, so that an official
// with no groups of its own counts in the groups of the state it speaks for.
func rowKeys(a *data.Actor, g GroupBy) []string {
	one := func(v string) []string {
		if v = strings.TrimSpace(v); v == "" {
			return []string{NoneRow}
		}
		return []string{v}
	}
	switch g {
	case ByKind:
		return one(string(a.Kind))
	case ByCountry:
		return one(a.Country)
	case ByRegion:
		return one(a.Region)
	case ByGroup:
		var ks []string
		for _, v := range a.Groups {
			if v = strings.TrimSpace(v); v != "" && !slices.Contains(ks, v) {
				ks = append(ks, v)
			}
		}
		if len(ks) == 0 {
			return []string{NoneRow}
		}
		return ks
	}
	return []string{a.ID}
}

func (b *builder) themes() {
	index := map[string]int32{}
	if b.c.Codebook != nil {
		for _, id := range b.c.Codebook.ThemeIDs() {
			if _, ok := index[id]; !ok {
				index[id] = int32(len(b.themeNames))
				b.themeNames = append(b.themeNames, id)
			}
		}
	}
	// The index's themes are sorted: those missing from the codebook
	// follow it in that order.
	b.themeOf = make([]int32, len(b.ix.themes))
	for k, id := range b.ix.themes {
		if _, ok := index[id]; !ok {
			index[id] = int32(len(b.themeNames))
			b.themeNames = append(b.themeNames, id)
		}
		b.themeOf[k] = index[id]
	}
}

// place finds every statement's period and cell, checks weights and
// records the statements no period takes.
func (b *builder) place() error {
	ss := b.c.Statements
	ix := b.ix
	spec := b.opt.Period
	pp := periodPlacer{spec: spec}
	units := make([]int32, len(ss))
	b.stCell = make([]int32, len(ss))
	lo, hi := math.MaxInt, math.MinInt
	reasons := map[data.Date]string{}
	if i := ix.offScale; i >= 0 {
		return fmt.Errorf("analysis: statement %q: stance %d is off the scale", ss[i].ID, ss[i].Stance)
	}
	for i := range ss {
		weight := ix.weight[i]
		if !(weight >= 0) || math.IsInf(weight, 0) {
			s := &ss[i]
			where := ""
			if s.Pos.File != "" {
				where = " (" + s.Pos.String() + ")"
			}
			return fmt.Errorf("analysis: statement %q%s: weight %v is not a finite number ≥ 0", s.ID, where, s.Weight)
		}
		b.stCell[i] = b.themeOf[ix.theme[i]]
		date := ix.dateAt(i)
		u, ok := pp.place(date)
		if !ok {
			// The reason depends on the date only: format it once per date.
			why, seen := reasons[date]
			if !seen {
				why = pp.reason(date)
				reasons[date] = why
			}
			b.stCell[i] = -1
			b.unplaced = append(b.unplaced, Unplaced{Statement: ss[i].ID, Pos: ss[i].Pos, Reason: why})
			continue
		}
		if int(int32(u)) != u {
			return fmt.Errorf("analysis: statement %q: date %s is too far from the others to place in a period", ss[i].ID, date)
		}
		units[i] = int32(u)
		lo, hi = min(lo, u), max(hi, u)
	}
	switch spec.Kind {
	case PeriodAll:
		b.periods = []Period{{Label: PeriodAll, From: ix.spans.first, To: ix.spans.to}}
		lo = 0
	case PeriodRanges:
		b.periods = spec.Ranges
		lo = 0
	default:
		if lo <= hi {
			ps, err := calendarPeriods(spec.Kind, lo, hi)
			if err != nil {
				return err
			}
			b.periods = ps
		}
	}
	nr, nt := len(b.rowNames), len(b.themeNames)
	if total := len(b.periods) * nr * nt; total >= math.MaxInt32 {
		return fmt.Errorf("analysis: %d periods × %d rows × %d themes is too many cells; choose longer periods", len(b.periods), nr, nt)
	}
	for i := range ss {
		if b.stCell[i] < 0 {
			continue
		}
		b.stCell[i] += int32((int(units[i]) - lo) * nr * nt)
	}
	return nil
}

// fill goes through the statements once, in corpus order, gathering
// each cell's count, weight, distinct values and example.
func (b *builder) fill() {
	ix := b.ix
	nr, nt := len(b.rowNames), len(b.themeNames)
	nc := len(b.periods) * nr * nt
	cellOf := func(base int32, row int32) int32 {
		// base is (period·R)·T + theme; the row adds row·T.
		return base + row*int32(nt)
	}
	b.acc = make([]cellAcc, nc)
	b.nodes = make([]atomNode, 1) // node 0 stands for none
	for i, base := range b.stCell {
		if base < 0 {
			continue
		}
		conf := ix.conf[i]
		if !(conf > 0) {
			conf = 1
		}
		stance, weight := ix.stance[i], ix.weight[i]
		k := candidate{score: math.Abs(float64(stance)) * conf, idKey: ix.idKey[i], index: int32(i)}
		for x, r := range b.actorRows[ix.actor[i]] {
			if b.actorSpans != nil && !b.memberAt(ix.actor[i], x, ix.dateAt(i)) {
				continue
			}
			c := cellOf(base, r)
			a := &b.acc[c]
			a.n++
			a.weight += weight
			b.count(a, c, stance, weight)
			// The example is the best of the cell's statements in an
			// order that does not depend on theirs.
			if a.n == 1 || b.better(k, a.example) {
				a.example = k
			}
		}
	}
	b.stCell = nil
}

// count adds one statement's (stance, weight) to cell c's distinct values.
func (b *builder) count(a *cellAcc, c int32, x int32, w float64) {
	if a.atoms < 0 {
		b.bigAtoms[c][atom{x: float64(x), w: w}]++
		return
	}
	for j := range min(int(a.atoms), inlineAtoms) {
		if nd := &a.inline[j]; nd.x == x && nd.w == w {
			nd.n++
			return
		}
	}
	for j := a.head; j != 0; j = b.nodes[j].next {
		if nd := &b.nodes[j]; nd.x == x && nd.w == w {
			nd.n++
			return
		}
	}
	switch {
	case a.atoms < inlineAtoms:
		a.inline[a.atoms] = atomNode{w: w, x: x, n: 1}
		a.atoms++
		return
	case a.atoms < listAtoms:
		b.nodes = append(b.nodes, atomNode{w: w, x: x, n: 1, next: a.head})
		a.head = int32(len(b.nodes) - 1)
		a.atoms++
		return
	}
	m := map[atom]int{{x: float64(x), w: w}: 1}
	b.eachAtom(a, func(nd *atomNode) { m[atom{x: float64(nd.x), w: nd.w}] = int(nd.n) })
	if b.bigAtoms == nil {
		b.bigAtoms = map[int32]map[atom]int{}
	}
	b.bigAtoms[c] = m
	a.atoms, a.head = -1, 0
}

// eachAtom calls f on each distinct value a cell holds itself or lists.
func (b *builder) eachAtom(a *cellAcc, f func(*atomNode)) {
	for j := range min(max(int(a.atoms), 0), inlineAtoms) {
		f(&a.inline[j])
	}
	for j := a.head; j != 0; j = b.nodes[j].next {
		f(&b.nodes[j])
	}
}

// compute fills every cell, in parallel: cells are independent and each
// has its own random stream, so the result does not depend on scheduling.
func (b *builder) compute() {
	nr, nt := len(b.rowNames), len(b.themeNames)
	nc := len(b.periods) * nr * nt
	b.cells = make([]Cell, nc)
	boot := newBootConfig(b.opt.Bootstrap, b.opt.Level)
	const chunk = 32
	workers := min(runtime.GOMAXPROCS(0), (nc+chunk-1)/chunk)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &cellWorker{b: b, boot: boot, scratch: &bootScratch{}}
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= nc {
					return
				}
				for ci := start; ci < min(start+chunk, nc); ci++ {
					b.cells[ci] = w.cell(ci)
				}
			}
		}()
	}
	wg.Wait()
	b.salience()
}

// salience divides each cell's weight by its row's weight in the period.
func (b *builder) salience() {
	nt := len(b.themeNames)
	for start := 0; start < len(b.cells); start += nt {
		row := b.cells[start : start+nt]
		var n int
		var w float64
		for _, c := range row {
			n += c.N
			w += c.Weight
		}
		for t := range row {
			if n == 0 {
				row[t].Salience = math.NaN()
			} else {
				row[t].Salience = row[t].Weight / w
			}
		}
	}
}

type cellWorker struct {
	b       *builder
	boot    bootConfig
	scratch *bootScratch
	atoms   []atom
	pos     []atom
	xs, ws  []float64
}

// cell computes cell ci, salience aside.
func (w *cellWorker) cell(ci int) Cell {
	b := w.b
	a := &b.acc[ci]
	nan := math.NaN()
	cell := Cell{N: int(a.n), Weight: a.weight, Mean: nan, SD: nan, CILow: nan, CIHigh: nan}
	if a.n == 0 {
		return cell
	}
	// Distinct (stance, weight) values with their counts.
	w.atoms = w.atoms[:0]
	if a.atoms < 0 {
		for at, n := range b.bigAtoms[int32(ci)] {
			at.n = n
			w.atoms = append(w.atoms, at)
		}
	}
	b.eachAtom(a, func(nd *atomNode) { w.atoms = append(w.atoms, atom{x: float64(nd.x), w: nd.w, n: int(nd.n)}) })
	cell.Example = b.c.Statements[a.example.index].ID
	slices.SortFunc(w.atoms, func(p, q atom) int {
		if c := cmp.Compare(p.x, q.x); c != 0 {
			return c
		}
		return cmp.Compare(p.w, q.w)
	})
	// Statements of weight 0 change neither mean nor spread, and a
	// resample of them alone would have no mean: they are left out.
	w.pos, w.xs, w.ws = w.pos[:0], w.xs[:0], w.ws[:0]
	npos := 0
	for _, a := range w.atoms {
		if a.w == 0 {
			continue
		}
		w.pos = append(w.pos, a)
		w.xs = append(w.xs, a.x)
		w.ws = append(w.ws, float64(a.n)*a.w)
		npos += a.n
	}
	if npos == 0 {
		return cell
	}
	mean, variance := stat.MeanVariance(w.xs, w.ws)
	cell.Mean = mean
	if cell.Weight > 1 {
		// The compensated two-pass variance can come out a hair below 0
		// when all stances agree.
		cell.SD = math.Sqrt(max(variance, 0))
	}
	if w.boot.B > 0 && npos >= 2 {
		nr, nt := len(b.rowNames), len(b.themeNames)
		p, r, t := ci/(nr*nt), ci/nt%nr, ci%nt
		w.scratch.rng = cellStream(b.opt.Seed, b.periods[p].Label, b.rowNames[r], b.themeNames[t])
		cell.CILow, cell.CIHigh = w.scratch.ci(w.pos, w.boot)
	}
	return cell
}

// better reports whether e makes a better example than f: a higher
// score, then the smaller id, then the earlier statement.
func (b *builder) better(e, f candidate) bool {
	if e.score != f.score {
		return e.score > f.score
	}
	if e.idKey != f.idKey {
		return e.idKey < f.idKey
	}
	ei, fi := b.c.Statements[e.index].ID, b.c.Statements[f.index].ID
	if ei != fi {
		return ei < fi
	}
	return e.index < f.index
}

func (b *builder) result() *MatrixSet {
	nr, nt := len(b.rowNames), len(b.themeNames)
	set := &MatrixSet{
		Options:  b.opt,
		GroupBy:  b.opt.GroupBy,
		Rows:     b.rowNames,
		Themes:   b.themeNames,
		Matrices: make([]Matrix, len(b.periods)),
		Unplaced: b.unplaced,
	}
	if set.Rows == nil {
		set.Rows = []string{}
	}
	if set.Themes == nil {
		set.Themes = []string{}
	}
	for p, per := range b.periods {
		m := Matrix{Period: per, Rows: set.Rows, Themes: set.Themes, Cells: make([][]Cell, nr)}
		for r := range nr {
			start := (p*nr + r) * nt
			m.Cells[r] = b.cells[start : start+nt : start+nt]
		}
		set.Matrices[p] = m
	}
	return set
}
