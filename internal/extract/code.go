package extract

import (
	"encoding/hex"
	"hash/fnv"
	"math"
	"strconv"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// Coding one sentence, in steps: does it name a theme (worthCoding); what
// besides theme phrases it holds (readCues: general cues, negators,
// hedges, intensifiers); for each theme, its phrases (themeHits) valued by
// their pole and governing cue (tallyTheme); and last the statements,
// with their side, strength and confidence (statements).

// code scores every theme a sentence names and appends its statements.
func (w *worker) code(doc *Document, s *sent, res *DocResult, ro *runeOffsets) {
	ms := w.ms[s.m0:s.m1]
	if !w.worthCoding(ms) {
		return
	}
	c := w.readCues(s, ms)
	var tallies []tally
	hits := make([]hit, 0, 8)
	for ti := range w.x.themeID {
		hits = c.themeHits(ti, hits[:0])
		if len(hits) > 0 {
			tallies = append(tallies, c.tallyTheme(ti, hits))
		}
	}
	if len(tallies) > 0 {
		w.statements(doc, s, res, ro, c, tallies)
	}
}

// worthCoding says whether a sentence's phrases name a theme, and the
// context the options require.
func (w *worker) worthCoding(ms []match) bool {
	var hasTheme, hasContext bool
	for _, m := range ms {
		switch w.x.phrases[m.pat].kind {
		case pKeyword, pPole, pProblem:
			hasTheme = true
		case pContext:
			hasContext = true
		}
	}
	return hasTheme && (!w.x.opt.RequireContext || hasContext)
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
		theme := x.themeID[t.theme]
		cd := Coded{Start: start, End: end, Sentence: sentence, How: how}
		cd.Statement = data.Statement{
			ID: statementID(doc.Ref, start, theme), Actor: actor, Theme: theme, Stance: stance, Date: doc.Date,
			Speaker: spk.name, Source: doc.Source, URL: data.Evidence(doc.Ref, start, end), Event: doc.Event,
			Weight: 1, Coder: x.opt.Coder, Confidence: t.confidence(stance, c.hedge, how), Origin: "auto",
			Note: "cues: " + strings.Join(t.cues, ", ") + "; speaker: " + orNone(how),
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
