package briefing

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// wordCountSlow is wordCount one character at a time, the reference for
// the eight-bytes-at-a-time version.
func wordCountSlow(s string, limit int) int {
	n := 0
	inWord := false
	for i := 0; i < len(s); {
		sp, size := spaceAt(s, i)
		i += size
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
	}
	return n
}

// TestWordCountMatchesSlow checks wordCount against wordCountSlow on
// random strings of words, ASCII and other white space, control
// characters and non-ASCII letters.
func TestWordCountMatchesSlow(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "bc", "xyz", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\x01", "\x1f",
		"!", "~", "\x7f", "é", "\u00a0", "\u2003", "\u0085"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if !utf8.ValidString(s) {
			t.Fatalf("test string %q is not UTF-8", s)
		}
		for _, limit := range []int{0, 1, 2, 3, 5, 8, 13, 61, 1000} {
			if got, want := wordCount(s, limit), wordCountSlow(s, limit); got != want {
				t.Fatalf("wordCount(%q, %d) = %d, want %d", s, limit, got, want)
			}
		}
	}
}
