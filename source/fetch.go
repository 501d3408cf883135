package source

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Defaults for the zero Options.
const (
	DefaultTimeout               = 30 * time.Second
	DefaultDialTimeout           = 10 * time.Second
	DefaultTLSHandshakeTimeout   = 10 * time.Second
	DefaultResponseHeaderTimeout = 15 * time.Second
	DefaultMaxBodySize           = 5 << 20
	DefaultMaxRedirects          = 5
	DefaultUserAgent             = "briefbot/0.1 (+https://github.com/briefbot/briefbot)"
)

// maxHeaderBytes bounds the response headers the transport will read.
const maxHeaderBytes = 256 << 10

// Errors a fetch can fail with, for errors.Is. The error's text says which
// URL, which address or which limit.
var (
	// ErrBlocked is returned when a URL's host resolves to an address that
	// may not be fetched from: loopback, private, link-local, cloud
	// metadata and other special ranges (see Classify and Options).
	ErrBlocked = errors.New("only public internet addresses can be fetched")
	// ErrScheme is returned for a URL, or a redirect, that is not http or
	// https.
	ErrScheme = errors.New("only http and https URLs can be fetched")
	// ErrTooLarge is returned when a body exceeds the size limit. The rest
	// of the body is not read.
	ErrTooLarge = errors.New("response too large")
	// ErrTooManyRedirects is returned when a fetch is redirected more times
	// than the limit, which includes redirect loops.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrTimeout is returned when connecting, the TLS handshake, waiting
	// for the response headers or the whole fetch takes longer than its
	// limit.
	ErrTimeout = errors.New("timed out")
)

// StatusError is returned when the server answers with a status other than
// 2xx (or 304 to a conditional request).
type StatusError struct {
	URL        string
	StatusCode int
	// RetryAfter is the server's Retry-After delay in seconds form, or 0.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("fetch %s: server answered %d %s", e.URL, e.StatusCode, http.StatusText(e.StatusCode))
	switch {
	case e.StatusCode == http.StatusNotFound || e.StatusCode == http.StatusGone:
		msg += " (check the address)"
	case e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden:
		msg += " (the site refuses automated access to this page)"
	case e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500:
		msg += " (try again later)"
	}
	return msg
}

