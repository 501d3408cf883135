package briefing

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Bounds of a briefing. DESIGN.md asks for 3 to 5 points; the character
// bound keeps the whole briefing readable at a glance (and inside one
// Discord embed description) even when the article's sentences are long.
const (
	minSummarySentences = 3
	maxSummarySentences = 5
	maxSummaryChars     = 1200
	// A "sentence" longer than this is a list, a table or text the splitter
	// could not divide; it would crowd out every other point.
	maxSummarySentenceChars = 480
	// Sentences with fewer words are fragments: a dateline, a sign-off, a
	// one-line quotation.
	minSummarySentenceWords = 6
	// maxSummaryCandidates bounds the work on very long inputs: a briefing
	// of a book-length text still comes from its first few hundred sentences.
	maxSummaryCandidates = 600
)

// Weights of the sentence-scoring signals. They are general properties of
// news prose, not of any article: the opening carries the news, central
// sentences share vocabulary with the rest of the article, and the headline
// names the topic. They were set by measuring ROUGE on the dev and
// bbc-summaries corpora over a coarse grid and taking a setting in the
// middle of the flat region, not the best cell, so that they carry over.
const (
	// positionWeight and positionDecay: a sentence of rank r gets
	// positionWeight / (1 + positionDecay*r).
	positionWeight = 0.25
	positionDecay  = 0.25
	// titleWeight scales the share of the headline's content words that a
	// sentence repeats.
	titleWeight = 0.75
	// coveredDiscount is how much less a content word counts once a chosen
	// sentence has said it, so that the next point adds something new.
	coveredDiscount = 0.25
	// redundancyWeight is the maximal-marginal-relevance penalty per unit of
	// similarity to the closest chosen sentence.
	redundancyWeight = 0.6
	// nearDuplicate is the similarity (cosine of content words) at which a
	// sentence is a retelling of a chosen one and is never taken.
	nearDuplicate = 0.6
	// leadReach: the first usable sentence is always in the briefing when it
	// is among the body's first leadReach sentences, as a news lead is.
	leadReach = 3
)

// summaryCandidate is a body sentence that may stand in a briefing.
type summaryCandidate struct {
	text  string
	rank  int     // position among the body's sentences
	terms []int32 // distinct content-word ids, sorted
	leans bool    // needs the sentence before it to be understood
	prior float64 // position and headline part of the score
}

