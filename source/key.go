package source

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"net"
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// trackingParams are query parameters that say where a reader came from,
// not which page they want. Names are compared in lower case; any name
// starting with "utm_" is also dropped.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "ttclid": true, "igshid": true,
	"mc_cid": true, "mc_eid": true, "mkt_tok": true, "_ga": true, "_gl": true,
	"oly_anon_id": true, "oly_enc_id": true, "vero_id": true, "wickedid": true,
	"at_medium": true, "at_campaign": true, "ns_mchannel": true, "ns_source": true,
	"ns_campaign": true, "ns_linkname": true, "ns_fee": true, "cmp": true, "smid": true,
}

func isTracking(name string) bool {
	name = strings.ToLower(name)
	return strings.HasPrefix(name, "utm_") || trackingParams[name]
}

// CanonicalURL returns rawURL in the one spelling that stands for the same
// page: scheme and host in lower case, the scheme's default port, the
// fragment, user name and password dropped, an empty path written "/",
// and tracking parameters (utm_*, fbclid, gclid and the like) removed from
// the query, the other parameters kept in their order. Only absolute http
// and https URLs have a canonical form; anything else is an error.
func CanonicalURL(rawURL string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return "", fmt.Errorf("canonical form of %q: %w", rawURL, err)
	}
	return canonical(u)
}

func canonical(u *url.URL) (string, error) {
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("canonical form of %q: only http and https URLs have one", u.Redacted())
	}
	if u.Opaque != "" {
		return "", fmt.Errorf("canonical form of %q: not a hierarchical URL", u.Redacted())
	}
	host := strings.TrimRight(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return "", fmt.Errorf("canonical form of %q: no host name", u.Redacted())
	}
	port := u.Port()
	if port != "" {
		n, err := strconv.ParseUint(port, 10, 16)
		if err != nil {
			return "", fmt.Errorf("canonical form of %q: port %q out of range", u.Redacted(), port)
		}
		port = strconv.FormatUint(n, 10)
		if (scheme == "http" && n == 80) || (scheme == "https" && n == 443) {
			port = ""
		}
	}
	c := url.URL{Scheme: scheme, Path: u.Path, RawPath: u.RawPath}
	switch {
	case port != "":
		c.Host = net.JoinHostPort(host, port)
	case strings.Contains(host, ":"):
		c.Host = "[" + host + "]"
	default:
		c.Host = host
	}
	if c.Path == "" {
		c.Path, c.RawPath = "/", ""
	}
	c.RawQuery = stripTracking(u.RawQuery)
	out := c.String()
	// Check that the result reads back as itself: some odd inputs (escaped
	// bytes in the host, say) have no stable spelling, and a key that
	// changes between polls would duplicate items.
	back, err := url.Parse(out)
	if err != nil || back.Host != c.Host {
		return "", fmt.Errorf("canonical form of %q: the host has no stable spelling", u.Redacted())
	}
	return out, nil
}

// stripTracking removes tracking parameters and empty pieces from a raw
// query, keeping everything else byte for byte and in order.
func stripTracking(raw string) string {
	if raw == "" {
		return ""
	}
	var kept []string
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		name, _, _ := strings.Cut(part, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if isTracking(name) {
			continue
		}
		kept = append(kept, part)
	}
	return strings.Join(kept, "&")
}

// Key prefixes say which identity a key came from.
const (
	guidKeyPrefix = "guid:"
	linkKeyPrefix = "link:"
	hashKeyPrefix = "hash:"
)

// ErrNoIdentity is reported for a feed item with no GUID, no usable link
// and no text: there is nothing to recognise it by.
var ErrNoIdentity = errors.New("the item has no GUID, no link and no text")

// ItemKeys returns the identities of a feed item, strongest first. An item
// is already known when any of its keys is, and all of its keys are
// recorded once it is handled, so an item stays recognised when its feed
// changes one identity at a time.
//
//   - guid: its GUID (Atom id, JSON Feed id), trimmed, exactly otherwise:
//     GUIDs are opaque.
//   - link: its link in canonical form (see CanonicalURL) without the
//     scheme, so http and https, tracking parameters, default ports and
//     fragments do not make a new item. A link that is not an absolute
//     http(s) URL is ignored; resolve relative links before calling.
//   - hash: a hash of its title and text, markup, case and punctuation
//     ignored, only when it has no link. Distinct items with the same title
//     and teaser are common (a recurring column), so content alone never
//     outranks a link; but without a link it is all that survives a GUID
//     change.
//
// Dates are never part of a key: feeds rewrite them. Keys are short and
// fixed in length (a prefix and 32 hex digits), fit for a database key. An
// item with none of these has no keys.
func ItemKeys(guid, link, title, text string) []string {
	var keys []string
	if g := strings.TrimSpace(guid); g != "" {
		keys = append(keys, guidKeyPrefix+digest(g))
	}
	if c, err := CanonicalURL(link); err == nil {
		_, rest, _ := strings.Cut(c, "://")
		keys = append(keys, linkKeyPrefix+digest(rest))
		return keys
	}
	if body := normalizeText(title) + "\x00" + normalizeText(text); body != "\x00" {
		keys = append(keys, hashKeyPrefix+digest(body))
	}
	return keys
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// normalizeText reduces text to its words for hashing: markup removed,
// entities decoded, lower case, punctuation and spacing ignored.
func normalizeText(s string) string {
	s = html.UnescapeString(stripTags(s))
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(words, " ")
}

// stripTags removes anything between < and >. It is not an HTML parser;
// it only has to make the same text hash the same whichever way a feed
// wraps it.
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
			b.WriteByte(' ')
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}
