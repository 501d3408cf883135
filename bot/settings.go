package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/source"
	"github.com/briefbot/briefbot/storage"
	"github.com/bwmarrin/discordgo"
)

// maxFeeds is how many feeds one server may follow.
const maxFeeds = 25

// guild returns the server's settings, or fresh ones if it has none.
func (h *handlers) guild(ctx context.Context, id string) (storage.Guild, error) {
	g, err := h.store.Guild(ctx, id)
	if errors.Is(err, briefing.ErrNotFound) {
		return storage.Guild{ID: id}, nil
	}
	return g, err
}

// errUnchanged, returned by an updateGuild change, leaves the settings
// as they were: nothing is saved.
var errUnchanged = errors.New("settings unchanged")

// updateGuild reads a server's settings, applies change and saves the
// result, holding the server's lock throughout so that concurrent
// commands never lose each other's change. It returns the settings as
// saved (or as they are, when change returns errUnchanged) and tells the
// scheduler.
func (h *handlers) updateGuild(ctx context.Context, id string, change func(g *storage.Guild) error) (storage.Guild, error) {
	unlock, err := h.locks.lock(ctx, id)
	if err != nil {
		return storage.Guild{}, err
	}
	defer unlock()
	g, err := h.guild(ctx, id)
	if err != nil {
		return storage.Guild{}, err
	}
	if err := change(&g); err != nil {
		if errors.Is(err, errUnchanged) {
			return g, nil
		}
		return storage.Guild{}, err
	}
	g.UpdatedAt = h.now()
	if err := h.store.PutGuild(ctx, g); err != nil {
		return storage.Guild{}, err
	}
	if h.settingsChanged != nil {
		h.settingsChanged(g)
	}
	return g, nil
}

