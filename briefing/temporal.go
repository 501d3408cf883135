package briefing

// Temporal phrases are found by hand-written rules over tokens rather than
// by a date library. Measured on corpus/dev and corpus/timebank-dates with
// the same future filter (a period holding a day after publication, repeats
// merged), github.com/markusmobius/go-dateparser v1.4.7 (Search, future
// preference) scored upcoming F1 0.31 and 0.31 at 8 to 20 ms per KB, and
// github.com/olebedev/when v1.1.0 scored 0.45 and 0.33 at 1.5 to 4 ms per
// KB (times on a shared, loaded machine); these rules score 1.00 and 0.82
// at 30 to 55 us per KB on the same machine. The libraries
// take many numbers for dates and cannot tell "met on Tuesday" from "will
// meet on Tuesday", which decides most upcoming events in news prose.

import (
	"strings"
	"time"
)

// timex is one temporal expression found in a paragraph, before it is
// resolved against the publication date.
type timex struct {
	// first and last delimit the tokens of the whole phrase, prepositions
	// included ("on Feb. 22"); core is the first token after them.
	first, core, last int
	kind              timexKind

	// Calendar parts that the text gives; 0 where it gives none.
	year, month, day int
	// toMonth and toDay end a range ("Feb. 22-23", "28 Feb - 2 March").
	toMonth, toDay int
	weekday        int8 // time.Weekday + 1, 0 for none
	// weekN picks a week of month: 1 for "the first week of", -1 for the last.
	weekN int
	// weekOf asks for the week holding the day ("the week of March 3").
	weekOf bool
	// inWeek places a weekday in the week that offset counts from
	// publication's ("Tuesday next week", "Friday this week").
	inWeek bool
	// toWeekday ends a span of weekdays ("Monday to Wednesday"), as
	// time.Weekday + 1.
	toWeekday int8

	// unit and offset describe relative expressions: "next week" is
	// (unitWeek, 1), "tomorrow" (unitDay, 1), "this year" (unitYear, 0).
	timeUnit timeUnit
	offset   int
	season   season
	hol      holiday
	// endOf marks "the end of ...": a year's end is its December.
	endOf bool
	dir   timeDir
	// deadline marks "by", "until", "before", "within": a limit rather than
	// the time the thing happens.
	deadline bool
	// duration marks "in two weeks", "within 30 days": a time counted from
	// publication that only the clause can say is ahead.
	duration bool
	// lean is set by "as early as", "as soon as": the phrase looks ahead
	// even when its clause has no tense.
	lean bool
	// limit marks a phrase that ends a span ("until", "through", "by",
	// "to"): "was extended to Nov. 16" is past tense about a future day.
	limit bool
	// forDate marks a date led by "for": the aim of a plan ("called the
	// election for July 4"), which a past verb does not put in the past.
	forDate bool
	// attributive marks a date used as a modifier after a determiner ("the
	// Jan. 14 deadline"): the clause's verb says little about its year.
	attributive bool
	// relYear and yearOffset give a month its year relative to publication:
	// "March of next year" is (true, 1).
	relYear    bool
	yearOffset int
}

type timexKind uint8

const (
	mDate     timexKind = iota + 1 // calendar parts: year, month, day, week of month
	mWeekday                       // a bare weekday: "on Tuesday"
	mRelative                      // unit and offset from publication
	mSeason
	mHoliday
	mDayOfMonth // "on the 15th": a day of the month of publication or the next
	// mAnchored counts timeUnit and offset from the date the text gave
	// last, not from publication: "the following day", "two days later".
	mAnchored
)

type timeUnit uint8

const (
	unitNone timeUnit = iota
	unitDay
	unitWeek
	unitMonth
	unitYear
)

// timeDir is what the words of a phrase say about past or future.
type timeDir int8

const (
	dirNone     timeDir = 0
	dirForward  timeDir = 1  // next, later this, by the end of, tomorrow
	dirBackward timeDir = -1 // last, earlier, ago, since, yesterday
)

// dateScan finds temporal expressions in the tokens of one paragraph.
type dateScan struct {
	text string
	toks []lexToken
}

func (m *dateScan) word(i int) timeWord {
	if i < 0 || i >= len(m.toks) || m.toks[i].kind != tWord {
		return wNone
	}
	return m.toks[i].lex.word
}

// punct reports whether token i is the punctuation character c.
func (m *dateScan) punct(i int, c byte) bool {
	return i >= 0 && i < len(m.toks) && m.toks[i].kind == tPunct && m.text[m.toks[i].start] == c
}

// dash reports whether token i is a hyphen, en dash or em dash.
func (m *dateScan) dash(i int) bool {
	if i < 0 || i >= len(m.toks) || m.toks[i].kind != tPunct {
		return false
	}
	s := m.text[m.toks[i].start:m.toks[i].end]
	return s == "-" || s == "–" || s == "—"
}

func (m *dateScan) tokenText(i int) string {
	return m.text[m.toks[i].start:m.toks[i].end]
}

// dayNumber returns the value of token i when it can be a day of a month.
func (m *dateScan) dayNumber(i int) (int, bool) {
	if i < 0 || i >= len(m.toks) {
		return 0, false
	}
	t := &m.toks[i]
	if t.kind != tNumber || t.digits > 2 || t.num < 1 || t.num > 31 {
		return 0, false
	}
	// "10:30" is a time of day, "3/4" a fraction.
	if m.punct(i+1, ':') || m.punct(i+1, '/') || (m.punct(i-1, '/') && !m.toks[i].gap) {
		return 0, false
	}
	return int(t.num), true
}

