package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/storage"
)

// loadConcurrency is how many interactions the load test sends at once.
const loadConcurrency = 500

// workload is a mix of what members do, drawn from the generated store:
// quotes and their autocomplete, summaries by newest, ID and query, the
// article autocomplete, upcoming windows, and paging buttons.
func workload(t testing.TB, db *storage.DB, n int) []discordtest.Invocation {
	t.Helper()
	ctx := context.Background()
	people, err := db.People(ctx, "", 50)
	if err != nil || len(people) == 0 {
		t.Fatalf("people in the load store: %v", err)
	}
	refs, err := db.Titles(ctx, "", 50)
	if err != nil || len(refs) == 0 {
		t.Fatalf("titles in the load store: %v", err)
	}
	latest := refs[0].Published
	out := make([]discordtest.Invocation, n)
	for i := range n {
		p := people[i%len(people)]
		ref := refs[i%len(refs)]
		word := strings.Fields(ref.Title)[0]
		switch i % 10 {
		case 0, 1:
			out[i] = discordtest.Command("quotes", discordtest.String("person", p.Name))
		case 2:
			out[i] = discordtest.Autocomplete("quotes", discordtest.Focused(discordtest.String("person", firstRunes(p.Name, 3))))
		case 3:
			out[i] = discordtest.Command("summary")
		case 4:
			out[i] = discordtest.Command("summary", discordtest.String("article", ref.ID))
		case 5:
			out[i] = discordtest.Command("summary", discordtest.String("query", word))
		case 6:
			from := latest.AddDate(0, 0, -(i % 300))
			out[i] = discordtest.Command("upcoming", discordtest.Integer("days", 30), discordtest.String("from", from.Format("2006-01-02")))
		case 7:
			out[i] = discordtest.Autocomplete("summary", discordtest.Focused(discordtest.String("article", firstRunes(word, 4))))
		case 8:
			out[i] = discordtest.Button(customID(quotesPage, "5", "5", p.Key), nil)
		case 9:
			out[i] = discordtest.Button(customID(upcomingPage, latest.AddDate(0, 0, -(i%200)).Format("2006-01-02"), "30", "15"), nil)
		}
	}
	return out
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

// TestLoad_500AtOnce sends 500 interactions at once through the fake
// gateway, against the generated store, and checks what every user would
// see: each interaction gets exactly one accepted response and then its
// complete reply. The fake keeps Discord's 3-second window as Discord
// does, answering a later response 404 Unknown interaction, so a reply
// that comes too late fails the test as a missing one. It logs the
// latency distribution (run it with -v); speed itself is measured by the
// benchmarks, not asserted here.
//
// The store holds 2,000 articles by default; the full-size run is
//
//	BRIEFBOT_LOAD_ARTICLES=100000 go test ./bot -run TestLoad_500AtOnce -v -timeout 60m
func TestLoad_500AtOnce(t *testing.T) {
	db, n := loadStore(t)
	h := startBot(t, harnessOptions{store: db, now: time.Now})
	invs := workload(t, db, loadConcurrency)

	start := time.Now()
	its := make([]*discordtest.Interaction, len(invs))
	for i, inv := range invs {
		its[i] = h.srv.Send(inv)
	}
	sent := time.Since(start)

	var first, full []time.Duration
	byType := map[int][]time.Duration{}
	deferred := 0
	kinds := map[int]int{}
	for i, it := range its {
		r, err := h.srv.Reply(it, 60*time.Second)
		if err != nil {
			t.Fatalf("interaction %d (%v): %v\nlogs:\n%s", i, invs[i].Data, err, h.logs)
		}
		if r.Callbacks != 1 {
			t.Errorf("interaction %s answered %d times", it.ID, r.Callbacks)
		}
		if r.Type != 8 && r.Message == nil && len(r.Followups) == 0 {
			t.Errorf("interaction %s (%v): response type %d with no message", it.ID, invs[i].Data, r.Type)
		}
		first = append(first, r.Latency)
		byType[r.Type] = append(byType[r.Type], r.Latency)
		full = append(full, r.Done.Sub(it.Created))
		kinds[r.Type]++
		if r.Type == 5 || r.Type == 6 {
			deferred++
		}
	}
	for k, v := range byType {
		slices.Sort(v)
		t.Logf("type %d: %s", k, distribution(v))
	}
	slices.Sort(first)
	slices.Sort(full)
	t.Logf("store: %d articles (built in %v, 0 when reused); %d interactions sent in %v", n, loadDB.took.Round(time.Second), len(its), sent.Round(time.Millisecond))
	t.Logf("first response (what Discord's 3 s window measures): %s", distribution(first))
	t.Logf("complete reply (for deferred ones, the edit): %s", distribution(full))
	t.Logf("response types: %v (4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 choices); %d deferred", kinds, deferred)
}

// distribution formats p50, p90, p99 and max of sorted durations.
func distribution(d []time.Duration) string {
	if len(d) == 0 {
		return "none"
	}
	q := func(p float64) time.Duration { return d[min(len(d)-1, int(p*float64(len(d))))] }
	r := func(x time.Duration) string { return x.Round(100 * time.Microsecond).String() }
	return fmt.Sprintf("n=%d min=%s p50=%s p90=%s p99=%s max=%s", len(d), r(d[0]), r(q(0.50)), r(q(0.90)), r(q(0.99)), r(d[len(d)-1]))
}
