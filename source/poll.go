package source

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// maxFeedItems bounds how many of a feed's items one poll looks at at all,
// newest first; feeds normally carry 10 to 100.
const maxFeedItems = 500

// bookkeepingTimeout bounds the writes that record a poll's progress. They
// run even when the caller's context is cancelled mid-poll, so that items
// already stored are not fetched again.
const bookkeepingTimeout = 5 * time.Second

const feedAccept = "application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"

// Reasons an item is skipped without being stored; it is marked seen and
// not tried again.
var (
	// ErrBackCatalogue is the reason for back-catalogue items not stored on
	// a feed's first poll: beyond MaxItems, or all of them when
	// PollOptions.SkipBackCatalogue is set.
	ErrBackCatalogue = errors.New("back catalogue left out on the feed's first poll")
	errNoLink        = errors.New("the item has no link")
)

// PollOptions bound one poll. The zero value uses the defaults.
type PollOptions struct {
	// MaxItems is the most new items one poll fetches and stores; the
	// newest are taken first. On later polls the rest wait for the next
	// poll; on the first poll they are the back catalogue and are skipped.
	MaxItems int
	// MaxFeedBytes caps the feed document.
	MaxFeedBytes int64
	// ItemTimeout bounds fetching one item's page.
	ItemTimeout time.Duration
	// SkipBackCatalogue marks every item of a feed's first successful poll
	// as seen without fetching or storing it, so only later items are
	// ingested.
	SkipBackCatalogue bool
}

func (o PollOptions) withDefaults() PollOptions {
	if o.MaxItems <= 0 {
		o.MaxItems = DefaultMaxItems
	}
	if o.MaxFeedBytes <= 0 {
		o.MaxFeedBytes = DefaultMaxFeedBytes
	}
	if o.ItemTimeout <= 0 {
		o.ItemTimeout = DefaultItemTimeout
	}
	return o
}

// Item identifies a feed item in a PollResult.
type Item struct {
	// Keys are the item's identities (see ItemKeys).
	Keys      []string
	GUID      string
	Link      string
	Title     string
	Published time.Time
}

// NewItem is an item stored by this poll.
type NewItem struct {
	Item
	Briefing briefing.Briefing
	// Stored is what the store did: Created is false when the article was
	// already stored (from another feed, or by hand) and only updated.
	Stored storage.PutResult
	// FromFeedText is true when the briefing was made from the feed's own
	// text because the item's page could not be used; PageError says why.
	FromFeedText bool
	PageError    error
	// BackCatalogue is true when the item belongs to the feed's back
	// catalogue: stored by a back-catalogue poll, or by a later poll that
	// retried an item the first successful poll listed but could not
	// store (see storage.Feed.QuietItems). Do not announce it.
	BackCatalogue bool
}

// ItemError is an item that was not stored and why.
type ItemError struct {
	Item
	Err error
}

// PollResult says what one poll did. Announce only New items whose
// Stored.Created is true and BackCatalogue is false; the back catalogue's
// articles are also kept in the feed's state (storage.Feed.Quiet).
type PollResult struct {
	// URL is the feed's canonical URL, the key of its state in the store.
	URL string
	// Title is the feed's title; empty when NotModified.
	Title string
	// NotModified is true when the server answered 304: nothing was
	// parsed or fetched beyond the feed request.
	NotModified bool
	// BackCatalogue is true on a feed's first successful poll: its items
	// were published before anyone subscribed, so they are stored (unless
	// PollOptions.SkipBackCatalogue) but are not news. The articles it
	// stores are added to the feed's quiet list (storage.Feed.Quiet), and
	// the items it leaves to retry to its quiet items, so that they stay
	// back catalogue when a later poll stores them.
	BackCatalogue bool
	// New lists the items stored, oldest first.
	New []NewItem
	// Unchanged lists items already seen on an earlier poll (or twice in
	// this feed).
	Unchanged []Item
	// Skipped lists items that will not be stored: no article text, a page
	// that is gone, an address refused. They are marked seen.
	Skipped []ItemError
	// Failed lists items that failed for a reason that may pass (a slow or
	// overloaded server, a store error). They are not marked seen, and the
	// feed's validators are not kept, so the next poll tries them again.
	Failed []ItemError
	// Deferred counts new items beyond PollOptions.MaxItems, left for the
	// next poll; Truncated counts items beyond the newest 500, not looked at.
	Deferred  int
	Truncated int
	// Feed is the feed's state as stored after the poll.
	Feed storage.Feed
}

