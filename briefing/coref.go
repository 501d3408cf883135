package briefing

import (
	"sort"
	"strings"
)

// Bounds on how far back coreference looks, so that resolving a pronoun or
// a role noun costs the same however long the article is.
const (
	pronounSentences = 6   // sentences back for he/she
	pronounMentions  = 60  // mentions back for he/she
	roleMentions     = 400 // mentions back for "the minister"
	itSentences      = 4   // sentences back for "it"
)

// resolveNP names the speaker that the noun phrase [lo, hi) stands for: a
// person, an organisation or an unnamed source. It returns an entity index,
// or -1 when the phrase names no one we can be sure of.
func (a *analysis) resolveNP(lo, hi int) int {
	if hi <= lo {
		return -1
	}
	if hi-lo == 1 {
		switch a.low[lo] {
		case "he":
			return a.resolvePronoun(genderMale, lo)
		case "she":
			return a.resolvePronoun(genderFemale, lo)
		case "it":
			if e := a.institutionSubject(lo); e >= 0 {
				return e
			}
			return a.resolveIt(lo)
		case "they":
			return a.institutionSubject(lo)
		case "who", "which", "we", "i", "you":
			return -1
		}
	}
	// Drop leading determiners and sentence-initial function words.
	phraseLo := lo
	det := ""
	for lo < hi {
		w := a.low[lo]
		if detWords[w] {
			det = w
			lo++
			continue
		}
		if a.toks[lo].has(fCap) && capitalStops[w] && !isTitleHead(w) {
			lo++
			continue
		}
		break
	}
	if lo >= hi {
		return -1
	}
	// "a source familiar with the matter": the noun before a
	// post-modifying adjective is the head.
	for hi-1 > lo && postModifiers[a.low[hi-1]] {
		hi--
	}
	headTok := hi - 1
	head := a.low[headTok]
	// "Gary Johnson's doctor", "Trump's campaign": an owner and a noun.
	if poss := a.lastPossessive(lo, hi); poss >= 0 && poss < hi-1 && !a.toks[headTok].has(fCap) {
		return a.possessiveSpeaker(lo, poss, hi)
	}
	if a.toks[headTok].has(fCap) || a.toks[headTok].has(fAbbr) && a.runAt[headTok] >= 0 {
		ri := a.runAt[headTok]
		if ri < 0 {
			return -1
		}
		if r := a.runs[ri]; r.ent < 0 && hi-lo == 1 && a.commonWordAtStart(r) {
			// "Demonstrators said": a plural role opening the sentence is
			// an unnamed group, not a name.
			if w := singularNoun(head); w != head && (unnamedRoles[w] || isRoleNoun(w)) {
				return a.unnamed(lo, hi)
			}
		}
		if a.runs[ri].kind == runOther && nonSpeakerHeads[a.low[a.runs[ri].hi-1]] {
			// A law, a work or an event does not speak: "the Prevention
			// of Terrorism Bill proposes "control orders"".
			return -1
		}
		if a.runs[ri].kind == runRole {
			// "the Ealing North MP": a role, found by role.
			var ws []string
			for k := max(lo, a.runs[ri].lo); k < hi; k++ {
				ws = append(ws, strings.TrimSuffix(a.low[k], "."))
			}
			if role, ok := roleOf(ws); ok && det != "a" && det != "an" {
				return a.roleAlias(a.findByRole(role, lo, a.capitalModifiers(lo, hi-1)), phraseLo, hi)
			}
			return -1
		}
		return a.runEntity(int(ri), lo)
	}
	// A lower-case head: an institution, a document, a role.
	switch {
	case institutionNouns[head] && !documentNouns[head]:
		return a.institution(lo, hi, det)
	case documentNouns[head]:
		return a.documentIssuer(lo, hi, det)
	}
	role, ok := a.roleIn(lo, hi)
	if !ok {
		return -1
	}
	plural := !isRoleNoun(head) && isRoleNoun(singularNoun(head))
	// A singular role with no article is a title in apposition or a
	// coordination ("the former first lady and U.S. senator"): definite.
	definite := det == "the" || det == "this" || det == "his" || det == "her" || det == "its" || det == "their" || det == ""
	if definite && !plural {
		if e := a.findByRole(role, lo, a.capitalModifiers(lo, hi-1)); e >= 0 {
			return a.roleAlias(e, phraseLo, hi)
		}
		// Only a determiner, perhaps before a first conjunct ("the former
		// first lady and U.S. senator"), makes an epithet; a bare role is
		// an apposition to a name that was not understood ("Rory O'
		// Neill, editor of the magazine, said").
		coordinated := phraseLo > 0 && a.samePara(phraseLo-1, phraseLo) && a.low[phraseLo-1] == "and"
		if det == "" && !coordinated && !unnamedRoles[role] {
			return -1
		}
		if !unnamedRoles[role] {
			return a.roleAlias(a.epithet(role, lo), phraseLo, hi)
		}
	}
	return a.unnamed(lo, hi)
}

