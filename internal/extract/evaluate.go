package extract

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// ThemeScore is how well predicted statements find one theme.
type ThemeScore struct {
	Theme     string  `json:"theme"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (t *ThemeScore) finish() {
	t.Precision = ratio(t.TP, t.TP+t.FP)
	t.Recall = ratio(t.TP, t.TP+t.FN)
	if t.Precision+t.Recall > 0 && !math.IsNaN(t.Precision) && !math.IsNaN(t.Recall) {
		t.F1 = 2 * t.Precision * t.Recall / (t.Precision + t.Recall)
	} else {
		t.F1 = math.NaN()
		if t.TP == 0 && t.FP+t.FN > 0 {
			t.F1 = 0
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// Miss is one disagreement between gold and predicted statements.
type Miss struct {
	Kind   string `json:"kind"` // "missed theme", "extra theme", "actor", "stance"
	Doc    string `json:"doc"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Theme  string `json:"theme,omitempty"`
	Gold   string `json:"gold,omitempty"`
	Pred   string `json:"pred,omitempty"`
	GoldID string `json:"gold_id,omitempty"`
}

// Evaluation compares predicted statements with a gold standard, sentence
// by sentence: a predicted statement and a gold one are about the same
// sentence when they name the same document and their character spans
// (the url column's #char=start,end) overlap.
type Evaluation struct {
	Themes []ThemeScore `json:"themes"`
	// Micro pools every theme's counts; MacroF1 averages the themes' F1.
	Micro   ThemeScore `json:"micro"`
	MacroF1 float64    `json:"macro_f1"`

	// GoldSentences is the number of gold sentences (distinct spans);
	// Aligned of them have at least one predicted statement.
	GoldSentences int `json:"gold_sentences"`
	Aligned       int `json:"aligned_sentences"`
	// ActorAccuracy is the share of aligned sentences whose predicted
	// actor is the gold actor; OrganisationAccuracy the same after an
	// official is replaced by the actor it speaks for (ban_ki_moon → UN).
	ActorCorrect         int     `json:"actor_correct"`
	ActorAccuracy        float64 `json:"actor_accuracy"`
	OrganisationCorrect  int     `json:"organisation_correct"`
	OrganisationAccuracy float64 `json:"organisation_accuracy"`

	// StancePairs gold/predicted stances of the statements found (theme
	// true positives); StanceAlpha is their Krippendorff's alpha (ordinal),
	// StanceExact the share equal, StanceSign the share on the same side
	// (−, 0, +).
	StancePairs int     `json:"stance_pairs"`
	StanceAlpha float64 `json:"stance_alpha_ordinal"`
	StanceExact float64 `json:"stance_exact"`
	StanceSign  float64 `json:"stance_same_side"`
	// SignConfusion counts the stance pairs by side: [gold][predicted],
	// each indexed −, 0, + (0, 1, 2).
	SignConfusion [3][3]int `json:"sign_confusion"`

	// NoEvidence counts statements without a #char= span, which cannot be
	// aligned and are left out.
	GoldNoEvidence, PredNoEvidence int
	Misses                         []Miss `json:"misses"`
}

type evUnit struct {
	doc        string
	start, end int
	st         *data.Statement
}

func units(sts []data.Statement) ([]evUnit, int) {
	var out []evUnit
	bad := 0
	for i := range sts {
		doc, s, e, ok := data.ParseEvidence(sts[i].URL)
		if !ok {
			bad++
			continue
		}
		out = append(out, evUnit{data.EvidenceDoc(doc), s, e, &sts[i]})
	}
	return out, bad
}

func overlaps(a, b evUnit) bool { return a.doc == b.doc && a.start < b.end && b.start < a.end }