// yearNumber returns the value of token i when it can be a year.
func (m *dateScan) yearNumber(i int) (int, bool) {
	if i < 0 || i >= len(m.toks) {
		return 0, false
	}
	t := &m.toks[i]
	if t.kind != tNumber || t.ordinal || t.digits != 4 || t.num < 1800 || t.num > 2200 {
		return 0, false
	}
	if m.punct(i+1, '%') || m.punct(i+1, ':') || m.word(i+1) == wUnit || m.punct(i-1, '$') ||
		m.punct(i-1, '#') || m.word(i-1) == wMoney || m.punct(i-1, '/') || m.punct(i+1, '/') {
		return 0, false
	}
	if i > 0 && !t.gap && (m.toks[i-1].kind != tPunct || m.punct(i-1, '.') || m.punct(i-1, ',')) {
		return 0, false // "US2030", "1.2030"
	}
	if i > 0 {
		if s := m.tokenText(i - 1); s == "£" || s == "€" || s == "¥" {
			return 0, false
		}
	}
	return int(t.num), true
}

// monthAt returns the month that token i names when it is used as a month:
// capitalised, and for "May" and the abbreviations, in a position where a
// date is plausible.
func (m *dateScan) monthAt(i int) (time.Month, bool) {
	if i < 0 || i >= len(m.toks) {
		return 0, false
	}
	t := &m.toks[i]
	if t.kind != tWord || t.lex.month == 0 || !t.upper || t.lex.possessive {
		return 0, false
	}
	w := m.tokenText(i)
	if len(w) > 3 && w[1] >= 'A' && w[1] <= 'Z' {
		return 0, false // "MARCH" in a heading, "MAY" as a word in capitals
	}
	full := len(w) > 4 || w == "June" || w == "July"
	_, dayNext := m.dayNumber(i + 1)
	if !dayNext && m.punct(i+1, '.') {
		_, dayNext = m.dayNumber(i + 2)
	}
	_, yearNext := m.yearNumber(i + 1)
	if !yearNext && m.punct(i+1, ',') {
		_, yearNext = m.yearNumber(i + 2)
	}
	_, dayBefore := m.dayNumber(i - 1)
	if !dayBefore && m.word(i-1) == wOf {
		_, dayBefore = m.dayNumber(i - 2) // "the 7th of May"
	}
	if dayNext || yearNext || dayBefore {
		return time.Month(t.lex.month), true
	}
	if time.Month(t.lex.month) == time.May || !full {
		// Alone, "May" is usually the verb and "Jan" a name: take them only
		// after a word that introduces a time.
		switch m.word(i - 1) {
		case wIn, wOf, wSince, wUntil, wBy, wFrom, wEarly, wLate, wMid, wNext, wLast, wThis,
			wThrough, wBefore, wAfter, wDuring, wEnd:
			return time.Month(t.lex.month), true
		}
		if m.dash(i-1) && m.word(i-2) == wMid {
			return time.Month(t.lex.month), true
		}
		// "planned for May", "set for May": a plan's date.
		if m.word(i-1) == wFor && i >= 2 && m.toks[i-2].kind == tWord && m.toks[i-2].lex.cue == cuePlan {
			return time.Month(t.lex.month), true
		}
		return 0, false
	}
	return time.Month(t.lex.month), true
}

// skipDot steps over the full stop of an abbreviation ("Feb.") at i-1; the
// full stop after "March" or "July" ends a sentence and stays out of the
// phrase.
func (m *dateScan) skipDot(i int) int {
	if !m.punct(i, '.') || m.toks[i].gap {
		return i
	}
	switch w := m.tokenText(i - 1); {
	case len(w) > 4, w == "May", w == "June", w == "July":
		return i
	}
	return i + 1
}

// findMentions appends the temporal expressions of the paragraph to out.
func (m *dateScan) findMentions(out []timex) []timex {
	for i := 0; i < len(m.toks); {
		if !mayStartTimex(&m.toks[i]) {
			i++
			continue
		}
		mn, ok := m.matchAt(i)
		if !ok {
			i++
			continue
		}
		m.extendLeft(&mn, firstOfPrevious(out, i))
		out = append(out, mn)
		i = mn.last
	}
	return out
}

func firstOfPrevious(out []timex, i int) int {
	if len(out) == 0 {
		return 0
	}
	return out[len(out)-1].last
}

// mayStartTimex reports whether matchAt can find a phrase at token t: a
// number, a month, weekday or season name, or one of the words matchAt's
// switch acts on. It saves building matchAt's result for the other tokens.
func mayStartTimex(t *lexToken) bool {
	switch t.kind {
	case tNumber:
		return true
	case tWord:
		lx := &t.lex
		return lx.month != 0 || lx.weekday != 0 || lx.season != 0 || timexOpeners[lx.word]
	}
	return false
}

// timexOpeners marks the time words matchAt's switch acts on.
var timexOpeners = func() (t [256]bool) {
	for _, w := range []timeWord{wThis, wNext, wLast, wComing, wPast, wThe, wLater, wEarlier,
		wEarly, wLate, wMid, wEnd, wStart, wRest, wToday, wTonight, wTomorrow, wYesterday,
		wIn, wWithin, wYear, wFiscal, wA, wNumber, wOrdinal, wWeek, wChristmas, wNew,
		wThanksgiving, wElection, wEaster} {
		t[w] = true
	}
	return t
}()

