package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// The word index (word_postings) keeps each word's postings in blocks:
// word 0x00 first posting → the block's other postings, ascending, each
// as the difference from the one before it (encodeBlock), at most about
// maxBlockBytes of them. A key per posting would cost a bbolt element (16
// bytes of header, the word again) for every word of every article, and
// eight bytes a posting take three times what the differences take: a
// common word's postings are days apart or on the same day. A batch of
// articles rewrites each block it touches once.
//
// A word's newest additions wait in a second bucket of the same layout
// (word_recent, schema 5) until they are worth merging into its main
// blocks; queries read both (wordCursor).

const (
	// maxBlockBytes bounds a block's value; a longer one is split.
	maxBlockBytes = 1024
	// splitBlockBytes is the size blocks are split into, leaving room to
	// grow.
	splitBlockBytes = 768
	// wordFill is the fill percent of the word index: blocks change all
	// over it (articles of any date arrive), so pages are left a little
	// room instead of being split full and then again.
	wordFill = 0.9
)

// wordOp adds or removes one posting of a word.
type wordOp struct {
	word int32 // index into wordChanges.words
	p    posting
	del  bool
}

// wordChanges collects a batch's changes to the word index, applied by
// apply in word order. Words are interned, so that ordering half a million
// operations compares integers, not strings.
type wordChanges struct {
	ids   map[string]int32
	words []string
	ops   []wordOp
	// last is, per word, the 1-based number of the add call that last
	// saw it: an article's repeats are skipped without a map of its own.
	last []int32
	adds int32
}

// add records the postings of rec's words: the distinct words of its title
// and body.
func (wc *wordChanges) add(rec articleRecord, del bool) {
	wc.start()
	p := newPosting(dayNumber(rec.Published), rec.Seq)
	each := func(w []byte) { wc.post(w, p, del) }
	eachWord(rec.Title, each)
	for _, para := range rec.Paragraphs {
		eachWord(para, each)
	}
}

// addList records a posting of rec for each word of list, which holds
// distinct words each ending in sep (wordLister.list).
func (wc *wordChanges) addList(rec articleRecord, del bool, list []byte) {
	wc.start()
	p := newPosting(dayNumber(rec.Published), rec.Seq)
	for len(list) > 0 {
		i := bytes.IndexByte(list, sep)
		if i < 0 {
			return
		}
		wc.post(list[:i], p, del)
		list = list[i+1:]
	}
}

// start begins the words of one more article.
func (wc *wordChanges) start() {
	if wc.ids == nil {
		wc.ids = make(map[string]int32)
	}
	wc.adds++
}

// post records posting p for word w, once per article.
func (wc *wordChanges) post(w []byte, p posting, del bool) {
	id, ok := wc.ids[string(w)]
	if !ok {
		id = int32(len(wc.words))
		s := string(w)
		wc.ids[s] = id
		wc.words = append(wc.words, s)
		wc.last = append(wc.last, 0)
	}
	if wc.last[id] == wc.adds {
		return
	}
	wc.last[id] = wc.adds
	wc.ops = append(wc.ops, wordOp{word: id, p: p, del: del})
}

// wordLister lists the distinct words of articles. Its table of the words
// already listed for the current article is reused from one to the next.
type wordLister struct {
	table []wordSlot
}

// wordSlot is an entry of wordLister's open-addressing table: a word's
// hash and its 1-based offset in the list being built, 0 when empty.
type wordSlot struct{ hash, off uint32 }

