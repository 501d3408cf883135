package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/briefing"
	bolt "go.etcd.io/bbolt"
)

// Guild is one Discord server's digest settings.
type Guild struct {
	ID        string
	ChannelID string
	// DigestTime is the local time of the daily digest, "HH:MM".
	DigestTime string
	// TimeZone is an IANA zone name; the caller validates it.
	TimeZone string
	// SkipEmpty skips a day with nothing new instead of posting
	// "nothing new".
	SkipEmpty bool
	Feeds     []string
	// UpdatedAt is set by PutGuild.
	UpdatedAt time.Time
}

// Bounds on guild settings.
const (
	MaxGuildIDBytes = 64
	MaxGuildFeeds   = 100
)

type guildRecord struct {
	V          int       `json:"v"`
	ID         string    `json:"id"`
	ChannelID  string    `json:"channel_id"`
	DigestTime string    `json:"digest_time"`
	TimeZone   string    `json:"time_zone"`
	SkipEmpty  bool      `json:"skip_empty,omitempty"`
	Feeds      []string  `json:"feeds"`
	UpdatedAt  time.Time `json:"updated_at"`
}

func (r guildRecord) guild() Guild {
	return Guild{ID: r.ID, ChannelID: r.ChannelID, DigestTime: r.DigestTime, TimeZone: r.TimeZone, SkipEmpty: r.SkipEmpty, Feeds: r.Feeds, UpdatedAt: r.UpdatedAt}
}

// checkKeyPart checks an identifier that becomes (part of) a key.
func checkKeyPart(what, s string, max int) error {
	if s == "" {
		return fmt.Errorf("empty %s: %w", what, ErrInvalid)
	}
	if err := checkName("", what, s, max); err != nil {
		return fmt.Errorf("%s %q: bad value (at most %d bytes of UTF-8 text without control characters): %w", what, s, max, ErrInvalid)
	}
	return nil
}

func validateGuild(g Guild) error {
	if err := checkKeyPart("guild ID", g.ID, MaxGuildIDBytes); err != nil {
		return err
	}
	if len(g.ChannelID) > MaxGuildIDBytes || len(g.TimeZone) > 64 {
		return fmt.Errorf("guild %s: channel ID or time zone too long: %w", g.ID, ErrInvalid)
	}
	if g.DigestTime != "" {
		if _, err := time.Parse("15:04", g.DigestTime); err != nil || len(g.DigestTime) != 5 {
			return fmt.Errorf("guild %s: digest time %q is not HH:MM: %w", g.ID, g.DigestTime, ErrInvalid)
		}
	}
	if len(g.Feeds) > MaxGuildFeeds {
		return fmt.Errorf("guild %s: %d feeds, more than %d: %w", g.ID, len(g.Feeds), MaxGuildFeeds, ErrInvalid)
	}
	for _, f := range g.Feeds {
		if err := checkKeyPart("feed URL", f, MaxURLBytes); err != nil {
			return fmt.Errorf("guild %s: %w", g.ID, err)
		}
	}
	return nil
}

// Guild returns a guild's settings. The error wraps briefing.ErrNotFound
// when the guild has none.
func (db *DB) Guild(ctx context.Context, id string) (Guild, error) {
	if err := ctx.Err(); err != nil {
		return Guild{}, err
	}
	var g Guild
	err := db.view(func(tx *bolt.Tx) error {
		data := tx.Bucket(bucketGuilds).Get([]byte(id))
		if data == nil {
			return briefing.ErrNotFound
		}
		var r guildRecord
		if err := decodeRecord(data, &r, &r.V); err != nil {
			return err
		}
		g = r.guild()
		return nil
	})
	if err != nil {
		return Guild{}, fmt.Errorf("guild %s: %w", id, err)
	}
	return g, nil
}

// PutGuild creates or replaces a guild's settings, setting UpdatedAt.
func (db *DB) PutGuild(ctx context.Context, g Guild) error {
	if err := validateGuild(g); err != nil {
		return fmt.Errorf("put guild: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	r := guildRecord{V: recordVersion, ID: g.ID, ChannelID: g.ChannelID, DigestTime: g.DigestTime, TimeZone: g.TimeZone, SkipEmpty: g.SkipEmpty, Feeds: g.Feeds, UpdatedAt: db.now().UTC()}
	data, err := encode(r)
	if err != nil {
		return fmt.Errorf("put guild %s: %w", g.ID, err)
	}
	err = db.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketGuilds).Put([]byte(g.ID), data)
	})
	if err != nil {
		return fmt.Errorf("put guild %s: %w", g.ID, err)
	}
	return nil
}

// DeleteGuild removes a guild's settings (its digest log stays). The error
// wraps briefing.ErrNotFound when there were none.
func (db *DB) DeleteGuild(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	err := db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketGuilds)
		if b.Get([]byte(id)) == nil {
			return briefing.ErrNotFound
		}
		return b.Delete([]byte(id))
	})
	if err != nil {
		return fmt.Errorf("delete guild %s: %w", id, err)
	}
	return nil
}

// Guilds returns every guild's settings in ID order: a scan of the guilds
// bucket, which holds one small record per server the bot is in.
func (db *DB) Guilds(ctx context.Context) ([]Guild, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := []Guild{}
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketGuilds).ForEach(func(k, v []byte) error {
			var r guildRecord
			if err := decodeRecord(v, &r, &r.V); err != nil {
				return fmt.Errorf("guild %s: %w", k, err)
			}
			out = append(out, r.guild())
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("guilds: %w", err)
	}
	return out, nil
}
