package score

// ROUGE holds ROUGE-1, ROUGE-2 and ROUGE-L F1 scores.
type ROUGE struct {
	R1 float64 `json:"rouge1"`
	R2 float64 `json:"rouge2"`
	RL float64 `json:"rougeL"`
}

// maxROUGETokens bounds the tokens of each side of a ROUGE comparison so
// that the LCS table stays small; a summary or reference longer than this is
// cut. 20,000 tokens is about a 100-page report, far past any article.
const maxROUGETokens = 20000

// rougeTokens are the lower-case runs of [a-z0-9], with no stemming and no
// stop words, numbered by vocab so that comparisons are of integers.
func rougeTokens(text string, vocab map[string]int) []int {
	s := pyLower(text)
	var out []int
	for i := 0; i < len(s) && len(out) < maxROUGETokens; {
		if !isROUGEChar(s[i]) {
			i++
			continue
		}
		start := i
		for i < len(s) && isROUGEChar(s[i]) {
			i++
		}
		w := s[start:i]
		id, ok := vocab[w]
		if !ok {
			id = len(vocab)
			vocab[w] = id
		}
		out = append(out, id)
	}
	return out
}

func isROUGEChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}

// rougeScores compares a predicted summary with the reference text.
func rougeScores(hypText, refText string) (ROUGE, bool) {
	vocab := map[string]int{}
	ref := rougeTokens(refText, vocab)
	if len(ref) == 0 {
		return ROUGE{}, false
	}
	hyp := rougeTokens(hypText, vocab)
	return ROUGE{
		R1: rougeN(hyp, ref, 1),
		R2: rougeN(hyp, ref, 2),
		RL: rougeFrom(lcsLen(hyp, ref), len(hyp), len(ref)),
	}, true
}

// rougeN is the F1 of the clipped n-gram overlap.
func rougeN(hyp, ref []int, n int) float64 {
	type gram [2]int
	grams := func(toks []int) map[gram]int {
		m := map[gram]int{}
		for i := 0; i+n <= len(toks); i++ {
			var g gram
			copy(g[:], toks[i:i+n])
			m[g]++
		}
		return m
	}
	hc, rc := grams(hyp), grams(ref)
	overlap := 0
	for g, c := range hc {
		overlap += min(c, rc[g])
	}
	return rougeFrom(overlap, max(len(hyp)-n+1, 0), max(len(ref)-n+1, 0))
}

func rougeFrom(overlap, nPred, nRef int) float64 {
	if nPred == 0 || nRef == 0 || overlap == 0 {
		return 0
	}
	p := float64(overlap) / float64(nPred)
	r := float64(overlap) / float64(nRef)
	return 2 * p * r / (p + r)
}

// lcsLen is the length of the longest common subsequence of a and b.
func lcsLen(a, b []int) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for _, x := range a {
		for j, y := range b {
			switch {
			case x == y:
				cur[j+1] = prev[j] + 1
			case prev[j+1] > cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
