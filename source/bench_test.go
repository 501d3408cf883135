package source

import (
	"net/netip"
	"testing"
)

// BenchmarkClassify measures the address check that runs on every
// resolved address of every fetch.
func BenchmarkClassify(b *testing.B) {
	addrs := []netip.Addr{
		netip.MustParseAddr("8.8.8.8"),
		netip.MustParseAddr("10.0.0.1"),
		netip.MustParseAddr("2606:4700:4700::1111"),
		netip.MustParseAddr("::ffff:127.0.0.1"),
		netip.MustParseAddr("64:ff9b::a9fe:a9fe"),
	}
	for b.Loop() {
		for _, a := range addrs {
			Classify(a)
		}
	}
}

// BenchmarkParseFeed measures parsing a feed and keying its items, the
// work a poll does before any item lookup.
func BenchmarkParseFeed(b *testing.B) {
	data := []byte(rssFixture)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parseFeed(data, "https://news.example/feed.xml", "application/rss+xml"); err != nil {
			b.Fatal(err)
		}
	}
}
