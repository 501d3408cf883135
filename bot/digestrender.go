package bot

import (
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/briefing"
	"github.com/bwmarrin/discordgo"
)

// Budgets of a digest message, below Discord's limits (4096 characters of
// embed description, 6000 across a message's embeds, 10 embeds) with room
// for titles and footers.
const (
	digestDescriptionBudget = 3900
	digestMessageBudget     = 5700
	digestEmbedsPerMessage  = 10
	digestTitleChars        = 200
	digestOutletChars       = 100
	digestEventChars        = 300
)

// renderDigest turns a digest into the channel messages that post it, in
// order. Articles, quotes and events are whole entries that are never
// split: an entry that does not fit an embed starts the next one, and one
// that does not fit a message starts the next message. Text from articles
// is escaped, so it shows as written and cannot mention anyone.
func renderDigest(d briefing.Digest) []channelMessage {
	var l digestLayout
	title := "Daily briefing · " + d.Date.Format("Monday 2 January 2006")
	since := fmt.Sprintf("<t:%d:f>", d.Since.Unix())
	if d.Empty() {
		text := "Nothing new since " + since + "."
		if len(d.Upcoming) == 0 {
			text = "Nothing new since " + since + ", and nothing in the stored articles is due in the next 7 days."
		}
		l.section(title, title)
		l.add(text, "")
	} else {
		l.section(title, "New articles (continued)")
		l.add(plural(len(d.Articles)+d.MoreArticles, "new article")+" since "+since+".", "")
		for _, a := range d.Articles {
			l.add(digestArticleEntry(a), "\n\n")
		}
		if d.MoreArticles > 0 {
			l.add(fmt.Sprintf("…and %d more. /summary query:<words> finds any stored article.", d.MoreArticles), "\n\n")
		}
	}
	if len(d.Quotes) > 0 {
		l.section("Quotes of note", "Quotes of note (continued)")
		for _, q := range d.Quotes {
			l.add(digestQuoteEntry(q), "\n\n")
		}
	}
	if len(d.Upcoming) > 0 {
		l.section("The week ahead", "The week ahead (continued)")
		for _, ev := range d.Upcoming {
			l.add(digestEventEntry(ev), "\n")
		}
		if d.MoreEvents > 0 {
			l.add(fmt.Sprintf("…and %d more: /upcoming days:7", d.MoreEvents), "\n")
		}
	}
	return l.messages()
}

// digestLayout fills messages with embeds and embeds with entries, in
// order, each within its budget.
type digestLayout struct {
	msgs [][]*discordgo.MessageEmbed
	// used counts the characters of the last message's embeds.
	used int
	// open is the embed entries are added to; nil at a section's start.
	open              *discordgo.MessageEmbed
	title, contTitle  string
	sectionHasAnEmbed bool
}

// section starts a new part of the digest, in a new embed titled title
// (contTitle if it takes more than one).
func (l *digestLayout) section(title, contTitle string) {
	l.open, l.title, l.contTitle, l.sectionHasAnEmbed = nil, title, contTitle, false
}

// add appends an entry to the open embed, after sep, or starts a new embed
// for it, in the last message or a new one.
func (l *digestLayout) add(entry, sep string) {
	if length(entry) > digestDescriptionBudget {
		// Cannot happen with the digest's own bounds; a last line of
		// defence against a 400 from Discord.
		entry = truncate(entry, digestDescriptionBudget)
	}
	if l.open != nil {
		more := sep + entry
		n := length(more)
		if length(l.open.Description)+n <= digestDescriptionBudget && l.used+n <= digestMessageBudget {
			l.open.Description += more
			l.used += n
			return
		}
	}
	title := l.title
	if l.sectionHasAnEmbed {
		title = l.contTitle
	}
	e := digestEmbed(title, entry)
	n := embedLength(e)
	last := len(l.msgs) - 1
	if last < 0 || len(l.msgs[last]) == digestEmbedsPerMessage || l.used+n > digestMessageBudget {
		l.msgs = append(l.msgs, nil)
		last++
		l.used = 0
	}
	l.msgs[last] = append(l.msgs[last], e)
	l.used += n
	l.open = e
	l.sectionHasAnEmbed = true
}

// messages returns the laid-out messages, numbering the parts when there
// is more than one.
func (l *digestLayout) messages() []channelMessage {
	out := make([]channelMessage, 0, len(l.msgs))
	for i, embeds := range l.msgs {
		if len(l.msgs) > 1 {
			embeds[len(embeds)-1].Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Daily briefing, part %d of %d", i+1, len(l.msgs))}
		}
		out = append(out, channelMessage{Embeds: embeds, AllowedMentions: noMentions()})
	}
	return out
}

func digestEmbed(title, description string) *discordgo.MessageEmbed {
	return &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: truncate(title, maxTitle), Description: description, Color: embedColor}
}

// digestArticleEntry is an article's headline linked to it, its outlet
// and its publication date, and its one- or two-sentence summary.
func digestArticleEntry(a briefing.DigestArticle) string {
	head := "**" + link(truncate(oneLine(orDefault(a.Title, "Untitled article")), digestTitleChars), shortURL(a.URL)) + "**"
	var meta []string
	if a.Source != "" {
		meta = append(meta, escape(truncate(oneLine(a.Source), digestOutletChars)))
	}
	if !a.Published.IsZero() {
		meta = append(meta, dayTimestamp(a.Published))
	}
	if len(meta) > 0 {
		head += " · " + strings.Join(meta, " · ")
	}
	if a.Summary == "" {
		return head
	}
	return head + "\n" + escape(oneLine(a.Summary))
}

// digestQuoteEntry is a quotation, whole, as a block quote, with who said
// it and where.
func digestQuoteEntry(q briefing.AttributedQuote) string {
	text := escape(oneLine(q.Text))
	if q.Partial {
		text = "…" + text + "…"
	}
	by := "**" + escape(oneLine(q.Speaker)) + "**"
	if q.Article.Title != "" {
		by += ", " + link(truncate(oneLine(q.Article.Title), digestTitleChars), shortURL(q.Article.URL))
	}
	return "> “" + text + "”\n— " + by
}

// digestEventEntry is an event's date, what happens, and its article.
func digestEventEntry(ev briefing.ScheduledEvent) string {
	what := oneLine(ev.What)
	if what == "" || length(what) > digestEventChars {
		what = oneLine(ev.Evidence)
	}
	line := "**" + eventDate(ev.Date) + "** · " + escape(truncate(what, digestEventChars))
	if ev.Article.Title != "" {
		line += " — " + link(truncate(oneLine(ev.Article.Title), digestTitleChars/2), shortURL(ev.Article.URL))
	}
	return line
}
