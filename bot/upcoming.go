package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/bwmarrin/discordgo"
)

const (
	// eventsPerPage is the most events on one page of /upcoming.
	eventsPerPage = 15
	// maxWindowEvents bounds the events read for one window: pages go no
	// further than it.
	maxWindowEvents = 500
	upcomingBudget  = maxDescription - 96
)

// upcoming answers /upcoming [days] [from].
func (h *handlers) upcoming(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	days := defaultDays
	if n, ok := r.integer("days"); ok {
		if n < 1 || n > maxDays {
			return nil, userErrorf("days is how far ahead to look: a number from 1 to %d.", maxDays)
		}
		days = int(n)
	}
	from, err := h.today(ctx, r.GuildID)
	if err != nil {
		return nil, err
	}
	if s := r.str("from"); s != "" {
		from, err = time.Parse("2006-01-02", s)
		if err != nil {
			return nil, userErrorf("%q is not a date. Write it as YYYY-MM-DD, for example %s.", clip(s), h.now().Format("2006-01-02"))
		}
	}
	return h.upcomingPage(ctx, from, days, 0)
}

// today is the current date in the server's digest time zone, or in UTC.
func (h *handlers) today(ctx context.Context, guildID string) (time.Time, error) {
	loc := time.UTC
	if guildID != "" {
		g, err := h.store.Guild(ctx, guildID)
		if err != nil && !errors.Is(err, briefing.ErrNotFound) {
			return time.Time{}, err
		}
		if err == nil && g.TimeZone != "" {
			if l, err := time.LoadLocation(g.TimeZone); err == nil {
				loc = l
			}
		}
	}
	y, m, d := h.now().In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}

// upcomingButton draws another page: args are "FROM:DAYS:OFFSET".
func (h *handlers) upcomingButton(ctx context.Context, r *request, args []string) (*discordgo.InteractionResponseData, error) {
	parts, ok := splitArgs(args, 3)
	if !ok {
		return nil, userErrorf("This button is damaged. Run /upcoming again.")
	}
	from, err := time.Parse("2006-01-02", parts[0])
	days, ok1 := atoi(parts[1], 1, maxDays)
	offset, ok2 := atoi(parts[2], 0, maxWindowEvents)
	if err != nil || !ok1 || !ok2 {
		return nil, userErrorf("This button is damaged. Run /upcoming again.")
	}
	return h.upcomingPage(ctx, from, days, offset)
}

// upcomingPage renders the events of [from, from+days) starting at offset,
// grouped under their dates, with buttons to the pages around it.
func (h *handlers) upcomingPage(ctx context.Context, from time.Time, days, offset int) (*discordgo.InteractionResponseData, error) {
	to := from.AddDate(0, 0, days)
	// Read this page and a few more, not the whole window: a busy window
	// holds hundreds of events, and decoding them all for one page of 15
	// is most of the cost. One extra says whether there are more still.
	limit := min(maxWindowEvents, offset+3*eventsPerPage+1)
	events, err := h.store.EventsBetween(ctx, from, to, limit)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return nil, err
	}
	more := len(events) == limit
	if more && limit < maxWindowEvents {
		events = events[:limit-1]
	}
	span := windowText(from, to)
	if len(events) == 0 {
		return nil, userErrorf("Nothing is coming up %s in the stored articles. Try a longer window (days:90) or another start (from:YYYY-MM-DD).", span)
	}
	if offset >= len(events) {
		offset = max(0, len(events)-eventsPerPage) // the events changed since the button was drawn
	}
	body, n := eventPage(events[offset:], eventsPerPage, upcomingBudget)
	var prevID, nextID string
	fromKey := from.Format("2006-01-02")
	if offset+n < len(events) {
		nextID = customID(upcomingPage, fromKey, strconv.Itoa(days), strconv.Itoa(offset+n))
	}
	if offset > 0 {
		start := max(0, offset-eventsPerPage)
		var lines []string
		for _, ev := range events[start:offset] {
			lines = append(lines, eventDateLine(ev)+"\n"+eventLine(ev))
		}
		k := max(1, packBackward(lines, eventsPerPage, upcomingBudget, "\n"))
		prevID = customID(upcomingPage, fromKey, strconv.Itoa(days), strconv.Itoa(offset-k))
	}
	footer := fmt.Sprintf("Events %d–%d of %d", offset+1, offset+n, len(events))
	switch {
	case more && limit == maxWindowEvents:
		footer = fmt.Sprintf("Events %d–%d of the first %d", offset+1, offset+n, len(events))
	case more:
		footer = fmt.Sprintf("Events %d–%d of more than %d", offset+1, offset+n, len(events))
	}
	e := &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       truncate("Coming up "+span, maxTitle),
		Description: body,
		Color:       embedColor,
		Footer:      &discordgo.MessageEmbedFooter{Text: footer + " · dates as the articles give them"},
	}
	return &discordgo.InteractionResponseData{
		Embeds:          []*discordgo.MessageEmbed{e},
		Components:      pageButtons(prevID, nextID, "◀ Earlier", "Later ▶"),
		AllowedMentions: noMentions(),
	}, nil
}

// windowText is "from 10 to 23 February 2021" for the window [from, to).
func windowText(from, to time.Time) string {
	last := to.AddDate(0, 0, -1)
	switch {
	case from.Equal(last):
		return "on " + from.Format("2 January 2006")
	case from.Year() != last.Year():
		return "from " + from.Format("2 January 2006") + " to " + last.Format("2 January 2006")
	case from.Month() != last.Month():
		return "from " + from.Format("2 January") + " to " + last.Format("2 January 2006")
	}
	return "from " + from.Format("2") + " to " + last.Format("2 January 2006")
}

// eventPage renders as many of events as fit (at most max, within budget)
// as lines under bold date headings, and returns the text and the count.
func eventPage(events []briefing.ScheduledEvent, max, budget int) (string, int) {
	var b strings.Builder
	prev := ""
	n := 0
	for _, ev := range events {
		if n == max {
			break
		}
		var add string
		if d := eventDateLine(ev); d != prev {
			if n > 0 {
				add = "\n"
			}
			add += d + "\n"
			prev = d
		}
		add += eventLine(ev) + "\n"
		if n > 0 && length(b.String())+length(add) > budget {
			break
		}
		b.WriteString(add)
		n++
	}
	return strings.TrimSpace(b.String()), n
}

func eventDateLine(ev briefing.ScheduledEvent) string {
	return "**" + eventDate(ev.Date) + "**"
}

// eventLine is "• what — [Headline](url)", each part cut to keep a page
// readable.
func eventLine(ev briefing.ScheduledEvent) string {
	what := oneLine(orDefault(ev.What, ev.Evidence))
	return "• " + truncate(escape(what), 200) + " — " + link(truncate(oneLine(orDefault(ev.Article.Title, "an article")), 80), shortURL(ev.Article.URL))
}

// shortURL keeps a URL for a link unless it is so long that a page of
// events would be mostly addresses.
func shortURL(u string) string {
	if length(u) > 300 {
		return ""
	}
	return u
}
