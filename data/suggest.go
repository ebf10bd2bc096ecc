package data

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Forgiving but never guessing: a value that is not understood is still
// an error, and the message offers what it may have meant, so that the
// user corrects it in the file. Nothing here changes a value.

// editDistance is the optimal string alignment distance between a and b
// (Levenshtein's insertions, deletions and substitutions, plus swaps of
// two adjacent letters, each costing 1), over runes: "Chnia" is 1 from
// "China", "Untied States" 1 from "United States". It stops early and
// returns max+1 once the distance must exceed max.
func editDistance(a, b string, max int) int {
	return runeDistance([]rune(a), []rune(b), max, nil)
}

// runeDistance is editDistance over runes; buf, when long enough, is used
// for the three rows of the table instead of new memory.
func runeDistance(ra, rb []rune, max int, buf []int) int {
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	w := len(rb) + 1
	if len(buf) < 3*w {
		buf = make([]int, 3*w)
	}
	prev2, prev, cur := buf[:w], buf[w:2*w], buf[2*w:3*w]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// typoBudget is how many edits a value of n letters may be from a
// candidate and still be offered: 1 up to 4 letters, 2 up to 8, 3 beyond.
// Codes of two or three letters ("CN", "USA") are offered only for a
// code with the same letters swapped, so that "UZ" does not suggest every
// two-letter code.
func typoBudget(n int) int {
	switch {
	case n <= 4:
		return 1
	case n <= 8:
		return 2
	}
	return 3
}

// maxSuggestions is how many candidates a message lists.
const maxSuggestions = 3

// suggester finds the candidates a misspelt value may have meant. It is
// built once from the candidates' spellings (normalised by NameKey) and
// is safe for use by several readers at once.
type suggester struct {
	labels []string // what a message shows, per candidate
	owner  []int    // candidate of each key
	keys   [][]rune // every spelling of every candidate
}

func newSuggester(labels []string, spellings func(i int) []string) *suggester {
	s := &suggester{labels: labels}
	for i := range labels {
		seen := map[string]bool{}
		for _, sp := range spellings(i) {
			k := NameKey(sp)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			s.owner = append(s.owner, i)
			s.keys = append(s.keys, []rune(k))
		}
	}
	return s
}

type candidate struct {
	label string
	dist  int
}

// nearest returns the labels of the candidates closest to v, at most
// maxSuggestions, by distance then label; a candidate counts at its
// closest spelling.
func (s *suggester) nearest(v string) []string {
	k := []rune(NameKey(v))
	if len(k) == 0 || len(k) > 100 {
		return nil
	}
	budget := typoBudget(len(k))
	short := len(k) <= 3
	best := map[int]int{}
	var buf []int
	for j, key := range s.keys {
		if d := len(key) - len(k); d > budget || -d > budget || short != (len(key) <= 3) {
			continue // a short code is a typo of a short code only
		}
		if short && !sameLetters(k, key) {
			continue // and only one with its letters swapped: "CNH" for "CHN"
		}
		if len(buf) < 3*(len(key)+1) {
			buf = make([]int, 3*(len(key)+1))
		}
		if d := runeDistance(k, key, budget, buf); d <= budget {
			if b, ok := best[s.owner[j]]; !ok || d < b {
				best[s.owner[j]] = d
			}
		}
	}
	found := make([]candidate, 0, len(best))
	for i, d := range best {
		found = append(found, candidate{s.labels[i], d})
	}
	slices.SortFunc(found, func(a, b candidate) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return strings.Compare(a.label, b.label)
	})
	var out []string
	for _, c := range found[:min(len(found), maxSuggestions)] {
		out = append(out, c.label)
	}
	return out
}

// sameLetters says whether a and b hold the same letters in any order.
func sameLetters(a, b []rune) bool {
	ra, rb := slices.Clone(a), slices.Clone(b)
	slices.Sort(ra)
	slices.Sort(rb)
	return slices.Equal(ra, rb)
}

