package discordtest

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Interaction types Discord sends.
const (
	TypeCommand      = 2
	TypeComponent    = 3
	TypeAutocomplete = 4
)

// Default IDs the fake uses for the server, channel and member of an
// invocation.
const (
	GuildID   = "200000000000000001"
	ChannelID = "300000000000000001"
	UserID    = "400000000000000001"
)

// Permission bits the tests use.
const (
	PermAdministrator = 1 << 3
	PermManageGuild   = 1 << 5
	PermMember        = 1<<10 | 1<<11 | 1<<16 // view channel, send messages, read history
)

// Invocation is what a user does: a slash command, an autocomplete keystroke
// or a button press, with where and as whom.
type Invocation struct {
	Type int
	// Data is the interaction's data object.
	Data map[string]any
	// GuildID is the server; "" makes it a direct message (no member).
	GuildID   string
	ChannelID string
	UserID    string
	UserName  string
	// Permissions are the member's computed permissions in the channel,
	// which Discord sends as member.permissions.
	Permissions int64
	// Message is the message a pressed component is on.
	Message map[string]any
}

// Option is one option of a slash command as Discord sends it.
type Option map[string]any

// Command is a slash command invocation by a plain member of the default
// server.
func Command(name string, opts ...Option) Invocation {
	return Invocation{Type: TypeCommand, Data: commandData(name, opts), GuildID: GuildID, ChannelID: ChannelID,
		UserID: UserID, UserName: "alice", Permissions: PermMember}
}

// Autocomplete is an autocomplete request for the option marked with
// Focused.
func Autocomplete(name string, opts ...Option) Invocation {
	inv := Command(name, opts...)
	inv.Type = TypeAutocomplete
	return inv
}

// Button is a press on the button with customID, on the message msg (the
// bot's earlier reply as the fake holds it; nil for none).
func Button(customID string, msg map[string]any) Invocation {
	inv := Command("")
	inv.Type = TypeComponent
	inv.Data = map[string]any{"custom_id": customID, "component_type": 2}
	inv.Message = msg
	return inv
}

// As returns the invocation made by a member with the given permissions.
func (inv Invocation) As(perms int64) Invocation {
	inv.Permissions = perms
	return inv
}

// InDM returns the invocation made in a direct message with the bot.
func (inv Invocation) InDM() Invocation {
	inv.GuildID = ""
	return inv
}

// In returns the invocation made in another server.
func (inv Invocation) In(guildID string) Invocation {
	inv.GuildID = guildID
	return inv
}

func commandData(name string, opts []Option) map[string]any {
	d := map[string]any{"id": "500000000000000001", "name": name, "type": 1}
	if len(opts) > 0 {
		d["options"] = opts
	}
	var channels map[string]any
	collectChannels(opts, &channels)
	if channels != nil {
		d["resolved"] = map[string]any{"channels": channels}
	}
	return d
}

func collectChannels(opts []Option, into *map[string]any) {
	for _, o := range opts {
		if o["type"] == 7 {
			if *into == nil {
				*into = map[string]any{}
			}
			id := o["value"].(string)
			(*into)[id] = map[string]any{"id": id, "name": "news-" + id[len(id)-2:], "type": 0, "permissions": "0"}
		}
		if subs, ok := o["options"].([]Option); ok {
			collectChannels(subs, into)
		}
	}
}

// String is a string option.
func String(name, value string) Option { return Option{"name": name, "type": 3, "value": value} }

// Integer is an integer option.
func Integer(name string, value int64) Option { return Option{"name": name, "type": 4, "value": value} }

// Bool is a boolean option.
func Bool(name string, value bool) Option { return Option{"name": name, "type": 5, "value": value} }

// Channel is a channel option; the fake adds the channel to data.resolved.
func Channel(name, id string) Option { return Option{"name": name, "type": 7, "value": id} }

// Focused marks the option the user is typing in, for autocomplete.
func Focused(o Option) Option {
	o["focused"] = true
	return o
}

