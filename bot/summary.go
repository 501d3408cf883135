package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/bwmarrin/discordgo"
)

// embedColor is briefbot's accent on embeds (a muted blue).
const embedColor = 0x3b6ea8

// Summary points shown: a briefing has 3 to 5; fewer are shown as they are.
const maxPoints = 5

// summary answers /summary: the chosen article, the newest matching the
// query, or the newest stored.
func (h *handlers) summary(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	b, err := h.findArticle(ctx, r.str("article"), r.str("query"))
	if err != nil {
		return nil, err
	}
	return &discordgo.InteractionResponseData{
		Embeds:          []*discordgo.MessageEmbed{summaryEmbed(b)},
		AllowedMentions: noMentions(),
	}, nil
}

func (h *handlers) findArticle(ctx context.Context, article, query string) (briefing.Briefing, error) {
	switch {
	case article != "":
		// Autocomplete sends the article's ID; a user who typed without
		// picking sends words from the headline.
		b, err := h.store.Briefing(ctx, article)
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, briefing.ErrNotFound) {
			return b, err
		}
		found, err := h.store.Search(ctx, article, 1)
		if errors.Is(err, storage.ErrInvalid) {
			found, err = nil, nil // only stop words: nothing to search for
		}
		if err != nil && !errors.Is(err, briefing.ErrNotFound) {
			return briefing.Briefing{}, err
		}
		if len(found) == 0 {
			return briefing.Briefing{}, userErrorf("No stored article matches %q. Start typing a headline and pick one from the list, or use query: with a few words.", clip(article))
		}
		return found[0], nil
	case query != "":
		found, err := h.store.Search(ctx, query, 1)
		if errors.Is(err, storage.ErrInvalid) {
			return briefing.Briefing{}, userErrorf("%q has no words to search for (words like \"the\" and \"of\" are skipped). Try words from the headline.", clip(query))
		}
		if err != nil && !errors.Is(err, briefing.ErrNotFound) {
			return briefing.Briefing{}, err
		}
		if len(found) == 0 {
			return briefing.Briefing{}, userErrorf("No stored article has all the words of %q. Try fewer or different words.", clip(query))
		}
		return found[0], nil
	}
	latest, err := h.store.Latest(ctx, 1)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return briefing.Briefing{}, err
	}
	if len(latest) == 0 {
		return briefing.Briefing{}, userErrorf("No articles are stored yet. A server admin can add one with /ingest url:<address of the article>.")
	}
	return latest[0], nil
}

// clip shortens what a user typed for quoting it back in a message.
func clip(s string) string {
	return truncate(strings.Join(strings.Fields(s), " "), 80)
}

// Bounds of a summary embed's parts. With the title's 256 and two fields
// of 1024 they leave the key points more than 3,000 of the 6,000
// characters Discord allows a message's embeds in all.
const (
	summaryOutletChars = 100
	// summaryFooterName is the longest speaker name the footer suggests
	// typing; a longer one gets a footer without a name.
	summaryFooterName = 80
)

