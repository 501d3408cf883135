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
	word string
	p    posting
	del  bool
	n    int // position in the batch: for one posting, the last one wins
}

// wordChanges collects a batch's changes to the word index, applied by
// apply in word order. A flat list sorted once costs less than a list per
// word in a map.
type wordChanges []wordOp

// add records the postings of rec's words.
func (wc *wordChanges) add(rec articleRecord, del bool) {
	p := newPosting(dayNumber(rec.Published), rec.Seq)
	for _, w := range articleWords(rec.articleText()) {
		*wc = append(*wc, wordOp{word: w, p: p, del: del, n: len(*wc)})
	}
}

// apply writes the changes to bucket b.
func (wc wordChanges) apply(b *bolt.Bucket) error {
	slices.SortFunc(wc, func(x, y wordOp) int {
		if c := strings.Compare(x.word, y.word); c != 0 {
			return c
		}
		switch {
		case x.p < y.p:
			return -1
		case x.p > y.p:
			return 1
		}
		return x.n - y.n
	})
	c := b.Cursor()
	for i := 0; i < len(wc); {
		j := i + 1
		for j < len(wc) && wc[j].word == wc[i].word {
			j++
		}
		if err := applyWord(b, c, wc[i].word, wc[i:j]); err != nil {
			return fmt.Errorf("word index %q: %w", wc[i].word, err)
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
