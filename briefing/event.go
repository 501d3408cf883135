package briefing

import (
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

const (
	// maxWhat bounds Event.What: a short line, not the whole sentence.
	maxWhat = 100
	// maxEvents bounds the events kept for one article; a real report
	// names a handful.
	maxEvents = 100
	// clauseWindow bounds, in tokens, how far the tense and the description
	// of a phrase look on each side of it, so that time stays linear in
	// the length of a sentence.
	clauseWindow = 48
)

// findEvents returns the events the article places after its publication
// date, in the order the text first mentions them.
//
// Each temporal phrase is resolved against the publication date with the
// tense of its clause ("met on Tuesday" is the last Tuesday, "will meet on
// Tuesday" the next), or against the date named just before it ("the
// following day"), and kept when it lies after publication, or holds
// publication ("this week") and its clause speaks of the future. A date
// that a change of plan replaced ("originally set for May 30", "moved from
// June 10") is not kept. Then one event named by several phrases is listed
// once, by its most exact one (see pickEvents).
func findEvents(doc *document) []Event {
	pub := doc.article.Published
	if pub.IsZero() {
		return nil
	}
	y, mo, d := pub.Date()
	pub = ymd(y, mo, d)
	sc := scratchPool.Get().(*eventScratch)
	defer scratchPool.Put(sc)
	// all holds the tokens of every paragraph, so that the events kept in
	// the end can be described without scanning their paragraphs again.
	all, mentions, sents, cands := sc.toks[:0], sc.mentions[:0], sc.sents[:0], sc.cands[:0]
	defer func() {
		// Keep the grown buffers for the next article, unless one huge
		// article made them too large to be worth holding.
		if cap(all) <= maxScratchTokens {
			sc.toks, sc.mentions, sc.sents = all, mentions, sents
		}
		clear(cands) // drop the strings the candidates hold
		sc.cands = cands[:0]
	}()
	var anchors anchorSet
	sentBase := 0
	for pi, p := range doc.paragraphs {
		if len(cands) == maxCandidates {
			break
		}
		base := len(all)
		all = scanTokens(p.text, all)
		toks := all[base:]
		m := dateScan{text: p.text, toks: toks}
		mentions = m.findMentions(mentions[:0])
		inheritYears(&m, mentions)
		sents = sentenceRanges(p.sentences, toks, sents[:0])
		si := 0
		for _, mn := range mentions {
			lo, hi := 0, len(toks)
			for si < len(sents) && sents[si].end <= mn.first {
				si++
			}
			first := true
			if si < len(sents) && sents[si].start <= mn.first {
				lo, hi = sents[si].start, sents[si].end
				first = false
			}
			lo, hi = max(lo, mn.first-clauseWindow), min(hi, mn.last+clauseWindow)
			tn := m.tenseAt(lo, hi, mn)
			if m.toks[mn.last-1].lex.possessive && tn != tenseFuture {
				// "Monday night's debate", "this year's campaign" name a
				// time by an event, most often one being reported; only
				// "will" or the like makes it a coming one.
				tn = tensePast
			}
			if mn.deadline && tn == tenseNone {
				mn.lean = true
			}
			var when Date
			var last time.Time
			var ok bool
			if mn.kind == mAnchored {
				when, last, ok = anchors.resolve(mn, pi)
			} else {
				when, last, ok = resolveTimex(mn, pub, tn)
			}
			if !ok {
				continue
			}
			anchors.note(when, last, pi)
			if !upcoming(mn, when, pub, tn) {
				continue
			}
			clo, chi := m.clauseBounds(lo, hi, mn.first, mn.last)
			if m.superseded(clo, chi, mn) || m.namesNoEvent(lo, hi, mn) {
				continue
			}
			if len(cands) == maxCandidates {
				break
			}
			c := eventCandidate{
				event:  Event{Date: when},
				last:   last,
				endOf:  mn.endOf,
				season: mn.season,
				para:   pi,
				sent:   sentBase + si,
			}
			if first {
				c.sent = -1 - len(cands) // outside every sentence: alone
			}
			c.event.Evidence = p.text[toks[mn.first].start:toks[mn.last-1].end]
			c.mn, c.lo, c.hi, c.toks = mn, lo, hi, span{base, len(all)}
			m.eventContext(&c, lo, clo, chi, mn)
			cands = append(cands, c)
		}
		sentBase += len(sents) + 1
	}
	events, spans, byKind := pickEvents(cands, sc.spans[:0], sc.byKind)
	sc.spans, sc.byKind = spans, byKind
	// Describe only the events kept: most phrases of a long article repeat
	// one.
	k := 0
	for i := range cands {
		c := &cands[i]
		if !c.kept {
			continue
		}
		m := dateScan{text: doc.paragraphs[c.para].text, toks: all[c.toks.start:c.toks.end]}
		events[k].What = m.describe(c.lo, c.hi, c.mn)
		k++
	}
	return events
}

// eventScratch holds the buffers one call of findEvents works in. They are
// pooled so that analysing an article allocates little more than what it
// returns.
type eventScratch struct {
	toks     []lexToken
	mentions []timex
	sents    []span
	cands    []eventCandidate
	spans    []daySpan
	byKind   []int32
}

// maxScratchTokens bounds the token buffer kept in the pool (a paragraph of
// about 16,000 words).
const maxScratchTokens = 1 << 16

var scratchPool = sync.Pool{New: func() any {
	return &eventScratch{toks: make([]lexToken, 0, 512), mentions: make([]timex, 0, 32)}
}}

// maxCandidates bounds the phrases weighed for one article, so that
// comparing them in pairs stays bounded.
const maxCandidates = 4 * maxEvents

// ownReach bounds, in tokens, how far after a phrase its event word may
// stand.
const ownReach = 6

// maxNames bounds the proper names remembered from one clause.
const maxNames = 6

// eventCandidate is an event before duplicates are removed, with what its
// clause says about which event it is.
type eventCandidate struct {
	event Event
	// last is the last day the event occupies: the end of a range
	// ("May 4-5"), or the last day of its period.
	last time.Time
	// endOf marks "by the end of the year": a deadline at a period's end,
	// not the period itself.
	endOf bool
	// season is the season a year-precision event was named by ("this
	// spring"), 0 for none.
	season season
	// para and sent number the paragraph and the sentence (across the
	// article) of the phrase; clause is the first token of its clause.
	para, sent, clause int
	// own is the kind of the event word nearest the phrase in its clause
	// ("visit" in "will visit Japan next week"); ownDefinite marks that
	// word as a bare definite noun phrase that points back ("the visit",
	// "its next meeting"), ownNovel as one that brings a further event
	// ("another meeting").
	own         eventKind
	ownDefinite bool
	ownNovel    bool
	// opens and closes mark a day given as the first or the last of a
	// span by its verb ("begins on", "ends on").
	opens, closes bool
	// pronounSubject marks a clause that opens with "he", "she" or
	// "they": it goes on about whom the sentence before spoke of.
	pronounSubject bool
	// governor is the article-wide index of the verb token nearest before
	// the phrase in its clause, -1 for none.
	governor int
	// names holds hashes of the proper names of the clause.
	names  [maxNames]uint32
	nNames int
	// dropped marks a candidate found to repeat another, kept one that
	// pickEvents listed.
	dropped, kept bool
	// mn is the phrase, and [lo, hi) the tokens of its sentence that
	// describe reads, counted in its paragraph's tokens toks (a range of
	// the article's).
	mn     timex
	lo, hi int
	toks   span
}

// pickEvents lists each event once, in text order, at most maxEvents.
//
// Writers name one event by several phrases: "the minister will visit next
// week ... the trip starts on Tuesday", "the summit in September ... on
// Sept. 9". The event is listed once, by its most exact phrase, wherever
// that phrase comes in the text. A vaguer period (week, month, year) is
// dropped when it holds a finer period of the same event. Holding is not
// enough: two meetings in one month are two events. The clauses must
// speak of one event: the same clause of one sentence, or event words of
// the same kind ("visit", "trip") with one of them pointing back ("the
// trip", "its meeting") or both naming the same person or place.
// Then a phrase that repeats a date already listed is dropped: the same
// date, precision and kind (the deadline "by the end of the year" is not
// the "December meeting"). A year is too coarse for that: "next year"
// twice is most often two different things, unless both name the same
// season ("this spring").
func pickEvents(cands []eventCandidate, spans []daySpan, byKind []int32) ([]Event, []daySpan, []int32) {
	// Pairs are compared on compact day numbers, and only where they can
	// be one event: in one sentence, or with event words of one kind. So a
	// long article's hundreds of phrases cost little more than a short
	// one's.
	var kindEnd [evKinds + 1]int32
	for i := range cands {
		spans = append(spans, spanOf(&cands[i]))
		kindEnd[cands[i].own+1]++
	}
	for k := 1; k <= evKinds; k++ {
		kindEnd[k] += kindEnd[k-1]
	}
	// "The envoy will travel to Cairo next week. The visit will begin on
	// Tuesday.": a bare weekday of the same event as a week lies in that
	// week, even when the weekday's own next occurrence comes sooner.
	// The weekdays are listed first in the buffer byKind fills after.
	weekdays := byKind[:0]
	for j := range cands {
		mn := &cands[j].mn
		if mn.kind == mWeekday && !mn.inWeek && mn.offset == 0 && mn.dir == dirNone {
			weekdays = append(weekdays, int32(j))
		}
	}
	for i := range cands {
		if spans[i].rank != 1 || len(weekdays) == 0 {
			continue
		}
		for _, j := range weekdays {
			mn := &cands[j].mn
			if spans[j].first >= spans[i].start || !sameEvent(&cands[i], &cands[j]) {
				continue
			}
			c := &cands[j]
			length := c.last.Sub(c.event.Date.Start)
			day := cands[i].event.Date.Start.AddDate(0, 0, (int(mn.weekday)-1+6)%7)
			c.event.Date, c.last = NewDate(day, Day), day.Add(length)
			spans[j] = spanOf(c)
		}
	}
	byKind = slices.Grow(byKind[:0], len(cands))[:len(cands)]
	next := kindEnd
	for i := range cands {
		byKind[next[cands[i].own]] = int32(i)
		next[cands[i].own]++
	}
	holds := func(i, j int) bool {
		v, s := spans[i], spans[j]
		return s.rank < v.rank && s.first >= v.start && s.last <= v.end && sameEvent(&cands[i], &cands[j])
	}
	for i := range cands {
		if spans[i].rank == 0 {
			continue
		}
		v := &cands[i]
		for j := i - 1; j >= 0 && cands[j].sent == v.sent && !v.dropped; j-- {
			v.dropped = holds(i, j)
		}
		for j := i + 1; j < len(cands) && cands[j].sent == v.sent && !v.dropped; j++ {
			v.dropped = holds(i, j)
		}
		if v.own == evNone {
			continue
		}
		for _, j := range byKind[kindEnd[v.own]:kindEnd[v.own+1]] {
			if v.dropped {
				break
			}
			if cands[j].sent != v.sent {
				v.dropped = holds(i, int(j))
			}
		}
	}
	// "The visit begins on June 12 and ends on June 14": the end of a span
	// whose start the sentence gives is the same event, listed by its
	// first day as "June 12-14" would be.
	for i := range cands {
		e := &cands[i]
		if !e.closes || spans[i].rank != 0 {
			continue
		}
		for j := i - 1; j >= 0 && cands[j].sent == e.sent; j-- {
			if cands[j].opens && spans[j].rank == 0 && spans[j].first < spans[i].first {
				e.dropped = true
				break
			}
		}
	}
	// "in November, in a month": a phrase that gives the same period as a
	// dropped one in its sentence goes with it.
	for i := range cands {
		if !cands[i].dropped {
			continue
		}
		for j := range cands {
			if !cands[j].dropped && cands[j].sent == cands[i].sent && cands[j].event.Date == cands[i].event.Date &&
				cands[j].endOf == cands[i].endOf {
				cands[j].dropped = true
			}
		}
	}
	events := []Event{}
	var seen [maxEvents]eventKey
	for i := range cands {
		c := &cands[i]
		if c.dropped {
			continue
		}
		k := c.key()
		if k.date != (Date{}) && slices.Contains(seen[:len(events)], k) {
			continue
		}
		seen[len(events)] = k
		c.kept = true
		events = append(events, c.event)
		if len(events) == maxEvents {
			break
		}
	}
	return events, spans, byKind
}

type eventKey struct {
	date   Date
	endOf  bool
	season season
}

// key is what makes two phrases give the same date; a year without a
// season is never the same as another year.
func (c *eventCandidate) key() eventKey {
	k := eventKey{date: c.event.Date, endOf: c.endOf}
	if c.event.Date.Precision == Year {
		if c.season == 0 {
			k.date = Date{}
		}
		k.season = c.season
	}
	return k
}

// daySpan is a candidate's period as days since 1970 and its precision
// rank, from 0 for a day (precisionRank). One phrase lies within another's
// period when its days do; a week counts by its Thursday, which decides
// the month a week belongs to as ISO 8601 decides its year.
// As the vaguer phrase its span is the whole period [start, end]; as the
// finer one, the days it occupies [first, last].
type daySpan struct {
	start, end  int32
	first, last int32
	rank        int8
}

func spanOf(c *eventCandidate) daySpan {
	d := c.event.Date
	sp := daySpan{
		start: dayNumber(d.Start), end: dayNumber(d.End()) - 1,
		first: dayNumber(d.Start), last: dayNumber(c.last),
		rank: int8(precisionRank(d.Precision)),
	}
	if d.Precision != Day {
		if d.Precision == Week {
			sp.first += 3
		}
		sp.last = sp.first
	}
	return sp
}

func dayNumber(t time.Time) int32 { return int32(t.Unix() / 86400) }

// sameEvent reports whether the clauses of the vaguer candidate v and the
// finer s speak of one event.
func sameEvent(v, s *eventCandidate) bool {
	if v.ownNovel || s.ownNovel {
		return false // "another meeting on Tuesday"
	}
	if v.sent == s.sent {
		switch {
		case v.clause != s.clause:
			// "Defence chiefs will meet on May 14, and a summit is
			// planned for later this month."
			return v.own != evNone && v.own == s.own
		case v.own == evNone || s.own == evNone || v.own == s.own:
			return true // "will meet this month, on Nov. 17"
		}
		// "travels next week for talks from Tuesday to Thursday", but
		// "meet next week to prepare for a summit on Dec. 5".
		return v.governor == s.governor
	}
	if v.own == evNone || v.own != s.own {
		return false
	}
	if v.ownDefinite || s.ownDefinite || sharesName(v, s) {
		return true
	}
	// "Blinken will travel to the region next week. He will arrive in
	// Cairo on Monday."
	later := s
	if v.sent > s.sent {
		later = v
	}
	return v.para == s.para && (v.sent-s.sent == 1 || s.sent-v.sent == 1) && later.pronounSubject
}

func sharesName(a, b *eventCandidate) bool {
	for _, x := range a.names[:a.nNames] {
		if slices.Contains(b.names[:b.nNames], x) {
			return true
		}
	}
	return false
}

// anchorSet remembers the dates the text gave last, one per precision, so
// that "the following day" or "two weeks later" can count from them.
type anchorSet struct {
	date [4]Date
	last [4]time.Time
	para [4]int
	seq  [4]int
	n    int
}

// note records a resolved date as the latest of its precision.
func (a *anchorSet) note(d Date, last time.Time, para int) {
	r := precisionRank(d.Precision)
	a.n++
	a.date[r], a.last[r], a.para[r], a.seq[r] = d, last, para, a.n
}

// resolve counts an anchored mention from the latest date fine enough for
// its unit, named in its paragraph or the one before: "the following day"
// needs a day, "the following month" at least a month.
func (a *anchorSet) resolve(mn timex, para int) (Date, time.Time, bool) {
	var unit int
	switch mn.timeUnit {
	case unitDay:
		unit = 0
	case unitWeek:
		unit = 1
	case unitMonth:
		unit = 2
	default:
		unit = 3
	}
	best := -1
	for r := 0; r <= unit; r++ {
		if a.seq[r] > 0 && a.para[r] >= para-1 && (best < 0 || a.seq[r] > a.seq[best]) {
			best = r
		}
	}
	if best < 0 {
		return Date{}, time.Time{}, false
	}
	base := a.date[best].Start
	if mn.offset > 0 {
		base = a.last[best] // "May 4-5 ... the following day" is May 6
	}
	var d Date
	switch mn.timeUnit {
	case unitDay:
		d = NewDate(base.AddDate(0, 0, mn.offset), Day)
	case unitWeek:
		d = NewDate(base.AddDate(0, 0, 7*mn.offset), Week)
	case unitMonth:
		d = NewDate(ymd(base.Year(), base.Month()+time.Month(mn.offset), 1), Month)
	default:
		d = NewDate(ymd(base.Year()+mn.offset, time.January, 1), Year)
	}
	return d, d.End().AddDate(0, 0, -1), true
}

// eventContext records in c what the clause of mention mn says about its
// event: its nearest event word and the proper names around it. [clo, chi)
// is its clause in the sentence that starts at lo.
func (m *dateScan) eventContext(c *eventCandidate, lo, clo, chi int, mn timex) {
	c.clause = clo
	own := -1
	for k := mn.first - 1; k >= clo && own < 0; k-- {
		if m.toks[k].kind == tWord && m.toks[k].lex.event != evNone {
			own = k
		}
	}
	// After it, only for a phrase that leads its event: "next week's
	// planned resumption", "the 2023 summit", "In September, the
	// president will visit". Elsewhere the words after a phrase start the
	// next part of the clause ("in January, run in an election").
	leads := m.toks[mn.last-1].lex.possessive || mn.attributive || mn.first == clo
	for k := mn.last; leads && k < chi && k < mn.last+ownReach && own < 0; k++ {
		if m.toks[k].kind == tWord && m.toks[k].lex.event != evNone {
			own = k
		}
	}
	if own >= 0 {
		c.own = m.toks[own].lex.event
		c.ownDefinite, c.ownNovel = m.definiteNP(own, clo, chi)
		// "The talks will resume later this month": the event word is
		// "resume", and the clause points back to the talks.
		for k := clo; k < chi && !c.ownDefinite && !c.ownNovel; k++ {
			if k != own && m.toks[k].kind == tWord && m.toks[k].lex.event == c.own && (k < mn.first || k >= mn.last) {
				c.ownDefinite, _ = m.definiteNP(k, clo, chi)
			}
		}
	}
	if c.own == evNone {
		// A feast named by its event: "Election Day".
		for k := mn.core; k < mn.last; k++ {
			if m.toks[k].kind == tWord && m.toks[k].lex.event != evNone && m.toks[k].upper {
				c.own, c.ownDefinite = m.toks[k].lex.event, true
			}
		}
	}
	c.pronounSubject = m.toks[clo].kind == tWord && m.toks[clo].lex.has(fPronoun)
	// "begins on June 12", "ends on June 14", "wrap up on Nov. 12"
	for k := mn.first - 1; k >= clo && k >= mn.first-3; k-- {
		t := &m.toks[k]
		if t.kind != tWord {
			break
		}
		if t.lex.has(fOpens) || t.lex.has(fCloses) {
			c.opens, c.closes = t.lex.has(fOpens), t.lex.has(fCloses)
			break
		}
	}
	// The verb that governs the phrase: two phrases of one clause under one
	// verb speak of one event ("travels next week for talks from Tuesday
	// to Thursday"), under two of two ("meet next week to prepare for a
	// summit on Dec. 5").
	c.governor = -1
	for k := mn.first - 1; k >= clo; k-- {
		if m.verbish(k, chi) {
			c.governor = c.toks.start + k
			break
		}
	}
	for k := clo; k < chi && c.nNames < maxNames; k++ {
		if k >= mn.first && k < mn.last || !m.properName(k, lo) {
			continue
		}
		c.names[c.nNames] = wordHashString(strings.TrimSuffix(strings.TrimSuffix(m.tokenText(k), "'s"), "’s"))
		c.nNames++
	}
}

// definiteNP reports whether the event noun at k heads a bare definite
// noun phrase that points back to an event named before ("the visit", "the
// planned talks", "its next meeting"), and whether a word before it brings
// a further event instead ("another meeting", "a second round"). A phrase
// with a name in it ("Ardern's visit", "the visit to Rome") describes its
// event rather than pointing back, and so does a verb ("will visit").
func (m *dateScan) definiteNP(k, clo, chi int) (definite, novel bool) {
	for j := k - 1; j >= clo && j >= k-4; j-- {
		t := &m.toks[j]
		switch {
		case t.kind == tWord && t.lex.has(fNovel):
			novel = true
		case t.kind == tWord && t.lex.has(fDefinite):
			definite = true
		case t.kind == tWord && !t.upper && !t.lex.possessive && m.modifierCue(t.lex.cue):
			continue
		case t.kind == tNumber || t.kind == tPunct && m.dash(j) && !t.gap:
			continue // "the 2023 summit", "the two-day visit"
		}
		break
	}
	if definite && k+2 < chi {
		switch m.word(k + 1) {
		case wTo, wIn, wOf, wWith, wAt, wFor:
			if t := &m.toks[k+2]; t.kind == tWord && t.upper && t.lex.month == 0 && t.lex.weekday == 0 && !t.lex.has(fDefinite) {
				definite = false // "the visit to Rome"
			}
		}
	}
	return definite, novel
}

// modifierCue reports whether a word with tense cue c can stand between a
// determiner and its noun: adjectives and participles ("the planned
// visit", "the upcoming talks"), not auxiliaries or finite verbs.
func (m *dateScan) modifierCue(c tenseCue) bool {
	switch c {
	case cueNone, cueEd, cueIng, cuePlan, cueFutureAdverb:
		return true
	}
	return false
}

// properName reports whether token k is a name: a capitalised word the
// lexicon does not know. The first word of the sentence lo counts only
// when the lexicon does not know it either ("Ardern will visit").
func (m *dateScan) properName(k, lo int) bool {
	t := &m.toks[k]
	if t.kind != tWord || !t.upper || t.end-t.start < 2 {
		return false
	}
	return t.lex == (dateLex{}) || t.lex == (dateLex{possessive: true})
}

// superseded reports whether the mention gives a date that a change of
// plan replaced: "talks originally set for May 30", "moved from June 10 to
// June 3", "next week's planned resumption has been delayed", "called off
// the meeting scheduled for Thursday". The new date ("postponed until
// June", "moved to June 3") stays. [clo, chi) is the phrase's clause.
func (m *dateScan) superseded(clo, chi int, mn timex) bool {
	// "originally set for", "initially planned for"
	plan := false
	for k := mn.first - 1; k >= clo && k >= mn.first-4; k-- {
		if m.toks[k].kind != tWord {
			break
		}
		if m.toks[k].lex.cue == cuePlan {
			plan = true
		}
		if w := m.tokenText(k); plan && (strings.EqualFold(w, "originally") || strings.EqualFold(w, "initially")) {
			return true
		}
	}
	// Before the phrase: "moved from June 10", "postponed Tuesday's vote",
	// "called off the meeting scheduled for Thursday".
	for k := mn.first - 1; k >= clo; k-- {
		if m.finiteVerb(k) && !m.changeVerb(k) {
			break // "The vote, delayed in May, is now set for June 3"
		}
		if !m.changeVerb(k) {
			continue
		}
		if m.word(mn.first) == wFrom || m.toks[mn.last-1].lex.possessive || mn.attributive {
			return true
		}
		if m.word(mn.first) == wFor && mn.first-1 > k && m.toks[mn.first-1].lex.cue == cuePlan {
			return true
		}
		break
	}
	// After it: "talks set for May 30 were postponed". A phrase that opens
	// the clause before a comma dates the change itself.
	if mn.first == clo && m.punct(mn.last, ',') {
		return false
	}
	for k := mn.last; k < chi; k++ {
		if m.changeVerb(k) && m.passiveChange(k, mn.last) {
			return true
		}
	}
	return false
}

// namesNoEvent reports whether a phrase names a period rather than the time
// of an event: a year that classifies a noun ("its 2025 growth forecast",
// but "the 2025 elections" is an event), a year of account ("in the year
// to March 2025"), a month spoken of in general ("December and January are
// the busiest months"), or a period that is itself the subject of "be"
// ("Next year will be decisive", but "next week is the deadline").
func (m *dateScan) namesNoEvent(lo, hi int, mn timex) bool {
	core := m.toks[mn.core]
	bare := mn.first == mn.core && mn.kind == mDate && mn.day == 0 && !mn.endOf && mn.weekN == 0
	switch {
	case bare && mn.month == 0 && mn.year != 0 && !mn.lean && !mn.deadline:
		if m.classifier(mn.last) {
			return true
		}
	case bare && mn.month != 0 && mn.year == 0 && core.lex.month != 0 && !mn.relYear && mn.dir == dirNone:
		if !m.introduced(mn.core) && !m.classifierOfEvent(mn.last) {
			return true
		}
	}
	// "in the year to March 2025", "the 12 months to June"
	if k := mn.first; m.word(k) == wTo && (m.word(k-1) == wYear || m.word(k-1) == wMonth) {
		return true
	}
	if k := mn.first - 1; k > 0 && m.word(k-1) == wYear && strings.EqualFold(m.tokenText(k), "ending") {
		return true
	}
	return m.habitualNear(mn) || m.characterised(lo, hi, mn) || m.measured(mn)
}

// measured reports whether a month or a year is the period a measure is
// taken over rather than the time of an event: "his earnings estimate for
// next year", "can get back to 40% this year", "growth of 2.2% in 2025".
func (m *dateScan) measured(mn timex) bool {
	switch mn.kind {
	case mDate:
		if mn.day != 0 || mn.weekN != 0 || mn.weekOf {
			return false
		}
	case mRelative:
		if mn.timeUnit != unitMonth && mn.timeUnit != unitYear || mn.duration || mn.endOf {
			return false
		}
	default:
		return false
	}
	if w := m.word(mn.first); mn.first != mn.core && w != wFor && w != wIn {
		return false // "by 2030" is a deadline
	}
	k := mn.first - 1
	if k >= 0 && m.word(mn.first) == wFor && m.toks[k].kind == tWord && m.toks[k].lex.has(fMeasure) {
		// "estimate for next year", "the budget for 2025"; but "will
		// vote on the budget in December" dates the vote.
		return true
	}
	// A percentage just before: "to 40% this year", "2.2% in 2025".
	for j := k; j >= 0 && j >= k-1; j-- {
		if m.punct(j, '%') || m.toks[j].kind == tWord && m.toks[j].lex.has(fPercent) {
			return true
		}
	}
	return false
}

// habitualNear reports whether an adverb of habit stands next to the
// phrase: "held annually in September", "every year in May".
func (m *dateScan) habitualNear(mn timex) bool {
	for k := max(0, mn.first-3); k < min(len(m.toks), mn.last+2); k++ {
		if k >= mn.first && k < mn.last || m.toks[k].kind != tWord {
			continue
		}
		switch strings.ToLower(m.tokenText(k)) {
		case "annually", "yearly", "usually", "traditionally", "normally", "typically", "regularly", "customarily":
			return true
		case "every", "each":
			if u, ok := m.calendarUnit(k + 1); ok && u != unitDay {
				return true
			}
		}
	}
	return false
}

// classifier reports whether the words from token k are a noun phrase that
// a year before them classifies ("2025 growth forecast") and that names no
// event: lower-case words that are neither verbs nor time words.
func (m *dateScan) classifier(k int) bool {
	n := 0
	for ; k < len(m.toks) && n < 3; k++ {
		t := &m.toks[k]
		if t.kind != tWord || t.upper || t.lex.word != wNone || !m.modifierCue(t.lex.cue) || t.lex.relative {
			break
		}
		if t.lex.event != evNone {
			return false // "the 2025 elections"
		}
		n++
	}
	return n > 0
}

// classifierOfEvent reports whether the words from token k are a noun
// phrase a month before them classifies: "the December meeting".
func (m *dateScan) classifierOfEvent(k int) bool {
	for n := 0; k < len(m.toks) && n < 3; k, n = k+1, n+1 {
		t := &m.toks[k]
		if t.kind != tWord || t.upper || t.lex.word != wNone || !m.modifierCue(t.lex.cue) {
			return false
		}
		if t.lex.event != evNone {
			return true
		}
	}
	return false
}

// introduced reports whether the month at token k follows a word that
// makes it a time: a preposition, or "and" after such a month ("between
// October and December").
func (m *dateScan) introduced(k int) bool {
	p := k - 1
	if p < 0 || m.toks[p].kind != tWord {
		return false
	}
	switch m.word(p) {
	case wOn, wIn, wAt, wFor, wDuring, wAround, wAfter, wOver, wThrough, wTo, wFrom, wBy, wUntil, wBefore, wSince, wOf:
		return true
	case wAnd, wOr:
		if q := p - 1; q >= 0 && m.toks[q].kind == tWord && m.toks[q].lex.month != 0 {
			return m.introduced(q)
		}
		return false
	}
	w := m.tokenText(p)
	return strings.EqualFold(w, "between") || strings.EqualFold(w, "into") || strings.EqualFold(w, "till")
}

// characterised reports whether the phrase opens its clause as the subject
// of "be" with a complement that is no event: "Next year will be make or
// break", "That is why next year is a test".
func (m *dateScan) characterised(lo, hi int, mn timex) bool {
	if mn.first != mn.core || mn.kind != mRelative && mn.kind != mDate {
		return false
	}
	if p := mn.first - 1; p >= lo {
		switch t := &m.toks[p]; {
		case t.kind == tPunct && m.text[t.start] != '(':
		case t.kind == tWord && (t.lex.relative || strings.EqualFold(m.tokenText(p), "why") || t.lex.conj != conjNone):
		default:
			return false
		}
	}
	k := mn.last
	if k < hi && (m.toks[k].lex.cue == cueWill || m.toks[k].lex.cue == cueModal) {
		k++
	}
	if k >= hi || m.toks[k].kind != tWord {
		return false
	}
	switch c := m.toks[k].lex.cue; {
	case c == cueBe && k > mn.last, c == cuePresAux && m.word(k) == wNone && isBe(m.tokenText(k)),
		c == cuePastAux && isBe(m.tokenText(k)):
	default:
		return false
	}
	for j := k + 1; j < hi && j <= k+4; j++ {
		t := &m.toks[j]
		if t.kind != tWord || t.lex.word != wNone && t.lex.word != wThe && t.lex.word != wA && t.lex.word != wDeterminer {
			break // the complement's head comes before a preposition
		}
		if t.lex.event != evNone {
			return false // "next week is the deadline"
		}
		if t.lex.cue == cueIng || t.lex.cue == cuePlan || t.lex.cue == cueEd {
			return false // "next week is expected to", "will be spent"
		}
	}
	return true
}

func isBe(w string) bool {
	switch strings.ToLower(w) {
	case "is", "are", "was", "were", "be", "'s":
		return true
	}
	return false
}

// changeVerb reports whether token k is a verb that moves or drops a
// planned date: "postponed", "delayed", or the particle of "called off",
// "put off", "pushed back", "brought forward".
func (m *dateScan) changeVerb(k int) bool {
	t := &m.toks[k]
	if t.kind != tWord || !t.lex.has(fChange) && !t.lex.has(fParticle) {
		return false
	}
	if t.lex.has(fChange) {
		return !t.upper
	}
	var verbs []string
	switch strings.ToLower(m.tokenText(k)) {
	case "off":
		verbs = []string{"called", "call", "calls", "put", "puts"}
	case "back":
		verbs = []string{"pushed", "push", "pushes"}
	case "forward":
		verbs = []string{"brought", "bring", "brings"}
	default:
		return false
	}
	return k > 0 && m.toks[k-1].kind == tWord && slices.Contains(verbs, strings.ToLower(m.tokenText(k-1)))
}

// passiveChange reports whether the change verb at k is the main verb of a
// passive or perfect clause after the phrase ("were postponed", "has been
// delayed", "will be called off"), and not a possibility ("could be
// postponed") or a denial ("was not delayed").
func (m *dateScan) passiveChange(k, from int) bool {
	if w := strings.ToLower(m.tokenText(k)); w == "off" || w == "back" || w == "forward" {
		k-- // the verb of "called off"
	}
	// The chain of auxiliaries must open with a finite one: "after being
	// postponed" is an adjunct, not what the clause says.
	finite := false
	for j := k - 1; j >= from && m.toks[j].kind == tWord; j-- {
		t := &m.toks[j]
		w := m.tokenText(j)
		if strings.EqualFold(w, "not") || strings.EqualFold(w, "never") || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t") {
			return false
		}
		switch t.lex.cue {
		case cueModal:
			return false
		case cuePastAux, cuePresAux, cueHave, cueWill:
			finite = true
			continue
		case cueBe:
			finite = false
			continue
		case cueNot:
			continue
		}
		break
	}
	return finite
}

