package briefing

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitSentences returns the sentences of a paragraph as byte ranges of
// text, in order, non-overlapping, non-empty and trimmed of white space.
//
// A sentence ends at ".", "!", "?" or an ellipsis, together with any closing
// quotation marks and brackets after it, when white space and the start of a
// new sentence follow: an upper-case letter, a digit or an opening mark. The
// exceptions are what news prose needs:
//   - titles ("Mr.", "Gen.", "St.") never end a sentence;
//   - a month or "No." before a number ("Jan. 23", "No. 10") does not either;
//   - after an initial or a dotted abbreviation ("John F. Kennedy", "U.S.",
//     "a.m."), after other abbreviations ("Inc.") and after an ellipsis, a
//     sentence ends only when the next word is one that starts sentences
//     ("The", "He", "But"), so "U.S. President" stays together;
//   - inside a quotation that its attribution follows in the same sentence
//     ("A. B," he said), nothing splits: the quotation and "he said" are one
//     sentence. A quotation that ends its own sentence (He said: "A." Then B.)
//     splits after its closing mark, as any sentence does.
//
// The cost is linear in the length of text: one pass to pair quotation
// marks and one to find the ends.
//
// These rules rather than a library: github.com/neurosnap/sentences v1.1.2
// (punkt, English) was measured against them on 2026-11-27. On the test
// cases of sentence_test.go it got 36 of 46 paragraphs right (these rules
// 46, but the cases were written for them); on corpus/dev it split four
// quotations from their attribution and "U.S. | Forces Korea"; on
// corpus/bbc-summaries it missed about thirty sentence ends after a number
// ("in 1997. Mr ..."); and it ran 12 to 52 times slower.
func splitSentences(text string) []span {
	quotes := attributedQuotes(text)
	var out []span
	start := 0
	for i := 0; i < len(text); {
		// Scan bytes, not runes: every terminator but "…" is ASCII, and
		// no byte of a multi-byte rune is below utf8.RuneSelf.
		pos := i
		var r rune
		switch c := text[i]; {
		case c == '.' || c == '!' || c == '?':
			r = rune(c)
			i++
		case c == 0xE2 && strings.HasPrefix(text[i:], "…"):
			r = '…'
			i += len("…")
		default:
			i = skipToSWAR(text, i+1, &stopBytes, '.', '!', '?')
			continue
		}
		// A run of terminators ("?!", "...") ends together.
		for i < len(text) && strings.IndexByte(".!?", text[i]) >= 0 {
			i++
		}
		for strings.HasPrefix(text[i:], "…") {
			i += len("…")
		}
		ellipsis := r == '…' || strings.HasPrefix(text[pos:], "..")
		end := i
		for end < len(text) {
			c, n := utf8.DecodeRuneInString(text[end:])
			if !isClosingMark(c) {
				break
			}
			end += n
		}
		if end >= len(text) {
			break
		}
		if next, _ := utf8.DecodeRuneInString(text[end:]); !unicode.IsSpace(next) {
			continue
		}
		for len(quotes) > 0 && quotes[0].end <= pos {
			quotes = quotes[1:]
		}
		if len(quotes) > 0 && quotes[0].start < pos {
			// Inside a quotation that its attribution follows: the
			// sentence runs on to the attribution.
			continue
		}
		rest := strings.TrimLeftFunc(text[end:], unicode.IsSpace)
		if !startsSentence(rest) {
			continue
		}
		if ellipsis && !startsWithStarter(rest) {
			continue
		}
		// A closing quotation mark or bracket after the stop ends the
		// sentence even after an abbreviation ("Cell Block H." Labour...).
		closed := end > i
		if r == '.' && !ellipsis && !closed && !abbreviationEnds(text[:pos], rest) {
			continue
		}
		if s := trimSpan(text, span{start, end}); s.end > s.start {
			out = append(out, s)
		}
		start = end
		i = end
	}
	if s := trimSpan(text, span{start, len(text)}); s.end > s.start {
		out = append(out, s)
	}
	return out
}

// skipTo returns the index of the first byte of s at or after i that set
// marks, or len(s). A table lookup per byte is the cheapest way past the
// plain text between the few bytes a scanner looks at.
func skipTo(s string, i int, set *[256]bool) int {
	for i < len(s) && !set[s[i]] {
		i++
	}
	return i
}

