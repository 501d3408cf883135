package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/bwmarrin/discordgo"
)

// Store is what the bot reads and writes. *storage.DB is the production
// store; the interface exists so tests can slow one method down or make it
// fail while the rest stays real.
type Store interface {
	Briefing(ctx context.Context, id string) (briefing.Briefing, error)
	Latest(ctx context.Context, limit int) ([]briefing.Briefing, error)
	Search(ctx context.Context, query string, limit int) ([]briefing.Briefing, error)
	Titles(ctx context.Context, prefix string, limit int) ([]briefing.ArticleRef, error)
	ResolvePerson(ctx context.Context, name string) ([]storage.PersonInfo, error)
	QuotesBy(ctx context.Context, name string, offset, limit int) ([]briefing.AttributedQuote, int, error)
	People(ctx context.Context, prefix string, limit int) ([]storage.PersonInfo, error)
	SuggestPeople(ctx context.Context, name string, limit int) ([]storage.PersonInfo, error)
	QuotesIn(ctx context.Context, articleIDs []string) ([]briefing.AttributedQuote, error)
	EventsBetween(ctx context.Context, from, to time.Time, limit int) ([]briefing.ScheduledEvent, error)
	StoredSince(ctx context.Context, since time.Time, limit int) ([]briefing.Briefing, error)
	Put(ctx context.Context, b briefing.Briefing) (storage.PutResult, error)
	Guild(ctx context.Context, id string) (storage.Guild, error)
	PutGuild(ctx context.Context, g storage.Guild) error
	LastDigest(ctx context.Context, guildID string) (storage.DigestEntry, error)
	DigestEntry(ctx context.Context, guildID, date string) (storage.DigestEntry, error)
	SkipDigest(ctx context.Context, guildID, date, reason string) error
	Feed(ctx context.Context, url string) (storage.Feed, error)
	PutFeed(ctx context.Context, f storage.Feed) error
}

var _ Store = (*storage.DB)(nil)

// Config is what a Bot needs. Store is required; the rest has defaults.
type Config struct {
	// Token is the bot token, with or without its "Bot " prefix.
	Token string
	// GuildID, when set, registers the commands to that one server (they
	// update at once there) instead of globally.
	GuildID string
	// APIBase is the base URL for REST calls; "" means DefaultAPIBase.
	APIBase string
	Store   Store
	// Ingest adds articles from URLs for /ingest; nil makes /ingest answer
	// that fetching is not available.
	Ingest Ingester
	// SettingsChanged, if set, is called after a server's settings are
	// saved, so a scheduler can move that server's digest.
	SettingsChanged func(storage.Guild)
	// Locks serialise changes to each server's settings; give the
	// Scheduler the same (SchedulerConfig.Locks). Nil makes the bot's own.
	Locks *GuildLocks
	// Logger receives the bot's and discordgo's logs, tokens removed.
	Logger *slog.Logger
	// Now is the clock for "today" and digest windows; nil means time.Now.
	Now func() time.Time
	// DeferAfter is how long a command may run before the bot sends a
	// deferred reply; zero means one second.
	DeferAfter time.Duration
}

// Bot answers slash commands on Discord. Create it with New, connect with
// Open and stop with Close.
type Bot struct {
	h       *handlers
	log     *slog.Logger
	token   string
	guildID string
	session *discordgo.Session
	tr      *apiTransport

	// inflight counts replies being answered; mu guards its growth
	// against Close's Wait (closed is set under mu before waiting).
	inflight sync.WaitGroup
	mu       sync.Mutex
	closed   bool
	stop     context.CancelFunc
	closing  atomic.Bool
	// closeWait is how long Close waits for replies in flight.
	closeWait time.Duration
}

