package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot/briefing"
	bolt "go.etcd.io/bbolt"
)

// PutResult says what Put did with one briefing.
type PutResult struct {
	// ID is the stored ID: an existing article's ID when the briefing was
	// recognised as that article (same canonical URL or same content).
	ID string
	// Created is true when the article is new.
	Created bool
	// Changed is true when an existing article's briefing changed. A
	// briefing stored again unchanged gives Created and Changed false and
	// writes nothing.
	Changed bool
}

// Put stores one briefing and indexes it: publication date, ingest time,
// canonical URL, content hash, words, title words, quotes by person,
// events by date and the people registry. It is durable when it returns:
// the bbolt commit has been synced to disk.
//
// An article already stored is updated in place, never duplicated: the
// same canonical URL, else the same content (title and paragraphs), else
// the same ID is the same article. Its old quote, event and word index
// entries are replaced; people and aliases, once seen, stay. An article
// with no ID gets one derived from its URL or content. Dates are
// normalised: publication to midnight UTC, events to the first day of their
// period.
//
// Put refuses, with an error wrapping ErrInvalid that names the field,
// input beyond the Max* bounds, text that is not UTF-8, control characters
// in IDs, names and URLs, events without a date or with an unknown
// precision, quotes without text, and articles with neither title nor body.
func (db *DB) Put(ctx context.Context, b briefing.Briefing) (PutResult, error) {
	var wl wordLister
	p, err := prepare(b, &wl)
	if err != nil {
		return PutResult{}, fmt.Errorf("put: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return PutResult{}, err
	}
	var res PutResult
	err = db.update(func(tx *bolt.Tx) error {
		w := newWriter(tx, db.now())
		var err error
		if res, err = w.putArticle(&p); err != nil {
			return err
		}
		return w.flush()
	})
	if err != nil {
		return PutResult{}, fmt.Errorf("put article %q: %w", p.rec.ID, err)
	}
	return res, nil
}

// PutBatch stores many briefings in one transaction, for bulk ingest: all
// or none are stored, with one sync at the end. Results are in input
// order; a briefing repeated in the batch updates the article stored by
// its first occurrence. It checks ctx between articles and rolls back when
// ctx is done. At most MaxBatch briefings per call.
//
// What does not depend on the stored articles (validation, compression,
// hashes, the words to index) is worked out on up to GOMAXPROCS
// goroutines while the transaction stores the articles already prepared;
// they end before PutBatch returns.
func (db *DB) PutBatch(ctx context.Context, bs []briefing.Briefing) ([]PutResult, error) {
	if len(bs) > MaxBatch {
		return nil, fmt.Errorf("put batch: %d briefings, more than %d: %w", len(bs), MaxBatch, ErrInvalid)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	bp := startPrepare(bs)
	defer bp.close()
	res := make([]PutResult, len(bs))
	var invalid error
	err := db.update(func(tx *bolt.Tx) error {
		w := newWriter(tx, db.now())
		for i := range bs {
			if err := ctx.Err(); err != nil {
				return err
			}
			p, err := bp.get(i)
			if err != nil {
				invalid = fmt.Errorf("put batch item %d: %w", i, err)
				return invalid
			}
			if i == 0 {
				// About as many words for every article as the first,
				// within reason.
				w.words.reserve(len(bs) * min(bytes.Count(p.words, []byte{sep}), 512))
			}
			r, err := w.putArticle(p)
			if err != nil {
				return fmt.Errorf("item %d (article %q): %w", i, p.rec.ID, err)
			}
			res[i] = r
		}
		return w.flush()
	})
	if invalid != nil {
		return nil, invalid
	}
	if err != nil {
		return nil, fmt.Errorf("put batch: %w", err)
	}
	return res, nil
}

// prepared is a validated, normalised briefing with what storing it needs
// that does not depend on the store.
type prepared struct {
	rec     articleRecord // ID as given, which may be empty; Hash set
	canon   string        // canonical URL
	content []byte        // the bodies value
	digest  string        // digestOf(rec) with the given ID
	words   []byte        // distinct indexable words of title and body, each ending in sep
}

// prepare validates and normalises b and works out its record, content,
// digest and words.
func prepare(b briefing.Briefing, wl *wordLister) (prepared, error) {
	if err := validate(b); err != nil {
		return prepared{}, err
	}
	b = normalise(b)
	p := prepared{rec: toArticleRecord(b), canon: canonicalURL(b.Article.URL)}
	p.rec.Hash = contentHash(b.Article)
	var raw []byte
	var err error
	if p.content, raw, err = encodeContent(&p.rec, nil); err != nil {
		return prepared{}, err
	}
	p.digest = digestOf(&p.rec, raw)
	p.words = wl.list(p.rec, nil)
	return p, nil
}

// batchPrep prepares a batch's briefings in chunks, in order, on up to
// GOMAXPROCS goroutines, so that the write transaction can store the first
// while the rest are prepared.
type batchPrep struct {
	bs   []briefing.Briefing
	out  []prepared
	errs []error
	done []chan struct{} // closed when chunk i is prepared
	next atomic.Int64    // the next chunk to prepare
	stop atomic.Bool     // skip the chunks not yet started
	wg   sync.WaitGroup
}

// prepChunk is the number of briefings a goroutine prepares at a time.
const prepChunk = 32

func startPrepare(bs []briefing.Briefing) *batchPrep {
	n := (len(bs) + prepChunk - 1) / prepChunk
	bp := &batchPrep{bs: bs, out: make([]prepared, len(bs)), errs: make([]error, len(bs)), done: make([]chan struct{}, n)}
	for i := range bp.done {
		bp.done[i] = make(chan struct{})
	}
	for range max(1, min(runtime.GOMAXPROCS(0), n)) {
		bp.wg.Go(bp.work)
	}
	return bp
}

func (bp *batchPrep) work() {
	var wl wordLister
	for {
		c := int(bp.next.Add(1) - 1)
		if c >= len(bp.done) {
			return
		}
		if !bp.stop.Load() {
			for i := c * prepChunk; i < min(len(bp.bs), (c+1)*prepChunk); i++ {
				bp.out[i], bp.errs[i] = prepare(bp.bs[i], &wl)
			}
		}
		close(bp.done[c])
	}
}

// get waits until briefing i is prepared and returns it.
func (bp *batchPrep) get(i int) (*prepared, error) {
	<-bp.done[i/prepChunk]
	return &bp.out[i], bp.errs[i]
}

// close stops the goroutines and waits for them.
func (bp *batchPrep) close() {
	bp.stop.Store(true)
	bp.wg.Wait()
}

// canonicalURL is the form of a URL used to recognise the same article:
// scheme and host lower case, http and https alike, no fragment, no default
// port, no utm_* tracking parameters, no trailing slash.
func canonicalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme == "http" {
		u.Scheme = "https"
	}
	host := strings.ToLower(u.Host)
	host = strings.TrimSuffix(strings.TrimSuffix(host, ":443"), ":80")
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if strings.HasPrefix(strings.ToLower(k), "utm_") {
				q.Del(k)
			}
		}
		u.RawQuery = q.Encode()
	}
	if len(u.Path) > 1 {
		u.Path = strings.TrimSuffix(u.Path, "/")
		u.RawPath = ""
	}
	return u.String()
}

