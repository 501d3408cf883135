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
// Tuesday" the next), and kept when it lies after publication, or holds
// publication ("this week") and its clause speaks of the future. A phrase
// that repeats an event already listed is dropped: the same date and
// precision again, or a vaguer period that holds a whole event named before
// it ("the summit in February" after "February 9-10").
func findEvents(doc *document) []Event {
	pub := doc.article.Published
	if pub.IsZero() {
		return nil
	}
	y, mo, d := pub.Date()
	pub = ymd(y, mo, d)
	sc := scratchPool.Get().(*eventScratch)
	defer scratchPool.Put(sc)
	toks, mentions, sents := sc.toks[:0], sc.mentions[:0], sc.sents[:0]
	set := eventSet{seen: sc.seen[:0], covered: sc.covered[:0], days: sc.days[:0]}
	defer func() {
		// Keep the grown buffers for the next article, unless one huge
		// article made them too large to be worth holding.
		if cap(toks) <= maxScratchTokens {
			sc.toks, sc.mentions, sc.sents = toks, mentions, sents
			sc.seen, sc.covered, sc.days = set.seen, set.covered, set.days
		}
	}()
	for _, p := range doc.paragraphs {
		if len(set.events) == maxEvents {
			break
		}
		toks = scanTokens(p.text, toks[:0])
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
			if si < len(sents) && sents[si].start <= mn.first {
				lo, hi = sents[si].start, sents[si].end
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
			when, last, ok := resolveTimex(mn, pub, tn)
			if !ok || !upcoming(mn, when, pub, tn) {
				continue
			}
			c := eventCandidate{
				event:  Event{Date: when},
				last:   last,
				endOf:  mn.endOf,
				season: mn.season,
				named:  mn.kind == mDate,
			}
			if len(set.events) == maxEvents || !set.admit(c) {
				continue
			}
			c.event.Evidence = p.text[toks[mn.first].start:toks[mn.last-1].end]
			c.event.What = m.describe(lo, hi, mn)
			set.events = append(set.events, c.event)
		}
	}
	if set.events == nil {
		return []Event{}
	}
	return set.events
}

// eventScratch holds the buffers one call of findEvents works in. They are
// pooled so that analysing an article allocates only what it returns.
type eventScratch struct {
	toks     []lexToken
	mentions []timex
	sents    []span
	seen     []eventKey
	covered  []eventKey
	days     []eventCandidate
}

// maxScratchTokens bounds the token buffer kept in the pool (a paragraph of
// about 16,000 words).
const maxScratchTokens = 1 << 16

var scratchPool = sync.Pool{New: func() any {
	return &eventScratch{toks: make([]lexToken, 0, 512), mentions: make([]timex, 0, 32)}
}}

// eventCandidate is an event before duplicates are removed.
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
	// named is true for a period named by the calendar ("in February",
	// "the first week of May") rather than counted from publication
	// ("next week", "within three weeks").
	named bool
}

// eventSet keeps the first mention of each event, at most maxEvents.
// Writers give a date, then refer back to it: "on 4 and 5 May" then "May
// 4-5, 2023" then "the meeting in the first week of May". A later phrase is
// the same event when it has the same date, precision and kind (the
// deadline "by the end of the year" is not the "December meeting"), or when
// it is a month or week that holds the whole of a dated event named before
// it: writers come back to an event by its month ("the summit in
// February"), while "next week" or "within three weeks" brings news. A year
// is too coarse for either: "next year" twice is most often two different
// things coming next year, unless both name the same season ("this
// spring").
type eventSet struct {
	events  []Event
	seen    []eventKey       // one per kept event: at most maxEvents
	covered []eventKey       // back-references dropped so far, each once
	days    []eventCandidate // kept events of one day
}

type eventKey struct {
	date   Date
	endOf  bool
	season season
}

// admit reports whether c is a new event, and if so remembers it; the
// caller then appends it to s.events.
func (s *eventSet) admit(c eventCandidate) bool {
	k := eventKey{date: c.event.Date, endOf: c.endOf}
	if slices.Contains(s.covered, k) {
		return false // "in November, in a month"
	}
	if c.event.Date.Precision == Year {
		if c.season == 0 {
			k.date = Date{} // never the same as another year
		}
		k.season = c.season
	}
	if k.date != (Date{}) && slices.Contains(s.seen, k) {
		return false
	}
	p := c.event.Date.Precision
	if c.named && (p == Month || p == Week) {
		for _, d := range s.days {
			if !d.event.Date.Start.Before(c.event.Date.Start) && d.last.Before(c.event.Date.End()) {
				s.covered = append(s.covered, k)
				return false
			}
		}
	}
	s.seen = append(s.seen, k)
	if p == Day {
		s.days = append(s.days, c)
	}
	return true
}

// sentenceRanges appends to out the token range of each sentence; the
// sentences are byte spans in text order.
func sentenceRanges(sentences []span, toks []lexToken, out []span) []span {
	k := 0
	for _, s := range sentences {
		for k < len(toks) && toks[k].start < s.start {
			k++
		}
		lo := k
		for k < len(toks) && toks[k].start < s.end {
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
		gap := b.first - a.last
		if gap < 1 || gap > 2 {
			continue
		}
		joined := true
		for k := a.last; k < b.first; k++ {
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
		case mn.lean && tn.past():
			// "Ahead of Friday's meeting, they unveiled": the nearer one.
			day, _ = pickAmong([]time.Time{behind, ahead}, pub, dirNone)
		case mn.dir == dirForward || mn.lean || tn.aheadForWeekday():
			day = ahead
		default:
			day = behind
		}
		return NewDate(day, Day), day, true
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
		return d, d.End().AddDate(0, 0, -1), true
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
	case mn.limit && tn.past():
		return dirNone // "was extended to Nov. 16", "lasted until March 3"
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
		t := m.toks[k]
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
	t := m.toks[k]
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
	t := m.toks[j]
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
