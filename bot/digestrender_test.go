package bot

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/briefing"
	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

var updateDigest = flag.Bool("update-digest", false, "rewrite the golden files in testdata/digest")

func digestDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func digestEvent(id, date string, p briefing.Precision, what string) briefing.ScheduledEvent {
	d, err := briefing.ParseDate(date, p)
	if err != nil {
		panic(err)
	}
	return briefing.ScheduledEvent{Event: briefing.Event{Date: d, What: what, Evidence: "on " + date},
		Article: briefing.ArticleRef{ID: id, Title: "Headline " + id, URL: "https://news.example.org/" + id}}
}

func digestQuote(id, speaker, text string, partial bool) briefing.AttributedQuote {
	return briefing.AttributedQuote{
		Quote:   briefing.Quote{Speaker: speaker, SpeakerKey: briefing.PersonKey(speaker), Text: text, Partial: partial},
		Article: briefing.ArticleRef{ID: id, Title: "Headline " + id, URL: "https://news.example.org/" + id},
	}
}

// sampleDigest is a small digest with text that Markdown and mentions
// would mangle if it were not escaped.
func sampleDigest() briefing.Digest {
	return briefing.Digest{
		Date:  digestDay("2026-03-29"),
		Since: time.Date(2026, 3, 28, 1, 30, 0, 0, time.UTC),
		Articles: []briefing.DigestArticle{
			{ArticleRef: briefing.ArticleRef{ID: "a1", Title: "Ministers *agree* to reopen the harbour", Source: "The Harbour Gazette",
				URL: "https://news.example.org/a1", Published: digestDay("2026-03-28")},
				Summary: "Nordland and Estria agreed to reopen talks on the harbour at Vell. A draft is expected in June."},
			{ArticleRef: briefing.ArticleRef{ID: "a2", Title: "A page with no link or outlet"},
				Summary: "# Not a heading, and @everyone is not pinged."},
		},
		MoreArticles: 3,
		Quotes: []briefing.AttributedQuote{
			digestQuote("a1", "Anna Kovacs", "We have let this dispute run for far too long, and *both* our towns have paid for it.", false),
			digestQuote("a1", "Piotr Lind", "draw consequences", true),
		},
		Upcoming: []briefing.ScheduledEvent{
			digestEvent("a1", "2026-03-30", briefing.Day, "Ministers meet again in Vell"),
			digestEvent("a1", "2026-03-30", briefing.Week, "a week of technical talks"),
			digestEvent("a1", "2026-04", briefing.Month, "a draft agreement"),
		},
		MoreEvents: 2,
	}
}

func TestRenderDigest_Golden(t *testing.T) {
	tests := []struct {
		name string
		d    briefing.Digest
	}{
		{"sample", sampleDigest()},
		{"nothing-new", briefing.Digest{Date: digestDay("2026-03-29"), Since: time.Date(2026, 3, 28, 1, 30, 0, 0, time.UTC)}},
		{"nothing-new-but-events", briefing.Digest{Date: digestDay("2026-03-29"), Since: time.Date(2026, 3, 28, 1, 30, 0, 0, time.UTC),
			Upcoming: []briefing.ScheduledEvent{digestEvent("a1", "2026-03-30", briefing.Day, "Ministers meet again in Vell")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := renderDigest(tt.d)
			checkDigestMessages(t, msgs)
			var buf strings.Builder
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(msgs); err != nil {
				t.Fatal(err)
			}
			got := []byte(buf.String())
			path := filepath.Join("testdata", "digest", tt.name+".golden.json")
			if *updateDigest {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./bot -run TestRenderDigest_Golden -update-digest to create it)", err)
			}
			if diff := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(string(got))); diff != "" {
				t.Errorf("renderDigest(%s) mismatch (-want +got):\n%s", tt.name, diff)
			}
		})
	}
}

// checkDigestMessages checks every message against Discord's limits and the
// project's rules: no mentions, embeds only.
func checkDigestMessages(t *testing.T, msgs []channelMessage) {
	t.Helper()
	if len(msgs) == 0 {
		t.Fatal("no messages")
	}
	for i, m := range msgs {
		if p := limitProblems(&discordgo.InteractionResponseData{Content: m.Content, Embeds: m.Embeds}); len(p) > 0 {
			t.Errorf("message %d breaks Discord's limits: %s", i+1, strings.Join(p, "; "))
		}
		if total(m.Embeds) > digestMessageBudget+100 {
			t.Errorf("message %d: %d characters of embeds, over its budget", i+1, total(m.Embeds))
		}
		body, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var decoded struct {
			AllowedMentions map[string]any `json:"allowed_mentions"`
		}
		if err := json.Unmarshal(body, &decoded); err != nil {
			t.Fatal(err)
		}
		if parse, ok := decoded.AllowedMentions["parse"].([]any); !ok || len(parse) != 0 || decoded.AllowedMentions["users"] != nil || decoded.AllowedMentions["roles"] != nil {
			t.Errorf("message %d: allowed_mentions %v, want {\"parse\": []}", i+1, decoded.AllowedMentions)
		}
	}
}

