package storage_test

import (
	"errors"
	"testing"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/google/go-cmp/cmp"
)

func searchFixture(t *testing.T) *storage.DB {
	t.Helper()
	db, _ := newDB(t)
	for _, a := range []briefing.Briefing{
		article("old", "Gas talks in Vienna", day(2019, 5, 1), "Ministers discussed gas supplies and Lavrov's proposal."),
		article("mid", "Šefčovič meets Lavrova", day(2020, 5, 1), "The commissioner met Maria Lavrova to discuss gas and grain."),
		article("new", "Grain corridor reopens", day(2021, 5, 1), "Lavrov said the grain corridor would reopen next week."),
		article("undated", "Embassy staffing row", day(2018, 1, 1), "Diplomats were expelled in a row over embassy staffing."),
	} {
		put(t, db, a)
	}
	return db
}

func TestDB_Search(t *testing.T) {
	db := searchFixture(t)
	ids := func(bs []briefing.Briefing) []string {
		var out []string
		for _, b := range bs {
			out = append(out, b.Article.ID)
		}
		return out
	}
	tests := []struct {
		query string
		limit int
		want  []string
	}{
		{"gas", 0, []string{"mid", "old"}},
		{"grain", 0, []string{"new", "mid"}},
		{"grain", 1, []string{"new"}},
		{"GAS grain", 0, []string{"mid"}},
		{"the gas and grain", 0, []string{"mid"}},
		{"lavrov", 0, []string{"new", "old"}}, // "Lavrov's" counts, "Lavrova" does not
		{"lavrova", 0, []string{"mid"}},
		{"sefcovic", 0, []string{"mid"}},
		{"Šefčovič", 0, []string{"mid"}},
		{"vienna grain", 0, nil},
		{"corridor week", 0, []string{"new"}},
		{"embassy", 0, []string{"undated"}},
		{"nowhere", 0, nil},
	}
	for _, tt := range tests {
		got, err := db.Search(t.Context(), tt.query, tt.limit)
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.query, err)
		}
		if diff := cmp.Diff(tt.want, ids(got)); diff != "" {
			t.Errorf("Search(%q) mismatch (-want +got):\n%s", tt.query, diff)
		}
	}
	for _, q := range []string{"", "the and of", "!!"} {
		if _, err := db.Search(t.Context(), q, 10); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("Search(%q) error = %v, want ErrInvalid", q, err)
		}
	}
}

func TestDB_Titles(t *testing.T) {
	db := searchFixture(t)
	ids := func(rs []briefing.ArticleRef) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	tests := []struct {
		prefix string
		limit  int
		want   []string
	}{
		{"", 0, []string{"new", "mid", "old", "undated"}},
		{"", 2, []string{"new", "mid"}},
		{"g", 0, []string{"new", "old"}},
		{"g", 1, []string{"new"}},
		{"gr", 0, []string{"new"}},
		{"lavrov", 0, []string{"mid"}},
		{"sef", 0, []string{"mid"}},
		{"gas talks v", 0, []string{"old"}},
		{"gas talks z", 0, nil},
		{"talks gas", 0, []string{"old"}},
		{"xyz", 0, nil},
	}
	for _, tt := range tests {
		got, err := db.Titles(t.Context(), tt.prefix, tt.limit)
		if err != nil {
			t.Fatalf("Titles(%q): %v", tt.prefix, err)
		}
		if diff := cmp.Diff(tt.want, ids(got)); diff != "" {
			t.Errorf("Titles(%q, %d) mismatch (-want +got):\n%s", tt.prefix, tt.limit, diff)
		}
	}
}
