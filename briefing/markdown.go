package briefing

import (
	"errors"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdownParser is goldmark's CommonMark parser. It keeps no state between
// calls (each Parse gets its own context), so one is shared by all reads.
var markdownParser = goldmark.DefaultParser()

// readMarkdown reads an article written in Markdown: optional front matter
// (title, date, source, url), the headline as the first heading (or the
// first line), the date as a short paragraph near the top, and the body.
// Headings below the title, images and their captions, code, raw HTML and
// link-only paragraphs and list items ("Read more" lists) are not body text.
func readMarkdown(s string) (Article, error) {
	s = normalizeNewlines(s)
	var a Article
	s = readFrontMatter(s, &a)
	src := []byte(s)
	doc := markdownParser.Parse(text.NewReader(src))

	var blocks []markdownBlock
	collectMarkdownBlocks(doc, src, &blocks)

	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch {
		case b.heading:
			if a.Title == "" && len(a.Paragraphs) == 0 {
				a.Title = b.text
			}
			continue
		case b.image:
			// An image paragraph is a photo; an emphasised paragraph
			// right after it is its caption.
			if i+1 < len(blocks) && blocks[i+1].emphasised {
				i++
			}
			continue
		}
		if a.Title == "" {
			// No heading: the first line is the headline, as in text.
			a.Title = b.text
			continue
		}
		if a.Published.IsZero() && len(a.Paragraphs) < maxHeaderLines {
			if t, ok := parsePubDate(b.text); ok {
				a.Published = t
				continue
			}
		}
		if isURLLine(b.text) {
			rest := strings.TrimSpace(b.text[strings.IndexByte(b.text, ':')+1:])
			if rest == "" && i+1 < len(blocks) {
				i++
				rest = blocks[i].text
			}
			if u := cleanURL(rest); u != "" && a.URL == "" {
				a.URL = u
			}
			continue
		}
		if b.linkOnly {
			if u := cleanURL(b.text); u != "" && a.URL == "" && strings.TrimSpace(b.text) == u {
				a.URL = u
			}
			continue
		}
		if b.text == "" || isBoilerplate(b.text) {
			continue
		}
		a.Paragraphs = append(a.Paragraphs, b.text)
		if len(a.Paragraphs) == maxParagraphs {
			break
		}
	}
	if a.Title == "" {
		return Article{}, errors.New("read as Markdown, it has no headline and no text")
	}
	return a, nil
}

// markdownBlock is one paragraph-like block of a Markdown document, reduced
// to plain text.
type markdownBlock struct {
	text    string
	heading bool
	// image is true for a paragraph that holds an image.
	image bool
	// emphasised is true when the whole paragraph is in emphasis, as
	// captions often are.
	emphasised bool
	// linkOnly is true when all the text is inside links.
	linkOnly bool
}

// collectMarkdownBlocks walks the block tree and appends its headings and
// paragraphs (including those inside lists and block quotes) in document
// order. Code and raw HTML blocks are skipped.
func collectMarkdownBlocks(n ast.Node, src []byte, out *[]markdownBlock) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindHeading:
			*out = append(*out, markdownBlock{text: normalizeSpace(inlineText(c, src)), heading: true})
		case ast.KindParagraph, ast.KindTextBlock:
			*out = append(*out, paragraphBlock(c, src))
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindThematicBreak:
		default:
			collectMarkdownBlocks(c, src, out)
		}
		if len(*out) > 2*maxParagraphs {
			return
		}
	}
}

// paragraphBlock turns a paragraph node into a markdownBlock.
func paragraphBlock(n ast.Node, src []byte) markdownBlock {
	b := markdownBlock{text: normalizeSpace(inlineText(n, src))}
	linkText, other := 0, 0
	emphasis := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindImage:
			b.image = true
		case ast.KindLink, ast.KindAutoLink:
			linkText++
		case ast.KindEmphasis:
			emphasis++
		case ast.KindText:
			if t := c.(*ast.Text); strings.TrimSpace(string(t.Value(src))) != "" {
				other++
			}
		default:
			other++
		}
	}
	b.linkOnly = linkText > 0 && other == 0 && emphasis == 0
	b.emphasised = emphasis > 0 && linkText == 0 && other == 0
	return b
}

// inlineText concatenates the words of an inline subtree: text, code spans,
// link texts and autolink addresses; images and raw HTML give nothing.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				v := t.Value(src)
				if !t.IsRaw() {
					// The parser leaves escapes and entities for the
					// renderer to resolve: "\\*" and "&amp;" are "*"
					// and "&" in the text.
					v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
				}
				b.Write(v)
				if t.SoftLineBreak() || t.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(t.Value)
			case *ast.AutoLink:
				b.Write(t.URL(src))
			case *ast.Image, *ast.RawHTML:
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// readFrontMatter reads a YAML-style front matter block ("---" lines around
// "key: value" pairs) into a and returns the rest of s. Only flat keys are
// read: title, date, source and url, under their usual names.
func readFrontMatter(s string, a *Article) string {
	trimmed := strings.TrimLeft(s, " \t\n")
	if !strings.HasPrefix(trimmed, "---\n") {
		return s
	}
	body := trimmed[len("---\n"):]
	end := strings.Index(body, "\n---")
	if end < 0 || end > 64<<10 {
		return s
	}
	for _, line := range strings.Split(body[:end], "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.Trim(strings.TrimSpace(value), `"'`)
		switch key {
		case "title", "headline":
			a.Title = normalizeSpace(value)
		case "date", "published", "pubdate", "datepublished", "published_at", "publishdate":
			if t, ok := parsePubDate(value); ok {
				a.Published = t
			}
		case "source", "publisher", "site", "site_name", "outlet":
			a.Source = normalizeSpace(value)
		case "url", "canonical", "canonical_url", "link", "original_url":
			a.URL = cleanURL(value)
		}
	}
	rest := body[end+len("\n---"):]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		return rest[i+1:]
	}
	return ""
}
