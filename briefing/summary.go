package briefing

// summarize picks the briefing's sentences.
func summarize(doc *document) []string {
	var out []string
	for _, p := range doc.paragraphs {
		for _, s := range p.sentences {
			out = append(out, p.text[s.start:s.end])
			if len(out) == 3 {
				return out
			}
		}
	}
	return out
}
