package storage_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/google/go-cmp/cmp"
)

// orders returns every order of n items.
func orders(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, rest := range orders(n - 1) {
		for i := 0; i <= len(rest); i++ {
			o := append(append(append([]int{}, rest[:i]...), n-1), rest[i:]...)
			out = append(out, o)
		}
	}
	return out
}

func keys(ps []storage.PersonInfo) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Key)
	}
	return out
}

// borrellArticles name one man three ways: by surname only, by full name,
// and by role and full name.
func borrellArticles() []briefing.Briefing {
	a := article("surname-only", "Borrell warns of a long winter", day(2021, 1, 10))
	a.People = []briefing.Person{person("Borrell", "Mr. Borrell")}
	a.Quotes = []briefing.Quote{said("Borrell", "Winter will be long")}

	b := article("full-name", "Josep Borrell meets ministers", day(2021, 2, 10))
	b.People = []briefing.Person{person("Josep Borrell")}
	b.Quotes = []briefing.Quote{said("Josep Borrell", "The ministers agreed")}

	c := article("role-name", "EU foreign policy chief in Moscow", day(2021, 3, 10))
	c.People = []briefing.Person{person("EU foreign policy chief Josep Borrell", "the EU's top diplomat")}
	c.Quotes = []briefing.Quote{said("EU foreign policy chief Josep Borrell", "We are drifting apart")}
	return []briefing.Briefing{a, b, c}
}

func TestDB_ResolvePerson_mergesAcrossArticles(t *testing.T) {
	for _, order := range orders(3) {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			db, _ := newDB(t)
			arts := borrellArticles()
			for _, i := range order {
				put(t, db, arts[i])
			}
			for _, name := range []string{"Borrell", "borrell", "Josep Borrell", "JOSEP BORRELL", "Mr. Borrell",
				"EU foreign policy chief Josep Borrell", "josep-borrell", "the EU's top diplomat"} {
				got, err := db.ResolvePerson(t.Context(), name)
				if err != nil {
					t.Fatalf("ResolvePerson(%q): %v", name, err)
				}
				if diff := cmp.Diff([]string{"josep-borrell"}, keys(got)); diff != "" {
					t.Errorf("ResolvePerson(%q) mismatch (-want +got):\n%s", name, diff)
				}
			}
			p, err := db.ResolvePerson(t.Context(), "Borrell")
			if err != nil {
				t.Fatal(err)
			}
			if p[0].Name != "Josep Borrell" || p[0].Quotes != 3 || p[0].Placeholder {
				t.Errorf("person = %+v, want Josep Borrell with 3 quotes", p[0])
			}
			for _, alias := range []string{"Mr. Borrell", "EU foreign policy chief Josep Borrell", "the EU's top diplomat"} {
				if !slices.Contains(p[0].Aliases, alias) {
					t.Errorf("aliases %q lack %q", p[0].Aliases, alias)
				}
			}
			qs, total, err := db.QuotesBy(t.Context(), "Borrell", 0, 10)
			if err != nil || total != 3 || len(qs) != 3 {
				t.Fatalf("QuotesBy(Borrell) = %d, total %d, %v; want 3", len(qs), total, err)
			}
			// Newest article first, each with the canonical speaker.
			var texts []string
			for _, q := range qs {
				texts = append(texts, q.Text)
				if q.Speaker != "Josep Borrell" || q.SpeakerKey != "josep-borrell" {
					t.Errorf("quote %q speaker = %q (%s), want Josep Borrell", q.Text, q.Speaker, q.SpeakerKey)
				}
			}
			if diff := cmp.Diff([]string{"We are drifting apart", "The ministers agreed", "Winter will be long"}, texts); diff != "" {
				t.Errorf("QuotesBy order mismatch (-want +got):\n%s", diff)
			}
			closeAndCheck(t, db)
		})
	}
}

// kimArticles: two different Kims by full name, and an article that only
// says "Mr. Kim".
func kimArticles() []briefing.Briefing {
	a := article("sung-kim", "Sung Kim visits Seoul", day(2022, 1, 10))
	a.People = []briefing.Person{person("Sung Kim", "Kim")}
	a.Quotes = []briefing.Quote{said("Sung Kim", "Talks were useful")}

	b := article("andy-kim", "Andy Kim questions the envoy", day(2022, 2, 10))
	b.People = []briefing.Person{person("Andy Kim", "Kim", "Senator Andy Kim")}
	b.Quotes = []briefing.Quote{said("Andy Kim", "We need answers")}

	c := article("mr-kim", "Mr. Kim speaks on the north", day(2022, 3, 10))
	c.People = []briefing.Person{person("Mr. Kim")}
	c.Quotes = []briefing.Quote{said("Mr. Kim", "The door remains open")}
	return []briefing.Briefing{a, b, c}
}

