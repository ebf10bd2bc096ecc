package data

import (
	"encoding/hex"
	"hash/fnv"
	"hash/maphash"
	"math/bits"
	"runtime"
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
	sts := res.Statements
	generated := make([]bool, len(sts))
	for i := range sts {
		if sts[i].ID == "" {
			sts[i].ID = contentID(&sts[i])
			generated[i] = true
		}
	}

	seed := maphash.MakeSeed()
	drop := make([]bool, len(sts))
	all := make([]int, len(sts))
	for i := range all {
		all[i] = i
	}
	groups(all, func(i int) uint64 { return maphash.String(seed, sts[i].ID) },
		func(i, j int) bool { return sts[i].ID == sts[j].ID },
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
					Column: sr.idColumn[sts[j].Pos.File], Code: "duplicate-id",
					Message: "statement id is already used at " + sts[first].Pos.String(), Found: sts[j].ID, Expected: "a unique id"})
			}
		})

	sameContent := func(a, b *Statement) bool {
		return a.Actor == b.Actor && a.Theme == b.Theme && a.Stance == b.Stance && a.Date == b.Date &&
			strings.TrimSpace(a.Text) == strings.TrimSpace(b.Text)
	}
	live := all[:0]
	for i := range sts {
		if !drop[i] {
			live = append(live, i)
		}
	}
	groups(live, func(i int) uint64 {
		var h maphash.Hash
		h.SetSeed(seed)
		s := &sts[i]
		h.WriteString(s.Actor)
		h.WriteByte(0)
		h.WriteString(s.Theme)
		h.WriteByte(0)
		h.WriteString(strings.TrimSpace(s.Text))
		v := h.Sum64()
		v ^= uint64(s.Stance+2) | uint64(s.Date.Year)<<8 | uint64(s.Date.Month)<<24 | uint64(s.Date.Day)<<32 | uint64(s.Date.Precision)<<40
		return v
	}, func(i, j int) bool { return sameContent(&sts[i], &sts[j]) },
		func(first int, later []int) {
			for _, j := range later {
				res.Problems = append(res.Problems, &Problem{File: sts[j].Pos.File, Row: sts[j].Pos.Row, Code: "duplicate",
					Message:  "same actor, theme, stance, date and text as " + sts[first].Pos.String() + " (kept; remove it if it was entered twice)",
					Severity: SeverityWarning})
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

// groups finds the indexes in idx that are equal by eq among those of
// equal hash, and calls found once per set of two or more, with the
// first index in reading order and the later ones in order.
func groups(idx []int, hash func(int) uint64, eq func(i, j int) bool, found func(first int, later []int)) {
	// Each key packs the top bits of the hash above the index, so one
	// sort of plain integers orders by hash, then by reading order; keys
	// with equal hash bits are only candidates, confirmed by eq.
	shift := uint(bits.Len(uint(len(idx))))
	keys := make([]uint64, len(idx))
	// Hashing reads every statement: on every core for a large corpus.
	workers := 1
	if len(idx) >= parallelRows {
		workers = runtime.GOMAXPROCS(0)
	}
	per := (len(idx) + workers - 1) / workers
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := min(w*per, len(idx)), min((w+1)*per, len(idx))
		wg.Go(func() {
			for k := lo; k < hi; k++ {
				keys[k] = hash(idx[k])>>shift<<shift | uint64(k)
			}
		})
	}
	wg.Wait()
	radixSort(keys)
	mask := uint64(1)<<shift - 1
	at := func(k int) int { return idx[keys[k]&mask] }
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
