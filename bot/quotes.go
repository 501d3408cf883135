package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/bwmarrin/discordgo"
)

// quoteBudget is the description space for one page of quotes: Discord's
// 4096 less room for escapes added late. A 3,000-character quotation still
// fits on a page of its own.
const quoteBudget = maxDescription - 96

const quoteSep = "\n\n"

// quotes answers /quotes person [limit].
func (h *handlers) quotes(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	name := r.str("person")
	if name == "" {
		return nil, userErrorf("Say whose quotes you want, for example /quotes person:Borrell.")
	}
	per := defaultPerPage
	if n, ok := r.integer("limit"); ok {
		if n < 1 || n > maxPerPage {
			return nil, userErrorf("limit is how many quotes to show per page: a number from 1 to %d.", maxPerPage)
		}
		per = int(n)
	}
	p, err := h.resolvePerson(ctx, name)
	if err != nil {
		return nil, err
	}
	return h.quotesPage(ctx, p, 0, per)
}

// quotesButton draws another page of quotes: args are "OFFSET:PERPAGE:REF"
// (see personRef).
func (h *handlers) quotesButton(ctx context.Context, r *request, args []string) (*discordgo.InteractionResponseData, error) {
	parts, ok := splitArgs(args, 3)
	if !ok {
		return nil, userErrorf("This button is damaged. Run /quotes again.")
	}
	offset, ok1 := atoi(parts[0], 0, 1<<30)
	per, ok2 := atoi(parts[1], 1, maxPerPage)
	if !ok1 || !ok2 || parts[2] == "" {
		return nil, userErrorf("This button is damaged. Run /quotes again.")
	}
	var p storage.PersonInfo
	var err error
	if strings.HasPrefix(parts[2], refMark) {
		p, err = h.resolvePersonRef(ctx, parts[2])
	} else {
		p, err = h.resolvePerson(ctx, parts[2])
	}
	if err != nil {
		return nil, err
	}
	return h.quotesPage(ctx, p, offset, per)
}

// A quotes button names its person by key, so that it works after a
// restart and on an old message. A key too long for Discord's 100
// characters of custom ID (an organisation's full name) is named instead
// by a reference: refMark, a hash of the key, refMark again and a few of
// the key's longest words, which find the person in the store again.
const (
	refMark = "~"
	// maxKeyInID is the longest key a button carries as it is: with
	// "q:OFFSET:PERPAGE:" and a disabled button's suffix it stays within
	// the 100 characters.
	maxKeyInID = 60
	refWords   = 3
)

// personRef is what a quotes button carries to name the person with key.
func personRef(key string) string {
	if len(key) <= maxKeyInID && !strings.HasPrefix(key, refMark) {
		return key
	}
	var long []string
	for _, w := range strings.Split(key, "-") {
		if len(w) >= 4 {
			long = append(long, w)
		}
	}
	// The longest words, in the key's order: they narrow the search most.
	keep := slices.Clone(long)
	slices.SortStableFunc(keep, func(a, b string) int { return len(b) - len(a) })
	keep = keep[:min(refWords, len(keep))]
	var words []string
	used := 0
	for _, w := range long {
		if slices.Contains(keep, w) && used+len(w)+1 <= maxKeyInID-len(refMark)*2-8 {
			words = append(words, w)
			used += len(w) + 1
		}
	}
	return refMark + keyHash(key) + refMark + strings.Join(words, "-")
}

// keyHash is a short stable hash of a person key.
func keyHash(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:4])
}

// resolvePersonRef finds the person a personRef names: among the people
// with the reference's words, the one whose key has its hash.
func (h *handlers) resolvePersonRef(ctx context.Context, ref string) (storage.PersonInfo, error) {
	hash, words, ok := strings.Cut(strings.TrimPrefix(ref, refMark), refMark)
	if !ok || len(hash) != 8 || words == "" {
		return storage.PersonInfo{}, userErrorf("This button is damaged. Run /quotes again.")
	}
	people, err := h.store.People(ctx, strings.ReplaceAll(words, "-", " "), storage.MaxLimit)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return storage.PersonInfo{}, err
	}
	for _, p := range people {
		if keyHash(p.Key) == hash {
			return p, nil
		}
	}
	return storage.PersonInfo{}, userErrorf("The quotes this button pages through are no longer stored under that name. Run /quotes again.")
}

// resolvePerson finds the one person a name means, or says what to do:
// suggest near names when none matches, ask which when several do.
func (h *handlers) resolvePerson(ctx context.Context, name string) (storage.PersonInfo, error) {
	people, err := h.store.ResolvePerson(ctx, name)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return storage.PersonInfo{}, err
	}
	if len(people) == 0 {
		sugg, err := h.store.SuggestPeople(ctx, name, 3)
		if err != nil && !errors.Is(err, briefing.ErrNotFound) {
			return storage.PersonInfo{}, err
		}
		if len(sugg) > 0 {
			return storage.PersonInfo{}, userErrorf("No quotes from %q. Did you mean %s?", clip(name), orList(names(sugg)))
		}
		return storage.PersonInfo{}, userErrorf("No quotes from %q, and no similar name is stored. Start typing a name and pick one from the list.", clip(name))
	}
	if len(people) > 1 {
		key := briefing.PersonKey(name)
		for _, p := range people {
			if p.Key == key || p.Key == name {
				return p, nil
			}
		}
		return storage.PersonInfo{}, userErrorf("%q could be %s. Say which, for example /quotes person:%s.", clip(name), orList(names(people)), escape(people[0].Name))
	}
	p := people[0]
	if p.Quotes == 0 {
		return storage.PersonInfo{}, userErrorf("%s is named in the stored articles but never quoted.", escape(p.Name))
	}
	return p, nil
}

