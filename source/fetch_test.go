package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testResolver answers from a fixed table and fails the test for any name
// it was not told about, so no test ever asks real DNS.
type testResolver struct {
	t     *testing.T
	hosts map[string][]netip.Addr
}

func (r testResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	addrs, ok := r.hosts[host]
	if !ok {
		r.t.Errorf("resolver asked for %q, which this test does not expect to be looked up", host)
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return addrs, nil
}

// guardDialer connects only to the addresses it allows (the test's own
// httptest servers) and fails the test if the fetcher ever asks it for any
// other address: that would be a packet sent to a refused host.
type guardDialer struct {
	t     *testing.T
	allow map[string]bool
	mu    sync.Mutex
	calls []string
}

func newGuardDialer(t *testing.T, servers ...*httptest.Server) *guardDialer {
	d := &guardDialer{t: t, allow: map[string]bool{}}
	for _, s := range servers {
		d.allow[s.Listener.Addr().String()] = true
	}
	return d
}

func (d *guardDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	d.mu.Lock()
	d.calls = append(d.calls, address)
	d.mu.Unlock()
	if !d.allow[address] {
		d.t.Errorf("dialer reached for %s: a refused address got a connection attempt", address)
		return nil, errors.New("guard dialer: not a test server")
	}
	var nd net.Dialer
	return nd.DialContext(ctx, network, address)
}

func (d *guardDialer) dialed() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.calls...)
}

// serverAddr is the loopback address an httptest server listens on.
func serverAddr(t *testing.T, s *httptest.Server) netip.AddrPort {
	t.Helper()
	ap, err := netip.ParseAddrPort(s.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	return ap
}

func TestFetch_OK(t *testing.T) {
	var gotUA string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		fmt.Fprint(w, "<html><body><p>Hello.</p></body></html>")
	}))
	defer srv.Close()
	f := New(Options{AllowLoopback: true, Dialer: newGuardDialer(t, srv)})

	resp, err := f.Fetch(context.Background(), srv.URL+"/page")
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if got, want := string(resp.Body), "<html><body><p>Hello.</p></body></html>"; got != want {
		t.Errorf("Body = %q, want %q", got, want)
	}
	if resp.URL != srv.URL+"/page" || resp.StatusCode != 200 || resp.ContentType != "text/html; charset=utf-8" ||
		resp.ETag != `"v1"` || resp.LastModified != "Mon, 02 Jan 2006 15:04:05 GMT" || resp.NotModified {
		t.Errorf("Response = %+v", resp)
	}
	if !strings.HasPrefix(gotUA, "briefbot/") {
		t.Errorf("User-Agent = %q, want one naming briefbot", gotUA)
	}
}

