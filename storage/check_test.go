package storage_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/briefbot/briefbot/storage"
	bolt "go.etcd.io/bbolt"
)

// wordStore makes a closed store of two articles: "reed-talks", the only
// one with the words "quillwort" and "marram", and "salt-trade", the only
// one with "samphire". It returns the file and the postings of the two
// articles as word_postings keys hold them.
func wordStore(t *testing.T) (path string, reed, salt []byte) {
	t.Helper()
	db, path := newDB(t)
	put(t, db, article("reed-talks", "Reed talks", day(2026, 3, 2),
		"Delegates discussed quillwort and marram on the estuary."))
	put(t, db, article("salt-trade", "Salt trade", day(2026, 3, 9),
		"Negotiators priced samphire at the harbour."))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path, blockPosting(t, path, "quillwort"), blockPosting(t, path, "samphire")
}

// blockPosting returns the posting of the only word_postings block of
// word, which must hold one posting.
func blockPosting(t *testing.T, path, word string) []byte {
	t.Helper()
	var p []byte
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		prefix := []byte(word + "\x00")
		c := tx.Bucket([]byte("word_postings")).Cursor()
		k, v := c.Seek(prefix)
		if !bytes.HasPrefix(k, prefix) || len(v) != 0 {
			return fmt.Errorf("word %q has no block of one posting: %q %q", word, k, v)
		}
		p = append([]byte{}, k[len(prefix):]...)
		return nil
	})
	return p
}

func wordKey(word string, p []byte) []byte {
	return append([]byte(word+"\x00"), p...)
}

func TestCheck_wordPostings(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(t *testing.T, path string, reed, salt []byte)
		inErr  string
	}{
		{"missing posting", func(t *testing.T, path string, reed, _ []byte) {
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("word_postings")).Delete(wordKey("marram", reed))
			})
		}, `article "reed-talks" word "marram" is not in the word index`},
		{"extra posting", func(t *testing.T, path string, _, salt []byte) {
			// "salt-trade" does not have the word "quillwort".
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("word_recent")).Put(wordKey("quillwort", salt), nil)
			})
		}, `words index has word "quillwort" for article "salt-trade", which does not have it`},
		{"posting in both buckets", func(t *testing.T, path string, _, salt []byte) {
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("word_recent")).Put(wordKey("samphire", salt), nil)
			})
		}, `words index has word "samphire" for article "salt-trade" 2 times`},
		{"recent posting of a word the article lost", func(t *testing.T, path string, reed, _ []byte) {
			// An update takes "quillwort" out of the article and the
			// index; a stale posting is then left in word_recent.
			db := openAt(t, path, storage.Options{})
			put(t, db, article("reed-talks", "Reed talks", day(2026, 3, 2),
				"Delegates discussed marram on the estuary."))
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if err := storage.Check(path); err != nil {
				t.Fatalf("Check after the update: %v", err)
			}
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("word_recent")).Put(wordKey("quillwort", reed), nil)
			})
		}, `words index has word "quillwort" for article "reed-talks", which does not have it`},
		{"recent posting of a missing article", func(t *testing.T, path string, reed, _ []byte) {
			p := bytes.Clone(reed)
			copy(p[4:], []byte{0, 0, 0x27, 0x0f}) // sequence number 9999
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("word_recent")).Put(wordKey("marram", p), nil)
			})
		}, `word_recent entry "marram" points to missing article sequence 9999`},
		{"posting on the wrong day", func(t *testing.T, path string, reed, _ []byte) {
			p := bytes.Clone(reed)
			p[3]++ // the next day
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				b := tx.Bucket([]byte("word_postings"))
				if err := b.Delete(wordKey("marram", reed)); err != nil {
					return err
				}
				return b.Put(wordKey("marram", p), nil)
			})
		}, `words entry "marram" for article "reed-talks" has the wrong day`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, reed, salt := wordStore(t)
			if err := storage.Check(path); err != nil {
				t.Fatalf("Check before breaking: %v", err)
			}
			tt.break_(t, path, reed, salt)
			err := storage.Check(path)
			if !errors.Is(err, storage.ErrCorrupt) || !strings.Contains(err.Error(), tt.inErr) {
				t.Errorf("Check = %v, want ErrCorrupt saying %q", err, tt.inErr)
			}
			// One damage, one problem: the sums do not report it again.
			if err != nil && !strings.HasPrefix(strings.TrimPrefix(err.Error(), "check "+path+": "), "1 index problems:") {
				t.Errorf("Check = %v, want one problem", err)
			}
		})
	}
}

