package briefing

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isBoilerplate reports whether a plain-text paragraph is not body text: a
// section heading, a photo caption or credit, a byline or reporting credit,
// or a "Related article:" line. The summary, quote and date finders only
// ever see body text, so none of these can end up in a briefing.
//
// The rules look at the shape of the line, never at an outlet's wording:
// headings and credits are short and lack a sentence's final punctuation;
// credits and related links start with a small set of fixed phrases.
func isBoilerplate(p string) bool {
	words := wordCount(p, 61)
	sentence := endsLikeSentence(p)
	if words <= maxHeadingWords && !sentence {
		return true // a heading, dateline or byline
	}
	// The fixed phrases all sit at the start: lower-casing a prefix is
	// enough, and keeps this cheap on long paragraphs.
	return creditLine(p, words, sentence) || relatedLine(p, words) || captionLine(p, words, sentence)
}

// creditFirst, relatedFirst and captionFirst mark the first bytes of
// creditPrefixes, relatedPrefixes and captionPrefixes (see firstBytesFold).
var (
	creditFirst  = firstBytesFold(creditPrefixes)
	relatedFirst = firstBytesFold(relatedPrefixes)
	captionFirst = firstBytesFold(captionPrefixes)
)

// firstBytesFold marks the bytes that a string hasPrefixFold finds one of
// prefixes in can start with: each prefix's first byte in both cases of
// ASCII, and every byte of a non-ASCII character, since simple folding
// pairs some ASCII letters with others ("K" with the Kelvin sign).
func firstBytesFold(prefixes []string) (t [256]bool) {
	for _, p := range prefixes {
		c := p[0]
		t[c] = true
		if 'a' <= c && c <= 'z' {
			t[c-'a'+'A'] = true
		}
		if 'A' <= c && c <= 'Z' {
			t[c-'A'+'a'] = true
		}
	}
	for c := utf8.RuneSelf; c < len(t); c++ {
		t[c] = true
	}
	return t
}

// mayStartFold reports whether s may start, ignoring case, with one of
// the prefixes whose first bytes are marked in first: a quick test that
// saves comparing the prefixes one by one.
func mayStartFold(s string, first *[256]bool) bool {
	return s != "" && first[s[0]]
}

// hasPrefixFold is strings.HasPrefix ignoring case. Comparing only the
// prefix keeps boilerplate checks from lower-casing whole paragraphs.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isCreditLine reports whether p is a byline, reporting credit or copyright
// line.
func isCreditLine(p string) bool {
	return creditLine(p, wordCount(p, 61), endsLikeSentence(p))
}

// isRelatedLine reports whether p points the reader to another article.
func isRelatedLine(p string) bool {
	return relatedLine(p, wordCount(p, 61))
}

// isCaptionLine reports whether p is a photo caption or credit.
func isCaptionLine(p string) bool {
	return captionLine(p, wordCount(p, 61), endsLikeSentence(p))
}

// maxHeadingWords is the longest a line without sentence punctuation may be
// and still be taken for a heading, a dateline or a byline ("On Navalny",
// "TOKYO, Feb. 7, Kyodo", "By Jane Doe, Reuters"). Body paragraphs that
// lack a final stop are longer than this.
const maxHeadingWords = 12

// isHeadingLine reports whether p is short and does not end like a
// sentence: no final ". ! ? : ; …", even inside closing quotation marks.
// A line ending in ":" introduces what follows ("He said:") and stays.
func isHeadingLine(p string) bool {
	return wordCount(p, maxHeadingWords+1) <= maxHeadingWords && !endsLikeSentence(p)
}

// endsLikeSentence reports whether p ends in sentence punctuation, possibly
// followed by closing quotation marks or brackets.
func endsLikeSentence(p string) bool {
	s := strings.TrimRightFunc(p, unicode.IsSpace)
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		switch {
		case strings.ContainsRune(".!?:;…", r):
			return true
		case isClosingMark(r) || r == '*' || r == '_':
			s = s[:len(s)-n]
		default:
			return false
		}
	}
	return false
}

// creditPrefixes open reporting credits and bylines ("Written by X; edited
// by Y", "(Reporting by ...)", "Includes reporting from AFP.").
var creditPrefixes = []string{
	"written by ", "edited by ", "editing by ", "reporting by ", "reporting: ",
	"additional reporting", "includes reporting", "with reporting", "writing by ",
	"compiled by ", "reported by ", "contributed reporting", "contributing reporting",
	"copyright ", "©", "(c) ", "all rights reserved", "by ",
}

// creditLine reports whether p is a byline, reporting credit or copyright
// line. It has to be short; a body sentence that happens to start with "By"
// is longer, and credits in brackets ("(Reporting by X; Editing by Y)")
// close their bracket.
func creditLine(p string, words int, sentence bool) bool {
	if words > 30 {
		return false
	}
	bracketed := strings.HasPrefix(p, "(") && strings.HasSuffix(strings.TrimSpace(p), ")")
	head := strings.TrimLeft(p, "( ")
	for _, prefix := range creditPrefixes {
		if !mayStartFold(head, &creditFirst) {
			break // no prefix can match: the loop is over at once
		}
		if !hasPrefixFold(head, prefix) {
			continue
		}
		switch prefix {
		case "copyright ", "(c) ":
			// "Copyright law was at the heart of the dispute" is prose.
			lower := strings.ToLower(p)
			return strings.Contains(lower, "reserved") || words <= 6 || containsYear(lower)
		case "by ", "written by ", "edited by ", "reported by ":
			// These start ordinary sentences too ("By Friday, ..."), so
			// they count only without a sentence's shape or in brackets.
			return bracketed || !sentence || strings.Contains(p, ";")
		}
		return true
	}
	return bracketed && strings.Contains(strings.ToLower(p), "reporting")
}

