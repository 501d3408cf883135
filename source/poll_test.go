package source

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// memStore is a test double of the Store interface this package declares:
// feed state, seen keys and articles in maps. The integration test in
// store_test.go runs the same flows against the real storage.DB.
type memStore struct {
	mu       sync.Mutex
	feeds    map[string]storage.Feed
	seen     map[string]map[string]bool
	articles []briefing.Briefing
	byURL    map[string]int
	putErr   error
}

func newMemStore() *memStore {
	return &memStore{feeds: map[string]storage.Feed{}, seen: map[string]map[string]bool{}, byURL: map[string]int{}}
}

func (s *memStore) Feed(ctx context.Context, url string) (storage.Feed, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.feeds[url]
	if !ok {
		return storage.Feed{}, fmt.Errorf("feed %s: %w", url, briefing.ErrNotFound)
	}
	return f, nil
}

func (s *memStore) PutFeed(ctx context.Context, f storage.Feed) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feeds[f.URL] = f
	return nil
}

func (s *memStore) SeenItem(ctx context.Context, feedURL, key string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen[feedURL][key], nil
}

func (s *memStore) MarkItemsSeen(ctx context.Context, feedURL string, keys []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen[feedURL] == nil {
		s.seen[feedURL] = map[string]bool{}
	}
	for _, k := range keys {
		s.seen[feedURL][k] = true
	}
	return nil
}

func (s *memStore) Put(ctx context.Context, b briefing.Briefing) (storage.PutResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.putErr != nil {
		return storage.PutResult{}, s.putErr
	}
	if i, ok := s.byURL[b.Article.URL]; ok && b.Article.URL != "" {
		s.articles[i] = b
		return storage.PutResult{ID: fmt.Sprint(i), Changed: true}, nil
	}
	s.articles = append(s.articles, b)
	s.byURL[b.Article.URL] = len(s.articles) - 1
	return storage.PutResult{ID: fmt.Sprint(len(s.articles) - 1), Created: true}, nil
}

func (s *memStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.articles)
}

// newsSite is an httptest news site: a feed at /feed.xml, whose body and
// ETag a test changes between polls, and article pages at /articles/.
type newsSite struct {
	srv  *httptest.Server
	host string // news.test:PORT, resolved to the server by the test resolver
	mu   sync.Mutex
	feed string
	etag string
	// feedStatus, when set, is the feed's answer instead of the feed, with
	// retryAfter as its Retry-After header.
	feedStatus int
	retryAfter string
	feedHits   int
	pages      map[string]sitePage
	pageHits   map[string]int
}

type sitePage struct {
	status int
	body   string
	stall  bool
}

func newNewsSite(t *testing.T) *newsSite {
	s := &newsSite{pages: map[string]sitePage{}, pageHits: map[string]int{}}
	release := make(chan struct{})
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		if r.URL.Path == "/feed.xml" {
			s.feedHits++
			feed, etag, status, retryAfter := s.feed, s.etag, s.feedStatus, s.retryAfter
			s.mu.Unlock()
			if status != 0 {
				w.Header().Set("Retry-After", retryAfter)
				w.WriteHeader(status)
				return
			}
			if etag != "" && r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			if etag != "" {
				w.Header().Set("ETag", etag)
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, feed)
			return
		}
		s.pageHits[r.URL.Path]++
		p, ok := s.pages[r.URL.Path]
		s.mu.Unlock()
		switch {
		case !ok:
			http.NotFound(w, r)
		case p.stall:
			select {
			case <-release:
			case <-r.Context().Done():
			}
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if p.status != 0 {
				w.WriteHeader(p.status)
			}
			fmt.Fprint(w, p.body)
		}
	}))
	t.Cleanup(func() {
		close(release)
		s.srv.Close()
	})
	s.host = fmt.Sprintf("news.test:%d", serverAddr(t, s.srv).Port())
	return s
}

func (s *newsSite) url(path string) string { return "http://" + s.host + path }

func (s *newsSite) setFeed(etag, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feed, s.etag = body, etag
}

func (s *newsSite) setFeedStatus(status int, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feedStatus, s.retryAfter = status, retryAfter
}

func (s *newsSite) setPage(path string, p sitePage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = p
}

func (s *newsSite) hits() (feed, pages int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range s.pageHits {
		pages += n
	}
	return s.feedHits, pages
}

// articleHTML is an article page; date may be empty for a page without one.
func articleHTML(title, date string, paragraphs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><title>%s</title>", html.EscapeString(title))
	if date != "" {
		fmt.Fprintf(&b, `<meta property="article:published_time" content="%s">`, date)
	}
	fmt.Fprintf(&b, "</head><body><article><h1>%s</h1>", html.EscapeString(title))
	for _, p := range paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(p))
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

type rssItem struct {
	title, link, guid, date, description string
}

