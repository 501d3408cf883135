package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/source"
	"github.com/briefbot/briefbot/storage"
)

func runFeeds(ctx context.Context, args []string, e env) (err error) {
	fs := newFlagSet("feeds", "add|remove|list|poll [URL]", e)
	dbPath := dbFlag(fs, e)
	asJSON := fs.Bool("json", false, "print machine-readable output")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		fs.Usage()
		return usageError{"feeds: say what to do: add URL, remove URL, list, or poll [URL]"}
	}
	verb, urls := rest[0], rest[1:]
	switch verb {
	case "add", "remove":
		if len(urls) != 1 {
			return usageError{fmt.Sprintf("feeds %s takes one URL", verb)}
		}
	case "list":
		if len(urls) != 0 {
			return usageError{"feeds list takes no URL"}
		}
	case "poll":
	default:
		return usageError{fmt.Sprintf("feeds: unknown action %q: use add, remove, list or poll", verb)}
	}

	db, err := openStore(*dbPath, verb == "list")
	if err != nil {
		return err
	}
	defer closeStore(db, &err)

	switch verb {
	case "add":
		return addFeed(ctx, db, urls[0], e.stdout)
	case "remove":
		return removeFeed(ctx, db, urls[0], e.stdout)
	case "list":
		feeds, err := db.Feeds(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(e.stdout, feeds)
		}
		writeFeedsText(e.stdout, feeds)
		return nil
	default:
		return pollFeeds(ctx, db, urls, *asJSON, e)
	}
}

func addFeed(ctx context.Context, db *storage.DB, raw string, w io.Writer) error {
	u, err := source.CanonicalURL(raw)
	if err != nil {
		return usageError{fmt.Sprintf("feeds add: %v", err)}
	}
	if _, err := db.Feed(ctx, u); err == nil {
		fmt.Fprintf(w, "already following %s\n", u)
		return nil
	} else if !errors.Is(err, briefing.ErrNotFound) {
		return err
	}
	if err := db.PutFeed(ctx, storage.Feed{URL: u}); err != nil {
		return err
	}
	fmt.Fprintf(w, "following %s; 'briefbot feeds poll' fetches it\n", u)
	return nil
}

func removeFeed(ctx context.Context, db *storage.DB, raw string, w io.Writer) error {
	u, err := source.CanonicalURL(raw)
	if err != nil {
		return usageError{fmt.Sprintf("feeds remove: %v", err)}
	}
	if _, err := db.Feed(ctx, u); errors.Is(err, briefing.ErrNotFound) {
		return fmt.Errorf("not following %s ('briefbot feeds list' shows the feeds)", u)
	} else if err != nil {
		return err
	}
	if err := db.DeleteFeed(ctx, u); err != nil {
		return err
	}
	fmt.Fprintf(w, "stopped following %s (its articles stay stored)\n", u)
	return nil
}

func writeFeedsText(w io.Writer, feeds []storage.Feed) {
	if len(feeds) == 0 {
		fmt.Fprintln(w, "No feeds yet: add one with 'briefbot feeds add URL'.")
		return
	}
	var s strings.Builder
	for _, f := range feeds {
		fmt.Fprintf(&s, "%s\n", f.URL)
		if f.LastPoll.IsZero() {
			s.WriteString("  never polled\n")
			continue
		}
		fmt.Fprintf(&s, "  last poll %s, %d items seen", f.LastPoll.UTC().Format(time.RFC3339), f.Seen)
		if f.LastError != "" {
			fmt.Fprintf(&s, "; failing %d times: %s", f.Failures, f.LastError)
		}
		s.WriteString("\n")
	}
	io.WriteString(w, s.String())
}

// pollFeeds polls the named feeds, or every followed feed, once each.
func pollFeeds(ctx context.Context, db *storage.DB, urls []string, asJSON bool, e env) error {
	if len(urls) == 0 {
		feeds, err := db.Feeds(ctx)
		if err != nil {
			return err
		}
		for _, f := range feeds {
			urls = append(urls, f.URL)
		}
		if len(urls) == 0 {
			return errors.New("no feeds to poll: add one with 'briefbot feeds add URL', or name a URL")
		}
	}
	in := newIngester(db, e)
	var results []source.PollResult
	failed := 0
	for _, u := range urls {
		res, err := in.PollFeed(ctx, u, source.PollOptions{})
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "poll %s: %v\n", u, err)
			continue
		}
		results = append(results, res)
		if !asJSON {
			writePollText(e.stdout, res)
		}
	}
	if asJSON {
		if err := writeJSON(e.stdout, pollSummaries(results)); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("feeds poll: %d of %d feeds failed", failed, len(urls))
	}
	return nil
}

func writePollText(w io.Writer, res source.PollResult) {
	var s strings.Builder
	fmt.Fprintf(&s, "%s\n", joinNonEmpty(" — ", res.Title, res.URL))
	if res.NotModified {
		s.WriteString("  not modified since the last poll\n")
	}
	for _, it := range res.New {
		status := "saved"
		if !it.Stored.Created {
			status = "updated"
		}
		fmt.Fprintf(&s, "  %s: %s (%d quotes, %d events)\n", status, it.Briefing.Article.Title, len(it.Briefing.Quotes), len(it.Briefing.Upcoming))
	}
	for _, it := range res.Skipped {
		fmt.Fprintf(&s, "  skipped %s: %v\n", joinNonEmpty(" ", it.Title, it.Link), it.Err)
	}
	for _, it := range res.Failed {
		fmt.Fprintf(&s, "  failed %s: %v (tried again next poll)\n", joinNonEmpty(" ", it.Title, it.Link), it.Err)
	}
	fmt.Fprintf(&s, "  %d new, %d already seen, %d skipped, %d failed", len(res.New), len(res.Unchanged), len(res.Skipped), len(res.Failed))
	if res.Deferred > 0 {
		fmt.Fprintf(&s, ", %d left for the next poll", res.Deferred)
	}
	s.WriteString("\n")
	io.WriteString(w, s.String())
}

// pollJSON is one poll as `briefbot feeds poll --json` prints it.
type pollJSON struct {
	URL         string   `json:"url"`
	Title       string   `json:"title"`
	NotModified bool     `json:"not_modified"`
	New         []string `json:"new"`
	Seen        int      `json:"seen"`
	Skipped     []string `json:"skipped"`
	Failed      []string `json:"failed"`
}

func pollSummaries(results []source.PollResult) []pollJSON {
	out := make([]pollJSON, 0, len(results))
	for _, r := range results {
		p := pollJSON{URL: r.URL, Title: r.Title, NotModified: r.NotModified, New: []string{}, Seen: len(r.Unchanged), Skipped: []string{}, Failed: []string{}}
		for _, it := range r.New {
			p.New = append(p.New, it.Briefing.Article.ID)
		}
		for _, it := range r.Skipped {
			p.Skipped = append(p.Skipped, fmt.Sprintf("%s: %v", it.Link, it.Err))
		}
		for _, it := range r.Failed {
			p.Failed = append(p.Failed, fmt.Sprintf("%s: %v", it.Link, it.Err))
		}
		out = append(out, p)
	}
	return out
}
