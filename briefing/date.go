package briefing

import (
	"fmt"
	"time"
)

// Precision says how exactly a Date is known.
type Precision string

// The precisions of SCHEMA.md, finest first.
const (
	Day   Precision = "day"
	Week  Precision = "week"
	Month Precision = "month"
	Year  Precision = "year"
)

// Date is a calendar period: a day, an ISO week (starting Monday), a month or
// a year. Start is midnight UTC of the period's first day.
type Date struct {
	Start     time.Time
	Precision Precision
}

// NewDate returns the period of precision p that contains t, normalised so
// that Start is the period's first day at midnight UTC.
func NewDate(t time.Time, p Precision) Date {
	y, m, d := t.Date()
	switch p {
	case Year:
		return Date{Start: time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC), Precision: Year}
	case Month:
		return Date{Start: time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), Precision: Month}
	case Week:
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		back := (int(day.Weekday()) + 6) % 7 // days since Monday
		return Date{Start: day.AddDate(0, 0, -back), Precision: Week}
	default:
		return Date{Start: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Precision: Day}
	}
}

// End returns midnight UTC of the first day after the period.
func (d Date) End() time.Time {
	switch d.Precision {
	case Year:
		return d.Start.AddDate(1, 0, 0)
	case Month:
		return d.Start.AddDate(0, 1, 0)
	case Week:
		return d.Start.AddDate(0, 0, 7)
	default:
		return d.Start.AddDate(0, 0, 1)
	}
}

// String formats the date as SCHEMA.md does: YYYY-MM-DD for a day and for a
// week (its Monday), YYYY-MM for a month, YYYY for a year.
func (d Date) String() string {
	switch d.Precision {
	case Year:
		return d.Start.Format("2006")
	case Month:
		return d.Start.Format("2006-01")
	default:
		return d.Start.Format("2006-01-02")
	}
}

// ParseDate reads a date in the form String writes, at precision p.
func ParseDate(s string, p Precision) (Date, error) {
	layout := "2006-01-02"
	switch p {
	case Year:
		layout = "2006"
	case Month:
		layout = "2006-01"
	case Day, Week:
	default:
		return Date{}, fmt.Errorf("parse date %q: unknown precision %q (want day, week, month or year)", s, p)
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q as %s: %w", s, p, err)
	}
	return NewDate(t, p), nil
}
