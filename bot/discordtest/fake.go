package discordtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// APIPrefix is the REST path prefix discordgo v0.29.0 uses (API v9).
const APIPrefix = "/api/v9"

// Discord's interaction timing rules.
const (
	// ReplyWindow is how long Discord waits for the first response to an
	// interaction before it invalidates the token.
	ReplyWindow = 3 * time.Second
	// TokenLifetime is how long an interaction token accepts edits and
	// follow-ups.
	TokenLifetime = 15 * time.Minute
)

// Options configures a fake Discord.
type Options struct {
	// Token is the bot token the fake expects, as the bot sends it in the
	// Authorization header and IDENTIFY ("Bot xyz"). Default "Bot test-token".
	Token string
	// AppID is the application (and bot user) ID. Default "100000000000000001".
	AppID string
	// HeartbeatInterval is sent in HELLO. Default 45s, Discord's usual value.
	HeartbeatInterval time.Duration
	// AllowMentions turns off the project rule that every message sets
	// allowed_mentions {"parse": []}; only for testing the fake itself.
	AllowMentions bool
	// Spec overrides the loaded openapi.json (tests of the fake itself).
	Spec *Spec
	// Now is the fake's clock: interaction IDs carry its time, and the
	// reply window and token lifetime are measured on it. Default
	// time.Now; tests of the fake's timing rules move it by hand.
	Now func() time.Time
}

// Server is a local Discord: REST under /api/v9 and a gateway websocket,
// both on loopback. It checks every request body against Discord's OpenAPI
// spec and documented limits, records what the bot sent, and can be told to
// fail requests (429, 500) or drop the gateway connection.
//
// Every violation is reported as a test error when the test ends; tests of
// the checks themselves take them first with TakeViolations.
type Server struct {
	// URL is the base URL to give the bot (DISCORD_API_BASE), "http://127.0.0.1:PORT".
	URL string

	t    testing.TB
	opts Options
	spec *Spec
	http *httptest.Server
	ids  atomic.Int64

	mu           sync.Mutex
	changed      chan struct{} // closed and replaced on every state change
	requests     []Request
	violations   []string
	commands     map[string][]map[string]any // "global" or guild ID → commands
	interactions map[string]*Interaction
	byToken      map[string]*Interaction
	messages     map[string][]Message // channel ID → messages
	nonces       map[string]Message   // channel ID + nonce → message created with enforce_nonce
	faults       []*fault

	gw gateway
}

// Request is one REST request the bot made.
type Request struct {
	Method string
	Path   string // without APIPrefix and query
	Query  string
	Header http.Header
	Body   []byte
	At     time.Time // when the request arrived, on the fake's clock
	Done   time.Time // when the fake had answered it
	Status int       // what the fake answered

	faulted bool // served, but answered with an injected error
}

// Message is a message the fake holds: a channel message, an interaction's
// original response or a follow-up.
type Message struct {
	ID        string
	ChannelID string
	Nonce     string
	Body      map[string]any // the request body that created or last edited it
	At        time.Time
}

// Fault makes the fake answer a request with an error instead of serving it.
type Fault struct {
	// Status is the HTTP status to answer: 429 (with RetryAfter), 500, 502...
	Status int
	// RetryAfter is the 429 body's retry_after, in seconds.
	RetryAfter float64
	// Global marks a 429 as the global rate limit (X-RateLimit-Global).
	Global bool
	// Processed serves the request first and then answers with the error,
	// as when Discord stored the reply but the response was lost.
	Processed bool
	// Code and Message are the JSON error's, for a status other than
	// 429: 50001 "Missing Access", 10003 "Unknown Channel". By default
	// code 0 and the status text.
	Code    int
	Message string
}

type fault struct {
	method, prefix string
	left           int
	Fault
}

