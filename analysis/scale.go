package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/stancemap/stancemap/data"
)

// This file places actors on an axis of the codebook (data.Axis) from
// coded statements; scale_lss.go does it from raw texts. Both give a
// Scaling: one Position per actor and period, with a 95% percentile
// bootstrap interval.

// ScalePosition is one actor's place on an axis in one period.
type ScalePosition struct {
	Actor  string  `json:"actor"`
	Period string  `json:"period"`
	Value  float64 `json:"position"`
	Low    float64 `json:"low"`  // NaN (null) when there is too little to resample
	High   float64 `json:"high"` // NaN (null) likewise
	// N counts what the position rests on: statements (from statements),
	// documents (from texts).
	N int `json:"n"`
	// Words counts the scored words behind a position from texts.
	Words int `json:"words,omitempty"`
}

// Scaling is the result of placing actors on an axis.
type Scaling struct {
	Axis     data.Axis `json:"axis"`
	Method   string    `json:"method"`   // MethodStances, MethodWordscores or MethodLSS
	Unit     string    `json:"unit"`     // what a position is measured in
	Counts   string    `json:"counts"`   // what n counts
	Periods  []string  `json:"periods"`  // in time order
	Interval string    `json:"interval"` // how the interval is drawn
	// Positions are sorted by period (in time order), then actor id.
	Positions []ScalePosition `json:"positions"`
	// Unplaced counts statements or documents no period could take.
	Unplaced int `json:"unplaced"`
	// Text holds what the text model found (methods from texts only).
	Text *TextSummary `json:"text,omitempty"`
}

// Scaling methods.
const (
	MethodStances = "stances"
	MethodLSS     = "lss"
)

// ScaleOptions control both ways of scaling.
type ScaleOptions struct {
	Period PeriodSpec
	// Bootstrap is the number of resamples for the intervals (0 means
	// the default 2,000; negative means no interval).
	Bootstrap int
	Seed      uint64
}

func (o ScaleOptions) resamples() int {
	switch {
	case o.Bootstrap == 0:
		return DefaultBootstrap
	case o.Bootstrap < 0:
		return 0
	}
	return o.Bootstrap
}

// periodLabeler gives the label of the period a date falls in.
type periodLabeler struct {
	pp     periodPlacer
	labels map[int]string
}

func newPeriodLabeler(spec PeriodSpec) (*periodLabeler, error) {
	spec, err := spec.normalise()
	if err != nil {
		return nil, err
	}
	return &periodLabeler{pp: periodPlacer{spec: spec}, labels: map[int]string{}}, nil
}

// label returns the period of d and its sort key, or ok false.
func (l *periodLabeler) label(d data.Date) (string, int, bool) {
	u, ok := l.pp.place(d)
	if !ok {
		return "", 0, false
	}
	s, seen := l.labels[u]
	if !seen {
		switch l.pp.spec.Kind {
		case PeriodAll:
			s = PeriodAll
		case PeriodRanges:
			s = l.pp.spec.Ranges[u].Label
		default:
			s = unitLabel(l.pp.spec.Kind, u)
		}
		l.labels[u] = s
	}
	return s, u, true
}

// periods lists the labels seen, in time order.
func (l *periodLabeler) periods() []string {
	us := make([]int, 0, len(l.labels))
	for u := range l.labels {
		us = append(us, u)
	}
	slices.Sort(us)
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = l.labels[u]
	}
	return out
}

// ScaleStatements places each actor (and period) on the axis from coded
// statements: the weighted mean of its signed stances on the axis's
// themes,
//
//	position = Σᵢ wᵢ·sᵢ·xᵢ / Σᵢ wᵢ,
//
// over the actor's statements i on a theme of the axis, with xᵢ the
// stance (−2..+2), sᵢ the theme's sign on the axis (±1) and wᵢ the
// statement's weight. The position is on the stance scale: +2 is the
// axis's positive end. Its interval is the percentile bootstrap of the
// same mean over the statements (bootstrap.go: 2,000 resamples, seed 1
// by default, one stream per actor and period), none (NaN) under two
// statements. Statements of weight 0 do not count; statements no period
// can take are counted in Unplaced.
func ScaleStatements(c *data.Corpus, axis *data.Axis, opt ScaleOptions) (*Scaling, error) {
	if len(axis.Themes) == 0 {
		return nil, &OptionError{Option: "axis", Value: axis.ID, Msg: "the axis names no themes, so coded statements cannot place actors on it (add themes: to the axis in the codebook)"}
	}
	pl, err := newPeriodLabeler(opt.Period)
	if err != nil {
		return nil, err
	}
	type key struct {
		period int
		actor  string
	}
	cells := map[key][]atom{}
	out := &Scaling{Axis: *axis, Method: MethodStances, Unit: "stance (-2..+2) along the axis", Counts: "statements",
		Interval: fmt.Sprintf("95%% percentile bootstrap over statements, %d resamples, seed %d", opt.resamples(), opt.Seed)}
	for _, s := range c.Statements {
		sign, ok := axis.Themes[s.Theme]
		if !ok || !(s.Weight > 0) {
			continue
		}
		_, u, ok := pl.label(s.Date)
		if !ok {
			out.Unplaced++
			continue
		}
		k := key{u, s.Actor}
		x := float64(sign * int(s.Stance))
		as := cells[k]
		if i := slices.IndexFunc(as, func(a atom) bool { return a.x == x && a.w == s.Weight }); i >= 0 {
			as[i].n++
		} else {
			cells[k] = append(as, atom{x: x, w: s.Weight, n: 1})
		}
	}
	if len(cells) == 0 {
		return nil, &OptionError{Option: "axis", Value: axis.ID, Msg: "no statement falls on the axis's themes (" + fmt.Sprint(axis.ThemeIDs()) + ")"}
	}
	keys := make([]key, 0, len(cells))
	for k := range cells {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.period, b.period), cmp.Compare(a.actor, b.actor))
	})
	b := opt.resamples()
	cfg := newBootConfig(max(b, 1), 0.95)
	scratch := &bootScratch{}
	for _, k := range keys {
		as := cells[k]
		slices.SortFunc(as, func(p, q atom) int { return cmp.Or(cmp.Compare(p.x, q.x), cmp.Compare(p.w, q.w)) })
		var sw, swx float64
		n := 0
		for _, a := range as {
			sw += float64(a.n) * a.w
			swx += float64(a.n) * a.w * a.x
			n += a.n
		}
		label := pl.labels[k.period]
		p := ScalePosition{Actor: k.actor, Period: label, Value: swx / sw, Low: math.NaN(), High: math.NaN(), N: n}
		if b > 0 && n >= 2 {
			scratch.rng = cellStream(opt.Seed, "scale", axis.ID, label, k.actor)
			p.Low, p.High = scratch.ci(as, cfg)
		}
		out.Positions = append(out.Positions, p)
	}
	out.Periods = pl.periods()
	return out, nil
}