// matchAt tries every pattern that can start at token i.
func (m *dateScan) matchAt(i int) (timex, bool) {
	t := &m.toks[i]
	switch t.kind {
	case tNumber:
		if mn, ok := m.isoDate(i); ok {
			return mn, true
		}
		if mn, ok := m.dayFirst(i); ok {
			return mn, true
		}
		if mn, ok := m.countLater(i); ok {
			return mn, true
		}
		if y, ok := m.yearNumber(i); ok {
			mn := timex{first: i, core: i, last: i + 1, kind: mDate, year: y}
			// "2022-23", "2023–2025": a span of years starts with the first.
			if m.dash(i+1) && !m.toks[i+1].gap && i+2 < len(m.toks) && m.toks[i+2].kind == tNumber &&
				(m.toks[i+2].digits == 2 || m.toks[i+2].digits == 4) {
				mn.last = i + 3
			}
			return mn, true
		}
		return timex{}, false
	case tWord:
	default:
		return timex{}, false
	}
	if _, ok := m.monthAt(i); ok {
		if m.habitual(i) {
			return timex{}, false // "every October"
		}
		return m.monthFirst(i, i)
	}
	lx := t.lex
	if lx.weekday != 0 && t.upper {
		return m.weekdayFirst(i)
	}
	if lx.season != 0 && lx.word == wNone {
		// "spring 2024", "the spring of 2024"
		j := i + 1
		if m.word(j) == wOf {
			j++
		}
		if y, ok := m.yearNumber(j); ok {
			return timex{first: i, core: i, last: j + 1, kind: mSeason, season: lx.season, year: y}, true
		}
		return timex{}, false
	}
	switch lx.word {
	case wThis, wNext, wLast, wComing, wPast:
		return m.relative(i, i, 0)
	case wThe:
		return m.afterThe(i)
	case wLater, wEarlier, wEarly, wLate, wMid:
		return m.modified(i)
	case wEnd, wStart, wRest:
		return m.endOf(i, i)
	case wToday, wTonight, wTomorrow, wYesterday:
		return m.dayWord(i)
	case wIn, wWithin:
		return m.duration(i)
	case wYear:
		if lx.possessive {
			return timex{}, false
		}
		// "year-end", "year end"
		j := i + 1
		if m.dash(j) {
			j++
		}
		if m.word(j) == wEnd {
			return timex{first: i, core: i, last: j + 1, kind: mRelative, timeUnit: unitYear, endOf: true}, true
		}
		if y, ok := m.yearNumber(i + 1); ok { // "year 2030"
			return timex{first: i, core: i, last: i + 2, kind: mDate, year: y}, true
		}
	case wFiscal:
		if y, ok := m.yearNumber(i + 1); ok {
			return timex{first: i, core: i, last: i + 2, kind: mDate, year: y}, true
		}
	case wA, wNumber:
		return m.countLater(i)
	case wOrdinal:
		return m.weekOfMonth(i, i)
	case wWeek:
		return m.weekOfDay(i, i)
	case wChristmas, wNew, wThanksgiving, wElection, wEaster:
		return m.holiday(i)
	}
	return timex{}, false
}

// afterThe handles phrases that open with "the": "the end of the year",
// "the first week of May", "the coming week", "the 7th of December",
// "the day after tomorrow".
func (m *dateScan) afterThe(i int) (timex, bool) {
	j := i + 1
	if mn, ok := m.anchoredAfterThe(i, j); ok {
		return mn, true
	}
	switch m.word(j) {
	case wEnd, wStart, wRest, wMid:
		return m.endOf(i, j)
	case wOrdinal, wLast:
		if mn, ok := m.weekOfMonth(i, j); ok {
			return mn, true
		}
	case wComing, wNext:
		return m.relative(i, j, 0)
	case wWeek:
		return m.weekOfDay(i, j)
	case wWeekend:
		// "at the weekend", "over the weekend": the weekend of the
		// publication week, for a clause that says it is ahead.
		if !m.toks[j].lex.plural && !m.toks[j].lex.possessive {
			return timex{first: i, core: i, last: j + 1, kind: mRelative, timeUnit: unitWeek}, true
		}
	case wDay:
		// "the day after tomorrow"
		if m.word(j+1) == wAfter && m.word(j+2) == wTomorrow {
			return timex{first: i, core: i, last: j + 3, kind: mRelative, timeUnit: unitDay, offset: 2, dir: dirForward}, true
		}
	case wYear:
		if y, ok := m.yearNumber(j + 1); ok {
			return timex{first: i, core: i, last: j + 2, kind: mDate, year: y}, true
		}
	}
	if m.toks[i].kind == tWord && j < len(m.toks) && m.toks[j].kind == tNumber {
		if mn, ok := m.dayFirst(j); ok {
			mn.first, mn.core = i, i
			return mn, true
		}
		// "on the 15th": a day of this month or the next. Not "the 15th
		// anniversary" nor "the 24th meeting"; "on the 24th and sign" is.
		if d, ok := m.dayNumber(j); ok && m.toks[j].ordinal &&
			(j+1 >= len(m.toks) || m.toks[j+1].kind == tPunct || m.word(j+1) == wAnd || m.word(j+1) == wOr) {
			return timex{first: i, core: i, last: j + 1, kind: mDayOfMonth, day: d}, true
		}
	}
	return timex{}, false
}