// list appends to dst the distinct indexable words of rec's title and
// body, each followed by sep.
func (wl *wordLister) list(rec articleRecord, dst []byte) []byte {
	base := len(dst)
	if len(wl.table) == 0 {
		wl.table = make([]wordSlot, 1024)
	} else {
		clear(wl.table)
	}
	n := 0
	each := func(w []byte) {
		h := hashWord(w)
		mask := uint32(len(wl.table) - 1)
		i := h & mask
		for ; wl.table[i].off != 0; i = (i + 1) & mask {
			if wl.table[i].hash == h {
				at := base + int(wl.table[i].off) - 1
				if at+len(w) < len(dst) && dst[at+len(w)] == sep && bytes.Equal(dst[at:at+len(w)], w) {
					return
				}
			}
		}
		wl.table[i] = wordSlot{hash: h, off: uint32(len(dst)-base) + 1}
		dst = append(append(dst, w...), sep)
		if n++; 2*n > len(wl.table) {
			wl.grow(dst[base:])
		}
	}
	eachWord(rec.Title, each)
	for _, para := range rec.Paragraphs {
		eachWord(para, each)
	}
	return dst
}

// grow doubles the table and enters the words of list again.
func (wl *wordLister) grow(list []byte) {
	wl.table = make([]wordSlot, 2*len(wl.table))
	mask := uint32(len(wl.table) - 1)
	for off := 0; off < len(list); {
		end := off + bytes.IndexByte(list[off:], sep)
		h := hashWord(list[off:end])
		i := h & mask
		for wl.table[i].off != 0 {
			i = (i + 1) & mask
		}
		wl.table[i] = wordSlot{hash: h, off: uint32(off) + 1}
		off = end + 1
	}
}

// hashWord is 32-bit FNV-1a.
func hashWord(w []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range w {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

// reserve makes room for n more operations.
func (wc *wordChanges) reserve(n int) {
	wc.ops = slices.Grow(wc.ops, n)
}

// apply writes the changes to the word index: word by word in key order,
// each word's operations in posting order. Of the operations on one
// posting the first says whether the index held it before the batch (an
// article's old postings are removed before its new ones are added) and
// the last what it must hold after.
//
// With recent nil (the schema-4 migration) every change goes to main.
// Otherwise postings that a word gains go to recent when the word's main
// blocks are more than one small block, and recent is merged into main
// once it passes a quarter of main's size (mergeRecent). Articles arrive
// with any publication date, so a batch's new postings land in nearly
// every block of a common word: merging them into main directly would
// rewrite the whole word index for every batch. Removed postings are taken
// out of both.
func (wc *wordChanges) apply(main, recent *bolt.Bucket) error {
	main.FillPercent = wordFill
	if recent != nil {
		recent.FillPercent = wordFill
	}
	order := make([]int32, len(wc.words))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(wc.words[x], wc.words[y]) })
	// Group the operations by word with a counting sort, which keeps
	// their order within a word.
	start := make([]int, len(wc.words)+1)
	for _, op := range wc.ops {
		start[op.word+1]++
	}
	pos := make([]int, len(wc.words))
	at := 0
	for _, id := range order {
		pos[id] = at
		at += start[id+1]
	}
	grouped := make([]wordOp, len(wc.ops))
	for _, op := range wc.ops {
		grouped[pos[op.word]] = op
		pos[op.word]++
	}
	mc := main.Cursor()
	var rc *bolt.Cursor
	if recent != nil {
		rc = recent.Cursor()
	}
	var scratch blockScratch
	var adds, dels []wordOp
	for i := 0; i < len(grouped); {
		j := i + 1
		for j < len(grouped) && grouped[j].word == grouped[i].word {
			j++
		}
		ops := grouped[i:j]
		i = j
		slices.SortStableFunc(ops, func(x, y wordOp) int {
			switch {
			case x.p < y.p:
				return -1
			case x.p > y.p:
				return 1
			}
			return 0
		})
		word := wc.words[ops[0].word]
		if recent == nil {
			// Of the operations on one posting, the last wins.
			kept := ops[:0]
			for k, op := range ops {
				if k+1 < len(ops) && ops[k+1].p == op.p {
					continue
				}
				kept = append(kept, op)
			}
			if err := applyWord(main, mc, word, kept, &scratch); err != nil {
				return fmt.Errorf("word index %q: %w", word, err)
			}
			continue
		}
		adds, dels = adds[:0], dels[:0]
		for k := 0; k < len(ops); {
			l := k + 1
			for l < len(ops) && ops[l].p == ops[k].p {
				l++
			}
			held, holds := ops[k].del, !ops[l-1].del
			switch {
			case holds && !held:
				adds = append(adds, ops[l-1])
			case held && !holds:
				dels = append(dels, ops[l-1])
			}
			k = l
		}
		if err := applyWordBoth(main, recent, mc, rc, word, adds, dels, &scratch); err != nil {
			return fmt.Errorf("word index %q: %w", word, err)
		}
	}
	return nil
}

