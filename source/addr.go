package source

import "net/netip"

// Class is the kind of network an IP address belongs to, as far as fetching
// is concerned: only Public addresses are fetched unless an option allows
// Loopback or Private ones. Every other class is always refused.
type Class int

// The classes Classify returns.
const (
	// Public is a globally routable unicast address.
	Public Class = iota
	// Loopback is 127.0.0.0/8 or ::1: this machine.
	Loopback
	// Private is an RFC 1918 IPv4 network, an RFC 4193 unique local IPv6
	// network, the deprecated IPv6 site-local range or a local-use NAT64
	// prefix: somebody's own network.
	Private
	// LinkLocal is 169.254.0.0/16 or fe80::/10.
	LinkLocal
	// Shared is the carrier-grade NAT range 100.64.0.0/10 (RFC 6598).
	Shared
	// Unspecified is 0.0.0.0 or ::, which many systems treat as this host.
	Unspecified
	// Multicast is 224.0.0.0/4 or ff00::/8.
	Multicast
	// Broadcast is 255.255.255.255.
	Broadcast
	// Documentation is a range reserved for examples (RFC 5737, RFC 3849,
	// RFC 9637).
	Documentation
	// Benchmark is a range reserved for network testing (RFC 2544, RFC 5180).
	Benchmark
	// Metadata is a cloud provider's instance metadata service, which hands
	// out credentials to anything on the machine that asks.
	Metadata
	// Reserved is any other special-purpose or unallocated range: 0.0.0.0/8,
	// 192.0.0.0/24, 240.0.0.0/4, the 6to4 relay anycast, IPv4-compatible and
	// IPv4-translated IPv6, the discard prefix, Teredo, ORCHID, and IPv6
	// outside 2000::/3.
	Reserved
	// Invalid is the zero netip.Addr.
	Invalid
)

// String returns a short lower-case name for the class.
func (c Class) String() string {
	switch c {
	case Public:
		return "public"
	case Loopback:
		return "loopback"
	case Private:
		return "private"
	case LinkLocal:
		return "link-local"
	case Shared:
		return "shared (carrier-grade NAT)"
	case Unspecified:
		return "unspecified"
	case Multicast:
		return "multicast"
	case Broadcast:
		return "broadcast"
	case Documentation:
		return "documentation"
	case Benchmark:
		return "benchmarking"
	case Metadata:
		return "cloud metadata"
	case Reserved:
		return "reserved"
	default:
		return "invalid"
	}
}

// metadataAddrs are the instance metadata services of the big clouds. Most
// already fall in a refused range; naming them keeps them refused even when
// private addresses are allowed (fd00:ec2::254 is a unique local address).
var metadataAddrs = map[netip.Addr]bool{
	netip.MustParseAddr("169.254.169.254"): true, // AWS, GCP, Azure, OpenStack, DigitalOcean
	netip.MustParseAddr("169.254.170.2"):   true, // AWS ECS task metadata
	netip.MustParseAddr("100.100.100.200"): true, // Alibaba Cloud
	netip.MustParseAddr("192.0.0.192"):     true, // Oracle Cloud
	netip.MustParseAddr("fd00:ec2::254"):   true, // AWS over IPv6
}

// rangeClass maps a prefix to its class. Tables are searched in order, so a
// narrower prefix comes before the wider one that contains it.
type rangeClass struct {
	prefix netip.Prefix
	class  Class
}

var ipv4Ranges = []rangeClass{
	{netip.MustParsePrefix("0.0.0.0/32"), Unspecified},
	{netip.MustParsePrefix("0.0.0.0/8"), Reserved}, // "this network"
	{netip.MustParsePrefix("10.0.0.0/8"), Private},
	{netip.MustParsePrefix("100.64.0.0/10"), Shared},
	{netip.MustParsePrefix("127.0.0.0/8"), Loopback},
	{netip.MustParsePrefix("169.254.0.0/16"), LinkLocal},
	{netip.MustParsePrefix("172.16.0.0/12"), Private},
	{netip.MustParsePrefix("192.0.0.0/24"), Reserved}, // IETF protocol assignments
	{netip.MustParsePrefix("192.0.2.0/24"), Documentation},
	{netip.MustParsePrefix("192.88.99.0/24"), Reserved}, // 6to4 relay anycast
	{netip.MustParsePrefix("192.168.0.0/16"), Private},
	{netip.MustParsePrefix("198.18.0.0/15"), Benchmark},
	{netip.MustParsePrefix("198.51.100.0/24"), Documentation},
	{netip.MustParsePrefix("203.0.113.0/24"), Documentation},
	{netip.MustParsePrefix("224.0.0.0/4"), Multicast},
	{netip.MustParsePrefix("255.255.255.255/32"), Broadcast},
	{netip.MustParsePrefix("240.0.0.0/4"), Reserved},
}

