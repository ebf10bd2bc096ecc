package html

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// Defaults of Options.
const (
	DefaultTop         = 30
	DefaultMaxEvidence = 5000
	// evidencePage is how many statements the evidence table shows at once.
	evidencePage = 100
	// maxLines is the most rows the evolution chart draws.
	maxLines = 8
	// evidenceBudget bounds the evidence table's HTML, whatever
	// MaxEvidence says, so that a corpus of long statements still gives
	// a report of a few megabytes; evidenceRowBytes is a row's markup
	// besides its texts.
	evidenceBudget   = 2_500_000
	evidenceRowBytes = 260
)

// report is what the page template shows.
type report struct {
	Title, Generated string
	Assets           assetsView
	Summary          summaryView
	Filters          []string
	Findings         []findingView
	Notes            []string
	Top              int
	RowWord          string // "actor", or "group", "kind", …

	Stance, Salience, Map, Dendro, Dist, Network *chartSpec
	Evolution, Convergence, Flows, Movers, Radar *chartSpec
	MapMsg, BlocsMsg, NetworkMsg, EvolutionMsg   string
	FlowsMsg, MoversMsg, RadarMsg                string
	MapNotes, BlocNotes                          []string
	NetworkHasConflict                           bool   // negative ties, shown on demand
	NetworkConflicts                             bool   // every tie counts disagreements
	NetworkShown                                 string // how many ties the chart leaves out

	EvolutionThemes []choice
	RadarRows       []choice
	MoverRows       []moverView
	Compare         *compareView
	Profiles        []profileView
	Evidence        evidenceView
	Method          methodView
	Themes          []themeView
	Scale           []data.ScaleLevel

	DataJSON template.JS
	JS       template.JS
	CSS      template.CSS
	Script   template.JS // inline echarts
}

type summaryView struct {
	Statements, Actors, Themes, Rows int
	From, To                         string
	Periods                          int
	PeriodSpec                       string
}

type findingView struct {
	Kind, Text string
	Statements []evLink
	More       int
}

// evLink is a statement id, linked to its evidence row when the table
// holds it.
type evLink struct {
	ID, Anchor string
}

type choice struct {
	Value    int
	Label    string
	Selected bool
}

type moverView struct {
	Row, First, Last string
	Net, Path        string
	Largest          string
}

type compareView struct {
	A, B   string
	Themes []compareTheme
	Level  string
}

type compareTheme struct {
	Theme, A, B, Diff, Verdict string
	VerdictClass               string
}

type profileView struct {
	Anchor, Label, Meta string
	Positions           []positionView
	Statements          []profileStatement
	Total               int
	ActorFilter         int // evidence actor filter value; -1 for a group row
}

type positionView struct {
	Theme, Mean, N, CI, Salience string
	Class                        string
}

type profileStatement struct {
	Date, Theme, Stance, Text string
	StanceClass               string
	Link                      evLink
}

type evidenceView struct {
	Rows         []evRow
	Total, Shown int
	Left         int
	PageSize     int
	Actors       []choice
	Themes       []choice
	Stances      []choice
}

type evRow struct {
	Anchor, ID, Actor, Date, Theme, Text, Speaker, Source, Event, URL string
	ActorIdx, ThemeIdx, Stance                                        int
	StanceText, StanceClass                                           string
}

type themeView struct {
	ID, Label, Description, Positive, Negative string
}

type methodView struct {
	Bootstrap, Level, Seed                   string
	Metric, MinOverlap, MapMethod            string
	K, Silhouette, Modularity, Resolution    string
	Alpha, Network, Trend, Slope, PeriodSpec string
	Unplaced                                 int
}

// rowInfo is one row of the matrices.
type rowInfo struct {
	id, label string
	n         int  // statements in the row's cells
	bloc      int  // 1..K, 0 when not clustered
	comm      int  // Louvain community, 0 when none
	top       bool // labelled on crowded charts
}

// view carries what the charts and sections share while the report is
// built.
type view struct {
	a       *analysis.Analysis
	c       *data.Corpus
	opt     Options
	overall analysis.Matrix
	rows    []rowInfo
	order   []int    // rows in display order: the dendrogram's, then by label
	themes  []string // theme labels, in matrix order
	byRow   map[string]int
	// evidence
	stmtIdx  map[string]int // statement id → corpus index (first)
	included []bool         // corpus index → in the evidence table
	actorIdx map[string]int // actor id → evidence filter value
	// statement indices cited by the profiles, per row
	profileStmts [][]int
	// the rows the radar starts with; the compare table takes the first two
	radarPick []int
}

