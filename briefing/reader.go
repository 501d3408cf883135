package briefing

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ErrNoDate is returned by Read when the article has no publication date the
// reader can find and ReadOptions.Published is not set.
var ErrNoDate = errors.New("no publication date found")

// ErrNoArticle is returned by Read when the input holds no body text: an
// empty file, a headline alone, or a page with no readable article.
var ErrNoArticle = errors.New("no article text found")

// Bounds on what Read parses. They keep the cost of one Read linear in its
// input and bounded, whatever it is handed; the CLI already refuses inputs
// over 10 MB, and real articles are far inside every one of them.
const (
	// maxReadBytes is how much of an input Read looks at. A long report is
	// 50 KB of text; a heavy article page, scripts and all, 2 MB. The rest
	// of a larger input is ignored (text is cut at a line end).
	maxReadBytes = 4 << 20
	// maxParagraphs is how many body paragraphs an article keeps. A long
	// report has about a hundred.
	maxParagraphs = 1000
	// maxParagraphBytes bounds one paragraph (cut at a space), so that a
	// file with no line breaks does not hand the analysers one huge
	// paragraph. Real paragraphs are under 3 KB.
	maxParagraphBytes = 32 << 10
)

// ReadOptions adjust how Read treats an input.
type ReadOptions struct {
	// ID becomes Article.ID.
	ID string
	// Published, when not zero, is the publication date to use instead of
	// (or in the absence of) one found in the input.
	Published time.Time
}

// format is the form an input is written in.
type format int

const (
	formatText format = iota
	formatMarkdown
	formatHTML
)

func (f format) String() string {
	switch f {
	case formatMarkdown:
		return "Markdown"
	case formatHTML:
		return "HTML"
	default:
		return "text"
	}
}

