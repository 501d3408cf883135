package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Bucket names. The layout of each bucket's keys and values is documented
// where the bucket is written.
var (
	bucketMeta           = []byte("meta")             // schema_version → uint64; app → "briefbot"
	bucketArticles       = []byte("articles")         // id → seq (uint32); schema 2: id → articleRecord
	bucketByPublished    = []byte("by_published")     // YYYY-MM-DD 0x00 id → seq (uint32)
	bucketByStored       = []byte("by_stored")        // stored-at (timeKey) 0x00 id → empty
	bucketByURL          = []byte("by_url")           // canonical URL → id
	bucketByHash         = []byte("by_hash")          // content hash → id
	bucketRefs           = []byte("refs")             // seq (uint32) → refRecord (the article's header)
	bucketBodies         = []byte("bodies")           // seq (uint32) → compressed content (content.go; schema 3)
	bucketQuotes         = []byte("quotes")           // seq idx (uint16) → quoteRecord; schema 2: id 0x00 idx
	bucketQuotesByPerson = []byte("quotes_by_person") // person 0x00 YYYY-MM-DD 0x00 id 0x00 inverted idx → seq
	bucketInferred       = []byte("inferred")         // surname 0x00 person 0x00 id 0x00 idx → seq
	bucketEvents         = []byte("events")           // seq idx → eventRecord; schema 2: id 0x00 idx
	bucketEventsByDate   = []byte("events_by_date")   // precision 0x00 YYYY-MM-DD 0x00 id 0x00 idx → seq
	bucketPeople         = []byte("people")           // person key → personRecord
	bucketAliases        = []byte("aliases")          // folded alias 0x00 person key → alias kind
	bucketPeopleWords    = []byte("people_words")     // word 0x00 rank (uint32) person key → empty
	bucketPeopleRank     = []byte("people_rank")      // rank (uint32) person key → empty
	bucketGuilds         = []byte("guilds")           // guild id → guildRecord
	bucketDigests        = []byte("digests")          // guild id 0x00 YYYY-MM-DD → digestRecord
	bucketFeeds          = []byte("feeds")            // feed URL → feedRecord
	bucketSeen           = []byte("seen")             // feed URL 0x00 item key → seen-at (timeKey)
	bucketSeenOrder      = []byte("seen_order")       // feed URL 0x00 seen-at 0x00 item key → empty
	bucketWordsV2        = []byte("words")            // schema 2 and 3: word 0x00 first posting → postings, 8 bytes each
	bucketWords          = []byte("word_postings")    // word 0x00 first posting → the block's other postings (schema 4)
	bucketWordsRecent    = []byte("word_recent")      // as word_postings: postings not yet merged into it (schema 5)
	bucketTitles         = []byte("titles")           // title word 0x00 posting → empty (schema 2)

	keySchemaVersion = []byte("schema_version")
	keyApp           = []byte("app")
	appName          = []byte("briefbot")
)

// migration is one step of the schema. Step i (counting from zero) turns a
// version-i file into a version-(i+1) file; it runs in its own transaction
// together with the version bump, so a crash leaves the file at one version
// or the next, never between.
type migration struct {
	name string
	run  func(tx *bolt.Tx) error
}

// migrations is the schema history; SchemaVersion is its length. Never
// edit a step that has shipped: append a new one and bump SchemaVersion.
var migrations = []migration{
	{"create the article, people, guild, digest and feed buckets", createV1},
	{"add the word and title indexes for search and autocomplete", addTextIndexes},
	{"split each article into a header, compressed content and records under its sequence number", splitArticles},
	{"rebuild the word index with postings stored as differences", rebuildWordIndex},
	{"add the word index's bucket of recent postings", addRecentWords},
}

// SchemaVersion is the version of the file layout this build writes. Open
// migrates older files up to it and refuses newer ones.
const SchemaVersion = 5

var v1Buckets = [][]byte{
	bucketArticles, bucketByPublished, bucketByStored, bucketByURL, bucketByHash,
	bucketRefs, bucketQuotes, bucketQuotesByPerson, bucketInferred, bucketEvents,
	bucketEventsByDate, bucketPeople, bucketAliases, bucketPeopleWords,
	bucketPeopleRank, bucketGuilds, bucketDigests, bucketFeeds, bucketSeen,
	bucketSeenOrder,
}

func createV1(tx *bolt.Tx) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	if err := meta.Put(keyApp, appName); err != nil {
		return err
	}
	for _, name := range v1Buckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// addTextIndexes creates the word and title indexes, which version 1 did
