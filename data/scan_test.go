package data

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// The whole-text passes split between cores give what the one-core
// library calls give, whatever falls at the cuts: a character of two,
// three or four bytes, a stray continuation byte, a zero byte.
func TestParallelScansMatchLibrary(t *testing.T) {
	defer func(n, m int) { scanBytes, factsBlock = n, m }(scanBytes, factsBlock)
	scanBytes, factsBlock = 1, 3
	if textParts(100) < 2 {
		t.Skip("one core: the texts are not split")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", ",", "\n", "\r", `"`, "é", "€", "😀", "\x80", "\xe2\x82", "\x00", "\xff"}
	for trial := range 3000 {
		var sb strings.Builder
		for range rng.IntN(24) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		b := []byte(s)
		want := textFacts{zero: bytes.IndexByte(b, 0) >= 0, cr: bytes.IndexByte(b, '\r') >= 0, valid: utf8.Valid(b)}
		if got := factsOf(string(b)); got != want {
			t.Fatalf("trial %d: factsOf(%q) = %+v, want %+v", trial, s, got, want)
		}
		for _, c := range []byte{'\n', '"', ','} {
			if got, want := countByte(s, c), strings.Count(s, string(c)); got != want {
				t.Fatalf("trial %d: countByte(%q, %q) = %d, want %d", trial, s, c, got, want)
			}
		}
	}
	// A cut that lands on the second byte of a character moves past it.
	b := []byte("aé" + "€€")
	if !factsOf(string(b)).valid {
		t.Errorf("factsOf(%q) says it is not UTF-8", b)
	}
}
