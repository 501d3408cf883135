package briefing

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexToken is one word, number or punctuation mark of a paragraph, as a byte
// range of its text. The date and tense rules work on tokens so that they
// never compile a pattern or lower-case a string per call.
type lexToken struct {
	start, end int32 // byte range in the paragraph text
	kind       lexKind
	// gap is true when white space separates the token from the one before,
	// so "4-5" (no gaps) can be told from "4 - 5".
	gap bool
	// upper is true when a word starts with an upper-case letter.
	upper bool
	// num is the value of a plain number (kind tNumber): digits only, no
	// thousands separator or decimal point.
	num int32
	// digits is the count of digits of a plain number.
	digits uint8
	// ordinal is true for a number written with its suffix ("7th", "22nd").
	ordinal bool
	// lex is what the date lexicon knows about a word.
	lex dateLex
}

type lexKind uint8

const (
	tWord   lexKind = iota + 1
	tNumber         // plain digits, maybe with an ordinal suffix
	tOther          // numbers with separators ("28,500", "1.5"), codes
	tPunct
)

// scanTokens appends the tokens of text to buf and returns it, so that one
// buffer serves every paragraph of an article.
func scanTokens(text string, buf []lexToken) []lexToken {
	gap := true
	for i := 0; i < len(text); {
		// Most text is ASCII: classify a byte without decoding it.
		if c := text[i]; c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
				gap = true
				i++
				continue
			case digitByte(c):
				buf = append(buf, numberToken(text, i, gap))
			case letterByte(c):
				buf = appendWordToken(buf, text, i, gap)
			default:
				buf = append(buf, lexToken{start: int32(i), end: int32(i + 1), kind: tPunct, gap: gap})
			}
			i = int(buf[len(buf)-1].end)
			gap = false
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			gap = true
			i += size
			continue
		case r < utf8.RuneSelf && r >= '0' && r <= '9':
			buf = append(buf, numberToken(text, i, gap))
		case unicode.IsLetter(r):
			buf = appendWordToken(buf, text, i, gap)
		default:
			buf = append(buf, lexToken{start: int32(i), end: int32(i + size), kind: tPunct, gap: gap})
		}
		i = int(buf[len(buf)-1].end)
		gap = false
	}
	return buf
}

// numberToken reads a number starting at text[i]: "2023", "7th", "28,500",
// "1.5", or a code such as "24x7".
func numberToken(text string, i int, gap bool) lexToken {
	t := lexToken{start: int32(i), kind: tNumber, gap: gap}
	j := i
	for j < len(text) && digitByte(text[j]) {
		if t.digits < 9 {
			t.num = t.num*10 + int32(text[j]-'0')
		}
		if t.digits < 255 {
			t.digits++
		}
		j++
	}
	// A separator followed by more digits makes this a quantity, not a day
	// or a year.
	for j+1 < len(text) && (text[j] == ',' || text[j] == '.') && digitByte(text[j+1]) {
		t.kind = tOther
		j++
		for j < len(text) && digitByte(text[j]) {
			j++
		}
	}
	if t.kind == tNumber {
		k := j
		for k < len(text) && letterByte(text[k]) {
			k++
		}
		if k > j {
			switch suffix := text[j:k]; {
			case strings.EqualFold(suffix, "st"), strings.EqualFold(suffix, "nd"),
				strings.EqualFold(suffix, "rd"), strings.EqualFold(suffix, "th"):
				t.ordinal = true
			default:
				t.kind = tOther
			}
			j = k
		}
	}
	t.end = int32(j)
	return t
}

