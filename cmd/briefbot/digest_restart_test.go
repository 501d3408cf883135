package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// The restart tests run the real briefbot binary, on a fast test clock,
// against the local fake Discord and one database file, and stop it the
// ways a server stops: SIGTERM, and SIGKILL in the middle of posting.

const (
	restartGuild   = "200000000000000001"
	restartChannel = "300000000000000001"
)

// buildBriefbot compiles the command into dir.
func buildBriefbot(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "briefbot")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// restartDB writes a database with one server, its digest at 08:00 UTC,
// and one article stored the evening before.
func restartDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "briefbot.db")
	now := time.Date(2026, 3, 19, 18, 0, 0, 0, time.UTC)
	db, err := storage.Open(path, storage.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := db.PutGuild(ctx, storage.Guild{ID: restartGuild, ChannelID: restartChannel, DigestTime: "08:00", TimeZone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(ctx, digestFixture("evening", "2026-03-19", "Anna Kovacs", "We have let this dispute run for far too long.")); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// child is a running briefbot process.
type child struct {
	t    *testing.T
	cmd  *exec.Cmd
	logs *discordtest.LogBuffer
	done chan error
}

// startChild runs `briefbot run` with its clock starting at clockStart and
// running rate times as fast as the wall clock.
func startChild(t *testing.T, bin, db, apiBase, clockStart, rate string) *child {
	t.Helper()
	c := &child{t: t, logs: &discordtest.LogBuffer{}, done: make(chan error, 1)}
	c.cmd = exec.Command(bin, "run", "--db", db)
	c.cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(),
		"DISCORD_TOKEN=test-token", "DISCORD_API_BASE=" + apiBase,
		bot.EnvClockStart + "=" + clockStart, bot.EnvClockRate + "=" + rate,
		"BRIEFBOT_LOG_LEVEL=debug",
	}
	c.cmd.Stdout, c.cmd.Stderr = c.logs, c.logs
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.done <- c.cmd.Wait() }()
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			<-c.done
		}
	})
	return c
}

// waitLog waits for a line containing s in the child's logs.
func (c *child) waitLog(s string, timeout time.Duration) {
	c.t.Helper()
	if !eventually(timeout, func() bool { return strings.Contains(c.logs.String(), s) }) {
		c.t.Fatalf("briefbot did not log %q within %v; logs:\n%s", s, timeout, c.logs)
	}
}

// runChild runs `briefbot run` as startChild does until it logs a line
// containing until, and stops it with SIGTERM.
func runChild(t *testing.T, bin, db, apiBase, clockStart, rate, until string) *child {
	t.Helper()
	c := startChild(t, bin, db, apiBase, clockStart, rate)
	c.waitLog(until, 60*time.Second)
	c.stop()
	return c
}

// stop sends SIGTERM and waits for a clean exit.
func (c *child) stop() {
	c.t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		c.t.Fatal(err)
	}
	select {
	case err := <-c.done:
		if err != nil {
			c.t.Fatalf("briefbot exited with %v after SIGTERM; logs:\n%s", err, c.logs)
		}
	case <-time.After(30 * time.Second):
		c.t.Fatalf("briefbot did not exit within 30s of SIGTERM; logs:\n%s", c.logs)
	}
}

// kill sends SIGKILL: no deferred function, no shutdown, runs.
func (c *child) kill() {
	c.t.Helper()
	if err := c.cmd.Process.Kill(); err != nil {
		c.t.Fatal(err)
	}
	<-c.done
}

// stallProxy passes requests to the fake Discord. While stalling, a posted
// channel message reaches the fake (which stores it) but its answer is
// held back, as when a process dies after Discord took its message and
// before it heard so.
type stallProxy struct {
	srv      *httptest.Server
	stalling atomic.Bool
	stalled  chan struct{}
}

