package briefing

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// findQuotes returns every quotation of the article whose speaker it can
// name, in text order. A quotation is dropped rather than given to a
// speaker the text does not support.
func findQuotes(doc *document, people *registry) []Quote {
	if people == nil || people.a == nil || people.a.doc != doc || people.a.toks == nil {
		people = findPeople(doc)
	}
	a := people.a
	defer a.release()
	speakers := make([]int, len(a.quotes))
	a.attrVerb = make([]int, len(a.quotes))
	for i := range a.quotes {
		a.attrVerb[i] = -1
		if a.isLabelQuote(i) {
			speakers[i] = -1
			continue
		}
		speakers[i] = a.attribute(i, speakers)
	}
	// A quotation left open at its paragraph's end belongs to whoever says
	// its continuation in the next paragraph.
	for i := len(a.quotes) - 2; i >= 0; i-- {
		if speakers[i] < 0 && a.quotes[i].openEnd && a.quotes[i+1].reopened {
			speakers[i] = speakers[i+1]
		}
	}
	var out []Quote
	for i, q := range a.quotes {
		e := speakers[i]
		if e < 0 {
			continue
		}
		ent := a.ents[e]
		out = append(out, Quote{
			Speaker:    ent.name,
			SpeakerKey: ent.keyOf(),
			Text:       q.text,
			Partial:    a.isPartial(i),
			Paragraph:  q.para,
		})
	}
	return out
}

// labelMarkers before a quotation mark it as a name or a term, not speech:
// the so-called "peace dividend", a plan known as "Safe Harbour".
var labelMarkers = wordSet("so-called", "dubbed", "termed", "titled", "entitled",
	"nicknamed", "named", "word", "term", "phrase", "slogan", "hashtag", "headline",
	"motto", "label", "known", "film", "book", "documentary", "song", "album",
	"novel", "show", "series", "play", "program", "programme", "podcast", "operation")

// isLabelQuote reports whether quotation i is a name, a title or a term
// rather than something someone said.
func (a *analysis) isLabelQuote(i int) bool {
	if a.isHeadingQuote(a.quotes[i]) || a.isMention(a.quotes[i]) {
		return true
	}
	o := a.quotes[i].open
	k := o - 1
	if k < 0 || !a.samePara(k, o) || a.toks[k].kind != tkWord {
		return false
	}
	w := a.low[k]
	if w == "as" {
		// "known as", "known by his colleagues as", "dubbed by critics as"
		for j := k - 1; j >= 0 && k-j <= 6 && a.samePara(j, o) && a.toks[j].kind == tkWord; j-- {
			if a.low[j] == "known" || a.low[j] == "dubbed" || a.low[j] == "nicknamed" {
				return true
			}
		}
	}
	if w == "the" || w == "a" {
		return false
	}
	return labelMarkers[w] && w != "known"
}

// mentionVerbs follow a word in marks that the sentence talks about
// rather than quotes: ""Transition" is a reference to …", ""Hudna"
// means truce".
var mentionVerbs = wordSet("is", "was", "means", "meant", "refers", "referred", "stands",
	"translates", "describes", "denotes")

// isMention reports whether a quotation of a few words opens its sentence
// as the subject of mentionVerbs: the words are named, not said.
func (a *analysis) isMention(q quoteSpan) bool {
	if q.close < 0 || q.close+1 >= len(a.toks) || !a.toks[q.open].has(fSentStart) ||
		!a.samePara(q.close, q.close+1) || q.last-q.first > 4 {
		return false
	}
	n := q.close + 1
	return a.toks[n].kind == tkWord && mentionVerbs[a.low[n]]
}

// isHeadingQuote reports whether the quotation is a paragraph of its own in
// title case: a subheading such as 'All Bets Are Off.'
func (a *analysis) isHeadingQuote(q quoteSpan) bool {
	lo, hi := a.paraStart[q.para], a.paraStart[q.para+1]
	if q.open != lo || q.close < 0 || q.close < hi-2 || q.last-q.first > 10 {
		return false
	}
	words := 0
	for k := q.first; k <= q.last; k++ {
		if a.toks[k].kind != tkWord {
			continue
		}
		words++
		if !a.toks[k].has(fCap) && !a.is(k, lxConnector|lxPrep) {
			return false
		}
	}
	return words >= 2
}

// attribute finds the speaker of quotation i, given the speakers of the
// quotations before it. It returns an entity index or -1.
func (a *analysis) attribute(i int, speakers []int) int {
	q := a.quotes[i]
	if q.close >= 0 {
		if e, ok := a.rightAttribution(i); ok {
			return a.speak(e)
		}
	}
	if e, found := a.leftAttribution(i); found {
		return a.speak(e)
	}
	if q.close >= 0 {
		if e, found := a.trailingAttribution(i); found {
			return a.speak(e)
		}
	}
	return a.speak(a.inherit(i, speakers))
}

// speak marks entity e as a speaker and returns its canonical index.
func (a *analysis) speak(e int) int {
	if e < 0 {
		return -1
	}
	for a.ents[e].merged >= 0 {
		e = a.ents[e].merged
	}
	a.ents[e].speaker = true
	return e
}

