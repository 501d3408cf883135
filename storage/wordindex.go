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

// The word index (words) keeps each word's postings in blocks:
// word 0x00 first posting → the block's postings, sorted ascending, eight
// bytes each, at most maxBlock of them. A key per posting would cost a
// bbolt element (16 bytes of header, the word again) for every word of
// every article; blocks cost 8 bytes a posting and let a batch of articles
// rewrite each block it touches once.

const (
	// maxBlock bounds a block; a longer one is split.
	maxBlock = 256
	// splitBlock is the size blocks are split into, leaving room to grow.
	splitBlock = 192
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
}

// add records the postings of rec's words.
func (wc *wordChanges) add(rec articleRecord, del bool) {
	if wc.ids == nil {
		wc.ids = make(map[string]int32)
	}
	p := newPosting(dayNumber(rec.Published), rec.Seq)
	for _, w := range articleWords(rec.articleText()) {
		id, ok := wc.ids[w]
		if !ok {
			id = int32(len(wc.words))
			wc.ids[w] = id
			wc.words = append(wc.words, w)
		}
		wc.ops = append(wc.ops, wordOp{word: id, p: p, del: del})
	}
}

// apply writes the changes to bucket b: word by word in key order, each
// word's operations in posting order and, for one posting, in the order
// they were added (the last one wins).
func (wc *wordChanges) apply(b *bolt.Bucket) error {
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
	c := b.Cursor()
	for i := 0; i < len(grouped); {
		j := i + 1
		for j < len(grouped) && grouped[j].word == grouped[i].word {
			j++
		}
		ops := grouped[i:j]
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
		if err := applyWord(b, c, word, ops); err != nil {
			return fmt.Errorf("word index %q: %w", word, err)
		}
		i = j
	}
	return nil
}

// block is one stored block being changed.
type block struct {
	diskKey []byte // nil for a new block
	ps      []posting
}

func decodeBlock(v []byte) ([]posting, error) {
	if len(v) == 0 || len(v)%8 != 0 {
		return nil, fmt.Errorf("block of %d bytes: %w", len(v), ErrCorrupt)
	}
	ps := make([]posting, len(v)/8)
	for i := range ps {
		ps[i] = posting(binary.BigEndian.Uint64(v[8*i:]))
	}
	return ps, nil
}

func encodeBlock(ps []posting) []byte {
	v := make([]byte, 0, 8*len(ps))
	for _, p := range ps {
		v = binary.BigEndian.AppendUint64(v, uint64(p))
	}
	return v
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

// applyWord applies one word's operations, sorted by posting and then
// batch order, rewriting each block they touch once.
func applyWord(b *bolt.Bucket, c *bolt.Cursor, word string, ops []wordOp) error {
	prefix := prefixOf(word)
	// ops are in posting order; of those on one posting, the last wins.
	var touched []*block
	byKey := make(map[string]*block)
	var fresh *block
	for i, op := range ops {
		if i+1 < len(ops) && ops[i+1].p == op.p {
			continue
		}
		k := blockKeyFor(c, prefix, op.p)
		var blk *block
		switch {
		case k == nil && fresh == nil:
			fresh = &block{}
			touched = append(touched, fresh)
			blk = fresh
		case k == nil:
			blk = fresh
		default:
			blk = byKey[string(k)]
			if blk == nil {
				ps, err := decodeBlock(b.Get(k))
				if err != nil {
					return err
				}
				blk = &block{diskKey: k, ps: ps}
				byKey[string(k)] = blk
				touched = append(touched, blk)
			}
		}
		i, found := slices.BinarySearch(blk.ps, op.p)
		switch {
		case op.del && found:
			blk.ps = slices.Delete(blk.ps, i, i+1)
		case !op.del && !found:
			blk.ps = slices.Insert(blk.ps, i, op.p)
		}
	}
	for _, blk := range touched {
		if blk.diskKey != nil {
			if err := b.Delete(blk.diskKey); err != nil {
				return err
			}
		}
	}
	for _, blk := range touched {
		for _, chunk := range splitPostings(blk.ps) {
			if err := b.Put(append(append([]byte{}, prefix...), chunk[0].bytes()...), encodeBlock(chunk)); err != nil {
				return err
			}
		}
	}
	return nil
}

// splitPostings cuts a block that grew past maxBlock into blocks of about
// splitBlock postings.
func splitPostings(ps []posting) [][]posting {
	if len(ps) == 0 {
		return nil
	}
	if len(ps) <= maxBlock {
		return [][]posting{ps}
	}
	n := (len(ps) + splitBlock - 1) / splitBlock
	out := make([][]posting, 0, n)
	for i := range n {
		out = append(out, ps[i*len(ps)/n:(i+1)*len(ps)/n])
	}
	return out
}

// postingCursor reads one word's postings backwards, for a leapfrog
// intersection whose targets only decrease.
type postingCursor struct {
	c      *bolt.Cursor
	prefix []byte
	block  []byte // the current block's value, valid in the transaction
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
		if k == nil || len(k) != len(pc.prefix)+8 {
			return 0, false
		}
		first := posting(binary.BigEndian.Uint64(k[len(pc.prefix):]))
		if first > p {
			return 0, false // p precedes the word's first posting
		}
		k2, v := pc.c.Seek(k)
		if !bytes.Equal(k2, k) || len(v) == 0 || len(v)%8 != 0 {
			return 0, false
		}
		pc.block, pc.first = v, first
	}
	// The largest posting ≤ p in the block: one exists, since first ≤ p.
	n := len(pc.block) / 8
	i := sort.Search(n, func(i int) bool { return posting(binary.BigEndian.Uint64(pc.block[8*i:])) > p })
	if i == 0 {
		return 0, false
	}
	return posting(binary.BigEndian.Uint64(pc.block[8*(i-1):])), true
}

// hasPosting reports whether word has posting p.
func hasPosting(b *bolt.Bucket, word string, p posting) bool {
	got, ok := newPostingCursor(b, word).seekLE(p)
	return ok && got == p
}