// sentenceRanges appends to out the token range of each sentence; the
// sentences are byte spans in text order.
func sentenceRanges(sentences []span, toks []lexToken, out []span) []span {
	k := 0
	for _, s := range sentences {
		for k < len(toks) && int(toks[k].start) < s.start {
			k++
		}
		lo := k
		for k < len(toks) && int(toks[k].start) < s.end {
			k++
		}
		out = append(out, span{lo, k})
	}
	return out
}

// inheritYears gives "16 November" the year of "17 November 2020" when the
// two are joined by "and", "or", "to" or a dash.
func inheritYears(m *dateScan, ms []timex) {
	for i := len(ms) - 2; i >= 0; i-- {
		a, b := &ms[i], &ms[i+1]
		if a.kind != mDate || b.kind != mDate || a.year != 0 || b.year == 0 || a.month == 0 || b.month == 0 {
			continue
		}
		// b.core: "to" and "through" may already lead b's phrase.
		gap := b.core - a.last
		if gap < 1 || gap > 2 {
			continue
		}
		joined := true
		for k := a.last; k < b.core; k++ {
			w := m.word(k)
			if w != wAnd && w != wOr && w != wTo && w != wThrough && !m.dash(k) && !m.punct(k, ',') {
				joined = false
			}
		}
		if joined {
			a.year = b.year
		}
	}
}