// rightAttribution reads the attribution that follows a quotation:
// "…," Borrell said / "…," said Mr. Burman / "…," Suga, the top government
// spokesman, said / "…," according to the ministry. ok is false when there
// is none.
func (a *analysis) rightAttribution(i int) (int, bool) {
	q := a.quotes[i]
	k := q.close + 1
	p := int(a.toks[q.close].para)
	hi := a.paraStart[p+1]
	// An attribution after a quotation is set off by punctuation: the
	// quotation ends in , ? ! or ., or a comma or dash follows its mark.
	// "…" suggests that … is not one.
	sep := a.endsInStop(q)
	if k < hi && a.toks[k].kind == tkPunct && (a.isPunct(k, ",") || isDashText(a.tokText(k))) {
		k++
		sep = true
	}
	if !sep || k >= hi || a.toks[k].kind != tkWord || a.toks[k].quote >= 0 {
		return -1, false
	}
	crossed := a.toks[k].sent != a.toks[q.close].sent
	w := a.low[k]
	// "…," said X
	if v, ok := a.verbAt(k); ok && !v.participle && v.kind == verbSpeech && !crossed && !a.toks[k].has(fCap) {
		lo := k + 1
		if lo < hi && a.low[lo] == "by" {
			lo++
		}
		end := a.npForward(lo, hi)
		if end > lo && !isPronounWord(a.low[lo]) && !clauseDeterminers[a.low[lo]] {
			a.attrVerb[i] = k
			if e := a.resolveNP(lo, end); e >= 0 {
				a.noteSpeaker(lo, e)
				return e, true
			}
			return -1, true
		}
	}
	// "…," according to X
	if w == "according" && k+1 < hi && a.low[k+1] == "to" {
		lo := k + 2
		end := a.npForward(lo, hi)
		if end > lo {
			e := a.resolveNP(lo, end)
			if e >= 0 {
				a.noteSpeaker(lo, e)
			}
			return e, true
		}
	}
	// "…," X said
	end := a.npForward(k, hi)
	if end <= k {
		return -1, false
	}
	j := a.skipParenthetical(end, hi)
	npEnd := end
	appos := -1 // a person named in an apposition after the subject
	if j < hi && a.is(j, lxPrep) && !a.toks[end-1].has(fCap) {
		// "… a narrator in the Clinton ad asks."
		if pp := a.npForward(j+1, hi); pp > j+1 && pp < hi {
			if vf, ok := a.verbAt(pp); ok && !vf.participle {
				j = pp
				npEnd = pp
			}
		}
	}
	if a.isPunct(j, ",") && !isPronounWord(a.low[k]) {
		c := j
		j = a.skipApposition(j, hi)
		if j < 0 {
			return -1, false
		}
		// "Scott's niece, state Del. Marcia Price (D-Newport News),
		// shouted": the name in the apposition.
		for m := c + 1; m < j; m++ {
			if ri := a.runAt[m]; ri >= 0 && a.runs[ri].ent >= 0 && a.ents[a.runs[ri].ent].person && !a.ents[a.runs[ri].ent].unnamed {
				appos = a.runs[ri].ent
				break
			}
		}
	}
	j = a.skipAux(j, hi)
	if j >= hi || a.toks[j].kind != tkWord {
		return -1, false
	}
	v, ok := a.verbAt(j)
	if !ok && a.low[j] == "cited" && j > 0 && (a.low[j-1] == "was" || a.low[j-1] == "were") {
		// "…," he was cited by RIA Novosti as saying. "Cite" is no
		// reporting verb of its own: "He cited the "Commander-In-Chief"
		// forum" reports no words of his.
		v, ok = verbForm{kind: verbSpeech}, true
	}
	if !ok || v.participle || v.base && !a.pluralSubject(k, end) {
		// "a Donald Trump tweet": a bare verb form after a singular noun is
		// a noun.
		return -1, false
	}
	if crossed && !a.shortAttribution(j+1, hi) {
		return -1, false
	}
	a.attrVerb[i] = j
	if e, ok := a.readFrom(j, hi); ok {
		return e, true
	}
	if quotedVerbs[a.low[j]] {
		// "…," the agency quoted Petrosyan as saying: the one quoted.
		if obj := a.npForward(j+1, hi); obj > j+1 && obj+1 < hi && a.low[obj] == "as" {
			if vf, ok := a.verbAt(obj + 1); ok && vf.participle {
				e := a.resolveNP(j+1, obj)
				if e >= 0 {
					a.noteSpeaker(j+1, e)
				}
				return e, true
			}
		}
	}
	e := a.resolveNP(k, end)
	if e >= 0 && npEnd > end && (!a.ents[e].person || a.ents[e].unnamed) && a.ents[e].merged < 0 {
		e = a.unnamedWithPlace(k, a.npHeadEnd(k, end), npEnd)
	}
	if appos >= 0 && (e < 0 || a.ents[e].unnamed || !a.ents[e].person || a.runAt[end-1] < 0) {
		e = appos
	}
	if e >= 0 {
		a.noteSpeaker(k, e)
	}
	return e, true
}

func isDashText(s string) bool { return s == "—" || s == "–" || s == "--" }

// npHeadEnd returns the end of the noun phrase [lo, hi) without trailing
// post-modifiers ("source familiar" → "source").
func (a *analysis) npHeadEnd(lo, hi int) int {
	for hi-1 > lo && postModifiers[a.low[hi-1]] {
		hi--
	}
	return hi
}

// endsInStop reports whether the quoted text ends in , ? ! . or …, looking
// past closing single marks and brackets ("… a little bit,'").
func (a *analysis) endsInStop(q quoteSpan) bool {
	for k := q.close - 1; k > q.open; k-- {
		t := &a.toks[k]
		if t.kind != tkPunct {
			return false
		}
		switch a.tokText(k) {
		case ",", "?", "!", ".", "…":
			return true
		case "'", "’", ")", "]":
			continue
		}
		return false
	}
	return false
}

// skipParenthetical steps over a short bracketed aside after a name, such
// as a party and state ("Rep. Gwen Moore (D-Wis.) said").
func (a *analysis) skipParenthetical(j, hi int) int {
	if !a.isPunct(j, "(") {
		return j
	}
	for k := j + 1; k < hi && k < j+8; k++ {
		if a.isPunct(k, ")") {
			return k + 1
		}
	}
	return j
}

// skipParentheticalBack steps back over a bracketed aside ending at token j.
func (a *analysis) skipParentheticalBack(j, lo int) int {
	if !a.isPunct(j, ")") {
		return j
	}
	for k := j - 1; k >= lo && k > j-8; k-- {
		if a.isPunct(k, "(") {
			return k - 1
		}
	}
	return j
}

// shortAttribution reports whether the sentence that goes on at token k is
// only the rest of an attribution ("Obama said in an interview.") and not a
// new statement ("Obama said that …").
func (a *analysis) shortAttribution(k, hi int) bool {
	sent := a.toks[k-1].sent
	verb := a.low[k-1]
	n := 0
	for ; k < hi && a.toks[k].sent == sent; k++ {
		t := &a.toks[k]
		if t.kind == tkQuote {
			return false
		}
		if t.kind != tkWord {
			continue
		}
		w := a.low[k]
		if n == 0 && !a.is(k, lxPrep) && !isAdverbWord(w) && !a.is(k, lxAux) && !a.is(k, lxTime) &&
			verb != "told" && verb != "tells" && verb != "tell" {
			// "The network said it would …": a new statement, not the end
			// of an attribution.
			return false
		}
		if w == "that" || isPronounWord(w) || n > 12 || n > 0 && clauseAuxWords[w] {
			// "… told reporters the talks would resume": a new clause.
			return false
		}
		if a.is(k, lxVerb) {
			return false
		}
		n++
	}
	return true
}

// clauseAuxWords are finite auxiliaries: after a reporting verb and its
// object they start a clause of their own.
var clauseAuxWords = wordSet("would", "will", "could", "should", "can", "may", "might",
	"must", "shall", "was", "were", "is", "are", "has", "have", "had", "did", "does")

// timeWords may follow a reporting verb in an attribution: "said Friday",
// "said last week".
var timeWords = wordSet("monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "yesterday", "today", "tonight", "last", "this", "next",
	"earlier", "later", "recently", "afterwards", "then", "again", "separately",
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december")

// clauseDeterminers start a clause or point back rather than open a
// speaker's name after an inverted verb ("… suggests that Phoenix …").
var clauseDeterminers = wordSet("that", "this", "these", "those", "it", "there")

// pluralSubject reports whether the phrase [lo, hi) is plural or a pronoun
// that takes a bare verb ("officials say", "they say").
func (a *analysis) pluralSubject(lo, hi int) bool {
	w := a.low[hi-1]
	switch w {
	case "they", "we", "i", "you":
		return true
	}
	if a.toks[hi-1].has(fCap) {
		return false
	}
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "people") || w == "police"
}

// skipApposition steps over ", the top government spokesman," after a name
// and returns the token after the second comma, or -1.
func (a *analysis) skipApposition(j, hi int) int {
	sent := a.toks[j].sent
	for k := j + 1; k < hi && k < j+40; k++ {
		t := &a.toks[k]
		if t.sent != sent || t.kind == tkQuote {
			return -1
		}
		if a.isPunct(k, ",") {
			return k + 1
		}
	}
	return -1
}

// auxWords may stand between a speaker and the reporting verb: "Borrell
// also said", "Trump has repeatedly said", "He went on to say".
var auxWords = wordSet("has", "had", "have", "is", "was", "were", "are", "be", "been",
	"will", "would", "could", "can", "may", "might", "should", "did", "does", "do",
	"also", "later", "then", "further", "once", "again", "previously", "recently",
	"earlier", "simply", "still", "already", "often", "repeatedly", "just",
	"only", "even", "never", "not", "first", "subsequently", "finally",
	"immediately", "separately", "similarly", "likewise", "reportedly",
	"publicly", "privately", "flatly", "bluntly", "tersely", "openly",
	"quickly", "yesterday", "today", "tonight", "has also", "went", "goes",
	"go", "going", "on", "to", "’s", "'s", "herself",
	"himself", "themselves", "itself")