// postModifiers follow a noun to start a reduced relative clause: "a
// source familiar with the matter", "an official close to the talks".
var postModifiers = wordSet("familiar", "close", "knowledgeable", "involved", "briefed",
	"present", "aware", "opposed")

// nonSpeakerHeads end names of things that do not speak: laws, plans,
// events and works.
var nonSpeakerHeads = wordSet("bill", "act", "law", "treaty", "accord", "agreement", "deal",
	"charter", "convention", "protocol", "declaration", "resolution", "plan", "program",
	"programme", "initiative", "project", "doctrine", "amendment", "constitution", "code",
	"rule", "rules", "summit", "conference", "forum", "war", "games", "cup", "day", "show",
	"film", "movie", "book", "song", "album", "documentary", "series", "episode", "vaccine",
	"virus", "pandemic", "crisis", "corridor", "strait", "canal", "island", "river")

// roleAlias records the role phrase [lo, hi) ("the premier") as one of the
// ways the article refers to person e, and returns e.
func (a *analysis) roleAlias(e, lo, hi int) int {
	if e >= 0 && a.ents[e].person && !a.ents[e].unnamed {
		a.ents[e].addAlias(a.spanText(lo, hi))
	}
	return e
}

// unnamedRoles are roles an article may use for a source it never names:
// "a government spokesperson", "the official", "one questioner".
var unnamedRoles = wordSet("official", "spokesperson", "spokesman", "spokeswoman",
	"source", "aide", "adviser", "advisor", "diplomat", "officer", "staffer",
	"questioner", "observer", "analyst", "expert", "insider", "person",
	"resident", "witness", "voter", "supporter", "protester", "demonstrator",
	"lawmaker", "legislator", "negotiator", "mediator", "delegate", "police",
	"investigator", "prosecutor", "commander", "executive", "critic",
	"press secretary", "representative", "employee", "worker", "member",
	"participant", "attendee", "narrator", "announcer", "relative")

func singularNoun(w string) string {
	switch {
	case strings.HasSuffix(w, "people"):
		return strings.TrimSuffix(w, "people") + "person"
	case strings.HasSuffix(w, "men"):
		return strings.TrimSuffix(w, "men") + "man"
	case strings.HasSuffix(w, "ies"):
		return strings.TrimSuffix(w, "ies") + "y"
	case strings.HasSuffix(w, "s"):
		return strings.TrimSuffix(w, "s")
	}
	return w
}

// roleIn finds the role noun that heads the lower-case phrase [lo, hi).
func (a *analysis) roleIn(lo, hi int) (string, bool) {
	var ws []string
	for k := lo; k < hi; k++ {
		if a.toks[k].kind == tkWord && !a.toks[k].has(fCap) {
			ws = append(ws, strings.TrimSuffix(a.low[k], "."))
		} else {
			ws = ws[:0]
		}
	}
	if len(ws) == 0 {
		return "", false
	}
	if r, ok := roleOf(ws); ok {
		return r, true
	}
	last := singularNoun(ws[len(ws)-1])
	if _, ok := roleNouns[last]; ok {
		return last, true
	}
	if unnamedRoles[last] {
		return last, true
	}
	return "", false
}

func (a *analysis) lastPossessive(lo, hi int) int {
	for k := hi - 1; k >= lo; k-- {
		if a.toks[k].has(fPoss) {
			return k
		}
	}
	return -1
}

// possessiveSpeaker names "X's doctor" or "X's campaign" after its owner.
func (a *analysis) possessiveSpeaker(lo, poss, hi int) int {
	if poss > lo && a.is(poss-1, lxDocument) {
		// "the ad's narrator": name it as written.
		head := a.low[hi-1]
		if !isRoleNoun(head) && !unnamedRoles[singularNoun(head)] {
			return -1
		}
		return a.labelEntity(a.spanText(lo, hi), head, false)
	}
	owner := a.resolveNP(lo, poss)
	if owner < 0 && !(poss > lo && a.toks[poss-1].has(fCap)) {
		return -1
	}
	// The owner as the text names it: "Scott's relatives" stays true when
	// two Scotts are in the story.
	ownerName := a.spanText(lo, poss)
	if owner >= 0 && !a.ents[owner].person {
		ownerName = a.ents[owner].name
	}
	rest := a.spanText(poss+1, hi)
	head := a.low[hi-1]
	if documentNouns[head] {
		// "the Kremlin's statement", "the ministry's communique": the
		// document speaks for its issuer.
		if owner < 0 {
			owner = a.orgEntity(ownerName, a.low[poss-1])
		}
		return owner
	}
	if !institutionNouns[head] && !isRoleNoun(head) && !unnamedRoles[singularNoun(head)] {
		return -1
	}
	if owner >= 0 && isRoleNoun(head) && !a.ents[owner].person {
		// "the ministry's spokesman": a spokesman of an organisation.
		return a.labelEntity(ownerName+" "+rest, head, false)
	}
	return a.labelEntity(ownerName+"'s "+rest, head, false)
}

