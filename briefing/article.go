package briefing

import "time"

// Article is one news article as read from a file, a page or a feed, before
// analysis. Body text is plain: links, emphasis and markup are already gone.
type Article struct {
	// ID identifies the article in the store and names its output files.
	// Readers derive it from the input's file stem or URL; it may be empty
	// until the caller assigns one.
	ID    string
	Title string
	// Published is the publication date at midnight UTC. It is the zero time
	// when the article carries no date the reader could find.
	Published time.Time
	// Source is the outlet's name ("The Moscow Times"); it may be empty.
	Source string
	// URL is the canonical address of the article; it may be empty.
	URL string
	// Paragraphs holds the body, one plain-text paragraph per entry, without
	// captions, credits or "Related article" lines.
	Paragraphs []string
}

// Briefing is the analysis of one article: the article itself, its summary,
// the people it names, the quotations it attributes and its upcoming events.
type Briefing struct {
	Article  Article
	Summary  []string
	People   []Person
	Quotes   []Quote
	Upcoming []Event
}

// Person is a person, organisation or office that an article names.
type Person struct {
	// Key is the same for the same person in every article: PersonKey of the
	// canonical name.
	Key string
	// Name is the fullest form the article gives ("Josep Borrell",
	// "Russian Foreign Ministry").
	Name string
	// Aliases are the other ways the article refers to them: surname,
	// title and name, a role phrase that stands for them.
	Aliases []string
	// Org is true for organisations, offices and unnamed sources.
	Org bool
}

// Quote is one direct quotation and the speaker it is attributed to.
type Quote struct {
	// Speaker is the canonical name of the speaker, as in Person.Name.
	Speaker string
	// SpeakerKey is PersonKey(Speaker).
	SpeakerKey string
	// Text is the quoted span exactly as in the article, without its
	// quotation marks.
	Text string
	// Partial is true for a fragment quoted inside the reporter's own
	// sentence (Europe must "draw consequences").
	Partial bool
	// Paragraph is the index in Article.Paragraphs where the quote starts.
	Paragraph int
}

// Event is something the article places after its publication date.
type Event struct {
	Date Date
	// Evidence is the exact temporal phrase in the text ("on Feb. 22").
	Evidence string
	// What is a short description made from the event's clause.
	What string
}
