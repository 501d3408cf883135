package briefing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Bounds for HTML pages, on top of maxReadBytes.
const (
	// maxHTMLElements is the most elements readability is asked to score.
	// A heavy news page has 3,000 to 10,000; readability makes several
	// passes over a copy of the tree, so this bounds its time.
	maxHTMLElements = 50000
	// maxJSONLDBytes bounds the JSON-LD one page may carry. Article
	// metadata is a few kilobytes; some pages embed whole data stores.
	maxJSONLDBytes = 1 << 20
)

// pageMeta is what a page's head and JSON-LD say about the article.
type pageMeta struct {
	ogTitle, ogSiteName, ogURL, canonical, titleTag string
	// metaDates holds the publication dates of <meta> tags by their rank
	// in publishedMetaNames; timeDates those of <time datetime> elements,
	// the one marked itemprop=datePublished first.
	metaDates [len(publishedMetaNames)]string
	timeDates []string
	ld        ldArticle
	ldBytes   int
}

// publishedCandidates lists the page's publication dates, best first.
func (m *pageMeta) publishedCandidates() []string {
	var out []string
	for _, d := range m.metaDates {
		if d != "" {
			out = append(out, d)
		}
	}
	out = append(out, m.ld.datePublished)
	return append(out, m.timeDates...)
}

// ldArticle is the part of a JSON-LD NewsArticle that names the article.
type ldArticle struct {
	headline, datePublished, publisher, url string
}

// readHTML reads an article page: its title, date, outlet and canonical URL
// from the page's metadata (Open Graph, <link rel=canonical>,
// article:published_time, JSON-LD NewsArticle, also inside @graph), and its
// body through readability, which finds the main content and leaves menus,
// comments and footers behind.
func readHTML(data []byte) (Article, error) {
	data = toUTF8(data)
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return Article{}, fmt.Errorf("parse HTML: %w", err)
	}
	var meta pageMeta
	elements := collectMeta(doc, &meta)
	if elements > maxHTMLElements {
		return Article{}, fmt.Errorf("the page has %d elements, more than the %d an article page has; save the article alone", elements, maxHTMLElements)
	}

	var a Article
	a.URL = firstNonEmpty(cleanURL(meta.canonical), cleanURL(meta.ogURL), cleanURL(meta.ld.url))
	a.Source = firstNonEmpty(meta.ogSiteName, meta.ld.publisher)
	for _, d := range meta.publishedCandidates() {
		if t, ok := parsePubDate(d); ok {
			a.Published = t
			break
		}
	}

	var pageURL *url.URL
	if a.URL != "" {
		pageURL, _ = url.Parse(a.URL)
	}
	parser := readability.NewParser()
	parser.KeepClasses = true // caption and credit classes tell what to drop
	parser.DisableJSONLD = true
	parser.MaxElemsToParse = maxHTMLElements
	article, err := parser.ParseAndMutate(doc, pageURL)
	if err != nil {
		return Article{}, fmt.Errorf("find the article in the page: %w", err)
	}
	a.Title = firstNonEmpty(
		withoutSiteName(meta.ogTitle, a.Source),
		withoutSiteName(meta.ld.headline, a.Source),
		withoutSiteName(article.Title(), a.Source),
		withoutSiteName(meta.titleTag, a.Source),
	)
	if a.Source == "" {
		a.Source = normalizeSpace(article.SiteName())
	}
	if article.Node == nil {
		return Article{}, errors.New("readability found no main content in the page (is it an index page, or does it need JavaScript?)")
	}
	for _, p := range htmlParagraphs(article.Node) {
		if t, ok := parsePubDate(p); ok {
			// A date printed above the body ("February 8, 2021"): the
			// date when the metadata had none, never body text.
			if a.Published.IsZero() {
				a.Published = t
			}
			continue
		}
		if isBoilerplate(p) || p == a.Title {
			continue
		}
		a.Paragraphs = append(a.Paragraphs, p)
		if len(a.Paragraphs) == maxParagraphs {
			break
		}
	}
	if a.Title == "" {
		return Article{}, errors.New("the page has no title: no og:title, JSON-LD headline or <title>")
	}
	if len(a.Paragraphs) == 0 {
		return Article{}, errors.New("the page's main content has no paragraphs of text")
	}
	return a, nil
}

