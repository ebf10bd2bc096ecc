package extract

import "hash/maphash"

// wordCache remembers the vocabulary id of words as written, so that each
// spelling is folded and stemmed once per worker. It is an open-addressing
// table whose keys sit in the slots themselves: a look-up reads one slot,
// where a Go map of strings follows a pointer to the key and, with the
// hundreds of thousands of spellings of a large corpus, misses the
// processor's cache on most words (profiled on the UN General Debate
// Corpus: the map took a quarter of the extraction time).
//
// The table has a fixed size. Words longer than a slot's key, and words met
// once it is three quarters full, are not cached: words arrive roughly in
// order of frequency (Zipf), so the ones seen first are the ones worth
// keeping, and the rest are computed each time.
type wordCache struct {
	seed  maphash.Seed
	slots []wordSlot
	used  int
}

// wordSlot is 32 bytes: two per cache line.
type wordSlot struct {
	key [wordKeyMax]byte
	n   uint8 // key length; 0: empty
	id  int32
}

const (
	wordKeyMax   = 27
	wordCacheLog = 16 // 65536 slots, 2 MB; smaller tables measured no faster on the UNGDC
)

// newWordCache returns an empty cache; its table is made on first use, so
// a worker that never reads a word of some kind pays nothing for it.
func newWordCache() *wordCache { return &wordCache{seed: maphash.MakeSeed()} }

// get returns the id of w, from the table or from compute.
func (c *wordCache) get(w string, compute func(string) int32) int32 {
	if len(w) == 0 || len(w) > wordKeyMax {
		return compute(w)
	}
	if c.slots == nil {
		c.slots = make([]wordSlot, 1<<wordCacheLog)
	}
	mask := uint64(len(c.slots) - 1)
	i := maphash.String(c.seed, w) & mask
	for {
		s := &c.slots[i]
		if s.n == 0 {
			id := compute(w)
			if c.used < len(c.slots)*3/4 {
				copy(s.key[:], w)
				s.n = uint8(len(w))
				s.id = id
				c.used++
			}
			return id
		}
		if int(s.n) == len(w) && string(s.key[:s.n]) == w {
			return s.id
		}
		i = (i + 1) & mask
	}
}
