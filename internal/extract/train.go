package extract

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// TrainUnit is one sentence the model reads: where it is and its
// features.
type TrainUnit struct {
	Doc        string
	Start, End int
	Feats      []string
}

// CollectUnits runs run (which codes documents with x: RunTable, RunFiles
// or Extract) while x records, instead of coding, every sentence the
// model would code (those holding a context word), with its features.
// The units come back sorted by document and offset.
func (x *Extractor) CollectUnits(run func() error) ([]TrainUnit, error) {
	var mu sync.Mutex
	var out []TrainUnit
	x.sink = func(doc *Document, start, end int, feats []string) {
		mu.Lock()
		out = append(out, TrainUnit{data.EvidenceDoc(doc.Ref), start, end, append([]string(nil), feats...)})
		mu.Unlock()
	}
	defer func() { x.sink = nil }()
	err := run()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Doc != out[j].Doc {
			return out[i].Doc < out[j].Doc
		}
		return out[i].Start < out[j].Start
	})
	return out, err
}

// TrainOptions tune Train. Zero values take the defaults given.
type TrainOptions struct {
	L2       float64 // penalty of the presence classifiers (default 0.1)
	SideL2   float64 // penalty of the side and strength classifiers (default 0.001)
	Epochs   int     // passes over the examples (default 100)
	MinCount int     // features seen in fewer sentences are dropped (default 2)
	Folds    int     // cross-validation folds, by document, for the thresholds and the report (default 5)
	Trained  string  // what the model was trained on, for the model file
	Texts    string  // TextsSpeeches or TextsDocuments: the kind of text trained on, and the only kind the model codes
}

func (o *TrainOptions) defaults() {
	if o.L2 == 0 {
		o.L2 = 0.1
	}
	if o.SideL2 == 0 {
		o.SideL2 = 0.001
	}
	if o.Epochs == 0 {
		o.Epochs = 100
	}
	if o.MinCount == 0 {
		o.MinCount = 2
	}
	if o.Folds == 0 {
		o.Folds = 5
	}
}

// labelled is a training sentence with its gold codes (theme → stance).
type labelled struct {
	TrainUnit
	gold map[string]int
}

// Labelled pairs units with the gold codes: a unit is kept when it
// overlaps one of scope's sentences (evidence references), or, with no
// scope, a gold statement; its codes are the gold statements overlapping
// it (the mean stance, rounded, where several code one theme).
func labelUnits(units []TrainUnit, gold []data.Statement, scope []string) []labelled {
	type gspan struct {
		start, end int
		theme      string
		stance     float64
	}
	byDoc := map[string][]gspan{}
	for _, st := range gold {
		doc, s, e, ok := data.ParseEvidence(st.URL)
		if ok {
			d := data.EvidenceDoc(doc)
			byDoc[d] = append(byDoc[d], gspan{s, e, st.Theme, float64(st.Stance)})
		}
	}
	inScope := func(u TrainUnit) bool {
		for _, g := range byDoc[u.Doc] {
			if u.Start < g.end && g.start < u.End {
				return true
			}
		}
		return false
	}
	if scope != nil {
		sc := map[string][][2]int{}
		for _, id := range scope {
			if doc, s, e, ok := data.ParseEvidence(id); ok {
				d := data.EvidenceDoc(doc)
				sc[d] = append(sc[d], [2]int{s, e})
			}
		}
		inScope = func(u TrainUnit) bool {
			for _, sp := range sc[u.Doc] {
				if u.Start < sp[1] && sp[0] < u.End {
					return true
				}
			}
			return false
		}
	}
	var out []labelled
	for _, u := range units {
		if !inScope(u) {
			continue
		}
		sum, n := map[string]float64{}, map[string]int{}
		for _, g := range byDoc[u.Doc] {
			if u.Start < g.end && g.start < u.End {
				sum[g.theme] += g.stance
				n[g.theme]++
			}
		}
		l := labelled{u, map[string]int{}}
		for th, s := range sum {
			l.gold[th] = int(math.Round(s / float64(n[th])))
		}
		out = append(out, l)
	}
	return out
}

