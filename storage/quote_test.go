package storage_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/google/go-cmp/cmp"
)

func TestDB_QuotesBy(t *testing.T) {
	db, _ := newDB(t)
	// Ten articles a month apart, each with three Lavrov quotes in reading
	// order and one from Lavrova, whose key Lavrov's is a prefix of.
	for i := range 10 {
		a := article(fmt.Sprintf("a%02d", i), fmt.Sprintf("Talks, round %d", i), day(2020, time.Month(1+i), 1))
		a.People = []briefing.Person{person("Sergei Lavrov"), person("Maria Lavrova")}
		for j := range 3 {
			a.Quotes = append(a.Quotes, said("Sergei Lavrov", fmt.Sprintf("%d.%d", i, j)))
		}
		a.Quotes = append(a.Quotes, said("Maria Lavrova", "hers"))
		put(t, db, a)
	}
	texts := func(qs []briefing.AttributedQuote) []string {
		var out []string
		for _, q := range qs {
			out = append(out, q.Text)
		}
		return out
	}
	tests := []struct {
		name          string
		offset, limit int
		want          []string
	}{
		{"first page", 0, 4, []string{"9.0", "9.1", "9.2", "8.0"}},
		{"second page", 4, 4, []string{"8.1", "8.2", "7.0", "7.1"}},
		{"last page", 28, 4, []string{"0.1", "0.2"}},
		{"past the end", 30, 4, nil},
		{"default limit", 0, 0, nil}, // checked by length below
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs, total, err := db.QuotesBy(t.Context(), "sergei-lavrov", tt.offset, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if total != 30 {
				t.Errorf("total = %d, want 30", total)
			}
			if tt.limit == 0 {
				if len(qs) != storage.DefaultLimit {
					t.Errorf("default page has %d quotes, want %d", len(qs), storage.DefaultLimit)
				}
				return
			}
			if diff := cmp.Diff(tt.want, texts(qs)); diff != "" {
				t.Errorf("QuotesBy(%d, %d) mismatch (-want +got):\n%s", tt.offset, tt.limit, diff)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		qs, _, err := db.QuotesBy(t.Context(), "Lavrov", 0, 1)
		if err != nil {
			t.Fatal(err)
		}
		want := []briefing.AttributedQuote{{
			Quote:   briefing.Quote{Speaker: "Sergei Lavrov", SpeakerKey: "sergei-lavrov", Text: "9.0"},
			Article: briefing.ArticleRef{ID: "a09", Title: "Talks, round 9", Source: "Test Wire", URL: "https://wire.example/a09", Published: day(2020, 10, 1)},
		}}
		if diff := cmp.Diff(want, qs); diff != "" {
			t.Errorf("QuotesBy mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, _, err := db.QuotesBy(t.Context(), "Lavro", 0, 10); !errors.Is(err, briefing.ErrNotFound) {
			t.Errorf("QuotesBy(unknown) error = %v, want ErrNotFound", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, off := range []int{-1, storage.MaxOffset + 1} {
			if _, _, err := db.QuotesBy(t.Context(), "Lavrov", off, 10); !errors.Is(err, storage.ErrInvalid) {
				t.Errorf("QuotesBy(offset %d) error = %v, want ErrInvalid", off, err)
			}
		}
	})
	t.Run("QuotesIn", func(t *testing.T) {
		qs, err := db.QuotesIn(t.Context(), []string{"a03", "missing", "a01"})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"3.0", "3.1", "3.2", "hers", "1.0", "1.1", "1.2", "hers"}
		if diff := cmp.Diff(want, texts(qs)); diff != "" {
			t.Errorf("QuotesIn mismatch (-want +got):\n%s", diff)
		}
		if qs[3].SpeakerKey != "maria-lavrova" {
			t.Errorf("QuotesIn quote 3 speaker key = %q, want maria-lavrova", qs[3].SpeakerKey)
		}
	})
}

func TestDB_QuotesBy_unattributed(t *testing.T) {
	db, _ := newDB(t)
	a := article("anon", "Sources speak", day(2021, 1, 1))
	a.Quotes = []briefing.Quote{{Text: "Nobody said this on the record"}}
	put(t, db, a)
	qs, err := db.QuotesIn(t.Context(), []string{"anon"})
	if err != nil || len(qs) != 1 || qs[0].SpeakerKey != "" {
		t.Errorf("QuotesIn(anon) = %+v, %v; want one quote without a person", qs, err)
	}
	closeAndCheck(t, db)
}
