package bot

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/bwmarrin/discordgo"
)

// recorder is a responder that keeps the last response in memory: the
// benchmark measures the handler path, not HTTP.
type recorder struct {
	mu   sync.Mutex
	resp *discordgo.InteractionResponse
	edit *discordgo.WebhookEdit
}

func (r *recorder) InteractionRespond(_ *discordgo.Interaction, resp *discordgo.InteractionResponse, _ ...discordgo.RequestOption) error {
	r.mu.Lock()
	r.resp = resp
	r.mu.Unlock()
	return nil
}

func (r *recorder) RequestWithBucketID(_, _ string, data any, _ string, _ ...discordgo.RequestOption) ([]byte, error) {
	e, _ := data.(*discordgo.WebhookEdit)
	r.mu.Lock()
	r.edit = e
	r.mu.Unlock()
	return []byte("{}"), nil
}

func (r *recorder) InteractionResponseDelete(*discordgo.Interaction, ...discordgo.RequestOption) error {
	return nil
}

func (r *recorder) FollowupMessageCreate(*discordgo.Interaction, bool, *discordgo.WebhookParams, ...discordgo.RequestOption) (*discordgo.Message, error) {
	return &discordgo.Message{}, nil
}

// interactionJSON is an invocation as the gateway's INTERACTION_CREATE
// carries it.
func interactionJSON(tb testing.TB, inv discordtest.Invocation) []byte {
	tb.Helper()
	payload := map[string]any{
		"id": "1", "application_id": "1", "type": inv.Type, "token": "tok", "version": 1,
		"guild_id": inv.GuildID, "channel_id": inv.ChannelID, "data": inv.Data,
		"member": map[string]any{"user": map[string]any{"id": inv.UserID, "username": inv.UserName}, "roles": []any{}, "permissions": strconv.FormatInt(inv.Permissions, 10)},
	}
	raw, err := json.Marshal(payload)
	if err != nil {
		tb.Fatal(err)
	}
	return raw
}

// BenchmarkHandle measures one interaction through the handler path:
// decoded interaction in, response value out, against the generated store
// (2,000 articles; BRIEFBOT_LOAD_ARTICLES=100000 for the full size). An op decodes the interaction's
// JSON as discordgo does and runs the handler to its response. Besides
// ns/op it reports the p50 and p99 of the individual ops.
//
//	go test ./bot -run '^$' -bench Handle -benchmem
func BenchmarkHandle(b *testing.B) {
	db, _ := loadStore(b)
	invs := workload(b, db, 10)
	names := []string{"quotes", "quotes_again", "quotes_autocomplete", "summary_newest", "summary_article", "summary_query",
		"upcoming_30d", "article_autocomplete", "quotes_button", "upcoming_button"}
	h := newHandlers(Config{Store: db}, slog.New(slog.DiscardHandler))
	id := 1 // interaction IDs stay unique across sub-benchmarks: the handlers drop repeats
	for k, name := range names {
		if name == "quotes_again" {
			continue
		}
		b.Run(name, func(b *testing.B) {
			rec := &recorder{}
			ctx := context.Background()
			raw := interactionJSON(b, invs[k])
			lat := make([]time.Duration, 0, 1024)
			b.ReportAllocs()
			for b.Loop() {
				id++
				start := time.Now()
				var i discordgo.Interaction
				if err := json.Unmarshal(raw, &i); err != nil {
					b.Fatal(err)
				}
				i.ID = strconv.Itoa(id) // a new interaction each time
				h.handle(ctx, rec, &i)
				lat = append(lat, time.Since(start))
			}
			if rec.resp == nil {
				b.Fatal("no response")
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds()), "p99-µs")
		})
	}
}
