package briefing

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func digestTestDay(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func digestTestBrief(id, published string, summary ...string) Briefing {
	b := Briefing{Article: Article{ID: id, Title: "Headline " + id, Source: "The Outlet", URL: "https://news.example.org/" + id}, Summary: summary}
	if published != "" {
		b.Article.Published = digestTestDay(published)
	}
	return b
}

func digestTestQuote(article, speaker, text string, partial bool) AttributedQuote {
	return AttributedQuote{
		Quote:   Quote{Speaker: speaker, SpeakerKey: PersonKey(speaker), Text: text, Partial: partial},
		Article: ArticleRef{ID: article},
	}
}

func digestTestEvent(article, date string, p Precision, what string) ScheduledEvent {
	d, err := ParseDate(date, p)
	if err != nil {
		panic(err)
	}
	return ScheduledEvent{Event: Event{Date: d, What: what}, Article: ArticleRef{ID: article}}
}

func TestComposeDigest_Articles(t *testing.T) {
	in := DigestInput{
		Date:  digestTestDay("2026-03-29"),
		Since: digestTestDay("2026-03-28").Add(8 * time.Hour),
		Articles: []Briefing{
			// Stored since the previous digest, however old: an admin who
			// adds last year's article wants to see it.
			digestTestBrief("old", "2025-01-05", "An archive piece added by hand."),
			digestTestBrief("b", "2026-03-28", "Ministers met in Vell."),
			digestTestBrief("a", "2026-03-29", "Talks resumed on Monday."),
			digestTestBrief("b", "2026-03-28", "A duplicate delivery of the same article."),
			digestTestBrief("undated", "", "A page with no date."),
			digestTestBrief("c", "2026-03-28", "Another story from the same day."),
		},
	}
	d := ComposeDigest(in)
	var got []string
	for _, a := range d.Articles {
		got = append(got, a.ID+": "+a.Summary)
	}
	want := []string{
		"a: Talks resumed on Monday.",
		"b: Ministers met in Vell.",
		"c: Another story from the same day.",
		"old: An archive piece added by hand.",
		"undated: A page with no date.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("articles mismatch (-want +got):\n%s", diff)
	}
	if d.MoreArticles != 0 || d.Empty() {
		t.Errorf("MoreArticles = %d, Empty = %v; want 0, false", d.MoreArticles, d.Empty())
	}
	if !d.Date.Equal(in.Date) || !d.Since.Equal(in.Since) {
		t.Errorf("Date, Since = %v, %v; want the input's", d.Date, d.Since)
	}
}

func TestComposeDigest_BoundsArticles(t *testing.T) {
	var in DigestInput
	for i := range MaxDigestArticles + 7 {
		in.Articles = append(in.Articles, digestTestBrief(fmt.Sprintf("a%02d", i), "2026-03-28", "A sentence."))
	}
	d := ComposeDigest(in)
	if len(d.Articles) != MaxDigestArticles || d.MoreArticles != 7 {
		t.Errorf("got %d articles and %d more; want %d and 7", len(d.Articles), d.MoreArticles, MaxDigestArticles)
	}
}

func TestComposeDigest_NothingNew(t *testing.T) {
	d := ComposeDigest(DigestInput{
		Date:       digestTestDay("2026-03-29"),
		Events:     []ScheduledEvent{digestTestEvent("x", "2026-03-30", Day, "a summit")},
		EventsFrom: digestTestDay("2026-03-29"), EventsTo: digestTestDay("2026-04-05"),
	})
	if !d.Empty() {
		t.Error("a digest with only events is not empty; want Empty: events alone are not news")
	}
	if len(d.Upcoming) != 1 {
		t.Errorf("upcoming = %d events, want 1", len(d.Upcoming))
	}
}

func TestDigestSummary(t *testing.T) {
	long := strings.Repeat("word ", 130) + "end."
	tests := []struct {
		name   string
		points []string
		want   string
	}{
		{"none", nil, ""},
		{"one", []string{"Talks resumed."}, "Talks resumed."},
		{"two short", []string{"Talks resumed.", "A deal is near."}, "Talks resumed. A deal is near."},
		{"never three", []string{"One.", "Two.", "Three."}, "One. Two."},
		{"second too long to add", []string{"Talks resumed.", strings.Repeat("x ", 200) + "end."}, "Talks resumed."},
		{"first too long to show whole", []string{long, "Short."}, ""},
		{"spacing folded", []string{"  Talks\n resumed. "}, "Talks resumed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := digestSummary(tt.points); got != tt.want {
				t.Errorf("digestSummary(%q) = %q, want %q", tt.points, got, tt.want)
			}
		})
	}
}