// New checks the configuration and builds a bot. It does not connect.
func New(cfg Config) (*Bot, error) {
	token := strings.TrimSpace(cfg.Token)
	if token == "" {
		return nil, errors.New("discord token is empty: set DISCORD_TOKEN or DISCORD_TOKEN_FILE")
	}
	bare := strings.TrimSpace(strings.TrimPrefix(token, "Bot "))
	if bare == "" || strings.ContainsAny(bare, " \t\r\n") {
		return nil, errors.New("discord token is malformed: it should be one word, as shown on the Bot page of the developer portal")
	}
	if cfg.Store == nil {
		return nil, errors.New("bot: no store")
	}
	base, err := parseAPIBase(cfg.APIBase)
	if err != nil {
		return nil, err
	}
	red := &redactor{}
	red.add(bare)
	logger := cfg.Logger
	if logger == nil {
		logger = slog.Default()
	}
	logger = slog.New(redactHandler{next: logger.Handler(), r: red})

	s, err := discordgo.New("Bot " + bare)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	tr := newAPITransport(base, logger)
	s.Client.Transport = tr
	s.Identify.Intents = discordgo.IntentsNone // slash commands need no gateway intents
	s.LogLevel = discordgoLevel(logger)
	s.ShouldReconnectOnError = true
	s.ShouldRetryOnRateLimit = true
	s.StateEnabled = false
	return &Bot{
		h:       newHandlers(cfg, logger),
		log:     logger,
		token:   bare,
		guildID: cfg.GuildID,
		session: s,
		tr:      tr,

		closeWait: 10 * time.Second,
	}, nil
}

// Open connects to the gateway, registers the commands with one bulk
// overwrite and starts answering interactions. Interactions are handled
// with contexts derived from ctx but not cancelled by it: Close lets the
// replies in flight finish. discordgo reconnects and resumes by itself
// after a dropped connection.
func (b *Bot) Open(ctx context.Context) error {
	routeDiscordgoLogs(b.log, b.token)
	hctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	b.stop = stop
	ready := make(chan *discordgo.Ready, 1)
	b.session.AddHandlerOnce(func(_ *discordgo.Session, r *discordgo.Ready) { ready <- r })
	b.session.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		b.track(func() { b.h.handle(hctx, s, ic.Interaction) })
	})
	b.session.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
		if !b.closing.Load() {
			b.log.Warn("gateway connection lost; reconnecting")
		}
	})
	b.session.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) {
		b.log.Info("gateway session resumed")
	})
	if err := b.session.Open(); err != nil {
		stop()
		return fmt.Errorf("connect to discord gateway: %w", err)
	}
	var r *discordgo.Ready
	select {
	case r = <-ready:
	case <-ctx.Done():
		b.Close()
		return ctx.Err()
	case <-time.After(30 * time.Second):
		b.Close()
		return errors.New("connect to discord gateway: no READY within 30s")
	}
	appID := r.User.ID
	if r.Application != nil && r.Application.ID != "" {
		appID = r.Application.ID
	}
	cmds, err := b.session.ApplicationCommandBulkOverwrite(appID, b.guildID, Commands(), discordgo.WithContext(ctx))
	if err != nil {
		b.Close()
		return fmt.Errorf("register slash commands: %w", err)
	}
	where := "globally (changes can take an hour to show)"
	if b.guildID != "" {
		where = "to server " + b.guildID
	}
	b.log.Info("connected to discord", "user", r.User.Username, "commands", len(cmds), "registered", where)
	return nil
}

// Session returns the bot's discordgo session, for REST calls that should
// share its rate limits, API base and logging (the digest scheduler's
// channel posts). Its lifecycle stays with the Bot.
func (b *Bot) Session() *discordgo.Session { return b.session }

// Close disconnects from the gateway, so no new interactions arrive, and
// waits up to ten seconds for the replies in flight. An interaction
// discordgo hands over after that is not answered.
func (b *Bot) Close() error {
	b.closing.Store(true)
	err := b.session.Close()
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(b.closeWait):
		b.log.Warn("replies still in flight at shutdown")
	}
	if b.stop != nil {
		b.stop()
	}
	b.tr.closeIdle()
	return err
}

// track runs fn, the answer to one interaction, as a reply in flight that
// Close waits for. Once Close has started waiting it runs nothing and
// returns false: the WaitGroup must not grow while it is waited on, and
// the gateway is closed by then, so only an event discordgo dispatched
// just before is dropped (Discord shows its user that it failed).
func (b *Bot) track(fn func()) bool {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		b.log.Warn("interaction arrived while shutting down; not answered")
		return false
	}
	b.inflight.Add(1)
	b.mu.Unlock()
	defer b.inflight.Done()
	fn()
	return true
}
