package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// admin is the permission set of a member with Manage Server.
const admin = int64(discordtest.PermMember | discordtest.PermManageGuild)

// briefing builds a /briefing invocation by an admin: a subcommand, or a
// group and its subcommand.
func briefingCommand(path []string, opts ...discordtest.Option) discordtest.Invocation {
	sub := discordtest.Subcommand(path[len(path)-1], opts...)
	if len(path) == 2 {
		sub = discordtest.Group(path[0], sub)
	}
	return discordtest.Command("briefing", sub).As(admin)
}

// TestE2E_ConcurrentFeedAddsAllKept has twenty admins add twenty feeds at
// once: every one is kept, none lost to another's read-modify-write.
func TestE2E_ConcurrentFeedAddsAllKept(t *testing.T) {
	t.Parallel()
	db := fixtureStore(t)
	h := startBot(t, harnessOptions{store: db})
	const n = 20
	var its []*discordtest.Interaction
	var want []string
	for i := range n {
		u := fmt.Sprintf("https://feeds%d.example.org/rss.xml", i)
		want = append(want, u)
		its = append(its, h.srv.Send(briefingCommand([]string{"feeds", "add"}, discordtest.String("url", u))))
	}
	for _, it := range its {
		r, err := h.srv.Reply(it, 10*time.Second)
		if err != nil {
			t.Fatalf("%v\nlogs:\n%s", err, h.logs)
		}
		if r.Callbacks != 1 {
			t.Errorf("answered %d times", r.Callbacks)
		}
	}
	g, err := db.Guild(context.Background(), discordtest.GuildID)
	if err != nil {
		t.Fatal(err)
	}
	got := slices.Clone(g.Feeds)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%d feeds kept after %d concurrent adds, want all:\n%v", len(got), n, got)
	}
}

// TestGuildLocks serialises holders of one server's lock, lets other
// servers through, gives up with the context, and forgets a server once
// nobody holds or waits for its lock.
func TestGuildLocks(t *testing.T) {
	var l GuildLocks
	ctx := context.Background()
	unlock, err := l.lock(ctx, "1")
	if err != nil {
		t.Fatal(err)
	}
	other, err := l.lock(ctx, "2")
	if err != nil {
		t.Fatalf("another server waits for server 1's lock: %v", err)
	}
	other()

	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	if _, err := l.lock(short, "1"); err == nil {
		t.Fatal("a second holder got server 1's lock")
	}

	var wg sync.WaitGroup
	counter, inside := 0, 0
	for range 50 {
		wg.Go(func() {
			u, err := l.lock(ctx, "1")
			if err != nil {
				t.Error(err)
				return
			}
			inside++
			if inside != 1 {
				t.Error("two holders at once")
			}
			counter++
			inside--
			u()
		})
	}
	unlock()
	wg.Wait()
	if counter != 50 {
		t.Errorf("%d of 50 holders ran", counter)
	}
	if n := l.size(); n != 0 {
		t.Errorf("%d lock entries left with nobody holding one, want 0", n)
	}
}