// Options configure a Fetcher. The zero value fetches only from public
// addresses with the Default limits.
type Options struct {
	// Timeout bounds a whole fetch, redirects and body included.
	Timeout time.Duration
	// DialTimeout bounds the DNS lookup and TCP connection of each hop.
	DialTimeout time.Duration
	// TLSHandshakeTimeout bounds each TLS handshake.
	TLSHandshakeTimeout time.Duration
	// ResponseHeaderTimeout bounds the wait for response headers once the
	// request is sent.
	ResponseHeaderTimeout time.Duration
	// MaxBodySize is the largest body, in bytes after decompression, a
	// fetch reads; Request.MaxBytes overrides it per request.
	MaxBodySize int64
	// MaxRedirects is how many redirects a fetch follows; a negative value
	// follows none.
	MaxRedirects int
	// UserAgent is sent with every request.
	UserAgent string

	// AllowLoopback permits fetching from this machine (127.0.0.0/8, ::1),
	// for tests and for feeds served locally.
	AllowLoopback bool
	// AllowPrivate permits fetching from private networks (RFC 1918, RFC
	// 4193 unique local addresses), for people who run their own feeds at
	// home. Link-local, metadata and the other special ranges stay refused.
	AllowPrivate bool

	// Resolver looks up host names; nil means net.DefaultResolver.
	Resolver Resolver
	// Dialer connects to checked addresses; nil means a *net.Dialer.
	Dialer Dialer
	// RootCAs verifies servers' certificates; nil means the system roots.
	RootCAs *x509.CertPool
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.DialTimeout <= 0 {
		o.DialTimeout = DefaultDialTimeout
	}
	if o.TLSHandshakeTimeout <= 0 {
		o.TLSHandshakeTimeout = DefaultTLSHandshakeTimeout
	}
	if o.ResponseHeaderTimeout <= 0 {
		o.ResponseHeaderTimeout = DefaultResponseHeaderTimeout
	}
	if o.MaxBodySize <= 0 {
		o.MaxBodySize = DefaultMaxBodySize
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Resolver == nil {
		o.Resolver = net.DefaultResolver
	}
	if o.Dialer == nil {
		o.Dialer = &net.Dialer{KeepAlive: 30 * time.Second}
	}
	return o
}

// Fetcher fetches URLs over HTTP and HTTPS with the limits and address
// checks of its Options. It is safe for concurrent use; create one and
// reuse it so connections are pooled.
type Fetcher struct {
	opts   Options
	client *http.Client
}

// New returns a Fetcher with opts, zero fields taking their defaults.
func New(opts Options) *Fetcher {
	f := &Fetcher{opts: opts.withDefaults()}
	transport := &http.Transport{
		// No proxy: a proxy would make the connection, and the address
		// check would only ever see the proxy's address.
		Proxy:                  nil,
		DialContext:            f.dial,
		TLSClientConfig:        &tls.Config{RootCAs: f.opts.RootCAs, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    f.opts.TLSHandshakeTimeout,
		ResponseHeaderTimeout:  f.opts.ResponseHeaderTimeout,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: maxHeaderBytes,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           16,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        90 * time.Second,
	}
	f.client = &http.Client{Transport: transport, CheckRedirect: f.checkRedirect}
	return f
}

// CloseIdleConnections closes pooled connections that are not in use.
func (f *Fetcher) CloseIdleConnections() {
	f.client.CloseIdleConnections()
}

// Request is one fetch. Only URL is required.
type Request struct {
	URL string
	// ETag and LastModified, when set, make the request conditional: a 304
	// answer comes back as a Response with NotModified set and no body.
	ETag         string
	LastModified string
	// Accept is the Accept header; empty sends a default preferring HTML
	// and feeds.
	Accept string
	// MaxBytes overrides Options.MaxBodySize for this request when > 0.
	MaxBytes int64
}

// Response is a fetched body and what the caller needs of its headers.
type Response struct {
	// URL is the final URL, after redirects.
	URL string
	// StatusCode is 200-299, or 304 when NotModified.
	StatusCode  int
	ContentType string
	// ETag and LastModified are the validators to send next time.
	ETag         string
	LastModified string
	// Body is the whole body, at most the size limit.
	Body []byte
	// NotModified is true when a conditional request was answered 304.
	NotModified bool
}

const defaultAccept = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"

// Fetch gets rawURL; it is Do with only the URL set.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (Response, error) {
	return f.Do(ctx, Request{URL: rawURL})
}

// Do performs r. It refuses non-http(s) URLs with ErrScheme and hosts that
// resolve to refused addresses with ErrBlocked, before any packet is sent
// to them, on the first request and on every redirect. A body over the limit
// fails with ErrTooLarge without reading the rest; a status other than 2xx
// (or 304 when r is conditional) fails with *StatusError.
func (f *Fetcher) Do(ctx context.Context, r Request) (Response, error) {
	u, err := parseHTTPURL(r.URL)
	if err != nil {
		return Response{}, fmt.Errorf("fetch %s: %w", r.URL, err)
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Response{}, fmt.Errorf("fetch %s: %w", r.URL, err)
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	accept := r.Accept
	if accept == "" {
		accept = defaultAccept
	}
	req.Header.Set("Accept", accept)
	conditional := r.ETag != "" || r.LastModified != ""
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}

	resp, err := f.client.Do(req)
	if err != nil {
		return Response{}, fetchError(ctx, r.URL, time.Since(start), err)
	}
	defer resp.Body.Close()

	out := Response{
		URL:          resp.Request.URL.String(),
		StatusCode:   resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && conditional:
		out.NotModified = true
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return Response{}, &StatusError{URL: out.URL, StatusCode: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"))}
	}

	limit := f.opts.MaxBodySize
	if r.MaxBytes > 0 {
		limit = r.MaxBytes
	}
	if resp.ContentLength > limit {
		return Response{}, tooLarge(out.URL, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return Response{}, fetchError(ctx, out.URL, time.Since(start), err)
	}
	if int64(len(body)) > limit {
		return Response{}, tooLarge(out.URL, limit)
	}
	out.Body = body
	return out, nil
}

func tooLarge(u string, limit int64) error {
	return fmt.Errorf("fetch %s: %w: the body is over the %s limit (not an article or feed, or raise the limit)", u, ErrTooLarge, formatBytes(limit))
}

// fetchError turns a client error into one that names the URL and says
// what went wrong, without net/http's `Get "...":` wrapping.
func fetchError(ctx context.Context, rawURL string, elapsed time.Duration, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	switch {
	case errors.Is(err, ErrBlocked), errors.Is(err, ErrScheme), errors.Is(err, ErrTooManyRedirects), errors.Is(err, ErrTimeout):
		return fmt.Errorf("fetch %s: %w", rawURL, err)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("fetch %s: %w after %s (the server is too slow; try again later): %w", rawURL, ErrTimeout, elapsed.Round(time.Millisecond), err)
	case isTimeout(err):
		return fmt.Errorf("fetch %s: %w (the server is too slow; try again later): %w", rawURL, ErrTimeout, err)
	}
	return fmt.Errorf("fetch %s: %w", rawURL, err)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// checkRedirect applies the redirect limit and the scheme rule to every
// hop. Addresses are checked when the hop's connection is dialled.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.opts.MaxRedirects {
		limit := max(f.opts.MaxRedirects, 0)
		return fmt.Errorf("%w: more than %d, last to %s (a redirect loop, or the page moved too often)", ErrTooManyRedirects, limit, req.URL)
	}
	if _, err := parseHTTPURL(req.URL.String()); err != nil {
		return fmt.Errorf("redirected to %s: %w", req.URL.Redacted(), err)
	}
	return nil
}

// parseHTTPURL parses rawURL and refuses anything but an absolute http or
// https URL with a host. Its errors do not name the URL; callers add it.
func parseHTTPURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("not a URL: %w", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return nil, fmt.Errorf("no scheme: %w (write the full address, starting with https://)", ErrScheme)
	default:
		return nil, fmt.Errorf("scheme %q refused: %w", u.Scheme, ErrScheme)
	}
	if u.Hostname() == "" {
		return nil, errors.New("the URL has no host name (write the full address, starting with https://)")
	}
	return u, nil
}

// retryAfter reads a Retry-After header given in seconds; the HTTP-date
// form is rare enough from feed servers to ignore.
func retryAfter(v string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 0 {
		return 0
	}
	return time.Duration(min(n, 7*24*3600)) * time.Second
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	default:
		return fmt.Sprintf("%d-byte", n)
	}
}
