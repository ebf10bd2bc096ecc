package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stancemap/stancemap/data"
)

// speaker is who a sentence is attributed to.
type speaker struct {
	name  string // the person or description, as the text or registry names it
	actor string // registry id; "" when no actor could be told
	how   string // see Coded.How
	group bool   // a group of participants
}

// docMemory is what attribution remembers within one document: the
// short names of people already named in full ("Cai" after "Cai
// Mingzhao"), the last named speaker (for "he said") and the last group
// (for "they"), and descriptions already resolved ("the ministry").
type docMemory struct {
	short             map[string]speaker
	heads             map[string]speaker
	last, lastGroup   speaker
	hasLast, hasGroup bool
}

func (m *docMemory) reset() {
	if m.short == nil {
		m.short, m.heads = map[string]speaker{}, map[string]speaker{}
	}
	clear(m.short)
	clear(m.heads)
	m.hasLast, m.hasGroup = false, false
}

// Words of grammar that attribution needs; not tunable, unlike the
// rules' lists, because they are English itself.
var (
	prepositions = map[string]bool{"in": true, "at": true, "to": true, "from": true, "with": true, "by": true,
		"on": true, "for": true, "into": true, "across": true, "over": true, "under": true, "between": true,
		"among": true, "during": true, "against": true, "toward": true, "towards": true, "about": true,
		"including": true, "like": true, "than": true, "after": true, "before": true, "within": true}
	determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true,
		"those": true, "its": true, "their": true, "his": true, "her": true, "many": true, "some": true,
		"several": true, "most": true, "all": true, "other": true, "both": true}
	passiveAux  = map[string]bool{"was": true, "were": true, "is": true, "are": true, "be": true, "been": true, "being": true}
	firstPerson = map[string]bool{"we": true, "i": true}
)

// wordInfo gives the surface, folded form and capitalisation of word i
// of sentence s (i relative to the sentence).
func (w *worker) word(s *sent, i int) (surface, folded string, cap bool) {
	t := &w.toks[w.wtok[s.w0+i]]
	surface = w.currentText[t.start:t.end]
	return surface, foldWord(surface), t.cap
}

// hyphenJoined says whether word i is joined to word i-1 by a hyphen
// ("Ki-moon").
func (w *worker) hyphenJoined(s *sent, i int) bool {
	if i == 0 {
		return false
	}
	a := w.toks[w.wtok[s.w0+i-1]]
	b := w.toks[w.wtok[s.w0+i]]
	return b.start == a.end+1 && w.currentText[a.end] == '-'
}

// boundaryBefore says whether a clause mark (comma, dash, quotation mark)
// stands between word i-1 and word i.
func (w *worker) boundaryBefore(s *sent, i int) (bool, tokKind) {
	ti := int(w.wtok[s.w0+i])
	lo := s.t0
	if i > 0 {
		lo = int(w.wtok[s.w0+i-1]) + 1
	}
	for k := ti - 1; k >= lo; k-- {
		if w.toks[k].kind != tWord {
			return true, w.toks[k].kind
		}
	}
	return false, tWord
}

// attribute finds the speaker of every sentence of the paragraph in
// w.sents: first each sentence's own attribution (reported speech outside
// quotation marks), then quotations that run across sentences, then
// sentences that continue the paragraph of an attributed one.
func (w *worker) attribute(doc *Document) {
	for i := range w.sents {
		s := &w.sents[i]
		w.rememberNames(doc, s)
		if spk, ok := w.own(doc, s); ok {
			s.own, s.hasOwn = spk, true
			s.spk = spk
			if spk.actor != "" || spk.name != "" {
				if spk.group {
					w.mem.lastGroup, w.mem.hasGroup = spk, true
				} else if spk.how != "voice" {
					w.mem.last, w.mem.hasLast = spk, true
				}
			}
		}
	}
	for i := range w.sents {
		s := &w.sents[i]
		if s.hasOwn {
			continue
		}
		// A quotation that goes on past this sentence is attributed where
		// it closes ("“… grows. It will …,” said Kim").
		if s.quoteEnd {
			for j := i + 1; j < len(w.sents); j++ {
				if w.sents[j].hasOwn {
					s.spk = w.sents[j].own
					s.spk.how = "quote"
					break
				}
				if !w.sents[j].quoteEnd {
					break
				}
			}
			if s.spk.how != "" {
				continue
			}
		}
		if i == 0 {
			continue
		}
		prev := w.sents[i-1].spk
		if prev.how == "" {
			continue
		}
		switch {
		case s.quoteStart || s.quoted:
			// Inside, or another quotation after, an attributed quotation.
			s.spk = prev
			s.spk.how = "quote"
		default:
			s.spk = prev
			s.spk.how = "continued"
		}
	}
}

