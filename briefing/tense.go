package briefing

import (
	"strings"
	"unicode/utf8"
)

// verbTense is what the verb governing a temporal phrase says about when the
// thing happens, as far as word forms can tell without a parser.
type verbTense uint8

const (
	tenseNone        verbTense = iota // no verb found
	tensePast                         // said, was held, met
	tensePerfect                      // has announced, have been invited
	tensePresent                      // is, says, is viewed
	tenseProgressive                  // is holding, are meeting
	tenseFuture                       // will, could, is due to, is set to, plans to
	tensePlanPast                     // was scheduled, was weighing, planned, agreed to
	tenseInfFuture                    // "to attend" under a present or no finite verb
	tenseInfPast                      // "to make" under a past verb: urged them to make
	// tenseAdjunct is a phrase inside a participle clause led by "after",
	// "before" or "upon" ("After meeting his counterpart on Monday, he
	// will fly on"): the participle has no tense of its own, and the main
	// verb's is not the phrase's, so only nearness to publication decides.
	tenseAdjunct
)

// aheadForWeekday reports whether a bare weekday in a clause of this tense
// names the coming day ("will meet on Tuesday") rather than the last one
// ("met on Tuesday"). Past forms are easy to see (-ed, a closed list of
// irregular verbs), so a clause where none shows is most often in the
// present, and the present with a weekday announces: "the leaders meet for
// the first debate Monday".
func (t verbTense) aheadForWeekday() bool {
	switch t {
	case tenseNone, tensePresent, tenseProgressive, tenseFuture, tensePlanPast, tenseInfFuture:
		return true
	}
	return false
}

// ahead reports whether the clause speaks of a time still to come: enough to
// list "this week" or "this year", which also hold the past. A progressive
// counts ("is travelling to the region this week"); findEvents does not ask
// for "this year's campaign", which names a period, not a time.
func (t verbTense) ahead() bool {
	return t == tenseFuture || t == tensePlanPast || t == tenseProgressive
}

// past reports whether the clause firmly places its event before now.
func (t verbTense) past() bool { return t == tensePast || t == tensePerfect }

// tenseAt finds the tense that governs tokens [first, last) within the
// sentence tokens [lo, hi). It looks for the nearest verb group before the
// phrase inside its segment (segments end at ; : — brackets and quotation
// marks); for a fronted phrase ("On Friday, the ministry said") it takes
// the first verb group after it.
func (m *dateScan) tenseAt(lo, hi int, mn timex) verbTense {
	first, last := mn.first, mn.last
	segLo, segHi := m.segment(lo, hi, first, last)
	for j := first - 1; j >= segLo; j-- {
		if m.punct(j, ',') {
			if k, ok := m.relativeClauseStart(j, segLo); ok {
				// "The ceasefire, which took effect on Sunday, expires on
				// Friday": the verb inside the commas is another clause's.
				j = k
				continue
			}
		}
		if c := m.toks[j].lex.cue; (c == cueIng || c == cuePlanIng) && m.toks[j].kind == tWord && m.frontedAdjunct(j, segLo, segHi) {
			if m.word(j-1) == wSince {
				return tensePast // "Since taking office in January, she has"
			}
			return tenseAdjunct
		}
		if m.toks[j].lex.relative && m.punct(j-1, ',') && !m.verbish(j, segHi) {
			// Inside ", which enters into force on 1 July," with no verb
			// seen: the verb outside the commas is another clause's.
			for k := last; k < segHi && !m.punct(k, ','); k++ {
				if m.verbish(k, segHi) {
					return m.groupTense(k, j, segHi)
				}
			}
			return tenseNone
		}
		if !m.verbish(j, segHi) {
			continue
		}
		g := m.groupTense(j, segLo, segHi)
		if g == tensePlanPast && j+1 == first && first < mn.core && m.toks[j].lex.cue == cuePlan && m.word(first) != wFor {
			// "agreed on Tuesday to a timetable": the date is when they
			// agreed, not when the plan is for ("their planned December
			// meeting" has no preposition and is the plan's date, and
			// "was scheduled for Thursday" names the date with "for").
			return tensePast
		}
		if m.toks[j].lex.cue == cueEd && g == tensePast {
			// A bare -ed word may be an adjective ("will discuss strained
			// ties"): prefer a surer verb further back in the same clause.
			if surer, ok := m.surerVerb(j-1, segLo, segHi); ok {
				return surer
			}
		}
		return g
	}
	// Nothing before it: the phrase opens the clause ("On Friday, the
	// ministry said", "After a test in January, the council imposed").
	// Its time is the verb's own: "In a call on Monday, the leaders
	// agreed to meet" dates the agreeing, not the meeting.
	for j := last; j < segHi; j++ {
		if m.toks[j].lex.relative && !strings.EqualFold(m.tokenText(j), "when") && !m.determinerThat(j) {
			if m.punct(j-1, ',') && j > last+1 {
				// "On Thursday, the officer, who fired the shots, was
				// charged": step over the clause set off by commas.
				for j+1 < segHi && !m.punct(j+1, ',') {
					j++
				}
				continue
			}
			// "a report from over the weekend that may have": a clause
			// about something else. "Thursday, when 133 people were
			// arrested" speaks of the time itself.
			break
		}
		if m.verbish(j, segHi) {
			if g := m.groupTense(j, segLo, segHi); g != tensePlanPast {
				return g
			}
			return tensePast
		}
	}
	// A phrase alone in brackets or a quotation takes its sentence's tense.
	if segLo > lo || segHi < hi {
		for j := first - 1; j >= lo; j-- {
			if m.verbish(j, hi) {
				return m.groupTense(j, lo, hi)
			}
		}
		for j := last; j < hi; j++ {
			if m.verbish(j, hi) {
				return m.groupTense(j, lo, hi)
			}
		}
	}
	return tenseNone
}