// TrainReport is what cross-validation says of a trained model.
type TrainReport struct {
	Sentences int
	// OOF are the out-of-fold predictions: each sentence coded by the
	// model trained on the other folds, as statements (actor left empty).
	OOF []data.Statement
	// Calibration: per tenth of confidence, codes and how many were
	// right (the gold has the theme).
	CalN, CalRight [10]int
	// OOFStance are the out-of-fold stances of every gold code, as if
	// the theme had been found: the stance model alone, whatever the
	// presence model does.
	OOFStance []data.Statement
	// SideShift and StrongShift are the bias shifts calibrateStance chose.
	SideShift, StrongShift float64
}

// Train fits a model to the labelled units: presence per theme, then
// side and strength over the gold codes. Each theme's threshold is the
// one that maximises F1 on out-of-fold predictions (folds by document).
func Train(units []TrainUnit, gold []data.Statement, scope []string, themes []string, o TrainOptions) (*Model, *TrainReport, error) {
	o.defaults()
	ls := labelUnits(units, gold, scope)
	if len(ls) == 0 {
		return nil, nil, fmt.Errorf("no sentence of the texts is coded in the gold file (the gold's url column must name sentences as extract does: use the same --doc-ref)")
	}
	fold := make([]int, len(ls))
	for i, l := range ls {
		h := fnv.New32a()
		h.Write([]byte(l.Doc))
		fold[i] = int(h.Sum32() % uint32(o.Folds))
	}
	// out-of-fold presence probabilities and models
	oofP := make([][]float64, len(themes))
	for ti := range themes {
		oofP[ti] = make([]float64, len(ls))
	}
	oof := make([]*Model, o.Folds)
	for f := range o.Folds {
		var tr []labelled
		for i, l := range ls {
			if fold[i] != f {
				tr = append(tr, l)
			}
		}
		oof[f] = fit(tr, themes, o, nil)
		for i, l := range ls {
			if fold[i] != f {
				continue
			}
			for ti := range themes {
				p := oof[f].Themes[ti].Presence.probs(l.Feats, nil)
				oofP[ti][i] = p[1]
			}
		}
	}
	thr := make([]float64, len(themes))
	mode := make([]string, len(themes))
	for ti, th := range themes {
		rule := "r:" + th
		bestF := -1.0
		try := func(md string, t float64) {
			var tp, fp, fn float64
			for i, l := range ls {
				_, g := l.gold[th]
				if p := decides(md, oofP[ti][i] >= t, hasFeature(l.Feats, rule)); p && g {
					tp++
				} else if p {
					fp++
				} else if g {
					fn++
				}
			}
			f1 := 0.0
			if tp > 0 {
				f1 = 2 * tp / (2*tp + fp + fn)
			}
			if f1 > bestF+1e-9 {
				thr[ti], mode[ti], bestF = math.Round(t*100)/100, md, f1
			}
		}
		try(ModeRules, 1)
		for _, md := range []string{ModeModel, ModeEither} {
			for t := 0.02; t <= 0.801; t += 0.02 {
				try(md, t)
			}
		}
	}
	d0, d2 := calibrateStance(ls, fold, oof, themes)
	rep := &TrainReport{Sentences: len(ls), SideShift: d0, StrongShift: d2}
	var oofUnit []int // the unit of each of rep.OOF
	for i, l := range ls {
		m := oof[fold[i]]
		for ti, th := range themes {
			p := oofP[ti][i]
			if !decides(mode[ti], p >= thr[ti], hasFeature(l.Feats, "r:"+th)) {
				continue
			}
			b := min(9, int(p*10))
			rep.CalN[b]++
			if _, ok := l.gold[th]; ok {
				rep.CalRight[b]++
			}
			oofUnit = append(oofUnit, i)
			rep.OOF = append(rep.OOF, data.Statement{Theme: th, Stance: m.stance(th, l.Feats),
				URL: data.Evidence(l.Doc, l.Start, l.End), Confidence: p})
		}
	}
	// Each theme's stance comes from the model or, where the rules find
	// the theme, from the rules: whichever agrees better (ordinal alpha)
	// with the gold codes out of fold, where the rules find the theme.
	stanceBy := make([]string, len(themes))
	for ti, th := range themes {
		var ms, rs, gs []float64
		for i, l := range ls {
			g, ok := l.gold[th]
			r, found := ruleStance(th, l.Feats)
			if !ok || !found {
				continue
			}
			ms = append(ms, float64(oof[fold[i]].stance(th, l.Feats)))
			rs = append(rs, float64(r))
			gs = append(gs, float64(g))
		}
		if len(gs) > 0 && pairAlpha(gs, rs) > pairAlpha(gs, ms) {
			stanceBy[ti] = ModeRules
		}
	}
	for i, l := range ls {
		for ti, th := range themes {
			if _, ok := l.gold[th]; ok {
				st := oof[fold[i]].stance(th, l.Feats)
				if r, found := ruleStance(th, l.Feats); found && stanceBy[ti] == ModeRules {
					st = r
				}
				rep.OOFStance = append(rep.OOFStance, data.Statement{Theme: th, Stance: st, URL: data.Evidence(l.Doc, l.Start, l.End)})
			}
		}
	}
	for i := range rep.OOF {
		s := &rep.OOF[i]
		ti := slices.Index(themes, s.Theme)
		if stanceBy[ti] != ModeRules {
			continue
		}
		l := ls[oofUnit[i]]
		if r, found := ruleStance(s.Theme, l.Feats); found {
			s.Stance = r
		}
	}
	m := fit(ls, themes, o, thr)
	m.Side.Bias[1] += d0
	m.Strong.Bias[1] += d2
	m.Trained, m.Texts = o.Trained, o.Texts
	for ti := range m.Themes {
		m.Themes[ti].Mode = mode[ti]
		m.Themes[ti].Stance = stanceBy[ti]
	}
	m.Calibration = calibrate(rep.CalN, rep.CalRight)
	return m, rep, nil
}