func build(a *analysis.Analysis, c *data.Corpus, opt Options) (*report, error) {
	if opt.Top <= 0 {
		opt.Top = DefaultTop
	}
	if opt.MaxEvidence <= 0 {
		opt.MaxEvidence = DefaultMaxEvidence
	}
	if len(a.Overall.Matrices) == 0 {
		return nil, fmt.Errorf("html report: the analysis has no overall matrix")
	}
	v := &view{a: a, c: c, opt: opt, overall: a.Overall.Matrices[0]}
	v.setRows()
	v.setThemes()
	v.selectEvidence()

	r := &report{Title: opt.Title, Generated: opt.Generated, Top: opt.Top, RowWord: rowWord(a.Overall.GroupBy)}
	if r.Title == "" {
		r.Title = "stancemap report"
	}
	s := a.Summary
	r.Summary = summaryView{Statements: s.Statements, Actors: s.Actors, Themes: s.Themes, Rows: s.Rows,
		From: s.From.String(), To: s.To.String(), Periods: len(a.Periods.Matrices), PeriodSpec: a.Periods.Options.Period.String()}
	if len(opt.Actors) > 0 {
		r.Filters = append(r.Filters, "actors: "+strings.Join(opt.Actors, ", "))
	}
	if len(opt.Themes) > 0 {
		r.Filters = append(r.Filters, "themes: "+strings.Join(opt.Themes, ", "))
	}
	for i, f := range a.Findings {
		if i == 10 {
			break
		}
		fv := findingView{Kind: f.Kind, Text: f.Text, More: f.StatementCount - len(f.Statements)}
		for _, id := range f.Statements {
			fv.Statements = append(fv.Statements, v.link(id))
		}
		r.Findings = append(r.Findings, fv)
	}
	r.Notes = append(r.Notes, a.Notes...)

	var specs []*chartSpec
	add := func(dst **chartSpec, f func() (*chartSpec, error)) error {
		sp, err := f()
		if err != nil {
			return err
		}
		*dst = sp
		if sp != nil {
			specs = append(specs, sp)
		}
		return nil
	}
	steps := []struct {
		dst **chartSpec
		f   func() (*chartSpec, error)
	}{
		{&r.Stance, v.stanceChart},
		{&r.Salience, v.salienceChart},
		{&r.Map, func() (*chartSpec, error) { return v.mapChart(r) }},
		{&r.Dendro, func() (*chartSpec, error) { return v.dendroChart(r) }},
		{&r.Dist, v.distChart},
		{&r.Network, func() (*chartSpec, error) { return v.networkChart(r) }},
		{&r.Evolution, func() (*chartSpec, error) { return v.evolutionChart(r) }},
		{&r.Convergence, v.convergenceChart},
		{&r.Flows, func() (*chartSpec, error) { return v.flowsChart(r) }},
		{&r.Movers, func() (*chartSpec, error) { return v.moversChart(r) }},
		{&r.Radar, func() (*chartSpec, error) { return v.radarChart(r) }},
	}
	for _, st := range steps {
		if err := add(st.dst, st.f); err != nil {
			return nil, err
		}
	}
	r.Compare = v.compare(r)
	r.Profiles = v.profiles()
	r.Evidence = v.evidence()
	r.Method = v.method()
	r.Scale = c.Codebook.Levels()
	for _, id := range v.overall.Themes {
		tv := themeView{ID: id, Label: id}
		if t, ok := c.Codebook.Theme(id); ok {
			tv = themeView{ID: id, Label: cmp.Or(t.Label, id), Description: t.Description, Positive: t.Positive, Negative: t.Negative}
		}
		r.Themes = append(r.Themes, tv)
	}
	js, err := marshalSpecs(specs)
	if err != nil {
		return nil, err
	}
	r.DataJSON = template.JS(js)
	r.JS = template.JS(reportJS)
	r.CSS = template.CSS(reportCSS)
	return r, nil
}

func rowWord(g analysis.GroupBy) string {
	if g == analysis.ByActor {
		return "actor"
	}
	return g.String()
}