// TestCheck_manyWordProblems deletes every block of the word index: the
// error names the first problems and counts the rest.
func TestCheck_manyWordProblems(t *testing.T) {
	db, path := newDB(t)
	fill(t, db, 300, 5)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket([]byte("word_recent")); err != nil {
			return err
		}
		if err := tx.DeleteBucket([]byte("word_postings")); err != nil {
			return err
		}
		if _, err := tx.CreateBucket([]byte("word_recent")); err != nil {
			return err
		}
		_, err := tx.CreateBucket([]byte("word_postings"))
		return err
	})
	err := storage.Check(path)
	if !errors.Is(err, storage.ErrCorrupt) || !strings.Contains(err.Error(), "is not in the word index") || !strings.Contains(err.Error(), "more") {
		t.Errorf("Check = %v, want ErrCorrupt with missing words and a count of more", err)
	}
	if err != nil && strings.Count(err.Error(), ";") > 25 {
		t.Errorf("Check lists %d problems, want at most about 20", strings.Count(err.Error(), ";"))
	}
}

// stopAfter is a context whose Err is nil for its first n calls and
// context.Canceled after them.
type stopAfter struct {
	context.Context
	n atomic.Int64
}

func (c *stopAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func TestCheckContext_cancel(t *testing.T) {
	db, path := newDB(t)
	fill(t, db, 1200, 7)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := storage.CheckContext(ctx, path); !errors.Is(err, context.Canceled) {
		t.Errorf("CheckContext(cancelled) = %v, want context.Canceled", err)
	}
	// Cancelled once the scans have begun: they stop.
	for _, n := range []int64{2, 3, 5} {
		ctx := &stopAfter{Context: t.Context()}
		ctx.n.Store(n)
		if err := storage.CheckContext(ctx, path); !errors.Is(err, context.Canceled) {
			t.Errorf("CheckContext(cancelled after %d looks) = %v, want context.Canceled", n, err)
		}
	}
	if err := storage.CheckContext(t.Context(), path); err != nil {
		t.Errorf("CheckContext: %v", err)
	}
}

// BenchmarkCheck checks a store of 2,000 generated articles, or the file
// BRIEFBOT_CHECK_DB names (which it does not change):
//
//	BRIEFBOT_CHECK_DB=/tmp/copy.db go test -run '^$' -bench Check -benchtime 1x ./storage/
func BenchmarkCheck(b *testing.B) {
	path := os.Getenv("BRIEFBOT_CHECK_DB")
	if path == "" {
		var db *storage.DB
		db, path = newDB(b)
		fill(b, db, 2000, 11)
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if err := storage.CheckContext(b.Context(), path); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCheck_titleIndex(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(tx *bolt.Tx, reed, salt []byte) error
		inErr  string
	}{
		{"missing entry", func(tx *bolt.Tx, reed, _ []byte) error {
			return tx.Bucket([]byte("titles")).Delete(wordKey("reed", reed))
		}, `article "reed-talks" title word "reed" is not in the title index`},
		{"extra entry", func(tx *bolt.Tx, _, salt []byte) error {
			return tx.Bucket([]byte("titles")).Put(wordKey("reed", salt), nil)
		}, `titles index has 3 entries for article "salt-trade", which has 2 words`},
		{"entry swapped for another word", func(tx *bolt.Tx, _, salt []byte) error {
			b := tx.Bucket([]byte("titles"))
			if err := b.Delete(wordKey("salt", salt)); err != nil {
				return err
			}
			return b.Put(wordKey("sale", salt), nil)
		}, `article "salt-trade" title word "salt" is not in the title index`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, reed, salt := wordStore(t)
			rawUpdate(t, path, func(tx *bolt.Tx) error { return tt.break_(tx, reed, salt) })
			err := storage.Check(path)
			if !errors.Is(err, storage.ErrCorrupt) || !strings.Contains(err.Error(), tt.inErr) {
				t.Errorf("Check = %v, want ErrCorrupt saying %q", err, tt.inErr)
			}
		})
	}
}

// TestCheck_wordProblemsOfSeveralWords takes a common word out of the
// index and adds a stray one: the error names both, though the common
// word alone has more problems than it lists.
func TestCheck_wordProblemsOfSeveralWords(t *testing.T) {
	db, path := newDB(t)
	fill(t, db, 300, 5)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	var common string
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		longest := -1
		var p []byte
		_ = tx.Bucket([]byte("word_postings")).ForEach(func(k, v []byte) error {
			if len(v) > longest {
				longest, common, p = len(v), string(k[:bytes.IndexByte(k, 0)]), bytes.Clone(k[len(k)-8:])
			}
			return nil
		})
		for _, name := range []string{"word_postings", "word_recent"} {
			b := tx.Bucket([]byte(name))
			prefix := []byte(common + "\x00")
			c := b.Cursor()
			for k, _ := c.Seek(prefix); bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
		}
		return tx.Bucket([]byte("word_recent")).Put(wordKey("zzqxword", p), nil)
	})
	err := storage.Check(path)
	if !errors.Is(err, storage.ErrCorrupt) || !strings.Contains(err.Error(), fmt.Sprintf("word %q is not in the word index", common)) ||
		!strings.Contains(err.Error(), `words index has word "zzqxword" for article`) {
		t.Errorf("Check = %v, want ErrCorrupt naming both %q and zzqxword", err, common)
	}
}