// summarize picks the briefing's sentences: up to 5 sentences (3 for a
// short story) that together cover the article's distinct points, in
// article order. The lead sentence comes first, as the news; the others are
// chosen greedily by centrality (how much of their vocabulary the rest of
// the article shares, counting words already said for less), position and
// headline overlap, minus their similarity to what is already chosen
// (maximal marginal relevance), so that a later paragraph's new point beats
// a second telling of the lead.
func summarize(doc *document) []string {
	vocab := newSummaryVocab()
	defer releaseSummaryVocab(vocab)
	title := vocab.termSet(doc.article.Title)
	cands, total := summaryCandidates(doc, vocab)
	vocab.cands = cands
	if len(cands) == 0 {
		return nil
	}
	// A term's weight is the number of other sentences that share it, so a
	// sentence's centrality is its weighted degree in the word-overlap graph.
	vocab.weight = zeroed(vocab.weight, vocab.words.len())
	weight := vocab.weight
	for _, c := range cands {
		for _, t := range c.terms {
			weight[t]++
		}
	}
	for t := range weight {
		weight[t] = max(weight[t]-1, 0)
	}
	// mark flags the terms of one sentence at a time, so that counting the
	// terms another sentence shares with it is one pass over that one's.
	vocab.mark = zeroed(vocab.mark, vocab.words.len())
	mark := vocab.mark
	markTerms(mark, title, true)
	// cent holds each candidate's centrality with the covered terms
	// discounted; choose brings it up to date.
	vocab.cent = zeroed(vocab.cent, len(cands))
	cent := vocab.cent
	maxCentral := 0.0
	for i := range cands {
		c := &cands[i]
		cent[i] = centrality(c.terms, weight, nil)
		maxCentral = max(maxCentral, cent[i])
		c.prior = positionWeight / (1 + positionDecay*float64(c.rank))
		if len(title) > 0 {
			c.prior += titleWeight * float64(markedTerms(mark, c.terms)) / float64(len(title))
		}
	}
	markTerms(mark, title, false)
	maxCentral = max(maxCentral, 1)

	want := min(summaryLength(total), len(cands))
	vocab.covered = zeroed(vocab.covered, vocab.words.len())
	covered := vocab.covered
	vocab.used = zeroed(vocab.used, len(cands))
	used := vocab.used
	vocab.maxSim = zeroed(vocab.maxSim, len(cands))
	maxSim := vocab.maxSim // similarity to the closest chosen sentence
	chosen := vocab.chosen[:0]
	chars := 0
	choose := func(i int) {
		used[i] = true
		chosen = append(chosen, i)
		chars += len(cands[i].text)
		for _, t := range cands[i].terms {
			covered[t] = true
		}
		// Only the newest choice can raise a sentence's similarity to
		// the briefing, so the maximum is kept up to date in one pass.
		// Only a sentence that shares a term with it has a term newly
		// covered, so only such a sentence's centrality changes.
		terms := cands[i].terms
		markTerms(mark, terms, true)
		for k := range cands {
			if used[k] {
				continue
			}
			shared := markedTerms(mark, cands[k].terms)
			if shared == 0 {
				continue
			}
			maxSim[k] = max(maxSim[k], termCosineShared(shared, cands[k].terms, terms))
			cent[k] = centrality(cands[k].terms, weight, covered)
		}
		markTerms(mark, terms, false)
	}
	if cands[0].rank < leadReach {
		choose(0)
	}
	for len(chosen) < want {
		best, bestVal := -1, math.Inf(-1)
		for i := range cands {
			c := &cands[i]
			if used[i] || chars+len(c.text) > maxSummaryChars {
				continue
			}
			if c.leans && !chosenRank(cands, chosen, c.rank-1) {
				continue
			}
			if maxSim[i] >= nearDuplicate {
				continue
			}
			val := c.prior + cent[i]/maxCentral - redundancyWeight*maxSim[i]
			if val > bestVal {
				best, bestVal = i, val
			}
		}
		if best < 0 {
			break
		}
		choose(best)
	}
	vocab.chosen = chosen
	slices.Sort(chosen)
	out := make([]string, len(chosen))
	for i, j := range chosen {
		out[i] = cands[j].text
	}
	return out
}

// centrality sums the weights of a sentence's terms (the number of other
// sentences that share each one); terms in covered count coveredDiscount
// less.
func centrality(terms []int32, weight []float64, covered []bool) float64 {
	sum := 0.0
	for _, t := range terms {
		w := weight[t]
		if covered != nil && covered[t] {
			w *= 1 - coveredDiscount
		}
		sum += w
	}
	return sum
}

// chosenRank reports whether the sentence of the given rank is chosen.
func chosenRank(cands []summaryCandidate, chosen []int, rank int) bool {
	for _, j := range chosen {
		if cands[j].rank == rank {
			return true
		}
	}
	return false
}

// summaryLength is how many sentences the briefing of an article with
// total body sentences should have: 3 for a wire story of up to six
// sentences, 4 up to nine, 5 beyond. Human briefings of short stories
// (corpus/dev) run to about 4 points; a longer report has more to say.
func summaryLength(total int) int {
	switch {
	case total >= 10:
		return maxSummarySentences
	case total >= 7:
		return maxSummarySentences - 1
	}
	return minSummarySentences
}

// summaryCandidates returns the body sentences that may stand in a
// briefing, and the number of body sentences in all. An article too short
// to give minSummarySentences points on its own also offers its bare
// quotations, each only after the sentence before it (who said it).
func summaryCandidates(doc *document, vocab *summaryVocab) ([]summaryCandidate, int) {
	cands, total, bare := collectCandidates(doc, vocab, false)
	if len(cands) < minSummarySentences && bare > 0 {
		cands, total, _ = collectCandidates(doc, vocab, true)
	}
	return cands, total
}

