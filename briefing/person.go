package briefing

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// PersonKey returns the key that names the same person in every article and
// every query: the name folded to lower case, accents removed, words joined
// by single hyphens ("José  Borrell" → "jose-borrell").
func PersonKey(name string) string {
	if isASCII(name) {
		return asciiKey(name)
	}
	folded := FoldName(name)
	return strings.Join(strings.Fields(folded), "-")
}

// asciiKey is PersonKey for a name in ASCII, in one pass.
func asciiKey(name string) string {
	b := make([]byte, 0, len(name))
	gap := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '\'' && possessiveAt(name, i, 1) {
			i++ // the possessive 's, exactly as FoldName drops it
			continue
		}
		if !asciiWord[c] {
			gap = true
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if gap && len(b) > 0 {
			b = append(b, '-')
		}
		gap = false
		b = append(b, c)
	}
	return string(b)
}

// FoldName lower-cases a name, removes accents and turns punctuation into
// spaces, so that "Josep Borrell", "JOSEP BORRELL" and "Josep Borrell's"
// compare equal after strings.Fields.
//
// The possessive is removed only where it ends a word: an apostrophe (' or
// ’) that follows a letter or digit and is followed by "s" and then by the
// end of the text or a character that is neither a letter nor a digit.
// "Borrell's" folds to "borrell"; "O'Shea" keeps its letters and folds to
// "o shea", the apostrophe becoming a space like any other punctuation.
// storage/fold.go mirrors this rule.
func FoldName(name string) string {
	s := name
	if !isASCII(s) {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		if out, _, err := transform.String(t, name); err == nil {
			s = out
		}
	}
	s = strings.ToLower(s)
	if strings.ContainsAny(s, "'’") {
		s = dropPossessives(s)
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, s)
}

// dropPossessives removes every possessive 's or ’s that ends a word.
func dropPossessives(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == '\'' || r == '’') && possessiveAt(s, i, size) {
			i += size + 1
			continue
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}

// possessiveAt reports whether the apostrophe of size bytes at s[i] starts
// a possessive: a letter or digit before it, then s or S, then the end of
// s or a rune that is neither a letter nor a digit.
func possessiveAt(s string, i, size int) bool {
	j := i + size
	if i == 0 || j >= len(s) || s[j] != 's' && s[j] != 'S' {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
		return false
	}
	if j+1 == len(s) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(s[j+1:])
	return !unicode.IsLetter(next) && !unicode.IsDigit(next)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// registry is the set of people and organisations one article names, with
// every mention pointing at its canonical entity. It also holds the
// article's tokens and quotation spans, which findQuotes reuses.
type registry struct {
	a *analysis
}

// list returns the people worth listing: persons the article clearly names,
// and every organisation or unnamed source that speaks in it.
func (r *registry) list() []Person {
	if r == nil || r.a == nil {
		return nil
	}
	var out []Person
	for _, e := range r.a.ents {
		if e.merged >= 0 || !(e.person && e.listed || e.speaker) {
			continue
		}
		p := Person{Key: e.keyOf(), Name: e.name, Org: !e.person || e.unnamed}
		// addAlias keeps the aliases distinct; the name may have become
		// one of them since.
		for _, al := range e.aliases {
			if !strings.EqualFold(al, e.name) {
				p.Aliases = append(p.Aliases, al)
			}
		}
		out = append(out, p)
	}
	return out
}

// entity is one person, organisation or unnamed source of an article.
type entity struct {
	name    string
	parts   []string // folded name words, for matching surnames
	person  bool
	listed  bool // enough evidence to list a person
	speaker bool
	gender  gender
	// genderClash is set when the text gives both genders; the gender is
	// then unknown.
	genderClash bool
	// given is the gender the first name usually has; it counts when no
	// title or role gives one.
	given gender
	// learned is the gender read from pronouns in sentences naming only
	// this person; it is the weakest evidence, used only alone.
	learned      gender
	learnedClash bool
	// shortForm is set when the article also names the person by a
	// surname or title alone, a sign that the name is a person's.
	shortForm bool
	// surnameForm is set once the article has named the person by the
	// surname alone ("Cruz said"), the way it names its principal bearer.
	surnameForm bool
	roles       []string
	// own are the roles as the text gives them, before expandRole adds
	// the broader ones.
	own     []string
	aliases []string
	// head is the head noun of an organisation or unnamed source label
	// ("ministry", "official"), lower case.
	head string
	// nick is a nickname the article gives in marks (Robert C. "Bobby"
	// Scott), folded; "Bobby Scott" is then the same person.
	nick string
	// unnamed is set for a source the article does not name ("a
	// government spokesman"): a person for pronouns, listed as Org.
	unnamed bool
	// merged is the index of the entity this one was merged into, or -1.
	merged int
	// key is PersonKey(keyName), kept by keyOf.
	key, keyName string
}

func (e *entity) hasRole(role string) bool {
	for _, r := range e.roles {
		if r == role {
			return true
		}
	}
	return false
}

// ownRole reports whether role is one the text gave the entity itself
// ("minister" for Foreign Minister X), not one it only implies ("official").
func (e *entity) ownRole(role string) bool {
	for _, r := range e.own {
		if r == role || strings.HasSuffix(r, " "+role) {
			return true
		}
	}
	return false
}

func (e *entity) addRole(role string) {
	found := false
	for _, r := range e.own {
		found = found || r == role
	}
	if !found && len(e.own) < maxAliases {
		e.own = append(e.own, role)
	}
	expandRole(role, e.addOneRole)
	if g := roleGender(role); g != genderUnknown {
		e.setGender(g)
	}
}

func (e *entity) addOneRole(r string) {
	if !e.hasRole(r) && len(e.roles) < maxAliases {
		e.roles = append(e.roles, r)
	}
}

// pronounGender is the gender he/she resolution uses: what the text says,
// else what the given name suggests.
func (e *entity) pronounGender() gender {
	switch {
	case e.gender != genderUnknown || e.genderClash:
		return e.gender
	case e.given != genderUnknown:
		return e.given
	case !e.learnedClash:
		return e.learned
	}
	return genderUnknown
}

// learnGender records a gender read from pronouns.
func (e *entity) learnGender(g gender) {
	switch {
	case g == genderUnknown || e.learnedClash:
	case e.learned == genderUnknown:
		e.learned = g
	case e.learned != g:
		e.learned = genderUnknown
		e.learnedClash = true
	}
}

func (e *entity) setGender(g gender) {
	switch {
	case g == genderUnknown || e.genderClash:
	case e.gender == genderUnknown:
		e.gender = g
	case e.gender != g:
		e.gender = genderUnknown
		e.genderClash = true
	}
}

// maxAliases bounds the aliases kept for one entity, so that adding one
// costs the same however long the article is.
const maxAliases = 32

func (e *entity) addAlias(al string) {
	al = collapseSpaces(al)
	if al == "" || len(e.aliases) >= maxAliases || strings.EqualFold(al, e.name) {
		return
	}
	for _, x := range e.aliases {
		if strings.EqualFold(x, al) {
			return
		}
	}
	e.aliases = append(e.aliases, al)
}

// keyOf returns PersonKey of the entity's current name, computed once per
// name.
func (e *entity) keyOf() string {
	if e.keyName != e.name || e.key == "" {
		e.key, e.keyName = PersonKey(e.name), e.name
	}
	return e.key
}

// collapseSpaces trims s and turns every run of white space into one
// space; text that needs neither is returned as it is, without copying.
func collapseSpaces(s string) string {
	clean := len(s) > 0 && s[0] != ' ' && s[len(s)-1] != ' '
	for i := 0; clean && i < len(s); i++ {
		switch s[i] {
		case '\t', '\n', '\r', '\v', '\f':
			clean = false
		case ' ':
			clean = s[i+1] != ' '
		default:
			if s[i] >= utf8.RuneSelf {
				r, size := utf8.DecodeRuneInString(s[i:])
				clean = !unicode.IsSpace(r)
				i += size - 1
			}
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// runKind classifies a run of capitalised words.
type runKind uint8

const (
	runOther  runKind = iota // a work, event, law or something else
	runPerson                // a person's name, perhaps with a title
	runMaybe                 // looks like a name, no evidence either way
	runOrg                   // an organisation or office
	runPlace                 // a country, demonym or place
	runRole                  // a capitalised role with no name: "the Ealing North MP"
)

// nameRun is a run of capitalised words: "Foreign Minister Sergei Lavrov",
// "Russian Foreign Ministry", "Borrell".
type nameRun struct {
	lo, hi int // token range of the whole run
	name   int // first token of the name proper, after any title
	kind   runKind
	ent    int // entity, or -1
	title  gender
	// titled is true when a title or honorific precedes the name inside the
	// run.
	titled bool
	subj   bool // opens its clause: not an object, not possessive
	poss   bool // followed by 's
	// head is an organisation's head noun, lower case: "ministry" for
	// "Russian Foreign Ministry", "commission" for "Commission on
	// Presidential Debates".
	head string
}

// analysis holds everything findPeople and findQuotes compute for one
// article.
type analysis struct {
	doc       *document
	texts     []string
	toks      []token
	low       []string    // lower-case form of each word token, "" otherwise
	cls       []wordClass // lexicon classes of each word token
	wid       []int32     // number of each word token in classWords, or -1
	paraStart []int       // first token of each paragraph; len(texts)+1 entries
	quotes    []quoteSpan
	runs      []nameRun
	runAt     []int32 // for each token, the index of the run holding it, or -1
	ents      []*entity
	// refs are the places where a pronoun or a speaker phrase was resolved
	// to an entity, in text order, so that later pronouns can see them.
	refs []entMention
	// chainNext is the first token whose he/she/his/her has not been
	// resolved yet: pronouns are resolved once, in text order.
	chainNext int
	// attrVerb holds, for each quotation, the token of the reporting verb
	// that attributed it, or -1.
	attrVerb []int
	// paraAttr caches hasAttribution per paragraph: 0 unknown, 1 yes, -1 no.
	paraAttr []int8
	// scr is where the large slices came from, until release.
	scr *analysisScratch
	// labels finds organisation and unnamed-source entities by their folded
	// label, and byHead by their head noun.
	labels map[string]int
	byHead map[string][]int
	// capWords are the words written with a capital somewhere other than
	// at the start of a sentence, filled on first use.
	capWords map[string]bool
}

// entMention is an entity named at a token.
type entMention struct {
	tok  int
	ent  int
	subj bool
}

// analysisScratch holds the large per-article slices. They are reused across
// articles through analysisPool, which keeps analysis from allocating (and
// the collector from scanning) most of its memory for every article.
type analysisScratch struct {
	toks      []token
	low       []string
	cls       []wordClass
	wid       []int32
	runAt     []int32
	runs      []nameRun
	paraStart []int
	lowBuf    []byte
	upper     []lowered
	// capWords is analysis.capWords, empty between articles.
	capWords map[string]bool
}

var analysisPool = sync.Pool{New: func() any { return new(analysisScratch) }}

// release returns the analysis's large slices to the pool. Entities,
// quotations and their strings stay valid: none of them points into
// the slices.
func (a *analysis) release() {
	if a.scr == nil {
		return
	}
	clear(a.low)
	clear(a.runs)
	if len(a.capWords) > 1<<12 {
		a.scr.capWords = nil // one huge article: not worth keeping
	}
	clear(a.capWords)
	a.capWords = nil
	a.scr.toks, a.scr.low, a.scr.cls, a.scr.wid = a.toks[:0], a.low[:0], a.cls[:0], a.wid[:0]
	a.scr.runAt, a.scr.runs, a.scr.paraStart = a.runAt[:0], a.runs[:0], a.paraStart[:0]
	analysisPool.Put(a.scr)
	a.scr = nil
	a.toks, a.low, a.cls, a.wid, a.runAt, a.runs, a.paraStart = nil, nil, nil, nil, nil, nil, nil
}

func newAnalysis(doc *document) *analysis {
	a := &analysis{doc: doc, labels: map[string]int{}}
	a.scr = analysisPool.Get().(*analysisScratch)
	a.texts = make([]string, 0, len(doc.paragraphs))
	for _, p := range doc.paragraphs {
		a.texts = append(a.texts, p.text)
	}
	total := 0
	for _, t := range a.texts {
		total += len(t)
	}
	a.toks = a.scr.toks[:0]
	if cap(a.toks) < total/4+8 {
		a.toks = make([]token, 0, total/4+8)
	}
	a.quotes = make([]quoteSpan, 0, 8+total/400)
	a.refs = make([]entMention, 0, 16+total/100)
	a.paraStart = a.scr.paraStart[:0]
	a.low, a.cls, a.wid = a.scr.low, a.scr.cls, a.scr.wid
	a.runAt, a.runs = a.scr.runAt, a.scr.runs
	for p, text := range a.texts {
		a.paraStart = append(a.paraStart, len(a.toks))
		a.toks = tokenize(text, p, !hasDoubleMarks(text), a.toks)
	}
	a.paraStart = append(a.paraStart, len(a.toks))
	a.lowerWords()
	a.findSpans()
	a.numberSentences()
	return a
}

// lowerWords fills low and cls. A word with no capital letter is its own
// lower-case form; the others share one string, so an article costs one
// small allocation for them.
func (a *analysis) lowerWords() {
	a.low = growStrings(a.low, len(a.toks))
	a.cls = growClasses(a.cls, len(a.toks))
	a.wid = growIDs(a.wid, len(a.toks))
	// buf collects the lower-case forms of the words with capitals, and
	// upper where each one's ends in buf; both are kept for the next
	// article.
	buf, upper := a.scr.lowBuf[:0], a.scr.upper[:0]
	for k := range a.toks {
		t := &a.toks[k]
		if t.kind != tkWord {
			a.low[k] = ""
			a.cls[k] = 0
			a.wid[k] = -1
			continue
		}
		w := a.texts[t.para][t.s:t.e]
		if t.has(fUpper) {
			buf = appendLower(buf, w)
			upper = append(upper, lowered{tok: int32(k), end: int32(len(buf))})
			continue
		}
		a.low[k] = w
		a.wid[k] = classWordID(w, wordHashString(w))
		a.cls[k] = classesOf(a.wid[k])
	}
	all := string(buf)
	off := int32(0)
	for _, u := range upper {
		w := all[off:u.end]
		off = u.end
		a.low[u.tok] = w
		a.wid[u.tok] = classWordID(w, wordHashString(w))
		a.cls[u.tok] = classesOf(a.wid[u.tok])
	}
	a.scr.lowBuf, a.scr.upper = buf[:0], upper[:0]
}

// lowered is a word with capitals, whose lower-case form lowerWords has
// written up to end of its buffer.
type lowered struct{ tok, end int32 }

func growStrings(s []string, n int) []string {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]string, n)
}

func growIDs(s []int32, n int) []int32 {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]int32, n)
}