func TestDB_ResolvePerson_keepsNamesakesApart(t *testing.T) {
	for _, order := range orders(3) {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			db, _ := newDB(t)
			arts := kimArticles()
			for _, i := range order {
				put(t, db, arts[i])
			}
			got, err := db.ResolvePerson(t.Context(), "Mr. Kim")
			if err != nil {
				t.Fatal(err)
			}
			// The placeholder named exactly "Kim" first, then by quotes and key.
			if diff := cmp.Diff([]string{"kim", "andy-kim", "sung-kim"}, keys(got)); diff != "" {
				t.Errorf("ResolvePerson(Mr. Kim) mismatch (-want +got):\n%s", diff)
			}
			for name, wantText := range map[string]string{
				"sung-kim": "Talks were useful", "andy-kim": "We need answers", "kim": "The door remains open",
			} {
				qs, total, err := db.QuotesBy(t.Context(), name, 0, 10)
				if err != nil || total != 1 || len(qs) != 1 || qs[0].Text != wantText {
					t.Errorf("QuotesBy(%s) = %+v, total %d, %v; want only %q", name, qs, total, err, wantText)
				}
			}
			// Asking for "Kim" merges all three, each with its speaker.
			qs, total, err := db.QuotesBy(t.Context(), "Kim", 0, 10)
			if err != nil || total != 3 || len(qs) != 3 {
				t.Errorf("QuotesBy(Kim) = %d, total %d, %v; want 3", len(qs), total, err)
			}
			closeAndCheck(t, db)
		})
	}
}

func TestDB_ResolvePerson_surnameGoesToTheOnlyCarrier(t *testing.T) {
	arts := kimArticles()
	for _, order := range [][]int{{0, 2}, {2, 0}} {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			db, _ := newDB(t)
			for _, i := range order {
				put(t, db, arts[i])
			}
			// While Sung Kim is the only Kim known, "Mr. Kim" is him.
			got, err := db.ResolvePerson(t.Context(), "Mr. Kim")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"sung-kim"}, keys(got)); diff != "" {
				t.Errorf("ResolvePerson(Mr. Kim) with one Kim mismatch (-want +got):\n%s", diff)
			}
			if got[0].Quotes != 2 || !slices.Contains(got[0].Aliases, "Mr. Kim") {
				t.Errorf("Sung Kim = %+v, want 2 quotes and the alias Mr. Kim", got[0])
			}
			// A second Kim takes the surname-only quote and alias back.
			put(t, db, arts[1])
			qs, total, err := db.QuotesBy(t.Context(), "sung-kim", 0, 10)
			if err != nil || total != 1 || len(qs) != 1 || qs[0].Text != "Talks were useful" {
				t.Errorf("QuotesBy(sung-kim) after Andy Kim = %+v, total %d, %v; want only his own", qs, total, err)
			}
			got, err = db.ResolvePerson(t.Context(), "sung-kim")
			if err != nil {
				t.Fatal(err)
			}
			if slices.Contains(got[0].Aliases, "Mr. Kim") {
				t.Errorf("Sung Kim keeps the alias Mr. Kim after a second Kim: %q", got[0].Aliases)
			}
			closeAndCheck(t, db)
		})
	}
}

