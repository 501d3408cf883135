package storage_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/briefbot/briefbot/storage/storagetest"
	bolt "go.etcd.io/bbolt"
)

// TestWordIndex_recent stores enough articles that common words outgrow
// one block, so that their new postings wait in word_recent and are merged
// into word_postings as it grows; it updates articles (words removed and
// added), re-ingests a batch unchanged and adds single articles, and then
// checks that the file is consistent, that search finds articles through
// postings in either bucket, and that both buckets hold postings.
func TestWordIndex_recent(t *testing.T) {
	db, path := newDB(t)
	ctx := t.Context()
	bs := storagetest.Generate(1200, 17)
	for i := 0; i < len(bs); i += 200 {
		if _, err := db.PutBatch(ctx, bs[i:i+200]); err != nil {
			t.Fatalf("PutBatch: %v", err)
		}
	}
	// Updates: drop the first paragraph (words leave) and add a rare word.
	var updates []briefing.Briefing
	for i := 0; i < len(bs); i += 20 {
		b := bs[i]
		b.Article.Paragraphs = append(slices.Clone(b.Article.Paragraphs[1:]), fmt.Sprintf("A late note mentions quillwort%d.", i%3))
		b.Quotes, b.Summary = nil, nil
		updates = append(updates, b)
		bs[i] = b
	}
	res, err := db.PutBatch(ctx, updates)
	if err != nil {
		t.Fatalf("PutBatch(updates): %v", err)
	}
	for i, r := range res {
		if !r.Changed {
			t.Fatalf("update %d = %+v, want Changed", i, r)
		}
	}
	// A new article and its update in one batch: the update's words
	// replace the first version's before anything reaches the index.
	first := storagetest.Generate(1, 19)[0]
	second := first
	second.Article.Paragraphs = append(slices.Clone(first.Article.Paragraphs[1:]), "Quillwort9 too.")
	if res, err := db.PutBatch(ctx, []briefing.Briefing{first, second}); err != nil || !res[0].Created || !res[1].Changed {
		t.Fatalf("PutBatch(article, update) = %+v, %v", res, err)
	}
	bs = append(bs, second)

	// An unchanged batch writes nothing; a few single Puts and one more
	// update of an updated article.
	if res, err := db.PutBatch(ctx, bs[300:600]); err != nil || res[0].Created || res[0].Changed {
		t.Fatalf("PutBatch(unchanged) = %+v, %v", res[0], err)
	}
	for _, b := range storagetest.Generate(5, 18) {
		put(t, db, b)
	}
	again := bs[40]
	again.Article.Paragraphs = append(slices.Clone(again.Article.Paragraphs), "Quillwort2 again.")
	put(t, db, again)
	bs[40] = again

	// Every article is found by a word of its own body that few
	// articles share, and the updated ones by their new word, not the
	// old one.
	for i := 0; i < len(bs); i += 97 {
		b := bs[i]
		w := rarestWord(b)
		found, err := db.Search(ctx, w, storage.MaxLimit)
		if err != nil {
			t.Fatalf("Search(%q): %v", w, err)
		}
		if len(found) < storage.MaxLimit && !slices.ContainsFunc(found, func(f briefing.Briefing) bool { return f.Article.ID == b.Article.ID }) {
			t.Errorf("Search(%q) = %d results without article %s, which has the word", w, len(found), b.Article.ID)
		}
	}
	found, err := db.Search(ctx, "quillwort2", storage.MaxLimit)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := 0; i < len(bs); i += 20 {
		if strings.Contains(strings.Join(bs[i].Article.Paragraphs, " "), "quillwort2") || i == 40 {
			want++
		}
	}
	if len(found) != want {
		t.Errorf("Search(quillwort2) = %d articles, want %d", len(found), want)
	}
	closeAndCheck(t, db)

	bdb, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	_ = bdb.View(func(tx *bolt.Tx) error {
		for _, name := range []string{"word_postings", "word_recent"} {
			if n := tx.Bucket([]byte(name)).Stats().KeyN; n == 0 {
				t.Errorf("bucket %s is empty; the test does not exercise it", name)
			}
		}
		return nil
	})
}

// rarestWord returns the longest lower-case word of b's last paragraph,
// which the generator draws from the long tail of its vocabulary.
func rarestWord(b briefing.Briefing) string {
	best := ""
	for _, w := range strings.Fields(b.Article.Paragraphs[len(b.Article.Paragraphs)-1]) {
		w = strings.Trim(w, ".,\"'")
		if strings.ToLower(w) == w && len(w) > len(best) && !strings.ContainsAny(w, "0123456789") {
			best = w
		}
	}
	return best
}

// TestOpen_migratesVersion4 turns a new store into the schema-4 layout
// (word_postings alone, no word_recent) and reopens it: Open adds the
// bucket, the file passes Check, search answers as before and new
// articles are indexed.
func TestOpen_migratesVersion4(t *testing.T) {
	db, path := newDB(t)
	bs := fill(t, db, 400, 23)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		if n := tx.Bucket([]byte("word_recent")).Stats().KeyN; n != 0 {
			return fmt.Errorf("word_recent holds %d keys; this test needs every posting in word_postings", n)
		}
		if err := tx.DeleteBucket([]byte("word_recent")); err != nil {
			return err
		}
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), []byte{0, 0, 0, 0, 0, 0, 0, 4})
	})
	if cerr := bdb.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}

	db = openAt(t, path, storage.Options{})
	st, err := db.Stats(t.Context())
	if err != nil || st.SchemaVersion != storage.SchemaVersion || st.Articles != len(bs) {
		t.Fatalf("Stats after migration = %+v, %v; want schema %d, %d articles", st, err, storage.SchemaVersion, len(bs))
	}
	w := rarestWord(bs[7])
	found, err := db.Search(t.Context(), w, storage.MaxLimit)
	if err != nil || !slices.ContainsFunc(found, func(f briefing.Briefing) bool { return f.Article.ID == bs[7].Article.ID }) {
		t.Errorf("Search(%q) after migration = %d results, %v; want article %s among them", w, len(found), err, bs[7].Article.ID)
	}
	put(t, db, storagetest.Generate(1, 24)[0])
	closeAndCheck(t, db)
}