// setRows names the rows, counts their statements, and orders them: the
// dendrogram's leaves first, so that blocs sit together, then the rest.
func (v *view) setRows() {
	m := v.overall
	v.byRow = map[string]int{}
	seen := map[string]int{}
	for i, id := range m.Rows {
		label := id
		if v.a.Overall.GroupBy == analysis.ByActor && v.c.Actors != nil {
			if act, ok := v.c.Actors.Get(id); ok && strings.TrimSpace(act.Name) != "" {
				label = act.Name
			}
		}
		ri := rowInfo{id: id, label: label}
		for _, cell := range m.Cells[i] {
			ri.n += cell.N
		}
		seen[label]++
		v.rows = append(v.rows, ri)
		v.byRow[id] = i
	}
	// Charts key categories by label: two actors of one name get their ids.
	for i := range v.rows {
		if seen[v.rows[i].label] > 1 {
			v.rows[i].label += " [" + v.rows[i].id + "]"
		}
	}
	if b := v.a.Blocs; b != nil {
		for i, id := range b.Dendrogram.Rows {
			if j, ok := v.byRow[id]; ok && i < len(b.Labels) {
				v.rows[j].bloc = b.Labels[i]
			}
		}
	}
	if cm := v.a.Communities; cm != nil {
		for i, id := range cm.Rows {
			if j, ok := v.byRow[id]; ok && i < len(cm.Labels) {
				v.rows[j].comm = cm.Labels[i]
			}
		}
	}
	for rank, i := range v.byActivity() {
		v.rows[i].top = rank < v.opt.Top
	}
	placed := make([]bool, len(v.rows))
	if b := v.a.Blocs; b != nil {
		for _, leaf := range b.Dendrogram.OrderedLeaves() {
			if j, ok := v.byRow[b.Dendrogram.Rows[leaf]]; ok && !placed[j] {
				v.order = append(v.order, j)
				placed[j] = true
			}
		}
	}
	var rest []int
	for i := range v.rows {
		if !placed[i] {
			rest = append(rest, i)
		}
	}
	slices.SortStableFunc(rest, func(x, y int) int { return strings.Compare(v.rows[x].label, v.rows[y].label) })
	v.order = append(v.order, rest...)
}

