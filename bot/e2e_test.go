package bot

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/source"
	"github.com/briefbot/briefbot/storage"
)

type harness struct {
	srv  *discordtest.Server
	bot  *Bot
	logs *discordtest.LogBuffer
}

type harnessOptions struct {
	store    Store
	guildID  string
	ingest   Ingester
	fake     discordtest.Options
	logLevel slog.Level
	now      func() time.Time
	// deferAfter is Config.DeferAfter.
	deferAfter time.Duration
}

// startBot runs a real Bot, with its real discordgo session, against a
// fresh fake Discord, and waits until it is connected and registered.
func startBot(t *testing.T, o harnessOptions) *harness {
	t.Helper()
	srv := discordtest.New(t, o.fake)
	logs := &discordtest.LogBuffer{}
	if o.now == nil {
		o.now = func() time.Time { return testNow }
	}
	b, err := New(Config{
		Token:      strings.TrimPrefix(srv.Token(), "Bot "),
		GuildID:    o.guildID,
		APIBase:    srv.URL,
		Store:      o.store,
		Ingest:     o.ingest,
		Now:        o.now,
		DeferAfter: o.deferAfter,
		Logger:     slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: o.logLevel})),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Open(context.Background()); err != nil {
		t.Fatalf("open bot: %v\nlogs:\n%s", err, logs)
	}
	t.Cleanup(func() { b.Close() })
	if !srv.WaitConnected(5 * time.Second) {
		t.Fatal("bot did not connect to the fake gateway")
	}
	if !srv.WaitFor(5*time.Second, func() bool { return len(srv.Commands(o.guildID)) > 0 }) {
		t.Fatal("bot did not register its commands")
	}
	return &harness{srv: srv, bot: b, logs: logs}
}

// ask sends an invocation and waits for the bot's complete reply.
func (h *harness) ask(t *testing.T, inv discordtest.Invocation) discordtest.Reply {
	t.Helper()
	it := h.srv.Send(inv)
	r, err := h.srv.Reply(it, 5*time.Second)
	if err != nil {
		t.Fatalf("%v\nlogs:\n%s", err, h.logs)
	}
	if r.Callbacks != 1 {
		t.Errorf("interaction answered %d times, want once", r.Callbacks)
	}
	return r
}

