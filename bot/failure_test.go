package bot

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/storage"
)

// callbackRequests returns the callback POSTs the fake answered for an
// interaction, waiting until there are want of them (a reply is visible a
// moment before its request is recorded) or two seconds pass.
func callbackRequests(srv *discordtest.Server, it *discordtest.Interaction, want int) []discordtest.Request {
	var out []discordtest.Request
	srv.WaitFor(2*time.Second, func() bool {
		out = out[:0]
		for _, r := range srv.Requests() {
			if r.Method == "POST" && strings.HasPrefix(r.Path, "/interactions/"+it.ID+"/") {
				out = append(out, r)
			}
		}
		return len(out) >= want
	})
	return out
}

// callbacks counts the callback POSTs for an interaction, as
// callbackRequests, with their statuses.
func callbacks(srv *discordtest.Server, it *discordtest.Interaction, want int) (n int, st []int) {
	reqs := callbackRequests(srv, it, want)
	return len(reqs), statuses(reqs)
}

func statuses(reqs []discordtest.Request) []int {
	var out []int
	for _, r := range reqs {
		out = append(out, r.Status)
	}
	return out
}

func TestE2E_RetriesWithinTheRules(t *testing.T) {
	t.Parallel()
	h := startBot(t, harnessOptions{store: fixtureStore(t)})

	t.Run("429 waits retry_after then answers", func(t *testing.T) {
		h.srv.FailNext("POST", "/interactions/", 1, discordtest.Fault{Status: 429, RetryAfter: 0.4})
		it := h.srv.Send(discordtest.Command("summary"))
		if _, err := h.srv.Reply(it, 5*time.Second); err != nil {
			t.Fatal(err)
		}
		reqs := callbackRequests(h.srv, it, 2)
		if len(reqs) != 2 || reqs[0].Status != 429 || reqs[1].Status != 204 {
			t.Fatalf("callback attempts %v, want a 429 then a 204", statuses(reqs))
		}
		// The rule kept: no second try before the retry_after Discord
		// asked for. (The 3-second window is the fake's to keep.)
		if gap := reqs[1].At.Sub(reqs[0].Done); gap < 400*time.Millisecond {
			t.Errorf("retried %v after the 429, before its retry_after of 400ms", gap)
		}
	})
	t.Run("429 longer than the window is not waited out", func(t *testing.T) {
		h.srv.FailNext("POST", "/interactions/", 1, discordtest.Fault{Status: 429, RetryAfter: 5})
		it := h.srv.Send(discordtest.Command("summary"))
		if n, _ := callbacks(h.srv, it, 2); n != 1 {
			t.Errorf("%d attempts; after a retry_after past the window there should be no second one", n)
		}
		if !strings.Contains(h.logs.String(), "interaction lost") {
			t.Errorf("a lost interaction is not logged:\n%s", h.logs)
		}
	})
	t.Run("500 is retried", func(t *testing.T) {
		h.srv.FailNext("POST", "/interactions/", 2, discordtest.Fault{Status: 500})
		it := h.srv.Send(discordtest.Command("upcoming"))
		if _, err := h.srv.Reply(it, 5*time.Second); err != nil {
			t.Fatal(err)
		}
		if n, st := callbacks(h.srv, it, 3); n != 3 || st[2] != 204 {
			t.Errorf("callback attempts %d %v, want two 500s then a 204", n, st)
		}
	})
	t.Run("a lost 500 answer is not sent twice", func(t *testing.T) {
		// Discord stored the reply but the answer was a 500: the retry gets
		// "already acknowledged", which the bot takes as done.
		lost := strings.Count(h.logs.String(), "interaction lost")
		h.srv.FailNext("POST", "/interactions/", 1, discordtest.Fault{Status: 500, Processed: true})
		it := h.srv.Send(discordtest.Command("summary"))
		r, err := h.srv.Reply(it, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if n, st := callbacks(h.srv, it, 2); r.Callbacks != 1 || n != 2 || st[1] != 400 {
			t.Errorf("callbacks accepted %d, attempts %d %v; want one reply and one refused retry", r.Callbacks, n, st)
		}
		if strings.Count(h.logs.String(), "interaction lost") != lost {
			t.Errorf("an acknowledged interaction was logged as lost:\n%s", h.logs)
		}
	})
}

// TestE2E_DeferredEditSurvivesErrors has the edit after a defer meet a
// 429 and a 500 before it gets through.
func TestE2E_DeferredEditSurvivesErrors(t *testing.T) {
	t.Parallel()
	h := startBot(t, harnessOptions{store: slowStore{Store: fixtureStore(t), delay: 1200 * time.Millisecond}})
	h.srv.FailNext("PATCH", "/webhooks/", 1, discordtest.Fault{Status: 429, RetryAfter: 0.3})
	h.srv.FailNext("PATCH", "/webhooks/", 1, discordtest.Fault{Status: 500})
	it := h.srv.Send(discordtest.Command("quotes", discordtest.String("person", "Borrell")))
	r, err := h.srv.Reply(it, 8*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if r.Type != 5 || !strings.Contains(fmt.Sprint(firstEmbed(t, r)["footer"]), "of 14") {
		t.Errorf("reply type %d, message %v", r.Type, r.Message)
	}
	patches := 0
	h.srv.WaitFor(2*time.Second, func() bool {
		patches = 0
		for _, req := range h.srv.Requests() {
			if req.Method == "PATCH" {
				patches++
			}
		}
		return patches >= 3
	})
	if patches != 3 {
		t.Errorf("%d edit attempts, want 3 (429, 500, then success)", patches)
	}
}

// TestE2E_DroppedGatewayLosesNoReply cuts the websocket while
// interactions are in flight and sends more while the bot is away: the bot
// resumes, the fake replays what it missed, and every interaction is
// answered exactly once.
func TestE2E_DroppedGatewayLosesNoReply(t *testing.T) {
	t.Parallel()
	h := startBot(t, harnessOptions{store: fixtureStore(t)})
	var its []*discordtest.Interaction
	its = append(its, h.srv.Send(discordtest.Command("summary")), h.srv.Send(discordtest.Command("quotes", discordtest.String("person", "Lavrov"))))
	h.srv.DropGateway()
	for range 3 {
		its = append(its, h.srv.Send(discordtest.Command("upcoming")))
	}
	for _, it := range its {
		r, err := h.srv.Reply(it, 6*time.Second)
		if err != nil {
			t.Fatalf("%v\nlogs:\n%s", err, h.logs)
		}
		if r.Callbacks != 1 {
			t.Errorf("interaction %s answered %d times", it.ID, r.Callbacks)
		}
	}
	st := h.srv.Gateway()
	if st.Resumes < 1 || st.Identifies != 1 {
		t.Errorf("gateway %+v: want one IDENTIFY and a RESUME", st)
	}
	// The bot keeps working on the resumed session.
	if !h.srv.WaitConnected(3 * time.Second) {
		t.Fatal("not connected after the resume")
	}
	h.ask(t, discordtest.Command("summary"))
}

// TestE2E_TokenNeverLogged runs the bot with debug logging on, through a
// connect, commands, a rate limit and a reconnect, capturing everything it
// and discordgo log (and the standard logger), and checks the bot token
// and the interaction tokens never appear.
func TestE2E_TokenNeverLogged(t *testing.T) {
	var std bytes.Buffer
	saved := log.Writer()
	log.SetOutput(&std)
	defer log.SetOutput(saved)
	const token = "MTIzNDU2Nzg5.sekrit-Token_value"
	h := startBot(t, harnessOptions{store: fixtureStore(t), logLevel: slog.LevelDebug, fake: discordtest.Options{Token: "Bot " + token}})
	h.srv.FailNext("POST", "/interactions/", 1, discordtest.Fault{Status: 429, RetryAfter: 0.1})
	its := []*discordtest.Interaction{h.srv.Send(discordtest.Command("summary"))}
	h.srv.DropGateway()
	its = append(its, h.srv.Send(discordtest.Command("quotes", discordtest.String("person", "Borrell"))))
	for _, it := range its {
		if _, err := h.srv.Reply(it, 6*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	h.bot.Close()
	logs := h.logs.String() + std.String()
	for _, want := range []string{"discord request", "component=discordgo", "Identify Packet", "[redacted]"} {
		if !strings.Contains(logs, want) {
			t.Errorf("debug logs lack %q, so the test saw less than it should:\n%s", want, logs)
		}
	}
	for _, secret := range []string{token, "sekrit", its[0].Token, its[1].Token} {
		if strings.Contains(logs, secret) {
			i := strings.Index(logs, secret)
			t.Errorf("logs contain the secret %q: …%s…", secret, logs[max(0, i-200):min(len(logs), i+100)])
		}
	}
}

// gatedStore holds the name lookups of /quotes until the test lets each
// name through, to order two interactions' replies.
type gatedStore struct {
	Store
	gates map[string]chan struct{}
}

func (s gatedStore) ResolvePerson(ctx context.Context, name string) ([]storage.PersonInfo, error) {
	if g, ok := s.gates[name]; ok {
		select {
		case <-g:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return s.Store.ResolvePerson(ctx, name)
}

// TestE2E_RateLimitedEditHoldsUpNoOtherReply has Discord answer one
// deferred reply's edit with a long 429: another interaction's edit goes
// through at once, because each interaction's token is its own rate-limit
// bucket, and the limited one waits its retry_after without a deadline of
// its own shorter than the token's life.
func TestE2E_RateLimitedEditHoldsUpNoOtherReply(t *testing.T) {
	t.Parallel()
	gates := map[string]chan struct{}{"Borrell": make(chan struct{}), "Lavrov": make(chan struct{})}
	h := startBot(t, harnessOptions{store: gatedStore{Store: fixtureStore(t), gates: gates}, deferAfter: 10 * time.Millisecond})
	h.bot.closeWait = 0 // the limited edit is still waiting when the test ends
	limited := h.srv.Send(discordtest.Command("quotes", discordtest.String("person", "Borrell")))
	other := h.srv.Send(discordtest.Command("quotes", discordtest.String("person", "Lavrov")))
	h.srv.FailNext("PATCH", "/webhooks/"+h.srv.AppID()+"/"+limited.Token+"/", 1, discordtest.Fault{Status: 429, RetryAfter: 60})
	deferred := func() bool {
		a, _ := h.srv.ReplyNow(limited)
		b, _ := h.srv.ReplyNow(other)
		return a.Callbacks == 1 && b.Callbacks == 1
	}
	if !h.srv.WaitFor(5*time.Second, deferred) {
		t.Fatal("the two commands were not deferred")
	}
	close(gates["Borrell"])
	got429 := func() bool {
		for _, r := range h.srv.Requests() {
			if r.Method == "PATCH" && r.Status == 429 {
				return true
			}
		}
		return false
	}
	if !h.srv.WaitFor(5*time.Second, got429) {
		t.Fatal("the first edit never met its 429")
	}
	close(gates["Lavrov"])
	r, err := h.srv.Reply(other, 10*time.Second)
	if err != nil {
		t.Fatalf("the other interaction's edit waited for someone else's rate limit: %v", err)
	}
	if !strings.Contains(fmt.Sprint(firstEmbed(t, r)["title"]), "Lavrov") {
		t.Errorf("other reply = %v", r.Message)
	}
	if _, done := h.srv.ReplyNow(limited); done {
		t.Error("the rate-limited edit was sent again before its retry_after")
	}
	if strings.Contains(h.logs.String(), "no time left") {
		t.Errorf("a 60 s retry_after inside the token's 15 minutes was given up:\n%s", h.logs)
	}
}
