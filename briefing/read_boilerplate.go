package briefing

import (
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
	return isHeadingLine(p) || isCreditLine(p) || isRelatedLine(p) || isCaptionLine(p)
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
	if wordCount(p, maxHeadingWords+1) > maxHeadingWords {
		return false
	}
	return !endsLikeSentence(p)
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

// isCreditLine reports whether p is a byline, reporting credit or copyright
// line. It has to be short; a body sentence that happens to start with "By"
// is longer, and credits in brackets ("(Reporting by X; Editing by Y)")
// close their bracket.
func isCreditLine(p string) bool {
	if wordCount(p, 31) > 30 {
		return false
	}
	lower := strings.ToLower(strings.TrimSpace(p))
	bracketed := strings.HasPrefix(lower, "(") && strings.HasSuffix(lower, ")")
	lower = strings.TrimLeft(lower, "( ")
	for _, prefix := range creditPrefixes {
		if !strings.HasPrefix(lower, prefix) {
			continue
		}
		switch prefix {
		case "copyright ", "(c) ":
			// "Copyright law was at the heart of the dispute" is prose.
			return strings.Contains(lower, "reserved") || wordCount(p, 7) <= 6 || containsYear(lower)
		case "by ", "written by ", "edited by ", "reported by ":
			// These start ordinary sentences too ("By Friday, ..."), so
			// they count only without a sentence's shape or in brackets.
			return bracketed || !endsLikeSentence(p) || strings.Contains(lower, ";")
		}
		return true
	}
	return bracketed && strings.Contains(lower, "reporting")
}

// relatedPrefixes open links to other articles.
var relatedPrefixes = []string{
	"related article", "related articles", "related:", "related story", "related stories",
	"read more", "read also", "also read", "see also", "recommended:", "more on this",
	"more:", "watch:", "listen:", "read:", "further reading", "you may also like",
	"most read", "trending:",
}

// isRelatedLine reports whether p points the reader to another article.
func isRelatedLine(p string) bool {
	if wordCount(p, 41) > 40 {
		return false
	}
	lower := strings.ToLower(strings.TrimLeft(p, " *_"))
	for _, prefix := range relatedPrefixes {
		if strings.HasPrefix(lower, prefix) {
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

// isCaptionLine reports whether p is a photo caption or credit: a short
// line that starts like a caption, or one that ends, without a final stop,
// in an agency credit. Prose that mentions a "Reuters/Ipsos poll" ends
// like a sentence and stays.
func isCaptionLine(p string) bool {
	if wordCount(p, 61) > 60 {
		return false
	}
	lower := strings.ToLower(strings.TrimLeft(p, " *_"))
	for _, prefix := range captionPrefixes {
		if strings.HasPrefix(lower, prefix) {
			return true
		}
	}
	if endsLikeSentence(p) {
		return false
	}
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
	n := 0
	inWord := false
	for _, r := range s {
		if unicode.IsSpace(r) {
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
	}
	return n
}
