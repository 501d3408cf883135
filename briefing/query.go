package briefing

import (
	"errors"
	"time"
)

// ErrNotFound is returned when no article, person, quote or event matches a
// query.
var ErrNotFound = errors.New("not found")

// ArticleRef names the article a stored quote or event comes from.
type ArticleRef struct {
	ID        string
	Title     string
	Source    string
	URL       string
	Published time.Time
}

// AttributedQuote is a stored quote with the article it comes from.
type AttributedQuote struct {
	Quote
	Article ArticleRef
}

// ScheduledEvent is a stored upcoming event with the article it comes from.
type ScheduledEvent struct {
	Event
	Article ArticleRef
}

// Ref returns the reference to a that stored quotes and events carry.
func (a Article) Ref() ArticleRef {
	return ArticleRef{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Published: a.Published}
}
