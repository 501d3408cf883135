package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/bwmarrin/discordgo"
)

// Time limits for one interaction.
const (
	// replyWindow is how long the bot gives itself for the first response:
	// Discord's window is 3 s from the interaction's creation, and some of
	// it is spent on the way here.
	replyWindow = 2500 * time.Millisecond
	// defaultDeferAfter is how long a command may run before the bot sends
	// a deferred reply ("briefbot is thinking…") to keep the interaction.
	defaultDeferAfter = time.Second
	// commandTimeout bounds a command's work after a defer.
	commandTimeout = 30 * time.Second
	// ingestTimeout bounds /ingest: a fetch of up to 30 s plus analysis.
	ingestTimeout = 60 * time.Second
	// autocompleteTimeout bounds the search behind autocomplete; choices
	// cannot be deferred, so past it the bot answers with none.
	autocompleteTimeout = 1500 * time.Millisecond
	// tokenLifetime is how long Discord accepts edits and follow-ups
	// with an interaction's token, from the interaction's creation;
	// tokenMargin is kept back from it for the time on the way.
	tokenLifetime = 15 * time.Minute
	tokenMargin   = 5 * time.Second
	// maxRetryBackoff caps the wait between tries after server errors.
	maxRetryBackoff = 5 * time.Second
)

// request is one interaction as a handler sees it: the command path, its
// options, and who asks where. The console builds the same value from a
// typed line.
type request struct {
	// Command is the command name with any subcommand group and
	// subcommand: "quotes", "briefing setup", "briefing feeds add".
	Command string
	Options map[string]*discordgo.ApplicationCommandInteractionDataOption
	// Focused is the option being typed, for autocomplete.
	Focused *discordgo.ApplicationCommandInteractionDataOption
	// Channels are the channels resolved for channel options, by ID.
	Channels map[string]*discordgo.Channel
	// CustomID is a pressed component's ID.
	CustomID string

	GuildID   string
	ChannelID string
	UserID    string
	// Member is true in a server; Permissions are then the member's
	// permissions in the channel.
	Member      bool
	Permissions int64
	// Console is true for the console, which may read local files.
	Console bool
}

