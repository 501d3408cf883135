package briefing

// wordTable numbers distinct words. The analysis looks up every word of an
// article several times; a Go map keyed by string makes each lookup hash
// the word again and each new key a separate string. Here the caller hashes
// a word while it lower-cases it (wordHash), the keys live in one byte
// arena, and a table can be emptied and reused for the next article
// without freeing anything.
//
// A wordTable is not safe for concurrent use; tables built once at package
// init and only read afterwards are.
type wordTable struct {
	// slots is an open-addressing table whose length is a power of two at
	// least twice the number of entries. Each slot keeps the word's hash,
	// so that a probe reads the words' bytes only when the hashes agree.
	slots   []wordSlot
	shift   uint8 // 32 - log2(len(slots))
	entries []wordEntry
	arena   []byte
	// filter, when not nil, has a bit set for the hash of every word in
	// the table (filterBit), so that most words the table does not hold
	// are turned away without probing slots. Only classWords, which
	// every word token of an article is looked up in and most are not
	// held by, has one (withFilter); for a table that holds most of the
	// words looked up in it, a filter only adds a step.
	filter *[wordFilterBits / 64]uint64
}

// wordFilterBits is the size of a wordTable's filter: 8 KB, with about one
// bit in 30 set for the largest lexicon.
const wordFilterBits = 1 << 16

// filterBit is the filter bit of a word whose hash is h. It takes other
// bits of h than slot does.
func filterBit(h uint32) uint32 { return (h * 0x85ebca6b) >> 16 }

// withFilter gives t a filter of the words it holds and returns t.
func (t *wordTable) withFilter() *wordTable {
	t.filter = new([wordFilterBits / 64]uint64)
	for _, s := range t.slots {
		if s.id1 != 0 {
			b := filterBit(s.hash)
			t.filter[b/64] |= 1 << (b % 64)
		}
	}
	return t
}

// wordSlot is one slot of a wordTable: the hash of its word and 1 + the
// word's id, 0 for an empty slot.
type wordSlot struct {
	hash uint32
	id1  int32
}

// wordEntry is one word: its bytes arena[start:end].
type wordEntry struct{ start, end int32 }

// minWordSlots is the size a table starts at: enough for the distinct words
// of a 5 KB article without growing.
const minWordSlots = 1024

// Word hashing is FNV-1a, one byte at a time, so that a caller can fold
// the hash into the loop that lower-cases the word.
const (
	wordHashSeed  uint32 = 2166136261
	wordHashPrime uint32 = 16777619
)

// wordHashByte adds byte c to hash h.
func wordHashByte(h uint32, c byte) uint32 { return (h ^ uint32(c)) * wordHashPrime }

// wordHash hashes w as wordHashByte does byte by byte.
func wordHash(w []byte) uint32 {
	h := wordHashSeed
	for _, c := range w {
		h = wordHashByte(h, c)
	}
	return h
}

// wordHashString is wordHash of a string.
func wordHashString(w string) uint32 {
	h := wordHashSeed
	for i := 0; i < len(w); i++ {
		h = wordHashByte(h, w[i])
	}
	return h
}

// slot is where hash h starts probing. FNV's low bits are weak for short
// words, so the slot comes from the high bits of a multiplicative mix.
func (t *wordTable) slot(h uint32) uint32 { return (h * 0x9e3779b1) >> t.shift }

// find returns the id of w, whose hash is h, or -1.
func (t *wordTable) find(w []byte, h uint32) int32 { return findWord(t, w, h) }

// findString is find for a string.
func (t *wordTable) findString(w string, h uint32) int32 { return findWord(t, w, h) }

func findWord[S string | []byte](t *wordTable, w S, h uint32) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	if t.filter != nil {
		if b := filterBit(h); t.filter[b/64]&(1<<(b%64)) == 0 {
			return -1
		}
	}
	mask := uint32(len(t.slots) - 1)
	for i := t.slot(h); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s.id1 == 0 {
			return -1
		}
		if s.hash == h {
			if e := t.entries[s.id1-1]; sameWord(t.arena[e.start:e.end], w) {
				return s.id1 - 1
			}
		}
	}
}

// sameWord reports whether a and w hold the same bytes. Words are short,
// and a loop over their bytes is cheaper than the runtime's comparison
// call, which pays for itself only on long strings.
func sameWord[S string | []byte](a []byte, w S) bool {
	if len(a) != len(w) {
		return false
	}
	for i := range a {
		if a[i] != w[i] {
			return false
		}
	}
	return true
}

// add returns the id of w, whose hash is h, numbering it next if it is new.
// Ids count from 0 in the order words were first added.
func (t *wordTable) add(w []byte, h uint32) (id int32, added bool) {
	if 2*(len(t.entries)+1) > len(t.slots) {
		t.grow()
	}
	mask := uint32(len(t.slots) - 1)
	i := t.slot(h)
	for ; t.slots[i].id1 != 0; i = (i + 1) & mask {
		s := t.slots[i]
		if s.hash == h {
			if e := t.entries[s.id1-1]; sameWord(t.arena[e.start:e.end], w) {
				return s.id1 - 1, false
			}
		}
	}
	start := int32(len(t.arena))
	t.arena = append(t.arena, w...)
	t.entries = append(t.entries, wordEntry{start: start, end: int32(len(t.arena))})
	t.slots[i] = wordSlot{hash: h, id1: int32(len(t.entries))}
	if t.filter != nil {
		b := filterBit(h)
		t.filter[b/64] |= 1 << (b % 64)
	}
	return int32(len(t.entries) - 1), true
}

// len is the number of words in the table.
func (t *wordTable) len() int { return len(t.entries) }

// grow doubles the slots (or makes the first ones) and places every entry
// again.
func (t *wordTable) grow() {
	n := max(minWordSlots, 2*len(t.slots))
	bits := uint8(0)
	for 1<<bits < n {
		bits++
	}
	old := t.slots
	t.slots = make([]wordSlot, n)
	t.shift = 32 - bits
	mask := uint32(n - 1)
	for _, s := range old {
		if s.id1 == 0 {
			continue
		}
		i := t.slot(s.hash)
		for t.slots[i].id1 != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// resetTo makes t a copy of src, reusing t's memory: a table that starts
// with a fixed set of words costs three copies per article instead of
// adding each word again.
func (t *wordTable) resetTo(src *wordTable) {
	t.slots = append(t.slots[:0], src.slots...)
	t.shift = src.shift
	t.entries = append(t.entries[:0], src.entries...)
	t.arena = append(t.arena[:0], src.arena...)
}

// newWordTable builds a read-only table of words, which must be in lower
// case already.
func newWordTable(words ...string) *wordTable {
	t := &wordTable{}
	for _, w := range words {
		t.add([]byte(w), wordHashString(w))
	}
	return t
}