// runEntity returns the entity for the name run ri, creating one for an
// organisation or a name met only here. lo is where the noun phrase starts,
// so that an owner before the run ("Russia's Foreign Ministry") is kept.
func (a *analysis) runEntity(ri, lo int) int {
	r := a.runs[ri]
	if r.ent >= 0 {
		return r.ent
	}
	start := r.lo
	if r.lo-1 > lo && a.toks[r.lo-1].has(fPoss) {
		start = lo
	}
	label := a.spanText(start, r.hi)
	label = strings.TrimPrefix(label, "The ")
	switch r.kind {
	case runOrg, runPlace, runOther:
		head := r.head
		if head == "" {
			head = a.low[r.hi-1]
		}
		if r.kind == runOrg {
			// "the Foreign Ministry" after "the Estmarkian Foreign Ministry".
			// Only earlier runs are visited, so this ends.
			e := a.recentOrg(head, strings.Fields(FoldName(label)), r.lo)
			if e >= 0 {
				a.runs[ri].ent = e
				a.ents[e].addAlias(label)
				return e
			}
		}
		e := a.orgEntity(label, head)
		a.runs[ri].ent = e
		return e
	}
	// A one-word name met only here ("Hamas said"): name it as written;
	// but a capitalised word that opens a sentence and is never written
	// with a capital elsewhere is an ordinary word ("Talk compared …").
	words := a.nameWords(r)
	if len(words) == 0 {
		return -1
	}
	if r.hi-r.lo == 1 && a.toks[r.lo].has(fSentStart) && !a.capitalElsewhere(r.lo) {
		return -1
	}
	if r.toks(a) == 1 && (a.toks[r.name].has(fAllCaps) || a.is(r.name, lxOrgHead)) {
		e := a.orgEntity(label, a.low[r.hi-1])
		a.runs[ri].ent = e
		return e
	}
	e := a.newEntity(a.spanText(r.name, r.hi), words, true)
	a.runs[ri].ent = e
	return e
}

// capitalElsewhere reports whether the word at k also occurs capitalised
// away from the start of a sentence.
func (a *analysis) capitalElsewhere(k int) bool {
	if a.capWords == nil {
		// The map is kept for the next article (release empties it).
		// Sized for news prose, where about one word in eight is
		// capitalised, so that the map seldom grows.
		if a.scr != nil && a.scr.capWords != nil {
			a.capWords = a.scr.capWords
		} else {
			a.capWords = make(map[string]bool, len(a.toks)/8)
		}
		if a.scr != nil {
			a.scr.capWords = a.capWords
		}
		for j := range a.toks {
			if t := &a.toks[j]; t.flags&(fCap|fSentStart) == fCap && t.kind == tkWord {
				a.capWords[a.low[j]] = true
			}
		}
	}
	return a.capWords[a.low[k]]
}

// orgEntity finds or creates the organisation called label. A shorter label
// with the same head ("Foreign Ministry") joins an earlier, fuller one
// ("Russian Foreign Ministry").
func (a *analysis) orgEntity(label, head string) int {
	key := PersonKey(label)
	if e, ok := a.labels[key]; ok {
		return e
	}
	words := strings.Fields(FoldName(label))
	best := -1
	for _, e := range a.byHead[singularNoun(head)] {
		ent := a.ents[e]
		if ent.person || ent.merged >= 0 || len(ent.parts) < len(words) {
			continue
		}
		if containsAll(ent.parts, words) {
			best = e
		}
	}
	if best >= 0 {
		a.labels[key] = best
		a.ents[best].addAlias(label)
		return best
	}
	return a.labelEntity(label, head, false)
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if h == w || strings.TrimSuffix(h, "s") == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// labelEntity finds or creates an organisation or unnamed source by label.
func (a *analysis) labelEntity(label, head string, person bool) int {
	key := PersonKey(label)
	if e, ok := a.labels[key]; ok {
		return e
	}
	e := a.newEntity(label, strings.Fields(FoldName(label)), person)
	ent := a.ents[e]
	ent.head = singularNoun(head)
	if a.byHead == nil {
		a.byHead = map[string][]int{}
	}
	a.byHead[ent.head] = append(a.byHead[ent.head], e)
	if !person && ent.head == head && isRoleNoun(head) && !institutionNouns[head] {
		// "a government spokesman" is one unnamed person: he or she may
		// say more later.
		ent.person = true
		ent.unnamed = true
		ent.addRole(head)
	}
	a.labels[key] = e
	return e
}

// institution names "the Icelandic foreign ministry", "the ministry", "the
// government": the most recent organisation with that head whose name has
// every word of the phrase, or a new one.
func (a *analysis) institution(lo, hi int, det string) int {
	head := a.low[hi-1]
	label := titleCaseOrg(a.spanText(lo, hi))
	if hi-lo == 1 || det == "the" {
		if e := a.recentOrg(head, strings.Fields(FoldName(label)), lo); e >= 0 {
			return e
		}
	}
	return a.orgEntity(label, head)
}

// recentOrg finds the organisation with head noun head, named before token
// at, whose name contains all of words.
func (a *analysis) recentOrg(head string, words []string, at int) int {
	best, bestAt := -1, -1
	for i, n := a.runBefore(at), 0; i >= 0 && n < roleMentions; i, n = i-1, n+1 {
		r := a.runs[i]
		if r.kind != runOrg || r.head != head {
			continue
		}
		e := a.runEntity(i, r.lo)
		if e >= 0 && containsAll(a.ents[e].parts, words) {
			best, bestAt = e, r.lo
			break
		}
	}
	i := sort.Search(len(a.refs), func(i int) bool { return a.refs[i].tok >= at }) - 1
	for n := 0; i >= 0 && n < roleMentions; i, n = i-1, n+1 {
		m := a.refs[i]
		if m.tok <= bestAt {
			break
		}
		ent := a.ents[m.ent]
		if !ent.person && ent.head == singularNoun(head) && containsAll(ent.parts, words) {
			return m.ent
		}
	}
	return best
}

// titleCase capitalises the words of an organisation's name written in
// lower case ("Icelandic foreign ministry" → "Icelandic Foreign Ministry"),
// leaving short function words alone.
func titleCaseOrg(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		if i > 0 && (runConnectors[w] || w == "at" || w == "in") {
			continue
		}
		r := []rune(w)
		if len(r) > 0 && r[0] >= 'a' && r[0] <= 'z' {
			r[0] -= 'a' - 'A'
		}
		ws[i] = string(r)
	}
	return strings.Join(ws, " ")
}

