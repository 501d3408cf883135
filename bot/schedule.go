package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/source"
	"github.com/briefbot/briefbot/storage"
	"github.com/bwmarrin/discordgo"
	"github.com/robfig/cron/v3"
)

// Defaults of the zero SchedulerConfig.
const (
	// DefaultGrace is how late a digest may still be posted, when briefbot
	// was not running at its time; later, the day is skipped.
	DefaultGrace = 6 * time.Hour
	// DefaultRetryWindow is how long after claiming a day a restarted
	// briefbot may post that day's digest again. Discord recognises a
	// repeated message nonce only for "the past few minutes"; past the
	// window a retry could post twice, so the day is skipped instead.
	DefaultRetryWindow = 5 * time.Minute
	// DefaultFeedInterval is the time between polls of a healthy feed
	// that sets no interval of its own. Give it to the source.Ingester
	// (IngestOptions.Interval): the ingester decides each feed's next poll.
	DefaultFeedInterval = 15 * time.Minute
	// DefaultFeedReportAfter is how many failed polls in a row make a
	// feed's error worth a message in the server's channel.
	DefaultFeedReportAfter = 3

	defaultDigestConcurrency = 16
	defaultFeedConcurrency   = 4
	defaultDigestTimeout     = 5 * time.Minute
	defaultFeedPollTimeout   = 5 * time.Minute
	// shutdownWait bounds how long Run waits for digests being posted
	// when it is stopped, before it cancels them.
	shutdownWait = 10 * time.Second
	// digestRetries are the waits before a failed digest run is tried
	// again, all within DefaultRetryWindow of its claim so the retry may
	// post with the same nonces.
	digestRetry1, digestRetry2 = time.Minute, 2 * time.Minute
	// defaultSendBackoff is the first wait before a message is sent again
	// after a server error.
	defaultSendBackoff = time.Second
	// idleSleep is how long a loop with nothing scheduled sleeps before it
	// looks again; changes wake it sooner.
	idleSleep = time.Hour
	// minFeedTick keeps the feed loop from waking more often than this,
	// however the feeds' times are spread.
	minFeedTick = 10 * time.Second
)

// SchedulerStore is what the scheduler reads and writes. *storage.DB is the
// production store.
type SchedulerStore interface {
	Guild(ctx context.Context, id string) (storage.Guild, error)
	Guilds(ctx context.Context) ([]storage.Guild, error)
	PutGuild(ctx context.Context, g storage.Guild) error
	DigestEntry(ctx context.Context, guildID, date string) (storage.DigestEntry, error)
	ClaimDigest(ctx context.Context, guildID, date, nonce string) (storage.DigestEntry, bool, error)
	MarkDigestSent(ctx context.Context, guildID, date string, messageIDs []string) error
	SkipDigest(ctx context.Context, guildID, date, reason string) error
	Feed(ctx context.Context, url string) (storage.Feed, error)
	Feeds(ctx context.Context) ([]storage.Feed, error)
	PutFeed(ctx context.Context, f storage.Feed) error
	DigestSource
}

var _ SchedulerStore = (*storage.DB)(nil)

// REST is the part of *discordgo.Session the scheduler posts with. A
// channel message goes through RequestWithBucketID because discordgo
// v0.29.0's MessageSend has no nonce fields.
type REST interface {
	RequestWithBucketID(method, urlStr string, data any, bucketID string, options ...discordgo.RequestOption) ([]byte, error)
}

var _ REST = (*discordgo.Session)(nil)

// FeedPoller polls one feed and stores its new articles; *source.Ingester
// is the production one.
type FeedPoller interface {
	PollFeed(ctx context.Context, feedURL string, opts source.PollOptions) (source.PollResult, error)
}

var _ FeedPoller = (*source.Ingester)(nil)