// fit trains one model on labelled sentences; thr are the thresholds
// (nil: 0.5).
func fit(ls []labelled, themes []string, o TrainOptions, thr []float64) *Model {
	m := &Model{Version: 1}
	fo := fitOptions{L2: o.L2, Epochs: o.Epochs, MinCount: o.MinCount}
	for ti, th := range themes {
		exs := make([]example, len(ls))
		for i, l := range ls {
			_, ok := l.gold[th]
			exs[i] = example{l.Feats, b2i(ok)}
		}
		t := 0.5
		if thr != nil {
			t = thr[ti]
		}
		m.Themes = append(m.Themes, ThemeModel{Theme: th, Threshold: t, Presence: fitLinear(exs, 2, fo)})
	}
	var side, strong []example
	for _, l := range ls {
		for _, th := range themes {
			s, ok := l.gold[th]
			if !ok {
				continue
			}
			sf := sideFeatures(th, l.Feats)
			sgn := 0
			switch {
			case s > 0:
				sgn = 1
			case s < 0:
				sgn = -1
			}
			side = append(side, example{sf, sgn + 1})
			if s != 0 {
				strong = append(strong, example{sf, b2i(s == 2 || s == -2)})
			}
		}
	}
	so := fitOptions{L2: o.SideL2, Epochs: o.Epochs, MinCount: o.MinCount, Bag: sideBag}
	m.Side = fitLinear(side, 3, so)
	m.Strong = fitLinear(strong, 2, so)
	return m
}

// sideBag is how many side and strength classifiers, each visiting the
// examples in its own order, are averaged: with a few hundred codes
// spread over thousands of features, one order's model swung the
// cross-validated stance alpha on the UN dev half between 0.45 and 0.57.
const sideBag = 8

// stance is the model's stance for a theme of a sentence.
func (m *Model) stance(theme string, feats []string) int {
	sf := sideFeatures(theme, feats)
	st, _, _ := m.stanceOf(sf, nil)
	return st
}

// stanceOf is the stance of side features sf: the likeliest side, doubled
// when the strength classifier gives |stance| = 2 better odds than not.
// It returns the side's class (0 −, 1 none, 2 +) and the probability
// buffer for reuse.
func (m *Model) stanceOf(sf []string, buf []float64) (int, int, []float64) {
	buf = m.Side.probs(sf, buf)
	side := 0
	for k := range buf {
		if buf[k] > buf[side] {
			side = k
		}
	}
	st := side - 1
	if st != 0 {
		buf = m.Strong.probs(sf, buf)
		if buf[1] > 0.5 {
			st *= 2
		}
	}
	return st, side, buf
}

