package bot

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/bwmarrin/discordgo"
)

// Digest limits: what one daily digest shows at most.
const (
	digestArticles   = 10
	digestQuotes     = 5
	digestEvents     = 10
	digestWeekDays   = 7
	digestReadLimit  = 200 // new articles read to choose from
	defaultLookback  = 24 * time.Hour
	digestQuoteChars = 280
)

// Digest is one server's daily digest: the articles stored since the last
// one, a few notable quotes from them, and the week ahead. composeDigest
// builds it and digestEmbeds renders it; the /digest preview and the
// scheduler that posts digests share both.
type Digest struct {
	GuildID string
	// Day is the server's local date the digest is for (midnight UTC).
	Day time.Time
	// Since is when the window of new articles starts.
	Since    time.Time
	Articles []briefing.Briefing
	// MoreArticles counts new articles beyond those listed.
	MoreArticles int
	Quotes       []briefing.AttributedQuote
	Week         []briefing.ScheduledEvent
}

// Empty reports whether there is nothing new and nothing coming up.
func (d Digest) Empty() bool {
	return len(d.Articles) == 0 && len(d.Week) == 0
}

// composeDigest builds the digest g would get at now: articles stored since
// its last sent digest (or the last 24 hours), the notable quotes in them,
// and the events of the seven days from the server's local today.
func composeDigest(ctx context.Context, s Store, g storage.Guild, now time.Time) (Digest, error) {
	loc := time.UTC
	if g.TimeZone != "" {
		if l, err := time.LoadLocation(g.TimeZone); err == nil {
			loc = l
		}
	}
	y, m, day := now.In(loc).Date()
	d := Digest{GuildID: g.ID, Day: time.Date(y, m, day, 0, 0, 0, 0, time.UTC), Since: now.Add(-defaultLookback)}
	if g.ID != "" {
		last, err := s.LastDigest(ctx, g.ID)
		switch {
		case err == nil && !last.SentAt.IsZero():
			d.Since = last.SentAt
		case err != nil && !errors.Is(err, briefing.ErrNotFound):
			return d, fmt.Errorf("compose digest for %s: %w", g.ID, err)
		}
	}
	fresh, err := s.StoredSince(ctx, d.Since, digestReadLimit)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return d, fmt.Errorf("compose digest for %s: %w", g.ID, err)
	}
	// Newest published first reads best; StoredSince gives oldest stored first.
	sort.SliceStable(fresh, func(i, j int) bool { return fresh[i].Article.Published.After(fresh[j].Article.Published) })
	if len(fresh) > digestArticles {
		d.MoreArticles = len(fresh) - digestArticles
		fresh = fresh[:digestArticles]
	}
	d.Articles = fresh
	if len(fresh) > 0 {
		ids := make([]string, len(fresh))
		for i, b := range fresh {
			ids[i] = b.Article.ID
		}
		quotes, err := s.QuotesIn(ctx, ids)
		if err != nil && !errors.Is(err, briefing.ErrNotFound) {
			return d, fmt.Errorf("compose digest for %s: %w", g.ID, err)
		}
		d.Quotes = notableQuotes(quotes, digestQuotes)
	}
	// One more than shown, so the digest can say there are more.
	week, err := s.EventsBetween(ctx, d.Day, d.Day.AddDate(0, 0, digestWeekDays), digestEvents+1)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return d, fmt.Errorf("compose digest for %s: %w", g.ID, err)
	}
	d.Week = week
	return d, nil
}

// notableQuotes picks up to n quotes worth a digest: whole statements over
// fragments, of a readable length, at most one per speaker, in the order
// they came.
func notableQuotes(quotes []briefing.AttributedQuote, n int) []briefing.AttributedQuote {
	score := func(q briefing.AttributedQuote) int {
		l := length(q.Text)
		s := 0
		if !q.Partial {
			s += 2
		}
		if l >= 40 && l <= digestQuoteChars {
			s += 2
		} else if l >= 15 {
			s++
		}
		return s
	}
	idx := make([]int, len(quotes))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return score(quotes[idx[a]]) > score(quotes[idx[b]]) })
	speakers := map[string]bool{}
	var chosen []int
	for _, i := range idx {
		q := quotes[i]
		if speakers[q.SpeakerKey] || len(chosen) == n {
			continue
		}
		speakers[q.SpeakerKey] = true
		chosen = append(chosen, i)
	}
	sort.Ints(chosen)
	out := make([]briefing.AttributedQuote, len(chosen))
	for i, c := range chosen {
		out[i] = quotes[c]
	}
	return out
}