// distinct keeps the first unit of each sentence, or of each sentence
// and theme with byTheme.
func distinct(us []evUnit, byTheme bool) []evUnit {
	type key struct {
		doc        string
		start, end int
		theme      string
	}
	seen := map[key]bool{}
	var out []evUnit
	for _, u := range us {
		k := key{u.doc, u.start, u.end, ""}
		if byTheme {
			k.theme = u.st.Theme
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, u)
		}
	}
	return out
}

// firstOverlap is the first unit of in whose sentence overlaps u's (and,
// with sameTheme, of u's theme), or nil.
func firstOverlap(u evUnit, in []evUnit, sameTheme bool) *evUnit {
	for i := range in {
		if overlaps(u, in[i]) && (!sameTheme || in[i].st.Theme == u.st.Theme) {
			return &in[i]
		}
	}
	return nil
}

// Evaluate scores predicted statements against gold ones. reg, when not
// nil, lets the organisation-level accuracy replace officials by their
// organisation.
func Evaluate(gold, pred []data.Statement, themes []string, reg *data.Registry) *Evaluation {
	e := &evaluation{ev: &Evaluation{}, reg: reg, scores: map[string]*ThemeScore{}}
	e.gold, e.ev.GoldNoEvidence = units(gold)
	e.pred, e.ev.PredNoEvidence = units(pred)
	for _, t := range themes {
		e.score(t)
	}
	e.goldThemes()
	e.extraThemes()
	e.themeScores(themes)
	e.attribution()
	e.stanceAgreement()
	ev := e.ev
	sort.SliceStable(ev.Misses, func(i, j int) bool {
		a, b := ev.Misses[i], ev.Misses[j]
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Kind < b.Kind
	})
	return ev
}

// evaluation is an Evaluation being computed.
type evaluation struct {
	ev         *Evaluation
	reg        *data.Registry
	gold, pred []evUnit
	scores     map[string]*ThemeScore
	// gs and ps are the gold and predicted stances of the themes found.
	gs, ps []float64
}

func (e *evaluation) score(t string) *ThemeScore {
	s, ok := e.scores[t]
	if !ok {
		s = &ThemeScore{Theme: t}
		e.scores[t] = s
	}
	return s
}

func (e *evaluation) miss(kind string, u evUnit, m Miss) {
	m.Kind, m.Doc, m.Start, m.End = kind, u.doc, u.start, u.end
	e.ev.Misses = append(e.ev.Misses, m)
}

// goldThemes finds or misses each gold (sentence, theme) unit once.
func (e *evaluation) goldThemes() {
	for _, gu := range distinct(e.gold, true) {
		found := firstOverlap(gu, e.pred, true)
		sc := e.score(gu.st.Theme)
		gold := fmt.Sprintf("%+d", gu.st.Stance)
		if found == nil {
			sc.FN++
			e.miss("missed theme", gu, Miss{Theme: gu.st.Theme, Gold: gold, GoldID: gu.st.ID})
			continue
		}
		sc.TP++
		e.gs = append(e.gs, float64(gu.st.Stance))
		e.ps = append(e.ps, float64(found.st.Stance))
		if gu.st.Stance != found.st.Stance {
			e.miss("stance", gu, Miss{Theme: gu.st.Theme, Gold: gold, Pred: fmt.Sprintf("%+d", found.st.Stance), GoldID: gu.st.ID})
		}
	}
}

// extraThemes counts the predicted (sentence, theme) units no gold one
// matches.
func (e *evaluation) extraThemes() {
	for _, pu := range distinct(e.pred, true) {
		if firstOverlap(pu, e.gold, true) == nil {
			e.score(pu.st.Theme).FP++
			e.miss("extra theme", pu, Miss{Theme: pu.st.Theme, Pred: fmt.Sprintf("%+d", pu.st.Stance)})
		}
	}
}

