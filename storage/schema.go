package storage

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Bucket names. The layout of each bucket's keys and values is documented
// where the bucket is written.
var (
	bucketMeta           = []byte("meta")             // schema_version → uint64; app → "briefbot"
	bucketArticles       = []byte("articles")         // id → articleRecord
	bucketByPublished    = []byte("by_published")     // YYYY-MM-DD 0x00 id → seq (uint32)
	bucketByStored       = []byte("by_stored")        // stored-at (timeKey) 0x00 id → empty
	bucketByURL          = []byte("by_url")           // canonical URL → id
	bucketByHash         = []byte("by_hash")          // content hash → id
	bucketRefs           = []byte("refs")             // seq (uint32) → refRecord
	bucketQuotes         = []byte("quotes")           // id 0x00 idx (uint16) → quoteRecord
	bucketQuotesByPerson = []byte("quotes_by_person") // person 0x00 YYYY-MM-DD 0x00 id 0x00 inverted idx → empty
	bucketInferred       = []byte("inferred")         // surname 0x00 person 0x00 id 0x00 idx → empty
	bucketEvents         = []byte("events")           // id 0x00 idx → eventRecord
	bucketEventsByDate   = []byte("events_by_date")   // precision 0x00 YYYY-MM-DD 0x00 id 0x00 idx → empty
	bucketPeople         = []byte("people")           // person key → personRecord
	bucketAliases        = []byte("aliases")          // folded alias 0x00 person key → alias kind
	bucketPeopleWords    = []byte("people_words")     // word 0x00 rank (uint32) person key → empty
	bucketPeopleRank     = []byte("people_rank")      // rank (uint32) person key → empty
	bucketGuilds         = []byte("guilds")           // guild id → guildRecord
	bucketDigests        = []byte("digests")          // guild id 0x00 YYYY-MM-DD → digestRecord
	bucketFeeds          = []byte("feeds")            // feed URL → feedRecord
	bucketSeen           = []byte("seen")             // feed URL 0x00 item key → seen-at (timeKey)
	bucketSeenOrder      = []byte("seen_order")       // feed URL 0x00 seen-at 0x00 item key → empty
	bucketWords          = []byte("words")            // word 0x00 first posting → block of postings (schema 2)
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
}

// SchemaVersion is the version of the file layout this build writes. Open
// migrates older files up to it and refuses newer ones.
const SchemaVersion = 2

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
// not have, and fills them from the stored articles.
func addTextIndexes(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketWords, bucketTitles} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	var titles []titleOp
	var words wordChanges
	err := tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
		rec, err := decodeArticle(v)
		if err != nil {
			return fmt.Errorf("article %q: %w", k, err)
		}
		titles = titleOps(titles, rec, false)
		words.add(rec, false)
		return nil
	})
	if err != nil {
		return err
	}
	if err := applyTitleOps(tx.Bucket(bucketTitles), titles); err != nil {
		return err
	}
	return words.apply(tx.Bucket(bucketWords))
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
