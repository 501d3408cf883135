package bot

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/source"
	"github.com/briefbot/briefbot/storage"
)

// feedJitterFraction spreads feeds over their interval: a feed's polls
// come up to this fraction of its interval after the time the ingester
// set, by an amount fixed per feed, so feeds added together drift apart
// instead of polling in step.
const feedJitterFraction = 10

// feedLoop polls every feed some configured server follows when it is due,
// and sleeps on the clock until the next is.
func (s *Scheduler) feedLoop(ctx context.Context) {
	for {
		picked := s.pendingFeeds.Load()
		now := s.clock.Now()
		next, err := s.pollDueFeeds(ctx, now)
		if err != nil && ctx.Err() == nil {
			s.log.Error("feed schedule: reading the store failed; trying again later", "err", err)
		}
		wait := idleSleep
		if !next.IsZero() {
			wait = min(max(next.Sub(now), minFeedTick), idleSleep)
		}
		timer := s.clock.NewTimer(wait)
		s.pendingFeeds.Add(-picked)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C():
		case <-s.wakeFeeds:
			timer.Stop()
		}
	}
}

// pollDueFeeds starts a poll of each followed feed that is due and not
// being polled, and returns when the next one is due (zero if none is
// followed).
func (s *Scheduler) pollDueFeeds(ctx context.Context, now time.Time) (time.Time, error) {
	guilds, err := s.store.Guilds(ctx)
	if err != nil {
		return now.Add(time.Minute), err
	}
	followers := map[string][]storage.Guild{}
	for _, g := range guilds {
		for _, u := range g.Feeds {
			followers[u] = append(followers[u], g)
		}
	}
	states, err := s.store.Feeds(ctx)
	if err != nil {
		return now.Add(time.Minute), err
	}
	known := make(map[string]storage.Feed, len(states))
	for _, f := range states {
		known[f.URL] = f
	}
	urls := make([]string, 0, len(followers))
	for u := range followers {
		urls = append(urls, u)
	}
	sort.Strings(urls)

	var next time.Time
	for _, u := range urls {
		st, ok := known[u]
		due := now
		if ok && !st.NextPoll.IsZero() {
			due = st.NextPoll.Add(feedJitter(u, s.feedInterval(st)))
		}
		if due.After(now) {
			if next.IsZero() || due.Before(next) {
				next = due
			}
			continue
		}
		s.mu.Lock()
		busy := s.polling[u]
		if !busy {
			s.polling[u] = true
		}
		s.mu.Unlock()
		if busy {
			continue
		}
		if !ok {
			// Give a new feed state before its first poll, so that a first
			// poll that fails is recorded and backed off like any other.
			if err := s.store.PutFeed(ctx, storage.Feed{URL: u}); err != nil {
				s.donePolling(u)
				return now.Add(time.Minute), err
			}
		}
		s.inflight.Add(1)
		s.jobs.Add(1)
		go func() {
			defer s.jobs.Done()
			defer s.inflight.Add(-1)
			defer s.donePolling(u)
			defer s.recoverPoll(ctx, u, followers[u])
			s.pollFeed(ctx, u, followers[u])
		}()
	}
	return next, nil
}

// loadQuiet fills the set of quiet articles from the feeds' state in the
// store, so that a back catalogue stored before a restart stays out of the
// digests after it.
func (s *Scheduler) loadQuiet(ctx context.Context) error {
	feeds, err := s.store.Feeds(ctx)
	if err != nil {
		return fmt.Errorf("scheduler: read feeds' quiet articles: %w", err)
	}
	now := s.clock.Now()
	for _, f := range feeds {
		s.quiet.addMarks(now, f.Quiet)
	}
	return nil
}

func (s *Scheduler) donePolling(u string) {
	s.mu.Lock()
	delete(s.polling, u)
	s.mu.Unlock()
	// The loop computed its next wake without this feed; let it look again.
	s.pendingFeeds.Add(1)
	notify(s.wakeFeeds)
}

