package extract

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// Fuzz targets for the extractor: the sentence splitter, speaker
// attribution and the dictionary matcher. scripts/fuzz.sh runs each for
// a fixed time; crashers land in testdata/fuzz/<Target>/ and then run as
// regression cases with every `go test`.

var (
	fuzzXOnce sync.Once
	fuzzX     *Extractor
)

// fuzzExtractor builds the default extractor once: building it for
// every input would make the fuzzer spend its time in New.
func fuzzExtractor(t testing.TB) *Extractor {
	fuzzXOnce.Do(func() { fuzzX = newTestExtractor(t, Options{}) })
	if fuzzX == nil {
		t.Fatal("no extractor")
	}
	return fuzzX
}

var extractSeeds = []string{
	"Prof. Jane Doe spoke at the U.N. Office on Oct. 17 with W. Hague. Then the talks ended! Did they agree?",
	"\"We support a free and open internet,\" said William Hague, the British Foreign Secretary.\n\nHe added that states must respect sovereignty.",
	"China's foreign ministry said cyber sovereignty must be respected. According to the delegate, the UN should lead.",
	"第一句。第二句。\r\n\r\nMixed\rline\r\nendings\nhere.",
	"Home >> World\n\nEmail|Print|Comments\n\nMany participants said that capacity building matters.",
	"A\x00B. C\xff\xfe. \u00a0\u3000 Tab\there.\n\n\n",
	"U.S. officials, e.g. Mr. Smith, said so... \"Yes.\" \"No!\" (Really?) [Indeed.] «Oui.»",
	strings.Repeat("word ", 2000) + ".",
	"",
}

// FuzzSegment checks the sentence splitter: sentences lie within the
// text, in order, without overlap, trimmed, with paragraphs numbered in
// order; without cleaning they cover every non-space character.
func FuzzSegment(f *testing.F) {
	for _, s := range extractSeeds {
		f.Add(s)
	}
	x := fuzzExtractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		for _, clean := range []bool{false, true} {
			spans := x.segment(text, clean, nil)
			prevEnd, prevPara := 0, -1
			for i, sp := range spans {
				if sp.start < prevEnd || sp.end <= sp.start || sp.end > len(text) {
					t.Fatalf("clean=%v: span %d [%d,%d) after %d in %d bytes", clean, i, sp.start, sp.end, prevEnd, len(text))
				}
				if sp.para < prevPara || sp.para > prevPara+1 && prevPara >= 0 || i == 0 && sp.para != 0 {
					t.Fatalf("clean=%v: span %d in paragraph %d after %d", clean, i, sp.para, prevPara)
				}
				s := text[sp.start:sp.end]
				if r, _ := utf8.DecodeRuneInString(s); isSpaceRune(r) {
					t.Fatalf("clean=%v: sentence %q starts with white space", clean, s)
				}
				if r, _ := utf8.DecodeLastRuneInString(s); isSpaceRune(r) {
					t.Fatalf("clean=%v: sentence %q ends with white space", clean, s)
				}
				prevEnd, prevPara = sp.end, sp.para
			}
			if clean {
				continue
			}
			// Every character outside the sentences is white space.
			covered := make([]bool, len(text)+1)
			for _, sp := range spans {
				for i := sp.start; i < sp.end; i++ {
					covered[i] = true
				}
			}
			for i, r := range text {
				if !covered[i] && !isSpaceRune(r) {
					t.Fatalf("character %q at byte %d is in no sentence (%d sentences)", r, i, len(spans))
				}
			}
		}
	})
}

// FuzzExtract runs the whole extractor, speaker attribution included:
// every statement's offsets are code points within the text, in text
// order, its sentence is the text at those offsets (white space
// collapsed), and its speaker is one the registry knows, the document's
// own, or none (flagged).
func FuzzExtract(f *testing.F) {
	for _, s := range extractSeeds {
		f.Add(s, false, "")
		f.Add(s, true, "GBR")
	}
	x := fuzzExtractor(f)
	hows := map[string]bool{"named": true, "title": true, "short-name": true, "pronoun": true, "quote": true,
		"continued": true, "group": true, "according": true, "voice": true, "default": true, "metadata": true, "": true}
	f.Fuzz(func(t *testing.T, text string, speech bool, actor string) {
		if actor != "" && actor != "GBR" {
			actor = "CHN"
		}
		doc := &Document{Name: "fuzz.txt", Ref: "fuzz.txt", Text: text, Actor: actor, Speech: speech, Clean: true}
		res := x.Extract(doc)
		runes := []rune(text)
		// Invalid UTF-8 decodes to one code point per bad byte, as
		// []rune does, so the offsets still point into runes.
		prev := 0
		for _, c := range res.Coded {
			if c.Start < prev || c.End <= c.Start || c.End > len(runes) {
				t.Fatalf("statement at [%d,%d) after %d in %d code points", c.Start, c.End, prev, len(runes))
			}
			prev = c.Start
			if got := collapse(string(runes[c.Start:c.End])); got != c.Sentence {
				// string(runes) turns invalid bytes into U+FFFD; compare
				// only when the text was valid.
				if utf8.ValidString(text) {
					t.Fatalf("sentence %q, text at [%d,%d) is %q", c.Sentence, c.Start, c.End, got)
				}
			}
			if !hows[c.How] {
				t.Fatalf("unknown attribution %q", c.How)
			}
			if c.Actor != "" && c.Actor != actor {
				if _, ok := x.reg.Get(c.Actor); !ok {
					t.Fatalf("statement for %q, an actor the registry does not know", c.Actor)
				}
			}
			if speech && c.Actor != actor {
				t.Fatalf("speech of %q coded for %q", actor, c.Actor)
			}
			if c.Stance < -2 || c.Stance > 2 {
				t.Fatalf("stance %d off the scale", c.Stance)
			}
		}
	})
}