// collectCandidates lists the sentences that stand alone, and with
// withBare the bare quotations too; it counts the bare quotations it met.
func collectCandidates(doc *document, vocab *summaryVocab, withBare bool) (cands []summaryCandidate, total, bare int) {
	n := 0
	for _, p := range doc.paragraphs {
		n += len(p.sentences)
	}
	cands = vocab.cands[:0]
	if cap(cands) < min(n, maxSummaryCandidates) {
		cands = make([]summaryCandidate, 0, min(n, maxSummaryCandidates))
	}
	rank := 0
	for _, p := range doc.paragraphs {
		for _, s := range p.sentences {
			if rank >= maxSummaryCandidates {
				return cands, rank, bare
			}
			text := trimDateline(p.text[s.start:s.end], rank == 0)
			rank++
			shape := summaryShape(text)
			if shape == bareQuotation {
				bare++
			}
			if shape != standsAlone && (shape != bareQuotation || !withBare || rank == 1) {
				continue
			}
			terms := vocab.termSet(text)
			if len(terms) == 0 {
				continue
			}
			cands = append(cands, summaryCandidate{
				text:  text,
				rank:  rank - 1,
				terms: terms,
				leans: shape == bareQuotation || leansOnPrevious(text),
			})
		}
	}
	return cands, rank, bare
}

// What a sentence can be in a briefing (summaryShape).
const (
	notAPoint     = iota
	standsAlone   // a point on its own
	bareQuotation // a quotation with no speaker: only after who said it
)

// summaryShape says whether a sentence can be a point of a briefing on
// its own: it ends like a sentence, has enough words, is not a caption,
// credit or dateline, and is not a bare quotation with no speaker.
func summaryShape(s string) int {
	if len(s) > maxSummarySentenceChars {
		return notAPoint
	}
	if !endsLikeSentence(s) || strings.HasSuffix(strings.TrimRightFunc(s, isClosingMark), ":") {
		return notAPoint
	}
	if wordCount(s, minSummarySentenceWords) < minSummarySentenceWords {
		return notAPoint
	}
	first, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(first) || first == '…' || strings.HasPrefix(s, "...") {
		return notAPoint // the tail of a sentence or quotation the splitter cut
	}
	if tail := strings.TrimRightFunc(s, isClosingMark); strings.HasSuffix(tail, "...") || strings.HasSuffix(tail, "…") {
		return notAPoint // trails off: a cut quotation
	}
	if startsLikeCaption(s) {
		return notAPoint
	}
	letters, upper, outside := sentenceShape(s)
	// Mostly capitals is a shouted heading or a dateline block; fewer than
	// three words outside quotation marks is a quotation without its speaker.
	switch {
	case upper*2 > letters:
		return notAPoint
	case outside < 3:
		return bareQuotation
	}
	return standsAlone
}

// captionOpenings start captions, credits and pointers to other articles
// (the reader drops such paragraphs; this catches them inside one).
var captionOpenings = []string{
	"photo:", "photo by", "photos:", "photograph", "file photo", "image:", "picture:",
	"pictured", "credit:", "caption:", "illustration:", "video:", "(photo", "(file photo",
	"(image", "written by", "edited by", "editing by", "reporting by", "additional reporting",
	"related:", "related article", "read more", "read also", "also read", "see also",
	"copyright", "©", "all rights reserved",
}

// captionFirstBytes marks the bytes, in either case, that captionOpenings
// start with.
var captionFirstBytes = func() (t [256]bool) {
	for _, p := range captionOpenings {
		c := p[0]
		t[c] = true
		if 'a' <= c && c <= 'z' {
			t[c-'a'+'A'] = true
		}
	}
	return t
}()

