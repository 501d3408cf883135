package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/source"
	"github.com/briefbot/briefbot/storage"
)

// maxTokenFile bounds DISCORD_TOKEN_FILE: a token is under 100 bytes.
const maxTokenFile = 4 << 10

// botConfig is what `briefbot run` takes from its environment.
type botConfig struct {
	token     string // "" runs the console
	guildID   string
	apiBase   string
	logLevel  slog.Level
	logFormat string
}

// parseBotConfig reads DISCORD_TOKEN or DISCORD_TOKEN_FILE, BRIEFBOT_GUILD,
// DISCORD_API_BASE, BRIEFBOT_LOG_LEVEL and BRIEFBOT_LOG_FORMAT, and checks
// them all, so that a mistake stops briefbot before it opens the store.
// The token never comes from a flag: flags show up in ps.
func parseBotConfig(getenv func(string) string) (botConfig, error) {
	cfg := botConfig{
		guildID:   strings.TrimSpace(getenv("BRIEFBOT_GUILD")),
		apiBase:   strings.TrimSpace(getenv("DISCORD_API_BASE")),
		logFormat: strings.ToLower(strings.TrimSpace(getenv("BRIEFBOT_LOG_FORMAT"))),
	}
	token := strings.TrimSpace(getenv("DISCORD_TOKEN"))
	file := strings.TrimSpace(getenv("DISCORD_TOKEN_FILE"))
	switch {
	case token != "" && file != "":
		return cfg, usageError{"both DISCORD_TOKEN and DISCORD_TOKEN_FILE are set: set only one"}
	case file != "":
		t, err := readTokenFile(file)
		if err != nil {
			return cfg, err
		}
		token = t
	}
	cfg.token = token
	if cfg.guildID != "" && !bot.IsSnowflake(cfg.guildID) {
		return cfg, usageError{fmt.Sprintf("BRIEFBOT_GUILD %q is not a server ID: copy it with Developer Mode on (right-click the server, Copy Server ID)", cfg.guildID)}
	}
	if err := bot.CheckAPIBase(cfg.apiBase); err != nil {
		return cfg, usageError{fmt.Sprintf("DISCORD_API_BASE %q is not an absolute http or https URL without query or fragment, such as %s or http://127.0.0.1:8080", cfg.apiBase, bot.DefaultAPIBase)}
	}
	switch lvl := strings.ToLower(strings.TrimSpace(getenv("BRIEFBOT_LOG_LEVEL"))); lvl {
	case "", "info":
		cfg.logLevel = slog.LevelInfo
	case "debug":
		cfg.logLevel = slog.LevelDebug
	case "warn", "warning":
		cfg.logLevel = slog.LevelWarn
	case "error":
		cfg.logLevel = slog.LevelError
	default:
		return cfg, usageError{fmt.Sprintf("BRIEFBOT_LOG_LEVEL %q: want debug, info, warn or error", lvl)}
	}
	switch cfg.logFormat {
	case "", "text", "json":
	default:
		return cfg, usageError{fmt.Sprintf("BRIEFBOT_LOG_FORMAT %q: want text or json", cfg.logFormat)}
	}
	return cfg, nil
}

// readTokenFile reads a token from a file (a mounted secret). The error
// never includes the file's content.
func readTokenFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("DISCORD_TOKEN_FILE: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxTokenFile+1))
	if err != nil {
		return "", fmt.Errorf("DISCORD_TOKEN_FILE %s: %w", path, err)
	}
	if len(data) > maxTokenFile {
		return "", fmt.Errorf("DISCORD_TOKEN_FILE %s is larger than %d bytes: it should hold only the bot token", path, maxTokenFile)
	}
	token := strings.TrimSpace(string(data))
	if token == "" {
		return "", fmt.Errorf("DISCORD_TOKEN_FILE %s is empty: put the bot token in it", path)
	}
	return token, nil
}

func newLogger(w io.Writer, cfg botConfig) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.logLevel}
	if cfg.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// runBot is `briefbot [run] [--db PATH]`: the Discord bot when a token is
// set, the console otherwise. It returns when ctx ends (SIGINT, SIGTERM)
// after the replies in flight are sent, closing the bot before the store.
func runBot(ctx context.Context, args []string, e env) error {
	return serve(ctx, args, e, false)
}

// runConsole is `briefbot console [--db PATH]`: the console even when a
// token is set.
func runConsole(ctx context.Context, args []string, e env) error {
	return serve(ctx, args, e, true)
}