// recentRatio is how much smaller than a word's main blocks its recent
// postings are kept: each batch rewrites the recent blocks it touches, and
// one batch in about recentRatio rewrites the word's main blocks.
const recentRatio = 4

// applyWordBoth removes dels from main and recent and adds adds to recent,
// or to main when the word's main postings fit one small block; it merges
// recent into main when recent has grown past main/recentRatio.
func applyWordBoth(main, recent *bolt.Bucket, mc, rc *bolt.Cursor, word string, adds, dels []wordOp, s *blockScratch) error {
	if len(dels) > 0 {
		if err := applyWord(main, mc, word, dels, s); err != nil {
			return err
		}
		if err := applyWord(recent, rc, word, dels, s); err != nil {
			return err
		}
	}
	if len(adds) == 0 {
		return nil
	}
	prefix := prefixOf(word)
	mainBytes := blocksSize(mc, prefix)
	recentBytes := blocksSize(rc, prefix)
	if recentBytes == 0 && mainBytes+3*len(adds) <= splitBlockBytes {
		return applyWord(main, mc, word, adds, s)
	}
	if err := applyWord(recent, rc, word, adds, s); err != nil {
		return err
	}
	if blocksSize(rc, prefix)*recentRatio <= mainBytes {
		return nil
	}
	return mergeRecent(main, recent, mc, rc, word, s)
}

// blocksSize returns the bytes of the blocks under prefix: keys' postings
// and values.
func blocksSize(c *bolt.Cursor, prefix []byte) int {
	n := 0
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		n += 8 + len(v)
	}
	return n
}

// mergeRecent moves a word's recent postings into its main blocks.
func mergeRecent(main, recent *bolt.Bucket, mc, rc *bolt.Cursor, word string, s *blockScratch) error {
	prefix := prefixOf(word)
	var ops []wordOp
	var keys [][]byte
	var ps []posting
	for k, v := rc.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = rc.Next() {
		first, ok := firstOf(k, prefix)
		if !ok {
			return fmt.Errorf("recent block key %q is malformed: %w", k, ErrCorrupt)
		}
		var err error
		if ps, err = decodeBlock(ps[:0], first, v); err != nil {
			return err
		}
		for _, p := range ps {
			if len(ops) > 0 && p <= ops[len(ops)-1].p {
				return fmt.Errorf("recent blocks are out of order: %w", ErrCorrupt)
			}
			ops = append(ops, wordOp{p: p})
		}
		keys = append(keys, append([]byte{}, k...))
	}
	for _, k := range keys {
		if err := recent.Delete(k); err != nil {
			return err
		}
	}
	return applyWord(main, mc, word, ops, s)
}

// blockScratch holds buffers reused from word to word.
type blockScratch struct {
	ps   []posting
	puts []blockPut
	dels [][]byte
}

type blockPut struct{ key, value []byte }

// encodeBlock encodes the postings after the first, each against the one
// before it: on the same day, the sequence number's increase shifted left
// with a zero bit; on a later day, the zigzag sequence number difference
// shifted left with a one bit, then the number of days.
func encodeBlock(dst []byte, ps []posting) []byte {
	for i := 1; i < len(ps); i++ {
		prev, p := ps[i-1], ps[i]
		days := uint64(p>>32) - uint64(prev>>32)
		if days == 0 {
			dst = binary.AppendUvarint(dst, uint64(p.seq()-prev.seq())<<1)
			continue
		}
		d := int64(p.seq()) - int64(prev.seq())
		dst = binary.AppendUvarint(dst, uint64(d<<1^d>>63)<<1|1)
		dst = binary.AppendUvarint(dst, days)
	}
	return dst
}

