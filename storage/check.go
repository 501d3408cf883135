package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
	bolt "go.etcd.io/bbolt"
)

// maxProblems bounds the problems one check reports.
const maxProblems = 20

// checker collects consistency problems. It stops early once ctx is
// done: live says so to the scans, which return its error.
type checker struct {
	ctx      context.Context
	n        int
	problems []string
	ticks    int
	stop     error
}

// live returns ctx's error once ctx is done, looking at it every 1024
// calls, so that a scan can call it for every key it reads.
func (c *checker) live() error {
	if c.ticks++; c.ticks%1024 == 0 && c.stop == nil {
		c.stop = c.ctx.Err()
	}
	return c.stop
}

func (c *checker) addf(format string, args ...any) {
	c.n++
	if len(c.problems) < maxProblems {
		c.problems = append(c.problems, fmt.Sprintf(format, args...))
	}
}

func (c *checker) err() error {
	if c.n == 0 {
		return nil
	}
	more := ""
	if c.n > len(c.problems) {
		more = fmt.Sprintf("; and %d more", c.n-len(c.problems))
	}
	return fmt.Errorf("%d index problems: %s%s: %w", c.n, strings.Join(c.problems, "; "), more, ErrCorrupt)
}

// Check verifies a database file that no process holds open for writing:
// bbolt's own page checks (every page reachable once, free pages free,
// keys in order), then the store's consistency: every index entry points
// to an existing article, quote, event or person that agrees with it, and
// every article's quotes, events and words are indexed, every person's
// quote count is right. It reads the whole file. The error names the file
// and the first problems found and wraps ErrCorrupt (ErrLocked when the
// file is in use, ErrNewerSchema or ErrOlderSchema when this build cannot
// check its layout). The file is opened read-only and not changed.
//
// Check is CheckContext without a way to stop it.
func Check(path string) error {
	return CheckContext(context.Background(), path)
}

// CheckContext is Check that stops with ctx's error once ctx is done. It
// looks at ctx between bbolt's page checks, which cannot be interrupted
// (a few seconds for a file of a gigabyte), and every thousand or so
// records of its own scans.
//
// The word index is checked in one pass over the articles and one over
// the postings rather than a lookup per word of every article (see
// wordSum). A damaged word index costs two more passes over the articles,
// to find the words at fault and name their articles.
func CheckContext(ctx context.Context, path string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	bdb, v, err := openInspect(path, DefaultLockTimeout)
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	defer bdb.Close()
	if v != SchemaVersion {
		return fmt.Errorf("check %s: schema version %d, this build checks %d; open it read-write once to migrate: %w", path, v, SchemaVersion, ErrOlderSchema)
	}
	err = guard(func() error {
		return bdb.View(func(tx *bolt.Tx) error { return checkTx(ctx, tx) })
	})
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	return nil
}

