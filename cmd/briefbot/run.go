package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/briefbot/briefbot/bot"
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
// DISCORD_API_BASE, BRIEFBOT_LOG_LEVEL and BRIEFBOT_LOG_FORMAT. The token
// never comes from a flag: flags show up in ps.
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
	if cfg.guildID != "" && !isSnowflake(cfg.guildID) {
		return cfg, usageError{fmt.Sprintf("BRIEFBOT_GUILD %q is not a server ID: copy it with Developer Mode on (right-click the server, Copy Server ID)", cfg.guildID)}
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

func isSnowflake(s string) bool {
	if len(s) < 15 || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
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

	db, err := openStore(*dbPath, false)
	if err != nil {
		return err
	}
	defer closeStore(db, &err)
	b, err := bot.New(bot.Config{
		Token:   cfg.token,
		GuildID: cfg.guildID,
		APIBase: cfg.apiBase,
		Store:   db,
		Ingest:  newIngester(db, e),
		Logger:  logger,
	})
	if err != nil {
		return err
	}
	if err := b.Open(ctx); err != nil {
		return err
	}
	logger.Info("briefbot is running; stop it with Ctrl-C", "db", db.Path())
	<-ctx.Done()
	logger.Info("shutting down")
	return b.Close()
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

// isTerminal reports whether r is a terminal (a character device).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
