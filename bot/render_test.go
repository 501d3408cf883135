package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// opts builds a request's options from name/value pairs; int values
// become float64, as Discord's JSON decodes.
func opts(kv ...any) map[string]*discordgo.ApplicationCommandInteractionDataOption {
	m := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
	for i := 0; i < len(kv); i += 2 {
		name := kv[i].(string)
		switch v := kv[i+1].(type) {
		case int:
			m[name] = &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionInteger, Value: float64(v)}
		default:
			m[name] = &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: v}
		}
	}
	return m
}

func memberRequest(command string, o map[string]*discordgo.ApplicationCommandInteractionDataOption) *request {
	return &request{Command: command, Options: o, GuildID: "200000000000000001", ChannelID: "300000000000000001",
		UserID: "400000000000000001", Member: true, Permissions: permManageGuild}
}

// golden compares got with testdata/golden/name.golden, or rewrites it
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./bot -run %s -update to create it): %v", t.Name(), err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// renderReply is the golden form of a reply: the JSON Discord receives,
// then the console's text of it.
func renderReply(t *testing.T, data *discordgo.InteractionResponseData) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(data); err != nil {
		t.Fatal(err)
	}
	b.WriteString("----- console -----\n")
	b.WriteString(consoleText(data, time.UTC))
	return b.Bytes()
}

// checkReply asserts what every reply must satisfy: Discord's limits and
// no mentions.
func checkReply(t *testing.T, data *discordgo.InteractionResponseData) {
	t.Helper()
	if p := limitProblems(data); len(p) > 0 {
		t.Errorf("reply breaks Discord's limits: %v", p)
	}
	if data.AllowedMentions == nil || data.AllowedMentions.Parse == nil || len(data.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions = %+v, want an empty parse list", data.AllowedMentions)
	}
}

func TestRender_Golden(t *testing.T) {
	db := fixtureStore(t)
	h := testHandlers(t, db)
	ctx := context.Background()
	tests := []struct {
		name string
		run  func() (*discordgo.InteractionResponseData, error)
	}{
		{"summary_newest", func() (*discordgo.InteractionResponseData, error) {
			return h.summary(ctx, memberRequest("summary", opts()))
		}},
		{"summary_article", func() (*discordgo.InteractionResponseData, error) {
			return h.summary(ctx, memberRequest("summary", opts("article", "envoy-visit")))
		}},
		{"summary_query", func() (*discordgo.InteractionResponseData, error) {
			return h.summary(ctx, memberRequest("summary", opts("query", "Moscow talks")))
		}},
		{"quotes_borrell", func() (*discordgo.InteractionResponseData, error) {
			return h.quotes(ctx, memberRequest("quotes", opts("person", "Borrell")))
		}},
		{"quotes_borrell_page2", func() (*discordgo.InteractionResponseData, error) {
			return h.quotesButton(ctx, memberRequest("", nil), []string{"5:5:josep-borrell"})
		}},
		{"quotes_borrell_limit3", func() (*discordgo.InteractionResponseData, error) {
			return h.quotes(ctx, memberRequest("quotes", opts("person", "EU foreign policy chief Josep Borrell", "limit", 3)))
		}},
		{"quotes_everyone_markdown", func() (*discordgo.InteractionResponseData, error) {
			return h.quotes(ctx, memberRequest("quotes", opts("person", "Bo Tester")))
		}},
		{"quotes_long", func() (*discordgo.InteractionResponseData, error) {
			return h.quotes(ctx, memberRequest("quotes", opts("person", "Ada Example")))
		}},
		{"upcoming_default", func() (*discordgo.InteractionResponseData, error) {
			return h.upcoming(ctx, memberRequest("upcoming", opts()))
		}},
		{"upcoming_30_from", func() (*discordgo.InteractionResponseData, error) {
			return h.upcoming(ctx, memberRequest("upcoming", opts("days", 30, "from", "2021-02-12")))
		}},
		{"digest_preview", func() (*discordgo.InteractionResponseData, error) {
			return h.digest(ctx, memberRequest("digest", opts()))
		}},
		{"settings_show_empty", func() (*discordgo.InteractionResponseData, error) {
			return h.show(ctx, memberRequest("briefing show", opts()))
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tc.run()
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			checkReply(t, data)
			golden(t, tc.name, renderReply(t, data))
		})
	}
}

