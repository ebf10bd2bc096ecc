package html

import (
	"bufio"
	"cmp"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

//go:embed scale.tmpl
var scaleTmpl string

var scaleTemplate = template.Must(template.New("scale").Parse(scaleTmpl))

// scalePage is what the positions page shows.
type scalePage struct {
	Title, Generated, MethodName, Unit, Counts string
	Axis                                       axisView
	Actors, Height                             int
	Periods                                    []string
	Rows                                       []scaleRow
	Method                                     []methodItem
	Assets                                     assetsView
	CSS                                        template.CSS
	Script                                     template.JS
	DataJSON                                   template.JS
}

type axisView struct{ Label, Positive, Negative, Themes string }

type scaleRow struct{ Actor, Period, Position, Interval, N string }

type methodItem struct{ Term, Text string }

// WriteScale writes the positions of a scaling as a self-contained HTML
// page: a dot plot with the 95% intervals (actors from the + end at the
// top to the − end, one colour per period), the table of positions and
// the method. Options.Title, Assets, ReportPath and Generated apply.
func WriteScale(w io.Writer, s *analysis.Scaling, opt Options) error {
	if s == nil || len(s.Positions) == 0 {
		return errors.New("html: no positions to write")
	}
	assets, err := resolveAssets(opt)
	if err != nil {
		return err
	}
	p := &scalePage{Title: opt.Title, Generated: opt.Generated, Unit: s.Unit, Counts: s.Counts, Periods: s.Periods,
		Axis:   axisView{Label: s.Axis.Label, Positive: s.Axis.Positive, Negative: s.Axis.Negative},
		Assets: assets, CSS: template.CSS(reportCSS)}
	if p.Title == "" {
		p.Title = "Positions on " + s.Axis.Label
	}
	if assets.Inline {
		p.Script = template.JS(assets.Script)
	}
	p.MethodName, p.Method = scaleMethod(s)
	for _, q := range s.Positions {
		p.Rows = append(p.Rows, scaleRow{Actor: q.Actor, Period: q.Period, Position: fmtPos(q.Value),
			Interval: fmtPos(q.Low) + " to " + fmtPos(q.High), N: fmt.Sprint(q.N)})
		if math.IsNaN(q.Low) {
			p.Rows[len(p.Rows)-1].Interval = "–"
		}
	}
	o, actors, height := scaleOption(s, func(id string) string { return id })
	p.Actors, p.Height = len(actors), height
	b, err := json.Marshal(struct {
		Option  option   `json:"option"`
		Actors  []string `json:"actors"`
		Periods []string `json:"periods"`
		Counts  string   `json:"counts"`
	}{o, actors, s.Periods, s.Counts})
	if err != nil {
		return fmt.Errorf("html: positions: %w", err)
	}
	p.DataJSON = template.JS(b)
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := scaleTemplate.Execute(bw, p); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	return bw.Flush()
}

// scaleOption is the dot plot of a scaling: actors on the y axis ordered
// by their mean position over the periods (the + end at the top), a dot
// and an interval line per actor and period, one colour per period. Each
// dot's value is [position, actor index, low, high, n]. label names an
// actor id.
func scaleOption(s *analysis.Scaling, label func(string) string) (option, []string, int) {
	sum, cnt := map[string]float64{}, map[string]int{}
	for _, q := range s.Positions {
		if !math.IsNaN(q.Value) {
			sum[q.Actor] += q.Value
			cnt[q.Actor]++
		}
	}
	var ids []string
	for a := range sum {
		ids = append(ids, a)
	}
	mean := func(a string) float64 { return sum[a] / float64(cnt[a]) }
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(mean(a), mean(b)), cmp.Compare(a, b))
	})
	index := map[string]int{}
	actors := make([]string, len(ids))
	for i, a := range ids {
		index[a] = i
		actors[i] = label(a)
	}
	o := option{Grid: &grid{Left: 12, Right: 24, Top: 36, Bottom: 48, ContainLabel: true},
		XAxis: []axis{{Type: "value", Name: "− end … + end", NameLocation: "middle", NameGap: 28, Scale: true}},
		YAxis: []axis{{Type: "category", Data: actors, AxisLabel: &axisLabel{Interval: ptr(0)}}}}
	if len(s.Periods) > 1 {
		o.Legend = &legend{Show: true, Top: "0", Data: s.Periods}
	}
	for k, period := range s.Periods {
		colour := palette[k%len(palette)]
		var dots []any
		var bars []polyline
		for _, q := range s.Positions {
			if q.Period != period || math.IsNaN(q.Value) {
				continue
			}
			y := index[q.Actor]
			dots = append(dots, []any{round4(q.Value), y, nullable(q.Low), nullable(q.High), q.N})
			if !math.IsNaN(q.Low) {
				bars = append(bars, polyline{Coords: [][2]any{{round4(q.Low), y}, {round4(q.High), y}}, LineStyle: lineStyle{Color: colour, Width: 2}})
			}
		}
		o.Series = append(o.Series,
			series{Type: "lines", Name: period, CoordinateSystem: "cartesian2d", Color: colour, Silent: true, Data: nonNil(bars)},
			series{Type: "scatter", Name: period, Color: colour, SymbolSize: ptr(9), Data: nonNil(dots)})
	}
	return o, actors, max(240, 22*len(actors)+110)
}