// New starts a fake Discord for the test and stops it at the test's end,
// failing the test if any request broke the spec or the limits. It fails the
// test at once if Discord's openapi.json cannot be found.
func New(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.Token == "" {
		opts.Token = "Bot test-token"
	}
	if opts.AppID == "" {
		opts.AppID = "100000000000000001"
	}
	if opts.HeartbeatInterval == 0 {
		opts.HeartbeatInterval = 45 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	spec := opts.Spec
	if spec == nil {
		var err error
		spec, err = LoadSpec()
		if err != nil {
			t.Fatalf("fake discord needs Discord's OpenAPI spec to check requests: %v", err)
		}
	}
	s := &Server{
		t:            t,
		opts:         opts,
		spec:         spec,
		changed:      make(chan struct{}),
		commands:     map[string][]map[string]any{},
		interactions: map[string]*Interaction{},
		byToken:      map[string]*Interaction{},
		messages:     map[string][]Message{},
		nonces:       map[string]Message{},
	}
	s.gw.server = s
	mux := http.NewServeMux()
	mux.HandleFunc("/ws/", s.gw.serve)
	mux.HandleFunc("/", s.serveREST)
	s.http = httptest.NewServer(mux)
	s.URL = s.http.URL
	t.Cleanup(func() {
		s.gw.closeAll()
		s.http.CloseClientConnections()
		s.http.Close()
		for _, v := range s.TakeViolations() {
			t.Errorf("fake discord: %s", v)
		}
	})
	return s
}

// AppID is the application ID the fake uses in READY and interactions.
func (s *Server) AppID() string { return s.opts.AppID }

// Token is the bot token the fake expects ("Bot xyz").
func (s *Server) Token() string { return s.opts.Token }

// discordEpoch is the start of Discord's snowflake clock (2015-01-01 UTC).
const discordEpoch = 1420070400000

// NewID returns a fresh snowflake whose timestamp is now, as Discord's IDs
// carry their creation time (bots use it to know how old an interaction
// is). The low 22 bits count, so IDs made in one millisecond differ.
func (s *Server) NewID() string {
	n := s.ids.Add(1)
	ms := s.opts.Now().UnixMilli() - discordEpoch
	return strconv.FormatInt(ms<<22|n&(1<<22-1), 10)
}

// SnowflakeTime is the creation time a snowflake ID carries, to the
// millisecond; ok is false for an ID that is not a snowflake.
func SnowflakeTime(id string) (t time.Time, ok bool) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}, false
	}
	return time.UnixMilli(n>>22 + discordEpoch), true
}

// FailNext makes the next n requests whose method is method and whose path
// (without /api/v9) starts with prefix fail with f. A "" method matches any.
func (s *Server) FailNext(method, prefix string, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{method: method, prefix: prefix, left: n, Fault: f})
}

// Requests returns a copy of every REST request answered so far. A request
// is recorded just after its effects (a reply, a message) are visible, so
// a test that saw the effect and wants the record waits with WaitFor.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Violations returns the spec and limit violations so far.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// TakeViolations returns the violations so far and forgets them, so that a
// test that provokes one on purpose can check it and still pass.
func (s *Server) TakeViolations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.violations
	s.violations = nil
	return v
}

// Commands returns the commands last registered globally (guildID "") or to
// a guild.
func (s *Server) Commands(guildID string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commands[scope(guildID)]
}

// ChannelMessages returns the messages posted to a channel, oldest first.
func (s *Server) ChannelMessages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages[channelID]...)
}

// WaitFor waits until cond is true, checking it after every change to the
// fake (a request, a reply, a gateway event), or until the timeout passes.
// cond may call the Server's methods.
func (s *Server) WaitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ch := s.changed // taken before cond, so no change is missed
		s.mu.Unlock()
		if cond() {
			return true
		}
		select {
		case <-ch:
		case <-deadline.C:
			return false
		}
	}
}

func (s *Server) notify() {
	s.mu.Lock()
	s.notifyLocked()
	s.mu.Unlock()
}

