package bot

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// redactor removes secrets from log text: bot tokens, and the interaction
// and webhook tokens that appear in REST paths.
type redactor struct {
	mu      sync.RWMutex
	secrets []string
}

// tokenInPath matches the token segment of interaction and webhook URLs:
// /interactions/{id}/{token}/callback and /webhooks/{app}/{token}/...
var tokenInPath = regexp.MustCompile(`(/(?:interactions|webhooks)/[0-9]+/)[^/\s?"']+`)

// tokenInJSON matches a "token" field in JSON, as in the INTERACTION_CREATE
// payloads discordgo dumps at debug level (escaped quotes included).
var tokenInJSON = regexp.MustCompile(`(\\?"token\\?"\s*:\s*\\?")[^"\\]*`)

func (r *redactor) add(secret string) {
	secret = strings.TrimSpace(secret)
	if len(secret) < 4 {
		return // too short to be a token; replacing it would mangle logs
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.secrets {
		if s == secret {
			return
		}
	}
	r.secrets = append(r.secrets, secret)
}

func (r *redactor) redact(s string) string {
	r.mu.RLock()
	for _, secret := range r.secrets {
		if strings.Contains(s, secret) {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	r.mu.RUnlock()
	if strings.Contains(s, "/interactions/") || strings.Contains(s, "/webhooks/") {
		s = tokenInPath.ReplaceAllString(s, "${1}[token]")
	}
	if strings.Contains(s, "token") {
		s = tokenInJSON.ReplaceAllString(s, "${1}[redacted]")
	}
	return s
}

// redactHandler is a slog.Handler that passes every record's message and
// attributes through a redactor before the next handler sees them, so no
// log line the bot writes can carry a token, whatever it logs.
type redactHandler struct {
	next slog.Handler
	r    *redactor
}

func (h redactHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h redactHandler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, h.r.redact(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.redactAttr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h redactHandler) redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.r.redact(v.String()))
	case slog.KindGroup:
		attrs := v.Group()
		out := make([]any, len(attrs))
		for i, g := range attrs {
			out[i] = h.redactAttr(g)
		}
		return slog.Group(a.Key, out...)
	case slog.KindAny:
		// errors, structs and the like: log their text, redacted.
		return slog.String(a.Key, h.r.redact(fmt.Sprint(v.Any())))
	}
	return slog.Attr{Key: a.Key, Value: v}
}

func (h redactHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		red[i] = h.redactAttr(a)
	}
	return redactHandler{next: h.next.WithAttrs(red), r: h.r}
}

func (h redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{next: h.next.WithGroup(name), r: h.r}
}

// discordgo logs through one package-level function (discordgo.Logger), so
// its output is routed here once per process: to the logger of the most
// recently opened bot, through the redactor that holds every token any bot
// in this process was given. That is the one piece of package state in bot,
// and it exists because discordgo's logging is global.
var dgLog struct {
	once   sync.Once
	mu     sync.RWMutex
	logger *slog.Logger
	red    redactor
}

func routeDiscordgoLogs(logger *slog.Logger, secrets ...string) {
	for _, s := range secrets {
		dgLog.red.add(s)
	}
	dgLog.mu.Lock()
	dgLog.logger = logger
	dgLog.mu.Unlock()
	dgLog.once.Do(func() { discordgo.Logger = discordgoLog })
}

// discordgoLog is installed as discordgo.Logger. discordgo's own levels map
// to slog's: errors and warnings keep their level; its informational chatter
// ("called", packet dumps) is debug.
func discordgoLog(level, _ int, format string, args ...any) {
	dgLog.mu.RLock()
	logger := dgLog.logger
	dgLog.mu.RUnlock()
	if logger == nil {
		logger = slog.Default()
	}
	l := slog.LevelDebug
	switch level {
	case discordgo.LogError:
		l = slog.LevelError
	case discordgo.LogWarning:
		l = slog.LevelWarn
	}
	if !logger.Enabled(context.Background(), l) {
		return
	}
	msg := dgLog.red.redact(strings.TrimSpace(fmt.Sprintf(format, args...)))
	logger.Log(context.Background(), l, msg, "component", "discordgo")
}

// discordgoLevel is the session log level matching the logger: discordgo
// formats nothing below it.
func discordgoLevel(logger *slog.Logger) int {
	switch {
	case logger.Enabled(context.Background(), slog.LevelDebug):
		return discordgo.LogDebug
	case logger.Enabled(context.Background(), slog.LevelWarn):
		return discordgo.LogWarning
	default:
		return discordgo.LogError
	}
}
