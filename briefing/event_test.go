package briefing

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var updateEvents = flag.Bool("update-events", false, "rewrite the golden files in testdata/events")

// eventsIn runs the event finder on paragraphs published on day pub
// (YYYY-MM-DD) and returns "date/precision" for each event.
func eventsIn(t testing.TB, pub string, paragraphs ...string) []Event {
	t.Helper()
	day, err := time.Parse("2006-01-02", pub)
	if err != nil {
		t.Fatalf("bad publication date %q: %v", pub, err)
	}
	return findEvents(newDocument(Article{Published: day, Paragraphs: paragraphs}))
}

func dateKeys(events []Event) []string {
	keys := []string{}
	for _, e := range events {
		keys = append(keys, e.Date.String()+"/"+string(e.Date.Precision))
	}
	return keys
}

func TestFindEvents(t *testing.T) {
	for _, tc := range []struct {
		name string
		pub  string // publication date; its weekday is in the comment
		text []string
		want []string
		// evidence, when set, is the phrase expected for the first event.
		evidence string
	}{
		// Absolute dates.
		{"month day", "2021-02-08", []string{"Ministers will meet on Feb. 22 to review the sanctions."}, []string{"2021-02-22/day"}, "on Feb. 22"},
		{"month day year", "2026-11-30", []string{"The accord will be signed on March 3, 2027, in Geneva."}, []string{"2027-03-03/day"}, "on March 3, 2027"},
		{"day month", "2024-01-10", []string{"Voters go to the polls on 22 February."}, []string{"2024-02-22/day"}, "on 22 February"},
		{"ordinal day", "2023-12-04", []string{"The leaders are due to meet on December 7th."}, []string{"2023-12-07/day"}, "on December 7th"},
		{"two days share a month", "2023-04-20", []string{"The ministers will gather in the port city on 4 and 5 May."}, []string{"2023-05-04/day"}, "on 4 and 5 May"},
		{"ISO date", "2024-05-01", []string{"The tariffs lapse on 2024-07-01 unless renewed."}, []string{"2024-07-01/day"}, ""},
		{"weekday and date", "2024-02-01", []string{"The envoy arrives on Tuesday, Feb. 20."}, []string{"2024-02-20/day"}, "on Tuesday, Feb. 20"},

		// The year of a date given without one.
		{"next January", "2025-12-20", []string{"The council will next meet on Jan. 12."}, []string{"2026-01-12/day"}, ""},
		{"a date days ahead is this year", "2023-12-04", []string{"The summit in Beijing on December 7 is the first in four years."}, []string{"2023-12-07/day"}, ""},
		{"leap day", "2024-01-15", []string{"The mandate ends on Feb. 29."}, []string{"2024-02-29/day"}, ""},
		{"leap day in the next leap year", "2023-03-01", []string{"The panel will report on Feb. 29."}, []string{"2024-02-29/day"}, ""},
		{"no Feb. 29 in 2025", "2025-01-10", []string{"The vote will be held on Feb. 29, 2025."}, nil, ""},
		{"no April 31", "2025-01-10", []string{"The vote will be held on April 31."}, nil, ""},
		{"limit after a past verb", "1989-10-30", []string{"The offer was extended to Nov. 16."}, []string{"1989-11-16/day"}, ""},
		{"infinitive after a past verb", "2000-01-07", []string{"He subpoenaed the boy to testify on Feb. 10."}, []string{"2000-02-10/day"}, ""},

		// Months.
		{"month", "2021-02-08", []string{"EU leaders will discuss the matter at a summit in March."}, []string{"2021-03/month"}, "in March"},
		{"month and year", "2021-01-05", []string{"A review is planned for March 2021."}, []string{"2021-03/month"}, ""},
		{"January in November", "2024-11-12", []string{"The new envoy will take up her post in January."}, []string{"2025-01/month"}, ""},
		{"met in January, in February", "2024-02-12", []string{"The two ministers met in January in Oslo."}, nil, ""},
		{"past January, in November", "2024-11-12", []string{"The envoy travelled to Kyiv in January."}, nil, ""},
		{"this month's planned meeting", "2025-12-15", []string{"France asked the bloc to delay the planned December meeting."}, []string{"2025-12/month"}, ""},
		{"March of next year", "2016-09-18", []string{"Leaders agreed to draft a reform plan by March of next year."}, []string{"2017-03/month"}, ""},
		{"every October is a habit", "2024-05-01", []string{"The forum meets every October."}, nil, ""},

		// Years.
		{"this year ahead", "2023-04-20", []string{"India is scheduled to host the summit this year."}, []string{"2023/year"}, "this year"},
		{"this year past", "2023-09-09", []string{"This year was the most difficult for the group."}, nil, ""},
		{"this year's as a name", "2016-10-26", []string{"The consultant is not working on this year's campaign."}, nil, ""},
		{"a progressive this week", "2024-06-04", []string{"The envoy is travelling to the region this week."}, []string{"2024-06-03/week"}, ""},
		{"explicit year", "2025-06-01", []string{"Elections will be held in 2027."}, []string{"2027/year"}, "in 2027"},
		{"next year", "2025-06-01", []string{"The talks will resume next year."}, []string{"2026/year"}, ""},
		{"later this year", "2026-03-11", []string{"The date could slip to later this year."}, []string{"2026/year"}, ""},
		{"a future year in a past clause", "2023-09-08", []string{"Indonesia passed the chairmanship for 2024 over to Laos."}, []string{"2024/year"}, ""},

		// Weekdays. 2025-07-05 is a Saturday, 2017-02-07 a Tuesday,
		// 2022-03-18 a Friday, 2024-06-03 a Monday.
		{"weekday ahead", "2025-07-05", []string{"The delegation is set to fly to Doha on Sunday."}, []string{"2025-07-06/day"}, "on Sunday"},
		{"weekday said", "2025-07-05", []string{"The ministry said in a statement on Friday that talks had stalled."}, nil, ""},
		{"fronted past weekday", "2025-07-05", []string{"On Friday, the group said it had answered the proposal."}, nil, ""},
		{"agreed on a weekday", "2026-03-11", []string{"The states agreed on Tuesday to a timetable for the talks."}, nil, ""},
		{"next Monday from Tuesday", "2017-02-07", []string{"He will return home next Monday."}, []string{"2017-02-13/day"}, "next Monday"},
		{"next Thursday from Friday", "2022-03-18", []string{"The leaders will gather next Thursday."}, []string{"2022-03-24/day"}, ""},
		// "next Friday" said on a Monday is the Friday of next week.
		{"next Friday from Monday", "2024-06-03", []string{"The report will be published next Friday."}, []string{"2024-06-14/day"}, ""},
		{"each Thursday is a habit", "2024-06-03", []string{"Flights will leave each Thursday."}, nil, ""},
		{"as soon as", "2000-04-03", []string{"The group might come as soon as Tuesday."}, []string{"2000-04-04/day"}, "as soon as Tuesday"},
		// 2016-09-23 is a Friday, 2016-09-28 a Wednesday, 1998-10-26 a
		// Monday, 2024-06-05 a Wednesday.
		{"present simple announces", "2016-09-23", []string{"The two candidates meet for their first debate Monday."}, []string{"2016-09-26/day"}, ""},
		{"contracted will", "2016-09-28", []string{"She'll present her plan in a speech Friday."}, []string{"2016-09-30/day"}, ""},
		{"possessive weekday reported", "1998-10-26", []string{"The shooting dominated Saturday night's debate."}, nil, ""},
		{"weekday of next week", "2024-06-05", []string{"The envoy will arrive on Tuesday next week."}, []string{"2024-06-11/day"}, "on Tuesday next week"},
		{"the weekend ahead", "2024-06-05", []string{"Talks will continue at the weekend."}, []string{"2024-06-03/week"}, ""},
		{"the weekend past", "2024-06-05", []string{"Protesters gathered over the weekend."}, nil, ""},
		// 2024-06-04 is a Tuesday.
		{"a fronted weekday dates the main verb", "2024-06-04", []string{"In a phone call on Monday, the two leaders agreed to meet in person on Friday."}, []string{"2024-06-07/day"}, "on Friday"},
		{"possessive with will", "2024-06-04", []string{"Wednesday's meeting will set the agenda."}, []string{"2024-06-05/day"}, ""},
		{"ahead of a possessive", "2024-06-04", []string{"Officials gathered ahead of Wednesday's meeting."}, []string{"2024-06-05/day"}, ""},
		// 2016-09-18 is a Sunday: the nearer Friday is two days back.
		{"ahead of a past Friday", "2016-09-18", []string{"Ahead of Friday's meeting, the two governments unveiled a plan."}, nil, ""},
		{"a relative clause has its own time", "2024-05-08", []string{"The treaty, which enters into force on 1 July, was signed in March."}, []string{"2024-07-01/day"}, "on 1 July"},
		{"a relative clause about the past", "2024-05-08", []string{"Both sides said they would meet after the holiday, which ends on April 12."}, nil, ""},
		{"a verb after that is another clause", "2016-10-03", []string{"The spot cites a report from over the weekend that the losses may have cut his taxes."}, nil, ""},
		{"a day of this month", "2024-06-04", []string{"He is due in Paris on the 15th."}, []string{"2024-06-15/day"}, "on the 15th"},
		{"an ordinal that is not a day", "2024-06-04", []string{"The 15th summit will open in Lima."}, nil, ""},
		{"this Friday", "2024-06-04", []string{"The vote is set for this Friday."}, []string{"2024-06-07/day"}, ""},

		// Relative periods. 2021-11-05 is a Friday; 2022-04-06 a
		// Wednesday; 2026-01-01 a Thursday; 2025-12-31 and 2024-02-28
		// Wednesdays.
		{"next week", "2021-11-05", []string{"Ministers arrive next week for the final stage."}, []string{"2021-11-08/week"}, "next week"},
		{"this week starts before publication", "2022-04-06", []string{"The president-elect is weighing a visit to the base this week."}, []string{"2022-04-04/week"}, ""},
		{"this week across the new year", "2026-01-01", []string{"The cabinet will meet this week."}, []string{"2025-12-29/week"}, ""},
		{"next week across the new year", "2025-12-31", []string{"Talks will resume next week."}, []string{"2026-01-05/week"}, ""},
		{"next week across a month", "2024-02-28", []string{"The envoy will visit next week."}, []string{"2024-03-04/week"}, ""},
		{"later this month", "2024-05-10", []string{"A decision is expected later this month."}, []string{"2024-05/month"}, ""},
		{"next month", "2024-01-20", []string{"The bill will go to a vote next month."}, []string{"2024-02/month"}, ""},
		{"end of the year", "2025-12-15", []string{"The Commission still hopes to sign the deal by the end of the year."}, []string{"2025-12/month"}, "by the end of the year"},
		{"end of a named year", "2025-03-01", []string{"The troops will leave by the end of 2026."}, []string{"2026-12/month"}, ""},
		{"within two weeks", "2024-03-06", []string{"The government will respond within two weeks."}, []string{"2024-03-18/week"}, "within two weeks"},
		{"in two weeks' time", "2024-03-06", []string{"The report will be published in two weeks' time."}, []string{"2024-03-18/week"}, ""},
		{"within days is past here", "2023-09-08", []string{"Within three days, 12 summits have been held."}, nil, ""},
		{"tomorrow", "2024-03-06", []string{`"We will be back tomorrow," she said.`}, []string{"2024-03-07/day"}, "tomorrow"},
		{"yesterday", "2024-03-06", []string{"The talks collapsed yesterday."}, nil, ""},

		// Seasons are years: the gold gives "this spring" as its year.
		{"this spring", "2024-03-02", []string{"The working groups could meet again this spring."}, []string{"2024/year"}, ""},
		{"next summer", "2024-10-01", []string{"The festival will return next summer."}, []string{"2025/year"}, ""},
		{"next winter from January", "2024-01-15", []string{"The pipeline will open next winter."}, []string{"2024/year"}, ""},

		// Ranges give their first day.
		{"range", "2024-02-01", []string{"Talks are scheduled for Feb. 22-23."}, []string{"2024-02-22/day"}, ""},
		{"range across months", "2024-02-01", []string{"The fair will run from Feb. 28-March 2."}, []string{"2024-02-28/day"}, ""},
		{"range with year", "2023-04-20", []string{"The council meets on May 4-5, 2023, in Goa."}, []string{"2023-05-04/day"}, ""},
		{"range day first", "2024-02-01", []string{"The games will be held from 28 Feb - 2 March."}, []string{"2024-02-28/day"}, ""},

		// Weeks of a month: a week belongs to the month holding its Thursday.
		{"first week of February 2020", "2020-01-27", []string{"A conference could take place in the first week of February."}, []string{"2020-02-03/week"}, "in the first week of February"},
		{"first week of January is ISO week 1", "2020-12-15", []string{"Inspectors will return in the first week of January 2021."}, []string{"2021-01-04/week"}, ""},
		{"last week of December", "2026-11-02", []string{"Delegates will meet in the last week of December."}, []string{"2026-12-28/week"}, ""},
		{"week of a day", "2026-03-11", []string{"They will meet again in the week of April 20."}, []string{"2026-04-20/week"}, ""},

		// Holidays.
		{"Christmas", "2024-11-20", []string{"The prisoners will be freed before Christmas."}, []string{"2024-12-25/day"}, "before Christmas"},
		{"Easter", "2025-02-01", []string{"The pilgrims will travel at Easter."}, []string{"2025-04-20/day"}, ""},
		{"Election Day", "2024-09-01", []string{"Voters will decide on Election Day."}, []string{"2024-11-05/day"}, ""},

		// The past is not upcoming.
		{"attributive past date", "2021-02-08", []string{"The diplomats attended the Jan. 23 protests in Moscow."}, nil, ""},
		{"last week's", "2021-02-08", []string{"The visit went ahead despite last week's jailing of the activist."}, nil, ""},
		{"began on Friday", "2021-02-08", []string{"During the talks that began on Friday, the two sides clashed."}, nil, ""},
		{"held two days ago", "2023-12-04", []string{"The forum was held on December 2 in Rome."}, nil, ""},
		{"publication day", "2025-12-15", []string{"On Monday, a spokesman said the talks would go on."}, nil, ""},
		{"numbers that are not dates", "2024-05-01", []string{
			"Talks may resume soon. Theresa May will inspect the 28,500-strong force, Rossiya 24 reported of the 60-day truce under Resolution 2231, and 2030 troops were sent.",
		}, nil, ""},

		// One event, one entry.
		{"same event restated", "2023-04-20", []string{
			"The ministers will meet in Goa on 4 and 5 May.",
			"The meeting will be held on May 4-5, 2023, the spokeswoman said.",
			"She was invited to attend the meeting in the first week of May.",
		}, []string{"2023-05-04/day"}, ""},
		{"a month that holds a dated event", "2020-01-27", []string{
			"The capital will host the assembly from February 9-10.",
			"The crisis will be discussed at the summit in February.",
		}, []string{"2020-02-09/day"}, ""},
		{"a deadline is not the meeting", "2025-12-15", []string{
			"The Commission hopes to sign the deal by the end of the year.",
			"France asked the bloc to delay the planned December meeting.",
		}, []string{"2025-12/month", "2025-12/month"}, ""},
		{"next year twice is two things", "2025-06-01", []string{
			"Output will recover next year.",
			"Prices are forecast to fall next year, the bank said.",
		}, []string{"2026/year", "2026/year"}, ""},
		{"a week counted from publication is news", "2026-03-11", []string{
			"The chairman is scheduled to address shareholders next Thursday.",
			"His deputy is expected to travel to the capital next week.",
		}, []string{"2026-03-19/day", "2026-03-16/week"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			events := eventsIn(t, tc.pub, tc.text...)
			got := dateKeys(events)
			want := tc.want
			if want == nil {
				want = []string{}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("events of %q published %s (-want +got):\n%s", tc.text, tc.pub, diff)
			}
			if tc.evidence != "" && len(events) > 0 && events[0].Evidence != tc.evidence {
				t.Errorf("evidence = %q, want %q", events[0].Evidence, tc.evidence)
			}
			checkEvents(t, tc.pub, tc.text, events)
		})
	}
}

