package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// tokKind says what a token is: a word, or a mark that bounds clauses
// and quotations. Marks do not feed the phrase matchers (so "open,
// reliable" matches the phrase "open reliable") but end negation scopes
// and the reach of general cues.
type tokKind uint8

const (
	tWord       tokKind = iota
	tComma              // , and parentheses
	tBreak              // ; : and dashes: a stronger clause boundary
	tQuoteOpen          // “ ‘ « and a straight quote that opens
	tQuoteClose         // ” ’ » and a straight quote that closes
)

// token is one word or mark of a sentence, with its byte offsets in the
// document.
type token struct {
	start, end int32
	kind       tokKind
	cap        bool  // the word starts with an upper-case letter
	acronym    bool  // letters with dots, such as U.N.
	id         int32 // vocabulary id in the phrase matcher (0: no phrase uses the word)
	nid        int32 // vocabulary id in the name matcher
}

// tokenize splits text[lo:hi] into tokens appended to toks. Words are
// runs of letters, digits and marks; hyphens split words ("multi-stakeholder"
// is two words, as "multi stakeholder"); an apostrophe inside a word stays
// in it ("country’s"); "can't", "cannot" and other words ending in "n't"
// give a separate "not". Dotted acronyms ("U.N.", "e.g.") are one word.
func tokenize(text string, lo, hi int, toks []token) []token {
	quoteOpen := false
	i := lo
	for i < hi {
		if text[i] == ' ' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r):
			j := i
			acr := false
			// A dotted acronym: letter '.' letter '.' …
			if k, ok := acronymEnd(text, i, hi); ok {
				j = k
				acr = true
			} else {
				for j < hi {
					// Most words are ASCII: one table look-up per letter.
					if c := text[j]; c < utf8.RuneSelf && asciiWord[c] {
						j++
						continue
					}
					r2, s2 := utf8.DecodeRuneInString(text[j:])
					if isWordRune(r2) {
						j += s2
						continue
					}
					if (r2 == '\'' || r2 == '’') && j+s2 < hi {
						r3, _ := utf8.DecodeRuneInString(text[j+s2:])
						if unicode.IsLetter(r3) {
							j += s2
							continue
						}
					}
					break
				}
			}
			word := text[i:j]
			t := token{start: int32(i), end: int32(j), kind: tWord, cap: unicode.IsUpper(r), acronym: acr}
			if n, ok := negatedContraction(word); ok {
				t.end = int32(i + n)
				toks = append(toks, t)
				toks = append(toks, token{start: int32(i + n), end: int32(j), kind: tWord})
			} else {
				toks = append(toks, t)
			}
			i = j
			continue
		case r == ',' || r == '(' || r == ')' || r == '[' || r == ']':
			toks = append(toks, token{start: int32(i), end: int32(i + size), kind: tComma})
		case r == ';' || r == ':' || r == '—' || r == '–' || r == '；' || r == '：' || r == '，' || r == '、':
			toks = append(toks, token{start: int32(i), end: int32(i + size), kind: tBreak})
		case r == '-' && i+1 < hi && text[i+1] == '-':
			toks = append(toks, token{start: int32(i), end: int32(i + 2), kind: tBreak})
			i += 2
			continue
		case r == '-' && i > lo && i+1 < hi && text[i-1] == ' ' && text[i+1] == ' ':
			toks = append(toks, token{start: int32(i), end: int32(i + 1), kind: tBreak})
		case r == '“' || r == '«' || r == '‘' || r == '「' || r == '『':
			toks = append(toks, token{start: int32(i), end: int32(i + size), kind: tQuoteOpen})
			quoteOpen = true
		case r == '”' || r == '»' || r == '’' || r == '」' || r == '』':
			toks = append(toks, token{start: int32(i), end: int32(i + size), kind: tQuoteClose})
			quoteOpen = false
		case r == '"':
			// A straight quote opens after a space or a bracket and before
			// a word, closes before a space or punctuation, and otherwise
			// toggles.
			before := i == lo || isSpaceByte(text[i-1]) || text[i-1] == '(' || text[i-1] == '['
			after := i+1 >= hi || isSpaceByte(text[i+1]) || !isWordByte(text[i+1])
			opens := !quoteOpen
			switch {
			case before && !after:
				opens = true
			case after && !before:
				opens = false
			}
			k := tQuoteClose
			if opens {
				k = tQuoteOpen
			}
			quoteOpen = opens
			toks = append(toks, token{start: int32(i), end: int32(i + size), kind: k})
		}
		i += size
	}
	return toks
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// acronymEnd reports the end of a dotted acronym starting at i ("U.N.",
// "P.R.", "e.g."): two or more single letters, each followed by a dot.
func acronymEnd(text string, i, hi int) (int, bool) {
	j, n := i, 0
	for j < hi {
		r, s := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) || j+s >= hi || text[j+s] != '.' {
			break
		}
		j += s + 1
		n++
	}
	if n < 2 {
		return 0, false
	}
	return j, true
}

