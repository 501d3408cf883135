package briefing

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// PersonKey returns the key that names the same person in every article and
// every query: the name folded to lower case, accents removed, words joined
// by single hyphens ("José  Borrell" → "jose-borrell").
func PersonKey(name string) string {
	folded := FoldName(name)
	return strings.Join(strings.Fields(folded), "-")
}

// FoldName lower-cases a name, removes accents and turns punctuation into
// spaces, so that "Josep Borrell", "JOSEP BORRELL" and "Josep Borrell's"
// compare equal after strings.Fields.
func FoldName(name string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	s, _, err := transform.String(t, name)
	if err != nil {
		s = name
	}
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "’s", "")
	s = strings.ReplaceAll(s, "'s", "")
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, s)
}

// registry is the set of people one article names, with every alias
// pointing at its canonical person.
type registry struct {
	people []Person
}

func (r *registry) list() []Person { return r.people }

func findPeople(doc *document) *registry {
	return &registry{}
}
