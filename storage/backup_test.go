package storage_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
)

func TestDB_Backup(t *testing.T) {
	db, _ := newDB(t)
	bs := fill(t, db, 100, 42)
	backup := filepath.Join(t.TempDir(), "backup.db")

	// A backup over an older one replaces it.
	if err := os.WriteFile(backup, []byte("yesterday's backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(t.Context(), backup); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	// The store stays usable while and after it is copied.
	put(t, db, talks())

	if err := storage.Check(backup); err != nil {
		t.Fatalf("Check(backup): %v", err)
	}
	if _, err := os.Stat(backup + ".tmp"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the temporary file is left behind: %v", err)
	}
	copyDB := openAt(t, backup, storage.Options{ReadOnly: true})
	for _, b := range bs[:20] {
		got, err := copyDB.Briefing(t.Context(), b.Article.ID)
		if err != nil {
			t.Fatalf("Briefing(%s) from the backup: %v", b.Article.ID, err)
		}
		if diff := cmp.Diff(b.Article.Title, got.Article.Title); diff != "" {
			t.Errorf("backup article mismatch (-want +got):\n%s", diff)
		}
	}
	if _, err := copyDB.Briefing(t.Context(), "eu-envoy-moscow"); !errors.Is(err, briefing.ErrNotFound) {
		t.Errorf("an article stored after the backup is in it: %v", err)
	}

	if err := db.Backup(t.Context(), db.Path()); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("Backup over the store itself: %v, want ErrInvalid", err)
	}
	if err := db.Backup(t.Context(), filepath.Join(t.TempDir(), "no", "such", "dir.db")); err == nil {
		t.Errorf("Backup into a missing directory succeeded")
	}
}

func TestCheck_findsBrokenIndexes(t *testing.T) {
	del := func(bucket string, match func(k, v []byte) bool) func(tx *bolt.Tx) error {
		return func(tx *bolt.Tx) error {
			b := tx.Bucket([]byte(bucket))
			var keys [][]byte
			_ = b.ForEach(func(k, v []byte) error {
				if match(k, v) && len(keys) == 0 {
					keys = append(keys, append([]byte{}, k...))
				}
				return nil
			})
			if len(keys) == 0 {
				t.Fatalf("no key to delete in %s", bucket)
			}
			return b.Delete(keys[0])
		}
	}
	any := func(k, v []byte) bool { return true }
	tests := []struct {
		name   string
		break_ func(tx *bolt.Tx) error
		inErr  string
	}{
		{"quote missing from its person's index", del("quotes_by_person", func(k, v []byte) bool {
			return bytes.HasPrefix(k, []byte("josep-borrell\x00"))
		}), "is not indexed under person josep-borrell"},
		{"index entry for a deleted article", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("articles")).Delete([]byte("role-name"))
		}, "missing article"},
		{"stray word posting", func(tx *bolt.Tx) error {
			// A block of the word "unicorn" claiming the first article.
			var p []byte
			_ = tx.Bucket([]byte("word_postings")).ForEach(func(k, _ []byte) error {
				if p == nil {
					p = append([]byte{}, k[len(k)-8:]...)
				}
				return nil
			})
			// The key holds the block's first posting; an empty value
			// means it has no others.
			return tx.Bucket([]byte("word_postings")).Put(append([]byte("unicorn\x00"), p...), nil)
		}, `words index has`},
		{"event not indexed by date", del("events_by_date", any), "is not indexed by date"},
		{"wrong quote count", func(tx *bolt.Tx) error {
			b := tx.Bucket([]byte("people"))
			v := b.Get([]byte("sergei-lavrov"))
			return b.Put([]byte("sergei-lavrov"), bytes.Replace(v, []byte(`"quotes":0`), []byte(`"quotes":7`), 1))
		}, "counts 7 quotes"},
		{"alias to nobody", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("aliases")).Put([]byte("ghost\x00ghost"), []byte("alias"))
		}, `alias "ghost" points to missing`},
		{"undecodable record", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("articles")).Put([]byte("full-name"), []byte("{not json"))
		}, `article "full-name"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := storeWithData(t)
			if err := storage.Check(path); err != nil {
				t.Fatalf("Check before breaking: %v", err)
			}
			rawUpdate(t, path, tt.break_)
			err := storage.Check(path)
			if !errors.Is(err, storage.ErrCorrupt) || !strings.Contains(err.Error(), tt.inErr) || !strings.Contains(err.Error(), path) {
				t.Errorf("Check = %v, want ErrCorrupt naming the file and saying %q", err, tt.inErr)
			}
		})
	}
}

func TestCheck_damagedPage(t *testing.T) {
	path := storeWithData(t)
	// Find a leaf page in use, then scribble over it.
	var leaves []int
	var pageSize int
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		pageSize = tx.DB().Info().PageSize
		for id := 2; ; id++ {
			info, err := tx.Page(id)
			if err != nil {
				return err
			}
			if info == nil {
				break
			}
			if info.Type == "leaf" {
				leaves = append(leaves, id)
			}
		}
		return nil
	})
	if len(leaves) == 0 {
		t.Fatal("no leaf page in use")
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	at := int64(leaves[len(leaves)/2]) * int64(pageSize)
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xa5}, pageSize), at); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := storage.Check(path); !errors.Is(err, storage.ErrCorrupt) {
		t.Errorf("Check of a file with a damaged page = %v, want ErrCorrupt", err)
	}
}