// startsLikeCaption reports whether s opens like a caption, credit or
// related-article line. Only its first bytes are looked at.
func startsLikeCaption(s string) bool {
	if s == "" || !captionFirstBytes[s[0]] {
		return false // most sentences: no opening starts with this byte
	}
	var buf [24]byte
	head := buf[:min(len(s), len(buf))]
	for i := range head {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		head[i] = c
	}
	for _, p := range captionOpenings {
		if bytes.HasPrefix(head, []byte(p)) {
			return true
		}
	}
	return false
}

// sentenceShape counts, in one pass, the letters of s, how many of them
// are capitals, and the words outside double quotation marks: a quotation
// with its attribution has several ("he said on Tuesday"), a bare
// quotation has none.
func sentenceShape(s string) (letters, upper, outside int) {
	inQuote, inWord := false, false
	for i := 0; i < len(s); {
		// Eight bytes at a time while they are ASCII without quotation
		// marks, apostrophes or hyphens: then every byte but a letter or
		// digit ends a word, and a word starts at each letter or digit
		// that does not follow one.
		if i+8 <= len(s) {
			x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
			if x&shapeHighs == 0 && zeroBytes(x^'"'*shapeOnes)|zeroBytes(x^'\''*shapeOnes)|zeroBytes(x^'-'*shapeOnes) == 0 {
				lower, capital := bytesIn(x, 'a', 'z'), bytesIn(x, 'A', 'Z')
				alnum := lower | capital | bytesIn(x, '0', '9')
				letters += bits.OnesCount64(lower | capital)
				upper += bits.OnesCount64(capital)
				before := alnum << 8 // the byte before is a letter or digit
				if inWord {
					before |= 0x80
				}
				if !inQuote {
					outside += bits.OnesCount64(alnum &^ before)
				}
				inWord = alnum>>63 != 0
				i += 8
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				if c >= 'a' {
					letters++
				}
				if !inWord && !inQuote {
					outside++
				}
				inWord = true
			case 'A' <= c && c <= 'Z':
				letters++
				upper++
				if !inWord && !inQuote {
					outside++
				}
				inWord = true
			case c == '"':
				inQuote = !inQuote
				inWord = false
			case c != '\'' && c != '-':
				inWord = false
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
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
		case !unicode.IsMark(r) && r != '’':
			inWord = false
		}
	}
	return letters, upper, outside
}

// Word arithmetic on 8 bytes of ASCII at once, for sentenceShape: every
// result has the high bit of each byte set where the byte qualifies.
// With no byte above 0x7f, no sum carries into the next byte.
const (
	shapeOnes   = 0x0101010101010101
	shapeHighs  = 0x8080808080808080
	shapeSevens = 0x7f7f7f7f7f7f7f7f
)

// zeroBytes marks the zero bytes of x, whose bytes are all ASCII.
func zeroBytes(x uint64) uint64 { return ^((x&shapeSevens + shapeSevens) | x) & shapeHighs }

// bytesIn marks the bytes of x, all ASCII, from lo to hi.
func bytesIn(x uint64, lo, hi byte) uint64 {
	atLeastLo := x + (0x80-uint64(lo))*shapeOnes
	aboveHi := x + (0x7f-uint64(hi))*shapeOnes
	return atLeastLo &^ aboveHi & shapeHighs
}

// summaryLeanWords open sentences that continue the one before them: a pronoun
// whose referent is there, or a connective that answers it.
var summaryLeanWords = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "this": true, "these": true,
	"that": true, "those": true, "his": true, "her": true, "their": true, "its": true,
	"but": true, "however": true, "also": true, "meanwhile": true, "instead": true,
	"still": true, "yet": true, "so": true, "and": true, "then": true, "there": true,
	"such": true, "both": true, "another": true, "further": true, "furthermore": true,
	"moreover": true, "besides": true,
}

