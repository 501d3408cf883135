package briefing

import "strings"

// verbKind says how a reporting verb relates its subject to a quotation.
type verbKind uint8

const (
	// verbSpeech verbs report words ("said", "told", "wrote", "added").
	verbSpeech verbKind = iota + 1
	// verbLabel verbs put a quoted label on something ("called it a
	// "disgrace"", "described as"): the subject is still the source of the
	// quoted words, but only inside the same clause.
	verbLabel
)

// verbForm is one inflected form of a reporting verb.
type verbForm struct {
	kind verbKind
	// participle is true for -ing forms ("saying", "adding"), whose subject is
	// the subject of the clause they hang from.
	participle bool
	// base is true for the bare form ("say", "tweet"), which is also often
	// a noun.
	base bool
}

// speechVerbs are verbs that report what someone said, wrote or asked, as
// base forms; regular inflections are derived below. Irregular past forms are
// listed in irregularPast.
var speechVerbs = []string{
	"say", "tell", "add", "note", "state", "declare", "announce", "explain",
	"insist", "argue", "claim", "warn", "write", "tweet", "post", "recall",
	"ask", "reply", "respond", "answer", "continue", "conclude", "acknowledge",
	"admit", "concede", "suggest", "stress", "emphasize", "emphasise", "urge",
	"predict", "promise", "vow", "pledge", "complain", "charge", "contend",
	"maintain", "assert", "observe", "remark", "joke", "quip", "boast",
	"lament", "caution", "repeat", "reiterate", "confirm", "deny", "testify",
	"report", "mock", "accuse", "demand", "hail", "proclaim", "shout", "yell",
	"scream", "chant", "cry", "exclaim", "whisper", "muse", "mutter",
	"retweet", "reason", "counter", "retort", "interject", "rebut", "plead",
	"implore", "advise", "recommend", "propose", "point", "underline",
	"underscore", "highlight", "allege", "assure", "reassure", "remind",
	"blast", "slam", "criticize", "criticise", "denounce", "condemn",
	"praise", "laud", "tout", "scoff", "opine", "speculate", "quote",
	"describe", "characterize", "characterise", "dismiss", "deride",
	"ridicule", "taunt", "rail", "lash", "clarify", "elaborate", "mention",
	"recount", "read", "write", "thunder", "murmur", "snap", "fume", "gush",
	"sum", "spell", "pray", "preach", "inform", "apologize", "apologise",
	"swear", "predict", "announce", "sing", "exhort", "attack", "concur",
}

// labelVerbs put a quoted name or label on something.
var labelVerbs = []string{
	"call", "dub", "label", "brand", "term", "nickname", "refer", "liken",
	"compare", "portray",
}

// irregularPast maps base forms to their irregular past tense and past
// participle (when they differ, both are listed).
var irregularPast = map[string][]string{
	"say":       {"said"},
	"tell":      {"told"},
	"write":     {"wrote", "written"},
	"begin":     {"began", "begun"},
	"put":       {"put"},
	"read":      {"read"},
	"hit":       {"hit"},
	"broadcast": {"broadcast"},
	"sing":      {"sang", "sung"},
	"swear":     {"swore", "sworn"},
	"spell":     {"spelled", "spelt"},
	"forecast":  {"forecast", "forecasted"},
	"lash":      {"lashed"},
}

// pastLikeBase reports whether the past of b is written as b ("the
// statement read"), so that the bare form is as likely a past tense after a
// singular subject as a noun or a plural present.
func pastLikeBase(b string) bool {
	for _, f := range irregularPast[b] {
		if f == b {
			return true
		}
	}
	return false
}

// verbBases maps every inflected form of a reporting verb to its base.
var verbBases = buildVerbBases()

func buildVerbBases() map[string]string {
	m := map[string]string{}
	for _, list := range [][]string{speechVerbs, labelVerbs} {
		for _, b := range list {
			for _, f := range inflect(b) {
				if _, ok := m[f]; !ok {
					m[f] = b
				}
			}
			m[ingForm(b)] = b
		}
	}
	return m
}

