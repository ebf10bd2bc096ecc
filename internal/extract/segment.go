package extract

import (
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a sentence found in a document: byte offsets into its text and
// the paragraph it belongs to.
type span struct {
	start, end int
	para       int
	// lineEnd: the sentence ends where its line does, not at a full stop
	// (a heading or a list item, unless it is long).
	lineEnd bool
}

// segment cleans a document and splits it into sentences. When clean
// is set, boilerplate lines (rules' cleaning.boilerplate) are left out,
// and so is a paragraph that repeats an earlier one word for word (web
// pages often carry a teaser of their first paragraphs above the
// article). Offsets always
// point into the original text: nothing is rewritten.
func (x *Extractor) segment(text string, clean bool, out []span) []span {
	seen := map[uint64]bool{}
	para := -1
	type block struct{ start, end int }
	var pblocks []block
	flush := func() {
		if len(pblocks) == 0 {
			return
		}
		// A long paragraph seen before is a duplicate (in cleaned web
		// pages and reports; a speech may repeat itself on purpose).
		if clean {
			h := fnv.New64a()
			n := 0
			for _, b := range pblocks {
				n += hashCollapsed(h, text[b.start:b.end])
			}
			key := h.Sum64()
			if n >= 40 && seen[key] {
				pblocks = pblocks[:0]
				return
			}
			seen[key] = true
		}
		para++
		for _, b := range pblocks {
			out = x.splitSentences(text, b.start, b.end, para, out)
		}
		pblocks = pblocks[:0]
	}
	prevEnd := -1 // end of the previous content line in this paragraph
	prevTerminal := false
	for pos := 0; pos <= len(text); {
		nl := strings.IndexByte(text[pos:], '\n')
		lineEnd := len(text)
		next := len(text) + 1
		if nl >= 0 {
			lineEnd = pos + nl
			next = lineEnd + 1
		}
		s, e := trimSpaceRange(text, pos, lineEnd)
		switch {
		case s == e:
			flush()
			prevEnd = -1
		case clean && e-s <= 400 && x.isBoilerplate(text[s:e]):
			flush()
			prevEnd = -1
		default:
			if prevEnd >= 0 && !prevTerminal && joinsLine(text, prevEnd, s) {
				pblocks[len(pblocks)-1].end = e
			} else {
				pblocks = append(pblocks, block{s, e})
			}
			prevEnd = e
			prevTerminal = endsSentence(text[s:e])
		}
		pos = next
	}
	flush()
	return out
}

// hashCollapsed feeds s to h with runs of white space (NBSP included)
// collapsed, and returns the number of non-space bytes.
func hashCollapsed(h interface{ Write([]byte) (int, error) }, s string) int {
	n := 0
	space := false
	var buf [utf8.UTFMax]byte
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' {
			space = true
			continue
		}
		if space {
			h.Write([]byte{' '})
			space = false
		}
		k := utf8.EncodeRune(buf[:], r)
		h.Write(buf[:k])
		n += k
	}
	return n
}

// joinsLine says whether a line break inside a paragraph only wraps a
// sentence: the line before it does not end a sentence and the next one
// starts in lower case, or the line before is long (hard-wrapped prose).
func joinsLine(text string, prevEnd, nextStart int) bool {
	r, _ := utf8.DecodeRuneInString(text[nextStart:])
	if unicode.IsLower(r) {
		return true
	}
	lineStart := strings.LastIndexByte(text[:prevEnd], '\n') + 1
	return utf8.RuneCountInString(text[lineStart:prevEnd]) >= 60
}

// endsSentence says whether s ends with sentence-final punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \t\"”’»)]")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '。' || r == '！' || r == '？' || r == '…'
}