// resolveTimex turns a mention into a calendar period against the publication
// date pub (midnight UTC), using the clause's tense where the words leave
// the year or the week open. last is the period's last day, or the end of
// a range of days.
func resolveTimex(mn timex, pub time.Time, tn verbTense) (Date, time.Time, bool) {
	if mn.dir == dirBackward {
		return Date{}, time.Time{}, false
	}
	y := pub.Year()
	switch mn.kind {
	case mDate:
		return resolveDate(mn, pub, tn)
	case mWeekday:
		wd := time.Weekday(mn.weekday - 1)
		var day time.Time
		ahead := pub.AddDate(0, 0, (int(wd)-int(pub.Weekday())+7)%7)
		behind := pub.AddDate(0, 0, -((int(pub.Weekday()) - int(wd) + 7) % 7))
		switch {
		case mn.offset > 0 || mn.inWeek: // "next Monday": the Monday of next week
			day = mondayOf(pub).AddDate(0, 0, 7*mn.offset+(int(wd)+6)%7)
		case (mn.lean || mn.forDate) && tn.past():
			// "Ahead of Friday's meeting, they unveiled": the nearer one.
			day, _ = pickAmong([]time.Time{behind, ahead}, pub, dirNone)
		case tn == tenseAdjunct && mn.dir == dirNone && !mn.lean:
			day, _ = pickAmong([]time.Time{behind, ahead}, pub, dirNone)
		case mn.dir == dirForward || mn.lean || tn.aheadForWeekday():
			day = ahead
		default:
			day = behind
		}
		last := day
		if mn.toWeekday != 0 {
			last = day.AddDate(0, 0, (int(mn.toWeekday)-int(mn.weekday)+7)%7)
		}
		return NewDate(day, Day), last, true
	case mRelative:
		switch mn.timeUnit {
		case unitDay:
			day := pub.AddDate(0, 0, mn.offset)
			return NewDate(day, Day), day, true
		case unitWeek:
			var d Date
			if mn.duration {
				d = NewDate(pub.AddDate(0, 0, 7*mn.offset), Week)
			} else {
				d = NewDate(mondayOf(pub).AddDate(0, 0, 7*mn.offset), Week)
			}
			return d, d.End().AddDate(0, 0, -1), true
		case unitMonth:
			d := NewDate(ymd(y, pub.Month()+time.Month(mn.offset), 1), Month)
			return d, d.End().AddDate(0, 0, -1), true
		case unitYear:
			if mn.endOf {
				d := NewDate(ymd(y+mn.offset, time.December, 1), Month)
				return d, d.End().AddDate(0, 0, -1), true
			}
			d := NewDate(ymd(y+mn.offset, time.January, 1), Year)
			return d, d.End().AddDate(0, 0, -1), true
		}
	case mSeason:
		year := mn.year
		if year == 0 {
			year = y
			if mn.offset > 0 {
				// "next summer": the first one that starts after publication.
				for ymd(year, time.Month(mn.season), 1).Before(pub.AddDate(0, 0, 1)) {
					year++
				}
			}
		}
		d := NewDate(ymd(year, time.January, 1), Year)
		return d, d.End().AddDate(0, 0, -1), true
	case mDayOfMonth:
		// The 15th of the month before, of this month or of the next,
		// chosen as a day without a year is.
		var cands []time.Time
		for k := -1; k <= 1; k++ {
			first := ymd(y, pub.Month()+time.Month(k), 1)
			if mn.day <= daysIn(first.Year(), first.Month()) {
				cands = append(cands, ymd(first.Year(), first.Month(), mn.day))
			}
		}
		day, ok := pickAmong(cands, pub, lean(mn, tn))
		return NewDate(day, Day), day, ok
	case mHoliday:
		if mn.year != 0 {
			day := holidayDate(mn.hol, mn.year)
			return NewDate(day, Day), day, true
		}
		day, ok := pickDay(pub, tn, mn, func(year int) (time.Time, bool) { return holidayDate(mn.hol, year), true })
		return NewDate(day, Day), day, ok
	}
	return Date{}, time.Time{}, false
}

