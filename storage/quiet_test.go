package storage_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/storage"
	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
)

// TestDB_PutFeed_Quiet covers a feed's quiet lists: they survive a reopen,
// PutFeed adds to them rather than replacing them, and they are bounded by
// age and count.
func TestDB_PutFeed_Quiet(t *testing.T) {
	const url = "https://wire.example/rss"
	t.Run("OK", func(t *testing.T) {
		c := &clock{t: time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC)}
		path := filepath.Join(t.TempDir(), "db")
		db := openAt(t, path, storage.Options{Now: c.now})
		f := storage.Feed{
			URL: url, LastSuccess: c.t,
			Quiet:      []storage.QuietMark{{Key: "a1", At: c.t.Add(-time.Hour)}, {Key: "a2", At: c.t}},
			QuietItems: []storage.QuietMark{{Key: "https://wire.example/a/3", At: c.t}},
		}
		if err := db.PutFeed(t.Context(), f); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		db = openAt(t, path, storage.Options{Now: c.now})
		got, err := db.Feed(t.Context(), url)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(f, got); diff != "" {
			t.Errorf("Feed after a reopen mismatch (-want +got):\n%s", diff)
		}
		closeAndCheck(t, db)
	})
	t.Run("Adds", func(t *testing.T) {
		db, c := newClockDB(t)
		first := []storage.QuietMark{{Key: "a1", At: c.t}}
		if err := db.PutFeed(t.Context(), storage.Feed{URL: url, Quiet: first}); err != nil {
			t.Fatal(err)
		}
		// A caller that writes the state without the list (an older
		// copy, or one built from scratch) does not lose it; a mark given
		// again keeps its latest time.
		later := c.t.Add(time.Minute)
		if err := db.PutFeed(t.Context(), storage.Feed{URL: url, Failures: 1, Quiet: []storage.QuietMark{{Key: "a2", At: later}}}); err != nil {
			t.Fatal(err)
		}
		if err := db.PutFeed(t.Context(), storage.Feed{URL: url, Failures: 2, Quiet: []storage.QuietMark{{Key: "a1", At: later}}}); err != nil {
			t.Fatal(err)
		}
		got, err := db.Feed(t.Context(), url)
		if err != nil {
			t.Fatal(err)
		}
		want := []storage.QuietMark{{Key: "a1", At: later}, {Key: "a2", At: later}}
		if diff := cmp.Diff(want, got.Quiet); diff != "" || got.Failures != 2 {
			t.Errorf("Quiet mismatch (-want +got):\n%s\nfailures %d, want 2", diff, got.Failures)
		}
		if len(got.QuietItems) != 0 {
			t.Errorf("QuietItems = %v, want none", got.QuietItems)
		}
		closeAndCheck(t, db)
	})
	t.Run("Expires", func(t *testing.T) {
		db, c := newClockDB(t)
		f := storage.Feed{URL: url, Quiet: []storage.QuietMark{
			{Key: "old", At: c.t.Add(-storage.QuietFor - time.Second)},
			{Key: "edge", At: c.t.Add(-storage.QuietFor)},
			{Key: "new", At: c.t},
		}}
		if err := db.PutFeed(t.Context(), f); err != nil {
			t.Fatal(err)
		}
		got, err := db.Feed(t.Context(), url)
		if err != nil {
			t.Fatal(err)
		}
		want := []storage.QuietMark{{Key: "edge", At: c.t.Add(-storage.QuietFor)}, {Key: "new", At: c.t}}
		if diff := cmp.Diff(want, got.Quiet); diff != "" {
			t.Errorf("Quiet mismatch (-want +got):\n%s", diff)
		}
		// A day later, the next write forgets the mark that aged out.
		c.t = c.t.Add(24 * time.Hour)
		if err := db.PutFeed(t.Context(), got); err != nil {
			t.Fatal(err)
		}
		if got, err = db.Feed(t.Context(), url); err != nil || len(got.Quiet) != 1 || got.Quiet[0].Key != "new" {
			t.Errorf("Quiet a day later = %v, %v; want only \"new\"", got.Quiet, err)
		}
		closeAndCheck(t, db)
	})
	t.Run("Bounded", func(t *testing.T) {
		db, c := newClockDB(t)
		var marks []storage.QuietMark
		for i := range storage.MaxQuietPerFeed + 10 {
			marks = append(marks, storage.QuietMark{Key: fmt.Sprintf("id-%05d", i), At: c.t.Add(time.Duration(i-storage.MaxQuietPerFeed-10) * time.Second)})
		}
		if err := db.PutFeed(t.Context(), storage.Feed{URL: url, Quiet: marks, QuietItems: marks[:3]}); err != nil {
			t.Fatal(err)
		}
		got, err := db.Feed(t.Context(), url)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Quiet) != storage.MaxQuietPerFeed || got.Quiet[0].Key != "id-00010" || got.Quiet[len(got.Quiet)-1].Key != marks[len(marks)-1].Key {
			t.Errorf("Quiet holds %d marks from %v to %v; want the newest %d", len(got.Quiet), got.Quiet[0], got.Quiet[len(got.Quiet)-1], storage.MaxQuietPerFeed)
		}
		if len(got.QuietItems) != 3 {
			t.Errorf("QuietItems holds %d marks, want 3", len(got.QuietItems))
		}
		closeAndCheck(t, db)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		db, c := newClockDB(t)
		for name, m := range map[string]storage.QuietMark{
			"empty":    {At: c.t},
			"too long": {Key: strings.Repeat("x", storage.MaxItemKeyBytes+1), At: c.t},
			"control":  {Key: "a\x00b", At: c.t},
		} {
			if err := db.PutFeed(t.Context(), storage.Feed{URL: url, QuietItems: []storage.QuietMark{m}}); !errors.Is(err, storage.ErrInvalid) {
				t.Errorf("PutFeed(%s quiet mark) error = %v, want ErrInvalid", name, err)
			}
		}
	})
	t.Run("OldRecord", func(t *testing.T) {
		// A feed record written before the quiet lists existed reads as a
		// feed with none, and takes them on its next write.
		path := filepath.Join(t.TempDir(), "db")
		db := openAt(t, path, storage.Options{})
		if err := db.PutFeed(t.Context(), storage.Feed{URL: url}); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		bdb, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		old := `{"v":1,"url":"` + url + `","etag":"\"e\"","last_modified":"","last_poll":"2024-05-01T09:00:00Z","last_success":"2024-05-01T09:00:00Z","last_error":"","failures":0,"next_poll":"2024-05-01T09:30:00Z","interval":0,"seen":0}`
		err = bdb.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("feeds")).Put([]byte(url), []byte(old)) })
		if cerr := bdb.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
		db = openAt(t, path, storage.Options{})
		got, err := db.Feed(t.Context(), url)
		if err != nil || got.ETag != `"e"` || got.Quiet != nil || got.QuietItems != nil {
			t.Errorf("old record read as %+v, %v; want its ETag and no quiet marks", got, err)
		}
		closeAndCheck(t, db)
	})
}