// PollFeed polls the feed at feedURL once: a conditional GET with the
// stored validators, then for each item not seen before, its page fetched
// and analysed and the briefing stored. The feed's state is keyed by the
// canonical form of feedURL (see CanonicalURL); callers should store feed
// URLs in that form.
//
// A feed-level failure (fetch, status, parse) returns an error naming the
// feed and, when the feed has state in the store, records it there:
// LastError, one more Failures, and NextPoll pushed back by Backoff (or by
// the server's Retry-After, if longer). A feed the store does not know is
// left unknown when its first poll fails, so a mistyped URL leaves nothing
// behind. Success clears the failure state and sets NextPoll one interval
// ahead. Item failures do not fail the poll; they are listed in the result.
func (in *Ingester) PollFeed(ctx context.Context, feedURL string, opts PollOptions) (PollResult, error) {
	opts = opts.withDefaults()
	key, err := CanonicalURL(feedURL)
	if err != nil {
		return PollResult{}, fmt.Errorf("poll feed: %w (give the feed's full http or https address)", err)
	}
	res := PollResult{URL: key}
	state, err := in.store.Feed(ctx, key)
	known := true
	switch {
	case errors.Is(err, briefing.ErrNotFound):
		state, known = storage.Feed{URL: key}, false
	case err != nil:
		return res, fmt.Errorf("poll feed %s: read its state: %w", key, err)
	}
	now := in.opts.Now()
	res.BackCatalogue = state.LastSuccess.IsZero()
	state.LastPoll = now

	resp, err := in.fetcher.Do(ctx, Request{
		URL: key, ETag: state.ETag, LastModified: state.LastModified,
		Accept: feedAccept, MaxBytes: opts.MaxFeedBytes,
	})
	if err == nil && resp.NotModified {
		res.NotModified = true
		if resp.ETag != "" {
			state.ETag = resp.ETag
		}
		if resp.LastModified != "" {
			state.LastModified = resp.LastModified
		}
		return res, in.recordSuccess(ctx, &res, state, now)
	}
	var feed parsedFeed
	if err == nil {
		feed, err = parseFeed(resp.Body, resp.URL, resp.ContentType)
	}
	if err != nil {
		return res, in.recordFailure(ctx, &res, state, known, now, err)
	}
	res.Title = feed.Title

	items := feed.Items
	if len(items) > maxFeedItems {
		res.Truncated = len(items) - maxFeedItems
		items = items[:maxFeedItems]
	}
	candidates, seenKeys, err := in.sortItems(ctx, &res, key, items)
	if err != nil {
		return res, err
	}
	mark := seenKeys
	retry := false
	if len(candidates) > opts.MaxItems {
		over := candidates[opts.MaxItems:]
		candidates = candidates[:opts.MaxItems]
		if res.BackCatalogue {
			for _, it := range over {
				res.Skipped = append(res.Skipped, ItemError{Item: it.ref(), Err: ErrBackCatalogue})
				mark = append(mark, it.Keys...)
			}
		} else {
			res.Deferred = len(over)
			retry = true
		}
	}
	if res.BackCatalogue && opts.SkipBackCatalogue {
		for _, it := range candidates {
			res.Skipped = append(res.Skipped, ItemError{Item: it.ref(), Err: ErrBackCatalogue})
			mark = append(mark, it.Keys...)
		}
		candidates = nil
	}

	// Oldest first, so that the store's ingestion order follows the
	// feed's publication order.
	quietItem := quietKeys(state.QuietItems)
	quietBefore := len(state.Quiet) + len(state.QuietItems)
	for i := len(candidates) - 1; i >= 0 && ctx.Err() == nil; i-- {
		it := candidates[i]
		n, err := in.ingestItem(ctx, it, feed.Title, now, opts.ItemTimeout)
		switch {
		case err == nil:
			n.BackCatalogue = res.BackCatalogue || slices.ContainsFunc(it.Keys, quietItem)
			if n.BackCatalogue && n.Stored.Created {
				// Only articles this poll created: one already stored
				// came from elsewhere (another feed, by hand) and may be
				// news there.
				state.Quiet = append(state.Quiet, storage.QuietMark{Key: n.Stored.ID, At: now})
			}
			res.New = append(res.New, n)
			mark = append(mark, it.Keys...)
		case ctx.Err() != nil:
			// Cancelled: stop without blaming the item.
		case retryable(err):
			res.Failed = append(res.Failed, ItemError{Item: it.ref(), Err: err})
			retry = true
			if res.BackCatalogue {
				for _, k := range it.Keys {
					if !quietItem(k) {
						state.QuietItems = append(state.QuietItems, storage.QuietMark{Key: k, At: now})
					}
				}
			}
		default:
			res.Skipped = append(res.Skipped, ItemError{Item: it.ref(), Err: err})
			mark = append(mark, it.Keys...)
		}
	}

	// Record progress even if the caller gave up mid-poll: what was stored
	// stays stored, and marking it spares fetching it again.
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), bookkeepingTimeout)
	defer cancel()
	if err := in.markSeen(bctx, key, mark); err != nil {
		return res, fmt.Errorf("poll feed %s: %w", key, err)
	}
	if err := ctx.Err(); err != nil {
		err = fmt.Errorf("poll feed %s: stopped after %d new items: %w", key, len(res.New), err)
		if len(state.Quiet)+len(state.QuietItems) > quietBefore {
			// Keep the back catalogue stored so far quiet: the next poll
			// finds those items seen and does not return them again.
			clipState(&state)
			if perr := in.store.PutFeed(bctx, state); perr != nil {
				err = errors.Join(err, fmt.Errorf("poll feed %s: store its quiet articles: %w", key, perr))
			}
		}
		return res, err
	}
	if retry {
		// Forget the validators so that the next poll reads the feed again
		// and reaches the failed or deferred items, instead of a 304.
		state.ETag, state.LastModified = "", ""
	} else {
		state.ETag, state.LastModified = resp.ETag, resp.LastModified
	}
	return res, in.recordSuccess(bctx, &res, state, now)
}

