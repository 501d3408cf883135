package storage

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
	bolt "go.etcd.io/bbolt"
)

// Feed is the polling state of one feed URL, shared by every guild that
// follows it.
type Feed struct {
	URL          string
	ETag         string
	LastModified string
	LastPoll     time.Time
	LastSuccess  time.Time
	LastError    string
	// Failures counts consecutive failed polls.
	Failures int
	NextPoll time.Time
	// ErrorReported is true once the current failure has been announced.
	ErrorReported bool
	// Interval is the polling interval; 0 means the caller's default.
	Interval time.Duration
	// Seen is the number of item identities remembered for the feed
	// (maintained by MarkItemsSeen; PutFeed does not change it).
	Seen int
	// Quiet lists the feed's back catalogue by article ID: articles stored
	// from items published before anyone followed the feed, kept for
	// queries but not announced as new.
	Quiet []QuietMark
	// QuietItems lists, by item identity (see MarkItemsSeen), the
	// back-catalogue items the feed's first successful poll could not
	// store yet (a page that failed for a reason that may pass): a later
	// poll that stores one stores back catalogue, not news.
	QuietItems []QuietMark
}

// QuietMark is one entry of a feed's quiet lists: an article ID or an item
// identity, and when it was marked.
//
// PutFeed adds the feed's quiet marks to those stored (a mark is never
// removed by leaving it out) and forgets marks older than QuietFor, and
// past MaxQuietPerFeed in a list the oldest; DeleteFeed forgets them all.
type QuietMark struct {
	Key string
	At  time.Time
}

// Bounds on a feed's quiet lists. QuietFor is longer than the longest
// digest window (a week): an article is announced, or left out, within it.
const (
	QuietFor        = 8 * 24 * time.Hour
	MaxQuietPerFeed = 1_000
)

type feedRecord struct {
	V             int           `json:"v"`
	URL           string        `json:"url"`
	ETag          string        `json:"etag"`
	LastModified  string        `json:"last_modified"`
	LastPoll      time.Time     `json:"last_poll"`
	LastSuccess   time.Time     `json:"last_success"`
	LastError     string        `json:"last_error"`
	Failures      int           `json:"failures"`
	NextPoll      time.Time     `json:"next_poll"`
	ErrorReported bool          `json:"error_reported,omitempty"`
	Interval      time.Duration `json:"interval"`
	Seen          int           `json:"seen"`
	// Quiet and QuietItems: omitted when empty, so records written before
	// they existed read as feeds with none.
	Quiet      []quietJSON `json:"quiet,omitempty"`
	QuietItems []quietJSON `json:"quiet_items,omitempty"`
}

type quietJSON struct {
	Key string    `json:"k"`
	At  time.Time `json:"at"`
}

func (r feedRecord) feed() Feed {
	return Feed{URL: r.URL, ETag: r.ETag, LastModified: r.LastModified, LastPoll: r.LastPoll, LastSuccess: r.LastSuccess, LastError: r.LastError, Failures: r.Failures, NextPoll: r.NextPoll, ErrorReported: r.ErrorReported, Interval: r.Interval, Seen: r.Seen,
		Quiet: fromQuietJSON(r.Quiet), QuietItems: fromQuietJSON(r.QuietItems)}
}

func fromQuietJSON(js []quietJSON) []QuietMark {
	if len(js) == 0 {
		return nil
	}
	out := make([]QuietMark, len(js))
	for i, j := range js {
		out[i] = QuietMark(j)
	}
	return out
}

