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
	// Sites print metadata as segments ("Source: Xinhua| 2019-02-26
	// 21:14:05|Editor: yan"): the first segment that is a date wins, labelled
	// segments are passed over, and an "Updated" segment ends the search.
	for _, seg := range strings.FieldsFunc(line, isMetaSeparator) {
		seg = strings.TrimSpace(seg)
		if seg == "" || isMetaLabel(seg) {
			continue
		}
		if updatedMarker(seg) == 0 {
			break
		}
		if t, ok := parseDateSegment(seg); ok {
			return t, true
		}
		return time.Time{}, false
	}
	return time.Time{}, false
}

// parseDateSegment reads one segment of a date line, all of which must be
// a date.
func parseDateSegment(line string) (time.Time, bool) {
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
		case isNumericDate(word):
			y, m, d, ok := parseNumericDate(word)
			if !ok || year != 0 || month != 0 || day != 0 {
				return time.Time{}, false
			}
			year, month, day = y, m, d
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
	if i := updatedMarker(line); i > 0 {
		return line[:i]
	}
	return line
}

// updatedMarker returns the byte offset of the first "updated", "modified"
// or "last edited" in line, or -1.
func updatedMarker(line string) int {
	lower := strings.ToLower(line)
	first := -1
	for _, marker := range []string{"updated", "modified", "last edited"} {
		if i := strings.Index(lower, marker); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}

func isMetaSeparator(r rune) bool { return r == '|' || r == '·' || r == '•' }

// metaLabels are the labels of metadata segments that are not the date.
var metaLabels = map[string]bool{
	"source": true, "editor": true, "editors": true, "author": true, "authors": true,
	"by": true, "reporter": true, "reporting": true, "photo": true, "credit": true,
	"section": true, "category": true, "agency": true, "writer": true,
}

// isMetaLabel reports whether a segment is a labelled field other than the
// date: "Source: Xinhua", "Editor: yan", "By Jane Doe".
func isMetaLabel(seg string) bool {
	label, _, found := strings.Cut(seg, ":")
	if !found {
		label, _, _ = strings.Cut(seg, " ")
	}
	return metaLabels[strings.ToLower(strings.TrimSpace(label))]
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

// isNumericDate reports whether w is a day-month-year or month-day-year date
// in figures: "21.10.2025", "21/10/2025", "10-21-2025".
func isNumericDate(w string) bool {
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '.' || r == '/' || r == '-' })
	if len(parts) != 3 || len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return false
	}
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			return false
		}
	}
	return true
}

// parseNumericDate reads a date isNumericDate accepted. Dotted dates are
// day first, as everywhere that writes them; with slashes or hyphens the
// order is known only when one number is above 12, and an ambiguous date
// ("03/04/2025") is refused rather than guessed.
func parseNumericDate(w string) (int, time.Month, int, bool) {
	sep := w[strings.IndexAny(w, "./-")]
	parts := strings.Split(w, string(sep))
	if len(parts) != 3 {
		return 0, 0, 0, false
	}
	a, _ := strconv.Atoi(parts[0])
	b, _ := strconv.Atoi(parts[1])
	y, _ := strconv.Atoi(parts[2])
	day, month := a, b
	switch {
	case sep == '.':
	case a > 12 && b <= 12:
	case b > 12 && a <= 12:
		day, month = b, a
	default:
		return 0, 0, 0, false
	}
	if y < 1800 || y > 2200 || month < 1 || month > 12 || day < 1 || day > daysIn(y, time.Month(month)) {
		return 0, 0, 0, false
	}
	return y, time.Month(month), day, true
}