// setup answers /briefing setup channel time timezone [skip_empty].
func (h *handlers) setup(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	channelID := r.str("channel")
	if channelID == "" {
		return nil, userErrorf("Choose the channel to post the digest in.")
	}
	if !r.Console && !IsSnowflake(channelID) {
		return nil, userErrorf("%q is not a Discord channel. Pick the channel from the list Discord offers.", clip(channelID))
	}
	if ch, ok := r.Channels[channelID]; ok && ch.Type != discordgo.ChannelTypeGuildText && ch.Type != discordgo.ChannelTypeGuildNews {
		return nil, userErrorf("The digest can only go to a text or announcement channel. Choose another channel.")
	}
	clock := r.str("time")
	hh, mm, ok := parseClock(clock)
	if !ok {
		return nil, userErrorf("%q is not a time of day. Write it as HH:MM on a 24-hour clock, for example 08:30 or 18:00.", clip(clock))
	}
	name, _, ok := h.zones.resolve(r.str("timezone"))
	if !ok {
		return nil, userErrorf("%q is not a time zone briefbot knows. Start typing a city (Brussels, New York) and pick a zone from the list.", clip(r.str("timezone")))
	}
	skipEmpty, _ := r.boolean("skip_empty")
	var before storage.Guild
	g, err := h.updateGuild(ctx, r.GuildID, func(g *storage.Guild) error {
		before = *g
		g.ChannelID = channelID
		g.DigestTime = fmt.Sprintf("%02d:%02d", hh, mm)
		g.TimeZone = name
		g.SkipEmpty = skipEmpty
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := h.skipPassedDay(ctx, before, g); err != nil {
		return nil, err
	}
	var msg string
	if r.Console {
		// The console's settings live in the same file as a bot's, but
		// under no Discord server: nothing is ever posted for them.
		msg = fmt.Sprintf("Saved: a digest in <#%s> at %s (%s). The console posts no digests; see what one would say with /digest.", g.ChannelID, g.DigestTime, g.TimeZone)
	} else {
		msg = fmt.Sprintf("The daily digest will be posted in <#%s> at %s (%s).", g.ChannelID, g.DigestTime, g.TimeZone)
		if at, ok := nextDigest(g, h.now()); ok {
			msg += fmt.Sprintf(" The next one is due <t:%d:F>.", at.Unix())
		}
		msg += " Make sure briefbot may send messages and embed links in that channel. Preview it with /digest."
	}
	if g.SkipEmpty {
		msg += " A day with no new article gets no digest."
	}
	return &discordgo.InteractionResponseData{Content: msg, AllowedMentions: noMentions()}, nil
}

// skipPassedDay records, when a server's digest was set up or moved to a
// time already past today, that today has no digest: none was due when
// the time passed. The scheduler, running, plans the next digest for
// tomorrow anyway; the record keeps a restart within the grace window
// from posting today's as a missed one. (The scheduler cannot tell from
// the settings' UpdatedAt, which every change sets, feeds included.)
func (h *handlers) skipPassedDay(ctx context.Context, before, g storage.Guild) error {
	if before.ChannelID == g.ChannelID && before.DigestTime == g.DigestTime && before.TimeZone == g.TimeZone {
		return nil
	}
	sched, err := scheduleFor(g)
	if err != nil {
		return nil // not scheduled at all (the console's settings)
	}
	now := h.now()
	at := sched.atDate(now)
	if at.After(now) {
		return nil
	}
	date := localDate(at, sched.loc)
	if _, err := h.store.DigestEntry(ctx, g.ID, date); !errors.Is(err, briefing.ErrNotFound) {
		return err // the day has its entry already (or the store failed)
	}
	reason := fmt.Sprintf("the digest was set to %s (%s) at %s, after that time had passed today", g.DigestTime, g.TimeZone, now.In(sched.loc).Format("15:04"))
	return h.store.SkipDigest(ctx, g.ID, date, reason)
}

// show answers /briefing show.
func (h *handlers) show(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	g, err := h.guild(ctx, r.GuildID)
	if err != nil {
		return nil, err
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: "Briefing settings for this server", Color: embedColor}
	if g.ChannelID == "" {
		e.Description = "No daily digest is set up. Set one with /briefing setup."
		if why, ok := h.turnedOff(ctx, g); ok {
			e.Description = "The daily digest is off: briefbot turned it off. " + why
		}
	} else {
		e.Fields = append(e.Fields,
			&discordgo.MessageEmbedField{Name: "Channel", Value: "<#" + g.ChannelID + ">", Inline: true},
			&discordgo.MessageEmbedField{Name: "Time", Value: g.DigestTime + " " + escape(g.TimeZone), Inline: true})
		if at, ok := nextDigest(g, h.now()); ok {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Next digest", Value: fmt.Sprintf("<t:%d:F>", at.Unix()), Inline: true})
		}
		empty := "A short \"nothing new\" note"
		if g.SkipEmpty {
			empty = "No digest"
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "On a day with no new article", Value: empty})
		e.Description = "The digest lists every article briefbot has stored since the previous digest, from every server's feeds and /ingest, and the week ahead."
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: fmt.Sprintf("Feeds (%d)", len(g.Feeds)), Value: feedList(g.Feeds)})
	return &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}, AllowedMentions: noMentions()}, nil
}

// turnedOff finds why briefbot turned a server's digest off, if it did:
// the scheduler records it as the reason a day was skipped, and saves the
// server's settings without a channel at the same time. That day is the
// local date of the save, or the day before when a late digest ran past
// midnight.
func (h *handlers) turnedOff(ctx context.Context, g storage.Guild) (string, bool) {
	loc, err := time.LoadLocation(g.TimeZone)
	if g.TimeZone == "" || err != nil || g.UpdatedAt.IsZero() {
		return "", false
	}
	for _, day := range []time.Time{g.UpdatedAt, g.UpdatedAt.AddDate(0, 0, -1)} {
		e, err := h.store.DigestEntry(ctx, g.ID, localDate(day, loc))
		if err == nil && e.State == storage.DigestSkipped && strings.HasPrefix(e.Reason, digestTurnedOff) {
			return strings.TrimPrefix(e.Reason, digestTurnedOff), true
		}
	}
	return "", false
}