// Subcommand is a subcommand with its options.
func Subcommand(name string, opts ...Option) Option {
	o := Option{"name": name, "type": 1}
	if len(opts) > 0 {
		o["options"] = opts
	}
	return o
}

// Group is a subcommand group.
func Group(name string, subs ...Option) Option {
	return Option{"name": name, "type": 2, "options": subs}
}

// Interaction is one interaction the fake sent and what the bot answered.
type Interaction struct {
	ID    string
	Token string
	Type  int
	// Created is when Discord created the interaction: the time its
	// snowflake ID carries, from which the reply window and the token's
	// lifetime run.
	Created time.Time
	Seq     int64 // gateway sequence of its INTERACTION_CREATE

	// guarded by Server.mu
	callbacks []Callback
	lostAck   bool           // an ack was stored but its response was lost (Fault.Processed)
	message   map[string]any // the message a component was on
	edits     []map[string]any
	followups []Message
	deleted   bool
	original  map[string]any
	// last is when the fake last accepted a response, edit, follow-up or
	// deletion for the interaction.
	last time.Time
}

// Callback is one accepted interaction response.
type Callback struct {
	Type int
	Data map[string]any
	At   time.Time
}

// Reply is what the user ends up seeing for an interaction.
type Reply struct {
	// Type is the first response's type: 4 reply, 5 deferred reply,
	// 6 deferred update, 7 update, 8 autocomplete choices.
	Type int
	// Latency is the time from the interaction's creation to the first
	// response.
	Latency time.Duration
	// Message is the reply's final content: the reply or update itself, or
	// the original message as last edited after a defer.
	Message map[string]any
	// Ephemeral is true when only the caller sees the reply.
	Ephemeral bool
	// Choices are the autocomplete choices (type 8).
	Choices []map[string]any
	// Followups are follow-up messages, oldest first.
	Followups []map[string]any
	// Deleted is true when the original response was deleted.
	Deleted bool
	// Callbacks counts accepted initial responses (must be 1).
	Callbacks int
	// Done is when the fake accepted the last call of the reply (for a
	// deferred one, the edit or follow-up), on the fake's clock.
	Done time.Time
}

// Send dispatches the invocation as an INTERACTION_CREATE and returns the
// interaction, whose 3-second window starts now.
func (s *Server) Send(inv Invocation) *Interaction {
	id := s.NewID()
	created, _ := SnowflakeTime(id)
	it := &Interaction{ID: id, Token: "itok-" + s.NewID(), Type: inv.Type, Created: created, message: inv.Message}
	payload := map[string]any{
		"id": it.ID, "application_id": s.opts.AppID, "type": inv.Type, "token": it.Token, "version": 1,
		"channel_id": inv.ChannelID, "channel": map[string]any{"id": inv.ChannelID, "type": 0},
		"locale": "en-GB", "app_permissions": strconv.FormatInt(1<<10|1<<11|1<<14|1<<15, 10),
		"entitlements": []any{}, "authorizing_integration_owners": map[string]any{"0": inv.GuildID},
		"data": inv.Data,
	}
	user := map[string]any{"id": inv.UserID, "username": inv.UserName, "discriminator": "0", "global_name": inv.UserName}
	if inv.GuildID != "" {
		payload["guild_id"] = inv.GuildID
		payload["guild_locale"] = "en-GB"
		payload["context"] = 0
		payload["member"] = map[string]any{
			"user": user, "roles": []any{}, "joined_at": "2024-01-01T00:00:00Z",
			"permissions": strconv.FormatInt(inv.Permissions, 10), "deaf": false, "mute": false, "flags": 0,
		}
	} else {
		payload["context"] = 1
		payload["user"] = user
		payload["authorizing_integration_owners"] = map[string]any{"1": inv.UserID}
	}
	if inv.Message != nil {
		payload["message"] = inv.Message
	}
	s.mu.Lock()
	s.interactions[it.ID] = it
	s.byToken[it.Token] = it
	s.mu.Unlock()
	it.Seq = s.Dispatch("INTERACTION_CREATE", payload)
	return it
}