// skipAux steps over auxiliaries and adverbs before a reporting verb.
func (a *analysis) skipAux(j, hi int) int {
	for n := 0; j < hi && n < 4; n++ {
		t := &a.toks[j]
		if t.kind != tkWord {
			return j
		}
		w := a.low[j]
		switch {
		case w == "went" || w == "goes" || w == "go" || w == "going":
			if j+2 < hi && a.low[j+1] == "on" && a.low[j+2] == "to" {
				j += 3
				continue
			}
			return j
		case w == "on" || w == "to":
			return j
		case a.is(j, lxAux) || isAdverbWord(w) || t.has(fPoss):
			j++
			continue
		}
		return j
	}
	return j
}

// skipAuxBack steps back over auxiliaries and adverbs before token j.
func (a *analysis) skipAuxBack(j, lo int) int {
	for n := 0; j >= lo && n < 4; n++ {
		t := &a.toks[j]
		if t.kind != tkWord {
			return j
		}
		w := a.low[j]
		if (a.is(j, lxAux) && w != "on" && w != "to" && w != "go" && w != "goes" && w != "going" && w != "went") || isAdverbWord(w) || t.has(fPoss) {
			j--
			continue
		}
		if w == "to" && j-2 >= lo && a.low[j-1] == "on" {
			switch a.low[j-2] {
			case "went", "goes", "go", "going":
				j -= 3
				continue
			}
		}
		return j
	}
	return j
}

// notAdverbs end in -ly but are not adverbs.
var notAdverbs = wordSet("family", "supply", "rally", "reply", "ally", "italy", "july",
	"assembly", "anomaly", "monopoly", "apply", "fly", "belly", "jelly", "bully",
	"holy", "only", "early", "daily", "weekly", "monthly", "yearly", "likely",
	"elderly", "friendly", "lonely", "lovely", "ugly", "silly", "curly", "hourly",
	"quarterly", "costly", "deadly", "orderly", "comply", "multiply", "imply")

func isAdverbWord(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ly") && !notAdverbs[w]
}

func isPronounWord(w string) bool {
	switch w {
	case "he", "she", "it", "they", "we", "i", "you", "who", "which":
		return true
	}
	return false
}

// npForward returns the end of the noun phrase that starts at token k: a
// pronoun, or determiners, descriptors and names up to a preposition,
// punctuation or a verb. It returns k when there is none.
func (a *analysis) npForward(k, hi int) int {
	if k >= hi || a.toks[k].kind != tkWord || a.toks[k].quote >= 0 {
		return k
	}
	if isPronounWord(a.low[k]) {
		return k + 1
	}
	j := k
	if a.is(j, lxDet) {
		j++
	}
	for j < hi && j-k < 14 {
		t := &a.toks[j]
		if t.kind != tkWord || t.quote >= 0 {
			break
		}
		w := a.low[j]
		if t.has(fPoss) || t.has(fCap) && !(a.is(j, lxCapStop) && j > k && !a.is(j, lxTitle) && !a.insideRun(j)) {
			j++
			continue
		}
		if a.is(j, lxParticle) {
			if e := a.particleChainEnd(j, hi); e > 0 {
				j = e
				continue
			}
		}
		if a.is(j, lxPrep|lxStop|lxAux) || isAdverbWord(w) {
			break
		}
		if a.is(j, lxVerb) && !a.is(j, lxRole) && !isRoleNoun(strings.TrimSuffix(w, "s")) {
			break
		}
		j++
	}
	// A phrase that ends on a lower-case word must end on a noun that can
	// speak; one that ends on a name is a name.
	return j
}

// npBackward returns the start of the noun phrase that ends at token k
// (inclusive), not going before lo. It returns k+1 when there is none.
func (a *analysis) npBackward(k, lo int) int {
	if k < lo || a.toks[k].kind != tkWord || a.toks[k].quote >= 0 {
		return k + 1
	}
	if isPronounWord(a.low[k]) {
		return k
	}
	j := k
	for j >= lo && k-j < 14 {
		t := &a.toks[j]
		if t.kind != tkWord || t.quote >= 0 {
			break
		}
		w := a.low[j]
		if a.is(j, lxDet) {
			return j
		}
		if t.has(fCap) {
			if a.is(j, lxCapStop) && !a.is(j, lxTitle) && !a.insideRun(j) {
				break
			}
			j--
			continue
		}
		if t.has(fPoss) {
			j--
			continue
		}
		if a.is(j, lxParticle) && j < k && a.particleChainEnd(j, k+1) > 0 {
			j--
			continue
		}
		if a.is(j, lxPrep|lxStop|lxAux) || isAdverbWord(w) || isPronounWord(w) {
			break
		}
		if a.is(j, lxVerb) && !a.is(j, lxRole) && !isRoleNoun(strings.TrimSuffix(w, "s")) {
			break
		}
		j--
	}
	return j + 1
}

// insideRun reports whether token j continues the name run of the token
// before it: "May" in "Theresa May" is a name, not the month or the verb.
func (a *analysis) insideRun(j int) bool {
	return j > 0 && a.runAt[j] >= 0 && a.runAt[j-1] == a.runAt[j]
}

// leftAttribution reads the attribution before a quotation in its sentence:
// Borrell said: "…" / He concluded that Europe must "draw consequences" /
// Lavrov, who said that "…". found is false when the sentence has none.
func (a *analysis) leftAttribution(i int) (int, bool) {
	q := a.quotes[i]
	o := q.open
	lo := a.clauseStart(o)
	if lo == o {
		return -1, false
	}
	// "… Mitt Romney -- "…" --": a quotation set off by a dash after a name.
	if o-2 >= lo && a.toks[o-1].kind == tkPunct && isDashText(a.tokText(o-1)) && q.close >= 0 &&
		q.close+1 < len(a.toks) && a.toks[q.close+1].kind == tkPunct && isDashText(a.tokText(q.close+1)) {
		if ri := a.runAt[o-2]; ri >= 0 && a.runs[ri].hi == o-1 && a.runs[ri].ent >= 0 && a.ents[a.runs[ri].ent].person {
			e := a.runs[ri].ent
			a.noteSpeaker(a.runs[ri].lo, e)
			return e, true
		}
	}
	// The nearest reporting verb before the quotation.
	for v := o - 1; v >= lo && o-v <= 45; v-- {
		t := &a.toks[v]
		if t.kind != tkWord || t.has(fCap) && !t.has(fSentStart) {
			continue
		}
		vf, ok := a.verbAt(v)
		if !ok && a.low[v] == "put" && v+1 < o && a.low[v+1] == "it" {
			// "As Ms. Simonyan put it, …"
			vf, ok = verbForm{kind: verbSpeech}, true
		}
		if !ok || a.isNounUse(v, lo) || a.quoteRelative(v, lo) {
			continue
		}
		e, found := a.subjectOf(v, vf, lo, o)
		if found {
			a.attrVerb[i] = v
			return e, true
		}
	}
	// "his claim that people would "learn nothing"": a speech noun with an
	// owner.
	if e, found := a.speechNounOwner(lo, o); found {
		return e, true
	}
	// "Trump openly admires Putin as a "strong leader"", "Reid has gone
	// after Trump as a "con artist"": a characterisation by the clause's
	// subject.
	if k := o - 1; k > lo && (a.low[k] == "a" || a.low[k] == "an" || a.low[k] == "the") {
		k--
		if k > lo && a.low[k] == "as" {
			if e, found := a.clauseSubjectOf(k, a.sentenceStart(k), false); found && e >= 0 {
				return e, true
			}
		}
	}
	// "According to the ministry, "…"" (a verb, if any, came first).
	for k := lo; k+1 < o; k++ {
		if a.low[k] == "according" && a.low[k+1] == "to" {
			end := a.npForward(k+2, o)
			if end > k+2 {
				e := a.resolveNP(k+2, end)
				if e >= 0 {
					a.noteSpeaker(k+2, e)
				}
				return e, true
			}
		}
	}
	// "Trump: "…"", "The governor added:", "Obama is rolling out a new
	// message: "…"": the subject of the clause before the colon.
	if a.isPunct(o-1, ":") {
		s := lo
		if a.is(lo, lxPrep) || a.toks[lo].kind == tkWord && prepWords[strings.ToLower(a.tokText(lo))] {
			// Skip an introductory phrase up to its comma.
			for k := lo; k < o-1; k++ {
				if a.isPunct(k, ",") {
					s = k + 1
					break
				}
			}
			if s == lo {
				return -1, false
			}
		}
		end := a.npForward(s, o-1)
		if end > s && (end == o-1 || a.toks[end].kind == tkWord) {
			e := a.resolveNP(s, end)
			if e >= 0 {
				a.noteSpeaker(s, e)
				return e, true
			}
		}
	}
	return -1, false
}

