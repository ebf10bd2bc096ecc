package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// What garbled messages look like: a count that disagrees with its noun
// or verb ("1 are", "1 statements", "3 statement"), and a scale or range
// that runs from a number to itself after rounding ("0.0 to 0.0").
var (
	// nouns stancemap counts, singular; the plural adds s.
	countedNouns = `statement|actor|theme|row|pair|period|cell|tie|bloc|problem|error|warning|file|sentence|speech|country|countries|group|community|communities|coder|unit|code|match|value|column|sheet`
	garbled      = []struct {
		re   *regexp.Regexp
		what string
	}{
		{regexp.MustCompile(`%!\w?\(`), "a Go formatting error"},
		{regexp.MustCompile(`(^|[^\w.,−-])1 (are|were|have)\b`), `"1" with a plural verb`},
		{regexp.MustCompile(`(^|[^\w.,−-])1 (` + pluralOf(countedNouns) + `)\b`), `"1" with a plural noun`},
		{regexp.MustCompile(`(^|[^\w.,−-])(0|[2-9]|[1-9]\d+) (statement|actor|theme|row|pair|period|cell|tie|bloc|problem|error|warning|sentence|speech|country|community|coder|unit)\b( (rows?|level|pairs?)\b)?([^s\-_]|$)`), `a count above 1 with a singular noun`},
		{regexp.MustCompile(`(^|[^\d])(−?-?\d+(\.\d+)?) to (−?-?\d+(\.\d+)?)\b`), ""}, // checked below: a range from a number to itself
	}
)

func pluralOf(nouns string) string {
	var out []string
	for _, n := range strings.Split(nouns, "|") {
		switch {
		case strings.HasSuffix(n, "ies"):
			out = append(out, n)
		case strings.HasSuffix(n, "y"):
			out = append(out, strings.TrimSuffix(n, "y")+"ies")
		case strings.HasSuffix(n, "ch"):
			out = append(out, n+"es")
		default:
			out = append(out, n+"s")
		}
	}
	return strings.Join(out, "|")
}

// garbledIn lists the garbled phrases of a text, one a line.
func garbledIn(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		for _, g := range garbled {
			for _, m := range g.re.FindAllStringSubmatch(line, -1) {
				if g.what == "" {
					if m[2] != m[4] || strings.Contains(line, "from "+m[2]+" to "+m[4]+" ") && false {
						continue
					}
					// The same number at both ends: a collapsed range, unless it is a date span (2013 to 2013).
					if !strings.Contains(m[2], ".") {
						continue
					}
					out = append(out, `a range from a number to itself: "`+strings.TrimSpace(m[0])+`" in: `+strings.TrimSpace(line))
					continue
				}
				if g.what == "a count above 1 with a singular noun" && m[4] != "" {
					continue // a compound noun: "13 actor rows"
				}
				out = append(out, g.what+`: "`+strings.TrimSpace(m[0])+`" in: `+strings.TrimSpace(line))
			}
		}
	}
	return out
}

// TestGarbledPhrasesAreCaught pins what garbledIn finds and what it lets
// pass, on messages written for the purpose.
func TestGarbledPhrasesAreCaught(t *testing.T) {
	bad := []string{
		"No blocs: blocs need at least three actors comparable with each other; 1 are",
		"read 1 statements",
		"1 rows skipped",
		"3 statement were used",
		"the colour scale runs from 0.0 to 0.0",
		"distance 0.00 to 0.00",
		"skipped 1 of %!d(string=2 rows)",
	}
	good := []string{
		"blocs need at least three actors comparable with each other; only 1 is",
		"read 1 statement, 12 statements in all",
		"2 rows skipped; 1 row with an error",
		"2013 to 2013",
		"interval +0.38 to +1.54",
		"stance_1 statements.csv", // not counts
		"at least 2 are needed",
		"14 of the 14 other rows",
		"0 statement-level problems",
	}
	for _, s := range bad {
		if len(garbledIn(s)) == 0 {
			t.Errorf("garbledIn(%q) found nothing", s)
		}
	}
	for _, s := range good {
		if g := garbledIn(s); len(g) > 0 {
			t.Errorf("garbledIn(%q) = %q, want nothing", s, g)
		}
	}
}

// TestCaseMessagesAreGrammatical reads every command case's expected
// standard output and error, and the text of the HTML reports they
// write, for garbled phrases.
func TestCaseMessagesAreGrammatical(t *testing.T) {
	var files []string
	for _, pat := range []string{"*/*/expout", "*/*/experr", "*/*/expfiles/*.html.txt", "*/*/expfiles/*/*.html.txt"} {
		m, err := filepath.Glob(filepath.Join(casesDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 100 {
		t.Fatalf("found %d expectation files, want the command cases' (over 100)", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(casesDir, f)
		for _, g := range garbledIn(string(b)) {
			t.Errorf("%s: %s", rel, g)
		}
	}
}
