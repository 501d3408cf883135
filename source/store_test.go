package source_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/source"
	"github.com/briefbot/briefbot/storage"
)

// site is a loopback news site whose feed a test rewrites between polls.
type site struct {
	srv      *httptest.Server
	mu       sync.Mutex
	feed     string
	etag     string
	status   int
	pageHits int
}

func newSite(t *testing.T) *site {
	s := &site{}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		feed, etag, status := s.feed, s.etag, s.status
		s.mu.Unlock()
		switch {
		case status != 0:
			w.WriteHeader(status)
		case r.Header.Get("If-None-Match") == etag:
			w.WriteHeader(http.StatusNotModified)
		default:
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, feed)
		}
	})
	mux.HandleFunc("/articles/{slug}", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.pageHits++
		s.mu.Unlock()
		slug := r.PathValue("slug")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>Report %[1]s</title>
<meta property="article:published_time" content="2021-02-08T09:00:00Z"></head>
<body><article><h1>Report %[1]s</h1>
<p>The delegation for report %[1]s arrived in the capital on Monday for two days of talks.</p>
<p>"We came to listen," the head of delegation %[1]s told reporters at the airport.</p>
</article></body></html>`, slug)
	})
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) set(etag, feed string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feed, s.etag, s.status = feed, etag, status
}

func (s *site) pages() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pageHits
}

// feed builds an RSS feed of the given slugs, with the GUID format and
// dates a test chooses.
func (s *site) rss(guidFormat, date string, slugs ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Desk</title>`)
	for _, slug := range slugs {
		fmt.Fprintf(&b, `<item><title>Report %s</title><link>%s/articles/%s</link><guid isPermaLink="false">`+guidFormat+`</guid><pubDate>%s</pubDate><description>Teaser %s.</description></item>`,
			slug, s.srv.URL, slug, slug, date, slug)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// TestPollFeed_RealStore runs polling against the real bbolt store, across
// a close and reopen, so what is remembered between polls is what the
// store really keeps.
func TestPollFeed_RealStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "briefbot.db")
	now := time.Date(2021, 2, 10, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	open := func() *storage.DB {
		db, err := storage.Open(path, storage.Options{Now: clock})
		if err != nil {
			t.Fatalf("open store: %v", err)
		}
		return db
	}
	db := open()
	defer func() { db.Close() }()
	s := newSite(t)
	fetcher := source.New(source.Options{AllowLoopback: true})
	defer fetcher.CloseIdleConnections()
	in := source.NewIngester(fetcher, db, source.IngestOptions{Now: clock})
	feedURL := s.srv.URL + "/feed.xml"

	s.set(`"1"`, s.rss("desk-%s", "Mon, 08 Feb 2021 09:00:00 GMT", "a", "b", "c"), 0)
	res, err := in.PollFeed(ctx, feedURL, source.PollOptions{})
	if err != nil {
		t.Fatalf("first poll: %v", err)
	}
	if len(res.New) != 3 || !res.BackCatalogue {
		t.Fatalf("first poll: %d new, back catalogue %v; want 3 and true", len(res.New), res.BackCatalogue)
	}
	for _, n := range res.New {
		if !n.Stored.Created || n.Stored.ID == "" {
			t.Errorf("%q: stored %+v", n.Title, n.Stored)
		}
	}
	if res.Feed.Seen != 6 || res.Feed.ETag != `"1"` {
		t.Errorf("feed state: %+v; want 6 keys seen (GUID and link of 3 items) and the ETag", res.Feed)
	}

	// Unchanged feed: 304, nothing fetched.
	res, err = in.PollFeed(ctx, feedURL, source.PollOptions{})
	if err != nil || !res.NotModified {
		t.Fatalf("second poll: %+v, %v; want not modified", res, err)
	}

	// Reopen, then rewrite every date and the GUID format.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = open()
	in = source.NewIngester(fetcher, db, source.IngestOptions{Now: clock})
	s.set(`"2"`, s.rss("https://loopback.test/?p=%s", "Wed, 10 Feb 2021 11:00:00 GMT", "a", "b", "c"), 0)
	res, err = in.PollFeed(ctx, feedURL, source.PollOptions{})
	if err != nil {
		t.Fatalf("poll after reopen: %v", err)
	}
	if len(res.New) != 0 || len(res.Unchanged) != 3 {
		t.Errorf("dates and GUIDs changed: %d new, %d unchanged; want 0 and 3", len(res.New), len(res.Unchanged))
	}
	if s.pages() != 3 {
		t.Errorf("%d page fetches, want only the first poll's 3", s.pages())
	}
	latest, err := db.Latest(ctx, 10)
	if err != nil || len(latest) != 3 {
		t.Errorf("store holds %d articles (%v), want 3", len(latest), err)
	}

	// A failing feed records its failure; recovery clears it.
	s.set(`"3"`, "", http.StatusInternalServerError)
	if _, err := in.PollFeed(ctx, feedURL, source.PollOptions{}); err == nil {
		t.Fatal("500: no error")
	}
	key, _ := source.CanonicalURL(feedURL)
	f, err := db.Feed(ctx, key)
	if err != nil || f.Failures != 1 || !strings.Contains(f.LastError, "500") || !f.NextPoll.Equal(now.Add(source.DefaultInterval)) {
		t.Errorf("after a failure: %+v, %v", f, err)
	}
	s.set(`"4"`, s.rss("desk-%s", "Mon, 08 Feb 2021 09:00:00 GMT", "a", "b", "c", "d"), 0)
	res, err = in.PollFeed(ctx, feedURL, source.PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.New) != 1 || res.New[0].Title != "Report d" || res.BackCatalogue {
		t.Errorf("recovered with one new item: %d new, back catalogue %v", len(res.New), res.BackCatalogue)
	}
	if f, _ := db.Feed(ctx, key); f.Failures != 0 || f.LastError != "" || f.Seen != 11 {
		t.Errorf("after recovery: %+v; want no failures and 11 keys (6 first, 3 GUIDs in the second format, 2 for the new item)", f)
	}
}

func TestIngestURL_RealStore(t *testing.T) {
	ctx := context.Background()
	db, err := storage.Open(filepath.Join(t.TempDir(), "briefbot.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := newSite(t)
	in := source.NewIngester(source.New(source.Options{AllowLoopback: true}), db, source.IngestOptions{})

	b, res, err := in.IngestURL(ctx, s.srv.URL+"/articles/x?utm_source=chat", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || b.Article.URL != s.srv.URL+"/articles/x" {
		t.Errorf("first ingest: %+v, URL %q", res, b.Article.URL)
	}
	stored, err := db.Briefing(ctx, res.ID)
	if err != nil || stored.Article.Title != "Report x" {
		t.Errorf("stored briefing: %+v, %v", stored.Article, err)
	}
	_, again, err := in.IngestURL(ctx, s.srv.URL+"/articles/x", time.Time{})
	if err != nil || again.Created || again.ID != res.ID {
		t.Errorf("second ingest of the same page: %+v, %v; want the same article, not created", again, err)
	}
}