func TestRenderDigest_EscapesArticleText(t *testing.T) {
	msgs := renderDigest(sampleDigest())
	var all strings.Builder
	for _, m := range msgs {
		for _, e := range m.Embeds {
			all.WriteString(e.Description + "\n")
		}
	}
	text := all.String()
	for _, want := range []string{
		`Ministers \*agree\* to reopen the harbour`,             // a title's Markdown shows as written
		`and \*both\* our towns`,                                // so does a quote's
		`\# Not a heading, and @` + zeroWidthSpace + `everyone`, // a summary cannot start a heading or ping
		"> “We have let this dispute",
		"…draw consequences…", // a fragment is marked as one
	} {
		if !strings.Contains(text, want) {
			t.Errorf("rendered digest lacks %q:\n%s", want, text)
		}
	}
}

// bigDigest is a digest at every bound, with long sentences full of
// characters that escaping doubles.
func bigDigest() briefing.Digest {
	d := briefing.Digest{Date: digestDay("2026-03-29"), Since: time.Date(2026, 3, 28, 1, 30, 0, 0, time.UTC), MoreArticles: 40, MoreEvents: 9}
	long := func(i int, n int) string {
		var b strings.Builder
		for b.Len() < n {
			fmt.Fprintf(&b, "Sentence %d says *this* and_that [in] <brackets> ", i)
		}
		return strings.TrimSpace(b.String()) + "."
	}
	for i := range briefing.MaxDigestArticles {
		id := fmt.Sprintf("a%02d", i)
		d.Articles = append(d.Articles, briefing.DigestArticle{
			ArticleRef: briefing.ArticleRef{ID: id, Title: strings.Repeat("Long_headline ", 30), Source: strings.Repeat("Outlet ", 30),
				URL: "https://news.example.org/" + id, Published: digestDay("2026-03-28")},
			Summary: long(i, 590),
		})
	}
	for i := range briefing.MaxDigestQuotes {
		d.Quotes = append(d.Quotes, digestQuote("a01", fmt.Sprintf("Speaker %d", i), long(100+i, 590), false))
	}
	for i := range briefing.MaxDigestEvents {
		d.Upcoming = append(d.Upcoming, digestEvent(fmt.Sprintf("e%02d", i), "2026-03-30", briefing.Day, long(200+i, 250)))
	}
	return d
}

// TestRenderDigest_SplitsWithoutCutting renders a digest at every bound and
// checks that it is split across messages within Discord's limits, with
// every entry whole, once, in order.
func TestRenderDigest_SplitsWithoutCutting(t *testing.T) {
	d := bigDigest()
	msgs := renderDigest(d)
	checkDigestMessages(t, msgs)
	if len(msgs) < 3 {
		t.Errorf("%d messages; a digest this size needs at least 3", len(msgs))
	}
	t.Logf("the largest digest takes %d messages", len(msgs))
	var descs []string
	for i, m := range msgs {
		if len(m.Embeds) == 0 || len(m.Embeds) > 10 {
			t.Errorf("message %d has %d embeds", i+1, len(m.Embeds))
		}
		last := m.Embeds[len(m.Embeds)-1]
		if want := fmt.Sprintf("part %d of %d", i+1, len(msgs)); last.Footer == nil || !strings.Contains(last.Footer.Text, want) {
			t.Errorf("message %d's footer %v does not say %q", i+1, last.Footer, want)
		}
		for _, e := range m.Embeds {
			descs = append(descs, e.Description)
		}
	}
	all := strings.Join(descs, "\n")
	var wants []string
	for _, a := range d.Articles {
		wants = append(wants, escape(a.Summary))
	}
	for _, q := range d.Quotes {
		wants = append(wants, escape(q.Text))
	}
	for _, ev := range d.Upcoming {
		wants = append(wants, escape(ev.What))
	}
	pos := -1
	for _, w := range wants {
		n := 0
		for _, desc := range descs {
			n += strings.Count(desc, w)
		}
		if n != 1 {
			t.Errorf("entry %.40q… appears whole %d times, want once", w, n)
			continue
		}
		at := strings.Index(all, w)
		if at < pos {
			t.Errorf("entry %.40q… is out of order", w)
		}
		pos = at
	}
	if !strings.Contains(all, "…and 40 more.") || !strings.Contains(all, "…and 9 more: /upcoming days:7") {
		t.Error("the counts of articles and events left out are missing")
	}
}