// TestFetch_RefusedBeforeDialling resolves test names to every kind of
// refused address and proves the dialer is never asked to connect to them.
func TestFetch_RefusedBeforeDialling(t *testing.T) {
	addrs := func(ss ...string) []netip.Addr {
		var out []netip.Addr
		for _, s := range ss {
			out = append(out, netip.MustParseAddr(s))
		}
		return out
	}
	hosts := map[string][]netip.Addr{
		"private.test":   addrs("10.0.0.1"),
		"private2.test":  addrs("192.168.1.20"),
		"metadata.test":  addrs("169.254.169.254"),
		"loopback6.test": addrs("::1"),
		"mapped.test":    addrs("::ffff:127.0.0.1"),
		"ula.test":       addrs("fd12:3456::1"),
		"ec2v6.test":     addrs("fd00:ec2::254"),
		"cgnat.test":     addrs("100.64.0.1"),
		"zero.test":      addrs("0.0.0.0"),
		"linklocal.test": addrs("fe80::1"),
		"nat64.test":     addrs("64:ff9b::10.0.0.1"),
		"mixed.test":     addrs("8.8.8.8", "10.0.0.1"),
		"doc.test":       addrs("192.0.2.1"),
		"multicast.test": addrs("224.0.0.1"),
	}
	tests := []struct {
		name string
		url  string
		opts Options
	}{
		{"private", "http://private.test/", Options{}},
		{"private 192.168", "https://private2.test/feed", Options{}},
		{"private with loopback allowed", "http://private.test/", Options{AllowLoopback: true}},
		{"metadata", "http://metadata.test/latest/meta-data/", Options{}},
		{"metadata with everything allowed", "http://metadata.test/", Options{AllowLoopback: true, AllowPrivate: true}},
		{"loopback v6", "http://loopback6.test:8080/", Options{}},
		{"loopback v6 with private allowed", "http://loopback6.test/", Options{AllowPrivate: true}},
		{"v4-mapped loopback", "http://mapped.test/", Options{}},
		{"ula", "http://ula.test/", Options{}},
		{"ec2 v6 metadata with everything allowed", "http://ec2v6.test/", Options{AllowLoopback: true, AllowPrivate: true}},
		{"cgnat", "http://cgnat.test/", Options{AllowPrivate: true}},
		{"unspecified", "http://zero.test/", Options{AllowLoopback: true}},
		{"link-local v6", "http://linklocal.test/", Options{AllowPrivate: true}},
		{"nat64 of private", "http://nat64.test/", Options{}},
		{"one bad address of two", "http://mixed.test/", Options{}},
		{"documentation", "http://doc.test/", Options{}},
		{"multicast", "http://multicast.test/", Options{}},
		{"literal loopback", "http://127.0.0.1/", Options{}},
		{"literal loopback other", "http://127.1.2.3:9000/", Options{}},
		{"literal mapped loopback", "http://[::ffff:127.0.0.1]/", Options{}},
		{"literal v6 loopback", "http://[::1]/", Options{}},
		{"literal metadata", "http://169.254.169.254/latest/meta-data/", Options{AllowLoopback: true, AllowPrivate: true}},
		{"literal mapped metadata", "http://[::ffff:a9fe:a9fe]/", Options{AllowLoopback: true, AllowPrivate: true}},
		{"literal ec2 v6 metadata", "http://[fd00:ec2::254]/", Options{AllowPrivate: true}},
		{"literal private", "https://10.1.2.3/", Options{}},
		{"literal zoned link-local", "http://[fe80::1%25eth0]/", Options{}},
		{"google metadata by name", "http://metadata.google.internal/computeMetadata/v1/", Options{AllowLoopback: true, AllowPrivate: true}},
		{"google metadata by name, trailing dot", "http://METADATA.google.internal./", Options{AllowLoopback: true, AllowPrivate: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newGuardDialer(t)
			opts := tt.opts
			opts.Resolver = testResolver{t: t, hosts: hosts}
			opts.Dialer = d
			_, err := New(opts).Fetch(context.Background(), tt.url)
			if !errors.Is(err, ErrBlocked) {
				t.Fatalf("Fetch(%s) error = %v, want ErrBlocked", tt.url, err)
			}
			if !strings.Contains(err.Error(), "refusing to connect") {
				t.Errorf("error %q does not say the connection was refused", err)
			}
			if calls := d.dialed(); len(calls) != 0 {
				t.Errorf("dialer called for %v", calls)
			}
		})
	}
}

func TestFetch_ErrorNamesAddressAndClass(t *testing.T) {
	opts := Options{
		Resolver: testResolver{t: t, hosts: map[string][]netip.Addr{"internal.test": {netip.MustParseAddr("10.0.0.1")}}},
		Dialer:   newGuardDialer(t),
	}
	_, err := New(opts).Fetch(context.Background(), "http://internal.test/x")
	want := "fetch http://internal.test/x: refusing to connect to internal.test (10.0.0.1), a private network address"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %v, want it to start %q", err, want)
	}
}

// TestFetch_GuardedPathReachesAllowedServer goes through the resolver and
// the guarded dial (not an IP literal) to an httptest server, so the path
// the refusals above take is the one that also works.
func TestFetch_GuardedPathReachesAllowedServer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "host=%s", r.Host)
	}))
	defer srv.Close()
	ap := serverAddr(t, srv)
	d := newGuardDialer(t, srv)
	f := New(Options{
		AllowLoopback: true,
		Resolver:      testResolver{t: t, hosts: map[string][]netip.Addr{"news.test": {ap.Addr()}}},
		Dialer:        d,
	})
	resp, err := f.Fetch(context.Background(), fmt.Sprintf("http://news.test:%d/a", ap.Port()))
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if got, want := string(resp.Body), fmt.Sprintf("host=news.test:%d", ap.Port()); got != want {
		t.Errorf("Body = %q, want %q", got, want)
	}
	if got := d.dialed(); len(got) != 1 || got[0] != ap.String() {
		t.Errorf("dialled %v, want exactly [%s]", got, ap)
	}
}