// checkEvents asserts what every event must satisfy: its evidence is in the
// text verbatim, its date is a normalised period with a day after
// publication, and its description is short and not empty.
func checkEvents(t testing.TB, pub string, paragraphs []string, events []Event) {
	t.Helper()
	day, _ := time.Parse("2006-01-02", pub)
	for _, e := range events {
		found := false
		for _, p := range paragraphs {
			if strings.Contains(p, e.Evidence) {
				found = true
			}
		}
		if e.Evidence == "" || !found {
			t.Errorf("evidence %q is not in the text", e.Evidence)
		}
		switch e.Date.Precision {
		case Day, Week, Month, Year:
		default:
			t.Errorf("event %q has precision %q", e.Evidence, e.Date.Precision)
		}
		if norm := NewDate(e.Date.Start, e.Date.Precision); norm != e.Date {
			t.Errorf("event %q date %v is not normalised (want %v)", e.Evidence, e.Date.Start, norm.Start)
		}
		if !e.Date.End().After(day.AddDate(0, 0, 1)) {
			t.Errorf("event %q at %s/%s has no day after publication %s", e.Evidence, e.Date, e.Date.Precision, pub)
		}
		if e.What == "" || len([]rune(e.What)) > maxWhat+1 {
			t.Errorf("event %q has description %q (want 1 to %d characters)", e.Evidence, e.What, maxWhat+1)
		}
	}
}