// clauseStart returns the first token of the reporter's text before token o
// in o's sentence, after any earlier quotation.
func (a *analysis) clauseStart(o int) int {
	sent := a.toks[o].sent
	lo := o
	for lo > 0 && o-lo < maxWindow && a.samePara(lo-1, o) && a.toks[lo-1].sent == sent && a.toks[lo-1].quote < 0 {
		lo--
	}
	return lo
}

// maxWindow bounds, in tokens, how far an attribution rule looks back or
// ahead within a sentence, so that a run-on sentence with many quotations
// costs time in proportion to its length.
const maxWindow = 120

// trailingAttribution reads an attribution that closes the sentence after
// a quotation inside it: Ties have sunk to an 'all-time low', which is why
// …, the ministry said.
func (a *analysis) trailingAttribution(i int) (int, bool) {
	q := a.quotes[i]
	sent := a.toks[q.close].sent
	p := int(a.toks[q.close].para)
	hi := a.paraStart[p+1]
	end := q.close + 1
	for end < hi && a.toks[end].sent == sent {
		if a.toks[end].kind == tkQuote || end-q.close > maxWindow {
			return -1, false
		}
		end++
	}
	// end is one past the sentence; step back over its final stop.
	last := end - 1
	if last > q.close && a.toks[last].kind == tkPunct {
		last--
	}
	// Find ", NP VERB [short tail]" or ", VERB NP" ending the sentence.
	for v := last; v > q.close+1 && last-v <= 8; v-- {
		vf, ok := a.verbAt(v)
		if !ok || vf.participle || vf.kind != verbSpeech || a.toks[v].has(fCap) {
			continue
		}
		for k := v + 1; k <= last; k++ {
			if a.low[k] == "that" || a.toks[k].kind == tkQuote {
				return -1, false
			}
		}
		// ", the ministry said"
		k := a.skipAuxBack(v-1, q.close+1)
		start := a.npBackward(k, q.close+1)
		if start <= k && a.isPunct(start-1, ",") {
			e := a.resolveNP(start, k+1)
			if e >= 0 {
				a.attrVerb[i] = v
				a.noteSpeaker(start, e)
			}
			return e, true
		}
		// ", said the ministry"
		if a.isPunct(v-1, ",") {
			np := a.npForward(v+1, last+1)
			if np > v+1 {
				e := a.resolveNP(v+1, np)
				if e >= 0 {
					a.attrVerb[i] = v
					a.noteSpeaker(v+1, e)
				}
				return e, true
			}
		}
		return -1, false
	}
	return -1, false
}

// isNounUse reports whether the verb form at v is used as a noun: "a
// statement", "the report", "his call", "in a tweet", "late-night tweets".
func (a *analysis) isNounUse(v, lo int) bool {
	if v-1 < lo {
		return false
	}
	// Only a bare form or an -s form doubles as a noun ("a tweet", "the
	// reports"); "said" or "told" never does.
	if vf, ok := a.verbAt(v); ok && !vf.base && !strings.HasSuffix(a.low[v], "s") {
		return false
	}
	w := a.low[v-1]
	if detWords[w] || a.toks[v-1].has(fPoss) || w == "whose" || prepWords[w] && w != "to" {
		return true
	}
	if (isAdjectiveLike(w) || strings.Contains(w, "-")) && v-2 >= lo && (a.is(v-2, lxDet) || a.is(v-2, lxPrep)) {
		return true
	}
	return false
}

func isAdjectiveLike(w string) bool {
	return strings.HasSuffix(w, "al") || strings.HasSuffix(w, "ic") || strings.HasSuffix(w, "ous") ||
		strings.HasSuffix(w, "ful") || strings.HasSuffix(w, "ive") || strings.HasSuffix(w, "ent") ||
		strings.HasSuffix(w, "est") || strings.HasSuffix(w, "er")
}

// subjectOf finds and resolves the subject of the reporting verb at v,
// looking no further back than lo. found is false when the verb has no
// subject we can read (then an earlier verb may still be tried).
func (a *analysis) subjectOf(v int, vf verbForm, lo, o int) (int, bool) {
	k := a.skipAuxBack(v-1, lo)
	passive := false
	for j := max(k+1, lo); j < v; j++ {
		// "was told", "had been told", "has been described"
		switch a.low[j] {
		case "was", "were", "is", "are", "been", "being", "be":
			passive = !vf.participle && strings.HasSuffix(a.low[v], "ed") || a.low[v] == "told"
		}
	}
	if vf.participle && k == v-1 && k >= lo && a.low[k] == "as" {
		if e, ok := a.quotedPassiveSubject(k, lo); ok {
			return e, true
		}
		// "TASS quoted the minister as saying …", "was quoted as saying":
		// the one quoted, right before "as".
		if w := a.low[k-1]; k-1 >= lo && (w == "him" || w == "her") {
			return a.resolvePronoun(pronounGender(w), k-1), true
		}
		if start := a.npBackward(k-1, lo); start < k && !a.is(k-1, lxAux) {
			if e := a.resolveNP(start, k); e >= 0 {
				a.noteSpeaker(start, e)
				return e, true
			}
		}
	}
	if vf.participle && k+1 == v || k >= lo && a.low[k] == "to" {
		// "…, saying …", "took to Twitter to accuse …": the subject of the
		// clause the participle or infinitive hangs from.
		return a.clauseSubject(v, a.sentenceStart(v))
	}
	if passive {
		// "was described by X as …"
		for j := v + 1; j < o; j++ {
			if a.low[j] == "by" {
				end := a.npForward(j+1, o)
				if end > j+1 {
					e := a.resolveNP(j+1, end)
					if e >= 0 {
						a.noteSpeaker(j+1, e)
					}
					return e, true
				}
			}
		}
		return -1, true
	}
	if k < lo {
		return -1, false
	}
	switch a.low[k] {
	case "and", "but", "or":
		// "… and said": the subject of the first verb.
		return a.clauseSubject(v, a.sentenceStart(v))
	}
	k = a.skipParentheticalBack(k, lo)
	if k < lo {
		return -1, false // only a bracketed aside before the verb
	}
	if a.toks[k].kind == tkPunct && isDashText(a.tokText(k)) {
		// "John Dickey, the chief executive of Ora Media -- the company
		// that … -- told me": step over the aside.
		for j := k - 1; j >= lo && j > k-40; j-- {
			if a.toks[j].kind == tkPunct && isDashText(a.tokText(j)) {
				return a.segmentSubject(j, lo)
			}
		}
	}
	if a.isPunct(k, ",") {
		return a.segmentSubject(k, lo)
	}
	if e, ok := a.relativeClauseSubject(k, lo); ok {
		return e, true
	}
	if e := a.unclosedApposition(k, lo); e >= 0 {
		a.noteSpeaker(lo, e)
		return e, true
	}
	start := a.npBackward(k, lo)
	if start > k {
		return -1, false
	}
	if a.secondConjunct(start, lo) {
		// "Karl Weiss and Ruth Adebayo said": the words are both
		// people's, or either's; no one of them is the speaker.
		return -1, true
	}
	if outer, e := a.sourceWithPlace(start, k, lo); e >= 0 {
		a.noteSpeaker(outer, e)
		return e, true
	}
	if a.low[start] == "who" || a.low[start] == "which" {
		if ri := a.runAt[max(start-1, 0)]; start-1 >= lo && ri >= 0 && a.runs[ri].hi == start &&
			(a.runs[ri].ent >= 0 || a.runs[ri].kind == runOrg) {
			// "the Chicago Police Department which reported …"
			e := a.runEntity(int(ri), a.runs[ri].lo)
			if e >= 0 {
				a.noteSpeaker(a.runs[ri].lo, e)
			}
			return e, true
		}
		if !a.isPunct(start-1, ",") {
			// "a young woman who suggested …": a restrictive clause inside
			// another clause; an earlier verb may govern the quotation.
			return -1, false
		}
		return a.relativeAntecedent(start, lo)
	}
	if start == k && (a.low[k] == "it" || a.low[k] == "this" || a.low[k] == "that") && !itVerbs[verbBase(a.low[v])] {
		// "it would tell a story", "it underscores": not a speaker.
		return -1, false
	}
	e := a.resolveNP(start, k+1)
	if e >= 0 {
		a.noteSpeaker(start, e)
		return e, true
	}
	return -1, a.realSubject(start, k+1)
}