// TestSendAll_FakeDiscordAcceptsABigDigest posts the largest digest to the
// fake Discord, which checks each message against Discord's spec and
// limits, and checks the nonces.
func TestSendAll_FakeDiscordAcceptsABigDigest(t *testing.T) {
	fake := discordtest.New(t, discordtest.Options{})
	s := &Scheduler{rest: fakeREST(t, fake)}
	msgs := renderDigest(bigDigest())
	base := digestNonce("200000000000000001", "2026-03-29")
	ids, err := s.sendAll(context.Background(), "300000000000000001", base, msgs)
	if err != nil {
		t.Fatal(err)
	}
	got := fake.ChannelMessages("300000000000000001")
	if len(ids) != len(msgs) || len(got) != len(msgs) {
		t.Fatalf("sent %d of %d messages; the fake holds %d", len(ids), len(msgs), len(got))
	}
	for i, m := range got {
		if want := fmt.Sprintf("%s.%d", base, i+1); m.Nonce != want || len(m.Nonce) > 25 || m.Body["enforce_nonce"] != true {
			t.Errorf("message %d: nonce %q (enforce %v), want %q with enforce_nonce, at most 25 characters", i+1, m.Nonce, m.Body["enforce_nonce"], want)
		}
	}
	// Sending the same digest again (a retry after a crash) adds nothing.
	again, err := s.sendAll(context.Background(), "300000000000000001", base, renderDigest(bigDigest()))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(fake.ChannelMessages("300000000000000001")); n != len(msgs) || !cmp.Equal(again, ids) {
		t.Errorf("after a retry: %d messages (IDs %v, first %v), want the same %d", n, again, ids, len(msgs))
	}
}

func TestDigestNonce(t *testing.T) {
	a := digestNonce("200000000000000001", "2026-03-29")
	if len(partNonce(a, 999)) > 25 {
		t.Errorf("nonce %q is too long for Discord's 25 characters", partNonce(a, 999))
	}
	if a != digestNonce("200000000000000001", "2026-03-29") {
		t.Error("nonce is not deterministic")
	}
	for _, other := range []string{digestNonce("200000000000000002", "2026-03-29"), digestNonce("200000000000000001", "2026-03-30")} {
		if other == a {
			t.Errorf("nonce %q is shared by another server or day", a)
		}
	}
}

// TestEscapeText checks that the fast path gives escape's answer for text
// on one line, on text made single-spaced as the digest makes it.
func TestEscapeText(t *testing.T) {
	samples := []string{"", "plain words", "a-b c", "- list", "  - indented", "# heading", "1. first", "12. twelfth", "+ plus",
		"> quote", "mid > text", "a*b", "snake_case", "@everyone here", "mail@example.org", "<@123>", "back\\slash", "pipe|s",
		"[link](x)", "tilde~", "`code`", "naïve café", "“curly” quotes", "2026 was", "x\u00a0y", "end.  ", " lead"}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("ab -#>+1.*_@<[`é \u00a0\n")
	for range 2000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		samples = append(samples, b.String())
	}
	for _, s := range samples {
		flat := briefing.SingleSpaced(s)
		if got, want := escapeText(flat), escape(flat); got != want {
			t.Errorf("escapeText(%q) = %q, want escape's %q", flat, got, want)
		}
	}
}

// TestDigestQuoteEntry_LongSpeaker gives a quote a speaker name of 5,000
// characters: the entry stays short enough never to be cut, and its bold
// marks are closed.
func TestDigestQuoteEntry_LongSpeaker(t *testing.T) {
	speaker := strings.Repeat("Permanent Representation to the Conference ", 120)
	q := briefing.AttributedQuote{Quote: briefing.Quote{Speaker: speaker, Text: "We will keep talking."},
		Article: briefing.ArticleRef{ID: "a", Title: "Talks go on", URL: "https://news.example.org/a"}}
	e := digestQuoteEntry(q)
	if n := length(e); n > 600 {
		t.Errorf("entry is %d characters for a 5,000-character speaker", n)
	}
	if c := strings.Count(strings.ReplaceAll(e, `\*`, ""), "**"); c != 2 {
		t.Errorf("entry has %d bold marks, want an opening and a closing one:\n%s", c, e)
	}
	msgs := renderDigest(briefing.Digest{Date: day(2021, 2, 10), Since: day(2021, 2, 9), Quotes: []briefing.AttributedQuote{q},
		Articles: []briefing.DigestArticle{{ArticleRef: q.Article}}})
	for _, m := range msgs {
		for _, em := range m.Embeds {
			if c := strings.Count(strings.ReplaceAll(em.Description, `\*`, ""), "**"); c%2 != 0 {
				t.Errorf("an embed has an odd number of bold marks:\n%s", em.Description)
			}
		}
	}
}