func (r *request) str(name string) string {
	if o, ok := r.Options[name]; ok {
		if s, ok := o.Value.(string); ok {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// boolean returns a boolean option's value and whether it was given.
func (r *request) boolean(name string) (value, given bool) {
	if o, ok := r.Options[name]; ok {
		value, given = o.Value.(bool)
	}
	return value, given
}

func (r *request) integer(name string) (int64, bool) {
	o, ok := r.Options[name]
	if !ok {
		return 0, false
	}
	switch v := o.Value.(type) {
	case float64:
		return int64(v), true
	case int64:
		return v, true
	case int:
		return int64(v), true
	}
	return 0, false
}

// userError is an error whose message is written for the person who used
// the command: what was wrong and what to do. It is shown as is.
type userError struct{ msg string }

func (e userError) Error() string { return e.msg }

func userErrorf(format string, args ...any) error {
	return userError{fmt.Sprintf(format, args...)}
}

// command is one slash command (or subcommand) and how it runs.
type command struct {
	run func(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error)
	// complete answers autocomplete for the focused option.
	complete func(ctx context.Context, r *request) ([]*discordgo.ApplicationCommandOptionChoice, error)
	// admin commands need Manage Server, checked here again.
	admin bool
	// guild commands only make sense in a server.
	guild bool
	// deferNow sends the deferred reply at once: the work always takes
	// longer than a second (fetching a URL).
	deferNow bool
	// ephemeral replies are seen only by the caller.
	ephemeral bool
	timeout   time.Duration
}

// component answers a button press with the message's new content.
type component func(ctx context.Context, r *request, args []string) (*discordgo.InteractionResponseData, error)

// responder is the part of *discordgo.Session that answers interactions.
// Edits go through RequestWithBucketID (see editOriginal).
type responder interface {
	InteractionRespond(i *discordgo.Interaction, r *discordgo.InteractionResponse, opts ...discordgo.RequestOption) error
	InteractionResponseDelete(i *discordgo.Interaction, opts ...discordgo.RequestOption) error
	FollowupMessageCreate(i *discordgo.Interaction, wait bool, p *discordgo.WebhookParams, opts ...discordgo.RequestOption) (*discordgo.Message, error)
	RequestWithBucketID(method, urlStr string, data any, bucketID string, opts ...discordgo.RequestOption) ([]byte, error)
}

// editOriginal edits an interaction's original response, as
// Session.InteractionResponseEdit does but in a rate-limit bucket of the
// interaction's own token. discordgo files every webhook message edit
// under one shared bucket, so a 429 on one reply's edit made every other
// reply's edit wait, in a sleep that ignores contexts; Discord limits
// webhooks per token.
func editOriginal(rs responder, i *discordgo.Interaction, edit *discordgo.WebhookEdit, opts ...discordgo.RequestOption) error {
	uri := discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original")
	_, err := rs.RequestWithBucketID(http.MethodPatch, uri, edit, discordgo.EndpointWebhookToken(i.AppID, i.Token), opts...)
	return err
}

// tokenDeadline is when the interaction's token stops taking edits and
// follow-ups: tokenLifetime after its creation (by its ID, or when it was
// received), less a margin.
func tokenDeadline(i *discordgo.Interaction, received time.Time) time.Time {
	from := received
	if c, ok := createdAt(i.ID, received); ok {
		from = c
	}
	return from.Add(tokenLifetime - tokenMargin)
}

// handlers holds the commands and what they need. It is shared by the
// Discord bot and the console.
type handlers struct {
	store      Store
	ingest     Ingester
	now        func() time.Time
	log        *slog.Logger
	deferAfter time.Duration
	commands   map[string]*command
	components map[string]component
	zones      *zoneIndex
	seen       seenSet
	// work bounds the handlers reading the store at once. A burst of
	// interactions then queues here instead of starving the goroutines
	// that read the gateway and send replies; those still send deferred
	// responses on time for the queued ones.
	work chan struct{}

	settingsChanged func(storage.Guild)
	// locks serialise changes to a server's settings.
	locks *GuildLocks
}

// newHandlers builds the handlers from cfg; log replaces cfg.Logger.
func newHandlers(cfg Config, log *slog.Logger) *handlers {
	h := &handlers{store: cfg.Store, ingest: cfg.Ingest, now: cfg.Now, log: log, deferAfter: cfg.DeferAfter,
		zones: loadZones(), settingsChanged: cfg.SettingsChanged, locks: cfg.Locks, work: make(chan struct{}, maxWork())}
	if h.locks == nil {
		h.locks = &GuildLocks{}
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.log == nil {
		h.log = slog.Default()
	}
	if h.deferAfter <= 0 {
		h.deferAfter = defaultDeferAfter
	}
	h.commands = map[string]*command{
		"summary":               {run: h.summary, complete: h.completeArticle},
		"quotes":                {run: h.quotes, complete: h.completePerson},
		"upcoming":              {run: h.upcoming},
		"digest":                {run: h.digest, guild: true, ephemeral: true},
		"ingest":                {run: h.ingestURL, admin: true, guild: true, deferNow: true, ephemeral: true, timeout: ingestTimeout},
		"briefing setup":        {run: h.setup, complete: h.completeZone, admin: true, guild: true, ephemeral: true},
		"briefing show":         {run: h.show, admin: true, guild: true, ephemeral: true},
		"briefing stop":         {run: h.stop, admin: true, guild: true, ephemeral: true},
		"briefing feeds add":    {run: h.feedAdd, admin: true, guild: true, ephemeral: true},
		"briefing feeds remove": {run: h.feedRemove, complete: h.completeFeed, admin: true, guild: true, ephemeral: true},
		"briefing feeds list":   {run: h.feedList, admin: true, guild: true, ephemeral: true},
	}
	h.components = map[string]component{
		quotesPage:   h.quotesButton,
		upcomingPage: h.upcomingButton,
		feedsPage:    h.feedsButton,
	}
	return h
}

// maxWork is how many handlers may read the store at once: a few per CPU,
// since a query is CPU work once the pages are cached.
func maxWork() int {
	return max(4, 2*runtime.GOMAXPROCS(0))
}

// acquire waits for a work slot; release gives it back.
func (h *handlers) acquire(ctx context.Context) error {
	select {
	case h.work <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *handlers) release() { <-h.work }

// newRequest turns an interaction into a request.
func newRequest(i *discordgo.Interaction) *request {
	r := &request{GuildID: i.GuildID, ChannelID: i.ChannelID}
	if i.Member != nil {
		r.Member = true
		r.Permissions = i.Member.Permissions
		if i.Member.User != nil {
			r.UserID = i.Member.User.ID
		}
	} else if i.User != nil {
		r.UserID = i.User.ID
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		d := i.ApplicationCommandData()
		path := []string{d.Name}
		opts := d.Options
		for len(opts) == 1 && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand || opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
			path = append(path, opts[0].Name)
			opts = opts[0].Options
		}
		r.Command = strings.Join(path, " ")
		r.Options = map[string]*discordgo.ApplicationCommandInteractionDataOption{}
		for _, o := range opts {
			r.Options[o.Name] = o
			if o.Focused {
				r.Focused = o
			}
		}
		if d.Resolved != nil {
			r.Channels = d.Resolved.Channels
		}
	case discordgo.InteractionMessageComponent:
		r.CustomID = i.MessageComponentData().CustomID
	}
	return r
}

// handle answers one interaction. It runs in its own goroutine.
func (h *handlers) handle(ctx context.Context, rs responder, i *discordgo.Interaction) {
	received := time.Now()
	if !h.seen.add(i.ID) {
		// A resumed gateway can deliver an event twice; the first
		// delivery answers it.
		h.log.Debug("interaction delivered again; ignored", "interaction", i.ID)
		return
	}
	defer func() {
		if p := recover(); p != nil {
			h.log.Error("interaction handler panicked", "interaction", i.ID, "panic", p)
		}
	}()
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		h.handleCommand(ctx, rs, i, received)
	case discordgo.InteractionApplicationCommandAutocomplete:
		h.handleAutocomplete(ctx, rs, i, received)
	case discordgo.InteractionMessageComponent:
		h.handleComponent(ctx, rs, i, received)
	default:
		h.log.Debug("interaction type not handled", "interaction", i.ID, "type", int(i.Type))
	}
}

type result struct {
	data *discordgo.InteractionResponseData
	err  error
}

// start runs fn, a command's or a button's handler, on its own goroutine
// once a work slot is free, and returns the channel its one result
// arrives on, so the caller can defer the reply while it runs. A panic
// in fn is logged ("<what> panicked") and becomes an error result; a
// handler that returns neither a reply nor an error is an error too. The goroutine
// ends when fn does (fn is bounded by ctx).
func (h *handlers) start(ctx context.Context, what string, r *request, id string, fn func(context.Context) (*discordgo.InteractionResponseData, error)) <-chan result {
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				h.log.Error(what+" panicked", "command", r.Command, "interaction", id, "panic", p)
				done <- result{err: fmt.Errorf("panic: %v", p)}
			}
		}()
		if err := h.acquire(ctx); err != nil {
			done <- result{err: err}
			return
		}
		defer h.release()
		data, err := fn(ctx)
		if data == nil && err == nil {
			err = errors.New(what + " returned no reply")
		}
		done <- result{data, err}
	}()
	return done
}