// resolveDate resolves a mention of calendar parts.
func resolveDate(mn timex, pub time.Time, tn verbTense) (Date, time.Time, bool) {
	switch {
	case mn.month == 0: // a year
		if mn.endOf {
			d := NewDate(ymd(mn.year, time.December, 1), Month)
			return d, d.End().AddDate(0, 0, -1), true
		}
		d := NewDate(ymd(mn.year, time.January, 1), Year)
		return d, d.End().AddDate(0, 0, -1), true
	case mn.day == 0 && mn.weekN != 0: // "the first week of May"
		year := mn.year
		if year == 0 {
			var ok bool
			year, ok = pickMonthYear(pub, tn, mn)
			if !ok {
				return Date{}, time.Time{}, false
			}
		}
		d := NewDate(nthWeekOf(year, time.Month(mn.month), mn.weekN), Week)
		return d, d.End().AddDate(0, 0, -1), true
	case mn.day == 0: // a month
		year := mn.year
		if mn.relYear {
			year = pub.Year() + mn.yearOffset
		}
		if year == 0 {
			var ok bool
			year, ok = pickMonthYear(pub, tn, mn)
			if !ok {
				return Date{}, time.Time{}, false
			}
		}
		d := NewDate(ymd(year, time.Month(mn.month), 1), Month)
		last := d.End().AddDate(0, 0, -1)
		if mn.toMonth != 0 {
			// "from October to March": the span ends with its last month.
			ty := year
			if mn.toMonth < mn.month {
				ty++
			}
			last = ymd(ty, time.Month(mn.toMonth)+1, 0)
		}
		return d, last, true
	}
	dayIn := func(year int) (time.Time, bool) {
		if mn.day > daysIn(year, time.Month(mn.month)) {
			return time.Time{}, false // "Feb. 29" outside a leap year, "April 31"
		}
		return ymd(year, time.Month(mn.month), mn.day), true
	}
	var day time.Time
	if mn.year != 0 {
		var ok bool
		if day, ok = dayIn(mn.year); !ok {
			return Date{}, time.Time{}, false
		}
	} else {
		var ok bool
		if day, ok = pickDay(pub, tn, mn, dayIn); !ok {
			return Date{}, time.Time{}, false
		}
	}
	last := day
	switch {
	case mn.toMonth != 0:
		ty := day.Year()
		if mn.toMonth < mn.month {
			ty++
		}
		if mn.toDay <= daysIn(ty, time.Month(mn.toMonth)) {
			last = ymd(ty, time.Month(mn.toMonth), mn.toDay)
		}
	case mn.toDay > mn.day && mn.toDay <= daysIn(day.Year(), day.Month()):
		last = ymd(day.Year(), day.Month(), mn.toDay)
	}
	if mn.weekOf {
		d := NewDate(day, Week)
		return d, d.End().AddDate(0, 0, -1), true
	}
	return NewDate(day, Day), last, true
}

