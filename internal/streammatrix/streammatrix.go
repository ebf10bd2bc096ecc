// Package streammatrix computes the stance matrices of a large statements
// file without holding its statements: each statement read
// (data.StreamStatements: the file mapped and read in parts at once, the
// pages read let go) is added to its cell and dropped. The result is the
// analysis.MatrixSet that analysis.StanceMatrices gives for the corpus
// data.ReadStatements reads from the same file, byte for byte in every
// output, with the same warnings on statements entered twice; where that
// cannot be made sure of, Compute says so and the caller takes the plain
// path.
//
// What it buys, on a million statements (254 MB CSV, `matrix --bootstrap
// 0`, measured at load 3): the plain path holds the text (254 MB), the
// statements (232 MB) and their hashes, 535–558 MB at the peak, and takes
// 1.7 s of CPU; this path holds the pages being read, 16 bytes a
// statement for the id and duplicate checks, and the cells, 56–59 MB, and
// takes 1.2 s (bench/matrix_stream.sh; the README's Performance section
// has the rest).
//
// Every number a cell gets from its statements' stances and weights
// (mean, standard deviation, bootstrap interval) is computed by
// analysis.StanceMatrices itself, on a stand-in corpus of the cell's
// distinct (stance, weight) values; so are the periods, their bounds,
// the reasons a statement cannot be placed, the rows (by actor, kind,
// country, region or group, dated memberships included) and the rows
// each statement goes to, each asked about a corpus of one statement or
// one per distinct date and actor. What this package adds up itself is
// what depends on the order or the identity of the statements: the
// count, the weight summed in reading order, the salience and the
// example.
package streammatrix

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// Limits past which Compute hands over to the plain path: the cells of a
// corpus so spread out cost as much as its statements.
const (
	maxDates    = 1 << 17 // distinct dates
	maxUnplaced = 1 << 16 // statements no period takes, each listed
	maxCells    = 1 << 22 // cells with statements
	// standInBatch is how many stand-in statements one call of
	// StanceMatrices is given, at most, unless a cell alone has more.
	standInBatch = 1 << 15
)

// Input is what Compute reads: one statements file and the registry and
// codebook it is read with.
type Input struct {
	Path     string
	Registry *data.Registry
	Codebook *data.Codebook
	// Map is data.StreamOptions.Map: how the file may be read without
	// copying (the stancemap command gives internal/mapped's Stream).
	Map func(path string) (text string, done func(from, to int), ok bool)
	// Parts is data.StreamOptions.Parts: how many parts of the file are
	// read at once, when Map gives its text (0 or 1: one).
	Parts int
}

// Supports reports whether Compute can take these options at all: any
// grouping of the rows that analysis.ParseGroupBy reads.
func Supports(opt analysis.MatrixOptions) bool {
	_, err := analysis.ParseGroupBy(string(opt.GroupBy))
	return err == nil
}

// Compute returns the stance matrices of the statements in in.Path, or ok
// false when the file, the options or what is found in the file are
// anything the streaming path does not take (see data.StreamStatements
// and Supports); the caller then reads the file the plain way, which
// gives the messages. The problems are the warnings on statements
// entered twice, as the plain path gives them, for the caller to print.
func Compute(in Input, opt analysis.MatrixOptions) (set *analysis.MatrixSet, problems data.Problems, ok bool) {
	if !Supports(opt) || in.Registry == nil || in.Codebook == nil || len(in.Codebook.Themes) == 0 {
		return nil, nil, false
	}
	parts := max(in.Parts, 1)
	bs := make([]*builder, parts)
	for k := range bs {
		bs[k] = newBuilder(in, opt)
	}
	res, ok := data.StreamStatements(in.Path, data.StreamOptions{ReadOptions: data.ReadOptions{Registry: in.Registry, Codebook: in.Codebook},
		Map: in.Map, Parts: parts}, func(k int, st *data.Statement) bool { return bs[k].add(st) })
	if res.Retry {
		in.Parts = 1
		return Compute(in, opt)
	}
	if !ok {
		return nil, nil, false
	}
	for k, line := range res.PartLines {
		for i := range bs[k].unplaced {
			bs[k].unplaced[i].Pos.Row += line - 1
		}
	}
	if len(res.PartLines) > 1 && slices.ContainsFunc(bs, func(b *builder) bool { return b.inexact }) {
		// Weights summed part by part would not be the plain path's
		// sums in reading order: read again in one part.
		in.Parts = 1
		return Compute(in, opt)
	}
	b := bs[0]
	for _, o := range bs[1:] {
		b.merge(o)
	}
	if b.failed {
		return nil, nil, false
	}
	set, ok = b.result()
	return set, res.Problems, ok
}