func TestDB_ResolvePerson_boundaries(t *testing.T) {
	db, _ := newDB(t)
	a := article("lavrovs", "Two Lavrovs", day(2021, 1, 1))
	a.People = []briefing.Person{person("Sergei Lavrov", "Lavrov"), person("Maria Lavrova", "Lavrova"), org("Russian Foreign Ministry")}
	a.Quotes = []briefing.Quote{said("Sergei Lavrov", "No comment"), said("Maria Lavrova", "Later")}
	put(t, db, a)
	tests := []struct {
		name string
		want []string
	}{
		{"Lavrov", []string{"sergei-lavrov"}},
		{"Lavrova", []string{"maria-lavrova"}},
		{"Foreign Minister Sergei Lavrov", []string{"sergei-lavrov"}},
		{"russian foreign ministry", []string{"russian-foreign-ministry"}},
	}
	for _, tt := range tests {
		got, err := db.ResolvePerson(t.Context(), tt.name)
		if err != nil {
			t.Fatalf("ResolvePerson(%q): %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, keys(got)); diff != "" {
			t.Errorf("ResolvePerson(%q) mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	for _, name := range []string{"Lavro", "ministry", "Sergei"} {
		if _, err := db.ResolvePerson(t.Context(), name); !errors.Is(err, briefing.ErrNotFound) {
			t.Errorf("ResolvePerson(%q) error = %v, want ErrNotFound", name, err)
		}
	}
	if _, err := db.ResolvePerson(t.Context(), " ,. "); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("ResolvePerson(no letters) error = %v, want ErrInvalid", err)
	}
}

func TestDB_People(t *testing.T) {
	db, _ := newDB(t)
	a := article("people", "Ministers meet", day(2021, 1, 1))
	a.People = []briefing.Person{
		person("Sergei Lavrov", "Lavrov"), person("Maria Lavrova"), person("Josep Borrell", "EU foreign policy chief Josep Borrell"),
		person("Maroš Šefčovič"), org("Russian Foreign Ministry"),
	}
	for range 3 {
		a.Quotes = append(a.Quotes, said("Maria Lavrova", "Yes"))
	}
	a.Quotes = append(a.Quotes, said("Sergei Lavrov", "No"), said("Josep Borrell", "Perhaps"), said("Josep Borrell", "Maybe"))
	put(t, db, a)
	tests := []struct {
		prefix string
		limit  int
		want   []string
	}{
		{"", 0, []string{"maria-lavrova", "josep-borrell", "sergei-lavrov", "maros-sefcovic", "russian-foreign-ministry"}},
		{"", 2, []string{"maria-lavrova", "josep-borrell"}},
		{"lavrov", 0, []string{"maria-lavrova", "sergei-lavrov"}},
		{"lavrov", 1, []string{"maria-lavrova"}},
		{"s", 2, []string{"sergei-lavrov", "maros-sefcovic"}},
		{"LAVROVA", 0, []string{"maria-lavrova"}},
		{"sef", 0, []string{"maros-sefcovic"}},
		{"Šef", 0, []string{"maros-sefcovic"}},
		{"policy", 0, []string{"josep-borrell"}},
		{"sergei l", 0, []string{"sergei-lavrov"}},
		{"maria l", 0, []string{"maria-lavrova"}},
		{"russian f", 0, []string{"russian-foreign-ministry"}},
		{"x", 0, nil},
	}
	for _, tt := range tests {
		got, err := db.People(t.Context(), tt.prefix, tt.limit)
		if err != nil {
			t.Fatalf("People(%q): %v", tt.prefix, err)
		}
		if diff := cmp.Diff(tt.want, keys(got)); diff != "" {
			t.Errorf("People(%q, %d) mismatch (-want +got):\n%s", tt.prefix, tt.limit, diff)
		}
	}
}

func TestDB_SuggestPeople(t *testing.T) {
	db, _ := newDB(t)
	a := article("cast", "Ministers meet", day(2021, 1, 1))
	a.People = []briefing.Person{
		person("Josep Borrell"), person("Sergei Lavrov"), person("Antony Blinken"), person("Annalena Baerbock"),
		person("Boris Becker"), person("Wang Yi"),
	}
	a.Quotes = []briefing.Quote{said("Josep Borrell", "Yes"), said("Josep Borrell", "No")}
	put(t, db, a)
	tests := []struct {
		name string
		want string // first suggestion
	}{
		{"Borel", "josep-borrell"},
		{"Josef Borel", "josep-borrell"},
		{"Lavrof", "sergei-lavrov"},
		{"Blinkin", "antony-blinken"},
		{"Bearbock", "annalena-baerbock"},
		{"Lavorv", "sergei-lavrov"},
	}
	for _, tt := range tests {
		got, err := db.SuggestPeople(t.Context(), tt.name, 3)
		if err != nil {
			t.Fatalf("SuggestPeople(%q): %v", tt.name, err)
		}
		if len(got) == 0 || got[0].Key != tt.want {
			t.Errorf("SuggestPeople(%q) = %q, want %s first", tt.name, keys(got), tt.want)
		}
	}
	got, err := db.SuggestPeople(t.Context(), "Zzyzx", 3)
	if err != nil || len(got) != 0 {
		t.Errorf("SuggestPeople(Zzyzx) = %q, %v; want nothing", keys(got), err)
	}
	if _, err := db.SuggestPeople(t.Context(), "the", 3); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("SuggestPeople(the) error = %v, want ErrInvalid", err)
	}
}

func TestDB_ResolvePerson_surnameWithinArticle(t *testing.T) {
	db, _ := newDB(t)
	arts := kimArticles()
	put(t, db, arts[0]) // Sung Kim
	put(t, db, arts[1]) // Andy Kim
	// An article that names Sung Kim in full, and then a bare "Kim" the
	// analysis did not join to him: within the article, Kim is Sung Kim.
	a := article("sung-kim-again", "Sung Kim returns", day(2022, 4, 1))
	a.People = []briefing.Person{person("Sung Kim"), person("Kim")}
	a.Quotes = []briefing.Quote{said("Kim", "We will meet again")}
	put(t, db, a)
	qs, total, err := db.QuotesBy(t.Context(), "sung-kim", 0, 10)
	if err != nil || total != 2 || qs[0].Text != "We will meet again" {
		t.Errorf("QuotesBy(sung-kim) = %+v, total %d, %v; want the new quote first of 2", qs, total, err)
	}
	if _, _, err := db.QuotesBy(t.Context(), "kim", 0, 10); err != nil {
		// "kim" resolves to both Kims; no placeholder was needed.
		t.Errorf("QuotesBy(kim): %v", err)
	}
	closeAndCheck(t, db)
}