// leansOnPrevious reports whether s needs the sentence before it to be
// understood: it opens with a pronoun or a connective, or it is a
// quotation attributed only to a pronoun ("...," he added).
func leansOnPrevious(s string) bool {
	if isLeanWord(firstWord(s)) {
		return true
	}
	r, n := utf8.DecodeRuneInString(s)
	if r != '"' && r != '“' {
		return false
	}
	closing := strings.IndexAny(s[n:], "\"”")
	if closing < 0 {
		return false
	}
	switch w := firstWord(s[n+closing+1:]); {
	case strings.EqualFold(w, "he"), strings.EqualFold(w, "she"), strings.EqualFold(w, "they"),
		strings.EqualFold(w, "it"), strings.EqualFold(w, "we"):
		return true
	}
	return false
}

// isLeanWord reports whether w, in any case, is one of summaryLeanWords.
func isLeanWord(w string) bool {
	var buf [12]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return summaryLeanWords[string(buf[:len(w)])]
}

// firstWord returns the first run of letters in s.
func firstWord(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		return s
	}
	return s[:end]
}

// trimDateline removes a wire dateline from the front of a sentence:
// "JAKARTA, Sept. 7 (Xinhua) -- The summit ..." and "MOSCOW (Agency /
// Service - 27th January, 2020) Libya's crisis ..." lose everything before
// "The" and "Libya's". The place is one to four words in capitals; a date
// after a comma and an agency in brackets may follow; then a dash, a colon
// or the closing bracket. At the very start of an article a place in
// ordinary case followed by a colon ("Islamabad: Pakistan's ...") is a
// dateline too. Anything else is left alone.
func trimDateline(s string, articleStart bool) string {
	rest, ok := cutCapitalPlace(s)
	if !ok {
		if articleStart {
			return trimColonDateline(s)
		}
		return s
	}
	marked := false
	if strings.HasPrefix(rest, ",") {
		window := rest[:min(len(rest), 40)]
		j := strings.IndexAny(window, "(-—–")
		if j < 0 {
			return s
		}
		rest = rest[j:]
	}
	rest = strings.TrimLeft(rest, " ")
	if strings.HasPrefix(rest, "(") {
		end := strings.IndexByte(rest, ')')
		if end < 0 || end > 100 {
			return s
		}
		rest = rest[end+1:]
		marked = true
	}
	rest = strings.TrimLeft(rest, " ")
	for _, sep := range []string{"--", "—", "–", "-", ":"} {
		if strings.HasPrefix(rest, sep) {
			rest = rest[len(sep):]
			marked = true
			break
		}
	}
	rest = strings.TrimLeft(rest, " ")
	if !marked || !startsLikeSentence(rest) {
		return s
	}
	return rest
}

// cutCapitalPlace cuts one to four words in capitals ("NEW DELHI", "U.N.")
// from the front of s and returns what follows.
func cutCapitalPlace(s string) (string, bool) {
	i, words, letters := 0, 0, 0
	for words < 4 {
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsUpper(r) {
				letters++
			} else if r != '.' && r != '\'' && r != '’' && r != '-' {
				break
			}
			j += n
		}
		if j == i {
			break
		}
		words++
		i = j
		if i+1 < len(s) && s[i] == ' ' {
			r, _ := utf8.DecodeRuneInString(s[i+1:])
			if unicode.IsUpper(r) && !isTitleCaseWordAt(s[i+1:]) {
				i++
				continue
			}
		}
		break
	}
	if words == 0 || letters < 2 {
		return s, false
	}
	return s[i:], true
}

// isTitleCaseWordAt reports whether s starts with a capital followed by a
// lower-case letter: the first word of the sentence after the place.
func isTitleCaseWordAt(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	r2, _ := utf8.DecodeRuneInString(s[n:])
	return unicode.IsUpper(r) && unicode.IsLower(r2)
}

// trimColonDateline removes "Place: " or "Two Words: " from the front of
// an article's first sentence.
func trimColonDateline(s string) string {
	colon := strings.IndexByte(s, ':')
	if colon <= 0 || colon > 30 {
		return s
	}
	words := strings.Fields(s[:colon])
	if len(words) > 2 {
		return s
	}
	for _, w := range words {
		if !isTitleCaseWordAt(w) || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			return s
		}
	}
	rest := strings.TrimLeft(s[colon+1:], " ")
	if !startsLikeSentence(rest) {
		return s
	}
	return rest
}