// appendWordToken reads a word starting at text[i] and appends its token
// to buf. Letters, digits and inner apostrophes belong to the word
// ("won't", "Year's", "COP26"). The loop that finds the word's end also
// lower-cases it and hashes it for the lexicon, so a word is read once;
// the token is filled where it lies in buf, not copied there.
func appendWordToken(buf []lexToken, text string, i int, gap bool) []lexToken {
	buf = append(buf, lexToken{})
	t := &buf[len(buf)-1]
	t.start, t.kind, t.gap = int32(i), tWord, gap
	if c := text[i]; c < utf8.RuneSelf {
		t.upper = c >= 'A' && c <= 'Z'
	} else {
		first, _ := utf8.DecodeRuneInString(text[i:])
		t.upper = unicode.IsUpper(first)
	}
	// low holds the word as the lexicon spells it: ASCII letters in lower
	// case, ’ as '. Only words short enough to be in the lexicon matter,
	// so bytes past its end are hashed but not kept.
	var low [lexKeyBuf]byte
	k, h := 0, wordHashSeed
	// aposK and aposH are the length and hash of low before the word's
	// last apostrophe: the key of "Year's" is that of "year". apos records
	// whether the word holds an apostrophe at all.
	aposK, aposH, apos := 0, wordHashSeed, false
	j := i
	for j < len(text) {
		if lexLower[text[j]] != 0 {
			j, k, h = lowerASCIIRun(text, j, &low, k, h)
			continue
		}
		if c := text[j]; c < utf8.RuneSelf && c != '\'' {
			break
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			for _, c := range []byte(text[j : j+size]) {
				if k < len(low) {
					low[k] = c
				}
				k++
				h = wordHashByte(h, c)
			}
			j += size
			continue
		}
		if r == '\'' || r == '’' {
			if next := j + size; next < len(text) {
				if r2, _ := utf8.DecodeRuneInString(text[next:]); unicode.IsLetter(r2) {
					aposK, aposH, apos = k, h, true
					if k < len(low) {
						low[k] = '\''
					}
					k++
					h = wordHashByte(h, '\'')
					j = next
					continue
				}
			}
		}
		break
	}
	t.end = int32(j)
	lookupDateWord(&t.lex, text[i:j], low[:min(k, len(low))], h, apos, aposK, aposH)
	return buf
}

// lowerASCIIRun reads the run of ASCII letters and digits at text[j:],
// appends it in lower case to low[:k] (as much as fits) and to the word
// hash h, and returns the index after the run and the new k and h. It is a
// function of its own so that its loop keeps everything in registers.
func lowerASCIIRun(text string, j int, low *[lexKeyBuf]byte, k int, h uint32) (int, int, uint32) {
	for ; j < len(text); j++ {
		c := lexLower[text[j]]
		if c == 0 {
			break
		}
		if k < len(low) {
			low[k] = c
		}
		k++
		h = wordHashByte(h, c)
	}
	return j, k, h
}

// asciiAlnum marks the ASCII letters and digits.
var asciiAlnum = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = letterByte(byte(c)) || digitByte(byte(c))
	}
	return t
}()

// lexLower maps the ASCII letters and digits to their lower-case form and
// every other byte to 0.
var lexLower = func() (t [256]byte) {
	for c := range utf8.RuneSelf {
		if letterByte(byte(c)) || digitByte(byte(c)) {
			t[c] = byte(c) | 0x20
		}
	}
	return t
}()

// lexKeyBuf is the room appendWordToken keeps for a word's lexicon key; every
// word of the lexicon is shorter.
const lexKeyBuf = 32

