package briefing

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// maxDateLine bounds the length of a line that parsePubDate will consider a
// date line. Real date lines ("Published Monday, April 23, 2018 11:57AM EDT |
// Updated ...") are well under it; body sentences that merely contain a date
// are longer, and rejecting them early keeps the header scan cheap.
const maxDateLine = 120

// parsePubDate reads a publication date line in any of the forms news sites
// print: "February 08, 2021", "8 February 2021", "Feb. 8, 2021 10:13 AM GMT",
// "2021-02-08", "2021-02-08T10:13:00+03:00", "Published Monday, April 23,
// 2018 11:57AM EDT", "Mon 27th January 2020", "20th October, 2020",
// "10:32, September 08, 2023", "Mon, 08 Feb 2021 10:13:00 GMT".
//
// The whole line must be a date: every word has to be a day, a month, a
// year, a weekday, a time, a time zone or a filler word such as "Published".
// That is what keeps a dateline such as "BRUSSELS, Dec 15 (Reuters) -" or a
// sentence that mentions a date from being taken for the date line. The
// result is midnight UTC of the date as written, whatever the time zone, so
// that "2021-02-08T01:00:00+03:00" is 8 February, the day the outlet printed.
func parsePubDate(line string) (time.Time, bool) {
	line = strings.TrimSpace(line)
	if line == "" || len(line) > maxDateLine {
		return time.Time{}, false
	}
	line = cutUpdated(line)
	var (
		year, day int
		month     time.Month
		sawTime   bool
	)
	for _, word := range dateWords(line) {
		lower := strings.ToLower(word)
		switch {
		case dateFillers[lower]:
			continue
		case isISODate(word):
			y, m, d, ok := parseISODate(word)
			if !ok || year != 0 || month != 0 || day != 0 {
				return time.Time{}, false
			}
			year, month, day = y, m, d
		case isClock(lower):
			if sawTime {
				return time.Time{}, false
			}
			sawTime = true
		case isMeridiem(lower) || isZone(word):
			if !sawTime {
				return time.Time{}, false
			}
		default:
			if m, ok := lookupMonth(word); ok {
				if month != 0 {
					return time.Time{}, false
				}
				month = m
				continue
			}
			if _, ok := lookupWeekday(word); ok {
				continue
			}
			n, digits, ok := dateNumber(lower)
			if !ok {
				return time.Time{}, false
			}
			switch {
			case digits == 4 && n >= 1800 && n <= 2200 && year == 0:
				year = n
			case digits <= 2 && n >= 1 && n <= 31 && day == 0:
				day = n
			default:
				return time.Time{}, false
			}
		}
	}
	if year == 0 || month == 0 || day == 0 || day > daysIn(year, month) {
		return time.Time{}, false
	}
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC), true
}

// cutUpdated drops an "Updated ..." or "| Modified ..." part after the
// published date, so that a line carrying two dates yields the first one.
func cutUpdated(line string) string {
	if i := strings.IndexAny(line, "|·•"); i > 0 {
		line = line[:i]
	}
	lower := strings.ToLower(line)
	for _, marker := range []string{"updated", "modified", "last edited"} {
		if i := strings.Index(lower, marker); i > 0 {
			line, lower = line[:i], lower[:i]
		}
	}
	return line
}

// dateWords splits a date line into words at spaces, commas and brackets.
// A trailing colon is dropped ("Published:"), so is a trailing full stop
// after a number ("8."), but not the full stop of "Feb.".
func dateWords(line string) []string {
	words := strings.FieldsFunc(line, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '(' || r == ')' || r == '[' || r == ']'
	})
	out := words[:0]
	for _, w := range words {
		w = strings.TrimRight(w, ":;")
		if w == "" || w == "-" || w == "–" || w == "—" || w == "/" {
			continue
		}
		out = append(out, w)
	}
	return out
}

// dateFillers are the words a date line may carry besides the date itself.
var dateFillers = map[string]bool{
	"published": true, "posted": true, "first": true, "date": true, "on": true,
	"at": true, "issued": true, "released": true, "pub": true, "publication": true,
	"dated": true, "created": true, "of": true, "the": true,
}

// dateNumber reads a day or year, with an ordinal suffix ("27th") or a
// trailing full stop ("8.") allowed.
func dateNumber(w string) (n, digits int, ok bool) {
	w = strings.TrimSuffix(w, ".")
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, suffix) {
			w = strings.TrimSuffix(w, suffix)
			break
		}
	}
	if w == "" || len(w) > 4 {
		return 0, 0, false
	}
	for _, c := range w {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
	}
	n, err := strconv.Atoi(w)
	return n, len(w), err == nil
}

// isISODate reports whether w starts like 2021-02-08 or 2021/02/08.
func isISODate(w string) bool {
	if len(w) < 10 {
		return false
	}
	for i := 0; i < 10; i++ {
		c := w[i]
		switch i {
		case 4, 7:
			if c != '-' && c != '/' && c != '.' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// parseISODate reads year, month and day from a word isISODate accepted. It
// allows a time after a "T" ("2021-02-08T10:13:00+03:00") and nothing else.
func parseISODate(w string) (int, time.Month, int, bool) {
	if w[4] != w[7] {
		return 0, 0, 0, false
	}
	if rest := w[10:]; rest != "" && rest[0] != 'T' && rest[0] != 't' {
		return 0, 0, 0, false
	}
	y, _ := strconv.Atoi(w[0:4])
	m, _ := strconv.Atoi(w[5:7])
	d, _ := strconv.Atoi(w[8:10])
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return 0, 0, 0, false
	}
	return y, time.Month(m), d, true
}

// isClock reports whether w is a time of day: "10:13", "10:13:00",
// "11:57am", "10:13:00.000z".
func isClock(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "am"), "pm")
	colon := strings.IndexByte(w, ':')
	if colon < 1 || colon > 2 {
		return false
	}
	digits := 0
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ':' || c == '.' || c == 'z' || c == '+' || c == '-':
		default:
			return false
		}
	}
	return digits >= 3
}

func isMeridiem(w string) bool {
	switch w {
	case "am", "pm", "a.m.", "p.m.", "a.m", "p.m":
		return true
	}
	return false
}

// isZone reports whether w is a time zone: an upper-case abbreviation
// ("GMT", "EDT", "MSK"), an offset ("+03:00", "+0300") or "UTC+3".
func isZone(w string) bool {
	if w == "" || len(w) > 9 {
		return false
	}
	if w[0] == '+' || w[0] == '-' {
		for _, c := range w[1:] {
			if (c < '0' || c > '9') && c != ':' {
				return false
			}
		}
		return len(w) > 1
	}
	letters := 0
	for _, c := range w {
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case letters >= 2 && (c == '+' || c == '-' || c == ':' || (c >= '0' && c <= '9')):
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 5
}
