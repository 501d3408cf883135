package storage_test

import (
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/google/go-cmp/cmp"
)

func TestDB_EventsBetween(t *testing.T) {
	db, _ := newDB(t)
	a := article("calendar", "A busy spring", day(2021, 1, 15))
	a.Upcoming = []briefing.Event{
		event(day(2021, 2, 28), briefing.Day, "day before the window"),
		event(day(2021, 3, 1), briefing.Day, "first day of the window"),
		event(day(2021, 3, 14), briefing.Day, "last day of the window"),
		event(day(2021, 3, 15), briefing.Day, "day the window ends"),
		event(day(2021, 2, 24), briefing.Week, "week ending 28 February"),
		event(day(2021, 3, 3), briefing.Week, "week from Monday 1 March"), // normalised to its Monday
		event(day(2021, 3, 18), briefing.Week, "week from Monday 15 March"),
		event(day(2021, 2, 10), briefing.Week, "week in February"),
		event(day(2021, 3, 20), briefing.Month, "March summit"),
		event(day(2021, 2, 1), briefing.Month, "February talks"),
		event(day(2021, 4, 1), briefing.Month, "April talks"),
		event(day(2021, 7, 1), briefing.Year, "2021 election"),
		event(day(2020, 1, 1), briefing.Year, "2020 review"),
	}
	put(t, db, a)
	b := article("second", "Also in March", day(2021, 1, 20))
	b.Upcoming = []briefing.Event{event(day(2021, 3, 1), briefing.Day, "another first of March")}
	put(t, db, b)

	what := func(evs []briefing.ScheduledEvent) []string {
		var out []string
		for _, e := range evs {
			out = append(out, e.What)
		}
		return out
	}
	tests := []struct {
		name     string
		from, to time.Time
		limit    int
		want     []string
	}{
		{"a fortnight in March", day(2021, 3, 1), day(2021, 3, 15), 0, []string{
			"2021 election", "first day of the window", "another first of March",
			"week from Monday 1 March", "March summit", "last day of the window",
		}},
		{"limit", day(2021, 3, 1), day(2021, 3, 15), 3, []string{"2021 election", "first day of the window", "another first of March"}},
		{"one hour into a day", day(2021, 2, 28).Add(time.Hour), day(2021, 3, 1), 0, []string{
			"2021 election", "February talks", "week ending 28 February", "day before the window",
		}},
		{"empty window", day(2021, 3, 1), day(2021, 3, 1), 0, nil},
		{"reversed window", day(2021, 3, 15), day(2021, 3, 1), 0, nil},
		{"far future", day(9999, 1, 1), day(10000, 1, 1), 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.EventsBetween(t.Context(), tt.from, tt.to, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, what(got)); diff != "" {
				t.Errorf("EventsBetween mismatch (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		got, err := db.EventsBetween(t.Context(), day(2021, 3, 3), day(2021, 3, 4), 1)
		if err != nil {
			t.Fatal(err)
		}
		want := []briefing.ScheduledEvent{{
			Event:   briefing.Event{Date: briefing.Date{Start: day(2021, 1, 1), Precision: briefing.Year}, Evidence: "soon", What: "2021 election"},
			Article: briefing.ArticleRef{ID: "calendar", Title: "A busy spring", Source: "Test Wire", URL: "https://wire.example/calendar", Published: day(2021, 1, 15)},
		}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("EventsBetween mismatch (-want +got):\n%s", diff)
		}
	})
}