// merge adds what o gathered from the part of the file after b's, as if
// b had read it: dates, periods, cells and unplaced statements in
// reading order. The weights are whole numbers (o.inexact is false), so
// their sums are exact in any order.
func (b *builder) merge(o *builder) {
	b.failed = b.failed || o.failed
	if b.failed {
		return
	}
	label := make([]int32, len(o.labels))
	for k, l := range o.labels {
		i := slices.Index(b.labels, l)
		if i < 0 {
			i = len(b.labels)
			b.labels = append(b.labels, l)
		}
		label[k] = int32(i)
	}
	for _, d := range o.dateList {
		if _, ok := b.dates[d]; ok {
			continue
		}
		p := o.dates[d]
		if p >= 0 {
			p = label[p]
		} else {
			b.reasons[d] = o.reasons[d]
		}
		b.dates[d] = p
		b.dateList = append(b.dateList, d)
	}
	b.unplaced = append(b.unplaced, o.unplaced...)
	for _, a := range o.actors.list {
		b.actor(a)
	}
	for i := range o.cells {
		oc := &o.cells[i]
		c := b.cell(b.row(o.rowNames.list[oc.row]), label[oc.label], oc.theme)
		if c == nil {
			return
		}
		if c.n == 0 {
			c.repActor, c.repDate = oc.repActor, oc.repDate
		}
		first := c.n == 0
		c.n += oc.n
		c.weight += oc.weight
		for _, v := range oc.values {
			c.countN(v.stance, v.weight, v.n)
		}
		if first || oc.exScore > c.exScore || (oc.exScore == c.exScore && oc.exID < c.exID) {
			c.exScore, c.exID = oc.exScore, oc.exID
		}
	}
	b.inexact = b.inexact || o.inexact
	if len(b.dateList) > maxDates || len(b.unplaced) > maxUnplaced {
		b.failed = true
	}
}

// builder gathers the cells as statements stream in.
type builder struct {
	in     Input
	opt    analysis.MatrixOptions
	failed bool
	// inexact says a weight is not a whole number (or a cell's sum
	// passed 2⁵²): sums of weights then depend on their order.
	inexact bool

	themeIndex map[string]int32
	actors     names
	// rowNames are the rows of the matrix met so far; rowsOf caches the rows
	// a statement of an actor (in a year, for groups, whose memberships
	// may be dated) goes to.
	rowNames names
	rowsOf   map[rowsKey][]int32
	// dates holds, per distinct date, its period (an index into labels)
	// or −1 when no period takes it; dateList the dates in the order
	// first read, reasons why each unplaced one is.
	dates    map[data.Date]int32
	units    map[data.Date]int32 // the same, by unitKey
	dateList []data.Date
	reasons  map[data.Date]string
	labels   []string

	// cellAt, per row, holds per (period label, theme) the cell's index
	// in cells plus one (0: none yet).
	cellAt   [][]int32
	cells    []cellAcc
	unplaced []analysis.Unplaced
}

// cellAcc is what a cell gathers: the count, the weight summed in
// reading order (as the plain path sums it), the distinct (stance,
// weight) values with their counts, and the example.
type cellAcc struct {
	row, label, theme int32
	n                 int
	weight            float64
	values            []value
	exScore           float64
	exID              string
	// repActor and repDate are those of the cell's first statement:
	// its stand-ins carry them, so that they fall in its row and period.
	repActor string
	repDate  data.Date
}

// rowsKey is what the rows of a statement depend on: its actor, and for
// rows by group its year (0 otherwise).
type rowsKey struct {
	actor string
	year  int32
}