// frontedAdjunct reports whether the participle at j opens a clause led by
// "after", "before", "since" or "upon" that comes before any verb of its
// segment: "After meeting his counterpart on Monday, the minister". A
// participle after the main verb ("will meet Xi before leaving on Friday")
// takes that verb's time.
func (m *dateScan) frontedAdjunct(j, segLo, segHi int) bool {
	p := j - 1
	switch {
	case p < segLo:
		return false
	case m.word(p) == wAfter, m.word(p) == wBefore, m.word(p) == wSince:
	case m.toks[p].kind == tWord && strings.EqualFold(m.tokenText(p), "upon"):
	default:
		return false
	}
	for k := p - 1; k >= segLo; k-- {
		if m.verbish(k, segHi) {
			return false
		}
	}
	return true
}

// relativeClauseStart returns the comma that opens a relative clause
// closed by the comma at j (", which took effect on Sunday,"), if the
// clause has no other comma.
func (m *dateScan) relativeClauseStart(j, lo int) (int, bool) {
	for k := j - 1; k > lo; k-- {
		if m.punct(k, ',') {
			if m.toks[k+1].kind == tWord && m.toks[k+1].lex.relative && !m.determinerThat(k+1) {
				return k, true
			}
			return 0, false
		}
	}
	return 0, false
}

// determinerThat reports whether token j is "that" used as a determiner
// after a preposition ("the authors of that piece"), where it cannot open
// a clause.
func (m *dateScan) determinerThat(j int) bool {
	if !strings.EqualFold(m.tokenText(j), "that") {
		return false
	}
	switch m.word(j - 1) {
	case wOf, wOn, wAt, wFor, wWith, wBy, wFrom, wTo, wAfter, wBefore, wDuring, wOver, wThrough, wUntil, wSince:
		return true
	}
	return false
}

// surerVerb looks back from j for a verb group that is not a bare -ed word,
// stopping at a comma or a relative pronoun, where another clause begins.
func (m *dateScan) surerVerb(j, lo, hi int) (verbTense, bool) {
	for ; j >= lo; j-- {
		if m.punct(j, ',') {
			return tenseNone, false
		}
		if m.toks[j].lex.relative {
			return tenseNone, false
		}
		if m.verbish(j, hi) && m.toks[j].lex.cue != cueEd {
			return m.groupTense(j, lo, hi), true
		}
	}
	return tenseNone, false
}

