package source

import (
	"net/netip"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		addr string
		want Class
	}{
		// Public IPv4, including the addresses right next to refused ranges.
		{"8.8.8.8", Public},
		{"1.1.1.1", Public},
		{"1.0.0.0", Public},
		{"9.255.255.255", Public},
		{"11.0.0.0", Public},
		{"100.63.255.255", Public},
		{"100.128.0.0", Public},
		{"126.255.255.255", Public},
		{"128.0.0.0", Public},
		{"169.253.255.255", Public},
		{"169.255.0.0", Public},
		{"172.15.255.255", Public},
		{"172.32.0.0", Public},
		{"192.0.1.0", Public},
		{"192.0.3.0", Public},
		{"192.88.98.255", Public},
		{"192.88.100.0", Public},
		{"192.167.255.255", Public},
		{"192.169.0.0", Public},
		{"198.17.255.255", Public},
		{"198.20.0.0", Public},
		{"198.51.99.255", Public},
		{"198.51.101.0", Public},
		{"203.0.112.255", Public},
		{"203.0.114.0", Public},
		{"223.255.255.255", Public},

		// 0.0.0.0/8.
		{"0.0.0.0", Unspecified},
		{"0.0.0.1", Reserved},
		{"0.255.255.255", Reserved},
		// RFC 1918.
		{"10.0.0.0", Private},
		{"10.0.0.1", Private},
		{"10.255.255.255", Private},
		{"172.16.0.0", Private},
		{"172.31.255.255", Private},
		{"192.168.0.0", Private},
		{"192.168.1.1", Private},
		{"192.168.255.255", Private},
		// RFC 6598 carrier-grade NAT.
		{"100.64.0.0", Shared},
		{"100.127.255.255", Shared},
		// Loopback.
		{"127.0.0.0", Loopback},
		{"127.0.0.1", Loopback},
		{"127.1.2.3", Loopback},
		{"127.255.255.255", Loopback},
		// Link-local and the metadata services inside it.
		{"169.254.0.0", LinkLocal},
		{"169.254.0.1", LinkLocal},
		{"169.254.169.253", LinkLocal},
		{"169.254.255.255", LinkLocal},
		{"169.254.169.254", Metadata},
		{"169.254.170.2", Metadata},
		{"100.100.100.200", Metadata},
		{"192.0.0.192", Metadata},
		// Special-purpose.
		{"192.0.0.0", Reserved},
		{"192.0.0.255", Reserved},
		{"192.88.99.0", Reserved},
		{"192.88.99.255", Reserved},
		// Documentation (RFC 5737).
		{"192.0.2.0", Documentation},
		{"192.0.2.255", Documentation},
		{"198.51.100.0", Documentation},
		{"198.51.100.255", Documentation},
		{"203.0.113.0", Documentation},
		{"203.0.113.255", Documentation},
		// Benchmarking (RFC 2544).
		{"198.18.0.0", Benchmark},
		{"198.19.255.255", Benchmark},
		// Multicast, reserved, broadcast.
		{"224.0.0.0", Multicast},
		{"224.0.0.251", Multicast},
		{"239.255.255.255", Multicast},
		{"240.0.0.0", Reserved},
		{"255.255.255.254", Reserved},
		{"255.255.255.255", Broadcast},

		// Public IPv6.
		{"2606:4700:4700::1111", Public},
		{"2a00:1450:4001:82a::200e", Public},
		{"2000::", Public},
		{"3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Public},
		{"2001:1::1", Public},
		{"2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", Public},
		{"2001:db9::", Public},
		{"3ffe::1", Public},
		{"3fff:1000::", Public},
		// Unspecified, loopback.
		{"::", Unspecified},
		{"::1", Loopback},
		// IPv4-mapped: judged as the IPv4 address.
		{"::ffff:127.0.0.1", Loopback},
		{"::ffff:7f00:1", Loopback},
		{"::ffff:10.0.0.1", Private},
		{"::ffff:169.254.169.254", Metadata},
		{"::ffff:169.254.1.1", LinkLocal},
		{"::ffff:0.0.0.0", Unspecified},
		{"::ffff:100.64.0.1", Shared},
		{"::ffff:8.8.8.8", Public},
		// IPv4-compatible and IPv4-translated forms are never routed.
		{"::127.0.0.1", Reserved},
		{"::8.8.8.8", Reserved},
		{"::2", Reserved},
		{"::ffff:0:127.0.0.1", Reserved},
		{"::ffff:0:8.8.8.8", Reserved},
		// NAT64 well-known prefix: judged by the embedded IPv4 address.
		{"64:ff9b::8.8.8.8", Public},
		{"64:ff9b::127.0.0.1", Loopback},
		{"64:ff9b::10.0.0.1", Private},
		{"64:ff9b::a9fe:a9fe", Metadata},
		{"64:ff9b::192.168.0.1", Private},
		{"64:ff9b::0.0.0.0", Unspecified},
		{"64:ff9b:1::1", Private},
		{"64:ff9b:1:ffff:ffff:ffff:ffff:ffff", Private},
		// 6to4: judged by the embedded IPv4 address.
		{"2002:808:808::1", Public},
		{"2002:7f00:1::", Loopback},
		{"2002:a00:1::1", Private},
		{"2002:a9fe:a9fe::", Metadata},
		{"2002:c0a8:101::1", Private},
		// ULA, site-local, link-local, multicast.
		{"fc00::", Private},
		{"fd00::1", Private},
		{"fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Private},
		{"fd00:ec2::254", Metadata},
		{"fd00:ec2::253", Private},
		{"fec0::1", Private},
		{"feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Private},
		{"fe80::", LinkLocal},
		{"fe80::1", LinkLocal},
		{"fe80::1%eth0", LinkLocal},
		{"febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", LinkLocal},
		{"ff00::", Multicast},
		{"ff02::1", Multicast},
		{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Multicast},
		// Special-purpose and documentation IPv6.
		{"100::", Reserved},
		{"100::ffff:ffff:ffff:ffff", Reserved},
		{"2001::", Reserved},
		{"2001:0:ffff:ffff:ffff:ffff:ffff:ffff", Reserved},
		{"2001:2::", Benchmark},
		{"2001:2:0:ffff:ffff:ffff:ffff:ffff", Benchmark},
		{"2001:10::1", Reserved},
		{"2001:20::1", Reserved},
		{"2001:db8::", Documentation},
		{"2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", Documentation},
		{"3fff::", Documentation},
		{"3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", Documentation},
		{"5f00::1", Reserved},
		// Outside 2000::/3 and not otherwise assigned.
		{"1::", Reserved},
		{"4000::1", Reserved},
		{"1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Reserved},
		{"e000::1", Reserved},
	}
	for _, tt := range tests {
		a := netip.MustParseAddr(tt.addr)
		if got := Classify(a); got != tt.want {
			t.Errorf("Classify(%s) = %v, want %v", tt.addr, got, tt.want)
		}
	}
	if got := Classify(netip.Addr{}); got != Invalid {
		t.Errorf("Classify(zero Addr) = %v, want invalid", got)
	}
}

// TestClassifyRangeEdges walks both ends of every table entry, so a prefix
// typed one bit too wide or too narrow shows up here even if nobody thought
// to list the address above.
func TestClassifyRangeEdges(t *testing.T) {
	for _, table := range [][]rangeClass{ipv4Ranges, ipv6Ranges} {
		for _, r := range table {
			first := r.prefix.Masked().Addr()
			last := lastAddr(r.prefix)
			for _, a := range []netip.Addr{first, last} {
				got := Classify(a)
				if got == Public {
					t.Errorf("Classify(%s) = public, but it is in %s (%v)", a, r.prefix, r.class)
				}
			}
			// Just outside the range, the address must not be classed as
			// this range (it may well be another refused range).
			if prev := first.Prev(); prev.IsValid() && r.prefix.Contains(prev) {
				t.Errorf("%s: address before the range is inside it", r.prefix)
			}
			if next := last.Next(); next.IsValid() && r.prefix.Contains(next) {
				t.Errorf("%s: address after the range is inside it", r.prefix)
			}
		}
	}
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

func TestAllowed(t *testing.T) {
	tests := []struct {
		opts Options
		c    Class
		want bool
	}{
		{Options{}, Public, true},
		{Options{}, Loopback, false},
		{Options{}, Private, false},
		{Options{AllowLoopback: true}, Loopback, true},
		{Options{AllowLoopback: true}, Private, false},
		{Options{AllowPrivate: true}, Private, true},
		{Options{AllowPrivate: true}, Loopback, false},
		{Options{AllowLoopback: true, AllowPrivate: true}, LinkLocal, false},
		{Options{AllowLoopback: true, AllowPrivate: true}, Metadata, false},
		{Options{AllowLoopback: true, AllowPrivate: true}, Shared, false},
		{Options{AllowLoopback: true, AllowPrivate: true}, Unspecified, false},
		{Options{AllowLoopback: true, AllowPrivate: true}, Multicast, false},
		{Options{AllowLoopback: true, AllowPrivate: true}, Reserved, false},
		{Options{AllowLoopback: true, AllowPrivate: true}, Invalid, false},
	}
	for _, tt := range tests {
		if got := tt.opts.allows(tt.c); got != tt.want {
			t.Errorf("Options{AllowLoopback: %v, AllowPrivate: %v}.allows(%v) = %v, want %v",
				tt.opts.AllowLoopback, tt.opts.AllowPrivate, tt.c, got, tt.want)
		}
	}
}