// calibrateStance shifts the side classifier's bias towards "no side"
// by d0 and the strength classifier's towards "strong" by d2, in the
// out-of-fold models, choosing the shifts (over a grid) that give the
// out-of-fold stances of the gold codes the best ordinal alpha: trained
// for log loss, the classifiers favour the commonest side and strength,
// which an agreement coefficient penalises.
func calibrateStance(ls []labelled, fold []int, oof []*Model, themes []string) (d0, d2 float64) {
	var gs []float64
	type unit struct {
		m  *Model
		sf []string
	}
	var us []unit
	for i, l := range ls {
		for _, th := range themes {
			if g, ok := l.gold[th]; ok {
				gs = append(gs, float64(g))
				us = append(us, unit{oof[fold[i]], sideFeatures(th, l.Feats)})
			}
		}
	}
	shift := func(a, b float64) {
		for _, m := range oof {
			m.Side.Bias[1] += a
			m.Strong.Bias[1] += b
		}
	}
	best := -2.0
	ps := make([]float64, len(us))
	var buf []float64
	for a := -1.0; a <= 5.001; a += 0.25 {
		for b := -1.0; b <= 1.001; b += 0.25 {
			shift(a, b)
			for i, u := range us {
				var st int
				st, _, buf = u.m.stanceOf(u.sf, buf)
				ps[i] = float64(st)
			}
			shift(-a, -b)
			// prefer the smallest shifts among equals
			if al := pairAlpha(gs, ps); al > best+1e-9 || al > best-1e-9 && math.Abs(a)+math.Abs(b) < math.Abs(d0)+math.Abs(d2) {
				best, d0, d2 = al, a, b
			}
		}
	}
	shift(d0, d2)
	return d0, d2
}

// ruleStance is the rules' stance of a theme, read from a sentence's
// features (r:THEME:+, :-, :2), and whether the rules find the theme.
func ruleStance(theme string, feats []string) (int, bool) {
	r := "r:" + theme
	if !hasFeature(feats, r) {
		return 0, false
	}
	st := 0
	switch {
	case hasFeature(feats, r+":+"):
		st = 1
	case hasFeature(feats, r+":-"):
		st = -1
	}
	if hasFeature(feats, r+":2") {
		st *= 2
	}
	return st, true
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// calibrate turns counts of codes and right codes per tenth of
// probability into a non-decreasing share right (pool adjacent
// violators, each tenth smoothed by one right and one wrong code).
func calibrate(n, right [10]int) []float64 {
	type block struct {
		r, n float64
		k    int
	}
	var bs []block
	for i := range n {
		bs = append(bs, block{float64(right[i]) + 1, float64(n[i]) + 2, 1})
		for len(bs) > 1 && bs[len(bs)-2].r/bs[len(bs)-2].n > bs[len(bs)-1].r/bs[len(bs)-1].n {
			a, b := bs[len(bs)-2], bs[len(bs)-1]
			bs = append(bs[:len(bs)-2], block{a.r + b.r, a.n + b.n, a.k + b.k})
		}
	}
	var out []float64
	for _, b := range bs {
		for range b.k {
			out = append(out, math.Round(b.r/b.n*100)/100)
		}
	}
	return out
}

// The ways a theme model decides (ThemeModel.Mode).
const (
	ModeModel  = "model"  // the model's probability reaches the threshold
	ModeRules  = "rules"  // the rules find the theme
	ModeEither = "either" // either of the two
)

// decides says whether a theme is coded, by mode, from whether the model's
// probability reaches the threshold and whether the rules find it.
func decides(mode string, model, rules bool) bool {
	switch mode {
	case ModeRules:
		return rules
	case ModeEither:
		return model || rules
	}
	return model
}

func hasFeature(feats []string, f string) bool {
	_, ok := slices.BinarySearch(feats, f)
	return ok
}

// pairAlpha is Krippendorff's ordinal alpha of two codings of the same
// units; −1 where it is undefined (no variation), so that either side
// with a defined alpha is preferred.
func pairAlpha(a, b []float64) float64 {
	v, _ := analysis.KrippendorffAlpha([][]float64{a, b}, analysis.Ordinal)
	if math.IsNaN(v) {
		return -1
	}
	return v
}
