package briefing

import "bytes"

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
	// slots holds 1 + an index into entries, 0 for an empty slot; its
	// length is a power of two at least twice the number of entries.
	slots   []int32
	shift   uint8 // 32 - log2(len(slots))
	entries []wordEntry
	arena   []byte
}

// wordEntry is one word: its bytes arena[start:end] and its hash.
type wordEntry struct {
	start, end int32
	hash       uint32
}

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

// slot is where hash h starts probing. FNV's low bits are weak for short
// words, so the slot comes from the high bits of a multiplicative mix.
func (t *wordTable) slot(h uint32) uint32 { return (h * 0x9e3779b1) >> t.shift }

// add returns the id of w, whose hash is h, numbering it next if it is new.
// Ids count from 0 in the order words were first added.
func (t *wordTable) add(w []byte, h uint32) (id int32, added bool) {
	if 2*(len(t.entries)+1) > len(t.slots) {
		t.grow()
	}
	mask := uint32(len(t.slots) - 1)
	i := t.slot(h)
	for ; t.slots[i] != 0; i = (i + 1) & mask {
		e := t.entries[t.slots[i]-1]
		if e.hash == h && bytes.Equal(t.arena[e.start:e.end], w) {
			return t.slots[i] - 1, false
		}
	}
	start := int32(len(t.arena))
	t.arena = append(t.arena, w...)
	t.entries = append(t.entries, wordEntry{start: start, end: int32(len(t.arena)), hash: h})
	t.slots[i] = int32(len(t.entries))
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
	t.slots = make([]int32, n)
	t.shift = 32 - bits
	mask := uint32(n - 1)
	for id, e := range t.entries {
		i := t.slot(e.hash)
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(id + 1)
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
		t.add([]byte(w), wordHash([]byte(w)))
	}
	return t
}