func (s *Scheduler) feedInterval(f storage.Feed) time.Duration {
	if f.Interval > 0 {
		return f.Interval
	}
	return DefaultFeedInterval
}

// feedJitter is a feed's fixed offset within a tenth of its interval.
func feedJitter(url string, interval time.Duration) time.Duration {
	span := interval / feedJitterFraction
	if span <= 0 {
		return 0
	}
	sum := sha256.Sum256([]byte(url))
	return time.Duration(binary.BigEndian.Uint64(sum[:8]) % uint64(span))
}

// pollFeed polls one feed. A first poll's articles are stored but kept out
// of digests; a feed that has failed FeedReportAfter times in a row is
// reported once in the channel of each server that follows it.
func (s *Scheduler) pollFeed(ctx context.Context, url string, followers []storage.Guild) {
	select {
	case s.feeSem <- struct{}{}:
		defer func() { <-s.feeSem }()
	case <-ctx.Done():
		return
	}
	pctx, cancel := context.WithTimeout(ctx, defaultFeedPollTimeout)
	defer cancel()
	res, err := s.feeds.PollFeed(pctx, url, source.PollOptions{})
	var created, quiet []string
	for _, n := range res.New {
		switch {
		case !n.Stored.Created:
		case res.BackCatalogue || n.BackCatalogue:
			quiet = append(quiet, n.Stored.ID)
		default:
			created = append(created, n.Stored.ID)
		}
	}
	// Also when the poll failed after storing part of the back catalogue
	// (its time ran out): the feed's next poll is still its first
	// success, and does not return what is stored already. The feed's
	// state in the store keeps the same list across restarts.
	now := s.clock.Now()
	s.quiet.add(now, quiet...)
	s.quiet.addMarks(now, res.Feed.Quiet)
	if err == nil {
		switch {
		case res.BackCatalogue:
			s.log.Info("feed's first poll: back catalogue stored, not announced", "feed", url, "articles", len(quiet))
		case len(created) > 0 || len(quiet) > 0:
			// quiet: back-catalogue items the first poll left to retry.
			s.log.Info("feed polled", "feed", url, "new", len(created), "back_catalogue", len(quiet), "next", res.Feed.NextPoll)
		}
		return
	}
	if ctx.Err() != nil {
		return
	}
	st := res.Feed
	if st.URL == "" {
		st, err = s.store.Feed(ctx, url)
		if err != nil {
			s.log.Error("feed poll failed and its state cannot be read", "feed", url, "err", err)
			return
		}
	}
	s.log.Warn("feed poll failed", "feed", url, "failures", st.Failures, "next", st.NextPoll, "err", st.LastError)
	s.reportFailing(ctx, st, followers)
}

// maxPanicText bounds the panic value kept as a feed's last error.
const maxPanicText = 300

