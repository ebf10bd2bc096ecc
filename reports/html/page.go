package html

import (
	"cmp"
	"fmt"
	"html/template"
	"strings"

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
	Provenance       string            // how the statements were coded, in a sentence
	Origins          data.OriginCounts // the same, counted
	Findings         []findingView
	Notes            []string
	Top              int
	RowWord          string // "actor", or "group", "kind", …

	Stance, Salience, Map, Dendro, Dist, Network *chartSpec
	AxisChart                                    *chartSpec
	Axis                                         *axisView // the axis actors are placed on
	AxisMsg                                      string
	AxisShown                                    string // how many actors the axis leaves out
	Crowd                                        *crowdView
	Evolution, Convergence, Flows, Movers, Radar *chartSpec
	MapMsg, BlocsMsg, NetworkMsg, EvolutionMsg   string
	DistMsg, ConvergenceMsg                      string
	FlowsMsg, MoversMsg, RadarMsg                string
	MapNotes, BlocNotes                          []string
	NetworkHasConflict                           bool   // negative ties, shown on demand
	NetworkConflicts                             bool   // every tie counts disagreements
	NetworkShown                                 string // how many ties the chart leaves out

	EvolutionThemes []choice
	TwoPeriods      twoPeriodView // the two periods side by side
	BlocThin        string        // what the dendrogram's † marks: rows with too few statements for the findings
	BlocsCaveat     string        // why the blocs drawn are not a finding, when the findings hold none
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
	// Origin is how the statement was coded (by hand, machine, reviewed);
	// Coding the confidence, cues and review of a machine code.
	Origin, OriginClass, Coding string
	OriginKey                   string // data.OriginClass, for the evidence filter
	ActorIdx, ThemeIdx, Stance  int
	StanceText, StanceClass     string
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
	order   []int // rows in display order: the dendrogram's, then by label
	// shown are the rows the per-row charts draw, in display order: all,
	// or the most active when crowd (more than crowdRows rows).
	shown    []int
	crowd    bool
	shownSet []bool
	themes   []string // theme labels, in matrix order
	byRow    map[string]int
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
	v.setShown()
	v.setThemes()
	v.selectEvidence()

	r := &report{Title: opt.Title, Generated: opt.Generated, Top: opt.Top, RowWord: rowWord(a.Overall.GroupBy)}
	if r.Title == "" {
		r.Title = "stancemap report"
	}
	s := a.Summary
	r.Summary = summaryView{Statements: s.Statements, Actors: s.Actors, Themes: s.Themes, Rows: s.Rows,
		From: s.From.String(), To: s.To.String(), Periods: len(a.Periods.Matrices), PeriodSpec: a.Periods.Options.Period.String()}
	if sel := opt.Selection; sel != nil {
		sum := sel.Summary()
		r.Filters = append(r.Filters, strings.ToUpper(sum[:1])+sum[1:]+".")
		for _, n := range sel.Notes {
			r.Filters = append(r.Filters, strings.ToUpper(n[:1])+n[1:]+".")
		}
	}
	oc := data.CountOrigins(c.Statements)
	r.Provenance = oc.Sentence(len(opt.Review.Rejected))
	r.Origins = oc
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

	charts := []struct {
		dst  **chartSpec
		spec *chartSpec
	}{
		{&r.Stance, v.stanceChart()},
		{&r.Salience, v.salienceChart()},
		{&r.Map, v.mapChart(r)},
		{&r.AxisChart, v.scaleSection(r)},
		{&r.Dendro, v.dendroChart(r)},
		{&r.Dist, v.distChart(r)},
		{&r.Network, v.networkChart(r)},
		{&r.Evolution, v.evolutionChart(r)},
		{&r.Convergence, v.convergenceChart(r)},
		{&r.Flows, v.flowsChart(r)},
		{&r.Movers, v.moversChart(r)},
		{&r.Radar, v.radarChart(r)},
	}
	var specs []*chartSpec
	for _, c := range charts {
		*c.dst = c.spec
		if c.spec != nil {
			c.spec.addToolbox()
			specs = append(specs, c.spec)
		}
	}
	for _, spec := range v.twoPeriods(r) {
		spec.addToolbox()
		specs = append(specs, spec)
	}
	if v.crowd {
		r.Crowd = &crowdView{Rows: len(v.rows), Shown: len(v.shown), Top: v.opt.Top, Word: r.RowWord}
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
	js, err := marshalSpecs(specs, v.rowsData(r.RowWord))
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
