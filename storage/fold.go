package storage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
)

// foldPhrase folds a name or alias for lookups: lower case, accents removed,
// punctuation turned into spaces, words joined by single spaces
// ("EU foreign-policy chief Josep Borrell's" → "eu foreign policy chief josep borrell").
func foldPhrase(s string) string {
	return strings.Join(strings.Fields(foldName(s)), " ")
}

// personKey is briefing.PersonKey, through foldName.
func personKey(name string) string {
	return strings.Join(strings.Fields(foldName(name)), "-")
}

// foldName is briefing.FoldName with a fast path for text whose letters
// are ASCII or in latinFolds (nearly every name in European news), which
// needs no Unicode normalisation.
func foldName(s string) string {
	if strings.Contains(s, "’") {
		return briefing.FoldName(s)
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case 'A' <= c && c <= 'Z':
				b = append(b, c+'a'-'A')
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '\'':
				b = append(b, c)
			default:
				b = append(b, ' ')
			}
		case r >= 0xc0 && r < 0x250 && latinFolds[r-0xc0] != "":
			b = append(b, latinFolds[r-0xc0]...)
		case unicode.Is(unicode.Mn, r):
		default:
			return briefing.FoldName(s)
		}
	}
	return string(dropPossessives(b))
}

// dropPossessives applies briefing.FoldName's rule to folded text: an
// apostrophe after a letter or digit, followed by "s" and then by the end
// or by something that is not a letter or digit, goes with its "s"
// ("borrell's" → "borrell"); any other apostrophe becomes a space
// ("o'shea" → "o shea").
func dropPossessives(b []byte) []byte {
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if b[i] != '\'' {
			out = append(out, b[i])
			continue
		}
		prev, _ := utf8.DecodeLastRune(b[:i])
		possessive := i > 0 && i+1 < len(b) && b[i+1] == 's' && isWordRune(prev)
		if possessive && i+2 < len(b) {
			next, _ := utf8.DecodeRune(b[i+2:])
			possessive = !isWordRune(next)
		}
		if possessive {
			i++
			continue
		}
		out = append(out, ' ')
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// maxWordBytes bounds one indexed word. Longer runs of letters are not
// words a reader searches for (URLs, hashes), so they are skipped.
const maxWordBytes = 48

// words returns the distinct indexable words of text in order of first
// appearance: runs of letters and digits, folded like briefing.FoldName
// (lower case, accents removed), at least two characters, not a stop word.
func words(text string, seen map[string]bool) []string {
	var out []string
	eachWord(text, func(w []byte) {
		if !seen[string(w)] {
			s := string(w)
			seen[s] = true
			out = append(out, s)
		}
	})
	return out
}

// eachWord calls fn with each indexable word of text, repeats included, in
// a buffer that fn must not keep. ASCII words, nearly all of them in
// English news, skip the Unicode normalisation and allocate nothing.
func eachWord(text string, fn func(w []byte)) {
	var buf []byte
	var small [maxWordBytes]byte
	add := func(w string, ascii bool) {
		if ascii {
			if len(w) < 2 || len(w) > maxWordBytes {
				return
			}
			buf = small[:0]
			for i := 0; i < len(w); i++ {
				c := w[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
			if isStopWord(buf) {
				return
			}
			fn(buf)
			return
		}
		if f, ok := foldLatin(w, small[:0]); ok {
			if utf8.RuneCount(f) < 2 || len(f) > maxWordBytes || stopWords[string(f)] {
				return
			}
			fn(f)
			return
		}
		for _, f := range strings.Fields(briefing.FoldName(w)) {
			if len(f) > maxWordBytes || utf8.RuneCountInString(f) < 2 || stopWords[f] {
				continue
			}
			fn([]byte(f))
		}
	}
	start, ascii := -1, true
	for i := 0; i < len(text); {
		c := text[i]
		size, isWord := 1, false
		if c < utf8.RuneSelf {
			isWord = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			isWord = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		}
		if isWord {
			if start < 0 {
				start, ascii = i, true
			}
			if c >= utf8.RuneSelf {
				ascii = false
			}
		} else if start >= 0 {
			add(text[start:i], ascii)
			start = -1
		}
		i += size
	}
	if start >= 0 {
		add(text[start:], ascii)
	}
}

// latinFolds holds briefing.FoldName of each letter of the Latin-1
// Supplement and Latin Extended-A and -B blocks, where the accented
// letters of European names are.
var latinFolds = func() []string {
	out := make([]string, 0x250-0xc0)
	for r := rune(0xc0); r < 0x250; r++ {
		out[r-0xc0] = strings.TrimSpace(briefing.FoldName(string(r)))
	}
	return out
}()

// foldLatin folds a word of letters, digits and combining marks as
// briefing.FoldName does, appending to dst, when every letter is ASCII or
// in latinFolds; ok is false otherwise.
func foldLatin(w string, dst []byte) ([]byte, bool) {
	for _, r := range w {
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		case r >= 0xc0 && r < 0x250:
			f := latinFolds[r-0xc0]
			if f == "" || strings.IndexByte(f, ' ') >= 0 {
				return nil, false
			}
			dst = append(dst, f...)
		case unicode.Is(unicode.Mn, r):
		default:
			return nil, false
		}
	}
	return dst, true
}

// stopShape has a bit for the length, first and last letter of each stop
// word, so that most words are known not to be stop words without a map
// lookup.
var stopShape = func() (m [maxStopLen + 1][26][26]bool) {
	for w := range stopWords {
		m[len(w)][w[0]-'a'][w[len(w)-1]-'a'] = true
	}
	return m
}()

// maxStopLen is the length of the longest stop word.
const maxStopLen = 10

// isStopWord reports whether the folded ASCII word w is a stop word.
func isStopWord(w []byte) bool {
	if len(w) == 0 || len(w) > maxStopLen {
		return false
	}
	a, z := w[0]-'a', w[len(w)-1]-'a'
	if a >= 26 || z >= 26 || !stopShape[len(w)][a][z] {
		return false
	}
	return stopWords[string(w)]
}

// stopWords are English words too common to narrow a search; they are not
// indexed. Reporting verbs are here too: nearly every article has them.
var stopWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`
		a about above after again against all also am an and any are as at
		be because been before being below between both but by can could did
		do does doing down during each few for from further had has have having
		he her here hers herself him himself his how i if in into is it its
		itself just me more most my myself no nor not now of off on once only
		or other our ours ourselves out over own same she should so some such
		than that the their theirs them themselves then there these they this
		those through to too under until up very was we were what when where
		which while who whom why will with would you your yours yourself
		yourselves said says say told mr ms mrs s t`) {
		m[w] = true
	}
	return m
}()

