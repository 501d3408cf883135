package score

import "strings"

// normaliseSpeaker is normaliseText without a leading "the".
func normaliseSpeaker(s string) string {
	s = normaliseText(s)
	// After normaliseText every run of white space is one ASCII space, so
	// Python's ^the\s+ is exactly this prefix.
	return strings.TrimPrefix(s, "the ")
}

// speakerTokens are a label's tokens with a possessive 's removed.
func speakerTokens(s string) []string {
	toks := tokens(normaliseSpeaker(s))
	for i, t := range toks {
		toks[i] = strings.TrimSuffix(t, "'s")
	}
	return toks
}

// speakerMatch reports whether a predicted speaker names the gold speaker:
// the same label; for a gold person in people, one of their aliases or the
// same surname; for an organisation or unnamed source, the same head word
// with every other word found in the other label.
func speakerMatch(pred, gold string, people []Person) bool {
	p := normaliseSpeaker(pred)
	if p == "" {
		return false
	}
	g := normaliseSpeaker(gold)
	if p == g {
		return true
	}
	var person *Person
	for i := range people {
		if normaliseSpeaker(people[i].Name) == g {
			person = &people[i]
			break
		}
	}
	if person == nil {
		return groupSpeakerMatch(speakerTokens(pred), speakerTokens(gold))
	}
	for _, a := range person.Aliases {
		if p == normaliseSpeaker(a) {
			return true
		}
	}
	gt, pt := speakerTokens(gold), speakerTokens(pred)
	return len(gt) > 0 && len(pt) > 0 && gt[len(gt)-1] == pt[len(pt)-1]
}

// speakerFiller are words that do not distinguish one group label from
// another.
var speakerFiller = map[string]bool{"a": true, "an": true, "the": true, "anonymous": true, "unnamed": true}

// groupSpeakerMatch matches organisation, office and unnamed-source labels
// ("Japan's Foreign Ministry" for "Japanese Foreign Ministry"): equal head
// words, and every other word of one label found in the other, where a word
// of 4+ letters also matches a word it begins or that begins it.
func groupSpeakerMatch(pt, gt []string) bool {
	pt = dropFiller(pt)
	gt = dropFiller(gt)
	if len(pt) == 0 || len(gt) == 0 || pt[len(pt)-1] != gt[len(gt)-1] {
		return false
	}
	a, b := pt[:len(pt)-1], gt[:len(gt)-1]
	return within(a, b) || within(b, a)
}

func dropFiller(ts []string) []string {
	var out []string
	for _, t := range ts {
		if !speakerFiller[t] {
			out = append(out, t)
		}
	}
	return out
}

func within(xs, ys []string) bool {
	for _, x := range xs {
		found := false
		for _, y := range ys {
			if sameWord(x, y) {
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

// sameWord compares lengths in characters, as Python's len does.
func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	if min(len([]rune(a)), len([]rune(b))) < 4 {
		return false
	}
	return strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}
