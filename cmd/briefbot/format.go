package main

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
)

// formatDay writes a date as YYYY-MM-DD, or "" for the zero time.
func formatDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// formatEventDate writes an event's date as a reader says it, at its
// precision: "22 Feb 2021", "week of 22 Feb 2021", "March 2021", "2021".
func formatEventDate(d briefing.Date) string {
	switch d.Precision {
	case briefing.Year:
		return d.Start.Format("2006")
	case briefing.Month:
		return d.Start.Format("January 2006")
	case briefing.Week:
		return "week of " + d.Start.Format("2 Jan 2006")
	default:
		return d.Start.Format("Mon 2 Jan 2006")
	}
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// clip shortens s to at most n characters, at a word boundary, with an
// ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// orList joins names as "A", "A or B", "A, B or C".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
