package briefing

// Analyze turns an article into its briefing. It is deterministic and safe
// for concurrent use; it loads nothing per call.
func Analyze(a Article) Briefing {
	doc := newDocument(a)
	people := findPeople(doc)
	quotes := findQuotes(doc, people)
	return Briefing{
		Article:  a,
		Summary:  summarize(doc),
		People:   people.list(),
		Quotes:   quotes,
		Upcoming: findEvents(doc),
	}
}

// document is an article split into paragraphs and sentences, shared by the
// extractors so that each one does not split the text again.
type document struct {
	article    Article
	paragraphs []paragraph
}

// paragraph is one body paragraph and its sentences as byte ranges of text.
type paragraph struct {
	text      string
	sentences []span
}

// span is a half-open byte range [start, end) of a paragraph's text.
type span struct{ start, end int }

func newDocument(a Article) *document {
	doc := &document{article: a, paragraphs: make([]paragraph, 0, len(a.Paragraphs))}
	for _, p := range a.Paragraphs {
		doc.paragraphs = append(doc.paragraphs, paragraph{text: p, sentences: splitSentences(p)})
	}
	return doc
}
