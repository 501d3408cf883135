package source

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://example.com/a", "https://example.com/a"},
		{"HTTPS://Example.COM/a", "https://example.com/a"},
		{"https://example.com", "https://example.com/"},
		{"https://example.com:443/a", "https://example.com/a"},
		{"http://example.com:80/a", "http://example.com/a"},
		{"http://example.com:443/a", "http://example.com:443/a"},
		{"https://example.com:8443/a", "https://example.com:8443/a"},
		{"https://example.com:0443/a", "https://example.com/a"},
		{"https://example.com./a", "https://example.com/a"},
		{"https://example.com/a#section-2", "https://example.com/a"},
		{"https://user:secret@example.com/a", "https://example.com/a"},
		{"  https://example.com/a  ", "https://example.com/a"},
		// Path case is significant and kept.
		{"https://example.com/News/Item", "https://example.com/News/Item"},
		// Escapes in the path are kept as written.
		{"https://example.com/a%20b/%C3%A9", "https://example.com/a%20b/%C3%A9"},
		// Tracking parameters go; the rest stay in their order.
		{"https://example.com/a?utm_source=rss&utm_medium=feed", "https://example.com/a"},
		{"https://example.com/a?id=7&utm_campaign=x&page=2", "https://example.com/a?id=7&page=2"},
		{"https://example.com/a?UTM_Source=x&id=7", "https://example.com/a?id=7"},
		{"https://example.com/a?fbclid=abc&gclid=def", "https://example.com/a"},
		{"https://example.com/a?at_medium=RSS&at_campaign=rss", "https://example.com/a"},
		{"https://example.com/a?CMP=share_btn&b=1", "https://example.com/a?b=1"},
		{"https://example.com/a?utm%5Fsource=x&b=1", "https://example.com/a?b=1"},
		{"https://example.com/a?b=2&a=1", "https://example.com/a?b=2&a=1"},
		{"https://example.com/a?x&&y=", "https://example.com/a?x&y="},
		{"https://example.com/a?", "https://example.com/a"},
		{"https://example.com/a?q=%E2%82%AC+1", "https://example.com/a?q=%E2%82%AC+1"},
		// IPv6 hosts keep their brackets.
		{"http://[2001:DB8::1]/a", "http://[2001:db8::1]/a"},
		{"http://[2001:db8::1]:8080/a", "http://[2001:db8::1]:8080/a"},
		{"http://[2001:db8::1]:80/a", "http://[2001:db8::1]/a"},
	}
	for _, tt := range tests {
		got, err := CanonicalURL(tt.in)
		if err != nil {
			t.Errorf("CanonicalURL(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCanonicalURL_Errors(t *testing.T) {
	for _, in := range []string{
		"",
		"/relative/path",
		"example.com/a",
		"ftp://example.com/a",
		"mailto:desk@example.com",
		"http:opaque",
		"https://",
		"https://example.com:99999/a",
		"http://[::1",
	} {
		if got, err := CanonicalURL(in); err == nil {
			t.Errorf("CanonicalURL(%q) = %q, want an error", in, got)
		}
	}
}

func TestItemKeys(t *testing.T) {
	link := "https://news.example/2021/02/05/talks"
	guid := "tag:news.example,2021:1234"
	base := ItemKeys(guid, link, "Talks in Moscow", "<p>The envoy arrived.</p>")
	if len(base) != 2 || !strings.HasPrefix(base[0], "guid:") || !strings.HasPrefix(base[1], "link:") {
		t.Fatalf("ItemKeys(guid, link, ...) = %q, want a guid key then a link key", base)
	}
	for _, k := range base {
		if len(k) != 5+32 {
			t.Errorf("key %q is not prefix + 32 hex digits", k)
		}
	}

	tests := []struct {
		name              string
		guid, link, title string
		text              string
		want              []string
	}{
		{"same item", guid, link, "Talks in Moscow", "<p>The envoy arrived.</p>", base},
		{"title and text do not matter when there is a link", guid, link, "Talks in Moscow (updated)", "New text", base},
		{"GUID whitespace", "  " + guid + "\n", link, "", "", base},
		{"link spelled differently", guid, "HTTP://News.Example:80/2021/02/05/talks?utm_source=rss#top", "", "", base},
		{"http and https are one page", guid, "http://news.example/2021/02/05/talks", "", "", base},
	}
	for _, tt := range tests {
		got := ItemKeys(tt.guid, tt.link, tt.title, tt.text)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: ItemKeys mismatch (-want +got):\n%s", tt.name, diff)
		}
	}

	// A GUID format change keeps the link key; a link change keeps the
	// GUID key. Either way one key is shared, so the item is known.
	newGUID := ItemKeys("https://news.example/?p=1234", link, "", "")
	if newGUID[0] == base[0] || newGUID[1] != base[1] {
		t.Errorf("GUID change: keys %q, want a new guid key and the old link key %q", newGUID, base[1])
	}
	newLink := ItemKeys(guid, "https://news.example/2021/02/05/talks-in-moscow", "", "")
	if newLink[0] != base[0] || newLink[1] == base[1] {
		t.Errorf("link change: keys %q, want the old guid key %q and a new link key", newLink, base[0])
	}
	if other := ItemKeys("", "https://news.example/2021/02/06/other", "", ""); other[0] == base[1] {
		t.Errorf("different pages share a link key")
	}
	if q1, q2 := ItemKeys("", "https://news.example/a?id=1", "", ""), ItemKeys("", "https://news.example/a?id=2", "", ""); q1[0] == q2[0] {
		t.Errorf("pages that differ in a real query parameter share a key")
	}

	// Without a link, the content hash is the fallback identity; it
	// ignores markup, case and spacing, and dates are never an input.
	h1 := ItemKeys("", "", "Talks in Moscow", "<p>The envoy <b>arrived</b>.</p>")
	h2 := ItemKeys("", "", "talks in  moscow", "The envoy arrived.")
	if len(h1) != 1 || !strings.HasPrefix(h1[0], "hash:") || cmp.Diff(h1, h2) != "" {
		t.Errorf("content keys %q and %q, want one equal hash key", h1, h2)
	}
	if h3 := ItemKeys("", "", "Talks in Moscow", "The envoy left."); h3[0] == h1[0] {
		t.Errorf("different text gives the same hash key")
	}
	withGUID := ItemKeys("id-1", "", "Talks in Moscow", "The envoy arrived.")
	if len(withGUID) != 2 || withGUID[1] != h1[0] {
		t.Errorf("GUID without link: keys %q, want guid key and hash key %q", withGUID, h1[0])
	}
	// Relative and non-web links are not identities.
	if got := ItemKeys("", "/2021/talks", "T", ""); len(got) != 1 || !strings.HasPrefix(got[0], "hash:") {
		t.Errorf("relative link: keys %q, want only a hash key", got)
	}
	if got := ItemKeys("", "", "", "  "); len(got) != 0 {
		t.Errorf("empty item: keys %q, want none", got)
	}
}

// FuzzCanonicalURL checks that canonicalisation never panics, that its
// output is its own canonical form (a key that changed between polls would
// duplicate items), that it drops what it promises to drop, and that item
// keys do not depend on how the link was spelled.
func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"https://example.com/a",
		"HTTP://Example.COM:80/a/b?utm_source=x&id=1#frag",
		"https://user:pw@example.com:443",
		"http://[2001:db8::1]:8080/p?q=1&&r",
		"https://example.com/a%2Fb?x=%zz",
		"https://xn--bcher-kva.example/",
		"http://example.com./?fbclid=1",
		"https://example.com/%E2%82%AC?€=1",
		"http://127.0.0.1:0080/",
		"https://exa%6Dple.com/",
		"http://[fe80::1%25en0]/",
		"//example.com/no-scheme",
	} {
		f.Add(s, "tag:guid,2021:1")
	}
	f.Fuzz(func(t *testing.T, raw, guid string) {
		c, err := CanonicalURL(raw)
		if err != nil {
			// Without a usable link, keys still come out and never panic.
			_ = ItemKeys(guid, raw, "title", "text")
			return
		}
		again, err := CanonicalURL(c)
		if err != nil {
			t.Fatalf("CanonicalURL(%q) = %q, which is not canonicalisable: %v", raw, c, err)
		}
		if again != c {
			t.Fatalf("not idempotent: %q -> %q -> %q", raw, c, again)
		}
		u, err := url.Parse(c)
		if err != nil {
			t.Fatalf("CanonicalURL(%q) = %q, which does not parse: %v", raw, c, err)
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Fragment != "" || u.User != nil {
			t.Fatalf("CanonicalURL(%q) = %q: bad scheme, host, fragment or user", raw, c)
		}
		for _, part := range strings.Split(u.RawQuery, "&") {
			name, _, _ := strings.Cut(part, "=")
			if n, err := url.QueryUnescape(name); err == nil && isTracking(n) {
				t.Fatalf("CanonicalURL(%q) = %q keeps tracking parameter %q", raw, c, name)
			}
		}
		k1 := ItemKeys(guid, raw, "t", "x")
		k2 := ItemKeys(guid, c, "other title", "other text")
		if diff := cmp.Diff(k1, k2); diff != "" {
			t.Fatalf("keys depend on the link's spelling or on content despite a link (-raw +canonical):\n%s", diff)
		}
	})
}
