package briefing

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitSentences returns the sentences of a paragraph as byte ranges.
// A sentence ends at . ! or ? (and any closing quotation marks or brackets)
// followed by white space and an upper-case letter, digit or opening mark.
func splitSentences(text string) []span {
	var out []span
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		end := i
		for end < len(text) {
			c, n := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(`"'”’)]`, c) {
				break
			}
			end += n
		}
		if end >= len(text) {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsSpace(next) {
			continue
		}
		rest := strings.TrimLeftFunc(text[end:], unicode.IsSpace)
		first, _ := utf8.DecodeRuneInString(rest)
		if !unicode.IsUpper(first) && !unicode.IsDigit(first) && !strings.ContainsRune(`"“‘'(`, first) {
			continue
		}
		if r == '.' && isAbbreviationBefore(text[:i-1]) {
			continue
		}
		out = append(out, trimSpan(text, span{start, end}))
		start = end
		i = end
	}
	if s := trimSpan(text, span{start, len(text)}); s.end > s.start {
		out = append(out, s)
	}
	return out
}

// isAbbreviationBefore reports whether the word ending text is an
// abbreviation or an initial, so the full stop after it does not end a
// sentence.
func isAbbreviationBefore(text string) bool {
	i := strings.LastIndexFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '(' })
	word := text[i+1:]
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	switch word {
	case "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "No", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Jr", "Sr", "Prof", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Maj", "Sgt", "Rev", "Inc", "Co", "Corp", "Ltd", "vs", "etc":
		return true
	}
	return strings.Contains(word, ".") // U.S, U.N
}

func trimSpan(text string, s span) span {
	for s.start < s.end {
		r, n := utf8.DecodeRuneInString(text[s.start:])
		if !unicode.IsSpace(r) {
			break
		}
		s.start += n
	}
	for s.end > s.start {
		r, n := utf8.DecodeLastRuneInString(text[:s.end])
		if !unicode.IsSpace(r) {
			break
		}
		s.end -= n
	}
	return s
}
