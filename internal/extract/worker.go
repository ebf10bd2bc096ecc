package extract

import (
	"encoding/hex"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/stancemap/stancemap/data"
)

// worker holds the buffers of one goroutine's extraction.
type worker struct {
	x      *Extractor
	cache  *wordCache // surface form → phrase vocabulary id
	ncache *wordCache // surface form → name vocabulary id
	// wordFn and nameFn compute what the caches miss.
	wordFn, nameFn func(string) int32
	spans          []span
	toks           []token
	sents          []sent
	wtok           []int32 // token index of each word
	syms           []int32
	nsyms          []int32
	ms             []match
	nms            []match
	weak           []int32 // per word: comma-delimited clause
	strong         []int32 // per word: clause between ; : and dashes
	inq            []bool  // per word: inside a quotation
	mem            docMemory
	// currentText is the text of the document being read.
	currentText string
}

func newWorker(x *Extractor) *worker {
	return &worker{x: x, cache: newWordCache(), ncache: newWordCache(),
		wordFn: func(s string) int32 { return x.words[x.stem(foldWord(s))] },
		nameFn: func(s string) int32 { return x.nwords[foldWord(s)] }}
}

// sent is one sentence while its paragraph is being read.
type sent struct {
	span
	t0, t1 int // tokens
	w0, w1 int // words (index into wtok, syms, weak, strong, inq)
	m0, m1 int // phrase matches (word indexes relative to w0)
	n0, n1 int // name matches
	words  int
	// quotation state at the start and end of the sentence, and whether
	// it holds a quotation at all
	quoteStart, quoteEnd, quoted bool
	own, spk                     speaker
	hasOwn                       bool
}

// Extract codes one document.
func (x *Extractor) Extract(doc *Document) *DocResult {
	w := x.pool.Get().(*worker)
	defer x.pool.Put(w)
	return w.extract(doc)
}

func (w *worker) wordID(surface string) int32 { return w.cache.get(surface, w.wordFn) }

func (w *worker) nameID(surface string) int32 { return w.ncache.get(surface, w.nameFn) }

func (w *worker) extract(doc *Document) *DocResult {
	res := &DocResult{Doc: doc}
	w.mem.reset()
	text := doc.Text
	w.currentText = text
	defer func() { w.currentText = "" }()
	w.spans = w.x.segment(text, doc.Clean, w.spans[:0])
	ro := runeOffsets{text: text}
	for lo := 0; lo < len(w.spans); {
		hi := lo + 1
		for hi < len(w.spans) && w.spans[hi].para == w.spans[lo].para {
			hi++
		}
		w.paragraph(doc, w.spans[lo:hi], res, &ro)
		lo = hi
	}
	return res
}

// paragraph reads the sentences of one paragraph: tokens and matches,
// then speakers (which look across the paragraph's sentences), then codes.
func (w *worker) paragraph(doc *Document, spans []span, res *DocResult, ro *runeOffsets) {
	x := w.x
	text := doc.Text
	w.toks, w.wtok, w.syms, w.nsyms = w.toks[:0], w.wtok[:0], w.syms[:0], w.nsyms[:0]
	w.ms, w.nms, w.weak, w.strong, w.inq = w.ms[:0], w.nms[:0], w.weak[:0], w.strong[:0], w.inq[:0]
	w.sents = w.sents[:0]
	inQuote := false
	for _, sp := range spans {
		s := sent{span: sp, t0: len(w.toks), w0: len(w.wtok), m0: len(w.ms), n0: len(w.nms)}
		w.toks = tokenize(text, sp.start, sp.end, w.toks)
		s.t1 = len(w.toks)
		s.quoteStart = inQuote
		var weak, strong int32
		for ti := s.t0; ti < s.t1; ti++ {
			t := &w.toks[ti]
			switch t.kind {
			case tWord:
				surface := text[t.start:t.end]
				t.id = w.wordID(surface)
				w.wtok = append(w.wtok, int32(ti))
				w.syms = append(w.syms, t.id)
				if !doc.Speech {
					t.nid = w.nameID(surface)
					w.nsyms = append(w.nsyms, t.nid)
				}
				if surface == "but" || surface == "But" {
					weak++
				}
				w.weak = append(w.weak, weak)
				w.strong = append(w.strong, strong)
				w.inq = append(w.inq, inQuote)
			case tComma:
				weak++
			case tBreak:
				weak++
				strong++
			case tQuoteOpen:
				weak++
				inQuote = true
				s.quoted = true
			case tQuoteClose:
				weak++
				inQuote = false
				s.quoted = true
			}
		}
		s.w1 = len(w.wtok)
		s.words = s.w1 - s.w0
		s.quoteEnd = inQuote
		w.ms = x.ac.scan(w.syms[s.w0:s.w1], w.ms)
		s.m1 = len(w.ms)
		if !doc.Speech {
			w.nms = x.nameAC.scan(w.nsyms[s.w0:s.w1], w.nms)
		}
		s.n1 = len(w.nms)
		w.sents = append(w.sents, s)
	}
	if doc.Speech {
		for i := range w.sents {
			w.sents[i].spk = speaker{actor: doc.Actor, how: "metadata"}
		}
	} else {
		w.attribute(doc)
	}
	for i := range w.sents {
		s := &w.sents[i]
		if !w.codable(s, text) {
			continue
		}
		res.Sentences++
		w.code(doc, s, res, ro)
	}
}