// stop answers /briefing stop [remove_feeds]: the server's digest is no
// longer posted, at once (the scheduler drops it), and its feeds stay
// followed unless remove_feeds says otherwise.
func (h *handlers) stop(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	removeFeeds, _ := r.boolean("remove_feeds")
	var before storage.Guild
	g, err := h.updateGuild(ctx, r.GuildID, func(g *storage.Guild) error {
		before = *g
		if g.ChannelID == "" && g.DigestTime == "" && g.TimeZone == "" && (!removeFeeds || len(g.Feeds) == 0) {
			return errUnchanged
		}
		g.ChannelID, g.DigestTime, g.TimeZone, g.SkipEmpty = "", "", "", false
		if removeFeeds {
			g.Feeds = nil
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var msg string
	if before.ChannelID != "" {
		msg = fmt.Sprintf("The daily digest is stopped: nothing more will be posted in <#%s>.", before.ChannelID)
	} else {
		msg = "This server had no daily digest to stop."
	}
	switch {
	case removeFeeds && len(before.Feeds) > 0:
		msg += fmt.Sprintf(" This server no longer follows its %s.", plural(len(before.Feeds), "feed"))
	case len(g.Feeds) > 0:
		msg += fmt.Sprintf(" Its %s stay followed, so their articles are still stored for /summary and /quotes; /briefing stop remove_feeds:True stops them too.", plural(len(g.Feeds), "feed"))
	}
	if before.ChannelID != "" {
		msg += " Set up a digest again with /briefing setup."
	}
	return &discordgo.InteractionResponseData{Content: msg, AllowedMentions: noMentions()}, nil
}

// feedList lists feed URLs for a field, within its 1024 characters.
func feedList(feeds []string) string {
	if len(feeds) == 0 {
		return "None. Add one with /briefing feeds add."
	}
	var lines []string
	for _, f := range feeds {
		lines = append(lines, "• "+linkText(f))
	}
	body, n := joinWithin(lines, "\n", maxFieldValue-70)
	if n < len(lines) {
		body += fmt.Sprintf("\n…and %d more: /briefing feeds list shows them all", len(lines)-n)
	}
	return body
}

// feedURL checks and normalises a feed address a user typed.
func feedURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", userErrorf("Give the feed's web address, for example https://example.org/feed.xml.")
	}
	u, err := source.CanonicalURL(raw)
	if err != nil {
		return "", userErrorf("%q is not a web address briefbot can follow. Give the feed's full address, starting with https://.", clip(raw))
	}
	return u, nil
}

// feedAdd answers /briefing feeds add url [interval].
func (h *handlers) feedAdd(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	u, err := feedURL(r.str("url"))
	if err != nil {
		return nil, err
	}
	var interval time.Duration
	if n, ok := r.integer("interval"); ok {
		if n < minFeedMinutes || n > maxFeedMinutes {
			return nil, userErrorf("interval is the minutes between reads of the feed: a number from %d to %d.", minFeedMinutes, maxFeedMinutes)
		}
		interval = time.Duration(n) * time.Minute
	}
	already := false
	_, err = h.updateGuild(ctx, r.GuildID, func(g *storage.Guild) error {
		if slices.Contains(g.Feeds, u) {
			already = true
			return errUnchanged
		}
		if len(g.Feeds) >= maxFeeds {
			return userErrorf("This server follows %d feeds, the most it may. Remove one with /briefing feeds remove first.", maxFeeds)
		}
		g.Feeds = append(g.Feeds, u)
		return nil
	})
	if err != nil {
		return nil, err
	}
	every := ""
	if interval > 0 {
		if err := h.setFeedInterval(ctx, u, interval); err != nil {
			return nil, err
		}
		every = fmt.Sprintf(" It is read every %s (for every server that follows it).", minutes(interval))
	}
	if already {
		return &discordgo.InteractionResponseData{Content: "This server already follows " + linkText(u) + "." + every, AllowedMentions: noMentions()}, nil
	}
	msg := "Now following " + linkText(u) + "." + every + " Its new articles are stored, and so appear in the daily digest, which lists every article briefbot has stored since the previous one (from every server's feeds and /ingest). If the feed cannot be read, /briefing feeds list says why."
	return &discordgo.InteractionResponseData{Content: msg, AllowedMentions: noMentions()}, nil
}

// setFeedInterval sets how often a feed is read. The interval belongs to
// the feed, whichever servers follow it; the rest of its polling state is
// kept, and a feed not read yet gets a state with the interval alone.
func (h *handlers) setFeedInterval(ctx context.Context, u string, interval time.Duration) error {
	f, err := h.store.Feed(ctx, u)
	if errors.Is(err, briefing.ErrNotFound) {
		f, err = storage.Feed{URL: u}, nil
	}
	if err != nil {
		return err
	}
	f.Interval = interval
	return h.store.PutFeed(ctx, f)
}

// minutes is a whole number of minutes as text: "30 minutes", "1 minute".
func minutes(d time.Duration) string {
	return plural(int(d/time.Minute), "minute")
}

// feedRemove answers /briefing feeds remove url.
func (h *handlers) feedRemove(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	raw := r.str("url")
	var removed string
	_, err := h.updateGuild(ctx, r.GuildID, func(g *storage.Guild) error {
		i := slices.Index(g.Feeds, raw)
		if i < 0 {
			if u, err := source.CanonicalURL(raw); err == nil {
				i = slices.Index(g.Feeds, u)
			}
		}
		if i < 0 {
			return userErrorf("This server does not follow %q. See the feeds it follows with /briefing feeds list.", clip(raw))
		}
		removed = g.Feeds[i]
		g.Feeds = slices.Delete(g.Feeds, i, i+1)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &discordgo.InteractionResponseData{Content: "Stopped following " + linkText(removed) + ".", AllowedMentions: noMentions()}, nil
}

// feedsListBudget is the characters of feed lines on one page of
// /briefing feeds list: an embed description, less room for the rest.
const feedsListBudget = maxDescription - 96

// feedList answers /briefing feeds list with its first page.
func (h *handlers) feedList(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	return h.feedListPage(ctx, r, 0)
}

// feedsButton draws another page of /briefing feeds list: args are
// "OFFSET". The buttons are on a reply only the admin who asked sees, but
// a button's interaction is checked like the command's.
func (h *handlers) feedsButton(ctx context.Context, r *request, args []string) (*discordgo.InteractionResponseData, error) {
	r.Command = "briefing feeds list"
	if err := h.allowed(h.commands[r.Command], r); err != nil {
		return nil, err
	}
	parts, ok := splitArgs(args, 1)
	offset, ok1 := 0, false
	if ok {
		offset, ok1 = atoi(parts[0], 0, maxFeeds)
	}
	if !ok1 {
		return nil, userErrorf("This button is damaged. Run /briefing feeds list again.")
	}
	return h.feedListPage(ctx, r, offset)
}

// feedListPage lists the server's feeds with their state from offset, as
// many as fit one embed, with buttons to the pages around it.
func (h *handlers) feedListPage(ctx context.Context, r *request, offset int) (*discordgo.InteractionResponseData, error) {
	g, err := h.guild(ctx, r.GuildID)
	if err != nil {
		return nil, err
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: fmt.Sprintf("Feeds this server follows (%d)", len(g.Feeds)), Color: embedColor}
	data := &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}, AllowedMentions: noMentions()}
	if len(g.Feeds) == 0 {
		e.Description = feedList(nil)
		return data, nil
	}
	lines, err := feedStatusLines(ctx, h.store, g.Feeds)
	if err != nil {
		return nil, err
	}
	if offset >= len(lines) {
		offset = 0 // feeds were removed since the button was drawn
	}
	n := packPage(lines[offset:], len(lines), feedsListBudget, "\n")
	e.Description = strings.Join(lines[offset:offset+n], "\n")
	if n == len(lines) {
		return data, nil
	}
	var prevID, nextID string
	if offset+n < len(lines) {
		nextID = customID(feedsPage, strconv.Itoa(offset+n))
	}
	if offset > 0 {
		k := packBackward(lines[:offset], len(lines), feedsListBudget, "\n")
		prevID = customID(feedsPage, strconv.Itoa(offset-k))
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Feeds %d–%d of %d", offset+1, offset+n, len(lines))}
	data.Components = pageButtons(prevID, nextID, "◀ Previous", "Next ▶")
	return data, nil
}

// completeFeed offers the server's feeds containing what was typed.
func (h *handlers) completeFeed(ctx context.Context, r *request) ([]*discordgo.ApplicationCommandOptionChoice, error) {
	typed, _ := r.Focused.Value.(string)
	g, err := h.guild(ctx, r.GuildID)
	if err != nil {
		return nil, err
	}
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	for _, f := range g.Feeds {
		if length(f) > maxChoiceValue || !strings.Contains(strings.ToLower(f), strings.ToLower(strings.TrimSpace(typed))) {
			continue
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: truncate(f, maxChoiceName), Value: f})
		if len(choices) == maxChoices {
			break
		}
	}
	return choices, nil
}

// completeZone offers IANA time zones for /briefing setup timezone.
func (h *handlers) completeZone(_ context.Context, r *request) ([]*discordgo.ApplicationCommandOptionChoice, error) {
	typed, _ := r.Focused.Value.(string)
	return h.zones.complete(typed), nil
}
