package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// Values are JSON of the storage-private records below, so the disk format
// evolves apart from the briefing types and `bbolt get` shows readable
// values. Each record carries V, the version of its own shape; a decoder
// refuses a version it does not know.

const recordVersion = 1

// articleRecord is an article with its briefing: schema 2 stored it as one
// JSON value under its ID; schema 3 stores its header (refRecord), content
// and quote and event records apart and loadArticle puts them together.
type articleRecord struct {
	V          int          `json:"v"`
	ID         string       `json:"id"`
	Seq        uint32       `json:"seq"`
	Title      string       `json:"title"`
	Published  time.Time    `json:"published"`
	Source     string       `json:"source"`
	URL        string       `json:"url"`
	Paragraphs []string     `json:"paragraphs"`
	Summary    []string     `json:"summary"`
	People     []personJSON `json:"people"`
	Quotes     []quoteJSON  `json:"quotes"`
	Upcoming   []eventJSON  `json:"upcoming"`
	Hash       string       `json:"hash"`
	StoredAt   time.Time    `json:"stored_at"`
	UpdatedAt  time.Time    `json:"updated_at"`
}

type personJSON struct {
	Key     string   `json:"key"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Org     bool     `json:"org,omitempty"`
}

type quoteJSON struct {
	Speaker    string `json:"speaker"`
	SpeakerKey string `json:"speaker_key"`
	Text       string `json:"text"`
	Partial    bool   `json:"partial,omitempty"`
	Paragraph  int    `json:"paragraph"`
}

type eventJSON struct {
	Date      string `json:"date"` // YYYY-MM-DD of the period's first day
	Precision string `json:"precision"`
	Evidence  string `json:"evidence"`
	What      string `json:"what"`
}

// refRecord is an article's header, stored under its sequence number in
// refs: what quote, event and title lists show, and what a write needs to
// recognise the article. The rest of the article is its content (bodies,
// content.go) and its quote and event records. Version 1 (schema 2 and
// before) had only the fields up to Published.
type refRecord struct {
	V         int       `json:"v"`
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Source    string    `json:"source"`
	URL       string    `json:"url"`
	Published time.Time `json:"published"`
	// Hash is the content hash that by_hash indexes (title and paragraphs).
	Hash string `json:"hash"`
	// Digest identifies the whole briefing (digestOf): equal digests mean
	// an unchanged re-ingest.
	Digest    string    `json:"digest"`
	StoredAt  time.Time `json:"stored_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

const refVersion = 2

// quoteRecord is one stored quote, keyed by article ID and position.
type quoteRecord struct {
	V       int    `json:"v"`
	Seq     uint32 `json:"seq"`
	Day     string `json:"day"` // the article's publication day, as in quotes_by_person
	Speaker string `json:"speaker"`
	// SpeakerKey is the key the analysis gave; Person is the registry's.
	SpeakerKey string `json:"speaker_key"`
	Text       string `json:"text"`
	Partial    bool   `json:"partial,omitempty"`
	Paragraph  int    `json:"paragraph"`
	// Person is the key of the registry person the quote is filed under,
	// empty for an unattributed quote.
	Person string `json:"person"`
	// Via is the folded surname through which a surname-only mention was
	// attributed to the one full-named person carrying it (see person.go).
	Via string `json:"via,omitempty"`
}

// eventRecord is one stored upcoming event, keyed by article ID and position.
type eventRecord struct {
	V         int    `json:"v"`
	Seq       uint32 `json:"seq"`
	Date      string `json:"date"`
	Precision string `json:"precision"`
	Evidence  string `json:"evidence"`
	What      string `json:"what"`
}

// personRecord is a person, organisation or office in the registry.
type personRecord struct {
	V    int    `json:"v"`
	Key  string `json:"key"`
	Name string `json:"name"`
	// Aliases are the display forms seen in articles, first seen first,
	// without the name itself.
	Aliases []string `json:"aliases"`
	Org     bool     `json:"org,omitempty"`
	// Placeholder marks a surname-only person: quotes from articles that
	// name only a surname that no single full-named person carries.
	Placeholder bool `json:"placeholder,omitempty"`
	// Quotes is the number of quotes filed under the person.
	Quotes int `json:"quotes"`
	// Kinds maps every folded form in the aliases index to its kind
	// (kindName, kindTail, kindAlias, kindOrg, kindPlaceholder or
	// kindVia+surname).
	Kinds map[string]string `json:"kinds"`
	// Words are the words indexed in people_words, with rank(Quotes).
	Words []string `json:"words"`
}

func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// decodeRecord decodes a record and checks its version.
func decodeRecord(data []byte, v any, version *int) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decode record: %v: %w", err, ErrCorrupt)
	}
	return checkVersion(*version)
}

// decodeFastRecord decodes a record with its fast decoder (jsondecode.go)
// and checks its version.
func decodeFastRecord(data []byte, v any, version *int, fast func(r *jsonReader) error) error {
	if err := fastThenJSON(data, v, fast); err != nil {
		return fmt.Errorf("decode record: %v: %w", err, ErrCorrupt)
	}
	return checkVersion(*version)
}

func checkVersion(v int) error {
	return checkVersionOf(v, recordVersion)
}