type value struct {
	stance int
	weight float64
	n      int
}

func newBuilder(in Input, opt analysis.MatrixOptions) *builder {
	if g, err := analysis.ParseGroupBy(string(opt.GroupBy)); err == nil {
		opt.GroupBy = g
	}
	b := &builder{in: in, opt: opt, themeIndex: map[string]int32{},
		actors: names{index: map[string]int32{}}, rowNames: names{index: map[string]int32{}}, rowsOf: map[rowsKey][]int32{},
		dates: map[data.Date]int32{}, units: map[data.Date]int32{}, reasons: map[data.Date]string{}}
	for i, id := range in.Codebook.ThemeIDs() {
		if _, ok := b.themeIndex[id]; !ok {
			b.themeIndex[id] = int32(i)
		}
	}
	return b
}

// add takes one statement; false stops the reading (a limit passed).
func (b *builder) add(st *data.Statement) bool {
	a := b.actor(st.Actor)
	t, ok := b.themeIndex[st.Theme]
	if !ok {
		b.failed = true // a theme the codebook lacks: the plain path orders those
		return false
	}
	p, ok := b.dates[st.Date]
	if !ok {
		if len(b.dateList) >= maxDates {
			b.failed = true
			return false
		}
		key := b.unitKey(st.Date)
		if p, ok = b.units[key]; !ok {
			if p, ok = b.place(st, key); !ok {
				b.failed = true
				return false
			}
			b.units[key] = p
		}
		b.dates[st.Date] = p
		b.dateList = append(b.dateList, st.Date)
	}
	if p < 0 {
		if len(b.unplaced) >= maxUnplaced {
			b.failed = true
			return false
		}
		b.unplaced = append(b.unplaced, analysis.Unplaced{Statement: strings.Clone(st.ID),
			Pos: data.Pos{File: b.in.Path, Row: st.Pos.Row}, Reason: b.reasons[st.Date]})
		return true
	}
	rows, ok := b.rows(a, st)
	if !ok {
		b.failed = true
		return false
	}
	if st.Weight != math.Trunc(st.Weight) {
		b.inexact = true
	}
	// The example, as analysis.Cell documents it: the highest |stance| ×
	// confidence (1 when not given), then the smallest id (ids are
	// unique here: the reader hands over on a repeated one).
	conf := st.Confidence
	if !(conf > 0) {
		conf = 1
	}
	score := math.Abs(float64(st.Stance)) * conf
	for _, r := range rows {
		c := b.cell(r, p, t)
		if c == nil {
			return false
		}
		c.n++
		c.weight += st.Weight
		if c.weight > 1<<52 {
			b.inexact = true
		}
		c.count(st.Stance, st.Weight)
		if c.n == 1 {
			c.repActor, c.repDate = b.actors.list[a], st.Date
		}
		if c.n == 1 || score > c.exScore || (score == c.exScore && st.ID < c.exID) {
			c.exScore, c.exID = score, strings.Clone(st.ID)
		}
	}
	return true
}

// rows lists the rows a statement goes to: its actor's, by
// analysis.StanceMatrices on a corpus of that one statement (the rows
// that take it), once per actor (per actor and year for rows by group,
// whose memberships may be dated); for rows by actor, the actor.
func (b *builder) rows(a int32, st *data.Statement) ([]int32, bool) {
	if b.opt.GroupBy == analysis.ByActor {
		return []int32{b.row(st.Actor)}, true
	}
	key := rowsKey{actor: b.actors.list[a]}
	if b.opt.GroupBy == analysis.ByGroup {
		key.year = st.Date.Year
	}
	if rs, ok := b.rowsOf[key]; ok {
		return rs, true
	}
	opt := b.opt
	opt.Period, opt.Bootstrap = analysis.PeriodSpec{Kind: analysis.PeriodAll}, -1
	one := data.Statement{ID: "r", Actor: st.Actor, Theme: st.Theme, Date: st.Date, Weight: 1}
	set, err := analysis.StanceMatrices(&data.Corpus{Statements: []data.Statement{one}, Actors: b.in.Registry, Codebook: b.in.Codebook}, opt)
	if err != nil || len(set.Matrices) != 1 {
		return nil, false
	}
	rs := []int32{}
	t := slices.Index(set.Themes, st.Theme)
	for r, name := range set.Rows {
		if set.Matrices[0].Cells[r][t].N > 0 {
			rs = append(rs, b.row(name))
		}
	}
	b.rowsOf[key] = rs
	return rs, true
}