// markSeen records keys in batches the store accepts, each key once.
func (in *Ingester) markSeen(ctx context.Context, feedURL string, keys []string) error {
	slices.Sort(keys)
	keys = slices.Compact(keys)
	for len(keys) > 0 {
		n := min(len(keys), storage.MaxItemsPerMark)
		if err := in.store.MarkItemsSeen(ctx, feedURL, keys[:n]); err != nil {
			return fmt.Errorf("record %d item keys as seen: %w", n, err)
		}
		keys = keys[n:]
	}
	return nil
}

// sortItems splits items into those already seen and the candidates, new
// ones. It returns the keys of seen items that are not yet recorded (an
// item recognised by its link whose GUID changed), so they are recorded
// too. Two items of one feed sharing a key count as one.
func (in *Ingester) sortItems(ctx context.Context, res *PollResult, feedURL string, items []feedItem) (candidates []feedItem, mark []string, err error) {
	claimed := map[string]bool{}
	for _, it := range items {
		if len(it.Keys) == 0 {
			res.Skipped = append(res.Skipped, ItemError{Item: it.ref(), Err: ErrNoIdentity})
			continue
		}
		seen := false
		var unseen []string
		for _, k := range it.Keys {
			if claimed[k] {
				seen = true
				continue
			}
			ok, err := in.store.SeenItem(ctx, feedURL, k)
			if err != nil {
				return nil, nil, fmt.Errorf("poll feed %s: look up item %q: %w", feedURL, it.Title, err)
			}
			if ok {
				seen = true
			} else {
				unseen = append(unseen, k)
			}
		}
		for _, k := range it.Keys {
			claimed[k] = true
		}
		if seen {
			res.Unchanged = append(res.Unchanged, it.ref())
			mark = append(mark, unseen...)
			continue
		}
		candidates = append(candidates, it)
	}
	return candidates, mark, nil
}

// ingestItem makes and stores the briefing of one item: from its page when
// the page can be fetched and read, else from the feed's own text. The
// item's date stands in for a page without one, and the poll time for an
// item without one.
func (in *Ingester) ingestItem(ctx context.Context, it feedItem, feedTitle string, now time.Time, timeout time.Duration) (NewItem, error) {
	n := NewItem{Item: it.ref()}
	date := it.Published
	if date.IsZero() {
		date = now
	}
	a, pageErr := in.readItemPage(ctx, it, date, timeout)
	if pageErr != nil {
		fa, err := readItemText(it, date)
		if err != nil {
			// The page's error decides whether to try again.
			return n, fmt.Errorf("item %q: %w; and from the feed's own text: %v", it.Title, pageErr, err)
		}
		a, n.FromFeedText, n.PageError = fa, true, pageErr
	}
	if a.Source == "" {
		a.Source = feedTitle
	}
	b := briefing.Analyze(a)
	stored, err := in.store.Put(ctx, b)
	if err != nil {
		return n, fmt.Errorf("item %q: store the briefing: %w", it.Title, err)
	}
	n.Briefing, n.Stored = b, stored
	return n, nil
}

