package extract

import (
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stancemap/stancemap/data"
)

// Coding one sentence, in steps: does it name a theme (worthCoding); what
// besides theme phrases it holds (readCues: general cues, negators,
// hedges, intensifiers); for each theme, its phrases (themeHits) valued by
// their pole and governing cue (tallyTheme); and last the statements,
// with their side, strength and confidence (statements).

// code scores every theme a sentence names and appends its statements.
// hasCtx: the sentence holds a context word; near: it or a neighbour
// does. With a model, a sentence with a context word (in the kind of text
// the model was trained on) is coded by the model (its themes the rules do not know by the rules); otherwise by the
// rules, and then only when a neighbour speaks of cyberspace.
func (w *worker) code(doc *Document, s *sent, res *DocResult, ro *runeOffsets, hasCtx, near bool) {
	x := w.x
	ms := w.ms[s.m0:s.m1]
	hasTheme := w.namesTheme(ms)
	learned := (x.model != nil && x.model.codes(doc) || x.sink != nil) && hasCtx
	if !learned && (!hasTheme || doc.Speech && !near || x.opt.RequireContext && !hasCtx) {
		return
	}
	c := w.readCues(s, ms)
	var tallies []tally
	if hasTheme {
		hits := make([]hit, 0, 8)
		for ti := range x.themeID {
			hits = c.themeHits(ti, hits[:0])
			if len(hits) > 0 {
				tallies = append(tallies, c.tallyTheme(ti, hits))
			}
		}
	}
	if doc.Speech && !hasCtx {
		// A neighbour's context lends a sentence a theme only on a pole
		// cue or problem term: a bare keyword ("access") in a speech
		// sentence that does not itself speak of cyberspace is most often
		// about something else (access to the holy places).
		kept := tallies[:0]
		for _, t := range tallies {
			if t.pole {
				kept = append(kept, t)
			}
		}
		tallies = kept
	}
	if learned {
		feats := w.features(s, c, tallies)
		if x.sink != nil {
			x.sink(doc, ro.at(s.start), ro.at(s.end), feats)
			return
		}
		tallies = w.modelTallies(feats, tallies, c)
	}
	if len(tallies) > 0 {
		w.statements(doc, s, res, ro, c, tallies)
	}
}

// namesTheme says whether a sentence's phrases name a theme.
func (w *worker) namesTheme(ms []match) bool {
	for _, m := range ms {
		switch w.x.phrases[m.pat].kind {
		case pKeyword, pPole, pProblem:
			return true
		}
	}
	return false
}

// features are what the model reads in a sentence: its stemmed words
// (w:) and word pairs (b:); the themes the rules find (r:THEME) with
// their side (:+ :- :0), pole cues (:pole) and governing cues (:gov);
// negators, hedges, intensifiers and general cues of either side.
func (w *worker) features(s *sent, c *sentenceCues, tallies []tally) []string {
	x := w.x
	fs := make([]string, 0, 2*s.words+8)
	prev := ""
	for wi := s.w0; wi < s.w1; wi++ {
		t := w.toks[w.wtok[wi]]
		st := x.stem(foldWord(w.currentText[t.start:t.end]))
		fs = append(fs, "w:"+st)
		if g, ok := lexicon[st]; ok {
			fs = append(fs, "lex:"+g)
		}
		if prev != "" {
			fs = append(fs, "b:"+prev+"_"+st)
		}
		prev = st
	}
	if s.words < 8 {
		fs = append(fs, "c:short")
	}
	fs = surfaceFeatures(w.currentText[s.start:s.end], fs)
	fs = w.neighbourWords(s, fs)
	for i := range tallies {
		t := &tallies[i]
		th := "r:" + x.themeID[t.theme]
		side := ":0"
		switch st := t.stance(c.hedge, c.intens); {
		case st > 0:
			side = ":+"
		case st < 0:
			side = ":-"
		}
		fs = append(fs, th, th+side)
		if st := t.stance(c.hedge, c.intens); st == 2 || st == -2 {
			fs = append(fs, th+":2")
		}
		if t.pole {
			fs = append(fs, th+":pole")
		}
		if t.governs {
			fs = append(fs, th+":gov")
		}
	}
	if len(c.negs) > 0 {
		fs = append(fs, "c:neg")
	}
	if c.hedge {
		fs = append(fs, "c:hedge")
	}
	if c.intens {
		fs = append(fs, "c:intens")
	}
	for _, g := range c.general {
		if x.phrases[g.pat].pol > 0 {
			fs = append(fs, "c:support")
		} else {
			fs = append(fs, "c:oppose")
		}
	}
	sort.Strings(fs)
	return slices.Compact(fs)
}