// verbForms maps every inflected form of a reporting verb, lower case, to
// what it is. It is built once at package init.
var verbForms = buildVerbForms()

func buildVerbForms() map[string]verbForm {
	m := make(map[string]verbForm, 1500)
	add := func(bases []string, kind verbKind) {
		for _, b := range bases {
			for i, f := range inflect(b) {
				if _, ok := m[f]; !ok {
					m[f] = verbForm{kind: kind, base: i == 0 && !pastLikeBase(b)}
				}
			}
			if ing := ingForm(b); ing != "" {
				m[ing] = verbForm{kind: kind, participle: true}
			}
		}
	}
	add(speechVerbs, verbSpeech)
	add(labelVerbs, verbLabel)
	return m
}

// inflect returns the base, third-person and past forms of a regular verb,
// plus any irregular past forms.
func inflect(b string) []string {
	out := []string{b, thirdPerson(b)}
	if irr, ok := irregularPast[b]; ok {
		return append(out, irr...)
	}
	return append(out, pastForm(b))
}

func thirdPerson(b string) string {
	switch {
	case strings.HasSuffix(b, "s"), strings.HasSuffix(b, "sh"), strings.HasSuffix(b, "ch"),
		strings.HasSuffix(b, "x"), strings.HasSuffix(b, "z"), strings.HasSuffix(b, "o"):
		return b + "es"
	case strings.HasSuffix(b, "y") && len(b) > 1 && !isVowelByte(b[len(b)-2]):
		return b[:len(b)-1] + "ies"
	}
	return b + "s"
}

func pastForm(b string) string {
	switch {
	case strings.HasSuffix(b, "e"):
		return b + "d"
	case strings.HasSuffix(b, "y") && len(b) > 1 && !isVowelByte(b[len(b)-2]):
		return b[:len(b)-1] + "ied"
	case doublesFinal(b):
		return b + b[len(b)-1:] + "ed"
	}
	return b + "ed"
}

func ingForm(b string) string {
	switch {
	case strings.HasSuffix(b, "ie"):
		return b[:len(b)-2] + "ying"
	case strings.HasSuffix(b, "ee"), strings.HasSuffix(b, "ye"), strings.HasSuffix(b, "oe"):
		return b + "ing"
	case strings.HasSuffix(b, "e") && len(b) > 2:
		return b[:len(b)-1] + "ing"
	case doublesFinal(b):
		return b + b[len(b)-1:] + "ing"
	}
	return b + "ing"
}

// stressedFinal are longer verbs that double their last consonant because
// the last syllable is stressed ("admit" → "admitted", "refer" →
// "referring").
var stressedFinal = map[string]bool{
	"admit": true, "rebut": true, "refer": true, "regret": true, "commit": true,
	"permit": true, "submit": true, "omit": true, "compel": true, "propel": true,
	"repel": true, "dispel": true, "prefer": true, "confer": true, "defer": true,
	"infer": true, "deter": true, "occur": true, "recur": true, "concur": true,
	"incur": true, "transfer": true, "patrol": true, "control": true, "extol": true,
	"abet": true, "allot": true, "acquit": true, "outwit": true, "forget": true,
	"quip": true, "quit": true,
}

// doublesFinal reports whether a one-syllable verb ending consonant-vowel-
// consonant doubles its last letter ("quip" → "quipped", "slam" → "slammed").
func doublesFinal(b string) bool {
	if stressedFinal[b] {
		return true
	}
	n := len(b)
	if n < 3 || n > 4 {
		return false
	}
	c := b[n-1]
	if isVowelByte(c) || c == 'w' || c == 'x' || c == 'y' {
		return false
	}
	if !isVowelByte(b[n-2]) || isVowelByte(b[n-3]) {
		return false
	}
	// Only one vowel in the word: a single syllable.
	vowels := 0
	for i := 0; i < n; i++ {
		if isVowelByte(b[i]) {
			vowels++
		}
	}
	return vowels == 1
}

func isVowelByte(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// lookupVerb returns the reporting verb that the lower-case word w is a form
// of.
func lookupVerb(w string) (verbForm, bool) {
	v, ok := verbForms[w]
	return v, ok
}