// SchedulerConfig is what a Scheduler needs. Store and Discord are
// required; the rest has defaults.
type SchedulerConfig struct {
	Store   SchedulerStore
	Discord REST
	// Feeds polls the servers' feeds; nil leaves feeds alone.
	Feeds FeedPoller
	// Clock is the time the schedule runs on; nil means RealClock. The
	// store and the feed poller should read the same clock.
	Clock  Clock
	Logger *slog.Logger
	// Grace is DefaultGrace when zero.
	Grace time.Duration
	// RetryWindow is DefaultRetryWindow when zero.
	RetryWindow time.Duration
	// FeedReportAfter is DefaultFeedReportAfter when zero.
	FeedReportAfter int
	// DigestConcurrency bounds the digests composed and posted at once.
	DigestConcurrency int
	// DigestTimeout bounds one server's digest, from reading the store to
	// the last message.
	DigestTimeout time.Duration
	// Locks serialise changes to each server's settings: the scheduler
	// turns off a digest Discord keeps refusing. Give it the Bot's
	// (Config.Locks); nil makes its own.
	Locks *GuildLocks
}

// Scheduler posts each configured server's daily digest at the server's
// local time and polls the servers' feeds. Create it with NewScheduler, run
// it with Run, and tell it about settings changes with GuildChanged.
//
// Each server has one schedule entry (a cron spec "MM HH * * *" parsed by
// robfig/cron and set to the server's zone), run by the scheduler's own
// loop on its Clock. A server's digest job is wrapped in cron's
// SkipIfStillRunning and Recover, so it never overlaps itself and a panic
// is logged, not fatal; each job runs in its own goroutine, so a slow or
// failing server does not hold up the others.
//
// A digest is posted at most once per server and local date, across
// restarts: the day is claimed in the store before posting and marked sent
// after, and every message carries a nonce derived from the server and the
// date, with enforce_nonce, so a retry after a crash between the two is
// recognised by Discord instead of posted again.
type Scheduler struct {
	store  SchedulerStore
	rest   REST
	feeds  FeedPoller
	clock  Clock
	log    *slog.Logger
	cfg    SchedulerConfig
	chain  cron.Chain
	quiet  *quietArticles
	reads  digestReader
	digSem chan struct{}
	feeSem chan struct{}
	// sendBackoff is defaultSendBackoff and stopWait is shutdownWait;
	// tests shorten them.
	sendBackoff time.Duration
	stopWait    time.Duration

	mu      sync.Mutex
	entries map[string]*digestEntry
	polling map[string]bool
	jobCtx  context.Context

	wakeDigests chan struct{}
	wakeFeeds   chan struct{}
	jobs        sync.WaitGroup

	// For tests that drive the clock: work started and not finished, and
	// changes a loop has not yet picked up.
	inflight       atomic.Int64
	pendingDigests atomic.Int64
	pendingFeeds   atomic.Int64
}

// digestEntry is one server's place in the schedule.
type digestEntry struct {
	guildID string
	sched   dailySchedule
	next    time.Time
	// due is the digest instant the next run of job is for (UnixNano).
	due atomic.Int64
	// job is the server's digest job wrapped in the cron chain. It is
	// kept when the server's time moves, so the skip-if-running guard
	// spans the move.
	job cron.Job
	// retryAt, when set, is when a failed run for the digest instant
	// retryFor is tried again; retries counts the tries so far.
	retryAt, retryFor time.Time
	retries           int
}

// NewScheduler checks the configuration and builds a scheduler. It does not
// start it.
func NewScheduler(cfg SchedulerConfig) (*Scheduler, error) {
	if cfg.Store == nil {
		return nil, errors.New("scheduler: no store")
	}
	if cfg.Discord == nil {
		return nil, errors.New("scheduler: no Discord session")
	}
	if cfg.Clock == nil {
		cfg.Clock = RealClock()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Grace < 0 || cfg.RetryWindow < 0 || cfg.DigestTimeout < 0 {
		return nil, errors.New("scheduler: negative grace, retry window or timeout")
	}
	if cfg.Grace == 0 {
		cfg.Grace = DefaultGrace
	}
	if cfg.RetryWindow == 0 {
		cfg.RetryWindow = DefaultRetryWindow
	}
	if cfg.FeedReportAfter <= 0 {
		cfg.FeedReportAfter = DefaultFeedReportAfter
	}
	if cfg.DigestConcurrency <= 0 {
		cfg.DigestConcurrency = defaultDigestConcurrency
	}
	if cfg.DigestTimeout == 0 {
		cfg.DigestTimeout = defaultDigestTimeout
	}
	if cfg.Locks == nil {
		cfg.Locks = &GuildLocks{}
	}
	log := cfg.Logger.With("component", "scheduler")
	cl := cronLogger{log}
	return &Scheduler{
		store: cfg.Store, rest: cfg.Discord, feeds: cfg.Feeds, clock: cfg.Clock, log: log, cfg: cfg,
		// SkipIfStillRunning must be outside Recover: a panic that passed
		// through it would never give back its token, and every later run
		// of the job would be skipped.
		chain:       cron.NewChain(cron.SkipIfStillRunning(cl), cron.Recover(cl)),
		quiet:       newQuietArticles(),
		reads:       newDigestCache(cfg.Store, cfg.Clock.Now),
		digSem:      make(chan struct{}, cfg.DigestConcurrency),
		feeSem:      make(chan struct{}, defaultFeedConcurrency),
		sendBackoff: defaultSendBackoff,
		stopWait:    shutdownWait,
		entries:     map[string]*digestEntry{},
		polling:     map[string]bool{},
		jobCtx:      context.Background(),
		wakeDigests: make(chan struct{}, 1),
		wakeFeeds:   make(chan struct{}, 1),
	}, nil
}

// cronLogger lets cron's job wrappers log through slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		msg = "digest job still running; this run is skipped"
	}
	l.log.Info(msg, kv...)
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	if msg == "panic" {
		msg = "digest job panicked; recovered"
	}
	l.log.Error(msg, append([]any{"err", err}, kv...)...)
}