// surfaceFeatures marks what the coding manual reads besides words: a
// figure (c:num: a bare fact or figure with no evaluation is stance 0) and
// a list of three or more items (c:list: a theme inside a list is at
// most ±1).
func surfaceFeatures(text string, fs []string) []string {
	if strings.ContainsAny(text, "0123456789") {
		fs = append(fs, "c:num")
	}
	if strings.Count(text, ",")+strings.Count(text, ";") >= 3 {
		fs = append(fs, "c:list")
	}
	return fs
}

// lexicon pools words the coding manual names as signs of a side or a
// strength, so that the model can learn from the group what it could not
// learn from each rare word (keys are stems).
var lexicon = func() map[string]string {
	m := map[string]string{}
	for g, ws := range map[string]string{
		"strong":    "must essential imperative vital crucial critical urgent urgently priority insist demand categorically paramount indispensable",
		"call":      "need should important support favour favor hope call welcome fundamental key necessary require urge",
		"new":       "new binding treaty convention instrument legally elaborate negotiate draft",
		"existing":  "existing applies apply charter humanitarian voluntary framework implement implementation",
		"stake":     "stakeholder stakeholders multistakeholder multi-stakeholder private civil industry academia",
		"states":    "multilateral intergovernmental auspices",
		"control":   "remove block curb regulate propaganda extremism hate incite incitement fake disinformation misinformation",
		"free":      "free freedom freedoms open openness expression censorship shutdown shutdowns",
		"gap":       "divide divides gap gaps connectivity affordable affordability access bridge bridging offline unconnected",
		"sovereign": "sovereignty sovereign interference jurisdiction",
		"report":    "affirmed agreed adopted noted reported report",
	} {
		for _, w := range strings.Fields(ws) {
			m[stem(w)] = g
		}
	}
	return m
}()

// neighbourBytes is how much text on either side of a sentence gives
// the model its neighbours' words (p: before, n: after): what "it" and
// "we" refer to, and the rest of a sentence a line break cut.
const neighbourBytes = 300

// neighbourWords appends the stemmed words of the text just before and
// just after a sentence.
func (w *worker) neighbourWords(s *sent, fs []string) []string {
	text := w.currentText
	lo := max(0, s.start-neighbourBytes)
	for lo > 0 && lo < len(text) && !utf8.RuneStart(text[lo]) {
		lo--
	}
	hi := min(len(text), s.end+neighbourBytes)
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	add := func(a, b int, prefix string) {
		toks := tokenize(text, a, b, nil)
		for i, t := range toks {
			if t.kind != tWord || (i == 0 && a == lo && a > 0) || (i == len(toks)-1 && b == hi && b < len(text)) {
				continue // a word the window may have cut
			}
			fs = append(fs, prefix+w.x.stem(foldWord(text[t.start:t.end])))
		}
	}
	add(lo, s.start, "p:")
	add(s.end, hi, "n:")
	return fs
}