func growClasses(s []wordClass, n int) []wordClass {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]wordClass, n)
}

// appendLower appends w in lower case.
func appendLower(buf []byte, w string) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		if r == '’' {
			r = '\'' // "it’s" is looked up as "it's"
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += size
	}
	return buf
}

// tokText is the text of token k.
func (a *analysis) tokText(k int) string {
	t := &a.toks[k]
	return a.texts[t.para][t.s:t.e]
}

// spanText is the text from the start of token lo to the end of token hi-1,
// which must be in one paragraph.
func (a *analysis) spanText(lo, hi int) string {
	if hi <= lo {
		return ""
	}
	t := &a.toks[lo]
	return a.texts[t.para][t.s:a.toks[hi-1].e]
}

func (a *analysis) isPunct(k int, p string) bool {
	return k >= 0 && k < len(a.toks) && a.toks[k].kind == tkPunct && a.tokText(k) == p
}

func (a *analysis) samePara(i, j int) bool {
	return i >= 0 && j >= 0 && i < len(a.toks) && j < len(a.toks) && a.toks[i].para == a.toks[j].para
}

// findPeople finds the people and organisations an article names and links
// every mention to one entity.
func findPeople(doc *document) *registry {
	a := newAnalysis(doc)
	a.findRuns()
	a.linkAcronyms()
	a.buildEntities()
	a.learnGender()
	a.noteUnnamedSources()
	return &registry{a: a}
}