// checkTx runs bbolt's page checks and the index consistency checks.
func checkTx(ctx context.Context, tx *bolt.Tx) error {
	var pageErrs []error
	// tx.Check's goroutine reads the transaction until it closes its
	// channel, so the channel is drained even when ctx is done.
	for err := range tx.Check() {
		if len(pageErrs) < maxProblems {
			pageErrs = append(pageErrs, err)
		}
	}
	if len(pageErrs) > 0 {
		return fmt.Errorf("bbolt page check: %w: %w", errors.Join(pageErrs...), ErrCorrupt)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, name := range append(append([][]byte{bucketMeta}, v1Buckets...), bucketWords, bucketWordsRecent, bucketTitles, bucketBodies) {
		if tx.Bucket(name) == nil {
			return fmt.Errorf("bucket %s is missing: %w", name, ErrCorrupt)
		}
	}
	c := &checker{ctx: ctx}
	checkIndexes(tx, c)
	if c.stop != nil {
		return c.stop
	}
	return c.err()
}

// checkIndexes compares every index with the records it points to. It
// returns early, with c.stop set, once c's context is done.
func checkIndexes(tx *bolt.Tx, c *checker) {
	articles := map[string]articleRecord{}
	seqs := map[uint32]string{}
	postingOf := map[uint32]posting{} // each article's posting, by sequence number
	wc := &wordCheck{seed: maphash.MakeSeed(), postingOf: postingOf, seqs: seqs}
	var wl wordLister
	var list []byte
	titlePostings := map[uint32]int{}
	var titlesWant, titlesGot wordSum
	personQuotes := map[string]int{}
	b := func(name []byte) *bolt.Bucket { return tx.Bucket(name) }

	// Forward: each article and everything it should have in the indexes.
	_ = b(bucketArticles).ForEach(func(k, v []byte) error {
		if err := c.live(); err != nil {
			return err
		}
		seq, err := seqOf(v)
		if err != nil {
			c.addf("article %q: %v", k, err)
			return nil
		}
		rec, err := loadArticle(tx, seq)
		if err != nil {
			c.addf("article %q: %v", k, err)
			return nil
		}
		id := string(k)
		if rec.ID != id {
			c.addf("article under %q says its ID is %q", k, rec.ID)
		}
		if other, dup := seqs[rec.Seq]; dup {
			c.addf("articles %q and %q share sequence number %d", other, id, rec.Seq)
		}
		seqs[rec.Seq] = id
		if got := b(bucketByPublished).Get(join(dayKey(rec.Published), k)); !bytes.Equal(got, u32(rec.Seq)) {
			c.addf("article %q is not indexed by publication day %s", id, dayKey(rec.Published))
		}
		if b(bucketByStored).Get(join(timeKey(rec.StoredAt), k)) == nil {
			c.addf("article %q is not indexed by stored time %s", id, rec.StoredAt.Format(time.RFC3339Nano))
		}
		if canon := canonicalURL(rec.URL); canon != "" {
			if got := b(bucketByURL).Get([]byte(canon)); string(got) != id {
				c.addf("article %q URL %s is indexed to %q", id, rec.URL, got)
			}
		}
		if b(bucketByHash).Get([]byte(rec.Hash)) == nil {
			c.addf("article %q content hash is not indexed", id)
		}
		checkArticleQuotes(tx, c, rec, personQuotes)
		checkArticleEvents(tx, c, rec)
		p := newPosting(dayNumber(rec.Published), rec.Seq)
		postingOf[rec.Seq] = p
		// The words as the index's writer lists them (addArticle).
		list = wl.list(rec, list[:0])
		for rest := list; len(rest) > 0; {
			i := bytes.IndexByte(rest, sep)
			wc.want.put(maphash.Bytes(wc.seed, rest[:i]), p)
			rest = rest[i+1:]
		}
		tws := words(rec.Title, map[string]bool{})
		for _, w := range tws {
			titlesWant.put(maphash.String(wc.seed, w), p)
		}
		titlePostings[rec.Seq] = len(tws)
		// The later checks need the article's keys, quotes and events,
		// not its text, which for a large store is hundreds of
		// megabytes.
		rec.Paragraphs, rec.Summary, rec.People = nil, nil, nil
		articles[id] = rec
		return nil
	})
	if c.stop != nil {
		return
	}

	// Backward: every index entry points to something that agrees.
	_ = b(bucketByPublished).ForEach(func(k, v []byte) error {
		if err := c.live(); err != nil {
			return err
		}
		day, id, _ := bytes.Cut(k, []byte{sep})
		rec, ok := articles[string(id)]
		if !ok {
			c.addf("by_published entry %q points to a missing article", k)
		} else if !bytes.Equal(day, dayKey(rec.Published)) || !bytes.Equal(v, u32(rec.Seq)) {
			c.addf("by_published entry %q disagrees with article %q", k, id)
		}
		return nil
	})
	_ = b(bucketByStored).ForEach(func(k, _ []byte) error {
		if err := c.live(); err != nil {
			return err
		}
		if len(k) < 10 {
			c.addf("by_stored key %q is malformed", k)
			return nil
		}
		rec, ok := articles[string(k[9:])]
		if !ok {
			c.addf("by_stored entry points to missing article %q", k[9:])
		} else if !bytes.Equal(k[:8], timeKey(rec.StoredAt)) {
			c.addf("by_stored entry for %q disagrees with its stored time", k[9:])
		}
		return nil
	})
	_ = b(bucketByURL).ForEach(func(k, v []byte) error {
		if err := c.live(); err != nil {
			return err
		}
		rec, ok := articles[string(v)]
		if !ok {
			c.addf("by_url entry %s points to missing article %q", k, v)
		} else if canonicalURL(rec.URL) != string(k) {
			c.addf("by_url entry %s points to article %q with URL %s", k, v, rec.URL)
		}
		return nil
	})
	_ = b(bucketByHash).ForEach(func(k, v []byte) error {
		if err := c.live(); err != nil {
			return err
		}
		rec, ok := articles[string(v)]
		if !ok {
			c.addf("by_hash entry points to missing article %q", v)
		} else if rec.Hash != string(k) {
			c.addf("by_hash entry points to article %q with another content hash", v)
		}
		return nil
	})
	_ = b(bucketRefs).ForEach(func(k, v []byte) error {
		if err := c.live(); err != nil {
			return err
		}
		ref, err := decodeRef(v)
		if err != nil || len(k) != 4 {
			c.addf("ref %x is malformed: %v", k, err)
			return nil
		}
		if seqs[binary.BigEndian.Uint32(k)] != ref.ID {
			c.addf("ref %d names article %q, which does not have that sequence number", binary.BigEndian.Uint32(k), ref.ID)
		}
		return nil
	})
	_ = b(bucketBodies).ForEach(func(k, _ []byte) error {
		if err := c.live(); err != nil {
			return err
		}
		if len(k) != 4 {
			c.addf("bodies key %x is malformed", k)
		} else if _, ok := seqs[binary.BigEndian.Uint32(k)]; !ok {
			c.addf("content %d belongs to no article", binary.BigEndian.Uint32(k))
		}
		return nil
	})
	if c.stop != nil {
		return
	}
	wc.check(tx, c)
	if c.stop != nil {
		return
	}
	gotTitles := map[uint32]int{}
	checkTitles(b(bucketTitles), c, articles, seqs, wc.seed, &titlesGot, gotTitles)
	comparePostings("titles", c, seqs, gotTitles, titlePostings)
	if titlesGot != titlesWant && c.stop == nil {
		// Name the title words whose entries are missing.
		for _, seq := range wc.sortedSeqs() {
			id := seqs[seq]
			for _, w := range words(articles[id].Title, map[string]bool{}) {
				if b(bucketTitles).Get(postingKey(w, wc.postingOf[seq])) == nil {
					c.addf("article %q title word %q is not in the title index", id, w)
				}
			}
		}
	}
	if c.stop != nil {
		return
	}
	checkQuoteIndexes(tx, c, articles, seqs)
	checkEventIndexes(tx, c, articles, seqs)
	checkPeople(tx, c, personQuotes)
	checkFeeds(tx, c)
}

// The word index is checked without a lookup per word of every article,
// which took hours on a large store, in passes that each read a bucket in
// key order: the articles' words and the index's postings are each summed
// into a wordSum of (word, posting) pairs, and the two sums compared. Only
// when they differ are the sums kept per word, in another pass over both,
// and the articles read once more for at most maxProblems of the words
// that differ, to name the postings at fault.

// wordSum sums a multiset of (word, posting) pairs, or of postings of one
// word, so that two can be compared without keeping them: their number,
// and the sum and the xor of each pair mixed into 64 random-looking bits.
// None depends on the order the pairs are added in. Two different sets
// have equal sums by accident with a chance of about 2⁻⁶⁴; a damaged file
// does not pick its postings to cancel out.
type wordSum struct {
	n        int
	sum, xor uint64
}

// put adds the pair of the word whose hash is h and posting p.
func (s *wordSum) put(h uint64, p posting) {
	m := mix64(h ^ mix64(uint64(p)))
	s.n++
	s.sum += m
	s.xor ^= m
}

// mix64 is the finaliser of splitmix64: each bit of x changes about half
// the bits of the result.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// wordCheck compares the word index with the articles' words.
type wordCheck struct {
	seed      maphash.Seed
	want      wordSum            // the articles' words, summed by checkIndexes
	postingOf map[uint32]posting // each article's posting, by sequence number
	seqs      map[uint32]string  // each article's ID
}

// check sums the postings of both word buckets and compares them with
// the articles' words.
func (wc *wordCheck) check(tx *bolt.Tx, c *checker) {
	var got wordSum
	var h uint64
	add := func(word []byte, newWord bool, ps []posting) {
		if newWord {
			h = maphash.Bytes(wc.seed, word)
		}
		for _, p := range ps {
			got.put(h, p)
		}
	}
	wc.scan(tx.Bucket(bucketWords), "words", c, false, add)
	wc.scan(tx.Bucket(bucketWordsRecent), "word_recent", c, false, add)
	if c.stop != nil || got == wc.want {
		return
	}
	t := wc.tally(tx, c)
	if c.stop != nil {
		return
	}
	wc.compare(tx, c, t)
}

// scan reads a bucket of word posting blocks, checks that each block
// decodes in order after the one before it and that each posting names
// an article on its day, and calls fn with each block's word and
// postings; newWord says whether the word differs from the last call's.
// A posting of a missing article is reported here and left out; one with
// the wrong day is reported here and passed on as the right one, so that
// the sums report only what these checks do not. With quiet set, scan
// reports nothing: the bucket is being read again.
func (wc *wordCheck) scan(b *bolt.Bucket, name string, c *checker, quiet bool, fn func(word []byte, newWord bool, ps []posting)) {
	report := func(format string, args ...any) {
		if !quiet {
			c.addf(format, args...)
		}
	}
	var lastWord []byte
	var last posting
	var ps []posting
	started := false
	_ = b.ForEach(func(k, v []byte) error {
		if err := c.live(); err != nil {
			return err
		}
		i := bytes.IndexByte(k, sep)
		if i < 0 || len(k) != i+9 {
			report("%s key %q is malformed", name, k)
			return nil
		}
		word := k[:i]
		sameWord := started && bytes.Equal(word, lastWord)
		var err error
		// A block: sorted postings after the previous block's, the
		// first of them in the key.
		ps, err = decodeBlock(ps[:0], posting(binary.BigEndian.Uint64(k[i+1:])), v)
		if err != nil || !increasing(ps) || (sameWord && ps[0] <= last) {
			report("%s block %q is malformed or out of order", name, k)
			return nil
		}
		if !sameWord {
			started = true
			lastWord = append(lastWord[:0], word...)
		}
		last = ps[len(ps)-1]
		kept := ps[:0]
		for _, p := range ps {
			want, ok := wc.postingOf[p.seq()]
			switch {
			case !ok:
				report("%s entry %q points to missing article sequence %d", name, word, p.seq())
				continue
			case want != p:
				report("%s entry %q for article %q has the wrong day", name, word, wc.seqs[p.seq()])
			}
			kept = append(kept, want)
		}
		fn(word, !sameWord, kept)
		return nil
	})
}

// wordTally holds a wordSum per word of the articles (want) and of the
// word index (got). Words are interned: a lookup by a []byte key does not
// allocate.
type wordTally struct {
	ids       map[string]int32
	words     []string
	want, got []wordSum
}

// id returns w's index in the tally, adding it if it is new.
func (t *wordTally) id(w []byte) int32 {
	if id, ok := t.ids[string(w)]; ok {
		return id
	}
	id := int32(len(t.words))
	s := string(w)
	t.ids[s] = id
	t.words = append(t.words, s)
	t.want = append(t.want, wordSum{})
	t.got = append(t.got, wordSum{})
	return id
}

// sortedSeqs returns the sequence numbers of the articles, ascending.
func (wc *wordCheck) sortedSeqs() []uint32 {
	order := make([]uint32, 0, len(wc.postingOf))
	for seq := range wc.postingOf {
		order = append(order, seq)
	}
	slices.Sort(order)
	return order
}

// eachText calls fn with the distinct words of each article in sequence
// order, a list of words each ending in sep (wordLister.list). It stops
// when c's context is done.
func (wc *wordCheck) eachText(tx *bolt.Tx, c *checker, fn func(seq uint32, list []byte)) {
	var wl wordLister
	var list []byte
	refs := tx.Bucket(bucketRefs)
	for _, seq := range wc.sortedSeqs() {
		if err := c.live(); err != nil {
			return
		}
		k := u32(seq)
		rec, err := loadText(tx, k, refs.Get(k))
		if err != nil {
			continue // reported by the pass over the articles
		}
		list = wl.list(rec, list[:0])
		fn(seq, list)
	}
}

// tally sums the articles' words and the index's postings per word.
func (wc *wordCheck) tally(tx *bolt.Tx, c *checker) *wordTally {
	t := &wordTally{ids: map[string]int32{}}
	wc.eachText(tx, c, func(seq uint32, list []byte) {
		p := wc.postingOf[seq]
		for len(list) > 0 {
			i := bytes.IndexByte(list, sep)
			t.want[t.id(list[:i])].put(0, p)
			list = list[i+1:]
		}
	})
	var sum *wordSum
	add := func(word []byte, newWord bool, ps []posting) {
		if newWord {
			sum = &t.got[t.id(word)]
		}
		for _, p := range ps {
			sum.put(0, p)
		}
	}
	wc.scan(tx.Bucket(bucketWords), "words", c, true, add)
	wc.scan(tx.Bucket(bucketWordsRecent), "word_recent", c, true, add)
	return t
}

// compare reports the words whose postings in the word index differ from
// the articles that have them. For at most maxProblems of them it reads
// the articles again to say which postings are missing or extra.
func (wc *wordCheck) compare(tx *bolt.Tx, c *checker, t *wordTally) {
	var bad []int32
	for id := range t.words {
		if t.want[id] != t.got[id] {
			bad = append(bad, int32(id))
		}
	}
	slices.SortFunc(bad, func(x, y int32) int { return strings.Compare(t.words[x], t.words[y]) })
	var rest []int32
	if len(bad) > maxProblems {
		bad, rest = bad[:maxProblems], bad[maxProblems:]
	}
	defer func() {
		for _, id := range rest {
			c.addf("words index has %d postings of word %q, its articles %d", t.got[id].n, t.words[id], t.want[id].n)
		}
	}()

	// Each bad word's postings in the index, by sequence number (a
	// posting held in both buckets counts twice), and the articles that
	// have it.
	held := map[string]map[uint32]int{}
	has := map[string]map[uint32]bool{}
	for _, id := range bad {
		w := t.words[id]
		held[w], has[w] = map[uint32]int{}, map[uint32]bool{}
		prefix := prefixOf(w)
		for _, name := range [][]byte{bucketWords, bucketWordsRecent} {
			cur := tx.Bucket(name).Cursor()
			for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
				first, _ := firstOf(k, prefix)
				ps, _ := decodeBlock(nil, first, v) // a bad block is reported
				for _, p := range ps {
					held[w][p.seq()]++
				}
			}
		}
	}
	wc.eachText(tx, c, func(seq uint32, list []byte) {
		for len(list) > 0 {
			i := bytes.IndexByte(list, sep)
			if h, ok := has[string(list[:i])]; ok {
				h[seq] = true
			}
			list = list[i+1:]
		}
	})
	if c.stop != nil {
		return
	}
	// Each word's problems, at most maxProblems of them kept, are
	// reported a word at a time (the first of each word, then the
	// second...), so that one word does not hide the others.
	type found struct {
		lines []string
		more  int
	}
	per := make([]found, len(bad))
	order := wc.sortedSeqs()
	for j, id := range bad {
		w := t.words[id]
		f := &per[j]
		add := func(format string, args ...any) {
			if len(f.lines) < maxProblems {
				f.lines = append(f.lines, fmt.Sprintf(format, args...))
			} else {
				f.more++
			}
		}
		for _, seq := range order {
			switch n := held[w][seq]; {
			case has[w][seq] && n == 0:
				add("article %q word %q is not in the word index", wc.seqs[seq], w)
			case !has[w][seq] && n > 0:
				add("words index has word %q for article %q, which does not have it", w, wc.seqs[seq])
			case n > 1:
				add("words index has word %q for article %q %d times", w, wc.seqs[seq], n)
			}
		}
		if len(f.lines) == 0 {
			// What differs is reported by scan: a malformed block,
			// say, whose postings were left out.
			add("words index has %d postings of word %q, its articles %d", t.got[id].n, w, t.want[id].n)
		}
	}
	for i := range maxProblems {
		for _, f := range per {
			if i < len(f.lines) {
				c.addf("%s", f.lines[i])
			}
		}
	}
	for _, f := range per {
		c.n += f.more
	}
}