// toUTF8 converts a page in a legacy encoding (declared in a <meta> tag or
// detected) to UTF-8, and replaces bytes that are not UTF-8 in a page that
// says it is, so that every paragraph is valid text.
func toUTF8(data []byte) []byte {
	enc, name, _ := charset.DetermineEncoding(data, "")
	if name != "utf-8" && enc != nil {
		if out, err := enc.NewDecoder().Bytes(data); err == nil {
			data = out
		}
	}
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return data
}

// collectMeta walks the whole page once, gathering metadata into m, and
// returns the number of elements.
func collectMeta(n *html.Node, m *pageMeta) int {
	count := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			count++
			switch n.DataAtom {
			case atom.Title:
				if m.titleTag == "" {
					m.titleTag = normalizeSpace(textContent(n))
				}
			case atom.Meta:
				m.addMeta(n)
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = attr(n, "href")
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					m.addJSONLD(textContent(n))
				}
				return
			case atom.Time:
				dt := attr(n, "datetime")
				switch {
				case dt == "" || len(m.timeDates) >= 20:
				case strings.EqualFold(attr(n, "itemprop"), "datePublished"):
					m.timeDates = append([]string{dt}, m.timeDates...)
				default:
					m.timeDates = append(m.timeDates, dt)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return count
}

// publishedMetaNames are the <meta> names and properties that carry the
// publication date, best first.
var publishedMetaNames = [...]string{
	"article:published_time", "datepublished", "og:published_time", "published_time",
	"pubdate", "publishdate", "publish-date", "publish_date", "parsely-pub-date",
	"sailthru.date", "dc.date.issued", "dc.date", "dcterms.created", "dcterms.issued",
	"date", "article.published", "cxenseparse:recs:publishtime",
}

func (m *pageMeta) addMeta(n *html.Node) {
	key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
	content := strings.TrimSpace(attr(n, "content"))
	if key == "" || content == "" {
		return
	}
	switch key {
	case "og:title":
		if m.ogTitle == "" {
			m.ogTitle = normalizeSpace(content)
		}
	case "og:site_name":
		if m.ogSiteName == "" {
			m.ogSiteName = normalizeSpace(content)
		}
	case "og:url":
		if m.ogURL == "" {
			m.ogURL = content
		}
	}
	for rank, name := range publishedMetaNames {
		if key == name && m.metaDates[rank] == "" {
			m.metaDates[rank] = content
			return
		}
	}
}

// addJSONLD reads one JSON-LD script and keeps the first article it names.
func (m *pageMeta) addJSONLD(raw string) {
	if m.ld.headline != "" || m.ldBytes+len(raw) > maxJSONLDBytes {
		return
	}
	m.ldBytes += len(raw)
	raw = strings.TrimSpace(raw)
	raw = strings.TrimSuffix(strings.TrimPrefix(raw, "<![CDATA["), "]]>")
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return
	}
	if a, ok := findLDArticle(v, 0); ok {
		m.ld = a
	}
}

// maxLDDepth bounds the recursion into JSON-LD arrays and @graph lists.
const maxLDDepth = 8

// findLDArticle finds the first object whose @type is an article type in a
// JSON-LD value: an object, an array of them, or an @graph list.
func findLDArticle(v any, depth int) (ldArticle, bool) {
	if depth > maxLDDepth {
		return ldArticle{}, false
	}
	switch x := v.(type) {
	case []any:
		for _, item := range x {
			if a, ok := findLDArticle(item, depth+1); ok {
				return a, true
			}
		}
	case map[string]any:
		if isLDArticleType(x["@type"]) {
			a := ldArticle{
				headline:      ldString(x["headline"]),
				datePublished: firstNonEmpty(ldString(x["datePublished"]), ldString(x["dateCreated"])),
				publisher:     ldName(x["publisher"]),
				url:           firstNonEmpty(ldID(x["mainEntityOfPage"]), ldString(x["url"])),
			}
			if a.headline == "" {
				a.headline = ldString(x["name"])
			}
			return a, true
		}
		if g, ok := x["@graph"]; ok {
			return findLDArticle(g, depth+1)
		}
	}
	return ldArticle{}, false
}

