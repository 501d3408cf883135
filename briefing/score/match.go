package score

import (
	"cmp"
	"slices"
)

// Counts are true positives, false positives and false negatives.
type Counts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

func (c *Counts) add(o Counts) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
}

// PRF returns precision, recall and F1. Each is 0 when its denominator is
// 0, except that with no gold and no predictions all three are 1.
func (c Counts) PRF() (p, r, f1 float64) {
	tp, fp, fn := c.TP, c.FP, c.FN
	if tp+fp == 0 && tp+fn == 0 {
		return 1, 1, 1
	}
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// greedyMatch pairs predictions with gold items one to one, best score
// first; ties go to the lower prediction index, then the lower gold index.
// score returns false for a pair that may not match. The result holds, for
// each prediction, its gold index or -1.
func greedyMatch(nPred, nGold int, score func(i, j int) (float64, bool)) []int {
	type cand struct {
		s    float64
		i, j int
	}
	var cands []cand
	for i := range nPred {
		for j := range nGold {
			if s, ok := score(i, j); ok {
				cands = append(cands, cand{s, i, j})
			}
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if c := cmp.Compare(b.s, a.s); c != 0 {
			return c
		}
		if c := cmp.Compare(a.i, b.i); c != 0 {
			return c
		}
		return cmp.Compare(a.j, b.j)
	})
	pairs := make([]int, nPred)
	for i := range pairs {
		pairs[i] = -1
	}
	usedGold := make([]bool, nGold)
	for _, c := range cands {
		if pairs[c.i] >= 0 || usedGold[c.j] {
			continue
		}
		pairs[c.i] = c.j
		usedGold[c.j] = true
	}
	return pairs
}

func countMatched(pairs []int) int {
	n := 0
	for _, j := range pairs {
		if j >= 0 {
			n++
		}
	}
	return n
}