// startsLikeSentence reports whether s opens as a sentence does: a capital,
// a digit or an opening quotation mark or bracket.
func startsLikeSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && (unicode.IsUpper(r) || unicode.IsDigit(r) || opensQuoteOrBracket(r))
}

func opensQuoteOrBracket(r rune) bool {
	return strings.ContainsRune("\"“‘'([", r)
}

// summaryStopWords are English function words and the reporting verbs
// that every news sentence has; they say nothing about what a sentence is
// about. Every vocabulary starts as a copy of this table, so that one
// lookup of a word both drops stop words (ids below len(summaryStopWords))
// and numbers the rest.
var summaryStopWords = newWordTable(strings.Fields(`a about above after again against all also am an and any are as at be
		because been before being below between both but by can could did do does doing down during each
		few for from further had has have having he her here hers herself him himself his how i if in into
		is it its itself just me more most my myself no nor not now of off on once only or other our ours
		ourselves out over own same she should so some such than that the their theirs them themselves then
		there these they this those through to too under until up very was we were what when where which
		while who whom why will with would you your yours yourself yourselves mr mrs ms dr said says say
		told tell added adding according also would could may might must shall one two new year years
		week month day time last next first since ago yet still however told saying s t`)...)

// summaryVocab numbers the content words of one article. Vocabularies are
// recycled between calls, so that numbering an article's words allocates
// nothing once the pool is warm.
type summaryVocab struct {
	words wordTable
	// terms holds the term ids of every candidate sentence, one after
	// another; each candidate's terms are a piece of it.
	terms []int32
	// weight and covered are summarize's per-term tables, kept for the
	// next article.
	weight  []float64
	covered []bool
	// mark is summarize's per-term scratch flag, all false between uses.
	mark []bool
	// cent, used, maxSim and chosen are summarize's per-candidate
	// tables.
	cent   []float64
	used   []bool
	maxSim []float64
	chosen []int
	// cands is summaryCandidates' list, emptied between articles.
	cands []summaryCandidate
}

// zeroed returns s resized to n elements, all zero, reusing its memory
// when it is large enough.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

var summaryVocabs = sync.Pool{New: func() any { return new(summaryVocab) }}

// newSummaryVocab returns a vocabulary holding only the stop words. Hand it
// back with releaseSummaryVocab.
func newSummaryVocab() *summaryVocab {
	v := summaryVocabs.Get().(*summaryVocab)
	v.words.resetTo(summaryStopWords)
	return v
}

// releaseSummaryVocab keeps a vocabulary for the next call, unless a huge
// article made it too big to be worth keeping.
func releaseSummaryVocab(v *summaryVocab) {
	if v.words.len() > 1<<14 || cap(v.terms) > 1<<16 {
		return
	}
	v.terms = v.terms[:0]
	clear(v.cands) // drop the article's text
	v.cands = v.cands[:0]
	summaryVocabs.Put(v)
}

// termSet returns the sorted, distinct content-word ids of s, stored in
// v.terms.
func (v *summaryVocab) termSet(s string) []int32 {
	base := len(v.terms)
	v.terms = summaryTerms(s, &v.words, v.terms)
	set := newTermSet(v.terms[base:])
	v.terms = v.terms[:base+len(set)]
	return v.terms[base : base+len(set) : base+len(set)]
}

