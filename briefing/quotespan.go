package briefing

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteSpan is one stretch of text inside quotation marks.
type quoteSpan struct {
	para int // paragraph where the quoted text starts
	// open and close are the token indexes of the marks; open is -1 when the
	// quotation carries on from the paragraph before without a new mark,
	// close is -1 when it runs to the end of its paragraph.
	open, close int
	// first and last are the token indexes of the quoted text's first and
	// last tokens (last < first when the quotation is empty).
	first, last int
	text        string
	single      bool
	// reopened is true when the previous paragraph left a quotation open and
	// this one carries it on with a new opening mark: the same speaker goes
	// on talking.
	reopened bool
	// openEnd is true when the quotation is still open at its paragraph's
	// end.
	openEnd bool
}

// findSpans pairs the quotation marks of the article's paragraphs into
// spans, following the multi-paragraph convention: a quotation left open at
// a paragraph's end runs to that end; the next paragraph either re-opens it
// with a mark (a new span, same speaker) or carries on without one until the
// closing mark (one span over both paragraphs).
func (a *analysis) findSpans() {
	prevOpen := -1 // index in a.quotes of a span left open by the previous paragraph
	for p := range a.texts {
		lo, hi := a.paraStart[p], a.paraStart[p+1]
		open := -1
		carried := -1
		first := a.firstQuoteMark(lo, hi)
		for k := lo; k < hi; k++ {
			t := a.toks[k]
			if t.kind != tkQuote {
				continue
			}
			if open < 0 {
				firstMark := carried < 0 && k == first
				if prevOpen >= 0 && firstMark && !t.has(fOpen) && t.has(fClose) {
					// The previous paragraph's quotation ends here.
					a.extendSpan(prevOpen, k)
					prevOpen = -1
					carried = k
					continue
				}
				if t.has(fOpen) {
					open = k
				}
				continue
			}
			if t.has(fSingle) != a.toks[open].has(fSingle) {
				continue // a nested mark of the other kind
			}
			if t.has(fClose) {
				a.addSpan(p, open, k, prevOpen >= 0 && open == first)
				open = -1
				continue
			}
			// An explicit opening mark while one is open: the earlier one
			// never closed. After a full stop it is the common slip of
			// re-opening each sentence of a quotation ("… Act. "Now …"):
			// the earlier sentences are a quotation of their own, up to
			// this mark. Otherwise start again from here.
			if a.endsSentenceBefore(k) {
				a.addSpan(p, open, k, prevOpen >= 0 && open == first)
			}
			open = k
		}
		if prevOpen >= 0 && carried < 0 && !a.reopens(lo, hi) {
			// The quotation of the previous paragraph is not carried on.
			prevOpen = -1
		}
		reopen := prevOpen >= 0
		prevOpen = -1
		if open >= 0 && a.addSpan(p, open, -1, reopen && open == first) {
			prevOpen = len(a.quotes) - 1
			a.quotes[prevOpen].openEnd = true
		}
	}
	for i := range a.quotes {
		q := &a.quotes[i]
		lo, hi := q.first, q.last
		if q.open >= 0 {
			lo = q.open
		}
		if q.close >= 0 {
			hi = q.close
		}
		for k := lo; k <= hi && k < len(a.toks); k++ {
			a.toks[k].quote = int32(i)
		}
	}
}

// endsSentenceBefore reports whether the token before the mark at k is a
// full stop, a question or an exclamation mark.
func (a *analysis) endsSentenceBefore(k int) bool {
	if k == 0 || a.toks[k-1].kind != tkPunct || a.toks[k-1].para != a.toks[k].para {
		return false
	}
	switch a.tokText(k - 1) {
	case ".", "?", "!", "…":
		return true
	}
	return false
}

func (a *analysis) firstQuoteMark(lo, hi int) int {
	for j := lo; j < hi; j++ {
		if a.toks[j].kind == tkQuote {
			return j
		}
	}
	return -1
}

// reopens reports whether the paragraph [lo, hi) starts with an opening
// quotation mark.
func (a *analysis) reopens(lo, hi int) bool {
	return lo < hi && a.toks[lo].kind == tkQuote && a.toks[lo].has(fOpen)
}