// decodeBlock appends to dst the postings of the block whose first posting
// is first and whose value is v.
func decodeBlock(dst []posting, first posting, v []byte) ([]posting, error) {
	dst = append(dst, first)
	day, seq := uint64(first>>32), int64(first.seq())
	for len(v) > 0 {
		x, n := binary.Uvarint(v)
		if n <= 0 {
			return nil, fmt.Errorf("block value is malformed: %w", ErrCorrupt)
		}
		v = v[n:]
		if x&1 == 0 {
			seq += int64(x >> 1)
		} else {
			z := x >> 1
			seq += int64(z>>1) ^ -int64(z&1)
			days, n := binary.Uvarint(v)
			if n <= 0 || days == 0 {
				return nil, fmt.Errorf("block value is malformed: %w", ErrCorrupt)
			}
			v = v[n:]
			day += days
		}
		if seq < 0 || seq > math.MaxUint32 || day > math.MaxUint32 {
			return nil, fmt.Errorf("block value is out of range: %w", ErrCorrupt)
		}
		p := newPosting(uint32(day), uint32(seq))
		if p <= dst[len(dst)-1] {
			return nil, fmt.Errorf("block postings are out of order: %w", ErrCorrupt)
		}
		dst = append(dst, p)
	}
	return dst, nil
}

// blockKeyFor returns the key of the block that holds p or would: the one
// with the largest first posting at most p, else the word's first block;
// nil when the word has none.
func blockKeyFor(c *bolt.Cursor, prefix []byte, p posting) []byte {
	var k []byte
	if p == math.MaxUint64 {
		k, _ = lastWithPrefix(c, prefix)
	} else {
		target := append(append([]byte{}, prefix...), (p + 1).bytes()...)
		if k, _ = c.Seek(target); k == nil {
			k, _ = c.Last()
		} else {
			k, _ = c.Prev()
		}
		if k == nil || !bytes.HasPrefix(k, prefix) {
			// p precedes every block: the word's first block takes it.
			if k, _ = c.Seek(prefix); k != nil && !bytes.HasPrefix(k, prefix) {
				k = nil
			}
		}
	}
	if k == nil {
		return nil
	}
	return append([]byte{}, k...)
}

// firstOf reads the first posting from a block key of prefix.
func firstOf(k, prefix []byte) (posting, bool) {
	if len(k) != len(prefix)+8 || !bytes.HasPrefix(k, prefix) {
		return 0, false
	}
	return posting(binary.BigEndian.Uint64(k[len(prefix):])), true
}