// not have, and fills the title index from the stored articles. It left
// the word index filled too until schema 4, whose step rebuilds it in
// another bucket anyway.
func addTextIndexes(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketWordsV2, bucketTitles} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	var titles []titleOp
	err := tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
		rec, err := decodeArticleV1(v)
		if err != nil {
			return fmt.Errorf("article %q: %w", k, err)
		}
		titles = titleOps(titles, rec, false)
		return nil
	})
	if err != nil {
		return err
	}
	return applyTitleOps(tx.Bucket(bucketTitles), titles)
}

// schemaVersion reads the version of an open file: 0 for a file with no
// buckets at all (new), an error wrapping ErrCorrupt for a file that is not
// a briefbot store.
func schemaVersion(tx *bolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		var other []byte
		_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			other = append([]byte{}, name...)
			return errStop
		})
		if other == nil {
			return 0, nil
		}
		return 0, fmt.Errorf("not a briefbot database: no %q bucket, but a %q one: %w", bucketMeta, other, ErrCorrupt)
	}
	if app := meta.Get(keyApp); string(app) != string(appName) {
		return 0, fmt.Errorf("not a briefbot database: meta app is %q: %w", app, ErrCorrupt)
	}
	v := meta.Get(keySchemaVersion)
	if len(v) != 8 {
		return 0, fmt.Errorf("schema version is %d bytes long, want 8: %w", len(v), ErrCorrupt)
	}
	n := binary.BigEndian.Uint64(v)
	if n == 0 {
		return 0, fmt.Errorf("schema version is 0: %w", ErrCorrupt)
	}
	if n > uint64(SchemaVersion) {
		return 0, fmt.Errorf("schema version %d is newer than this briefbot reads (%d); upgrade briefbot or restore a backup: %w", n, SchemaVersion, ErrNewerSchema)
	}
	return int(n), nil
}

// migrate runs the steps from the file's version up to SchemaVersion, each
// in its own transaction.
func migrate(db *bolt.DB) error {
	for {
		var done bool
		err := db.Update(func(tx *bolt.Tx) error {
			v, err := schemaVersion(tx)
			if err != nil {
				return err
			}
			if v >= SchemaVersion {
				done = true
				return nil
			}
			m := migrations[v]
			if err := m.run(tx); err != nil {
				return fmt.Errorf("migrate schema %d to %d (%s): %w", v, v+1, m.name, err)
			}
			return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(uint64(v+1)))
		})
		if err != nil || done {
			return err
		}
	}
}

// splitArticles turns schema 2's article records (one JSON value under the
// ID, six kilobytes on two pages) into a header in refs, compressed
// content in bodies and an articles entry that names the sequence number;
// it moves quote and event records from ID keys to sequence-number keys,
// and gives the index entries that lead to them the sequence number as
// value. Quote records keep who they are filed under.
func splitArticles(tx *bolt.Tx) error {
	bodies, err := tx.CreateBucketIfNotExists(bucketBodies)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketBodies, err)
	}
	bodies.FillPercent = appendFill
	refs := tx.Bucket(bucketRefs)
	refs.FillPercent = appendFill
	articles := tx.Bucket(bucketArticles)
	seqs := make(map[string]uint32)
	var ids []string
	var raw []byte
	err = articles.ForEach(func(k, v []byte) error {
		rec, err := decodeArticleV1(v)
		if err != nil {
			return fmt.Errorf("article %q: %w", k, err)
		}
		var content []byte
		if content, raw, err = encodeContent(&rec, raw); err != nil {
			return err
		}
		header, err := encode(rec.header(digestOf(&rec, raw)))
		if err != nil {
			return err
		}
		if err := refs.Put(u32(rec.Seq), header); err != nil {
			return err
		}
		if err := bodies.Put(u32(rec.Seq), content); err != nil {
			return err
		}
		seqs[string(k)] = rec.Seq
		ids = append(ids, string(k))
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := articles.Put([]byte(id), u32(seqs[id])); err != nil {
			return err
		}
	}
	for _, name := range [][]byte{bucketQuotes, bucketEvents} {
		if err := rekeyBySeq(tx, name, seqs); err != nil {
			return fmt.Errorf("bucket %s: %w", name, err)
		}
	}
	idOf := map[string]func(k []byte) []byte{
		string(bucketQuotesByPerson): func(k []byte) []byte {
			_, rest, _ := bytes.Cut(k, []byte{sep})
			_, id, _, _ := parseQuotePersonKey(rest)
			return id
		},
		string(bucketInferred): func(k []byte) []byte {
			parts := bytes.SplitN(k, []byte{sep}, 3)
			if len(parts) != 3 || len(parts[2]) < 3 {
				return nil
			}
			return parts[2][:len(parts[2])-3]
		},
		string(bucketEventsByDate): func(k []byte) []byte {
			if len(k) < 16 {
				return nil
			}
			return k[13 : len(k)-3]
		},
	}
	for _, name := range [][]byte{bucketQuotesByPerson, bucketInferred, bucketEventsByDate} {
		b := tx.Bucket(name)
		var keys [][]byte
		var vals []uint32
		err := b.ForEach(func(k, _ []byte) error {
			seq, ok := seqs[string(idOf[string(name)](k))]
			if !ok {
				return fmt.Errorf("%s entry %q names no stored article: %w", name, k, ErrCorrupt)
			}
			keys = append(keys, append([]byte{}, k...))
			vals = append(vals, seq)
			return nil
		})
		if err != nil {
			return err
		}
		for i, k := range keys {
			if err := b.Put(k, u32(vals[i])); err != nil {
				return err
			}
		}
	}
	return nil
}