func checkVersionOf(v, want int) error {
	if v != want {
		return fmt.Errorf("record version %d, want %d: %w", v, want, ErrCorrupt)
	}
	return nil
}

// decodeArticleV1 reads a schema-2 article record, for the migration.
func decodeArticleV1(data []byte) (articleRecord, error) {
	var r articleRecord
	err := decodeFastRecord(data, &r, &r.V, r.decodeFast)
	return r, err
}

func decodeRef(data []byte) (refRecord, error) {
	var r refRecord
	if err := fastThenJSON(data, &r, r.decodeFast); err != nil {
		return r, fmt.Errorf("decode record: %v: %w", err, ErrCorrupt)
	}
	return r, checkVersionOf(r.V, refVersion)
}

func decodeQuote(data []byte) (quoteRecord, error) {
	var r quoteRecord
	err := decodeFastRecord(data, &r, &r.V, r.decodeFast)
	return r, err
}

func decodeEvent(data []byte) (eventRecord, error) {
	var r eventRecord
	err := decodeFastRecord(data, &r, &r.V, r.decodeFast)
	return r, err
}

func decodePerson(data []byte) (personRecord, error) {
	var r personRecord
	err := decodeRecord(data, &r, &r.V)
	return r, err
}

// toArticleRecord converts a validated, normalised briefing.
func toArticleRecord(b briefing.Briefing) articleRecord {
	a := b.Article
	r := articleRecord{
		V: recordVersion, ID: a.ID, Title: a.Title, Published: a.Published,
		Source: a.Source, URL: a.URL, Paragraphs: a.Paragraphs, Summary: b.Summary,
	}
	if b.People != nil {
		r.People = make([]personJSON, len(b.People))
		for i, p := range b.People {
			r.People[i] = personJSON{Key: p.Key, Name: p.Name, Aliases: p.Aliases, Org: p.Org}
		}
	}
	if b.Quotes != nil {
		r.Quotes = make([]quoteJSON, len(b.Quotes))
		for i, q := range b.Quotes {
			r.Quotes[i] = quoteJSON{Speaker: q.Speaker, SpeakerKey: q.SpeakerKey, Text: q.Text, Partial: q.Partial, Paragraph: q.Paragraph}
		}
	}
	if b.Upcoming != nil {
		r.Upcoming = make([]eventJSON, len(b.Upcoming))
		for i, e := range b.Upcoming {
			r.Upcoming[i] = eventJSON{Date: string(dayKey(e.Date.Start)), Precision: string(e.Date.Precision), Evidence: e.Evidence, What: e.What}
		}
	}
	return r
}

// briefing converts a record back to what was stored.
func (r articleRecord) briefing() (briefing.Briefing, error) {
	b := briefing.Briefing{
		Article: briefing.Article{
			ID: r.ID, Title: r.Title, Published: r.Published.UTC(), Source: r.Source,
			URL: r.URL, Paragraphs: r.Paragraphs,
		},
		Summary: r.Summary,
	}
	if r.Published.IsZero() {
		b.Article.Published = time.Time{}
	}
	if r.People != nil {
		b.People = make([]briefing.Person, len(r.People))
		for i, p := range r.People {
			b.People[i] = briefing.Person{Key: p.Key, Name: p.Name, Aliases: p.Aliases, Org: p.Org}
		}
	}
	if r.Quotes != nil {
		b.Quotes = make([]briefing.Quote, len(r.Quotes))
		for i, q := range r.Quotes {
			b.Quotes[i] = briefing.Quote{Speaker: q.Speaker, SpeakerKey: q.SpeakerKey, Text: q.Text, Partial: q.Partial, Paragraph: q.Paragraph}
		}
	}
	if r.Upcoming != nil {
		b.Upcoming = make([]briefing.Event, len(r.Upcoming))
		for i, e := range r.Upcoming {
			d, err := briefing.ParseDate(e.Date, briefing.Day)
			if err != nil {
				return briefing.Briefing{}, fmt.Errorf("article %s event %d: %v: %w", r.ID, i, err, ErrCorrupt)
			}
			b.Upcoming[i] = briefing.Event{Date: briefing.NewDate(d.Start, briefing.Precision(e.Precision)), Evidence: e.Evidence, What: e.What}
		}
	}
	return b, nil
}

// header returns the refs record of r.
func (r *articleRecord) header(digest string) refRecord {
	return refRecord{
		V: refVersion, ID: r.ID, Title: r.Title, Source: r.Source, URL: r.URL, Published: r.Published,
		Hash: r.Hash, Digest: digest, StoredAt: r.StoredAt, UpdatedAt: r.UpdatedAt,
	}
}

func (r refRecord) articleRef() briefing.ArticleRef {
	ref := briefing.ArticleRef{ID: r.ID, Title: r.Title, Source: r.Source, URL: r.URL, Published: r.Published.UTC()}
	if r.Published.IsZero() {
		ref.Published = time.Time{}
	}
	return ref
}

func (r eventRecord) event() (briefing.Event, error) {
	d, err := briefing.ParseDate(r.Date, briefing.Day)
	if err != nil {
		return briefing.Event{}, fmt.Errorf("%v: %w", err, ErrCorrupt)
	}
	return briefing.Event{Date: briefing.NewDate(d.Start, briefing.Precision(r.Precision)), Evidence: r.Evidence, What: r.What}, nil
}
