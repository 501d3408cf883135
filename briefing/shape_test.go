package briefing

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// sentenceShapeSlow is sentenceShape one character at a time, the
// reference for the eight-bytes-at-a-time version.
func sentenceShapeSlow(s string) (letters, upper, outside int) {
	inQuote, inWord := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote, inWord = !inQuote, false
		case r == '“':
			inQuote, inWord = true, false
		case r == '”':
			inQuote, inWord = false, false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
			if !inWord && !inQuote {
				outside++
			}
			inWord = true
		case r == '\'' || r == '-' || r == '’' || unicode.IsMark(r):
		default:
			inWord = false
		}
	}
	return letters, upper, outside
}

// TestSentenceShapeMatchesSlow checks sentenceShape against
// sentenceShapeSlow on random strings of words, marks and punctuation.
func TestSentenceShapeMatchesSlow(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "Bc", "xyZ", "09", " ", "  ", "\"", "'", "-", ",", ".", "@", "[", "`",
		"{", "\x7f", "\t", "é", "É", "“", "”", "’", "\u0301", "—", "7"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if !utf8.ValidString(s) {
			t.Fatalf("test string %q is not UTF-8", s)
		}
		l, u, o := sentenceShape(s)
		wl, wu, wo := sentenceShapeSlow(s)
		if l != wl || u != wu || o != wo {
			t.Fatalf("sentenceShape(%q) = %d, %d, %d, want %d, %d, %d", s, l, u, o, wl, wu, wo)
		}
	}
}
