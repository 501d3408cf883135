package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/source"
	"github.com/briefbot/briefbot/storage"
	"github.com/bwmarrin/discordgo"
)

// Ingester fetches the article at a URL, analyses it and stores its
// briefing; *source.Ingester is the production one. A non-zero published
// replaces the page's own date.
type Ingester interface {
	IngestURL(ctx context.Context, rawURL string, published time.Time) (briefing.Briefing, storage.PutResult, error)
}

var _ Ingester = (*source.Ingester)(nil)

// maxArticleFile bounds a file the console ingests.
const maxArticleFile = 10 << 20

// ingestURL answers /ingest url (and, in the console, /ingest path).
func (h *handlers) ingestURL(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	if path := r.str("path"); path != "" {
		if !r.Console {
			return nil, userErrorf("Only the console can read files. On Discord, give the article's web address: /ingest url:https://...")
		}
		return h.ingestFile(ctx, path)
	}
	raw := r.str("url")
	u, err := url.Parse(raw)
	if raw == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, userErrorf("%q is not a web address. Give the article's full address, starting with https://.", clip(raw))
	}
	if h.ingest == nil {
		return nil, userErrorf("This briefbot cannot fetch web pages. Ask its operator to enable fetching, or add the article from the console with /ingest path:FILE.")
	}
	b, res, err := h.ingest.IngestURL(ctx, raw, time.Time{})
	if err != nil {
		return nil, ingestError(raw, err)
	}
	return ingestedData(b, res), nil
}

// ingestError turns a failed ingest into what the admin sees. Fetch and
// reading failures carry messages that say what was wrong with the page;
// store failures are briefbot's own and stay generic.
func ingestError(raw string, err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, source.ErrTimeout):
		return userErrorf("Fetching %s took too long. Try again later, or check the address opens in a browser.", clip(raw))
	case errors.Is(err, storage.ErrCorrupt), errors.Is(err, storage.ErrLocked), errors.Is(err, storage.ErrNewerSchema):
		return err
	case errors.Is(err, briefing.ErrNoDate):
		return userErrorf("The page at %s has no publication date briefbot can find, so it was not stored. Add it from the console with a date, or try the article's own page.", clip(raw))
	}
	return userErrorf("Could not add %s: %s", clip(raw), truncate(err.Error(), 1500))
}

// ingestFile reads, analyses and stores an article file (console only).
func (h *handlers) ingestFile(ctx context.Context, path string) (*discordgo.InteractionResponseData, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, userErrorf("Cannot read %s: %v", path, errors.Unwrap(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxArticleFile+1))
	if err != nil {
		return nil, userErrorf("Cannot read %s: %v", path, err)
	}
	if len(data) > maxArticleFile {
		return nil, userErrorf("%s is larger than %d MB: that is not an article. Save the article's page or text alone.", path, maxArticleFile>>20)
	}
	base := filepath.Base(path)
	a, err := briefing.Read(path, data, briefing.ReadOptions{ID: strings.TrimSuffix(base, filepath.Ext(base))})
	if err != nil {
		return nil, userErrorf("Cannot read an article from %s: %v", path, err)
	}
	b := briefing.Analyze(a)
	res, err := h.store.Put(ctx, b)
	if err != nil {
		if errors.Is(err, storage.ErrInvalid) {
			return nil, userErrorf("%s was not stored: %v", path, err)
		}
		return nil, err
	}
	return ingestedData(b, res), nil
}

// ingestedData reports what an ingest stored.
func ingestedData(b briefing.Briefing, res storage.PutResult) *discordgo.InteractionResponseData {
	a := b.Article
	verb := "Stored"
	switch {
	case !res.Created && res.Changed:
		verb = "Updated"
	case !res.Created:
		verb = "Already stored, unchanged"
	}
	speakers := map[string]bool{}
	for _, q := range b.Quotes {
		speakers[q.SpeakerKey] = true
	}
	e := &discordgo.MessageEmbed{
		Type:  discordgo.EmbedTypeRich,
		Title: truncate(verb+": "+escape(orDefault(a.Title, "Untitled article")), maxTitle),
		Color: embedColor,
		Description: fmt.Sprintf("%s · %s from %s · %s",
			plural(len(b.Summary), "key point"), plural(len(b.Quotes), "quote"), plural(len(speakers), "speaker"), plural(len(b.Upcoming), "upcoming event")),
		Footer: &discordgo.MessageEmbedFooter{Text: truncate("Article ID "+res.ID+" · see it with /summary", maxFooter)},
	}
	if linkable(a.URL) {
		e.URL = a.URL
	}
	if a.Source != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Outlet", Value: truncate(escape(a.Source), maxFieldValue), Inline: true})
	}
	if !a.Published.IsZero() {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Published", Value: dayTimestamp(a.Published), Inline: true})
	}
	return &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}, AllowedMentions: noMentions()}
}
