package discordtest

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// rawSession connects a plain discordgo session to the fake, as the docs in
// shared/discord/discordgo-testing.md recommend for tests.
func rawSession(t *testing.T, srv *Server, handler func(*discordgo.Session, *discordgo.InteractionCreate)) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New(srv.Token())
	if err != nil {
		t.Fatal(err)
	}
	s.Client = srv.Client()
	s.ShouldReconnectOnError = false
	s.Identify.Intents = discordgo.IntentsGuilds
	s.LogLevel = -1
	if handler != nil {
		s.AddHandler(handler)
	}
	if err := s.Open(); err != nil {
		t.Fatalf("open: %v", err)
	}
	if !srv.WaitConnected(5 * time.Second) {
		t.Fatal("session did not connect and heartbeat")
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

func TestServer_HandshakeAndReply(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{HeartbeatInterval: 200 * time.Millisecond})
	s := rawSession(t, srv, func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "hello " + ic.ApplicationCommandData().Name, AllowedMentions: noMentions()},
		})
		if err != nil {
			t.Errorf("respond: %v", err)
		}
	})
	if s.State.User == nil || s.State.User.ID != srv.AppID() {
		t.Fatalf("READY did not set the bot user: %+v", s.State.User)
	}
	it := srv.Send(Command("summary"))
	r, err := srv.Reply(it, 3*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if r.Type != 4 || r.Message["content"] != "hello summary" || r.Callbacks != 1 {
		t.Errorf("reply = %+v, want type 4 content %q", r, "hello summary")
	}
	if !srv.WaitFor(2*time.Second, func() bool { return srv.Gateway().Heartbeats >= 3 }) {
		t.Errorf("heartbeats = %d, want at least 3 at 200ms", srv.Gateway().Heartbeats)
	}
}

func TestServer_ResumeReplaysMissedEvents(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	got := make(chan string, 4)
	s, err := discordgo.New(srv.Token())
	if err != nil {
		t.Fatal(err)
	}
	s.Client = srv.Client()
	s.LogLevel = -1
	s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) { got <- ic.ID })
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	srv.WaitConnected(5 * time.Second)
	first := srv.Send(Command("summary"))
	if id := <-got; id != first.ID {
		t.Fatalf("got %s, want %s", id, first.ID)
	}
	srv.DropGateway()
	missed := srv.Send(Command("quotes")) // sent while the client is away
	select {
	case id := <-got:
		if id != missed.ID {
			t.Fatalf("after resume got %s, want the missed %s", id, missed.ID)
		}
	case <-time.After(8 * time.Second):
		t.Fatal("missed interaction never delivered after the drop")
	}
	st := srv.Gateway()
	if st.Resumes != 1 || st.Identifies != 1 || st.ResumedAt[0] != first.Seq {
		t.Errorf("gateway = %+v, want one IDENTIFY and one RESUME from seq %d", st, first.Seq)
	}
}

func TestServer_ChecksBodies(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 257)
	tests := []struct {
		name string
		resp *discordgo.InteractionResponse
		want string
	}{
		{"title over 256", &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{
			Embeds: []*discordgo.MessageEmbed{{Title: long}}, AllowedMentions: noMentions()}}, "maxLength 256"},
		{"no allowed_mentions", &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "hi"}}, "allowed_mentions: missing"},
		{"null parse", &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "hi",
			AllowedMentions: &discordgo.MessageAllowedMentions{}}}, "want an empty list"},
		{"parse everyone", &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "hi",
			AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{"everyone"}}}}, "allows mentions"},
		{"content over 2000", &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{
			Content: strings.Repeat("y", 2001), AllowedMentions: noMentions()}}, "maxLength 2000"},
		{"embeds over 6000", &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{AllowedMentions: noMentions(),
			Embeds: []*discordgo.MessageEmbed{{Description: strings.Repeat("a", 4000)}, {Description: strings.Repeat("b", 2001)}}}}, "more than 6000"},
		{"26 fields", &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{AllowedMentions: noMentions(),
			Embeds: []*discordgo.MessageEmbed{{Title: "t", Fields: make26Fields()}}}}, "maxItems 25"},
		{"blank field", &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{AllowedMentions: noMentions(),
			Embeds: []*discordgo.MessageEmbed{{Title: "t", Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: " "}}}}}}, "blank"},
		{"wrong type", &discordgo.InteractionResponse{Type: 8, Data: &discordgo.InteractionResponseData{}}, "response type 8"},
		{"deferred with flags", &discordgo.InteractionResponse{Type: 5, Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsSuppressEmbeds}}, "flags"},
	}
	// One session for all cases: discordgo's Close sleeps a second.
	srv := New(t, Options{})
	rawSession(t, srv, func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		for _, tc := range tests {
			if tc.name == ic.ApplicationCommandData().Name {
				s.InteractionRespond(ic.Interaction, tc.resp)
			}
		}
	})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			it := srv.Send(Command(tc.name))
			// A request is recorded after all its checks have run.
			answered := func() bool {
				for _, r := range srv.Requests() {
					if strings.HasPrefix(r.Path, "/interactions/"+it.ID+"/") {
						return true
					}
				}
				return false
			}
			if !srv.WaitFor(3*time.Second, answered) {
				t.Fatalf("no response to %s", tc.name)
			}
			v := strings.Join(srv.TakeViolations(), "\n")
			if !strings.Contains(v, tc.want) {
				t.Errorf("violations:\n%s\nwant one mentioning %q", v, tc.want)
			}
		})
	}
}