// linkAcronyms makes an acronym in brackets after an organisation's name
// an alias of that name: "the Alliance of Sahel States (AES)" is one
// organisation, named in full, that "the AES" refers to later. The name is
// the capitalised words and connectors before the bracket, which may span
// several runs ("Economic Community of West African States (ECOWAS)").
func (a *analysis) linkAcronyms() {
	for ai := range a.runs {
		acrRun := a.runs[ai]
		k := acrRun.lo - 1 // the opening bracket
		if acrRun.hi-acrRun.lo != 1 || !a.toks[acrRun.lo].has(fAllCaps) || acrRun.kind == runPlace ||
			k < 1 || !a.isPunct(k, "(") || !a.isPunct(acrRun.hi, ")") || !a.samePara(k, acrRun.hi) {
			continue
		}
		start := k
		for j := k - 1; j >= a.paraStart[a.toks[k].para] && k-j <= 12; j-- {
			t := &a.toks[j]
			if t.kind != tkWord || t.quote != a.toks[k].quote {
				break
			}
			if t.has(fCap) && a.runAt[j] >= 0 {
				start = j
				continue
			}
			if !a.is(j, lxConnector) || a.low[j] == "the" {
				break
			}
		}
		if start == k || a.toks[start].kind != tkWord || !a.toks[start].has(fCap) {
			continue
		}
		first, last := a.runAt[start], a.runAt[k-1]
		if first < 0 || last < 0 {
			continue
		}
		acr := a.tokText(acrRun.lo)
		if !a.abbreviates(acr, start, k) || !a.orgLike(int(first), int(last)) {
			continue
		}
		var e int
		if first == last {
			e = a.runEntity(int(first), start)
		} else {
			e = a.orgEntity(a.spanText(start, k), a.low[k-1])
			for ri := first; ri <= last; ri++ {
				a.runs[ri].kind = runOrg
				a.runs[ri].head = a.ents[e].head
				a.runs[ri].ent = e
			}
		}
		if e < 0 || a.ents[e].person {
			continue
		}
		a.runs[ai].kind = runOrg
		a.runs[ai].ent = e
		a.labels[PersonKey(acr)] = e
		a.ents[e].addAlias(acr)
	}
}

// orgLike reports whether the runs first..last can together name an
// organisation: an organisation run, a name of something other than a
// person that speaks, or several runs joined by connectors.
func (a *analysis) orgLike(first, last int) bool {
	if first != last {
		return true
	}
	r := a.runs[first]
	return r.kind == runOrg || r.kind == runOther && !nonSpeakerHeads[a.low[r.hi-1]]
}

// abbreviates reports whether acr can be the acronym of the name [lo, hi):
// letters only, and the same first letter as the name. Acronyms often come
// from the name in another language ("AES" for the Alliance of Sahel
// States, from the French), so the other letters are not checked.
func (a *analysis) abbreviates(acr string, lo, hi int) bool {
	if len(acr) < 2 || len(acr) > 10 || !isASCII(acr) || !a.toks[lo].has(fCap) {
		return false
	}
	for i := 0; i < len(acr); i++ {
		if acr[i] < 'A' || acr[i] > 'Z' {
			return false
		}
	}
	return a.low[lo][0] == acr[0]+'a'-'A'
}

// nameParticles join the parts of a name: "Ursula von der Leyen", "Faisal
// bin Farhan", "Mohamed Ould Ghazouani". A surname that starts with one
// keeps it: "van der Berg" is the short form, "Berg" alone is not how
// style guides write it, though it is still linked.
var nameParticles = wordSet("de", "van", "von", "der", "den", "la", "le", "bin", "bint",
	"ibn", "abu", "ould", "al", "el", "da", "di", "du", "do", "dos", "das", "del", "della",
	"dello", "delle", "dei", "degli", "ter", "ten", "te", "zu", "zum", "zur", "st.", "y")

// maxParticles bounds a chain of particles inside a name ("de la", "van
// der", "bin Abdul").
const maxParticles = 3

// particleChainEnd returns the token after the chain of name particles
// that starts at k, if a capitalised name word follows the chain in the
// same paragraph and quotation; otherwise -1.
func (a *analysis) particleChainEnd(k, hi int) int {
	q := a.toks[k].quote
	j := k
	for j < hi && j-k < maxParticles && a.toks[j].kind == tkWord && a.is(j, lxParticle) && a.toks[j].quote == q {
		j++
	}
	if j == k || j >= hi || j-k > maxParticles {
		return -1
	}
	t := &a.toks[j]
	if t.kind != tkWord || !t.has(fCap) || t.has(fPoss) || t.quote != q || a.is(j, lxCapStop) {
		return -1
	}
	return j
}

// particleStart reports whether a lower-case particle at k starts a name
// ("van der Berg said", "bin Khalid added"): a chain of particles and a
// capitalised word follow, and no article before makes it a common noun
// ("a van", "the bin").
func (a *analysis) particleStart(k int) bool {
	t := &a.toks[k]
	if t.kind != tkWord || t.has(fCap) || !a.is(k, lxParticle) {
		return false
	}
	p := int(t.para)
	if a.particleChainEnd(k, a.paraStart[p+1]) < 0 {
		return false
	}
	if k > a.paraStart[p] {
		prev := a.toks[k-1]
		if prev.kind == tkWord && (prev.has(fCap) || a.is(k-1, lxDet) || prev.has(fPoss)) {
			return false
		}
	}
	return true
}

// runConnectors join the parts of an office or organisation name:
// "Secretary of State", "Commission on Presidential Debates".
var runConnectors = wordSet("of", "for", "and", "the", "on", "&")

// nonPersonHeads end names that are not people: laws, events, places, works.
var nonPersonHeads = wordSet(
	"show", "act", "law", "bill", "day", "war", "partnership", "agreement",
	"treaty", "accord", "deal", "summit", "conference", "forum", "games",
	"cup", "prize", "award", "island", "islands", "bay", "springs", "river",
	"lake", "mountain", "mountains", "street", "avenue", "road", "square",
	"park", "airport", "station", "bridge", "hotel", "building", "tower",
	"base", "camp", "county", "city", "state", "states", "province", "region",
	"republic", "kingdom", "empire", "coast", "valley", "beach", "church",
	"mosque", "temple", "cathedral", "museum", "library", "stadium", "arena",
	"hospital", "prison", "jail", "school", "academy", "matter", "lives",
	"v", "strait", "sea", "ocean", "gulf", "canal", "peninsula",
	"corridor", "plan", "program", "programme", "initiative", "project",
	"declaration", "charter", "convention", "protocol", "doctrine", "report",
	"index", "awards", "festival", "olympics", "championship", "series",
	"league", "times", "post", "news", "journal", "magazine", "review",
	"herald", "tribune", "gazette", "daily", "weekly", "online", "tv",
	"radio", "network", "channel", "press", "media", "hill", "street",
	"mall", "plaza", "palace", "house", "hall", "centre", "center",
	"amendment", "constitution", "code", "rule", "rules", "fund",
	"vaccine", "virus", "pandemic", "crisis", "revolution", "movement",
	"era", "age", "period", "century", "decade", "morning", "evening",
	"night", "week", "weekend", "month", "year", "ad", "book", "film",
	"movie", "album", "song", "novel", "documentary", "series", "episode",
	"county", "district", "village", "town", "valley", "heights", "hills",
	"falls", "harbor", "harbour", "port", "point", "forest", "desert",
)

// eventNouns end a capitalised run that looks titled but names an event
// or a group: "Executive Session", "President Obama Speech".
var eventNouns = wordSet("speech", "session", "hearing", "meeting", "address",
	"interview", "victims", "debate", "rally", "visit", "trip", "tour", "talks",
	"election", "primary", "primaries", "remarks", "briefing", "conference")

// findRuns finds the runs of capitalised words and classifies them.
func (a *analysis) findRuns() {
	if cap(a.runAt) >= len(a.toks) {
		a.runAt = a.runAt[:len(a.toks)]
	} else {
		a.runAt = make([]int32, len(a.toks))
	}
	for k := range a.runAt {
		a.runAt[k] = -1
	}
	a.runs = a.runs[:0]
	for p := range a.texts {
		lo, hi := a.paraStart[p], a.paraStart[p+1]
		for k := lo; k < hi; {
			if !a.runStart(k) {
				k++
				continue
			}
			end := a.extendRun(k, hi)
			a.addRun(k, end)
			k = end
		}
	}
}

// runStart reports whether token k can start a run of name words.
func (a *analysis) runStart(k int) bool {
	t := &a.toks[k]
	if t.kind != tkWord {
		return false
	}
	if !t.has(fCap) {
		return a.is(k, lxParticle) && a.particleStart(k)
	}
	if t.has(fPoss) {
		return false
	}
	if a.is(k, lxCapStop) && !a.is(k, lxTitle) {
		return false
	}
	if _, ok := a.verbAt(k); ok && t.has(fSentStart) {
		// "Asked about …", "Says …" at the start of a sentence.
		return false
	}
	return true
}

func isTitleHead(w string) bool {
	_, ok := titleHeads[w]
	return ok
}