// Read parses an article from data: plain text as SCHEMA.md describes it
// (headline, date line, paragraphs, "Original url:"), Markdown, or an HTML
// page. The form is told from the content; name's extension only breaks a
// tie. name identifies the input in error messages ("-" for standard input).
//
// Read returns an error wrapping ErrNoArticle when no body text is found and
// one wrapping ErrNoDate when there is no publication date and
// opts.Published is zero. It looks at the first 4 MB of data at most and
// keeps at most 1000 paragraphs of 32 KB each.
func Read(name string, data []byte, opts ReadOptions) (Article, error) {
	data = prepareInput(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return Article{}, fmt.Errorf("%w in %s: the input is empty", ErrNoArticle, name)
	}
	if looksBinary(data) {
		return Article{}, fmt.Errorf("%w in %s: the input is binary data, not text, Markdown or HTML (save the article's page or copy its text)", ErrNoArticle, name)
	}
	f := detectFormat(name, data)
	var (
		a   Article
		err error
	)
	switch f {
	case formatHTML:
		a, err = readHTML(data)
	case formatMarkdown:
		a, err = readMarkdown(validText(data))
	default:
		a, err = readText(validText(data))
	}
	if err != nil {
		return Article{}, fmt.Errorf("%w in %s: %v", ErrNoArticle, name, err)
	}
	a.Paragraphs = boundParagraphs(a.Paragraphs)
	if len(a.Paragraphs) == 0 {
		return Article{}, fmt.Errorf("%w in %s: read as %s, it has a headline but no body paragraphs", ErrNoArticle, name, f)
	}
	a.ID = opts.ID
	if a.Source == "" {
		a.Source = sourceFromURL(a.URL)
	}
	if !opts.Published.IsZero() {
		y, m, d := opts.Published.Date()
		a.Published = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	if a.Published.IsZero() {
		return Article{}, fmt.Errorf("read %s: %w (add a date line such as \"February 8, 2021\" under the headline, or pass --published YYYY-MM-DD)", name, ErrNoDate)
	}
	return a, nil
}

// prepareInput applies maxReadBytes, cutting at a line end near the limit
// (or else at a rune boundary) so that no line or character is read half,
// and drops a UTF-8 byte order mark.
func prepareInput(data []byte) []byte {
	if len(data) > maxReadBytes {
		data = data[:maxReadBytes]
		if i := bytes.LastIndexByte(data, '\n'); i > maxReadBytes-maxParagraphBytes {
			data = data[:i+1]
		} else {
			for len(data) > 0 && !utf8.RuneStart(data[len(data)-1]) {
				data = data[:len(data)-1]
			}
			if len(data) > 0 {
				data = data[:len(data)-1] // the start of the cut rune
			}
		}
	}
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
}

// looksBinary reports whether data is not text: it has NUL bytes or mostly
// invalid UTF-8 in its first kilobytes. Pages in legacy encodings (Latin-1)
// have some invalid bytes but never this many.
func looksBinary(data []byte) bool {
	head := data
	if len(head) > 8<<10 {
		head = head[:8<<10]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	if utf8.Valid(head) {
		return false
	}
	bad := 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 && len(head)-i >= utf8.UTFMax {
			bad++
		}
		i += n
	}
	return bad*10 > len(head)
}

// validText returns data as a string with invalid UTF-8 replaced, so that
// every paragraph Read returns is valid UTF-8.
func validText(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	return strings.ToValidUTF8(string(data), "\uFFFD")
}

// detectFormat tells HTML, Markdown and plain text apart by their content.
// The extension of name decides only when the content could be either.
func detectFormat(name string, data []byte) format {
	head := data
	if len(head) > 4<<10 {
		head = head[:4<<10]
	}
	if looksHTML(head) {
		return formatHTML
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".html" || ext == ".htm" || ext == ".xhtml" {
		if bytes.Contains(bytes.ToLower(head), []byte("<p")) {
			return formatHTML
		}
	}
	if looksMarkdown(head) || ext == ".md" || ext == ".markdown" {
		return formatMarkdown
	}
	return formatText
}

// looksHTML reports whether the input starts like an HTML document: a
// doctype, a comment, an XML declaration or one of the elements that open a
// page. "<https://...>" (the URL line of the text form) is not a tag.
func looksHTML(head []byte) bool {
	s := bytes.TrimSpace(head)
	if len(s) > 0 && s[0] == '<' {
		start := s[:min(len(s), 16)]
		for _, prefix := range []string{"<!doctype html", "<html", "<head", "<?xml", "<!--", "<meta", "<body", "<title", "<article", "<div", "<p>", "<p ", "<link", "<script", "<main", "<section", "<header"} {
			if len(start) >= len(prefix) && bytes.EqualFold(start[:len(prefix)], []byte(prefix)) {
				return true
			}
		}
	}
	// A page saved with some text before its markup. Searching for the
	// two usual spellings avoids lower-casing the whole head.
	return (bytes.Contains(s, []byte("<html")) || bytes.Contains(s, []byte("<HTML"))) &&
		(bytes.Contains(s, []byte("<body")) || bytes.Contains(s, []byte("<BODY")))
}

// looksMarkdown reports whether the input uses Markdown block syntax that
// the plain-text form never has: front matter, an ATX heading, or a setext
// underline.
func looksMarkdown(head []byte) bool {
	// The bytes are read in place: a string of head would copy it.
	s := bytes.TrimLeft(head, " \t\r\n")
	if bytes.HasPrefix(s, []byte("---\n")) || bytes.HasPrefix(s, []byte("---\r\n")) {
		return true
	}
	for i := 0; i <= 60 && len(s) > 0; i++ {
		line, rest, _ := bytes.Cut(s, []byte("\n"))
		s = rest
		line = bytes.TrimRight(line, " \t\r")
		if bytes.HasPrefix(line, []byte("# ")) || bytes.HasPrefix(line, []byte("## ")) || bytes.HasPrefix(line, []byte("### ")) {
			return true
		}
		if i > 0 && len(line) >= 3 && len(bytes.Trim(line, "=")) == 0 {
			return true
		}
	}
	return false
}

// boundParagraphs applies maxParagraphs and maxParagraphBytes.
func boundParagraphs(ps []string) []string {
	if len(ps) > maxParagraphs {
		ps = ps[:maxParagraphs]
	}
	for i, p := range ps {
		if len(p) <= maxParagraphBytes {
			continue
		}
		cut := strings.LastIndexByte(p[:maxParagraphBytes], ' ')
		if cut < maxParagraphBytes/2 {
			cut = maxParagraphBytes
			for cut > 0 && !utf8.RuneStart(p[cut]) {
				cut--
			}
		}
		ps[i] = strings.TrimSpace(p[:cut])
	}
	return ps
}

// sourceFromURL names the outlet after the URL's host when nothing better
// is known: "https://www.themoscowtimes.com/..." gives "themoscowtimes.com".
// It invents no names.
func sourceFromURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	for _, prefix := range []string{"www.", "www2.", "m.", "amp.", "mobile."} {
		if strings.HasPrefix(host, prefix) && strings.Count(host, ".") > 1 {
			host = strings.TrimPrefix(host, prefix)
			break
		}
	}
	return host
}

// cleanURL returns raw as an absolute http(s) URL, or "" when it is not one.
func cleanURL(raw string) string {
	raw = strings.TrimSpace(strings.Trim(strings.TrimSpace(raw), "<>"))
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return raw
}

// plainSpaced reports whether s has nothing for normalizeSpace to do: it
// neither starts nor ends with white space, and its only white space is
// single ASCII spaces. It looks for the ASCII white space with
// strings.IndexByte and strings.Contains, which scan many bytes at a time,
// and decodes only the characters beyond ASCII.
func plainSpaced(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || strings.Contains(s, "  ") {
		return false
	}
	for _, c := range []byte("\t\n\v\f\r") {
		if strings.IndexByte(s, c) >= 0 {
			return false
		}
	}
	for i := nextWideByte(s, 0); i < len(s); i = nextWideByte(s, i) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	return true
}

// nextWideByte returns the index of the first byte of s from i on that is
// not ASCII, or len(s). It passes 8 bytes at a time.
func nextWideByte(s string, i int) int {
	const highs = 0x8080808080808080
	for i+8 <= len(s) && binary.LittleEndian.Uint64([]byte(s[i:i+8]))&highs == 0 {
		i += 8
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}

// normalizeSpace collapses runs of white space (including non-breaking
// spaces and line breaks) into single spaces and trims the ends. Text that
// is already clean, as most paragraphs are, is returned as it is.
func normalizeSpace(s string) string {
	if plainSpaced(s) {
		return s // the common case, found without a loop over every byte
	}
	clean := true
	prevSpace := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && !asciiSpace[c] {
			prevSpace = false
			i = skipTo(s, i+1, &spaceOrWide)
			continue
		}
		sp, size := spaceAt(s, i)
		if sp && (prevSpace || c != ' ') {
			clean = false
			break
		}
		prevSpace = sp
		i += size
	}
	if clean && !prevSpace {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for i := 0; i < len(s); {
		sp, size := spaceAt(s, i)
		if sp {
			pending = b.Len() > 0
		} else {
			if pending {
				b.WriteByte(' ')
				pending = false
			}
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
