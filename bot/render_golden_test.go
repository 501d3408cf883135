package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/briefbot/briefbot/storage/storagetest"
	"github.com/bwmarrin/discordgo"
)

// fixtureIngester stands in for the web fetcher: it "fetches" a fixture
// briefing by its URL and stores it, as source.Ingester does.
type fixtureIngester struct{ db *storage.DB }

func (f fixtureIngester) IngestURL(ctx context.Context, rawURL string, _ time.Time) (briefing.Briefing, storage.PutResult, error) {
	for _, b := range fixtures() {
		if b.Article.URL == rawURL {
			res, err := f.db.Put(ctx, b)
			return b, res, err
		}
	}
	return briefing.Briefing{}, storage.PutResult{}, fmt.Errorf("fetch %s: server answered 404 Not Found", rawURL)
}

// TestRender_GoldenReplies covers the replies TestRender_Golden does not:
// /ingest, /briefing setup, show, stop and feeds add, list and remove, in
// the order an admin would run them. The article ingested is the one
// whose title and quotes hold Markdown and @everyone.
func TestRender_GoldenReplies(t *testing.T) {
	db := storagetest.Open(t) // empty: the first /ingest stores a new article
	h := testHandlers(t, db)
	h.ingest = fixtureIngester{db}
	ctx := context.Background()
	const feed, failing = "https://news.example.org/world_news/rss.xml", "https://wire.example.com/feeds/all.atom"
	if err := db.PutFeed(ctx, storage.Feed{URL: feed, LastSuccess: testNow.Add(-20 * time.Minute), NextPoll: testNow.Add(-5 * time.Minute), Interval: 30 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	if err := db.PutFeed(ctx, storage.Feed{URL: failing, Failures: 4, LastError: "fetch https://wire.example.com/feeds/all.atom: server answered 503 Service Unavailable (try again later)",
		LastSuccess: testNow.Add(-50 * time.Hour), NextPoll: testNow.Add(2 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	tricky := fixtures()[1].Article.URL
	steps := []struct {
		name string
		run  func() (*discordgo.InteractionResponseData, error)
	}{
		{"ingest_stored", func() (*discordgo.InteractionResponseData, error) {
			return h.ingestURL(ctx, memberRequest("ingest", opts("url", tricky)))
		}},
		{"ingest_unchanged", func() (*discordgo.InteractionResponseData, error) {
			return h.ingestURL(ctx, memberRequest("ingest", opts("url", tricky)))
		}},
		{"setup_saved", func() (*discordgo.InteractionResponseData, error) {
			return h.setup(ctx, memberRequest("briefing setup", opts("channel", "300000000000000002", "time", "18:30", "timezone", "Europe/Brussels")))
		}},
		{"feeds_add", func() (*discordgo.InteractionResponseData, error) {
			return h.feedAdd(ctx, memberRequest("briefing feeds add", opts("url", feed, "interval", 30)))
		}},
		{"feeds_add_failing", func() (*discordgo.InteractionResponseData, error) {
			return h.feedAdd(ctx, memberRequest("briefing feeds add", opts("url", failing)))
		}},
		{"feeds_add_unread", func() (*discordgo.InteractionResponseData, error) {
			return h.feedAdd(ctx, memberRequest("briefing feeds add", opts("url", "https://gazette.example.net/feed?section=world&lang=en")))
		}},
		{"settings_show", func() (*discordgo.InteractionResponseData, error) {
			return h.show(ctx, memberRequest("briefing show", opts()))
		}},
		{"feeds_list", func() (*discordgo.InteractionResponseData, error) {
			return h.feedList(ctx, memberRequest("briefing feeds list", opts()))
		}},
		{"feeds_remove", func() (*discordgo.InteractionResponseData, error) {
			return h.feedRemove(ctx, memberRequest("briefing feeds remove", opts("url", failing)))
		}},
		{"stop", func() (*discordgo.InteractionResponseData, error) {
			return h.stop(ctx, memberRequest("briefing stop", opts()))
		}},
	}
	for _, tc := range steps {
		data, err := tc.run()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		t.Run(tc.name, func(t *testing.T) {
			checkReply(t, data)
			golden(t, tc.name, renderReply(t, data))
		})
	}
}

// TestRender_GoldenErrors renders the error replies as Discord receives
// them: a user's mistake says what to do, a refused admin command says
// who may use it, and a failure of briefbot's own gives a reference and
// nothing of the error.
func TestRender_GoldenErrors(t *testing.T) {
	db := fixtureStore(t)
	h := testHandlers(t, db)
	h.ingest = fixtureIngester{db}
	ctx := context.Background()
	plain := memberRequest("briefing setup", opts("channel", "300000000000000002", "time", "08:30", "timezone", "Europe/Brussels"))
	plain.Permissions = 0
	tests := []struct {
		name string
		r    *request
		err  func() error
	}{
		{"error_quotes_did_you_mean", memberRequest("quotes", nil), func() error {
			_, err := h.quotes(ctx, memberRequest("quotes", opts("person", "Borel")))
			return err
		}},
		{"error_upcoming_bad_date", memberRequest("upcoming", nil), func() error {
			_, err := h.upcoming(ctx, memberRequest("upcoming", opts("from", "22/02/2021")))
			return err
		}},
		{"error_setup_not_admin", plain, func() error { return h.allowed(h.commands["briefing setup"], plain) }},
		{"error_ingest_fetch", memberRequest("ingest", nil), func() error {
			_, err := h.ingestURL(ctx, memberRequest("ingest", opts("url", "https://news.example.org/missing")))
			return err
		}},
		{"error_internal", memberRequest("summary", nil), func() error {
			return errors.New("read article envoy-visit: bolt: page 12 out of range")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			if err == nil {
				t.Fatal("no error")
			}
			data := h.toData(err, tc.r, "1300000000000000001")
			checkReply(t, data)
			if data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Error("error reply is not ephemeral")
			}
			golden(t, tc.name, renderReply(t, data))
		})
	}
}

// TestRender_GoldenAutocomplete records the choices each autocompleted
// option offers for a typical prefix.
func TestRender_GoldenAutocomplete(t *testing.T) {
	db := fixtureStore(t)
	h := testHandlers(t, db)
	ctx := context.Background()
	r := memberRequest("briefing feeds add", opts("url", "https://news.example.org/world_news/rss.xml"))
	if _, err := h.feedAdd(ctx, r); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, command, option, typed string
	}{
		{"autocomplete_summary_article", "summary", "article", "EU"},
		{"autocomplete_quotes_person", "quotes", "person", "bor"},
		{"autocomplete_setup_timezone", "briefing setup", "timezone", "brus"},
		{"autocomplete_feeds_remove", "briefing feeds remove", "url", "world"},
	}
	var b bytes.Buffer
	for _, tc := range tests {
		cmd := h.commands[tc.command]
		if cmd == nil || cmd.complete == nil {
			t.Fatalf("/%s has no autocomplete", tc.command)
		}
		r := memberRequest(tc.command, opts(tc.option, tc.typed))
		r.Focused = r.Options[tc.option]
		r.Focused.Focused = true
		choices, err := cmd.complete(ctx, r)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(choices) == 0 || len(choices) > maxChoices {
			t.Errorf("%s: %d choices, want 1 to %d", tc.name, len(choices), maxChoices)
		}
		fmt.Fprintf(&b, "/%s %s:%s\n", tc.command, tc.option, tc.typed)
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(choices); err != nil {
			t.Fatal(err)
		}
	}
	golden(t, "autocomplete", b.Bytes())
}