// extendRun returns the end of the run that starts at token k.
func (a *analysis) extendRun(k, hi int) int {
	q := a.toks[k].quote
	end := k + 1
	hasHead := a.isRunHead(k)
	for end < hi {
		t := &a.toks[end]
		if t.has(fNick) {
			// Marcia "Cia" Price, Jimmy "the Whirlwind" White: the run goes
			// on past the nickname and its closing mark.
			end++
			for end < hi && !a.toks[end].has(fNick) && end-k < maxWindow {
				end++
			}
			if end < hi {
				end++
			}
			continue
		}
		if t.quote != q || t.kind != tkWord || t.has(fPoss) || t.has(fSentStart) {
			break
		}
		w := a.low[end]
		prev := end - 1
		if a.is(prev, lxOrgHead) && !a.is(prev, lxTitle) && t.has(fCap) &&
			!a.is(end, lxTitle|lxOffice|lxOrgHead|lxConnector) && !a.toks[prev].has(fAllCaps) {
			// "the Washington Post Trump said": an organisation's name
			// ends at its head word unless a title or office follows
			// ("Foreign Ministry Spokesman Wang Wenbin").
			break
		}
		officeStop := a.is(end, lxCapStop) && a.is(end, lxOffice) && end+1 < hi && a.toks[end+1].has(fCap)
		// "Theresa May", "April Ryan": a month name after a first name.
		monthName := a.is(end, lxCapStop) && personalMonths[w] && !a.is(prev, lxTitle|lxCapStop) && a.toks[prev].has(fCap)
		if t.has(fCap) && (!a.is(end, lxCapStop) || a.is(end, lxTitle) || officeStop || monthName) {
			if a.isRunHead(end) {
				hasHead = true
			}
			end++
			continue
		}
		if a.is(end, lxParticle) {
			if j := a.particleChainEnd(end, hi); j > 0 {
				end = j
				continue
			}
		}
		if runConnectors[w] && hasHead && (a.isRunHead(end-1) || a.is(end-1, lxOffice)) {
			// "of the Congo": a connector may be followed by "the".
			j := end + 1
			if j < hi && a.low[j] == "the" && a.toks[j].quote == q {
				j++
			}
			if j < hi && a.toks[j].kind == tkWord && a.toks[j].has(fCap) && !a.toks[j].has(fPoss) &&
				a.toks[j].quote == q && !a.is(j, lxCapStop) {
				end = j
				continue
			}
		}
		break
	}
	return end
}

// personalMonths are month names that are also names of people.
var personalMonths = wordSet("may", "june", "april", "august")

// isRunHead reports whether token k is a title head or an organisation head,
// after which "of", "for" and "on" may continue a run.
func (a *analysis) isRunHead(k int) bool {
	return a.is(k, lxTitle|lxOrgHead) || a.is(k, lxNonPersonHead)
}

// addRun classifies the run [lo, hi) and records it.
func (a *analysis) addRun(lo, hi int) {
	r := nameRun{lo: lo, hi: hi, name: lo, ent: -1}
	r.poss = hi < len(a.toks) && a.toks[hi].has(fPoss) && a.samePara(hi, lo)
	last := a.low[hi-1]
	n := hi - lo
	switch {
	case a.allCaps(lo, hi) && (n > 1 || a.isDateline(lo, hi)):
		// Datelines and headings in capitals: "MIDWAY ATOLL -", "WASHINGTON --".
		r.kind = runOther
	case a.isPlaceRun(lo, hi):
		r.kind = runPlace
	case n == 1 && a.toks[lo].has(fAllCaps) && (isTitleHead(last) || isRoleNoun(last)):
		r.kind = runRole // "the MEP", "the CEO"
	case n == 1 && a.toks[lo].has(fAllCaps):
		r.kind = runOrg
		if len(last) > 6 {
			r.kind = runOther
		}
	case a.isOrgRun(lo, hi):
		r.kind = runOrg
	default:
		r.kind = runMaybe
		if h := a.titleSplit(lo, hi); h > lo {
			r.name = h
			r.titled = true
			r.kind = runPerson
			for k := lo; k < h; k++ {
				if g := honorificGender(a.low[k]); g != genderUnknown {
					r.title = g
				}
			}
		}
		_, firstDemonym := demonyms[a.low[lo]]
		if !r.titled && n > 1 && a.is(hi-1, lxTitle|lxRole) && givenNameGender(a.low[lo]) == genderUnknown &&
			(!surnameTitles[a.low[hi-1]] || a.allPlaceOrOffice(lo, hi-1)) {
			// "the Glasgow Kelvin MP", "Deputy Prime Minister": a role, not
			// a name ("Larry King" stays a name).
			r.kind = runRole
		}
		if r.titled && a.hasNonNameWord(r.name+1, hi) || r.titled && hi-r.name == 1 && nonNameWords[a.low[r.name]] {
			// "Liberal Democrats", "Republican Party": a role word before
			// a party or a body, not a title before a name.
			r.kind = runOther
			r.titled = false
			r.name = lo
		}
		if r.titled && eventNouns[a.low[hi-1]] {
			// "Executive Session", "President Obama Speech": not a name.
			r.kind = runOther
			r.titled = false
			r.name = lo
		}
		switch {
		case r.kind == runRole:
		case !r.titled && (a.is(hi-1, lxNonPersonHead) || a.hasNonNameWord(lo, hi) || firstDemonym && n > 1):
			r.kind = runOther
		case !r.titled && r.hi-r.name >= 1 && a.allPlaceOrOffice(r.name, hi):
			r.kind = runPlace
		case r.kind == runMaybe && n >= 2 && a.hasMiddleInitial(lo, hi):
			r.kind = runPerson
		}
	}
	if r.kind == runOrg {
		r.head = a.orgHead(lo, hi)
	}
	if a.isHeading(int(a.toks[lo].para)) && r.kind != runOrg {
		r.kind = runOther
	}
	// A possessive that opens its clause is its topic ("Oz's advice earned
	// him …"), and counts as a subject for coreference.
	r.subj = a.clauseStartBefore(lo) && !r.poss && !a.modifiesNoun(hi) || r.poss && a.opensSentence(lo) ||
		!r.poss && a.addressee(lo)
	idx := len(a.runs)
	a.runs = append(a.runs, r)
	for k := lo; k < hi; k++ {
		a.runAt[k] = int32(idx)
	}
}

// isHeading reports whether paragraph p is a subheading: a few words in
// title case with no full stop ("Divisive Legacy", "On Navalny").
func (a *analysis) isHeading(p int) bool {
	lo, hi := a.paraStart[p], a.paraStart[p+1]
	if hi-lo > 8 || hi == lo {
		return false
	}
	words := 0
	for k := lo; k < hi; k++ {
		t := &a.toks[k]
		switch t.kind {
		case tkQuote:
			return false
		case tkPunct:
			if s := a.tokText(k); s == "." && k == hi-1 || s == "," {
				// "An Ambitious, Divisive Legacy."
				continue
			} else if s == "." || s == ";" {
				return false
			}
		case tkWord:
			words++
			if !t.has(fCap) && !a.is(k, lxConnector) && !a.is(k, lxParticle) {
				return false
			}
		}
	}
	return words > 0
}

func (a *analysis) allCaps(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if !a.toks[k].has(fAllCaps) && !a.is(k, lxConnector) {
			return false
		}
	}
	return true
}

// isDateline reports whether a word in capitals opens its paragraph and is
// followed by a dash, a bracket or a comma: "MOSCOW (Sputnik) -".
func (a *analysis) isDateline(lo, hi int) bool {
	if lo != a.paraStart[a.toks[lo].para] || hi >= len(a.toks) || !a.samePara(lo, hi) {
		return lo == a.paraStart[a.toks[lo].para] && len(a.tokText(lo)) > 6
	}
	switch a.tokText(hi) {
	case "-", "—", "–", "--", "(", ",", ":":
		return true
	}
	return len(a.tokText(lo)) > 6
}

// surnameTitles are titles that are also common surnames.
var surnameTitles = wordSet("king", "prince", "major", "dean", "bishop", "marshal",
	"judge", "cardinal", "chancellor", "pope", "knight", "chief", "speaker", "mayor",
	"sheriff", "coach", "captain", "general", "justice", "lord", "lady")