// anchoredAfterThe reads the phrases led by "the" that count from the date
// named before them: "the following day", "the next day", "the previous
// week", and "the day after" or "the day before" when nothing follows
// them ("the day after the vote" counts from an event, not a date).
func (m *dateScan) anchoredAfterThe(i, j int) (timex, bool) {
	mn := timex{first: i, core: i, kind: mAnchored}
	switch m.word(j) {
	case wFollowing, wPrevious:
		mn.offset = 1
		if m.word(j) == wPrevious {
			mn.offset = -1
		}
		u, ok := m.calendarUnit(j + 1)
		if !ok {
			return timex{}, false
		}
		mn.timeUnit, mn.last = u, j+2
		return mn, true
	case wNext:
		// "the next day"; "the next week" counts from publication.
		if u, ok := m.calendarUnit(j + 1); ok && u == unitDay {
			mn.timeUnit, mn.offset, mn.last = unitDay, 1, j+2
			return mn, true
		}
	case wDay:
		if m.toks[j].lex.plural || m.toks[j].lex.possessive {
			return timex{}, false
		}
		switch m.word(j + 1) {
		case wAfter:
			mn.offset = 1
		case wBefore:
			mn.offset = -1
		default:
			return timex{}, false
		}
		if k := j + 2; k < len(m.toks) && m.toks[k].kind != tPunct && m.word(k) != wAnd {
			return timex{}, false
		}
		mn.timeUnit, mn.last = unitDay, j+2
		return mn, true
	}
	return timex{}, false
}

// calendarUnit returns the unit a singular, non-possessive token j names:
// day, week, month or year.
func (m *dateScan) calendarUnit(j int) (timeUnit, bool) {
	if j >= len(m.toks) || m.toks[j].kind != tWord || m.toks[j].lex.plural || m.toks[j].lex.possessive {
		return unitNone, false
	}
	switch m.word(j) {
	case wDay:
		return unitDay, true
	case wWeek:
		return unitWeek, true
	case wMonth:
		return unitMonth, true
	case wYear:
		return unitYear, true
	}
	return unitNone, false
}

// yearAfter reads the year that may follow a date at token j, after an
// optional comma ("Feb. 22, 2027"), into mn, and returns where the date ends.
func (m *dateScan) yearAfter(mn *timex, j int) int {
	k := j
	if m.punct(k, ',') {
		k++
	}
	if y, ok := m.yearNumber(k); ok {
		mn.year = y
		return k + 1
	}
	return j
}

// count is the small count token i gives ("3", "two", "a"), or 0.
func (m *dateScan) count(i int) int {
	switch t := &m.toks[i]; {
	case t.kind == tNumber && !t.ordinal && t.digits <= 3:
		return int(t.num)
	case t.kind == tWord && t.lex.word == wNumber:
		return int(t.lex.n)
	case t.kind == tWord && t.lex.word == wA:
		return 1
	}
	return 0
}

// countLater reads "two days later", "a week later", "10 days earlier":
// a count from the date named before, starting at token i.
func (m *dateScan) countLater(i int) (timex, bool) {
	n := m.count(i)
	j := i + 1
	if n <= 0 || j+1 >= len(m.toks) || m.toks[j].kind != tWord || m.toks[j].lex.possessive || m.toks[j].lex.plural != (n > 1) {
		return timex{}, false
	}
	mn := timex{first: i, core: i, last: j + 2, kind: mAnchored, offset: n}
	switch m.word(j) {
	case wDay:
		mn.timeUnit = unitDay
	case wWeek:
		mn.timeUnit = unitWeek
	case wMonth:
		mn.timeUnit = unitMonth
	case wYear:
		mn.timeUnit = unitYear
	default:
		return timex{}, false
	}
	switch m.word(j + 1) {
	case wLater:
	case wEarlier:
		mn.offset = -n
	default:
		return timex{}, false
	}
	return mn, true
}

// isoDate reads "2021-02-22".
func (m *dateScan) isoDate(i int) (timex, bool) {
	if i+4 >= len(m.toks) || m.toks[i].digits != 4 || !m.punct(i+1, '-') || !m.punct(i+3, '-') {
		return timex{}, false
	}
	for k := i + 1; k <= i+4; k++ {
		if m.toks[k].gap {
			return timex{}, false
		}
	}
	mo, d := m.toks[i+2], m.toks[i+4]
	if mo.kind != tNumber || d.kind != tNumber || mo.digits != 2 || d.digits != 2 || mo.num < 1 || mo.num > 12 {
		return timex{}, false
	}
	return timex{first: i, core: i, last: i + 5, kind: mDate, year: int(m.toks[i].num), month: int(mo.num), day: int(d.num)}, true
}

// monthFirst reads a phrase that starts with a month name at token i:
// "Feb. 22", "March 3, 2027", "May 4-5, 2023", "Feb. 28-March 2",
// "March 2021", "March of 2021", or the month alone. first is where the
// phrase started (a modifier may come before the month).
func (m *dateScan) monthFirst(first, i int) (timex, bool) {
	mo, _ := m.monthAt(i)
	mn := timex{first: first, core: first, kind: mDate, month: int(mo)}
	j := m.skipDot(i + 1)
	// "in March 30 people died" is not March 30: a unit after the number
	// makes it a count.
	if d, ok := m.dayNumber(j); ok && m.word(j+1) != wUnit {
		mn.day = d
		j++
		j += m.rangeEnd(&mn, j)
		mn.last = m.yearAfter(&mn, j)
		return mn, true
	}
	k := j
	if m.punct(k, ',') || m.word(k) == wOf {
		k++
	}
	if y, ok := m.yearNumber(k); ok {
		mn.year = y
		mn.last = m.monthSpanEnd(&mn, k+1)
		return mn, true
	}
	// "March of next year", "in January next year"
	if k = j; m.word(k) == wOf {
		k++
	}
	if w := m.word(k); (w == wNext || w == wThis || w == wLast) && m.word(k+1) == wYear && !m.toks[k+1].lex.possessive {
		switch w {
		case wNext:
			mn.yearOffset = 1
		case wLast:
			mn.dir = dirBackward
		}
		mn.relYear = true
		mn.last = k + 2
		return mn, true
	}
	mn.last = m.monthSpanEnd(&mn, j)
	return mn, true
}