func make26Fields() []*discordgo.MessageEmbedField {
	var f []*discordgo.MessageEmbedField
	for range 26 {
		f = append(f, &discordgo.MessageEmbedField{Name: "n", Value: "v"})
	}
	return f
}

func TestServer_ChecksCommands(t *testing.T) {
	t.Parallel()
	perm := int64(32)
	tests := []struct {
		name string
		cmd  *discordgo.ApplicationCommand
		want string
	}{
		{"upper case", &discordgo.ApplicationCommand{Name: "Summary", Description: "d"}, "upper-case"},
		{"space in name", &discordgo.ApplicationCommand{Name: "my summary", Description: "d"}, "does not match"},
		{"no description", &discordgo.ApplicationCommand{Name: "summary"}, "want 1 to 100"},
		{"long description", &discordgo.ApplicationCommand{Name: "summary", Description: strings.Repeat("d", 101)}, "maxLength 100"},
		{"required after optional", &discordgo.ApplicationCommand{Name: "quotes", Description: "d", Options: []*discordgo.ApplicationCommandOption{
			{Type: 3, Name: "a", Description: "d"}, {Type: 3, Name: "b", Description: "d", Required: true}}}, "required options must come first"},
		{"autocomplete with choices", &discordgo.ApplicationCommand{Name: "quotes", Description: "d", Options: []*discordgo.ApplicationCommandOption{
			{Type: 3, Name: "a", Description: "d", Autocomplete: true, Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "x", Value: "x"}}}}}, "autocomplete and choices"},
		{"over 8000", &discordgo.ApplicationCommand{Name: "big", Description: "d", DefaultMemberPermissions: &perm, Options: bigOptions()}, "more than 8000"},
	}
	srv := New(t, Options{})
	s := rawSession(t, srv, nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.ApplicationCommandBulkOverwrite(srv.AppID(), "", []*discordgo.ApplicationCommand{tc.cmd})
			if err == nil {
				t.Errorf("bulk overwrite accepted %s", tc.name)
			}
			v := strings.Join(srv.TakeViolations(), "\n")
			if !strings.Contains(v, tc.want) {
				t.Errorf("violations:\n%s\nwant one mentioning %q", v, tc.want)
			}
		})
	}
}

func bigOptions() []*discordgo.ApplicationCommandOption {
	var opts []*discordgo.ApplicationCommandOption
	for i := range 25 {
		var choices []*discordgo.ApplicationCommandOptionChoice
		for j := range 25 {
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: strings.Repeat("c", 20), Value: string(rune('a'+i)) + string(rune('a'+j))})
		}
		opts = append(opts, &discordgo.ApplicationCommandOption{Type: 3, Name: "o" + string(rune('a'+i)), Description: "d", Choices: choices})
	}
	return opts
}

func TestServer_RateLimitAndErrors(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := rawSession(t, srv, nil)
	srv.FailNext("POST", "/channels/", 1, Fault{Status: 429, RetryAfter: 0.2})
	start := time.Now()
	_, err := s.ChannelMessageSendComplex("42", &discordgo.MessageSend{Content: "hi", AllowedMentions: noMentions()})
	if err != nil {
		t.Fatalf("send after 429: %v", err)
	}
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Errorf("retried after %v, before retry_after 200ms", d)
	}
	srv.FailNext("POST", "/channels/", 1, Fault{Status: 500})
	if _, err := s.ChannelMessageSendComplex("42", &discordgo.MessageSend{Content: "hi", AllowedMentions: noMentions()}); err == nil {
		t.Error("500 was not an error")
	}
	if n := len(srv.ChannelMessages("42")); n != 1 {
		t.Errorf("channel holds %d messages, want 1 (the 429 and the 500 store nothing)", n)
	}
}