// names numbers strings in order of first appearance.
type names struct {
	index map[string]int32
	list  []string
}

// add is the number of s, and whether it is new.
func (n *names) add(s string) (int32, bool) {
	k, ok := n.index[s]
	if !ok {
		k = int32(len(n.list))
		n.index[s] = k
		n.list = append(n.list, s)
	}
	return k, !ok
}

// row is the number of a row name, added when new.
func (b *builder) row(name string) int32 {
	r, added := b.rowNames.add(name)
	if added {
		b.cellAt = append(b.cellAt, nil)
	}
	return r
}

// actor is the index of an actor id, added when new.
func (b *builder) actor(id string) int32 {
	a, _ := b.actors.add(id)
	return a
}

// cell is the cell of row r, period label p and theme t, added when new;
// nil past maxCells.
func (b *builder) cell(r, p, t int32) *cellAcc {
	nt := int32(len(b.themeIndex))
	at := b.cellAt[r]
	if need := int(p+1) * int(nt); len(at) < need {
		at = append(at, make([]int32, need-len(at))...)
		b.cellAt[r] = at
	}
	k := at[p*nt+t]
	if k == 0 {
		if len(b.cells) >= maxCells {
			b.failed = true
			return nil
		}
		b.cells = append(b.cells, cellAcc{row: r, label: p, theme: t})
		k = int32(len(b.cells))
		at[p*nt+t] = k
	}
	return &b.cells[k-1]
}

func (c *cellAcc) count(stance int, weight float64) { c.countN(stance, weight, 1) }

// countN adds n statements of a stance and weight to the cell's values.
func (c *cellAcc) countN(stance int, weight float64, n int) {
	for k := range c.values {
		if v := &c.values[k]; v.stance == stance && v.weight == weight {
			v.n += n
			return
		}
	}
	c.values = append(c.values, value{stance: stance, weight: weight, n: n})
}

// unitKey is the date that stands for d in finding its period: d itself,
// but for calendar periods, where a day-precision date falls in the unit
// (year, quarter or month) of its month, the first of that month; and for
// the one period "all", which takes every statement, one date for all.
// It saves a call of StanceMatrices per distinct day (11,000 in 30
// years, a fifth of a second).
func (b *builder) unitKey(d data.Date) data.Date {
	switch b.opt.Period.Kind {
	case "", analysis.PeriodAll:
		return data.Date{}
	case analysis.PeriodYear, analysis.PeriodQuarter, analysis.PeriodMonth:
		if d.Precision == data.PrecisionDay {
			d.Day = 1
		}
	}
	return d
}

// place finds the period of the date of statement st (or of key, which
// stands for it: see unitKey), asking analysis.StanceMatrices about a
// corpus of that one statement: the period's label, or the reason no
// period takes it.
func (b *builder) place(st *data.Statement, key data.Date) (int32, bool) {
	date := st.Date
	if !key.IsZero() {
		date = key
	}
	// Rows by actor: the statement is counted whatever the groups of its
	// actor when it was made.
	one := data.Statement{ID: "d", Actor: st.Actor, Theme: st.Theme, Stance: 0, Date: date, Weight: 1}
	opt := b.opt
	opt.GroupBy, opt.Bootstrap = analysis.ByActor, -1
	set, err := analysis.StanceMatrices(&data.Corpus{Statements: []data.Statement{one}, Actors: b.in.Registry, Codebook: b.in.Codebook}, opt)
	if err != nil {
		return 0, false
	}
	if len(set.Unplaced) == 1 {
		b.reasons[st.Date] = set.Unplaced[0].Reason
		return -1, true
	}
	for _, m := range set.Matrices {
		for _, row := range m.Cells {
			for _, c := range row {
				if c.N > 0 {
					i := slices.Index(b.labels, m.Period.Label)
					if i < 0 {
						i = len(b.labels)
						b.labels = append(b.labels, m.Period.Label)
					}
					return int32(i), true
				}
			}
		}
	}
	return 0, false
}

