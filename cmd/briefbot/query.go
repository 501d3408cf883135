package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// Bounds on what the query commands print.
const (
	defaultQuoteLimit = 20
	maxQuoteLimit     = 500
	defaultPeople     = 50
	maxPeople         = 1000
	maxUpcomingDays   = 3660
	maxEvents         = 1000
)

func runSummary(ctx context.Context, args []string, e env) (err error) {
	fs := newFlagSet("summary", "[QUERY]", e)
	dbPath := dbFlag(fs, e)
	asJSON := fs.Bool("json", false, "print the JSON analysis contract")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	db, err := openStore(*dbPath, true)
	if err != nil {
		return err
	}
	defer closeStore(db, &err)

	query := strings.TrimSpace(strings.Join(words, " "))
	var found []briefing.Briefing
	if query == "" {
		found, err = db.Latest(ctx, 1)
	} else {
		found, err = db.Search(ctx, query, 1)
	}
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return err
	}
	if len(found) == 0 {
		if query == "" {
			return errors.New("no articles stored yet: add one with 'briefbot ingest FILE|URL'")
		}
		return fmt.Errorf("no article matches %q: try fewer or other words, or 'briefbot summary' for the newest", query)
	}
	if *asJSON {
		return writeJSON(e.stdout, found[0].Record())
	}
	return writeBriefingText(e.stdout, found[0])
}

// quoteJSON is one quote as `briefbot quotes --json` prints it.
type quoteJSON struct {
	Speaker   string `json:"speaker"`
	Text      string `json:"text"`
	Partial   bool   `json:"partial"`
	ArticleID string `json:"article_id"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

func runQuotes(ctx context.Context, args []string, e env) (err error) {
	fs := newFlagSet("quotes", "PERSON", e)
	dbPath := dbFlag(fs, e)
	limit := fs.Int("limit", defaultQuoteLimit, fmt.Sprintf("most quotes to print (1-%d)", maxQuoteLimit))
	asJSON := fs.Bool("json", false, "print machine-readable quotes")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	name := strings.TrimSpace(strings.Join(words, " "))
	if name == "" {
		fs.Usage()
		return usageError{"quotes: name a PERSON, e.g. briefbot quotes Borrell (see 'briefbot people' for who is known)"}
	}
	if *limit < 1 || *limit > maxQuoteLimit {
		return usageError{fmt.Sprintf("--limit %d is out of range: use 1 to %d", *limit, maxQuoteLimit)}
	}
	db, err := openStore(*dbPath, true)
	if err != nil {
		return err
	}
	defer closeStore(db, &err)

	people, err := db.ResolvePerson(ctx, name)
	if errors.Is(err, briefing.ErrNotFound) {
		return unknownPerson(ctx, db, name)
	}
	if err != nil {
		return err
	}
	if len(people) > 1 {
		return fmt.Errorf("%q could be %s: name one of them in full", name, orList(personNames(people)))
	}
	quotes, total, err := db.QuotesBy(ctx, people[0].Key, 0, *limit)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return err
	}
	if *asJSON {
		out := make([]quoteJSON, 0, len(quotes))
		for _, q := range quotes {
			out = append(out, quoteJSON{
				Speaker: q.Speaker, Text: q.Text, Partial: q.Partial,
				ArticleID: q.Article.ID, Title: q.Article.Title, Source: q.Article.Source,
				URL: q.Article.URL, Published: formatDay(q.Article.Published),
			})
		}
		return writeJSON(e.stdout, out)
	}
	if len(quotes) == 0 {
		fmt.Fprintf(e.stdout, "%s is known but has no stored quotes.\n", people[0].Name)
		return nil
	}
	writeQuotesText(e.stdout, people[0].Name, quotes, total)
	return nil
}

// unknownPerson is the error for a name the store does not know, with the
// closest known people as suggestions.
func unknownPerson(ctx context.Context, db *storage.DB, name string) error {
	near, err := db.SuggestPeople(ctx, name, 3)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return err
	}
	if len(near) == 0 {
		return fmt.Errorf("no quotes from %q: nobody by that name is stored ('briefbot people' lists who is)", name)
	}
	return fmt.Errorf("no quotes from %q. Did you mean %s?", name, orList(personNames(near)))
}

func writeQuotesText(w io.Writer, name string, quotes []briefing.AttributedQuote, total int) {
	var s strings.Builder
	fmt.Fprintf(&s, "Quotes from %s (%d of %d, newest first)\n\n", name, len(quotes), total)
	for _, q := range quotes {
		a := q.Article
		fmt.Fprintf(&s, "“%s”\n", q.Text)
		fmt.Fprintf(&s, "  — %s · %s\n", joinNonEmpty(", ", a.Title, a.Source), formatDay(a.Published))
		if a.URL != "" {
			fmt.Fprintf(&s, "    %s\n", a.URL)
		}
		s.WriteString("\n")
	}
	io.WriteString(w, s.String())
}

// personJSON is one person as `briefbot people --json` prints it.
type personJSON struct {
	Key     string   `json:"key"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Org     bool     `json:"org"`
	Quotes  int      `json:"quotes"`
}