// monthSpanEnd reads the end of a span of months that starts at token j,
// after the first month: "to December", "through March 2025", "-June",
// and "and December" after "between". Like a span of days, the span is
// one event listed by its first month. It records the end in mn and
// returns the token after the span, j when there is none.
func (m *dateScan) monthSpanEnd(mn *timex, j int) int {
	switch w := m.word(j); {
	case w == wTo, w == wThrough, w == wUntil:
	case w == wAnd && mn.first > 0 && strings.EqualFold(m.tokenText(mn.first-1), "between"):
	case m.punct(j, '-'), j < len(m.toks) && m.tokenText(j) == "–":
	default:
		return j
	}
	to, ok := m.monthAt(j + 1)
	if !ok {
		return j
	}
	k := m.skipDot(j + 2)
	if _, isDay := m.dayNumber(k); isDay {
		return j // "October to December 5": a date of its own
	}
	end := k
	if m.punct(k, ',') {
		k++
	}
	toYear := 0
	if y, ok := m.yearNumber(k); ok {
		toYear, end = y, k+1
	}
	switch {
	case toYear != 0 && mn.year == 0:
		mn.year = toYear
		if int(to) < mn.month {
			mn.year-- // "December to March 2025"
		}
	case toYear != 0 && toYear != mn.year && toYear != mn.year+1:
		return j
	case toYear == 0 && mn.year != 0:
		// "October 2024 to March": the end is in the same or next year.
	}
	mn.toMonth = int(to)
	return end
}

// rangeEnd reads the end of a day range that starts at token j, after the
// first day: "-23", " and 23", " to 23", "-March 2". It records the end in
// mn and returns how many tokens it used, 0 when there is no range.
func (m *dateScan) rangeEnd(mn *timex, j int) int {
	sep := m.dash(j) || m.word(j) == wAnd || m.word(j) == wTo || m.word(j) == wThrough || m.punct(j, '&')
	if !sep {
		return 0
	}
	if d, ok := m.dayNumber(j + 1); ok {
		// "Feb. 22-23", but not "Feb. 22 to 25 percent" nor "Feb. 22 and 23 others".
		if m.word(j+2) == wUnit {
			return 0
		}
		if _, isMonth := m.monthAt(j + 2); isMonth {
			return 0 // "16 November and 17 November": a second date, read on its own
		}
		mn.toDay = d
		return 2
	}
	if mo, ok := m.monthAt(j + 1); ok {
		k := m.skipDot(j + 2)
		if d, ok := m.dayNumber(k); ok {
			// "from June 10 to June 3" is a move, not a range: two dates.
			if int(mo) < mn.month && mn.month != 12 || int(mo) == mn.month && d <= mn.day {
				return 0
			}
			mn.toMonth, mn.toDay = int(mo), d
			return k + 1 - j
		}
	}
	return 0
}

// dayFirst reads a phrase that starts with a day number: "22 February",
// "7th of December", "4 and 5 May", "27th January, 2020", "28 Feb-2 March".
func (m *dateScan) dayFirst(i int) (timex, bool) {
	d, ok := m.dayNumber(i)
	if !ok || m.punct(i-1, '$') || m.word(i-1) == wMoney {
		return timex{}, false
	}
	mn := timex{first: i, core: i, kind: mDate, day: d}
	j := i + 1
	// "4 and 5 May", "4-5 May"
	if m.dash(j) || m.word(j) == wAnd || m.word(j) == wTo || m.punct(j, '&') {
		if d2, ok := m.dayNumber(j + 1); ok {
			k := j + 2
			if m.word(k) == wOf {
				k++
			}
			if _, ok := m.monthAt(k); ok {
				mn.toDay = d2
				j = k
			}
		}
	}
	if m.word(j) == wOf {
		j++
	}
	mo, ok := m.monthAt(j)
	if !ok {
		return timex{}, false
	}
	mn.month = int(mo)
	j = m.skipDot(j + 1)
	// "28 Feb - 2 March"
	if m.dash(j) {
		if d2, ok := m.dayNumber(j + 1); ok {
			if mo2, ok := m.monthAt(j + 2); ok {
				mn.toMonth, mn.toDay = int(mo2), d2
				j = m.skipDot(j + 3)
			}
		}
	}
	mn.last = m.yearAfter(&mn, j)
	return mn, true
}

// weekdayFirst reads "Tuesday", "Tuesday morning", "Tuesday, Feb. 22".
func (m *dateScan) weekdayFirst(i int) (timex, bool) {
	t := &m.toks[i]
	if t.lex.plural || m.recurring(i) {
		return timex{}, false
	}
	if m.habitual(i) {
		return timex{}, false // "each Thursday" is a habit
	}
	j := i + 1
	if m.punct(j, '.') && !m.toks[j].gap && len(m.tokenText(i)) <= 5 {
		j++ // "Thurs."
	}
	k := j
	if m.punct(k, ',') {
		k++
	}
	if _, ok := m.monthAt(k); ok {
		mn, _ := m.monthFirst(k, k)
		if mn.day != 0 {
			mn.first, mn.core, mn.weekday = i, i, t.lex.weekday
			return mn, true
		}
	}
	if _, ok := m.dayNumber(k); ok {
		if mn, ok := m.dayFirst(k); ok {
			mn.first, mn.core, mn.weekday = i, i, t.lex.weekday
			return mn, true
		}
	}
	w := strings.TrimSuffix(strings.TrimSuffix(m.tokenText(i), "'s"), "’s")
	if len(w) < 6 || !strings.HasSuffix(w, "day") {
		// "Sun", "Sat" and "Wed" alone are more often a newspaper, a
		// name or a verb than a day: take an abbreviation only with its
		// full stop after a word that introduces a time ("from Thurs.").
		if j == i+1 {
			return timex{}, false
		}
		switch m.word(i - 1) {
		case wOn, wFrom, wUntil, wBy, wBefore, wAfter, wNext, wThis, wLast, wSince:
		default:
			return timex{}, false
		}
	}
	if m.word(j) == wPartOfDay && !m.toks[j].lex.plural {
		j++
	}
	mn := timex{first: i, core: i, last: j, kind: mWeekday, weekday: t.lex.weekday}
	if end, wd, ok := m.weekdaySpanEnd(j); ok {
		mn.toWeekday, mn.last, j = wd, end, end
	}
	// "Tuesday next week", "on Friday this week": the day of that week.
	if w := m.word(j); (w == wNext || w == wThis || w == wLast) && m.word(j+1) == wWeek && !m.toks[j+1].lex.possessive {
		mn.inWeek, mn.last = true, j+2
		switch w {
		case wNext:
			mn.offset = 1
		case wLast:
			mn.dir = dirBackward
		}
	}
	return mn, true
}