// relatedPrefixes open links to other articles.
var relatedPrefixes = []string{
	"related article", "related articles", "related:", "related story", "related stories",
	"read more", "read also", "also read", "see also", "recommended:", "more on this",
	"more:", "watch:", "listen:", "read:", "further reading", "you may also like",
	"most read", "trending:",
}

// relatedLine reports whether a paragraph points the reader to another
// article.
func relatedLine(p string, words int) bool {
	if words > 40 {
		return false
	}
	head := strings.TrimLeft(p, " *_")
	for _, prefix := range relatedPrefixes {
		if !mayStartFold(head, &relatedFirst) {
			break // no prefix can match: the loop is over at once
		}
		if hasPrefixFold(head, prefix) {
			return true
		}
	}
	return false
}

// captionPrefixes open photo captions and credits.
var captionPrefixes = []string{
	"photo:", "photo by", "photos:", "photograph:", "photograph by", "file photo",
	"image:", "picture:", "pictured:", "credit:", "(photo", "(file photo", "(image",
	"caption:", "illustration:", "video:",
}

// creditMarks are the agency credits that end a caption ("... in Moscow.
// REUTERS/Jane Doe", "... AFP via Getty Images").
var creditMarks = []string{
	"getty images", "ap photo", "afp photo", "reuters/", "/reuters", "/ reuters",
	"/afp", "/ afp", "via reuters", "sputnik/", "/ sputnik", "/sputnik", "epa/", "/epa",
	"xinhua/", "photo:", "photo by", "/ ap", "/ tass", "tass/", "shutterstock",
}

// captionLine reports whether p is a photo caption or credit: a short
// line that starts like a caption, or one that ends, without a final stop,
// in an agency credit. Prose that mentions a "Reuters/Ipsos poll" ends
// like a sentence and stays.
func captionLine(p string, words int, sentence bool) bool {
	if words > 60 {
		return false
	}
	head := strings.TrimLeft(p, " *_")
	for _, prefix := range captionPrefixes {
		if !mayStartFold(head, &captionFirst) {
			break // no prefix can match: the loop is over at once
		}
		if hasPrefixFold(head, prefix) {
			return true
		}
	}
	if sentence {
		return false
	}
	lower := strings.ToLower(p)
	for _, mark := range creditMarks {
		if strings.Contains(lower, mark) {
			return true
		}
	}
	return false
}

// containsYear reports whether s has a four-digit number from 1900 to 2099.
func containsYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') &&
			isASCIIDigitByte(s[i+2]) && isASCIIDigitByte(s[i+3]) &&
			(i == 0 || !isASCIIDigitByte(s[i-1])) && (i+4 == len(s) || !isASCIIDigitByte(s[i+4])) {
			return true
		}
	}
	return false
}

func isASCIIDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// wordCount counts the space-separated words of s, stopping at limit so
// that the cost stays bounded on long paragraphs.
func wordCount(s string, limit int) int {
	const (
		ones   = 0x0101010101010101
		highs  = 0x8080808080808080
		sevens = 0x7f7f7f7f7f7f7f7f
	)
	n := 0
	inWord := false
	for i := 0; i < len(s); {
		// Eight bytes of ASCII at a time, when none is a control
		// character: then the spaces are exactly the bytes equal to ' ',
		// and a word starts at each other byte that follows one.
		if i+8 <= len(s) {
			x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
			if x&highs == 0 && ^(x+0x60*ones)&highs == 0 {
				y := x ^ ' '*ones
				sp := ^((y&sevens + sevens) | y) & highs // exact: no carries
				word := ^sp & highs
				after := sp << 8 // the byte before is a space
				if !inWord {
					after |= 0x80
				}
				if c := bits.OnesCount64(word & after); n+c < limit {
					n += c
					inWord = word>>63 != 0
					i += 8
					continue
				}
			}
		}
		var sp bool
		if c := s[i]; c < utf8.RuneSelf {
			sp = asciiSpace[c]
			i++
		} else {
			var size int
			sp, size = spaceAt(s, i)
			i += size
		}
		if sp {
			inWord = false
			continue
		}
		if !inWord {
			n++
			if n >= limit {
				return n
			}
			inWord = true
		}
		i = skipTo(s, i, &spaceOrWide) // the rest of the word
	}
	return n
}

// asciiSpace marks the ASCII white space characters.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\n': true, '\t': true, '\r': true, '\v': true, '\f': true}

// spaceOrWide marks the ASCII white space characters and the first byte
// of every other character, which may be white space too: every byte a
// scan for white space must look at.
var spaceOrWide = func() (t [256]bool) {
	copy(t[:utf8.RuneSelf], asciiSpace[:])
	for c := utf8.RuneSelf; c < len(t); c++ {
		t[c] = true
	}
	return t
}()

// spaceAt reports whether the rune at s[i] is white space, and its size.
// ASCII, nearly all of an English article, is checked without decoding.
func spaceAt(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiSpace[c], 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r), size
}