func checkArticleQuotes(tx *bolt.Tx, c *checker, rec articleRecord, personQuotes map[string]int) {
	prefix := u32(rec.Seq)
	n := 0
	cur := tx.Bucket(bucketQuotes).Cursor()
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		n++
		if len(k) != len(prefix)+2 {
			c.addf("quote key %x is malformed", k)
			continue
		}
		i := int(binary.BigEndian.Uint16(k[len(prefix):]))
		q, err := decodeQuote(v)
		if err != nil {
			c.addf("quote %d of %q: %v", i, rec.ID, err)
			continue
		}
		if i >= len(rec.Quotes) || q.Text != rec.Quotes[i].Text || q.Seq != rec.Seq || q.Day != string(dayKey(rec.Published)) {
			c.addf("quote %d of %q disagrees with its article", i, rec.ID)
		}
		if q.Person == "" {
			continue
		}
		personQuotes[q.Person]++
		if v := tx.Bucket(bucketQuotesByPerson).Get(quotePersonKey(q.Person, []byte(q.Day), rec.ID, i)); !bytes.Equal(v, prefix) {
			c.addf("quote %d of %q is not indexed under person %s", i, rec.ID, q.Person)
		}
		if q.Via != "" && !bytes.Equal(tx.Bucket(bucketInferred).Get(inferredKey(q.Via, q.Person, rec.ID, i)), prefix) {
			c.addf("quote %d of %q inferred through %q is not in the inferred index", i, rec.ID, q.Via)
		}
	}
	if n != len(rec.Quotes) {
		c.addf("article %q has %d quotes but %d quote records", rec.ID, len(rec.Quotes), n)
	}
}

