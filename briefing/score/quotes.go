package score

// QuoteResult is the quote score of one article.
type QuoteResult struct {
	// Span counts quotes whose text matches, whoever said them.
	Span Counts
	// Attributed counts quotes whose text and speaker both match.
	Attributed Counts
	// IgnoredOptional counts predictions that matched only optional gold
	// quotes: neither right nor wrong.
	IgnoredOptional int
	// FullFound of FullGold whole-sentence gold quotes were found (text only),
	// and PartialFound of PartialGold fragments.
	FullFound, FullGold       int
	PartialFound, PartialGold int
	// Missed are the texts of gold quotes no prediction matched.
	Missed []string
	// FalseAlarms are the texts of predictions that matched no gold quote.
	FalseAlarms []string
	// WrongSpeakers are text matches whose speaker does not match.
	WrongSpeakers []WrongSpeaker
}

// WrongSpeaker is a quote found with the wrong speaker.
type WrongSpeaker struct {
	Text string `json:"text"`
	Pred string `json:"pred"`
	Gold string `json:"gold"`
}

// scoreQuotes scores predicted quotes against gold (score.py score_quotes).
func scoreQuotes(g Gold, p Prediction) *QuoteResult {
	var req, opt []Quote
	for _, q := range g.Quotes {
		if q.Optional {
			opt = append(opt, q)
		} else {
			req = append(req, q)
		}
	}
	pq := p.Quotes
	predToks := make([][]string, len(pq))
	for i, q := range pq {
		predToks[i] = tokens(q.Text)
	}
	f1Req := f1Table(predToks, req)
	f1Opt := f1Table(predToks, opt)

	speakerOK := make([][]bool, len(pq))
	for i := range pq {
		speakerOK[i] = make([]bool, len(req))
		for j := range req {
			// Only pairs whose texts match need the speaker.
			if f1Req[i][j] >= quoteMatchThreshold {
				speakerOK[i][j] = speakerMatch(pq[i].Speaker, req[j].Speaker, g.People)
			}
		}
	}

	// ignoredByOptional returns the unmatched predictions that match an
	// optional gold quote, one to one.
	ignoredByOptional := func(pairs []int) map[int]bool {
		ign := map[int]bool{}
		var idx []int
		for i, j := range pairs {
			if j < 0 {
				idx = append(idx, i)
			}
		}
		if len(opt) == 0 || len(idx) == 0 {
			return ign
		}
		m := greedyMatch(len(idx), len(opt), func(a, b int) (float64, bool) {
			s := f1Opt[idx[a]][b]
			return s, s >= quoteMatchThreshold
		})
		for a, b := range m {
			if b >= 0 {
				ign[idx[a]] = true
			}
		}
		return ign
	}

	// Text-only matching. Ties on text F1 go to the pair whose speaker also
	// matches; that only changes which pairs are reported as wrong speakers.
	span := greedyMatch(len(pq), len(req), func(i, j int) (float64, bool) {
		s := f1Req[i][j]
		if s < quoteMatchThreshold {
			return 0, false
		}
		if speakerOK[i][j] {
			s += 1e-9
		}
		return s, true
	})
	ign := ignoredByOptional(span)
	nSpan := countMatched(span)
	r := &QuoteResult{
		Span:            Counts{TP: nSpan, FP: len(pq) - nSpan - len(ign), FN: len(req) - nSpan},
		IgnoredOptional: len(ign),
	}

	att := greedyMatch(len(pq), len(req), func(i, j int) (float64, bool) {
		s := f1Req[i][j]
		if s < quoteMatchThreshold || !speakerOK[i][j] {
			return 0, false
		}
		return s, true
	})
	ignA := ignoredByOptional(att)
	nAtt := countMatched(att)
	r.Attributed = Counts{TP: nAtt, FP: len(pq) - nAtt - len(ignA), FN: len(req) - nAtt}

	matchedGold := make([]bool, len(req))
	for _, j := range span {
		if j >= 0 {
			matchedGold[j] = true
		}
	}
	for j, q := range req {
		if q.Partial {
			r.PartialGold++
			if matchedGold[j] {
				r.PartialFound++
			}
		} else {
			r.FullGold++
			if matchedGold[j] {
				r.FullFound++
			}
		}
		if !matchedGold[j] {
			r.Missed = append(r.Missed, q.Text)
		}
	}
	for i, j := range span {
		if j < 0 && !ign[i] {
			r.FalseAlarms = append(r.FalseAlarms, pq[i].Text)
		}
		if j >= 0 && att[i] < 0 {
			r.WrongSpeakers = append(r.WrongSpeakers, WrongSpeaker{Text: pq[i].Text, Pred: pq[i].Speaker, Gold: req[j].Speaker})
		}
	}
	return r
}

// f1Table holds the token F1 of every prediction against every gold quote.
func f1Table(predToks [][]string, gold []Quote) [][]float64 {
	goldToks := make([][]string, len(gold))
	for j, q := range gold {
		goldToks[j] = tokens(q.Text)
	}
	t := make([][]float64, len(predToks))
	for i, pt := range predToks {
		t[i] = make([]float64, len(gold))
		for j, gt := range goldToks {
			t[i][j] = tokenF1(pt, gt)
		}
	}
	return t
}