// didYouMean phrases candidates: "did you mean China (CHN)?" or "did you
// mean one of: Chile (CHL), China (CHN)?".
func didYouMean(c []string) string {
	switch len(c) {
	case 0:
		return ""
	case 1:
		return "did you mean " + c[0] + "?"
	}
	return "did you mean one of: " + strings.Join(c, ", ") + "?"
}

// SuggestActors returns the registry's actors whose id, name or alias is
// a likely misspelling of s, as "Name (ID)", closest first.
func (r *Registry) SuggestActors(s string) []string {
	if r == nil {
		return nil
	}
	return r.suggester().nearest(s)
}

// actorSuggester indexes the registry's actors for SuggestActors.
func actorSuggester(r *Registry) *suggester { return actorSuggesterOf(r.Actors()) }

// actorSuggesterOf indexes actors by id, name and aliases.
func actorSuggesterOf(list []*Actor) *suggester {
	actors := slices.Clone(list)
	slices.SortFunc(actors, func(a, b *Actor) int { return strings.Compare(a.ID, b.ID) })
	labels := make([]string, len(actors))
	for i, a := range actors {
		labels[i] = ActorLabel(a)
	}
	return newSuggester(labels, func(i int) []string {
		a := actors[i]
		return append([]string{a.ID, a.Name}, a.Aliases...)
	})
}

// ActorLabel is how an actor is shown where a person picks one: its name
// with its id, "China (CHN)", or the id alone when the name is the id.
// Registry.Resolve reads the label back.
func ActorLabel(a *Actor) string {
	if a.Name == "" || a.Name == a.ID {
		return a.ID
	}
	return a.Name + " (" + a.ID + ")"
}

// SuggestThemes returns the ids of the codebook's themes whose id or
// label is a likely misspelling of s.
func (cb *Codebook) SuggestThemes(s string) []string {
	if cb == nil {
		return nil
	}
	return themeSuggester(cb).nearest(s)
}

func themeSuggester(cb *Codebook) *suggester {
	return newSuggester(cb.ThemeIDs(), func(i int) []string {
		th := cb.Themes[i]
		return []string{th.ID, th.Label, strings.ReplaceAll(th.ID, "_", " ")}
	})
}

// dateHint reads a date written day-first or month-first, "17/10/2013",
// "10/17/2013" or "17.10.2013", and says which ISO dates it could be,
// both where both readings are dates; a year-first date with other
// separators ("2013/10/17") has one reading. It returns "" for anything
// else. The date is never converted: the hint is for the message.
func dateHint(s string) string {
	s = strings.TrimSpace(s)
	sep := strings.IndexAny(s, "/.-")
	if sep < 0 {
		return ""
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) != 3 || strings.Count(s, s[sep:sep+1]) != 2 {
		return ""
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) > 4 || v < 0 {
			return ""
		}
		n[i] = v
	}
	iso := func(y, m, d int) string {
		if m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) {
			return ""
		}
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	}
	if len(parts[0]) == 4 {
		if d := iso(n[0], n[1], n[2]); d != "" {
			return "write it as " + d
		}
		return ""
	}
	if len(parts[2]) != 4 {
		return "" // a two-digit year could be of any century
	}
	dayFirst, monthFirst := iso(n[2], n[1], n[0]), iso(n[2], n[0], n[1])
	switch {
	case dayFirst != "" && dayFirst == monthFirst:
		return "write it as " + dayFirst
	case dayFirst != "" && monthFirst != "":
		return "it could be " + dayFirst + " (day first) or " + monthFirst + " (month first): write the one meant"
	case dayFirst != "":
		return "write it as " + dayFirst + " (day first: there is no month " + parts[0] + ")"
	case monthFirst != "":
		return "write it as " + monthFirst + " (month first: there is no month " + parts[1] + ")"
	}
	return ""
}
