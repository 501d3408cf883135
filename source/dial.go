package source

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// Resolver looks up the IP addresses of a host name. *net.Resolver
// implements it; tests plug in a fixed map.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Dialer opens a connection to a literal IP address and port. *net.Dialer
// implements it. The fetcher calls it only with an address it has already
// checked, never with a host name, so a DNS answer cannot change between
// the check and the connection.
type Dialer interface {
	DialContext(ctx context.Context, network, address string) (net.Conn, error)
}

// blockedNames are host names refused before any lookup: cloud metadata
// services reachable by name from inside the cloud.
var blockedNames = map[string]bool{
	"metadata.google.internal":   true,
	"metadata.goog":              true,
	"metadata":                   true,
	"instance-data":              true,
	"instance-data.ec2.internal": true,
}

// maxDialAddrs bounds how many of a host's addresses one connection tries.
const maxDialAddrs = 8

// dial is the transport's DialContext. It resolves host through the
// Resolver, refuses the whole host if any of its addresses is not allowed
// (so a name that mixes a public and a private address cannot be used to
// reach the private one), and connects only to the checked IP addresses.
func (f *Fetcher) dial(ctx context.Context, network, address string) (net.Conn, error) {
	host, portStr, err := net.SplitHostPort(address)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", address, err)
	}
	port, err := strconv.ParseUint(portStr, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("dial %s: invalid port %q", address, portStr)
	}
	ctx, cancel := context.WithTimeout(ctx, f.opts.DialTimeout)
	defer cancel()

	addrs, err := f.resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	if err := f.checkAddrs(host, addrs); err != nil {
		return nil, err
	}
	if len(addrs) > maxDialAddrs {
		addrs = addrs[:maxDialAddrs]
	}
	var errs []error
	for _, a := range addrs {
		target := netip.AddrPortFrom(a.Unmap(), uint16(port)).String()
		conn, err := f.opts.Dialer.DialContext(ctx, network, target)
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	if ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, fmt.Errorf("connect to %s: %w after %s (the server is not answering)", host, ErrTimeout, f.opts.DialTimeout)
	}
	return nil, fmt.Errorf("connect to %s: %w", host, errors.Join(errs...))
}

// resolve returns the addresses of host: the address itself when host is
// an IP literal, otherwise the Resolver's answer.
func (f *Fetcher) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{a}, nil
	}
	name := strings.TrimSuffix(strings.ToLower(host), ".")
	if blockedNames[name] {
		return nil, fmt.Errorf("refusing to connect to %s, %s: %w", host, describe(Metadata), ErrBlocked)
	}
	addrs, err := f.opts.Resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		if ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("look up %s: %w after %s", host, ErrTimeout, f.opts.DialTimeout)
		}
		return nil, fmt.Errorf("look up %s: %w (check the host name)", host, err)
	}
	if len(addrs) == 0 {
		return nil, fmt.Errorf("look up %s: no addresses (check the host name)", host)
	}
	return addrs, nil
}

// checkAddrs refuses host unless every one of its addresses is allowed.
func (f *Fetcher) checkAddrs(host string, addrs []netip.Addr) error {
	for _, a := range addrs {
		c := Classify(a)
		if f.opts.allows(c) {
			continue
		}
		hint := ""
		switch c {
		case Loopback, Private:
			hint = " (fetching from this machine or your own network has to be allowed explicitly)"
		}
		if host == a.String() {
			return fmt.Errorf("refusing to connect to %s, %s%s: %w", a, describe(c), hint, ErrBlocked)
		}
		return fmt.Errorf("refusing to connect to %s (%s), %s%s: %w", host, a, describe(c), hint, ErrBlocked)
	}
	return nil
}

// allows reports whether addresses of class c may be fetched from.
func (o Options) allows(c Class) bool {
	switch c {
	case Public:
		return true
	case Loopback:
		return o.AllowLoopback
	case Private:
		return o.AllowPrivate
	default:
		return false
	}
}
