package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/briefbot/briefbot/storage/storagetest"
)

// testNow is the fixed "now" of the tests: the fixtures' upcoming events
// fall in the weeks after it.
var testNow = time.Date(2021, 2, 10, 9, 30, 0, 0, time.UTC)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func person(name string, org bool, aliases ...string) briefing.Person {
	return briefing.Person{Key: briefing.PersonKey(name), Name: name, Aliases: aliases, Org: org}
}

func quote(speaker, text string, partial bool) briefing.Quote {
	return briefing.Quote{Speaker: speaker, SpeakerKey: briefing.PersonKey(speaker), Text: text, Partial: partial}
}

// longQuotation is a made-up statement of about 3,000 characters: one
// quotation that fills most of a page of quotes on its own.
func longQuotation() string {
	s := "Let me be clear about what the commission proposes and why. "
	for i := 1; length(s) < 2950; i++ {
		s += fmt.Sprintf("Point %d of the plan asks each member state to report its progress every quarter, so that no partner is surprised at the next summit. ", i)
	}
	return strings.TrimSpace(s)
}

// fixtures are briefings written for these tests (not taken from any
// article): an envoy's visit with quotes from two officials, an article
// whose quotes hold @everyone, Markdown and a 3,000-character quotation,
// and a run of short articles that gives Josep Borrell enough quotes to
// need several pages.
func fixtures() []briefing.Briefing {
	borrell := person("Josep Borrell", false, "Borrell", "EU foreign policy chief Josep Borrell")
	lavrov := person("Sergei Lavrov", false, "Lavrov", "Russian Foreign Minister Sergei Lavrov")
	ministry := person("Russian Foreign Ministry", true, "the Foreign Ministry")
	out := []briefing.Briefing{
		{
			Article: briefing.Article{
				ID: "envoy-visit", Title: "EU envoy holds tense talks in Moscow as ties sour",
				Source: "The Example Times", URL: "https://news.example.org/2021/02/envoy-visit",
				Published:  day(2021, 2, 5),
				Paragraphs: []string{"The European Union's top diplomat met his Russian counterpart on Friday.", "Both sides described the meeting as frank."},
			},
			Summary: []string{
				"The EU's top diplomat travelled to Moscow for talks with Russia's foreign minister.",
				"The visit went ahead although several EU governments had urged him to stay away.",
				"The two men agreed to keep talking about a nuclear deal and about climate policy.",
				"Russia expelled three European diplomats while the talks were under way.",
			},
			People: []briefing.Person{borrell, lavrov, ministry},
			Quotes: []briefing.Quote{
				quote("Josep Borrell", "Our relationship is at a low point, and we must be honest about it", false),
				quote("Sergei Lavrov", "We are ready to talk, but not to be lectured", false),
				quote("Russian Foreign Ministry", "The diplomats took part in unlawful protests", false),
				quote("Josep Borrell", "draw conclusions", true),
			},
			Upcoming: []briefing.Event{
				{Date: briefing.NewDate(day(2021, 2, 22), briefing.Day), Evidence: "on Feb. 22", What: "Borrell reports to the EU's foreign ministers"},
				{Date: briefing.NewDate(day(2021, 3, 1), briefing.Month), Evidence: "in March", What: "EU leaders discuss relations with Moscow at their summit"},
			},
		},
		{
			Article: briefing.Article{
				ID: "tricky-quotes", Title: "Spokesman's *remarks* on the _new_ plan stir debate",
				Source: "Example Wire", URL: "https://wire.example.com/tricky",
				Published:  day(2021, 2, 8),
				Paragraphs: []string{"A spokesman gave a long statement."},
			},
			Summary: []string{
				"A commission spokesman set out a reporting plan for member states.",
				"Some officials objected to the plan's timetable.",
				"The plan is due to be discussed again next week.",
			},
			People: []briefing.Person{person("Ada Example", false, "Example"), person("Bo Tester", false, "Tester")},
			Quotes: []briefing.Quote{
				quote("Bo Tester", "@everyone should read **this** _now_ and see `code` and [a link](https://evil.example) <@123456> # heading", false),
				quote("Ada Example", longQuotation(), false),
			},
			Upcoming: []briefing.Event{
				{Date: briefing.NewDate(day(2021, 2, 15), briefing.Week), Evidence: "next week", What: "Ministers discuss the reporting plan"},
			},
		},
	}
	for i := range 12 {
		d := day(2021, 1, 20+i)
		out = append(out, briefing.Briefing{
			Article: briefing.Article{
				ID: fmt.Sprintf("daily-%02d", i), Title: fmt.Sprintf("Daily note %d on EU foreign policy", i+1),
				Source: "Example Daily", URL: fmt.Sprintf("https://daily.example.net/notes/%d", i+1),
				Published: d, Paragraphs: []string{fmt.Sprintf("Note number %d.", i+1)},
			},
			Summary: []string{fmt.Sprintf("Note %d reports the EU's position of the day.", i+1)},
			People:  []briefing.Person{borrell},
			Quotes:  []briefing.Quote{quote("Josep Borrell", fmt.Sprintf("Statement number %d: the Union speaks with one voice on this question", i+1), false)},
			Upcoming: []briefing.Event{
				{Date: briefing.NewDate(day(2021, 2, 11+i%5), briefing.Day), Evidence: "later", What: fmt.Sprintf("Meeting %d of the working group", i+1)},
				{Date: briefing.NewDate(day(2021, 2, 24+i%4), briefing.Day), Evidence: "by then", What: fmt.Sprintf("Deadline %d for comments on the draft", i+1)},
			},
		})
	}
	return out
}

// fixtureStore is a real store in a temp dir holding the fixtures.
func fixtureStore(t testing.TB) *storage.DB {
	t.Helper()
	db := storagetest.Open(t)
	if _, err := db.PutBatch(context.Background(), fixtures()); err != nil {
		t.Fatalf("store fixtures: %v", err)
	}
	return db
}

// testHandlers are the handlers over a store with the fixed clock.
func testHandlers(t testing.TB, s Store) *handlers {
	t.Helper()
	return newHandlers(Config{Store: s, Now: func() time.Time { return testNow }}, slog.New(slog.DiscardHandler))
}
