package bot

import (
	"bytes"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/bwmarrin/discordgo"
)

func guildWith(clock, zone string) storage.Guild {
	return storage.Guild{ID: "g", ChannelID: "c", DigestTime: clock, TimeZone: zone}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"**bold** and _it_", `\*\*bold\*\* and \_it\_`},
		{"`code` ~~gone~~ ||spoiler||", "\\`code\\` \\~\\~gone\\~\\~ \\|\\|spoiler\\|\\|"},
		{"[text](https://x.example)", `\[text\](https://x.example)`},
		{"@everyone and @here", "@\u200beveryone and @\u200bhere"},
		{"<@123> <#456> <t:1:R>", `\<@123> \<#456> \<t:1:R>`},
		{"# Title", `\# Title`},
		{"not # a title", "not # a title"},
		{"- item\n> quote\n1. first", "\\- item\n\\> quote\n1\\. first"},
		{"12. twelfth\n2021. a year", "12\\. twelfth\n2021\\. a year"},
		{"1234567890. too long for a list", "1234567890. too long for a list"},
		{"3.5 percent", "3.5 percent"},
		{"a - b > c", "a - b > c"},
		{`back\slash`, `back\\slash`},
	}
	for _, tc := range tests {
		if got := escape(tc.in); got != tc.want {
			t.Errorf("escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := unescape(strings.ReplaceAll(escape(tc.in), zeroWidthSpace, "")); got != tc.in {
			t.Errorf("unescape(escape(%q)) = %q", tc.in, got)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"one two three four", 12, "one two…"},
		{"ünïcödé wörds hère", 14, "ünïcödé wörds…"},
		{strings.Repeat("x", 20), 10, strings.Repeat("x", 9) + "…"},
		{`ends with \* escape`, 11, `ends with…`},
		{`abc\*def ghi`, 5, `abc…`},
	}
	for _, tc := range tests {
		got := truncate(tc.in, tc.max)
		if got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
		if length(got) > tc.max {
			t.Errorf("truncate(%q, %d) is %d long", tc.in, tc.max, length(got))
		}
	}
}

