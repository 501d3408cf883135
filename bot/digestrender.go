package bot

import (
	"fmt"
	"strings"
	"unicode"

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
	digestSpeakerChars      = 100
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
	// openLen is its description's length in characters.
	open    *discordgo.MessageEmbed
	openLen int
	// descs builds each embed's description; messages sets them.
	descs             map[*discordgo.MessageEmbed]*strings.Builder
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
	entryLen := length(entry)
	if l.open != nil {
		n := length(sep) + entryLen
		if l.openLen+n <= digestDescriptionBudget && l.used+n <= digestMessageBudget {
			b := l.descs[l.open]
			b.WriteString(sep)
			b.WriteString(entry)
			l.openLen += n
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
	l.open, l.openLen = e, entryLen
	if l.descs == nil {
		l.descs = map[*discordgo.MessageEmbed]*strings.Builder{}
	}
	b := &strings.Builder{}
	b.Grow(digestDescriptionBudget + digestDescriptionBudget/4)
	b.WriteString(entry)
	l.descs[e] = b
	l.sectionHasAnEmbed = true
}

// messages returns the laid-out messages, numbering the parts when there
// is more than one.
func (l *digestLayout) messages() []channelMessage {
	out := make([]channelMessage, 0, len(l.msgs))
	for e, b := range l.descs {
		e.Description = b.String()
	}
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
	head := "**" + link(truncate(briefing.SingleSpaced(orDefault(a.Title, "Untitled article")), digestTitleChars), shortURL(a.URL)) + "**"
	var meta []string
	if a.Source != "" {
		meta = append(meta, escapeText(truncate(briefing.SingleSpaced(a.Source), digestOutletChars)))
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
	return head + "\n" + escapeText(briefing.SingleSpaced(a.Summary))
}

// digestQuoteEntry is a quotation, whole, as a block quote, with who said
// it and where.
func digestQuoteEntry(q briefing.AttributedQuote) string {
	text := escapeText(briefing.SingleSpaced(q.Text))
	if q.Partial {
		text = "…" + text + "…"
	}
	// Bounded before it is bolded: an entry cut later could leave "**"
	// open and bold the rest of the message.
	by := "**" + escapeText(truncate(briefing.SingleSpaced(q.Speaker), digestSpeakerChars)) + "**"
	if q.Article.Title != "" {
		by += ", " + link(truncate(briefing.SingleSpaced(q.Article.Title), digestTitleChars), shortURL(q.Article.URL))
	}
	return "> “" + text + "”\n— " + by
}

// digestEventEntry is an event's date, what happens, and its article.
func digestEventEntry(ev briefing.ScheduledEvent) string {
	what := briefing.SingleSpaced(ev.What)
	if what == "" || length(what) > digestEventChars {
		what = briefing.SingleSpaced(ev.Evidence)
	}
	line := "**" + eventDate(ev.Date) + "** · " + escapeText(truncate(what, digestEventChars))
	if ev.Article.Title != "" {
		line += " — " + link(truncate(briefing.SingleSpaced(ev.Article.Title), digestTitleChars/2), shortURL(ev.Article.URL))
	}
	return line
}

// escapeText is escape for text on one line, returning text with nothing
// to escape as it is: no Markdown or mention character anywhere, and no
// character that starts a block (a heading, a list, a quote) at its start.
func escapeText(s string) string {
	if strings.ContainsAny(s, "\\*_~`|[]<@\n") {
		return escape(s)
	}
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	if t != "" && (strings.IndexByte("#->+", t[0]) >= 0 || t[0] >= '0' && t[0] <= '9') {
		return escape(s)
	}
	return s
}
