package source

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// Store is what the Ingester needs of the briefing store. *storage.DB
// implements it; it is declared here, where it is used, so the Ingester can
// be exercised without a database file.
type Store interface {
	// Feed returns the state of the feed at url, or an error wrapping
	// briefing.ErrNotFound when the feed has never been polled.
	Feed(ctx context.Context, url string) (storage.Feed, error)
	PutFeed(ctx context.Context, f storage.Feed) error
	// SeenItem reports whether itemKey was marked seen for feedURL.
	SeenItem(ctx context.Context, feedURL, itemKey string) (bool, error)
	MarkItemsSeen(ctx context.Context, feedURL string, itemKeys []string) error
	// Put stores a briefing, deduplicating by canonical URL and content.
	Put(ctx context.Context, b briefing.Briefing) (storage.PutResult, error)
}

var _ Store = (*storage.DB)(nil)

// Defaults for the zero IngestOptions and PollOptions.
const (
	DefaultInterval     = 30 * time.Minute
	DefaultMaxBackoff   = 24 * time.Hour
	DefaultMaxItems     = 50
	DefaultMaxFeedBytes = 5 << 20
	DefaultItemTimeout  = 45 * time.Second
)

// IngestOptions configure an Ingester. The zero value uses the defaults.
type IngestOptions struct {
	// Now is the clock for poll times; nil means time.Now.
	Now func() time.Time
	// Interval is the time between polls of a healthy feed whose state
	// sets no Interval of its own.
	Interval time.Duration
	// MaxBackoff caps the wait after repeated failures (see Backoff).
	MaxBackoff time.Duration
}

// Ingester fetches articles and feeds, analyses them and stores the
// briefings. It is safe for concurrent use by several goroutines as long
// as they poll different feeds: two concurrent polls of one feed may both
// see an item as new (the store still deduplicates the article itself).
type Ingester struct {
	fetcher *Fetcher
	store   Store
	opts    IngestOptions
}

// NewIngester returns an Ingester that fetches with f and stores in s.
func NewIngester(f *Fetcher, s Store, opts IngestOptions) *Ingester {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = DefaultMaxBackoff
	}
	return &Ingester{fetcher: f, store: s, opts: opts}
}

// IngestURL fetches the article at rawURL, analyses it and stores its
// briefing. A non-zero published is used as the publication date instead
// of the page's own (briefing.ReadOptions.Published); when it is zero and
// the page has no date, the error wraps briefing.ErrNoDate. A page without
// article text fails with an error wrapping briefing.ErrNoArticle. The
// stored article's URL is the page's canonical URL when it names one on the
// same site, otherwise the canonical form of the URL fetched.
func (in *Ingester) IngestURL(ctx context.Context, rawURL string, published time.Time) (briefing.Briefing, storage.PutResult, error) {
	resp, err := in.fetcher.Fetch(ctx, rawURL)
	if err != nil {
		return briefing.Briefing{}, storage.PutResult{}, fmt.Errorf("ingest: %w", err)
	}
	a, err := readPage(resp, published, true)
	if err != nil {
		return briefing.Briefing{}, storage.PutResult{}, fmt.Errorf("ingest %s: %w", rawURL, err)
	}
	b := briefing.Analyze(a)
	res, err := in.store.Put(ctx, b)
	if err != nil {
		return b, storage.PutResult{}, fmt.Errorf("ingest %s: store the briefing: %w", rawURL, err)
	}
	return b, res, nil
}

// errNotArticle is wrapped when a fetched resource is not a readable page.
var errNotArticle = errors.New("not an article page")

// readPage reads a fetched page into an article. With override, a non-zero
// date replaces the page's; without, it is used only when the page has
// none.
func readPage(resp Response, date time.Time, override bool) (briefing.Article, error) {
	if !readableType(resp.ContentType) {
		return briefing.Article{}, fmt.Errorf("%w: %s is %s (only HTML, Markdown and text pages can be read)", errNotArticle, resp.URL, resp.ContentType)
	}
	opts := briefing.ReadOptions{}
	if override {
		opts.Published = date
	}
	a, err := briefing.Read(resp.URL, resp.Body, opts)
	if errors.Is(err, briefing.ErrNoDate) && !date.IsZero() && !override {
		opts.Published = date
		a, err = briefing.Read(resp.URL, resp.Body, opts)
	}
	if err != nil {
		return briefing.Article{}, err
	}
	a.URL = articleURL(a.URL, resp.URL)
	if a.Source == "" {
		a.Source = siteName(a.URL)
	}
	return a, nil
}

// readableType reports whether a Content-Type is one briefing.Read reads.
// A missing type is given the benefit of the doubt; Read sniffs content.
func readableType(contentType string) bool {
	if contentType == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch mt {
	case "text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown":
		return true
	}
	return false
}

// articleURL picks the URL an article is stored under: the page's own
// canonical URL when it is on the same site and not the site's front page
// (some sites point every article's canonical link at the home page, which
// would merge all their articles into one), otherwise the URL fetched.
func articleURL(pageCanonical, fetched string) string {
	f, err := CanonicalURL(fetched)
	if err != nil {
		return fetched
	}
	c, err := CanonicalURL(pageCanonical)
	if err != nil {
		return f
	}
	if cu, _ := url.Parse(c); cu.Path == "/" || siteName(c) != siteName(f) {
		return f
	}
	return c
}

// siteName is a URL's host without "www.", a stand-in for the outlet's
// name when the page does not give one.
func siteName(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