// documentIssuer names whoever issued the document that the noun phrase
// [lo, hi) names, det being its determiner: a name inside the phrase ("the
// White House readout", "a Kremlin statement"), the phrase after it ("a
// statement from the ministry", "a letter signed by the senators"), for
// "the statement" the issuer of the statement the text mentioned before
// ("The ministry issued a statement … The statement read"), or else the
// organisation the text was just about.
func (a *analysis) documentIssuer(lo, hi int, det string) int {
	if e := a.namedIssuer(lo, hi, det); e >= 0 {
		return e
	}
	return a.documentOwner(lo)
}

// namedIssuer is documentIssuer without the last guess: the issuer the
// phrase or an earlier mention of the document names, or -1.
func (a *analysis) namedIssuer(lo, hi int, det string) int {
	head := hi - 1
	for k := head - 1; k >= lo; k-- {
		ri := a.runAt[k]
		if ri < 0 || a.runs[ri].hi != k+1 {
			continue
		}
		r := a.runs[ri]
		if r.kind == runOrg {
			return a.runEntity(int(ri), max(lo, r.lo))
		}
		if r.ent >= 0 && a.ents[r.ent].person {
			return r.ent
		}
		break
	}
	if e := a.issuerAfter(hi); e >= 0 {
		return e
	}
	if det == "the" || det == "this" || det == "that" {
		return a.earlierIssuer(lo, a.low[head])
	}
	return -1
}

// issuerAfter reads "from the ministry", "by the foreign ministry",
// "issued by X" after a document noun ending before token hi.
func (a *analysis) issuerAfter(hi int) int {
	if hi >= len(a.toks) || !a.samePara(hi, hi-1) || a.toks[hi].quote >= 0 {
		return -1
	}
	j := hi
	switch a.low[j] {
	case "issued", "released", "published", "signed", "posted", "sent":
		j++
		if j >= len(a.toks) || a.low[j] != "by" {
			return -1
		}
	case "from", "by", "of":
	default:
		return -1
	}
	j++
	end := a.npForward(j, min(j+12, a.paraStart[a.toks[hi].para+1]))
	if end <= j {
		return -1
	}
	e := a.resolveNP(j, end)
	if e >= 0 {
		a.noteSpeaker(j, e)
	}
	return e
}

// earlierIssuer finds who issued the document named by noun that the text
// mentioned before token lo, within a few sentences: the organisation or
// speaker of that sentence ("The ministry issued a statement", "In a
// statement, the ministry said").
func (a *analysis) earlierIssuer(lo int, noun string) int {
	sent := a.toks[lo].sent
	noun = singularNoun(noun)
	for m := lo - 1; m >= 0 && lo-m <= maxWindow*3; m-- {
		t := &a.toks[m]
		if sent-t.sent > pronounSentences {
			break
		}
		if t.kind != tkWord || t.quote >= 0 || a.low[m] != noun && singularNoun(a.low[m]) != noun {
			continue
		}
		if e := a.issuerAfter(m + 1); e >= 0 {
			return e // "a letter signed by Gonzalez"
		}
		return a.sentenceIssuer(m)
	}
	return -1
}

// sentenceIssuer names who the sentence holding token m is by: a speaker
// found in it, else an organisation it names, else the first person named
// as a subject.
func (a *analysis) sentenceIssuer(m int) int {
	sent := a.toks[m].sent
	lo := a.sentenceStart(m)
	hi := m
	for hi < len(a.toks) && a.toks[hi].sent == sent && hi-lo < maxWindow {
		hi++
	}
	i := sort.Search(len(a.refs), func(i int) bool { return a.refs[i].tok >= lo })
	for ; i < len(a.refs) && a.refs[i].tok < hi; i++ {
		if e := a.refs[i].ent; !a.ents[e].person || a.ents[e].unnamed {
			return e
		}
	}
	person := -1
	for k := lo; k < hi; k++ {
		ri := a.runAt[k]
		if ri < 0 || a.runs[ri].lo != k || a.toks[k].quote >= 0 {
			continue
		}
		r := a.runs[ri]
		if r.kind == runOrg {
			return a.runEntity(int(ri), r.lo)
		}
		if person < 0 && r.subj && r.ent >= 0 && a.ents[r.ent].person {
			person = r.ent
		}
	}
	return person
}

