package extract

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/stancemap/stancemap/data"
)

// Document is one text to code, with what is known about it.
type Document struct {
	// Name is shown in messages: the path as given, or "file:row" for a
	// row of a tabular corpus.
	Name string
	// Ref names the document in evidence: a text file's base name, or
	// "corpus.csv.gz#row=12" for a row of a table. See Evidence.
	Ref  string
	Text string
	Date data.Date
	// Actor is the default actor: it gets the sentences whose speaker
	// cannot be told (a report written in an organisation's voice). Empty:
	// such sentences are flagged, not coded.
	Actor string
	// Group is the actor for views a report gives to unnamed participants
	// ("many participants said"); empty means Actor.
	Group  string
	Source string
	URL    string
	Event  string
	// Speech: the whole text is the actor's own (a speech in a corpus):
	// no speaker attribution, every sentence is Actor's.
	Speech bool
	// Clean strips boilerplate lines (navigation, sharing, bylines).
	Clean bool
}

// Coded is one statement the extractor found, with its evidence.
type Coded struct {
	data.Statement
	// Start and End are the sentence's offsets in the document's text, in
	// characters (Unicode code points), End exclusive.
	Start, End int
	// Sentence is the sentence as it stands in the text.
	Sentence string
	// How says how the speaker was found: named, title, short-name,
	// pronoun, quote, continued, group, according, voice, default,
	// metadata; "" when no actor could be given.
	How string
}

// Flagged reports whether the statement has no actor: a theme sentence
// whose speaker could not be told in a document without a default actor.
// It is never written as a statement.
func (c *Coded) Flagged() bool { return c.Actor == "" }

// DocResult is what extraction found in one document.
type DocResult struct {
	Doc       *Document
	Coded     []Coded // in text order; flagged ones included
	Sentences int     // sentences read (headings and labels excepted)
}

// runeOffsets converts increasing byte offsets of text to code point
// offsets, one pass for a whole document.
type runeOffsets struct {
	text       string
	byte, rune int
}

func (r *runeOffsets) at(b int) int {
	if b < r.byte {
		r.byte, r.rune = 0, 0
	}
	r.rune += utf8.RuneCountInString(r.text[r.byte:b])
	r.byte = b
	return r.rune
}

// collapse joins the white space of s into single spaces.
func collapse(s string) string {
	if collapsed(s) {
		return s // most sentences: no copy
	}
	return strings.Join(strings.FieldsFunc(s, isSpaceRune), " ")
}

// collapsed says whether s has no white space but single spaces between
// other characters.
func collapsed(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
			// A space next to a non-ASCII space rune is caught when that
			// rune is read.
		case c < utf8.RuneSelf:
			if c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
				return false
			}
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if isSpaceRune(r) {
				return false
			}
			i += n - 1
		}
	}
	return true
}

func (d *Document) String() string { return fmt.Sprintf("%s (%d bytes)", d.Name, len(d.Text)) }