// themeScores lists the themes' scores (the codebook's first, then
// others by name) and pools them into micro and macro F1.
func (e *evaluation) themeScores(themes []string) {
	ev := e.ev
	names := make([]string, 0, len(e.scores))
	for t := range e.scores {
		names = append(names, t)
	}
	sort.Strings(names)
	order := append([]string(nil), themes...)
	for _, t := range names {
		if !slices.Contains(order, t) {
			order = append(order, t)
		}
	}
	macro, nMacro := 0.0, 0
	for _, t := range order {
		s := e.scores[t]
		s.finish()
		ev.Themes = append(ev.Themes, *s)
		ev.Micro.TP += s.TP
		ev.Micro.FP += s.FP
		ev.Micro.FN += s.FN
		if !math.IsNaN(s.F1) {
			macro += s.F1
			nMacro++
		}
	}
	ev.Micro.Theme = "all"
	ev.Micro.finish()
	ev.MacroF1 = math.NaN()
	if nMacro > 0 {
		ev.MacroF1 = macro / float64(nMacro)
	}
}

// organisation is the actor an official speaks for, else the actor.
func (e *evaluation) organisation(id string) string {
	if e.reg != nil {
		if a, ok := e.reg.Get(id); ok && a.Kind == data.KindOfficial && a.Organisation != "" {
			return a.Organisation
		}
	}
	return id
}

// attribution compares actors, gold sentence by gold sentence.
func (e *evaluation) attribution() {
	ev := e.ev
	for _, gu := range distinct(e.gold, false) {
		ev.GoldSentences++
		found := firstOverlap(gu, e.pred, false)
		if found == nil {
			continue
		}
		ev.Aligned++
		if found.st.Actor == gu.st.Actor {
			ev.ActorCorrect++
		} else {
			e.miss("actor", gu, Miss{Gold: gu.st.Actor, Pred: found.st.Actor, GoldID: gu.st.ID})
		}
		if e.organisation(found.st.Actor) == e.organisation(gu.st.Actor) {
			ev.OrganisationCorrect++
		}
	}
	ev.ActorAccuracy = ratio(ev.ActorCorrect, ev.Aligned)
	ev.OrganisationAccuracy = ratio(ev.OrganisationCorrect, ev.Aligned)
}

// stanceAgreement compares the stances of the themes found in both.
func (e *evaluation) stanceAgreement() {
	ev, gs, ps := e.ev, e.gs, e.ps
	ev.StancePairs = len(gs)
	ev.StanceAlpha, _ = analysis.KrippendorffAlpha([][]float64{gs, ps}, analysis.Ordinal)
	exact, sign := 0, 0
	for i := range gs {
		if gs[i] == ps[i] {
			exact++
		}
		g, p := side(gs[i]), side(ps[i])
		ev.SignConfusion[g][p]++
		if g == p {
			sign++
		}
	}
	ev.StanceExact = ratio(exact, len(gs))
	ev.StanceSign = ratio(sign, len(gs))
}

// side is 0 for a negative stance, 1 for zero, 2 for a positive one.
func side(v float64) int {
	switch {
	case v < 0:
		return 0
	case v > 0:
		return 2
	}
	return 1
}

// Scope keeps the statements whose sentence overlaps one of units
// (evidence references: file#char=start,end, or a url holding one), and
// counts those left out: the gold standard of a sample of sentences
// speaks only for those sentences.
func Scope(sts []data.Statement, units []string) (kept []data.Statement, left int) {
	type span struct{ start, end int }
	byDoc := map[string][]span{}
	for _, u := range units {
		if doc, s, e, ok := data.ParseEvidence(u); ok {
			d := data.EvidenceDoc(doc)
			byDoc[d] = append(byDoc[d], span{s, e})
		}
	}
	for _, st := range sts {
		doc, s, e, ok := data.ParseEvidence(st.URL)
		in := false
		if ok {
			for _, sp := range byDoc[data.EvidenceDoc(doc)] {
				if s < sp.end && sp.start < e {
					in = true
					break
				}
			}
		}
		if in {
			kept = append(kept, st)
		} else {
			left++
		}
	}
	return kept, left
}