// TestFetch_TLSVerifiesTheName dials the checked IP but verifies the
// certificate against the URL's host name.
func TestFetch_TLSVerifiesTheName(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "secure")
	}))
	// The refused handshake below is expected; keep the server quiet.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	defer srv.Close()
	ap := serverAddr(t, srv)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	// httptest's certificate is issued for example.com and loopback.
	f := New(Options{
		AllowLoopback: true,
		RootCAs:       pool,
		Resolver: testResolver{t: t, hosts: map[string][]netip.Addr{
			"example.com": {ap.Addr()},
			"wrong.test":  {ap.Addr()},
		}},
		Dialer: newGuardDialer(t, srv),
	})
	resp, err := f.Fetch(context.Background(), fmt.Sprintf("https://example.com:%d/", ap.Port()))
	if err != nil {
		t.Fatalf("Fetch over TLS: %v", err)
	}
	if string(resp.Body) != "secure" {
		t.Errorf("Body = %q", resp.Body)
	}
	_, err = f.Fetch(context.Background(), fmt.Sprintf("https://wrong.test:%d/", ap.Port()))
	var hostErr x509.HostnameError
	if !errors.As(err, &hostErr) {
		t.Errorf("Fetch of a name the certificate does not cover: error = %v, want a certificate verification error", err)
	}
}

func TestFetch_RedirectToRefusedAddress(t *testing.T) {
	var hits atomic.Int32
	var target string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, target, http.StatusFound)
	}))
	defer srv.Close()
	ap := serverAddr(t, srv)
	hosts := map[string][]netip.Addr{
		"a.test":        {ap.Addr()},
		"internal.test": {netip.MustParseAddr("10.0.0.1")},
		"meta.test":     {netip.MustParseAddr("169.254.169.254")},
		"lo6.test":      {netip.MustParseAddr("::1")},
		"mapped.test":   {netip.MustParseAddr("::ffff:127.0.0.1")},
	}
	for _, to := range []string{
		fmt.Sprintf("http://internal.test:%d/", ap.Port()),
		"http://internal.test/",
		"http://meta.test/latest/meta-data/iam/",
		"http://169.254.169.254/latest/meta-data/",
		"http://[fd00:ec2::254]/",
		"http://metadata.google.internal/computeMetadata/v1/",
		"http://10.0.0.1/admin",
	} {
		t.Run(to, func(t *testing.T) {
			target = to
			hits.Store(0)
			d := newGuardDialer(t, srv)
			f := New(Options{AllowLoopback: true, Resolver: testResolver{t: t, hosts: hosts}, Dialer: d})
			_, err := f.Fetch(context.Background(), fmt.Sprintf("http://a.test:%d/start", ap.Port()))
			if !errors.Is(err, ErrBlocked) {
				t.Fatalf("error = %v, want ErrBlocked", err)
			}
			if hits.Load() != 1 {
				t.Errorf("server A answered %d requests, want 1", hits.Load())
			}
			for _, c := range d.dialed() {
				if c != ap.String() {
					t.Errorf("dialled %s", c)
				}
			}
		})
	}
}