// summaryTerms appends to dst the ids of the content words of s: lower
// case, stop words dropped, plurals folded. vocab numbers the words; it
// must start as a copy of summaryStopWords.
func summaryTerms(s string, vocab *wordTable, dst []int32) []int32 {
	stops := int32(summaryStopWords.len())
	// buf holds an ASCII word in lower case and hs[k] the hash of buf[:k],
	// filled in the loop that finds the word's end, so that the word and
	// its folded plural are hashed without reading them again.
	var buf [64]byte
	var hs [len(buf) + 1]uint32
	hs[0] = wordHashSeed
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && !asciiAlnum[c] {
			i++
			continue
		}
		start, ascii, k := i, true, 0
		for i < len(s) {
			c := s[i]
			if lexLower[c] != 0 {
				i, k = lowerHashRun(s, i, &buf, &hs, k)
				continue
			}
			if c < utf8.RuneSelf {
				break
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			ascii = false
			i += n
		}
		if i == start {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		if i-start < 2 {
			continue
		}
		var word []byte
		var h uint32
		if ascii && k <= len(buf) {
			// foldPlural, with the hash of the folded word.
			switch w := buf[:k]; {
			case k > 4 && w[k-3] == 'i' && w[k-2] == 'e' && w[k-1] == 's':
				buf[k-3] = 'y'
				word, h = buf[:k-2], wordHashByte(hs[k-3], 'y')
			case k > 3 && w[k-1] == 's' && w[k-2] != 's' && w[k-2] != 'u' && w[k-2] != 'i':
				word, h = buf[:k-1], hs[k-1]
			default:
				word, h = w, hs[k]
			}
		} else {
			// Only words with other letters than ASCII ones, or very
			// long ones, go through strings.ToLower.
			word = foldPlural([]byte(strings.ToLower(s[start:i])))
			h = wordHash(word)
		}
		if id, _ := vocab.add(word, h); id >= stops {
			dst = append(dst, id)
		}
	}
	return dst
}

// lowerHashRun reads the run of ASCII letters and digits at s[i:] into
// buf[k:] in lower case, as far as buf goes, with hs[j] the hash of
// buf[:j], and returns the index after the run and the new k. It is a
// function of its own so that its loop keeps everything in registers.
func lowerHashRun(s string, i int, buf *[64]byte, hs *[65]uint32, k int) (int, int) {
	h := hs[min(k, len(buf))]
	for ; i < len(s); i++ {
		c := lexLower[s[i]]
		if c == 0 {
			break
		}
		if k < len(buf) {
			h = wordHashByte(h, c)
			buf[k] = c
			hs[k+1] = h
		}
		k++
	}
	return i, k
}

// foldPlural folds a lower-case word's plural so that "talks" and "talk",
// "countries" and "country" count as one term.
func foldPlural(w []byte) []byte {
	switch {
	case len(w) > 4 && bytes.HasSuffix(w, []byte("ies")):
		w = append(w[:len(w)-3], 'y')
	case len(w) > 3 && w[len(w)-1] == 's' && !bytes.HasSuffix(w, []byte("ss")) &&
		!bytes.HasSuffix(w, []byte("us")) && !bytes.HasSuffix(w, []byte("is")):
		w = w[:len(w)-1]
	}
	return w
}

// newTermSet sorts ids and removes repeats, in place.
func newTermSet(ids []int32) []int32 {
	slices.Sort(ids)
	return slices.Compact(ids)
}

// overlap counts the ids two sorted sets share.
func sharedTerms(a, b []int32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// cosine is the cosine similarity of two sorted term sets.
func termCosine(a, b []int32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return termCosineShared(sharedTerms(a, b), a, b)
}

// termCosineShared is termCosine of two non-empty term sets that share
// shared terms.
func termCosineShared(shared int, a, b []int32) float64 {
	return float64(shared) / math.Sqrt(float64(len(a))*float64(len(b)))
}

// markTerms sets mark[t] to on for every term t of terms.
func markTerms(mark []bool, terms []int32, on bool) {
	for _, t := range terms {
		mark[t] = on
	}
}

// markedTerms counts the terms of a set that are marked: with the terms of
// another set marked (markTerms), the terms the two share.
func markedTerms(mark []bool, terms []int32) int {
	n := 0
	for _, t := range terms {
		if mark[t] {
			n++
		}
	}
	return n
}