func TestRender_Errors(t *testing.T) {
	db := fixtureStore(t)
	h := testHandlers(t, db)
	ctx := context.Background()
	tests := []struct {
		name string
		run  func() (*discordgo.InteractionResponseData, error)
		want string
	}{
		{"misspelt person", func() (*discordgo.InteractionResponseData, error) {
			return h.quotes(ctx, memberRequest("quotes", opts("person", "Borel")))
		}, `No quotes from "Borel". Did you mean Josep Borrell?`},
		{"unknown person", func() (*discordgo.InteractionResponseData, error) {
			return h.quotes(ctx, memberRequest("quotes", opts("person", "Zzyzx Qwerty")))
		}, `No quotes from "Zzyzx Qwerty", and no similar name is stored.`},
		{"bad limit", func() (*discordgo.InteractionResponseData, error) {
			return h.quotes(ctx, memberRequest("quotes", opts("person", "Borrell", "limit", 50)))
		}, "a number from 1 to 10"},
		{"bad date", func() (*discordgo.InteractionResponseData, error) {
			return h.upcoming(ctx, memberRequest("upcoming", opts("from", "22/02/2021")))
		}, `"22/02/2021" is not a date. Write it as YYYY-MM-DD`},
		{"days out of range", func() (*discordgo.InteractionResponseData, error) {
			return h.upcoming(ctx, memberRequest("upcoming", opts("days", 91)))
		}, "a number from 1 to 90"},
		{"nothing coming up", func() (*discordgo.InteractionResponseData, error) {
			return h.upcoming(ctx, memberRequest("upcoming", opts("from", "2030-01-01", "days", 5)))
		}, "Nothing is coming up from 1 to 5 January 2030"},
		{"no matching article", func() (*discordgo.InteractionResponseData, error) {
			return h.summary(ctx, memberRequest("summary", opts("query", "zebra crossing")))
		}, `No stored article has all the words of "zebra crossing"`},
		{"bad time", func() (*discordgo.InteractionResponseData, error) {
			return h.setup(ctx, memberRequest("briefing setup", opts("channel", "300000000000000002", "time", "25:00", "timezone", "Europe/Brussels")))
		}, `"25:00" is not a time of day`},
		{"bad zone", func() (*discordgo.InteractionResponseData, error) {
			return h.setup(ctx, memberRequest("briefing setup", opts("channel", "300000000000000002", "time", "08:30", "timezone", "Mars/Olympus")))
		}, `"Mars/Olympus" is not a time zone`},
		{"bad feed", func() (*discordgo.InteractionResponseData, error) {
			return h.feedAdd(ctx, memberRequest("briefing feeds add", opts("url", "not a url")))
		}, "is not a web address"},
		{"ingest without fetcher", func() (*discordgo.InteractionResponseData, error) {
			return h.ingestURL(ctx, memberRequest("ingest", opts("url", "https://example.org/a")))
		}, "cannot fetch web pages"},
		{"ingest path from discord", func() (*discordgo.InteractionResponseData, error) {
			return h.ingestURL(ctx, memberRequest("ingest", opts("path", "/etc/passwd")))
		}, "Only the console can read files"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.run()
			var ue userError
			if !errorAs(err, &ue) {
				t.Fatalf("err = %v, want a message for the user", err)
			}
			if !strings.Contains(ue.msg, tc.want) {
				t.Errorf("message = %q, want it to contain %q", ue.msg, tc.want)
			}
			data := h.toData(err, memberRequest("x", nil), "1")
			if data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("error reply is not ephemeral")
			}
			checkReply(t, data)
		})
	}
}