func TestFetch_Redirects(t *testing.T) {
	var hits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, "/loop", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n == 0 {
			fmt.Fprint(w, "arrived")
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://files.example/x", http.StatusFound)
	})
	mux.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := New(Options{AllowLoopback: true, MaxRedirects: 3, Dialer: newGuardDialer(t, srv)})
	ctx := context.Background()

	t.Run("loop", func(t *testing.T) {
		_, err := f.Fetch(ctx, srv.URL+"/loop")
		if !errors.Is(err, ErrTooManyRedirects) {
			t.Fatalf("error = %v, want ErrTooManyRedirects", err)
		}
		if got := hits.Load(); got != 4 {
			t.Errorf("server saw %d requests, want 4 (the first and 3 redirects)", got)
		}
	})
	t.Run("at the limit", func(t *testing.T) {
		resp, err := f.Fetch(ctx, srv.URL+"/hop/3")
		if err != nil {
			t.Fatalf("3 redirects with a limit of 3: %v", err)
		}
		if resp.URL != srv.URL+"/hop/0" || string(resp.Body) != "arrived" {
			t.Errorf("final URL %s, body %q", resp.URL, resp.Body)
		}
	})
	t.Run("over the limit", func(t *testing.T) {
		_, err := f.Fetch(ctx, srv.URL+"/hop/4")
		if !errors.Is(err, ErrTooManyRedirects) {
			t.Fatalf("error = %v, want ErrTooManyRedirects", err)
		}
	})
	t.Run("no redirects allowed", func(t *testing.T) {
		f := New(Options{AllowLoopback: true, MaxRedirects: -1, Dialer: newGuardDialer(t, srv)})
		if _, err := f.Fetch(ctx, srv.URL+"/hop/1"); !errors.Is(err, ErrTooManyRedirects) {
			t.Fatalf("error = %v, want ErrTooManyRedirects", err)
		}
	})
	for _, path := range []string{"/ftp", "/file"} {
		t.Run("to "+path, func(t *testing.T) {
			_, err := f.Fetch(ctx, srv.URL+path)
			if !errors.Is(err, ErrScheme) {
				t.Fatalf("error = %v, want ErrScheme", err)
			}
		})
	}
}

func TestFetch_SchemeRefused(t *testing.T) {
	f := New(Options{Resolver: testResolver{t: t}, Dialer: newGuardDialer(t)})
	for _, u := range []string{
		"ftp://example.com/feed.xml",
		"file:///etc/passwd",
		"gopher://example.com/",
		"javascript:alert(1)",
		"data:text/html,hello",
		"example.com/feed",
		"",
	} {
		_, err := f.Fetch(context.Background(), u)
		if !errors.Is(err, ErrScheme) {
			t.Errorf("Fetch(%q) error = %v, want ErrScheme", u, err)
		}
	}
	if _, err := f.Fetch(context.Background(), "http:///nohost"); err == nil || !strings.Contains(err.Error(), "no host") {
		t.Errorf("Fetch with no host: error = %v", err)
	}
}

func TestFetch_TooLarge(t *testing.T) {
	const limit = 64 << 10
	var streamed atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/sized", func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("a"), limit+1))
	})
	mux.HandleFunc("/exact", func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("a"), limit))
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		// No Content-Length and no end: only a reader that stops at the
		// limit and hangs up gets out of this.
		chunk := bytes.Repeat([]byte("b"), 4096)
		for {
			n, err := w.Write(chunk)
			streamed.Add(int64(n))
			if err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("client did not offer gzip")
		}
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(make([]byte, 4*limit))
		zw.Close()
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(buf.Bytes())
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := New(Options{AllowLoopback: true, MaxBodySize: limit, Timeout: 20 * time.Second, Dialer: newGuardDialer(t, srv)})

	for _, path := range []string{"/sized", "/endless", "/gzip"} {
		t.Run(path, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), srv.URL+path)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error = %v, want ErrTooLarge", err)
			}
			for _, want := range []string{srv.URL + path, "64 KB"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not name %q", err, want)
				}
			}
		})
	}
	t.Run("exactly the limit", func(t *testing.T) {
		resp, err := f.Fetch(context.Background(), srv.URL+"/exact")
		if err != nil || len(resp.Body) != limit {
			t.Fatalf("got %d bytes, error %v; want %d bytes", len(resp.Body), err, limit)
		}
	})
	t.Run("per-request limit", func(t *testing.T) {
		_, err := f.Do(context.Background(), Request{URL: srv.URL + "/exact", MaxBytes: 1024})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "1 KB") {
			t.Fatalf("error = %v, want ErrTooLarge naming 1 KB", err)
		}
	})
}

