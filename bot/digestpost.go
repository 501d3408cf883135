package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/bwmarrin/discordgo"
)

// Bounds on what a digest reads.
const (
	// digestLookback is the window of a server's first digest.
	digestLookback = 24 * time.Hour
	// maxDigestWindow bounds the window after a long pause: a digest
	// covers at most the last week.
	maxDigestWindow = 7 * 24 * time.Hour
	// digestReadArticles bounds the new articles read for one digest;
	// the digest lists the newest briefing.MaxDigestArticles of them.
	digestReadArticles = 500
	// digestReadEvents bounds the events read for the week ahead.
	digestReadEvents = 200
)

// DigestSource is what composing a digest reads from the store; *storage.DB
// is one.
type DigestSource interface {
	LastDigest(ctx context.Context, guildID string) (storage.DigestEntry, error)
	StoredSince(ctx context.Context, since time.Time, limit int) ([]briefing.Briefing, error)
	QuotesIn(ctx context.Context, articleIDs []string) ([]briefing.AttributedQuote, error)
	EventsBetween(ctx context.Context, from, to time.Time, limit int) ([]briefing.ScheduledEvent, error)
}

// digestReader reads the inputs of digests: directReads reads the store for
// each digest, the scheduler's digestCache shares reads between servers.
type digestReader interface {
	// newArticles returns up to digestReadArticles articles stored at or
	// after since, oldest stored first (as StoredSince), and their quotes.
	newArticles(ctx context.Context, since time.Time) ([]briefing.Briefing, []briefing.AttributedQuote, error)
	// events returns the events whose period overlaps [from, to).
	events(ctx context.Context, from, to time.Time) ([]briefing.ScheduledEvent, error)
}

// directReads is a digestReader that reads the store every time.
type directReads struct{ st DigestSource }

func (r directReads) newArticles(ctx context.Context, since time.Time) ([]briefing.Briefing, []briefing.AttributedQuote, error) {
	articles, err := r.st.StoredSince(ctx, since, digestReadArticles)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return nil, nil, fmt.Errorf("new articles: %w", err)
	}
	if len(articles) == 0 {
		return nil, nil, nil
	}
	ids := make([]string, len(articles))
	for i, b := range articles {
		ids[i] = b.Article.ID
	}
	quotes, err := r.st.QuotesIn(ctx, ids)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return nil, nil, fmt.Errorf("quotes: %w", err)
	}
	return articles, quotes, nil
}

func (r directReads) events(ctx context.Context, from, to time.Time) ([]briefing.ScheduledEvent, error) {
	evs, err := r.st.EventsBetween(ctx, from, to, digestReadEvents)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return nil, fmt.Errorf("events: %w", err)
	}
	return evs, nil
}

// gatherDigest reads what a server's digest for the digest instant
// scheduled is made of and composes it: the articles stored since the
// server's previous digest (or in the day before, for a first digest),
// the quotes in them, and the events of the week ahead of the local date
// (briefing.WeekAhead). Articles in quiet (a feed's back catalogue) are left out.
func gatherDigest(ctx context.Context, st DigestSource, rd digestReader, guildID string, scheduled time.Time, loc *time.Location, quiet *quietArticles) (briefing.Digest, error) {
	date := localDay(scheduled, loc)
	since := scheduled.Add(-digestLookback)
	if guildID != "" {
		last, err := st.LastDigest(ctx, guildID)
		switch {
		case err == nil && last.Date < localDate(scheduled, loc) && last.ClaimedAt.Before(scheduled):
			// From when the previous digest was claimed: it read the store
			// after that, so an article stored in between is repeated
			// rather than missed.
			since = last.ClaimedAt
		case err != nil && !errors.Is(err, briefing.ErrNotFound):
			return briefing.Digest{}, fmt.Errorf("digest of %s: previous digest: %w", guildID, err)
		}
	}
	if oldest := scheduled.Add(-maxDigestWindow); since.Before(oldest) {
		since = oldest
	}
	articles, quotes, err := rd.newArticles(ctx, since)
	if err != nil {
		return briefing.Digest{}, fmt.Errorf("digest of %s: %w", guildID, err)
	}
	in := briefing.DigestInput{Date: date, Since: since, Quotes: quotes}
	in.EventsFrom, in.EventsTo = briefing.WeekAhead(date)
	in.Articles = articles
	if quiet.any(articles) {
		in.Articles = nil
		for _, b := range articles {
			if !quiet.has(b.Article.ID) {
				in.Articles = append(in.Articles, b)
			}
		}
	}
	if in.Events, err = rd.events(ctx, in.EventsFrom, in.EventsTo); err != nil {
		return briefing.Digest{}, fmt.Errorf("digest of %s: %w", guildID, err)
	}
	return briefing.ComposeDigest(in), nil
}