func checkArticleEvents(tx *bolt.Tx, c *checker, rec articleRecord) {
	prefix := u32(rec.Seq)
	n := 0
	cur := tx.Bucket(bucketEvents).Cursor()
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		n++
		if len(k) != len(prefix)+2 {
			c.addf("event key %x is malformed", k)
			continue
		}
		i := int(binary.BigEndian.Uint16(k[len(prefix):]))
		e, err := decodeEvent(v)
		if err != nil {
			c.addf("event %d of %q: %v", i, rec.ID, err)
			continue
		}
		if i >= len(rec.Upcoming) || e.Date != rec.Upcoming[i].Date || e.Precision != rec.Upcoming[i].Precision || e.Seq != rec.Seq {
			c.addf("event %d of %q disagrees with its article", i, rec.ID)
		}
		if v := tx.Bucket(bucketEventsByDate).Get(eventDateKey(briefing.Precision(e.Precision), []byte(e.Date), rec.ID, i)); !bytes.Equal(v, prefix) {
			c.addf("event %d of %q (%s) is not indexed by date", i, rec.ID, e.Date)
		}
	}
	if n != len(rec.Upcoming) {
		c.addf("article %q has %d events but %d event records", rec.ID, len(rec.Upcoming), n)
	}
}

// checkTitles checks the entries of the title index, counts them per
// article in got and sums them (as (word, posting) pairs) into sum.
func checkTitles(b *bolt.Bucket, c *checker, articles map[string]articleRecord, seqs map[uint32]string, seed maphash.Seed, sum *wordSum, got map[uint32]int) {
	_ = b.ForEach(func(k, _ []byte) error {
		if err := c.live(); err != nil {
			return err
		}
		i := bytes.IndexByte(k, sep)
		if i < 0 || len(k) != i+9 {
			c.addf("titles key %q is malformed", k)
			return nil
		}
		word := k[:i]
		p := posting(binary.BigEndian.Uint64(k[i+1:]))
		id, ok := seqs[p.seq()]
		if !ok {
			c.addf("titles entry %q points to missing article sequence %d", word, p.seq())
			return nil
		}
		if newPosting(dayNumber(articles[id].Published), p.seq()) != p {
			c.addf("titles entry %q for article %q has the wrong day", word, id)
		}
		sum.put(maphash.Bytes(seed, word), p)
		got[p.seq()]++
		return nil
	})
}

