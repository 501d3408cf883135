package bot

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/source"
	"github.com/briefbot/briefbot/storage"
)

// feedSite is a news site on loopback with an RSS feed and article pages.
type feedSite struct {
	srv *httptest.Server

	mu     sync.Mutex
	items  []feedItem
	status int // when set, the feed answers this instead
	etag   int // bumped whenever the feed changes
	hits   int
	pages  map[string]string
	// pageStatus, when set for a page's path, is answered instead of it.
	pageStatus map[string]int
}

type feedItem struct {
	title, path, guid string
	published         time.Time
}

func newFeedSite(t *testing.T) *feedSite {
	t.Helper()
	s := &feedSite{pages: map[string]string{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if r.URL.Path != "/feed.xml" {
			if st := s.pageStatus[r.URL.Path]; st != 0 {
				http.Error(w, "the page server is down", st)
				return
			}
			body, ok := s.pages[r.URL.Path]
			if !ok {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
			return
		}
		s.hits++
		if s.status != 0 {
			http.Error(w, "the feed server is down", s.status)
			return
		}
		etag := fmt.Sprintf(`"v%d"`, s.etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, s.rssLocked())
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *feedSite) feedURL(t *testing.T) string {
	t.Helper()
	u, err := source.CanonicalURL(s.srv.URL + "/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// setItems replaces the feed's items and serves a page for each.
func (s *feedSite) setItems(items ...feedItem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = items
	s.etag++
	for _, it := range items {
		s.pages[it.path] = feedArticleHTML(it.title, it.published)
	}
}

func (s *feedSite) setStatus(status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status = status
}

func (s *feedSite) setPageStatus(path string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pageStatus == nil {
		s.pageStatus = map[string]int{}
	}
	s.pageStatus[path] = status
}

func (s *feedSite) feedHits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits
}

func (s *feedSite) rssLocked() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>The Harbour Gazette</title><link>` + s.srv.URL + `/</link>`)
	for _, it := range s.items {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link>", html.EscapeString(it.title), html.EscapeString(s.srv.URL+it.path))
		if it.guid != "" {
			fmt.Fprintf(&b, `<guid isPermaLink="false">%s</guid>`, html.EscapeString(it.guid))
		}
		fmt.Fprintf(&b, "<pubDate>%s</pubDate><description>%s</description></item>", it.published.Format(time.RFC1123Z), html.EscapeString(it.title))
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// feedArticleHTML is an article page, in words written for these tests.
func feedArticleHTML(title string, published time.Time) string {
	return fmt.Sprintf(`<!doctype html><html><head><title>%[1]s</title><meta property="article:published_time" content="%[2]s"></head>
<body><article><h1>%[1]s</h1>
<p>The foreign ministers of Nordland and Estria met in Vell on Monday for a second round of talks about the shared harbour, their offices said.</p>
<p>"We have agreed on a timetable, and the harbour will reopen to boats from both sides," Nordland's foreign minister Anna Kovacs told reporters after the meeting.</p>
<p>The ministers will meet again next week to settle the remaining questions about fishing rights.</p>
</article></body></html>`, html.EscapeString(title), published.UTC().Format(time.RFC3339))
}

// feedHarness is a schedHarness that polls feeds with the real ingester.
func newFeedHarness(t *testing.T, start time.Time, site *feedSite) *schedHarness {
	t.Helper()
	h := newHarness(t, start)
	fetcher := source.New(source.Options{AllowLoopback: true, Timeout: 10 * time.Second})
	h.cfg.Feeds = source.NewIngester(fetcher, h.db, source.IngestOptions{Now: h.clock.Now, Interval: DefaultFeedInterval, MaxBackoff: 6 * time.Hour})
	return h
}

func storedIDs(t *testing.T, db *storage.DB) map[string]string {
	t.Helper()
	all, err := db.Latest(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, b := range all {
		out[b.Article.Title] = b.Article.ID
	}
	return out
}

// TestFeeds_FirstPollAnnouncesNothingThenNewItemsAreInTheDigest follows a
// newly added feed: its first poll stores the back catalogue without
// announcing it, and an item published after that is in the next digest.
func TestFeeds_FirstPollAnnouncesNothingThenNewItemsAreInTheDigest(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	site := newFeedSite(t)
	site.setItems(
		feedItem{"Harbour talks to resume", "/a/1", "gz-1", start.Add(-30 * time.Hour)},
		feedItem{"Ministers name negotiators", "/a/2", "gz-2", start.Add(-6 * time.Hour)},
		feedItem{"Fishing towns wait for news", "/a/3", "gz-3", start.Add(-time.Hour)},
	)
	h := newFeedHarness(t, start, site)
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC", Feeds: []string{site.feedURL(t)}})
	h.start()
	if n := len(storedIDs(t, h.db)); n != 3 {
		t.Fatalf("after the first poll %d articles are stored, want the back catalogue's 3", n)
	}
	if n := len(h.fake.ChannelMessages(chan1)); n != 0 {
		t.Errorf("the first poll posted %d messages, want none", n)
	}

	h.advanceTo(mustRFC3339(t, "2026-06-01T07:00:00Z"))
	site.setItems(append([]feedItem{{"Harbour reopens to both fleets", "/a/4", "gz-4", start.Add(time.Hour)}}, site.items...)...)
	h.advanceTo(mustRFC3339(t, "2026-06-01T09:00:00Z"))

	msgs := h.fake.ChannelMessages(chan1)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want the digest alone", len(msgs))
	}
	text := messageTextOf(msgs[0])
	if !listsArticle(text, "Harbour reopens to both fleets") {
		t.Errorf("the new item is not in the digest:\n%s", text)
	}
	for _, old := range []string{"Harbour talks to resume", "Ministers name negotiators", "Fishing towns wait for news"} {
		if listsArticle(text, old) {
			t.Errorf("back-catalogue item %q is in the digest:\n%s", old, text)
		}
	}
	if n := len(storedIDs(t, h.db)); n != 4 {
		t.Errorf("%d articles stored, want 4", n)
	}
}

// TestFeeds_RewrittenItemsAreNotNew changes the items' dates and GUID
// format between polls: nothing is stored twice, and no digest lists an
// item twice.
func TestFeeds_RewrittenItemsAreNotNew(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	site := newFeedSite(t)
	items := []feedItem{
		{"Harbour talks to resume", "/a/1", "gz-1", start.Add(-30 * time.Hour)},
		{"Ministers name negotiators", "/a/2", "gz-2", start.Add(-6 * time.Hour)},
	}
	site.setItems(items...)
	h := newFeedHarness(t, start, site)
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC", Feeds: []string{site.feedURL(t)}})
	h.start()
	before := storedIDs(t, h.db)

	// A new item, then the feed rewrites every date and moves its GUIDs
	// to another scheme.
	h.advanceTo(mustRFC3339(t, "2026-06-01T06:30:00Z"))
	items = append([]feedItem{{"Harbour reopens to both fleets", "/a/3", "gz-3", start.Add(10 * time.Minute)}}, items...)
	site.setItems(items...)
	h.advanceTo(mustRFC3339(t, "2026-06-01T07:00:00Z"))
	for i := range items {
		items[i].published = items[i].published.Add(3 * time.Hour)
		items[i].guid = "tag:gazette.example," + strings.TrimPrefix(items[i].guid, "gz-")
	}
	site.setItems(items...)
	h.advanceTo(mustRFC3339(t, "2026-06-02T09:00:00Z"))

	after := storedIDs(t, h.db)
	if len(after) != len(before)+1 {
		t.Errorf("%d articles stored after the rewrite, want %d: %v", len(after), len(before)+1, after)
	}
	msgs := h.fake.ChannelMessages(chan1)
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want two digests", len(msgs))
	}
	if c := strings.Count(messageTextOf(msgs[0]), "**[Harbour reopens to both fleets]("); c != 1 {
		t.Errorf("the new item is in the first digest %d times, want once", c)
	}
	second := messageTextOf(msgs[1])
	for title := range after {
		if listsArticle(second, title) {
			t.Errorf("the second digest lists %q again:\n%s", title, second)
		}
	}
}

// TestFeeds_FailingFeedBacksOffAndIsReportedOnce makes a feed answer 500
// for a day: it is polled less and less often, its error is posted to the
// server's channel once and shown in its state, and it resumes when the
// server recovers.
func TestFeeds_FailingFeedBacksOffAndIsReportedOnce(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	site := newFeedSite(t)
	site.setItems(feedItem{"Harbour talks to resume", "/a/1", "gz-1", start.Add(-30 * time.Hour)})
	site.setStatus(http.StatusInternalServerError)
	h := newFeedHarness(t, start, site)
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "23:00", TimeZone: "UTC", Feeds: []string{site.feedURL(t)}})
	h.start()
	h.advanceTo(start.Add(22 * time.Hour))

	// Every 15 minutes would be 89 polls; backing off (15m, 30m, 1h, 2h,
	// 4h, then the 6h cap) it is a handful.
	if hits := site.feedHits(); hits < 5 || hits > 10 {
		t.Errorf("the failing feed was polled %d times in 22 hours, want 5 to 10 with back-off", hits)
	}
	var reports []string
	for _, m := range h.fake.ChannelMessages(chan1) {
		if text := messageTextOf(m); strings.Contains(text, "cannot read the feed") {
			reports = append(reports, text)
		}
	}
	if len(reports) != 1 {
		t.Fatalf("%d reports of the failing feed, want 1: %q", len(reports), reports)
	}
	if !strings.Contains(reports[0], "500") || !strings.Contains(reports[0], "127.0.0.1") {
		t.Errorf("the report does not name the feed and its error:\n%s", reports[0])
	}
	f, err := h.db.Feed(context.Background(), site.feedURL(t))
	if err != nil {
		t.Fatal(err)
	}
	if f.Failures < DefaultFeedReportAfter || !f.ErrorReported || !strings.Contains(f.LastError, "500") {
		t.Errorf("feed state %+v, want its failures, its error and that it was reported", f)
	}

	// /briefing feeds list shows it failing, with its error.
	list := feedsListText(t, h)
	if !strings.Contains(list, "**failing**") || !strings.Contains(list, "500") || !strings.Contains(list, "next try") {
		t.Errorf("/briefing feeds list does not show the failing feed and its error:\n%s", list)
	}

	// The server recovers: the next poll succeeds, and a later item is in
	// the digest.
	site.setStatus(0)
	h.advanceTo(start.Add(29 * time.Hour))
	f, err = h.db.Feed(context.Background(), site.feedURL(t))
	if err != nil {
		t.Fatal(err)
	}
	if f.Failures != 0 || f.LastError != "" || f.ErrorReported {
		t.Errorf("after recovering: feed state %+v, want its failure cleared", f)
	}
	if list := feedsListText(t, h); strings.Contains(list, "failing") || !strings.Contains(list, " — read <t:") {
		t.Errorf("after recovering, /briefing feeds list still shows a failure:\n%s", list)
	}
	site.setItems(feedItem{"Harbour reopens to both fleets", "/a/2", "gz-2", start.Add(29 * time.Hour)}, site.items[0])
	h.advanceTo(start.Add(42 * time.Hour))
	msgs := h.fake.ChannelMessages(chan1)
	last := messageTextOf(msgs[len(msgs)-1])
	if !listsArticle(last, "Harbour reopens to both fleets") {
		t.Errorf("after recovering, the new item is not in the digest:\n%s", last)
	}
}

// listsArticle reports whether a digest's text lists an article among the
// new ones (a bold linked headline), not merely links it from a quote or an
// event.
func listsArticle(text, title string) bool {
	return strings.Contains(text, "**["+title+"](")
}

// feedsListText answers /briefing feeds list for server 1 from the
// harness's store, checking the reply against Discord's limits.
func feedsListText(t *testing.T, h *schedHarness) string {
	t.Helper()
	hd := newHandlers(Config{Store: h.db, Now: h.clock.Now}, slog.New(slog.DiscardHandler))
	data, err := hd.feedList(context.Background(), &request{Command: "briefing feeds list", GuildID: guild1, Member: true, Permissions: permManageGuild})
	if err != nil {
		t.Fatal(err)
	}
	if p := limitProblems(data); len(p) > 0 {
		t.Errorf("feeds list breaks Discord's limits: %v", p)
	}
	return data.Embeds[0].Description
}

// TestFeeds_OwnIntervalIsKept reads a feed whose state sets an hourly
// interval (what /briefing feeds add interval:60 stores): it is polled
// about once an hour, not every DefaultFeedInterval.
func TestFeeds_OwnIntervalIsKept(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	site := newFeedSite(t)
	site.setItems(feedItem{"Harbour talks to resume", "/a/1", "gz-1", start.Add(-30 * time.Hour)})
	h := newFeedHarness(t, start, site)
	if err := h.db.PutFeed(context.Background(), storage.Feed{URL: site.feedURL(t), Interval: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "23:00", TimeZone: "UTC", Feeds: []string{site.feedURL(t)}})
	h.start()
	h.advanceTo(start.Add(5*time.Hour + 30*time.Minute))
	// Polls at 0 and then hourly, each up to 6 minutes late (the feed's
	// fixed jitter): 6 in five and a half hours. Every 15 minutes would
	// be 23.
	if hits := site.feedHits(); hits != 6 {
		t.Errorf("the hourly feed was read %d times in 5h30m, want 6", hits)
	}
}

// panickyPoller stands in for a feed reader that trips over one feed.
type panickyPoller struct {
	mu    sync.Mutex
	polls int
}

func (p *panickyPoller) PollFeed(ctx context.Context, feedURL string, opts source.PollOptions) (source.PollResult, error) {
	p.mu.Lock()
	p.polls++
	p.mu.Unlock()
	panic("index out of range [3] with length 3")
}

// TestFeeds_PanicIsAFailedPoll makes reading a feed panic: the scheduler
// recovers, logs the feed, counts and backs off the failure, reports it
// after three in a row like any other, and keeps posting digests.
func TestFeeds_PanicIsAFailedPoll(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	p := &panickyPoller{}
	h.cfg.Feeds = p
	const u = "https://feeds.example.org/broken.xml"
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC", Feeds: []string{u}})
	h.start()
	h.advanceTo(start.Add(4 * time.Hour))

	if !strings.Contains(h.logs.String(), "feed poll panicked") || !strings.Contains(h.logs.String(), u) {
		t.Errorf("the panic is not logged with the feed:\n%s", h.logs)
	}
	f, err := h.db.Feed(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	polls := p.polls
	p.mu.Unlock()
	// Backed off: 15m, 30m, 1h, 2h after the first; every 15 minutes
	// would be 17 polls in four hours.
	if f.Failures != polls || polls < 3 || polls > 6 || !strings.Contains(f.LastError, "index out of range") {
		t.Errorf("feed state %+v after %d polls; want each counted as a failure, backed off", f, polls)
	}
	var reports, digests int
	for _, m := range h.fake.ChannelMessages(chan1) {
		switch text := messageTextOf(m); {
		case strings.Contains(text, "cannot read the feed"):
			reports++
		case strings.Contains(text, "Daily briefing"):
			digests++
		}
	}
	if reports != 1 || digests != 1 || !f.ErrorReported {
		t.Errorf("%d failure reports and %d digests, want one of each", reports, digests)
	}
}

// TestFeeds_ConsoleFollowerIsNotReportedTo has the console's settings
// (server "console", channel "general", as the console saves them in the
// same file) follow a failing feed: the feed is polled and its failure
// recorded, but nothing is posted to Discord for a channel that is not a
// Discord ID.
func TestFeeds_ConsoleFollowerIsNotReportedTo(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	site := newFeedSite(t)
	site.setStatus(http.StatusInternalServerError)
	h := newFeedHarness(t, start, site)
	h.putGuild(storage.Guild{ID: consoleGuild, ChannelID: "general", DigestTime: "08:00", TimeZone: "UTC", Feeds: []string{site.feedURL(t)}})
	h.start()
	h.advanceTo(start.Add(22 * time.Hour))
	if site.feedHits() < DefaultFeedReportAfter {
		t.Fatalf("the feed was polled %d times, want at least %d", site.feedHits(), DefaultFeedReportAfter)
	}
	for _, r := range h.fake.Requests() {
		t.Errorf("request %s %s for the console's settings, want none", r.Method, r.Path)
	}
	f, err := h.db.Feed(context.Background(), site.feedURL(t))
	if err != nil {
		t.Fatal(err)
	}
	if f.Failures < DefaultFeedReportAfter || f.ErrorReported {
		t.Errorf("feed state %+v, want its failures counted and not marked reported", f)
	}
}

// cutShortPoller stands in for a feed reader whose first poll of a large
// feed runs out of time: it stores part of the back catalogue and fails,
// and the next poll (still the feed's first success) stores the rest.
type cutShortPoller struct {
	db    *storage.DB
	clock *fakeClock
	mu    sync.Mutex
	polls int
}

func (p *cutShortPoller) PollFeed(ctx context.Context, feedURL string, opts source.PollOptions) (source.PollResult, error) {
	p.mu.Lock()
	p.polls++
	n := p.polls
	p.mu.Unlock()
	now := p.clock.Now()
	st, err := p.db.Feed(ctx, feedURL)
	if err != nil {
		return source.PollResult{}, err
	}
	res := source.PollResult{URL: feedURL, BackCatalogue: st.LastSuccess.IsZero()}
	store := func(id, title string) error {
		r, err := p.db.Put(ctx, schedBriefing(id, title, now.Add(-2*time.Hour)))
		res.New = append(res.New, source.NewItem{Stored: r})
		return err
	}
	st.LastPoll = now
	st.NextPoll = now.Add(DefaultFeedInterval)
	switch n {
	case 1:
		if err := store("old-1", "Harbour talks to resume"); err != nil {
			return res, err
		}
		st.Failures, st.LastError = 1, "stopped after 1 new item: context deadline exceeded"
		if err := p.db.PutFeed(ctx, st); err != nil {
			return res, err
		}
		return res, fmt.Errorf("poll feed %s: %s", feedURL, st.LastError)
	case 2:
		if err := store("old-2", "Ministers name negotiators"); err != nil {
			return res, err
		}
	}
	st.Failures, st.LastError, st.LastSuccess = 0, "", now
	return res, p.db.PutFeed(ctx, st)
}

// TestFeeds_FirstPollCutShortAnnouncesNothing: a feed's first poll that
// stores part of its back catalogue and then fails (its time ran out)
// keeps what it stored out of the digest, as the poll that completes the
// back catalogue does.
func TestFeeds_FirstPollCutShortAnnouncesNothing(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	h := newHarness(t, start)
	p := &cutShortPoller{db: h.db, clock: h.clock}
	h.cfg.Feeds = p
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC", Feeds: []string{"https://feeds.example.org/big.xml"}})
	h.start()
	h.advanceTo(mustRFC3339(t, "2026-06-01T09:00:00Z"))
	p.mu.Lock()
	polls := p.polls
	p.mu.Unlock()
	if polls < 2 {
		t.Fatalf("%d polls, want the cut-short one and the one after", polls)
	}
	msgs := h.fake.ChannelMessages(chan1)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want the digest", len(msgs))
	}
	text := messageTextOf(msgs[0])
	if strings.Contains(text, "news.example.org/old-") {
		t.Errorf("the digest lists or quotes the back catalogue:\n%s", text)
	}
}

// TestFeeds_BackCatalogueQuietAcrossRestart restarts the scheduler between
// a feed's first poll and the next digest. The back catalogue stays out of
// that digest: the feed's state in the store keeps it (storage.Feed.Quiet)
// and the new scheduler loads it.
func TestFeeds_BackCatalogueQuietAcrossRestart(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	site := newFeedSite(t)
	site.setItems(
		feedItem{"Harbour talks to resume", "/a/1", "gz-1", start.Add(-30 * time.Hour)},
		feedItem{"Ministers name negotiators", "/a/2", "gz-2", start.Add(-6 * time.Hour)},
	)
	h := newFeedHarness(t, start, site)
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC", Feeds: []string{site.feedURL(t)}})
	h.start()
	if n := len(storedIDs(t, h.db)); n != 2 {
		t.Fatalf("after the first poll %d articles are stored, want 2", n)
	}
	h.stop()
	h.start() // a new process: nothing in memory survives
	h.advanceTo(mustRFC3339(t, "2026-06-01T09:00:00Z"))
	msgs := h.fake.ChannelMessages(chan1)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want the digest", len(msgs))
	}
	text := messageTextOf(msgs[0])
	for _, old := range []string{"Harbour talks to resume", "Ministers name negotiators"} {
		if listsArticle(text, old) {
			t.Errorf("after a restart, back-catalogue item %q is in the digest:\n%s", old, text)
		}
	}
}

// TestFeeds_BackCatalogueItemRetriedLaterIsQuiet: on a feed's first poll
// one old item's page answers 503, so the reader leaves it to retry; the
// next poll stores it. It is back catalogue all the same (the first poll
// kept its identity in storage.Feed.QuietItems) and is not announced.
func TestFeeds_BackCatalogueItemRetriedLaterIsQuiet(t *testing.T) {
	start := mustRFC3339(t, "2026-06-01T06:00:00Z")
	site := newFeedSite(t)
	site.setItems(
		feedItem{"Harbour talks to resume", "/a/1", "gz-1", start.Add(-30 * time.Hour)},
		feedItem{"Ministers name negotiators", "/a/2", "gz-2", start.Add(-6 * time.Hour)},
	)
	site.setPageStatus("/a/1", http.StatusServiceUnavailable)
	h := newFeedHarness(t, start, site)
	h.putGuild(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC", Feeds: []string{site.feedURL(t)}})
	h.start()
	site.setPageStatus("/a/1", 0)
	h.advanceTo(mustRFC3339(t, "2026-06-01T09:00:00Z"))
	if _, ok := storedIDs(t, h.db)["Harbour talks to resume"]; !ok {
		t.Fatalf("the retried item was never stored: %v", storedIDs(t, h.db))
	}
	msgs := h.fake.ChannelMessages(chan1)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want the digest", len(msgs))
	}
	if text := messageTextOf(msgs[0]); listsArticle(text, "Harbour talks to resume") {
		t.Errorf("the back-catalogue item retried after the first poll is in the digest:\n%s", text)
	}
}

// TestQuietArticles_AddMarks: marks loaded from the store keep their own
// times, so they expire a digest window after they were made, not after
// they were loaded; a mark already expired is not loaded at all.
func TestQuietArticles_AddMarks(t *testing.T) {
	now := mustRFC3339(t, "2026-06-10T06:00:00Z")
	q := newQuietArticles()
	q.addMarks(now, []storage.QuietMark{
		{Key: "old", At: now.Add(-maxDigestWindow - time.Minute)},
		{Key: "recent", At: now.Add(-maxDigestWindow + time.Hour)},
		{Key: "fresh", At: now},
	})
	for id, want := range map[string]bool{"old": false, "recent": true, "fresh": true} {
		if got := q.has(id); got != want {
			t.Errorf("after loading, has(%s) = %v, want %v", id, got, want)
		}
	}
	q.add(now.Add(2*time.Hour), "other")
	for id, want := range map[string]bool{"recent": false, "fresh": true, "other": true} {
		if got := q.has(id); got != want {
			t.Errorf("two hours later, has(%s) = %v, want %v", id, got, want)
		}
	}
}
