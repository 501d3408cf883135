package bot

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/bwmarrin/discordgo"
)

// Discord IDs of the servers and channels the scheduler tests use.
const (
	guild1, guild2, guild3 = "100000000000000001", "100000000000000002", "100000000000000003"
	chan1, chan2, chan3    = "110000000000000001", "110000000000000002", "110000000000000003"
)

// schedHarness runs a Scheduler on a fake clock against the real store in
// a temporary file and the local fake Discord.
type schedHarness struct {
	t     *testing.T
	clock *fakeClock
	db    *storage.DB
	fake  *discordtest.Server
	rest  *discordgo.Session
	logs  *discordtest.LogBuffer
	cfg   SchedulerConfig
	sched *Scheduler
	loops int
	// stopWait, when set, replaces the scheduler's shutdown waits.
	stopWait time.Duration

	cancel context.CancelFunc
	done   chan error
}

func newHarness(t *testing.T, start time.Time) *schedHarness {
	t.Helper()
	h := &schedHarness{t: t, clock: newFakeClock(start), logs: &discordtest.LogBuffer{}}
	db, err := storage.Open(filepath.Join(t.TempDir(), "briefbot.db"), storage.Options{Now: h.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h.db = db
	h.fake = discordtest.New(t, discordtest.Options{})
	h.rest = fakeREST(t, h.fake)
	h.cfg = SchedulerConfig{
		Store: db, Discord: h.rest, Clock: h.clock,
		Logger: slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	return h
}

// restSession is a discordgo session that sends REST calls to the fake.
func fakeREST(t *testing.T, fake *discordtest.Server) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New(fake.Token())
	if err != nil {
		t.Fatal(err)
	}
	s.Client = fake.Client()
	s.LogLevel = -1
	return s
}

// start runs the scheduler until the test ends or stop is called.
func (h *schedHarness) start() {
	h.t.Helper()
	s, err := NewScheduler(h.cfg)
	if err != nil {
		h.t.Fatal(err)
	}
	s.sendBackoff = time.Millisecond
	if h.stopWait > 0 {
		s.stopWait = h.stopWait
	}
	h.sched = s
	h.loops = 1
	if h.cfg.Feeds != nil {
		h.loops = 2
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	h.done = make(chan error, 1)
	go func() { h.done <- s.Run(ctx) }()
	h.t.Cleanup(h.stop)
	waitSettled(h.t, h.settled)
}

func (h *schedHarness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	h.cancel = nil
	select {
	case err := <-h.done:
		if err != nil {
			h.t.Errorf("Run: %v", err)
		}
	case <-time.After(15 * time.Second):
		h.t.Error("Run did not return within 15s of being stopped")
	}
}

// settled reports whether the scheduler is waiting on its clock with no
// work in hand.
func (h *schedHarness) settled() bool {
	s := h.sched
	return h.clock.live() == h.loops && s.inflight.Load() == 0 && s.pendingDigests.Load() == 0 && s.pendingFeeds.Load() == 0
}

func (h *schedHarness) advanceTo(to time.Time) {
	h.t.Helper()
	h.clock.advanceTo(h.t, to, h.settled)
}

func (h *schedHarness) putGuild(g storage.Guild) storage.Guild {
	h.t.Helper()
	if err := h.db.PutGuild(context.Background(), g); err != nil {
		h.t.Fatal(err)
	}
	g, err := h.db.Guild(context.Background(), g.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return g
}

// putArticle stores a small briefing written for these tests.
func (h *schedHarness) putArticle(id, title string, published time.Time, summary ...string) {
	h.t.Helper()
	b := schedBriefing(id, title, published, summary...)
	if _, err := h.db.Put(context.Background(), b); err != nil {
		h.t.Fatal(err)
	}
}

func schedBriefing(id, title string, published time.Time, summary ...string) briefing.Briefing {
	if len(summary) == 0 {
		summary = []string{"The talks on the harbour at Vell went on for a second day."}
	}
	return briefing.Briefing{
		Article: briefing.Article{
			ID: id, Title: title, Published: published, Source: "The Harbour Gazette",
			URL:        "https://news.example.org/" + id,
			Paragraphs: append([]string{title + "."}, summary...),
		},
		Summary: summary,
		People:  []briefing.Person{{Key: briefing.PersonKey("Anna Kovacs"), Name: "Anna Kovacs", Aliases: []string{"Kovacs"}}},
		Quotes: []briefing.Quote{{Speaker: "Anna Kovacs", SpeakerKey: briefing.PersonKey("Anna Kovacs"),
			Text: "We will keep talking until the harbour is open to both sides, " + id + ".", Paragraph: 1}},
	}
}

// digestMessages returns the channel's messages grouped by the local date
// in their nonce, with the part numbers seen.
func digestDatesOf(t *testing.T, msgs []discordtest.Message) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, m := range msgs {
		base, part, ok := strings.Cut(m.Nonce, ".")
		if !ok || len(base) != 19 || base[0] != 'd' {
			t.Errorf("message %s has nonce %q, not a digest nonce", m.ID, m.Nonce)
			continue
		}
		d := base[1:5] + "-" + base[5:7] + "-" + base[7:9]
		out[d] = append(out[d], part)
	}
	return out
}

func messageTextOf(m discordtest.Message) string {
	var b strings.Builder
	if c, ok := m.Body["content"].(string); ok {
		b.WriteString(c)
	}
	embeds, _ := m.Body["embeds"].([]any)
	for _, e := range embeds {
		em, _ := e.(map[string]any)
		for _, k := range []string{"title", "description"} {
			if s, ok := em[k].(string); ok {
				b.WriteString("\n" + s)
			}
		}
	}
	return b.String()
}

// TestScheduler_ThreeZonesAWeek runs three servers in Berlin, New York and
// Tokyo for a simulated week around each of the daylight-saving
// nights and checks that each gets one digest per local day, at its time.
func TestScheduler_ThreeZonesAWeek(t *testing.T) {
	guilds := []struct {
		id, channel, clock, zone string
	}{
		{"100000000000000001", "110000000000000001", "02:30", "Europe/Berlin"},
		{"100000000000000002", "110000000000000002", "01:30", "America/New_York"},
		{"100000000000000003", "110000000000000003", "09:00", "Asia/Tokyo"},
	}
	weeks := []struct {
		name       string
		from, to   string
		transition map[string]string // guild → a date and the instant of its digest that day
	}{
		{"spring forward in Berlin", "2026-03-25T12:00:00Z", "2026-04-01T12:00:00Z", map[string]string{
			// 02:30 does not exist in Berlin on 29 March: the digest comes
			// at 03:00 CEST, the first instant after the gap.
			"100000000000000001": "2026-03-29 2026-03-29T03:00:00+02:00",
			"100000000000000003": "2026-03-29 2026-03-29T09:00:00+09:00",
		}},
		{"fall back in Berlin and New York", "2026-10-22T12:00:00Z", "2026-11-03T12:00:00Z", map[string]string{
			// 02:30 happens twice in Berlin on 25 October and 01:30 twice
			// in New York on 1 November: the digest comes at the first.
			"100000000000000001": "2026-10-25 2026-10-25T02:30:00+02:00",
			"100000000000000002": "2026-11-01 2026-11-01T01:30:00-04:00",
		}},
	}
	for _, w := range weeks {
		t.Run(w.name, func(t *testing.T) {
			from, to := mustRFC3339(t, w.from), mustRFC3339(t, w.to)
			h := newHarness(t, from.Add(-time.Hour))
			for _, g := range guilds {
				h.putGuild(storage.Guild{ID: g.id, ChannelID: g.channel, DigestTime: g.clock, TimeZone: g.zone})
			}
			h.clock.set(from)
			h.start()
			// One article a day at noon UTC, so each digest has something
			// new, and the day's digests show which.
			for day := from; !day.After(to); day = day.Add(24 * time.Hour) {
				h.advanceTo(day)
				h.putArticle("a"+day.Format("20060102"), "Harbour talks, "+day.Format("2 January"), day.Truncate(24*time.Hour))
			}
			h.advanceTo(to)
			h.stop()

			for _, g := range guilds {
				sched := mustDaily(t, g.clock, g.zone)
				// Every local date whose digest time falls in the run,
				// worked out from the dates, not from the schedule's Next.
				var want []string
				for d := from.In(sched.loc).AddDate(0, 0, -1); !d.After(to.In(sched.loc).AddDate(0, 0, 1)); d = d.AddDate(0, 0, 1) {
					if at := sched.at(d.Date()); at.After(from) && !at.After(to) {
						want = append(want, localDate(at, sched.loc))
					}
				}
				msgs := h.fake.ChannelMessages(g.channel)
				got := digestDatesOf(t, msgs)
				var gotDates []string
				for d, parts := range got {
					gotDates = append(gotDates, d)
					if !slices.Equal(parts, []string{"1"}) {
						t.Errorf("%s %s: digest parts %v, want one message", g.zone, d, parts)
					}
				}
				slices.Sort(gotDates)
				if !slices.Equal(gotDates, want) {
					t.Errorf("%s: digests on %v, want one on each of %v", g.zone, gotDates, want)
				}
				if len(msgs) != len(want) {
					t.Errorf("%s: %d messages, want %d", g.zone, len(msgs), len(want))
				}
				// Each was claimed at its local time and lists the article
				// stored at noon UTC before it, not the one after.
				for _, date := range want {
					e, err := h.db.DigestEntry(context.Background(), g.id, date)
					if err != nil {
						t.Fatalf("%s %s: %v", g.zone, date, err)
					}
					at := sched.at(mustDate(t, date).Date())
					if e.State != storage.DigestSent || !e.ClaimedAt.Equal(at) || !e.SentAt.Equal(at) {
						t.Errorf("%s %s: entry %s claimed %s sent %s, want sent at %s", g.zone, date, e.State, e.ClaimedAt, e.SentAt, at)
					}
				}
				if tr, ok := w.transition[g.id]; ok {
					date, instant, _ := strings.Cut(tr, " ")
					e, err := h.db.DigestEntry(context.Background(), g.id, date)
					if err != nil {
						t.Fatalf("%s %s: %v", g.zone, date, err)
					}
					if want := mustRFC3339(t, instant); !e.ClaimedAt.Equal(want) {
						t.Errorf("%s %s: digest at %s, want %s", g.zone, date, e.ClaimedAt.In(sched.loc), want)
					}
				}
				for _, m := range msgs {
					text := messageTextOf(m)
					if !strings.Contains(text, "Harbour talks") {
						t.Errorf("%s: digest %s lists no article:\n%s", g.zone, m.Nonce, text)
					}
				}
			}
		})
	}
}

// TestScheduler_ListsWhatIsNew checks a digest's window: it lists what was
// stored since the server's previous digest, and a first digest the last
// day.
func TestScheduler_ListsWhatIsNew(t *testing.T) {
	start := mustRFC3339(t, "2026-05-04T06:00:00Z")
	h := newHarness(t, start.Add(-48*time.Hour))
	h.putArticle("ancient", "Stored two days before the first digest", start.Add(-48*time.Hour).Truncate(24*time.Hour))
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC"})
	h.clock.set(start)
	h.putArticle("monday", "Stored on the morning of the first digest", start.Truncate(24*time.Hour))
	h.start()
	h.advanceTo(mustRFC3339(t, "2026-05-04T12:00:00Z"))
	h.putArticle("tuesday", "Stored after the first digest", start.Truncate(24*time.Hour))
	h.advanceTo(mustRFC3339(t, "2026-05-05T12:00:00Z"))

	msgs := h.fake.ChannelMessages(chan1)
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want 2", len(msgs))
	}
	first, second := messageTextOf(msgs[0]), messageTextOf(msgs[1])
	if !strings.Contains(first, "Stored on the morning") || strings.Contains(first, "two days before") || strings.Contains(first, "after the first") {
		t.Errorf("first digest should list only the article of the last day:\n%s", first)
	}
	if !strings.Contains(second, "after the first digest") || strings.Contains(second, "Stored on the morning") {
		t.Errorf("second digest should list only what came after the first:\n%s", second)
	}
	if !strings.Contains(first, "We will keep talking") {
		t.Errorf("first digest has no quote:\n%s", first)
	}
}

// TestScheduler_SettingsChangeWithoutRestart moves, removes and re-adds a
// server's digest while the scheduler runs.
func TestScheduler_SettingsChangeWithoutRestart(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	g := h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC"})
	h.putGuild(storage.Guild{ID: guild2, ChannelID: chan2, DigestTime: "08:00", TimeZone: "UTC"})
	h.start()
	if at, ok := h.sched.NextDigest(guild1); !ok || !at.Equal(mustRFC3339(t, "2026-06-01T08:00:00Z")) {
		t.Errorf("NextDigest = %v, %v; want 08:00 today", at, ok)
	}

	// Moved to 09:00 at 07:00: nothing at 08:00, one at 09:00.
	h.advanceTo(mustRFC3339(t, "2026-06-01T07:00:00Z"))
	g.DigestTime = "09:00"
	h.sched.GuildChanged(h.putGuild(g))
	h.advanceTo(mustRFC3339(t, "2026-06-01T08:30:00Z"))
	if n := len(h.fake.ChannelMessages(chan1)); n != 0 {
		t.Errorf("moved digest: %d messages at 08:30, want 0", n)
	}
	if n := len(h.fake.ChannelMessages(chan2)); n != 1 {
		t.Errorf("the other server: %d messages at 08:30, want 1", n)
	}
	h.advanceTo(mustRFC3339(t, "2026-06-01T09:30:00Z"))
	if n := len(h.fake.ChannelMessages(chan1)); n != 1 {
		t.Errorf("moved digest: %d messages at 09:30, want 1", n)
	}

	// Moved to a later time the same day: the day has its digest already.
	g.DigestTime = "18:00"
	h.sched.GuildChanged(h.putGuild(g))
	h.advanceTo(mustRFC3339(t, "2026-06-01T19:00:00Z"))
	if n := len(h.fake.ChannelMessages(chan1)); n != 1 {
		t.Errorf("moved later the same day: %d messages, want still 1", n)
	}

	// Removed: nothing the next day.
	g.ChannelID = ""
	h.sched.GuildChanged(h.putGuild(g))
	if _, ok := h.sched.NextDigest(guild1); ok {
		t.Error("a server without a channel still has a schedule entry")
	}
	h.advanceTo(mustRFC3339(t, "2026-06-02T20:00:00Z"))
	if n := len(h.fake.ChannelMessages(chan1)); n != 1 {
		t.Errorf("removed: %d messages, want still 1", n)
	}

	// Added back in another zone: 07:00 in Tokyo is 22:00 UTC.
	g.ChannelID, g.DigestTime, g.TimeZone = chan1, "07:00", "Asia/Tokyo"
	h.sched.GuildChanged(h.putGuild(g))
	h.advanceTo(mustRFC3339(t, "2026-06-02T21:59:00Z"))
	if n := len(h.fake.ChannelMessages(chan1)); n != 1 {
		t.Errorf("re-added: %d messages before its time, want 1", n)
	}
	h.advanceTo(mustRFC3339(t, "2026-06-02T22:01:00Z"))
	if n := len(h.fake.ChannelMessages(chan1)); n != 2 {
		t.Errorf("re-added: %d messages after its time, want 2", n)
	}
	if e, err := h.db.DigestEntry(context.Background(), guild1, "2026-06-03"); err != nil || e.State != storage.DigestSent {
		t.Errorf("Tokyo digest of 3 June: %+v, %v; want sent", e, err)
	}
	// Bad settings are refused without touching the others.
	h.sched.GuildChanged(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "07:00", TimeZone: "Nowhere/Atlantis"})
	if _, ok := h.sched.NextDigest(guild1); ok {
		t.Error("a server with an unknown zone still has a schedule entry")
	}
	if !strings.Contains(h.logs.String(), "Nowhere/Atlantis") {
		t.Error("the unusable zone was not logged")
	}
}

// faultyStore makes one server's digest panic and holds another's.
type faultyStore struct {
	SchedulerStore
	panicGuild string
	slowGuild  string
	entered    chan struct{}
	release    chan struct{}
	mu         sync.Mutex
	slowCalls  int
}

func (s *faultyStore) LastDigest(ctx context.Context, guildID string) (storage.DigestEntry, error) {
	switch guildID {
	case s.panicGuild:
		panic("digest of a cursed server")
	case s.slowGuild:
		s.mu.Lock()
		s.slowCalls++
		first := s.slowCalls == 1
		s.mu.Unlock()
		if first {
			s.entered <- struct{}{}
			<-s.release
			return storage.DigestEntry{}, errors.New("the slow store gave up")
		}
	}
	return s.SchedulerStore.LastDigest(ctx, guildID)
}

// TestScheduler_PanicSlowAndOverlap checks that a panicking server's job is
// recovered and runs again the next day, that a slow server holds up
// nobody, and that its job does not run twice at once.
func TestScheduler_PanicSlowAndOverlap(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	fs := &faultyStore{SchedulerStore: h.db, panicGuild: guild1, slowGuild: guild2, entered: make(chan struct{}, 1), release: make(chan struct{})}
	h.cfg.Store = fs
	for i, id := range []string{guild1, guild2, guild3} {
		h.putGuild(storage.Guild{ID: id, ChannelID: []string{chan1, chan2, chan3}[i], DigestTime: "08:00", TimeZone: "UTC"})
	}
	h.start()
	// While the slow job is held, the scheduler is settled with that job
	// in flight.
	holding := func() bool {
		return h.clock.live() == 1 && h.sched.inflight.Load() <= 1 && h.sched.pendingDigests.Load() == 0
	}
	h.clock.advanceTo(t, mustRFC3339(t, "2026-06-01T08:00:00Z"), holding)
	<-fs.entered
	if n := len(h.fake.ChannelMessages(chan3)); n != 1 {
		t.Errorf("healthy server: %d messages while another is slow and another panicked, want 1", n)
	}
	if !strings.Contains(h.logs.String(), "digest job panicked; recovered") || !strings.Contains(h.logs.String(), "cursed server") {
		t.Errorf("the panic was not logged:\n%s", h.logs.String())
	}

	// A day later the slow job still runs: its next run is skipped.
	h.clock.advanceTo(t, mustRFC3339(t, "2026-06-02T08:00:00Z"), holding)
	if !strings.Contains(h.logs.String(), "digest job still running; this run is skipped") {
		t.Errorf("the overlapping run was not skipped:\n%s", h.logs.String())
	}
	if n := len(h.fake.ChannelMessages(chan3)); n != 2 {
		t.Errorf("healthy server: %d messages on day 2, want 2", n)
	}
	if c := strings.Count(h.logs.String(), "digest job panicked; recovered"); c != 2 {
		t.Errorf("the panicking job ran %d times in two days, want 2: a panic must not leave it marked running", c)
	}
	close(fs.release)
	waitSettled(t, h.settled)
	if n := len(h.fake.ChannelMessages(chan2)); n != 0 {
		t.Errorf("slow server: %d messages, want 0 (its first run failed, its second was skipped)", n)
	}
	h.advanceTo(mustRFC3339(t, "2026-06-03T09:00:00Z"))
	if n := len(h.fake.ChannelMessages(chan2)); n != 1 {
		t.Errorf("slow server: %d messages on day 3, want 1: it recovers", n)
	}
}

// TestScheduler_CatchUp starts the scheduler at different points after a
// server's digest time, with different states of the day in the store.
func TestScheduler_CatchUp(t *testing.T) {
	scheduled := mustRFC3339(t, "2026-06-01T08:00:00Z")
	const guild, channel, date = guild1, chan1, "2026-06-01"
	tests := []struct {
		name string
		// after is how long after the digest time the scheduler starts.
		after time.Duration
		// prepare sets up the store and the fake before the start.
		prepare   func(h *schedHarness)
		wantState storage.DigestState
		wantMsgs  int
		wantWhy   string
	}{
		{name: "within the grace window", after: 5 * time.Hour, wantState: storage.DigestSent, wantMsgs: 1},
		{name: "past the grace window", after: 7 * time.Hour, wantState: storage.DigestSkipped, wantMsgs: 0,
			wantWhy: "briefbot was not running at 08:00 Mon 1 Jun 2026 (UTC); it came back 7h0m0s later, past the 6h0m0s grace window"},
		{name: "already sent", after: time.Hour, wantState: storage.DigestSent, wantMsgs: 0, prepare: func(h *schedHarness) {
			h.claim(guild, date, scheduled)
			if err := h.db.MarkDigestSent(context.Background(), guild, date, []string{"999"}); err != nil {
				h.t.Fatal(err)
			}
		}},
		{name: "claimed and posted, then killed before marking", after: 2 * time.Minute, wantState: storage.DigestSent, wantMsgs: 1,
			prepare: func(h *schedHarness) {
				e := h.claim(guild, date, scheduled.Add(time.Minute))
				// The first run's message reached Discord; its answer was lost.
				if _, err := sendMessage(context.Background(), h.rest, channel, channelMessage{Content: "the first try", EnforceNonce: true, Nonce: partNonce(e.Nonce, 1)}, time.Millisecond); err != nil {
					h.t.Fatal(err)
				}
			}},
		{name: "claimed long ago, never confirmed", after: time.Hour, wantState: storage.DigestSkipped, wantMsgs: 0,
			prepare: func(h *schedHarness) { h.claim(guild, date, scheduled) },
			wantWhy: "never confirmed sent"},
		{name: "skipped already", after: time.Hour, wantState: storage.DigestSkipped, wantMsgs: 0, prepare: func(h *schedHarness) {
			if err := h.db.SkipDigest(context.Background(), guild, date, "an earlier decision"); err != nil {
				h.t.Fatal(err)
			}
		}, wantWhy: "an earlier decision"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, scheduled.Add(-24*time.Hour))
			h.putGuild(storage.Guild{ID: guild, ChannelID: channel, DigestTime: "08:00", TimeZone: "UTC"})
			if tt.prepare != nil {
				tt.prepare(h)
			}
			h.clock.set(scheduled.Add(tt.after))
			h.start()
			h.stop()
			e, err := h.db.DigestEntry(context.Background(), guild, date)
			if err != nil {
				t.Fatal(err)
			}
			if e.State != tt.wantState || !strings.Contains(e.Reason, tt.wantWhy) {
				t.Errorf("entry %s (%q), want %s (%q)", e.State, e.Reason, tt.wantState, tt.wantWhy)
			}
			msgs := h.fake.ChannelMessages(channel)
			if len(msgs) != tt.wantMsgs {
				t.Errorf("%d messages, want %d", len(msgs), tt.wantMsgs)
			}
			if tt.wantState == storage.DigestSent && tt.wantMsgs == 1 && (len(e.MessageIDs) != 1 || e.MessageIDs[0] != msgs[0].ID) {
				t.Errorf("entry's messages %v, want the one in the channel, %s", e.MessageIDs, msgs[0].ID)
			}
		})
	}

	t.Run("set up after today's time", func(t *testing.T) {
		h := newHarness(t, scheduled.Add(time.Hour))
		hd := newHandlers(Config{Store: h.db, Now: h.clock.Now}, slog.New(slog.DiscardHandler))
		r := memberRequest("briefing setup", opts("channel", channel, "time", "08:00", "timezone", "UTC"))
		r.GuildID = guild
		if _, err := hd.setup(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		h.clock.set(scheduled.Add(2 * time.Hour))
		h.start()
		h.stop()
		e, err := h.db.DigestEntry(context.Background(), guild, date)
		if err != nil || e.State != storage.DigestSkipped || !strings.Contains(e.Reason, "after that time had passed today") {
			t.Errorf("entry %+v, %v; want the day skipped: the server had no digest time when it passed", e, err)
		}
		if n := len(h.fake.ChannelMessages(channel)); n != 0 {
			t.Errorf("%d messages, want none", n)
		}
	})
	t.Run("feeds changed after the missed time", func(t *testing.T) {
		// Set up long before, down at the digest time, a feed added
		// after it: the settings' UpdatedAt is later than the time, but
		// the digest was due, so the restart posts it.
		h := newHarness(t, scheduled.Add(-24*time.Hour))
		g := h.putGuild(storage.Guild{ID: guild, ChannelID: channel, DigestTime: "08:00", TimeZone: "UTC"})
		h.clock.set(scheduled.Add(time.Hour))
		g.Feeds = []string{"https://feeds.example.org/rss"}
		h.putGuild(g)
		h.clock.set(scheduled.Add(2 * time.Hour))
		h.start()
		h.stop()
		if e, err := h.db.DigestEntry(context.Background(), guild, date); err != nil || e.State != storage.DigestSent {
			t.Errorf("entry %+v, %v; want the missed digest sent on return", e, err)
		}
	})
}

