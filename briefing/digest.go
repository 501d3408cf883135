package briefing

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Bounds of a daily digest. A digest is read in a minute over breakfast:
// the newest articles with a line or two each, a handful of quotes, and the
// week ahead. Everything past these bounds is counted, not shown.
const (
	// MaxDigestArticles is the most articles a digest lists.
	MaxDigestArticles = 25
	// MaxDigestQuotes is the most quotes a digest shows.
	MaxDigestQuotes = 5
	// MaxDigestEvents is the most upcoming events a digest lists.
	MaxDigestEvents = 15
	// DigestWeek is how many days ahead a digest looks (see WeekAhead).
	DigestWeek = 7

	// maxQuotesPerSpeaker bounds one speaker's share of the quotes, once
	// every speaker has had one.
	maxQuotesPerSpeaker = 2
	// maxDigestQuoteChars excludes quotations too long to show whole: a
	// digest never cuts a quote.
	maxDigestQuoteChars = 600
	// digestSummaryChars is the length the one- or two-sentence summary
	// aims at: a second sentence is added only if both fit.
	digestSummaryChars = 320
	// maxDigestSentenceChars is the longest single summary sentence shown;
	// a longer one is left out rather than cut.
	maxDigestSentenceChars = 600
)

// DigestInput is what a digest is made from. The caller reads it from the
// store; ComposeDigest only chooses and orders.
type DigestInput struct {
	// Date is the reader's local calendar date of the digest, at midnight
	// UTC like every other briefing date.
	Date time.Time
	// Since is when the digest's window of new articles starts: the
	// reader's previous digest, or a day before.
	Since time.Time
	// Articles are the candidate new articles, in any order; duplicates by
	// ID are dropped.
	Articles []Briefing
	// Quotes are the candidate quotes. Only quotes from articles that the
	// digest lists are considered.
	Quotes []AttributedQuote
	// Events are the candidate events. Only those whose period overlaps
	// [EventsFrom, EventsTo) are kept.
	Events     []ScheduledEvent
	EventsFrom time.Time
	EventsTo   time.Time
}

// WeekAhead is the window of a digest's "week ahead": the DigestWeek
// calendar dates starting with the digest's own date, [date, date+7). It
// is the one definition for every digest: the scheduler's, its preview,
// and `briefbot digest`. A digest is read on its date, so that day's
// events are still ahead of the reader; the seventh day after it opens the
// next digest's week.
func WeekAhead(date time.Time) (from, to time.Time) {
	return date, date.AddDate(0, 0, DigestWeek)
}

// DigestArticle is one article as a digest lists it.
type DigestArticle struct {
	ArticleRef
	// Summary is one or two whole sentences of the article's briefing; it
	// is empty when the briefing has none short enough to show whole.
	Summary string
}

// Digest is one reader's daily digest: what was stored since their
// previous one, a few notable quotes from it, and the events ahead.
type Digest struct {
	Date  time.Time
	Since time.Time
	// Articles are newest published first.
	Articles []DigestArticle
	// MoreArticles counts new articles beyond MaxDigestArticles.
	MoreArticles int
	// Quotes are the most notable first, one per speaker before any
	// speaker has two.
	Quotes []AttributedQuote
	// Upcoming are sorted by date, finer precision first.
	Upcoming []ScheduledEvent
	// MoreEvents counts events beyond MaxDigestEvents.
	MoreEvents int
}

// Empty reports whether the digest has no new article. Upcoming events
// alone are not news.
func (d Digest) Empty() bool {
	return len(d.Articles) == 0 && d.MoreArticles == 0
}