// stanceMatrices is analysis.StanceMatrices over stand-in statements,
// with the options of the run but bootstrap, when not 0, replaced.
func (b *builder) stanceMatrices(ss []data.Statement, bootstrap int) (*analysis.MatrixSet, error) {
	opt := b.opt
	if bootstrap != 0 {
		opt.Bootstrap = bootstrap
	}
	return analysis.StanceMatrices(&data.Corpus{Statements: ss, Actors: b.in.Registry, Codebook: b.in.Codebook}, opt)
}

// result assembles the matrix set: the periods from a stand-in corpus of
// one statement per distinct date, then every cell's numbers.
func (b *builder) result() (*analysis.MatrixSet, bool) {
	if len(b.actors.list) == 0 {
		return nil, false
	}
	// The periods and their bounds depend only on the dates, the rows
	// and their order only on the actors: one statement per distinct
	// date, then one per actor.
	theme0 := b.in.Codebook.Themes[0].ID
	skel := make([]data.Statement, 0, len(b.dateList)+len(b.actors.list))
	for _, d := range b.dateList {
		skel = append(skel, data.Statement{Actor: b.actors.list[0], Theme: theme0, Date: d, Weight: 1})
	}
	for _, a := range b.actors.list {
		skel = append(skel, data.Statement{Actor: a, Theme: theme0, Date: b.dateList[0], Weight: 1})
	}
	periods, err := b.stanceMatrices(skel, -1)
	if err != nil {
		return nil, false
	}
	// The options as used, defaults filled in, from a run with the
	// run's own bootstrap.
	options, err := b.stanceMatrices(skel[:1], 0)
	if err != nil {
		return nil, false
	}
	final := make([]int, len(b.labels)) // label → index among the periods
	for i, l := range b.labels {
		final[i] = slices.IndexFunc(periods.Matrices, func(m analysis.Matrix) bool { return m.Period.Label == l })
		if final[i] < 0 {
			return nil, false
		}
	}
	rows := periods.Rows
	rowOf := make([]int, len(b.rowNames.list))
	for r, name := range b.rowNames.list {
		if rowOf[r] = slices.Index(rows, name); rowOf[r] < 0 {
			return nil, false
		}
	}
	themes := periods.Themes
	if len(themes) != len(b.themeIndex) {
		return nil, false
	}
	nr, nt, np := len(rows), len(themes), len(periods.Matrices)
	nan := math.NaN()
	all := make([]analysis.Cell, np*nr*nt)
	for i := range all {
		all[i] = analysis.Cell{Mean: nan, SD: nan, CILow: nan, CIHigh: nan}
	}
	at := func(c *cellAcc) *analysis.Cell {
		return &all[(final[c.label]*nr+rowOf[c.row])*nt+int(c.theme)]
	}
	if !b.compute(func(c *cellAcc) *analysis.Cell { return at(c) }) {
		return nil, false
	}
	// Salience: each cell's weight over its row's in the period, summed
	// in theme order.
	for start := 0; start < len(all); start += nt {
		row := all[start : start+nt]
		n, w := 0, 0.0
		for _, c := range row {
			n += c.N
			w += c.Weight
		}
		for t := range row {
			if n == 0 {
				row[t].Salience = nan
			} else {
				row[t].Salience = row[t].Weight / w
			}
		}
	}
	set := &analysis.MatrixSet{Options: options.Options, GroupBy: options.GroupBy, Rows: rows, Themes: themes,
		Matrices: make([]analysis.Matrix, np), Unplaced: b.unplaced}
	for p, m := range periods.Matrices {
		mm := analysis.Matrix{Period: m.Period, Rows: rows, Themes: themes, Cells: make([][]analysis.Cell, nr)}
		for r := range nr {
			start := (p*nr + r) * nt
			mm.Cells[r] = all[start : start+nt : start+nt]
		}
		set.Matrices[p] = mm
	}
	return set, true
}

