package briefing

import (
	"errors"
	"strings"
)

// maxHeaderLines is how many non-empty lines after the headline may come
// before the date line: a byline, a caption or a credit sometimes sit
// between them.
const maxHeaderLines = 5

// readText reads the plain-text form of SCHEMA.md: the headline on the first
// non-empty line, the publication date on one of the next few lines, body
// paragraphs separated by blank lines, and an optional "Original url:" line
// followed by the URL (on the same line or the next, possibly in <...>).
// Markdown-style links ("[called](#)") and bold ("**x**") that pasted text
// keeps are reduced to their words.
func readText(s string) (Article, error) {
	lines := strings.Split(normalizeNewlines(s), "\n")
	var a Article
	i := nextNonEmpty(lines, 0)
	if i == len(lines) {
		return Article{}, errors.New("the input is empty")
	}
	// Some pasted articles put the date above the headline.
	if t, ok := parsePubDate(stripTextMarkup(lines[i])); ok {
		a.Published = t
		i = nextNonEmpty(lines, i+1)
		if i == len(lines) {
			return Article{}, errors.New("it has a date line but no headline")
		}
	}
	// The headline is the first line with words once markup is gone.
	for ; i < len(lines); i = nextNonEmpty(lines, i+1) {
		if a.Title = normalizeSpace(stripTextMarkup(lines[i])); a.Title != "" {
			break
		}
	}
	if a.Title == "" {
		return Article{}, errors.New("it has no line with words to take for the headline")
	}
	if isURLLine(a.Title) {
		return Article{}, errors.New("the first line is an \"Original url:\" line, not a headline")
	}
	body := lines[i+1:]
	if a.Published.IsZero() {
		body = findDateLine(body, &a)
	}
	blocks := textBlocks(body)
	for j := 0; j < len(blocks); j++ {
		raw := blocks[j]
		if isURLLine(raw) {
			rest := strings.TrimSpace(raw[strings.IndexByte(raw, ':')+1:])
			if rest == "" && j+1 < len(blocks) {
				j++
				rest = blocks[j]
			}
			if u := cleanURL(rest); u != "" && a.URL == "" {
				a.URL = u
			}
			continue
		}
		if isBareURL(raw) {
			// A bare URL on its own line, as under "Original url:".
			if a.URL == "" {
				a.URL = cleanURL(raw)
			}
			continue
		}
		if isBoldCreditCaption(raw) {
			continue
		}
		p := normalizeSpace(stripTextMarkup(raw))
		if p == "" || isBoilerplate(p) {
			continue
		}
		a.Paragraphs = append(a.Paragraphs, p)
		if len(a.Paragraphs) == maxParagraphs {
			break
		}
	}
	return a, nil
}

// findDateLine looks for the date line among the first lines after the
// headline, stores the date in a and returns the body's lines: those after
// the headline without the date line. Lines passed over on the way (a
// byline, a caption) stay in the body, where the boilerplate rules drop
// them. The search stops at the first line that reads like a body
// paragraph.
func findDateLine(lines []string, a *Article) []string {
	seen := 0
	for i := nextNonEmpty(lines, 0); i < len(lines) && seen < maxHeaderLines; i = nextNonEmpty(lines, i+1) {
		line := normalizeSpace(stripTextMarkup(lines[i]))
		if t, ok := parsePubDate(line); ok {
			a.Published = t
			if seen == 0 {
				return lines[i+1:]
			}
			body := make([]string, 0, len(lines)-1)
			body = append(body, lines[:i]...)
			return append(body, lines[i+1:]...)
		}
		if endsLikeSentence(line) && wordCount(line, maxHeadingWords+1) > maxHeadingWords {
			break
		}
		seen++
	}
	return lines
}

