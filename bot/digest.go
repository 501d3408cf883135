package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/bwmarrin/discordgo"
)

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
// valid time and zone set: the scheduler's own answer, daylight saving
// included.
func nextDigest(g storage.Guild, now time.Time) (time.Time, bool) {
	sched, err := timeSchedule(g)
	if err != nil {
		return time.Time{}, false
	}
	return sched.Next(now), true
}

// digest answers /digest: a preview of the server's next digest, for the
// caller's eyes only, composed and rendered as the scheduler will post it
// (its first message, when it takes several).
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
	loc := time.UTC
	if l, err := time.LoadLocation(g.TimeZone); err == nil && g.TimeZone != "" {
		loc = l
	}
	at, due := nextDigest(g, now)
	day := now
	if due {
		day = at
	}
	d, err := GuildDigest(ctx, h.store, g, localDay(day, loc), loc)
	if err != nil {
		return nil, err
	}
	msgs := renderDigest(d)
	var intro string
	if due && configured && g.ChannelID != "" {
		intro = fmt.Sprintf("Preview of the digest due <t:%d:F> in <#%s>, with what is stored now:", at.Unix(), g.ChannelID)
	} else {
		intro = "This server has no daily digest yet: a server admin can set one up with /briefing setup. It would say:"
	}
	if len(msgs) > 1 {
		intro += fmt.Sprintf(" (the first of its %d messages)", len(msgs))
	}
	return &discordgo.InteractionResponseData{
		Content:         intro,
		Embeds:          msgs[0].Embeds,
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
	}, nil
}