// documentOwner names whoever issued the statement, letter or report that
// "says" something: the organisation named most recently in this sentence
// or the one before, else the person.
func (a *analysis) documentOwner(lo int) int {
	sent := a.toks[lo].sent
	person := -1
	for i := a.runBefore(lo); i >= 0; i-- {
		r := a.runs[i]
		if a.toks[r.lo].sent < sent-1 {
			break
		}
		if a.toks[r.lo].quote >= 0 || r.kind == runPlace || r.kind == runOther {
			continue
		}
		if r.kind == runOrg {
			return a.runEntity(i, r.lo)
		}
		if r.ent >= 0 && person < 0 {
			person = r.ent
		}
	}
	for j := len(a.refs) - 1; j >= 0; j-- {
		m := a.refs[j]
		if m.tok >= lo {
			continue
		}
		if a.toks[m.tok].sent < sent-1 {
			break
		}
		if !a.ents[m.ent].person {
			return m.ent
		}
	}
	return person
}

// unnamed makes an entity for an unnamed source: "a government
// spokesperson" → "government spokesperson".
func (a *analysis) unnamed(lo, hi int) int {
	head := singularNoun(a.low[hi-1])
	end := hi
	if sourceNouns[head] && hi < len(a.toks) && a.samePara(hi, lo) {
		// "one Democratic source on the panel", "an official at the embassy"
		switch a.low[hi] {
		case "on", "at", "in", "from", "with", "for", "close":
			if e := a.npForward(hi+1, min(hi+7, len(a.toks))); e > hi+1 && a.samePara(e-1, lo) {
				end = e
			}
		}
	}
	return a.labelEntity(a.spanText(lo, end), head, false)
}

// unnamedWithPlace names an unnamed source with the place phrase after it:
// "a narrator in the Clinton ad", "one source on the panel". A spokesman
// for an organisation is named the usual way round ("Foreign Ministry
// spokesman").
func (a *analysis) unnamedWithPlace(lo, hi, end int) int {
	for lo < hi && a.is(lo, lxDet) {
		lo++
	}
	if lo >= hi {
		return -1
	}
	head := singularNoun(a.low[hi-1])
	if spokesRoles[head] && (a.low[hi] == "for" || a.low[hi] == "of") {
		owner := hi + 1
		for owner < end && a.is(owner, lxDet) {
			owner++
		}
		if owner < end {
			return a.labelEntity(titleCaseOrg(a.spanText(owner, end))+" "+a.spanText(lo, hi), head, false)
		}
	}
	return a.labelEntity(a.spanText(lo, end), head, false)
}

var spokesRoles = wordSet("spokesman", "spokeswoman", "spokesperson", "spokespeople")

// sourceNouns name unnamed sources whose place ("on the panel") belongs to
// their label.
var sourceNouns = wordSet("source", "official", "aide", "person", "member", "staffer", "insider")

// runBefore returns the index of the last run that starts before token k,
// or -1.
func (a *analysis) runBefore(k int) int {
	return sort.Search(len(a.runs), func(i int) bool { return a.runs[i].lo >= k }) - 1
}

// corefCandidate is a person mentioned before a pronoun.
type corefCandidate struct {
	ent  int
	tok  int
	sent int32
	subj bool
}

// recentPersons walks back from token k over mentions of people outside
// quotations (names, and speakers found so far), newest first, and calls
// visit until it returns false or the bounds are reached.
func (a *analysis) recentPersons(k int, maxMentions int, visit func(c corefCandidate) bool) {
	ri := a.runBefore(k)
	si := sort.Search(len(a.refs), func(i int) bool { return a.refs[i].tok >= k }) - 1
	for n := 0; n < maxMentions && (ri >= 0 || si >= 0); n++ {
		var c corefCandidate
		useRun := si < 0 || ri >= 0 && a.runs[ri].lo > a.refs[si].tok
		if useRun {
			r := a.runs[ri]
			ri--
			if r.ent < 0 || a.toks[r.lo].quote >= 0 {
				n--
				continue
			}
			c = corefCandidate{ent: r.ent, tok: r.lo, sent: a.toks[r.lo].sent, subj: r.subj}
		} else {
			m := a.refs[si]
			si--
			c = corefCandidate{ent: m.ent, tok: m.tok, sent: a.toks[m.tok].sent, subj: m.subj}
		}
		for a.ents[c.ent].merged >= 0 {
			c.ent = a.ents[c.ent].merged
		}
		if !visit(c) {
			return
		}
	}
}