// pickDay chooses the year of a day given without one ("Dec. 7",
// "Christmas") among the years around publication: the first on or after
// publication when the clause looks ahead, the last on or before it when
// the clause is past, otherwise the nearest. A weekday given with the date
// ("Tuesday, Feb. 22") picks the year where it fits.
func pickDay(pub time.Time, tn verbTense, mn timex, dayIn func(int) (time.Time, bool)) (time.Time, bool) {
	var cands [3]time.Time
	n := 0
	for y := pub.Year() - 1; y <= pub.Year()+1; y++ {
		d, ok := dayIn(y)
		if !ok {
			continue
		}
		if mn.weekday != 0 && d.Weekday() != time.Weekday(mn.weekday-1) {
			continue
		}
		cands[n] = d
		n++
	}
	if n == 0 && mn.weekday != 0 {
		mn.weekday = 0
		return pickDay(pub, tn, mn, dayIn)
	}
	return pickAmong(cands[:n], pub, lean(mn, tn))
}

// pickAmong chooses among candidate days in increasing order: the first on
// or after pub when dir looks ahead, the last on or before it when dir
// looks back, otherwise the nearest (the later one on a tie).
func pickAmong(cands []time.Time, pub time.Time, dir timeDir) (time.Time, bool) {
	if len(cands) == 0 {
		return time.Time{}, false
	}
	switch dir {
	case dirForward:
		for _, d := range cands {
			if !d.Before(pub) {
				return d, true
			}
		}
	case dirBackward:
		for i := len(cands) - 1; i >= 0; i-- {
			if !cands[i].After(pub) {
				return cands[i], true
			}
		}
	}
	best := cands[0]
	for _, d := range cands[1:] {
		if absDays(d.Sub(pub)) < absDays(best.Sub(pub)) ||
			absDays(d.Sub(pub)) == absDays(best.Sub(pub)) && d.After(best) {
			best = d
		}
	}
	return best, true
}