// FuzzAutomaton checks the Aho–Corasick matcher against a brute-force
// search: the same matches, each the length of its pattern, reported in
// order of their last word. Patterns and the scanned sequence come from
// the fuzzer's bytes over a small alphabet, so that matches are common.
func FuzzAutomaton(f *testing.F) {
	f.Add([]byte{1, 2, 0, 2, 3, 0, 1, 2, 3}, []byte{1, 2, 3, 1, 2, 2, 3, 0, 1})
	f.Add([]byte{1, 1, 0, 1, 0, 1, 1, 1}, []byte{1, 1, 1, 1, 1})
	f.Add([]byte{}, []byte{1, 2})
	f.Add([]byte{4, 0, 0, 4, 4}, []byte{7, 4, 4, 4, 9, 0, 255})
	f.Fuzz(func(t *testing.T, pb, sb []byte) {
		const alpha = 6
		// A 0 byte ends a pattern; other bytes are symbols 1..alpha-1.
		var pats [][]int32
		cur := []int32{}
		for _, b := range pb {
			if b == 0 {
				pats = append(pats, cur)
				cur = []int32{}
				continue
			}
			cur = append(cur, int32(b)%(alpha-1)+1)
		}
		pats = append(pats, cur)
		// Symbols of the text may fall outside the alphabet (as unknown
		// words do): those must send the automaton back to the root.
		syms := make([]int32, len(sb))
		for i, b := range sb {
			syms[i] = int32(b%(alpha+2)) - 1
		}
		check := func(a *automaton, kind string) {
			got := a.scan(syms, nil)
			for i, m := range got {
				if m.first < 0 || int(m.last) >= len(syms) || int(m.last-m.first+1) != len(pats[m.pat]) {
					t.Fatalf("%s: match %+v of pattern %v out of place", kind, m, pats[m.pat])
				}
				if i > 0 && got[i-1].last > m.last {
					t.Fatalf("%s: matches out of order: %+v before %+v", kind, got[i-1], m)
				}
			}
			var want []match
			for last := range syms {
				for p, pat := range pats {
					first := last - len(pat) + 1
					if len(pat) == 0 || first < 0 || !slices.Equal(syms[first:last+1], pat) {
						continue
					}
					want = append(want, match{pat: int32(p), first: int32(first), last: int32(last)})
				}
			}
			key := func(a, b match) int {
				if a.last != b.last {
					return int(a.last - b.last)
				}
				return int(a.pat - b.pat)
			}
			slices.SortFunc(got, key)
			slices.SortFunc(want, key)
			if !slices.Equal(got, want) {
				t.Fatalf("%s: patterns %v over %v: got %v, want %v", kind, pats, syms, got, want)
			}
		}
		a := buildAutomaton(pats, alpha)
		check(a, "dense")
		// The sparse form, used for large dictionaries, must agree.
		sp := buildAutomaton(pats, alpha)
		sp.dense = nil
		sp.sparse = sparseTrie(pats)
		check(sp, "sparse")
	})
}

// sparseTrie rebuilds the goto function that buildAutomaton keeps for
// its sparse form, numbering states the same way.
func sparseTrie(pats [][]int32) map[uint64]int32 {
	trie := map[uint64]int32{}
	n := int32(1)
	for _, p := range pats {
		s := int32(0)
		for _, sym := range p {
			k := uint64(s)<<32 | uint64(uint32(sym))
			next, ok := trie[k]
			if !ok {
				next = n
				n++
				trie[k] = next
			}
			s = next
		}
	}
	return trie
}
