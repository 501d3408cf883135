package storage

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
)

// Bounds on what Put accepts. Real articles are far inside them; an input
// outside is a bug upstream or an attack, and is refused whole.
const (
	MaxIDBytes        = 512
	MaxTitleBytes     = 4 << 10
	MaxSourceBytes    = 512
	MaxURLBytes       = 4 << 10
	MaxParagraphs     = 10_000
	MaxBodyBytes      = 8 << 20
	MaxSummary        = 100
	MaxSentenceBytes  = 16 << 10
	MaxPeople         = 2_000
	MaxAliases        = 100
	MaxNameBytes      = 512
	MaxQuotes         = 10_000
	MaxQuoteBytes     = 64 << 10
	MaxEvents         = 10_000
	MaxEventTextBytes = 4 << 10
	// MaxBatch bounds PutBatch: bigger imports are split by the caller so
	// that one transaction stays a reasonable size.
	MaxBatch = 10_000
)

// invalidf returns an error wrapping ErrInvalid for article id.
func invalidf(id, format string, args ...any) error {
	return fmt.Errorf("article %q: %s: %w", id, fmt.Sprintf(format, args...), ErrInvalid)
}

// checkText checks that s is valid UTF-8 and at most max bytes.
func checkText(id, field, s string, max int) error {
	if len(s) > max {
		return invalidf(id, "%s is %d bytes, more than %d", field, len(s), max)
	}
	if !utf8.ValidString(s) {
		return invalidf(id, "%s is not valid UTF-8", field)
	}
	return nil
}

// checkName checks a name or key: valid, bounded and free of control
// characters (0x00 separates key parts).
func checkName(id, field, s string, max int) error {
	if err := checkText(id, field, s, max); err != nil {
		return err
	}
	if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
		return invalidf(id, "%s %q contains a control character", field, s)
	}
	return nil
}

// checkDate checks that t is a date keys can hold (years 1 to 9999).
func checkDate(id, field string, t time.Time) error {
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return invalidf(id, "%s year %d is outside 1 to 9999", field, y)
	}
	return nil
}

// validate checks b against the bounds above. It names the first problem.
func validate(b briefing.Briefing) error {
	a := b.Article
	id := a.ID
	if err := checkName(id, "ID", a.ID, MaxIDBytes); err != nil {
		return err
	}
	if err := checkText(id, "title", a.Title, MaxTitleBytes); err != nil {
		return err
	}
	if err := checkText(id, "source", a.Source, MaxSourceBytes); err != nil {
		return err
	}
	if err := checkName(id, "URL", a.URL, MaxURLBytes); err != nil {
		return err
	}
	if !a.Published.IsZero() {
		if err := checkDate(id, "published date", a.Published); err != nil {
			return err
		}
	}
	if len(a.Paragraphs) > MaxParagraphs {
		return invalidf(id, "%d paragraphs, more than %d", len(a.Paragraphs), MaxParagraphs)
	}
	body := 0
	for i, p := range a.Paragraphs {
		body += len(p)
		if body > MaxBodyBytes {
			return invalidf(id, "body is more than %d bytes", MaxBodyBytes)
		}
		if !utf8.ValidString(p) {
			return invalidf(id, "paragraph %d is not valid UTF-8", i)
		}
	}
	if strings.TrimSpace(a.Title) == "" && body == 0 {
		return invalidf(id, "no title and no body: nothing to store")
	}
	if len(b.Summary) > MaxSummary {
		return invalidf(id, "%d summary sentences, more than %d", len(b.Summary), MaxSummary)
	}
	for i, s := range b.Summary {
		if err := checkText(id, fmt.Sprintf("summary sentence %d", i), s, MaxSentenceBytes); err != nil {
			return err
		}
	}
	if len(b.People) > MaxPeople {
		return invalidf(id, "%d people, more than %d", len(b.People), MaxPeople)
	}
	for i, p := range b.People {
		field := fmt.Sprintf("person %d name", i)
		if err := checkName(id, field, p.Name, MaxNameBytes); err != nil {
			return err
		}
		if foldPhrase(p.Name) == "" {
			return invalidf(id, "person %d has no name (%q)", i, p.Name)
		}
		if err := checkName(id, fmt.Sprintf("person %d key", i), p.Key, MaxNameBytes); err != nil {
			return err
		}
		if len(p.Aliases) > MaxAliases {
			return invalidf(id, "person %q has %d aliases, more than %d", p.Name, len(p.Aliases), MaxAliases)
		}
		for j, al := range p.Aliases {
			if err := checkName(id, fmt.Sprintf("person %q alias %d", p.Name, j), al, MaxNameBytes); err != nil {
				return err
			}
		}
	}
	if len(b.Quotes) > MaxQuotes {
		return invalidf(id, "%d quotes, more than %d", len(b.Quotes), MaxQuotes)
	}
	for i, q := range b.Quotes {
		if err := checkName(id, fmt.Sprintf("quote %d speaker", i), q.Speaker, MaxNameBytes); err != nil {
			return err
		}
		if err := checkName(id, fmt.Sprintf("quote %d speaker key", i), q.SpeakerKey, MaxNameBytes); err != nil {
			return err
		}
		if err := checkText(id, fmt.Sprintf("quote %d text", i), q.Text, MaxQuoteBytes); err != nil {
			return err
		}
		if strings.TrimSpace(q.Text) == "" {
			return invalidf(id, "quote %d has no text", i)
		}
	}
	if len(b.Upcoming) > MaxEvents {
		return invalidf(id, "%d events, more than %d", len(b.Upcoming), MaxEvents)
	}
	for i, e := range b.Upcoming {
		switch e.Date.Precision {
		case briefing.Day, briefing.Week, briefing.Month, briefing.Year:
		default:
			return invalidf(id, "event %d precision %q is not day, week, month or year", i, e.Date.Precision)
		}
		if e.Date.Start.IsZero() {
			return invalidf(id, "event %d has no date", i)
		}
		if err := checkDate(id, fmt.Sprintf("event %d", i), e.Date.Start); err != nil {
			return err
		}
		if err := checkText(id, fmt.Sprintf("event %d evidence", i), e.Evidence, MaxEventTextBytes); err != nil {
			return err
		}
		if err := checkText(id, fmt.Sprintf("event %d description", i), e.What, MaxEventTextBytes); err != nil {
			return err
		}
	}
	return nil
}

// normalise returns b with dates in the form the store keeps: publication
// at midnight UTC of its UTC day, events at the first day of their period.
// The input is not modified.
func normalise(b briefing.Briefing) briefing.Briefing {
	if !b.Article.Published.IsZero() {
		b.Article.Published = briefing.NewDate(b.Article.Published.UTC(), briefing.Day).Start
	}
	if b.Upcoming != nil {
		ev := make([]briefing.Event, len(b.Upcoming))
		for i, e := range b.Upcoming {
			e.Date = briefing.NewDate(e.Date.Start.UTC(), e.Date.Precision)
			ev[i] = e
		}
		b.Upcoming = ev
	}
	return b
}