// segment returns the part of the sentence [lo, hi) around [first, last)
// that no clause boundary cuts.
func (m *dateScan) segment(lo, hi, first, last int) (int, int) {
	segLo, segHi := lo, hi
	for j := first - 1; j >= lo; j-- {
		if m.boundary(j) {
			segLo = j + 1
			break
		}
	}
	for j := last; j < hi; j++ {
		if m.boundary(j) {
			segHi = j
			break
		}
	}
	return segLo, segHi
}

// boundary reports whether token j ends a clause for tense purposes.
func (m *dateScan) boundary(j int) bool {
	t := &m.toks[j]
	if t.kind != tPunct {
		return false
	}
	switch c := m.text[t.start]; c {
	case ',', '.':
		return false // the common case, decided on one byte
	case ';', ':', '(', ')', '[', ']', '"', '`':
		return true
	case '\'':
	case '-':
		return m.punct(j+1, '-') || m.punct(j-1, '-') // "--"
	default:
		if c < utf8.RuneSelf {
			return false
		}
	}
	switch m.text[t.start:t.end] {
	case "—", "–", "“", "”", "‘", "«", "»":
		return true
	case "'", "’":
		// A lone apostrophe is a quotation mark, or "''" typewriter
		// quoting, unless it closes a plural possessive: "the ministers'
		// meeting", "two weeks' time".
		if j > 0 && !t.gap && m.toks[j-1].kind == tWord && (j+1 >= len(m.toks) || m.toks[j+1].gap) {
			w := m.tokenText(j - 1)
			return w[len(w)-1] != 's'
		}
		return true
	}
	return false
}

// verbish reports whether token j can head or join a verb group.
func (m *dateScan) verbish(j, hi int) bool {
	t := &m.toks[j]
	if t.kind != tWord {
		return false
	}
	switch t.lex.cue {
	case cueWill, cuePastAux, cuePresAux, cueHave, cueBe, cuePlan, cuePlanIng, cuePast, cueReportPres:
		return !(t.upper && t.lex.month != 0) // "May", "March" are months here
	case cueEd:
		// After a determiner an -ed word is an adjective: "the agreed quotas".
		w := m.word(j - 1)
		return w != wThe && w != wA && w != wDeterminer
	case cueModal:
		return !t.upper || t.lex.month == 0
	}
	return m.infinitiveTo(j, hi)
}

// infinitiveTo reports whether token j is "to" before a verb: "to fly",
// "to sit down", not "to Qatar" or "to the summit".
func (m *dateScan) infinitiveTo(j, hi int) bool {
	if m.word(j) != wTo || j+1 >= hi {
		return false
	}
	n := m.toks[j+1]
	if n.kind != tWord || n.upper || n.lex.word != wNone || n.lex.month != 0 {
		return false
	}
	switch n.lex.cue {
	case cuePast, cueIng, cuePastAux, cuePresAux, cueReportPres:
		return false // "to said" is not English; "to talks"? handled by plural check below
	}
	w := m.tokenText(j + 1)
	// Plural nouns after "to" ("to talks", "to ministers") are far more
	// common than verbs in -s after it, which do not exist.
	return len(w) > 1 && (w[len(w)-1] != 's' || w[len(w)-2] == 's')
}

