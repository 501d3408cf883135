package storage_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/google/go-cmp/cmp"
)

// clock is a settable Now for the store.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newClockDB(t *testing.T) (*storage.DB, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC)}
	return openAt(t, t.TempDir()+"/db", storage.Options{Now: c.now}), c
}

func TestDB_Guild(t *testing.T) {
	db, c := newClockDB(t)
	g := storage.Guild{ID: "g1", ChannelID: "c1", DigestTime: "08:00", TimeZone: "Europe/Madrid", SkipEmpty: true, Feeds: []string{"https://wire.example/rss"}}
	t.Run("OK", func(t *testing.T) {
		if err := db.PutGuild(t.Context(), g); err != nil {
			t.Fatal(err)
		}
		got, err := db.Guild(t.Context(), "g1")
		if err != nil {
			t.Fatal(err)
		}
		want := g
		want.UpdatedAt = c.t
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Guild mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("Upsert", func(t *testing.T) {
		c.t = c.t.Add(time.Hour)
		g2 := g
		g2.DigestTime, g2.Feeds = "18:45", nil
		if err := db.PutGuild(t.Context(), g2); err != nil {
			t.Fatal(err)
		}
		if err := db.PutGuild(t.Context(), storage.Guild{ID: "g0"}); err != nil {
			t.Fatal(err)
		}
		all, err := db.Guilds(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 2 || all[0].ID != "g0" || all[1].DigestTime != "18:45" || !all[1].UpdatedAt.Equal(c.t) {
			t.Errorf("Guilds = %+v, want g0 then the updated g1", all)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if err := db.DeleteGuild(t.Context(), "g1"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Guild(t.Context(), "g1"); !errors.Is(err, briefing.ErrNotFound) {
			t.Errorf("Guild(deleted) error = %v, want ErrNotFound", err)
		}
		if err := db.DeleteGuild(t.Context(), "g1"); !errors.Is(err, briefing.ErrNotFound) {
			t.Errorf("DeleteGuild(deleted) error = %v, want ErrNotFound", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, bad := range []storage.Guild{{}, {ID: "g", DigestTime: "8am"}, {ID: "g", DigestTime: "25:00"}, {ID: "g\x00"}} {
			if err := db.PutGuild(t.Context(), bad); !errors.Is(err, storage.ErrInvalid) {
				t.Errorf("PutGuild(%+v) error = %v, want ErrInvalid", bad, err)
			}
		}
	})
}

func TestDB_ClaimDigest(t *testing.T) {
	db, c := newClockDB(t)
	claimedAt := c.t

	e, ok, err := db.ClaimDigest(t.Context(), "g1", "2024-05-01", "nonce-1")
	if err != nil || !ok {
		t.Fatalf("first ClaimDigest = %v, %v; want a claim", ok, err)
	}
	want := storage.DigestEntry{GuildID: "g1", Date: "2024-05-01", State: storage.DigestClaimed, Nonce: "nonce-1", ClaimedAt: claimedAt}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("claim mismatch (-want +got):\n%s", diff)
	}

	// A second scheduler (or a restart) gets the existing claim back.
	c.t = c.t.Add(time.Minute)
	e, ok, err = db.ClaimDigest(t.Context(), "g1", "2024-05-01", "nonce-2")
	if err != nil || ok {
		t.Fatalf("second ClaimDigest = %v, %v; want the existing entry", ok, err)
	}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("second claim mismatch (-want +got):\n%s", diff)
	}

	c.t = c.t.Add(time.Minute)
	if err := db.MarkDigestSent(t.Context(), "g1", "2024-05-01", []string{"m1", "m2"}); err != nil {
		t.Fatal(err)
	}
	want.State, want.SentAt, want.MessageIDs = storage.DigestSent, c.t, []string{"m1", "m2"}
	if e, _, _ := db.ClaimDigest(t.Context(), "g1", "2024-05-01", "nonce-3"); !cmp.Equal(want, e) {
		t.Errorf("claim of a sent day = %+v, want %+v", e, want)
	}
	if err := db.SkipDigest(t.Context(), "g1", "2024-05-01", "too late"); !errors.Is(err, storage.ErrDigestState) {
		t.Errorf("SkipDigest(sent day) error = %v, want ErrDigestState", err)
	}

	// Skipping: with or without a claim.
	if err := db.SkipDigest(t.Context(), "g1", "2024-05-02", "nothing new"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.ClaimDigest(t.Context(), "g1", "2024-05-03", "n"); err != nil {
		t.Fatal(err)
	}
	if err := db.SkipDigest(t.Context(), "g1", "2024-05-03", "channel gone"); err != nil {
		t.Fatal(err)
	}
	if e, err := db.DigestEntry(t.Context(), "g1", "2024-05-03"); err != nil || e.State != storage.DigestSkipped || e.Reason != "channel gone" {
		t.Errorf("DigestEntry(skipped) = %+v, %v", e, err)
	}
	if err := db.MarkDigestSent(t.Context(), "g1", "2024-05-02", []string{"m"}); !errors.Is(err, storage.ErrDigestState) {
		t.Errorf("MarkDigestSent(skipped day) error = %v, want ErrDigestState", err)
	}
	if err := db.MarkDigestSent(t.Context(), "g1", "2024-05-09", []string{"m"}); !errors.Is(err, briefing.ErrNotFound) {
		t.Errorf("MarkDigestSent(unclaimed day) error = %v, want ErrNotFound", err)
	}

	// The last sent digest skips the later skipped days, and other guilds.
	if _, _, err := db.ClaimDigest(t.Context(), "g10", "2024-06-01", "n"); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkDigestSent(t.Context(), "g10", "2024-06-01", nil); err != nil {
		t.Fatal(err)
	}
	last, err := db.LastDigest(t.Context(), "g1")
	if err != nil || last.Date != "2024-05-01" {
		t.Errorf("LastDigest(g1) = %+v, %v; want 2024-05-01", last, err)
	}
	if _, err := db.LastDigest(t.Context(), "g2"); !errors.Is(err, briefing.ErrNotFound) {
		t.Errorf("LastDigest(g2) error = %v, want ErrNotFound", err)
	}
	if _, err := db.DigestEntry(t.Context(), "g1", "2024-05-09"); !errors.Is(err, briefing.ErrNotFound) {
		t.Errorf("DigestEntry(none) error = %v, want ErrNotFound", err)
	}
	for _, date := range []string{"2024-5-1", "yesterday", "2024-02-30"} {
		if _, _, err := db.ClaimDigest(t.Context(), "g1", date, "n"); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("ClaimDigest(%q) error = %v, want ErrInvalid", date, err)
		}
	}
}

func TestDB_Feed(t *testing.T) {
	db, c := newClockDB(t)
	url := "https://wire.example/rss"
	f := storage.Feed{
		URL: url, ETag: `"abc"`, LastModified: "Wed, 01 May 2024 08:00:00 GMT",
		LastPoll: c.t, LastSuccess: c.t.Add(-time.Hour), LastError: "timeout", Failures: 2,
		NextPoll: c.t.Add(30 * time.Minute), ErrorReported: true, Interval: 15 * time.Minute,
	}
	t.Run("OK", func(t *testing.T) {
		if err := db.PutFeed(t.Context(), f); err != nil {
			t.Fatal(err)
		}
		got, err := db.Feed(t.Context(), url)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(f, got); diff != "" {
			t.Errorf("Feed round trip mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("Seen", func(t *testing.T) {
		if err := db.MarkItemsSeen(t.Context(), url, []string{"guid-1", "guid-2", "guid-1"}); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkItemsSeen(t.Context(), url, []string{"guid-2", "guid-3"}); err != nil {
			t.Fatal(err)
		}
		for item, want := range map[string]bool{"guid-1": true, "guid-3": true, "guid-4": false} {
			if got, err := db.SeenItem(t.Context(), url, item); err != nil || got != want {
				t.Errorf("SeenItem(%s) = %v, %v; want %v", item, got, err, want)
			}
		}
		if got, _ := db.SeenItem(t.Context(), url+"2", "guid-1"); got {
			t.Errorf("an item seen in one feed is seen in another")
		}
		// PutFeed keeps the count.
		if err := db.PutFeed(t.Context(), f); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Feed(t.Context(), url); err != nil || got.Seen != 3 {
			t.Errorf("Feed.Seen = %d, %v; want 3", got.Seen, err)
		}
		// A feed seen before it had state gets some.
		if err := db.MarkItemsSeen(t.Context(), "https://other.example/atom", []string{"x"}); err != nil {
			t.Fatal(err)
		}
		all, err := db.Feeds(t.Context())
		if err != nil || len(all) != 2 {
			t.Errorf("Feeds = %+v, %v; want 2", all, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if err := db.DeleteFeed(t.Context(), url); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Feed(t.Context(), url); !errors.Is(err, briefing.ErrNotFound) {
			t.Errorf("Feed(deleted) error = %v, want ErrNotFound", err)
		}
		if got, _ := db.SeenItem(t.Context(), url, "guid-1"); got {
			t.Errorf("items of a deleted feed are still seen")
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		many := make([]string, storage.MaxItemsPerMark+1)
		for i := range many {
			many[i] = fmt.Sprint(i)
		}
		if err := db.MarkItemsSeen(t.Context(), url, many); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("MarkItemsSeen(too many) error = %v, want ErrInvalid", err)
		}
		if err := db.PutFeed(t.Context(), storage.Feed{}); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("PutFeed(no URL) error = %v, want ErrInvalid", err)
		}
	})
	closeAndCheck(t, db)
}

func TestDB_MarkItemsSeen_forgetsOldest(t *testing.T) {
	if testing.Short() {
		t.Skip("marks 50,000 items; run without -short")
	}
	db, c := newClockDB(t)
	url := "https://busy.example/rss"
	batch := make([]string, storage.MaxItemsPerMark)
	for round := range storage.MaxSeenPerFeed/storage.MaxItemsPerMark + 1 {
		c.t = c.t.Add(time.Minute)
		for i := range batch {
			batch[i] = fmt.Sprintf("item-%d-%d", round, i)
		}
		if err := db.MarkItemsSeen(t.Context(), url, batch); err != nil {
			t.Fatal(err)
		}
	}
	f, err := db.Feed(t.Context(), url)
	if err != nil || f.Seen != storage.MaxSeenPerFeed {
		t.Fatalf("Seen = %d, %v; want %d", f.Seen, err, storage.MaxSeenPerFeed)
	}
	if got, _ := db.SeenItem(t.Context(), url, "item-0-5"); got {
		t.Errorf("the oldest item is still remembered")
	}
	if got, _ := db.SeenItem(t.Context(), url, "item-50-5"); !got {
		t.Errorf("the newest item is forgotten")
	}
	closeAndCheck(t, db)
}