func (in *Ingester) readItemPage(ctx context.Context, it feedItem, date time.Time, timeout time.Duration) (briefing.Article, error) {
	if it.Link == "" {
		return briefing.Article{}, errNoLink
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	resp, err := in.fetcher.Fetch(ctx, it.Link)
	if err != nil {
		return briefing.Article{}, err
	}
	return readPage(resp, date, false)
}

// readItemText reads an item's own title and text as an article dated
// date.
func readItemText(it feedItem, date time.Time) (briefing.Article, error) {
	name := it.Link
	if name == "" {
		name = fmt.Sprintf("feed item %q", it.Title)
	}
	a, err := briefing.Read(name, itemDocument(it.Title, it.Text), briefing.ReadOptions{Published: date})
	if err != nil {
		return briefing.Article{}, err
	}
	a.URL = ""
	if c, err := CanonicalURL(it.Link); err == nil {
		a.URL = c
	}
	return a, nil
}

// retryable reports whether an item's failure may pass by the next poll.
func retryable(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.StatusCode == 408 || se.StatusCode == 429 || se.StatusCode >= 500
	}
	for _, permanent := range []error{
		ErrBlocked, ErrScheme, ErrTooLarge, ErrTooManyRedirects, errNotArticle, errNoLink,
		briefing.ErrNoArticle, briefing.ErrNoDate, storage.ErrInvalid,
	} {
		if errors.Is(err, permanent) {
			return false
		}
	}
	return true
}

func (it feedItem) ref() Item {
	return Item{Keys: it.Keys, GUID: it.GUID, Link: it.Link, Title: it.Title, Published: it.Published}
}

// quietKeys returns a test for membership in marks.
func quietKeys(marks []storage.QuietMark) func(string) bool {
	if len(marks) == 0 {
		return func(string) bool { return false }
	}
	set := make(map[string]bool, len(marks))
	for _, m := range marks {
		set[m.Key] = true
	}
	return func(k string) bool { return set[k] }
}

func (in *Ingester) interval(f storage.Feed) time.Duration {
	if f.Interval > 0 {
		return f.Interval
	}
	return in.opts.Interval
}

// recordSuccess clears the feed's failure state and stores it.
func (in *Ingester) recordSuccess(ctx context.Context, res *PollResult, state storage.Feed, now time.Time) error {
	state.LastSuccess = now
	state.LastError = ""
	state.Failures = 0
	state.ErrorReported = false
	state.NextPoll = now.Add(in.interval(state))
	clipState(&state)
	if err := in.store.PutFeed(ctx, state); err != nil {
		return fmt.Errorf("poll feed %s: store its state: %w", res.URL, err)
	}
	res.Feed = state
	// The store keeps Seen itself; read it back so the result is current.
	if f, err := in.store.Feed(ctx, state.URL); err == nil {
		res.Feed = f
	}
	return nil
}

// maxStateText bounds the validators and error text kept in a feed's state.
// A server's ETag is normally under 100 bytes; a longer one is dropped (the
// next poll is then unconditional) rather than letting it fail the write.
const maxStateText = 1 << 10

func clipState(f *storage.Feed) {
	if len(f.ETag) > maxStateText {
		f.ETag = ""
	}
	if len(f.LastModified) > maxStateText {
		f.LastModified = ""
	}
	if len(f.LastError) > maxStateText {
		f.LastError = strings.ToValidUTF8(f.LastError[:maxStateText-3], "") + "..."
	}
}

// recordFailure stores a feed-level failure with its back-off and returns
// cause. A cancelled poll is not the feed's fault and is not recorded.
func (in *Ingester) recordFailure(ctx context.Context, res *PollResult, state storage.Feed, known bool, now time.Time, cause error) error {
	if ctx.Err() != nil || !known {
		return cause
	}
	state.Failures++
	state.LastError = cause.Error()
	wait := Backoff(state.Failures, in.interval(state), in.opts.MaxBackoff)
	var se *StatusError
	if errors.As(cause, &se) && se.RetryAfter > wait {
		wait = min(se.RetryAfter, in.opts.MaxBackoff)
	}
	state.NextPoll = now.Add(wait)
	clipState(&state)
	if err := in.store.PutFeed(ctx, state); err != nil {
		return errors.Join(cause, fmt.Errorf("poll feed %s: record the failure: %w", res.URL, err))
	}
	res.Feed = state
	return cause
}