// byActivity lists row indices by statements, most first, then by label.
func (v *view) byActivity() []int {
	idx := make([]int, len(v.rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int {
		if c := cmp.Compare(v.rows[y].n, v.rows[x].n); c != 0 {
			return c
		}
		return strings.Compare(v.rows[x].label, v.rows[y].label)
	})
	return idx
}

func (v *view) setThemes() {
	seen := map[string]int{}
	for _, id := range v.overall.Themes {
		label := v.themeLabel(id)
		seen[label]++
		v.themes = append(v.themes, label)
	}
	for i, id := range v.overall.Themes {
		if seen[v.themes[i]] > 1 {
			v.themes[i] += " [" + id + "]"
		}
	}
}

func (v *view) themeLabel(id string) string {
	if t, ok := v.c.Codebook.Theme(id); ok && strings.TrimSpace(t.Label) != "" {
		return t.Label
	}
	return id
}

func (v *view) actorLabel(id string) string {
	if v.c.Actors != nil {
		if a, ok := v.c.Actors.Get(id); ok && strings.TrimSpace(a.Name) != "" {
			return a.Name
		}
	}
	return id
}

// memberOf reports whether an actor's statements count in a row, as
// analysis.StanceMatrices groups them.
func (v *view) memberOf(actorID string, row string) bool {
	g := v.a.Overall.GroupBy
	if g == analysis.ByActor {
		return actorID == row
	}
	if v.c.Actors == nil {
		return false
	}
	act, ok := v.c.Actors.Get(actorID)
	if !ok {
		return false
	}
	act = v.c.Actors.Represented(act)
	one := func(s string) bool {
		s = strings.TrimSpace(s)
		if s == "" {
			s = analysis.NoneRow
		}
		return s == row
	}
	switch g {
	case analysis.ByKind:
		return one(string(act.Kind))
	case analysis.ByCountry:
		return one(act.Country)
	case analysis.ByRegion:
		return one(act.Region)
	case analysis.ByGroup:
		has := false
		for _, gr := range act.Groups {
			if strings.TrimSpace(gr) != "" {
				has = true
				if strings.TrimSpace(gr) == row {
					return true
				}
			}
		}
		return !has && row == analysis.NoneRow
	}
	return false
}

// strength ranks statements for profiles: |stance| × confidence
// (1 when not given), as analysis picks a cell's example.
func strength(s *data.Statement) float64 {
	c := s.Confidence
	if c <= 0 {
		c = 1
	}
	return math.Abs(float64(s.Stance)) * c
}

// profileLimit is how many statements each profile lists.
func (v *view) profileLimit() int {
	switch n := len(v.rows); {
	case n > 60:
		return 4
	case n > 20:
		return 8
	}
	return 25
}

// selectEvidence decides which statements the evidence table holds: all
// when they fit in MaxEvidence; else those the report cites first
// (findings, the heatmap's examples, the profiles), then the others in
// corpus order.
func (v *view) selectEvidence() {
	ss := v.c.Statements
	v.stmtIdx = make(map[string]int, len(ss))
	for i, s := range ss {
		if _, ok := v.stmtIdx[s.ID]; !ok {
			v.stmtIdx[s.ID] = i
		}
	}
	// Profiles: each row's strongest statements, then the latest.
	v.profileStmts = make([][]int, len(v.rows))
	limit := v.profileLimit()
	if v.a.Overall.GroupBy == analysis.ByActor {
		for i := range ss {
			if j, ok := v.byRow[ss[i].Actor]; ok {
				v.profileStmts[j] = append(v.profileStmts[j], i)
			}
		}
	} else {
		for i := range ss {
			for j, r := range v.rows {
				if v.memberOf(ss[i].Actor, r.id) {
					v.profileStmts[j] = append(v.profileStmts[j], i)
				}
			}
		}
	}
	for j, idx := range v.profileStmts {
		slices.SortStableFunc(idx, func(x, y int) int {
			if c := cmp.Compare(strength(&ss[y]), strength(&ss[x])); c != 0 {
				return c
			}
			return ss[y].Date.Compare(ss[x].Date)
		})
		v.profileStmts[j] = idx
	}

	v.included = make([]bool, len(ss))
	total := 0
	for i := range ss {
		total += evidenceRowBytes + len(ss[i].Text) + len(ss[i].Source) + len(ss[i].URL) + len(ss[i].Event) + len(ss[i].Speaker)
	}
	if len(ss) <= v.opt.MaxEvidence && total <= evidenceBudget {
		for i := range v.included {
			v.included[i] = true
		}
		return
	}
	left, bytes := v.opt.MaxEvidence, 0
	take := func(i int) {
		if left > 0 && bytes < evidenceBudget && i >= 0 && i < len(ss) && !v.included[i] {
			v.included[i] = true
			left--
			s := &ss[i]
			bytes += evidenceRowBytes + len(s.Text) + len(s.Source) + len(s.URL) + len(s.Event) + len(s.Speaker)
		}
	}
	for _, f := range v.a.Findings {
		for _, id := range f.Statements {
			if i, ok := v.stmtIdx[id]; ok {
				take(i)
			}
		}
	}
	for _, row := range v.overall.Cells {
		for _, cell := range row {
			if i, ok := v.stmtIdx[cell.Example]; ok && cell.Example != "" {
				take(i)
			}
		}
	}
	for _, idx := range v.profileStmts {
		for k, i := range idx {
			if k == limit {
				break
			}
			take(i)
		}
	}
	for i := range ss {
		take(i)
	}
}

func anchor(i int) string { return fmt.Sprintf("ev-%d", i) }

func (v *view) link(id string) evLink {
	if i, ok := v.stmtIdx[id]; ok && v.included[i] {
		return evLink{ID: id, Anchor: anchor(i)}
	}
	return evLink{ID: id}
}

// exampleRef is the evidence row of a cell's example statement, or -1.
func (v *view) exampleRef(id string) int {
	if id == "" {
		return -1
	}
	if i, ok := v.stmtIdx[id]; ok && v.included[i] {
		return i
	}
	return -1
}

func stanceClass(s int) string {
	if s < -2 || s > 2 {
		return "s0"
	}
	return [...]string{"sm2", "sm1", "s0", "sp1", "sp2"}[s+2]
}

// meanClass colours a mean stance like the nearest scale point.
func meanClass(m float64) string {
	if !finite(m) {
		return "sna"
	}
	return stanceClass(int(math.Round(max(-2, min(2, m)))))
}

func (v *view) stanceText(s int) string {
	label := v.c.Codebook.StanceLabel(s)
	sign := fmt.Sprint(s)
	if s > 0 {
		sign = "+" + sign
	}
	if label == fmt.Sprint(s) {
		return sign
	}
	return sign + " " + label
}

// safeURL returns u when it is an absolute http or https URL, else "".
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		return ""
	}
	return p.String()
}