// TestSetup_SavesAndShows checks what /briefing setup keeps and what
// /briefing show then says, including skip_empty, and that a channel must
// be a Discord channel except in the console.
func TestSetup_SavesAndShows(t *testing.T) {
	db := fixtureStore(t)
	h := testHandlers(t, db)
	ctx := context.Background()
	setup := opts("channel", "300000000000000009", "time", "8:30", "timezone", "Europe/Brussels", "skip_empty", true)
	if _, err := h.setup(ctx, memberRequest("briefing setup", setup)); err != nil {
		t.Fatal(err)
	}
	g, err := db.Guild(ctx, discordtest.GuildID)
	if err != nil || g.ChannelID != "300000000000000009" || g.DigestTime != "08:30" || g.TimeZone != "Europe/Brussels" || !g.SkipEmpty {
		t.Fatalf("saved %+v, %v", g, err)
	}
	show, err := h.show(ctx, memberRequest("briefing show", nil))
	if err != nil {
		t.Fatal(err)
	}
	if f := consoleText(show, time.UTC); !strings.Contains(f, "On a day with no new article:\n  No digest") {
		t.Errorf("show does not say empty days are skipped: %s", f)
	}
	// Run again without skip_empty: the default is a short note.
	if _, err := h.setup(ctx, memberRequest("briefing setup", opts("channel", "300000000000000009", "time", "08:30", "timezone", "Europe/Brussels"))); err != nil {
		t.Fatal(err)
	}
	if g, _ := db.Guild(ctx, discordtest.GuildID); g.SkipEmpty {
		t.Error("skip_empty left out still skips empty days")
	}

	_, err = h.setup(ctx, memberRequest("briefing setup", opts("channel", "general", "time", "08:30", "timezone", "UTC")))
	var ue userError
	if !errorAs(err, &ue) || !strings.Contains(ue.msg, "is not a Discord channel") {
		t.Errorf("setup with channel \"general\" on Discord: %v", err)
	}
	c := testConsole(t, db)
	text, err := c.Exec(ctx, "/briefing setup channel:#general time:07:00 timezone:UTC skip_empty:yes")
	if err != nil || !strings.Contains(text, "Saved: a digest in #general at 07:00 (UTC). The console posts no digests") {
		t.Errorf("console setup: %v\n%s", err, text)
	}
	if g, err := db.Guild(ctx, consoleGuild); err != nil || g.ChannelID != "general" || !g.SkipEmpty {
		t.Errorf("console settings %+v, %v", g, err)
	}
}

