package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// Bounds on what `briefbot digest` reads.
const (
	cliDigestArticles = 500
	cliDigestEvents   = 200
)

// digestJSON is a digest as `briefbot digest --json` prints it.
type digestJSON struct {
	Date     string              `json:"date"`
	Articles []digestArticleJSON `json:"articles"`
	Quotes   []quoteJSON         `json:"quotes"`
	Upcoming []eventJSON         `json:"upcoming"`
}

type digestArticleJSON struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Source  string `json:"source"`
	URL     string `json:"url"`
	Summary string `json:"summary"`
}

// runDigest is `briefbot digest [--json] [--date YYYY-MM-DD] [--tz ZONE]
// [--guild ID]`: the digest that would be posted.
//
// Without --guild it is the digest of a reader whose previous digest was
// the day before: the articles published on the date, the notable quotes
// from them, and the events of the week ahead. With --guild it is that
// server's digest for the date, as the scheduler would compose it at the
// server's time: the articles stored since its previous digest. Both read
// the week ahead as briefing.WeekAhead does: the seven days that start on
// the digest's date, that date included.
func runDigest(ctx context.Context, args []string, e env) (err error) {
	fs := newFlagSet("digest", "", e)
	dbPath := dbFlag(fs, e)
	asJSON := fs.Bool("json", false, "print machine-readable JSON")
	dateFlag := fs.String("date", "", "the digest's date, `YYYY-MM-DD` (default today in the time zone)")
	tzFlag := fs.String("tz", "", "time `ZONE` of the date, an IANA name such as Europe/Brussels (default the server's, or UTC)")
	guildID := fs.String("guild", "", "the server `ID` whose digest to show, with its settings and digest history")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("digest takes no arguments (got %q): use --date, --tz and --guild", strings.Join(rest, " "))}
	}
	var loc *time.Location
	if *tzFlag != "" {
		if loc, err = loadZone(*tzFlag); err != nil {
			return err
		}
	}
	var date time.Time
	if *dateFlag != "" {
		if date, err = parseDay("date", *dateFlag); err != nil {
			return err
		}
	}

	db, err := openStore(*dbPath, true)
	if err != nil {
		return err
	}
	defer closeStore(db, &err)

	var d briefing.Digest
	if *guildID != "" {
		g, err := db.Guild(ctx, *guildID)
		if errors.Is(err, briefing.ErrNotFound) {
			return fmt.Errorf("server %s has no briefing settings in %s: set up its digest with /briefing setup, or leave out --guild", *guildID, db.Path())
		}
		if err != nil {
			return err
		}
		if loc == nil {
			loc = time.UTC
			if g.TimeZone != "" {
				if loc, err = loadZone(g.TimeZone); err != nil {
					return fmt.Errorf("server %s: %w", g.ID, err)
				}
			}
		}
		if date.IsZero() {
			date = todayIn(loc)
		}
		if d, err = bot.GuildDigest(ctx, db, g, date, loc); err != nil {
			return err
		}
	} else {
		if loc == nil {
			loc = time.UTC
		}
		if date.IsZero() {
			date = todayIn(loc)
		}
		if d, err = dayDigest(ctx, db, date); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(e.stdout, toDigestJSON(d))
	}
	_, err = io.WriteString(e.stdout, digestText(d, loc, *guildID))
	return err
}

// dayDigest is the digest of the articles published on date: their
// quotes, and the events of the week ahead of date.
func dayDigest(ctx context.Context, db *storage.DB, date time.Time) (briefing.Digest, error) {
	articles, err := db.PublishedBetween(ctx, date, date.AddDate(0, 0, 1), cliDigestArticles)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return briefing.Digest{}, err
	}
	in := briefing.DigestInput{Date: date, Since: date, Articles: articles}
	in.EventsFrom, in.EventsTo = briefing.WeekAhead(date)
	if len(articles) > 0 {
		ids := make([]string, len(articles))
		for i, b := range articles {
			ids[i] = b.Article.ID
		}
		if in.Quotes, err = db.QuotesIn(ctx, ids); err != nil && !errors.Is(err, briefing.ErrNotFound) {
			return briefing.Digest{}, err
		}
	}
	if in.Events, err = db.EventsBetween(ctx, in.EventsFrom, in.EventsTo, cliDigestEvents); err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return briefing.Digest{}, err
	}
	return briefing.ComposeDigest(in), nil
}