// addSpan records the quotation between the marks open and close (close -1:
// to the end of paragraph p). It reports false when the quotation is empty.
func (a *analysis) addSpan(p, open, close int, reopened bool) bool {
	text := a.texts[p]
	s := int(a.toks[open].e)
	e := len(text)
	last := a.paraStart[p+1] - 1
	if close >= 0 {
		e = int(a.toks[close].s)
		last = close - 1
	}
	body := trimQuoteText(text[s:e])
	if body == "" {
		return false
	}
	if close >= 0 && a.isNickname(open, close) {
		// Robert C. "Bobby" Scott: part of a name, not a quotation.
		a.toks[open].kind = tkPunct
		a.toks[close].kind = tkPunct
		a.toks[open].flags |= fNick
		a.toks[close].flags |= fNick
		return false
	}
	a.quotes = append(a.quotes, quoteSpan{
		para: p, open: open, close: close, first: open + 1, last: last,
		text: body, single: a.toks[open].has(fSingle), reopened: reopened,
	})
	return true
}

// isNickname reports whether the marks at open and close enclose one or two
// capitalised words between two parts of a name: Marcia "Cia" Price.
func (a *analysis) isNickname(open, close int) bool {
	if close-open < 2 || close-open > 3 || open == 0 || close+1 >= len(a.toks) ||
		!a.samePara(open-1, close+1) {
		return false
	}
	for k := open + 1; k < close; k++ {
		// Jimmy "the Whirlwind" White: "the" may open the nickname.
		if a.toks[k].kind != tkWord || !a.toks[k].has(fCap) && !(k == open+1 && k+1 < close && a.tokText(k) == "the") {
			return false
		}
	}
	before, after := a.toks[open-1], a.toks[close+1]
	return before.kind == tkWord && before.has(fCap) && after.kind == tkWord && after.has(fCap) &&
		!after.has(fPoss)
}

// extendSpan carries span i (open at the end of its paragraph) on into the
// next paragraph up to the closing mark at token close.
func (a *analysis) extendSpan(i, close int) {
	q := &a.quotes[i]
	p := int(a.toks[close].para)
	first := a.texts[q.para][a.toks[q.open].e:]
	if more := a.texts[p][:a.toks[close].s]; strings.TrimSpace(more) != "" {
		// The paragraphs stay joined as the article joins them, so that
		// the text is still found verbatim.
		q.text = trimQuoteText(first + "\n\n" + more)
	}
	q.close = close
	q.last = close - 1
	q.openEnd = false
}

// trimQuoteText trims white space and a trailing comma: the comma before a
// closing mark belongs to the reporter's sentence ("…low point," he said).
func trimQuoteText(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, ",")
	return strings.TrimSpace(s)
}

// numberSentences gives every token its sentence number. A sentence ends at
// . ! or ? outside quotation marks, or at a quotation that ends with one,
// when the next word starts with a capital; a paragraph always starts one.
func (a *analysis) numberSentences() {
	sent := int32(-1)
	for p := range a.texts {
		lo, hi := a.paraStart[p], a.paraStart[p+1]
		sent++
		if lo < hi {
			a.toks[lo].flags |= fSentStart
		}
		text := a.texts[p]
		for k := lo; k < hi; k++ {
			t := &a.toks[k]
			t.sent = sent
			if k+1 >= hi {
				continue
			}
			// The cheap test of how token k ends comes first; whether
			// the next token can start a sentence is asked only then.
			end := false
			switch {
			case t.quote >= 0:
				q := &a.quotes[t.quote]
				end = k == q.close && endsWithStop(q.text)
			case t.kind == tkPunct:
				switch text[t.s:t.e] {
				case ".", "!", "?", "…":
					end = true
				}
			case t.kind == tkWord && t.has(fAbbr):
				// "in the U.S. But ..." — only before a word that cannot
				// follow a title or an initial.
				end = a.toks[k+1].kind == tkWord && a.is(k+1, lxCapStop) && !titleAbbrev(a.low[k])
			}
			end = end && tokStartsSentence(text, a.toks[k+1])
			if end {
				sent++
				a.toks[k+1].flags |= fSentStart
			}
		}
	}
}

func tokStartsSentence(text string, t token) bool {
	switch t.kind {
	case tkQuote:
		return t.has(fOpen)
	case tkWord:
		r, _ := utf8.DecodeRuneInString(text[t.s:])
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return false
}

func endsWithStop(s string) bool {
	s = strings.TrimRight(s, " \"'’”)")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// titleAbbrev reports whether w (lower case) is a title or an initial that
// a name follows ("dr.", "j.").
func titleAbbrev(w string) bool {
	if _, ok := titleHeads[w]; ok {
		return true
	}
	return utf8.RuneCountInString(w) == 2 && strings.HasSuffix(w, ".")
}