// modelTallies replaces the rules' tallies of the themes the model knows
// by the model's decisions: a theme whose presence probability reaches
// its threshold, with the side and strength the model gives.
func (w *worker) modelTallies(feats []string, rules []tally, c *sentenceCues) []tally {
	x := w.x
	m := x.model
	var out []tally
	known := make([]bool, len(x.themeID))
	for _, tm := range m.Themes {
		ti, ok := x.themeIndex[tm.Theme]
		if !ok {
			continue
		}
		known[ti] = true
		w.probs = tm.Presence.probs(feats, w.probs)
		p := w.probs[1]
		var rule *tally
		for i := range rules {
			if rules[i].theme == ti {
				rule = &rules[i]
			}
		}
		if !decides(tm.Mode, p >= tm.Threshold, rule != nil) {
			continue
		}
		t := tally{theme: ti, model: true, conf: m.confidence(p)}
		sf := sideFeatures(tm.Theme, feats)
		var side int
		t.mStance, side, w.probs = m.stanceOf(sf, w.probs)
		if tm.Stance == ModeRules && rule != nil {
			t.mStance = rule.stance(c.hedge, c.intens)
		}
		t.cues = append(t.cues, fmt.Sprintf("model p=%.2f (%s)", p, tm.Presence.evidence(feats, 1, 4)))
		if tm.Stance == ModeRules && rule != nil {
			t.cues = append(t.cues, "stance by the rules")
		} else if ev := m.Side.evidence(sf, side, 3); ev != "" {
			t.cues = append(t.cues, fmt.Sprintf("side %s (%s)", sideNames[side], ev))
		}
		if rule != nil {
			t.cues = append(t.cues, "rules ("+strings.Join(rule.cues, ", ")+")")
		}
		out = append(out, t)
	}
	for _, r := range rules {
		if !known[r.theme] {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].theme < out[j].theme })
	return out
}

var sideNames = []string{"−", "0", "+"}

// sideFeatures are a sentence's features for the side of one theme: each
// feature both as it is and marked with the theme; the neighbours' words
// are left out (they say whether a theme is there, not its side).
func sideFeatures(theme string, feats []string) []string {
	out := make([]string, 0, 2*len(feats)+1)
	out = append(out, "theme:"+theme)
	for _, f := range feats {
		if strings.HasPrefix(f, "p:") || strings.HasPrefix(f, "n:") {
			continue
		}
		out = append(out, f, theme+"|"+f)
	}
	return out
}

// sentenceCues is what a sentence holds that sets the side and strength
// of its themes.
type sentenceCues struct {
	w  *worker
	s  *sent
	ms []match
	// per word: comma-delimited clause, and clause between ; : and dashes
	weak, strong  []int32
	scope, reach  int32
	negs, general []match // negators; general cues of support, opposition, reduction
	hedge, intens bool
}

// readCues finds the sentence's negators, general cues, hedges and
// intensifiers.
func (w *worker) readCues(s *sent, ms []match) *sentenceCues {
	x := w.x
	c := &sentenceCues{w: w, s: s, ms: ms, weak: w.weak[s.w0:s.w1], strong: w.strong[s.w0:s.w1],
		scope: int32(x.rules.Stance.NegationScope), reach: int32(x.rules.Stance.Reach)}
	for _, m := range ms {
		switch x.phrases[m.pat].kind {
		case pNegator:
			if !c.insidePhrase(m) {
				c.negs = append(c.negs, m)
			}
		case pSupport, pOppose, pReduce:
			c.general = append(c.general, m)
		case pHedge:
			c.hedge = true
		}
	}
	for _, m := range ms {
		if x.phrases[m.pat].kind == pIntensifier && !c.negated(m.first) {
			c.intens = true
		}
	}
	return c
}

// insidePhrase says whether a negator is part of a longer phrase ("should
// not be sidestepped", "no single government"), where it negates nothing.
func (c *sentenceCues) insidePhrase(m match) bool {
	for _, o := range c.ms {
		if c.w.x.phrases[o.pat].kind != pNegator && o.first <= m.first && o.last >= m.last && o.last-o.first > m.last-m.first {
			return true
		}
	}
	return false
}

// negated says whether the word at first is negated: an odd number of
// negators end before it, within the negation scope, in its clause.
func (c *sentenceCues) negated(first int32) bool {
	n := 0
	for _, g := range c.negs {
		if g.last < first && first-g.last <= c.scope && c.weak[g.last] == c.weak[first] {
			n++
		}
	}
	return n%2 == 1
}

// hit is a theme phrase found in a sentence.
type hit struct {
	ph          *phrase
	first, last int32
}

