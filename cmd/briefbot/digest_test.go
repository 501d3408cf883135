package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/google/go-cmp/cmp"
)

func digestDate(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// digestFixture is an article written for these tests, published on a
// date, with one quote and the given events.
func digestFixture(id, published, speaker, quote string, events ...briefing.Event) briefing.Briefing {
	return briefing.Briefing{
		Article: briefing.Article{
			ID: id, Title: "Harbour talks: " + id, Published: digestDate(published), Source: "The Harbour Gazette",
			URL:        "https://news.example.org/" + id,
			Paragraphs: []string{"Ministers met in Vell to talk about the harbour.", `"` + quote + `," ` + speaker + ` said.`},
		},
		Summary:  []string{"Ministers met in Vell to talk about the harbour (" + id + ").", "They will meet again."},
		People:   []briefing.Person{{Key: briefing.PersonKey(speaker), Name: speaker}},
		Quotes:   []briefing.Quote{{Speaker: speaker, SpeakerKey: briefing.PersonKey(speaker), Text: quote, Paragraph: 1}},
		Upcoming: events,
	}
}

func digestFixtureEvent(date string, p briefing.Precision, what string) briefing.Event {
	d, err := briefing.ParseDate(date, p)
	if err != nil {
		panic(err)
	}
	return briefing.Event{Date: d, What: what, Evidence: "on " + date}
}

// digestDB writes the fixtures to a new database, each stored at its time.
func digestDB(t *testing.T, stored map[string]briefing.Briefing, guilds []storage.Guild, sent map[string]time.Time) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "digest.db")
	var now time.Time
	db, err := storage.Open(path, storage.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for at, b := range stored {
		now = mustTime(t, at)
		if _, err := db.Put(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	for _, g := range guilds {
		if err := db.PutGuild(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	for key, at := range sent {
		guild, date, _ := strings.Cut(key, " ")
		now = at
		if _, _, err := db.ClaimDigest(ctx, guild, date, "n"); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkDigestSent(ctx, guild, date, []string{"1"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDigestCommand_Day(t *testing.T) {
	path := digestDB(t, map[string]briefing.Briefing{
		"2025-03-02T09:00:00Z": digestFixture("before", "2025-03-02", "Piotr Lind", "Nothing is settled yet, but the door is open again."),
		"2025-03-03T09:00:00Z": digestFixture("monday", "2025-03-03", "Anna Kovacs", "We have let this dispute run for far too long.",
			digestFixtureEvent("2025-03-03", briefing.Day, "a press conference on the digest's day"),
			digestFixtureEvent("2025-03-05", briefing.Day, "ministers meet again in Vell"),
			digestFixtureEvent("2025-03-09", briefing.Day, "the last day of the week ahead"),
			digestFixtureEvent("2025-03-10", briefing.Day, "a day too late"),
			digestFixtureEvent("2025-03", briefing.Month, "the month already under way")),
		"2025-03-03T10:00:00Z": digestFixture("monday-late", "2025-03-03", "Marta Ruiz", "The harbour matters to every family in both towns.",
			digestFixtureEvent("2025-04", briefing.Month, "a draft agreement")),
	}, nil, nil)

	out := mustCLI(t, map[string]string{"BRIEFBOT_DB": path}, "digest", "--json", "--date", "2025-03-03")
	var got digestJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	summary := func(id string) string {
		return "Ministers met in Vell to talk about the harbour (" + id + "). They will meet again."
	}
	want := digestJSON{
		Date: "2025-03-03",
		Articles: []digestArticleJSON{
			{ID: "monday", Title: "Harbour talks: monday", Source: "The Harbour Gazette", URL: "https://news.example.org/monday", Summary: summary("monday")},
			{ID: "monday-late", Title: "Harbour talks: monday-late", Source: "The Harbour Gazette", URL: "https://news.example.org/monday-late", Summary: summary("monday-late")},
		},
		Quotes: []quoteJSON{
			{Speaker: "Marta Ruiz", Text: "The harbour matters to every family in both towns.", ArticleID: "monday-late", Title: "Harbour talks: monday-late",
				Source: "The Harbour Gazette", URL: "https://news.example.org/monday-late", Published: "2025-03-03"},
			{Speaker: "Anna Kovacs", Text: "We have let this dispute run for far too long.", ArticleID: "monday", Title: "Harbour talks: monday",
				Source: "The Harbour Gazette", URL: "https://news.example.org/monday", Published: "2025-03-03"},
		},
		Upcoming: []eventJSON{
			{Date: "2025-03-03", Precision: briefing.Day, What: "a press conference on the digest's day", Evidence: "on 2025-03-03", ArticleID: "monday", Title: "Harbour talks: monday", URL: "https://news.example.org/monday"},
			{Date: "2025-03-05", Precision: briefing.Day, What: "ministers meet again in Vell", Evidence: "on 2025-03-05", ArticleID: "monday", Title: "Harbour talks: monday", URL: "https://news.example.org/monday"},
			{Date: "2025-03-09", Precision: briefing.Day, What: "the last day of the week ahead", Evidence: "on 2025-03-09", ArticleID: "monday", Title: "Harbour talks: monday", URL: "https://news.example.org/monday"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("digest --json mismatch (-want +got):\n%s", diff)
	}

	text := mustCLI(t, map[string]string{"BRIEFBOT_DB": path}, "digest", "--date", "2025-03-03")
	for _, w := range []string{"Daily briefing for Monday 3 March 2025", "2 articles published that day", "• Harbour talks: monday",
		"“We have let this dispute run for far too long.”", "The week ahead", "ministers meet again in Vell"} {
		if !strings.Contains(text, w) {
			t.Errorf("digest text lacks %q:\n%s", w, text)
		}
	}

	empty := mustCLI(t, map[string]string{"BRIEFBOT_DB": path}, "digest", "--json", "--date", "2024-01-01")
	if !strings.Contains(empty, `"articles": []`) || !strings.Contains(empty, `"upcoming": []`) {
		t.Errorf("an empty digest should have empty lists, not null:\n%s", empty)
	}
}

func TestDigestCommand_Guild(t *testing.T) {
	path := digestDB(t, map[string]briefing.Briefing{
		"2025-03-02T06:00:00Z": digestFixture("before-last", "2025-03-02", "Piotr Lind", "Nothing is settled yet, but the door is open again."),
		"2025-03-02T12:00:00Z": digestFixture("since-last", "2025-03-02", "Anna Kovacs", "We have let this dispute run for far too long."),
	}, []storage.Guild{{ID: "200000000000000001", ChannelID: "300000000000000001", DigestTime: "08:00", TimeZone: "Europe/Berlin"}},
		map[string]time.Time{"200000000000000001 2025-03-02": mustTime(t, "2025-03-02T07:00:00Z")})

	vars := map[string]string{"BRIEFBOT_DB": path}
	var got digestJSON
	out := mustCLI(t, vars, "digest", "--json", "--guild", "200000000000000001", "--date", "2025-03-03")
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if got.Date != "2025-03-03" || len(got.Articles) != 1 || got.Articles[0].ID != "since-last" {
		t.Errorf("server digest = %+v, want only the article stored since the previous digest", got)
	}
	text := mustCLI(t, vars, "digest", "--guild", "200000000000000001", "--date", "2025-03-03")
	if !strings.Contains(text, "1 new article since Sun 2 Mar 2025 08:00 CET") {
		t.Errorf("server digest text does not say since when, in the server's zone:\n%s", text)
	}
}

func TestDigestCommand_Errors(t *testing.T) {
	path := digestDB(t, nil, nil, nil)
	vars := map[string]string{"BRIEFBOT_DB": path}
	tests := []struct {
		args  []string
		want  string
		usage bool
	}{
		{[]string{"digest", "--tz", "Mars/Olympus_Mons"}, "not a time zone briefbot knows", true},
		{[]string{"digest", "--tz", "Local"}, "not a zone name", true},
		{[]string{"digest", "--date", "3/3/2025"}, "not a date", true},
		{[]string{"digest", "tomorrow"}, "takes no arguments", true},
		{[]string{"digest", "--guild", "404"}, "has no briefing settings", false},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, _, err := cli(t, vars, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
			if got := exitCode(err) == 2; got != tt.usage {
				t.Errorf("exit code %d, usage error %v", exitCode(err), tt.usage)
			}
		})
	}
	_, _, err := cli(t, map[string]string{"BRIEFBOT_DB": filepath.Join(t.TempDir(), "none.db")}, "digest")
	if err == nil || !strings.Contains(err.Error(), "no database") {
		t.Errorf("digest on a missing database: %v, want a clear error", err)
	}
}

// TestDigestCommand_OneWeekAhead checks that the digest of a date and a
// server's digest of that date (the scheduler's) have the same week ahead:
// the seven days starting on the date.
func TestDigestCommand_OneWeekAhead(t *testing.T) {
	path := digestDB(t, map[string]briefing.Briefing{
		"2025-03-02T12:00:00Z": digestFixture("agenda", "2025-03-02", "Anna Kovacs", "We have let this dispute run for far too long.",
			digestFixtureEvent("2025-03-02", briefing.Day, "the day before the digest"),
			digestFixtureEvent("2025-03-03", briefing.Day, "the digest's own day"),
			digestFixtureEvent("2025-03-09", briefing.Day, "the seventh day"),
			digestFixtureEvent("2025-03-10", briefing.Day, "the eighth day")),
	}, []storage.Guild{{ID: "200000000000000001", ChannelID: "300000000000000001", DigestTime: "08:00", TimeZone: "UTC"}}, nil)
	vars := map[string]string{"BRIEFBOT_DB": path}
	week := func(args ...string) []string {
		var d digestJSON
		if err := json.Unmarshal([]byte(mustCLI(t, vars, append([]string{"digest", "--json", "--date", "2025-03-03"}, args...)...)), &d); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, ev := range d.Upcoming {
			out = append(out, ev.What)
		}
		return out
	}
	want := []string{"the digest's own day", "the seventh day"}
	if got := week(); !cmp.Equal(got, want) {
		t.Errorf("digest of the date: week ahead %q, want %q", got, want)
	}
	if got := week("--guild", "200000000000000001"); !cmp.Equal(got, want) {
		t.Errorf("the server's digest: week ahead %q, want %q", got, want)
	}
}
