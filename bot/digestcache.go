package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// Bounds of the digest cache.
const (
	// digestCacheMargin is how far back each refresh reads again: a write
	// that took its stored time before the previous read began but
	// committed after it is found on the next refresh as long as it took
	// less than this.
	digestCacheMargin = 2 * time.Minute
	// digestCacheTTL is how long the cache is trusted before it is read
	// afresh, so an article updated in place shows its new briefing.
	digestCacheTTL = time.Hour
	// digestCacheMax bounds the articles held; past it the cache is read
	// afresh from the next digest's window.
	digestCacheMax = 2000
)

// digestCache is the scheduler's digestReader. Servers' digest windows
// overlap: each is "the articles stored since my previous digest", a
// suffix of the same stored-order list. The store can only return whole
// briefings, whose decoding is most of a digest's cost, so the cache keeps
// that list (briefings without their bodies, with their quotes) and
// answers each window with one small lookup: the first article stored in
// the window, found in the store, and everything after it in the list.
//
// Each use first reads what was stored since the last read (less a
// margin, for writes in flight then), so a digest that claimed its day
// before reading sees every article stored before the claim. An article
// updated in place keeps its stored time, so the cache sees the update only
// if it falls in that margin or after the next rebuild (digestCacheTTL):
// until then a digest may show its previous headline and summary. When a read
// returns as many articles as the store gives at once, the list may have
// a gap; the cache then falls back to direct reads until it is rebuilt.
type digestCache struct {
	st  DigestSource
	now func() time.Time

	mu sync.Mutex
	// ok is true while order holds every article stored from the first
	// one at or after from up to the last read.
	ok      bool
	from    time.Time
	built   time.Time
	fetched time.Time // when the last read began
	order   []string
	pos     map[string]int
	items   map[string]cachedArticle
	// flat and flatQuotes hold the list's briefings and their quotes in
	// order, and quoteAt[i] is where article i's quotes start, so that a
	// window is answered with sub-slices, not copies.
	flat       []briefing.Briefing
	flatQuotes []briefing.AttributedQuote
	quoteAt    []int
	// gen changes whenever articles are added; events are kept per
	// window and generation.
	gen   int
	weeks map[[2]int64]cachedEvents
}

type cachedArticle struct {
	b      briefing.Briefing
	quotes []briefing.AttributedQuote
}

type cachedEvents struct {
	gen int
	evs []briefing.ScheduledEvent
}

func newDigestCache(st DigestSource, now func() time.Time) *digestCache {
	return &digestCache{st: st, now: now}
}

// newArticles answers like directReads: up to digestReadArticles articles
// stored at or after since, oldest first, and their quotes.
func (c *digestCache) newArticles(ctx context.Context, since time.Time) ([]briefing.Briefing, []briefing.AttributedQuote, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if !c.ok || since.Before(c.from) || now.Sub(c.built) > digestCacheTTL || now.Before(c.fetched) || len(c.order) > digestCacheMax {
		if err := c.rebuild(ctx, since, now); err != nil {
			return nil, nil, err
		}
	} else if err := c.refresh(ctx, now); err != nil {
		return nil, nil, err
	}
	if !c.ok {
		return directReads{c.st}.newArticles(ctx, since)
	}
	first, err := c.st.StoredSince(ctx, since, 1)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return nil, nil, fmt.Errorf("new articles: %w", err)
	}
	if len(first) == 0 {
		return nil, nil, nil
	}
	i, found := c.pos[first[0].Article.ID]
	if !found {
		// Stored since the refresh a moment ago.
		if err := c.refresh(ctx, c.now()); err != nil {
			return nil, nil, err
		}
		if i, found = c.pos[first[0].Article.ID]; !c.ok || !found {
			return directReads{c.st}.newArticles(ctx, since)
		}
	}
	end := min(len(c.order), i+digestReadArticles)
	// Callers only read what they are given.
	return c.flat[i:end:end], c.flatQuotes[c.quoteAt[i]:c.quoteAt[end]:c.quoteAt[end]], nil
}