// Run loads every server's schedule, catches up on digests missed while
// briefbot was not running (see Grace), then posts digests and polls feeds
// until ctx is done. On the way out it waits up to ten seconds for digests
// being posted, so that a day claimed is usually a day sent, then cancels
// them and waits ten seconds more at most: a job stuck where it cannot see
// its context is left to end with the process. It returns an error only if
// the servers cannot be read at start.
func (s *Scheduler) Run(ctx context.Context) error {
	jobCtx, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelJobs()
	s.mu.Lock()
	s.jobCtx = jobCtx
	s.mu.Unlock()

	if err := s.loadQuiet(ctx); err != nil {
		// Not fatal: only digests until the feeds are polled again may
		// list a back catalogue stored before the restart.
		s.log.Error("could not load the feeds' back catalogues; a digest may list them as new", "err", err)
	}
	if err := s.load(ctx); err != nil {
		return err
	}
	var loops sync.WaitGroup
	loops.Go(func() { s.digestLoop(ctx) })
	if s.feeds != nil {
		loops.Go(func() { s.feedLoop(ctx) })
	}
	loops.Wait()

	done := make(chan struct{})
	go func() { s.jobs.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-time.After(s.stopWait):
	}
	s.log.Warn("digests still being posted at shutdown; cancelling them")
	cancelJobs()
	select {
	case <-done:
	case <-time.After(s.stopWait):
		s.log.Error("a digest or feed job did not stop when cancelled; shutting down without it", "jobs", s.inflight.Load())
	}
	return nil
}

// load builds the schedule from the store and starts the catch-up: for
// each server whose latest digest time has passed, its job runs once for
// that time, and posts if the day has no digest yet and the time is within
// the grace window, or records why it skips the day. A day whose time had
// passed when the server was set up has its skip recorded already (by
// /briefing setup).
func (s *Scheduler) load(ctx context.Context) error {
	guilds, err := s.store.Guilds(ctx)
	if err != nil {
		return fmt.Errorf("scheduler: read servers: %w", err)
	}
	now := s.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range guilds {
		e := s.setEntryLocked(g, now)
		if e == nil {
			continue
		}
		s.dispatchLocked(e, e.sched.prev(now))
	}
	s.log.Info("digest schedule loaded", "servers", len(s.entries))
	return nil
}

// GuildChanged adds, moves or removes a server's schedule entry after its
// settings changed, without a restart: a server with a channel, a time and
// a valid zone gets an entry at its next digest time; any other has none.
// Its feeds are looked at again. It does not block.
func (s *Scheduler) GuildChanged(g storage.Guild) {
	now := s.clock.Now()
	s.mu.Lock()
	s.setEntryLocked(g, now)
	s.mu.Unlock()
	s.pendingDigests.Add(1)
	notify(s.wakeDigests)
	if s.feeds != nil {
		s.pendingFeeds.Add(1)
		notify(s.wakeFeeds)
	}
}

// GuildRemoved removes a server's schedule entry (the bot left it, or its
// settings were deleted).
func (s *Scheduler) GuildRemoved(guildID string) {
	s.GuildChanged(storage.Guild{ID: guildID})
}