// Name analysis. A person's key is briefing.PersonKey of their canonical
// name: the name without the honorifics and role words that news prose puts
// in front of it ("EU foreign policy chief Josep Borrell" → "Josep Borrell").

// titleWords are honorifics and role words that precede a name. They are
// compared folded; a hyphenated word counts if any part is one
// ("Secretary-General").
var titleWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`
		mr mrs ms miss mx dr prof professor sir dame lord lady madam madame mme
		mlle herr frau sen senator rep representative gov governor gen general
		col colonel maj major capt captain lt lieutenant adm admiral cmdr sgt
		rev reverend fr father sheikh ayatollah imam rabbi cardinal archbishop
		bishop president vice prime minister ministers foreign deputy secretary
		state chancellor chief ambassador envoy spokesman spokeswoman
		spokesperson commissioner chairman chairwoman chair director head
		leader premier king queen prince princess crown emperor pope mayor
		speaker justice judge attorney defence defense finance interior trade
		economy affairs diplomat negotiator officer official adviser advisor
		counsellor counselor consul delegate representative coordinator
		commander marshal first lady`) {
		m[w] = true
	}
	return m
}()

// nameParticles are lower-case words that belong inside a name
// ("Ursula von der Leyen", "Mohammed bin Salman", "al-Sisi").
var nameParticles = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`von van der den de del della dei di da das
		do dos du la le les ter ten bin ibn al el ben abu bint y e zu af av st`) {
		m[w] = true
	}
	return m
}()

// isTitleWord reports whether a raw word of a name is an honorific or role.
func isTitleWord(w string) bool {
	for _, part := range strings.FieldsFunc(strings.ToLower(w), func(r rune) bool { return r == '-' || r == '.' }) {
		if titleWords[foldPhrase(part)] {
			return true
		}
	}
	return false
}

// isParticle reports whether a raw word is a name particle ("von", "al-Sisi").
func isParticle(w string) bool {
	first, _, _ := strings.Cut(w, "-")
	return nameParticles[foldPhrase(first)]
}

// startsLower reports whether w begins with a lower-case letter.
func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// canonicalName strips the honorifics and role words that precede a name:
// everything up to the last title word, or (when the name is written in
// mixed case) the last lower-case word that is not a name particle. At least
// one word is kept. "Foreign Minister Sergei Lavrov" → "Sergei Lavrov",
// "EU foreign policy chief Josep Borrell" → "Josep Borrell",
// "Ursula von der Leyen" stays, "Mr. Kim" → "Kim".
func canonicalName(name string) string {
	ws := strings.Fields(name)
	if len(ws) == 0 {
		return ""
	}
	mixed := strings.ToLower(name) != name
	cut := -1
	for i := 0; i < len(ws)-1; i++ {
		w := ws[i]
		if isTitleWord(w) || (mixed && startsLower(w) && !isParticle(w)) {
			cut = i
		}
	}
	return strings.Join(ws[cut+1:], " ")
}

// surnameOnly reports whether a canonical name is only a family name: one
// word ("Kim"), or a name that starts with a particle ("von der Leyen").
func surnameOnly(canon string) bool {
	ws := strings.Fields(canon)
	return len(ws) == 1 || (len(ws) > 1 && startsLower(ws[0]) && isParticle(ws[0]))
}

// minTailRunes is the shortest single-word tail of a full name that is
// registered as its surname; shorter endings ("Un" of "Kim Jong Un") are
// more often other words than family names.
const minTailRunes = 3

// nameTails returns the folded proper endings of a canonical full name:
// "ursula von der leyen" → "von der leyen", "der leyen", "leyen". A bare
// surname or title and surname resolves through them.
func nameTails(canon string) []string {
	ws := strings.Fields(foldPhrase(canon))
	var out []string
	for i := 1; i < len(ws); i++ {
		if i == len(ws)-1 && utf8.RuneCountInString(ws[i]) < minTailRunes {
			continue
		}
		out = append(out, strings.Join(ws[i:], " "))
	}
	return out
}

// personWords returns the distinct words of a person's name and aliases for
// the People prefix index.
func personWords(name string, aliases []string) []string {
	seen := make(map[string]bool)
	out := words(name, seen)
	for _, a := range aliases {
		out = append(out, words(a, seen)...)
	}
	return out
}

// prefixWords splits an autocomplete prefix into folded words: the last is
// kept as typed (a prefix of a word), the earlier ones only when they are
// indexable words.
func prefixWords(prefix string) []string {
	ws := strings.Fields(foldName(prefix))
	if len(ws) < 2 {
		return ws
	}
	last := ws[len(ws)-1]
	out := words(strings.Join(ws[:len(ws)-1], " "), map[string]bool{})
	return append(out, last)
}