// resolvePronoun finds who "he" or "she" at token k refers to. Every
// pronoun of the reporter's text before k is resolved first, once and in
// text order, so that a chain of "he … his … he said" follows one person.
func (a *analysis) resolvePronoun(g gender, k int) int {
	a.ensureChain(k + 1)
	at := sort.Search(len(a.refs), func(i int) bool { return a.refs[i].tok >= k })
	if at < len(a.refs) && a.refs[at].tok == k {
		return a.refs[at].ent
	}
	if a.toks[k].quote >= 0 {
		return -1
	}
	return a.antecedent(g, k)
}

// ensureChain resolves the he/she/his/him/her of the reporter's text before
// token upTo that are not resolved yet.
func (a *analysis) ensureChain(upTo int) {
	for ; a.chainNext < upTo && a.chainNext < len(a.toks); a.chainNext++ {
		k := a.chainNext
		t := &a.toks[k]
		if t.kind != tkWord || t.quote >= 0 {
			continue
		}
		g := pronounGender(a.low[k])
		if g == genderUnknown {
			continue
		}
		if e := a.antecedent(g, k); e >= 0 {
			w := a.low[k]
			a.insertRef(entMention{tok: k, ent: e, subj: w == "he" || w == "she"})
		}
	}
}

// antecedent finds the person a pronoun of gender g at token k refers to.
// News prose keeps its subject: the pronoun goes to the first subject of
// the nearest sentence that mentions a person of a compatible gender; when
// that sentence has such people only as objects or in prepositional phrases
// ("held talks with X", "the meeting with X", "met X"), to the subject of
// an earlier sentence in the window. When no subject decides, one person
// alone is taken and two or more are left unresolved: a quotation is better
// dropped than given to the wrong person.
func (a *analysis) antecedent(g gender, k int) int {
	if e, ok := a.cataphor(g, k); ok {
		return e
	}
	sent := a.toks[k].sent
	// An object pronoun never stands for its own clause's subject: in
	// "Interfax quoted him as saying", "him" is not Interfax.
	object := a.objectPronoun(k)
	// "…, the Liberal Democrats challenge Labour, he said": the pronoun
	// subject of a reporting verb after what it reports is never someone
	// named inside the report.
	object = object || a.reportsBefore(k)
	var buf [8]corefCandidate
	group := buf[:0] // the nearest sentence's candidates, newest first
	groupSent := int32(-1)
	groupSubj := false
	earlier := -1 // the newest subject of an earlier sentence
	a.recentPersons(k, pronounMentions, func(c corefCandidate) bool {
		if sent-c.sent > pronounSentences {
			return false
		}
		if !a.pronounCandidate(c, g) {
			return true
		}
		if c.sent == sent && (!c.subj || object) {
			// In the pronoun's own sentence only a subject can be meant:
			// "At a conference hosted by Gordon Brown, he said …" is not
			// Brown.
			return true
		}
		if groupSent < 0 || c.sent == groupSent {
			groupSent = c.sent
			group = append(group, c)
			groupSubj = groupSubj || c.subj
			return true
		}
		if groupSubj {
			return false
		}
		if c.subj {
			earlier = c.ent
			return false
		}
		return true
	})
	if len(group) == 0 {
		return -1
	}
	// group is newest first; the main clause's subject is usually the
	// first in the sentence.
	for j := len(group) - 1; j >= 0; j-- {
		if c := group[j]; c.subj {
			if j > 0 && a.coordinated(c, group[j-1]) {
				return -1 // "Seo and Arai spoke": either of them
			}
			return c.ent
		}
	}
	if earlier >= 0 {
		return earlier
	}
	for _, c := range group[1:] {
		if c.ent != group[0].ent {
			return -1
		}
	}
	return group[0].ent
}

// subordinators open a clause that may come before the main clause and
// hold a pronoun for the main clause's subject: "Although he called
// conditions "highly competitive," Mr. Marsh forecast growth."
var subordinators = wordSet("although", "though", "while", "when", "whenever", "after",
	"before", "as", "because", "since", "if", "once", "until", "whereas")

// cataphor resolves a pronoun inside a sentence-initial subordinate clause
// to the person who opens the main clause after the comma. ok is false
// when the pronoun is not in such a clause or no person opens the main
// clause.
func (a *analysis) cataphor(g gender, k int) (int, bool) {
	s := a.sentenceStart(k)
	if s == k || !subordinators[a.low[s]] || a.toks[s].quote >= 0 {
		return -1, false
	}
	for j := s + 1; j < k; j++ {
		if a.toks[j].quote < 0 && a.isPunct(j, ",") {
			return -1, false // the clause ended before the pronoun
		}
	}
	sent := a.toks[k].sent
	for j := k + 1; j < len(a.toks) && a.toks[j].sent == sent && j-k < maxWindow; j++ {
		if !a.isPunct(j, ",") {
			continue
		}
		n := j + 1
		if a.toks[j].quote >= 0 {
			// A comma that ends a quotation ends the clause too:
			// `he called it "fair," Marsh …`.
			if n >= len(a.toks) || a.toks[n].kind != tkQuote || !a.toks[n].has(fClose) {
				continue
			}
			n++
		}
		if n < len(a.toks) && a.toks[n].sent == sent && a.toks[n].kind == tkWord && a.is(n, lxDet) {
			n++
		}
		if n >= len(a.toks) || a.toks[n].sent != sent {
			return -1, false
		}
		ri := a.runAt[n]
		if ri < 0 || a.runs[ri].lo != n || a.runs[ri].ent < 0 {
			return -1, false
		}
		e := a.runs[ri].ent
		for a.ents[e].merged >= 0 {
			e = a.ents[e].merged
		}
		ent := a.ents[e]
		if pg := ent.pronounGender(); !ent.person || pg != genderUnknown && pg != g {
			return -1, false
		}
		return e, true
	}
	return -1, false
}