// claim claims a day as a run that was then killed would have, at the
// time at.
func (h *schedHarness) claim(guild, date string, at time.Time) storage.DigestEntry {
	h.t.Helper()
	saved := h.clock.Now()
	h.clock.set(at)
	e, ok, err := h.db.ClaimDigest(context.Background(), guild, date, digestNonce(guild, date))
	h.clock.set(saved)
	if err != nil || !ok {
		h.t.Fatalf("claim: %v, %v", ok, err)
	}
	return e
}

// TestScheduler_SkipEmpty checks that a server that chose to skip days
// with nothing new gets no message, and one that did not is told briefly.
func TestScheduler_SkipEmpty(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC", SkipEmpty: true})
	h.putGuild(storage.Guild{ID: guild2, ChannelID: chan2, DigestTime: "08:00", TimeZone: "UTC"})
	h.start()
	h.advanceTo(mustRFC3339(t, "2026-06-01T09:00:00Z"))
	if n := len(h.fake.ChannelMessages(chan1)); n != 0 {
		t.Errorf("skip-empty server: %d messages, want 0", n)
	}
	e, err := h.db.DigestEntry(context.Background(), guild1, "2026-06-01")
	if err != nil || e.State != storage.DigestSkipped || !strings.Contains(e.Reason, "nothing new") {
		t.Errorf("skip-empty entry %+v, %v; want skipped for nothing new", e, err)
	}
	msgs := h.fake.ChannelMessages(chan2)
	if len(msgs) != 1 || !strings.Contains(messageTextOf(msgs[0]), "Nothing new since") {
		t.Errorf("other server: want one brief \"Nothing new\" message, got %d: %v", len(msgs), msgs)
	}
}