func (h *handlers) handleCommand(ctx context.Context, rs responder, i *discordgo.Interaction, received time.Time) {
	r := newRequest(i)
	cmd, ok := h.commands[r.Command]
	if !ok {
		h.log.Warn("unknown command; were the commands registered by another version?", "command", r.Command)
		h.respond(ctx, rs, i, received, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: errorData("This command is not known to this version of briefbot. Try again in a minute, after Discord updates the command list."),
		})
		return
	}
	if err := h.allowed(cmd, r); err != nil {
		h.respond(ctx, rs, i, received, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource, Data: h.toData(err, r, i.ID),
		})
		return
	}
	timeout := cmd.timeout
	if timeout == 0 {
		timeout = commandTimeout
	}
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	done := h.start(wctx, "command", r, i.ID, func(ctx context.Context) (*discordgo.InteractionResponseData, error) {
		return cmd.run(ctx, r)
	})

	var res result
	if !cmd.deferNow {
		wait := time.NewTimer(time.Until(h.deferAt(i, received)))
		select {
		case res = <-done:
			wait.Stop()
			h.respond(ctx, rs, i, received, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource, Data: h.finish(res, cmd, r, i.ID),
			})
			return
		case <-wait.C:
		}
	}
	var flags discordgo.MessageFlags
	if cmd.ephemeral {
		flags = discordgo.MessageFlagsEphemeral
	}
	if err := h.respond(ctx, rs, i, received, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: flags, AllowedMentions: noMentions()},
	}); err != nil {
		return // the interaction is lost; respond logged why
	}
	kind := deferredPublic
	if cmd.ephemeral {
		kind = deferredEphemeral
	}
	res = <-done
	h.complete(ctx, rs, i, received, h.finish(res, cmd, r, i.ID), kind)
}