// reportsBefore reports whether the pronoun at k is the subject of a
// reporting verb that follows, set off by a comma after what it reports
// in the same sentence: "…, he said".
func (a *analysis) reportsBefore(k int) bool {
	if k == 0 || !a.isPunct(k-1, ",") || a.toks[k].has(fSentStart) || !a.samePara(k-1, k) {
		return false
	}
	j := a.skipAux(k+1, a.paraStart[a.toks[k].para+1])
	if j >= len(a.toks) || !a.samePara(j, k) {
		return false
	}
	vf, ok := a.verbAt(j)
	return ok && vf.kind == verbSpeech && !vf.participle && !vf.base
}

// objectPronoun reports whether the pronoun at k is an object: "him", or
// "her" not followed by the noun it would own ("quoted her as saying",
// "told her.").
func (a *analysis) objectPronoun(k int) bool {
	switch a.low[k] {
	case "him":
		return true
	case "her":
		n := k + 1
		if n >= len(a.toks) || !a.samePara(n, k) || a.toks[n].kind != tkWord {
			return true
		}
		w := a.low[n]
		return w == "as" || w == "that" || prepWords[w] || clauseOpeners[w]
	}
	return false
}

// pronounCandidate reports whether the mention c can be what a pronoun of
// gender g stands for: a person whose gender, if known, is g, and who is
// clearly a person.
func (a *analysis) pronounCandidate(c corefCandidate, g gender) bool {
	ent := a.ents[c.ent]
	if pg := ent.pronounGender(); !ent.person || pg != genderUnknown && pg != g {
		return false
	}
	if ent.listed || ent.speaker || ent.given != genderUnknown || ent.shortForm || ent.unnamed ||
		ent.learned != genderUnknown {
		return true
	}
	// A capitalised run with no sign of being a person ("Vote Tory",
	// "Bethnal Green") is no antecedent, unless it is a name of two words
	// or more that opens its clause as a subject ("Seo Min-jun met …") and
	// is not made of titles ("The Attorney General, Lord Goldsmith, …").
	return c.subj && len(ent.parts) >= 2 && ent.head == "" && !titleWords(ent.parts)
}

// titleWords reports whether every word is a title, a role or an office
// word: "attorney general", "deputy speaker".
func titleWords(ws []string) bool {
	for _, w := range ws {
		if !isTitleHead(w) && !isRoleNoun(w) && !officeWords[w] {
			return false
		}
	}
	return true
}

// coordinated reports whether two subject mentions are joined by "and"
// ("Seo and Arai met reporters"), so that neither is the one subject.
func (a *analysis) coordinated(c, next corefCandidate) bool {
	if !next.subj || next.ent == c.ent || next.sent != c.sent {
		return false
	}
	ri := a.runAt[c.tok]
	if ri < 0 || a.runs[ri].lo != c.tok {
		return false
	}
	hi := a.runs[ri].hi
	return hi+1 == next.tok && a.low[hi] == "and"
}

// resolveIt finds the organisation that "it" at token k refers to.
func (a *analysis) resolveIt(k int) int {
	sent := a.toks[k].sent
	for i := a.runBefore(k); i >= 0; i-- {
		r := a.runs[i]
		if sent-a.toks[r.lo].sent > itSentences {
			break
		}
		if r.kind != runOrg || a.toks[r.lo].quote >= 0 {
			continue
		}
		e := a.runEntity(i, r.lo)
		// A speaker mention after the run is nearer.
		if m := a.lastSpeakerBefore(k); m.ent >= 0 && m.tok > r.lo && !a.ents[m.ent].person {
			return m.ent
		}
		return e
	}
	if m := a.lastSpeakerBefore(k); m.ent >= 0 && !a.ents[m.ent].person && sent-a.toks[m.tok].sent <= itSentences {
		return m.ent
	}
	return -1
}

// institutionSubject resolves "it" or "they" at k to the organisation that
// opens its sentence or the one before ("Clinton's campaign is seeking to
// contrast her approach with what they call …", "Trump's campaign is
// defending his tweets. It's denouncing what it calls …").
func (a *analysis) institutionSubject(k int) int {
	sent := a.toks[k].sent
	for s := a.sentenceStart(k); s >= 0; {
		if s < k {
			end := a.npForward(s, k)
			for j := s; j < end; j++ {
				if a.toks[j].has(fPoss) && j+1 < end || j == end-1 && a.is(j, lxInstitution) && !a.is(j, lxDocument) {
					if a.is(end-1, lxInstitution) && !a.is(end-1, lxDocument) {
						return a.resolveNP(s, end)
					}
				}
			}
		}
		if s == 0 || !a.samePara(s-1, k) || sent-a.toks[s-1].sent >= 2 {
			break
		}
		s = a.sentenceStart(s - 1)
	}
	return -1
}