var ipv6Ranges = []rangeClass{
	{netip.MustParsePrefix("::/128"), Unspecified},
	{netip.MustParsePrefix("::1/128"), Loopback},
	{netip.MustParsePrefix("::/96"), Reserved},           // IPv4-compatible, deprecated
	{netip.MustParsePrefix("::ffff:0:0:0/96"), Reserved}, // IPv4-translated (SIIT)
	{netip.MustParsePrefix("64:ff9b:1::/48"), Private},   // local-use NAT64 (RFC 8215)
	{netip.MustParsePrefix("100::/64"), Reserved},        // discard-only
	{netip.MustParsePrefix("2001::/32"), Reserved},       // Teredo
	{netip.MustParsePrefix("2001:2::/48"), Benchmark},
	{netip.MustParsePrefix("2001:10::/28"), Reserved}, // ORCHID, deprecated
	{netip.MustParsePrefix("2001:20::/28"), Reserved}, // ORCHIDv2
	{netip.MustParsePrefix("2001:db8::/32"), Documentation},
	{netip.MustParsePrefix("3fff::/20"), Documentation},
	{netip.MustParsePrefix("5f00::/16"), Reserved}, // SRv6 SIDs
	{netip.MustParsePrefix("fc00::/7"), Private},
	{netip.MustParsePrefix("fe80::/10"), LinkLocal},
	{netip.MustParsePrefix("fec0::/10"), Private}, // site-local, deprecated
	{netip.MustParsePrefix("ff00::/8"), Multicast},
}

var (
	nat64Prefix   = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour     = netip.MustParsePrefix("2002::/16")
	globalUnicast = netip.MustParsePrefix("2000::/3")
)

// Classify returns the class of a. It is pure: it looks only at the address,
// never at the network.
//
// Addresses that embed an IPv4 address are judged by what they embed, so
// that no spelling reaches a refused IPv4 range: IPv4-mapped IPv6
// (::ffff:127.0.0.1) is unmapped first, and the well-known NAT64 prefix
// 64:ff9b::/96 and 6to4 (2002::/16) take the class of their IPv4 part when
// that part is not public. A zone (fe80::1%eth0) is ignored.
func Classify(a netip.Addr) Class {
	if !a.IsValid() {
		return Invalid
	}
	a = a.WithZone("").Unmap()
	if metadataAddrs[a] {
		return Metadata
	}
	if a.Is4() {
		return lookup(ipv4Ranges, a, Public)
	}
	switch {
	case nat64Prefix.Contains(a):
		b := a.As16()
		return Classify(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
	case sixToFour.Contains(a):
		b := a.As16()
		return Classify(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
	}
	fallback := Public
	if !globalUnicast.Contains(a) {
		fallback = Reserved
	}
	return lookup(ipv6Ranges, a, fallback)
}

func lookup(table []rangeClass, a netip.Addr, fallback Class) Class {
	for _, r := range table {
		if r.prefix.Contains(a) {
			return r.class
		}
	}
	return fallback
}

// describe says what a refused class is in words a user can act on.
func describe(c Class) string {
	switch c {
	case Loopback:
		return "a loopback address (this machine)"
	case Private:
		return "a private network address"
	case LinkLocal:
		return "a link-local address"
	case Shared:
		return "a carrier-grade NAT address"
	case Unspecified:
		return "the unspecified address"
	case Multicast:
		return "a multicast address"
	case Broadcast:
		return "the broadcast address"
	case Documentation:
		return "a documentation-only address"
	case Benchmark:
		return "a benchmarking-only address"
	case Metadata:
		return "a cloud metadata service"
	case Reserved:
		return "a reserved address"
	case Public:
		return "a public address"
	default:
		return "an invalid address"
	}
}