// TestScheduler_DiscordRefuses records why a day was skipped when Discord
// refuses the post (the bot lost access to the channel).
func TestScheduler_DiscordRefuses(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC"})
	h.fake.FailNext("POST", "/channels/"+chan1+"/messages", 1, discordtest.Fault{Status: 403})
	h.start()
	h.advanceTo(mustRFC3339(t, "2026-06-01T09:00:00Z"))
	e, err := h.db.DigestEntry(context.Background(), guild1, "2026-06-01")
	if err != nil || e.State != storage.DigestSkipped || !strings.Contains(e.Reason, "Discord refused the digest: 403") {
		t.Errorf("entry %+v, %v; want skipped because Discord refused", e, err)
	}
	// A server error is retried with the same nonce and posts once.
	h.fake.FailNext("POST", "/channels/"+chan1+"/messages", 1, discordtest.Fault{Status: 500, Processed: true})
	h.advanceTo(mustRFC3339(t, "2026-06-02T09:00:00Z"))
	if msgs := h.fake.ChannelMessages(chan1); len(msgs) != 1 {
		t.Errorf("after a 500 whose message was stored: %d messages, want 1", len(msgs))
	}
	if e, err := h.db.DigestEntry(context.Background(), guild1, "2026-06-02"); err != nil || e.State != storage.DigestSent {
		t.Errorf("entry %+v, %v; want sent", e, err)
	}
}