func (a *analysis) lastSpeakerBefore(k int) entMention {
	i := sort.Search(len(a.refs), func(i int) bool { return a.refs[i].tok >= k }) - 1
	if i < 0 {
		return entMention{ent: -1}
	}
	return a.refs[i]
}

// findByRole finds the person (or unnamed source) that "the <role>" at
// token k refers to: the one mentioned most recently with that role. The
// capitalised modifiers of the phrase ("the Vermont senator") must all be
// found among that person's aliases, so that a role shared by several
// people goes to the one the words describe, or to no one.
//
// A role that unnamed sources go by ("the official", "the diplomat", "the
// spokesperson") refers back to an unnamed source with that head noun when
// the article has one: news prose names a named person by name or by an
// office of their own, so a named minister who is an "official" only in
// the broader sense does not take the quotation from the source.
//
// When the nearest holder of the role is an object or in a prepositional
// phrase ("Foreign Minister A met Foreign Minister B"), the subject of
// that sentence who also holds it is meant.
func (a *analysis) findByRole(role string, k int, mods []string) int {
	found, broader, subj := -1, -1, -1
	foundSent := int32(-1)
	a.recentPersons(k, roleMentions, func(c corefCandidate) bool {
		if found >= 0 && c.sent != foundSent {
			return false
		}
		ent := a.ents[c.ent]
		if !(ent.hasRole(role) || ent.head == role) || !ent.describedBy(mods) {
			return true
		}
		if unnamedRoles[role] && !ent.unnamed && !ent.ownRole(role) {
			if broader < 0 {
				broader = c.ent
			}
			return true
		}
		if found < 0 {
			found, foundSent = c.ent, c.sent
			return !c.subj
		}
		if c.subj && c.ent != found {
			subj = c.ent
			return false
		}
		return true
	})
	switch {
	case subj >= 0:
		return subj
	case found >= 0:
		return found
	}
	return broader
}

// epithet resolves a definite description the article has not tied to
// anyone by role ("the New York businessman", "the Indiana governor"):
// news prose uses one for the person the previous sentences are about. It
// is the most recent person in subject position within the two sentences
// before, if that person's gender fits the role; otherwise no one.
func (a *analysis) epithet(role string, k int) int {
	if officeRoles[role] && !a.placeModified(k) {
		// "the chancellor" names an office the reader is expected to know;
		// "the Indiana governor" says which one.
		return -1
	}
	sent := a.toks[k].sent
	found := -1
	a.recentPersons(k, pronounMentions, func(c corefCandidate) bool {
		if sent-c.sent > 2 {
			return false
		}
		ent := a.ents[c.ent]
		if !ent.person || ent.unnamed || !c.subj {
			return true
		}
		if !ent.listed && !ent.speaker && ent.given == genderUnknown && !ent.shortForm {
			return true
		}
		if g := roleGender(role); g != genderUnknown && ent.pronounGender() != genderUnknown && ent.pronounGender() != g {
			return true
		}
		found = c.ent
		return false
	})
	return found
}

// placeModified reports whether the noun phrase at k has a place among its
// first words ("the Indiana governor", "the U.S. senator").
func (a *analysis) placeModified(k int) bool {
	for j := k; j < len(a.toks) && j < k+4 && a.samePara(j, k) && a.toks[j].kind == tkWord; j++ {
		if a.is(j, lxPlace) || a.toks[j].has(fCap) && !a.is(j, lxCapStop|lxTitle|lxOffice) && !a.is(j, lxDet) {
			return true
		}
	}
	return false
}

// capitalModifiers returns the capitalised words of [lo, hi), folded and
// without full stops, after any determiner: "Vermont" in "the Vermont
// senator".
func (a *analysis) capitalModifiers(lo, hi int) []string {
	var out []string
	for k := lo; k < hi; k++ {
		if a.toks[k].has(fCap) && !a.is(k, lxCapStop|lxTitle|lxOffice) {
			out = append(out, strings.ReplaceAll(a.low[k], ".", ""))
		}
	}
	return out
}

// describedBy reports whether every modifier occurs in the entity's name
// or aliases.
func (e *entity) describedBy(mods []string) bool {
	if len(mods) == 0 {
		return true
	}
	var words []string
	for _, s := range append([]string{e.name}, e.aliases...) {
		words = append(words, strings.Fields(FoldName(strings.ReplaceAll(s, ".", "")))...)
	}
	for _, m := range mods {
		found := false
		for _, w := range words {
			// "Calif." in "(D-Calif.)" describes a California congressman.
			if w == m || len(w) >= 4 && strings.HasPrefix(m, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