// names are the people's names, escaped for a message.
func names(people []storage.PersonInfo) []string {
	var out []string
	for _, p := range people {
		out = append(out, escape(p.Name))
	}
	return out
}

// orList joins names as "A", "A or B", "A, B or C".
func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// quotesPage renders the page of p's quotes that starts at offset: as many
// of the next per quotes as fit, with buttons to the newer and older ones.
// An offset past the end (the quotes changed since the button was drawn)
// shows the last page.
func (h *handlers) quotesPage(ctx context.Context, p storage.PersonInfo, offset, per int) (*discordgo.InteractionResponseData, error) {
	quotes, total, err := h.store.QuotesBy(ctx, p.Key, offset, per)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return nil, err
	}
	if len(quotes) == 0 && total > 0 && offset > 0 {
		offset = ((total - 1) / per) * per
		quotes, total, err = h.store.QuotesBy(ctx, p.Key, offset, per)
		if err != nil {
			return nil, err
		}
	}
	if len(quotes) == 0 {
		return nil, userErrorf("No quotes from %s are stored.", escape(p.Name))
	}
	entries := quoteEntries(quotes)
	n := packPage(entries, per, quoteBudget, quoteSep)
	if n == 1 && length(entries[0]) > quoteBudget {
		entries[0] = quoteEntry(quotes[0], quoteBudget)
	}

	var prevID, nextID string
	ref := personRef(p.Key)
	if offset+n < total {
		nextID = customID(quotesPage, strconv.Itoa(offset+n), strconv.Itoa(per), ref)
	}
	if offset > 0 {
		start := max(0, offset-per)
		before, _, err := h.store.QuotesBy(ctx, p.Key, start, offset-start)
		if err != nil {
			return nil, err
		}
		k := max(1, packBackward(quoteEntries(before), per, quoteBudget, quoteSep))
		prevID = customID(quotesPage, strconv.Itoa(offset-min(k, len(before))), strconv.Itoa(per), ref)
	}
	e := &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       truncate("Quotes from "+escape(p.Name), maxTitle),
		Description: strings.Join(entries[:n], quoteSep),
		Color:       embedColor,
		Footer: &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("%s %d–%d of %d · newest first",
			map[bool]string{true: "Quote", false: "Quotes"}[n == 1], offset+1, offset+n, total)},
	}
	return &discordgo.InteractionResponseData{
		Embeds:          []*discordgo.MessageEmbed{e},
		Components:      pageButtons(prevID, nextID, "◀ Newer", "Older ▶"),
		AllowedMentions: noMentions(),
	}, nil
}

func quoteEntries(quotes []briefing.AttributedQuote) []string {
	out := make([]string, len(quotes))
	for i, q := range quotes {
		out[i] = quoteEntry(q, 0)
	}
	return out
}

// quoteEntry renders one quote as a block quote with its source line:
//
//	> “We are drifting apart.”
//	— [Headline](url), Outlet, <t:…:D>
//
// With budget > 0 the quotation is shortened at a word so the entry fits,
// and says so.
func quoteEntry(q briefing.AttributedQuote, budget int) string {
	text := escape(oneLine(q.Text))
	source := "— " + articleLine(q.Article)
	open, close := "“", "”"
	if q.Partial {
		open, close = "“…", "…”"
	}
	entry := "> " + open + text + close + "\n" + source
	if budget > 0 && length(entry) > budget {
		note := " (shortened: the full quotation is in the article)"
		room := budget - length(source) - length(note) - 8
		entry = "> " + open + truncate(text, max(20, room)) + close + note + "\n" + source
	}
	return entry
}

// articleLine is "[Headline](url), Outlet, <t:…:D>", the headline cut to a
// readable length.
func articleLine(a briefing.ArticleRef) string {
	parts := []string{link(truncate(oneLine(orDefault(a.Title, "an article")), 120), a.URL)}
	if a.Source != "" {
		parts = append(parts, escape(a.Source))
	}
	if !a.Published.IsZero() {
		parts = append(parts, dayTimestamp(a.Published))
	}
	return strings.Join(parts, ", ")
}

// completePerson offers people whose names or aliases start with what the
// user typed, most quoted first, then near matches for a misspelling.
func (h *handlers) completePerson(ctx context.Context, r *request) ([]*discordgo.ApplicationCommandOptionChoice, error) {
	typed, _ := r.Focused.Value.(string)
	typed = strings.TrimSpace(typed)
	people, err := h.store.People(ctx, typed, maxChoices)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		return nil, err
	}
	if len(people) < maxChoices && length(typed) >= 3 {
		near, err := h.store.SuggestPeople(ctx, typed, maxChoices-len(people))
		if err != nil && !errors.Is(err, briefing.ErrNotFound) {
			return nil, err
		}
		people = append(people, near...)
	}
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	seen := map[string]bool{}
	for _, p := range people {
		if seen[p.Key] || p.Key == "" || length(p.Key) > maxChoiceValue || p.Quotes == 0 {
			continue
		}
		seen[p.Key] = true
		label := fmt.Sprintf("%s (%s)", p.Name, plural(p.Quotes, "quote"))
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: truncate(label, maxChoiceName), Value: p.Key})
		if len(choices) == maxChoices {
			break
		}
	}
	return choices, nil
}