// rememberNames registers the short names of every registered person
// the sentence names, so that "Ban said" finds Ban Ki-moon later.
func (w *worker) rememberNames(doc *Document, s *sent) {
	// A group named outside quotation marks ("Nearly 70 participants
	// attended") is what a later "they" refers to.
	for _, m := range w.ms[s.m0:s.m1] {
		if w.x.phrases[m.pat].kind == pGroup && !w.inq[s.w0+int(m.first)] {
			actor := doc.Group
			if actor == "" {
				actor = doc.Actor
			}
			w.mem.lastGroup = speaker{name: w.textOf(s, int(m.first), int(m.last)), actor: actor, how: "group", group: true}
			w.mem.hasGroup = true
		}
	}
	for _, m := range w.nms[s.n0:s.n1] {
		e := &w.x.names[m.pat]
		if e.actor.Kind != data.KindOfficial || !w.mentionOK(s, m, e) {
			continue
		}
		spk := speaker{name: e.actor.Name, actor: w.officialActor(e.actor), how: "short-name"}
		w.rememberPerson(spk, e.actor.Name)
		// A person who opens a sentence is whom a later "he" means,
		// until someone else is quoted.
		if m.first == 0 {
			w.mem.last, w.mem.hasLast = spk, true
		}
	}
}

func (w *worker) officialActor(a *data.Actor) string {
	return a.ID
}

// rememberPerson registers each capitalised part of a person's name.
func (w *worker) rememberPerson(spk speaker, name string) {
	spk.how = "short-name"
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == ',' }) {
		if utf8.RuneCountInString(part) < 2 || !isUpperStart(part) {
			continue
		}
		if _, taken := w.mem.short[foldWord(part)]; !taken {
			w.mem.short[foldWord(part)] = spk
		}
	}
}

// mentionOK checks a name match against the text's capitals: a name
// written with a capital must be written so in the text, an acronym in
// capitals ("US", not "us").
func (w *worker) mentionOK(s *sent, m match, e *nameEntry) bool {
	surface, _, cap := w.word(s, int(m.first))
	if e.allCaps {
		return isAllCaps(surface)
	}
	if e.needCap {
		r, _ := utf8.DecodeRuneInString(surface)
		return cap || unicode.IsLetter(r) && !unicode.IsLower(r) && !unicode.IsUpper(r)
	}
	return true
}

