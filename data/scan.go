package data

import (
	"strings"
	"unicode/utf8"
)

// scanBytes is the text size from which a pass over the whole text runs
// on every core: a corpus of a million statements is a quarter of a
// gigabyte, and each pass over it took 20–30 ms on one core.
var scanBytes = 8 << 20

// textParts are the boundaries that split n bytes into one range per
// core (a single range below scanBytes).
func textParts(n int) int {
	if n < scanBytes {
		return 1
	}
	return cores(parallelRows)
}

// countByte counts the bytes c in s.
func countByte(s string, c byte) int {
	parts := textParts(len(s))
	counts := make([]int, parts)
	inParts(len(s), parts, func(k, lo, hi int) { counts[k] = strings.Count(s[lo:hi], string(c)) })
	n := 0
	for _, x := range counts {
		n += x
	}
	return n
}

// textFacts are what reading a file as text needs to know of all of it.
type textFacts struct {
	zero  bool // a zero byte (UTF-16 text, or binary data)
	cr    bool // a carriage return
	valid bool // valid UTF-8 throughout
}

// factsOf finds them in one pass over b (on every core when it is
// large): each part is read in blocks small enough to stay in the cache
// while the three checks run over them.
func factsOf(b string) textFacts {
	cuts := runeCuts(b, textParts(len(b)))
	facts := make([]textFacts, len(cuts)-1)
	inParts(len(facts), len(facts), func(k, _, _ int) {
		part := b[cuts[k]:cuts[k+1]]
		f := textFacts{valid: true}
		for _, blk := range blocksOf(part, factsBlock) {
			f.zero = f.zero || strings.IndexByte(blk, 0) >= 0
			f.cr = f.cr || strings.IndexByte(blk, '\r') >= 0
			f.valid = f.valid && utf8.ValidString(blk)
		}
		facts[k] = f
	})
	all := textFacts{valid: true}
	for _, f := range facts {
		all.zero, all.cr, all.valid = all.zero || f.zero, all.cr || f.cr, all.valid && f.valid
	}
	return all
}

// factsBlock is the size of the blocks factsOf reads a part in.
var factsBlock = 64 << 10

// runeCuts returns the bounds of parts pieces of b, each cut moved past
// continuation bytes so that no character is split: each piece is
// valid UTF-8 exactly when its share of b is.
func runeCuts(b string, parts int) []int {
	cuts := []int{0}
	for k := 1; k < parts; k++ {
		c := max(len(b)*k/parts, cuts[len(cuts)-1])
		for end := min(c+utf8.UTFMax, len(b)); c < end && b[c]&0xC0 == 0x80; c++ {
		}
		cuts = append(cuts, c)
	}
	return append(cuts, len(b))
}

// blocksOf splits b into blocks of about size bytes, cut as runeCuts
// cuts.
func blocksOf(b string, size int) []string {
	var out []string
	for len(b) > 0 {
		c := min(size, len(b))
		for end := min(c+utf8.UTFMax, len(b)); c < end && b[c]&0xC0 == 0x80; c++ {
		}
		out = append(out, b[:c])
		b = b[c:]
	}
	return out
}
