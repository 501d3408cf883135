package briefing

// Lead returns the first n sentences of the article's body, in article
// order, as the package's sentence splitter finds them. It is the LEAD-n
// baseline that summaries are measured against: a summary that cannot beat
// the article's own opening is not worth its cost.
func Lead(a Article, n int) []string {
	var out []string
	for _, p := range a.Paragraphs {
		for _, s := range splitSentences(p) {
			if len(out) >= n {
				return out
			}
			out = append(out, p[s.start:s.end])
		}
	}
	return out
}