// own finds a sentence's own attribution: a verb of reported speech
// outside quotation marks with its subject ("Cai said", "said Kim",
// "Qian Hongshan, China's assistant foreign minister, said"), or
// "according to X". The first verb whose subject can be read wins.
func (w *worker) own(doc *Document, s *sent) (speaker, bool) {
	x := w.x
	n := s.w1 - s.w0
	inq := w.inq[s.w0:s.w1]
	for _, m := range w.ms[s.m0:s.m1] {
		p := &x.phrases[m.pat]
		if inq[m.first] {
			continue
		}
		switch p.kind {
		case pAccording:
			end := w.npEnd(s, int(m.last)+1)
			if end > int(m.last)+1 {
				if spk, ok := w.resolve(doc, s, int(m.last)+1, end-1, false, -1, -1); ok {
					if spk.how == "title" {
						spk.how = "according"
					}
					return spk, true
				}
			}
		case pSay:
			first, last := int(m.first), int(m.last)
			// Passive voice names no speaker ("… were called for"),
			// unless "by X" follows.
			if first > 0 {
				if _, f, _ := w.word(s, first-1); passiveAux[f] {
					continue
				}
			}
			// Inverted: "…,” said Kim" / "…, said Kim Won-soo, …".
			if b, k := w.boundaryBefore(s, first); (first == 0 || b && (k == tComma || k == tQuoteClose)) && last+1 < n {
				_, f, cap := w.word(s, last+1)
				if cap || f == "the" || f == "a" || f == "an" {
					end := w.npEnd(s, last+1)
					if spk, ok := w.resolve(doc, s, last+1, end-1, false, -1, -1); ok {
						return spk, true
					}
				}
			}
			if first == 0 {
				continue
			}
			// Subject before the verb: back to the last clause mark; when a
			// comma stands right before the verb, the clause before it
			// ("Qian Hongshan, China's assistant foreign minister, said").
			end := first - 1
			if b, k := w.boundaryBefore(s, first); b {
				if k != tComma {
					continue
				}
			}
			a := w.clauseStart(s, end)
			appA, appB := -1, -1
			// An apposition ("China's assistant foreign minister", "a
			// researcher of …") after a name: the name is the subject.
			if a > 0 && w.isApposition(s, a, end) {
				if c := w.clauseStart(s, a-1); w.isNameRun(s, c, a-1) {
					if spk, ok := w.resolve(doc, s, c, a-1, true, a, end); ok {
						return spk, true
					}
				}
			}
			_ = appA
			_ = appB
			if spk, ok := w.resolve(doc, s, a, end, true, -1, -1); ok {
				return spk, true
			}
		}
	}
	return speaker{}, false
}

// clauseStart walks back from word i to the first word after a clause mark.
func (w *worker) clauseStart(s *sent, i int) int {
	for i > 0 {
		if b, _ := w.boundaryBefore(s, i); b {
			break
		}
		i--
	}
	return i
}

// npEnd is where a noun phrase after a verb ends: at the next clause mark
// or the end of the sentence.
func (w *worker) npEnd(s *sent, i int) int {
	n := s.w1 - s.w0
	j := i + 1
	for j < n {
		if b, _ := w.boundaryBefore(s, j); b {
			break
		}
		j++
	}
	return j
}

// isApposition says whether words a..b describe someone rather than name
// them: they start with a determiner or a possessive, or hold a title and
// no capitalised name of their own.
func (w *worker) isApposition(s *sent, a, b int) bool {
	sur, f, cap := w.word(s, a)
	if determiners[f] || strings.HasSuffix(sur, "'s") || strings.HasSuffix(sur, "’s") {
		return true
	}
	title := false
	for _, m := range w.ms[s.m0:s.m1] {
		if w.x.phrases[m.pat].kind == pTitle && int(m.first) >= a && int(m.last) <= b {
			title = true
		}
	}
	return title && !cap
}

// isNameRun says whether words a..b are all capitalised (a name such as
// "Qian Hongshan" or "Zhang Shuhua"), hyphenated parts included.
func (w *worker) isNameRun(s *sent, a, b int) bool {
	if b < a || b-a > 5 {
		return false
	}
	for i := a; i <= b; i++ {
		_, _, cap := w.word(s, i)
		if !cap && !w.hyphenJoined(s, i) {
			return false
		}
	}
	return true
}

