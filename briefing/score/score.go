package score

// Result is the score of one article. A nil part is out of the gold's
// scope (or, for Summary, the gold has no key points) and is not counted.
type Result struct {
	Quotes   *QuoteResult
	Upcoming *DateResult
	Summary  *ROUGE
}

// Score scores one article's prediction against its gold (score.py
// score_pair), honouring the gold's scope.
func Score(g Gold, p Prediction) Result {
	var r Result
	if g.InScope("quotes") {
		r.Quotes = scoreQuotes(g, p)
	}
	if g.InScope("upcoming") {
		r.Upcoming = scoreUpcoming(g, p)
	}
	if g.InScope("summary") {
		if s, ok := rougeScores(p.Summary, g.KeyPoints); ok {
			r.Summary = &s
		}
	}
	return r
}

// SummaryROUGE scores a summary, given as its sentences, against the
// gold key points. It reports false when the gold has no key points or
// summaries are out of its scope. Baselines such as LEAD-3 use it.
func (g Gold) SummaryROUGE(sentences []string) (ROUGE, bool) {
	if !g.InScope("summary") {
		return ROUGE{}, false
	}
	return rougeScores(joinSentences(sentences), g.KeyPoints)
}

func joinSentences(ss []string) string {
	n := 0
	for _, s := range ss {
		n += len(s) + 1
	}
	b := make([]byte, 0, n)
	for i, s := range ss {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, s...)
	}
	return string(b)
}

// Totals are corpus totals: quote and date counts summed over the articles
// (micro-averaged), ROUGE averaged over the articles with key points.
type Totals struct {
	Articles         int
	QuoteArticles    int
	UpcomingArticles int
	QuotesSpan       Counts
	QuotesAttributed Counts
	IgnoredOptional  int
	// RecallFull and RecallPartial are the text-only recall of whole and
	// partial gold quotes; false when there are none.
	RecallFull, RecallPartial       float64
	HasRecallFull, HasRecallPartial bool
	UpcomingStrict                  Counts
	UpcomingLenient                 Counts
	// SummaryArticles is the number of articles in the ROUGE average; ROUGE
	// is meaningful only when it is above zero.
	SummaryArticles int
	ROUGE           ROUGE
}

// Aggregate sums per-article results, in the order given (score.py sums
// in file-name order; the order changes ROUGE averages in the last bits).
func Aggregate(results []Result) Totals {
	t := Totals{Articles: len(results)}
	var fullFound, fullGold, partFound, partGold int
	var rouges []ROUGE
	for _, r := range results {
		if q := r.Quotes; q != nil {
			t.QuoteArticles++
			t.QuotesSpan.add(q.Span)
			t.QuotesAttributed.add(q.Attributed)
			t.IgnoredOptional += q.IgnoredOptional
			fullFound += q.FullFound
			fullGold += q.FullGold
			partFound += q.PartialFound
			partGold += q.PartialGold
		}
		if u := r.Upcoming; u != nil {
			t.UpcomingArticles++
			t.UpcomingStrict.add(u.Strict)
			t.UpcomingLenient.add(u.Lenient)
		}
		if r.Summary != nil {
			rouges = append(rouges, *r.Summary)
		}
	}
	if fullGold > 0 {
		t.RecallFull, t.HasRecallFull = float64(fullFound)/float64(fullGold), true
	}
	if partGold > 0 {
		t.RecallPartial, t.HasRecallPartial = float64(partFound)/float64(partGold), true
	}
	t.SummaryArticles = len(rouges)
	t.ROUGE = MeanROUGE(rouges)
	return t
}

// MeanROUGE averages ROUGE scores, adding left to right as Python 3.11's
// sum does (3.12 and later compensate rounding and may differ in the last
// bits). It returns zeros for no scores.
func MeanROUGE(rs []ROUGE) ROUGE {
	if len(rs) == 0 {
		return ROUGE{}
	}
	var s ROUGE
	for _, r := range rs {
		s.R1 += r.R1
		s.R2 += r.R2
		s.RL += r.RL
	}
	n := float64(len(rs))
	return ROUGE{R1: s.R1 / n, R2: s.R2 / n, RL: s.RL / n}
}
