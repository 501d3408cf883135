package score

import (
	"strings"
	"unicode"
)

// quoteMatchThreshold is the token F1 at or above which a predicted quote
// matches a gold quote.
const quoteMatchThreshold = 0.8

// foldChars maps typographic quotes, dashes and spaces to their plain forms,
// as score.py's _QUOTE_CHARS does before comparing texts.
var foldChars = map[rune]rune{
	'\u2018': '\'', '\u2019': '\'', '\u201a': '\'', '\u201b': '\'', '\u2032': '\'',
	'\u00b4': '\'', '`': '\'',
	'\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"',
	'\u00ab': '"', '\u00bb': '"', '\u2039': '\'', '\u203a': '\'',
	'\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-',
	'\u2015': '-', '\u2212': '-', '\ufe58': '-', '\ufe63': '-', '\uff0d': '-',
	'\u00a0': ' ', '\u2009': ' ', '\u202f': ' ',
}

// stripChars are removed from both ends of a normalised text.
const stripChars = " \t\r\n\"'.,;:!?-()[]{}*_…/\\"

// normaliseText lower-cases s, unifies quotes, dashes and spaces, collapses
// white space and strips surrounding punctuation (score.py normalise_text).
func normaliseText(s string) string {
	s = strings.Map(func(r rune) rune {
		if f, ok := foldChars[r]; ok {
			return f
		}
		return r
	}, s)
	s = pyLower(s)
	var b strings.Builder
	b.Grow(len(s))
	inSpace := false
	for _, r := range s {
		if pyIsSpace(r) {
			if !inSpace {
				b.WriteByte(' ')
			}
			inSpace = true
			continue
		}
		inSpace = false
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), stripChars)
}

// tokens returns the word tokens of a normalised text: runs of word
// characters, joined across inner apostrophes ("it's" is one token), as the
// Python pattern \w+(?:'\w+)* finds them.
func tokens(s string) []string {
	return wordTokens(normaliseText(s))
}

func wordTokens(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !pyIsWord(rs[i]) {
			i++
			continue
		}
		start := i
		for i < len(rs) && pyIsWord(rs[i]) {
			i++
		}
		for i+1 < len(rs) && rs[i] == '\'' && pyIsWord(rs[i+1]) {
			i++
			for i < len(rs) && pyIsWord(rs[i]) {
				i++
			}
		}
		out = append(out, string(rs[start:i]))
	}
	return out
}

// tokenF1 is the SQuAD-style F1 of two token lists' multiset overlap.
func tokenF1(ta, tb []string) float64 {
	if len(ta) == 0 && len(tb) == 0 {
		return 1.0
	}
	if len(ta) == 0 || len(tb) == 0 {
		return 0.0
	}
	counts := make(map[string]int, len(tb))
	for _, t := range tb {
		counts[t]++
	}
	common := 0
	for _, t := range ta {
		if counts[t] > 0 {
			counts[t]--
			common++
		}
	}
	if common == 0 {
		return 0.0
	}
	p := float64(common) / float64(len(ta))
	r := float64(common) / float64(len(tb))
	return 2 * p * r / (p + r)
}

// pyIsSpace reports whether Python's str.isspace (and the regular
// expression \s) treats r as white space. Unlike unicode.IsSpace it includes
// the information separators U+001C..U+001F.
func pyIsSpace(r rune) bool {
	switch {
	case r == ' ', r >= '\t' && r <= '\r', r >= 0x1c && r <= 0x1f, r == 0x85:
		return true
	case r < 0x80:
		return false
	}
	return unicode.IsSpace(r)
}

// pyIsWord reports whether r is a word character for Python's \w on str:
// a letter, a number or the underscore. Combining marks are not word
// characters there, so they are not here either.
func pyIsWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// pyLower lower-cases s the way Python's str.lower does: the simple Unicode
// lower-case mapping, plus the two differences that matter for tokens:
// U+0130 (capital I with dot) becomes "i" and a combining dot, and capital
// sigma at the end of a word becomes final sigma.
func pyLower(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range rs {
		switch r {
		case '\u0130':
			b.WriteString("i\u0307")
		case '\u03a3':
			if finalSigma(rs, i) {
				b.WriteRune('\u03c2')
			} else {
				b.WriteRune('\u03c3')
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// finalSigma reports whether the capital sigma at rs[i] ends a word in the
// Unicode sense: a cased letter before it and none after it, skipping
// case-ignorable characters on both sides.
func finalSigma(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && caseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !cased(rs[j]) {
		return false
	}
	j = i + 1
	for j < len(rs) && caseIgnorable(rs[j]) {
		j++
	}
	return j == len(rs) || !cased(rs[j])
}

func cased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', 0xb7, 0x387, 0x55f, 0x5f4, 0x2018, 0x2019, 0x2024, 0x2027,
		0xfe13, 0xfe52, 0xfe55, 0xff07, 0xff0e, 0xff1a:
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}

// pyStrip removes Python white space from both ends of s (str.strip()).
func pyStrip(s string) string {
	return strings.TrimFunc(s, pyIsSpace)
}