// themeHits appends to hits the phrases of theme ti that count: not
// inside an exclusion, and not inside a longer phrase of the theme (the
// keyword "national sovereignty" inside the cue "respect for national
// sovereignty").
func (c *sentenceCues) themeHits(ti int, hits []hit) []hit {
	var excl []match
	for _, m := range c.ms {
		p := &c.w.x.phrases[m.pat]
		if p.theme != ti {
			continue
		}
		if p.kind == pExclude {
			excl = append(excl, m)
			continue
		}
		hits = append(hits, hit{p, m.first, m.last})
	}
	if len(hits) == 0 {
		return hits
	}
	// The filter works in place: kept shares hits' array, and later hits
	// are compared with what has been kept so far in the slots before
	// them.
	kept := hits[:0]
	for i, h := range hits {
		drop := false
		for _, e := range excl {
			if e.first <= h.first && e.last >= h.last {
				drop = true
			}
		}
		for j, o := range hits {
			if j == i || o.first > h.first || o.last < h.last {
				continue
			}
			// Inside a longer phrase; or the same words listed twice,
			// where a cue outranks a problem term, which outranks a
			// keyword.
			if o.last-o.first > h.last-h.first ||
				o.last-o.first == h.last-h.first && (rank[o.ph.kind] > rank[h.ph.kind] || rank[o.ph.kind] == rank[h.ph.kind] && j < i) {
				drop = true
			}
		}
		if !drop {
			kept = append(kept, h)
		}
	}
	return kept
}

// rank orders phrase kinds when a text's words match several.
var rank = map[phraseKind]int{pKeyword: 0, pProblem: 1, pPole: 2}

// tally is the evidence for one theme of a sentence.
type tally struct {
	theme   int
	score   int
	strong  int // the part of score from pole cues and problem terms
	cues    []string
	governs bool // a general cue governs one of its phrases
	pole    bool // it has a pole cue or problem term
	// model: the model coded it, with stance mStance and confidence conf
	model   bool
	mStance int
	conf    float64
}

// tallyTheme values each of a theme's phrases and sums them.
func (c *sentenceCues) tallyTheme(ti int, kept []hit) tally {
	t := tally{theme: ti}
	for _, h := range kept {
		best := c.governing(h, kept)
		v := c.value(h, best, &t)
		t.score += v
		if h.ph.kind != pKeyword {
			t.strong += v
		}
		mark := ""
		switch {
		case v > 0:
			mark = " (+)"
		case v < 0:
			mark = " (-)"
		}
		t.cues = append(t.cues, c.w.phraseText(c.s, h.first, h.last)+mark)
	}
	return t
}

// governing is the index in c.general of the cue that governs a phrase,
// or -1: the nearest in the same clause, within reach, not overlapping a
// phrase of the theme. A cue before the phrase governs it ("call for new
// rules"); one after it only when none comes before ("capacity building
// … was called for"), and never a verb of reducing, whose object follows
// it.
func (c *sentenceCues) governing(h hit, kept []hit) int {
	reach := c.reach
	best, bestD := -1, int32(math.MaxInt32)
	for gi, g := range c.general {
		overl := false
		for _, o := range kept {
			if g.first <= o.last && g.last >= o.first {
				overl = true
				break
			}
		}
		if overl || c.strong[g.first] != c.strong[h.first] {
			continue
		}
		var d int32
		if g.last < h.first {
			d = h.first - g.last
		} else {
			if c.w.x.phrases[g.pat].kind == pReduce {
				continue
			}
			d = g.first - h.last + reach
		}
		if d <= 2*reach && d < bestD && (g.last < h.first && d <= reach || g.last >= h.first && d-reach <= reach) {
			best, bestD = gi, d
		}
	}
	return best
}

// value is a phrase's vote on its theme's side: a pole cue its pole, a
// problem term +1 when something is to be done about it, a keyword the
// side of its governing cue; negation and an opposing cue flip them.
func (c *sentenceCues) value(h hit, best int, t *tally) int {
	gpol, gneg := 0, false
	if best >= 0 {
		g := c.general[best]
		gpol = c.w.x.phrases[g.pat].pol
		gneg = c.negated(g.first)
		if gneg {
			gpol = -gpol
		}
		t.governs = true
	}
	v := 0
	switch h.ph.kind {
	case pPole:
		v = h.ph.pol
		t.pole = true
		if best >= 0 && c.general[best].last < h.first {
			if gpol < 0 {
				v = -v
			}
		} else {
			if c.negated(h.first) {
				v = -v
			}
			if gpol < 0 {
				v = -v
			}
		}
	case pProblem:
		t.pole = true
		switch {
		case best >= 0 && gneg:
			v = -1
		case best >= 0:
			v = 1
		case c.negated(h.first):
			v = -1
		}
	case pKeyword:
		v = gpol
	}
	return v
}