// notifyLocked wakes WaitFor callers; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) violate(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.violations = append(s.violations, fmt.Sprintf(format, args...))
	s.notifyLocked()
}

func scope(guildID string) string {
	if guildID == "" {
		return "global"
	}
	return guildID
}

// maxBody bounds a request body: Discord accepts at most 25 MiB with files;
// a JSON body of this bot is a few kilobytes.
const maxBody = 8 << 20

func (s *Server) serveREST(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		s.violate("%s %s: body unreadable or larger than %d bytes", r.Method, r.URL.Path, maxBody)
		writeError(w, http.StatusRequestEntityTooLarge, 40005, "Request entity too large")
		return
	}
	path, ok := strings.CutPrefix(r.URL.Path, APIPrefix+"/")
	if !ok {
		s.violate("%s %s: not under %s (discordgo v0.29.0 speaks API v9)", r.Method, r.URL.Path, APIPrefix)
		writeError(w, http.StatusNotFound, 0, "404: Not Found")
		return
	}
	path = "/" + path
	rec := Request{Method: r.Method, Path: path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body, At: s.opts.Now()}
	status := s.serve(w, r, rec)
	rec.Status = status
	rec.Done = s.opts.Now()
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.notifyLocked()
	s.mu.Unlock()
}

// serve answers one REST request and returns the status it wrote.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, rec Request) int {
	where := rec.Method + " " + redactPath(rec.Path)
	if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "DiscordBot (") {
		s.violate("%s: User-Agent %q, want \"DiscordBot (url, version)\"", where, ua)
	}
	segs := strings.Split(strings.Trim(rec.Path, "/"), "/")
	webhook := segs[0] == "webhooks" || segs[0] == "interactions"
	if !webhook && r.Header.Get("Authorization") != s.opts.Token {
		s.violate("%s: Authorization header is not the bot token", where)
		return writeError(w, http.StatusUnauthorized, 0, "401: Unauthorized")
	}
	if len(rec.Body) > 0 && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		s.violate("%s: body sent with Content-Type %q, want application/json", where, r.Header.Get("Content-Type"))
	}
	if f := s.takeFault(rec.Method, rec.Path); f != nil {
		if !f.Processed {
			return writeFault(w, f.Fault)
		}
		rec.faulted = true
		s.route(httptest.NewRecorder(), rec, segs, where)
		return writeFault(w, f.Fault)
	}
	return s.route(w, rec, segs, where)
}

func (s *Server) takeFault(method, path string) *fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if (f.method == "" || f.method == method) && strings.HasPrefix(path, f.prefix) {
			f.left--
			if f.left <= 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			return f
		}
	}
	return nil
}

func writeFault(w http.ResponseWriter, f Fault) int {
	if f.Status == http.StatusTooManyRequests {
		after := strconv.FormatFloat(f.RetryAfter, 'f', 3, 64)
		h := w.Header()
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset-After", after)
		h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(time.Now().UnixMilli())/1000+f.RetryAfter, 'f', 3, 64))
		h.Set("X-RateLimit-Bucket", "fake-bucket")
		h.Set("Retry-After", strconv.Itoa(int(f.RetryAfter+0.999)))
		scope := "user"
		if f.Global {
			h.Set("X-RateLimit-Global", "true")
			scope = "global"
		}
		h.Set("X-RateLimit-Scope", scope)
		return writeJSON(w, http.StatusTooManyRequests, map[string]any{
			"message": "You are being rate limited.", "retry_after": f.RetryAfter, "global": f.Global, "code": 0,
		})
	}
	msg := f.Message
	if msg == "" {
		msg = http.StatusText(f.Status)
	}
	return writeError(w, f.Status, f.Code, msg)
}