func runPeople(ctx context.Context, args []string, e env) (err error) {
	fs := newFlagSet("people", "[PREFIX]", e)
	dbPath := dbFlag(fs, e)
	limit := fs.Int("limit", defaultPeople, fmt.Sprintf("most people to print (1-%d)", maxPeople))
	asJSON := fs.Bool("json", false, "print machine-readable people")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *limit < 1 || *limit > maxPeople {
		return usageError{fmt.Sprintf("--limit %d is out of range: use 1 to %d", *limit, maxPeople)}
	}
	db, err := openStore(*dbPath, true)
	if err != nil {
		return err
	}
	defer closeStore(db, &err)
	people, err := db.People(ctx, strings.Join(words, " "), *limit)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return err
	}
	if *asJSON {
		out := make([]personJSON, 0, len(people))
		for _, p := range people {
			out = append(out, personJSON{Key: p.Key, Name: p.Name, Aliases: nonNil(p.Aliases), Org: p.Org, Quotes: p.Quotes})
		}
		return writeJSON(e.stdout, out)
	}
	if len(people) == 0 {
		fmt.Fprintln(e.stdout, "Nobody matches.")
		return nil
	}
	var s strings.Builder
	for _, p := range people {
		fmt.Fprintf(&s, "%s (%s)", p.Name, plural(p.Quotes, "quote"))
		if len(p.Aliases) > 0 {
			fmt.Fprintf(&s, " — also %s", strings.Join(p.Aliases, "; "))
		}
		s.WriteString("\n")
	}
	_, err = io.WriteString(e.stdout, s.String())
	return err
}

// eventJSON is one event as `briefbot upcoming --json` prints it.
type eventJSON struct {
	Date      string             `json:"date"`
	Precision briefing.Precision `json:"precision"`
	What      string             `json:"what"`
	Evidence  string             `json:"evidence"`
	ArticleID string             `json:"article_id"`
	Title     string             `json:"title"`
	URL       string             `json:"url"`
}

func runUpcoming(ctx context.Context, args []string, e env) (err error) {
	fs := newFlagSet("upcoming", "", e)
	dbPath := dbFlag(fs, e)
	from := fs.String("from", "", "first day of the window, `YYYY-MM-DD` (default today)")
	days := fs.Int("days", 14, fmt.Sprintf("length of the window in days (1-%d)", maxUpcomingDays))
	asJSON := fs.Bool("json", false, "print machine-readable events")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("upcoming takes no arguments (got %q): use --from and --days", strings.Join(rest, " "))}
	}
	if *days < 1 || *days > maxUpcomingDays {
		return usageError{fmt.Sprintf("--days %d is out of range: use 1 to %d", *days, maxUpcomingDays)}
	}
	start := today()
	if *from != "" {
		if start, err = parseDay("from", *from); err != nil {
			return err
		}
	}
	end := start.AddDate(0, 0, *days)
	db, err := openStore(*dbPath, true)
	if err != nil {
		return err
	}
	defer closeStore(db, &err)
	events, err := db.EventsBetween(ctx, start, end, maxEvents)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return err
	}
	if *asJSON {
		out := make([]eventJSON, 0, len(events))
		for _, ev := range events {
			out = append(out, eventJSON{
				Date: ev.Date.String(), Precision: ev.Date.Precision, What: ev.What, Evidence: ev.Evidence,
				ArticleID: ev.Article.ID, Title: ev.Article.Title, URL: ev.Article.URL,
			})
		}
		return writeJSON(e.stdout, out)
	}
	var s strings.Builder
	fmt.Fprintf(&s, "Upcoming %s to %s\n\n", formatDay(start), formatDay(end.AddDate(0, 0, -1)))
	if len(events) == 0 {
		s.WriteString("Nothing scheduled in this window.\n")
	}
	for _, ev := range events {
		fmt.Fprintf(&s, "%-18s %s\n", formatEventDate(ev.Date), ev.What)
		fmt.Fprintf(&s, "%-18s from %s\n", "", joinNonEmpty(" · ", ev.Article.Title, ev.Article.URL))
	}
	_, err = io.WriteString(e.stdout, s.String())
	return err
}

func personNames(people []storage.PersonInfo) []string {
	names := make([]string, 0, len(people))
	for _, p := range people {
		names = append(names, p.Name)
	}
	return names
}
