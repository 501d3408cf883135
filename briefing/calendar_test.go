package briefing

import (
	"testing"
	"time"
)

func isoDay(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestLookupMonthAndWeekday(t *testing.T) {
	for word, want := range map[string]time.Month{
		"Feb.": time.February, "September": time.September, "sept": time.September,
		"SEPT.": time.September, "May": time.May, "dec": time.December,
	} {
		if got, ok := lookupMonth(word); !ok || got != want {
			t.Errorf("lookupMonth(%q) = %v, %v; want %v", word, got, ok, want)
		}
	}
	for _, word := range []string{"", "Ma", "Marching", "Sunday"} {
		if got, ok := lookupMonth(word); ok {
			t.Errorf("lookupMonth(%q) = %v; want no month", word, got)
		}
	}
	for word, want := range map[string]time.Weekday{
		"Tuesday": time.Tuesday, "Thurs.": time.Thursday, "sun": time.Sunday, "WED": time.Wednesday,
	} {
		if got, ok := lookupWeekday(word); !ok || got != want {
			t.Errorf("lookupWeekday(%q) = %v, %v; want %v", word, got, ok, want)
		}
	}
	if got, ok := lookupWeekday("March"); ok {
		t.Errorf("lookupWeekday(March) = %v; want no weekday", got)
	}
}

func TestDaysIn(t *testing.T) {
	for _, tc := range []struct {
		y    int
		m    time.Month
		want int
	}{
		{2024, time.February, 29}, // divisible by 4
		{2023, time.February, 28},
		{1900, time.February, 28}, // century, not divisible by 400
		{2000, time.February, 29}, // divisible by 400
		{2025, time.April, 30},
		{2025, time.December, 31},
	} {
		if got := daysIn(tc.y, tc.m); got != tc.want {
			t.Errorf("daysIn(%d, %v) = %d, want %d", tc.y, tc.m, got, tc.want)
		}
	}
}

func TestMondayOf(t *testing.T) {
	for in, want := range map[string]string{
		"2021-02-08": "2021-02-08", // a Monday is its own week's start
		"2021-02-14": "2021-02-08", // Sunday ends the ISO week
		"2026-01-01": "2025-12-29", // across the new year
		"2024-03-01": "2024-02-26", // across a leap February
	} {
		if got := mondayOf(isoDay(in)).Format("2006-01-02"); got != want {
			t.Errorf("mondayOf(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestNthWeekOf(t *testing.T) {
	for _, tc := range []struct {
		y    int
		m    time.Month
		n    int
		want string
	}{
		{2020, time.February, 1, "2020-02-03"}, // 1 February 2020 is a Saturday
		{2023, time.May, 1, "2023-05-01"},      // 1 May 2023 is a Monday
		{2021, time.January, 1, "2021-01-04"},  // ISO week 1 of 2021
		{2026, time.January, 1, "2025-12-29"},  // ISO week 1 of 2026 starts in 2025
		{2020, time.February, 2, "2020-02-10"},
		{2026, time.December, -1, "2026-12-28"}, // 31 December 2026 is a Thursday
		{2027, time.December, -1, "2027-12-27"}, // ISO week 52 of 2027
		{2024, time.February, -1, "2024-02-26"}, // leap February
	} {
		if got := nthWeekOf(tc.y, tc.m, tc.n).Format("2006-01-02"); got != tc.want {
			t.Errorf("nthWeekOf(%d, %v, %d) = %s, want %s", tc.y, tc.m, tc.n, got, tc.want)
		}
	}
}

func TestHolidayDate(t *testing.T) {
	for _, tc := range []struct {
		h    holiday
		y    int
		want string
	}{
		{easter, 2000, "2000-04-23"},
		{easter, 2019, "2019-04-21"},
		{easter, 2024, "2024-03-31"},
		{easter, 2025, "2025-04-20"},
		{easter, 2038, "2038-04-25"}, // the latest possible date
		{easter, 2285, "2285-03-22"}, // the earliest possible date
		{thanksgiving, 2024, "2024-11-28"},
		{thanksgiving, 2025, "2025-11-27"},
		{electionDay, 2024, "2024-11-05"},
		{electionDay, 2026, "2026-11-03"},
		{electionDay, 2022, "2022-11-08"}, // 1 November 2022 is a Tuesday: not the first Tuesday
		{christmas, 2025, "2025-12-25"},
		{newYearsEve, 2025, "2025-12-31"},
	} {
		if got := holidayDate(tc.h, tc.y).Format("2006-01-02"); got != tc.want {
			t.Errorf("holidayDate(%d, %d) = %s, want %s", tc.h, tc.y, got, tc.want)
		}
	}
}

func TestDate(t *testing.T) {
	for _, tc := range []struct {
		in         string
		p          Precision
		start, end string
		text       string
	}{
		{"2021-02-22", Day, "2021-02-22", "2021-02-23", "2021-02-22"},
		{"2021-02-24", Week, "2021-02-22", "2021-03-01", "2021-02-22"},
		{"2025-12-31", Week, "2025-12-29", "2026-01-05", "2025-12-29"},
		{"2024-02-10", Month, "2024-02-01", "2024-03-01", "2024-02"},
		{"2024-07-04", Year, "2024-01-01", "2025-01-01", "2024"},
	} {
		d := NewDate(isoDay(tc.in), tc.p)
		if got := d.Start.Format("2006-01-02"); got != tc.start {
			t.Errorf("NewDate(%s, %s).Start = %s, want %s", tc.in, tc.p, got, tc.start)
		}
		if got := d.End().Format("2006-01-02"); got != tc.end {
			t.Errorf("NewDate(%s, %s).End() = %s, want %s", tc.in, tc.p, got, tc.end)
		}
		if got := d.String(); got != tc.text {
			t.Errorf("NewDate(%s, %s).String() = %s, want %s", tc.in, tc.p, got, tc.text)
		}
		back, err := ParseDate(d.String(), tc.p)
		if err != nil || back != d {
			t.Errorf("ParseDate(%q, %s) = %v, %v; want %v", d.String(), tc.p, back, err, d)
		}
	}
	if _, err := ParseDate("2021-02-30", Day); err == nil {
		t.Error("ParseDate(2021-02-30) succeeded; want an error")
	}
	if _, err := ParseDate("2021", "decade"); err == nil {
		t.Error("ParseDate with precision decade succeeded; want an error")
	}
}
