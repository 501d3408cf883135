// Package source brings articles in from the web: it fetches pages and
// RSS, Atom and JSON feeds, turns them into briefings with package briefing,
// and stores them. It is the only package that touches the network, so that
// briefing stays pure analysis.
//
// # Fetching safely
//
// A Fetcher treats every URL as untrusted: feeds and pages name their own
// links, and a redirect can point anywhere. Each fetch is bounded in time
// (overall, and per dial, TLS handshake and response headers), in body size
// (cut off at the limit without reading the rest), and in redirects. Only
// http and https are fetched. Host names are resolved once, every resolved
// address is judged by Classify, and the connection goes to the checked
// address itself, so a DNS answer cannot change between check and connect.
// Loopback, private, link-local, carrier-grade NAT, multicast, reserved and
// documentation ranges and cloud metadata services are refused, on the
// first request and on every redirect, before a packet is sent to them.
// Options.AllowLoopback and Options.AllowPrivate open loopback and private
// networks for tests and for people who serve their own feeds.
//
// # Feeds
//
// An Ingester polls a feed with a conditional GET, parses it with gofeed
// from the bytes the Fetcher returned, fetches each new item's page and
// analyses it, and records which items it has seen and how the feed is
// doing (validators, failures, back-off) in a Store. Items are recognised
// by GUID, canonical link and, lacking a link, a hash of their content
// (see ItemKeys), so a feed that rewrites dates or GUIDs does not produce
// duplicates.
//
// The package does not log. It returns errors that name the URL and say
// what to do, and results that say what happened to each item; callers log.
package source
