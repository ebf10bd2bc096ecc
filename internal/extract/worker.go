package extract

import (
	"strings"
	"unicode"
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
	probs       []float64
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
	ctx := make([]bool, len(w.sents))
	for i := range w.sents {
		ctx[i] = w.hasContext(&w.sents[i])
	}
	for i := range w.sents {
		s := &w.sents[i]
		if !w.codable(s, text) {
			continue
		}
		near := false
		for j := max(0, i-contextWindow); j < len(w.sents) && j <= i+contextWindow; j++ {
			near = near || ctx[j]
		}
		res.Sentences++
		w.code(doc, s, res, ro, ctx[i], near)
	}
}

// contextWindow is how many sentences before and after a sentence, in
// its paragraph, are its neighbourhood: in a speech, a sentence with a
// theme's words but no context word is coded by the rules only when a
// neighbour speaks of cyberspace.
const contextWindow = 2

// hasContext says whether a sentence holds one of the rules' context
// words, or a word beginning with "cyber" or "digital" (cyberattacks,
// digitalisation).
func (w *worker) hasContext(s *sent) bool {
	for _, m := range w.ms[s.m0:s.m1] {
		if w.x.phrases[m.pat].kind == pContext {
			return true
		}
	}
	for wi := s.w0; wi < s.w1; wi++ {
		t := w.toks[w.wtok[wi]]
		if t.end-t.start < 5 {
			continue
		}
		p := w.currentText[t.start : t.start+5]
		if strings.EqualFold(p, "cyber") || strings.EqualFold(p, "digit") && t.end-t.start >= 7 && strings.EqualFold(w.currentText[t.start:t.start+7], "digital") {
			return true
		}
	}
	return false
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

func isLowerRune(r rune) bool { return unicode.IsLower(r) }
