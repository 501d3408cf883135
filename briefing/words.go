package briefing

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is what a token is.
type tokKind uint8

const (
	tkWord  tokKind = iota + 1 // letters and digits, with inner ' - . &
	tkPunct                    // one punctuation rune, or "--"
	tkQuote                    // a quotation mark: " “ ” „ « » '' `` (and ' ‘ ’ where singles count)
)

// Token flags.
const (
	fCap         uint16 = 1 << iota // first rune is upper case
	fAllCaps                        // two or more letters, all upper case
	fPoss                           // the possessive 's on its own
	fAbbr                           // a word ending in an abbreviation's full stop
	fSingle                         // a single quotation mark
	fSpaceBefore                    // white space (or paragraph start) before
	fSpaceAfter                     // white space (or paragraph end) after
	fOpen                           // quotation mark that may open
	fClose                          // quotation mark that may close
	fSentStart                      // first token of a sentence
	fNick                           // a mark around a nickname: Marcia "Cia" Price
	fUpper                          // a word whose lower-case form differs: a capital anywhere, or a curly apostrophe
)

// token is one word, punctuation rune or quotation mark of a paragraph.
type token struct {
	s, e  int32 // byte range in the paragraph text
	para  int32 // paragraph index
	kind  tokKind
	flags uint16
	// quote is the index of the quotation that contains the token (the
	// marks themselves included), or -1 for the reporter's own text.
	quote int32
	// sent numbers the sentences of the whole article; quotations belong to
	// the sentence they open in.
	sent int32
}

func (t token) has(f uint16) bool { return t.flags&f != 0 }

// tokAbbreviations keep their full stop as part of the word: "Mr.", "Gen.".
var tokAbbreviations = wordSet(
	"mr", "mrs", "ms", "dr", "st", "gen", "no", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "jr", "sr",
	"prof", "sen", "rep", "gov", "lt", "col", "capt", "maj", "sgt", "rev",
	"inc", "co", "corp", "ltd", "vs", "etc", "adm", "cmdr", "supt", "insp",
	"mx", "messrs", "mt", "ft", "del", "pres", "sec", "dept", "univ", "assn", "bros",
	"calif", "fla", "va", "ga", "ill", "mass", "mich", "tex", "pa", "md",
	"conn", "ariz", "colo", "tenn", "ky", "la", "wis", "minn", "mo", "ala",
	"okla", "ore", "wash", "nev", "approx", "est", "e.g", "i.e", "u.s", "u.n",
	"u.k", "d.c", "n.y", "n.c", "n.j", "n.h", "n.m", "s.c", "e.u",
)

// tokenize splits a paragraph into tokens. With singles, ' ‘ and ’ that are
// not apostrophes inside a word are quotation marks too (headlines, and
// paragraphs written with single marks only).
func tokenize(text string, para int, singles bool, out []token) []token {
	first := len(out)
	n := len(text)
	space := true
	// shape is true when a mark that may open or close needs its shape
	// worked out from its neighbours, below.
	shape := false
	for i := 0; i < n; {
		c := text[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			space = true
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				space = true
				i += size
				continue
			}
		} else if c == '\v' || c == '\f' {
			// The rest of ASCII's white space, as unicode.IsSpace has it.
			space = true
			i++
			continue
		}
		start := i
		var t token
		switch {
		case wordBytes[c] != 0 || c >= utf8.RuneSelf && isWordRune(r):
			end, flags := scanWord(text, i)
			w := text[start:end]
			if flags&fCap == 0 && maybeHyphenParticle(w) && hyphenParticleName(w) {
				flags |= fCap | fUpper // "al-Tamimi" is a name, as "Al-Tamimi" is
			}
			t = token{s: int32(start), e: int32(end), kind: tkWord, flags: flags}
			if end < n && text[end] == '.' && isAbbrevWord(w) {
				end++
				t.e = int32(end)
				t.flags |= fAbbr
			}
			i = end
		case (r == '\'' || r == '’') && i+size < n && isPossessiveS(text, i+size) && !space:
			// "Trump's": the possessive is a token of its own.
			end := i + size + 1
			t = token{s: int32(start), e: int32(end), kind: tkWord, flags: fPoss}
			i = end
		case r == '"' || r == '“' || r == '”' || r == '„' || r == '«' || r == '»':
			t = token{s: int32(start), e: int32(start + size), kind: tkQuote}
			switch r {
			case '“', '„', '«':
				t.flags |= fOpen
			case '”', '»':
				t.flags |= fClose
			default:
				t.flags |= fOpen | fClose
			}
			i += size
		case r == '\'' && i+1 < n && text[i+1] == '\'':
			t = token{s: int32(start), e: int32(start + 2), kind: tkQuote, flags: fOpen | fClose}
			i += 2
		case r == '`' && i+1 < n && text[i+1] == '`':
			t = token{s: int32(start), e: int32(start + 2), kind: tkQuote, flags: fOpen}
			i += 2
		case singles && (r == '\'' || r == '‘' || r == '’'):
			t = token{s: int32(start), e: int32(start + size), kind: tkQuote, flags: fSingle}
			if r == '‘' {
				t.flags |= fOpen
			} else {
				t.flags |= fOpen | fClose
			}
			i += size
		case r == '-' && i+1 < n && text[i+1] == '-':
			t = token{s: int32(start), e: int32(start + 2), kind: tkPunct}
			i += 2
		default:
			t = token{s: int32(start), e: int32(start + size), kind: tkPunct}
			i += size
		}
		t.para = int32(para)
		t.quote = -1
		if space {
			t.flags |= fSpaceBefore
			if len(out) > first {
				out[len(out)-1].flags |= fSpaceAfter
			}
		}
		space = false
		if t.kind == tkQuote && t.flags&(fOpen|fClose) == fOpen|fClose {
			shape = true
		}
		out = append(out, t)
	}
	if len(out) > first {
		out[len(out)-1].flags |= fSpaceAfter // the paragraph ends
	}
	if !shape {
		return out
	}
	// The shape of quotation marks.
	for k := first; k < len(out); k++ {
		t := &out[k]
		if t.kind != tkQuote || t.flags&(fOpen|fClose) != fOpen|fClose {
			continue
		}
		// A straight mark opens when it follows space or an opening bracket
		// and is followed by text; it closes when text precedes it.
		before := t.has(fSpaceBefore) || (k > first && isOpener(text, out[k-1]))
		after := t.has(fSpaceAfter) || (k+1 < len(out) && isCloserFollow(text, out[k+1]))
		switch {
		case before && !after:
			t.flags &^= fClose
		case after && !before:
			t.flags &^= fOpen
		}
		if t.has(fSingle) && !before && !after {
			// An apostrophe between two words is not a quotation mark.
			t.kind = tkPunct
		}
	}
	return out
}