// nonNameWords never occur in a person's name: a run holding one names a
// place, a body or a party ("Kent County Republican headquarters").
var nonNameWords = wordSet("county", "city", "state", "states", "university",
	"college", "party", "republican", "republicans", "democrat", "democrats",
	"democratic", "gop", "department", "ministry", "council", "committee",
	"commission", "agency", "institute", "foundation", "association", "club",
	"federal", "national", "international", "united", "union", "airport",
	"stadium", "street", "avenue", "square", "island", "river", "mount",
	"lake", "fort", "camp", "base", "district", "province", "region",
	"township", "borough", "hospital", "school", "church", "north", "south",
	"east", "west", "northern", "southern", "eastern", "western", "central",
	"new", "san", "santa", "los", "las", "saint", "st.", "sputnik", "covid",
	"trans-pacific", "pacific", "atlantic", "olympic", "olympics", "world",
	"global", "universe", "net", "online", "digital", "bill", "act", "tory",
	"tories", "labour", "conservative", "conservatives", "liberal", "liberals",
	"vote", "respect", "war")

func (a *analysis) hasNonNameWord(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		w := a.low[k]
		if nonNameWords[w] && !(w == "bill" && k == lo) {
			return true
		}
	}
	return false
}

// descriptorWords may stand in a description before a name ("veteran
// Labour peer", "longtime adviser").
var descriptorWords = wordSet("former", "senior", "top", "chief", "deputy", "acting",
	"veteran", "longtime", "fellow", "then", "late", "retired", "junior", "leading",
	"prominent", "outgoing", "incoming", "interim", "party", "government", "opposition",
	"state", "federal", "regional", "local", "national", "foreign", "defence", "defense")

// clauseOpeners may stand right before the subject of a clause.
// "After", "before", "since" and "until" are left out: more often
// prepositions ("has gone after Trump") than conjunctions.
var clauseOpeners = wordSet("and", "but", "or", "that", "while", "as", "because",
	"when", "if", "although", "though", "where", "whereas", "so", "then", "also",
	"meanwhile", "however", "unless", "whether", "yet", "still", "now", "later",
	"earlier", "instead", "how", "why", "what")

// clauseStartBefore reports whether the words before token lo (after any
// role phrase such as "Republican presidential nominee") open a clause, so
// that a name at lo is the subject of its clause rather than an object.
func (a *analysis) clauseStartBefore(lo int) bool {
	k := lo - 1
	if _, phrase := a.roleBefore(lo); phrase != "" {
		for k >= 0 && a.samePara(k, lo) && a.toks[k].s >= a.toks[lo].s-int32(len(phrase))-1 {
			k--
		}
	} else {
		// Descriptive words we do not list as roles ("Conservative peer
		// Lord Heseltine"): lower-case nouns and capitalised modifiers
		// with no verb or preposition among them.
		j := k
		for n := 0; j >= 0 && n < 4 && a.samePara(j, lo) && a.toks[j].kind == tkWord && !a.toks[j].has(fPoss); n++ {
			if a.is(j, lxPrep|lxStop|lxAux|lxDet|lxClauseOpener|lxCapStop) || isAdverbWord(a.low[j]) {
				break
			}
			if !a.toks[j].has(fCap) && !a.is(j, lxRole|lxOffice) && !descriptorWords[a.low[j]] {
				break // an unknown lower-case word may be a verb ("admires")
			}
			j--
		}
		if j < k && j >= 0 && a.samePara(j, lo) && a.toks[j].kind == tkWord && a.is(j, lxDet) {
			j-- // "the Conservative peer"
		}
		lower := false
		for m := j + 1; m <= k; m++ {
			lower = lower || a.toks[m].kind == tkWord && !a.toks[m].has(fCap) && !a.is(m, lxDet)
		}
		if !lower {
			// Only a phrase that has a lower-case noun in it: a run of
			// capitalised words before a name is another name.
			j = k
		}
		if j < k {
			k = j
		}
	}
	if k < 0 || !a.samePara(k, lo) || a.toks[k+1].has(fSentStart) {
		return true
	}
	t := &a.toks[k]
	if t.kind == tkPunct {
		switch a.tokText(k) {
		case ",", ";", ":", "(", "—", "–", "--", "-":
			return true
		}
		return false
	}
	if t.kind == tkQuote {
		return t.has(fClose)
	}
	w := a.low[k]
	if clauseOpeners[w] {
		return true
	}
	if w == "the" || w == "a" || w == "an" {
		return a.clauseStartBefore(k)
	}
	if t.has(fCap) && capitalStops[w] {
		return true
	}
	return isAdverbWord(w)
}

// askVerbs put a question to someone, who answers next: "Reporters asked
// Varga about the deal. "It is not finished," he said."
var askVerbs = wordSet("asked", "asks", "asking", "questioned", "pressed", "quizzed",
	"interviewed", "challenged")

// addressee reports whether the name at lo is the one a question is put
// to ("asked Varga", "in an interview with Varga"): for pronouns that
// follow, such a person counts as a subject, since the answer is theirs.
func (a *analysis) addressee(lo int) bool {
	k := lo - 1
	if k >= 0 && a.samePara(k, lo) && a.toks[k].kind == tkWord && a.is(k, lxDet) {
		k-- // "asked the minister"
	}
	if k < 0 || !a.samePara(k, lo) || a.toks[k].kind != tkWord {
		return false
	}
	if askVerbs[a.low[k]] {
		return true
	}
	return a.low[k] == "with" && k > 0 && a.samePara(k-1, lo) && (a.low[k-1] == "interview" || a.low[k-1] == "interviews")
}

// opensSentence reports whether token lo starts its sentence, perhaps
// after "The".
func (a *analysis) opensSentence(lo int) bool {
	if a.toks[lo].has(fSentStart) {
		return true
	}
	return lo > 0 && a.samePara(lo-1, lo) && a.toks[lo-1].has(fSentStart) && a.is(lo-1, lxDet)
}

// modifiesNoun reports whether the name ending before token hi modifies a
// noun after it ("the Clinton campaign", "Trump supporters").
func (a *analysis) modifiesNoun(hi int) bool {
	if hi >= len(a.toks) || a.toks[hi].kind != tkWord || a.toks[hi].has(fCap) || !a.samePara(hi, hi-1) {
		return false
	}
	w := a.low[hi]
	if a.is(hi, lxVerb) && !a.is(hi, lxRole|lxInstitution) {
		return false
	}
	if a.is(hi, lxAux|lxStop|lxPrep|lxClauseOpener) || isAdverbWord(w) {
		return false
	}
	if a.is(hi, lxInstitution|lxRole) || isRoleNoun(singularNoun(w)) || a.is(hi, lxDocument) {
		return true
	}
	// "Clinton communication director Jennifer Palmieri": lower-case words
	// ending in a role, then a name.
	for k := hi; k < hi+4 && k+1 < len(a.toks) && a.samePara(k, hi); k++ {
		if a.toks[k].kind != tkWord || a.toks[k].has(fCap) {
			return false
		}
		if a.is(k, lxRole) && a.toks[k+1].kind == tkWord && a.toks[k+1].has(fCap) {
			return true
		}
	}
	return false
}

// isPlaceRun reports whether the run's words together name a place.
func (a *analysis) isPlaceRun(lo, hi int) bool {
	if hi-lo == 1 {
		return a.is(lo, lxPlace)
	}
	var buf [64]byte
	b := buf[:0]
	for k := lo; k < hi; k++ {
		if k > lo {
			b = append(b, ' ')
		}
		b = append(b, a.low[k]...)
	}
	if _, ok := countryDemonyms[string(b)]; ok {
		return true
	}
	if _, ok := demonyms[string(b)]; ok {
		return true
	}
	return placeWords[string(b)]
}

// isOrgRun reports whether the run names an organisation: it ends in an
// organisation word ("Foreign Ministry"), or such a word is followed by "of",
// "on" or "for" ("Bank of England", "Commission on Presidential Debates").
func (a *analysis) isOrgRun(lo, hi int) bool {
	last := a.low[hi-1]
	if orgHeads[last] {
		return true
	}
	if hi-lo >= 2 && orgHeads[a.low[hi-2]+" "+last] {
		return true
	}
	for k := lo; k < hi-1; k++ {
		if a.is(k, lxOrgHead) && !a.is(k, lxTitle) {
			switch a.low[k+1] {
			case "of", "on", "for", "&", "and":
				return true
			}
		}
	}
	return false
}

// titleSplit returns the first token of the name after the title that
// starts the run, or lo when there is no title. The title ends at the last
// title head that a name follows; office words, places and connectors right
// after it belong to the title ("Secretary of State John Kerry").
func (a *analysis) orgHead(lo, hi int) string {
	last := a.low[hi-1]
	if orgHeads[last] {
		return last
	}
	for k := lo; k < hi-1; k++ {
		if a.is(k, lxOrgHead) && a.is(k+1, lxConnector) {
			return a.low[k]
		}
	}
	return last
}