// TestEventsGolden runs the whole path, reader included, on articles
// written for these tests, and compares every field of every event.
func TestEventsGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/events/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata/events: %v", err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Read(path, data, ReadOptions{ID: name})
			if err != nil {
				t.Fatal(err)
			}
			var got []UpcomingRecord
			for _, e := range findEvents(newDocument(a)) {
				got = append(got, UpcomingRecord{Date: e.Date.String(), Precision: e.Date.Precision, Evidence: e.Evidence, What: e.What})
			}
			checkEvents(t, a.Published.Format("2006-01-02"), a.Paragraphs, findEvents(newDocument(a)))
			golden := strings.TrimSuffix(path, ".txt") + ".golden.json"
			if *updateEvents {
				out, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(golden, append(out, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			data, err = os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestEventsGolden -update-events to create it)", err)
			}
			var want []UpcomingRecord
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatalf("golden %s: %v", golden, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("events of %s mismatch (-want +got):\n%s", path, diff)
			}
		})
	}
}

func FuzzEvents(f *testing.F) {
	seeds := []string{
		"Ministers will meet on Feb. 22 and leaders will discuss ties at a summit in March.",
		"The delegation is set to fly to Doha on Sunday, the official said on Friday.",
		"The ministers will gather on 4 and 5 May.\n\nThe meeting will be held on May 4-5, 2023.",
		"Talks will resume next week; a decision is expected later this month, by the end of the year or in 2027.",
		"The panel will report on Feb. 29. The vote is due within two weeks, in the first week of January.",
		"Feb. 28-March 2, 28 Feb - 2 March, 2024-07-01, Tuesday, Feb. 20, the week of April 20, next summer.",
		"May may march in March; Theresa May said 2030 troops, Resolution 2231, 28,500 and 1.5 were numbers.",
		"Christmas, New Year's Day, Easter Sunday, Election Day and Thanksgiving will come this year.",
		`"We'll be back tomorrow," he said -- or "as soon as Tuesday" (the ministers' meeting).`,
		"31 December 9999 and Jan. 1, 1800 and 2200; 31st of February; 0 May; May 32.",
		"The envoy will visit next week, staying from Monday to Wednesday. The trip ends on Saturday; the following day, two days later, the day after.",
		"Talks originally set for May 30 were postponed; they were moved from June 10 to June 24, and Tuesday's meeting was called off.",
		"This year's summit opens on Sept. 12 and 13, between October and December, from October to March 2025, on the 24th and sign.",
		"The fund cut its 2025 growth forecast to 2% this year; the forum is held annually in September. Next year will be decisive.",
	}
	for i, s := range seeds {
		f.Add(s, int32(i*997))
	}
	base := time.Date(1990, time.January, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string, day int32) {
		d := int(day) % 30000
		if d < 0 {
			d = -d
		}
		pub := base.AddDate(0, 0, d)
		paragraphs := strings.Split(text, "\n\n")
		events := findEvents(newDocument(Article{Published: pub, Paragraphs: paragraphs}))
		checkEvents(t, pub.Format("2006-01-02"), paragraphs, events)
	})
}