// Reply waits until the bot has answered the interaction in full (a reply,
// an update, choices, or a defer followed by an edit or a follow-up) and
// returns what the user sees.
func (s *Server) Reply(it *Interaction, timeout time.Duration) (Reply, error) {
	var r Reply
	ok := s.WaitFor(timeout, func() bool {
		var done bool
		r, done = s.reply(it)
		return done
	})
	if !ok {
		return r, fmt.Errorf("interaction %s (type %d): no complete reply within %v (responses so far: %d)", it.ID, it.Type, timeout, r.Callbacks)
	}
	return r, nil
}

// ReplyNow returns what the bot has answered so far, and whether that is a
// complete reply.
func (s *Server) ReplyNow(it *Interaction) (Reply, bool) {
	return s.reply(it)
}

func (s *Server) reply(it *Interaction) (Reply, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := Reply{Callbacks: len(it.callbacks), Deleted: it.deleted, Done: it.last}
	if len(it.callbacks) == 0 {
		return r, false
	}
	first := it.callbacks[0]
	r.Type = first.Type
	r.Latency = first.At.Sub(it.Created)
	for _, f := range it.followups {
		r.Followups = append(r.Followups, f.Body)
	}
	flags := 0
	if first.Data != nil {
		flags, _ = intOf(first.Data["flags"])
	}
	r.Ephemeral = flags&flagEphemeral != 0
	switch first.Type {
	case 4, 7:
		r.Message = it.original
		return r, true
	case 8:
		if cs, ok := first.Data["choices"].([]any); ok {
			for _, c := range cs {
				if m, ok := c.(map[string]any); ok {
					r.Choices = append(r.Choices, m)
				}
			}
		}
		return r, true
	case 5, 6:
		r.Message = it.original
		return r, len(it.edits) > 0 || len(it.followups) > 0
	}
	return r, true
}