// scaleSection places the report's actors on the codebook's first axis
// that names themes, from their statements (analysis.ScaleStatements, one
// period, the report's bootstrap), as a dot plot of kind "scale".
func (v *view) scaleSection(r *report) *chartSpec {
	var axis *data.Axis
	for i := range v.c.Codebook.Axes {
		if len(v.c.Codebook.Axes[i].Themes) > 0 {
			axis = &v.c.Codebook.Axes[i]
			break
		}
	}
	if axis == nil {
		r.AxisMsg = "The codebook defines no axis with themes (axes: in the codebook), so actors are not placed on one."
		return nil
	}
	r.Axis = &axisView{Label: axis.Label, Positive: axis.Positive, Negative: axis.Negative}
	var ts []string
	for _, id := range axis.ThemeIDs() {
		ts = append(ts, fmt.Sprintf("%s %+d", v.themeLabel(id), axis.Themes[id]))
	}
	r.Axis.Themes = strings.Join(ts, ", ")
	o := v.a.Overall.Options
	s, err := analysis.ScaleStatements(v.c, axis, analysis.ScaleOptions{Bootstrap: o.Bootstrap, Seed: o.Seed})
	if err != nil {
		r.AxisMsg = "No statement falls on the axis's themes (" + r.Axis.Themes + "), so no actor is placed on it."
		return nil
	}
	if v.crowd {
		r.AxisShown = v.keepShown(s)
	}
	opt, actors, height := scaleOption(s, v.actorLabel)
	return &chartSpec{ID: "chart-axis", Kind: "scale", Height: height, Option: opt,
		Extra: map[string]any{"actors": actors, "counts": s.Counts}}
}

func scaleMethod(s *analysis.Scaling) (string, []methodItem) {
	var items []methodItem
	var name string
	switch s.Method {
	case analysis.MethodWordscores:
		name = "Wordscores from texts"
		items = append(items, methodItem{"Wordscores", "Laver, Benoit & Garry (2003). Every word gets a score: the average of the reference actors' positions, each weighted by how often (relatively) that actor uses the word. A text's raw score is the average score of its words; raw scores are then stretched so that the actors other than the references spread as widely as the reference positions (LBG's rescaling)."})
		if t := s.Text; t != nil {
			items = append(items, methodItem{"Reference actors", refRangeText(t.References)}, methodItem{"Sentences scored", t.SentenceFilter()},
				methodItem{"Words", fmt.Sprintf("%d documents, %d scored terms, %d scored words. Terms pulling hardest to the + end: %s. To the − end: %s.", t.Documents, t.Terms, t.Words, terms(t.TopPositive), terms(t.TopNegative))})
		}
	case analysis.MethodLSS:
		name = "Latent Semantic Scaling from texts"
		items = append(items, methodItem{"Latent Semantic Scaling", "Watanabe (2021). A word's polarity is how close its meaning — learnt from the corpus by a singular value decomposition of sentences × words — lies to the + seed words rather than the − seed words; a text's score is the average polarity of its words, standardised over documents."})
		if t := s.Text; t != nil && t.SeedsUsed != nil {
			items = append(items, methodItem{"Seed words", fmt.Sprintf("+ %v; − %v (%d dimensions)", t.SeedsUsed.Positive, t.SeedsUsed.Negative, t.Dimensions)}, methodItem{"Sentences scored", t.SentenceFilter()},
				methodItem{"Words", fmt.Sprintf("Terms pulling hardest to the + end: %s. To the − end: %s.", terms(t.TopPositive), terms(t.TopNegative))})
		}
	default:
		name = "from coded statements"
		var ts []string
		for _, id := range s.Axis.ThemeIDs() {
			ts = append(ts, fmt.Sprintf("%s %+d", id, s.Axis.Themes[id]))
		}
		items = append(items, methodItem{"Signed stances", fmt.Sprintf("The weighted mean of the actor's stances on the axis's themes, each stance multiplied by the theme's sign on the axis (%v), on the stance scale −2..+2.", ts)})
	}
	items = append(items, methodItem{"Interval", s.Interval})
	if s.Unplaced > 0 {
		items = append(items, methodItem{"Left out", fmt.Sprintf("%d %s dated too coarsely for the periods", s.Unplaced, s.Counts)})
	}
	return name, items
}

func refRangeText(rs []analysis.ReferenceText) string {
	out := ""
	for i, r := range rs {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%s at %+g (%d documents)", r.Actor, r.Position, r.Documents)
	}
	return out
}

func terms(ts []analysis.TermScore) string {
	out := ""
	for i, t := range ts {
		if i == 10 {
			break
		}
		if i > 0 {
			out += ", "
		}
		out += t.Term
	}
	return out
}

func fmtPos(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%+.2f", v)
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

func nullable(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return round4(v)
}
