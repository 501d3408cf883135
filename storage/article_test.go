package storage_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/google/go-cmp/cmp"
)

// talks is a briefing with every part filled in.
func talks() briefing.Briefing {
	b := article("eu-envoy-moscow", "EU envoy presses Moscow on detained activist", day(2021, 2, 5),
		"The EU foreign policy chief Josep Borrell arrived in Moscow on Thursday for talks with Sergei Lavrov.",
		"Borrell said the two sides were drifting apart. \"We are in a difficult moment,\" he said.",
		"The Russian Foreign Ministry said in a statement that three diplomats were expelled.")
	b.Summary = []string{"Borrell visits Moscow.", "Three EU diplomats are expelled."}
	b.People = []briefing.Person{
		person("Josep Borrell", "Borrell", "EU foreign policy chief Josep Borrell"),
		person("Sergei Lavrov", "Lavrov", "Foreign Minister Sergei Lavrov"),
		org("Russian Foreign Ministry", "the ministry"),
	}
	b.Quotes = []briefing.Quote{
		{Speaker: "Josep Borrell", SpeakerKey: "josep-borrell", Text: "We are in a difficult moment", Paragraph: 1},
		{Speaker: "Josep Borrell", SpeakerKey: "josep-borrell", Text: "draw consequences", Partial: true, Paragraph: 1},
		{Speaker: "Russian Foreign Ministry", SpeakerKey: "russian-foreign-ministry", Text: "The diplomats took part in unlawful protests", Paragraph: 2},
	}
	b.Upcoming = []briefing.Event{
		{Date: briefing.NewDate(day(2021, 2, 22), briefing.Day), Evidence: "on Feb. 22", What: "Borrell debriefs EU foreign ministers"},
		{Date: briefing.NewDate(day(2021, 3, 1), briefing.Month), Evidence: "in March", What: "EU leaders discuss ties with Moscow"},
	}
	return b
}

func TestDB_Put(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db, _ := newDB(t)
		want := talks()
		res := put(t, db, want)
		if diff := cmp.Diff(storage.PutResult{ID: "eu-envoy-moscow", Created: true}, res); diff != "" {
			t.Errorf("Put result mismatch (-want +got):\n%s", diff)
		}
		got, err := db.Briefing(t.Context(), "eu-envoy-moscow")
		if err != nil {
			t.Fatalf("Briefing: %v", err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Briefing round trip mismatch (-want +got):\n%s", diff)
		}
		closeAndCheck(t, db)
	})

	t.Run("Upsert", func(t *testing.T) {
		db, _ := newDB(t)
		first := talks()
		put(t, db, first)

		// The same article comes back from a feed: another ID, the same
		// URL with tracking parameters, an edited body and one more quote.
		again := talks()
		again.Article.ID = ""
		again.Article.URL = "HTTP://Wire.Example/eu-envoy-moscow/?utm_source=feed#top"
		again.Article.Paragraphs = append(again.Article.Paragraphs, "Lavrov said Moscow was ready to talk.")
		again.Quotes = append(again.Quotes, briefing.Quote{Speaker: "Sergei Lavrov", SpeakerKey: "sergei-lavrov", Text: "We are ready to talk", Paragraph: 3})
		res := put(t, db, again)
		if diff := cmp.Diff(storage.PutResult{ID: "eu-envoy-moscow", Changed: true}, res); diff != "" {
			t.Errorf("re-ingest result mismatch (-want +got):\n%s", diff)
		}
		// Twice more, unchanged: nothing to do.
		for range 2 {
			if res := put(t, db, again); res.Created || res.Changed {
				t.Errorf("unchanged re-ingest = %+v, want neither created nor changed", res)
			}
		}
		st, err := db.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if st.Articles != 1 || st.Quotes != 4 || st.Events != 2 {
			t.Errorf("Stats = %d articles, %d quotes, %d events; want 1, 4, 2", st.Articles, st.Quotes, st.Events)
		}
		qs, total, err := db.QuotesBy(t.Context(), "Borrell", 0, 10)
		if err != nil || total != 2 || len(qs) != 2 {
			t.Errorf("QuotesBy(Borrell) = %d quotes, total %d, %v; want 2, 2", len(qs), total, err)
		}
		evs, err := db.EventsBetween(t.Context(), day(2021, 2, 1), day(2021, 4, 1), 10)
		if err != nil || len(evs) != 2 {
			t.Errorf("EventsBetween = %d events, %v; want 2", len(evs), err)
		}

		// The same text under another URL is the same article too.
		mirror := talks()
		mirror.Article.ID, mirror.Article.URL = "mirror", "https://mirror.example/copy"
		mirror.Article.Paragraphs = again.Article.Paragraphs
		if res := put(t, db, mirror); res.ID != "eu-envoy-moscow" || res.Created {
			t.Errorf("same content under another URL = %+v, want the existing article", res)
		}
		closeAndCheck(t, db)
	})

	t.Run("DerivedID", func(t *testing.T) {
		db, _ := newDB(t)
		a := article("", "Ceasefire talks resume", day(2022, 5, 1))
		a.Article.URL = "https://wire.example/ceasefire"
		b := article("", "No link for this one", day(2022, 5, 2))
		b.Article.URL = ""
		ra, rb := put(t, db, a), put(t, db, b)
		if !strings.HasPrefix(ra.ID, "u") || !strings.HasPrefix(rb.ID, "c") || ra.ID == rb.ID {
			t.Errorf("derived IDs = %q, %q; want one from the URL (u...) and one from the content (c...)", ra.ID, rb.ID)
		}
		if res := put(t, db, a); res.ID != ra.ID || res.Created {
			t.Errorf("second Put of an article without ID = %+v, want the first ID %q", res, ra.ID)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db, _ := newDB(t)
		_, err := db.Briefing(t.Context(), "no-such-article")
		if !errors.Is(err, briefing.ErrNotFound) || !strings.Contains(err.Error(), "no-such-article") {
			t.Errorf("Briefing(missing) error = %v, want ErrNotFound naming the ID", err)
		}
	})
}

