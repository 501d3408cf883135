package storage

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"github.com/briefbot/briefbot/briefing"
	bolt "go.etcd.io/bbolt"
)

// The word index (words, see wordindex.go) and the title index (titles)
// hold a posting for each distinct word of an article: the publication
// day (days since 0001-01-01) and the article's sequence number, four
// bytes each, so that a word's postings sort oldest first; the sequence
// number leads to the article through refs. The title index has one key
// per posting, word 0x00 posting. Words are folded (lower case, accents
// removed) and stop words are skipped (fold.go).

// maxSearchWords bounds the words of one search.
const maxSearchWords = 16

// maxSearchSteps bounds the cursor moves of one search. A conjunction of
// common words that no article shares could otherwise walk every posting
// of the rarest; past the bound the search returns what it found.
const maxSearchSteps = 200_000

// Search returns up to limit briefings whose title or text contains every
// word of query (folded; stop words ignored), newest publication first.
// A query with no searchable word is refused with ErrInvalid. It
// intersects the words' posting lists backwards, leapfrogging with
// seeks, so it reads about as many postings as the rarest word has, and at
// most maxSearchSteps.
func (db *DB) Search(ctx context.Context, query string, limit int) ([]briefing.Briefing, error) {
	limit = clampLimit(limit)
	ws := words(query, map[string]bool{})
	if len(ws) == 0 {
		return nil, fmt.Errorf("search %q: no searchable words (common words like \"the\" are not indexed): %w", query, ErrInvalid)
	}
	if len(ws) > maxSearchWords {
		return nil, fmt.Errorf("search %q: %d words, more than %d: %w", query, len(ws), maxSearchWords, ErrInvalid)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := []briefing.Briefing{}
	err := db.view(func(tx *bolt.Tx) error {
		seqs := intersect(tx.Bucket(bucketWords), tx.Bucket(bucketWordsRecent), ws, limit)
		for _, seq := range seqs {
			b, err := loadBriefingSeq(tx, seq)
			if err != nil {
				return fmt.Errorf("article %d: %w", seq, err)
			}
			out = append(out, b)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	return out, nil
}

// intersect returns up to limit sequence numbers of articles that have a
// posting for every word, newest posting first.
func intersect(main, recent *bolt.Bucket, ws []string, limit int) []uint32 {
	cursors := make([]*wordCursor, len(ws))
	for i, w := range ws {
		cursors[i] = newWordCursor(main, recent, w)
	}
	var out []uint32
	target := posting(math.MaxUint64)
	for steps := 0; len(out) < limit && steps < maxSearchSteps; {
		cur, ok := cursors[0].seekLE(target)
		steps++
		if !ok {
			break
		}
		agree := true
		for i := 1; i < len(ws); i++ {
			p, ok := cursors[i].seekLE(cur)
			steps++
			if !ok {
				return out
			}
			if p != cur {
				cur, agree = p, false
				break
			}
		}
		if agree {
			out = append(out, cur.seq())
			if cur == 0 {
				break
			}
			cur--
		}
		target = cur
	}
	return out
}

// Titles returns up to limit articles, newest publication first, for
// autocomplete: those whose title has a word starting with the last word
// of prefix and, when prefix has several words, the earlier ones as whole
// words ("eu mos" finds "EU envoy in Moscow"). An empty prefix lists the
// newest articles. For each distinct title word under the prefix it reads
// that word's postings backwards while they are newer than the limit-th
// newest found so far, at most maxPrefixWords words; an empty prefix is a
// backwards scan of by_published stopped at limit.
func (db *DB) Titles(ctx context.Context, prefix string, limit int) ([]briefing.ArticleRef, error) {
	limit = clampLimit(limit)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ws := prefixWords(prefix)
	out := []briefing.ArticleRef{}
	err := db.view(func(tx *bolt.Tx) error {
		var seqs []uint32
		if len(ws) == 0 {
			c := tx.Bucket(bucketByPublished).Cursor()
			for k, v := c.Last(); k != nil && len(seqs) < limit; k, v = c.Prev() {
				seq, err := seqOf(v)
				if err != nil {
					return fmt.Errorf("by_published entry %q: %v: %w", k, err, ErrCorrupt)
				}
				seqs = append(seqs, seq)
			}
		} else {
			seqs = titlesByPrefix(tx.Bucket(bucketTitles), ws, limit)
		}
		for _, seq := range seqs {
			ref, err := loadRef(tx, seq, nil)
			if err != nil {
				return err
			}
			out = append(out, ref.articleRef())
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("titles %q: %w", prefix, err)
	}
	return out, nil
}

// titlesByPrefix returns up to limit sequence numbers, newest first, of
// articles whose title words include ws[:len-1] and one starting with the
// last of ws.
func titlesByPrefix(b *bolt.Bucket, ws []string, limit int) []uint32 {
	last := []byte(ws[len(ws)-1])
	// top holds the newest postings found so far, newest first; once it
	// is full, a word's older postings are not read.
	var top []posting
	seen := make(map[posting]bool)
	c := b.Cursor()
	k, _ := c.Seek(last)
	for words := 0; k != nil && bytes.HasPrefix(k, last) && words < maxPrefixWords; words++ {
		i := bytes.IndexByte(k, sep)
		if i < 0 {
			break
		}
		word := append([]byte{}, k[:i+1]...)
		for k, _ = lastWithPrefix(c, word); k != nil && bytes.HasPrefix(k, word); k, _ = c.Prev() {
			if len(k) != len(word)+8 {
				continue
			}
			p := posting(binary.BigEndian.Uint64(k[len(word):]))
			if len(top) == limit && p <= top[limit-1] {
				break
			}
			if seen[p] || !hasTitleWords(b, ws[:len(ws)-1], p) {
				continue
			}
			seen[p] = true
			at, _ := slices.BinarySearchFunc(top, p, func(x, y posting) int { return cmp.Compare(y, x) })
			top = slices.Insert(top, at, p)
			if len(top) > limit {
				top = top[:limit]
			}
		}
		k, _ = c.Seek(afterPrefix(word))
	}
	out := make([]uint32, 0, len(top))
	for _, p := range top {
		out = append(out, p.seq())
	}
	return out
}

func hasTitleWords(b *bolt.Bucket, ws []string, p posting) bool {
	for _, w := range ws {
		if b.Get(postingKey(w, p)) == nil {
			return false
		}
	}
	return true
}