// groupTense reads the verb group that token j belongs to, within [lo, hi).
func (m *dateScan) groupTense(j, lo, hi int) verbTense {
	s := j
	for s-1 >= lo && m.inGroup(s-1, hi) && !m.planNoun(s-1) {
		s--
	}
	e := j
	for e+1 < hi && m.inGroup(e+1, hi) && m.toks[e+1].lex.cue != cueNone && !m.planNoun(e+1) {
		e++
	}
	var firstAux tenseCue
	hasPlan, hasPlanEd, hasIng, hasInf, hasPastForm, hasReportPres := false, false, false, false, false, false
	infAfterPast, infAfterPresent := false, false
	for k := s; k <= e; k++ {
		t := &m.toks[k]
		c := t.lex.cue
		if c == cueModal && t.upper && t.lex.month != 0 {
			c = cueNone
		}
		switch c {
		case cueWill, cueModal:
			return tenseFuture
		case cuePastAux, cuePresAux, cueHave:
			if firstAux == 0 {
				firstAux = c
			}
		case cueGoing:
			if m.word(k+1) == wTo {
				hasPlan = true
			}
		case cuePlan:
			if m.tokenText(k) == "set" && m.word(k+1) != wTo && m.word(k+1) != wFor {
				hasPastForm = true // "set aside", "set up"
				continue
			}
			hasPlan = true
			w := m.tokenText(k)
			if len(w) > 2 && w[len(w)-2:] == "ed" {
				hasPlanEd = true
			}
		case cuePlanIng:
			hasPlan, hasIng = true, true
		case cueIng:
			hasIng = true
		case cuePast, cueEd:
			hasPastForm = true
		case cueReportPres:
			hasReportPres = true
		}
		if m.word(k) == wTo && m.infinitiveTo(k, hi) && !hasPlan && firstAux == 0 && !hasInf {
			hasInf = true // "to be completed": an infinitive, whatever follows
			// "refused to endorse": the verb before "to" sets the time.
			infAfterPast, infAfterPresent = hasPastForm, hasReportPres
		}
	}
	switch firstAux {
	case cuePastAux:
		if m.word(s) == wNone && strings.EqualFold(m.tokenText(s), "had") {
			return tensePast // "had been due to expire Friday": planned, and past
		}
		if hasPlan || m.word(s+1) == wTo { // "was scheduled", "was to meet"
			return tensePlanPast
		}
		return tensePast
	case cueHave:
		if hasPlan {
			return tensePlanPast // "has agreed to meet"
		}
		return tensePerfect
	case cuePresAux:
		switch {
		case hasPlan || m.word(s+1) == wTo: // "is due to", "is to visit"
			return tenseFuture
		case hasIng:
			return tenseProgressive
		}
		return tensePresent
	}
	switch {
	case hasPlan && hasPlanEd:
		return tensePlanPast // "planned", "agreed to", "Scheduled to"
	case hasPlan:
		return tenseFuture // "plans to", "due to", "set to"
	case hasInf && infAfterPast:
		return tenseInfPast
	case hasInf && infAfterPresent:
		return tenseInfFuture
	case hasInf:
		// "urged the bloc to act this year": the infinitive's time
		// follows the verb it hangs on.
		for k := s - 1; k >= lo; k-- {
			if m.verbish(k, hi) && m.word(k) != wTo {
				if g := m.groupTense(k, lo, s); g.past() || g == tensePlanPast {
					return tenseInfPast
				}
				return tenseInfFuture
			}
		}
		return tenseInfFuture
	case hasPastForm:
		return tensePast
	case hasReportPres:
		return tensePresent
	}
	return tenseNone
}

// planNoun reports whether the plan word at k is a noun: after a
// determiner ("The plan was put forward") or as the object of a past verb
// ("published plans for"), where it says nothing of the future.
func (m *dateScan) planNoun(k int) bool {
	if m.toks[k].lex.cue != cuePlan || k == 0 {
		return false
	}
	p := m.toks[k-1]
	if p.kind != tWord {
		return false
	}
	switch {
	case p.lex.word == wThe, p.lex.word == wA, p.lex.word == wDeterminer, p.lex.has(fDefinite), p.lex.possessive:
		return true
	case p.lex.cue == cuePast, p.lex.cue == cueEd, p.lex.cue == cueReportPres:
		return true
	}
	return false
}

// inGroup reports whether token k can be part of a verb group: auxiliaries,
// negation and the adverbs that sit inside one, the main verb, "to".
func (m *dateScan) inGroup(k, hi int) bool {
	t := &m.toks[k]
	if t.kind != tWord {
		return false
	}
	if t.lex.cue != cueNone {
		return !(t.upper && t.lex.month != 0)
	}
	return m.word(k) == wTo && (m.infinitiveTo(k, hi) || k+1 < hi && m.toks[k+1].lex.cue != cueNone)
}