func embeds(r discordtest.Reply) []map[string]any {
	var out []map[string]any
	list, _ := r.Message["embeds"].([]any)
	for _, e := range list {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func firstEmbed(t *testing.T, r discordtest.Reply) map[string]any {
	t.Helper()
	e := embeds(r)
	if len(e) == 0 {
		t.Fatalf("reply has no embed: %+v", r.Message)
	}
	return e[0]
}

func content(r discordtest.Reply) string {
	s, _ := r.Message["content"].(string)
	return s
}

// buttonID returns the custom_id of the reply's i-th button.
func buttonID(t *testing.T, r discordtest.Reply, i int) (string, bool) {
	t.Helper()
	rows, _ := r.Message["components"].([]any)
	if len(rows) == 0 {
		return "", false
	}
	row, _ := rows[0].(map[string]any)
	btns, _ := row["components"].([]any)
	if len(btns) <= i {
		return "", false
	}
	b, _ := btns[i].(map[string]any)
	id, _ := b["custom_id"].(string)
	disabled, _ := b["disabled"].(bool)
	return id, !disabled
}

func choiceNames(r discordtest.Reply) []string {
	var out []string
	for _, c := range r.Choices {
		n, _ := c["name"].(string)
		out = append(out, n)
	}
	return out
}

func TestE2E_RegistersCommands(t *testing.T) {
	t.Parallel()
	for _, guild := range []string{"", discordtest.GuildID} {
		t.Run("guild="+guild, func(t *testing.T) {
			t.Parallel()
			h := startBot(t, harnessOptions{store: fixtureStore(t), guildID: guild})
			cmds := h.srv.Commands(guild)
			got := map[string]any{}
			for _, c := range cmds {
				got[c["name"].(string)] = c["default_member_permissions"]
			}
			want := map[string]any{"summary": nil, "quotes": nil, "upcoming": nil, "digest": nil, "ingest": "32", "briefing": "32"}
			for name, perm := range want {
				p, ok := got[name]
				if !ok {
					t.Errorf("command /%s not registered", name)
				} else if fmt.Sprint(p) != fmt.Sprint(perm) {
					t.Errorf("/%s default_member_permissions = %v, want %v", name, p, perm)
				}
			}
			if len(cmds) != len(want) {
				t.Errorf("registered %d commands, want %d", len(cmds), len(want))
			}
			puts := 0
			h.srv.WaitFor(time.Second, func() bool {
				puts = 0
				for _, r := range h.srv.Requests() {
					if r.Method == "PUT" {
						puts++
					}
				}
				return puts > 0
			})
			if puts != 1 {
				t.Errorf("%d bulk overwrites, want exactly one", puts)
			}
		})
	}
}

func TestE2E_Commands(t *testing.T) {
	t.Parallel()
	db := fixtureStore(t)
	h := startBot(t, harnessOptions{store: db})
	admin := int64(discordtest.PermMember | discordtest.PermManageGuild)

	t.Run("summary newest", func(t *testing.T) {
		r := h.ask(t, discordtest.Command("summary"))
		e := firstEmbed(t, r)
		if r.Type != 4 || r.Ephemeral || !strings.Contains(e["title"].(string), "remarks") {
			t.Errorf("reply = type %d ephemeral %v title %q, want the newest article in public", r.Type, r.Ephemeral, e["title"])
		}
	})
	t.Run("summary autocomplete and choice", func(t *testing.T) {
		ac := h.ask(t, discordtest.Autocomplete("summary", discordtest.Focused(discordtest.String("article", "mosc"))))
		if ac.Type != 8 || len(ac.Choices) == 0 || !strings.HasPrefix(choiceNames(ac)[0], "EU envoy holds tense talks in Moscow") {
			t.Fatalf("autocomplete = %+v, want the Moscow headline", choiceNames(ac))
		}
		id := ac.Choices[0]["value"].(string)
		r := h.ask(t, discordtest.Command("summary", discordtest.String("article", id)))
		e := firstEmbed(t, r)
		if e["url"] != "https://news.example.org/2021/02/envoy-visit" {
			t.Errorf("summary of %s links %v", id, e["url"])
		}
		fields := fmt.Sprint(e["fields"])
		for _, want := range []string{"The Example Times", "<t:1612526400:D>", "Josep Borrell (2)", "Sergei Lavrov (1)"} {
			if !strings.Contains(fields, want) {
				t.Errorf("summary fields lack %q: %s", want, fields)
			}
		}
	})
	t.Run("summary query", func(t *testing.T) {
		r := h.ask(t, discordtest.Command("summary", discordtest.String("query", "spokesman statement")))
		if e := firstEmbed(t, r); !strings.Contains(e["title"].(string), "remarks") {
			t.Errorf("query found %q", e["title"])
		}
	})
	t.Run("quotes autocomplete prefix and near match", func(t *testing.T) {
		ac := h.ask(t, discordtest.Autocomplete("quotes", discordtest.Focused(discordtest.String("person", "bor"))))
		if len(ac.Choices) == 0 || ac.Choices[0]["value"] != "josep-borrell" || !strings.Contains(choiceNames(ac)[0], "14 quotes") {
			t.Errorf("autocomplete for bor = %v", choiceNames(ac))
		}
		ac = h.ask(t, discordtest.Autocomplete("quotes", discordtest.Focused(discordtest.String("person", "Borel"))))
		if len(ac.Choices) == 0 || ac.Choices[0]["value"] != "josep-borrell" {
			t.Errorf("autocomplete for the misspelt Borel = %v, want Josep Borrell", choiceNames(ac))
		}
	})
	t.Run("quotes pages with buttons", func(t *testing.T) {
		it := h.srv.Send(discordtest.Command("quotes", discordtest.String("person", "josep-borrell"), discordtest.Integer("limit", 5)))
		r, err := h.srv.Reply(it, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if footer := fmt.Sprint(firstEmbed(t, r)["footer"]); !strings.Contains(footer, "Quotes 1–5 of 14") {
			t.Errorf("footer = %s", footer)
		}
		next, ok := buttonID(t, r, 1)
		if !ok || next != "q:5:5:josep-borrell" {
			t.Fatalf("Older button = %q (enabled %v)", next, ok)
		}
		page := h.ask(t, discordtest.Button(next, h.srv.Original(it)))
		if page.Type != 7 {
			t.Errorf("button answered with type %d, want 7 (update the message)", page.Type)
		}
		if footer := fmt.Sprint(firstEmbed(t, page)["footer"]); !strings.Contains(footer, "Quotes 6–10 of 14") {
			t.Errorf("page 2 footer = %s", footer)
		}
		// A button from a stale message still answers: offset past the end.
		stale := h.ask(t, discordtest.Button("q:400:5:josep-borrell", nil))
		if footer := fmt.Sprint(firstEmbed(t, stale)["footer"]); !strings.Contains(footer, "of 14") {
			t.Errorf("stale page footer = %s", footer)
		}
	})
	t.Run("quotes misspelt is an ephemeral hint", func(t *testing.T) {
		r := h.ask(t, discordtest.Command("quotes", discordtest.String("person", "Borel")))
		if !r.Ephemeral || content(r) != `No quotes from "Borel". Did you mean Josep Borrell?` {
			t.Errorf("reply = ephemeral %v %q", r.Ephemeral, content(r))
		}
	})
	t.Run("upcoming with pages", func(t *testing.T) {
		it := h.srv.Send(discordtest.Command("upcoming", discordtest.Integer("days", 30)))
		r, err := h.srv.Reply(it, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		e := firstEmbed(t, r)
		desc := e["description"].(string)
		if !strings.Contains(desc, "**<t:1613044800:D>**") || !strings.Contains(e["title"].(string), "from 10 February to 11 March 2021") {
			t.Errorf("upcoming = %q\n%s", e["title"], desc)
		}
		next, ok := buttonID(t, r, 1)
		if !ok {
			t.Fatalf("no Later button for %v", e["footer"])
		}
		page := h.ask(t, discordtest.Button(next, h.srv.Original(it)))
		if d := firstEmbed(t, page)["description"].(string); !strings.Contains(d, "March 2021") {
			t.Errorf("second page lacks the month-precision event:\n%s", d)
		}
	})
	t.Run("digest is for the caller only", func(t *testing.T) {
		r := h.ask(t, discordtest.Command("digest"))
		if !r.Ephemeral || len(embeds(r)) < 2 {
			t.Errorf("digest preview: ephemeral %v, %d embeds", r.Ephemeral, len(embeds(r)))
		}
	})
	t.Run("setup refused for members, even if overrides show it", func(t *testing.T) {
		inv := discordtest.Command("briefing", discordtest.Subcommand("setup", discordtest.Channel("channel", "300000000000000009"),
			discordtest.String("time", "08:30"), discordtest.String("timezone", "Europe/Brussels")))
		r := h.ask(t, inv) // a plain member's permissions
		if !r.Ephemeral || !strings.Contains(content(r), "Manage Server") {
			t.Errorf("member got %q", content(r))
		}
		if _, err := db.Guild(context.Background(), discordtest.GuildID); err == nil {
			t.Error("a member's setup was saved")
		}
		r = h.ask(t, discordtest.Command("ingest", discordtest.String("url", "https://example.org/x")))
		if !strings.Contains(content(r), "Manage Server") {
			t.Errorf("member's /ingest got %q", content(r))
		}
	})
	t.Run("setup, show and feeds as an admin", func(t *testing.T) {
		ac := h.ask(t, discordtest.Autocomplete("briefing", discordtest.Subcommand("setup",
			discordtest.Focused(discordtest.String("timezone", "brus")))).As(admin))
		if len(ac.Choices) == 0 || ac.Choices[0]["value"] != "Europe/Brussels" {
			t.Errorf("timezone autocomplete = %v", choiceNames(ac))
		}
		r := h.ask(t, discordtest.Command("briefing", discordtest.Subcommand("setup", discordtest.Channel("channel", "300000000000000009"),
			discordtest.String("time", "08:30"), discordtest.String("timezone", "Europe/Brussels"))).As(admin))
		if !r.Ephemeral || !strings.Contains(content(r), "<#300000000000000009> at 08:30 (Europe/Brussels)") {
			t.Errorf("setup reply = %q", content(r))
		}
		g, err := db.Guild(context.Background(), discordtest.GuildID)
		if err != nil || g.ChannelID != "300000000000000009" || g.DigestTime != "08:30" || g.TimeZone != "Europe/Brussels" {
			t.Errorf("saved %+v, %v", g, err)
		}
		h.ask(t, discordtest.Command("briefing", discordtest.Group("feeds", discordtest.Subcommand("add",
			discordtest.String("url", "https://feeds.example.org/rss?utm_source=x")))).As(admin))
		ac = h.ask(t, discordtest.Autocomplete("briefing", discordtest.Group("feeds", discordtest.Subcommand("remove",
			discordtest.Focused(discordtest.String("url", "feeds"))))).As(admin))
		if len(ac.Choices) != 1 || ac.Choices[0]["value"] != "https://feeds.example.org/rss" {
			t.Errorf("feed autocomplete = %v", ac.Choices)
		}
		show := h.ask(t, discordtest.Command("briefing", discordtest.Subcommand("show")).As(admin))
		if s := fmt.Sprint(firstEmbed(t, show)["fields"]); !strings.Contains(s, "https://feeds.example.org/rss") || !strings.Contains(s, "Europe/Brussels") {
			t.Errorf("show = %s", s)
		}
		h.ask(t, discordtest.Command("briefing", discordtest.Group("feeds", discordtest.Subcommand("remove",
			discordtest.String("url", "https://feeds.example.org/rss")))).As(admin))
		list := h.ask(t, discordtest.Command("briefing", discordtest.Group("feeds", discordtest.Subcommand("list"))).As(admin))
		if d := firstEmbed(t, list)["description"]; !strings.Contains(fmt.Sprint(d), "None") {
			t.Errorf("feeds after remove = %v", d)
		}
	})
	t.Run("admin commands refused in DMs", func(t *testing.T) {
		r := h.ask(t, discordtest.Command("digest").InDM())
		if !r.Ephemeral || !strings.Contains(content(r), "Use this command in a server") {
			t.Errorf("DM digest = %q", content(r))
		}
	})
}

// articlePage serves one made-up article page for /ingest.
func articlePage(t *testing.T) *httptest.Server {
	t.Helper()
	page := `<!doctype html><html><head><title>Envoys agree to meet again in spring</title>
<meta property="article:published_time" content="2021-02-09T10:00:00Z">
<meta property="og:site_name" content="Example Gazette"></head><body><article>
<h1>Envoys agree to meet again in spring</h1>
<p>Two envoys met in Vienna on Tuesday and agreed to meet again in April, officials said.</p>
<p>"We have made real progress today," said Anna Lindqvist, the Swedish envoy.</p>
<p>The next round of talks will take place on March 3, according to a statement.</p>
</article></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestE2E_Ingest(t *testing.T) {
	t.Parallel()
	db := fixtureStore(t)
	in := source.NewIngester(source.New(source.Options{AllowLoopback: true}), db, source.IngestOptions{})
	h := startBot(t, harnessOptions{store: db, ingest: in})
	site := articlePage(t)
	admin := int64(discordtest.PermManageGuild)

	r := h.ask(t, discordtest.Command("ingest", discordtest.String("url", site.URL+"/envoys")).As(admin))
	if r.Type != 5 || !r.Ephemeral {
		t.Errorf("ingest answered with type %d ephemeral %v, want a deferred ephemeral reply first", r.Type, r.Ephemeral)
	}
	e := firstEmbed(t, r)
	if !strings.HasPrefix(e["title"].(string), "Stored: Envoys agree to meet again in spring") {
		t.Errorf("ingest result = %q: %v", e["title"], e["description"])
	}
	again := h.ask(t, discordtest.Command("ingest", discordtest.String("url", site.URL+"/envoys")).As(admin))
	if title := firstEmbed(t, again)["title"].(string); !strings.HasPrefix(title, "Already stored") {
		t.Errorf("second ingest = %q", title)
	}
	bad := h.ask(t, discordtest.Command("ingest", discordtest.String("url", "http://169.254.169.254/latest/meta-data")).As(admin))
	if !strings.Contains(content(bad), "Could not add") || !bad.Ephemeral {
		t.Errorf("metadata address: %q", content(bad))
	}
}

// slowStore delays resolving names, as a store under load might.
type slowStore struct {
	Store
	delay time.Duration
}

func (s slowStore) ResolvePerson(ctx context.Context, name string) ([]storage.PersonInfo, error) {
	time.Sleep(s.delay)
	return s.Store.ResolvePerson(ctx, name)
}

func TestE2E_SlowStoreDefers(t *testing.T) {
	t.Parallel()
	h := startBot(t, harnessOptions{store: slowStore{Store: fixtureStore(t), delay: 1500 * time.Millisecond}})
	r := h.ask(t, discordtest.Command("quotes", discordtest.String("person", "Borrell")))
	if r.Type != 5 || r.Ephemeral {
		t.Errorf("slow /quotes answered with type %d (ephemeral %v), want a public deferred reply", r.Type, r.Ephemeral)
	}
	if !strings.Contains(fmt.Sprint(firstEmbed(t, r)["footer"]), "Quotes 1–5 of 14") {
		t.Errorf("edited reply = %v", r.Message)
	}
	// An error after a public defer goes to the caller alone: the public
	// placeholder is deleted and the message is an ephemeral follow-up.
	miss := h.srv.Send(discordtest.Command("quotes", discordtest.String("person", "Borel")))
	rep, err := h.srv.Reply(miss, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Type != 5 || !rep.Deleted || len(rep.Followups) != 1 {
		t.Fatalf("error after a public defer: type %d, deleted %v, %d follow-ups", rep.Type, rep.Deleted, len(rep.Followups))
	}
	f := rep.Followups[0]
	if fmt.Sprint(f["flags"]) != "64" || !strings.Contains(fmt.Sprint(f["content"]), "Did you mean Josep Borrell?") {
		t.Errorf("follow-up = %v", f)
	}
}