// resolve reads the speaker from words a..b (the subject of a verb of
// reported speech, or what follows "said" or "according to"). nearEnd
// prefers, among several names, the one closest to b (the verb). The
// apposition appA..appB, when given, supplies the actor of a person the
// registry does not know.
func (w *worker) resolve(doc *Document, s *sent, a, b int, nearEnd bool, appA, appB int) (speaker, bool) {
	b = min(b, s.w1-s.w0-1) // a phrase may reach past the sentence's last word
	if a > b || a < 0 {
		return speaker{}, false
	}
	_, f0, _ := w.word(s, a)
	if w.isKind(s, a, a, pPronoun) {
		return w.pronounSpeaker(f0), true
	}
	if firstPerson[f0] && b-a <= 1 {
		return speaker{how: "voice"}, true
	}
	official, other := w.subjectNames(s, a, b, nearEnd, appA, appB)
	if official != nil {
		return speaker{name: official.actor.Name, actor: w.officialActor(official.actor), how: "named"}, true
	}
	if spk, ok := w.unknownPerson(s, a, b, other); ok {
		return spk, true
	}
	if spk, ok := w.shortName(s, a, b); ok {
		return spk, true
	}
	// An organisation or a state, with or without a title ("the chief of
	// the United Nations", "South Korea's foreign ministry", "China").
	if other != nil {
		spk := speaker{name: w.description(s, a, b), actor: other.actor.ID, how: "title"}
		w.rememberHeads(s, a, b, spk)
		return spk, true
	}
	// The participants of the meeting.
	if w.isKind(s, a, b, pGroup) {
		actor := doc.Group
		if actor == "" {
			actor = doc.Actor
		}
		return speaker{name: w.description(s, a, b), actor: actor, how: "group", group: true}, true
	}
	if spk, ok := w.describedBefore(s, a, b); ok {
		return spk, true
	}
	if firstPerson[f0] {
		return speaker{how: "voice"}, true
	}
	// Someone the text describes but does not name ("a senior
	// diplomat"): an attribution, with no actor.
	if b-a < 8 && (w.isKind(s, a, b, pTitle) || determiners[f0]) {
		spk := speaker{name: w.description(s, a, b), how: ""}
		w.rememberHeads(s, a, b, spk)
		return spk, true
	}
	return speaker{}, false
}

// pronounSpeaker is who a pronoun subject stands for: the last group for
// "they", else the last named speaker.
func (w *worker) pronounSpeaker(pronoun string) speaker {
	if pronoun == "they" && w.mem.hasGroup {
		spk := w.mem.lastGroup
		spk.how = "pronoun"
		return spk
	}
	if w.mem.hasLast {
		spk := w.mem.last
		spk.how = "pronoun"
		return spk
	}
	return speaker{how: "pronoun"}
}

// subjectNames finds the registered names in the subject a..b and the
// apposition appA..appB: the official in the subject (nearest the verb
// when nearEnd, else first), and the state or organisation.
func (w *worker) subjectNames(s *sent, a, b int, nearEnd bool, appA, appB int) (official, other *nameEntry) {
	otherAt, officialAt := -1, -1
	for _, m := range w.nms[s.n0:s.n1] {
		inSubj := int(m.first) >= a && int(m.last) <= b
		inApp := appA >= 0 && int(m.first) >= appA && int(m.last) <= appB
		if !inSubj && !inApp {
			continue
		}
		e := &w.x.names[m.pat]
		if !w.mentionOK(s, m, e) || w.afterPreposition(s, int(m.first), a) {
			continue
		}
		if e.actor.Kind == data.KindOfficial && inSubj {
			if official == nil || nearEnd && int(m.first) > officialAt || !nearEnd && int(m.first) < officialAt {
				official, officialAt = e, int(m.first)
			}
			continue
		}
		if e.actor.Kind == data.KindGroup || e.actor.Kind == data.KindOfficial {
			continue
		}
		if other == nil || nearEnd && int(m.first) > otherAt {
			other, otherAt = e, int(m.first)
		}
	}
	return official, other
}

// unknownPerson reads a person the registry does not know: two or more
// capitalised words that are no registered name and no title, speaking
// for the state or organisation named beside them.
func (w *worker) unknownPerson(s *sent, a, b int, other *nameEntry) (speaker, bool) {
	ra, rb, ok := w.personRun(s, a, b)
	if !ok {
		return speaker{}, false
	}
	name := w.textOf(s, ra, rb)
	if known, ok := w.mem.short[foldWord(strings.Fields(name)[0])]; ok && strings.Contains(name, " ") && known.name == name {
		return known, true
	}
	spk := speaker{name: name, how: "named"}
	if other != nil {
		spk.actor = other.actor.ID
	}
	w.rememberPerson(spk, name)
	return spk, true
}

// shortName finds a short name met before in the document ("Cai",
// "Ban"), nearest the verb first.
func (w *worker) shortName(s *sent, a, b int) (speaker, bool) {
	for i := b; i >= a; i-- {
		_, f, cap := w.word(s, i)
		if !cap {
			continue
		}
		if spk, ok := w.mem.short[f]; ok {
			spk.how = "short-name"
			return spk, true
		}
	}
	return speaker{}, false
}

