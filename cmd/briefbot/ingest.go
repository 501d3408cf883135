package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// ingestResult is what `briefbot ingest --json` prints per source.
type ingestResult struct {
	Source   string   `json:"source"`
	ID       string   `json:"id,omitempty"`
	Title    string   `json:"title,omitempty"`
	Status   string   `json:"status"` // saved, updated, unchanged, failed
	Quotes   int      `json:"quotes"`
	Upcoming int      `json:"upcoming"`
	Error    string   `json:"error,omitempty"`
	People   []string `json:"people,omitempty"`
}

func runIngest(ctx context.Context, args []string, e env) (err error) {
	fs := newFlagSet("ingest", "SOURCE... (a file, - for standard input, or an http(s) URL)", e)
	dbPath := dbFlag(fs, e)
	published := fs.String("published", "", "publication date `YYYY-MM-DD` for sources that carry none")
	asJSON := fs.Bool("json", false, "print machine-readable results")
	sources, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		fs.Usage()
		return usageError{"ingest: name at least one SOURCE: a file, - for standard input, or a URL"}
	}
	opts, err := readOptions(*published)
	if err != nil {
		return err
	}
	db, err := openStore(*dbPath, false)
	if err != nil {
		return err
	}
	defer closeStore(db, &err)
	in := newIngester(db, e)

	var results []ingestResult
	failed := 0
	for _, src := range sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		var (
			b   briefing.Briefing
			res storage.PutResult
			err error
		)
		if isURL(src) {
			b, res, err = in.IngestURL(ctx, src, opts.Published)
		} else {
			b, res, err = ingestFile(ctx, db, src, opts, e.stdin)
		}
		r := ingestResult{Source: src, Status: "failed"}
		if err != nil {
			failed++
			r.Error = err.Error()
		} else {
			r = describeIngest(src, b, res)
		}
		results = append(results, r)
		if !*asJSON {
			writeIngestText(e.stdout, e.stderr, r, b)
		}
	}
	if *asJSON {
		if err := writeJSON(e.stdout, results); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("ingest: %d of %d sources not stored", failed, len(sources))
	}
	return nil
}

// ingestFile reads, analyses and stores one file or standard input. The
// article's ID comes from the store (canonical URL or content), so the
// same text saved under two names is one article.
func ingestFile(ctx context.Context, db *storage.DB, name string, opts briefing.ReadOptions, stdin io.Reader) (briefing.Briefing, storage.PutResult, error) {
	data, err := readInput(name, stdin)
	if err != nil {
		return briefing.Briefing{}, storage.PutResult{}, err
	}
	a, err := briefing.Read(name, data, opts)
	if err != nil {
		return briefing.Briefing{}, storage.PutResult{}, err
	}
	b := briefing.Analyze(a)
	res, err := db.Put(ctx, b)
	if err != nil {
		return b, res, fmt.Errorf("store %s: %w", name, err)
	}
	b.Article.ID = res.ID
	return b, res, nil
}

func describeIngest(src string, b briefing.Briefing, res storage.PutResult) ingestResult {
	status := "unchanged"
	switch {
	case res.Created:
		status = "saved"
	case res.Changed:
		status = "updated"
	}
	r := ingestResult{
		Source: src, ID: res.ID, Title: b.Article.Title, Status: status,
		Quotes: len(b.Quotes), Upcoming: len(b.Upcoming),
	}
	for _, p := range b.People {
		if !p.Org {
			r.People = append(r.People, p.Name)
		}
	}
	return r
}

// writeIngestText reports one source for a person: what was stored, with
// its quotes and events, or why not.
func writeIngestText(stdout, stderr io.Writer, r ingestResult, b briefing.Briefing) {
	if r.Status == "failed" {
		fmt.Fprintf(stderr, "not stored: %s\n", r.Error)
		return
	}
	var s strings.Builder
	fmt.Fprintf(&s, "%s: %s [%s]\n", r.Status, r.Title, r.ID)
	a := b.Article
	fmt.Fprintf(&s, "  %s\n", joinNonEmpty(" · ", a.Source, formatDay(a.Published), a.URL))
	fmt.Fprintf(&s, "  %d quotes, %d upcoming events\n", len(b.Quotes), len(b.Upcoming))
	for _, q := range b.Quotes {
		fmt.Fprintf(&s, "  %s: “%s”\n", q.Speaker, clip(q.Text, 160))
	}
	for _, ev := range b.Upcoming {
		fmt.Fprintf(&s, "  %s  %s\n", formatEventDate(ev.Date), ev.What)
	}
	io.WriteString(stdout, s.String())
}
