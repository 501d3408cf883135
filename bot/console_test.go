package bot

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func testConsole(t *testing.T, s Store) *Console {
	t.Helper()
	c, err := NewConsole(Config{Store: s, Now: func() time.Time { return testNow }, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestConsole_Parse(t *testing.T) {
	c := testConsole(t, fixtureStore(t))
	tests := []struct {
		line    string
		command string
		options map[string]any
		err     string
	}{
		{line: "/quotes person:Borrell", command: "quotes", options: map[string]any{"person": "Borrell"}},
		{line: "/quotes person:Josep Borrell limit:3", command: "quotes", options: map[string]any{"person": "Josep Borrell", "limit": 3.0}},
		{line: `/summary query:"EU: Russia talks"`, command: "summary", options: map[string]any{"query": "EU: Russia talks"}},
		{line: "/upcoming days:30 from:2021-02-12", command: "upcoming", options: map[string]any{"days": 30.0, "from": "2021-02-12"}},
		{line: "/briefing setup channel:#digest time:08:30 timezone:Europe/Brussels", command: "briefing setup",
			options: map[string]any{"channel": "digest", "time": "08:30", "timezone": "Europe/Brussels"}},
		{line: "/briefing feeds add url:https://example.org/feed", command: "briefing feeds add", options: map[string]any{"url": "https://example.org/feed"}},
		{line: "/ingest path:article.txt", command: "ingest", options: map[string]any{"path": "article.txt"}},
		{line: "/digest", command: "digest", options: map[string]any{}},
		{line: "/quotes Borrell", err: "write options as name:value"},
		{line: "/quotes limit:3", err: "needs person:"},
		{line: "/quotes person:Borrell limit:many", err: `limit: "many" is not a whole number`},
		{line: "/upcoming days:200", err: "days must be between 1 and 90"},
		{line: "/briefing", err: "needs a subcommand: feeds add, feeds list, feeds remove, setup, show"},
		{line: "/nosuch", err: `unknown command "/nosuch"`},
		{line: "quotes person:x", err: "commands start with a slash"},
		{line: "/ingest", err: "needs url:ADDRESS or path:FILE"},
		{line: "/digest now:yes", err: "takes no options"},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			r, _, err := c.parse(tc.line)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("parse(%q) error = %v, want one containing %q", tc.line, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse(%q): %v", tc.line, err)
			}
			if r.Command != tc.command {
				t.Errorf("command = %q, want %q", r.Command, tc.command)
			}
			got := map[string]any{}
			for k, o := range r.Options {
				got[k] = o.Value
			}
			if len(got) != len(tc.options) {
				t.Errorf("options = %v, want %v", got, tc.options)
			}
			for k, v := range tc.options {
				if got[k] != v {
					t.Errorf("option %s = %#v, want %#v", k, got[k], v)
				}
			}
		})
	}
}

// TestConsole_Script runs a script the way a pipe would feed it and
// compares the whole transcript with a golden file.
func TestConsole_Script(t *testing.T) {
	db := fixtureStore(t)
	c := testConsole(t, db)
	dir := t.TempDir()
	article := filepath.Join(dir, "envoys.txt")
	body := "Envoys agree to meet again in spring\n\nPublished: 2021-02-09\nSource: Example Gazette\n\n" +
		"Two envoys met in Vienna on Tuesday and agreed to meet again in April, officials said.\n\n" +
		"\"We have made real progress today,\" said Anna Lindqvist, the Swedish envoy.\n"
	if err := os.WriteFile(article, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	script := strings.Join([]string{
		"# a comment, skipped",
		"/summary article:envoy-visit",
		"/quotes person:Borrell limit:2",
		"next",
		"prev",
		"/quotes person:Borel",
		"/upcoming days:20",
		"/briefing setup channel:#digest time:08:30 timezone:brussels",
		"/briefing show",
		"/help",
	}, "\n")
	var out bytes.Buffer
	err := c.Run(context.Background(), strings.NewReader(script), &out, false)
	if err == nil || !strings.Contains(err.Error(), "1 of 9 commands failed") {
		t.Errorf("Run = %v, want one failed command reported", err)
	}
	got := strings.ReplaceAll(out.String(), dir, "DIR")
	golden(t, "console_script", []byte(got))
	for _, want := range []string{
		"EU envoy holds tense talks in Moscow as ties sour",
		"Quotes 3–4 of 14",
		`error: No quotes from "Borel". Did you mean Josep Borrell?`,
		"Saved: a digest in #digest at 08:30 (Europe/Brussels). The console posts no digests",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	// What analysis finds in the file is briefing's business (and changes as
	// it improves), so this is checked apart from the golden transcript.
	text, err := c.Exec(context.Background(), "/ingest path:"+article)
	if err != nil || !strings.Contains(text, "Stored: Envoys agree to meet again in spring") {
		t.Errorf("ingest path: %v\n%s", err, text)
	}
	if _, err := db.Briefing(context.Background(), "envoys"); err != nil {
		t.Errorf("ingested article not in the store: %v", err)
	}
}

func TestConsole_CancelEndsInteractiveRun(t *testing.T) {
	c := testConsole(t, fixtureStore(t))
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() { done <- c.Run(ctx, r, &out, true) }()
	cancel() // as Ctrl-C would, with no line typed
	select {
	case err := <-done:
		if err != context.Canceled {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("console did not stop when its context was cancelled")
	}
}

// TestConsole_TimesInTheConfiguredZone: the console shows times in the
// zone of its digest settings, and in UTC before there are any, naming the
// zone each time; calendar dates stay the dates Discord shows.
func TestConsole_TimesInTheConfiguredZone(t *testing.T) {
	c := testConsole(t, fixtureStore(t))
	ctx := context.Background()
	preview, err := c.Exec(ctx, "/digest")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(preview, "Nothing new since") && !strings.Contains(preview, " UTC") {
		t.Errorf("before any settings, /digest does not say its times are UTC:\n%s", preview)
	}
	if _, err := c.Exec(ctx, "/briefing setup channel:general time:08:00 timezone:America/New_York"); err != nil {
		t.Fatal(err)
	}
	show, err := c.Exec(ctx, "/briefing show")
	if err != nil {
		t.Fatal(err)
	}
	// testNow is 09:30 UTC on 10 February 2021, 04:30 in New York: the
	// next digest is at 08:00 there that day.
	if want := "Next digest: Wednesday 10 February 2021 08:00 America/New_York"; !strings.Contains(show, want) {
		t.Errorf("/briefing show lacks %q:\n%s", want, show)
	}
	if strings.Contains(show, "UTC") {
		t.Errorf("/briefing show mixes in UTC times:\n%s", show)
	}
	if got := plainText("<t:1612958400:D>", mustZone(t, "Pacific/Auckland")); got != "10 February 2021" {
		t.Errorf("a calendar day reads %q in Auckland, want 10 February 2021 as Discord shows it", got)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