// events answers like directReads, once per window until articles are
// added.
func (c *digestCache) events(ctx context.Context, from, to time.Time) ([]briefing.ScheduledEvent, error) {
	key := [2]int64{from.UnixNano(), to.UnixNano()}
	c.mu.Lock()
	if e, ok := c.weeks[key]; ok && e.gen == c.gen && c.ok {
		c.mu.Unlock()
		return e.evs, nil
	}
	gen := c.gen
	c.mu.Unlock()
	evs, err := directReads{c.st}.events(ctx, from, to)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.weeks == nil || len(c.weeks) > 64 {
		c.weeks = map[[2]int64]cachedEvents{}
	}
	c.weeks[key] = cachedEvents{gen: gen, evs: evs}
	return evs, nil
}

// rebuild reads the list afresh from since.
func (c *digestCache) rebuild(ctx context.Context, since, now time.Time) error {
	c.ok, c.order, c.items = false, nil, map[string]cachedArticle{}
	c.index()
	c.gen++
	bs, err := c.st.StoredSince(ctx, since, storage.MaxLimit)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return fmt.Errorf("new articles: %w", err)
	}
	if len(bs) >= storage.MaxLimit {
		return nil // more than one read can hold: read directly
	}
	if err := c.add(ctx, bs); err != nil {
		return err
	}
	c.ok, c.from, c.built, c.fetched = true, since, now, now
	return nil
}

// refresh reads what was stored since the last read, less the margin, and
// puts it in order at the end of the list.
func (c *digestCache) refresh(ctx context.Context, now time.Time) error {
	bs, err := c.st.StoredSince(ctx, c.fetched.Add(-digestCacheMargin), storage.MaxLimit)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return fmt.Errorf("new articles: %w", err)
	}
	if len(bs) >= storage.MaxLimit {
		c.ok = false
		return nil
	}
	c.fetched = now
	// Every article stored since then is in bs, in stored order; those
	// the list already has move to their place among them.
	fresh := false
	again := make(map[string]bool, len(bs))
	for _, b := range bs {
		again[b.Article.ID] = true
		if _, ok := c.items[b.Article.ID]; !ok {
			fresh = true
		}
	}
	if !fresh {
		if len(bs) == 0 {
			return nil
		}
		for _, b := range bs {
			b.Article.Paragraphs = nil
			b.People, b.Quotes, b.Upcoming = nil, nil, nil
			c.items[b.Article.ID] = cachedArticle{b: b, quotes: c.items[b.Article.ID].quotes}
		}
		c.index()
		return nil
	}
	c.order = slices.DeleteFunc(c.order, func(id string) bool { return again[id] })
	return c.add(ctx, bs)
}

// add appends briefings to the list with their quotes.
func (c *digestCache) add(ctx context.Context, bs []briefing.Briefing) error {
	var ids []string
	for _, b := range bs {
		if _, ok := c.items[b.Article.ID]; !ok {
			ids = append(ids, b.Article.ID)
		}
	}
	quotes := map[string][]briefing.AttributedQuote{}
	if len(ids) > 0 {
		qs, err := c.st.QuotesIn(ctx, ids)
		if err != nil && !errors.Is(err, briefing.ErrNotFound) {
			return fmt.Errorf("quotes: %w", err)
		}
		for _, q := range qs {
			quotes[q.Article.ID] = append(quotes[q.Article.ID], q)
		}
	}
	for _, b := range bs {
		id := b.Article.ID
		// The digest needs the headline and the summary, not the body.
		b.Article.Paragraphs = nil
		b.People, b.Quotes, b.Upcoming = nil, nil, nil
		if old, ok := c.items[id]; ok {
			// Read again: keep the newer briefing (an update in place),
			// with the quotes read when it was first seen.
			c.items[id] = cachedArticle{b: b, quotes: old.quotes}
		} else {
			c.items[id] = cachedArticle{b: b, quotes: quotes[id]}
		}
		c.order = append(c.order, id)
	}
	c.index()
	c.gen++
	return nil
}

// index rebuilds the positions and the flat arrays from order and items.
func (c *digestCache) index() {
	c.pos = make(map[string]int, len(c.order))
	c.flat = make([]briefing.Briefing, 0, len(c.order))
	c.flatQuotes = c.flatQuotes[:0:0]
	c.quoteAt = make([]int, 0, len(c.order)+1)
	for i, id := range c.order {
		c.pos[id] = i
		a := c.items[id]
		c.flat = append(c.flat, a.b)
		c.quoteAt = append(c.quoteAt, len(c.flatQuotes))
		c.flatQuotes = append(c.flatQuotes, a.quotes...)
	}
	c.quoteAt = append(c.quoteAt, len(c.flatQuotes))
}
