package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/briefing"
	bolt "go.etcd.io/bbolt"
)

// The digest log holds one entry per guild and local day
// (guild ID 0x00 YYYY-MM-DD), so a digest is posted at most once per guild
// per day, across restarts: the scheduler claims the day before it posts,
// and marks it sent or skipped after.

// DigestState is where a day's digest is.
type DigestState string

// The digest states. A claimed entry whose process died before it was
// marked is left for the caller to decide on (its Nonce lets Discord
// deduplicate a retried post).
const (
	DigestClaimed DigestState = "claimed"
	DigestSent    DigestState = "sent"
	DigestSkipped DigestState = "skipped"
)

// ErrDigestState is returned when a digest entry is not in a state that
// allows the change (marking a skipped day sent, skipping a sent one).
var ErrDigestState = errors.New("digest entry is in the wrong state")

// DigestEntry is one guild's digest for one local day.
type DigestEntry struct {
	GuildID string
	// Date is the guild's local date, YYYY-MM-DD.
	Date  string
	State DigestState
	// Nonce is the idempotency key sent to Discord with the post.
	Nonce      string
	ClaimedAt  time.Time
	SentAt     time.Time
	MessageIDs []string
	// Reason says why the day was skipped.
	Reason string
}

type digestRecord struct {
	V          int         `json:"v"`
	GuildID    string      `json:"guild_id"`
	Date       string      `json:"date"`
	State      DigestState `json:"state"`
	Nonce      string      `json:"nonce"`
	ClaimedAt  time.Time   `json:"claimed_at"`
	SentAt     time.Time   `json:"sent_at"`
	MessageIDs []string    `json:"message_ids"`
	Reason     string      `json:"reason,omitempty"`
}

func (r digestRecord) entry() DigestEntry {
	return DigestEntry{GuildID: r.GuildID, Date: r.Date, State: r.State, Nonce: r.Nonce, ClaimedAt: r.ClaimedAt, SentAt: r.SentAt, MessageIDs: r.MessageIDs, Reason: r.Reason}
}

// Bounds on digest entries.
const (
	maxDigestMessages = 100
	maxReasonBytes    = 1024
	maxNonceBytes     = 64
	// maxDigestScan bounds LastDigest's walk back over skipped days.
	maxDigestScan = 1000
)

func digestKey(guildID, date string) []byte {
	return join([]byte(guildID), []byte(date))
}

func checkDigestArgs(guildID, date string) error {
	if err := checkKeyPart("guild ID", guildID, MaxGuildIDBytes); err != nil {
		return err
	}
	if t, err := time.Parse(time.DateOnly, date); err != nil || t.Format(time.DateOnly) != date {
		return fmt.Errorf("digest date %q is not a YYYY-MM-DD date: %w", date, ErrInvalid)
	}
	return nil
}

func getDigest(tx *bolt.Tx, guildID, date string) (digestRecord, bool, error) {
	data := tx.Bucket(bucketDigests).Get(digestKey(guildID, date))
	if data == nil {
		return digestRecord{}, false, nil
	}
	var r digestRecord
	if err := decodeRecord(data, &r, &r.V); err != nil {
		return digestRecord{}, false, err
	}
	return r, true, nil
}

func putDigest(tx *bolt.Tx, r digestRecord) error {
	data, err := encode(r)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketDigests).Put(digestKey(r.GuildID, r.Date), data)
}

// ClaimDigest claims a guild's digest for a local date. If the day has no
// entry it records one as claimed with nonce and returns it and true; if
// the day already has an entry (claimed, sent or skipped) it returns that
// entry unchanged and false, so a second scheduler run, or a restart, does
// not post again.
func (db *DB) ClaimDigest(ctx context.Context, guildID, date, nonce string) (DigestEntry, bool, error) {
	if err := checkDigestArgs(guildID, date); err != nil {
		return DigestEntry{}, false, fmt.Errorf("claim digest: %w", err)
	}
	if len(nonce) > maxNonceBytes {
		return DigestEntry{}, false, fmt.Errorf("claim digest: nonce is %d bytes, more than %d: %w", len(nonce), maxNonceBytes, ErrInvalid)
	}
	if err := ctx.Err(); err != nil {
		return DigestEntry{}, false, err
	}
	var e DigestEntry
	claimed := false
	err := db.update(func(tx *bolt.Tx) error {
		r, ok, err := getDigest(tx, guildID, date)
		if err != nil {
			return err
		}
		if ok {
			e = r.entry()
			return nil
		}
		r = digestRecord{V: recordVersion, GuildID: guildID, Date: date, State: DigestClaimed, Nonce: nonce, ClaimedAt: db.now().UTC()}
		if err := putDigest(tx, r); err != nil {
			return err
		}
		e, claimed = r.entry(), true
		return nil
	})
	if err != nil {
		return DigestEntry{}, false, fmt.Errorf("claim digest %s %s: %w", guildID, date, err)
	}
	return e, claimed, nil
}