// TestScheduler_RetriesAFailedDigest makes Discord fail every try of a
// digest for a while: the run is tried again a minute later with the same
// nonce and posts once; a day that keeps failing stays unposted and the
// next day is unaffected.
func TestScheduler_RetriesAFailedDigest(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC"})
	h.start()
	// The first run's four tries all fail, the first after Discord stored
	// the message (discordgo tries a 502 once more itself).
	h.fake.FailNext("POST", "/channels/"+chan1+"/messages", 1, discordtest.Fault{Status: 502, Processed: true})
	h.fake.FailNext("POST", "/channels/"+chan1+"/messages", 4, discordtest.Fault{Status: 500})
	h.advanceTo(mustRFC3339(t, "2026-06-01T08:00:30Z"))
	if e, err := h.db.DigestEntry(context.Background(), guild1, "2026-06-01"); err != nil || e.State != storage.DigestClaimed {
		t.Fatalf("after the failed run: %+v, %v; want the day claimed", e, err)
	}
	if !strings.Contains(h.logs.String(), "daily digest failed; trying again") {
		t.Errorf("the failure was not logged with its retry:\n%s", h.logs.String())
	}
	h.advanceTo(mustRFC3339(t, "2026-06-01T08:05:00Z"))
	msgs := h.fake.ChannelMessages(chan1)
	if len(msgs) != 1 {
		t.Fatalf("%d messages after the retry, want 1", len(msgs))
	}
	if e, err := h.db.DigestEntry(context.Background(), guild1, "2026-06-01"); err != nil || e.State != storage.DigestSent || e.MessageIDs[0] != msgs[0].ID {
		t.Errorf("after the retry: %+v, %v; want sent as %s", e, err, msgs[0].ID)
	}

	// A day on which every try fails: three runs, then it is left claimed.
	h.fake.FailNext("POST", "/channels/"+chan1+"/messages", 12, discordtest.Fault{Status: 500})
	h.advanceTo(mustRFC3339(t, "2026-06-02T09:00:00Z"))
	if n := len(h.fake.ChannelMessages(chan1)); n != 1 {
		t.Errorf("%d messages after a day of failures, want still 1", n)
	}
	if c := strings.Count(h.logs.String(), "daily digest failed; trying again"); c != 3 {
		t.Errorf("%d retries logged in all, want 1 on the first day and 2 on the second", c)
	}
	h.advanceTo(mustRFC3339(t, "2026-06-03T09:00:00Z"))
	if n := len(h.fake.ChannelMessages(chan1)); n != 2 {
		t.Errorf("%d messages on the third day, want 2: the failures are over", n)
	}
}