// comparePostings reports articles whose count of index entries is not
// their number of words (a posting held twice counts twice).
func comparePostings(name string, c *checker, seqs map[uint32]string, got, want map[uint32]int) {
	for seq, n := range got {
		if n != want[seq] {
			c.addf("%s index has %d entries for article %q, which has %d words", name, n, seqs[seq], want[seq])
		}
	}
}

// increasing reports whether ps is sorted without repeats.
func increasing(ps []posting) bool {
	for i := 1; i < len(ps); i++ {
		if ps[i] <= ps[i-1] {
			return false
		}
	}
	return true
}

// recordOf returns the article and position a quotes or events key names.
func recordOf(k []byte, articles map[string]articleRecord, seqs map[uint32]string) (articleRecord, int, bool) {
	if len(k) != 6 {
		return articleRecord{}, 0, false
	}
	id, ok := seqs[binary.BigEndian.Uint32(k)]
	if !ok {
		return articleRecord{}, 0, false
	}
	return articles[id], int(binary.BigEndian.Uint16(k[4:])), true
}

func checkQuoteIndexes(tx *bolt.Tx, c *checker, articles map[string]articleRecord, seqs map[uint32]string) {
	quotes := tx.Bucket(bucketQuotes)
	_ = quotes.ForEach(func(k, _ []byte) error {
		if rec, i, ok := recordOf(k, articles, seqs); !ok || i >= len(rec.Quotes) {
			c.addf("quote record %x has no article quote", k)
		}
		return nil
	})
	_ = tx.Bucket(bucketQuotesByPerson).ForEach(func(k, v []byte) error {
		person, rest, _ := bytes.Cut(k, []byte{sep})
		day, id, i, ok := parseQuotePersonKey(rest)
		if !ok || len(v) != 4 {
			c.addf("quotes_by_person entry %q is malformed", k)
			return nil
		}
		data := quotes.Get(seqIndexKey(binary.BigEndian.Uint32(v), i))
		if data == nil || seqs[binary.BigEndian.Uint32(v)] != string(id) {
			c.addf("quotes_by_person entry for %s points to missing quote %d of %q", person, i, id)
			return nil
		}
		q, err := decodeQuote(data)
		if err != nil || q.Person != string(person) || q.Day != string(day) {
			c.addf("quotes_by_person entry for %s disagrees with quote %d of %q", person, i, id)
		}
		return nil
	})
	_ = tx.Bucket(bucketInferred).ForEach(func(k, v []byte) error {
		parts := bytes.SplitN(k, []byte{sep}, 3)
		if len(parts) != 3 || len(parts[2]) < 3 || len(v) != 4 {
			c.addf("inferred entry %q is malformed", k)
			return nil
		}
		rest := parts[2]
		id, i := rest[:len(rest)-3], int(binary.BigEndian.Uint16(rest[len(rest)-2:]))
		data := quotes.Get(seqIndexKey(binary.BigEndian.Uint32(v), i))
		q, err := decodeQuote(data)
		if data == nil || err != nil || seqs[binary.BigEndian.Uint32(v)] != string(id) || q.Via != string(parts[0]) || q.Person != string(parts[1]) {
			c.addf("inferred entry %q disagrees with quote %d of %q", parts[0], i, id)
		}
		return nil
	})
}