func TestDB_Put_invalid(t *testing.T) {
	many := func(n int) []briefing.Quote {
		qs := make([]briefing.Quote, n)
		for i := range qs {
			qs[i] = said("Josep Borrell", "words")
		}
		return qs
	}
	tests := []struct {
		name  string
		edit  func(b *briefing.Briefing)
		inErr string
	}{
		{"too many quotes", func(b *briefing.Briefing) { b.Quotes = many(storage.MaxQuotes + 1) }, "10001 quotes"},
		{"ID with a NUL", func(b *briefing.Briefing) { b.Article.ID = "a\x00b" }, "control character"},
		{"ID longer than a key may be", func(b *briefing.Briefing) { b.Article.ID = strings.Repeat("x", 40000) }, "more than 512"},
		{"name longer than a key may be", func(b *briefing.Briefing) { b.People = []briefing.Person{person(strings.Repeat("Borrell ", 5000))} }, "person 0 name"},
		{"text not UTF-8", func(b *briefing.Briefing) { b.Article.Title = "caf\xe9" }, "not valid UTF-8"},
		{"event without precision", func(b *briefing.Briefing) {
			b.Upcoming = []briefing.Event{{Date: briefing.Date{Start: day(2021, 3, 1)}, What: "summit"}}
		}, "precision"},
		{"event without date", func(b *briefing.Briefing) {
			b.Upcoming = []briefing.Event{{Date: briefing.Date{Precision: briefing.Day}, What: "summit"}}
		}, "no date"},
		{"quote without text", func(b *briefing.Briefing) { b.Quotes = []briefing.Quote{said("Josep Borrell", "  ")} }, "no text"},
		{"nothing to store", func(b *briefing.Briefing) { b.Article.Title, b.Article.Paragraphs = "", nil }, "no title and no body"},
		{"year beyond keys", func(b *briefing.Briefing) { b.Article.Published = day(12021, 1, 1) }, "year 12021"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := newDB(t)
			b := talks()
			tt.edit(&b)
			_, err := db.Put(t.Context(), b)
			if !errors.Is(err, storage.ErrInvalid) || !strings.Contains(err.Error(), tt.inErr) {
				t.Fatalf("Put error = %v, want ErrInvalid saying %q", err, tt.inErr)
			}
			if _, err := db.PutBatch(t.Context(), []briefing.Briefing{talks(), b}); !errors.Is(err, storage.ErrInvalid) {
				t.Fatalf("PutBatch error = %v, want ErrInvalid", err)
			}
			st, err := db.Stats(t.Context())
			if err != nil || st.Articles != 0 || st.People != 0 {
				t.Errorf("after refusals Stats = %+v, %v; want nothing stored", st, err)
			}
		})
	}
}

func TestDB_Latest(t *testing.T) {
	db, _ := newDB(t)
	for _, a := range []briefing.Briefing{
		article("a", "Spring talks", day(2021, 3, 1)),
		article("b", "Summer talks", day(2021, 6, 1)),
		article("c", "Undated note", time.Time{}),
		article("d", "Autumn talks", day(2021, 9, 1)),
	} {
		put(t, db, a)
	}
	ids := func(bs []briefing.Briefing) []string {
		var out []string
		for _, b := range bs {
			out = append(out, b.Article.ID)
		}
		return out
	}
	tests := []struct {
		name string
		get  func() ([]briefing.Briefing, error)
		want []string
	}{
		{"latest", func() ([]briefing.Briefing, error) { return db.Latest(t.Context(), 0) }, []string{"d", "b", "a", "c"}},
		{"latest limit", func() ([]briefing.Briefing, error) { return db.Latest(t.Context(), 2) }, []string{"d", "b"}},
		{"from inclusive, to exclusive", func() ([]briefing.Briefing, error) {
			return db.PublishedBetween(t.Context(), day(2021, 3, 1), day(2021, 9, 1), 10)
		}, []string{"b", "a"}},
		{"from inside a day excludes it", func() ([]briefing.Briefing, error) {
			return db.PublishedBetween(t.Context(), day(2021, 3, 1).Add(time.Hour), day(2021, 9, 2), 10)
		}, []string{"d", "b"}},
		{"empty window", func() ([]briefing.Briefing, error) {
			return db.PublishedBetween(t.Context(), day(2021, 4, 1), day(2021, 5, 1), 10)
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.get()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, ids(got)); diff != "" {
				t.Errorf("IDs mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDB_StoredSince(t *testing.T) {
	clock := day(2024, 1, 1)
	path := t.TempDir() + "/db"
	db := openAt(t, path, storage.Options{Now: func() time.Time { return clock }})
	for i, id := range []string{"first", "second", "third"} {
		clock = day(2024, 1, 1).Add(time.Duration(i) * time.Hour)
		put(t, db, article(id, "Talks "+id, day(2020, 1, 1+i)))
	}
	// An update keeps the first stored time.
	clock = day(2024, 2, 1)
	changed := article("first", "Talks first, updated", day(2020, 1, 1))
	if res := put(t, db, changed); !res.Changed {
		t.Fatalf("update = %+v, want changed", res)
	}
	got, err := db.StoredSince(t.Context(), day(2024, 1, 1).Add(time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, b := range got {
		ids = append(ids, b.Article.ID)
	}
	if diff := cmp.Diff([]string{"second", "third"}, ids); diff != "" {
		t.Errorf("StoredSince mismatch (-want +got):\n%s", diff)
	}
}
