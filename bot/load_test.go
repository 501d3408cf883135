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
// gateway, against the generated store, and checks that every one is
// answered inside Discord's 3-second window (the fake fails the test for
// any later answer). It logs the latency distribution; run it with -v.
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
	deferred := 0
	kinds := map[int]int{}
	for _, it := range its {
		r, err := h.srv.Reply(it, 60*time.Second)
		if err != nil {
			t.Fatalf("%v\nlogs:\n%s", err, h.logs)
		}
		if r.Callbacks != 1 {
			t.Errorf("interaction %s answered %d times", it.ID, r.Callbacks)
		}
		first = append(first, r.Latency)
		kinds[r.Type]++
		if r.Type == 5 || r.Type == 6 {
			deferred++
		}
	}
	// Complete: when the fake had answered the last REST call for the
	// interaction (the reply, or the edit after a defer).
	last := map[string]time.Time{}
	time.Sleep(300 * time.Millisecond) // a reply shows a moment before its request is recorded
	for _, req := range h.srv.Requests() {
		for _, it := range its {
			if strings.Contains(req.Path, "/"+it.Token) || strings.Contains(req.Path, "/"+it.ID+"/") {
				if req.Done.After(last[it.ID]) {
					last[it.ID] = req.Done
				}
			}
		}
	}
	for _, it := range its {
		full = append(full, last[it.ID].Sub(it.Created))
	}
	slices.Sort(first)
	slices.Sort(full)
	t.Logf("store: %d articles (built in %v, 0 when reused); %d interactions sent in %v", n, loadDB.took.Round(time.Second), len(its), sent.Round(time.Millisecond))
	t.Logf("first response (accepted by the fake, what Discord's 3 s window measures): %s", distribution(first))
	t.Logf("complete reply (last call answered; for deferred ones, the edit): %s", distribution(full))
	t.Logf("response types: %v (4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 choices); %d deferred", kinds, deferred)
	if max := first[len(first)-1]; max > discordtest.ReplyWindow {
		t.Errorf("slowest first response %v, past the %v window", max, discordtest.ReplyWindow)
	}
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
