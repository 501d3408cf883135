package briefing

// wordClass is a bit set of the lexicon classes a lower-case word belongs
// to. Every word token's classes are looked up once per article, so the
// rules below test bits instead of looking words up in many tables.
type wordClass uint32

const (
	lxVerb wordClass = 1 << iota // a form of a reporting verb
	lxCapStop
	lxTitle
	lxOffice
	lxOrgHead
	lxPlace
	lxPrep
	lxDet
	lxAux
	lxStop
	lxRole
	lxInstitution
	lxDocument
	lxParticle
	lxConnector
	lxTime
	lxClauseOpener
	lxNonPersonHead
	lxGendered // he, she and their other forms: see pronounGender
)

// buildWordClasses maps every word of the lexicon to its classes, from the
// tables it summarises.
func buildWordClasses() map[string]wordClass {
	m := make(map[string]wordClass, 4096)
	set := func(c wordClass, words map[string]bool) {
		for w := range words {
			m[w] |= c
		}
	}
	for w := range verbForms {
		m[w] |= lxVerb
	}
	for w := range titleHeads {
		m[w] |= lxTitle
	}
	for w := range roleNouns {
		m[w] |= lxRole
	}
	for w := range countryDemonyms {
		m[w] |= lxPlace
	}
	for w := range demonyms {
		m[w] |= lxPlace
	}
	set(lxPlace, placeWords)
	set(lxCapStop, capitalStops)
	set(lxOffice, officeWords)
	set(lxOrgHead, orgHeads)
	set(lxPrep, prepWords)
	set(lxDet, detWords)
	set(lxAux, auxWords)
	set(lxStop, phraseStopWords)
	set(lxInstitution, institutionNouns)
	set(lxDocument, documentNouns)
	set(lxParticle, nameParticles)
	set(lxConnector, runConnectors)
	set(lxTime, timeWords)
	set(lxClauseOpener, clauseOpeners)
	set(lxNonPersonHead, nonPersonHeads)
	for _, w := range []string{"he", "him", "his", "himself", "she", "her", "hers", "herself"} {
		m[w] |= lxGendered
	}
	return m
}

// classWords numbers the words of buildWordClasses, and classOf holds
// each one's classes by number, so that lowerWords, which hashes a word
// while it lower-cases it, finds a word's classes with one probe. The map
// is dropped once they are built: the tables hold no pointers for the
// collector to scan. verbOf holds, by the same number, the reporting verb
// form of each word of class lxVerb, so that a token's verb form is found
// without hashing its word again.
var classWords, classOf, verbOf = func() (*wordTable, []wordClass, []verbForm) {
	wordClasses := buildWordClasses()
	words := &wordTable{}
	classes := make([]wordClass, 0, len(wordClasses))
	verbs := make([]verbForm, 0, len(wordClasses))
	for w, c := range wordClasses {
		if _, added := words.add([]byte(w), wordHashString(w)); added {
			classes = append(classes, c)
			verbs = append(verbs, verbForms[w])
		}
	}
	return words.withFilter(), classes, verbs
}()

// classWordID returns the number of the lower-case word w, whose hash is
// h, in classWords, or -1 when the lexicon does not hold it.
func classWordID(w string, h uint32) int32 {
	return classWords.findString(w, h)
}

// classesOf returns the classes of the word numbered id by classWordID.
func classesOf(id int32) wordClass {
	if id >= 0 {
		return classOf[id]
	}
	return 0
}

// is reports whether token k is a word of any of the classes c.
func (a *analysis) is(k int, c wordClass) bool {
	return a.cls[k]&c != 0
}

// verbAt returns the reporting verb form of token k, if it is one.
func (a *analysis) verbAt(k int) (verbForm, bool) {
	if a.cls[k]&lxVerb == 0 {
		return verbForm{}, false
	}
	return verbOf[a.wid[k]], true
}