func serve(ctx context.Context, args []string, e env, console bool) (err error) {
	name := "run"
	if console {
		name = "console"
	}
	fs := newFlagSet(name, "", e)
	dbPath := dbFlag(fs, e)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, errHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s takes no arguments, got %q; the token comes from DISCORD_TOKEN or DISCORD_TOKEN_FILE", name, fs.Arg(0))}
	}
	cfg, err := parseBotConfig(e.getenv)
	if err != nil {
		return err
	}
	logger := newLogger(e.stderr, cfg)
	if cfg.token == "" || console {
		return serveConsole(ctx, *dbPath, cfg, logger, e)
	}

	// The schedule's clock: the wall clock, or a fast test clock when
	// BRIEFBOT_TEST_CLOCK_START is set against a local fake Discord. The
	// store and the feed poller read the same clock, so stored times and
	// digest windows agree.
	clock, err := bot.ClockFromEnv(e.getenv, cfg.apiBase)
	if err != nil {
		return usageError{err.Error()}
	}
	grace, err := digestGrace(e.getenv)
	if err != nil {
		return err
	}
	db, err := storage.Open(*dbPath, storage.Options{Now: clock.Now})
	if err != nil {
		if errors.Is(err, storage.ErrLocked) {
			return fmt.Errorf("%w: stop the running bot, or point this command at another file with --db", err)
		}
		return err
	}
	defer closeStore(db, &err)

	// The scheduler needs the bot's session and the bot tells the
	// scheduler about settings changes; the scheduler exists before the bot
	// connects, so no change is missed. Both change servers' settings (the
	// scheduler turns off a digest Discord keeps refusing), under the same
	// locks.
	var sched *bot.Scheduler
	locks := &bot.GuildLocks{}
	b, err := bot.New(bot.Config{
		Token:   cfg.token,
		GuildID: cfg.guildID,
		APIBase: cfg.apiBase,
		Store:   db,
		Ingest:  newIngester(db, e),
		Logger:  logger,
		Now:     clock.Now,
		Locks:   locks,
		SettingsChanged: func(g storage.Guild) {
			switch {
			case sched == nil:
			case g.ChannelID == "": // /briefing stop
				sched.GuildRemoved(g.ID)
			default:
				sched.GuildChanged(g)
			}
		},
	})
	if err != nil {
		return err
	}
	sched, err = bot.NewScheduler(bot.SchedulerConfig{
		Store: db, Discord: b.REST(), Feeds: feedPoller(db, e, clock), Clock: clock, Logger: logger, Grace: grace, Locks: locks,
	})
	if err != nil {
		return err
	}
	if err := b.Open(ctx); err != nil {
		return err
	}
	schedCtx, stopSched := context.WithCancel(ctx)
	defer stopSched()
	schedDone := make(chan error, 1)
	go func() { schedDone <- sched.Run(schedCtx) }()
	logger.Info("briefbot is running; stop it with Ctrl-C", "db", db.Path(), "digest_grace", grace)

	select {
	case <-ctx.Done():
	case err := <-schedDone:
		// The schedule could not start (the store is unreadable): stop
		// rather than run without digests.
		schedDone <- err
		logger.Error("digest schedule stopped", "err", err)
	}
	logger.Info("shutting down")
	// Ordered shutdown: the scheduler first (it waits a few seconds for
	// digests being posted, through the bot's session), then the bot,
	// then (deferred) the store.
	stopSched()
	schedErr := <-schedDone
	return errors.Join(schedErr, b.Close())
}

// digestGrace reads BRIEFBOT_DIGEST_GRACE: how late a digest missed while
// briefbot was not running may still be posted when it starts again.
func digestGrace(getenv func(string) string) (time.Duration, error) {
	v := strings.TrimSpace(getenv("BRIEFBOT_DIGEST_GRACE"))
	if v == "" {
		return bot.DefaultGrace, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 || d > 24*time.Hour {
		return 0, usageError{fmt.Sprintf("BRIEFBOT_DIGEST_GRACE %q: want a duration from 1m to 24h, such as 6h", v)}
	}
	return d, nil
}

// feedPoller is the ingester the scheduler polls feeds with: on the
// schedule's clock, every bot.DefaultFeedInterval unless a feed sets its
// own, with local addresses refused unless BRIEFBOT_ALLOW_LOCAL says
// otherwise (as for the CLI).
func feedPoller(db *storage.DB, e env, clock bot.Clock) *source.Ingester {
	opts := source.Options{}
	switch strings.ToLower(e.getenv("BRIEFBOT_ALLOW_LOCAL")) {
	case "1", "true", "yes":
		opts.AllowLoopback = true
		opts.AllowPrivate = true
	}
	return source.NewIngester(source.New(opts), db, source.IngestOptions{Now: clock.Now, Interval: bot.DefaultFeedInterval})
}

// serveConsole runs the console on the store. With a terminal it prompts
// and keeps going after errors; with a pipe or file it runs the lines and
// exits, failing if any command failed.
func serveConsole(ctx context.Context, dbPath string, cfg botConfig, logger *slog.Logger, e env) (err error) {
	db, err := openStore(dbPath, false)
	if err != nil {
		return err
	}
	defer closeStore(db, &err)
	c, err := bot.NewConsole(bot.Config{Store: db, Ingest: newIngester(db, e), Logger: logger})
	if err != nil {
		return err
	}
	interactive := isTerminal(e.stdin)
	if interactive {
		fmt.Fprintf(e.stdout, "No DISCORD_TOKEN set: opening the console on %s.\n", db.Path())
	}
	err = c.Run(ctx, e.stdin, e.stdout, interactive)
	if errors.Is(err, context.Canceled) {
		return nil // Ctrl-C leaves the console
	}
	return err
}

// isTerminal reports whether r is a terminal. Being a character device is
// not enough: /dev/null is one too, and `briefbot < /dev/null` must run
// its (no) lines and exit rather than prompt. isTTY asks the terminal
// driver.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	return isTTY(f)
}
