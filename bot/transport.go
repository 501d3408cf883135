package bot

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultAPIBase is where Discord's REST API lives.
const DefaultAPIBase = "https://discord.com"

// discordHost is the host discordgo builds its REST URLs with.
const discordHost = "discord.com"

// parseAPIBase checks an API base URL (DISCORD_API_BASE): an absolute http
// or https URL with no query or fragment. A path is kept as a prefix, for a
// proxy mounted under one.
func parseAPIBase(raw string) (*url.URL, error) {
	if raw == "" {
		raw = DefaultAPIBase
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("API base %q: want an http or https URL such as %s", raw, DefaultAPIBase)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u, nil
}

// CheckAPIBase reports whether raw is usable as DISCORD_API_BASE: an
// absolute http or https URL with no query or fragment ("" means
// DefaultAPIBase). New makes the same check; callers use this one to fail
// before opening anything else.
func CheckAPIBase(raw string) error {
	_, err := parseAPIBase(raw)
	return err
}

// apiTransport sends discordgo's REST requests to another base URL (a
// rate-limiting proxy, or a local Discord in tests) and logs each at debug
// level, without tokens.
type apiTransport struct {
	base *url.URL
	next http.RoundTripper
	log  *slog.Logger
}

func newAPITransport(base *url.URL, log *slog.Logger) *apiTransport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	// Interaction bursts send many replies at once to one host; keep their
	// connections instead of opening and closing one per reply.
	t.MaxIdleConnsPerHost = 64
	return &apiTransport{base: base, next: t, log: log}
}

func (t *apiTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host == discordHost && !(t.base.Scheme == "https" && t.base.Host == discordHost && t.base.Path == "") {
		req = req.Clone(req.Context())
		req.URL.Scheme = t.base.Scheme
		req.URL.Host = t.base.Host
		req.URL.Path = t.base.Path + req.URL.Path
		req.URL.RawPath = ""
		req.Host = t.base.Host
	}
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		t.log.Debug("discord request failed", "method", req.Method, "path", req.URL.Path, "err", err)
		return nil, err
	}
	t.log.Debug("discord request", "method", req.Method, "path", req.URL.Path, "status", resp.StatusCode, "took", time.Since(start))
	return resp, nil
}

func (t *apiTransport) closeIdle() {
	if c, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