// contentHash identifies an article's text: its title and paragraphs.
func contentHash(a briefing.Article) string {
	h := sha256.New()
	h.Write([]byte(strings.TrimSpace(a.Title)))
	for _, p := range a.Paragraphs {
		h.Write([]byte{sep})
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// derivedID names an article that came without an ID.
func derivedID(canonURL, hash string) string {
	if canonURL != "" {
		sum := sha256.Sum256([]byte(canonURL))
		return "u" + hex.EncodeToString(sum[:8])
	}
	return "c" + hash[:16]
}

// putArticle stores one prepared briefing in w's transaction.
func (w *writer) putArticle(p *prepared) (PutResult, error) {
	canon, hash := p.canon, p.rec.Hash
	articles := w.tx.Bucket(bucketArticles)

	id := ""
	if canon != "" {
		id = string(w.tx.Bucket(bucketByURL).Get([]byte(canon)))
	}
	if id == "" {
		id = string(w.tx.Bucket(bucketByHash).Get([]byte(hash)))
	}
	var oldSeq []byte
	if id != "" {
		oldSeq = articles.Get([]byte(id))
	} else if p.rec.ID != "" {
		if oldSeq = articles.Get([]byte(p.rec.ID)); oldSeq != nil {
			id = p.rec.ID
		}
	}
	created := id == ""
	if created {
		id = p.rec.ID
		if id == "" {
			id = derivedID(canon, hash)
		}
	}
	rec := p.rec
	rec.UpdatedAt = w.now
	digest := p.digest
	if id != rec.ID {
		rec.ID = id
		e := binWriter{}
		appendContent(&e, &rec)
		digest = digestOf(&rec, e.b)
	}

	if !created {
		seq, err := seqOf(oldSeq)
		if err != nil {
			return PutResult{}, fmt.Errorf("article %s: %v: %w", id, err, ErrCorrupt)
		}
		ref, err := loadRef(w.tx, seq, nil)
		if err != nil {
			return PutResult{}, err
		}
		rec.Seq, rec.StoredAt = seq, ref.StoredAt
		if ref.Digest == digest {
			return PutResult{ID: id}, nil
		}
		old, err := loadArticle(w.tx, seq)
		if err != nil {
			return PutResult{}, fmt.Errorf("existing article %s: %w", id, err)
		}
		if err := w.removeArticle(old); err != nil {
			return PutResult{}, err
		}
	} else {
		seq, err := w.tx.Bucket(bucketRefs).NextSequence()
		if err != nil {
			return PutResult{}, err
		}
		if seq > math.MaxUint32 {
			return PutResult{}, fmt.Errorf("article sequence %d exhausted", seq)
		}
		rec.Seq = uint32(seq)
		rec.StoredAt = w.now
	}
	if err := w.addArticle(rec, canon, digest, p.content, p.words); err != nil {
		return PutResult{}, err
	}
	return PutResult{ID: id, Created: created, Changed: !created}, nil
}

// addArticle writes rec's header and content and every index entry that
// points to it; words are its distinct words (wordLister.list).
func (w *writer) addArticle(rec articleRecord, canon, digest string, content, words []byte) error {
	id := []byte(rec.ID)
	seq := u32(rec.Seq)
	header, err := encode(rec.header(digest))
	if err != nil {
		return err
	}
	tx := w.tx
	if err := tx.Bucket(bucketArticles).Put(id, seq); err != nil {
		return err
	}
	// Sequence numbers only grow, so new articles append to these.
	refs := tx.Bucket(bucketRefs)
	refs.FillPercent = appendFill
	if err := refs.Put(seq, header); err != nil {
		return err
	}
	bodies := tx.Bucket(bucketBodies)
	bodies.FillPercent = appendFill
	if err := bodies.Put(seq, content); err != nil {
		return err
	}
	if err := tx.Bucket(bucketByPublished).Put(join(dayKey(rec.Published), id), seq); err != nil {
		return err
	}
	byStored := tx.Bucket(bucketByStored)
	byStored.FillPercent = appendFill // keys arrive in time order
	if err := byStored.Put(join(timeKey(rec.StoredAt), id), nil); err != nil {
		return err
	}
	if canon != "" {
		byURL := tx.Bucket(bucketByURL)
		if byURL.Get([]byte(canon)) == nil {
			if err := byURL.Put([]byte(canon), id); err != nil {
				return err
			}
		}
	}
	byHash := tx.Bucket(bucketByHash)
	if byHash.Get([]byte(rec.Hash)) == nil {
		if err := byHash.Put([]byte(rec.Hash), id); err != nil {
			return err
		}
	}
	w.text = titleOps(w.text, rec, false)
	w.words.addList(rec, false, words)
	if err := w.addEvents(rec); err != nil {
		return err
	}
	return w.addQuotes(rec)
}

// appendFill is the fill percent of buckets whose keys mostly arrive in
// increasing order: a split leaves the left page full, since nothing will
// be inserted before its last key.
const appendFill = 1.0

// removeArticle deletes the index entries of a stored article (not its
// header, content or articles entry, which the caller overwrites under the
// same sequence number).
func (w *writer) removeArticle(old articleRecord) error {
	tx := w.tx
	id := []byte(old.ID)
	if err := tx.Bucket(bucketByPublished).Delete(join(dayKey(old.Published), id)); err != nil {
		return err
	}
	if err := tx.Bucket(bucketByStored).Delete(join(timeKey(old.StoredAt), id)); err != nil {
		return err
	}
	if canon := canonicalURL(old.URL); canon != "" {
		if err := deleteIfPointsTo(tx.Bucket(bucketByURL), []byte(canon), id); err != nil {
			return err
		}
	}
	if err := deleteIfPointsTo(tx.Bucket(bucketByHash), []byte(old.Hash), id); err != nil {
		return err
	}
	w.text = titleOps(w.text, old, true)
	w.words.add(old, true)
	if err := w.removeEvents(old.Seq, old.ID); err != nil {
		return err
	}
	return w.removeQuotes(old.Seq, old.ID)
}

func deleteIfPointsTo(b *bolt.Bucket, key, id []byte) error {
	if bytes.Equal(b.Get(key), id) {
		return b.Delete(key)
	}
	return nil
}

// loadArticle puts together the article with sequence number seq: its
// header, content, quotes and events.
func loadArticle(tx *bolt.Tx, seq uint32) (articleRecord, error) {
	ref, err := loadRef(tx, seq, nil)
	if err != nil {
		return articleRecord{}, err
	}
	data := tx.Bucket(bucketBodies).Get(u32(seq))
	if data == nil {
		return articleRecord{}, fmt.Errorf("article %s has no content: %w", ref.ID, ErrCorrupt)
	}
	c, err := decodeContent(data)
	if err != nil {
		return articleRecord{}, fmt.Errorf("article %s: %w", ref.ID, err)
	}
	rec := articleRecord{
		V: recordVersion, ID: ref.ID, Seq: seq, Title: ref.Title, Published: ref.Published,
		Source: ref.Source, URL: ref.URL, Paragraphs: c.Paragraphs, Summary: c.Summary,
		People: c.People, Hash: ref.Hash, StoredAt: ref.StoredAt, UpdatedAt: ref.UpdatedAt,
	}
	if !c.nilQuotes {
		rec.Quotes = make([]quoteJSON, 0, c.Quotes)
	}
	prefix := u32(seq)
	qc := tx.Bucket(bucketQuotes).Cursor()
	for k, v := qc.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = qc.Next() {
		q, err := decodeQuote(v)
		if err != nil {
			return articleRecord{}, fmt.Errorf("quote %x: %w", k, err)
		}
		rec.Quotes = append(rec.Quotes, quoteJSON{Speaker: q.Speaker, SpeakerKey: q.SpeakerKey, Text: q.Text, Partial: q.Partial, Paragraph: q.Paragraph})
	}
	if !c.nilUpcoming {
		rec.Upcoming = make([]eventJSON, 0, c.Upcoming)
	}
	ec := tx.Bucket(bucketEvents).Cursor()
	for k, v := ec.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = ec.Next() {
		e, err := decodeEvent(v)
		if err != nil {
			return articleRecord{}, fmt.Errorf("event %x: %w", k, err)
		}
		rec.Upcoming = append(rec.Upcoming, eventJSON{Date: e.Date, Precision: e.Precision, Evidence: e.Evidence, What: e.What})
	}
	if len(rec.Quotes) != c.Quotes || len(rec.Upcoming) != c.Upcoming {
		return articleRecord{}, fmt.Errorf("article %s has %d quote and %d event records, want %d and %d: %w",
			ref.ID, len(rec.Quotes), len(rec.Upcoming), c.Quotes, c.Upcoming, ErrCorrupt)
	}
	return rec, nil
}

// articleSeq returns the sequence number of article id, or false.
func articleSeq(tx *bolt.Tx, id string) (uint32, bool, error) {
	v := tx.Bucket(bucketArticles).Get([]byte(id))
	if v == nil {
		return 0, false, nil
	}
	seq, err := seqOf(v)
	if err != nil {
		return 0, false, fmt.Errorf("article %s: %v: %w", id, err, ErrCorrupt)
	}
	return seq, true, nil
}

// titleOp is a deferred change to the title index.
type titleOp struct {
	key []byte
	del bool
	n   int // position in the batch: same-key operations keep their order
}

// titleOps returns the title index keys of rec as operations.
func titleOps(ops []titleOp, rec articleRecord, del bool) []titleOp {
	p := newPosting(dayNumber(rec.Published), rec.Seq).bytes()
	for _, w := range words(rec.Title, map[string]bool{}) {
		ops = append(ops, titleOp{key: append(append([]byte(w), sep), p...), del: del})
	}
	return ops
}

// applyTitleOps sorts the operations by key, keeping the order of those
// on the same key, and applies them. In key order each insert lands at the
// end of what bbolt has already changed in a node: unsorted, the inserts
// of a common word pile into one in-memory node, and each one shifts all
// the others (quadratic in the batch).
func applyTitleOps(b *bolt.Bucket, ops []titleOp) error {
	for i := range ops {
		ops[i].n = i
	}
	slices.SortFunc(ops, func(a, b titleOp) int {
		if c := bytes.Compare(a.key, b.key); c != 0 {
			return c
		}
		return a.n - b.n
	})
	for _, op := range ops {
		var err error
		if op.del {
			err = b.Delete(op.key)
		} else {
			err = b.Put(op.key, nil)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Briefing returns the stored briefing of article id. The error wraps
// briefing.ErrNotFound when there is none.
func (db *DB) Briefing(ctx context.Context, id string) (briefing.Briefing, error) {
	if err := ctx.Err(); err != nil {
		return briefing.Briefing{}, err
	}
	var b briefing.Briefing
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		b, err = loadBriefing(tx, id)
		return err
	})
	if err != nil {
		return briefing.Briefing{}, fmt.Errorf("briefing %q: %w", id, err)
	}
	return b, nil
}

func loadBriefing(tx *bolt.Tx, id string) (briefing.Briefing, error) {
	seq, ok, err := articleSeq(tx, id)
	if err != nil {
		return briefing.Briefing{}, err
	}
	if !ok {
		return briefing.Briefing{}, briefing.ErrNotFound
	}
	return loadBriefingSeq(tx, seq)
}

func loadBriefingSeq(tx *bolt.Tx, seq uint32) (briefing.Briefing, error) {
	rec, err := loadArticle(tx, seq)
	if err != nil {
		return briefing.Briefing{}, err
	}
	return rec.briefing()
}

// Latest returns up to limit briefings, newest publication first (articles
// without a date last). Reverse scan of by_published, limit entries.
func (db *DB) Latest(ctx context.Context, limit int) ([]briefing.Briefing, error) {
	return db.publishedRange(ctx, "latest", nil, nil, limit)
}

// PublishedBetween returns up to limit briefings published in [from, to),
// newest first. Range scan of by_published from to backwards to from.
func (db *DB) PublishedBetween(ctx context.Context, from, to time.Time, limit int) ([]briefing.Briefing, error) {
	return db.publishedRange(ctx, "published between", dayKey(ceilDay(from)), dayKey(ceilDay(to)), limit)
}

// publishedRange reads by_published backwards from hi (exclusive; nil for
// the end) down to lo (inclusive; nil for the start).
func (db *DB) publishedRange(ctx context.Context, op string, lo, hi []byte, limit int) ([]briefing.Briefing, error) {
	limit = clampLimit(limit)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := []briefing.Briefing{}
	err := db.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketByPublished).Cursor()
		var k, v []byte
		if hi == nil {
			k, v = c.Last()
		} else if k, _ = c.Seek(hi); k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
		for ; k != nil && len(out) < limit; k, v = c.Prev() {
			if lo != nil && bytes.Compare(k, lo) < 0 {
				break
			}
			seq, err := seqOf(v)
			if err != nil {
				return fmt.Errorf("by_published entry %q: %v: %w", k, err, ErrCorrupt)
			}
			b, err := loadBriefingSeq(tx, seq)
			if err != nil {
				return fmt.Errorf("by_published entry %q: %w", k, err)
			}
			out = append(out, b)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}

// StoredSince returns up to limit briefings stored (first ingested) at or
// after since, oldest first: the digest's "new since the last one". An
// update of a stored article keeps its first stored time. Range scan of
// by_stored from since.
func (db *DB) StoredSince(ctx context.Context, since time.Time, limit int) ([]briefing.Briefing, error) {
	limit = clampLimit(limit)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := []briefing.Briefing{}
	err := db.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketByStored).Cursor()
		for k, _ := c.Seek(timeKey(since)); k != nil && len(out) < limit; k, _ = c.Next() {
			if len(k) < 9 {
				return fmt.Errorf("by_stored key %q is too short: %w", k, ErrCorrupt)
			}
			b, err := loadBriefing(tx, string(k[9:]))
			if err != nil {
				return fmt.Errorf("by_stored entry for %q: %w", k[9:], err)
			}
			out = append(out, b)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stored since %s: %w", since.Format(time.RFC3339), err)
	}
	return out, nil
}

// loadRef returns the ref record for sequence number seq, through cache.
func loadRef(tx *bolt.Tx, seq uint32, cache map[uint32]refRecord) (refRecord, error) {
	if r, ok := cache[seq]; ok {
		return r, nil
	}
	data := tx.Bucket(bucketRefs).Get(u32(seq))
	if data == nil {
		return refRecord{}, fmt.Errorf("no ref for article sequence %d: %w", seq, ErrCorrupt)
	}
	r, err := decodeRef(data)
	if err != nil {
		return refRecord{}, fmt.Errorf("ref %d: %w", seq, err)
	}
	if cache != nil {
		cache[seq] = r
	}
	return r, nil
}

// seqOf reads a uint32 sequence number value.
func seqOf(v []byte) (uint32, error) {
	if len(v) != 4 {
		return 0, errors.New("sequence value is not 4 bytes")
	}
	return binary.BigEndian.Uint32(v), nil
}