// skipToSWAR is skipTo for a set of at most three ASCII bytes a, b and c
// and any bytes from 0x80 up: it passes 8 bytes at a time while none of
// them can be in set, which it tests with word arithmetic, and looks at
// single bytes only near a candidate.
func skipToSWAR(s string, i int, set *[256]bool, a, b, c byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	va, vb, vc := ones*uint64(a), ones*uint64(b), ones*uint64(c)
	for i+8 <= len(s) {
		// The compiler makes this one 8-byte load, without copying s.
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		// A byte of y is zero where x holds the byte looked for; the
		// classic test sets its high bit then, and never misses one.
		ya, yb, yc := x^va, x^vb, x^vc
		m := (ya-ones)&^ya | (yb-ones)&^yb | (yc-ones)&^yc | x
		if m&highs != 0 {
			break
		}
		i += 8
	}
	return skipTo(s, i, set)
}

// stopBytes marks the bytes a sentence's final stop starts with: . ! ?
// and the first byte of "…".
var stopBytes = [256]bool{'.': true, '!': true, '?': true, 0xE2: true}

// quoteBytes marks the bytes attributedQuotes looks at: ASCII quotation
// marks and the first byte of every other character.
var quoteBytes = func() (t [256]bool) {
	t['"'], t['`'], t['\''] = true, true, true
	for c := utf8.RuneSelf; c < len(t); c++ {
		t[c] = true
	}
	return t
}()

// isClosingMark reports whether r may follow a sentence's final stop and
// still belong to the sentence: closing quotation marks and brackets.
func isClosingMark(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']':
		return true
	}
	return false
}

// startsSentence reports whether rest (text after white space) can begin a
// sentence: an upper-case letter or digit, possibly after opening marks.
func startsSentence(rest string) bool {
	for rest != "" {
		r, n := utf8.DecodeRuneInString(rest)
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			return true
		case strings.ContainsRune("\"'“‘«(`[", r):
			rest = rest[n:]
		default:
			return false
		}
	}
	return false
}

// abbreviationEnds decides, for a full stop after the word that ends
// before, whether it ends the sentence given the text that follows.
func abbreviationEnds(before, rest string) bool {
	i := strings.LastIndexFunc(before, func(r rune) bool {
		return unicode.IsSpace(r) || r == '(' || r == '"' || r == '“' || r == '\'' || r == '‘' || r == '-' || r == '/'
	})
	word := before[i+1:]
	if word == "" {
		return true
	}
	if titleAbbreviations[word] {
		return false
	}
	nextIsNumber := rest != "" && rest[0] >= '0' && rest[0] <= '9'
	if nextIsNumber && (monthAbbreviations[word] || numberAbbreviations[word]) {
		return false
	}
	if isInitial(word) || isDottedAbbreviation(word) || otherAbbreviations[word] || monthAbbreviations[word] {
		return startsWithStarter(rest)
	}
	return true
}

// isDottedAbbreviation reports whether word is letters with inner full
// stops, each part short: "U.S", "a.m", "Ph.D". A number such as "£3.6bn"
// or "1.26%" is not one.
func isDottedAbbreviation(word string) bool {
	if !strings.Contains(word, ".") {
		return false
	}
	for _, part := range strings.Split(word, ".") {
		if part == "" || utf8.RuneCountInString(part) > 3 {
			return false
		}
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

// isInitial reports whether word is one upper-case letter ("F" in "John
// F. Kennedy").
func isInitial(word string) bool {
	r, n := utf8.DecodeRuneInString(word)
	return n == len(word) && unicode.IsUpper(r)
}

// titleAbbreviations come before a name and so never end a sentence.
var titleAbbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Messrs": true, "Dr": true, "Prof": true,
	"St": true, "Gen": true, "Lt": true, "Col": true, "Capt": true, "Maj": true,
	"Sgt": true, "Cpl": true, "Adm": true, "Cmdr": true, "Brig": true, "Rev": true,
	"Sen": true, "Rep": true, "Gov": true, "Pres": true, "Amb": true, "Hon": true,
	"Supt": true, "Insp": true, "Det": true, "Fr": true, "Mt": true, "Ft": true,
	"Mme": true, "Mlle": true, "Sens": true, "Reps": true, "v": true,
}

// monthAbbreviations are the short month names that take a full stop
// ("Jan. 23"). Full names ("June.") end sentences like any word.
var monthAbbreviations = map[string]bool{
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true,
	"Aug": true, "Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
}

// numberAbbreviations come before a number ("No. 10", "Art. 5").
var numberAbbreviations = map[string]bool{
	"No": true, "Nos": true, "Art": true, "Vol": true, "p": true, "pp": true, "para": true,
}

// otherAbbreviations may end a sentence or sit inside one ("Apple Inc.
// said", "... at Apple Inc. The company").
var otherAbbreviations = map[string]bool{
	"Inc": true, "Co": true, "Corp": true, "Ltd": true, "Bros": true, "Jr": true,
	"Sr": true, "etc": true, "vs": true, "approx": true, "est": true, "Dept": true,
	"Univ": true, "Ave": true, "Blvd": true, "Rd": true, "Sq": true, "Gov't": true,
	"Govt": true, "Intl": true, "Assn": true, "Ph.D": true, "No": true, "Nos": true,
	"ca": true, "cf": true, "al": true, "Fig": true, "Ref": true,
}

// sentenceStarters are words that begin sentences far more often than they
// continue a name, so that after "U.S." or an initial they mark a new
// sentence.
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true,
	"They": true, "We": true, "I": true, "You": true, "But": true, "And": true,
	"Or": true, "So": true, "Yet": true, "In": true, "On": true, "At": true,
	"By": true, "For": true, "From": true, "With": true, "This": true, "That": true,
	"These": true, "Those": true, "There": true, "Here": true, "His": true,
	"Her": true, "Their": true, "Its": true, "Our": true, "My": true,
	"However": true, "Meanwhile": true, "Still": true, "Also": true, "Earlier": true,
	"Later": true, "After": true, "Before": true, "When": true, "While": true,
	"If": true, "As": true, "Although": true, "Though": true, "Since": true,
	"Some": true, "Many": true, "Most": true, "Both": true, "Such": true,
	"What": true, "Who": true, "Why": true, "How": true, "Where": true,
	"According": true, "Last": true, "Next": true, "Now": true, "Then": true,
	"Officials": true, "Neither": true, "Nor": true, "Not": true, "No": true,
	"One": true, "Two": true, "Asked": true, "Under": true, "During": true,
	"Despite": true, "Instead": true, "Other": true, "Each": true, "All": true,
}