// rekeyBySeq rewrites a bucket of id 0x00 idx keys under seq idx keys.
func rekeyBySeq(tx *bolt.Tx, name []byte, seqs map[string]uint32) error {
	type kv struct{ k, v []byte }
	var moved []kv
	err := tx.Bucket(name).ForEach(func(k, v []byte) error {
		if len(k) < 3 || k[len(k)-3] != sep {
			return fmt.Errorf("key %q is malformed: %w", k, ErrCorrupt)
		}
		seq, ok := seqs[string(k[:len(k)-3])]
		if !ok {
			return fmt.Errorf("key %q names no stored article: %w", k, ErrCorrupt)
		}
		nk := binary.BigEndian.AppendUint16(u32(seq), binary.BigEndian.Uint16(k[len(k)-2:]))
		moved = append(moved, kv{nk, append([]byte{}, v...)})
		return nil
	})
	if err != nil {
		return err
	}
	if err := tx.DeleteBucket(name); err != nil {
		return err
	}
	b, err := tx.CreateBucket(name)
	if err != nil {
		return err
	}
	b.FillPercent = appendFill
	slices.SortFunc(moved, func(x, y kv) int { return bytes.Compare(x.k, y.k) })
	for _, m := range moved {
		if err := b.Put(m.k, m.v); err != nil {
			return err
		}
	}
	return nil
}

// rebuildChunk is how many articles rebuildWordIndex indexes at once: it
// bounds the operations held in memory.
const rebuildChunk = 20_000

// rebuildWordIndex replaces the word index of schemas 2 and 3 (eight bytes
// a posting) with blocks of differences (wordindex.go), built anew from
// the stored articles' text.
func rebuildWordIndex(tx *bolt.Tx) error {
	if tx.Bucket(bucketWordsV2) != nil {
		if err := tx.DeleteBucket(bucketWordsV2); err != nil {
			return err
		}
	}
	b, err := tx.CreateBucketIfNotExists(bucketWords)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketWords, err)
	}
	var wc wordChanges
	n := 0
	err = tx.Bucket(bucketRefs).ForEach(func(k, v []byte) error {
		rec, err := loadText(tx, k, v)
		if err != nil {
			return err
		}
		wc.add(rec, false)
		if n++; n%rebuildChunk == 0 {
			err = wc.apply(b, nil)
			wc = wordChanges{}
		}
		return err
	})
	if err != nil {
		return err
	}
	return wc.apply(b, nil)
}

// loadText reads what the word index needs of the article whose refs entry
// is k, v: its publication day, sequence number, title and body.
func loadText(tx *bolt.Tx, k, v []byte) (articleRecord, error) {
	seq, err := seqOf(k)
	if err != nil {
		return articleRecord{}, fmt.Errorf("refs key %x: %v: %w", k, err, ErrCorrupt)
	}
	ref, err := decodeRef(v)
	if err != nil {
		return articleRecord{}, fmt.Errorf("ref %d: %w", seq, err)
	}
	c, err := decodeContent(tx.Bucket(bucketBodies).Get(k))
	if err != nil {
		return articleRecord{}, fmt.Errorf("article %s: %w", ref.ID, err)
	}
	return articleRecord{ID: ref.ID, Seq: seq, Title: ref.Title, Published: ref.Published, Paragraphs: c.Paragraphs}, nil
}

// addRecentWords creates word_recent, where the word index keeps the
// postings a word gained since its blocks in word_postings were last
// rewritten (wordindex.go), so that a batch of articles of any date does
// not rewrite every block of every common word. It starts empty: schema 4
// kept every posting in word_postings.
func addRecentWords(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketWordsRecent); err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketWordsRecent, err)
	}
	return nil
}