func TestEventDate(t *testing.T) {
	d := func(s string, p briefing.Precision) briefing.Date {
		x, err := briefing.ParseDate(s, p)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	tests := []struct {
		date briefing.Date
		want string
	}{
		{d("2021-02-22", briefing.Day), "<t:1613995200:D>"},
		{d("2021-02-15", briefing.Week), "week of <t:1613390400:D>"},
		{d("2021-03", briefing.Month), "March 2021"},
		{d("2021", briefing.Year), "2021"},
	}
	for _, tc := range tests {
		if got := eventDate(tc.date); got != tc.want {
			t.Errorf("eventDate(%v) = %q, want %q", tc.date, got, tc.want)
		}
	}
	// Noon UTC keeps the calendar day for readers from UTC-11 to UTC+11
	// (New Zealand in summer, at +13, sees the next day).
	for _, zone := range []string{"America/Los_Angeles", "Pacific/Honolulu", "Asia/Tokyo", "Australia/Sydney"} {
		loc, _ := time.LoadLocation(zone)
		if got := time.Unix(1613995200, 0).In(loc).Day(); got != 22 {
			t.Errorf("in %s the timestamp falls on day %d", zone, got)
		}
	}
}

func TestRedactor(t *testing.T) {
	var r redactor
	r.add("Bot-token.ABC")
	tests := []struct{ in, want string }{
		{"authorization: Bot-token.ABC here", "authorization: [redacted] here"},
		{"POST https://discord.com/api/v9/interactions/123/aW50ZXJhY3Rpb24/callback", "POST https://discord.com/api/v9/interactions/123/[token]/callback"},
		{"PATCH /api/v9/webhooks/55/tok.en-x/messages/@original", "PATCH /api/v9/webhooks/55/[token]/messages/@original"},
		{`{"id":"1","token":"itok-9","type":2}`, `{"id":"1","token":"[redacted]","type":2}`},
		{`msg="{\"token\":\"itok-9\"}"`, `msg="{\"token\":\"[redacted]\"}"`},
	}
	for _, tc := range tests {
		if got := r.redact(tc.in); got != tc.want {
			t.Errorf("redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRedactHandler(t *testing.T) {
	var buf bytes.Buffer
	r := &redactor{}
	r.add("s3cret-token")
	log := slog.New(redactHandler{next: slog.NewTextHandler(&buf, nil), r: r})
	log.With("k", "with s3cret-token").Info("message s3cret-token", "err", errors.New("failed: s3cret-token"),
		slog.Group("g", "inner", "s3cret-token"), "n", 3)
	if strings.Contains(buf.String(), "s3cret") {
		t.Errorf("log line holds the secret: %s", buf.String())
	}
	if !strings.Contains(buf.String(), "n=3") || strings.Count(buf.String(), "[redacted]") != 4 {
		t.Errorf("log line lost attributes: %s", buf.String())
	}
}

func TestZones(t *testing.T) {
	z := loadZones()
	if len(z.names) < 400 {
		t.Fatalf("%d zones; the list is incomplete", len(z.names))
	}
	for _, n := range z.names {
		if _, err := time.LoadLocation(n); err != nil {
			t.Errorf("listed zone %s does not load: %v", n, err)
		}
	}
	for typed, want := range map[string]string{"europe/brussels": "Europe/Brussels", "Brussels": "Europe/Brussels", "new york": "America/New_York", "UTC": "UTC", "US/Eastern": "US/Eastern"} {
		if got, _, ok := z.resolve(typed); !ok || got != want {
			t.Errorf("resolve(%q) = %q, %v; want %q", typed, got, ok, want)
		}
	}
	for _, bad := range []string{"", "Local", "Mars/Olympus", "../../etc/passwd"} {
		if got, _, ok := z.resolve(bad); ok {
			t.Errorf("resolve(%q) = %q, want refused", bad, got)
		}
	}
	c := z.complete("york")
	if len(c) == 0 || c[0].Value != "America/New_York" {
		t.Errorf("complete(york) = %v", c)
	}
	if c := z.complete(""); len(c) != maxChoices {
		t.Errorf("complete(\"\") gave %d choices, want %d", len(c), maxChoices)
	}
}

func TestParseClock(t *testing.T) {
	for in, ok := range map[string]bool{"08:30": true, "8:30": true, "23:59": true, "00:00": true, "24:00": false, "8:3": false, "0830": false, "ab:cd": false, "": false} {
		if _, _, got := parseClock(in); got != ok {
			t.Errorf("parseClock(%q) ok = %v, want %v", in, got, ok)
		}
	}
}

func TestNextDigest(t *testing.T) {
	now := time.Date(2021, 3, 27, 23, 0, 0, 0, time.UTC) // the night before Europe's clocks go forward
	at, ok := nextDigest(guildWith("08:30", "Europe/Brussels"), now)
	if !ok || !at.Equal(time.Date(2021, 3, 28, 6, 30, 0, 0, time.UTC)) {
		t.Errorf("next digest = %v, want 06:30 UTC (08:30 CEST)", at.UTC())
	}
}

func TestSeenSet(t *testing.T) {
	var s seenSet
	if !s.add("a") || s.add("a") {
		t.Fatal("a second delivery of an ID was not caught")
	}
	for i := range seenMax {
		s.add(strconv.Itoa(i))
	}
	if len(s.ids) != seenMax || len(s.ring) != seenMax {
		t.Errorf("set holds %d ids in a ring of %d, want %d", len(s.ids), len(s.ring), seenMax)
	}
	if !s.add("a") {
		t.Error("the oldest ID was not forgotten when the set was full")
	}
	if s.add(strconv.Itoa(seenMax - 1)) {
		t.Error("a recent ID was forgotten")
	}
}

func TestCreatedAt(t *testing.T) {
	received := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	snowflake := func(at time.Time) string {
		return strconv.FormatInt((at.UnixMilli()-discordEpoch)<<22|42, 10)
	}
	tests := []struct {
		name string
		id   string
		ok   bool
	}{
		{"half a second ago", snowflake(received.Add(-500 * time.Millisecond)), true},
		{"a little skew ahead", snowflake(received.Add(100 * time.Millisecond)), true},
		{"far in the future", snowflake(received.Add(time.Minute)), false},
		{"older than the window", snowflake(received.Add(-10 * time.Second)), false},
		{"not a number", "abc", false},
	}
	for _, tc := range tests {
		if _, ok := createdAt(tc.id, received); ok != tc.ok {
			t.Errorf("%s: createdAt ok = %v, want %v", tc.name, ok, tc.ok)
		}
	}
	i := &discordgo.Interaction{ID: snowflake(received.Add(-time.Second))}
	if d := replyDeadline(i, received); !d.Equal(received.Add(1900 * time.Millisecond)) {
		t.Errorf("reply deadline for an interaction a second old = %v after receipt, want 1.9s", d.Sub(received))
	}
	h := &handlers{deferAfter: time.Second}
	if at := h.deferAt(i, received); !at.Equal(received.Add(minDeferWait)) {
		t.Errorf("defer for a late interaction at %v after receipt, want %v", at.Sub(received), minDeferWait)
	}
}