// recoverPoll, deferred around a poll, turns a panic in the feed's reading
// (a feed that trips a parser bug) into a failed poll of that feed: it is
// logged with the feed's address, counted in the feed's failures, backed
// off and reported like any other failure, and the process carries on.
func (s *Scheduler) recoverPoll(ctx context.Context, url string, followers []storage.Guild) {
	p := recover()
	if p == nil {
		return
	}
	s.log.Error("feed poll panicked; recovered and counted as a failure", "feed", url, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	st, err := s.store.Feed(ctx, url)
	if errors.Is(err, briefing.ErrNotFound) {
		st, err = storage.Feed{URL: url}, nil
	}
	if err != nil {
		s.log.Error("could not record the failed poll", "feed", url, "err", err)
		return
	}
	now := s.clock.Now()
	st.Failures++
	st.LastPoll = now
	st.LastError = truncate("briefbot's feed reader failed on this feed: "+oneLine(fmt.Sprint(p)), maxPanicText)
	st.NextPoll = now.Add(source.Backoff(st.Failures, s.feedInterval(st), source.DefaultMaxBackoff))
	if err := s.store.PutFeed(ctx, st); err != nil {
		s.log.Error("could not record the failed poll", "feed", url, "err", err)
		return
	}
	s.reportFailing(ctx, st, followers)
}

// reportFailing tells the followers of a feed that has failed
// FeedReportAfter times in a row, once per run of failures.
func (s *Scheduler) reportFailing(ctx context.Context, st storage.Feed, followers []storage.Guild) {
	url := st.URL
	if st.Failures < s.cfg.FeedReportAfter || st.ErrorReported {
		return
	}
	reported := false
	for _, g := range followers {
		if !postable(g) {
			continue // no digest channel, or the console's settings
		}
		m := channelMessage{Content: feedErrorMessage(st, s.cfg.FeedReportAfter), AllowedMentions: noMentions(), EnforceNonce: true,
			Nonce: feedErrorNonce(g.ID, st)}
		if _, err := sendMessage(ctx, s.rest, g.ChannelID, m, s.sendBackoff); err != nil {
			s.log.Error("could not report a failing feed", "feed", url, "guild", g.ID, "err", err)
			continue
		}
		reported = true
	}
	if !reported {
		return
	}
	st.ErrorReported = true
	if err := s.store.PutFeed(ctx, st); err != nil && !errors.Is(err, briefing.ErrNotFound) {
		s.log.Error("could not record that a failing feed was reported", "feed", url, "err", err)
	}
}

// feedErrorMessage tells a server that one of its feeds keeps failing.
func feedErrorMessage(f storage.Feed, after int) string {
	msg := fmt.Sprintf("briefbot cannot read the feed %s: it failed %d times in a row. The last error: %s\n"+
		"briefbot keeps trying, less often, and the feed's new articles come back in the digest once it works again. /briefing feeds list shows its state.",
		linkText(f.URL), max(f.Failures, after), escape(oneLine(f.LastError)))
	return truncate(msg, maxContent)
}

// feedErrorNonce keys a failure report to the server, the feed and the
// failure's start (its last success), so that a retried report is
// recognised and a later failure gets a report of its own.
func feedErrorNonce(guildID string, f storage.Feed) string {
	sum := sha256.Sum256([]byte(guildID + "\x00" + f.URL + "\x00" + f.LastSuccess.UTC().Format(time.RFC3339Nano)))
	return "f" + hex.EncodeToString(sum[:12])
}

// feedStates is the part of the store that knows each feed's polling state.
type feedStates interface {
	Feed(ctx context.Context, url string) (storage.Feed, error)
}

// feedStatusLines describes each feed with its state, for /briefing feeds
// list: when it was last read, and for a failing feed how many polls
// failed, the last error and when it is tried next. Each line fits an
// embed description on its own.
func feedStatusLines(ctx context.Context, st feedStates, feeds []string) ([]string, error) {
	lines := make([]string, 0, len(feeds))
	for _, u := range feeds {
		line := "• " + linkText(u)
		f, err := st.Feed(ctx, u)
		if err == nil && f.Interval > 0 {
			line += " (every " + minutes(f.Interval) + ")"
		}
		switch {
		case errors.Is(err, briefing.ErrNotFound):
			line += " — not read yet"
		case err != nil:
			return nil, err
		case f.Failures > 0:
			since := "since it was added"
			if !f.LastSuccess.IsZero() {
				since = fmt.Sprintf("since it last worked <t:%d:R>", f.LastSuccess.Unix())
			}
			line += fmt.Sprintf(" — **failing**: %s in a row %s; next try <t:%d:R>.\n  Last error: %s",
				plural(f.Failures, "failed poll"), since, f.NextPoll.Unix(), escape(truncate(oneLine(f.LastError), 300)))
		case !f.LastSuccess.IsZero():
			line += fmt.Sprintf(" — read <t:%d:R>", f.LastSuccess.Unix())
		default:
			line += " — not read yet"
		}
		lines = append(lines, truncate(line, feedsListBudget))
	}
	return lines, nil
}