// NextDigest returns when a server's next digest is due, if it has one.
func (s *Scheduler) NextDigest(guildID string) (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[guildID]
	if !ok {
		return time.Time{}, false
	}
	return e.next, true
}

func notify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// setEntryLocked makes the server's entry match its settings and returns
// it, or removes it and returns nil.
func (s *Scheduler) setEntryLocked(g storage.Guild, now time.Time) *digestEntry {
	old := s.entries[g.ID]
	sched, err := scheduleFor(g)
	if err != nil {
		if old != nil {
			delete(s.entries, g.ID)
			s.log.Info("digest schedule removed", "guild", g.ID, "why", err.Error())
		} else if g.ChannelID != "" || g.DigestTime != "" || g.TimeZone != "" {
			s.log.Warn("server's digest settings are not usable; no digest scheduled", "guild", g.ID, "err", err)
		}
		return nil
	}
	if old != nil && old.sched.text == sched.text && old.sched.loc.String() == sched.loc.String() {
		return old
	}
	e := old
	if e == nil {
		e = &digestEntry{guildID: g.ID}
		e.job = s.chain.Then(cron.FuncJob(func() {
			s.runDigestJob(g.ID, time.Unix(0, e.due.Load()))
		}))
		s.entries[g.ID] = e
	}
	e.sched = sched
	e.next = sched.Next(now)
	s.log.Info("digest scheduled", "guild", g.ID, "spec", sched.text, "zone", sched.loc.String(), "next", e.next)
	return e
}

// dispatchLocked starts e's job for the digest instant scheduled, in its
// own goroutine.
func (s *Scheduler) dispatchLocked(e *digestEntry, scheduled time.Time) {
	e.due.Store(scheduled.UnixNano())
	s.inflight.Add(1)
	s.jobs.Add(1)
	go func() {
		defer s.jobs.Done()
		defer s.inflight.Add(-1)
		e.job.Run()
	}()
}

// digestLoop runs due digest jobs and sleeps on the clock until the next.
func (s *Scheduler) digestLoop(ctx context.Context) {
	for {
		picked := s.pendingDigests.Load()
		now := s.clock.Now()
		var next time.Time
		s.mu.Lock()
		ids := make([]string, 0, len(s.entries))
		for id := range s.entries {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			e := s.entries[id]
			if !e.next.After(now) {
				// Woken late (a suspended machine, a slow clock): run for
				// the latest instant passed, not an older one.
				s.dispatchLocked(e, e.sched.prev(now))
				e.next = e.sched.Next(now)
			} else if !e.retryAt.IsZero() && !e.retryAt.After(now) {
				s.dispatchLocked(e, e.retryFor)
				e.retryAt = time.Time{}
			}
			if next.IsZero() || e.next.Before(next) {
				next = e.next
			}
			if !e.retryAt.IsZero() && e.retryAt.Before(next) {
				next = e.retryAt
			}
		}
		s.mu.Unlock()
		wait := idleSleep
		if !next.IsZero() {
			wait = next.Sub(now)
		}
		timer := s.clock.NewTimer(wait)
		s.pendingDigests.Add(-picked)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C():
		case <-s.wakeDigests:
			timer.Stop()
		}
	}
}

// runDigestJob is one run of a server's digest job.
func (s *Scheduler) runDigestJob(guildID string, scheduled time.Time) {
	s.mu.Lock()
	parent := s.jobCtx
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(parent, s.cfg.DigestTimeout)
	defer cancel()
	select {
	case s.digSem <- struct{}{}:
		defer func() { <-s.digSem }()
	case <-ctx.Done():
		s.log.Error("daily digest not posted: no time left while other servers' digests were posted", "guild", guildID, "err", ctx.Err())
		return
	}
	out, err := s.postDigest(ctx, guildID, scheduled)
	if err != nil {
		if at, ok := s.retryLater(guildID, scheduled); ok {
			s.log.Warn("daily digest failed; trying again", "guild", guildID, "scheduled", scheduled, "retry", at, "err", err)
			return
		}
		s.log.Error("daily digest failed", "guild", guildID, "scheduled", scheduled, "err", err)
		return
	}
	s.retryDone(guildID)
	if out == "" {
		s.log.Debug("daily digest: nothing to do (already sent or skipped, or no longer set up)", "guild", guildID, "scheduled", scheduled)
		return
	}
	s.log.Info("daily digest", "guild", guildID, "scheduled", scheduled, "outcome", out)
}