// localDay is t's local calendar date in loc at midnight UTC, the way
// briefing dates are kept.
func localDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// digestNonce is the idempotency key of a server's digest for a local date:
// the same on every try, different for every server and day. With the
// message's part number it stays within Discord's 25 characters.
func digestNonce(guildID, date string) string {
	sum := sha256.Sum256([]byte(guildID + "\x00" + date))
	return "d" + strings.ReplaceAll(date, "-", "") + hex.EncodeToString(sum[:5])
}

// partNonce is the nonce of one message of a digest.
func partNonce(base string, part int) string {
	return base + "." + strconv.Itoa(part)
}

// channelMessage is a message as POST /channels/{id}/messages takes it,
// with the nonce fields discordgo's MessageSend lacks.
type channelMessage struct {
	Content         string                            `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	Nonce           string                            `json:"nonce,omitempty"`
	EnforceNonce    bool                              `json:"enforce_nonce,omitempty"`
}

// sendRetries is how many times a message is sent again after a server
// error or a lost connection; its nonce makes that safe. sendRateLimits is
// how many 429s in a row it waits out.
const (
	sendRetries    = 3
	sendRateLimits = 5
)

// sendAll posts messages in order, each with its part's nonce, and
// returns the IDs of those posted. It stops at the first that fails.
func (s *Scheduler) sendAll(ctx context.Context, channelID, nonce string, msgs []channelMessage) ([]string, error) {
	var ids []string
	for i, m := range msgs {
		m.Nonce = partNonce(nonce, i+1)
		m.EnforceNonce = true
		id, err := sendMessage(ctx, s.rest, channelID, m, s.sendBackoff)
		if err != nil {
			return ids, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// sendMessage posts one channel message, retrying server errors and lost
// connections a few times, waiting backoff and then twice as long each
// time. Discord answers a repeated nonce with the message it already
// created, so a retry never posts twice. A 429 is waited out here, for
// the retry_after Discord asks, and not in discordgo, whose wait ignores
// ctx: a shutdown ends the wait at once.
func sendMessage(ctx context.Context, rest REST, channelID string, m channelMessage, backoff time.Duration) (string, error) {
	if m.AllowedMentions == nil {
		m.AllowedMentions = noMentions()
	}
	endpoint := discordgo.EndpointChannelMessages(channelID)
	limited := 0
	for attempt := 0; ; attempt++ {
		body, err := rest.RequestWithBucketID(http.MethodPost, endpoint, m, endpoint, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
		var rl *discordgo.RateLimitError
		if errors.As(err, &rl) && limited < sendRateLimits {
			limited++
			attempt-- // a rate limit is not a failed try
			select {
			case <-time.After(rl.RetryAfter):
				continue
			case <-ctx.Done():
				return "", fmt.Errorf("post message: %w (while waiting %v for a rate limit)", ctx.Err(), rl.RetryAfter)
			}
		}
		if err == nil {
			var msg struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(body, &msg); err != nil || msg.ID == "" {
				return "", fmt.Errorf("post message: Discord's answer has no message ID: %s", clipBytes(body))
			}
			return msg.ID, nil
		}
		var re *discordgo.RESTError
		if errors.As(err, &re) && refused(re) || ctx.Err() != nil || attempt == sendRetries {
			return "", fmt.Errorf("post message: %w", err)
		}
		select {
		case <-time.After(backoff):
			backoff *= 2
		case <-ctx.Done():
			return "", fmt.Errorf("post message: %w", err)
		}
	}
}

// refused reports whether Discord rejected a request for good (a 4xx other
// than a rate limit): the message was not posted, and sending it again
// will not help.
func refused(re *discordgo.RESTError) bool {
	if re.Response == nil {
		return false
	}
	c := re.Response.StatusCode
	return c >= 400 && c < 500 && c != http.StatusTooManyRequests
}

// discordReason is Discord's own explanation of a refusal.
func discordReason(re *discordgo.RESTError) string {
	if re.Message != nil && re.Message.Message != "" {
		return fmt.Sprintf("%d %s (code %d)", re.Response.StatusCode, re.Message.Message, re.Message.Code)
	}
	return re.Response.Status
}

func clipBytes(b []byte) string {
	if len(b) > 200 {
		b = b[:200]
	}
	return strings.ToValidUTF8(string(b), "?")
}

// quietArticles remembers the articles of feeds' back catalogues (stored by
// a feed's first poll, or an item it listed and a later poll stored), kept
// in the store for /summary and /quotes but not announced in a digest as
// new. Entries expire after the longest digest window.
//
// The set is a copy in memory of the feeds' quiet lists in the store
// (storage.Feed.Quiet), loaded when the scheduler starts and after each
// poll, so that it survives a restart.
type quietArticles struct {
	mu  sync.Mutex
	ids map[string]time.Time
}

// maxQuiet bounds the set: 100 feeds' first polls of 500 items each.
const maxQuiet = 50_000

func newQuietArticles() *quietArticles {
	return &quietArticles{ids: map[string]time.Time{}}
}

func (q *quietArticles) add(now time.Time, ids ...string) {
	marks := make([]storage.QuietMark, len(ids))
	for i, id := range ids {
		marks[i] = storage.QuietMark{Key: id, At: now}
	}
	q.addMarks(now, marks)
}

// addMarks adds article IDs marked quiet at their own times, leaving out
// those already expired at now.
func (q *quietArticles) addMarks(now time.Time, marks []storage.QuietMark) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for id, at := range q.ids {
		if now.Sub(at) > maxDigestWindow {
			delete(q.ids, id)
		}
	}
	for _, m := range marks {
		if now.Sub(m.At) > maxDigestWindow {
			continue
		}
		if at, ok := q.ids[m.Key]; ok {
			if m.At.After(at) {
				q.ids[m.Key] = m.At
			}
			continue
		}
		if len(q.ids) >= maxQuiet {
			return
		}
		q.ids[m.Key] = m.At
	}
}

// any reports whether any of bs is quiet.
func (q *quietArticles) any(bs []briefing.Briefing) bool {
	if q == nil {
		return false
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.ids) == 0 {
		return false
	}
	for i := range bs {
		if _, ok := q.ids[bs[i].Article.ID]; ok {
			return true
		}
	}
	return false
}

func (q *quietArticles) has(id string) bool {
	if q == nil {
		return false
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	_, ok := q.ids[id]
	return ok
}

// GuildDigest composes the digest a server would be posted on a local
// date: at its digest time that day (midnight if it has none) in loc, from
// the articles stored since its previous digest before that date. It is the
// preview of a digest, for /digest and `briefbot digest --guild`; nothing
// is claimed or posted.
func GuildDigest(ctx context.Context, st DigestSource, g storage.Guild, date time.Time, loc *time.Location) (briefing.Digest, error) {
	y, m, d := date.Date()
	at := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if hh, mm, ok := parseClock(g.DigestTime); ok {
		if sched, err := newDailySchedule(hh, mm, loc); err == nil {
			at = sched.at(y, m, d)
		}
	}
	return gatherDigest(ctx, st, directReads{st}, g.ID, at, loc, nil)
}
