package data

import (
	"bytes"
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

// hasZero reports whether b holds a zero byte.
func hasZero(b []byte) bool {
	parts := textParts(len(b))
	found := make([]bool, parts)
	inParts(len(b), parts, func(k, lo, hi int) { found[k] = bytes.IndexByte(b[lo:hi], 0) >= 0 })
	for _, f := range found {
		if f {
			return true
		}
	}
	return false
}

// validUTF8 is utf8.Valid(b). The text is cut only where a character
// starts (a byte that is not a continuation byte), so that no character
// is split between two parts and each part is valid exactly when its
// share of b is.
func validUTF8(b []byte) bool {
	parts := textParts(len(b))
	if parts == 1 {
		return utf8.Valid(b)
	}
	cuts := []int{0}
	for k := 1; k < parts; k++ {
		c := max(len(b)*k/parts, cuts[len(cuts)-1])
		for end := min(c+utf8.UTFMax, len(b)); c < end && b[c]&0xC0 == 0x80; c++ {
		}
		cuts = append(cuts, c)
	}
	cuts = append(cuts, len(b))
	ok := make([]bool, parts)
	inParts(parts, parts, func(k, _, _ int) { ok[k] = utf8.Valid(b[cuts[k]:cuts[k+1]]) })
	for _, v := range ok {
		if !v {
			return false
		}
	}
	return true
}
