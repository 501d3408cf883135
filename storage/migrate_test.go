package storage_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/briefbot/briefbot/storage/storagetest"
	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
)

// testdata/v2.db is a store written by the schema-2 briefbot (commit
// "storage: a schema-2 store and what it answers, for migration tests") from
// v2Fixture's briefings, and testdata/v2.golden.json is what that briefbot
// answered to v2Snapshot's queries on it. A newer briefbot must migrate the
// file and answer the same. To remake both, check out that commit and run
//
//	BRIEFBOT_MAKE_V2=1 go test ./storage -run TestMakeV2Fixture
//
// The briefings are generated or written for this test; none is copied
// from an article.
const (
	v2File   = "testdata/v2.db"
	v2Golden = "testdata/v2.golden.json"
)

// v2Clock is the stored-at time of the fixture: one minute per write.
func v2Clock() func() time.Time {
	t := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Minute)
		return t
	}
}

// v2Fixture writes the fixture to db: generated articles in two batches,
// surname-only mentions that are merged into a person (and, for "Kim",
// moved back to a placeholder when a second Kim appears), and updates.
func v2Fixture(ctx context.Context, db *storage.DB) error {
	bs := storagetest.Generate(24, 2024)
	if _, err := db.PutBatch(ctx, bs[:15]); err != nil {
		return err
	}
	if _, err := db.PutBatch(ctx, bs[15:]); err != nil {
		return err
	}
	kim := func(id, title, speaker string, day int, people ...briefing.Person) briefing.Briefing {
		b := briefing.Briefing{
			Article: briefing.Article{
				ID: id, Title: title, Published: time.Date(2023, 5, day, 0, 0, 0, 0, time.UTC),
				Source: "Fixture Wire", URL: "https://fixture.example/" + id,
				Paragraphs: []string{
					"Negotiators from both delegations met in a harbour town to discuss " + title + ".",
					"\"We will return with an answer next month,\" " + speaker + " said after the session.",
				},
			},
			Summary: []string{"Negotiators met to discuss " + title + "."},
			People:  people,
			Quotes: []briefing.Quote{{
				Speaker: people[0].Name, SpeakerKey: people[0].Key,
				Text: "We will return with an answer next month", Paragraph: 1,
			}},
			Upcoming: []briefing.Event{{
				Date:     briefing.NewDate(time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC), briefing.Month),
				Evidence: "next month", What: "delegations return with an answer",
			}},
		}
		return b
	}
	p := func(name string, aliases ...string) briefing.Person {
		return briefing.Person{Key: briefing.PersonKey(name), Name: name, Aliases: aliases}
	}
	writes := []briefing.Briefing{
		kim("kim-1", "fishing quotas", "Mr. Kim", 3, p("Mr. Kim", "Kim")),
		kim("kim-2", "ferry routes", "Sung Kim", 4, p("Sung Kim", "Kim", "Mr. Kim")),
		kim("kim-3", "port fees", "Mr. Kim", 5, p("Mr. Kim", "Kim")),
		kim("kim-4", "customs posts", "Andy Kim", 6, p("Andy Kim", "Kim")),
		kim("lav-1", "grain corridors", "Mr. Lavrenko", 7, p("Mr. Lavrenko", "Lavrenko")),
		kim("lav-2", "rail links", "Pavel Lavrenko", 8, p("Pavel Lavrenko", "Lavrenko")),
	}
	for _, b := range writes {
		if _, err := db.Put(ctx, b); err != nil {
			return err
		}
	}
	// Updates: new text and quotes for a generated article, the same
	// article again unchanged, and a new date for a hand-written one.
	up := bs[3]
	up.Article.Paragraphs = append(slices.Clone(up.Article.Paragraphs), "The talks were extended by a day.")
	up.Quotes = up.Quotes[:1]
	up.Upcoming = nil
	if _, err := db.Put(ctx, up); err != nil {
		return err
	}
	if _, err := db.Put(ctx, up); err != nil {
		return err
	}
	moved := writes[1]
	moved.Article.Published = time.Date(2023, 5, 9, 0, 0, 0, 0, time.UTC)
	_, err := db.Put(ctx, moved)
	return err
}

// v2Answers is what v2Snapshot records.
type v2Answers struct {
	Stats       storage.Stats
	Briefings   []briefing.Briefing
	Latest      []string
	StoredSince []string
	People      []storage.PersonInfo
	Quotes      map[string][]briefing.AttributedQuote
	Resolved    map[string][]storage.PersonInfo
	Events      []briefing.ScheduledEvent
	Search      map[string][]string
	Titles      map[string][]briefing.ArticleRef
}