func newStallProxy(t *testing.T, target string) *stallProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &stallProxy{stalled: make(chan struct{}, 1)}
	rp := httputil.NewSingleHostReverseProxy(u)
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !p.stalling.Load() || r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/messages") {
			rp.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		req, err := http.NewRequest(r.Method, target+r.URL.Path, bytes.NewReader(body))
		if err != nil {
			return
		}
		req.Header = r.Header.Clone()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return
		}
		resp.Body.Close()
		select {
		case p.stalled <- struct{}{}:
		default:
		}
		<-r.Context().Done() // hold the answer until the client is gone
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func digestEntryIn(t *testing.T, path, date string) storage.DigestEntry {
	t.Helper()
	db, err := storage.Open(path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	e, err := db.DigestEntry(context.Background(), restartGuild, date)
	if err != nil && !errors.Is(err, briefing.ErrNotFound) {
		t.Fatal(err)
	}
	return e
}

func TestDigest_Restarts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the briefbot binary")
	}
	bin := buildBriefbot(t, t.TempDir())
	const date = "2026-03-20"

	t.Run("killed between claimed and sent, posted once after restart", func(t *testing.T) {
		fake := discordtest.New(t, discordtest.Options{})
		proxy := newStallProxy(t, fake.URL)
		db := restartDB(t)
		proxy.stalling.Store(true)
		first := startChild(t, bin, db, proxy.srv.URL, "2026-03-20T07:59:50Z", "10")
		select {
		case <-proxy.stalled:
		case <-time.After(60 * time.Second):
			t.Fatalf("the digest was never posted; logs:\n%s", first.logs)
		}
		first.kill()
		if n := len(fake.ChannelMessages(restartChannel)); n != 1 {
			t.Fatalf("%d messages reached Discord before the kill, want 1", n)
		}
		if e := digestEntryIn(t, db, date); e.State != storage.DigestClaimed {
			t.Fatalf("after the kill the day is %q, want claimed", e.State)
		}

		proxy.stalling.Store(false)
		runChild(t, bin, db, proxy.srv.URL, "2026-03-20T08:01:00Z", "1", "outcome=\"posted")
		msgs := fake.ChannelMessages(restartChannel)
		if len(msgs) != 1 {
			t.Fatalf("%d messages in the channel after the restart, want exactly 1", len(msgs))
		}
		e := digestEntryIn(t, db, date)
		if e.State != storage.DigestSent || len(e.MessageIDs) != 1 || e.MessageIDs[0] != msgs[0].ID {
			t.Errorf("entry %+v, want sent as message %s", e, msgs[0].ID)
		}
		posts := 0
		for _, r := range fake.Requests() {
			if r.Method == "POST" && r.Path == "/channels/"+restartChannel+"/messages" {
				posts++
			}
		}
		if posts != 2 {
			t.Errorf("%d posts reached Discord, want 2: the first and its retry with the same nonce", posts)
		}
	})

	t.Run("a restart in the middle of the day posts nothing new", func(t *testing.T) {
		fake := discordtest.New(t, discordtest.Options{})
		db := restartDB(t)
		runChild(t, bin, db, fake.URL, "2026-03-20T07:59:50Z", "10", "outcome=\"posted")
		runChild(t, bin, db, fake.URL, "2026-03-20T13:00:00Z", "10", "daily digest: nothing to do")
		if n := len(fake.ChannelMessages(restartChannel)); n != 1 {
			t.Errorf("%d messages after a mid-day restart, want 1", n)
		}
	})

	t.Run("down at the digest time, back within the grace window", func(t *testing.T) {
		fake := discordtest.New(t, discordtest.Options{})
		db := restartDB(t)
		runChild(t, bin, db, fake.URL, "2026-03-20T10:00:00Z", "1", "outcome=\"posted")
		runChild(t, bin, db, fake.URL, "2026-03-20T11:00:00Z", "1", "daily digest: nothing to do")
		if n := len(fake.ChannelMessages(restartChannel)); n != 1 {
			t.Errorf("%d messages, want the one posted on return", n)
		}
		if e := digestEntryIn(t, db, date); e.State != storage.DigestSent {
			t.Errorf("entry %+v, want sent", e)
		}
	})

	t.Run("down at the digest time, back after the grace window", func(t *testing.T) {
		fake := discordtest.New(t, discordtest.Options{})
		db := restartDB(t)
		runChild(t, bin, db, fake.URL, "2026-03-20T15:00:00Z", "1", "outcome=\"skipped")
		if n := len(fake.ChannelMessages(restartChannel)); n != 0 {
			t.Errorf("%d messages, want none: the day is past the grace window", n)
		}
		e := digestEntryIn(t, db, date)
		if e.State != storage.DigestSkipped || !strings.Contains(e.Reason, "past the 6h0m0s grace window") {
			t.Errorf("entry %+v, want skipped with the reason", e)
		}
	})
}