// loadZone checks a time zone name.
func loadZone(name string) (*time.Location, error) {
	if strings.EqualFold(strings.TrimSpace(name), "local") {
		return nil, usageError{"--tz Local is not a zone name: give an IANA name such as Europe/Brussels or UTC"}
	}
	loc, err := time.LoadLocation(strings.TrimSpace(name))
	if err != nil {
		return nil, usageError{fmt.Sprintf("--tz %q is not a time zone briefbot knows: give an IANA name such as Europe/Brussels, America/New_York or UTC", name)}
	}
	return loc, nil
}

// todayIn is today's date in loc, at midnight UTC.
func todayIn(loc *time.Location) time.Time {
	y, m, d := time.Now().In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func toDigestJSON(d briefing.Digest) digestJSON {
	out := digestJSON{Date: formatDay(d.Date), Articles: []digestArticleJSON{}, Quotes: []quoteJSON{}, Upcoming: []eventJSON{}}
	for _, a := range d.Articles {
		out.Articles = append(out.Articles, digestArticleJSON{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Summary: a.Summary})
	}
	for _, q := range d.Quotes {
		out.Quotes = append(out.Quotes, quoteJSON{
			Speaker: q.Speaker, Text: q.Text, Partial: q.Partial,
			ArticleID: q.Article.ID, Title: q.Article.Title, Source: q.Article.Source,
			URL: q.Article.URL, Published: formatDay(q.Article.Published),
		})
	}
	for _, ev := range d.Upcoming {
		out.Upcoming = append(out.Upcoming, eventJSON{
			Date: ev.Date.String(), Precision: ev.Date.Precision, What: ev.What, Evidence: ev.Evidence,
			ArticleID: ev.Article.ID, Title: ev.Article.Title, URL: ev.Article.URL,
		})
	}
	return out
}

// digestText is a digest for a person to read at a terminal.
func digestText(d briefing.Digest, loc *time.Location, guildID string) string {
	var s strings.Builder
	fmt.Fprintf(&s, "Daily briefing for %s\n", d.Date.Format("Monday 2 January 2006"))
	n := len(d.Articles) + d.MoreArticles
	if guildID != "" {
		fmt.Fprintf(&s, "Server %s: %s since %s\n\n", guildID, plural(n, "new article"), d.Since.In(loc).Format("Mon 2 Jan 2006 15:04 MST"))
	} else {
		fmt.Fprintf(&s, "%s published that day\n\n", plural(n, "article"))
	}
	if n == 0 {
		s.WriteString("Nothing new.\n\n")
	}
	for _, a := range d.Articles {
		fmt.Fprintf(&s, "• %s\n", orUntitled(a.Title))
		if meta := joinNonEmpty(" · ", a.Source, formatDay(a.Published)); meta != "" {
			fmt.Fprintf(&s, "  %s\n", meta)
		}
		if a.URL != "" {
			fmt.Fprintf(&s, "  %s\n", a.URL)
		}
		if a.Summary != "" {
			fmt.Fprintf(&s, "  %s\n", a.Summary)
		}
		s.WriteString("\n")
	}
	if d.MoreArticles > 0 {
		fmt.Fprintf(&s, "…and %d more.\n\n", d.MoreArticles)
	}
	if len(d.Quotes) > 0 {
		s.WriteString("Quotes of note\n\n")
		for _, q := range d.Quotes {
			text := q.Text
			if q.Partial {
				text = "…" + text + "…"
			}
			fmt.Fprintf(&s, "“%s”\n  — %s, %s\n\n", text, q.Speaker, orUntitled(q.Article.Title))
		}
	}
	s.WriteString("The week ahead\n\n")
	if len(d.Upcoming) == 0 {
		s.WriteString("Nothing in the stored articles is due in the next 7 days.\n")
	}
	for _, ev := range d.Upcoming {
		fmt.Fprintf(&s, "%-18s %s\n%-18s from %s\n", formatEventDate(ev.Date), ev.What, "", orUntitled(ev.Article.Title))
	}
	if d.MoreEvents > 0 {
		fmt.Fprintf(&s, "…and %d more: briefbot upcoming --days 7\n", d.MoreEvents)
	}
	return s.String()
}

func orUntitled(title string) string {
	if strings.TrimSpace(title) == "" {
		return "Untitled article"
	}
	return title
}