// hyphenPrefixes are the Arabic article and kinship words that English
// text joins to a name with a hyphen, in lower case: "al-Tamimi",
// "el-Sisi", "bin-Talal", "abu-Hamza".
var hyphenPrefixes = wordSet("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul",
	"ud", "bin", "ibn", "abu", "bint")

// maybeHyphenParticle is a quick test that hyphenParticleName may hold:
// w has a hyphen where its prefix could end.
func maybeHyphenParticle(w string) bool {
	return len(w) > 3 && (w[2] == '-' || w[3] == '-' || len(w) > 4 && w[4] == '-')
}

// hyphenParticleName reports whether the word w is a lower-case prefix of
// hyphenPrefixes, a hyphen and a capitalised name.
func hyphenParticleName(w string) bool {
	i := strings.IndexByte(w, '-')
	if i < 2 || i > 4 || i+1 >= len(w) || !hyphenPrefixes[w[:i]] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w[i+1:])
	return unicode.IsUpper(r)
}

// isWordRune reports whether r starts a word: a letter or a digit.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	return t
}()

// The bits of wordBytes.
const (
	wbLetter = 1 << iota // an ASCII letter
	wbUpper              // an upper-case ASCII letter
	wbWord               // an ASCII letter or digit
)

// wordBytes classifies the bytes scanWord reads without decoding a rune:
// ASCII letters and digits. It is zero for every other byte.
var wordBytes = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = wbWord
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = wbWord | wbLetter
		t[c-'a'+'A'] = wbWord | wbLetter | wbUpper
	}
	return t
}()

// wordJoiners marks the ASCII bytes that scanWord may take inside a word:
// apostrophes, hyphens, ampersands and the full stops, commas and slashes
// of "U.S", "28,500" and "9/11".
var wordJoiners = [utf8.RuneSelf]bool{'\'': true, '-': true, '&': true, '.': true, ',': true, '/': true}

// asciiWordRun returns the end of the run of ASCII letters and digits at
// text[i:], and how many letters and capitals it holds. It is a function
// of its own so that its loop keeps everything in registers.
func asciiWordRun(text string, i int) (end, letters, upper int) {
	for ; i < len(text); i++ {
		b := wordBytes[text[i]]
		if b == 0 {
			break
		}
		letters += int(b & wbLetter)
		upper += int(b >> 1 & 1)
	}
	return i, letters, upper
}