// TestScheduler_SetupCommandMovesTheSchedule runs the bot and the scheduler
// together against the fake Discord: /briefing setup adds, then moves, the
// server's digest with no restart, and the digest comes at the new time
// through the bot's own session.
func TestScheduler_SetupCommandMovesTheSchedule(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	b, err := New(Config{
		Token: strings.TrimPrefix(h.fake.Token(), "Bot "), APIBase: h.fake.URL, Store: h.db, Now: h.clock.Now,
		Logger:          h.cfg.Logger,
		SettingsChanged: func(g storage.Guild) { h.sched.GuildChanged(g) },
	})
	if err != nil {
		t.Fatal(err)
	}
	h.cfg.Discord = b.REST()
	h.start()
	if err := b.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	const channel = "300000000000000042"
	setup := func(clock, zone string) {
		t.Helper()
		it := h.fake.Send(discordtest.Command("briefing", discordtest.Subcommand("setup",
			discordtest.Channel("channel", channel), discordtest.String("time", clock), discordtest.String("timezone", zone))).
			As(discordtest.PermManageGuild))
		r, err := h.fake.Reply(it, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if c, _ := r.Message["content"].(string); !strings.Contains(c, "will be posted") {
			t.Fatalf("setup answered %q", c)
		}
		waitSettled(t, h.settled)
	}

	setup("09:15", "Asia/Tokyo")
	want := mustRFC3339(t, "2026-06-02T00:15:00Z")
	if at, ok := h.sched.NextDigest(discordtest.GuildID); !ok || !at.Equal(want) {
		t.Errorf("after setup the next digest is %v (%v), want %v", at, ok, want)
	}
	setup("07:30", "Europe/Berlin")
	want = mustRFC3339(t, "2026-06-01T05:30:00Z").AddDate(0, 0, 1)
	if at, ok := h.sched.NextDigest(discordtest.GuildID); !ok || !at.Equal(want) {
		t.Errorf("after moving, the next digest is %v (%v), want %v", at, ok, want)
	}
	h.advanceTo(want.Add(time.Minute))
	msgs := h.fake.ChannelMessages(channel)
	if len(msgs) != 1 || !strings.Contains(messageTextOf(msgs[0]), "Daily briefing · Tuesday 2 June 2026") {
		t.Fatalf("want one digest for 2 June at 07:30 Berlin, got %d messages", len(msgs))
	}
	if e, err := h.db.DigestEntry(context.Background(), discordtest.GuildID, "2026-06-02"); err != nil || !e.ClaimedAt.Equal(want) {
		t.Errorf("digest entry %+v, %v; want claimed at %v", e, err, want)
	}
}

// TestScheduler_RefusedTwiceTurnsOff has Discord refuse a server's digest
// with 403 Missing Access on two days running: the first day is skipped
// and the digest tried again the next; the second turns the digest off,
// which /briefing show explains, and nothing is tried on the third.
func TestScheduler_RefusedTwiceTurnsOff(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC", Feeds: []string{"https://feeds.example.org/rss"}})
	posts := func() int {
		n := 0
		for _, r := range h.fake.Requests() {
			if r.Method == "POST" && r.Path == "/channels/"+chan1+"/messages" {
				n++
			}
		}
		return n
	}
	missing := discordtest.Fault{Status: 403, Code: 50001, Message: "Missing Access"}
	h.fake.FailNext("POST", "/channels/"+chan1+"/messages", 2, missing)
	h.start()

	h.advanceTo(mustRFC3339(t, "2026-06-01T09:00:00Z"))
	e, err := h.db.DigestEntry(context.Background(), guild1, "2026-06-01")
	if err != nil || e.State != storage.DigestSkipped || !strings.Contains(e.Reason, "Discord refused the digest: 403 Missing Access (code 50001)") {
		t.Fatalf("day 1: %+v, %v; want skipped because Discord refused", e, err)
	}
	if _, ok := h.sched.NextDigest(guild1); !ok {
		t.Fatal("one refusal turned the digest off; it should be tried again the next day")
	}

	h.advanceTo(mustRFC3339(t, "2026-06-02T09:00:00Z"))
	e, err = h.db.DigestEntry(context.Background(), guild1, "2026-06-02")
	if err != nil || e.State != storage.DigestSkipped || !strings.HasPrefix(e.Reason, digestTurnedOff) {
		t.Fatalf("day 2: %+v, %v; want skipped with the digest turned off", e, err)
	}
	g, err := h.db.Guild(context.Background(), guild1)
	if err != nil || g.ChannelID != "" || g.DigestTime != "08:00" || len(g.Feeds) != 1 {
		t.Errorf("settings after turning off: %+v, %v; want no channel, the rest kept", g, err)
	}
	if _, ok := h.sched.NextDigest(guild1); ok {
		t.Error("the digest is still scheduled after it was turned off")
	}
	before := posts()
	h.advanceTo(mustRFC3339(t, "2026-06-04T09:00:00Z"))
	if n := posts() - before; n != 0 {
		t.Errorf("%d posts tried after the digest was turned off, want none", n)
	}

	hd := newHandlers(Config{Store: h.db, Now: h.clock.Now}, slog.New(slog.DiscardHandler))
	r := memberRequest("briefing show", nil)
	r.GuildID = guild1
	data, err := hd.show(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	desc := data.Embeds[0].Description
	if !strings.Contains(desc, "briefbot turned it off") || !strings.Contains(desc, "403 Missing Access") || !strings.Contains(desc, "/briefing setup") {
		t.Errorf("/briefing show does not say why the digest is off:\n%s", desc)
	}
}

// TestScheduler_ConsoleSettingsAreNotScheduled stores settings the way the
// console does, under no Discord server: the scheduler leaves them alone.
func TestScheduler_ConsoleSettingsAreNotScheduled(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	h.putGuild(storage.Guild{ID: "console", ChannelID: "general", DigestTime: "08:00", TimeZone: "UTC"})
	h.putGuild(storage.Guild{ID: guild1, ChannelID: "general", DigestTime: "08:00", TimeZone: "UTC"})
	h.start()
	h.sched.GuildChanged(storage.Guild{ID: "console", ChannelID: "general", DigestTime: "09:00", TimeZone: "UTC"})
	h.advanceTo(mustRFC3339(t, "2026-06-02T12:00:00Z"))
	for _, id := range []string{"console", guild1} {
		if _, ok := h.sched.NextDigest(id); ok {
			t.Errorf("server %q with channel \"general\" is scheduled", id)
		}
	}
	if n := len(h.fake.Requests()); n != 0 {
		t.Errorf("%d requests to Discord, want none", n)
	}
	if !strings.Contains(h.logs.String(), "not Discord IDs") {
		t.Errorf("the unusable settings were not logged:\n%s", h.logs)
	}
}

// TestScheduler_StopCommandRemovesTheSchedule runs the bot and the
// scheduler together: /briefing stop drops the server's digest at once,
// with no restart, and keeps its feeds.
func TestScheduler_StopCommandRemovesTheSchedule(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	locks := &GuildLocks{}
	h.cfg.Locks = locks
	b, err := New(Config{
		Token: strings.TrimPrefix(h.fake.Token(), "Bot "), APIBase: h.fake.URL, Store: h.db, Now: h.clock.Now,
		Logger: h.cfg.Logger, Locks: locks,
		SettingsChanged: func(g storage.Guild) { h.sched.GuildChanged(g) },
	})
	if err != nil {
		t.Fatal(err)
	}
	h.cfg.Discord = b.REST()
	h.start()
	if err := b.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	ask := func(inv discordtest.Invocation) string {
		t.Helper()
		r, err := h.fake.Reply(h.fake.Send(inv), 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		waitSettled(t, h.settled)
		c, _ := r.Message["content"].(string)
		return c
	}
	ask(briefingCommand([]string{"setup"}, discordtest.Channel("channel", chan1), discordtest.String("time", "08:00"), discordtest.String("timezone", "UTC")))
	ask(briefingCommand([]string{"feeds", "add"}, discordtest.String("url", "https://feeds.example.org/rss")))
	if _, ok := h.sched.NextDigest(discordtest.GuildID); !ok {
		t.Fatal("setup did not schedule a digest")
	}
	reply := ask(briefingCommand([]string{"stop"}))
	if !strings.Contains(reply, "The daily digest is stopped") || !strings.Contains(reply, "1 feed stay") {
		t.Errorf("stop answered %q", reply)
	}
	if _, ok := h.sched.NextDigest(discordtest.GuildID); ok {
		t.Error("the digest is still scheduled after /briefing stop")
	}
	h.advanceTo(mustRFC3339(t, "2026-06-02T12:00:00Z"))
	if n := len(h.fake.ChannelMessages(chan1)); n != 0 {
		t.Errorf("%d digests posted after /briefing stop, want none", n)
	}
	g, err := h.db.Guild(context.Background(), discordtest.GuildID)
	if err != nil || g.ChannelID != "" || len(g.Feeds) != 1 {
		t.Errorf("settings after stop: %+v, %v; want no digest and the feed kept", g, err)
	}
	reply = ask(briefingCommand([]string{"stop"}, discordtest.Bool("remove_feeds", true)))
	if !strings.Contains(reply, "no daily digest to stop") || !strings.Contains(reply, "no longer follows its 1 feed") {
		t.Errorf("stop remove_feeds answered %q", reply)
	}
	if g, _ := h.db.Guild(context.Background(), discordtest.GuildID); len(g.Feeds) != 0 {
		t.Errorf("feeds after stop remove_feeds: %v", g.Feeds)
	}
}

// TestScheduler_ShutdownDuringARateLimit stops the scheduler while a
// digest waits out a one-minute 429: the wait ends with the shutdown
// instead of holding it up (discordgo's own wait would ignore it).
func TestScheduler_ShutdownDuringARateLimit(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	h.stopWait = 10 * time.Millisecond
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC"})
	h.fake.FailNext("POST", "/channels/"+chan1+"/messages", 10, discordtest.Fault{Status: 429, RetryAfter: 60})
	h.start()
	posting := func() bool {
		return h.clock.live() == 1 && h.sched.inflight.Load() <= 1 && h.sched.pendingDigests.Load() == 0
	}
	h.clock.advanceTo(t, mustRFC3339(t, "2026-06-01T08:00:00Z"), posting)
	limited := func() bool {
		for _, r := range h.fake.Requests() {
			if r.Status == 429 {
				return true
			}
		}
		return false
	}
	if !h.fake.WaitFor(5*time.Second, limited) {
		t.Fatal("the digest never met its rate limit")
	}
	h.stop() // fails the test if Run does not return
	if n := h.sched.inflight.Load(); n != 0 {
		t.Errorf("%d jobs still running after Run returned; the rate-limit wait ignored the shutdown", n)
	}
	if e, err := h.db.DigestEntry(context.Background(), guild1, "2026-06-01"); err != nil || e.State != storage.DigestClaimed {
		t.Errorf("entry %+v, %v; want the day claimed, for a restart to post it with the same nonce", e, err)
	}
}

// stuckStore never returns from reading a server's previous digest until
// released, whatever its context says.
type stuckStore struct {
	SchedulerStore
	entered, release chan struct{}
}

func (s stuckStore) LastDigest(ctx context.Context, guildID string) (storage.DigestEntry, error) {
	s.entered <- struct{}{}
	<-s.release
	return s.SchedulerStore.LastDigest(ctx, guildID)
}

// TestScheduler_ShutdownIsBounded stops the scheduler while a digest is
// stuck where cancelling cannot reach: Run still returns.
func TestScheduler_ShutdownIsBounded(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	h.stopWait = 10 * time.Millisecond
	st := stuckStore{SchedulerStore: h.db, entered: make(chan struct{}, 1), release: make(chan struct{})}
	h.cfg.Store = st
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC"})
	h.start()
	stuck := func() bool {
		return h.clock.live() == 1 && h.sched.inflight.Load() <= 1 && h.sched.pendingDigests.Load() == 0
	}
	h.clock.advanceTo(t, mustRFC3339(t, "2026-06-01T08:00:00Z"), stuck)
	<-st.entered
	h.stop() // fails the test if Run does not return
	if !strings.Contains(h.logs.String(), "did not stop when cancelled") {
		t.Errorf("the abandoned job is not logged:\n%s", h.logs)
	}
	close(st.release)
	waitSettled(t, func() bool { return h.sched.inflight.Load() == 0 })
}