// negatedContraction splits "can't", "don't", "won’t" before their "n't",
// and "cannot" before "not"; it returns the length of the first part.
func negatedContraction(w string) (int, bool) {
	lw := len(w)
	if lw > 3 && (strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "N'T")) {
		return lw - 3, true
	}
	if lw > 5 && strings.HasSuffix(w, "n’t") {
		return lw - len("n’t"), true
	}
	if lw == 6 && strings.EqualFold(w, "cannot") {
		return 3, true
	}
	return 0, false
}

// foldWord is the form words and phrases are compared in: lower case,
// accents removed, apostrophes and dots dropped, a possessive "'s"
// removed, a negative contraction's "n't" read as "not".
func foldWord(w string) string {
	if w == "n't" || w == "n’t" || w == "N'T" {
		return "not"
	}
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	var s string
	if ascii {
		s = strings.ToLower(w)
	} else {
		var b strings.Builder
		for _, r := range norm.NFKD.String(w) {
			if unicode.Is(unicode.Mn, r) {
				continue
			}
			if r == '’' || r == '‘' {
				r = '\''
			}
			b.WriteRune(unicode.ToLower(r))
		}
		s = b.String()
	}
	if strings.HasSuffix(s, "'s") {
		s = s[:len(s)-2]
	} else if strings.HasSuffix(s, "s'") {
		s = s[:len(s)-1]
	}
	if strings.ContainsAny(s, ".'") {
		s = strings.NewReplacer(".", "", "'", "").Replace(s)
	}
	return s
}

// stem removes English inflections, the same way from phrases and from
// text, so that one form of a phrase finds the others: plural -s, -es
// and -ies, -ed and -ing (with a doubled final consonant undone), a
// final -e, and a final -y read as -i ("policy", "policies" → "polici";
// "call", "called", "calling" → "call"; "close", "closing" → "clos").
// A step that would leave fewer than three letters, or turn the word
// into a grammatical word ("noted" into "not"), is not taken, and words
// of three letters or fewer are kept as they are. It is deliberately
// light: derivations ("sovereign", "sovereignty") stay apart, because
// themes tell them apart.
func stem(w string) string {
	if len(w) <= 3 || !isASCIILower(w) {
		return w
	}
	s := w
	try := func(t string) {
		if len(t) >= 3 && !protectedStems[t] {
			s = t
		}
	}
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		try(s[:len(s)-3] + "i")
	case strings.HasSuffix(s, "sses"):
		try(s[:len(s)-2])
	case strings.HasSuffix(s, "xes") || strings.HasSuffix(s, "ches") || strings.HasSuffix(s, "shes") || strings.HasSuffix(s, "zes"):
		try(s[:len(s)-2])
	case strings.HasSuffix(s, "ss") || strings.HasSuffix(s, "us") || strings.HasSuffix(s, "is"):
	case strings.HasSuffix(s, "s"):
		try(s[:len(s)-1])
	}
	switch {
	case strings.HasSuffix(s, "ied") && len(s) > 4:
		try(s[:len(s)-3] + "i")
	case strings.HasSuffix(s, "ed") && hasVowel(s[:len(s)-2]):
		try(undoubleMin(s[:len(s)-2]))
	case strings.HasSuffix(s, "ing") && hasVowel(s[:len(s)-3]):
		try(undoubleMin(s[:len(s)-3]))
	}
	if len(s) > 3 && strings.HasSuffix(s, "e") {
		try(s[:len(s)-1])
	}
	if len(s) > 3 && strings.HasSuffix(s, "y") {
		try(s[:len(s)-1] + "i")
	}
	return s
}

// protectedStems are grammatical words a stem must not become.
var protectedStems = map[string]bool{"not": true, "non": true, "nor": true, "the": true, "and": true,
	"for": true, "are": true, "was": true, "has": true, "his": true, "her": true, "its": true,
	"our": true, "can": true, "may": true, "use": true, "all": true, "any": true, "one": true}

// undoubleMin undoes a doubled final consonant unless that leaves fewer
// than three letters ("stopp" → "stop", but "add" stays).
func undoubleMin(s string) string {
	if u := undouble(s); len(u) >= 3 {
		return u
	}
	return s
}

func undouble(s string) string {
	n := len(s)
	if n >= 2 && s[n-1] == s[n-2] && !strings.ContainsRune("aeioulsz", rune(s[n-1])) {
		return s[:n-1]
	}
	return s
}

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiouy") }

func isASCIILower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