// finish turns a command's result into the reply data, marking it
// ephemeral when the command's replies are.
func (h *handlers) finish(res result, cmd *command, r *request, id string) *discordgo.InteractionResponseData {
	if res.err != nil {
		return h.toData(res.err, r, id)
	}
	data := res.data
	if cmd.ephemeral {
		data.Flags |= discordgo.MessageFlagsEphemeral
	}
	return data
}

// allowed checks where and by whom a command may be used. Discord hides
// admin commands from members without Manage Server by default, but a
// server's overrides can open them to anyone; the check here holds anyway.
func (h *handlers) allowed(cmd *command, r *request) error {
	if r.Console {
		return nil
	}
	if (cmd.guild || cmd.admin) && (!r.Member || r.GuildID == "") {
		return userErrorf("Use this command in a server: it works on that server's briefing settings.")
	}
	if cmd.admin && r.Permissions&(permAdministrator|permManageGuild) == 0 {
		return userErrorf("Only members with the Manage Server permission can use /%s. Ask a server admin.", r.Command)
	}
	return nil
}

// discordEpoch is the start of Discord's snowflake clock (2015-01-01 UTC).
const discordEpoch = 1420070400000

// minDeferWait is how long a command that arrived late still gets before
// the bot defers: replying at once costs one call, deferring two.
const minDeferWait = 150 * time.Millisecond

// createdAt is when Discord created the interaction, read from the
// timestamp in its snowflake ID. It is trusted only if it is plausible
// against the time the bot received it: not in the future by more than a
// little clock skew, and within Discord's reply window.
func createdAt(id string, received time.Time) (time.Time, bool) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}, false
	}
	created := time.UnixMilli(n>>22 + discordEpoch)
	age := received.Sub(created)
	if age < -250*time.Millisecond || age > 3*time.Second {
		return time.Time{}, false
	}
	return created, true
}

// replyDeadline is when the first response must be sent: replyWindow after
// the bot received the interaction, or sooner if its ID says it was
// created earlier and waited on the way (a busy gateway connection).
func replyDeadline(i *discordgo.Interaction, received time.Time) time.Time {
	d := received.Add(replyWindow)
	if c, ok := createdAt(i.ID, received); ok && c.Add(2900*time.Millisecond).Before(d) {
		d = c.Add(2900 * time.Millisecond)
	}
	return d
}

// deferAt is when a command still running gets a deferred response:
// deferAfter after the interaction was created (or received), but never
// sooner than minDeferWait after it was received.
func (h *handlers) deferAt(i *discordgo.Interaction, received time.Time) time.Time {
	at := received.Add(h.deferAfter)
	if c, ok := createdAt(i.ID, received); ok && c.Add(h.deferAfter).Before(at) {
		at = c.Add(h.deferAfter)
	}
	if floor := received.Add(minDeferWait); at.Before(floor) {
		at = floor
	}
	return at
}

// deferKind says what a deferred response left on screen.
type deferKind int

const (
	deferredPublic    deferKind = iota // "briefbot is thinking…" for everyone
	deferredEphemeral                  // "thinking…" for the caller only
	deferredUpdate                     // nothing: the button's message stays as it was
)

