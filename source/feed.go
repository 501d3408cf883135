package source

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// parsedFeed is a feed reduced to what polling needs.
type parsedFeed struct {
	Title string
	Items []feedItem
}

// feedItem is one entry of a feed, its link made absolute.
type feedItem struct {
	GUID  string
	Link  string // absolute http(s) URL, or "" when the item has none
	Title string
	// Text is the item's own content, or its description when that is
	// longer: HTML or plain text, as the feed gives it.
	Text string
	// Published is the item's publication date, else its update date,
	// else zero.
	Published time.Time
	Keys      []string
}

// parseFeed parses RSS, Atom or JSON Feed from data. base is the URL the
// feed was fetched from, against which relative item links are resolved.
// Items come newest first; items without a date keep their place at the
// front, as feeds list their newest items first.
func parseFeed(data []byte, base, contentType string) (parsedFeed, error) {
	baseURL, err := url.Parse(base)
	if err != nil {
		return parsedFeed{}, fmt.Errorf("parse feed %s: bad feed URL: %w", base, err)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			hint := "check that the address is the feed itself"
			if looksLikeHTML(data, contentType) {
				hint = "it is a web page; give the address of the site's RSS or Atom feed instead (often linked as \"RSS\" on the page)"
			}
			return parsedFeed{}, fmt.Errorf("parse feed %s: not an RSS, Atom or JSON feed: %s", base, hint)
		}
		return parsedFeed{}, fmt.Errorf("parse feed %s: the feed is malformed (%v); check the address, or ask the site to fix its feed", base, err)
	}
	out := parsedFeed{Title: strings.TrimSpace(f.Title)}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		fi := feedItem{
			GUID:  strings.TrimSpace(it.GUID),
			Link:  itemLink(baseURL, it),
			Title: strings.TrimSpace(it.Title),
			Text:  it.Content,
		}
		if len(strings.TrimSpace(it.Description)) > len(strings.TrimSpace(fi.Text)) {
			fi.Text = it.Description
		}
		switch {
		case it.PublishedParsed != nil:
			fi.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			fi.Published = it.UpdatedParsed.UTC()
		}
		fi.Keys = ItemKeys(fi.GUID, fi.Link, fi.Title, fi.Text)
		out.Items = append(out.Items, fi)
	}
	// Newest first, undated items counting as newest; stable, so that
	// equal dates keep the feed's order.
	slices.SortStableFunc(out.Items, func(a, b feedItem) int {
		switch {
		case a.Published.IsZero() && b.Published.IsZero():
			return 0
		case a.Published.IsZero():
			return -1
		case b.Published.IsZero():
			return 1
		}
		return b.Published.Compare(a.Published)
	})
	return out, nil
}

// itemLink returns the item's link resolved against the feed's URL, or ""
// when it has no http(s) link.
func itemLink(base *url.URL, it *gofeed.Item) string {
	candidates := append([]string{it.Link}, it.Links...)
	for _, raw := range candidates {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		ref, err := url.Parse(raw)
		if err != nil {
			continue
		}
		abs := base.ResolveReference(ref)
		if abs.Scheme == "http" || abs.Scheme == "https" {
			if abs.Host != "" {
				return abs.String()
			}
		}
	}
	return ""
}

func looksLikeHTML(data []byte, contentType string) bool {
	if strings.Contains(strings.ToLower(contentType), "html") {
		return true
	}
	head := bytes.ToLower(data[:min(len(data), 1024)])
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html"))
}

// htmlTag matches the start of an HTML tag, comment or end tag; text
// without one is plain text, whatever else it contains.
var htmlTag = regexp.MustCompile(`<[a-zA-Z!/]`)

// itemDocument wraps an item's own title and text in a small HTML page, so
// that briefing.Read can read it like any article page when the item's
// link is missing or gives no article. Plain text is split into paragraphs
// at blank lines.
func itemDocument(title, text string) []byte {
	var b strings.Builder
	t := html.EscapeString(title)
	fmt.Fprintf(&b, "<!doctype html><html><head><title>%s</title></head><body><article><h1>%s</h1>\n", t, t)
	if htmlTag.MatchString(text) {
		b.WriteString(text)
	} else {
		for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
			}
		}
	}
	b.WriteString("</article></body></html>")
	return []byte(b.String())
}