// mergeQuiet adds marks to the stored ones: one entry per key with its
// latest time, none older than QuietFor before now, at most
// MaxQuietPerFeed (the newest), oldest first.
func mergeQuiet(stored []quietJSON, marks []QuietMark, now time.Time) []quietJSON {
	at := make(map[string]time.Time, len(stored)+len(marks))
	add := func(k string, t time.Time) {
		if old, ok := at[k]; !ok || t.After(old) {
			at[k] = t
		}
	}
	for _, q := range stored {
		add(q.Key, q.At)
	}
	for _, m := range marks {
		add(m.Key, m.At.UTC())
	}
	out := make([]quietJSON, 0, len(at))
	oldest := now.Add(-QuietFor)
	for k, t := range at {
		if !t.Before(oldest) {
			out = append(out, quietJSON{Key: k, At: t})
		}
	}
	slices.SortFunc(out, func(a, b quietJSON) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	if len(out) > MaxQuietPerFeed {
		out = out[len(out)-MaxQuietPerFeed:]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Bounds on feed state.
const (
	// MaxSeenPerFeed bounds the item identities remembered per feed; the
	// oldest are forgotten first. Feeds list their newest items, so an
	// item old enough to be forgotten is no longer listed.
	MaxSeenPerFeed   = 50_000
	MaxItemsPerMark  = 1_000
	MaxItemKeyBytes  = 2 << 10
	maxFeedTextBytes = 4 << 10
)

func getFeed(tx *bolt.Tx, url string) (feedRecord, bool, error) {
	data := tx.Bucket(bucketFeeds).Get([]byte(url))
	if data == nil {
		return feedRecord{}, false, nil
	}
	var r feedRecord
	if err := decodeRecord(data, &r, &r.V); err != nil {
		return feedRecord{}, false, err
	}
	return r, true, nil
}

func putFeedRecord(tx *bolt.Tx, r feedRecord) error {
	data, err := encode(r)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketFeeds).Put([]byte(r.URL), data)
}

// Feed returns the state of a feed. The error wraps briefing.ErrNotFound
// when the feed has none.
func (db *DB) Feed(ctx context.Context, url string) (Feed, error) {
	if err := ctx.Err(); err != nil {
		return Feed{}, err
	}
	var f Feed
	err := db.view(func(tx *bolt.Tx) error {
		r, ok, err := getFeed(tx, url)
		if err != nil {
			return err
		}
		if !ok {
			return briefing.ErrNotFound
		}
		f = r.feed()
		return nil
	})
	if err != nil {
		return Feed{}, fmt.Errorf("feed %s: %w", url, err)
	}
	return f, nil
}

// PutFeed creates or replaces a feed's state, keeping its Seen count and
// adding its quiet marks to those stored (see QuietMark). A quiet mark's
// key is at most MaxItemKeyBytes.
func (db *DB) PutFeed(ctx context.Context, f Feed) error {
	if err := checkKeyPart("feed URL", f.URL, MaxURLBytes); err != nil {
		return fmt.Errorf("put feed: %w", err)
	}
	for _, s := range []string{f.ETag, f.LastModified, f.LastError} {
		if len(s) > maxFeedTextBytes {
			return fmt.Errorf("put feed %s: a header or error is %d bytes, more than %d: %w", f.URL, len(s), maxFeedTextBytes, ErrInvalid)
		}
	}
	if f.Failures < 0 || f.Interval < 0 {
		return fmt.Errorf("put feed %s: negative failures or interval: %w", f.URL, ErrInvalid)
	}
	for _, m := range slices.Concat(f.Quiet, f.QuietItems) {
		if err := checkKeyPart("quiet mark", m.Key, MaxItemKeyBytes); err != nil {
			return fmt.Errorf("put feed %s: %w", f.URL, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err := db.update(func(tx *bolt.Tx) error {
		old, _, err := getFeed(tx, f.URL)
		if err != nil {
			return err
		}
		now := db.now()
		return putFeedRecord(tx, feedRecord{
			V: recordVersion, URL: f.URL, ETag: f.ETag, LastModified: f.LastModified,
			LastPoll: f.LastPoll, LastSuccess: f.LastSuccess, LastError: f.LastError,
			Failures: f.Failures, NextPoll: f.NextPoll, ErrorReported: f.ErrorReported,
			Interval: f.Interval, Seen: old.Seen,
			Quiet:      mergeQuiet(old.Quiet, f.Quiet, now),
			QuietItems: mergeQuiet(old.QuietItems, f.QuietItems, now),
		})
	})
	if err != nil {
		return fmt.Errorf("put feed %s: %w", f.URL, err)
	}
	return nil
}

// DeleteFeed removes a feed's state and the items it has seen. The error
// wraps briefing.ErrNotFound when the feed has no state.
func (db *DB) DeleteFeed(ctx context.Context, url string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	err := db.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketFeeds).Get([]byte(url)) == nil {
			return briefing.ErrNotFound
		}
		prefix := prefixOf(url)
		for _, name := range [][]byte{bucketSeen, bucketSeenOrder} {
			b := tx.Bucket(name)
			var keys [][]byte
			c := b.Cursor()
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				keys = append(keys, append([]byte{}, k...))
			}
			for _, k := range keys {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
		}
		return tx.Bucket(bucketFeeds).Delete([]byte(url))
	})
	if err != nil {
		return fmt.Errorf("delete feed %s: %w", url, err)
	}
	return nil
}

// Feeds returns every feed's state in URL order: a scan of the feeds
// bucket, one small record per feed followed.
func (db *DB) Feeds(ctx context.Context) ([]Feed, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := []Feed{}
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketFeeds).ForEach(func(k, v []byte) error {
			var r feedRecord
			if err := decodeRecord(v, &r, &r.V); err != nil {
				return fmt.Errorf("feed %s: %w", k, err)
			}
			out = append(out, r.feed())
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	return out, nil
}

// SeenItem reports whether a feed item's identity (its GUID, or link) was
// marked seen for the feed. One key lookup.
func (db *DB) SeenItem(ctx context.Context, feedURL, itemKey string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	seen := false
	err := db.view(func(tx *bolt.Tx) error {
		seen = tx.Bucket(bucketSeen).Get(join([]byte(feedURL), []byte(itemKey))) != nil
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("seen item %s in %s: %w", itemKey, feedURL, err)
	}
	return seen, nil
}

// MarkItemsSeen remembers item identities for a feed, creating the feed's
// state if it has none and counting new identities in Feed.Seen. Past
// MaxSeenPerFeed the oldest identities are forgotten. At most
// MaxItemsPerMark keys per call, each at most MaxItemKeyBytes.
func (db *DB) MarkItemsSeen(ctx context.Context, feedURL string, itemKeys []string) error {
	if err := checkKeyPart("feed URL", feedURL, MaxURLBytes); err != nil {
		return fmt.Errorf("mark items seen: %w", err)
	}
	if len(itemKeys) > MaxItemsPerMark {
		return fmt.Errorf("mark items seen in %s: %d keys, more than %d: %w", feedURL, len(itemKeys), MaxItemsPerMark, ErrInvalid)
	}
	for _, k := range itemKeys {
		if err := checkKeyPart("item key", k, MaxItemKeyBytes); err != nil {
			return fmt.Errorf("mark items seen in %s: %w", feedURL, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err := db.update(func(tx *bolt.Tx) error {
		r, ok, err := getFeed(tx, feedURL)
		if err != nil {
			return err
		}
		if !ok {
			r = feedRecord{V: recordVersion, URL: feedURL}
		}
		seen := tx.Bucket(bucketSeen)
		order := tx.Bucket(bucketSeenOrder)
		at := timeKey(db.now())
		for _, item := range itemKeys {
			k := join([]byte(feedURL), []byte(item))
			if seen.Get(k) != nil {
				continue
			}
			if err := seen.Put(k, at); err != nil {
				return err
			}
			if err := order.Put(join([]byte(feedURL), at, []byte(item)), nil); err != nil {
				return err
			}
			r.Seen++
		}
		if r.Seen > MaxSeenPerFeed {
			prefix := prefixOf(feedURL)
			var old [][]byte
			c := order.Cursor()
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(old) < r.Seen-MaxSeenPerFeed; k, _ = c.Next() {
				old = append(old, append([]byte{}, k...))
			}
			for _, k := range old {
				item := k[len(prefix)+9:]
				if err := seen.Delete(join([]byte(feedURL), item)); err != nil {
					return err
				}
				if err := order.Delete(k); err != nil {
					return err
				}
				r.Seen--
			}
		}
		return putFeedRecord(tx, r)
	})
	if err != nil {
		return fmt.Errorf("mark items seen in %s: %w", feedURL, err)
	}
	return nil
}