// describedBefore finds a description met before: "the ministry" after
// "the foreign ministry".
func (w *worker) describedBefore(s *sent, a, b int) (speaker, bool) {
	for _, m := range w.ms[s.m0:s.m1] {
		if w.x.phrases[m.pat].kind == pTitle && int(m.first) >= a && int(m.last) <= b {
			if spk, ok := w.mem.heads[w.phraseKey(s, int(m.first), int(m.last))]; ok {
				spk.how = "title"
				return spk, true
			}
		}
	}
	return speaker{}, false
}

// isKind says whether a phrase of the kind lies within words a..b.
func (w *worker) isKind(s *sent, a, b int, k phraseKind) bool {
	for _, m := range w.ms[s.m0:s.m1] {
		if w.x.phrases[m.pat].kind == k && int(m.first) >= a && int(m.last) <= b {
			return true
		}
	}
	return false
}

// afterPreposition says whether a name is the object of a preposition
// ("in China", "to the UN"): then it is a place or an addressee, not the
// speaker. "of" counts only after a word that is not a title ("the chief
// of the United Nations" is the speaker).
func (w *worker) afterPreposition(s *sent, i, lo int) bool {
	j := i - 1
	for j >= lo {
		if _, f, _ := w.word(s, j); f == "the" {
			j--
			continue
		}
		break
	}
	if j < lo {
		return false
	}
	_, f, _ := w.word(s, j)
	if prepositions[f] {
		return true
	}
	if f == "of" {
		return !w.isKind(s, j-1, j-1, pTitle)
	}
	return false
}

// personRun finds, in words a..b, a run of two or more capitalised words
// that no registered name, title, group word or pronoun covers.
func (w *worker) personRun(s *sent, a, b int) (int, int, bool) {
	covered := func(i int) bool {
		for _, m := range w.nms[s.n0:s.n1] {
			if int(m.first) <= i && int(m.last) >= i && w.mentionOK(s, m, &w.x.names[m.pat]) {
				return true
			}
		}
		for _, m := range w.ms[s.m0:s.m1] {
			k := w.x.phrases[m.pat].kind
			if (k == pTitle || k == pGroup || k == pPronoun || k == pSay) && int(m.first) <= i && int(m.last) >= i {
				return true
			}
		}
		_, f, _ := w.word(s, i)
		return determiners[f] || firstPerson[f]
	}
	bestA, bestB := -1, -1
	for i := a; i <= b; {
		_, _, cap := w.word(s, i)
		if !cap || covered(i) {
			i++
			continue
		}
		j := i
		for j+1 <= b {
			_, _, c2 := w.word(s, j+1)
			if (c2 || w.hyphenJoined(s, j+1)) && !covered(j+1) {
				j++
				continue
			}
			break
		}
		words := 0
		for k := i; k <= j; k++ {
			if !w.hyphenJoined(s, k) {
				words++
			}
		}
		if words >= 2 && words <= 4 {
			bestA, bestB = i, j
			break
		}
		i = j + 1
	}
	return bestA, bestB, bestA >= 0
}

// textOf is the text of words a..b as written.
func (w *worker) textOf(s *sent, a, b int) string {
	ta := w.toks[w.wtok[s.w0+a]]
	tb := w.toks[w.wtok[s.w0+b]]
	return collapse(w.currentText[ta.start:tb.end])
}

// description is words a..b as a speaker description, without a
// leading "the".
func (w *worker) description(s *sent, a, b int) string {
	return w.textOf(s, a, b)
}

func (w *worker) phraseKey(s *sent, a, b int) string {
	var parts []string
	for i := a; i <= b; i++ {
		_, f, _ := w.word(s, i)
		parts = append(parts, stem(f))
	}
	return strings.Join(parts, " ")
}

// rememberHeads lets a later "the ministry" or "the chief" find a
// description resolved now.
func (w *worker) rememberHeads(s *sent, a, b int, spk speaker) {
	for _, m := range w.ms[s.m0:s.m1] {
		if w.x.phrases[m.pat].kind == pTitle && int(m.first) >= a && int(m.last) <= b {
			k := w.phraseKey(s, int(m.first), int(m.last))
			if _, ok := w.mem.heads[k]; !ok {
				w.mem.heads[k] = spk
			}
		}
	}
}