// readFrom reads "X read from a letter signed by Y" after the verb at v:
// the words are the document's, so its issuer speaks, or no one when the
// text does not say who issued it. ok is false when v is not "read" or no
// document follows.
func (a *analysis) readFrom(v, hi int) (int, bool) {
	if a.low[v] != "read" || v+2 >= hi {
		return -1, false
	}
	j := v + 1
	if a.low[j] == "from" || a.low[j] == "out" {
		j++
	}
	end := a.npForward(j, hi)
	for end > j && !a.is(end-1, lxDocument) {
		end-- // "a letter signed": the document noun ends the phrase
	}
	if end <= j {
		return -1, false
	}
	lo := j
	det := ""
	if a.is(lo, lxDet) {
		det = a.low[lo]
		lo++
	}
	e := a.namedIssuer(lo, end, det)
	if e >= 0 {
		a.noteSpeaker(j, e)
	}
	return e, true
}

// quotedVerbs report that a medium carried someone's words: "was quoted
// by TASS as saying", "the agency quoted him as saying", "cited".
var quotedVerbs = wordSet("quoted", "cited")

// quotedPassiveSubject reads "X was quoted (by TASS) as saying" before the
// "as" at token as: the speaker is X, the subject of the passive, never the
// agency that carried the words. ok is false for another construction.
func (a *analysis) quotedPassiveSubject(as, lo int) (int, bool) {
	q := as - 1
	if q > lo && !quotedVerbs[a.low[q]] {
		// "was quoted by TASS as saying": step back over the agency.
		start := a.npBackward(q, lo)
		if start > q || start-2 < lo || a.low[start-1] != "by" {
			return -1, false
		}
		q = start - 2
	}
	if q <= lo || !quotedVerbs[a.low[q]] {
		return -1, false
	}
	aux := q - 1
	for aux > lo && isAdverbWord(a.low[aux]) {
		aux--
	}
	switch a.low[aux] {
	case "was", "were", "is", "are", "been", "being", "be":
	default:
		return -1, false
	}
	k := a.skipAuxBack(aux, lo)
	if k < lo {
		return -1, false
	}
	if a.isPunct(k, ",") {
		return a.segmentSubject(k, lo)
	}
	start := a.npBackward(k, lo)
	if start > k {
		return -1, false
	}
	e := a.resolveNP(start, k+1)
	if e >= 0 {
		a.noteSpeaker(start, e)
	}
	return e, true
}

// unclosedApposition reads "Colin Asplin, Blackpool Hotel Association
// said", "Mark Serwotka, the leader of the union said": a person's name
// opens the clause and an apposition whose second comma is missing runs
// up to the verb. k is the last word before the verb. It returns the
// person, or -1.
func (a *analysis) unclosedApposition(k, lo int) int {
	c := -1
	for j := lo; j <= k && j-lo < 12; j++ {
		if a.isPunct(j, ",") {
			c = j
			break
		}
	}
	if c <= lo || c >= k || a.toks[k].kind != tkWord {
		return -1
	}
	ri := a.runAt[c-1]
	if ri < 0 || a.runs[ri].hi != c || !a.opensClauseAt(a.runs[ri].lo, lo) {
		return -1
	}
	e := a.runs[ri].ent
	if e < 0 || !a.ents[e].person || a.ents[e].unnamed {
		return -1
	}
	for j := c + 1; j <= k; j++ {
		t := &a.toks[j]
		if t.kind != tkWord || t.quote >= 0 {
			return -1
		}
		w := a.low[j]
		if w == "who" || w == "which" || w == "that" || a.is(j, lxAux) || a.is(j, lxClauseOpener) && w != "and" {
			return -1
		}
		if a.is(j, lxVerb) && !a.is(j, lxRole) {
			return -1
		}
		if ri := a.runAt[j]; ri >= 0 && a.runs[ri].ent >= 0 && a.ents[a.runs[ri].ent].person && a.runs[ri].ent != e {
			return -1 // another person: not an apposition of the first
		}
	}
	return e
}

// relativeClauseSubject reads a subject separated from its verb by a
// restrictive relative clause: "A senior official who asked not to be
// named told reporters …", "The envoy who led the talks said …". k is the
// last word before the verb. ok is false when there is no such clause.
func (a *analysis) relativeClauseSubject(k, lo int) (int, bool) {
	for j := k - 1; j > lo && k-j <= 12; j-- {
		t := &a.toks[j]
		if t.kind != tkWord || t.quote >= 0 {
			return -1, false
		}
		if a.low[j] != "who" {
			continue
		}
		h := j - 1
		if a.toks[h].kind != tkWord {
			return -1, false // ", who …," is read by segmentSubject
		}
		head := a.low[h]
		if !a.toks[h].has(fCap) && !isRoleNoun(head) && !unnamedRoles[singularNoun(head)] {
			return -1, false
		}
		start := a.npBackward(h, lo)
		if start > h || start > lo && !a.clauseStartBefore(start) {
			return -1, false
		}
		e := a.resolveNP(start, h+1)
		if e >= 0 {
			a.noteSpeaker(start, e)
		}
		return e, true
	}
	return -1, false
}

// itVerbs are the reporting verbs whose subject "it" can be an
// organisation or a document: "it said", "it reads", "it calls".
var itVerbs = wordSet("say", "read", "state", "add", "note", "announce", "declare",
	"warn", "claim", "write", "report", "confirm", "deny", "call", "describe",
	"respond", "reply", "explain", "urge", "insist", "accuse", "demand", "tweet",
	"post", "allege", "charge", "conclude", "predict", "label", "brand", "dub", "term")