// complete delivers the reply after a deferred response. Usually that is
// an edit of the original message. An ephemeral reply (an error) cannot be
// made by editing a public placeholder or a button's message, so it goes
// out as an ephemeral follow-up, and a public placeholder is deleted. It
// keeps trying, rate limits included, while the interaction's token is
// valid.
func (h *handlers) complete(ctx context.Context, rs responder, i *discordgo.Interaction, received time.Time, data *discordgo.InteractionResponseData, kind deferKind) {
	clampData(data, h.log, i.ID)
	ectx, cancel := context.WithDeadline(ctx, tokenDeadline(i, received))
	defer cancel()
	ephemeral := data.Flags&discordgo.MessageFlagsEphemeral != 0
	if ephemeral && kind != deferredEphemeral {
		if kind == deferredPublic {
			if err := h.retry(ectx, "delete deferred reply", i.ID, func(opts ...discordgo.RequestOption) error {
				return rs.InteractionResponseDelete(i, opts...)
			}); err != nil {
				h.log.Warn("could not delete the public placeholder before an ephemeral reply", "interaction", i.ID, "err", err)
			}
		}
		err := h.retry(ectx, "follow-up", i.ID, func(opts ...discordgo.RequestOption) error {
			_, err := rs.FollowupMessageCreate(i, true, &discordgo.WebhookParams{
				Content: data.Content, Embeds: data.Embeds, Components: data.Components,
				AllowedMentions: noMentions(), Flags: discordgo.MessageFlagsEphemeral,
			}, opts...)
			return err
		})
		if err != nil {
			h.log.Error("reply lost", "interaction", i.ID, "err", err)
		}
		return
	}
	edit := webhookEdit(data)
	if err := h.retry(ectx, "edit reply", i.ID, func(opts ...discordgo.RequestOption) error {
		return editOriginal(rs, i, edit, opts...)
	}); err != nil {
		h.log.Error("reply lost", "interaction", i.ID, "err", err)
	}
}

// webhookEdit is the edit that replaces a deferred reply with data. Every
// field is set, so nothing of the "thinking…" placeholder survives.
func webhookEdit(data *discordgo.InteractionResponseData) *discordgo.WebhookEdit {
	content := data.Content
	embeds := data.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	components := data.Components
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: noMentions()}
}

// respond sends an interaction's first response within Discord's window.
func (h *handlers) respond(ctx context.Context, rs responder, i *discordgo.Interaction, received time.Time, resp *discordgo.InteractionResponse) error {
	if resp.Data != nil {
		clampData(resp.Data, h.log, i.ID)
	}
	rctx, cancel := context.WithDeadline(ctx, replyDeadline(i, received))
	defer cancel()
	err := h.retry(rctx, "respond", i.ID, func(opts ...discordgo.RequestOption) error {
		return rs.InteractionRespond(i, resp, opts...)
	})
	if err != nil {
		h.log.Error("interaction lost: no response within Discord's window", "interaction", i.ID, "err", err, "after", time.Since(received))
	}
	return err
}

// retry makes one REST call and retries it within the rules while ctx
// allows: after a 429 it waits the retry_after Discord asked for, after a
// 5xx or a network error it backs off (50 ms, doubling). It gives up at
// once on other 4xx errors, and when the wait would pass ctx's deadline.
// An "already acknowledged" answer to a retried response means the first
// try got through and only its answer was lost.
func (h *handlers) retry(ctx context.Context, what, id string, call func(opts ...discordgo.RequestOption) error) error {
	backoff := 50 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := call(discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0))
		if err == nil {
			return nil
		}
		var wait time.Duration
		var rl *discordgo.RateLimitError
		var re *discordgo.RESTError
		switch {
		case errors.As(err, &rl):
			wait = rl.RetryAfter
		case errors.As(err, &re) && re.Message != nil && re.Message.Code == discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged && attempt > 1:
			return nil
		case errors.As(err, &re) && re.Response != nil && re.Response.StatusCode >= 500:
			wait = backoff
			backoff = min(2*backoff, maxRetryBackoff)
		case errors.As(err, &re):
			return fmt.Errorf("%s: %w", what, err)
		case ctx.Err() != nil:
			return fmt.Errorf("%s: %w", what, err)
		default: // network error
			wait = backoff
			backoff = min(2*backoff, maxRetryBackoff)
		}
		if d, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(d) {
			return fmt.Errorf("%s: no time left to retry after %d attempts: %w", what, attempt, err)
		}
		h.log.Debug("retrying discord call", "call", what, "interaction", id, "attempt", attempt, "wait", wait, "err", err)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return fmt.Errorf("%s: %w", what, err)
		}
	}
}