func rss(items ...rssItem) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Desk</title><link>http://news.test/</link>`)
	for _, it := range items {
		b.WriteString("<item>")
		fmt.Fprintf(&b, "<title>%s</title>", html.EscapeString(it.title))
		if it.link != "" {
			fmt.Fprintf(&b, "<link>%s</link>", html.EscapeString(it.link))
		}
		if it.guid != "" {
			fmt.Fprintf(&b, `<guid isPermaLink="false">%s</guid>`, html.EscapeString(it.guid))
		}
		if it.date != "" {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>", it.date)
		}
		if it.description != "" {
			fmt.Fprintf(&b, "<description>%s</description>", html.EscapeString(it.description))
		}
		b.WriteString("</item>")
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

var pollNow = time.Date(2021, 2, 10, 12, 0, 0, 0, time.UTC)

// newTestIngester returns an Ingester whose fetcher reaches site through
// the guarded path (test resolver, guard dialer) and whose clock is fixed.
func newTestIngester(t *testing.T, site *newsSite, store Store, fo Options) (*Ingester, *time.Time) {
	t.Helper()
	ap := serverAddr(t, site.srv)
	fo.AllowLoopback = true
	fo.Resolver = testResolver{t: t, hosts: map[string][]netip.Addr{
		"news.test":     {ap.Addr()},
		"internal.test": {netip.MustParseAddr("10.0.0.1")},
	}}
	fo.Dialer = newGuardDialer(t, site.srv)
	now := pollNow
	in := NewIngester(New(fo), store, IngestOptions{Now: func() time.Time { return now }, Interval: 30 * time.Minute, MaxBackoff: 24 * time.Hour})
	return in, &now
}

// threeItems is a feed of three articles whose pages the site serves.
func threeItems(site *newsSite) []rssItem {
	items := []rssItem{
		{"Envoy arrives for talks", "/articles/envoy", "desk-101", "Mon, 08 Feb 2021 09:00:00 GMT", "The envoy landed in the capital."},
		{"Ministers meet on trade", "/articles/trade", "desk-102", "Tue, 09 Feb 2021 09:00:00 GMT", "Trade ministers met."},
		{"Summit set for March", "/articles/summit", "desk-103", "Tue, 09 Feb 2021 15:00:00 GMT", "Leaders will meet in March."},
	}
	for i := range items {
		site.setPage(items[i].link, sitePage{body: articleHTML(items[i].title, "2021-02-0"+fmt.Sprint(7+i)+"T08:00:00Z",
			"The foreign minister said on Tuesday that the talks had gone well and that both sides would meet again.",
			`"We have made progress," the minister told reporters after the meeting.`)})
		items[i].link = site.url(items[i].link)
	}
	return items
}

func TestPollFeed_FirstPollThenNotModified(t *testing.T) {
	site := newNewsSite(t)
	store := newMemStore()
	in, _ := newTestIngester(t, site, store, Options{})
	site.setFeed(`"v1"`, rss(threeItems(site)...))
	ctx := context.Background()
	feedURL := site.url("/feed.xml")

	res, err := in.PollFeed(ctx, feedURL, PollOptions{})
	if err != nil {
		t.Fatalf("first poll: %v", err)
	}
	if !res.BackCatalogue || res.NotModified || len(res.New) != 3 || len(res.Failed)+len(res.Skipped)+len(res.Unchanged) != 0 {
		t.Fatalf("first poll: %+v", summarize(res))
	}
	// Stored oldest first.
	if got := []string{res.New[0].Title, res.New[1].Title, res.New[2].Title}; got[0] != "Envoy arrives for talks" || got[2] != "Summit set for March" {
		t.Errorf("new items in order %q, want oldest first", got)
	}
	for _, n := range res.New {
		if n.FromFeedText || !n.Stored.Created || len(n.Briefing.Article.Paragraphs) == 0 {
			t.Errorf("item %q: FromFeedText %v, Created %v, %d paragraphs", n.Title, n.FromFeedText, n.Stored.Created, len(n.Briefing.Article.Paragraphs))
		}
	}
	if got := res.New[0].Briefing.Article.Published; !got.Equal(time.Date(2021, 2, 7, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("published = %v, want the page's date 2021-02-07", got)
	}
	st := store.feeds[res.URL]
	if st.ETag != `"v1"` || !st.LastSuccess.Equal(pollNow) || !st.NextPoll.Equal(pollNow.Add(30*time.Minute)) || st.Failures != 0 {
		t.Errorf("feed state after first poll: %+v", st)
	}
	feedHits, pageHits := site.hits()
	if feedHits != 1 || pageHits != 3 {
		t.Errorf("first poll: %d feed and %d page requests, want 1 and 3", feedHits, pageHits)
	}

	res, err = in.PollFeed(ctx, feedURL, PollOptions{})
	if err != nil {
		t.Fatalf("second poll: %v", err)
	}
	if !res.NotModified || res.BackCatalogue || len(res.New)+len(res.Unchanged) != 0 {
		t.Errorf("second poll: %+v, want NotModified and nothing else", summarize(res))
	}
	feedHits, pageHits = site.hits()
	if feedHits != 2 || pageHits != 3 {
		t.Errorf("after a 304: %d feed and %d page requests, want 2 and still 3", feedHits, pageHits)
	}
	if store.count() != 3 {
		t.Errorf("%d articles stored, want 3", store.count())
	}
}

func TestPollFeed_ChangedDatesAndGUIDsAreNotNew(t *testing.T) {
	site := newNewsSite(t)
	store := newMemStore()
	in, _ := newTestIngester(t, site, store, Options{})
	items := threeItems(site)
	site.setFeed(`"v1"`, rss(items...))
	ctx := context.Background()
	feedURL := site.url("/feed.xml")
	if _, err := in.PollFeed(ctx, feedURL, PollOptions{}); err != nil {
		t.Fatal(err)
	}

	// Every date rewritten (some feeds stamp all items with the build
	// time), the ETag changes with it.
	for i := range items {
		items[i].date = "Wed, 10 Feb 2021 11:59:00 GMT"
	}
	site.setFeed(`"v2"`, rss(items...))
	res, err := in.PollFeed(ctx, feedURL, PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.NotModified || len(res.New) != 0 || len(res.Unchanged) != 3 {
		t.Errorf("dates changed: %+v, want 3 unchanged and none new", summarize(res))
	}

	// The GUIDs switch format and the links gain tracking parameters and
	// https; the pages are the same.
	for i := range items {
		items[i].guid = fmt.Sprintf("https://news.test/?p=%d", 900+i)
		items[i].link = strings.Replace(items[i].link, "http://", "HTTP://", 1) + "?utm_source=rss&utm_medium=feed#comments"
	}
	site.setFeed(`"v3"`, rss(items...))
	res, err = in.PollFeed(ctx, feedURL, PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.New) != 0 || len(res.Unchanged) != 3 {
		t.Errorf("GUIDs changed: %+v, want 3 unchanged and none new", summarize(res))
	}
	// The new GUIDs are now known too: a later link change alone does not
	// make the items new.
	for i := range items {
		items[i].link = site.url(fmt.Sprintf("/articles/moved-%d", i))
	}
	site.setFeed(`"v4"`, rss(items...))
	res, err = in.PollFeed(ctx, feedURL, PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.New) != 0 || len(res.Unchanged) != 3 {
		t.Errorf("links changed after GUIDs: %+v, want 3 unchanged", summarize(res))
	}
	if _, pages := site.hits(); pages != 3 {
		t.Errorf("%d page requests, want only the first poll's 3", pages)
	}
	if store.count() != 3 {
		t.Errorf("%d articles stored, want 3", store.count())
	}

	// A genuinely new item is new, and not back catalogue.
	site.setPage("/articles/new", sitePage{body: articleHTML("Sanctions debated", "2021-02-10T08:00:00Z",
		"Diplomats debated new sanctions on Wednesday, officials said.")})
	items = append(items, rssItem{"Sanctions debated", site.url("/articles/new"), "desk-104", "Wed, 10 Feb 2021 09:00:00 GMT", "Sanctions."})
	site.setFeed(`"v5"`, rss(items...))
	res, err = in.PollFeed(ctx, feedURL, PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.BackCatalogue || len(res.New) != 1 || res.New[0].Title != "Sanctions debated" || len(res.Unchanged) != 3 {
		t.Errorf("one new item: %+v", summarize(res))
	}
}

func TestPollFeed_PageFallbacks(t *testing.T) {
	site := newNewsSite(t)
	store := newMemStore()
	in, _ := newTestIngester(t, site, store, Options{})
	site.setPage("/articles/nodate", sitePage{body: articleHTML("Undated page", "",
		"The spokesman said the delegation would return next week for a second round.")})
	site.setPage("/articles/empty", sitePage{body: "<!doctype html><html><head><title>Empty</title></head><body><nav>Home</nav></body></html>"})
	site.setPage("/articles/slow", sitePage{stall: true})
	site.setFeed(`"v1"`, rss(
		rssItem{"Gone page", site.url("/articles/gone"), "g1", "Mon, 08 Feb 2021 09:00:00 GMT",
			"<p>The ambassador was recalled on Monday after the dispute over the talks.</p>"},
		rssItem{"Undated page", site.url("/articles/nodate"), "g2", "Sat, 06 Feb 2021 09:00:00 GMT", "Teaser."},
		rssItem{"Empty page", site.url("/articles/empty"), "g3", "Fri, 05 Feb 2021 09:00:00 GMT",
			"The talks ended without agreement, the mediator said on Friday."},
		rssItem{"Refused link", "http://internal.test/articles/x", "g4", "Thu, 04 Feb 2021 09:00:00 GMT",
			"The embassy reopened on Thursday after three years."},
		rssItem{"Slow page", site.url("/articles/slow"), "g5", "Wed, 03 Feb 2021 09:00:00 GMT",
			"The minister flew home on Wednesday, his office said."},
		rssItem{"No link at all", "", "g6", "Tue, 02 Feb 2021 09:00:00 GMT",
			"The treaty was signed on Tuesday in the old town hall."},
		rssItem{"Gone and empty", site.url("/articles/gone2"), "g7", "Mon, 01 Feb 2021 09:00:00 GMT", ""},
	))
	res, err := in.PollFeed(context.Background(), site.url("/feed.xml"), PollOptions{ItemTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]NewItem{}
	for _, n := range res.New {
		byTitle[n.Title] = n
	}

	gone := byTitle["Gone page"]
	var se *StatusError
	if !gone.FromFeedText || !errors.As(gone.PageError, &se) || se.StatusCode != 404 {
		t.Errorf("404 page: FromFeedText %v, PageError %v; want the description used after a 404", gone.FromFeedText, gone.PageError)
	}
	if got := strings.Join(gone.Briefing.Article.Paragraphs, " "); !strings.Contains(got, "ambassador was recalled") {
		t.Errorf("404 page: paragraphs %q, want the item's description", got)
	}
	if got := gone.Briefing.Article.URL; got != site.url("/articles/gone") {
		t.Errorf("404 page: URL %q, want the item's link", got)
	}
	if got := gone.Briefing.Article.Source; got != "Test Desk" {
		t.Errorf("feed text: Source %q, want the feed's title", got)
	}

	undated := byTitle["Undated page"]
	if undated.FromFeedText || !undated.Briefing.Article.Published.Equal(time.Date(2021, 2, 6, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("undated page: FromFeedText %v, published %v; want the page with the item's date",
			undated.FromFeedText, undated.Briefing.Article.Published)
	}

	empty := byTitle["Empty page"]
	if !empty.FromFeedText || !errors.Is(empty.PageError, briefing.ErrNoArticle) {
		t.Errorf("page without article text: FromFeedText %v, PageError %v", empty.FromFeedText, empty.PageError)
	}

	refused := byTitle["Refused link"]
	if !refused.FromFeedText || !errors.Is(refused.PageError, ErrBlocked) {
		t.Errorf("link to a private address: FromFeedText %v, PageError %v; want ErrBlocked and the description", refused.FromFeedText, refused.PageError)
	}

	slow := byTitle["Slow page"]
	if !slow.FromFeedText || !errors.Is(slow.PageError, ErrTimeout) {
		t.Errorf("stalled page: FromFeedText %v, PageError %v; want ErrTimeout and the description", slow.FromFeedText, slow.PageError)
	}

	nolink := byTitle["No link at all"]
	if !nolink.FromFeedText || nolink.Briefing.Article.URL != "" {
		t.Errorf("item without link: FromFeedText %v, URL %q", nolink.FromFeedText, nolink.Briefing.Article.URL)
	}

	if len(res.New) != 6 || len(res.Skipped) != 1 || res.Skipped[0].Title != "Gone and empty" || len(res.Failed) != 0 {
		t.Errorf("result: %+v; want 6 new and the 404 item without text skipped", summarize(res))
	}
}

func TestPollFeed_FailuresBackOffAndRecover(t *testing.T) {
	site := newNewsSite(t)
	store := newMemStore()
	in, now := newTestIngester(t, site, store, Options{})
	ctx := context.Background()
	feedURL := site.url("/feed.xml")

	// A feed the store does not know leaves nothing behind when it fails.
	site.setFeed("", `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>a</ti`)
	_, err := in.PollFeed(ctx, feedURL, PollOptions{})
	if err == nil || !strings.Contains(err.Error(), "malformed") || !strings.Contains(err.Error(), feedURL) {
		t.Fatalf("malformed feed: error %v, want one naming the feed and saying it is malformed", err)
	}
	if len(store.feeds) != 0 {
		t.Errorf("an unknown feed's failed first poll stored state: %+v", store.feeds)
	}

	// Once the feed is added, failures are recorded and back off.
	key, _ := CanonicalURL(feedURL)
	store.PutFeed(ctx, storage.Feed{URL: key})
	for i, wantWait := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
		res, err := in.PollFeed(ctx, feedURL, PollOptions{})
		if err == nil {
			t.Fatalf("failure %d: no error", i+1)
		}
		st := store.feeds[key]
		if st.Failures != i+1 || st.LastError != err.Error() || !st.NextPoll.Equal(now.Add(wantWait)) || !st.LastPoll.Equal(*now) {
			t.Errorf("after failure %d: %+v; want %d failures, the error, next poll in %s", i+1, st, i+1, wantWait)
		}
		if res.Feed.Failures != i+1 {
			t.Errorf("result's feed state: %+v", res.Feed)
		}
		*now = now.Add(wantWait)
	}

	// A 503 with Retry-After longer than the back-off is honoured.
	site.setFeedStatus(http.StatusServiceUnavailable, "36000")
	if _, err := in.PollFeed(ctx, feedURL, PollOptions{}); err == nil {
		t.Fatal("503: no error")
	}
	if st := store.feeds[key]; st.Failures != 4 || !st.NextPoll.Equal(now.Add(10*time.Hour)) {
		t.Errorf("after a 503 with Retry-After 10h: %+v", st)
	}

	// Success clears the failures.
	site.setFeedStatus(0, "")
	site.setFeed(`"ok"`, rss())
	res, err := in.PollFeed(ctx, feedURL, PollOptions{})
	if err != nil {
		t.Fatalf("recovered feed: %v", err)
	}
	st := store.feeds[key]
	if st.Failures != 0 || st.LastError != "" || st.ErrorReported || !st.LastSuccess.Equal(*now) || !st.NextPoll.Equal(now.Add(30*time.Minute)) {
		t.Errorf("after recovery: %+v", st)
	}
	if !res.BackCatalogue {
		t.Errorf("first successful poll is not marked as the back catalogue")
	}
}

func TestPollFeed_FeedTooLarge(t *testing.T) {
	site := newNewsSite(t)
	store := newMemStore()
	in, _ := newTestIngester(t, site, store, Options{})
	feedURL := site.url("/feed.xml")
	key, _ := CanonicalURL(feedURL)
	store.PutFeed(context.Background(), storage.Feed{URL: key})
	site.setFeed(`"big"`, rss(threeItems(site)...))

	_, err := in.PollFeed(context.Background(), feedURL, PollOptions{MaxFeedBytes: 512})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), feedURL) {
		t.Fatalf("feed over the cap: error %v, want ErrTooLarge naming the feed", err)
	}
	if st := store.feeds[key]; st.Failures != 1 || !strings.Contains(st.LastError, "limit") {
		t.Errorf("feed state: %+v, want the failure recorded", st)
	}
	if _, pages := site.hits(); pages != 0 {
		t.Errorf("%d pages fetched from a feed that was refused", pages)
	}
}

func TestPollFeed_RetryableItemFailure(t *testing.T) {
	site := newNewsSite(t)
	store := newMemStore()
	in, _ := newTestIngester(t, site, store, Options{})
	ctx := context.Background()
	feedURL := site.url("/feed.xml")
	site.setPage("/articles/busy", sitePage{status: http.StatusServiceUnavailable, body: "busy"})
	site.setFeed(`"v1"`, rss(rssItem{"Busy page", site.url("/articles/busy"), "b1", "Mon, 08 Feb 2021 09:00:00 GMT", ""}))

	res, err := in.PollFeed(ctx, feedURL, PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 1 || len(res.New) != 0 {
		t.Fatalf("503 page with no feed text: %+v, want it failed", summarize(res))
	}
	if st := store.feeds[res.URL]; st.ETag != "" {
		t.Errorf("validators kept after a retryable failure: %+v", st)
	}
	// Next poll reads the feed again (no 304) and retries the item.
	site.setPage("/articles/busy", sitePage{body: articleHTML("Busy page", "2021-02-08T09:00:00Z",
		"The council met on Monday and agreed to resume the talks in spring.")})
	res, err = in.PollFeed(ctx, feedURL, PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.NotModified || len(res.New) != 1 {
		t.Errorf("retry: %+v, want the item stored", summarize(res))
	}
	if st := store.feeds[res.URL]; st.ETag != `"v1"` {
		t.Errorf("validators not kept after a clean poll: %+v", st)
	}
}

func TestPollFeed_Limits(t *testing.T) {
	site := newNewsSite(t)
	store := newMemStore()
	in, _ := newTestIngester(t, site, store, Options{})
	ctx := context.Background()
	feedURL := site.url("/feed.xml")
	var items []rssItem
	for i := range 5 {
		path := fmt.Sprintf("/articles/a%d", i)
		site.setPage(path, sitePage{body: articleHTML(fmt.Sprintf("Story %d", i), "2021-02-05T08:00:00Z",
			fmt.Sprintf("The delegation number %d arrived on Friday for the talks, officials said.", i))})
		items = append(items, rssItem{fmt.Sprintf("Story %d", i), site.url(path), fmt.Sprintf("a%d", i),
			fmt.Sprintf("Fri, 05 Feb 2021 0%d:00:00 GMT", i), ""})
	}
	// The same link twice in one feed is one item.
	items = append(items, rssItem{"Story 4 again", site.url("/articles/a4"), "", "Fri, 05 Feb 2021 04:00:00 GMT", ""})
	site.setFeed(`"v1"`, rss(items...))

	res, err := in.PollFeed(ctx, feedURL, PollOptions{MaxItems: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.New) != 2 || res.New[1].Title != "Story 4" || res.New[0].Title != "Story 3" || len(res.Skipped) != 3 || res.Deferred != 0 {
		t.Fatalf("first poll capped at 2: %+v; want the newest 2 stored and 3 back-catalogue items skipped", summarize(res))
	}
	for _, s := range res.Skipped {
		if !errors.Is(s.Err, ErrBackCatalogue) {
			t.Errorf("skipped %q: %v, want ErrBackCatalogue", s.Title, s.Err)
		}
	}
	if len(res.Unchanged) != 1 || res.Unchanged[0].Title != "Story 4 again" {
		t.Errorf("duplicate link in one feed: unchanged %+v", res.Unchanged)
	}

	// Later, three new items with a cap of two: one waits for the next poll.
	for i := 5; i < 8; i++ {
		path := fmt.Sprintf("/articles/a%d", i)
		site.setPage(path, sitePage{body: articleHTML(fmt.Sprintf("Story %d", i), "2021-02-06T08:00:00Z",
			fmt.Sprintf("The envoy number %d spoke on Saturday about the negotiations.", i))})
		items = append(items, rssItem{fmt.Sprintf("Story %d", i), site.url(path), fmt.Sprintf("a%d", i),
			fmt.Sprintf("Sat, 06 Feb 2021 0%d:00:00 GMT", i), ""})
	}
	site.setFeed(`"v2"`, rss(items...))
	res, err = in.PollFeed(ctx, feedURL, PollOptions{MaxItems: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.New) != 2 || res.Deferred != 1 || res.BackCatalogue {
		t.Fatalf("capped later poll: %+v, want 2 new and 1 deferred", summarize(res))
	}
	res, err = in.PollFeed(ctx, feedURL, PollOptions{MaxItems: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.NotModified || len(res.New) != 1 || res.New[0].Title != "Story 5" || res.Deferred != 0 {
		t.Errorf("poll after deferral: %+v, want the deferred item", summarize(res))
	}
}

func TestPollFeed_SkipBackCatalogue(t *testing.T) {
	site := newNewsSite(t)
	store := newMemStore()
	in, _ := newTestIngester(t, site, store, Options{})
	site.setFeed(`"v1"`, rss(threeItems(site)...))
	res, err := in.PollFeed(context.Background(), site.url("/feed.xml"), PollOptions{SkipBackCatalogue: true})
	if err != nil {
		t.Fatal(err)
	}
	if !res.BackCatalogue || len(res.New) != 0 || len(res.Skipped) != 3 || store.count() != 0 {
		t.Errorf("skip back catalogue: %+v, %d stored", summarize(res), store.count())
	}
	if _, pages := site.hits(); pages != 0 {
		t.Errorf("%d pages fetched, want none", pages)
	}
	res, err = in.PollFeed(context.Background(), site.url("/feed.xml"), PollOptions{SkipBackCatalogue: true})
	if err != nil || !res.NotModified {
		t.Errorf("second poll: %+v, %v", summarize(res), err)
	}
}

func TestPollFeed_StoreFailureIsRetried(t *testing.T) {
	site := newNewsSite(t)
	store := newMemStore()
	store.putErr = errors.New("disk full")
	in, _ := newTestIngester(t, site, store, Options{})
	site.setFeed(`"v1"`, rss(threeItems(site)...))
	res, err := in.PollFeed(context.Background(), site.url("/feed.xml"), PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 3 || len(store.seen[res.URL]) != 0 {
		t.Errorf("store failing: %+v, %d keys marked; want 3 failed and none marked", summarize(res), len(store.seen[res.URL]))
	}
	store.putErr = nil
	res, err = in.PollFeed(context.Background(), site.url("/feed.xml"), PollOptions{})
	if err != nil || len(res.New) != 3 {
		t.Errorf("after the store recovers: %+v, %v", summarize(res), err)
	}
}

// cancelAfterPut cancels the poll's context once the first article is
// stored, as a shutdown in the middle of a poll would.
type cancelAfterPut struct {
	*memStore
	cancel context.CancelFunc
}

func (s cancelAfterPut) Put(ctx context.Context, b briefing.Briefing) (storage.PutResult, error) {
	res, err := s.memStore.Put(ctx, b)
	s.cancel()
	return res, err
}

func TestPollFeed_CancelledMidPollKeepsProgress(t *testing.T) {
	site := newNewsSite(t)
	mem := newMemStore()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in, _ := newTestIngester(t, site, cancelAfterPut{mem, cancel}, Options{})
	site.setFeed(`"v1"`, rss(threeItems(site)...))

	res, err := in.PollFeed(ctx, site.url("/feed.xml"), PollOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
	if len(res.New) != 1 || len(res.Failed) != 0 || len(res.Skipped) != 0 || mem.count() != 1 {
		t.Fatalf("cancelled poll: %s, %d stored; want the one stored item and nothing blamed", summarize(res), mem.count())
	}
	// The stored item was still marked seen, so the next poll does not
	// fetch it again; the other two are new then.
	for _, k := range res.New[0].Keys {
		if !mem.seen[res.URL][k] {
			t.Errorf("key %s of the stored item not marked seen", k)
		}
	}
	in2, _ := newTestIngester(t, site, mem, Options{})
	res, err = in2.PollFeed(context.Background(), site.url("/feed.xml"), PollOptions{})
	if err != nil || len(res.New) != 2 || len(res.Unchanged) != 1 {
		t.Errorf("poll after the cancelled one: %s, %v; want 2 new and 1 unchanged", summarize(res), err)
	}
}

func TestIngestURL(t *testing.T) {
	site := newNewsSite(t)
	store := newMemStore()
	in, _ := newTestIngester(t, site, store, Options{})
	ctx := context.Background()
	site.setPage("/articles/one", sitePage{body: articleHTML("Talks resume", "2021-02-05T10:00:00Z",
		"Negotiators resumed talks on Friday, the foreign ministry said.")})
	site.setPage("/articles/undated", sitePage{body: articleHTML("Undated", "",
		"Negotiators resumed talks on Friday, the foreign ministry said.")})

	b, res, err := in.IngestURL(ctx, site.url("/articles/one?utm_source=x"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || b.Article.Title != "Talks resume" || b.Article.URL != site.url("/articles/one") ||
		!b.Article.Published.Equal(time.Date(2021, 2, 5, 0, 0, 0, 0, time.UTC)) || b.Article.Source != "news.test" {
		t.Errorf("IngestURL: %+v, %+v", b.Article, res)
	}
	_, _, err = in.IngestURL(ctx, site.url("/articles/undated"), time.Time{})
	if !errors.Is(err, briefing.ErrNoDate) {
		t.Errorf("undated page: %v, want ErrNoDate", err)
	}
	b, _, err = in.IngestURL(ctx, site.url("/articles/undated"), time.Date(2021, 3, 1, 15, 0, 0, 0, time.UTC))
	if err != nil || !b.Article.Published.Equal(time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("undated page with a date given: %v, %v", b.Article.Published, err)
	}
	_, _, err = in.IngestURL(ctx, "http://internal.test/", time.Time{})
	if !errors.Is(err, ErrBlocked) {
		t.Errorf("private address: %v, want ErrBlocked", err)
	}
	_, _, err = in.IngestURL(ctx, site.url("/articles/missing"), time.Time{})
	var se *StatusError
	if !errors.As(err, &se) || se.StatusCode != 404 {
		t.Errorf("missing page: %v, want a 404 StatusError", err)
	}
}

func TestArticleURL(t *testing.T) {
	tests := []struct{ page, fetched, want string }{
		{"", "https://news.example/a?utm_source=x", "https://news.example/a"},
		{"https://news.example/a-canonical", "https://news.example/a?id=1", "https://news.example/a-canonical"},
		{"https://www.news.example/a", "https://news.example/a?x=1", "https://www.news.example/a"},
		{"https://news.example/", "https://news.example/a", "https://news.example/a"},
		{"https://other.example/a", "https://news.example/a", "https://news.example/a"},
		{"not a url", "https://news.example/a", "https://news.example/a"},
	}
	for _, tt := range tests {
		if got := articleURL(tt.page, tt.fetched); got != tt.want {
			t.Errorf("articleURL(%q, %q) = %q, want %q", tt.page, tt.fetched, got, tt.want)
		}
	}
}

// summarize is a readable form of a PollResult for failure messages.
func summarize(r PollResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "{notModified %v backCatalogue %v deferred %d", r.NotModified, r.BackCatalogue, r.Deferred)
	for _, n := range r.New {
		fmt.Fprintf(&b, " new:%q(feedText=%v, pageErr=%v)", n.Title, n.FromFeedText, n.PageError)
	}
	for _, u := range r.Unchanged {
		fmt.Fprintf(&b, " unchanged:%q", u.Title)
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(&b, " skipped:%q(%v)", s.Title, s.Err)
	}
	for _, f := range r.Failed {
		fmt.Fprintf(&b, " failed:%q(%v)", f.Title, f.Err)
	}
	b.WriteString("}")
	return b.String()
}

func TestClipState(t *testing.T) {
	f := storage.Feed{
		ETag:         strings.Repeat("e", maxStateText+1),
		LastModified: "Mon, 08 Feb 2021 09:00:00 GMT",
		LastError:    strings.Repeat("é", maxStateText),
	}
	clipState(&f)
	if f.ETag != "" || f.LastModified != "Mon, 08 Feb 2021 09:00:00 GMT" {
		t.Errorf("validators after clipping: %q, %q; want an over-long ETag dropped, the date kept", f.ETag, f.LastModified)
	}
	if len(f.LastError) > maxStateText || !strings.HasSuffix(f.LastError, "...") || !utf8.ValidString(f.LastError) {
		t.Errorf("LastError clipped to %d bytes, valid UTF-8 %v", len(f.LastError), utf8.ValidString(f.LastError))
	}
}

// TestPollFeed_BackCatalogueRetriedLaterIsQuiet: an item the feed's first
// poll lists but cannot store (its page answers 503) is kept in the feed's
// quiet items; the poll that stores it later marks it back catalogue and
// adds its article to the feed's quiet list, while an item first listed
// after the first poll is news.
func TestPollFeed_BackCatalogueRetriedLaterIsQuiet(t *testing.T) {
	site := newNewsSite(t)
	store := newMemStore()
	in, now := newTestIngester(t, site, store, Options{})
	ctx := context.Background()
	feedURL := site.url("/feed.xml")
	items := threeItems(site)
	items[0].description = "" // no feed text to fall back on
	site.setPage("/articles/envoy", sitePage{status: http.StatusServiceUnavailable, body: "busy"})
	site.setFeed(`"v1"`, rss(items[1], items[0]))

	res, err := in.PollFeed(ctx, feedURL, PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.BackCatalogue || len(res.New) != 1 || len(res.Failed) != 1 || !res.New[0].BackCatalogue {
		t.Fatalf("first poll: %s; want the back catalogue, one stored and one failed", summarize(res))
	}
	st := store.feeds[res.URL]
	if want := []storage.QuietMark{{Key: res.New[0].Stored.ID, At: pollNow}}; !slices.Equal(st.Quiet, want) {
		t.Errorf("quiet after the first poll = %v, want %v", st.Quiet, want)
	}
	var keys []string
	for _, m := range st.QuietItems {
		keys = append(keys, m.Key)
	}
	if !slices.Equal(keys, res.Failed[0].Keys) {
		t.Errorf("quiet items after the first poll = %v, want the failed item's keys %v", keys, res.Failed[0].Keys)
	}

	// The page works again and a new item is published.
	*now = pollNow.Add(30 * time.Minute)
	site.setPage("/articles/envoy", sitePage{body: articleHTML("Envoy arrives for talks", "2021-02-07T08:00:00Z",
		"The envoy landed in the capital on Sunday and said the talks would start the next day.")})
	site.setFeed(`"v2"`, rss(items[2], items[1], items[0]))
	res, err = in.PollFeed(ctx, feedURL, PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.BackCatalogue || len(res.New) != 2 {
		t.Fatalf("second poll: %s; want two stored", summarize(res))
	}
	quiet := map[string]bool{}
	for _, n := range res.New {
		quiet[n.Title] = n.BackCatalogue
	}
	if !quiet["Envoy arrives for talks"] || quiet["Summit set for March"] {
		t.Errorf("second poll: back catalogue by item %v; want the retried item only", quiet)
	}
	st = store.feeds[res.URL]
	var ids []string
	for _, m := range st.Quiet {
		ids = append(ids, m.Key)
	}
	for _, n := range res.New {
		if got := slices.Contains(ids, n.Stored.ID); got != n.BackCatalogue {
			t.Errorf("%q: in the quiet list %v, want %v", n.Title, got, n.BackCatalogue)
		}
	}
	if len(ids) != 2 {
		t.Errorf("quiet list %v, want the two back-catalogue articles", ids)
	}
}

// TestPollFeed_CancelledFirstPollKeepsQuiet: a first poll cancelled after
// storing part of the back catalogue records the stored articles as quiet,
// because the next poll finds them seen and does not return them.
func TestPollFeed_CancelledFirstPollKeepsQuiet(t *testing.T) {
	site := newNewsSite(t)
	mem := newMemStore()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in, _ := newTestIngester(t, site, cancelAfterPut{mem, cancel}, Options{})
	site.setFeed(`"v1"`, rss(threeItems(site)...))

	res, err := in.PollFeed(ctx, site.url("/feed.xml"), PollOptions{})
	if !errors.Is(err, context.Canceled) || len(res.New) != 1 {
		t.Fatalf("cancelled poll: %s, %v; want one stored and context.Canceled", summarize(res), err)
	}
	st := mem.feeds[res.URL]
	if want := []storage.QuietMark{{Key: res.New[0].Stored.ID, At: pollNow}}; !slices.Equal(st.Quiet, want) {
		t.Errorf("quiet after the cancelled poll = %v, want %v", st.Quiet, want)
	}
	if !st.LastSuccess.IsZero() {
		t.Errorf("a cancelled first poll counted as a success: %+v", st)
	}
}