// verbBase returns the base form of a reporting verb form, for the few
// checks that need it.
func verbBase(w string) string {
	return verbBases[w]
}

// sentenceStart returns the first token of token k's sentence in its
// paragraph, quotations included.
func (a *analysis) sentenceStart(k int) int {
	sent := a.toks[k].sent
	lo := k
	for lo > 0 && k-lo < maxWindow && a.samePara(lo-1, k) && a.toks[lo-1].sent == sent {
		lo--
	}
	return lo
}

// speechNouns name what someone said: "his claim that …", "Clinton's
// description of …".
var speechNouns = wordSet("claim", "claims", "statement", "remark", "remarks",
	"words", "comment", "comments", "assertion", "warning", "promise", "pledge",
	"vow", "description", "prediction", "insistence", "declaration", "call",
	"message", "argument", "suggestion", "charge", "accusation", "boast",
	"complaint", "contention", "view", "verdict", "quip", "retort", "reply",
	"response", "answer", "plea", "demand", "slogan", "mantra", "motto")

// speechNounOwner finds "his claim that …" or "Trump's remark that …"
// before a quotation and names the owner.
func (a *analysis) speechNounOwner(lo, o int) (int, bool) {
	for k := o - 1; k > lo && o-k <= 20; k-- {
		if !speechNouns[a.low[k]] || a.toks[k].has(fCap) {
			continue
		}
		owner := k - 1
		for owner > lo && (isAdjectiveLike(a.low[owner]) || isAdverbWord(a.low[owner])) && !a.toks[owner].has(fCap) {
			owner--
		}
		switch w := a.low[owner]; {
		case w == "his" || w == "her":
			g := pronounGender(w)
			e := a.resolvePronoun(g, owner)
			return e, e >= 0
		case a.toks[owner].has(fPoss) && owner-1 >= lo:
			if ri := a.runAt[owner-1]; ri >= 0 && a.runs[ri].ent >= 0 && a.ents[a.runs[ri].ent].person {
				return a.runs[ri].ent, true
			}
		}
		return -1, false
	}
	return -1, false
}

// realSubject reports whether the phrase [lo, hi) is a subject that names
// someone we cannot resolve (they, critics, the two sides): then an earlier
// verb belongs to another clause and the search stops. Fragments such as
// "late-night" are not.
func (a *analysis) realSubject(lo, hi int) bool {
	if hi-lo == 1 && isPronounWord(a.low[lo]) {
		return true
	}
	head := a.low[hi-1]
	return isRoleNoun(head) || isRoleNoun(singularNoun(head)) || institutionNouns[head] ||
		a.toks[hi-1].has(fCap) || unnamedRoles[singularNoun(head)]
}

// segmentSubject finds the subject of a verb preceded by comma-separated
// segments: "Trump, speaking in Michigan, said" / "a key organiser of the
// summit, Indian civil servant Amitabh Kant, said" / "Donna Rawlings, 59,
// of Ashton, Md., who watched the ceremony, said". A segment that is a
// person's name wins; else the first segment that is a noun phrase.
func (a *analysis) segmentSubject(comma, lo int) (int, bool) {
	type seg struct{ lo, hi int }
	var segs []seg
	end := comma
	for k := comma - 1; k >= lo-1; k-- {
		if k < lo || a.isPunct(k, ",") || a.toks[k].kind == tkPunct && isDashText(a.tokText(k)) {
			if k+1 < end {
				segs = append(segs, seg{k + 1, end})
			}
			end = k
		}
	}
	// segs is right to left; try left to right.
	first := -1
	for j := len(segs) - 1; j >= 0; j-- {
		if e := a.skipParentheticalBack(segs[j].hi-1, segs[j].lo); e < segs[j].hi-1 {
			segs[j].hi = e + 1 // "Attorney General Roy Cooper (D)"
		}
		s := segs[j]
		if s.hi <= s.lo {
			continue
		}
		start := a.npBackward(s.hi-1, s.lo)
		if start > s.lo && start <= s.hi-1 && a.complementSubject(start, s.hi) {
			// "Mr Howard denied Mr Yeo, his spokesman, said …": the
			// name before the apposition is the subject of the clause
			// that a verb of saying or denying introduces.
			e := a.runs[a.runAt[s.hi-1]].ent
			a.noteSpeaker(start, e)
			return e, true
		}
		if start != s.lo && !(start == s.lo+1 && a.is(s.lo, lxCapStop)) {
			// "An official at the embassy": a noun phrase and its place.
			if end := a.npForward(s.lo, s.hi); end > s.lo && end < s.hi && a.is(end, lxPrep) && !a.is(s.lo, lxPrep) {
				segs[j].hi = end
				if first < 0 {
					first = j
				}
			}
			continue
		}
		if w := a.low[start]; w == "who" || w == "which" {
			continue
		}
		if ri := a.runAt[s.hi-1]; ri >= 0 && a.runs[ri].ent >= 0 && a.ents[a.runs[ri].ent].person {
			e := a.resolveNP(start, s.hi)
			if e >= 0 {
				a.noteSpeaker(start, e)
				return e, true
			}
		}
		if first < 0 {
			first = j
		}
	}
	if first < 0 {
		return -1, false
	}
	s := segs[first]
	start := a.npBackward(s.hi-1, s.lo)
	e := a.resolveNP(start, s.hi)
	if e >= 0 {
		a.noteSpeaker(start, e)
		return e, true
	}
	return -1, a.realSubject(start, s.hi)
}

// quoteRelative reports whether the reporting verb at v ends a relative
// clause on a quoted phrase before it: in "instead of the "bonfire of
// quangos" New Labour had promised, there had been an "explosion"" the
// promise is the bonfire's, and the later quotation is not New Labour's.
func (a *analysis) quoteRelative(v, lo int) bool {
	if v+1 >= len(a.toks) || !a.isPunct(v+1, ",") {
		return false
	}
	k := a.skipAuxBack(v-1, lo)
	if k < lo || a.toks[k].kind != tkWord {
		return false
	}
	start := a.npBackward(k, lo)
	p := start - 1
	// The quoted phrase ends just before the clause (lo may be the first
	// token after it).
	return start <= k && p >= 0 && p >= lo-1 && a.samePara(p, v) && a.toks[p].kind == tkQuote && a.toks[p].has(fClose)
}

// secondConjunct reports whether the noun phrase starting at start is the
// second half of a coordinated subject: "and" before it and a name or a
// plural noun before that ("Tories and Lib Dems welcomed …").
func (a *analysis) secondConjunct(start, lo int) bool {
	c := start - 1
	if c-1 < lo || a.toks[c].kind != tkWord || a.low[c] != "and" && a.low[c] != "or" {
		return false
	}
	p := c - 1
	t := &a.toks[p]
	if t.kind != tkWord || t.quote >= 0 {
		return false
	}
	if a.runAt[p] >= 0 && a.runs[a.runAt[p]].hi == p+1 {
		return true
	}
	w := a.low[p]
	return isRoleNoun(singularNoun(w)) && w != singularNoun(w) || unnamedRoles[singularNoun(w)] && w != singularNoun(w)
}