// MarkDigestSent records that a claimed day's digest was posted as the
// given messages. Marking a sent day again replaces its message IDs. The
// error wraps briefing.ErrNotFound when the day was never claimed and
// ErrDigestState when it was skipped.
func (db *DB) MarkDigestSent(ctx context.Context, guildID, date string, messageIDs []string) error {
	if err := checkDigestArgs(guildID, date); err != nil {
		return fmt.Errorf("mark digest sent: %w", err)
	}
	if len(messageIDs) > maxDigestMessages {
		return fmt.Errorf("mark digest sent: %d message IDs, more than %d: %w", len(messageIDs), maxDigestMessages, ErrInvalid)
	}
	for _, id := range messageIDs {
		if err := checkKeyPart("message ID", id, MaxGuildIDBytes); err != nil {
			return fmt.Errorf("mark digest sent: %w", err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err := db.update(func(tx *bolt.Tx) error {
		r, ok, err := getDigest(tx, guildID, date)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("no claim for the day: %w", briefing.ErrNotFound)
		}
		if r.State == DigestSkipped {
			return fmt.Errorf("the day was skipped (%s): %w", r.Reason, ErrDigestState)
		}
		r.State, r.SentAt, r.MessageIDs = DigestSent, db.now().UTC(), messageIDs
		return putDigest(tx, r)
	})
	if err != nil {
		return fmt.Errorf("mark digest %s %s sent: %w", guildID, date, err)
	}
	return nil
}

// SkipDigest records that a guild's digest for a day is not posted, and
// why. It creates the entry if the day has none, and turns a claimed entry
// into a skipped one; skipping a skipped day replaces the reason. The
// error wraps ErrDigestState when the day's digest was already sent.
func (db *DB) SkipDigest(ctx context.Context, guildID, date, reason string) error {
	if err := checkDigestArgs(guildID, date); err != nil {
		return fmt.Errorf("skip digest: %w", err)
	}
	if len(reason) > maxReasonBytes {
		return fmt.Errorf("skip digest: reason is %d bytes, more than %d: %w", len(reason), maxReasonBytes, ErrInvalid)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err := db.update(func(tx *bolt.Tx) error {
		r, ok, err := getDigest(tx, guildID, date)
		if err != nil {
			return err
		}
		if !ok {
			r = digestRecord{V: recordVersion, GuildID: guildID, Date: date, ClaimedAt: db.now().UTC()}
		}
		if r.State == DigestSent {
			return fmt.Errorf("the digest was already sent: %w", ErrDigestState)
		}
		r.State, r.Reason = DigestSkipped, reason
		return putDigest(tx, r)
	})
	if err != nil {
		return fmt.Errorf("skip digest %s %s: %w", guildID, date, err)
	}
	return nil
}

// DigestEntry returns a guild's digest entry for a day. The error wraps
// briefing.ErrNotFound when there is none.
func (db *DB) DigestEntry(ctx context.Context, guildID, date string) (DigestEntry, error) {
	if err := checkDigestArgs(guildID, date); err != nil {
		return DigestEntry{}, fmt.Errorf("digest entry: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return DigestEntry{}, err
	}
	var e DigestEntry
	err := db.view(func(tx *bolt.Tx) error {
		r, ok, err := getDigest(tx, guildID, date)
		if err != nil {
			return err
		}
		if !ok {
			return briefing.ErrNotFound
		}
		e = r.entry()
		return nil
	})
	if err != nil {
		return DigestEntry{}, fmt.Errorf("digest entry %s %s: %w", guildID, date, err)
	}
	return e, nil
}

// LastDigest returns a guild's newest sent digest: the digest's "since the
// last one". The error wraps briefing.ErrNotFound when none was sent in the
// guild's newest 1,000 entries. A backwards prefix scan of the guild's log.
func (db *DB) LastDigest(ctx context.Context, guildID string) (DigestEntry, error) {
	if err := checkKeyPart("guild ID", guildID, MaxGuildIDBytes); err != nil {
		return DigestEntry{}, fmt.Errorf("last digest: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return DigestEntry{}, err
	}
	var e DigestEntry
	err := db.view(func(tx *bolt.Tx) error {
		prefix := prefixOf(guildID)
		c := tx.Bucket(bucketDigests).Cursor()
		k, v := lastWithPrefix(c, prefix)
		for n := 0; k != nil && bytes.HasPrefix(k, prefix) && n < maxDigestScan; n++ {
			var r digestRecord
			if err := decodeRecord(v, &r, &r.V); err != nil {
				return fmt.Errorf("digest %q: %w", k, err)
			}
			if r.State == DigestSent {
				e = r.entry()
				return nil
			}
			k, v = c.Prev()
		}
		return briefing.ErrNotFound
	})
	if err != nil {
		return DigestEntry{}, fmt.Errorf("last digest of %s: %w", guildID, err)
	}
	return e, nil
}