func TestFetch_Timeouts(t *testing.T) {
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/no-headers", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html><body>first part"))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)

	t.Run("response headers", func(t *testing.T) {
		f := New(Options{AllowLoopback: true, ResponseHeaderTimeout: 100 * time.Millisecond, Timeout: 10 * time.Second, Dialer: newGuardDialer(t, srv)})
		start := time.Now()
		_, err := f.Fetch(context.Background(), srv.URL+"/no-headers")
		if !errors.Is(err, ErrTimeout) {
			t.Fatalf("error = %v, want ErrTimeout", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %s: the header timeout did not apply", d)
		}
	})
	t.Run("whole fetch", func(t *testing.T) {
		f := New(Options{AllowLoopback: true, Timeout: 200 * time.Millisecond, Dialer: newGuardDialer(t, srv)})
		_, err := f.Fetch(context.Background(), srv.URL+"/slow-body")
		if !errors.Is(err, ErrTimeout) {
			t.Fatalf("error = %v, want ErrTimeout", err)
		}
		if !strings.Contains(err.Error(), srv.URL+"/slow-body") {
			t.Errorf("error %q does not name the URL", err)
		}
	})
	t.Run("dial", func(t *testing.T) {
		f := New(Options{
			DialTimeout: 100 * time.Millisecond,
			Timeout:     10 * time.Second,
			Resolver:    testResolver{t: t, hosts: map[string][]netip.Addr{"slow.test": {netip.MustParseAddr("8.8.8.8")}}},
			Dialer:      stallDialer{},
		})
		_, err := f.Fetch(context.Background(), "http://slow.test/")
		if !errors.Is(err, ErrTimeout) {
			t.Fatalf("error = %v, want ErrTimeout", err)
		}
	})
	t.Run("TLS handshake", func(t *testing.T) {
		// A listener that accepts and then says nothing: the TCP connection
		// succeeds and the handshake never completes.
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		var held []net.Conn
		var mu sync.Mutex
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				mu.Lock()
				held = append(held, c)
				mu.Unlock()
			}
		}()
		defer func() {
			mu.Lock()
			defer mu.Unlock()
			for _, c := range held {
				c.Close()
			}
		}()
		dialer := &guardDialer{t: t, allow: map[string]bool{ln.Addr().String(): true}}
		f := New(Options{AllowLoopback: true, TLSHandshakeTimeout: 100 * time.Millisecond, Timeout: 10 * time.Second, Dialer: dialer})
		start := time.Now()
		_, err = f.Fetch(context.Background(), "https://"+ln.Addr().String()+"/")
		if !errors.Is(err, ErrTimeout) {
			t.Fatalf("error = %v, want ErrTimeout", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %s: the handshake timeout did not apply", d)
		}
	})
	t.Run("caller's context", func(t *testing.T) {
		f := New(Options{AllowLoopback: true, Dialer: newGuardDialer(t, srv)})
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := f.Fetch(ctx, srv.URL+"/no-headers")
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
	})
}

// stallDialer never connects; it waits for the dial deadline. It stands in
// for a host that drops packets, without sending any.
type stallDialer struct{}

func (stallDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestFetch_StatusAndConditional(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"abc"` || r.Header.Get("If-Modified-Since") == "Tue, 01 Jun 2021 10:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"abc"`)
		fmt.Fprint(w, "<rss/>")
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := New(Options{AllowLoopback: true, Dialer: newGuardDialer(t, srv)})
	ctx := context.Background()

	resp, err := f.Do(ctx, Request{URL: srv.URL + "/feed", ETag: `"abc"`})
	if err != nil || !resp.NotModified || resp.Body != nil {
		t.Errorf("conditional by ETag: %+v, %v; want NotModified", resp, err)
	}
	resp, err = f.Do(ctx, Request{URL: srv.URL + "/feed", LastModified: "Tue, 01 Jun 2021 10:00:00 GMT"})
	if err != nil || !resp.NotModified {
		t.Errorf("conditional by date: %+v, %v; want NotModified", resp, err)
	}
	resp, err = f.Do(ctx, Request{URL: srv.URL + "/feed", ETag: `"old"`})
	if err != nil || resp.NotModified || string(resp.Body) != "<rss/>" || resp.ETag != `"abc"` {
		t.Errorf("changed: %+v, %v", resp, err)
	}

	_, err = f.Fetch(ctx, srv.URL+"/missing")
	var se *StatusError
	if !errors.As(err, &se) || se.StatusCode != 404 || !strings.Contains(err.Error(), srv.URL+"/missing") {
		t.Errorf("404: error = %v", err)
	}
	_, err = f.Fetch(ctx, srv.URL+"/busy")
	if !errors.As(err, &se) || se.StatusCode != 503 || se.RetryAfter != 2*time.Minute {
		t.Errorf("503: error = %#v", err)
	}
}