func errorAs(err error, target *userError) bool {
	ue, ok := err.(userError)
	if ok {
		*target = ue
	}
	return ok
}

// TestRender_QuotedTextIsInert checks the replies that carry article text:
// no live mention, Markdown shown as written, the long quotation whole.
func TestRender_QuotedTextIsInert(t *testing.T) {
	db := fixtureStore(t)
	h := testHandlers(t, db)
	ctx := context.Background()
	data, err := h.quotes(ctx, memberRequest("quotes", opts("person", "Bo Tester")))
	if err != nil {
		t.Fatal(err)
	}
	d := data.Embeds[0].Description
	for _, bad := range []string{"@everyone", "**this**", "_now_", "`code`", "[a link]("} {
		if strings.Contains(d, bad) {
			t.Errorf("description holds live %q:\n%s", bad, d)
		}
	}
	if strings.Contains(strings.ReplaceAll(d, `\<@`, ""), "<@") {
		t.Errorf("description holds a live user mention:\n%s", d)
	}
	text := consoleText(data, time.UTC)
	if !strings.Contains(text, "@everyone should read **this** _now_ and see `code` and [a link](https://evil.example) <@123456> # heading") {
		t.Errorf("console text does not show the quotation as written:\n%s", text)
	}

	data, err = h.quotes(ctx, memberRequest("quotes", opts("person", "Ada Example")))
	if err != nil {
		t.Fatal(err)
	}
	if n := length(longQuotation()); n < 2900 {
		t.Fatalf("fixture quotation is %d characters, want about 3000", n)
	}
	if !strings.Contains(consoleText(data, time.UTC), longQuotation()) {
		t.Errorf("the 3,000-character quotation is not shown whole")
	}
}

// TestRender_QuotesPagesCoverEverything walks the Older buttons from the
// first page and checks that every quote appears exactly once, in order.
func TestRender_QuotesPagesCoverEverything(t *testing.T) {
	db := fixtureStore(t)
	h := testHandlers(t, db)
	ctx := context.Background()
	data, err := h.quotes(ctx, memberRequest("quotes", opts("person", "Josep Borrell", "limit", 4)))
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for page := 0; ; page++ {
		if page > 10 {
			t.Fatal("more than 10 pages for 14 quotes")
		}
		for _, line := range strings.Split(data.Embeds[0].Description, "\n") {
			if strings.HasPrefix(line, "> ") {
				seen = append(seen, line)
			}
		}
		next := button(data, 1)
		if next == nil || next.Disabled {
			break
		}
		name, args := parseCustomID(next.CustomID)
		if name != quotesPage {
			t.Fatalf("next button %q is not a quotes page", next.CustomID)
		}
		if data, err = h.quotesButton(ctx, memberRequest("", nil), args); err != nil {
			t.Fatal(err)
		}
		prev := button(data, 0)
		if prev == nil || prev.Disabled {
			t.Fatalf("page %d has no Newer button", page+2)
		}
	}
	all, total, err := db.QuotesBy(ctx, "josep-borrell", 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != total || total != len(all) {
		t.Fatalf("pages showed %d quotes, want all %d", len(seen), total)
	}
	for i, q := range all {
		if !strings.Contains(seen[i], escape(oneLine(q.Text))) {
			t.Errorf("quote %d on the pages is %q, want %q", i, seen[i], q.Text)
		}
	}
}

func button(data *discordgo.InteractionResponseData, i int) *discordgo.Button {
	if len(data.Components) == 0 {
		return nil
	}
	row, ok := data.Components[0].(discordgo.ActionsRow)
	if !ok || len(row.Components) <= i {
		return nil
	}
	b, ok := row.Components[i].(discordgo.Button)
	if !ok {
		return nil
	}
	return &b
}