// summaryEmbed renders a briefing: headline linked to the article, outlet
// and date, the key points, and who is quoted. The whole embed keeps
// within Discord's 6,000 characters: every part but the key points is
// bounded, and the key points share what is left.
func summaryEmbed(b briefing.Briefing) *discordgo.MessageEmbed {
	a := b.Article
	e := &discordgo.MessageEmbed{
		Type:  discordgo.EmbedTypeRich,
		Title: truncate(escape(oneLine(orDefault(a.Title, "Untitled article"))), maxTitle),
		Color: embedColor,
	}
	if linkable(a.URL) {
		e.URL = a.URL
	}
	if a.Source != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Outlet", Value: truncate(escape(oneLine(a.Source)), summaryOutletChars), Inline: true})
	}
	if !a.Published.IsZero() {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Published", Value: dayTimestamp(a.Published), Inline: true})
	}
	if q := quotedPeople(b); q != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Quoted", Value: q})
	}
	if n := len(b.Upcoming); n > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Coming up", Value: upcomingInArticle(b)})
	}
	footer := "briefbot"
	if len(b.Quotes) > 0 {
		footer = "See what someone said: /quotes"
		if name := oneLine(b.Quotes[0].Speaker); length(name) <= summaryFooterName {
			footer += " person:" + name
		}
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer}

	points := b.Summary
	if len(points) > maxPoints {
		points = points[:maxPoints]
	}
	// What is left for the key points, each on its own "• " line.
	room := min(maxDescription, maxEmbedTotal-embedLength(e)) - 2*len(points)
	var desc strings.Builder
	per := room/max(1, len(points)) - 3
	for _, p := range points {
		desc.WriteString("• " + truncate(escape(oneLine(p)), per) + "\n")
	}
	if len(points) == 0 {
		desc.WriteString("No summary could be made of this article.")
	}
	e.Description = strings.TrimSpace(desc.String())
	return e
}

// quotedPeople lists the speakers of an article's quotes, most quoted
// first, with their counts: "Josep Borrell (3), Sergei Lavrov (1)". A list
// longer than a field ends with "and N more".
func quotedPeople(b briefing.Briefing) string {
	counts := map[string]int{}
	var order []string
	for _, q := range b.Quotes {
		if counts[q.Speaker] == 0 {
			order = append(order, q.Speaker)
		}
		counts[q.Speaker]++
	}
	// Stable by count, then first appearance.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && counts[order[j]] > counts[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	var parts []string
	used := 0
	for i, name := range order {
		part := fmt.Sprintf("%s (%d)", escape(name), counts[name])
		more := fmt.Sprintf(", and %d more", len(order)-i)
		if used+length(part)+2+length(more) > maxFieldValue {
			if len(parts) == 0 {
				return truncate(part, maxFieldValue)
			}
			parts[len(parts)-1] += more[1:]
			break
		}
		parts = append(parts, part)
		used += length(part) + 2
	}
	return strings.Join(parts, ", ")
}

// upcomingInArticle lists up to three of the article's upcoming events.
func upcomingInArticle(b briefing.Briefing) string {
	var lines []string
	for i, ev := range b.Upcoming {
		if i == 3 {
			lines = append(lines, fmt.Sprintf("…and %d more: /upcoming", len(b.Upcoming)-3))
			break
		}
		lines = append(lines, truncate(eventDate(ev.Date)+" — "+escape(oneLine(ev.What)), maxFieldValue/4))
	}
	return strings.Join(lines, "\n")
}

// oneLine joins the lines of s with spaces, so that article text cannot
// start a Markdown block of its own.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// completeArticle offers recent headlines whose words start with what the
// user typed. The value sent back is the article's ID.
func (h *handlers) completeArticle(ctx context.Context, r *request) ([]*discordgo.ApplicationCommandOptionChoice, error) {
	typed, _ := r.Focused.Value.(string)
	refs, err := h.store.Titles(ctx, strings.TrimSpace(typed), maxChoices)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return nil, err
	}
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	for _, ref := range refs {
		if ref.ID == "" || length(ref.ID) > maxChoiceValue {
			continue
		}
		label := oneLine(orDefault(ref.Title, ref.ID))
		var meta []string
		if ref.Source != "" {
			meta = append(meta, ref.Source)
		}
		if !ref.Published.IsZero() {
			meta = append(meta, ref.Published.Format("2 Jan 2006"))
		}
		suffix := ""
		if len(meta) > 0 {
			suffix = " — " + strings.Join(meta, ", ")
		}
		if length(label)+length(suffix) > maxChoiceName {
			label = truncate(label, max(10, maxChoiceName-length(suffix)))
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: truncate(label+suffix, maxChoiceName), Value: ref.ID})
		if len(choices) == maxChoices {
			break
		}
	}
	return choices, nil
}