// Budgets for the parts of a digest; together well under 6000.
const (
	digestArticlesBudget = 2000
	digestQuotesBudget   = 2200
	digestWeekBudget     = 1400
)

// digestEmbeds renders a digest as up to three embeds: new articles,
// quotes of note, the week ahead.
func digestEmbeds(d Digest) []*discordgo.MessageEmbed {
	head := &discordgo.MessageEmbed{
		Type:  discordgo.EmbedTypeRich,
		Title: "Daily briefing for " + d.Day.Format("Monday 2 January 2006"),
		Color: embedColor,
	}
	var lines []string
	for _, b := range d.Articles {
		a := b.Article
		line := "• " + link(truncate(oneLine(orDefault(a.Title, "Untitled article")), 150), shortURL(a.URL))
		if a.Source != "" {
			line += " — " + escape(a.Source)
		}
		lines = append(lines, line)
	}
	body, shown := joinWithin(lines, "\n", digestArticlesBudget-60)
	more := d.MoreArticles + len(lines) - shown
	if more > 0 {
		noun := "articles"
		if more == 1 {
			noun = "article"
		}
		body += fmt.Sprintf("\n…and %d more %s: /summary query:<words> finds any of them.", more, noun)
	}
	if len(d.Articles) == 0 {
		body = fmt.Sprintf("No new articles since <t:%d:f>.", d.Since.Unix())
	}
	head.Description = body
	embeds := []*discordgo.MessageEmbed{head}

	if len(d.Quotes) > 0 {
		var qs []string
		for _, q := range d.Quotes {
			text := truncate(escape(oneLine(q.Text)), digestQuoteChars)
			qs = append(qs, "> “"+text+"”\n— **"+escape(q.Speaker)+"**, "+articleLine(q.Article))
		}
		body, _ := joinWithin(qs, "\n\n", digestQuotesBudget)
		embeds = append(embeds, &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: "Quotes of note", Description: body, Color: embedColor})
	}
	if len(d.Week) > 0 {
		body, n := eventPage(d.Week, digestEvents, digestWeekBudget)
		if n < len(d.Week) {
			body += "\n…more with /upcoming days:7"
		}
		embeds = append(embeds, &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: "The week ahead", Description: body, Color: embedColor})
	}
	return embeds
}

// joinWithin joins as many items as fit in budget characters and returns
// the text and how many it took.
func joinWithin(items []string, sep string, budget int) (string, int) {
	n := packPage(items, len(items), budget, sep)
	if n == 1 && length(items[0]) > budget {
		return truncate(items[0], budget), 1
	}
	return strings.Join(items[:n], sep), n
}

// nextDigest returns when g's next digest is due after now, if g has a
// time and zone set.
func nextDigest(g storage.Guild, now time.Time) (time.Time, bool) {
	hh, mm, ok := parseClock(g.DigestTime)
	if !ok || g.TimeZone == "" {
		return time.Time{}, false
	}
	loc, err := time.LoadLocation(g.TimeZone)
	if err != nil {
		return time.Time{}, false
	}
	local := now.In(loc)
	at := time.Date(local.Year(), local.Month(), local.Day(), hh, mm, 0, 0, loc)
	if !at.After(now) {
		at = time.Date(local.Year(), local.Month(), local.Day()+1, hh, mm, 0, 0, loc)
	}
	return at, true
}

// parseClock reads "HH:MM" (or "H:MM") on a 24-hour clock.
func parseClock(s string) (hour, minute int, ok bool) {
	h, m, found := strings.Cut(strings.TrimSpace(s), ":")
	if !found || len(m) != 2 || len(h) < 1 || len(h) > 2 {
		return 0, 0, false
	}
	hour, err1 := strconv.Atoi(h)
	minute, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return 0, 0, false
	}
	return hour, minute, true
}

// digest answers /digest: a preview of the server's next digest, for the
// caller's eyes only.
func (h *handlers) digest(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	g, err := h.store.Guild(ctx, r.GuildID)
	configured := err == nil
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return nil, err
	}
	if !configured {
		g = storage.Guild{ID: r.GuildID}
	}
	now := h.now()
	d, err := composeDigest(ctx, h.store, g, now)
	if err != nil {
		return nil, err
	}
	var intro string
	if at, ok := nextDigest(g, now); ok && configured && g.ChannelID != "" {
		intro = fmt.Sprintf("Preview of the digest due <t:%d:F> in <#%s>, if it were posted now:", at.Unix(), g.ChannelID)
	} else {
		intro = "This server has no daily digest yet: a server admin can set one up with /briefing setup. It would say:"
	}
	return &discordgo.InteractionResponseData{
		Content:         intro,
		Embeds:          digestEmbeds(d),
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
	}, nil
}