func (a *analysis) titleSplit(lo, hi int) int {
	for h := hi - 2; h >= lo; h-- {
		if !a.is(h, lxTitle) && !(h == lo && a.is(h, lxRole) && !surnameTitles[a.low[h]] && !a.is(h, lxPlace)) {
			// A role noun opening the run is a title too ("Candidate
			// Trump", "Rival Hillary Clinton").
			continue
		}
		k := h + 1
		for k < hi && (a.is(k, lxOffice) || a.is(k, lxConnector) || a.is(k, lxOrgHead) || a.is(k, lxPlace)) {
			k++
		}
		if k < hi && !a.allTitles(k, hi) {
			return k
		}
	}
	return lo
}

// allTitles reports whether every word of [lo, hi) is a title or role
// ("Mr. President": no name follows the title).
func (a *analysis) allTitles(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if !a.is(k, lxTitle|lxRole) {
			return false
		}
	}
	return true
}

func (a *analysis) allPlaceOrOffice(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		w := a.low[k]
		if !isPlaceWord(w) && !isPlaceWord(strings.TrimSuffix(w, "s")) && !officeWords[w] && !runConnectors[w] {
			return false
		}
	}
	return true
}

func (a *analysis) hasMiddleInitial(lo, hi int) bool {
	for k := lo + 1; k < hi-1; k++ {
		if a.toks[k].has(fAbbr) && utf8.RuneCountInString(a.tokText(k)) == 2 {
			return true
		}
	}
	return false
}

// prepWords are prepositions.
var prepWords = wordSet("of", "to", "with", "by", "for", "from", "at", "in", "on",
	"against", "about", "between", "among", "toward", "towards", "like", "than",
	"into", "onto", "upon", "via", "after", "before", "during", "under", "over",
	"despite", "including", "behind", "beside", "besides", "near", "without",
	"within", "through", "across", "around", "unlike", "versus", "vs.", "per")

