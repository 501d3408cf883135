package briefing

import (
	"strings"
	"time"
)

// monthNames holds every spelling of a month that English news prose uses,
// lower case and without a trailing full stop.
var monthNames = map[string]time.Month{
	"january": time.January, "jan": time.January,
	"february": time.February, "feb": time.February,
	"march": time.March, "mar": time.March,
	"april": time.April, "apr": time.April,
	"may":  time.May,
	"june": time.June, "jun": time.June,
	"july": time.July, "jul": time.July,
	"august": time.August, "aug": time.August,
	"september": time.September, "sep": time.September, "sept": time.September,
	"october": time.October, "oct": time.October,
	"november": time.November, "nov": time.November,
	"december": time.December, "dec": time.December,
}

// weekdayNames holds the spellings of weekdays, lower case, without a
// trailing full stop.
var weekdayNames = map[string]time.Weekday{
	"monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday,
	"friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday,
	"sunday": time.Sunday, "sun": time.Sunday,
}

// lookupMonth returns the month a word names ("Feb.", "September", "sept").
func lookupMonth(word string) (time.Month, bool) {
	m, ok := monthNames[strings.ToLower(strings.TrimSuffix(word, "."))]
	return m, ok
}

// lookupWeekday returns the weekday a word names ("Tuesday", "Thurs.").
func lookupWeekday(word string) (time.Weekday, bool) {
	d, ok := weekdayNames[strings.ToLower(strings.TrimSuffix(word, "."))]
	return d, ok
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// date returns midnight UTC of day d of month m in year y. Out-of-range days
// roll over as time.Date does, so callers check validity with daysIn first.
func ymd(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// mondayOf returns the Monday that starts the ISO week holding t.
func mondayOf(t time.Time) time.Time {
	back := (int(t.Weekday()) + 6) % 7
	y, m, d := t.Date()
	return ymd(y, m, d-back)
}

// nthWeekOf returns the Monday of the n-th week of month m in year y, where
// n = 1 is the first week and n = -1 the last. A week belongs to the month
// that holds its Thursday, as ISO 8601 assigns weeks to years, so "the first
// week of February 2020" starts on Monday 3 February, not on 27 January.
func nthWeekOf(y int, m time.Month, n int) time.Time {
	if n < 0 {
		last := ymd(y, m, daysIn(y, m))
		back := (int(last.Weekday()) - int(time.Thursday) + 7) % 7
		thursday := last.AddDate(0, 0, -back)
		return thursday.AddDate(0, 0, -3+7*(n+1))
	}
	first := ymd(y, m, 1)
	ahead := (int(time.Thursday) - int(first.Weekday()) + 7) % 7
	thursday := first.AddDate(0, 0, ahead)
	return thursday.AddDate(0, 0, -3+7*(n-1))
}

// nthWeekday returns the n-th given weekday of month m in year y (n >= 1).
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) time.Time {
	first := ymd(y, m, 1)
	ahead := (int(wd) - int(first.Weekday()) + 7) % 7
	return first.AddDate(0, 0, ahead+7*(n-1))
}

// season is a season of the northern-hemisphere year, named by the month it
// starts in (meteorological seasons: spring is March to May).
type season uint8

const (
	spring season = season(time.March)
	summer season = season(time.June)
	autumn season = season(time.September)
	winter season = season(time.December)
)

var seasonNames = map[string]season{
	"spring": spring, "summer": summer, "autumn": autumn, "fall": autumn, "winter": winter,
}

// holiday is a fixed or movable feast that news prose names instead of a
// date ("before Christmas", "on Election Day").
type holiday uint8

const (
	noHoliday holiday = iota
	christmas
	christmasEve
	newYearsDay
	newYearsEve
	thanksgiving // United States: fourth Thursday of November
	electionDay  // United States: the Tuesday after the first Monday of November
	easter       // Western (Gregorian) Easter Sunday
)

// holidayDate returns the day holiday h falls on in year y.
func holidayDate(h holiday, y int) time.Time {
	switch h {
	case christmas:
		return ymd(y, time.December, 25)
	case christmasEve:
		return ymd(y, time.December, 24)
	case newYearsDay:
		return ymd(y, time.January, 1)
	case newYearsEve:
		return ymd(y, time.December, 31)
	case thanksgiving:
		return nthWeekday(y, time.November, time.Thursday, 4)
	case electionDay:
		return nthWeekday(y, time.November, time.Monday, 1).AddDate(0, 0, 1)
	case easter:
		return easterSunday(y)
	}
	return time.Time{}
}

// easterSunday computes Western Easter with the anonymous Gregorian
// algorithm (Meeus/Jones/Butcher).
func easterSunday(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return ymd(y, time.Month(month), day)
}
