package storage_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/briefbot/briefbot/storage/storagetest"
)

// The fixtures below are written for these tests; no article text is
// copied from anywhere.

// openAt opens the store at path and closes it when the test ends.
func openAt(t testing.TB, path string, opts storage.Options) *storage.DB {
	t.Helper()
	db, err := storage.Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// newDB opens a fresh store and returns it with its path.
func newDB(t testing.TB) (*storage.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "briefbot.db")
	return openAt(t, path, storage.Options{}), path
}

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// article returns a briefing with a title, a date and a body.
func article(id, title string, published time.Time, paragraphs ...string) briefing.Briefing {
	if len(paragraphs) == 0 {
		paragraphs = []string{"Envoys met for a second day of talks on " + title + "."}
	}
	return briefing.Briefing{Article: briefing.Article{
		ID: id, Title: title, Published: published, Source: "Test Wire",
		URL: "https://wire.example/" + id, Paragraphs: paragraphs,
	}}
}

// person returns a named person as an article gives them.
func person(name string, aliases ...string) briefing.Person {
	return briefing.Person{Key: briefing.PersonKey(name), Name: name, Aliases: aliases}
}

func org(name string, aliases ...string) briefing.Person {
	p := person(name, aliases...)
	p.Org = true
	return p
}

// said returns a quote by speaker.
func said(speaker, text string) briefing.Quote {
	return briefing.Quote{Speaker: speaker, SpeakerKey: briefing.PersonKey(speaker), Text: text}
}

func event(start time.Time, p briefing.Precision, what string) briefing.Event {
	return briefing.Event{Date: briefing.NewDate(start, p), Evidence: "soon", What: what}
}

// put stores b and fails the test on error.
func put(t testing.TB, db *storage.DB, b briefing.Briefing) storage.PutResult {
	t.Helper()
	res, err := db.Put(t.Context(), b)
	if err != nil {
		t.Fatalf("Put(%s): %v", b.Article.ID, err)
	}
	return res
}

// closeAndCheck closes db and runs Check on its file.
func closeAndCheck(t testing.TB, db *storage.DB) {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := storage.Check(db.Path()); err != nil {
		t.Fatalf("Check after the test: %v", err)
	}
}

// fill stores n generated briefings with seed in batches.
func fill(t testing.TB, db *storage.DB, n int, seed int64) []briefing.Briefing {
	t.Helper()
	bs := storagetest.Generate(n, seed)
	for i := 0; i < len(bs); i += 200 {
		if _, err := db.PutBatch(t.Context(), bs[i:min(i+200, len(bs))]); err != nil {
			t.Fatalf("PutBatch: %v", err)
		}
	}
	return bs
}
