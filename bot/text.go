package bot

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
)

// Discord's limits on what a message may hold (shared/discord/limits.md).
const (
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxAuthor      = 256
	maxEmbedTotal  = 6000
	maxContent     = 2000
	maxEmbedURL    = 2048
	maxButtonURL   = 512
	maxCustomID    = 100
	maxChoices     = 25
	maxChoiceName  = 100
	maxChoiceValue = 100
	maxButtonLabel = 80
)

// zeroWidthSpace breaks "@everyone" and "@here" so that they read the same
// but are no longer mentions, even in a client that ignored allowed_mentions.
const zeroWidthSpace = "\u200b"

// escape makes text from an article safe to show in a message: Markdown
// characters are escaped so that quoted text renders as written, and
// mentions (@everyone, @here, <@id>, <#id>, <t:...>) are neutralised.
func escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true
	skip := 0
	for i, r := range s {
		if skip > 0 {
			skip--
			continue
		}
		switch r {
		case '\\', '*', '_', '~', '`', '|', '[', ']', '<':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '#', '-', '>', '+':
			// Headings, lists, subtext and block quotes only start a line.
			if lineStart {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '@':
			b.WriteRune(r)
			rest := s[i+1:]
			if strings.HasPrefix(rest, "everyone") || strings.HasPrefix(rest, "here") {
				b.WriteString(zeroWidthSpace)
			}
		default:
			if n := orderedListMarker(s[i:]); lineStart && n > 0 {
				b.WriteString(s[i : i+n])
				b.WriteByte('\\')
				lineStart = false
				skip = n - 1
				continue
			}
			b.WriteRune(r)
		}
		if r == '\n' {
			lineStart = true
		} else if !unicode.IsSpace(r) {
			lineStart = false
		}
	}
	return b.String()
}

// orderedListMarker reports how many digits s starts with when they are
// followed by a dot and a space ("1. ", "12. "), which Discord would render
// as a list item, and 0 otherwise. The escape goes before the dot.
// Markdown takes up to nine digits as a list number.
func orderedListMarker(s string) int {
	n := 0
	for n < len(s) && n < 10 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n > 9 || len(s) < n+2 || s[n] != '.' || s[n+1] != ' ' {
		return 0
	}
	return n
}

// linkText shows a URL as a link Discord does not preview: in angle
// brackets, unescaped, so that it reads and works as written. A URL that
// could not sit between angle brackets is escaped as text instead.
func linkText(u string) string {
	if !linkable(u) {
		return escape(u)
	}
	return "<" + u + ">"
}

// truncate shortens s to at most max characters (runes), cutting at a word
// boundary and ending with "…". It never leaves a dangling backslash from
// escape, and cuts mid-word only when the last word would take more than
// half of max.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max < 2 {
		return "…"[:max*len("…")]
	}
	runes := []rune(s)
	cut := max - 1 // room for the ellipsis
	end := cut
	for j := cut; j > cut/2; j-- {
		if unicode.IsSpace(runes[j]) {
			end = j
			break
		}
	}
	out := strings.TrimRightFunc(string(runes[:end]), unicode.IsSpace)
	// An odd run of trailing backslashes would escape the ellipsis.
	n := 0
	for n < len(out) && out[len(out)-1-n] == '\\' {
		n++
	}
	if n%2 == 1 {
		out = out[:len(out)-1]
	}
	return out + "…"
}

// length counts characters the way Discord limits them.
func length(s string) int { return utf8.RuneCountInString(s) }

// link is a Markdown link with escaped text; with no usable URL it is the
// text alone.
func link(text, url string) string {
	if !linkable(url) {
		return escape(text)
	}
	return "[" + escape(text) + "](" + url + ")"
}

// linkable reports whether u can be a link target in a message: an
// absolute http(s) URL without spaces or parentheses that would end the
// Markdown link early, and within Discord's URL length.
func linkable(u string) bool {
	if !(strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) || len(u) > maxEmbedURL {
		return false
	}
	return !strings.ContainsAny(u, " \t\n()<>")
}

// dayTimestamp is a Discord timestamp for a calendar day. It points at noon
// UTC, so the day reads the same for readers from UTC-11 to UTC+11.
func dayTimestamp(t time.Time) string {
	y, m, d := t.Date()
	noon := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	return fmt.Sprintf("<t:%d:D>", noon.Unix())
}

// eventDate renders an event's date at its precision: a Discord timestamp
// for a day, "week of" one for a week, "March 2021" and "2021" otherwise.
func eventDate(d briefing.Date) string {
	switch d.Precision {
	case briefing.Week:
		return "week of " + dayTimestamp(d.Start)
	case briefing.Month:
		return d.Start.Format("January 2006")
	case briefing.Year:
		return d.Start.Format("2006")
	default:
		return dayTimestamp(d.Start)
	}
}

// plural returns "1 quote", "2 quotes".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