func digitByte(c byte) bool  { return c >= '0' && c <= '9' }
func letterByte(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// dateLex is what the date lexicon records about a word.
type dateLex struct {
	word    timeWord
	cue     tenseCue
	month   uint8 // a time.Month; 0 when the word names no month
	weekday int8  // time.Weekday + 1; 0 when the word names no weekday
	season  season
	n       int8 // value of a number word ("two") or ordinal ("second")
	plural  bool // a plural of a time word: "Mondays", "weeks"
	// possessive is true for "Year's", "week's".
	possessive bool
	// report marks verbs of saying ("said", "told", "warns"), which open
	// or close an attribution rather than an event.
	report bool
	// relative marks relative pronouns ("which", "who"), which open a
	// clause about something else.
	relative bool
	conj     conjunction
	// event is the kind of event a noun or verb names ("visit", "trip" and
	// "travel" are one kind), so that two clauses can be told to speak of
	// the same event.
	event eventKind
	// flags holds the word's other classes, one bit each (lexFlag).
	flags lexFlag
}

// lexFlag is one class of word the event rules ask about.
type lexFlag uint16

const (
	// fChange marks verbs and nouns that move or drop a planned date:
	// postponed, delayed, cancelled, rescheduled, moved.
	fChange lexFlag = 1 << iota
	// fParticle marks "off", "back" and "forward", which make a change of
	// plan of "called off", "pushed back", "brought forward".
	fParticle
	// fOpens and fCloses mark verbs that give the first or the last day
	// of a span: "begins on June 12 and ends on June 14".
	fOpens
	fCloses
	// fMeasure marks nouns of a quantity measured over a period
	// ("growth", "estimate", "budget"), fPercent the words of a percentage.
	fMeasure
	fPercent
	// fNovel marks words that introduce a further event rather than one
	// named before: another, new, second, separate, further.
	fNovel
	// fDefinite marks determiners that point back to something named
	// before: the, this, that, its, their.
	fDefinite
	// fPronoun marks personal pronouns that can be a clause's subject.
	fPronoun
)

// has reports whether the word is of class f.
func (l dateLex) has(f lexFlag) bool { return l.flags&f != 0 }

// eventKind groups the words that name one kind of event. Kinds are narrow
// on purpose: a "summit" and a "meeting" of ministers are most often two
// events, a "visit" and a "trip" one.
type eventKind uint8

const (
	evNone eventKind = iota
	evTravel
	evMeet
	evSummit
	evConference
	evVote
	evSigning
	evDebate
	evDeadline
	evDecision
	evRelease
	// evKinds counts the kinds, evNone included.
	evKinds = iota
)

// conjunction is the kind of conjunction a word is, for splitting clauses.
type conjunction uint8

const (
	conjNone          conjunction = iota
	conjCoordinating              // and, but
	conjSubordinating             // because, although, while
)

// lookupDateWord fills lx, which must be zero, with what the lexicon knows
// about word, case-insensitively, with a possessive "'s" removed. low is
// the word lower-cased as the lexicon spells it (appendWordToken), h its
// hash, apos whether the word holds an apostrophe (without one it can be
// neither a possessive nor a contraction), and aposK and aposH the length
// and hash of low before the word's last apostrophe. Words the lexicon
// does not hold get their tense cue from their form: a lower-case word
// ending in -ed reads as a past verb, one ending in -ing as a participle.
func lookupDateWord(lx *dateLex, word string, low []byte, h uint32, apos bool, aposK int, aposH uint32) {
	switch {
	case !apos:
		// No possessive to remove.
	case len(word) > len("'s") && strings.HasSuffix(word, "'s"):
		word, lx.possessive = word[:len(word)-len("'s")], true
		low, h = low[:aposK], aposH
	case len(word) > len("’s") && strings.HasSuffix(word, "’s"):
		word, lx.possessive = word[:len(word)-len("’s")], true
		low, h = low[:aposK], aposH
	}
	if len(word) <= maxLexicalWord+len("’")-1 {
		if id := lexiconWords.find(low, h); id >= 0 {
			poss := lx.possessive
			*lx = lexiconLex[id]
			lx.possessive = poss
		}
	}
	// Contractions carry their auxiliary: "she'll", "they're", "we've".
	if apos && lx.cue == cueNone {
		switch {
		case strings.HasSuffix(word, "'ll") || strings.HasSuffix(word, "’ll"):
			lx.cue = cueWill
		case strings.HasSuffix(word, "'re") || strings.HasSuffix(word, "’re"):
			lx.cue = cuePresAux
		case strings.HasSuffix(word, "'ve") || strings.HasSuffix(word, "’ve"):
			lx.cue = cueHave
		case strings.HasSuffix(word, "n't") || strings.HasSuffix(word, "n’t"):
			lx.cue = cueNot
		}
	}
	// Form tells what the lexicon does not: "announced" and "strained" in
	// -ed, "holding" in -ing.
	if lx.cue == cueNone && lx.word == wNone && len(word) >= 4 && word[0] >= 'a' && word[0] <= 'z' {
		n := len(word)
		switch {
		case word[n-2:] == "ed" && (n > 4 || word[n-3] != 'e'): // "vied", not "seed"
			lx.cue = cueEd
		case n > 5 && word[n-3:] == "ing":
			lx.cue = cueIng
		}
	}
}

// timeWord names the closed-class words that temporal expressions are built
// from.
type timeWord uint8

const (
	wNone timeWord = iota
	wThis
	wNext
	wLast
	wComing
	wFollowing
	wPrevious
	wPast
	wLater
	wEarlier
	wEarly
	wLate
	wMid
	wEnd
	wStart
	wRest
	wDay
	wWeek
	wWeekend
	wFortnight
	wMonth
	wYear
	wHour
	wToday
	wTonight
	wTomorrow
	wYesterday
	wPartOfDay // morning, afternoon, evening, night
	wOn
	wIn
	wBy
	wFrom
	wUntil
	wSince
	wAt
	wFor
	wBefore
	wAfter
	wThrough
	wDuring
	wWithin
	wOver
	wAround
	wOf
	wWith
	wThe
	wA
	wAnd
	wOr
	wTo
	wAgo
	wAs
	wSoon
	wAhead
	wNo
	wThan
	wNow
	wOrdinal // first, second, ... ; dateLex.n holds the rank, -1 for last/final
	wNumber  // one, two, ... ; dateLex.n holds the value
	wHalf
	wQuarter
	wChristmas
	wEve
	wNew
	wThanksgiving
	wElection
	wEaster
	wSunday // "Easter Sunday" uses the weekday word; this id is unused otherwise
	wFiscal
	wTime
	wDeterminer // his, her, its, their, our, my, your, these, those, that
	wUnit       // units that follow a number that is not a year: people, km...
	wMoney      // currency words before a number: $, US$, number, No
)

// tenseCue is the part a word plays in deciding a clause's tense.
type tenseCue uint8

const (
	cueNone         tenseCue = iota
	cueWill                  // will, shall, 'll, won't
	cueModal                 // would, could, may, might, should, must, can
	cuePastAux               // was, were, had, did
	cuePresAux               // is, are, am, does, do
	cueHave                  // has, have
	cueBe                    // be, been, being
	cuePlan                  // scheduled, due, set, expected, planned, plans, intends, aims...
	cuePlanIng               // planning, weighing, considering, preparing
	cuePast                  // said, held, met
	cueEd                    // other lower-case words in -ed: a past verb or an adjective ("strained ties")
	cueReportPres            // says, tells
	cueIng                   // other -ing words
	cueNot                   // not, n't, never, also, still, already: inside a verb group
	cueGoing                 // going, about ("going to", "about to")
	cuePastAdverb            // ago, previously, recently, yesterday
	cueFutureAdverb          // upcoming, forthcoming, soon
)

// lexiconWords numbers the words of the date lexicon (buildDateLexicon),
// and lexiconLex holds what the lexicon says of each, by number:
// appendWordToken hashes a word while it reads it, so a lookup costs one
// probe. maxLexicalWord is the length of the longest word. The lexicon's
// map is dropped once they are built: the tables hold no pointers for the
// collector to scan.
var lexiconWords, lexiconLex, maxLexicalWord = func() (*wordTable, []dateLex, int) {
	lexicon := buildDateLexicon()
	words := &wordTable{}
	lex := make([]dateLex, 0, len(lexicon))
	longest := 0
	for w, lx := range lexicon {
		longest = max(longest, len(w))
		if _, added := words.add([]byte(w), wordHashString(w)); added {
			lex = append(lex, lx)
		}
	}
	return words, lex, longest
}()

func buildDateLexicon() map[string]dateLex {
	m := make(map[string]dateLex, 512)
	set := func(w string, f func(*dateLex)) {
		lx := m[w]
		f(&lx)
		m[w] = lx
	}
	for w, mo := range monthNames {
		set(w, func(l *dateLex) { l.month = uint8(mo) })
	}
	for w, wd := range weekdayNames {
		set(w, func(l *dateLex) { l.weekday = int8(wd) + 1 })
		if len(w) > 3 {
			set(w+"s", func(l *dateLex) { l.weekday = int8(wd) + 1; l.plural = true })
		}
	}
	for w, s := range seasonNames {
		set(w, func(l *dateLex) { l.season = s })
	}
	words := map[string]timeWord{
		"this": wThis, "next": wNext, "last": wLast, "coming": wComing, "following": wFollowing,
		"previous": wPrevious, "past": wPast, "later": wLater, "earlier": wEarlier, "early": wEarly, "late": wLate,
		"mid": wMid, "middle": wMid, "end": wEnd, "start": wStart, "beginning": wStart,
		"rest": wRest, "remainder": wRest,
		"day": wDay, "week": wWeek, "weekend": wWeekend, "fortnight": wFortnight,
		"month": wMonth, "year": wYear, "hour": wHour,
		"today": wToday, "tonight": wTonight, "tomorrow": wTomorrow, "yesterday": wYesterday,
		"morning": wPartOfDay, "afternoon": wPartOfDay, "evening": wPartOfDay, "night": wPartOfDay,
		"on": wOn, "in": wIn, "by": wBy, "from": wFrom, "until": wUntil, "till": wUntil,
		"since": wSince, "at": wAt, "for": wFor, "before": wBefore, "after": wAfter,
		"through": wThrough, "throughout": wThrough, "during": wDuring, "within": wWithin,
		"over": wOver, "around": wAround, "about": wAround, "of": wOf, "with": wWith, "the": wThe,
		"a": wA, "an": wA, "and": wAnd, "or": wOr, "to": wTo, "ago": wAgo, "as": wAs,
		"soon": wSoon, "ahead": wAhead, "no": wNo, "than": wThan, "now": wNow,
		"half": wHalf, "quarter": wQuarter,
		"christmas": wChristmas, "eve": wEve, "new": wNew, "thanksgiving": wThanksgiving,
		"election": wElection, "easter": wEaster, "fiscal": wFiscal, "time": wTime,
		"his": wDeterminer, "her": wDeterminer, "its": wDeterminer, "their": wDeterminer,
		"our": wDeterminer, "my": wDeterminer, "your": wDeterminer, "these": wDeterminer,
		"those": wDeterminer, "that": wDeterminer,
		"people": wUnit, "percent": wUnit, "per": wUnit, "troops": wUnit, "soldiers": wUnit,
		"km": wUnit, "kilometres": wUnit, "kilometers": wUnit, "miles": wUnit, "tonnes": wUnit,
		"tons": wUnit, "barrels": wUnit, "votes": wUnit, "members": wUnit, "residents": wUnit,
		"dollars": wUnit, "euros": wUnit, "hours": wUnit, "metres": wUnit, "meters": wUnit,
		"feet": wUnit, "units": wUnit, "cases": wUnit, "deaths": wUnit, "delegates": wUnit,
		"us$": wMoney, "number": wMoney, "resolution": wMoney, "flight": wMoney, "route": wMoney,
		"article": wMoney, "chapter": wMoney, "section": wMoney, "page": wMoney, "room": wMoney,
		"highway": wMoney, "boeing": wMoney, "airbus": wMoney, "model": wMoney, "rule": wMoney,
	}
	for w, id := range words {
		set(w, func(l *dateLex) { l.word = id })
	}
	for _, w := range []string{"said", "says", "told", "tells", "added", "adds", "announced", "stated",
		"reported", "noted", "notes", "insisted", "insists", "argued", "argues", "warned", "warns",
		"wrote", "claimed", "claims", "confirmed", "explained", "declared"} {
		set(w, func(l *dateLex) { l.report = true })
	}
	for kind, ws := range map[eventKind][]string{
		evTravel: {"visit", "visits", "visited", "visiting", "trip", "trips", "tour", "tours", "toured",
			"touring", "journey", "travel", "travels", "travelled", "traveled", "travelling", "traveling",
			"arrive", "arrives", "arrived", "arriving", "arrival", "fly", "flies", "flying"},
		evMeet: {"meet", "meets", "meeting", "meetings", "talks", "negotiations", "negotiate",
			"negotiating", "consultations", "gathering", "gather", "gathers",
			// Talks that resume are a meeting: "the talks will resume".
			"resume", "resumes", "resuming", "resumption"},
		evSummit:     {"summit", "summits", "assembly", "session", "sessions", "plenary", "congress"},
		evConference: {"conference", "conferences", "forum", "symposium", "convention"},
		evVote: {"vote", "votes", "voting", "election", "elections", "ballot", "referendum",
			"poll", "polls", "runoff"},
		evSigning:  {"sign", "signs", "signing", "ceremony", "ratify", "ratification"},
		evDebate:   {"debate", "debates", "hearing", "hearings"},
		evDeadline: {"deadline", "deadlines", "expire", "expires", "expiry", "lapse", "lapses", "ultimatum"},
		evDecision: {"decide", "decides", "deciding", "decision", "decisions", "verdict", "ruling"},
		evRelease:  {"publish", "publishes", "publishing", "publication", "release", "releases", "unveil", "unveils"},
	} {
		for _, w := range ws {
			set(w, func(l *dateLex) { l.event = kind })
		}
	}
	for _, w := range []string{"postpone", "postpones", "postponed", "postponing", "postponement",
		"delay", "delays", "delayed", "delaying", "cancel", "cancels", "cancelled", "canceled",
		"cancelling", "canceling", "cancellation", "scrap", "scraps", "scrapped", "shelve", "shelved",
		"defer", "defers", "deferred", "reschedule", "rescheduled", "move", "moves", "moved",
		"shift", "shifted"} {
		set(w, func(l *dateLex) { l.flags |= fChange })
	}
	for _, w := range []string{"begin", "begins", "start", "starts", "open", "opens", "opening", "starting", "beginning"} {
		set(w, func(l *dateLex) { l.flags |= fOpens })
	}
	for _, w := range []string{"end", "ends", "ending", "conclude", "concludes", "concluding", "close", "closes",
		"closing", "finish", "finishes", "wrap", "wraps"} {
		set(w, func(l *dateLex) { l.flags |= fCloses })
	}
	for _, w := range []string{"estimate", "estimates", "forecast", "forecasts", "outlook", "projection",
		"projections", "growth", "inflation", "deficit", "deficits", "surplus", "earnings", "budget", "budgets",
		"output", "revenue", "revenues", "sales", "profit", "profits", "gdp", "guidance", "spending"} {
		set(w, func(l *dateLex) { l.flags |= fMeasure })
	}
	for _, w := range []string{"percent", "per", "pct"} {
		set(w, func(l *dateLex) { l.flags |= fPercent })
	}
	for _, w := range []string{"off", "back", "forward"} {
		set(w, func(l *dateLex) { l.flags |= fParticle })
	}
	for _, w := range []string{"another", "new", "second", "separate", "further", "fresh", "other"} {
		set(w, func(l *dateLex) { l.flags |= fNovel })
	}
	for _, w := range []string{"the", "this", "that", "these", "those", "its", "their", "his", "her", "our"} {
		set(w, func(l *dateLex) { l.flags |= fDefinite })
	}
	for _, w := range []string{"he", "she", "they", "it", "we"} {
		set(w, func(l *dateLex) { l.flags |= fPronoun })
	}
	for _, w := range []string{"which", "who", "whose", "whom", "where", "when", "that"} {
		set(w, func(l *dateLex) { l.relative = true })
	}
	for _, w := range []string{"and", "but"} {
		set(w, func(l *dateLex) { l.conj = conjCoordinating })
	}
	for _, w := range []string{"because", "although", "though", "whereas", "while"} {
		set(w, func(l *dateLex) { l.conj = conjSubordinating })
	}
	plurals := map[string]timeWord{
		"days": wDay, "weeks": wWeek, "weekends": wWeekend, "fortnights": wFortnight, "months": wMonth,
		"years": wYear, "hours": wHour, "mornings": wPartOfDay, "afternoons": wPartOfDay,
		"evenings": wPartOfDay, "nights": wPartOfDay,
	}
	for w, id := range plurals {
		set(w, func(l *dateLex) { l.word = id; l.plural = true })
	}
	for i, w := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"} {
		set(w, func(l *dateLex) { l.word = wNumber; l.n = int8(i + 1) })
	}
	set("several", func(l *dateLex) { l.word = wNumber; l.n = 0 })
	set("few", func(l *dateLex) { l.word = wNumber; l.n = 0 })
	for i, w := range []string{"first", "second", "third", "fourth", "fifth"} {
		set(w, func(l *dateLex) { l.word = wOrdinal; l.n = int8(i + 1) })
	}
	set("final", func(l *dateLex) { l.word = wOrdinal; l.n = -1 })

	cues := map[tenseCue][]string{
		cueWill:    {"will", "shall", "'ll", "won't", "wo", "wont"},
		cueModal:   {"would", "could", "may", "might", "should", "must", "can", "cannot", "can't", "wouldn't", "couldn't", "shouldn't", "mustn't", "'d"},
		cuePastAux: {"was", "were", "had", "did", "wasn't", "weren't", "hadn't", "didn't", "'d've"},
		cuePresAux: {"is", "are", "am", "does", "do", "isn't", "aren't", "doesn't", "don't", "'re", "'m"},
		cueHave:    {"has", "have", "hasn't", "haven't", "'ve"},
		cueBe:      {"be", "been", "being"},
		cuePlan: {"scheduled", "schedule", "rescheduled", "slated", "due", "set", "expected", "expect", "expects",
			"planned", "plan", "plans", "intends", "intend", "intended", "aims", "aim", "aimed",
			"hopes", "hope", "hoped", "wants", "want", "wanted", "seeks", "seek", "proposed", "proposes",
			"poised", "likely", "unlikely", "anticipates", "anticipate", "anticipated", "supposed",
			"ready", "prepared", "agreed", "agree", "agrees", "promised", "pledged", "vowed", "decided",
			"invited", "needs", "need", "needed", "tipped", "bound", "able", "hoping", "wanting",
			"seeking", "aiming", "expecting", "intending", "promises", "pledges", "vows", "decides"},
		cuePlanIng: {"planning", "weighing", "considering", "mulling", "preparing", "prepares",
			"eyeing", "contemplating", "discussing", "negotiating", "arranging"},
		cuePast: {"said", "told", "held", "met", "took", "went", "came", "began", "made", "gave",
			"left", "sent", "saw", "won", "lost", "found", "brought", "spoke", "wrote", "became",
			"kept", "led", "paid", "ran", "rose", "fell", "grew", "knew", "thought", "felt",
			"stood", "sat", "flew", "drew", "broke", "chose", "struck", "sought", "fought",
			"caught", "taught", "bought", "built", "spent", "sold", "meant", "heard", "understood",
			"withdrew", "undertook", "forgot", "got", "hid", "shook", "swore", "threw", "wore",
			"woke", "drove", "rode", "ate", "upheld", "withheld", "oversaw", "overtook", "arose",
			"dealt", "fled", "slept", "swept", "wept", "lent", "bent", "dug", "hung", "shot",
			"slid", "spun", "stuck", "stung", "struck", "swung", "underwent", "outlined",
			"gone", "done", "seen", "taken", "given", "spoken", "written", "chosen", "known",
			"shown", "grown", "drawn", "flown", "risen", "fallen", "begun", "broken", "forgotten",
			// Past forms that are also the base form: after a modal or "to"
			// the verb group reads them as infinitives.
			"put", "cut", "hit", "let", "quit", "cast", "hurt", "shut", "spread", "upset"},
		cueReportPres: {"says", "tells", "adds", "notes", "insists", "argues", "claims", "warns"},
		cueNot: {"not", "n't", "never", "also", "still", "already", "just", "now", "then", "again",
			"reportedly", "probably", "possibly", "perhaps", "likely", "only", "even", "formally",
			"officially", "finally", "soon", "jointly", "personally", "briefly"},
		cueGoing:        {"going", "about"},
		cuePastAdverb:   {"ago", "previously", "recently", "yesterday", "formerly", "earlier"},
		cueFutureAdverb: {"upcoming", "forthcoming", "soon", "tomorrow", "later", "ahead"},
	}
	// Later entries win: a word in two lists ("likely", "soon") takes the
	// last list's cue, so the order above is the order of preference.
	for _, c := range []tenseCue{cueNot, cuePastAdverb, cueFutureAdverb, cueWill, cueModal, cuePastAux,
		cuePresAux, cueHave, cueBe, cuePast, cueReportPres, cueGoing, cuePlanIng, cuePlan} {
		for _, w := range cues[c] {
			set(w, func(l *dateLex) { l.cue = c })
		}
	}
	return m
}