// compute fills every cell with statements: count, weight and example
// from what was gathered, mean, SD and interval from StanceMatrices on
// stand-in statements, a batch of cells of one period (and row) at a
// time, on every core.
func (b *builder) compute(cellOf func(*cellAcc) *analysis.Cell) bool {
	// Batches: the cells of one period, split when large; with rows
	// grouped, of one row and period, since a stand-in of an actor in
	// several groups falls in each of them.
	byActor := b.opt.GroupBy == analysis.ByActor
	same := func(c, d *cellAcc) bool { return c.label == d.label && (byActor || c.row == d.row) }
	order := make([]int, len(b.cells))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		ci, cj := &b.cells[i], &b.cells[j]
		if ci.label != cj.label {
			return int(ci.label - cj.label)
		}
		return int(ci.row - cj.row)
	})
	var batches [][]int
	size := 0
	for k, i := range order {
		c := &b.cells[i]
		if k == 0 || !same(c, &b.cells[order[k-1]]) || size+b.standIns(c) > standInBatch {
			batches = append(batches, nil)
			size = 0
		}
		batches[len(batches)-1] = append(batches[len(batches)-1], i)
		size += b.standIns(c)
	}
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var ss []data.Statement
			for k := int(next.Add(1) - 1); k < len(batches) && !failed.Load(); k = int(next.Add(1) - 1) {
				var good bool
				if ss, good = b.batch(batches[k], ss[:0], cellOf); !good {
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return !failed.Load()
}

// compress says whether a cell's stand-ins may be one statement per
// distinct value, weighing its count: only without intervals (which
// resample statements) and when no stance comes with two weights (whose
// order would then change).
func (b *builder) compress(c *cellAcc) bool {
	if b.opt.Bootstrap >= 0 {
		return false
	}
	for i := range c.values {
		for j := range i {
			if c.values[i].stance == c.values[j].stance {
				return false
			}
		}
	}
	return true
}

func (b *builder) standIns(c *cellAcc) int {
	if b.compress(c) {
		return len(c.values)
	}
	return c.n
}

// batch computes cells of one period (and one row, with rows grouped),
// from stand-ins of the actor and date of each cell's first statement.
func (b *builder) batch(cells []int, ss []data.Statement, cellOf func(*cellAcc) *analysis.Cell) ([]data.Statement, bool) {
	first := &b.cells[cells[0]]
	themes := b.in.Codebook.ThemeIDs()
	for _, i := range cells {
		c := &b.cells[i]
		for _, v := range c.values {
			st := data.Statement{Actor: c.repActor, Theme: themes[c.theme], Stance: v.stance, Date: c.repDate, Weight: v.weight}
			if b.compress(c) {
				st.Weight = float64(v.n) * v.weight
				ss = append(ss, st)
				continue
			}
			for range v.n {
				ss = append(ss, st)
			}
		}
	}
	set, err := b.stanceMatrices(ss, 0)
	if err != nil {
		return ss, false
	}
	label := b.labels[first.label]
	m := slices.IndexFunc(set.Matrices, func(m analysis.Matrix) bool { return m.Period.Label == label })
	if m < 0 {
		return ss, false
	}
	rowAt := map[string]int{}
	for r, name := range set.Matrices[m].Rows {
		rowAt[name] = r
	}
	for _, i := range cells {
		c := &b.cells[i]
		r, ok := rowAt[b.rowNames.list[c.row]]
		if !ok {
			return ss, false
		}
		got := set.Matrices[m].Cells[r][c.theme]
		if !b.compress(c) && got.N != c.n {
			return ss, false
		}
		// The SD needs Σw > 1; the stand-ins sum their weights in another
		// order, which could put the sum on the other side of 1.
		if (got.Weight > 1) != (c.weight > 1) {
			return ss, false
		}
		*cellOf(c) = analysis.Cell{N: c.n, Weight: c.weight, Mean: got.Mean, SD: got.SD, CILow: got.CILow, CIHigh: got.CIHigh,
			Example: c.exID}
	}
	return ss, true
}