// weekdaySpanEnd reads the end of a span of weekdays that starts at token
// j, after the first day: "to Wednesday", "through Friday", "-Wednesday",
// "and Tuesday". Writers give one event's days this way ("in Tokyo from
// Monday to Wednesday"), and the event is listed by its first day, as "on 4
// and 5 May" is. It returns the token after the span and the last weekday.
func (m *dateScan) weekdaySpanEnd(j int) (int, int8, bool) {
	switch {
	case m.word(j) == wTo, m.word(j) == wThrough, m.word(j) == wUntil, m.word(j) == wAnd:
	case m.punct(j, '-'), j < len(m.toks) && m.tokenText(j) == "–":
	default:
		return 0, 0, false
	}
	k := j + 1
	if k >= len(m.toks) {
		return 0, 0, false
	}
	t := &m.toks[k]
	if t.kind != tWord || t.lex.weekday == 0 || !t.upper || t.lex.plural || t.lex.possessive {
		return 0, 0, false
	}
	if w := m.tokenText(k); len(w) < 6 || !strings.HasSuffix(w, "day") {
		return 0, 0, false // "Sun", "Wed": see weekdayFirst
	}
	k++
	if m.word(k) == wPartOfDay {
		if m.toks[k].lex.plural {
			return 0, 0, false // "Monday and Tuesday nights": a habit
		}
		k++
	}
	return k, t.lex.weekday, true
}

// habitual reports whether token i follows "each" or "every".
func (m *dateScan) habitual(i int) bool {
	if i == 0 || m.toks[i-1].kind != tWord {
		return false
	}
	w := m.tokenText(i - 1)
	return strings.EqualFold(w, "each") || strings.EqualFold(w, "every")
}

// recurring reports whether the weekday at i is part of a list that ends in
// a plural ("Monday and Tuesday nights"): a habit, not a date.
func (m *dateScan) recurring(i int) bool {
	for j := i + 1; j < len(m.toks) && j < i+8; j++ {
		t := &m.toks[j]
		switch {
		case t.kind == tWord && t.lex.weekday != 0:
		case m.word(j) == wAnd || m.word(j) == wOr || m.punct(j, ','):
		case m.word(j) == wPartOfDay:
			return t.lex.plural
		default:
			return false
		}
	}
	return false
}

// relative reads a phrase led by this, next, last, coming or past at token
// j (first is where the phrase starts, before any "the" or modifier):
// "next week", "this year", "next Monday", "this spring", "next March",
// "the coming week", "this past week", "next month's summit".
func (m *dateScan) relative(first, j int, dir timeDir) (timex, bool) {
	lead := m.word(j)
	offset := 0
	switch lead {
	case wNext, wComing:
		offset = 1
	case wLast, wPast:
		offset = -1
	}
	k := j + 1
	if lead == wThis && (m.word(k) == wComing || m.word(k) == wPast) {
		// "this coming Monday", "this past week"
		if m.word(k) == wPast {
			offset = -1
		} else {
			lead = wComing
		}
		k++
	}
	mn := timex{first: first, core: first, last: k + 1, kind: mRelative, offset: offset, dir: dir}
	if offset < 0 {
		mn.dir = dirBackward
	}
	if k >= len(m.toks) {
		return timex{}, false
	}
	t := &m.toks[k]
	if t.kind != tWord {
		return timex{}, false
	}
	if t.lex.plural && t.lex.word != wNone {
		return timex{}, false // "the coming weeks", "the next few days"
	}
	switch {
	case t.lex.word == wWeek || t.lex.word == wWeekend:
		mn.timeUnit = unitWeek
	case t.lex.word == wFortnight:
		mn.timeUnit, mn.offset = unitWeek, 2*offset
	case t.lex.word == wMonth:
		mn.timeUnit = unitMonth
	case t.lex.word == wYear:
		mn.timeUnit = unitYear
		// "the coming year" is the next twelve months, not a calendar year.
		if lead == wComing && first != j {
			return timex{}, false
		}
	case t.lex.weekday != 0 && t.upper && !t.lex.plural:
		mn.kind, mn.weekday = mWeekday, t.lex.weekday
		if lead == wComing {
			mn.offset = 0
			mn.dir = dirForward
		}
		if m.word(k+1) == wPartOfDay {
			mn.last++
		}
	case t.lex.season != 0:
		mn.kind, mn.season = mSeason, t.lex.season
	case t.lex.month != 0 && t.upper:
		mn.kind, mn.month = mDate, int(t.lex.month)
	default:
		return timex{}, false
	}
	if mn.kind == mRelative && mn.timeUnit == unitNone {
		return timex{}, false
	}
	if mn.kind == mRelative && lead == wComing && mn.timeUnit != unitWeek {
		return timex{}, false // "the coming month" is vague
	}
	if offset > 0 {
		mn.dir = dirForward
	}
	return mn, true
}

