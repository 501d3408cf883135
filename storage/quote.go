package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"

	"github.com/briefbot/briefbot/briefing"
	bolt "go.etcd.io/bbolt"
)

// Quotes are stored under article sequence number and position (quotes)
// and indexed under the person they are filed under (quotes_by_person):
// person 0x00 YYYY-MM-DD 0x00 id 0x00 inverted idx → seq. Read backwards, a
// person's entries are newest article first, in reading order within an
// article.

// QuotesBy returns the quotes of the person a name stands for, newest
// article first, skipping offset and returning at most limit, with the
// total number there are. A name that is exactly a person key (as People
// and ResolvePerson return) means that person only; any other name is
// resolved as ResolvePerson resolves it, and when it stands for several
// people their quotes are merged (each quote's Speaker and SpeakerKey say
// whose it is). The error wraps briefing.ErrNotFound when the name matches
// nobody. One backwards prefix scan of quotes_by_person per person,
// merged, reading offset+limit entries.
func (db *DB) QuotesBy(ctx context.Context, name string, offset, limit int) ([]briefing.AttributedQuote, int, error) {
	limit = clampLimit(limit)
	if offset < 0 || offset > MaxOffset {
		return nil, 0, fmt.Errorf("quotes by %q: offset %d is outside 0 to %d: %w", name, offset, MaxOffset, ErrInvalid)
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	var out []briefing.AttributedQuote
	total := 0
	err := db.view(func(tx *bolt.Tx) error {
		var people []personView
		if rec, ok, err := loadPerson(tx, name); err != nil {
			return err
		} else if ok {
			people = append(people, rec)
		} else {
			keys, _ := resolveKeys(tx, name)
			for _, k := range keys {
				rec, ok, err := loadPerson(tx, k)
				if err != nil {
					return err
				}
				if !ok {
					return fmt.Errorf("alias points to missing person %s: %w", k, ErrCorrupt)
				}
				people = append(people, rec)
			}
		}
		if len(people) == 0 {
			return briefing.ErrNotFound
		}
		for _, p := range people {
			total += p.Quotes
		}
		var err error
		out, err = mergeQuotes(tx, people, offset, limit)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("quotes by %q: %w", name, err)
	}
	return out, total, nil
}

// quoteHead is one person's cursor in a merge of quote lists.
type quoteHead struct {
	person *personView
	prefix []byte
	c      *bolt.Cursor
	k, v   []byte
}

// mergeQuotes merges the people's quote lists newest first.
func mergeQuotes(tx *bolt.Tx, people []personView, offset, limit int) ([]briefing.AttributedQuote, error) {
	byPerson := tx.Bucket(bucketQuotesByPerson)
	heads := make([]*quoteHead, 0, len(people))
	for i := range people {
		h := &quoteHead{person: &people[i], prefix: prefixOf(people[i].Key), c: byPerson.Cursor()}
		h.k, h.v = lastWithPrefix(h.c, h.prefix)
		heads = append(heads, h)
	}
	next := func() *quoteHead {
		var best *quoteHead
		for _, h := range heads {
			if h.k == nil {
				continue
			}
			if best == nil || bytes.Compare(h.k[len(h.prefix):], best.k[len(best.prefix):]) > 0 {
				best = h
			}
		}
		return best
	}
	advance := func(h *quoteHead) {
		if h.k, h.v = h.c.Prev(); h.k != nil && !bytes.HasPrefix(h.k, h.prefix) {
			h.k = nil
		}
	}
	for skipped := 0; skipped < offset; skipped++ {
		h := next()
		if h == nil {
			return []briefing.AttributedQuote{}, nil
		}
		advance(h)
	}
	quotes := tx.Bucket(bucketQuotes)
	refs := make(map[uint32]refRecord)
	out := []briefing.AttributedQuote{}
	for len(out) < limit {
		h := next()
		if h == nil {
			break
		}
		_, id, i, ok := parseQuotePersonKey(h.k[len(h.prefix):])
		if !ok || len(h.v) != 4 {
			return nil, fmt.Errorf("quotes_by_person entry %q is malformed: %w", h.k, ErrCorrupt)
		}
		aq, err := attributed(tx, quotes, refs, quoteRef{binary.BigEndian.Uint32(h.v), string(id), i}, h.person)
		if err != nil {
			return nil, err
		}
		out = append(out, aq)
		advance(h)
	}
	return out, nil
}

// attributed loads quote r as filed under person p (nil to look the
// person up).
func attributed(tx *bolt.Tx, quotes *bolt.Bucket, refs map[uint32]refRecord, r quoteRef, p *personView) (briefing.AttributedQuote, error) {
	id, i := r.id, r.i
	data := quotes.Get(seqIndexKey(r.seq, i))
	if data == nil {
		return briefing.AttributedQuote{}, fmt.Errorf("index points to missing quote %d of %s: %w", i, id, ErrCorrupt)
	}
	q, err := decodeQuote(data)
	if err != nil {
		return briefing.AttributedQuote{}, fmt.Errorf("quote %d of %s: %w", i, id, err)
	}
	ref, err := loadRef(tx, q.Seq, refs)
	if err != nil {
		return briefing.AttributedQuote{}, err
	}
	aq := briefing.AttributedQuote{
		Quote:   briefing.Quote{Speaker: q.Speaker, SpeakerKey: q.Person, Text: q.Text, Partial: q.Partial, Paragraph: q.Paragraph},
		Article: ref.articleRef(),
	}
	if p == nil && q.Person != "" {
		rec, ok, err := loadPerson(tx, q.Person)
		if err != nil {
			return briefing.AttributedQuote{}, err
		}
		if ok {
			p = &rec
		}
	}
	if p != nil {
		aq.Speaker = p.Name
	}
	return aq, nil
}

// maxQuotesInIDs bounds QuotesIn's list of articles.
const maxQuotesInIDs = 1000

// QuotesIn returns the quotes of the given articles, in the order of ids
// and then of the article, each with the person it is filed under as
// Speaker and SpeakerKey (an unattributed quote keeps the article's
// speaker and an empty key). Unknown IDs are skipped. At most 1,000 IDs;
// one prefix scan of quotes per ID.
func (db *DB) QuotesIn(ctx context.Context, articleIDs []string) ([]briefing.AttributedQuote, error) {
	if len(articleIDs) > maxQuotesInIDs {
		return nil, fmt.Errorf("quotes in %d articles, more than %d: %w", len(articleIDs), maxQuotesInIDs, ErrInvalid)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := []briefing.AttributedQuote{}
	err := db.view(func(tx *bolt.Tx) error {
		quotes := tx.Bucket(bucketQuotes)
		refs := make(map[uint32]refRecord)
		people := make(map[string]*personView)
		c := quotes.Cursor()
		for _, id := range articleIDs {
			seq, ok, err := articleSeq(tx, id)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			prefix := u32(seq)
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				if len(k) != len(prefix)+2 {
					return fmt.Errorf("quote key %x is malformed: %w", k, ErrCorrupt)
				}
				i := int(binary.BigEndian.Uint16(k[len(prefix):]))
				q, err := decodeQuote(quotes.Get(k))
				if err != nil {
					return fmt.Errorf("quote %d of %s: %w", i, id, err)
				}
				p, ok := people[q.Person]
				if !ok && q.Person != "" {
					rec, found, err := loadPerson(tx, q.Person)
					if err != nil {
						return err
					}
					if found {
						p = &rec
					}
					people[q.Person] = p
				}
				aq, err := attributed(tx, quotes, refs, quoteRef{seq, id, i}, p)
				if err != nil {
					return err
				}
				out = append(out, aq)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("quotes in articles: %w", err)
	}
	return out, nil
}