// ComposeDigest chooses and orders a digest's contents. It is pure: the
// same input gives the same digest.
func ComposeDigest(in DigestInput) Digest {
	d := Digest{Date: in.Date, Since: in.Since}

	kept := make(map[string]bool, len(in.Articles))
	order := make([]int, 0, len(in.Articles))
	for i := range in.Articles {
		a := &in.Articles[i].Article
		if kept[a.ID] {
			continue
		}
		kept[a.ID] = true
		order = append(order, i)
	}
	// Sort positions, not briefings: a digest sorts hundreds of them.
	slices.SortStableFunc(order, func(i, j int) int {
		x, y := &in.Articles[i].Article, &in.Articles[j].Article
		if c := y.Published.Compare(x.Published); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Title, y.Title); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	if len(order) > MaxDigestArticles {
		d.MoreArticles = len(order) - MaxDigestArticles
		order = order[:MaxDigestArticles]
	}
	// Quotes come from the articles the digest lists, so each quote's
	// article is right there above it.
	listed := make(map[string]bool, len(order))
	for _, i := range order {
		b := &in.Articles[i]
		listed[b.Article.ID] = true
		d.Articles = append(d.Articles, DigestArticle{ArticleRef: b.Article.Ref(), Summary: digestSummary(b.Summary)})
	}

	d.Quotes = notableQuotes(in.Quotes, MaxDigestQuotes, func(q *AttributedQuote) bool { return listed[q.Article.ID] })

	d.Upcoming, d.MoreEvents = digestEvents(in.Events, in.EventsFrom, in.EventsTo)
	return d
}

// digestSummary is the first summary sentence, and the second when both
// fit in digestSummaryChars. Sentences are never cut: a first sentence
// longer than maxDigestSentenceChars gives no summary at all.
func digestSummary(points []string) string {
	var out []string
	used := 0
	for _, p := range points {
		p = SingleSpaced(p)
		if p == "" {
			continue
		}
		n := utf8.RuneCountInString(p)
		if len(out) == 0 {
			if n > maxDigestSentenceChars {
				return ""
			}
		} else if used+1+n > digestSummaryChars {
			break
		}
		out = append(out, p)
		used += n + 1
		if len(out) == 2 {
			break
		}
	}
	return strings.Join(out, " ")
}

// NotableQuotes picks up to n quotes worth showing on their own, the most
// notable first, with a spread of speakers: every speaker's best quote
// comes before anyone's second, and no speaker has more than two.
//
// Notability is a property of the quotation, not of its words: a whole
// statement reads better out of context than a fragment the reporter
// wrapped in their own sentence, and a quotation of a sentence or two says
// more than a two-word one. The same words reported by two articles count
// once. Quotes without a speaker, and quotes too long to show whole, are
// left out. Ties keep the input order.
func NotableQuotes(quotes []AttributedQuote, n int) []AttributedQuote {
	return notableQuotes(quotes, n, nil)
}

// notableQuotes is NotableQuotes over the quotes keep accepts (all when
// keep is nil), without copying the others out.
func notableQuotes(quotes []AttributedQuote, n int, keep func(*AttributedQuote) bool) []AttributedQuote {
	if n <= 0 {
		return nil
	}
	// A digest weighs hundreds of quotes for five places, so candidates
	// are scored without copying or allocating, and only those that come
	// up for a place are compared for repeated words.
	type candidate struct {
		i       int
		score   int
		speaker string
	}
	var cands []candidate
	for i := range quotes {
		q := &quotes[i]
		if keep != nil && !keep(q) {
			continue
		}
		speaker := q.SpeakerKey
		if speaker == "" {
			speaker = strings.ToLower(strings.Join(strings.Fields(q.Speaker), " "))
		}
		runes, words := quoteShape(q.Text)
		if speaker == "" || words == 0 || runes > maxDigestQuoteChars {
			continue
		}
		cands = append(cands, candidate{i: i, score: quoteScore(q.Partial, words), speaker: speaker})
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	var out []AttributedQuote
	used := make([]bool, len(cands))
	count := map[string]int{}
	seen := map[string]bool{}
	// Round r takes each speaker's (r+1)th best quote, best first.
	for round := 0; round < maxQuotesPerSpeaker && len(out) < n; round++ {
		for k, c := range cands {
			if len(out) == n {
				break
			}
			if used[k] || count[c.speaker] != round {
				continue
			}
			used[k] = true
			key := foldQuote(quotes[c.i].Text)
			if seen[key] {
				continue // the same words, reported again
			}
			seen[key] = true
			count[c.speaker]++
			out = append(out, quotes[c.i])
		}
	}
	return out
}

// quoteScore rates how well a quotation of so many words stands on its
// own.
func quoteScore(partial bool, words int) int {
	s := 0
	if !partial {
		s += 3
	}
	switch {
	case words >= 8 && words <= 50:
		s += 3
	case words >= 5 && words <= 70:
		s += 2
	case words >= 3:
		s++
	default:
		s -= 2
	}
	return s
}

// quoteShape counts a text's characters and its space-separated words (as
// len(strings.Fields) would) in one pass without allocating. It stops
// counting once the text is too long for a digest.
func quoteShape(s string) (runes, words int) {
	in := false
	for _, r := range s {
		runes++
		if runes > maxDigestQuoteChars {
			return runes, words
		}
		space := r == ' ' || r == '\n' || r == '\t' || r == '\r' || (r >= utf8.RuneSelf && unicode.IsSpace(r))
		if space {
			in = false
		} else if !in {
			in = true
			words++
		}
	}
	return runes, words
}

// foldQuote reduces a quotation to its words for spotting the same words
// reported twice.
func foldQuote(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// digestEvents keeps the events of the window [from, to): a day or a week
// that overlaps it, a month or a year that starts in it ("in April" is
// news in the week April begins, "this year" is not news in any week). It drops
// the same event reported by several articles (same date, precision and
// description), sorts them by date with finer precision first, and bounds
// the list. It returns the events and how many more there were.
func digestEvents(events []ScheduledEvent, from, to time.Time) ([]ScheduledEvent, int) {
	seen := map[string]bool{}
	var out []ScheduledEvent
	for _, ev := range events {
		if !from.IsZero() && !ev.Date.End().After(from) {
			continue
		}
		if coarse := ev.Date.Precision == Month || ev.Date.Precision == Year; coarse && !from.IsZero() && ev.Date.Start.Before(from) {
			continue
		}
		if !to.IsZero() && !ev.Date.Start.Before(to) {
			continue
		}
		key := ev.Date.String() + "\x00" + string(ev.Date.Precision) + "\x00" + foldQuote(ev.What)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, ev)
	}
	slices.SortStableFunc(out, func(a, b ScheduledEvent) int {
		if c := a.Date.Start.Compare(b.Date.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(precisionRank(a.Date.Precision), precisionRank(b.Date.Precision)); c != 0 {
			return c
		}
		return cmp.Compare(a.Article.ID, b.Article.ID)
	})
	more := 0
	if len(out) > MaxDigestEvents {
		more = len(out) - MaxDigestEvents
		out = out[:MaxDigestEvents]
	}
	return out, more
}

func precisionRank(p Precision) int {
	switch p {
	case Day:
		return 0
	case Week:
		return 1
	case Month:
		return 2
	case Year:
		return 3
	}
	return 4
}

// SingleSpaced is s with its runs of white space made single spaces and
// its ends trimmed, so that text cannot start a Markdown block of its own, as strings.Join(strings.Fields(s), " ") but without
// allocating for text that is already so.
func SingleSpaced(s string) string {
	prevSpace := true
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return strings.Join(strings.Fields(s), " ")
			}
			prevSpace = false
			i += size
			continue
		}
		space := c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
		if space && (prevSpace || c != ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
		prevSpace = space
		i++
	}
	if prevSpace && len(s) > 0 {
		return strings.TrimRight(s, " ")
	}
	return s
}