// modified reads phrases led by later, earlier, early, late or mid:
// "later this week", "earlier this month", "early next year",
// "mid-November", "late 2025", "later in the week", "early March".
func (m *dateScan) modified(i int) (timex, bool) {
	lead := m.word(i)
	dir := dirNone
	switch lead {
	case wLater:
		dir = dirForward
	case wEarlier:
		dir = dirBackward
	}
	j := i + 1
	if m.dash(j) && !m.toks[j].gap {
		j++
	}
	switch m.word(j) {
	case wThis, wNext, wLast:
		mn, ok := m.relative(i, j, dir)
		if ok && mn.dir == dirNone {
			mn.dir = dir
		}
		return mn, ok
	case wIn:
		// "later in the week", "earlier in the month", "later in March"
		k := j + 1
		if m.word(k) == wThe {
			switch m.word(k + 1) {
			case wWeek:
				return timex{first: i, core: i, last: k + 2, kind: mRelative, timeUnit: unitWeek, dir: dir}, true
			case wMonth:
				return timex{first: i, core: i, last: k + 2, kind: mRelative, timeUnit: unitMonth, dir: dir}, true
			case wYear:
				return timex{first: i, core: i, last: k + 2, kind: mRelative, timeUnit: unitYear, dir: dir}, true
			}
			return timex{}, false
		}
		if _, ok := m.monthAt(k); ok {
			mn, ok := m.monthFirst(i, k)
			mn.dir = dir
			return mn, ok
		}
		if y, ok := m.yearNumber(k); ok {
			return timex{first: i, core: i, last: k + 1, kind: mDate, year: y, dir: dir}, true
		}
		return timex{}, false
	case wOn:
		// "earlier on Friday", "later on Tuesday"
		if k := j + 1; k < len(m.toks) && m.toks[k].lex.weekday != 0 && m.toks[k].upper {
			mn, ok := m.weekdayFirst(k)
			mn.first, mn.core, mn.dir = i, i, dir
			return mn, ok
		}
		return timex{}, false
	}
	if lead == wLater || lead == wEarlier {
		return timex{}, false
	}
	if _, ok := m.monthAt(j); ok {
		return m.monthFirst(i, j)
	}
	if y, ok := m.yearNumber(j); ok {
		return timex{first: i, core: i, last: j + 1, kind: mDate, year: y}, true
	}
	return timex{}, false
}

// endOf reads "the end of the year", "end of March", "the start of next
// month", "the rest of the year", "the end of 2025", with "the" at first
// and the lead word at j.
func (m *dateScan) endOf(first, j int) (timex, bool) {
	lead := m.word(j)
	k := j + 1
	if m.word(k) != wOf {
		return timex{}, false
	}
	k++
	mn := timex{first: first, core: first, endOf: lead == wEnd}
	switch m.word(k) {
	case wThe:
		switch m.word(k + 1) {
		case wWeek:
			mn.timeUnit = unitWeek
		case wMonth:
			mn.timeUnit = unitMonth
		case wYear:
			mn.timeUnit = unitYear
		default:
			return timex{}, false
		}
		mn.kind, mn.last = mRelative, k+2
	case wThis, wNext, wLast:
		inner, ok := m.relative(first, k, 0)
		if !ok {
			return timex{}, false
		}
		inner.endOf = mn.endOf
		mn = inner
	default:
		if _, ok := m.monthAt(k); ok {
			inner, _ := m.monthFirst(first, k)
			if inner.day != 0 {
				return timex{}, false
			}
			inner.endOf = mn.endOf
			mn = inner
		} else if y, ok := m.yearNumber(k); ok {
			mn.kind, mn.year, mn.last = mDate, y, k+1
		} else {
			return timex{}, false
		}
	}
	if lead == wRest {
		// "the rest of the year" looks ahead from publication.
		if mn.dir == dirNone {
			mn.dir = dirForward
		}
		mn.endOf = false
	}
	return mn, true
}

// dayWord reads today, tonight, tomorrow, yesterday, and a part of the day
// after them ("tomorrow morning").
func (m *dateScan) dayWord(i int) (timex, bool) {
	mn := timex{first: i, core: i, last: i + 1, kind: mRelative, timeUnit: unitDay}
	switch m.word(i) {
	case wTomorrow:
		mn.offset, mn.dir = 1, dirForward
	case wYesterday:
		mn.offset, mn.dir = -1, dirBackward
	}
	if m.word(i+1) == wPartOfDay && !m.toks[i+1].lex.plural {
		mn.last++
	}
	return mn, true
}