// ldArticleTypes are the schema.org types of a news article.
var ldArticleTypes = map[string]bool{
	"newsarticle": true, "article": true, "reportagenewsarticle": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "backgroundnewsarticle": true,
	"blogposting": true, "reportage": true, "report": true, "liveblogposting": true,
	"webpage": false,
}

func isLDArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return ldArticleTypes[strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(x, "http://schema.org/"), "https://schema.org/"))]
	case []any:
		for _, item := range x {
			if isLDArticleType(item) {
				return true
			}
		}
	}
	return false
}

func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return normalizeSpace(x)
	case []any:
		if len(x) > 0 {
			return ldString(x[0])
		}
	}
	return ""
}

// ldName reads a publisher: an object with a name, a list of them, or a
// plain string.
func ldName(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return ldString(x["name"])
	case []any:
		if len(x) > 0 {
			return ldName(x[0])
		}
	case string:
		return normalizeSpace(x)
	}
	return ""
}

// ldID reads mainEntityOfPage: a URL string or an object with @id or url.
func ldID(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		return firstNonEmpty(ldString(x["@id"]), ldString(x["url"]))
	}
	return ""
}

// htmlParagraphs turns readability's content tree into plain paragraphs:
// one per <p>, list item, block quote, or <div> holding only text. Headings,
// figures and captions, tables, asides and anything whose class says
// caption, credit, byline, related or share are not body text.
func htmlParagraphs(root *html.Node) []string {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if len(out) > 2*maxParagraphs {
			return
		}
		if n.Type == html.ElementNode {
			if skipElement(n) {
				return
			}
			if isParagraphElement(n) {
				if p := normalizeSpace(blockText(n)); p != "" {
					out = append(out, p)
				}
				return
			}
		}
		if n.Type == html.TextNode && n.Parent != nil && n.Parent.DataAtom != atom.Body {
			// Loose text directly in a container: readability leaves it
			// beside block children sometimes.
			if t := normalizeSpace(n.Data); len(t) > 0 && wordCount(t, maxHeadingWords+1) > maxHeadingWords {
				out = append(out, t)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// skipElement reports whether an element and everything in it is not body
// text.
func skipElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Figure, atom.Figcaption,
		atom.Table, atom.Aside, atom.Nav, atom.Footer, atom.Header, atom.Form, atom.Button,
		atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe,
		atom.Pre, atom.Code, atom.Select, atom.Time, atom.Cite:
		return true
	}
	class := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, word := range []string{"caption", "credit", "byline", "related", "share", "newsletter", "promo", "advert", "author", "readmore", "read-more", "dateline", "timestamp", "breadcrumb", "tags"} {
		if strings.Contains(class, word) {
			return true
		}
	}
	return false
}

// isParagraphElement reports whether n is one paragraph of text: a <p>, a
// list item, a block quote without block children, or a <div> that holds
// only inline content.
func isParagraphElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Dd, atom.Dt:
		return true
	case atom.Li, atom.Blockquote, atom.Div, atom.Section, atom.Article:
		return !hasBlockChild(n)
	}
	return false
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.P, atom.Div, atom.Ul, atom.Ol, atom.Li, atom.Blockquote, atom.Section,
			atom.Article, atom.Table, atom.Figure, atom.H1, atom.H2, atom.H3, atom.H4,
			atom.H5, atom.H6, atom.Pre, atom.Dl, atom.Aside:
			return true
		}
	}
	return false
}

// blockText is the text of a paragraph element, with <br> as a space and
// images, scripts and hidden captions left out.
func blockText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Br:
				b.WriteByte(' ')
				return
			case atom.Script, atom.Style, atom.Noscript, atom.Img, atom.Svg, atom.Figcaption, atom.Button:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// textContent is all the text under n.
func textContent(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textContent(c))
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// withoutSiteName removes an outlet's name that a page appends to its title
// ("Talks stall | The Moscow Times").
func withoutSiteName(title, site string) string {
	title = normalizeSpace(title)
	if site == "" {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		if t, ok := strings.CutSuffix(title, sep+site); ok {
			return strings.TrimSpace(t)
		}
		if t, ok := strings.CutPrefix(title, site+sep); ok {
			return strings.TrimSpace(t)
		}
	}
	return title
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
