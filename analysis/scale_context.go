package analysis

import (
	"slices"
	"strings"
)

// The sentence filter of text scaling: a General Assembly speech, a
// parliamentary debate or a report covers many subjects, and an actor's
// words on all of them would place it on a divide that is not the axis's
// (how much it sounds like the reference actors in general, rather than
// on the subject). With context terms (data.Axis.Context: cyberspace,
// internet, ICT, information security …), only the sentences near one are
// read: a sentence counts when it, or one of the Window sentences before
// or after it in the same document, holds a context term. This is a
// keyword-in-context selection, as the coder's context gate
// (internal/extract, with a window of two sentences) makes; Watanabe
// (2021) likewise narrows LSS to a subject by the words around its target
// words. It applies alike to Wordscores, whose reference texts are then
// the reference actors' sentences on the subject.
//
// A context term is a word or a phrase of words (lower case, matched on
// the same tokens as the terms, so stop words inside a phrase are skipped:
// "information and communication technologies" matches "information
// communication technologies"). A one-word term also matches the parts of
// a hyphenated compound (cyber matches cyber-attacks).

// DefaultContextWindow is how many sentences either side of one holding
// a context term are read too: about the paragraph around a mention. It
// was chosen on one classification of states (the SCO against the
// Freedom Online Coalition, testdata/validity) among 0, 2 (the coder's
// window), 5, 10 and 25 sentences and every sentence, and then kept for
// the held-out classifications (README, "Actor scaling").
const DefaultContextWindow = 5

// contextSentences marks the sentences to read: those within window
// sentences, in the same document, of a sentence holding a context term.
// It also returns the terms found in the texts and those never found, in
// the order given.
func (tc *TextCorpus) contextSentences(terms []string, window int) (keep []bool, found, missing []string) {
	single := make([]int, len(tc.names)) // word id → 1 + the index of its one-word term; 0: none
	type phrase struct {
		ids  []int32
		term int
	}
	multi := map[int32][]phrase{}  // first word id → the phrases it starts
	singleTerm := map[string]int{} // a one-word term → 1 + its index
	var t tokenizer
	for i, term := range terms {
		var words []string
		t.each(strings.ToLower(term), func(b []byte, _, _ bool) {
			if len(b) > 0 {
				words = append(words, string(b))
			}
		})
		if len(words) == 1 {
			singleTerm[words[0]] = i + 1
			continue
		}
		ids := make([]int32, 0, len(words))
		for _, w := range words {
			if id, ok := tc.words[w]; ok {
				ids = append(ids, id)
			}
		}
		if len(words) > 1 && len(ids) == len(words) {
			multi[ids[0]] = append(multi[ids[0]], phrase{ids, i})
		}
	}
	// A word is a one-word term, or a hyphenated compound holding one.
	for id, w := range tc.names {
		if k := singleTerm[w]; k != 0 {
			single[id] = k
			continue
		}
		if strings.Contains(w, "-") {
			for _, part := range strings.Split(w, "-") {
				if k := singleTerm[part]; k != 0 {
					single[id] = k
					break
				}
			}
		}
	}
	occurs := make([]bool, len(terms))
	has := make([]bool, len(tc.sents))
	prev := 0
	for s, end := range tc.sents {
		toks := tc.tokens[prev:end]
		for i, id := range toks {
			if k := single[id]; k != 0 {
				has[s], occurs[k-1] = true, true
			}
			for _, ph := range multi[id] {
				if i+len(ph.ids) <= len(toks) && slices.Equal(toks[i:i+len(ph.ids)], ph.ids) {
					has[s], occurs[ph.term] = true, true
				}
			}
		}
		prev = end
	}
	keep = make([]bool, len(tc.sents))
	for _, d := range tc.docs {
		for s := d.sFrom; s < d.sTo; s++ {
			if has[s] {
				for j := max(d.sFrom, s-window); j < min(d.sTo, s+window+1); j++ {
					keep[j] = true
				}
			}
		}
	}
	for i, term := range terms {
		if occurs[i] {
			found = append(found, term)
		} else {
			missing = append(missing, term)
		}
	}
	return keep, found, missing
}