// toData maps an error to the ephemeral reply the user sees. Errors meant
// for the user are shown as they are; a missing article or person gets a
// generic hint; anything else is logged with the interaction ID and shown
// as a short apology with that ID.
func (h *handlers) toData(err error, r *request, id string) *discordgo.InteractionResponseData {
	var ue userError
	switch {
	case errors.As(err, &ue):
		return errorData(ue.msg)
	case errors.Is(err, briefing.ErrNotFound):
		return errorData("Nothing found for that. Check the spelling, or try a shorter query.")
	case errors.Is(err, context.DeadlineExceeded):
		h.log.Warn("command timed out", "command", r.Command, "interaction", id, "err", err)
		return errorData("That took too long, so briefbot gave up. Try again, or narrow the question.")
	}
	h.log.Error("command failed", "command", r.Command, "interaction", id, "err", err)
	return errorData(fmt.Sprintf("Something went wrong on briefbot's side (reference %s). Try again in a minute; if it keeps happening, tell the server admin.", id))
}

// errorData is an ephemeral reply with a message.
func errorData(msg string) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{
		Content:         truncate(msg, maxContent),
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
	}
}

// noMentions is sent with every message: quoted text never pings anyone.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

func (h *handlers) handleAutocomplete(ctx context.Context, rs responder, i *discordgo.Interaction, received time.Time) {
	r := newRequest(i)
	var choices []*discordgo.ApplicationCommandOptionChoice
	if cmd, ok := h.commands[r.Command]; ok && cmd.complete != nil && r.Focused != nil && h.allowed(cmd, r) == nil {
		// Leave time to send the choices before the reply deadline.
		until := time.Now().Add(autocompleteTimeout)
		if last := replyDeadline(i, received).Add(-400 * time.Millisecond); last.Before(until) {
			until = last
		}
		actx, cancel := context.WithDeadline(ctx, until)
		err := h.acquire(actx)
		if err == nil {
			choices, err = cmd.complete(actx, r)
			h.release()
		}
		cancel()
		if err != nil {
			h.log.Warn("autocomplete failed", "command", r.Command, "option", r.Focused.Name, "err", err)
			choices = nil
		}
	}
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	h.respond(ctx, rs, i, received, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	})
}

func (h *handlers) handleComponent(ctx context.Context, rs responder, i *discordgo.Interaction, received time.Time) {
	r := newRequest(i)
	name, args := parseCustomID(r.CustomID)
	fn, ok := h.components[name]
	if !ok {
		h.respond(ctx, rs, i, received, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: errorData("This button belongs to an older briefbot and no longer works. Run the command again."),
		})
		return
	}
	wctx, cancel := context.WithTimeout(ctx, commandTimeout)
	defer cancel()
	done := h.start(wctx, "button handler", r, i.ID, func(ctx context.Context) (*discordgo.InteractionResponseData, error) {
		return fn(ctx, r, args)
	})
	reply := func(res result) *discordgo.InteractionResponse {
		if res.err != nil {
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: h.toData(res.err, r, i.ID)}
		}
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: res.data}
	}
	wait := time.NewTimer(time.Until(h.deferAt(i, received)))
	select {
	case res := <-done:
		wait.Stop()
		h.respond(ctx, rs, i, received, reply(res))
		return
	case <-wait.C:
	}
	if err := h.respond(ctx, rs, i, received, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}); err != nil {
		return
	}
	res := <-done
	data := res.data
	if res.err != nil {
		data = h.toData(res.err, r, i.ID) // ephemeral: goes to the presser alone
	}
	h.complete(ctx, rs, i, received, data, deferredUpdate)
}

// seenSet remembers the most recent interaction IDs so that one delivered
// twice (a gateway replay after a resume) is answered once. It keeps the
// last seenMax IDs, first in first out: replays come within seconds, and at
// a hundred interactions a second that is still a quarter of an hour, the
// life of an interaction token.
type seenSet struct {
	mu   sync.Mutex
	ids  map[string]struct{}
	ring []string
	next int
}

const seenMax = 100_000

// add records id and reports whether it was new.
func (s *seenSet) add(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil {
		s.ids = make(map[string]struct{}, 1024)
	}
	if _, ok := s.ids[id]; ok {
		return false
	}
	if len(s.ring) < seenMax {
		s.ring = append(s.ring, id)
	} else {
		delete(s.ids, s.ring[s.next])
		s.ring[s.next] = id
		s.next = (s.next + 1) % seenMax
	}
	s.ids[id] = struct{}{}
	return true
}