// scanWord returns the end of the word starting at i and its case flags
// (fCap, fAllCaps).
func scanWord(text string, i int) (int, uint16) {
	n := len(text)
	start := i
	letters, upper := 0, 0
	curly := false
	for i < n {
		if wordBytes[text[i]] != 0 {
			var l, u int
			i, l, u = asciiWordRun(text, i)
			letters += l
			upper += u
			continue
		}
		if c := text[i]; c < utf8.RuneSelf && !wordJoiners[c] {
			break // white space or punctuation that ends the word
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
			i += size
			continue
		case r == '\'' || r == '’':
			if i+size < n && isPossessiveS(text, i+size) {
				return i, caseFlags(text[start:], letters, upper, curly)
			}
			if i+size < n && text[i+size] != '\'' {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				if isWordRune(next) && !unicode.IsDigit(next) {
					if r == '’' {
						curly = true
					}
					i += size
					continue
				}
			}
		case r == '-' || r == '‐' || r == '‑' || r == '&':
			if i+size < n {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				if isWordRune(next) {
					i += size
					continue
				}
			}
		case r == '.' || r == ',' || r == '/':
			// "U.S", "J.F.K", "91.6", "28,500", "9/11"
			if i+1 < n && i > 0 {
				prev, _ := utf8.DecodeLastRuneInString(text[:i])
				next, _ := utf8.DecodeRuneInString(text[i+1:])
				if unicode.IsDigit(prev) && unicode.IsDigit(next) {
					i++
					continue
				}
				if r == '.' && unicode.IsUpper(next) && unicode.IsUpper(prev) && singleLetterSegment(text, i) {
					i++
					continue
				}
			}
		}
		break
	}
	return i, caseFlags(text[start:], letters, upper, curly)
}

// caseFlags is wordCaseFlags, with fUpper also for a word with a curly
// apostrophe, whose lower-case form straightens it.
func caseFlags(w string, letters, upper int, curly bool) uint16 {
	f := wordCaseFlags(w, letters, upper)
	if curly {
		f |= fUpper
	}
	return f
}

// wordCaseFlags gives fCap when the word starts upper case and fAllCaps
// when it has two or more letters, all upper case.
func wordCaseFlags(w string, letters, upper int) uint16 {
	var f uint16
	c := w[0]
	if c < utf8.RuneSelf {
		if c >= 'A' && c <= 'Z' {
			f |= fCap
		}
	} else if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
		f |= fCap
	}
	if letters >= 2 && letters == upper {
		f |= fAllCaps
	}
	if upper > 0 || f&fCap != 0 {
		f |= fUpper
	}
	return f
}

// singleLetterSegment reports whether the letters just before the full stop
// at i form a single letter ("U" in "U.S").
func singleLetterSegment(text string, i int) bool {
	_, size := utf8.DecodeLastRuneInString(text[:i])
	j := i - size
	if j == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:j])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// isPossessiveS reports whether text[i:] starts with an s that ends a word:
// the s of "Trump's" (but not of "Trump'sch").
func isPossessiveS(text string, i int) bool {
	if text[i] != 's' && text[i] != 'S' {
		return false
	}
	if i+1 >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i+1:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func isAbbrevWord(w string) bool {
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	if strings.IndexByte(w, '.') > 0 {
		return true
	}
	var buf [16]byte
	if len(w) > len(buf) {
		return false
	}
	return tokAbbreviations[string(lowerASCII(buf[:0], w))]
}

// lowerASCII appends w lower-cased (ASCII letters only) to buf.
func lowerASCII(buf []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// isOpener reports whether t is punctuation after which a straight
// quotation mark opens: "(", "[", dashes and other opening marks.
func isOpener(text string, t token) bool {
	if t.kind == tkQuote {
		return t.has(fOpen)
	}
	if t.kind != tkPunct {
		return false
	}
	switch text[t.s:t.e] {
	case "(", "[", "{", "—", "–", "--", "/":
		return true
	}
	return false
}

// isCloserFollow reports whether t may follow a closing quotation mark
// directly: punctuation such as , . ; : ) ? ! or another closing mark.
func isCloserFollow(text string, t token) bool {
	if t.kind == tkQuote {
		return t.has(fClose)
	}
	if t.kind == tkWord {
		return t.has(fPoss)
	}
	switch text[t.s:t.e] {
	case "(", "[", "{":
		return false
	}
	return true
}

// hasDoubleMarks reports whether a paragraph has any double quotation mark,
// straight, curly or typewriter.
func hasDoubleMarks(text string) bool {
	// Each mark is looked for on its own with strings.IndexByte, which
	// scans many bytes at a time; the marks' first bytes are rare in
	// prose, so few places need a second look.
	if strings.IndexByte(text, '"') >= 0 {
		return true
	}
	return hasByteFollowedBy(text, '\'', func(rest string) bool { return rest[0] == '\'' }) ||
		hasByteFollowedBy(text, '`', func(rest string) bool { return rest[0] == '`' }) ||
		// “ ” „ are E2 80 9C, 9D, 9E
		hasByteFollowedBy(text, 0xE2, func(rest string) bool {
			return len(rest) >= 2 && rest[0] == 0x80 && rest[1] >= 0x9C && rest[1] <= 0x9E
		}) ||
		// « » are C2 AB, C2 BB
		hasByteFollowedBy(text, 0xC2, func(rest string) bool { return rest[0] == 0xAB || rest[0] == 0xBB })
}

// hasByteFollowedBy reports whether text has the byte c followed by a
// non-empty rest for which follows is true.
func hasByteFollowedBy(text string, c byte, follows func(rest string) bool) bool {
	for {
		i := strings.IndexByte(text, c)
		if i < 0 {
			return false
		}
		text = text[i+1:]
		if text != "" && follows(text) {
			return true
		}
	}
}