// TestFeedAdd_Interval sets a feed's own polling interval, keeps the rest
// of its state, and refuses one out of bounds.
func TestFeedAdd_Interval(t *testing.T) {
	db := fixtureStore(t)
	h := testHandlers(t, db)
	ctx := context.Background()
	const u = "https://feeds.example.org/rss.xml"
	if _, err := h.feedAdd(ctx, memberRequest("briefing feeds add", opts("url", u))); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Feed(ctx, u); err == nil {
		t.Error("a feed added without an interval got a state before its first poll")
	}
	if err := db.PutFeed(ctx, storage.Feed{URL: u, ETag: `"v7"`, LastSuccess: testNow}); err != nil {
		t.Fatal(err)
	}
	data, err := h.feedAdd(ctx, memberRequest("briefing feeds add", opts("url", u, "interval", 45)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(data.Content, "already follows") || !strings.Contains(data.Content, "read every 45 minutes") {
		t.Errorf("reply %q", data.Content)
	}
	f, err := db.Feed(ctx, u)
	if err != nil || f.Interval != 45*time.Minute || f.ETag != `"v7"` || !f.LastSuccess.Equal(testNow) {
		t.Errorf("feed state %+v, %v; want the interval set and the rest kept", f, err)
	}
	list, err := h.feedList(ctx, memberRequest("briefing feeds list", nil))
	if err != nil {
		t.Fatal(err)
	}
	if d := list.Embeds[0].Description; !strings.Contains(d, "(every 45 minutes)") {
		t.Errorf("feeds list does not show the interval:\n%s", d)
	}
	for _, n := range []int{4, 1441} {
		_, err := h.feedAdd(ctx, memberRequest("briefing feeds add", opts("url", "https://other.example.org/feed", "interval", n)))
		var ue userError
		if !errorAs(err, &ue) || !strings.Contains(ue.msg, "a number from 5 to 1440") {
			t.Errorf("interval %d: %v", n, err)
		}
	}
}

// TestFeedReplies_ShowURLsAsWritten checks that feed addresses with
// Markdown characters in them are shown whole and working, between angle
// brackets, not escaped.
func TestFeedReplies_ShowURLsAsWritten(t *testing.T) {
	db := fixtureStore(t)
	h := testHandlers(t, db)
	ctx := context.Background()
	const u = "https://feeds.example.org/world_news/top_stories.xml"
	add, err := h.feedAdd(ctx, memberRequest("briefing feeds add", opts("url", u)))
	if err != nil {
		t.Fatal(err)
	}
	list, err := h.feedList(ctx, memberRequest("briefing feeds list", nil))
	if err != nil {
		t.Fatal(err)
	}
	show, err := h.show(ctx, memberRequest("briefing show", nil))
	if err != nil {
		t.Fatal(err)
	}
	remove, err := h.feedRemove(ctx, memberRequest("briefing feeds remove", opts("url", u)))
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"add": add.Content, "list": list.Embeds[0].Description,
		"show": show.Embeds[0].Fields[len(show.Embeds[0].Fields)-1].Value, "remove": remove.Content} {
		if !strings.Contains(text, "<"+u+">") {
			t.Errorf("%s shows the address as %q, want <%s>", name, text, u)
		}
	}
	if msg := feedErrorMessage(storage.Feed{URL: u, Failures: 3, LastError: "HTTP 500"}, 3); !strings.Contains(msg, "<"+u+">") {
		t.Errorf("failure report: %q", msg)
	}
}

// TestPersonErrors_EscapeNames checks that names from articles in error
// replies are escaped: Markdown in a name shows as written.
func TestPersonErrors_EscapeNames(t *testing.T) {
	db := fixtureStore(t)
	b := fixtures()[2]
	b.Article.ID, b.Article.URL = "starred", "https://daily.example.net/starred"
	b.People = []briefing.Person{person("Maria *Ortega*", false)}
	b.Quotes = []briefing.Quote{quote("Maria *Ortega*", "The committee will decide next week", false)}
	if _, err := db.Put(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	h := testHandlers(t, db)
	_, err := h.quotes(context.Background(), memberRequest("quotes", opts("person", "Maria Ortegga")))
	var ue userError
	if !errorAs(err, &ue) || !strings.Contains(ue.msg, `Did you mean Maria \*Ortega\*?`) {
		t.Errorf("suggestion = %v, want the name escaped", err)
	}
}

// TestFeedList_PagesEveryFeed fills a server's feeds to the limit with long
// addresses, each failing with a long error: /briefing feeds list shows
// them over pages within Discord's limits, every feed on one of them, and
// its buttons lead from page to page and back.
func TestFeedList_PagesEveryFeed(t *testing.T) {
	db := fixtureStore(t)
	h := testHandlers(t, db)
	ctx := context.Background()
	r := memberRequest("briefing feeds list", nil)
	g := storage.Guild{ID: r.GuildID}
	for i := range maxFeeds {
		u := fmt.Sprintf("https://feeds.example.org/%02d/%s.xml", i, strings.Repeat("world-news-and-diplomacy-", 40))
		g.Feeds = append(g.Feeds, u)
		if err := db.PutFeed(ctx, storage.Feed{URL: u, Failures: 4, LastError: strings.Repeat("the server answered 503 Service Unavailable; ", 10),
			LastSuccess: testNow.Add(-48 * time.Hour), NextPoll: testNow.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.PutGuild(ctx, g); err != nil {
		t.Fatal(err)
	}
	data, err := h.feedList(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var pages []string
	for data != nil && len(pages) <= maxFeeds {
		checkReply(t, data)
		pages = append(pages, data.Embeds[0].Description)
		for _, u := range g.Feeds {
			if strings.Contains(data.Embeds[0].Description, "<"+u+">") {
				seen[u] = true
			}
		}
		next := button(data, 1)
		if next == nil || next.Disabled {
			break
		}
		id := next.CustomID
		name, args := parseCustomID(id)
		fn, ok := h.components[name]
		if !ok {
			t.Fatalf("button %q has no handler", id)
		}
		if data, err = fn(ctx, r, args); err != nil {
			t.Fatal(err)
		}
	}
	if len(seen) != maxFeeds {
		t.Errorf("%d of %d feeds shown over %d pages", len(seen), maxFeeds, len(pages))
	}
	if len(pages) < 2 {
		t.Fatalf("%d page(s) for %d long feeds, want several", len(pages), maxFeeds)
	}
	// /briefing show lists what fits its field and points to the list.
	show, err := h.show(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	checkReply(t, show)
	if f := show.Embeds[0].Fields; !strings.Contains(f[len(f)-1].Value, "/briefing feeds list shows them all") {
		t.Errorf("/briefing show's feeds field does not point to the full list:\n%s", f[len(f)-1].Value)
	}
	// A member without Manage Server cannot page through them.
	plain := memberRequest("", nil)
	plain.Permissions = 0
	name, args := parseCustomID(customID(feedsPage, "1"))
	if _, err := h.components[name](ctx, plain, args); err == nil {
		t.Error("a member without Manage Server paged the feeds list")
	}
}