// applyWord applies one word's operations, sorted by posting with one per
// posting: for each block they touch it seeks once, merges the
// operations that fall before the next block, and rewrites it.
func applyWord(b *bolt.Bucket, c *bolt.Cursor, word string, ops []wordOp, s *blockScratch) error {
	prefix := prefixOf(word)
	s.puts, s.dels = s.puts[:0], s.dels[:0]
	for i := 0; i < len(ops); {
		k := blockKeyFor(c, prefix, ops[i].p)
		var ps []posting
		next := posting(math.MaxUint64) // the next block's first posting
		hasNext := false
		if k != nil {
			k2, v := c.Seek(k)
			first, ok := firstOf(k2, prefix)
			if !ok {
				return fmt.Errorf("block key %q is malformed: %w", k2, ErrCorrupt)
			}
			var err error
			if ps, err = decodeBlock(s.ps[:0], first, v); err != nil {
				return err
			}
			if nk, _ := c.Next(); nk != nil {
				next, hasNext = firstOf(nk, prefix)
			}
		} else {
			ps = s.ps[:0]
		}
		j := i
		for j < len(ops) && (!hasNext || ops[j].p < next) {
			j++
		}
		merged := mergePostings(ps, ops[i:j])
		s.ps = merged[:0]
		if k != nil {
			s.dels = append(s.dels, k)
		}
		for _, chunk := range splitPostings(merged) {
			key := append(append(make([]byte, 0, len(prefix)+8), prefix...), chunk.ps[0].bytes()...)
			s.puts = append(s.puts, blockPut{key, chunk.value})
		}
		i = j
	}
	// Write after reading: a bucket must not change under its cursor.
	for _, k := range s.dels {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	for _, p := range s.puts {
		if err := b.Put(p.key, p.value); err != nil {
			return err
		}
	}
	return nil
}

// mergePostings applies ops (ascending, one per posting) to ps
// (ascending) and returns the result, which may share ps's array.
func mergePostings(ps []posting, ops []wordOp) []posting {
	out := make([]posting, 0, len(ps)+len(ops))
	i := 0
	for _, op := range ops {
		for i < len(ps) && ps[i] < op.p {
			out = append(out, ps[i])
			i++
		}
		found := i < len(ps) && ps[i] == op.p
		if found {
			i++
		}
		if !op.del {
			out = append(out, op.p)
		}
	}
	return append(out, ps[i:]...)
}

// chunk is a block's postings with their encoding.
type chunk struct {
	ps    []posting
	value []byte
}

// splitPostings encodes postings as one block, or as blocks of about
// splitBlockBytes when one would pass maxBlockBytes.
func splitPostings(ps []posting) []chunk {
	if len(ps) == 0 {
		return nil
	}
	v := encodeBlock(make([]byte, 0, 3*len(ps)), ps)
	if len(v) <= maxBlockBytes {
		return []chunk{{ps, v}}
	}
	n := (len(v) + splitBlockBytes - 1) / splitBlockBytes
	out := make([]chunk, 0, n)
	for i := range n {
		part := ps[i*len(ps)/n : (i+1)*len(ps)/n]
		out = append(out, chunk{part, encodeBlock(make([]byte, 0, 3*len(part)), part)})
	}
	return out
}

// postingCursor reads one word's postings backwards, for a leapfrog
// intersection whose targets only decrease.
type postingCursor struct {
	c      *bolt.Cursor
	prefix []byte
	block  []posting // the current block, decoded
	first  posting
}

func newPostingCursor(b *bolt.Bucket, word string) *postingCursor {
	return &postingCursor{c: b.Cursor(), prefix: prefixOf(word)}
}

// seekLE returns the largest posting at most p. Successive calls must not
// increase p.
func (pc *postingCursor) seekLE(p posting) (posting, bool) {
	if pc.block == nil || p < pc.first {
		k := blockKeyFor(pc.c, pc.prefix, p)
		first, ok := firstOf(k, pc.prefix)
		if !ok || first > p {
			return 0, false // no block, or p precedes the word's first posting
		}
		k2, v := pc.c.Seek(k)
		if !bytes.Equal(k2, k) {
			return 0, false
		}
		ps, err := decodeBlock(pc.block[:0], first, v)
		if err != nil {
			return 0, false
		}
		pc.block, pc.first = ps, first
	}
	// The largest posting ≤ p in the block: one exists, since first ≤ p.
	i := sort.Search(len(pc.block), func(i int) bool { return pc.block[i] > p })
	if i == 0 {
		return 0, false
	}
	return pc.block[i-1], true
}

// wordCursor reads one word's postings backwards from its main and recent
// blocks together.
type wordCursor struct{ main, recent *postingCursor }

func newWordCursor(main, recent *bolt.Bucket, word string) *wordCursor {
	return &wordCursor{main: newPostingCursor(main, word), recent: newPostingCursor(recent, word)}
}

// seekLE returns the largest posting at most p in either part. Successive
// calls must not increase p.
func (wc *wordCursor) seekLE(p posting) (posting, bool) {
	a, okA := wc.main.seekLE(p)
	b, okB := wc.recent.seekLE(p)
	switch {
	case okA && okB:
		return max(a, b), true
	case okB:
		return b, true
	}
	return a, okA
}