// nameWords returns the folded words of a run's name proper, without
// middle initials and suffixes.
// nameText is the run's name as written, without a nickname in marks:
// "Marcia Price" for Marcia "Cia" Price.
//
// A generational suffix stays in the name ("Ferdinand Marcos Jr." is not
// his father Ferdinand Marcos), and so in the key; nameWords leaves it out
// of the words that short forms match, so "Marcos" still finds him.
func (a *analysis) nameText(r nameRun) string {
	text := a.spanText(r.name, r.hi)
	if !strings.ContainsAny(text, "\"“”'") {
		return text
	}
	var b strings.Builder
	nick := false
	for k := r.name; k < r.hi; k++ {
		if a.toks[k].has(fNick) {
			nick = !nick
			continue
		}
		if nick {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(a.tokText(k))
	}
	return b.String()
}

// nickname returns the folded nickname inside a run, or "".
func (a *analysis) nickname(r nameRun) string {
	for k := r.name; k+2 < r.hi; k++ {
		if a.toks[k].has(fNick) && a.toks[k+1].kind == tkWord {
			return strings.ToLower(a.tokText(k + 1))
		}
	}
	return ""
}

func (a *analysis) nameWords(r nameRun) []string {
	return a.appendNameWords(make([]string, 0, r.hi-r.name), r)
}

// appendNameWords appends the words of nameWords to out.
func (a *analysis) appendNameWords(out []string, r nameRun) []string {
	nick := false
	for k := r.name; k < r.hi; k++ {
		if a.toks[k].has(fNick) {
			nick = !nick
			continue
		}
		if nick || a.toks[k].kind != tkWord {
			continue
		}
		w := strings.TrimSuffix(a.low[k], ".")
		if !isASCII(w) || strings.ContainsAny(w, "'’.") {
			w = strings.TrimSpace(FoldName(a.tokText(k)))
		}
		if w == "" || nameSuffixes[w] {
			continue
		}
		if k > r.name && k < r.hi-1 && utf8.RuneCountInString(w) == 1 {
			continue // middle initial
		}
		out = append(out, strings.ReplaceAll(w, " ", ""))
	}
	return out
}

var nameSuffixes = wordSet("jr", "sr", "ii", "iii", "iv")

// buildEntities links the runs that name people to entities: full names
// first, then surnames, "Mr. X" and other short forms in text order.
func (a *analysis) buildEntities() {
	bySurname := map[string][]int{}
	byFirst := map[string][]int{}
	for i := range a.runs {
		r := &a.runs[i]
		if r.kind != runPerson && r.kind != runMaybe || r.hi-r.name < 2 {
			continue
		}
		words := a.nameWords(*r)
		if len(words) < 2 {
			continue
		}
		e := a.matchFull(words, bySurname, byFirst)
		if e < 0 {
			e = a.newEntity(a.nameText(*r), words, true)
			indexSurnames(bySurname, words, e)
			byFirst[words[0]] = append(byFirst[words[0]], e)
			if nick := a.nickname(*r); nick != "" {
				a.ents[e].nick = nick
			}
		} else if len(words) > len(a.ents[e].parts) {
			ent := a.ents[e]
			ent.addAlias(ent.name)
			ent.name = a.nameText(*r)
			ent.parts = words
			ent.given = givenNameGender(words[0])
			indexSurnames(bySurname, words, e)
			byFirst[words[0]] = append(byFirst[words[0]], e)
		}
		r.ent = e
		if a.speechSubject(*r) {
			a.ents[e].listed = true
		}
		a.noteRun(i)
	}
	// One-word names that speak somewhere in the article ("Clinton said")
	// are people even when the article never gives a full name.
	speaks := map[string]bool{}
	for i := range a.runs {
		r := a.runs[i]
		if r.ent < 0 && r.kind == runMaybe && r.hi-r.name == 1 && a.speechSubject(r) {
			speaks[a.low[r.name]] = true
		}
	}
	// Short forms, in text order, so that a surname shared by two people
	// goes to the one named most recently.
	lastSeen := make([]int, len(a.ents))
	for i := range a.runs {
		r := &a.runs[i]
		if r.ent >= 0 {
			lastSeen[r.ent] = r.lo + 1
			continue
		}
		if r.kind == runPlace && r.hi-r.lo == 1 && len(bySurname[a.low[r.lo]]) > 0 {
			// "Jordan said" where the article names Jim Jordan.
			r.kind = runMaybe
		}
		if r.kind != runPerson && r.kind != runMaybe {
			continue
		}
		var wbuf [4]string
		words := a.appendNameWords(wbuf[:0], *r)
		if len(words) != 1 {
			continue
		}
		e := a.matchShort(words[0], r.title, r.lo, bySurname, byFirst, lastSeen)
		if e < 0 && (r.kind == runPerson || speaks[a.low[r.name]] && !a.commonWordAtStart(*r)) {
			e = a.newEntity(a.nameText(*r), []string{words[0]}, true)
			bySurname[words[0]] = append(bySurname[words[0]], e)
			lastSeen = append(lastSeen, 0)
		}
		if e < 0 {
			continue
		}
		r.ent = e
		a.ents[e].shortForm = true
		lastSeen[e] = r.lo + 1
		a.noteRun(i)
	}
}

// commonWordAtStart reports whether the one-word run r opens its sentence
// and its word is never capitalised elsewhere in the article: an ordinary
// word ("Critics have attacked …"), not a name.
func (a *analysis) commonWordAtStart(r nameRun) bool {
	return r.hi-r.lo == 1 && a.toks[r.lo].has(fSentStart) && !a.capitalElsewhere(r.lo)
}

// speechSubject reports whether run r is the subject of a reporting verb
// ("Clinton said", "Clinton also told") or follows an inverted one ("…,"
// said Clinton).
func (a *analysis) speechSubject(r nameRun) bool {
	if r.hi < len(a.toks) && a.samePara(r.hi, r.lo) {
		j := r.hi
		for n := 0; n < 2 && j < len(a.toks) && a.samePara(j, r.lo) && (a.is(j, lxAux) || isAdverbWord(a.low[j])); n++ {
			j++
		}
		if j < len(a.toks) && a.samePara(j, r.lo) && a.toks[j].kind == tkWord {
			if vf, ok := a.verbAt(j); ok && vf.kind == verbSpeech && !vf.base && !vf.participle {
				return true
			}
		}
	}
	if k := r.lo - 1; k >= 1 && a.samePara(k, r.lo) {
		if vf, ok := a.verbAt(k); ok && !vf.base && !vf.participle && vf.kind == verbSpeech {
			prev := a.toks[k-1]
			return prev.kind == tkQuote || a.isPunct(k-1, ",")
		}
	}
	return false
}

// matchFull finds the entity a full name belongs to: the same surname and a
// compatible first name ("Len" and "Leonard", "Donald" and "Donald J."), or
// a name that extends it ("Bilawal Bhutto" and "Bilawal Bhutto Zardari").
func (a *analysis) matchFull(words []string, bySurname, byFirst map[string][]int) int {
	last := words[len(words)-1]
	if nameParticles[words[0]] {
		// "van der Berg", "bin Khalid", "Ould Brahim": a surname with its
		// particles, found inside a fuller name.
		for _, e := range bySurname[last] {
			if ent := a.ents[e]; ent.person && len(ent.parts) > len(words) && containsRun(ent.parts[1:], words) {
				return e
			}
		}
	}
	for _, e := range bySurname[last] {
		// A fuller name for a surname with particles met first.
		if ent := a.ents[e]; ent.person && nameParticles[ent.parts[0]] && len(words) > len(ent.parts) &&
			containsRun(words[1:], ent.parts) {
			return e
		}
	}
	for _, e := range bySurname[last] {
		ent := a.ents[e]
		if firstCompatible(ent.parts[0], words[0]) || ent.nick != "" && firstCompatible(ent.nick, words[0]) {
			return e
		}
	}
	// A name that extends another shares its first word; only those are
	// compared, so this costs the same however many people the article
	// names.
	for _, e := range byFirst[words[0]] {
		ent := a.ents[e]
		if !ent.person || ent.merged >= 0 || len(ent.parts) < 2 {
			continue
		}
		if isPrefix(words, ent.parts) || isPrefix(ent.parts, words) {
			return e
		}
	}
	return -1
}

// indexSurnames files entity e under the words a short form may end with:
// the last word of its name, a word after a particle ("Farhan" in "Faisal
// bin Farhan Al Saud") and a word after a hyphenated prefix ("Tamimi" for
// "al-tamimi").
func indexSurnames(bySurname map[string][]int, words []string, e int) {
	add := func(w string) {
		for _, x := range bySurname[w] {
			if x == e {
				return
			}
		}
		bySurname[w] = append(bySurname[w], e)
	}
	add(words[len(words)-1])
	for i := 1; i < len(words); i++ {
		if nameParticles[words[i-1]] && !nameParticles[words[i]] {
			add(words[i])
		}
		if j := strings.IndexByte(words[i], '-'); j > 0 && hyphenPrefixes[words[i][:j]] {
			add(words[i][j+1:])
		}
	}
}

// containsRun reports whether the words of run occur in order and next to
// each other somewhere in have.
func containsRun(have, run []string) bool {
	for i := 0; i+len(run) <= len(have); i++ {
		match := true
		for j, w := range run {
			if have[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

func isPrefix(short, long []string) bool {
	if len(short) >= len(long) {
		return false
	}
	for i, w := range short {
		if long[i] != w {
			return false
		}
	}
	return true
}

func firstCompatible(x, y string) bool {
	if x == y {
		return true
	}
	if len(x) > len(y) {
		x, y = y, x
	}
	// An initial, or a short form that begins the long one ("Len" and
	// "Leonard").
	return len(x) == 1 && strings.HasPrefix(y, x) || len(x) >= 3 && strings.HasPrefix(y, x)
}

// matchShort finds the entity a one-word name refers to: a surname, or a
// first word of a two-word name (family names first: "Yoon" for "Yoon
// Suk-yeol"). Among several, the gender the title gives decides, then the
// one mentioned most recently.
func (a *analysis) matchShort(w string, g gender, at int, bySurname, byFirst map[string][]int, lastSeen []int) int {
	cands := bySurname[w]
	if len(cands) == 0 {
		for _, e := range byFirst[w] {
			if len(a.ents[e].parts) <= 3 {
				cands = append(cands, e)
			}
		}
	}
	// A surname alone is how news prose names its principal bearer after
	// the first mention; relatives and namesakes keep their full names
	// ("Cruz said" while Heidi Cruz and Rafael Cruz are also named). So a
	// person already called by the surname alone is preferred, then the
	// one named most recently.
	best, bestSeen, bestShort := -1, -1, false
	for _, e := range cands {
		ent := a.ents[e]
		if g != genderUnknown && ent.gender != genderUnknown && ent.gender != g {
			continue
		}
		seen := lastSeen[e]
		if seen > at {
			seen = 0 // named only later: weaker than an earlier mention
		}
		if ent.surnameForm && !bestShort || ent.surnameForm == bestShort && seen > bestSeen {
			best, bestSeen, bestShort = e, seen, ent.surnameForm
		}
	}
	if best >= 0 && len(bySurname[w]) > 0 {
		a.ents[best].surnameForm = true
	}
	return best
}

func (a *analysis) newEntity(name string, parts []string, person bool) int {
	e := &entity{name: name, parts: parts, person: person, merged: -1}
	if person && len(parts) >= 2 {
		e.given = givenNameGender(parts[0])
	}
	a.ents = append(a.ents, e)
	return len(a.ents) - 1
}

// noteRun adds what run i tells about its entity: the alias, the title's
// role and gender, role words before the name and an apposition after it.
func (a *analysis) noteRun(i int) {
	r := a.runs[i]
	e := a.ents[r.ent]
	full := a.spanText(r.lo, r.hi)
	e.addAlias(full)
	if r.titled {
		e.listed = true
		e.addAlias(a.spanText(r.name, r.hi))
		var ws []string
		for k := r.lo; k < r.name; k++ {
			ws = append(ws, strings.TrimSuffix(a.low[k], "."))
		}
		if role, ok := roleOf(ws); ok {
			e.addRole(role)
		} else if role, ok := roleOf(ws[len(ws)-1:]); ok {
			e.addRole(role)
		}
		switch a.low[r.name-1] {
		case "rep.", "rep", "representative":
			e.addRole("lawmaker")
			e.roles = append(e.roles, "congressman", "congresswoman")
		case "sen.", "sen", "senator":
			e.addRole("senator")
		}
		e.setGender(r.title)
	}
	if r.kind == runPerson && !r.titled {
		e.listed = true
	}
	if r.toks(a) >= 2 && a.hasMiddleInitial(r.name, r.hi) {
		e.listed = true
	}
	// Role words before the run: "spokesman Olof Gill", "the EU's top
	// diplomat Josep Borrell".
	if role, phrase := a.roleBefore(r.lo); role != "" {
		e.addRole(role)
		e.listed = true
		e.addAlias(phrase)
		e.addAlias(phrase + " " + full)
	}
	// An apposition after: "Bae Hyun-jin, the spokesperson,".
	if role, phrase := a.roleAfter(r.hi); role != "" {
		e.addRole(role)
		e.listed = true
		e.addAlias(phrase)
	}
	// An apposition before: "the chief delegate, Rep. Park Jin".
	if role, phrase := a.roleBeforeComma(r.lo); role != "" {
		e.addRole(role)
		e.listed = true
		e.addAlias(phrase)
	}
}

func (r nameRun) toks(a *analysis) int { return r.hi - r.name }

// detWords are determiners, which open a noun phrase.
var detWords = wordSet("the", "a", "an", "this", "that", "these", "those", "his",
	"her", "its", "their", "our", "my", "your", "one", "another")

// roleBefore reads the role words right before token lo ("spokesman",
// "Indian civil servant", "the European Union's top diplomat"). It returns
// the role noun and the phrase from its determiner.
func (a *analysis) roleBefore(lo int) (string, string) {
	k := lo - 1
	start := lo
	for k >= 0 && a.samePara(k, lo) && lo-k <= 5 {
		t := &a.toks[k]
		if t.kind != tkWord || t.quote != a.toks[lo].quote {
			break
		}
		if t.has(fCap) || t.has(fPoss) {
			break
		}
		if a.is(k, lxDet|lxPrep|lxStop) {
			break
		}
		if _, ok := a.verbAt(k); ok && !a.is(k, lxRole) {
			break
		}
		start = k
		k--
	}
	if start == lo || !a.is(lo-1, lxRole) && !strings.Contains(a.low[lo-1], "-") {
		return "", ""
	}
	var arr [5]string
	ws := arr[:0]
	for j := start; j < lo; j++ {
		ws = append(ws, a.low[j])
	}
	role, ok := roleOf(ws)
	if !ok {
		return "", ""
	}
	// Extend the phrase back over a determiner or a possessive owner and
	// capitalised modifiers ("The European Union's", "Pakistan foreign
	// ministry").
	for k >= 0 && a.samePara(k, lo) && a.toks[k].kind == tkWord && a.toks[k].quote == a.toks[lo].quote {
		w := a.low[k]
		if a.toks[k].has(fCap) && !capitalStops[w] || a.toks[k].has(fPoss) {
			start = k
			k--
			continue
		}
		if detWords[w] {
			start = k
		}
		break
	}
	return role, a.spanText(start, lo)
}

// roleAfter reads an apposition after a name: ", the spokesperson," or ",
// an economist who …". It returns the role noun and the phrase.
func (a *analysis) roleAfter(hi int) (string, string) {
	if !a.isPunct(hi, ",") || !a.samePara(hi, hi+1) {
		return "", ""
	}
	k := hi + 1
	start := k
	var ws []string
	for k < len(a.toks) && a.samePara(k, hi) && len(ws) < 6 {
		t := &a.toks[k]
		if t.kind != tkWord || t.quote != a.toks[hi].quote {
			break
		}
		w := a.low[k]
		if len(ws) == 0 && detWords[w] {
			k++
			continue
		}
		if prepWords[w] || w == "who" || w == "which" || w == "and" || w == "that" {
			break
		}
		if _, ok := a.verbAt(k); ok && !isRoleNoun(w) {
			break
		}
		ws = append(ws, strings.TrimSuffix(w, "."))
		k++
	}
	if len(ws) == 0 {
		return "", ""
	}
	if k < len(a.toks) && a.samePara(k, hi) && a.toks[k].kind == tkWord {
		// ", a government spokesperson said": a new subject, not an
		// apposition.
		if _, ok := a.verbAt(k); ok || a.is(k, lxAux) {
			return "", ""
		}
	}
	role, ok := roleOf(ws)
	if !ok {
		return "", ""
	}
	return role, a.spanText(start, k)
}

// roleBeforeComma reads a role phrase before ", Name": "the chief delegate,
// Rep. Park Jin", "the Republic of the Congo's president, Denis Sassou
// Nguesso".
func (a *analysis) roleBeforeComma(lo int) (string, string) {
	k := lo - 1
	if !a.isPunct(k, ",") || !a.samePara(k, lo) {
		return "", ""
	}
	k--
	end := k + 1
	var ws []string
	for k >= 0 && a.samePara(k, lo) && len(ws) < 5 {
		t := &a.toks[k]
		if t.kind != tkWord || t.has(fCap) || t.has(fPoss) {
			break
		}
		w := a.low[k]
		if detWords[w] || prepWords[w] || isPhraseStopWord(w) {
			break
		}
		ws = append([]string{w}, ws...)
		k--
	}
	if len(ws) == 0 || k < 0 || !a.samePara(k, lo) {
		return "", ""
	}
	// The phrase must start with a determiner or a possessive.
	w := a.low[k]
	if !(w == "the" || a.toks[k].has(fPoss)) {
		return "", ""
	}
	if _, ok := roleNouns[ws[len(ws)-1]]; !ok {
		return "", ""
	}
	role, _ := roleOf(ws)
	start := k
	if a.toks[k].has(fPoss) {
		// Back over the owner: "the Republic of the Congo's".
		for start > 0 && a.samePara(start-1, lo) && a.toks[start-1].kind == tkWord &&
			(a.toks[start-1].has(fCap) || a.is(start-1, lxConnector)) {
			start--
		}
		if start > 0 && a.low[start-1] == "the" {
			start--
		}
	}
	return role, a.spanText(start, end)
}

func isRoleNoun(w string) bool {
	_, ok := roleNouns[w]
	return ok
}

// phraseStopWords are function words that never belong to a role phrase.
var phraseStopWords = wordSet("and", "or", "but", "nor", "so", "yet", "if", "as", "is",
	"was", "are", "were", "be", "been", "being", "has", "have", "had", "will",
	"would", "can", "could", "should", "shall", "may", "might", "must", "do",
	"does", "did", "not", "no", "who", "whom", "whose", "which", "that", "what",
	"when", "where", "why", "how", "he", "she", "it", "they", "we", "i", "you",
	"him", "them", "us", "me", "also", "then", "there", "here", "said", "says",
	"than", "while", "because", "since", "although", "though", "whether",
	"s", "its", "his", "her", "their", "our", "my", "your", "all", "both")

func isPhraseStopWord(w string) bool { return phraseStopWords[w] }

// learnGender reads gender from pronouns: in a sentence that names one
// person and then says he/his/him (or she/her), that person's gender is
// known; a sentence that opens with He or She after a sentence that named
// one person does the same.
func (a *analysis) learnGender() {
	prevOnly := -1 // the single person named by the previous sentence
	k := 0
	for k < len(a.toks) {
		sent := a.toks[k].sent
		only := -1
		many := false
		var g gender
		clash := false
		first := true
		for ; k < len(a.toks) && a.toks[k].sent == sent; k++ {
			t := &a.toks[k]
			if t.quote >= 0 {
				continue
			}
			if ri := a.runAt[k]; ri >= 0 && a.runs[ri].lo == k {
				if e := a.runs[ri].ent; e >= 0 && a.ents[e].person {
					switch {
					case only < 0 && !many:
						only = e
					case only != e:
						many = true
					}
				}
			}
			if t.kind == tkWord {
				pg := genderUnknown
				if a.is(k, lxGendered) {
					pg = pronounGender(a.low[k])
				}
				if pg != genderUnknown {
					if first && t.has(fSentStart) && prevOnly >= 0 && only < 0 {
						a.ents[prevOnly].learnGender(pg)
					}
					if only >= 0 && !many {
						if g != genderUnknown && g != pg {
							clash = true
						}
						g = pg
					}
				}
				first = false
			}
		}
		if only >= 0 && !many && g != genderUnknown && !clash {
			a.ents[only].learnGender(g)
		}
		if many {
			only = -1
		}
		prevOnly = only
	}
}

// noteUnnamedSources records the unnamed sources that report something
// ("an Israeli official said …"), so that a later "the official" finds
// them even when their first words were not quoted.
func (a *analysis) noteUnnamedSources() {
	for v := range a.toks {
		t := &a.toks[v]
		if t.kind != tkWord || t.quote >= 0 || t.has(fCap) || !a.is(v, lxVerb) {
			continue
		}
		vf, ok := a.verbAt(v)
		if !ok || vf.kind != verbSpeech || vf.participle || vf.base {
			continue
		}
		lo := a.paraStart[t.para]
		k := a.skipAuxBack(v-1, lo)
		if k < lo || a.toks[k].kind != tkWord {
			continue
		}
		start := a.npBackward(k, lo)
		if start > k || start == k {
			continue
		}
		if outer, e := a.sourceWithPlace(start, k, lo); e >= 0 {
			// "A spokesman for the Home Office said"
			if a.low[outer] == "a" || a.low[outer] == "an" {
				a.insertRef(entMention{tok: outer, ent: e, subj: true})
			}
			continue
		}
		switch a.low[start] {
		case "a", "an", "one", "another":
		default:
			continue
		}
		head := singularNoun(a.low[k])
		if !unnamedRoles[head] || a.toks[k].has(fCap) {
			continue
		}
		if e := a.unnamed(start+1, k+1); e >= 0 {
			a.insertRef(entMention{tok: start, ent: e, subj: true})
		}
	}
}

// sourceWithPlace reads "a spokesman for the Home Office" when the phrase
// [start, k] ("the Home Office") follows a role and for/of/at: it returns
// where the whole phrase starts and its unnamed-source entity, or -1.
func (a *analysis) sourceWithPlace(start, k, lo int) (int, int) {
	p := start - 1
	if p <= lo || !(a.low[p] == "for" || a.low[p] == "at" || a.low[p] == "of") {
		return 0, -1
	}
	if !unnamedRoles[singularNoun(a.low[p-1])] || a.toks[p-1].has(fCap) {
		return 0, -1
	}
	outer := a.npBackward(p-1, lo)
	if outer >= p || !a.is(outer, lxDet) {
		return 0, -1
	}
	return outer, a.unnamedWithPlace(outer, p, k+1)
}

func pronounGender(w string) gender {
	switch w {
	case "he", "him", "his", "himself":
		return genderMale
	case "she", "her", "hers", "herself":
		return genderFemale
	}
	return genderUnknown
}