// retryLater plans another run for a failed digest: a minute later, then
// two, while the claim is recent enough for Discord to recognise the
// nonces. The retry finds the day claimed and posts with the same nonces,
// so a message that did get through is not posted twice.
func (s *Scheduler) retryLater(guildID string, scheduled time.Time) (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[guildID]
	if !ok || e.retries >= 2 {
		if ok {
			e.retries = 0
		}
		return time.Time{}, false
	}
	wait := digestRetry1
	if e.retries == 1 {
		wait = digestRetry2
	}
	e.retries++
	e.retryAt, e.retryFor = s.clock.Now().Add(wait), scheduled
	s.pendingDigests.Add(1)
	notify(s.wakeDigests)
	return e.retryAt, true
}

// retryDone forgets a server's failed tries after a run that worked.
func (s *Scheduler) retryDone(guildID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.entries[guildID]; ok {
		e.retries = 0
	}
}

// postDigest posts a server's digest for the digest instant scheduled, or
// decides not to, and says what it did ("" when there was nothing to do).
func (s *Scheduler) postDigest(ctx context.Context, guildID string, scheduled time.Time) (string, error) {
	g, err := s.store.Guild(ctx, guildID)
	if errors.Is(err, briefing.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	sched, err := scheduleFor(g)
	if err != nil {
		return "", nil // no longer set up
	}
	if at := sched.atDate(scheduled); !at.Equal(scheduled) {
		// The time moved after this run was planned; the entry now
		// holds the new time.
		return "", nil
	}
	date := localDate(scheduled, sched.loc)
	now := s.clock.Now()

	entry, err := s.store.DigestEntry(ctx, g.ID, date)
	switch {
	case err == nil && entry.State != storage.DigestClaimed:
		return "", nil // sent or skipped already
	case err == nil:
		// Claimed by a run that did not finish: post again with the same
		// nonce, while Discord still recognises it.
		if age := now.Sub(entry.ClaimedAt); age > s.cfg.RetryWindow {
			reason := fmt.Sprintf("claimed at %s but never confirmed sent; not posted again %s later, past the %s in which Discord recognises a repeated post, so as never to post twice",
				entry.ClaimedAt.In(sched.loc).Format("15:04 MST"), age.Round(time.Second), s.cfg.RetryWindow)
			if err := s.store.SkipDigest(ctx, g.ID, date, reason); err != nil {
				return "", err
			}
			return "skipped: " + reason, nil
		}
	case !errors.Is(err, briefing.ErrNotFound):
		return "", err
	default:
		if late := now.Sub(scheduled); late > s.cfg.Grace {
			reason := fmt.Sprintf("briefbot was not running at %s (%s); it came back %s later, past the %s grace window",
				scheduled.In(sched.loc).Format("15:04 Mon 2 Jan 2006"), sched.loc, late.Round(time.Minute), s.cfg.Grace)
			if err := s.store.SkipDigest(ctx, g.ID, date, reason); err != nil {
				return "", err
			}
			return "skipped: " + reason, nil
		}
	}

	if entry.State == "" {
		// Claim before reading the store: the next digest starts from
		// this claim, so an article stored while this one is composed is
		// in one of the two, never in neither.
		var claimed bool
		entry, claimed, err = s.store.ClaimDigest(ctx, g.ID, date, digestNonce(g.ID, date))
		if err != nil {
			return "", err
		}
		if !claimed {
			return "", nil // another run got there first
		}
	}
	d, err := gatherDigest(ctx, s.store, s.reads, g.ID, scheduled, sched.loc, s.quiet)
	if err != nil {
		return "", err
	}
	if d.Empty() && g.SkipEmpty {
		reason := fmt.Sprintf("nothing new since %s, and the server skips such days", d.Since.In(sched.loc).Format("15:04 Mon 2 Jan"))
		if err := s.store.SkipDigest(ctx, g.ID, date, reason); err != nil {
			return "", err
		}
		return "skipped: " + reason, nil
	}

	msgs := renderDigest(d)
	ids, err := s.sendAll(ctx, g.ChannelID, entry.Nonce, msgs)
	if err != nil {
		var re *discordgo.RESTError
		if len(ids) == 0 && errors.As(err, &re) && refused(re) {
			reason := refusedPrefix + discordReason(re)
			off := channelGone(re) && s.refusedBefore(ctx, g.ID, scheduled, sched.loc)
			if off {
				reason = digestTurnedOff + fmt.Sprintf("Discord refused it two days in a row (%s). Give briefbot access to the channel (View Channel, Send Messages, Embed Links) and run /briefing setup again.", discordReason(re))
			}
			if serr := s.store.SkipDigest(ctx, g.ID, date, reason); serr != nil {
				return "", errors.Join(err, serr)
			}
			if off {
				if oerr := s.turnOff(ctx, g.ID, g.ChannelID); oerr != nil {
					return "", errors.Join(err, oerr)
				}
				return "", fmt.Errorf("post digest to channel %s: %w; the server's digest is turned off", g.ChannelID, err)
			}
			return "", fmt.Errorf("post digest to channel %s: %w", g.ChannelID, err)
		}
		if len(ids) > 0 {
			// Part of it is in the channel: record what is, so the day is
			// not posted again.
			if merr := s.store.MarkDigestSent(ctx, g.ID, date, ids); merr != nil {
				err = errors.Join(err, merr)
			}
		}
		// Otherwise the day stays claimed; a restart within the retry
		// window posts it with the same nonces.
		return "", fmt.Errorf("post digest to channel %s (%d of %d messages posted): %w", g.ChannelID, len(ids), len(msgs), err)
	}
	if err := s.store.MarkDigestSent(ctx, g.ID, date, ids); err != nil {
		return "", err
	}
	return fmt.Sprintf("posted %s for %s (%s)", plural(len(ids), "message"), date, plural(len(d.Articles)+d.MoreArticles, "new article")), nil
}

// refusedPrefix starts the reason of a day Discord refused; digestTurnedOff
// starts the reason of the day the scheduler turned the digest off.
const (
	refusedPrefix   = "Discord refused the digest: "
	digestTurnedOff = "digest turned off: "
)

// channelGone reports whether Discord's refusal says the channel is out of
// reach (403 Missing Access or Permissions, 404 Unknown Channel), not that
// the message was wrong: posting there again tomorrow will fail the same
// way unless an admin acts.
func channelGone(re *discordgo.RESTError) bool {
	c := re.Response.StatusCode
	return c == http.StatusForbidden || c == http.StatusNotFound
}

// refusedBefore reports whether Discord refused the server's digest of the
// local day before the digest instant scheduled as well.
func (s *Scheduler) refusedBefore(ctx context.Context, guildID string, scheduled time.Time, loc *time.Location) bool {
	y, m, d := scheduled.In(loc).Date()
	prev := time.Date(y, m, d-1, 12, 0, 0, 0, loc).Format(time.DateOnly)
	e, err := s.store.DigestEntry(ctx, guildID, prev)
	return err == nil && e.State == storage.DigestSkipped && strings.HasPrefix(e.Reason, refusedPrefix)
}

// turnOff removes the channel from a server's settings, so that no more
// digests are posted to a channel Discord keeps refusing, and drops its
// schedule entry. Its time, zone and feeds stay, and /briefing show finds
// the reason in the digest log. Settings changed meanwhile to another
// channel are left alone.
func (s *Scheduler) turnOff(ctx context.Context, guildID, channelID string) error {
	unlock, err := s.cfg.Locks.lock(ctx, guildID)
	if err != nil {
		return err
	}
	defer unlock()
	g, err := s.store.Guild(ctx, guildID)
	if err != nil {
		return fmt.Errorf("turn off digest of %s: %w", guildID, err)
	}
	if g.ChannelID != channelID {
		return nil
	}
	g.ChannelID = ""
	if err := s.store.PutGuild(ctx, g); err != nil {
		return fmt.Errorf("turn off digest of %s: %w", guildID, err)
	}
	s.log.Warn("digest turned off: Discord refused it two days in a row", "guild", guildID, "channel", channelID)
	s.GuildChanged(g)
	return nil
}

// REST returns the bot's Discord session for the scheduler to post with:
// the same token, API base, rate limits and redacted logs as the bot's
// replies.
func (b *Bot) REST() REST { return b.session }