// pickMonthYear chooses the year of a month given without one ("in
// January"), as pickDay does for days; the month of publication counts as
// both ahead and behind. "next March" is the first March after this month.
func pickMonthYear(pub time.Time, tn verbTense, mn timex) (int, bool) {
	y := pub.Year()
	mo := time.Month(mn.month)
	if mn.offset > 0 {
		if mo > pub.Month() {
			return y, true
		}
		return y + 1, true
	}
	switch lean(mn, tn) {
	case dirForward:
		if mo >= pub.Month() {
			return y, true
		}
		return y + 1, true
	case dirBackward:
		if mo <= pub.Month() {
			return y, true
		}
		return y - 1, true
	}
	ahead := (int(mo) - int(pub.Month()) + 12) % 12
	if ahead <= 6 {
		if mo >= pub.Month() {
			return y, true
		}
		return y + 1, true
	}
	if mo <= pub.Month() {
		return y, true
	}
	return y - 1, true
}

// lean says which way a mention without a year looks: ahead for a clause in
// the future or present or a phrase like "next", back for a past clause,
// none when only the distance from publication can decide.
func lean(mn timex, tn verbTense) timeDir {
	switch {
	case mn.dir != dirNone:
		return mn.dir
	case mn.attributive:
		return dirNone // "the Jan. 14 deadline": nearest
	case mn.lean:
		if tn.past() {
			return dirNone
		}
		return dirForward
	case (mn.limit || mn.forDate) && tn.past():
		// "was extended to Nov. 16", "lasted until March 3", "called the
		// election for July 4": the date ends or is the aim of the past
		// act, and may lie either side of publication.
		return dirNone
	case tn == tenseFuture || tn == tenseProgressive || tn == tenseInfFuture || tn == tensePresent:
		return dirForward
	case tn.past():
		return dirBackward
	}
	return dirNone
}