// startsWithStarter reports whether rest begins with a sentence starter
// (after any opening marks) or with a new quotation.
func startsWithStarter(rest string) bool {
	quoted := false
	for rest != "" {
		r, n := utf8.DecodeRuneInString(rest)
		if !strings.ContainsRune("\"'“‘«(`[", r) {
			break
		}
		quoted = true
		rest = rest[n:]
	}
	if quoted {
		return true
	}
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(rest)
	}
	return sentenceStarters[rest[:end]]
}

// attributedQuotes pairs the double quotation marks of text and returns the
// quotations that run on into their attribution in the same sentence: those
// whose last character is a comma ("A," he said) or that a lower-case word
// follows ("Why?" she asked). Splitting stops inside them. Curly (“ ”),
// straight ("), typewriter (two backquotes, two apostrophes) and guillemet
// (« ») marks are paired; a quotation left open at the end of the paragraph
// (a quotation continued in the next paragraph) is not returned.
func attributedQuotes(text string) []span {
	var out []span
	open := -1
	for i := 0; i < len(text); {
		// Only ASCII marks and multi-byte runes need a look; the common
		// case, an ASCII letter, costs one comparison.
		c := text[i]
		if c < utf8.RuneSelf && c != '"' && c != '`' && c != '\'' {
			i = skipToSWAR(text, i+1, &quoteBytes, '"', '`', '\'')
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == '“' || r == '«' || (r == '`' && strings.HasPrefix(text[i:], "``")):
			if r == '`' {
				n = 2
			}
			open = i
		case r == '”' || r == '»' || (r == '\'' && strings.HasPrefix(text[i:], "''") && open >= 0):
			if r == '\'' {
				n = 2
			}
			if open >= 0 {
				if quoteRunsOn(text, i, i+n) {
					out = append(out, span{open, i + n})
				}
				open = -1
			}
		case r == '"':
			switch {
			case open >= 0:
				if quoteRunsOn(text, i, i+n) {
					out = append(out, span{open, i + n})
				}
				open = -1
			case opensQuote(text, i):
				open = i
			}
		}
		i += n
	}
	return out
}

// opensQuote reports whether the straight quotation mark at i opens a
// quotation: it starts the text or follows white space or an opening
// bracket or dash.
func opensQuote(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(r) || strings.ContainsRune("([{—–-:", r)
}

// quoteRunsOn reports whether the quotation closed by the mark at
// [closeStart, closeEnd) continues into the same sentence.
func quoteRunsOn(text string, closeStart, closeEnd int) bool {
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(text[:closeStart], unicode.IsSpace))
	if last == ',' {
		return true
	}
	after := strings.TrimLeftFunc(text[closeEnd:], unicode.IsSpace)
	next, _ := utf8.DecodeRuneInString(after)
	return unicode.IsLower(next)
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