// codable says whether a sentence can hold a statement: enough words, and
// either sentence-final punctuation or the length of a sentence.
func (w *worker) codable(s *sent, text string) bool {
	r := w.x.rules.Cleaning
	if s.words < r.MinWords {
		return false
	}
	return !s.lineEnd || endsSentence(text[s.start:s.end]) || s.words >= r.HeadingWords
}

// hit is a theme phrase found in a sentence.
type hit struct {
	ph          *phrase
	first, last int32
}

// code scores every theme a sentence names and appends its statements.
func (w *worker) code(doc *Document, s *sent, res *DocResult, ro *runeOffsets) {
	x := w.x
	ms := w.ms[s.m0:s.m1]
	var hasTheme, hasContext bool
	for _, m := range ms {
		switch x.phrases[m.pat].kind {
		case pKeyword, pPole, pProblem:
			hasTheme = true
		case pContext:
			hasContext = true
		}
	}
	if !hasTheme || x.opt.RequireContext && !hasContext {
		return
	}
	weak := w.weak[s.w0:s.w1]
	strong := w.strong[s.w0:s.w1]
	scope := int32(x.rules.Stance.NegationScope)
	reach := int32(x.rules.Stance.Reach)

	// Negators that are part of a longer phrase ("should not be
	// sidestepped", "no single government") negate nothing.
	var negs []match
	var general []match
	hedge, intens := false, false
	for _, m := range ms {
		switch x.phrases[m.pat].kind {
		case pNegator:
			inside := false
			for _, o := range ms {
				k := x.phrases[o.pat].kind
				if k != pNegator && o.first <= m.first && o.last >= m.last && o.last-o.first > m.last-m.first {
					inside = true
					break
				}
			}
			if !inside {
				negs = append(negs, m)
			}
		case pSupport, pOppose, pReduce:
			general = append(general, m)
		case pHedge:
			hedge = true
		}
	}
	negated := func(first int32) bool {
		n := 0
		for _, g := range negs {
			if g.last < first && first-g.last <= scope && weak[g.last] == weak[first] {
				n++
			}
		}
		return n%2 == 1
	}
	for _, m := range ms {
		if x.phrases[m.pat].kind == pIntensifier && !negated(m.first) {
			intens = true
		}
	}

	type tally struct {
		score   int
		strong  int // the part of score from pole cues and problem terms
		cues    []string
		governs bool
		pole    bool
	}
	var themes map[int]*tally
	var order []int
	hits := make([]hit, 0, 8)
	for ti := range x.themeID {
		hits = hits[:0]
		var excl []match
		for _, m := range ms {
			p := &x.phrases[m.pat]
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
			continue
		}
		// Drop hits inside an exclusion, and hits inside a longer hit of
		// the same theme (the keyword "national sovereignty" inside the
		// cue "respect for national sovereignty").
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
		if len(kept) == 0 {
			continue
		}
		t := &tally{}
		for _, h := range kept {
			// The governing general cue: the nearest in the same clause,
			// within reach, not overlapping a phrase of this theme.
			best, bestD := -1, int32(math.MaxInt32)
			for gi, g := range general {
				overl := false
				for _, o := range kept {
					if g.first <= o.last && g.last >= o.first {
						overl = true
						break
					}
				}
				if overl || strong[g.first] != strong[h.first] {
					continue
				}
				// A cue before the phrase governs it ("call for new
				// rules"); one after it only when none comes before
				// ("capacity building … was called for"), and never a
				// verb of reducing, whose object follows it.
				var d int32
				if g.last < h.first {
					d = h.first - g.last
				} else {
					if x.phrases[g.pat].kind == pReduce {
						continue
					}
					d = g.first - h.last + reach
				}
				if d <= 2*reach && d < bestD && (g.last < h.first && d <= reach || g.last >= h.first && d-reach <= reach) {
					best, bestD = gi, d
				}
			}
			gpol, gneg := 0, false
			if best >= 0 {
				g := general[best]
				gpol = x.phrases[g.pat].pol
				gneg = negated(g.first)
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
				if best >= 0 && general[best].last < h.first {
					if gpol < 0 {
						v = -v
					}
				} else {
					if negated(h.first) {
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
				case negated(h.first):
					v = -1
				}
			case pKeyword:
				v = gpol
			}
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
			t.cues = append(t.cues, w.phraseText(s, h.first, h.last)+mark)
		}
		if themes == nil {
			themes = map[int]*tally{}
		}
		themes[ti] = t
		order = append(order, ti)
	}
	if len(order) == 0 {
		return
	}
	text := doc.Text
	start, end := ro.at(s.start), ro.at(s.end)
	sentence := collapse(text[s.start:s.end])
	spk := s.spk
	actor := spk.actor
	how := spk.how
	if actor == "" && doc.Actor != "" {
		actor, how = doc.Actor, "default"
	}
	if actor != "" && x.opt.OfficialsAsOrganisation {
		if a, ok := x.reg.Get(actor); ok && a.Kind == data.KindOfficial && a.Organisation != "" {
			actor = a.Organisation
		}
	}
	for _, ti := range order {
		t := themes[ti]
		stance := 0
		switch {
		case t.score > 0:
			stance = 1
		case t.score < 0:
			stance = -1
		}
		// Strong: an intensifier, or two cues of the same side. Keywords
		// a general cue governs add to the side, not to the strength.
		if stance != 0 && !hedge && (intens || t.strong*stance >= 2) {
			stance *= 2
		}
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
		conf = math.Round(min(0.95, max(0.05, conf))*100) / 100
		theme := x.themeID[ti]
		c := Coded{Start: start, End: end, Sentence: sentence, How: how}
		c.Statement = data.Statement{
			ID: statementID(doc.Ref, start, theme), Actor: actor, Theme: theme, Stance: stance, Date: doc.Date,
			Speaker: spk.name, Source: doc.Source, URL: data.Evidence(doc.Ref, start, end), Event: doc.Event,
			Weight: 1, Coder: x.opt.Coder, Confidence: conf, Origin: "auto",
			Note: "cues: " + strings.Join(t.cues, ", ") + "; speaker: " + orNone(how),
		}
		if !x.opt.NoText {
			c.Text = sentence
		}
		if doc.URL != "" {
			c.Note += "; document: " + doc.URL
		}
		res.Coded = append(res.Coded, c)
	}
}

// rank orders phrase kinds when a text's words match several.
var rank = map[phraseKind]int{pKeyword: 0, pProblem: 1, pPole: 2}

// howConfidence is what each way of finding the speaker adds to a code's
// confidence.
var howConfidence = map[string]float64{
	"named": 0.2, "title": 0.15, "according": 0.15, "metadata": 0.2, "short-name": 0.15,
	"pronoun": 0.12, "quote": 0.12, "group": 0.1, "voice": 0.05, "continued": 0.03, "default": 0, "": -0.1,
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

func isLowerRune(r rune) bool { return unicode.IsLower(r) }