func BenchmarkEvents(b *testing.B) {
	data, err := os.ReadFile("testdata/events/harbour-talks.txt")
	if err != nil {
		b.Fatal(err)
	}
	a, err := Read("harbour-talks", data, ReadOptions{ID: "harbour-talks"})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("5KB", func(b *testing.B) {
		doc := newDocument(a)
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			findEvents(doc)
		}
	})
	// Ten copies of the article: the time per byte must stay the same.
	long := a
	long.Paragraphs = nil
	for range 10 {
		long.Paragraphs = append(long.Paragraphs, a.Paragraphs...)
	}
	b.Run("50KB", func(b *testing.B) {
		doc := newDocument(long)
		b.SetBytes(int64(10 * len(data)))
		b.ReportAllocs()
		for b.Loop() {
			findEvents(doc)
		}
	})
}

// TestFindEventsGeneral holds sentences written for the classes of error
// seen on articles outside the corpus: ranges, one event named by several
// phrases, changed plans, dates counted from another date, years and weeks
// that name no event of their own, and plans in the future by expectation.
func TestFindEventsGeneral(t *testing.T) {
	for _, tc := range []struct {
		name string
		pub  string
		text []string
		want []string
		// evidence, when set, is the phrase expected for the first event.
		evidence string
	}{
		// Ranges give their first day. 2024-06-06 is a Thursday.
		{"weekday range in one sentence", "2024-06-06", []string{"The president will visit Japan next week, staying in Tokyo from Monday to Wednesday."}, []string{"2024-06-10/day"}, "from Monday to Wednesday"},
		{"weekday range named by the trip", "2024-06-06", []string{"The president will visit Japan next week.", "The trip will run from Monday to Wednesday."}, []string{"2024-06-10/day"}, ""},
		{"weekday range with through", "2024-06-06", []string{"Talks are planned for Monday through Wednesday."}, []string{"2024-06-10/day"}, ""},
		{"weekday range with a dash", "2024-06-06", []string{"The fair runs Monday-Wednesday in the old port."}, []string{"2024-06-10/day"}, ""},
		{"date range with to", "2024-06-06", []string{"The fair will run from June 17 to June 19."}, []string{"2024-06-17/day"}, ""},
		{"two days of a month", "2024-08-20", []string{"The envoys will meet on 6 and 7 September."}, []string{"2024-09-06/day"}, "on 6 and 7 September"},
		{"abbreviated month range", "2024-08-20", []string{"The envoys will meet Sept. 6-7 in Rome."}, []string{"2024-09-06/day"}, ""},

		// One event named by a period and a day is listed once, by its
		// day, whichever comes first. 2024-11-04 is a Monday.
		{"this month then the day", "2024-11-04", []string{"Oil ministers will meet this month to weigh output cuts.", "The meeting is set for Nov. 17."}, []string{"2024-11-17/day"}, ""},
		{"the day then this month", "2024-11-04", []string{"Oil ministers will meet in Vienna on Nov. 17.", "Output cuts are expected to dominate the meeting this month."}, []string{"2024-11-17/day"}, ""},
		{"next week then the weekday", "2024-06-06", []string{"The envoy will travel to Cairo next week.", "The visit will begin on Tuesday."}, []string{"2024-06-11/day"}, ""},
		// 2024-06-03 is a Monday: the visit's Tuesday is next week's.
		{"a weekday of next week's visit", "2024-06-03", []string{"The envoy will travel to Cairo next week.", "The visit will begin on Tuesday."}, []string{"2024-06-11/day"}, ""},
		{"the weekday then next week", "2024-06-06", []string{"The visit will begin on Tuesday.", "The envoy travels to Cairo next week with a team of advisers."}, []string{"2024-06-11/day"}, ""},
		{"same sentence period and day", "2024-11-04", []string{"The committee will meet again this month, on Nov. 17, to review quotas."}, []string{"2024-11-17/day"}, ""},
		{"a month then its first week", "2024-03-05", []string{"The foreign minister will visit Delhi in April.", "The visit is planned for the first week of April."}, []string{"2024-04-01/week"}, ""},
		// 2024-05-02 is a Thursday.
		{"two meetings in one month", "2024-05-02", []string{"Finance ministers will meet on May 14.", "Leaders will hold a summit in May."}, []string{"2024-05-14/day", "2024-05/month"}, ""},
		{"two meetings in one sentence", "2024-05-02", []string{"Defence chiefs will meet on May 14, and a summit of leaders is planned for later this month."}, []string{"2024-05-14/day", "2024-05/month"}, ""},
		{"two visits by different people", "2024-05-02", []string{"The king will visit Oslo on May 14.", "The prime minister's visit to Rome is planned for May."}, []string{"2024-05-14/day", "2024-05/month"}, ""},
		{"a visit named by its guest", "2024-05-02", []string{"Ardern will visit Oslo on May 14.", "Ardern's visit in May is her first since the election."}, []string{"2024-05-14/day"}, ""},
		{"the next summit is another one", "2024-05-02", []string{"Ministers will meet on May 14 to prepare the summit.", "The bloc will hold its next summit this year."}, []string{"2024-05-14/day", "2024/year"}, ""},

		// A year that names the event of a dated day adds nothing.
		{"this year's summit on a day", "2023-03-01", []string{"This year's summit of the bloc will be held in New Delhi on Sept. 9."}, []string{"2023-09-09/day"}, ""},
		{"a year then the day", "2023-03-01", []string{"India is scheduled to host the summit this year.", "The summit will open on Sept. 9 in New Delhi."}, []string{"2023-09-09/day"}, ""},
		{"a named edition", "2023-03-01", []string{"The 2023 summit will open in New Delhi on Sept. 9."}, []string{"2023-09-09/day"}, ""},
		{"a year of its own", "2023-03-01", []string{"India will host a summit this year.", "Finance ministers will meet on March 10."}, []string{"2023/year", "2023-03-10/day"}, ""},

		{"a trip and its talks in one clause", "2024-06-06", []string{"The minister travels to Brussels next week for talks from Tuesday to Thursday with EU officials."}, []string{"2024-06-11/day"}, ""},
		{"talks resume, then their day", "2024-11-04", []string{"The talks will resume later this month. Negotiators will meet in Geneva on Nov. 20, diplomats said."}, []string{"2024-11-20/day"}, ""},
		{"he goes on about the trip", "2024-06-06", []string{"The envoy will travel to the region next week, the ministry said. He will arrive in Cairo on Monday."}, []string{"2024-06-10/day"}, ""},
		{"the visit named after its day", "2024-11-04", []string{"The palace said the king's visit would take place on Nov. 20.", "The king is expected to visit Madrid this month, his first trip abroad this year."}, []string{"2024-11-20/day"}, ""},

		// Changed plans: the old date is not upcoming, the new one is.
		// 2024-05-20 is a Monday.
		{"originally set and postponed", "2024-05-20", []string{"Talks originally set for May 30 were postponed."}, nil, ""},
		{"a planned resumption delayed", "2024-05-20", []string{"Next week's planned resumption of talks has been delayed."}, nil, ""},
		{"moved from one day to another", "2024-05-20", []string{"The vote was moved from June 10 to June 3."}, []string{"2024-06-03/day"}, "to June 3"},
		{"postponed until a month", "2024-05-20", []string{"The summit, which had been scheduled for next week, was postponed until June."}, []string{"2024-06/month"}, ""},
		{"delayed and a new month", "2024-05-20", []string{"The resumption of talks planned for next week has been delayed; negotiators now expect a resumption in June."}, []string{"2024-06/month"}, ""},
		{"postponed to a day", "2024-05-20", []string{"The ceremony was postponed to May 30."}, []string{"2024-05-30/day"}, ""},
		{"a delayed summit has a new day", "2024-05-20", []string{"The delayed summit will now take place on June 12."}, []string{"2024-06-12/day"}, ""},
		{"initially planned and now", "2024-05-20", []string{"The election, initially planned for June 9, will now be held in September."}, []string{"2024-09/month"}, ""},
		{"called off a scheduled meeting", "2024-05-20", []string{"The ministers called off the meeting scheduled for Thursday."}, nil, ""},
		{"cancelled outright", "2024-05-20", []string{"Thursday's meeting has been cancelled."}, nil, ""},
		{"due to take place and postponed", "2024-05-20", []string{"The meeting, which was due to take place on Thursday, has been postponed indefinitely."}, nil, ""},
		{"pushed back from a day", "2024-05-20", []string{"The vote has been pushed back to June 12 from May 30."}, []string{"2024-06-12/day"}, ""},
		{"rescheduled after a postponement", "2024-05-20", []string{"The summit was rescheduled for July after being postponed from June."}, []string{"2024-07/month"}, ""},
		{"scheduled for a weekday", "2024-05-20", []string{"The vote was scheduled for Thursday."}, []string{"2024-05-23/day"}, ""},
		{"could be postponed is still planned", "2024-05-20", []string{"The summit on June 12 could be postponed."}, []string{"2024-06-12/day"}, ""},

		// More spans. 2024-06-06 is a Thursday, 2024-08-20 a Tuesday.
		{"a weekday span in next week", "2024-06-06", []string{"The president will visit Japan from Monday to Wednesday next week."}, []string{"2024-06-10/day"}, ""},
		{"between two weekdays", "2024-06-06", []string{"The talks will take place between Monday and Wednesday."}, []string{"2024-06-10/day"}, ""},
		{"two ordinal days of a month", "2024-08-20", []string{"The forum meets on 6th and 7th September."}, []string{"2024-09-06/day"}, ""},
		{"a day and its neighbour", "2024-08-20", []string{"The forum meets on Sept. 6 and 7."}, []string{"2024-09-06/day"}, ""},
		{"a span across months", "2024-08-20", []string{"The forum meets from Sept. 30 to Oct. 2."}, []string{"2024-09-30/day"}, ""},
		{"two weekdays spent", "2024-06-06", []string{"The minister will spend Tuesday and Wednesday in Riyadh."}, []string{"2024-06-11/day"}, ""},
		{"a fronted weekday of a summit", "2024-06-06", []string{"The president will attend a summit next week. On Tuesday, he will address the summit."}, []string{"2024-06-11/day"}, ""},

		// Dates counted from another date. 2024-08-20 is a Tuesday.
		{"the following day", "2024-08-20", []string{"Leaders will gather for a summit on Sept. 5, and foreign ministers will meet the following day."}, []string{"2024-09-05/day", "2024-09-06/day"}, ""},
		{"two days later", "2024-08-20", []string{"The summit opens on Sept. 5.", "Two days later, the leaders will travel to Osaka."}, []string{"2024-09-05/day", "2024-09-07/day"}, ""},
		{"the next day", "2024-08-20", []string{"The delegation arrives on Sept. 5 and will hold talks the next day."}, []string{"2024-09-05/day", "2024-09-06/day"}, ""},
		{"the next day in the past", "2024-08-20", []string{"The envoy met the king on Aug. 12 and flew home the next day."}, nil, ""},
		{"the day after", "2024-08-20", []string{"The vote is due on Sept. 10; results are expected the day after."}, []string{"2024-09-10/day", "2024-09-11/day"}, ""},
		{"the following week", "2024-08-20", []string{"The panel will report on Sept. 4, and parliament will debate the report the following week."}, []string{"2024-09-04/day", "2024-09-09/week"}, ""},
		{"the day after a day of the month", "2024-06-06", []string{"\"We can meet on the 24th and sign a framework the day after,\" the minister told reporters on Tuesday."}, []string{"2024-06-24/day", "2024-06-25/day"}, ""},
		{"the following day without a date", "2024-08-20", []string{"Ministers will meet the following day."}, nil, ""},

		// A week of reporting is not an event. 2024-06-06 is a Thursday.
		{"said this week", "2024-06-06", []string{"The minister said this week that talks would resume in July."}, []string{"2024-07/month"}, ""},
		{"confirmed this week", "2024-06-06", []string{"Officials confirmed this week that the envoy will visit in July."}, []string{"2024-07/month"}, ""},
		{"held talks this week", "2024-06-06", []string{"The two sides held talks this week and will meet again next month."}, []string{"2024-07/month"}, ""},
		{"interview this week", "2024-06-06", []string{"In an interview this week, the minister said the treaty will be signed in July."}, []string{"2024-07/month"}, ""},
		{"told reporters this week", "2024-06-06", []string{"The minister, who will visit Paris in July, told reporters this week that ties were strong."}, []string{"2024-07/month"}, ""},
		{"speaking this week", "2024-06-06", []string{"Speaking to reporters this week, the minister said he would travel to Paris in July."}, []string{"2024-07/month"}, ""},

		// Plans in a month, by expectation. 2024-08-20 is a Tuesday.
		{"expected in a month with a dated summit", "2024-08-20", []string{"The minister will attend a summit on Sept. 5.", "The president is expected to visit Tokyo in September."}, []string{"2024-09-05/day", "2024-09/month"}, ""},
		{"plans to travel", "2024-08-20", []string{"The prime minister plans to travel to Canberra in September."}, []string{"2024-09/month"}, ""},
		{"likely to take place", "2024-08-20", []string{"The conference is likely to take place in September."}, []string{"2024-09/month"}, ""},
		{"a deadline month", "2024-08-20", []string{"The panel must submit its report by October."}, []string{"2024-10/month"}, ""},
		{"expected this month", "2024-09-03", []string{"The president is expected to visit Tokyo in September."}, []string{"2024-09/month"}, ""},
		{"a deadline beside a dated meeting", "2024-08-20", []string{"Talks on the trade deal are set for Oct. 2.", "Negotiators hope to finish the text by October."}, []string{"2024-10-02/day", "2024-10/month"}, ""},

		// 2024-10-01 is a Tuesday.
		{"that after a preposition is no clause", "2024-10-01", []string{"On Monday night, the backers of that plan were left disappointed."}, nil, ""},
		{"planned for May", "2024-03-05", []string{"A vote on the charter is planned for May."}, []string{"2024-05/month"}, "for May"},
		{"a verb May is no month", "2024-03-05", []string{"Delegates may vote for May or for her rival."}, nil, ""},

		// 2024-06-05 is a Wednesday.
		{"a relative clause before the verb", "2024-06-05", []string{"The ceasefire, which took effect on Sunday, expires on Friday."}, []string{"2024-06-07/day"}, ""},
		{"a habit of the calendar", "2024-06-05", []string{"The forum is held annually in September."}, nil, ""},
		{"every year in a month", "2024-06-05", []string{"Leaders meet every year in September."}, nil, ""},
		{"a past act for a coming date", "2024-06-05", []string{"The premier, who called the election for July 4, said the vote would be a choice about the future."}, []string{"2024-07-04/day"}, ""},
		{"a span by its first and last day", "2024-06-05", []string{"The leaders will sign the deal during the visit, which begins on June 12 and ends on June 14."}, []string{"2024-06-12/day"}, ""},
		{"an end alone is an event", "2024-11-05", []string{"Scheduled to wrap up on November 12, the conference is the last chance for a deal."}, []string{"2024-11-12/day"}, ""},

		// Periods a quantity is measured over. 2024-06-05 is a Wednesday.
		{"an estimate for next year", "2024-06-05", []string{"The analyst cut his earnings estimate for next year."}, nil, ""},
		{"a percentage this year", "2024-06-05", []string{"The bank thinks inflation can get back to 2% this year."}, nil, ""},
		{"a vote on a budget", "2024-06-05", []string{"Parliament will vote on the budget in December."}, []string{"2024-12/month"}, ""},
		{"a budget for a year", "2024-06-05", []string{"Parliament will vote on the budget for 2025 in December."}, []string{"2024-12/month"}, ""},
		{"growth in a year", "2024-06-05", []string{"The fund expects growth of 2.5% in 2025."}, nil, ""},
		{"so far this year", "2024-06-05", []string{"The bloc will have spent more so far this year than in all of 2023."}, nil, ""},
		{"a deadline year stays", "2024-06-05", []string{"The ministers vowed to cut emissions by 40% by 2030."}, []string{"2030/year"}, ""},
		{"an election named by its day", "2024-10-28", []string{"The campaign will stress health care before next week's election.", "Turnout on Election Day is expected to be high."}, []string{"2024-11-05/day"}, ""},

		// A plan named by a noun is no verb of the future. 2024-06-08 is
		// a Saturday, 2024-09-30 a Monday.
		{"the plan was put forward", "2024-06-08", []string{"The plan was put forward by finance ministers over the weekend."}, nil, ""},
		{"published plans", "2024-06-06", []string{"The minister this week published plans for a new border regime."}, nil, ""},
		{"a fronted day before a relative clause", "2024-09-30", []string{"On Thursday, the officer, who fired the shots last month, was charged with manslaughter."}, nil, ""},

		// Periods that name no event: a year that classifies a noun, a
		// year of account, a month spoken of in general, a period that is
		// itself the subject of "be". 2024-03-01 is a Friday.
		{"a year classifies a forecast", "2024-03-01", []string{"The fund cut its 2025 growth forecast for the region."}, nil, ""},
		{"a year classifies a survey", "2024-03-01", []string{"The bloc will publish its 2025 economic survey in May."}, []string{"2024-05/month"}, ""},
		{"a year classifies elections", "2024-03-01", []string{"The 2025 elections will decide the balance of power."}, []string{"2025/year"}, ""},
		{"the year to March", "2024-03-01", []string{"Growth is forecast at 6.5% in the year to March 2025."}, nil, ""},
		{"months in general", "2024-03-01", []string{"December and January are the busiest months for the ports."}, nil, ""},
		{"months between prepositions", "2024-03-01", []string{"The survey will run between October and December."}, []string{"2024-10/month"}, ""},
		{"a month extended to", "2024-09-01", []string{"The mandate was extended to December."}, []string{"2024-12/month"}, ""},
		{"a span of months", "2024-03-01", []string{"The survey will run from October to March 2025."}, []string{"2024-10/month"}, ""},
		{"a month that classifies a summit", "2024-03-01", []string{"Leaders hope to settle the dispute at a December summit."}, []string{"2024-12/month"}, ""},
		{"next year will be decisive", "2024-03-01", []string{"Next year will be decisive for the talks, the minister said."}, nil, ""},
		{"next week marks a stage", "2024-03-01", []string{"Next week marks the start of the final round."}, []string{"2024-03-04/week"}, ""},

		// Weeks in the future by "set to", "due to", "scheduled to", "will".
		{"set to travel next week", "2024-06-06", []string{"The foreign minister is set to travel to Beijing next week."}, []string{"2024-06-10/week"}, ""},
		{"due to arrive this week", "2024-06-06", []string{"The envoy is due to arrive in Kabul this week."}, []string{"2024-06-03/week"}, ""},
		{"scheduled to hold talks", "2024-06-06", []string{"A delegation is scheduled to hold talks in Geneva next week."}, []string{"2024-06-10/week"}, ""},
		{"will travel this week", "2024-06-06", []string{"The president will travel to the region this week."}, []string{"2024-06-03/week"}, ""},
		{"after a past meeting", "2024-06-06", []string{"After meeting his counterpart on Monday, the minister is set to travel to Cairo this week."}, []string{"2024-06-03/week"}, ""},
		{"a past relative clause", "2024-06-06", []string{"The minister, who met his counterpart on Monday, is due to fly to Riyadh next week."}, []string{"2024-06-10/week"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			events := eventsIn(t, tc.pub, tc.text...)
			got := dateKeys(events)
			want := tc.want
			if want == nil {
				want = []string{}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("events of %q published %s (-want +got):\n%s", tc.text, tc.pub, diff)
			}
			if tc.evidence != "" && len(events) > 0 && events[0].Evidence != tc.evidence {
				t.Errorf("evidence = %q, want %q", events[0].Evidence, tc.evidence)
			}
			checkEvents(t, tc.pub, tc.text, events)
		})
	}
}
