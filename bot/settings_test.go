package bot

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
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