// clip shortens text to n runes at a word boundary.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)[:n]
	cut := len(rs)
	for k := len(rs) - 1; k > n*2/3; k-- {
		if rs[k] == ' ' {
			cut = k
			break
		}
	}
	return strings.TrimRight(string(rs[:cut]), " ,;:") + "…"
}

func (v *view) evidence() evidenceView {
	ss := v.c.Statements
	ev := evidenceView{Total: len(ss), PageSize: evidencePage}
	actors := map[string]bool{}
	for _, s := range ss {
		actors[s.Actor] = true
	}
	ids := make([]string, 0, len(actors))
	for id := range actors {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(x, y string) int {
		return cmp.Or(strings.Compare(v.actorLabel(x), v.actorLabel(y)), strings.Compare(x, y))
	})
	v.actorIdx = map[string]int{}
	for i, id := range ids {
		v.actorIdx[id] = i
		label := v.actorLabel(id)
		if label != id {
			label += " (" + id + ")"
		}
		ev.Actors = append(ev.Actors, choice{Value: i, Label: label})
	}
	themeIdx := map[string]int{}
	for i, id := range v.overall.Themes {
		themeIdx[id] = i
		ev.Themes = append(ev.Themes, choice{Value: i, Label: v.themes[i]})
	}
	for s := data.MaxStance; s >= data.MinStance; s-- {
		ev.Stances = append(ev.Stances, choice{Value: s, Label: v.stanceText(s)})
	}
	var idx []int
	for i := range ss {
		if v.included[i] {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(x, y int) int { return ss[x].Date.Compare(ss[y].Date) })
	for _, i := range idx {
		s := &ss[i]
		ti, ok := themeIdx[s.Theme]
		if !ok {
			ti = -1
		}
		speaker := s.Speaker
		if strings.EqualFold(strings.TrimSpace(speaker), v.actorLabel(s.Actor)) {
			speaker = ""
		}
		ev.Rows = append(ev.Rows, evRow{
			Anchor: anchor(i), ID: s.ID, Actor: v.actorLabel(s.Actor), Date: s.Date.String(), Theme: v.themeLabel(s.Theme),
			Text: s.Text, Speaker: speaker, Source: s.Source, Event: s.Event, URL: safeURL(s.URL),
			ActorIdx: v.actorIdx[s.Actor], ThemeIdx: ti, Stance: s.Stance,
			StanceText: v.stanceText(s.Stance), StanceClass: stanceClass(s.Stance),
		})
	}
	ev.Shown = len(ev.Rows)
	ev.Left = ev.Total - ev.Shown
	return ev
}

func (v *view) profiles() []profileView {
	ss := v.c.Statements
	idx := make([]int, len(v.rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int { return strings.Compare(v.rows[x].label, v.rows[y].label) })
	limit := v.profileLimit()
	clipLen := 220
	if len(v.rows) > 60 {
		clipLen = 140
	}
	var out []profileView
	for _, i := range idx {
		r := v.rows[i]
		p := profileView{Anchor: fmt.Sprintf("p-%d", i), Label: r.label, Total: len(v.profileStmts[i]), ActorFilter: -1}
		if v.a.Overall.GroupBy == analysis.ByActor {
			if k, ok := v.actorIdx[r.id]; ok {
				p.ActorFilter = k
			}
		}
		var meta []string
		if v.a.Overall.GroupBy == analysis.ByActor && v.c.Actors != nil {
			if act, ok := v.c.Actors.Get(r.id); ok {
				meta = append(meta, strings.ReplaceAll(string(act.Kind), "_", " "))
				if act.Country != "" && act.Country != act.ID {
					meta = append(meta, act.Country)
				}
				if act.Organisation != "" {
					meta = append(meta, "speaks for "+v.actorLabel(act.Organisation))
				}
			}
		} else {
			meta = append(meta, rowWord(v.a.Overall.GroupBy))
		}
		meta = append(meta, plural(r.n, "statement", "statements"))
		if r.bloc > 0 {
			meta = append(meta, fmt.Sprintf("bloc %d", r.bloc))
		}
		if r.comm > 0 {
			meta = append(meta, fmt.Sprintf("network community %d", r.comm))
		}
		p.Meta = strings.Join(meta, " · ")
		for t, cell := range v.overall.Cells[i] {
			if cell.N == 0 {
				continue
			}
			pv := positionView{Theme: v.themes[t], Mean: fmtSigned(cell.Mean), N: fmt.Sprint(cell.N), Salience: pct(cell.Salience), Class: meanClass(cell.Mean)}
			if finite(cell.CILow) && finite(cell.CIHigh) {
				pv.CI = fmtSigned(cell.CILow) + " to " + fmtSigned(cell.CIHigh)
			} else {
				pv.CI = "–"
			}
			p.Positions = append(p.Positions, pv)
		}
		for k, si := range v.profileStmts[i] {
			if k == limit {
				break
			}
			s := &ss[si]
			l := evLink{ID: s.ID}
			if v.included[si] {
				l.Anchor = anchor(si)
			}
			p.Statements = append(p.Statements, profileStatement{Date: s.Date.String(), Theme: v.themeLabel(s.Theme),
				Stance: v.stanceText(s.Stance), StanceClass: stanceClass(s.Stance), Text: clip(s.Text, clipLen), Link: l})
		}
		out = append(out, p)
	}
	return out
}

func pct(v float64) string {
	if !finite(v) {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", v*100)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (v *view) compare(r *report) *compareView {
	if v.a.Overall.GroupBy != analysis.ByActor || len(v.radarPick) < 2 {
		return nil
	}
	pair := []string{v.rows[v.radarPick[0]].id, v.rows[v.radarPick[1]].id}
	o := v.a.Overall.Options
	cmpRes, err := analysis.Compare(v.c, pair[0], pair[1], analysis.CompareOptions{Bootstrap: o.Bootstrap, Seed: o.Seed, Level: o.Level, ActorOnly: true})
	if err != nil {
		return nil
	}
	cv := &compareView{A: v.actorLabel(pair[0]), B: v.actorLabel(pair[1]), Level: fmt.Sprintf("%.0f%%", cmpRes.Level*100)}
	side := func(s analysis.SideStats) string {
		if s.N == 0 {
			return "–"
		}
		out := fmtSigned(s.Mean) + " (n " + fmt.Sprint(s.N)
		if finite(s.CILow) && finite(s.CIHigh) {
			out += ", " + fmtSigned(s.CILow) + " to " + fmtSigned(s.CIHigh)
		}
		return out + ")"
	}
	for _, t := range cmpRes.Themes {
		ct := compareTheme{Theme: v.themeLabel(t.Theme), A: side(t.A), B: side(t.B), Verdict: t.Verdict,
			VerdictClass: "v-" + strings.ReplaceAll(t.Verdict, " ", "")}
		if finite(t.Diff) {
			ct.Diff = fmtSigned(t.Diff)
			if finite(t.DiffLow) && finite(t.DiffHigh) {
				ct.Diff += " (" + fmtSigned(t.DiffLow) + " to " + fmtSigned(t.DiffHigh) + ")"
			}
		} else {
			ct.Diff = "–"
		}
		switch t.Verdict {
		case analysis.VerdictOnlyA:
			ct.Verdict = "only " + cv.A
		case analysis.VerdictOnlyB:
			ct.Verdict = "only " + cv.B
		}
		cv.Themes = append(cv.Themes, ct)
	}
	return cv
}

func (v *view) method() methodView {
	a := v.a
	o := a.Overall.Options
	m := methodView{Seed: fmt.Sprint(o.Seed), Level: fmt.Sprintf("%.0f%%", o.Level*100),
		Metric: string(a.Distances.Metric), MinOverlap: fmt.Sprint(a.Distances.MinOverlap),
		MapMethod: strings.ToUpper(string(cmp.Or(a.Map.Method, analysis.MapPCA))), Alpha: fmtNum(a.Polarisation.Alpha),
		Trend: a.Convergence.Trend, Slope: fmtSigned(a.Convergence.Slope), PeriodSpec: a.Periods.Options.Period.String(),
		Unplaced: len(a.Periods.Unplaced)}
	if o.Bootstrap > 0 {
		m.Bootstrap = fmt.Sprint(o.Bootstrap)
	}
	if a.Blocs != nil {
		m.K, m.Silhouette = fmt.Sprint(a.Blocs.K), fmtNum(a.Blocs.Silhouette)
	}
	if a.Communities != nil {
		m.Modularity, m.Resolution = fmtNum(a.Communities.Modularity), fmtNum(a.Communities.Resolution)
	}
	no := a.Network.Options
	if no.Mode != "" {
		m.Network = fmt.Sprintf("%s, qualifier %s, normalisation %s, duplicates %s", no.Mode, no.Qualifier, no.Normalization, no.Duplicates)
	}
	return m
}