// complementSubject reports whether the noun phrase [start, hi) is a
// person's name that opens a clause after a verb of saying or "that"
// ("denied Mr Yeo …", "said that Ms Ribas …").
func (a *analysis) complementSubject(start, hi int) bool {
	ri := a.runAt[hi-1]
	if ri < 0 || a.runs[ri].ent < 0 || !a.ents[a.runs[ri].ent].person || a.ents[a.runs[ri].ent].unnamed {
		return false
	}
	p := start - 1
	if a.toks[p].kind != tkWord {
		return false
	}
	if a.low[p] == "that" {
		return true
	}
	vf, ok := a.verbAt(p)
	return ok && vf.kind == verbSpeech && !vf.participle && !vf.base
}

// clauseSubject finds the subject of the clause that a participle (or a
// second verb after "and") at v hangs from: a name or pronoun right before
// it ("footage of Clinton asking"), else the nearest pronoun or name in
// subject position, else the noun phrase that opens the sentence.
func (a *analysis) clauseSubject(v, lo int) (int, bool) {
	return a.clauseSubjectOf(v, lo, true)
}

// clauseSubjectOf is clauseSubject; adjacent says whether a name right
// before v is its subject (true for participles, not for "as").
func (a *analysis) clauseSubjectOf(v, lo int, adjacent bool) (int, bool) {
	// "Officials said, describing …", "X had mocked the complaint, saying
	// …": the subject of the reporting verb the participle follows.
	for k := v - 1; k >= lo && adjacent; k-- {
		if a.toks[k].quote >= 0 || a.toks[k].kind != tkWord || a.toks[k].has(fCap) {
			continue
		}
		if vf, ok := a.verbAt(k); ok && !vf.participle && !vf.base && !a.isNounUse(k, lo) {
			if e, found := a.subjectOf(k, vf, lo, v); found {
				return e, true
			}
			break
		}
	}
	if k := v - 1; k >= lo && adjacent {
		if ri := a.runAt[k]; ri >= 0 && a.runs[ri].hi == v && a.runs[ri].ent >= 0 && a.ents[a.runs[ri].ent].person {
			e := a.runs[ri].ent
			a.noteSpeaker(a.runs[ri].lo, e)
			return e, true
		}
	}
	for k := v - 1; k >= lo; k-- {
		t := &a.toks[k]
		if t.kind != tkWord || t.quote >= 0 {
			continue
		}
		w := a.low[k]
		if w == "he" || w == "she" || w == "it" {
			e := a.resolveNP(k, k+1)
			if e >= 0 {
				a.noteSpeaker(k, e)
			}
			if e >= 0 || w != "it" {
				return e, true
			}
		}
		if ri := a.runAt[k]; ri >= 0 {
			r := a.runs[ri]
			if k == r.hi-1 && r.subj && (r.ent >= 0 || r.kind == runOrg) {
				start := a.npBackward(k, lo)
				if a.secondConjunct(start, lo) {
					return -1, true
				}
				end := k + 1
				if r.poss {
					// "Scott's relatives … and said": the whole phrase.
					end = a.npForward(start, v)
				}
				e := a.resolveNP(start, end)
				if e >= 0 {
					a.noteSpeaker(start, e)
				}
				return e, true
			}
		}
	}
	// The noun phrase that opens the sentence, after an introductory phrase
	// ending in a comma ("Small groups of protesters continued …") or a
	// dateline ("MOSCOW, March 3 (Reuters) -").
	s := lo
	if ri := a.runAt[lo]; ri >= 0 && a.runs[ri].kind == runOther && a.toks[lo].has(fAllCaps) {
		for k := lo; k < v && k < lo+12; k++ {
			if a.toks[k].kind == tkPunct && (isDashText(a.tokText(k)) || a.tokText(k) == "-") {
				s, lo = k+1, k+1
				break
			}
		}
	}
	for k := lo; k < v; k++ {
		if a.isPunct(k, ",") && a.is(lo, lxPrep) {
			s = k + 1
			break
		}
	}
	end := a.npForward(s, v)
	for end < v && a.low[end] == "of" {
		end = a.npForward(end+1, v)
	}
	if end <= s {
		return -1, false
	}
	if ri := a.runAt[end-1]; ri >= 0 && a.runs[ri].ent < 0 && a.runs[ri].kind != runOrg {
		// A capitalised word never seen as a name ("Talks will resume")
		// names no one.
		return -1, false
	}
	if end > s && end < v {
		e := a.resolveNP(s, end)
		if e >= 0 && (!a.ents[e].unnamed || a.toks[end-1].has(fCap) || !a.is(s, lxDet)) {
			a.noteSpeaker(s, e)
			return e, true
		}
	}
	return -1, false
}

// relativeAntecedent resolves "who" at k: the noun phrase before ", who".
func (a *analysis) relativeAntecedent(k, lo int) (int, bool) {
	j := k - 1
	if !a.isPunct(j, ",") {
		// "Stevie Wonder, who joked" needs the comma; "people who said"
		// names nobody.
		return -1, true
	}
	j--
	start := a.npBackward(j, max(lo, j-14))
	if start > j {
		// The sentence may begin before lo: allow the whole paragraph.
		start = a.npBackward(j, a.paraStart[a.toks[k].para])
		if start > j {
			return -1, true
		}
	}
	e := a.resolveNP(start, j+1)
	if e >= 0 {
		a.noteSpeaker(start, e)
	}
	return e, true
}

// inherit gives a quotation with no attribution of its own the speaker of
// the quotation it continues: the one before it in the same paragraph when
// no other reporting verb comes between ("…," he said. "…"), the one its
// paragraph carries on, or the speaker a previous paragraph introduced with
// a colon or closed with an attributed quotation.
func (a *analysis) inherit(i int, speakers []int) int {
	q := a.quotes[i]
	if i > 0 {
		prev := a.quotes[i-1]
		if prev.openEnd && q.reopened {
			return speakers[i-1]
		}
		if a.samePara(prev.open, q.open) && speakers[i-1] >= 0 && a.otherSpeakers(prevEnd(prev), q.open, a.attrVerb[i-1], speakers[i-1]) == 0 {
			return speakers[i-1]
		}
	}
	if e := a.sentenceAfterSubject(q); e >= 0 {
		return e
	}
	p := q.para
	if p == 0 || q.open != a.paraStart[p] {
		return -1
	}
	lo, hi := a.paraStart[p-1], a.paraStart[p]
	if hi-1 < lo {
		return -1
	}
	if a.isPunct(hi-1, ":") {
		// The introduction's subject.
		s := a.clauseStart(hi - 1)
		for v := hi - 2; v >= s; v-- {
			if vf, ok := a.verbAt(v); ok && !a.isNounUse(v, s) {
				if e, found := a.subjectOf(v, vf, s, hi-1); found {
					return e
				}
			}
		}
		end := a.npForward(s, hi-1)
		if end > s && end < hi {
			if e := a.resolveNP(s, end); e >= 0 {
				a.noteSpeaker(s, e)
				return e
			}
		}
		return -1
	}
	if i > 0 && a.quotes[i-1].para == p-1 && speakers[i-1] >= 0 && !a.hasAttribution(p) {
		// The last quotation of the previous paragraph must be in its last
		// sentence.
		last := a.toks[hi-1].sent
		if a.toks[prevEnd(a.quotes[i-1])].sent == last || a.quotes[i-1].openEnd {
			return speakers[i-1]
		}
	}
	if a.wholeParagraph(q) && !a.hasAttribution(p) {
		return a.reportedSpeaker(lo, hi)
	}
	return -1
}

// wholeParagraph reports whether the quotation is its paragraph's whole
// text, marks and final punctuation aside.
func (a *analysis) wholeParagraph(q quoteSpan) bool {
	hi := a.paraStart[q.para+1]
	if q.open != a.paraStart[q.para] || q.close < 0 {
		return false
	}
	for k := q.close + 1; k < hi; k++ {
		if a.toks[k].kind != tkPunct {
			return false
		}
	}
	return true
}

