package data

import (
	"encoding/hex"
	"hash/fnv"
	"hash/maphash"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// finish checks what only the whole set of statements can tell: ids
// used twice, and statements entered twice. It gives statements without
// an id one derived from their content, then drops statements whose id
// was already used (an error) and reports duplicates (a warning; both
// copies are kept). Both checks sort hashes instead of filling maps, so
// a million statements cost two sorts of a million integers.
func (sr *statementReader) finish() {
	res := sr.res
	if n := sr.hints.apply(res.Problems); n != "" {
		res.Notes = append(res.Notes, n)
	}
	sts := res.Statements
	seed := maphash.MakeSeed()
	// The content hashes are sorted while the ids are checked.
	var contentKeys []uint64
	var wg sync.WaitGroup
	wg.Go(func() {
		contentKeys = sortedHashes(len(sts), func(i int) uint64 { return contentHash(seed, &sts[i]) })
	})
	// A statement without an id gets one derived from its content.
	generated := make([]bool, len(sts))
	idKeys := sortedHashes(len(sts), func(i int) uint64 {
		if sts[i].ID == "" {
			sts[i].ID = contentID(&sts[i])
			generated[i] = true
		}
		return maphash.String(seed, sts[i].ID)
	})
	drop := make([]bool, len(sts))
	eachGroup(idKeys, func(i, j int) bool { return sts[i].ID == sts[j].ID },
		func(first int, later []int) {
			n := 1
			for _, j := range later {
				if generated[j] {
					n++
					sts[j].ID += "-" + strconv.Itoa(n)
					continue
				}
				drop[j] = true
				res.Problems = append(res.Problems, &Problem{File: sts[j].Pos.File, Row: sts[j].Pos.Row,
					Column: sr.idColumn[sts[j].Pos.File], Code: CodeDuplicateID,
					Message: "statement id is already used at " + sts[first].Pos.String(), Found: sts[j].ID, Expected: "a unique id"})
			}
		})
	wg.Wait()

	eachGroup(contentKeys, func(i, j int) bool { return sameContent(&sts[i], &sts[j]) },
		func(first int, later []int) {
			// Statements dropped for their id are not compared.
			kept := slices.DeleteFunc(append([]int{first}, later...), func(i int) bool { return drop[i] })
			for _, j := range kept[min(1, len(kept)):] {
				res.Problems = append(res.Problems, duplicateProblem(&sts[j], &sts[kept[0]]))
			}
		})

	if slices.Contains(drop, true) {
		kept := sts[:0]
		for i := range sts {
			if drop[i] {
				res.InvalidRows++
				continue
			}
			kept = append(kept, sts[i])
		}
		clear(sts[len(kept):])
		res.Statements = kept
	}
	res.Problems.Sort()
}

// sameContent says whether two statements say the same: actor, theme,
// stance, date and text (trimmed), as one entered twice would.
func sameContent(a, b *Statement) bool {
	return a.Actor == b.Actor && a.Theme == b.Theme && a.Stance == b.Stance && a.Date == b.Date &&
		strings.TrimSpace(a.Text) == strings.TrimSpace(b.Text)
}

// duplicateProblem is the warning on a statement that says what an
// earlier one said (sameContent); both are kept.
func duplicateProblem(later, first *Statement) *Problem {
	return &Problem{File: later.Pos.File, Row: later.Pos.Row, Code: CodeDuplicate,
		Message:  "same actor, theme, stance, date and text as " + first.Pos.String() + " (kept; remove it if it was entered twice)",
		Severity: SeverityWarning}
}

// sortedHashes hashes the items 0..n-1 (on every core for a large
// corpus) and returns keys that pack the top bits of each hash above the
// item's number, sorted: by hash, then in reading order.
func sortedHashes(n int, hash func(int) uint64) []uint64 {
	shift := keyShift(n)
	keys := make([]uint64, n)
	inParts(n, cores(n), func(_, lo, hi int) {
		for k := lo; k < hi; k++ {
			keys[k] = hash(k)>>shift<<shift | uint64(k)
		}
	})
	radixSort(keys)
	return keys
}

// keyShift is how many low bits of a key hold the item's number.
func keyShift(n int) uint { return uint(bits.Len(uint(n))) }

// eachGroup finds, among the items of sorted keys (sortedHashes), those
// equal by eq among those of equal hash bits, and calls found once per
// set of two or more, with the first item in reading order and the later
// ones in order.
func eachGroup(keys []uint64, eq func(i, j int) bool, found func(first int, later []int)) {
	mask := uint64(1)<<keyShift(len(keys)) - 1
	at := func(k int) int { return int(keys[k] & mask) }
	for lo := 0; lo < len(keys); {
		hi := lo + 1
		for hi < len(keys) && keys[hi]&^mask == keys[lo]&^mask {
			hi++
		}
		if hi-lo > 1 {
			// Within one hash, split into classes of truly equal items,
			// each led by its earliest member.
			done := make([]bool, hi-lo)
			for a := lo; a < hi; a++ {
				if done[a-lo] {
					continue
				}
				var later []int
				for b := a + 1; b < hi; b++ {
					if !done[b-lo] && eq(at(a), at(b)) {
						done[b-lo] = true
						later = append(later, at(b))
					}
				}
				if len(later) > 0 {
					found(at(a), later)
				}
			}
		}
		lo = hi
	}
}

// contentHash hashes the actor, theme, stance, date and text (trimmed)
// of a statement: two statements saying the same get the same hash. The
// strings are hashed whole (maphash.String, without the streaming
// Hash's buffer) and the parts mixed so that every part reaches the top
// bits, which sortedHashes keeps.
func contentHash(seed maphash.Seed, s *Statement) uint64 {
	const k1, k2, k3 = 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9
	v := maphash.String(seed, strings.TrimSpace(s.Text))
	v ^= maphash.String(seed, s.Actor) * k1
	v ^= maphash.String(seed, s.Theme) * k2
	v ^= (uint64(s.Stance+2) | uint64(uint32(s.Date.Year))<<8 | uint64(uint8(s.Date.Month))<<40 |
		uint64(uint8(s.Date.Day))<<48 | uint64(s.Date.Precision)<<56) * k3
	v ^= v >> 31
	v *= k1
	return v ^ v>>29
}

// radixSort sorts keys in place: least significant digit first, a byte
// at a time (256 buckets keep the scattered writes in the processor's
// cache, where 65,536 did not), several times faster than a comparison
// sort on the million keys of a large corpus.
func radixSort(keys []uint64) {
	if len(keys) < 1<<12 {
		slices.Sort(keys)
		return
	}
	tmp := make([]uint64, len(keys))
	src, dst := keys, tmp
	var count [256]int
	for shift := uint(0); shift < 64; shift += 8 {
		clear(count[:])
		for _, k := range src {
			count[k>>shift&0xFF]++
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for _, k := range src {
			d := k >> shift & 0xFF
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	// Eight passes: the result is back in keys.
}

// contentID derives an id from what a statement says, so the same row
// gets the same id on every run whatever its place in the file: "h"
// and 16 hex digits of the FNV-1a hash of actor, theme, stance, date,
// speaker, text and source. Identical rows get -2, -3 … in reading order.
func contentID(s *Statement) string {
	h := fnv.New64a()
	for _, f := range []string{s.Actor, s.Theme, strconv.Itoa(s.Stance), s.Date.String(), s.Speaker, s.Text, s.Source} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	return "h" + hex.EncodeToString(h.Sum(nil))
}