func (s *Server) callback(w http.ResponseWriter, rec Request, id, token, where string) int {
	s.mu.Lock()
	it := s.interactions[id]
	s.mu.Unlock()
	if it == nil || it.Token != token {
		s.violate("%s: answers an interaction the fake never sent", where)
		return writeError(w, http.StatusNotFound, 10062, "Unknown interaction")
	}
	v, ok := s.validateBody(rec, where)
	for _, e := range CheckCallback(v, !s.opts.AllowMentions) {
		s.violate("%s: %s", where, e)
		ok = false
	}
	body, _ := v.(map[string]any)
	typ, _ := intOf(body["type"])
	data, _ := body["data"].(map[string]any)
	allowed := map[int][]int{TypeCommand: {4, 5, 9}, TypeComponent: {4, 5, 6, 7, 9}, TypeAutocomplete: {8}}[it.Type]
	if body != nil && !containsInt(allowed, typ) {
		s.violate("%s: response type %d to an interaction of type %d (allowed %v)", where, typ, it.Type, allowed)
		ok = false
	}
	if !ok {
		return writeError(w, http.StatusBadRequest, 50035, "Invalid Form Body")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.notifyLocked()
	now := s.opts.Now()
	if len(it.callbacks) > 0 {
		if !it.lostAck {
			s.violations = append(s.violations, fmt.Sprintf("%s: interaction %s answered twice", where, id))
		}
		return writeError(w, http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
	}
	if now.Sub(it.Created) > ReplyWindow {
		// As Discord does: past the window the token is invalid, and the
		// interaction is lost. Not a violation of the API's rules but a
		// reply that came too late; tests see it as no accepted response.
		return writeError(w, http.StatusNotFound, 10062, "Unknown interaction")
	}
	it.callbacks = append(it.callbacks, Callback{Type: typ, Data: data, At: now})
	it.last = now
	it.lostAck = rec.faulted
	switch typ {
	case 4:
		it.original = data
	case 6, 7:
		it.original = merged(it.message, data)
	}
	return writeEmpty(w)
}

// merged is a message with the fields of an update laid over it, as
// Discord applies an edit: the fields it sets replace, the rest stay.
func merged(msg, update map[string]any) map[string]any {
	out := make(map[string]any, len(msg)+len(update))
	for k, v := range msg {
		out[k] = v
	}
	for k, v := range update {
		out[k] = v
	}
	return out
}

func writeEmpty(w http.ResponseWriter) int {
	w.WriteHeader(http.StatusNoContent)
	return http.StatusNoContent
}

func (s *Server) webhook(w http.ResponseWriter, rec Request, segs []string, where string) int {
	s.mu.Lock()
	it := s.byToken[segs[2]]
	s.mu.Unlock()
	if it == nil || segs[1] != s.opts.AppID {
		s.violate("%s: webhook for an interaction the fake never sent", where)
		return writeError(w, http.StatusNotFound, 10015, "Unknown Webhook")
	}
	if s.opts.Now().Sub(it.Created) > TokenLifetime {
		// The token has expired: Discord no longer knows the interaction.
		return writeError(w, http.StatusNotFound, 10062, "Unknown interaction")
	}
	s.mu.Lock()
	acked := len(it.callbacks) > 0
	s.mu.Unlock()
	if !acked {
		s.violate("%s: webhook call before the interaction was acknowledged", where)
		return writeError(w, http.StatusNotFound, 10008, "Unknown Message")
	}
	original := len(segs) == 5 && segs[3] == "messages" && segs[4] == "@original"
	editRules := MessageRules{NoMentions: !s.opts.AllowMentions, AllowedFlags: flagSuppressEmbeds | flagComponentsV2}
	switch {
	case rec.Method == "PATCH" && original:
		v, ok := s.validateBody(rec, where)
		body, _ := v.(map[string]any)
		if body != nil {
			for _, e := range CheckMessage("$", body, editRules) {
				s.violate("%s: %s", where, e)
				ok = false
			}
		}
		if !ok {
			return writeError(w, http.StatusBadRequest, 50035, "Invalid Form Body")
		}
		s.mu.Lock()
		msg := merged(it.original, body)
		it.original = msg
		it.edits = append(it.edits, body)
		it.last = s.opts.Now()
		s.notifyLocked()
		s.mu.Unlock()
		return writeJSON(w, 200, messageJSON(Message{ID: it.ID, ChannelID: ChannelID, Body: msg, At: it.last}, s.opts.AppID))
	case rec.Method == "DELETE" && original:
		s.mu.Lock()
		it.deleted = true
		it.last = s.opts.Now()
		s.notifyLocked()
		s.mu.Unlock()
		return writeEmpty(w)
	case rec.Method == "GET" && original:
		s.mu.Lock()
		msg := it.original
		s.mu.Unlock()
		return writeJSON(w, 200, messageJSON(Message{ID: it.ID, ChannelID: ChannelID, Body: msg, At: s.opts.Now()}, s.opts.AppID))
	case rec.Method == "POST" && len(segs) == 3:
		v, ok := s.validateBody(rec, where)
		body, _ := v.(map[string]any)
		if body != nil {
			rules := editRules
			rules.AllowedFlags |= flagEphemeral | flagSuppressNotif
			for _, e := range CheckMessage("$", body, rules) {
				s.violate("%s: %s", where, e)
				ok = false
			}
		}
		if !ok {
			return writeError(w, http.StatusBadRequest, 50035, "Invalid Form Body")
		}
		msg := Message{ID: s.NewID(), ChannelID: ChannelID, Body: body, At: s.opts.Now()}
		s.mu.Lock()
		it.followups = append(it.followups, msg)
		it.last = msg.At
		s.notifyLocked()
		s.mu.Unlock()
		return writeJSON(w, 200, messageJSON(msg, s.opts.AppID))
	}
	s.violate("%s: the fake does not serve this webhook call", where)
	return writeError(w, http.StatusNotFound, 0, "404: Not Found")
}

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Original returns the interaction's original response as Discord would
// send it in a later component interaction's "message" field, or nil.
func (s *Server) Original(it *Interaction) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it.original == nil {
		return nil
	}
	return messageJSON(Message{ID: it.ID, ChannelID: ChannelID, Body: it.original, At: it.Created}, s.opts.AppID)
}