// validateBody checks a JSON body against the operation's schema in the
// spec and returns the decoded body, or nil after recording violations.
func (s *Server) validateBody(rec Request, where string) (any, bool) {
	op, schema, ok := s.spec.Operation(rec.Method, rec.Path)
	if !ok {
		s.violate("%s: no such operation in Discord's API spec", where)
		return nil, false
	}
	if schema == nil {
		if len(rec.Body) > 0 {
			s.violate("%s (%s): sends a body to an operation that takes none", where, op)
		}
		return nil, true
	}
	v, err := DecodeJSON(rec.Body)
	if err != nil {
		s.violate("%s (%s): body is not JSON: %v", where, op, err)
		return nil, false
	}
	if op == "bulk_set_application_commands" || op == "bulk_set_guild_application_commands" {
		// The docs type default_member_permissions as a string bitset and
		// discordgo sends one; the spec says integer. The docs win (spec
		// README), so check the string's form in CheckCommands and give the
		// schema the number it expects.
		restore := numberPermissions(v)
		defer restore()
	}
	errs := s.spec.Validate(schema, v)
	for _, e := range errs {
		s.violate("%s (%s): %s", where, op, e)
	}
	return v, len(errs) == 0
}

// numberPermissions turns decimal-string permissions into numbers and
// returns a function that puts the strings back for CheckCommands.
func numberPermissions(v any) (restore func()) {
	var undo []func()
	cmds, _ := v.([]any)
	for _, c := range cmds {
		if m, ok := c.(map[string]any); ok {
			if p, ok := m["default_member_permissions"].(string); ok && isDecimal(p) {
				m["default_member_permissions"] = json.Number(p)
				undo = append(undo, func() { m["default_member_permissions"] = p })
			}
		}
	}
	return func() {
		for _, u := range undo {
			u()
		}
	}
}

func (s *Server) route(w http.ResponseWriter, rec Request, segs []string, where string) int {
	m := rec.Method
	switch {
	case m == "GET" && len(segs) == 1 && segs[0] == "gateway":
		return writeJSON(w, 200, map[string]any{"url": s.gw.url()})
	case m == "GET" && len(segs) == 2 && segs[0] == "gateway" && segs[1] == "bot":
		return writeJSON(w, 200, map[string]any{"url": s.gw.url(), "shards": 1,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}})
	case m == "PUT" && segs[0] == "applications" && (len(segs) == 3 && segs[2] == "commands" || len(segs) == 5 && segs[2] == "guilds" && segs[4] == "commands"):
		return s.putCommands(w, rec, segs, where)
	case m == "POST" && len(segs) == 4 && segs[0] == "interactions" && segs[3] == "callback":
		return s.callback(w, rec, segs[1], segs[2], where)
	case segs[0] == "webhooks" && len(segs) >= 3:
		return s.webhook(w, rec, segs, where)
	case m == "POST" && len(segs) == 3 && segs[0] == "channels" && segs[2] == "messages":
		return s.createMessage(w, rec, segs[1], where)
	}
	s.violate("%s: the fake does not serve this endpoint; a briefbot request it did not expect", where)
	return writeError(w, http.StatusNotFound, 0, "404: Not Found")
}

func (s *Server) putCommands(w http.ResponseWriter, rec Request, segs []string, where string) int {
	if segs[1] != s.opts.AppID {
		s.violate("%s: application ID %s, want %s from READY", where, segs[1], s.opts.AppID)
		return writeError(w, http.StatusForbidden, 50001, "Missing Access")
	}
	v, ok := s.validateBody(rec, where)
	for _, e := range CheckCommands(v) {
		s.violate("%s: %s", where, e)
		ok = false
	}
	if !ok {
		return writeError(w, http.StatusBadRequest, 50035, "Invalid Form Body")
	}
	guild := ""
	if len(segs) == 5 {
		guild = segs[3]
	}
	cmds, _ := v.([]any)
	out := make([]map[string]any, 0, len(cmds))
	for _, c := range cmds {
		cm := c.(map[string]any)
		cm["id"] = s.NewID()
		cm["application_id"] = s.opts.AppID
		cm["version"] = s.NewID()
		if guild != "" {
			cm["guild_id"] = guild
		}
		out = append(out, cm)
	}
	s.mu.Lock()
	s.commands[scope(guild)] = out
	s.notifyLocked()
	s.mu.Unlock()
	return writeJSON(w, 200, out)
}