func checkEventIndexes(tx *bolt.Tx, c *checker, articles map[string]articleRecord, seqs map[uint32]string) {
	events := tx.Bucket(bucketEvents)
	_ = events.ForEach(func(k, _ []byte) error {
		if rec, i, ok := recordOf(k, articles, seqs); !ok || i >= len(rec.Upcoming) {
			c.addf("event record %x has no article event", k)
		}
		return nil
	})
	_ = tx.Bucket(bucketEventsByDate).ForEach(func(k, v []byte) error {
		if len(k) < 16 || k[1] != sep || k[12] != sep || k[len(k)-3] != sep || len(v) != 4 {
			c.addf("events_by_date entry %q is malformed", k)
			return nil
		}
		id, i := string(k[13:len(k)-3]), int(binary.BigEndian.Uint16(k[len(k)-2:]))
		data := events.Get(seqIndexKey(binary.BigEndian.Uint32(v), i))
		e, err := decodeEvent(data)
		if data == nil || err != nil || seqs[binary.BigEndian.Uint32(v)] != id || e.Date != string(k[2:12]) || precisionKey(briefing.Precision(e.Precision)) != k[0] {
			c.addf("events_by_date entry %s points to missing or different event %d of %q", k[2:12], i, id)
		}
		return nil
	})
}