// v2Snapshot asks db the questions whose answers a migration must keep.
func v2Snapshot(ctx context.Context, db *storage.DB) (v2Answers, error) {
	var a v2Answers
	var err error
	if a.Stats, err = db.Stats(ctx); err != nil {
		return a, err
	}
	a.Stats.FileBytes, a.Stats.SchemaVersion = 0, 0
	ids := func(bs []briefing.Briefing) []string {
		var out []string
		for _, b := range bs {
			out = append(out, b.Article.ID)
		}
		return out
	}
	latest, err := db.Latest(ctx, storage.MaxLimit)
	if err != nil {
		return a, err
	}
	a.Latest = ids(latest)
	for _, id := range slices.Sorted(slices.Values(a.Latest)) {
		b, err := db.Briefing(ctx, id)
		if err != nil {
			return a, err
		}
		a.Briefings = append(a.Briefings, b)
	}
	stored, err := db.StoredSince(ctx, time.Time{}, storage.MaxLimit)
	if err != nil {
		return a, err
	}
	a.StoredSince = ids(stored)
	if a.People, err = db.People(ctx, "", storage.MaxLimit); err != nil {
		return a, err
	}
	a.Quotes = map[string][]briefing.AttributedQuote{}
	for _, p := range a.People {
		qs, _, err := db.QuotesBy(ctx, p.Key, 0, storage.MaxLimit)
		if err != nil {
			return a, fmt.Errorf("quotes by %s: %w", p.Key, err)
		}
		a.Quotes[p.Key] = qs
	}
	a.Resolved = map[string][]storage.PersonInfo{}
	for _, name := range []string{"Kim", "Mr. Kim", "Sung Kim", a.People[0].Name} {
		if a.Resolved[name], err = db.ResolvePerson(ctx, name); err != nil {
			return a, fmt.Errorf("resolve %s: %w", name, err)
		}
	}
	from, to := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
	if a.Events, err = db.EventsBetween(ctx, from, to, storage.MaxLimit); err != nil {
		return a, err
	}
	a.Search = map[string][]string{}
	for _, q := range []string{"sanctions", "government talks", "harbour", "extended"} {
		bs, err := db.Search(ctx, q, storage.MaxLimit)
		if err != nil {
			return a, fmt.Errorf("search %q: %w", q, err)
		}
		a.Search[q] = ids(bs)
	}
	a.Titles = map[string][]briefing.ArticleRef{}
	for _, prefix := range []string{"", "s", "ferry", "summit on"} {
		if a.Titles[prefix], err = db.Titles(ctx, prefix, storage.MaxLimit); err != nil {
			return a, err
		}
	}
	return a, nil
}

// TestMakeV2Fixture remakes testdata/v2.db and its golden answers; it runs
// only with BRIEFBOT_MAKE_V2 set, at the commit that wrote schema 2.
func TestMakeV2Fixture(t *testing.T) {
	if os.Getenv("BRIEFBOT_MAKE_V2") == "" {
		t.Skip("set BRIEFBOT_MAKE_V2=1 to remake " + v2File)
	}
	if storage.SchemaVersion != 2 {
		t.Fatalf("this build writes schema %d; remake the fixture at the commit that wrote schema 2", storage.SchemaVersion)
	}
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "v2.db")
	db, err := storage.Open(path, storage.Options{Now: v2Clock()})
	if err != nil {
		t.Fatal(err)
	}
	if err := v2Fixture(ctx, db); err != nil {
		t.Fatal(err)
	}
	answers, err := v2Snapshot(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := storage.Check(path); err != nil {
		t.Fatal(err)
	}
	data, err := json.MarshalIndent(answers, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(v2Golden, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	// A compact copy: the same pages without the free space.
	src, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	_ = os.Remove(v2File)
	dst, err := bolt.Open(v2File, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bolt.Compact(dst, src, 0); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	if err := storage.Check(v2File); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestOpen_migratesVersion2 opens a copy of a store written by the
// schema-2 briefbot: Open migrates it in place, the file passes Check, every
// query answers what the schema-2 briefbot answered, and the store takes
// new writes and updates.
func TestOpen_migratesVersion2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	copyFile(t, v2File, path)
	if err := storage.Check(path); storage.SchemaVersion > 2 && err == nil {
		t.Fatalf("Check(schema 2 file) = nil, want ErrOlderSchema")
	}
	db := openAt(t, path, storage.Options{Now: func() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) }})
	got, err := v2Snapshot(t.Context(), db)
	if err != nil {
		t.Fatalf("queries after migration: %v", err)
	}
	data, err := os.ReadFile(v2Golden)
	if err != nil {
		t.Fatal(err)
	}
	var want v2Answers
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	// Compare as JSON, as the golden file was written.
	gotJSON, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.MarshalIndent(want, "", "  ")
	if diff := cmp.Diff(strings.Split(string(wantJSON), "\n"), strings.Split(string(gotJSON), "\n")); diff != "" {
		t.Errorf("answers after migration differ from the schema-2 briefbot's (-want +got):\n%s", diff)
	}
	st, err := db.Stats(t.Context())
	if err != nil || st.SchemaVersion != storage.SchemaVersion {
		t.Errorf("Stats after migration = %+v, %v; want schema %d", st, err, storage.SchemaVersion)
	}

	// The migrated store takes an update of a migrated article and a new one.
	b := got.Briefings[0]
	b.Article.Paragraphs = append(slices.Clone(b.Article.Paragraphs), "A paragraph added after the migration mentions zanzibar.")
	if res := put(t, db, b); !res.Changed || res.ID != b.Article.ID {
		t.Errorf("update after migration = %+v, want Changed for %s", res, b.Article.ID)
	}
	found, err := db.Search(t.Context(), "zanzibar", 10)
	if err != nil || len(found) != 1 || found[0].Article.ID != b.Article.ID {
		t.Errorf("Search(zanzibar) after an update of a migrated article = %d results, %v", len(found), err)
	}
	put(t, db, storagetest.Generate(1, 99)[0])
	closeAndCheck(t, db)
}