func TestNotableQuotes(t *testing.T) {
	quotes := []AttributedQuote{
		digestTestQuote("a", "Anna Kovacs", "draw consequences", true),
		digestTestQuote("a", "Anna Kovacs", "We have let this dispute run for far too long, and both our towns have paid for it.", false),
		digestTestQuote("a", "Anna Kovacs", "The harbour will be open to every fishing boat from both sides by the summer.", false),
		digestTestQuote("a", "Anna Kovacs", "We will be back in Vell within a fortnight to finish the work we began today.", false),
		digestTestQuote("b", "Piotr Lind", "Nothing is settled yet, but the door is open again.", false),
		digestTestQuote("b", "Piotr Lind", "a new chapter", true),
		digestTestQuote("c", "Foreign Ministry", "The talks were useful and frank, and they will continue.", false),
		// The same words reported by a second article count once.
		digestTestQuote("d", "Piotr Lind", "Nothing is settled yet, but the door is open again.", false),
		digestTestQuote("c", "", "A quote nobody said is left out of a digest altogether.", false),
		digestTestQuote("c", "Marta Ruiz", strings.Repeat("very long ", 70), false),
	}
	got := NotableQuotes(quotes, 5)
	var lines []string
	for _, q := range got {
		lines = append(lines, q.Speaker+": "+q.Text)
	}
	want := []string{
		// Every speaker's best first, in order of notability, ties by input order.
		"Anna Kovacs: We have let this dispute run for far too long, and both our towns have paid for it.",
		"Piotr Lind: Nothing is settled yet, but the door is open again.",
		"Foreign Ministry: The talks were useful and frank, and they will continue.",
		// Then second quotes; no speaker gets a third.
		"Anna Kovacs: The harbour will be open to every fishing boat from both sides by the summer.",
		"Piotr Lind: a new chapter",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("NotableQuotes mismatch (-want +got):\n%s", diff)
	}
	if got := NotableQuotes(quotes, 0); got != nil {
		t.Errorf("NotableQuotes(n=0) = %v, want nil", got)
	}
}

func TestComposeDigest_QuotesOnlyFromListedArticles(t *testing.T) {
	in := DigestInput{Quotes: []AttributedQuote{
		digestTestQuote("a00", "Piotr Lind", "Nothing is settled yet, but the door is open again.", false),
		digestTestQuote("unknown", "Marta Ruiz", "This quote's article is not among the new ones at all.", false),
	}}
	for i := range MaxDigestArticles + 1 {
		in.Articles = append(in.Articles, digestTestBrief(fmt.Sprintf("a%02d", i), "2026-03-28"))
	}
	// The last article sorts last and is counted, not listed.
	in.Quotes = append(in.Quotes, digestTestQuote(fmt.Sprintf("a%02d", MaxDigestArticles), "Anna Kovacs", "This is said in an article the digest only counts.", false))
	d := ComposeDigest(in)
	if len(d.Quotes) != 1 || d.Quotes[0].Speaker != "Piotr Lind" {
		t.Errorf("quotes = %+v, want only Piotr Lind's, from a listed article", d.Quotes)
	}
}

func TestDigestEvents(t *testing.T) {
	from, to := digestTestDay("2026-03-29"), digestTestDay("2026-04-05")
	events := []ScheduledEvent{
		digestTestEvent("a", "2026-04-05", Day, "after the week"),
		digestTestEvent("a", "2026-03-28", Day, "the day before"),
		digestTestEvent("b", "2026-04-01", Day, "ministers meet in Vell"),
		digestTestEvent("c", "2026-04-01", Day, "Ministers meet in Vell."),
		digestTestEvent("a", "2026-04", Month, "a draft agreement"),
		digestTestEvent("b", "2026-03-30", Week, "a week of talks"),
		digestTestEvent("b", "2026-03-23", Week, "the week the window starts in"),
		digestTestEvent("a", "2026-03-29", Day, "today's talks"),
		digestTestEvent("b", "2026-03", Month, "the month the week starts in"),
		digestTestEvent("b", "2026", Year, "the year"),
	}
	got, more := digestEvents(events, from, to)
	var lines []string
	for _, ev := range got {
		lines = append(lines, ev.Date.String()+" "+ev.What)
	}
	want := []string{
		"2026-03-23 the week the window starts in",
		"2026-03-29 today's talks",
		"2026-03-30 a week of talks",
		"2026-04-01 ministers meet in Vell",
		"2026-04 a draft agreement",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("digestEvents mismatch (-want +got):\n%s", diff)
	}
	if more != 0 {
		t.Errorf("more = %d, want 0", more)
	}

	var many []ScheduledEvent
	for i := range MaxDigestEvents + 3 {
		many = append(many, digestTestEvent(fmt.Sprint(i), "2026-03-30", Day, fmt.Sprintf("event %d", i)))
	}
	got, more = digestEvents(many, from, to)
	if len(got) != MaxDigestEvents || more != 3 {
		t.Errorf("got %d events and %d more, want %d and 3", len(got), more, MaxDigestEvents)
	}
}

func TestSingleSpaced(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\nb", "a\tb", "naïve café", "a\u00a0b", "a \u2003 b", "end. ", "x\r\n"} {
		if got, want := SingleSpaced(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("SingleSpaced(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestQuoteShape(t *testing.T) {
	for _, s := range []string{"", "  ", "one", "two words", " lead and trail ", "tabs\tand\nlines", "naïve café\u00a0here"} {
		runes, words := quoteShape(s)
		if runes != utf8.RuneCountInString(s) || words != len(strings.Fields(s)) {
			t.Errorf("quoteShape(%q) = %d, %d; want %d, %d", s, runes, words, utf8.RuneCountInString(s), len(strings.Fields(s)))
		}
	}
}