// stance is a tally's side, −2..+2. Strong: an intensifier, or two cues
// of the same side. Keywords a general cue governs add to the side, not
// to the strength; a hedge keeps it weak.
func (t *tally) stance(hedge, intens bool) int {
	stance := 0
	switch {
	case t.score > 0:
		stance = 1
	case t.score < 0:
		stance = -1
	}
	if stance != 0 && !hedge && (intens || t.strong*stance >= 2) {
		stance *= 2
	}
	return stance
}

// confidence is how sure a code is, 0.05..0.95: more with a pole cue, a
// governing cue and a speaker found by name; less when neutral or hedged.
func (t *tally) confidence(stance int, hedge bool, how string) float64 {
	conf := 0.35
	if t.pole {
		conf += 0.2
	}
	if t.governs {
		conf += 0.1
	}
	if stance == 0 {
		conf -= 0.05
	}
	if hedge {
		conf -= 0.1
	}
	conf += howConfidence[how]
	return math.Round(min(0.95, max(0.05, conf))*100) / 100
}

// howConfidence is what each way of finding the speaker adds to a code's
// confidence.
var howConfidence = map[string]float64{
	"named": 0.2, "title": 0.15, "according": 0.15, "metadata": 0.2, "short-name": 0.15,
	"pronoun": 0.12, "quote": 0.12, "group": 0.1, "voice": 0.05, "continued": 0.03, "default": 0, "": -0.1,
}

// statements appends a sentence's statement for each tallied theme,
// attributed to its speaker (else the document's default actor).
func (w *worker) statements(doc *Document, s *sent, res *DocResult, ro *runeOffsets, c *sentenceCues, tallies []tally) {
	x := w.x
	start, end := ro.at(s.start), ro.at(s.end)
	sentence := collapse(doc.Text[s.start:s.end])
	spk := s.spk
	actor, how := spk.actor, spk.how
	if actor == "" && doc.Actor != "" {
		actor, how = doc.Actor, "default"
	}
	if actor != "" && x.opt.OfficialsAsOrganisation {
		if a, ok := x.reg.Get(actor); ok && a.Kind == data.KindOfficial && a.Organisation != "" {
			actor = a.Organisation
		}
	}
	for i := range tallies {
		t := &tallies[i]
		stance := t.stance(c.hedge, c.intens)
		conf := t.confidence(stance, c.hedge, how)
		note := "cues: "
		if t.model {
			stance, conf, note = t.mStance, math.Round(t.conf*100)/100, ""
		}
		theme := x.themeID[t.theme]
		cd := Coded{Start: start, End: end, Sentence: sentence, How: how}
		cd.Statement = data.Statement{
			ID: statementID(doc.Ref, start, theme), Actor: actor, Theme: theme, Stance: stance, Date: doc.Date,
			Speaker: spk.name, Source: doc.Source, URL: data.Evidence(doc.Ref, start, end), Event: doc.Event,
			Weight: 1, Coder: x.opt.Coder, Confidence: conf, Origin: "auto",
			Note: note + strings.Join(t.cues, ", ") + "; speaker: " + orNone(how),
		}
		if !x.opt.NoText {
			cd.Text = sentence
		}
		if doc.URL != "" {
			cd.Note += "; document: " + doc.URL
		}
		res.Coded = append(res.Coded, cd)
	}
}

func orNone(s string) string {
	if s == "" {
		return "none found"
	}
	return s
}

// phraseText is the text of words first..last of a sentence, collapsed.
func (w *worker) phraseText(s *sent, first, last int32) string {
	a := w.toks[w.wtok[s.w0+int(first)]].start
	b := w.toks[w.wtok[s.w0+int(last)]].end
	return strings.ToLower(collapse(w.currentText[a:b]))
}

// statementID is a short id derived from where the statement was read,
// so the same run gives the same ids.
func statementID(ref string, start int, theme string) string {
	h := fnv.New64a()
	h.Write([]byte(ref))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(start)))
	h.Write([]byte{0})
	h.Write([]byte(theme))
	return "x" + hex.EncodeToString(h.Sum(nil))[:12]
}
