package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
)

func getenvFrom(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParseBotConfig(t *testing.T) {
	dir := t.TempDir()
	tokenFile := filepath.Join(dir, "token")
	if err := os.WriteFile(tokenFile, []byte("  file-token-123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		want botConfig
		err  string
	}{
		{name: "no token", env: map[string]string{}, want: botConfig{logLevel: slog.LevelInfo}},
		{name: "token", env: map[string]string{"DISCORD_TOKEN": " tok "}, want: botConfig{token: "tok", logLevel: slog.LevelInfo}},
		{name: "token file", env: map[string]string{"DISCORD_TOKEN_FILE": tokenFile}, want: botConfig{token: "file-token-123", logLevel: slog.LevelInfo}},
		{name: "both", env: map[string]string{"DISCORD_TOKEN": "a", "DISCORD_TOKEN_FILE": tokenFile}, err: "set only one"},
		{name: "empty file", env: map[string]string{"DISCORD_TOKEN_FILE": empty}, err: "is empty"},
		{name: "missing file", env: map[string]string{"DISCORD_TOKEN_FILE": filepath.Join(dir, "nope")}, err: "no such file"},
		{name: "guild and base", env: map[string]string{"DISCORD_TOKEN": "t", "BRIEFBOT_GUILD": "200000000000000001", "DISCORD_API_BASE": "http://127.0.0.1:9"},
			want: botConfig{token: "t", guildID: "200000000000000001", apiBase: "http://127.0.0.1:9", logLevel: slog.LevelInfo}},
		{name: "bad guild", env: map[string]string{"BRIEFBOT_GUILD": "my server"}, err: "not a server ID"},
		{name: "debug json", env: map[string]string{"BRIEFBOT_LOG_LEVEL": "DEBUG", "BRIEFBOT_LOG_FORMAT": "json"}, want: botConfig{logLevel: slog.LevelDebug, logFormat: "json"}},
		{name: "bad level", env: map[string]string{"BRIEFBOT_LOG_LEVEL": "loud"}, err: "want debug, info, warn or error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseBotConfig(getenvFrom(tc.env))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want one containing %q", err, tc.err)
				}
				if strings.Contains(err.Error(), "file-token-123") {
					t.Errorf("error shows the token: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("config = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// articleFile writes a short article of our own for the console to ingest.
func articleFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "talks.txt")
	text := "Ministers agree to resume talks on fishing rights\n\nPublished: 2021-03-02\n\n" +
		"Fisheries ministers from both countries met in Oslo on Monday and agreed to resume talks next month.\n\n" +
		"\"This is the first step towards a lasting deal,\" said Marta Holm, the Norwegian minister.\n\n" +
		"The talks will resume on April 12 in Reykjavik, according to a joint statement.\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunBot_ConsoleWithoutToken(t *testing.T) {
	db := filepath.Join(t.TempDir(), "briefbot.db")
	script := "/ingest path:" + articleFile(t) + "\n/summary\n/quotes person:Nobody Known\n"
	var out, errOut bytes.Buffer
	e := env{getenv: getenvFrom(map[string]string{"BRIEFBOT_DB": db}), stdin: strings.NewReader(script), stdout: &out, stderr: &errOut}
	err := runBot(context.Background(), nil, e)
	if err == nil || !strings.Contains(err.Error(), "1 of 3 commands failed") {
		t.Errorf("runBot = %v, want the failed line reported", err)
	}
	got := out.String()
	for _, want := range []string{
		"briefbot> /ingest path:",
		"Stored: Ministers agree to resume talks on fishing rights",
		"briefbot> /summary\nMinisters agree to resume talks on fishing rights",
		`error: No quotes from "Nobody Known"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("console output lacks %q:\n%s", want, got)
		}
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("the console did not use $BRIEFBOT_DB: %v", err)
	}
}

// eventually polls cond every 10ms until it holds or the timeout passes.
func eventually(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return cond()
}

// TestRunBot_Discord runs `briefbot run` against a local Discord: it
// registers its commands to BRIEFBOT_GUILD, answers a command, stops
// cleanly when its context ends (as on SIGTERM), and logs no token even at
// debug level.
func TestRunBot_Discord(t *testing.T) {
	const token = "run-test-TOKEN.value"
	srv := discordtest.New(t, discordtest.Options{Token: "Bot " + token})
	db := filepath.Join(t.TempDir(), "briefbot.db")
	stderr := &discordtest.LogBuffer{}
	e := env{
		getenv: getenvFrom(map[string]string{
			"DISCORD_TOKEN": token, "DISCORD_API_BASE": srv.URL, "BRIEFBOT_GUILD": discordtest.GuildID,
			"BRIEFBOT_LOG_LEVEL": "debug",
		}),
		stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: stderr,
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runBot(ctx, []string{"--db", db}, e) }()
	if !eventually(10*time.Second, func() bool { return strings.Contains(stderr.String(), "briefbot is running") }) {
		cancel()
		t.Fatalf("bot did not start; logs:\n%s", stderr)
	}
	if n := len(srv.Commands(discordtest.GuildID)); n != 6 {
		t.Errorf("%d commands registered to BRIEFBOT_GUILD, want 6", n)
	}
	it := srv.Send(discordtest.Command("summary"))
	r, err := srv.Reply(it, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := r.Message["content"].(string); !strings.Contains(c, "No articles are stored yet") || !r.Ephemeral {
		t.Errorf("summary on an empty store = %q (ephemeral %v)", c, r.Ephemeral)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("runBot after shutdown = %v, want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("runBot did not return after its context ended")
	}
	logs := stderr.String()
	if !strings.Contains(logs, "shutting down") || !strings.Contains(logs, "discord request") {
		t.Errorf("logs lack the shutdown or debug lines:\n%s", logs)
	}
	if strings.Contains(logs, token) {
		t.Errorf("logs contain the token")
	}
	// The store was closed: another process could open it now.
	if err := runBot(context.Background(), []string{"--db", db}, env{getenv: getenvFrom(nil), stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}); err != nil {
		t.Errorf("reopening the store after shutdown: %v", err)
	}
}

func TestRunBot_Usage(t *testing.T) {
	e := env{getenv: getenvFrom(nil), stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	err := runBot(context.Background(), []string{"extra"}, e)
	var ue usageError
	if !errors.As(err, &ue) {
		t.Errorf("runBot with an argument = %v, want a usage error", err)
	}
}

// TestRunBot_BadAPIBaseOpensNothing gives DISCORD_API_BASE values that are
// not absolute http or https URLs: each is a usage error naming the
// variable, found before the store file is created.
func TestRunBot_BadAPIBaseOpensNothing(t *testing.T) {
	for _, base := range []string{"ftp://nope", "discord.com", "/api", "http://", "https://discord.com/?x=1", "http://[::1"} {
		t.Run(base, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "briefbot.db")
			e := env{getenv: getenvFrom(map[string]string{"DISCORD_TOKEN": "x", "DISCORD_API_BASE": base, "BRIEFBOT_DB": db}),
				stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
			err := runBot(context.Background(), nil, e)
			var ue usageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), "DISCORD_API_BASE") {
				t.Errorf("runBot = %v, want a usage error naming DISCORD_API_BASE", err)
			}
			if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the store file was created (stat: %v); a bad API base should stop briefbot before it", err)
			}
		})
	}
}

// TestRun_NoArgumentsOpensConsole is `briefbot` and `briefbot --db PATH`
// with no token: both open the console.
func TestRun_NoArgumentsOpensConsole(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{nil, {"--db", filepath.Join(dir, "flag.db")}} {
		var out bytes.Buffer
		e := env{getenv: getenvFrom(map[string]string{"BRIEFBOT_DB": filepath.Join(dir, "env.db")}),
			stdin: strings.NewReader("/help\n"), stdout: &out, stderr: &bytes.Buffer{}}
		if err := run(context.Background(), args, e); err != nil {
			t.Fatalf("run(%q) = %v", args, err)
		}
		if !strings.Contains(out.String(), "/quotes person:… [limit:…]") {
			t.Errorf("run(%q) did not open the console:\n%s", args, out.String())
		}
	}
	for _, name := range []string{"env.db", "flag.db"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("store %s not used: %v", name, err)
		}
	}
}

// TestIsTerminal: /dev/null is a character device but not a terminal, so
// `briefbot < /dev/null` runs no lines and exits instead of prompting; a
// pipe and a plain reader are not terminals either.
func TestIsTerminal(t *testing.T) {
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if isTerminal(null) {
		t.Errorf("isTerminal(%s) = true, want false", os.DevNull)
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	if isTerminal(pr) {
		t.Error("isTerminal(pipe) = true, want false")
	}
	if isTerminal(strings.NewReader("")) {
		t.Error("isTerminal(strings.Reader) = true, want false")
	}
}

// TestServeConsole_DevNull runs the console on /dev/null as its standard
// input: no greeting, no prompt, and it returns at once.
func TestServeConsole_DevNull(t *testing.T) {
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	var out bytes.Buffer
	e := env{getenv: getenvFrom(map[string]string{"BRIEFBOT_DB": filepath.Join(t.TempDir(), "briefbot.db")}),
		stdin: null, stdout: &out, stderr: &bytes.Buffer{}}
	if err := runBot(context.Background(), nil, e); err != nil {
		t.Fatalf("runBot < /dev/null = %v", err)
	}
	if out.Len() != 0 {
		t.Errorf("runBot < /dev/null wrote %q, want nothing (no greeting or prompt)", out.String())
	}
}