// duration reads "in two weeks", "within 30 days", "in the next two
// weeks", "in a month's time".
func (m *dateScan) duration(i int) (timex, bool) {
	if m.word(i) == wOver {
		// "over two weeks" is a length and "over the next two years" a span
		// from now; neither names a time.
		return timex{}, false
	}
	j := i + 1
	switch {
	case m.word(j) == wThe && (m.word(j+1) == wNext || m.word(j+1) == wComing):
		j += 2
	case m.word(j) == wNext || m.word(j) == wComing:
		j++
	}
	if j+1 >= len(m.toks) {
		return timex{}, false
	}
	n := m.count(j)
	if n <= 0 {
		return timex{}, false // "in the coming days", "within a few weeks"
	}
	j++
	mn := timex{first: i, core: i, kind: mRelative, offset: n, duration: true, deadline: m.word(i) == wWithin}
	switch m.word(j) {
	case wDay:
		mn.timeUnit = unitDay
	case wWeek:
		mn.timeUnit = unitWeek
	case wFortnight:
		mn.timeUnit, mn.offset = unitWeek, 2*n
	case wMonth:
		mn.timeUnit = unitMonth
	case wYear:
		mn.timeUnit = unitYear
	default:
		return timex{}, false // "in two-day talks", "within 24 hours"
	}
	j++
	switch {
	case m.toks[j-1].lex.possessive && m.word(j) == wTime: // "in a month's time"
		j++
	case (m.punct(j, '\'') || m.tokenText(min(j, len(m.toks)-1)) == "’") && m.word(j+1) == wTime: // "two weeks' time"
		j += 2
	}
	mn.last = j
	return mn, true
}

// weekOfMonth reads "the first week of February", "the last week of May
// 2023"; first is where the phrase starts, the ordinal is at j.
func (m *dateScan) weekOfMonth(first, j int) (timex, bool) {
	n := int(m.toks[j].lex.n)
	if m.word(j) == wLast {
		n = -1
	}
	if n == 0 || m.word(j+1) != wWeek || m.word(j+2) != wOf {
		return timex{}, false
	}
	if _, ok := m.monthAt(j + 3); !ok {
		return timex{}, false
	}
	mn, _ := m.monthFirst(first, j+3)
	if mn.day != 0 {
		return timex{}, false
	}
	mn.weekN = n
	return mn, true
}

// weekOfDay reads "the week of March 3"; first is where the phrase starts,
// "week" is at j.
func (m *dateScan) weekOfDay(first, j int) (timex, bool) {
	if m.word(j+1) != wOf || m.toks[j].lex.plural {
		return timex{}, false
	}
	k := j + 2
	var mn timex
	var ok bool
	if _, isMonth := m.monthAt(k); isMonth {
		mn, ok = m.monthFirst(first, k)
	} else {
		mn, ok = m.dayFirst(k)
	}
	if !ok || mn.day == 0 {
		return timex{}, false
	}
	mn.first, mn.core, mn.weekOf = first, first, true
	return mn, true
}

// holiday reads "Christmas", "Christmas Eve", "New Year's Day", "New Year's
// Eve", "Thanksgiving", "Election Day", "Easter", with an optional year.
func (m *dateScan) holiday(i int) (timex, bool) {
	if !m.toks[i].upper {
		return timex{}, false
	}
	mn := timex{first: i, core: i, kind: mHoliday}
	j := i + 1
	switch m.word(i) {
	case wChristmas:
		mn.hol = christmas
		if m.word(j) == wEve {
			mn.hol = christmasEve
			j++
		} else if m.word(j) == wDay && m.toks[j].upper {
			j++
		}
	case wNew:
		if m.word(j) != wYear || !m.toks[j].lex.possessive || j+1 >= len(m.toks) || !m.toks[j+1].upper {
			return timex{}, false
		}
		switch m.word(j + 1) {
		case wDay:
			mn.hol = newYearsDay
		case wEve:
			mn.hol = newYearsEve
		default:
			return timex{}, false
		}
		j += 2
	case wThanksgiving:
		mn.hol = thanksgiving
		if m.word(j) == wDay && m.toks[j].upper {
			j++
		}
	case wElection:
		if m.word(j) != wDay || !m.toks[j].upper {
			return timex{}, false
		}
		mn.hol = electionDay
		j++
	case wEaster:
		mn.hol = easter
		if j < len(m.toks) && m.toks[j].lex.weekday == int8(time.Sunday)+1 && m.toks[j].upper {
			j++
		}
	}
	mn.last = m.yearAfter(&mn, j)
	return mn, true
}

// extendLeft widens a mention over the words before it that belong to the
// phrase ("on", "by the end of", "as early as") and notes what they say:
// "by" makes a deadline, "since" looks back, "as soon as" looks ahead. It
// never reaches back past token floor.
func (m *dateScan) extendLeft(mn *timex, floor int) {
	i := mn.first
	prev := func(k int) timeWord {
		if k < floor {
			return wNone
		}
		return m.word(k)
	}
	switch w := prev(i - 1); w {
	case wOn, wIn, wAt, wFor, wDuring, wAround, wAfter, wOver:
		mn.forDate = w == wFor
		i--
	case wThrough, wTo:
		mn.limit = true
		i-- // "moved to June 24": the phrase names the new date with "to"
	case wFrom:
		mn.limit = true // "moved from June 10": a span's start
		i--
	case wBy, wUntil, wBefore:
		mn.deadline, mn.limit = true, true
		i--
	case wThe, wA, wDeterminer:
		if mn.kind == mDate && mn.day != 0 {
			mn.attributive = true
		}
	case wSince:
		mn.dir = dirBackward
		i--
	}
	switch {
	case prev(i-1) == wAs && (prev(i-2) == wEarly || prev(i-2) == wSoon) && prev(i-3) == wAs:
		mn.lean = true
		i -= 3
	case prev(i-1) == wThan && prev(i-2) == wLater && prev(i-3) == wNo:
		mn.deadline = true
		i -= 3
	case prev(i-1) == wOf && prev(i-2) == wAhead:
		mn.lean = true // "ahead of Tuesday's vote"
		i -= 2
	case prev(i-1) == wNone && i-2 >= floor && strings.EqualFold(m.tokenText(i-1), "far") && strings.EqualFold(m.tokenText(i-2), "so"):
		mn.dir = dirBackward // "so far this year": the part gone by
		i -= 2
	}
	mn.first = i
}