func isSpaceRune(r rune) bool {
	if r < 0x80 {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\ufeff' || r == '\u200b'
}

// trimSpaceRange narrows [s, e) of text past white space at both ends.
func trimSpaceRange(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSpaceRune(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpaceRune(r) {
			break
		}
		e -= n
	}
	return s, e
}

func (x *Extractor) isBoilerplate(line string) bool {
	for _, re := range x.rules.Cleaning.boilerplate {
		if re.MatchString(line) {
			return true
		}
	}
	return false
}

// splitSentences splits the block text[lo:hi] at sentence ends: a full
// stop, question or exclamation mark (and closing quotes after it)
// followed by white space and a capital letter, an opening quote or a
// character of a script without case, or the end of the block; Chinese
// and Japanese full stops always end a sentence. A full stop does not
// end a sentence after an abbreviation of the rules ("Prof.", "Oct."),
// a dotted acronym ("U.N.", "e.g.") or an initial ("W. Hague"), nor
// before a digit or a lower-case letter ("Oct. 17", "etc. and").
func (x *Extractor) splitSentences(text string, lo, hi, para int, out []span) []span {
	maxLen := x.rules.Cleaning.MaxSentence
	start := lo
	emit := func(s, e int, lineEnd bool) {
		s, e = trimSpaceRange(text, s, e)
		for e-s > maxLen {
			cut := s + maxLen
			for cut > s && !utf8.RuneStart(text[cut]) {
				cut--
			}
			if cut == s {
				// No rune starts in the whole stretch (invalid UTF-8, a run
				// of continuation bytes): cut at the byte, or the loop
				// would never move on.
				cut = s + maxLen
			}
			if sp := strings.LastIndexByte(text[s:cut], ' '); sp > maxLen/2 {
				cut = s + sp
			}
			if ps, pe := trimSpaceRange(text, s, cut); pe > ps {
				out = append(out, span{start: ps, end: pe, para: para})
			}
			s, _ = trimSpaceRange(text, cut, e)
		}
		if e > s {
			out = append(out, span{start: s, end: e, para: para, lineEnd: lineEnd})
		}
	}
	for i := lo; i < hi; {
		// Skip to the next byte that can start a sentence end: . ! ? or
		// the lead byte of 。 ！ ？ (never a continuation byte).
		if !sentenceEndStart[text[i]] {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '。', '！', '？':
			j := skipClosers(text, i+size, hi)
			emit(start, j, false)
			start = j
			i = j
			continue
		case '.', '!', '?':
			j := skipClosers(text, i+size, hi)
			if j < hi && !isSpaceByte(text[j]) && text[j] != 0xc2 {
				i = j
				continue
			}
			k := j
			for k < hi {
				r2, n2 := utf8.DecodeRuneInString(text[k:])
				if !isSpaceRune(r2) {
					break
				}
				k += n2
			}
			if k >= hi {
				i = hi
				continue
			}
			nr, _ := utf8.DecodeRuneInString(text[k:])
			if !startsSentence(nr) {
				i = j
				continue
			}
			if r == '.' && x.abbreviationBefore(text, lo, i) {
				i = j
				continue
			}
			emit(start, j, false)
			start = k
			i = k
			continue
		}
		i += size
	}
	emit(start, hi, true)
	return out
}

// sentenceEndStart marks the bytes that begin . ! ? 。 ！ ？ in UTF-8.
var sentenceEndStart = func() (t [256]bool) {
	for _, r := range ".!?。！？" {
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], r)
		t[b[0]] = true
	}
	return t
}()

// skipClosers moves past closing quotes and brackets.
func skipClosers(text string, i, hi int) int {
	for i < hi {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r != '"' && r != '”' && r != '’' && r != '\'' && r != ')' && r != ']' && r != '»' && r != '」' && r != '』' {
			break
		}
		i += n
	}
	return i
}

func startsSentence(r rune) bool {
	if unicode.IsUpper(r) {
		return true
	}
	switch r {
	case '"', '“', '‘', '\'', '(', '[', '«', '「', '『', '-', '•', '*':
		return true
	}
	return unicode.IsLetter(r) && !unicode.IsLower(r) // scripts without case
}

// abbreviationBefore says whether the word ending at the full stop at i
// is an abbreviation, a dotted acronym or an initial.
func (x *Extractor) abbreviationBefore(text string, lo, i int) bool {
	j := i
	for j > lo {
		r, n := utf8.DecodeLastRuneInString(text[lo:j])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		j -= n
	}
	w := text[j:i]
	if w == "" {
		return false
	}
	if x.abbrev[w] {
		return true
	}
	if strings.Contains(w, ".") {
		return true // U.N, e.g, P.R
	}
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r) // an initial
}

// Sentence is one sentence of a text as the coder splits it: its byte
// range and its code point range (CharStart, CharEnd: what a url's
// #char=start,end gives), ends exclusive.
type Sentence struct {
	Start, End         int
	CharStart, CharEnd int
}

// Sentences splits text into sentences as the coder does for a row of a
// tabular corpus (nothing is removed as boilerplate), so that a
// hand-coded gold standard and the coder's output speak of the same
// units.
func (x *Extractor) Sentences(text string) []Sentence {
	spans := x.segment(text, false, nil)
	ro := runeOffsets{text: text}
	out := make([]Sentence, len(spans))
	for i, s := range spans {
		out[i] = Sentence{Start: s.start, End: s.end, CharStart: ro.at(s.start), CharEnd: ro.at(s.end)}
	}
	return out
}