// textBlocks splits body lines into paragraphs. Paragraphs are separated by
// blank lines and a paragraph's lines are joined; when the body has no
// blank line at all, each line is a paragraph, as in text copied from a
// page that puts one paragraph per line.
func textBlocks(lines []string) []string {
	// A blank line counts only between two paragraphs, not before the
	// first or after the last.
	hasBlank := false
	seenText, pendingBlank := false, false
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			pendingBlank = seenText
			continue
		}
		if pendingBlank {
			hasBlank = true
			break
		}
		seenText = true
	}
	var out []string
	if !hasBlank {
		for _, l := range lines {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

// isBareURL reports whether a block is only an address, as on the line
// under "Original url:". The cheap checks come first: most blocks are
// prose.
func isBareURL(block string) bool {
	b := strings.TrimLeft(block, "<")
	return strings.HasPrefix(b, "http") && !strings.ContainsAny(block, " \t") && cleanURL(block) != ""
}

// isURLLine reports whether a line introduces the article's address:
// "Original url:", "URL:", "Source URL:" and the like.
func isURLLine(line string) bool {
	line = strings.TrimSpace(line)
	if strings.IndexByte(line[:min(len(line), 24)], ':') < 0 {
		return false // most lines; the prefixes all end in a colon
	}
	for _, prefix := range []string{"original url:", "original link:", "source url:", "url:", "link:", "original article:"} {
		if hasPrefixFold(line, prefix) {
			rest := strings.TrimSpace(line[len(prefix):])
			return rest == "" || cleanURL(rest) != ""
		}
	}
	return false
}

// isBoldCreditCaption reports whether a raw paragraph is a photo caption
// that ends in a bold credit, as pasted from a page: "EU foreign policy
// chief Josep Borrell. **Russian Foreign Ministry**". The bold part is a
// short name, not a sentence, and the caption before it is short too.
func isBoldCreditCaption(raw string) bool {
	raw = strings.TrimSpace(raw)
	if !strings.HasSuffix(raw, "**") || len(raw) < 5 {
		return false
	}
	open := strings.LastIndex(raw[:len(raw)-2], "**")
	if open < 0 {
		return false
	}
	credit := raw[open+2 : len(raw)-2]
	caption := strings.TrimSpace(raw[:open])
	if credit == "" || endsLikeSentence(credit) || wordCount(credit, 9) > 8 {
		return false
	}
	if caption == "" {
		return true
	}
	return endsLikeSentence(caption) && wordCount(caption, 41) <= 40
}

// stripTextMarkup reduces the Markdown that pasted text keeps to its words:
// "[called](#)" becomes "called", "**bold**" becomes "bold", an image
// "![alt](src)" goes, "<https://...>" becomes the address.
func stripTextMarkup(s string) string {
	// No markup is the common case. Three IndexByte calls, which scan
	// many bytes at a time, beat one pass that looks at every byte.
	if strings.IndexByte(s, '[') < 0 && strings.IndexByte(s, '*') < 0 && strings.IndexByte(s, '<') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "**"):
			i += 2
		case s[i] == '[' || (s[i] == '!' && strings.HasPrefix(s[i:], "![")):
			image := s[i] == '!'
			start := i
			if image {
				start++
			}
			text, next, ok := inlineLink(s, start)
			if !ok {
				b.WriteByte(s[i])
				i++
				continue
			}
			if !image {
				b.WriteString(strings.ReplaceAll(text, "**", ""))
			}
			i = next
		case s[i] == '<':
			if u, next, ok := angleURL(s, i); ok {
				b.WriteString(u)
				i = next
				continue
			}
			b.WriteByte('<')
			i++
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}

// maxLinkTarget bounds a link's target. Every scan in inlineLink and
// angleURL also stops at the next bracket or space, so stripTextMarkup stays
// linear on text full of unmatched brackets.
const maxLinkTarget = 2000

// inlineLink reads "[text](target)" starting at the "[" at i and returns the
// text and the index after ")". The text may not hold brackets nor the
// target spaces.
func inlineLink(s string, i int) (text string, next int, ok bool) {
	rest := s[i+1:]
	close := strings.IndexAny(rest, "[]\n")
	if close < 0 || rest[close] != ']' {
		return "", 0, false
	}
	after := i + 1 + close + 1
	if after >= len(s) || s[after] != '(' {
		return "", 0, false
	}
	target := s[after+1:]
	if len(target) > maxLinkTarget {
		target = target[:maxLinkTarget]
	}
	end := strings.IndexAny(target, ")[]( \n")
	if end < 0 || target[end] != ')' {
		return "", 0, false
	}
	return rest[:close], after + 1 + end + 1, true
}

// angleURL reads "<https://...>" starting at the "<" at i and returns the
// address and the index after ">".
func angleURL(s string, i int) (u string, next int, ok bool) {
	rest := s[i+1:]
	if len(rest) > maxLinkTarget {
		rest = rest[:maxLinkTarget]
	}
	end := strings.IndexAny(rest, "<> \n")
	if end <= 0 || rest[end] != '>' {
		return "", 0, false
	}
	if cleanURL(rest[:end]) == "" {
		return "", 0, false
	}
	return rest[:end], i + 1 + end + 1, true
}

func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

func nextNonEmpty(lines []string, i int) int {
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	return i
}