// reportedSpeaker gives a paragraph that is one quotation the speaker of
// the paragraph [lo, hi) before it when that paragraph ends by reporting
// someone's words without quoting them: "Ostrova added that the offer was
// final." The last sentence must have no quotation and a reporting verb
// whose subject the rules can name.
func (a *analysis) reportedSpeaker(lo, hi int) int {
	last := a.toks[hi-1].sent
	s := hi - 1
	for s > lo && a.toks[s-1].sent == last && hi-s < maxWindow {
		s--
	}
	for k := s; k < hi; k++ {
		if a.toks[k].quote >= 0 {
			return -1
		}
	}
	for v := s; v < hi; v++ {
		if a.toks[v].kind != tkWord || a.toks[v].has(fCap) && !a.toks[v].has(fSentStart) {
			continue
		}
		vf, ok := a.verbAt(v)
		if !ok || vf.kind != verbSpeech || vf.participle || a.isNounUse(v, s) {
			continue
		}
		if e, found := a.subjectOf(v, vf, s, hi); found {
			return e
		}
	}
	return -1
}

// otherSpeakers counts the reporting verbs between tokens lo and hi (other
// than the one at skip) whose subject is not entity e: "He didn't
// suggest retaliation." between two quotations of his keeps them his.
func (a *analysis) otherSpeakers(lo, hi, skip, e int) int {
	n := 0
	for k := lo + 1; k < hi; k++ {
		if k == skip || a.toks[k].quote >= 0 || a.toks[k].kind != tkWord || a.toks[k].has(fCap) && !a.toks[k].has(fSentStart) {
			continue
		}
		vf, ok := a.verbAt(k)
		if !ok || vf.kind != verbSpeech || vf.participle || a.isNounUse(k, lo+1) {
			continue
		}
		if vf.base && (k == 0 || !a.pluralSubject(k-1, k)) {
			continue // "state Del. Marcia Price": a bare form after a noun is no verb
		}
		s := a.skipAuxBack(k-1, lo+1)
		if s > lo && a.toks[s].kind == tkWord && (a.low[s] == "he" || a.low[s] == "she") {
			if a.resolvePronoun(pronounGender(a.low[s]), s) == e {
				continue
			}
		}
		if ri := a.runAt[max(s, 0)]; s > lo && ri >= 0 && a.runs[ri].ent == e {
			continue
		}
		n++
	}
	return n
}

// sentenceAfterSubject gives a quotation that is a sentence of its own to
// the person the previous sentence of its paragraph is about: "Sanders
// identified young voters' exhaustion as a reason. "The younger people are
// sick and tired."" The previous sentence must have no quotation and name
// that person as its first subject.
func (a *analysis) sentenceAfterSubject(q quoteSpan) int {
	o := q.open
	if !a.toks[o].has(fSentStart) || q.close < 0 || !endsWithStop(q.text) || o == a.paraStart[q.para] {
		return -1
	}
	if q.close+1 < a.paraStart[q.para+1] && a.toks[q.close+1].sent == a.toks[q.close].sent {
		return -1 // the sentence goes on after the quotation
	}
	prevSent := a.toks[o-1].sent
	s := o - 1
	for s > a.paraStart[q.para] && a.toks[s-1].sent == prevSent {
		s--
	}
	found := -1
	for k := s; k < o; k++ {
		if a.toks[k].quote >= 0 {
			return -1
		}
		if found >= 0 {
			continue
		}
		if w := a.low[k]; (w == "he" || w == "she") && a.toks[k].has(fSentStart) {
			found = a.resolvePronoun(pronounGender(w), k)
			continue
		}
		if ri := a.runAt[k]; ri >= 0 && a.runs[ri].lo == k && a.runs[ri].subj && a.runs[ri].ent >= 0 &&
			a.ents[a.runs[ri].ent].person && a.opensClauseAt(k, s) {
			found = a.runs[ri].ent
		}
	}
	return found
}

// opensClauseAt reports whether the run at k is the first subject of the
// sentence starting at s: only an introductory phrase ending in a comma
// may come before it ("On Sunday, Sen. Bernie Sanders …").
func (a *analysis) opensClauseAt(k, s int) bool {
	if k == s {
		return true
	}
	if _, phrase := a.roleBefore(k); phrase != "" {
		// "Lib Dem leader Charles Kennedy": the role phrase belongs to
		// the subject.
		for k > s && a.toks[k-1].s >= a.toks[k].s-int32(len(phrase))-1 {
			k--
		}
		if k == s {
			return true
		}
	}
	if a.is(s, lxClauseOpener) && (k == s+1 || k == s+2 && a.isPunct(s+1, ",")) {
		// "But Charles Kennedy said …", "Meanwhile, …"
		return true
	}
	if a.is(s, lxPrep) || a.toks[s].has(fCap) && prepWords[strings.ToLower(a.tokText(s))] {
		for j := s; j < k; j++ {
			if a.isPunct(j, ",") {
				return j == k-1
			}
		}
	}
	return false
}

func prevEnd(q quoteSpan) int {
	if q.close >= 0 {
		return q.close
	}
	return q.last
}

// hasAttribution reports whether paragraph p has any reporting verb outside
// its quotations. The answer is kept, so each paragraph is read once.
func (a *analysis) hasAttribution(p int) bool {
	if a.paraAttr == nil {
		a.paraAttr = make([]int8, len(a.texts))
	}
	if a.paraAttr[p] == 0 {
		a.paraAttr[p] = -1
		if a.scanAttribution(p) {
			a.paraAttr[p] = 1
		}
	}
	return a.paraAttr[p] > 0
}

func (a *analysis) scanAttribution(p int) bool {
	for k := a.paraStart[p]; k < a.paraStart[p+1]; k++ {
		if a.toks[k].quote >= 0 || a.toks[k].kind != tkWord {
			continue
		}
		if vf, ok := a.verbAt(k); ok && vf.kind == verbSpeech {
			return true
		}
	}
	return false
}

// noteSpeaker records that entity e is named (or referred to) at token k,
// so that later pronouns and role nouns can find it.
func (a *analysis) noteSpeaker(k, e int) {
	a.insertRef(entMention{tok: k, ent: e, subj: true})
}

// insertRef adds a resolved reference, keeping refs in text order.
func (a *analysis) insertRef(m entMention) {
	n := len(a.refs)
	if n == 0 || a.refs[n-1].tok < m.tok {
		a.refs = append(a.refs, m)
		return
	}
	at := sort.Search(n, func(i int) bool { return a.refs[i].tok >= m.tok })
	if at < n && a.refs[at].tok == m.tok {
		a.refs[at] = m
		return
	}
	a.refs = append(a.refs, entMention{})
	copy(a.refs[at+1:], a.refs[at:])
	a.refs[at] = m
}

// isPartial reports whether quotation i is a fragment inside the reporter's
// own sentence rather than a full quotation.
func (a *analysis) isPartial(i int) bool {
	q := a.quotes[i]
	o := q.open
	if o == a.paraStart[q.para] || q.reopened {
		return false
	}
	prev := a.tokText(o - 1)
	if a.toks[o-1].kind == tkPunct && (prev == ":" || prev == ",") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(q.text)
	if unicode.IsUpper(first) && (endsWithStop(q.text) || q.close >= 0 && a.isPunct(q.close-1, ",")) {
		return false
	}
	if a.toks[o-1].kind == tkWord && a.low[o-1] == "that" && endsWithStop(q.text) {
		return false
	}
	return true
}