func TestServer_EnforceNonce(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := rawSession(t, srv, nil)
	body := map[string]any{"content": "digest", "nonce": "digest-2021-02-22", "enforce_nonce": true,
		"allowed_mentions": map[string]any{"parse": []string{}}}
	var ids []string
	for range 2 {
		resp, err := s.RequestWithBucketID("POST", discordgo.EndpointChannelMessages("42"), body, discordgo.EndpointChannelMessages("42"))
		if err != nil {
			t.Fatal(err)
		}
		var m discordgo.Message
		if err := discordgo.Unmarshal(resp, &m); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ID)
	}
	if ids[0] != ids[1] || len(srv.ChannelMessages("42")) != 1 {
		t.Errorf("two posts with one enforced nonce gave ids %v and %d messages, want one message", ids, len(srv.ChannelMessages("42")))
	}
}

func TestFindSpec_MissingFailsClearly(t *testing.T) {
	t.Setenv(SpecEnv, "/nonexistent/openapi.json")
	_, err := findSpec()
	if err == nil || !strings.Contains(err.Error(), SpecEnv) {
		t.Errorf("findSpec with a bad %s = %v, want an error naming it", SpecEnv, err)
	}
}

func TestSpec_Operation(t *testing.T) {
	spec, err := LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ method, path, want string }{
		{"POST", "/interactions/1/tok/callback", "create_interaction_response"},
		{"PATCH", "/webhooks/1/tok/messages/@original", "update_original_webhook_message"},
		{"PATCH", "/webhooks/1/tok/messages/2", "update_webhook_message"},
		{"PUT", "/applications/1/guilds/2/commands", "bulk_set_guild_application_commands"},
		{"POST", "/channels/1/messages", "create_message"},
	}
	for _, tc := range tests {
		if got, _, _ := spec.Operation(tc.method, tc.path); got != tc.want {
			t.Errorf("Operation(%s %s) = %q, want %q", tc.method, tc.path, got, tc.want)
		}
	}
}

// manualClock is a clock a test moves by hand.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// TestServer_LateResponsesAreUnknown checks Discord's timing rules as the
// fake keeps them: a first response after 3 seconds, or an edit after 15
// minutes, is answered 404 Unknown interaction, and is not a violation.
func TestServer_LateResponsesAreUnknown(t *testing.T) {
	t.Parallel()
	clock := &manualClock{now: time.Now()}
	srv := New(t, Options{Now: clock.Now})
	s := rawSession(t, srv, nil)
	interaction := func(it *Interaction) *discordgo.Interaction {
		return &discordgo.Interaction{ID: it.ID, AppID: srv.AppID(), Token: it.Token, Type: discordgo.InteractionApplicationCommand}
	}
	reply := &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "hi", AllowedMentions: noMentions()}}
	unknown := func(t *testing.T, err error) {
		t.Helper()
		var re *discordgo.RESTError
		if !errors.As(err, &re) || re.Response.StatusCode != 404 || re.Message == nil || re.Message.Code != 10062 {
			t.Errorf("err = %v, want 404 Unknown interaction (10062)", err)
		}
	}

	inTime := srv.Send(Command("summary"))
	clock.add(ReplyWindow - 100*time.Millisecond)
	if err := s.InteractionRespond(interaction(inTime), reply); err != nil {
		t.Errorf("a response inside the window: %v", err)
	}

	late := srv.Send(Command("summary"))
	clock.add(ReplyWindow + 100*time.Millisecond)
	unknown(t, s.InteractionRespond(interaction(late), reply))
	if r, _ := srv.ReplyNow(late); r.Callbacks != 0 {
		t.Errorf("a late response was accepted: %+v", r)
	}

	deferred := srv.Send(Command("summary"))
	if err := s.InteractionRespond(interaction(deferred), &discordgo.InteractionResponse{Type: 5}); err != nil {
		t.Fatal(err)
	}
	content := "done"
	clock.add(TokenLifetime - time.Second)
	if _, err := s.InteractionResponseEdit(interaction(deferred), &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()}); err != nil {
		t.Errorf("an edit inside the token's lifetime: %v", err)
	}
	clock.add(2 * time.Second)
	_, err := s.InteractionResponseEdit(interaction(deferred), &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()})
	unknown(t, err)
	_, err = s.FollowupMessageCreate(interaction(deferred), true, &discordgo.WebhookParams{Content: "more", AllowedMentions: noMentions()})
	unknown(t, err)
	if v := srv.TakeViolations(); len(v) > 0 {
		t.Errorf("late calls are Discord's answers, not violations: %v", v)
	}
}