func absDays(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// upcoming decides whether a resolved mention is an upcoming event: its
// period must hold a day after publication; a period wholly after
// publication is upcoming whatever the tense ("passed the chairmanship for
// 2024 to Laos"), but one that also holds publication ("this week", "this
// year", "in December" written in December) only when its words or its
// clause look ahead.
func upcoming(mn timex, d Date, pub time.Time, tn verbTense) bool {
	if mn.dir == dirBackward {
		return false
	}
	next := pub.AddDate(0, 0, 1)
	if !d.End().After(next) {
		return false
	}
	if !d.Start.Before(next) {
		if mn.duration {
			// "will respond within two weeks", not "the first in four years".
			return tn.ahead() || tn == tenseProgressive || tn == tenseInfFuture
		}
		return true
	}
	return mn.dir == dirForward || tn.ahead() || mn.lean && !tn.past()
}

// describe makes Event.What from the clause around a mention: the clause
// without the temporal phrase, without "X said that" before it or ", X
// said" after it, cut to maxWhat.
func (m *dateScan) describe(lo, hi int, mn timex) string {
	clo, chi := m.clauseBounds(lo, hi, mn.first, mn.last)
	clo = m.skipDateline(lo, clo, mn.first)
	// After the phrase, a comma that opens an attribution (", the official
	// told Reuters") or a relative clause (", which serves as") ends it.
	for k := mn.last; k < chi; k++ {
		if !m.punct(k, ',') {
			continue
		}
		end := k + 1
		for end < chi && !m.punct(end, ',') {
			end++
		}
		if m.attribution(k+1, end) || m.relativeStart(k+1) {
			chi = k
			break
		}
	}
	// Before it, drop "X said (that)", "X told Sputnik that".
	for k := mn.first - 1; k >= clo; k-- {
		if m.toks[k].kind == tWord && m.reportingVerb(k) {
			start := k + 1
			for j := k + 1; j < mn.first && j <= k+6; j++ {
				if strings.EqualFold(m.tokenText(j), "that") {
					start = j + 1
					break
				}
			}
			if start < mn.first {
				clo = start
			}
			break
		}
	}
	// A phrase that is the clause's subject stays: "next week marks the
	// political stage". One that opens it before a comma goes.
	// So does a possessive: "ahead of Wednesday's meeting".
	skipFrom, skipTo := mn.first, mn.last
	if mn.first == clo && !m.punct(mn.last, ',') && mn.last < chi && m.toks[mn.last].kind == tWord && !m.toks[mn.last].upper ||
		m.toks[mn.last-1].lex.possessive {
		skipFrom, skipTo = 0, 0
	}
	var b strings.Builder
	b.Grow(maxWhat + 8)
	space, last := false, byte(0)
	for k := clo; k < chi && b.Len() <= maxWhat+16; k++ {
		t := &m.toks[k]
		space = space || t.gap
		if k >= skipFrom && k < skipTo || t.kind == tPunct && m.boundary(k) && !m.apostrophe(k) {
			continue // the phrase itself, quotation marks, brackets
		}
		if b.Len() == 0 && (t.kind == tPunct || m.word(k) == wAnd) {
			continue
		}
		s := m.text[t.start:t.end]
		closing := t.kind == tPunct && strings.IndexByte(",.;:?!)", s[0]) >= 0
		if closing && s[0] == ',' && last == ',' {
			continue // a comma on each side of the phrase removed
		}
		if b.Len() > 0 && space && !closing {
			b.WriteByte(' ')
		}
		b.WriteString(s)
		space, last = false, s[len(s)-1]
	}
	if what := tidyWhat(b.String()); what != "" {
		return what
	}
	// Nothing but the phrase: "Next week." alone in a paragraph.
	if what := tidyWhat(m.text[m.toks[lo].start:m.toks[hi-1].end]); what != "" {
		return what
	}
	return tidyWhat(m.text[m.toks[mn.first].start:m.toks[mn.last-1].end])
}

// skipDateline returns where a clause starting at clo begins once a wire
// dateline is removed ("BERLIN, March 18 (Reuters) -", "MOSCOW (Sputnik) -"):
// an upper-case place name at the start of the sentence lo, then a dash.
func (m *dateScan) skipDateline(lo, clo, first int) int {
	if clo != lo || m.toks[lo].kind != tWord {
		return clo
	}
	w := m.tokenText(lo)
	if len(w) < 3 || strings.ToUpper(w) != w {
		return clo
	}
	open := false
	for k := lo + 1; k < first && k < lo+24; k++ {
		switch {
		case m.punct(k, '('):
			open = true
		case m.punct(k, ')'):
			// "MOSCOW (Sputnik) -", "MOSCOW (UrduPoint News / Sputnik -
			// 20th October, 2020) On ..."
			if m.dash(k + 1) {
				k++
			}
			fallthrough
		case m.dash(k) && !open:
			for k+1 < first && m.dash(k+1) {
				k++ // "--"
			}
			return k + 1
		}
	}
	return clo
}

// relativeStart reports whether token k opens a relative clause.
func (m *dateScan) relativeStart(k int) bool {
	return k < len(m.toks) && m.toks[k].kind == tWord && m.toks[k].lex.relative
}

// apostrophe reports whether the quotation mark at token k is an apostrophe
// inside a word ("Corp.'s").
func (m *dateScan) apostrophe(k int) bool {
	s := m.tokenText(k)
	return (s == "'" || s == "’") && !m.toks[k].gap && k+1 < len(m.toks) && !m.toks[k+1].gap &&
		m.toks[k+1].kind == tWord
}

// clauseBounds returns the clause of the sentence [lo, hi) that holds the
// mention: sentences split at semicolons and dashes, and at "and", "but" or
// "while" when a verb stands on both sides.
func (m *dateScan) clauseBounds(lo, hi, first, last int) (int, int) {
	clo, chi := lo, hi
	for k := first - 1; k > lo; k-- {
		if m.splitsClause(k, lo, hi) {
			clo = k + 1
			break
		}
	}
	for k := last; k < hi; k++ {
		if m.splitsClause(k, lo, hi) {
			chi = k
			break
		}
	}
	return clo, chi
}

func (m *dateScan) splitsClause(k, lo, hi int) bool {
	t := &m.toks[k]
	if t.kind == tPunct {
		s := m.text[t.start:t.end]
		return s == ";" || s == "—" || s == "–" || s == "-" && m.punct(k+1, '-')
	}
	switch t.lex.conj {
	case conjSubordinating:
		return m.punct(k-1, ',')
	case conjNone:
		return false
	}
	// A new clause: a subject of at most a few words, then its verb
	// ("and the bloc's leaders will discuss"). "and will also stop" joins
	// two verbs of one subject, "Australia and India by August" two nouns.
	if k+1 >= hi || m.finiteVerb(k+1) {
		return false
	}
	after := false
	for j := k + 2; j < hi && j <= k+5 && !m.punct(j, ','); j++ {
		if m.finiteVerb(j) {
			after = true
			break
		}
	}
	if !after {
		return false
	}
	for j := k - 1; j >= lo; j-- {
		if m.finiteVerb(j) {
			return true
		}
	}
	return false
}

// finiteVerb reports whether token j is a word that shows a finite verb.
func (m *dateScan) finiteVerb(j int) bool {
	t := &m.toks[j]
	if t.kind != tWord || t.upper && t.lex.month != 0 {
		return false
	}
	switch t.lex.cue {
	case cueWill, cueModal, cuePastAux, cuePresAux, cueHave, cueReportPres:
		return true
	case cuePast, cueEd:
		return m.reportingVerb(j) || m.word(j-1) != wThe && m.word(j-1) != wA && m.word(j-1) != wDeterminer
	}
	return false
}

// reportingVerb reports whether token k is a verb of saying.
func (m *dateScan) reportingVerb(k int) bool {
	return m.toks[k].kind == tWord && m.toks[k].lex.report
}

// attribution reports whether tokens [lo, hi) are a short attribution such
// as "the Foreign Office said on Tuesday" or "an official told Reuters".
func (m *dateScan) attribution(lo, hi int) bool {
	if hi-lo > 14 {
		return false
	}
	for k := lo; k < hi; k++ {
		if m.reportingVerb(k) || strings.EqualFold(m.tokenText(k), "according") {
			return true
		}
	}
	return false
}

// tidyWhat trims a description, capitalises it and cuts it to maxWhat at a
// word boundary.
func tidyWhat(s string) string {
	s = strings.TrimSpace(s)
	// A preposition left hanging where the phrase was: "extend its bid to".
	for {
		s = strings.TrimRight(s, " ,;:.—–-")
		i := strings.LastIndexByte(s, ' ')
		if i < 0 {
			break
		}
		switch strings.ToLower(s[i+1:]) {
		case "to", "on", "in", "by", "from", "at", "until", "for", "of", "since", "before", "after", "the", "a", "an":
			s = s[:i]
			continue
		}
		break
	}
	s = strings.TrimRight(s, " ,;:.—–-")
	s = strings.TrimLeft(s, " ,;:.—–-")
	if len(s) > maxWhat {
		cut := strings.LastIndexByte(s[:maxWhat], ' ')
		if cut < maxWhat/2 {
			cut = maxWhat
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
		}
		s = strings.TrimRight(s[:cut], " ,;:") + "…"
	}
	if r, size := utf8.DecodeRuneInString(s); unicode.IsLower(r) {
		s = string(unicode.ToUpper(r)) + s[size:]
	}
	return s
}