func checkPeople(tx *bolt.Tx, c *checker, personQuotes map[string]int) {
	people := map[string]personRecord{}
	aliases := tx.Bucket(bucketAliases)
	ranks := tx.Bucket(bucketPeopleRank)
	words := tx.Bucket(bucketPeopleWords)
	_ = tx.Bucket(bucketPeople).ForEach(func(k, v []byte) error {
		p, err := decodePerson(v)
		if err != nil {
			c.addf("person %s: %v", k, err)
			return nil
		}
		if p.Key != string(k) {
			c.addf("person under %s says its key is %s", k, p.Key)
		}
		people[p.Key] = p
		if p.Quotes != personQuotes[p.Key] {
			c.addf("person %s counts %d quotes, but %d are filed under them", p.Key, p.Quotes, personQuotes[p.Key])
		}
		r := rank(p.Quotes)
		if ranks.Get(rankKey(r, p.Key)) == nil {
			c.addf("person %s is not in people_rank", p.Key)
		}
		for _, w := range p.Words {
			if words.Get(personWordKey(w, r, p.Key)) == nil {
				c.addf("person %s word %q is not in people_words", p.Key, w)
			}
		}
		for f, kind := range p.Kinds {
			if got := aliases.Get(join([]byte(f), k)); string(got) != kind {
				c.addf("person %s form %q is indexed as %q, want %q", p.Key, f, got, kind)
			}
		}
		return nil
	})
	for key, n := range personQuotes {
		if _, ok := people[key]; !ok {
			c.addf("%d quotes are filed under missing person %s", n, key)
		}
	}
	_ = aliases.ForEach(func(k, v []byte) error {
		f, key, ok := bytes.Cut(k, []byte{sep})
		p, found := people[string(key)]
		if !ok || !found || p.Kinds[string(f)] != string(v) {
			c.addf("alias %q points to missing or different person %s", f, key)
		}
		return nil
	})
	_ = ranks.ForEach(func(k, _ []byte) error {
		if len(k) < 5 {
			c.addf("people_rank key %q is malformed", k)
			return nil
		}
		p, ok := people[string(k[4:])]
		if !ok || rank(p.Quotes) != binary.BigEndian.Uint32(k) {
			c.addf("people_rank entry points to missing or different person %s", k[4:])
		}
		return nil
	})
	_ = words.ForEach(func(k, _ []byte) error {
		i := bytes.IndexByte(k, sep)
		if i < 0 || len(k) < i+6 {
			c.addf("people_words key %q is malformed", k)
			return nil
		}
		key := string(k[i+5:])
		p, ok := people[key]
		if !ok || rank(p.Quotes) != binary.BigEndian.Uint32(k[i+1:]) || !containsString(p.Words, string(k[:i])) {
			c.addf("people_words entry %q points to missing or different person %s", k[:i], key)
		}
		return nil
	})
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func checkFeeds(tx *bolt.Tx, c *checker) {
	counts := map[string]int{}
	_ = tx.Bucket(bucketSeen).ForEach(func(k, v []byte) error {
		feed, item, ok := bytes.Cut(k, []byte{sep})
		if !ok || len(v) != 8 || tx.Bucket(bucketSeenOrder).Get(join(feed, v, item)) == nil {
			c.addf("seen item %q of %s has no seen_order entry", item, feed)
		}
		counts[string(feed)]++
		return nil
	})
	orders := 0
	_ = tx.Bucket(bucketSeenOrder).ForEach(func(k, _ []byte) error {
		orders++
		return nil
	})
	total := 0
	_ = tx.Bucket(bucketFeeds).ForEach(func(k, v []byte) error {
		var r feedRecord
		if err := decodeRecord(v, &r, &r.V); err != nil {
			c.addf("feed %s: %v", k, err)
			return nil
		}
		if r.Seen != counts[string(k)] {
			c.addf("feed %s counts %d seen items, but %d are stored", k, r.Seen, counts[string(k)])
		}
		return nil
	})
	for _, n := range counts {
		total += n
	}
	if orders != total {
		c.addf("seen_order has %d entries, seen has %d", orders, total)
	}
}

// Backup writes a consistent copy of the store to path while it stays in
// use: the copy is written from one read transaction to path+".tmp",
// synced, opened read-only and checked as Check does, then renamed over
// path and its directory synced. A failed backup leaves any earlier file
// at path as it was and removes the temporary file.
func (db *DB) Backup(ctx context.Context, path string) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	if same, _ := sameFile(path, db.path); same {
		return fmt.Errorf("backup to %s: that is the store itself: %w", path, ErrInvalid)
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	err = db.view(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(f)
		return err
	})
	if err != nil {
		return fmt.Errorf("backup to %s: write copy: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("backup to %s: sync copy: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("backup to %s: close copy: %w", path, err)
	}
	if err = CheckContext(ctx, tmp); err != nil {
		return fmt.Errorf("backup to %s: verify copy: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err = syncDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("backup to %s: sync directory: %w", path, err)
	}
	return nil
}

func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Stats counts what the store holds.
type Stats struct {
	Articles, Quotes, People, Events, Guilds, Feeds int
	// FileBytes is the size of the database file.
	FileBytes int64
	// SchemaVersion is the file's layout version.
	SchemaVersion int
}

// Stats returns the store's counts: bbolt bucket statistics, which walk
// the buckets' pages without decoding values.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	var s Stats
	err := db.view(func(tx *bolt.Tx) error {
		n := func(name []byte) int { return tx.Bucket(name).Stats().KeyN }
		s = Stats{
			Articles: n(bucketArticles), Quotes: n(bucketQuotes), People: n(bucketPeople),
			Events: n(bucketEvents), Guilds: n(bucketGuilds), Feeds: n(bucketFeeds),
			FileBytes: tx.Size(), SchemaVersion: SchemaVersion,
		}
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	return s, nil
}