func (s *Server) createMessage(w http.ResponseWriter, rec Request, channelID, where string) int {
	v, ok := s.validateBody(rec, where)
	body, _ := v.(map[string]any)
	if body != nil {
		for _, e := range CheckMessage("$", body, MessageRules{NoMentions: !s.opts.AllowMentions, AllowedFlags: flagSuppressEmbeds | flagSuppressNotif | flagComponentsV2}) {
			s.violate("%s: %s", where, e)
			ok = false
		}
	}
	if !ok {
		return writeError(w, http.StatusBadRequest, 50035, "Invalid Form Body")
	}
	nonce := ""
	switch n := body["nonce"].(type) {
	case string:
		nonce = n
	case json.Number:
		nonce = n.String()
	}
	if body["enforce_nonce"] == true && nonce == "" {
		s.violate("%s: enforce_nonce without a nonce", where)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := channelID + "\x00" + nonce
	if body["enforce_nonce"] == true && nonce != "" {
		if old, ok := s.nonces[key]; ok && s.opts.Now().Sub(old.At) < 10*time.Minute {
			// Discord returns the message already created with this nonce.
			return writeJSON(w, 200, messageJSON(old, s.opts.AppID))
		}
	}
	msg := Message{ID: s.NewID(), ChannelID: channelID, Nonce: nonce, Body: body, At: s.opts.Now()}
	s.messages[channelID] = append(s.messages[channelID], msg)
	if body["enforce_nonce"] == true && nonce != "" {
		s.nonces[key] = msg
	}
	s.notifyLocked()
	return writeJSON(w, 200, messageJSON(msg, s.opts.AppID))
}

// messageJSON is the message object Discord returns; discordgo decodes it
// into a *discordgo.Message.
func messageJSON(m Message, appID string) map[string]any {
	out := map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "type": 0, "tts": false,
		"timestamp":        m.At.UTC().Format(time.RFC3339Nano),
		"author":           map[string]any{"id": appID, "username": "briefbot", "bot": true},
		"mentions":         []any{},
		"mention_roles":    []any{},
		"mention_everyone": false,
		"pinned":           false,
		"attachments":      []any{},
	}
	for _, k := range []string{"content", "embeds", "components", "flags"} {
		if v, ok := m.Body[k]; ok && v != nil {
			out[k] = v
		}
	}
	if out["content"] == nil {
		out["content"] = ""
	}
	if m.Nonce != "" {
		out["nonce"] = m.Nonce
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) int {
	b, err := json.Marshal(v)
	if err != nil {
		status = 500
		b = []byte(`{"message":"fake discord: cannot encode response","code":0}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
	return status
}

func writeError(w http.ResponseWriter, status, code int, msg string) int {
	return writeJSON(w, status, map[string]any{"message": msg, "code": code})
}

// redactPath hides interaction and webhook tokens in violation messages.
func redactPath(p string) string {
	segs := strings.Split(p, "/")
	if len(segs) > 3 && (segs[1] == "interactions" || segs[1] == "webhooks") {
		segs[3] = "TOKEN"
	}
	return strings.Join(segs, "/")
}

// Client returns an HTTP client that sends every request, whatever its host,
// to the fake, keeping the path: for driving a raw discordgo.Session at it
// (set Session.Client). The bot itself gets the fake's URL as its API base.
func (s *Server) Client() *http.Client {
	return &http.Client{Timeout: 20 * time.Second, Transport: redirect{base: s.http.Listener.Addr().String()}}
}

type redirect struct{ base string }

func (r redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme = "http"
	req.URL.Host = r.base
	req.Host = r.base
	return http.DefaultTransport.RoundTrip(req)
}
