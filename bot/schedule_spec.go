package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/storage"
	"github.com/robfig/cron/v3"
)

// digestSpecParser reads the five-field cron specs the scheduler builds
// ("MM HH * * *"). It has no descriptors and no CRON_TZ: the time zone is
// never part of the string, it is set on the parsed schedule.
var digestSpecParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)

// dailySchedule is one server's digest time: HH:MM every day in its zone.
//
// It is a cron.SpecSchedule with its Location set to the validated zone,
// and it is itself a cron.Schedule. robfig/cron v3's Next gets two
// daylight-saving days wrong for a daily schedule (see
// TestCronNextAtDaylightSaving): on a spring-forward night it skips the day
// whose HH:MM does not exist (02:30 in Berlin on 29 March 2026 is never
// reached, the next run is 30 March), and in a fall-back night it runs a
// repeated HH:MM twice (01:30 in New York on 1 November 2026). Next
// corrects both: a day in a gap runs at the first instant after the gap,
// a repeated time runs at its first occurrence only.
type dailySchedule struct {
	spec         *cron.SpecSchedule
	loc          *time.Location
	hour, minute int
	// Text is the spec string, for logs ("30 2 * * *").
	text string
}

var _ cron.Schedule = dailySchedule{}

// scheduleFor builds the digest schedule of a server's settings. It fails
// when the server has no digest (no channel, time or zone), when the
// server or channel ID is not a Discord ID (the console keeps settings
// under "console" in the same file: Discord would refuse every post), or
// when the time or the zone is not valid (see timeSchedule).
func scheduleFor(g storage.Guild) (dailySchedule, error) {
	if g.ChannelID == "" || g.DigestTime == "" || g.TimeZone == "" {
		return dailySchedule{}, fmt.Errorf("server %s has no daily digest set up (channel, time and time zone)", g.ID)
	}
	if !postable(g) {
		return dailySchedule{}, fmt.Errorf("server %q, channel %q: not Discord IDs (settings made in the console?); no digest is posted for them", g.ID, g.ChannelID)
	}
	return timeSchedule(g)
}

// timeSchedule builds the schedule of a server's digest time and zone,
// whatever its channel: the time is HH:MM as /briefing setup stores it
// (two digits each), and the zone is checked with time.LoadLocation and
// must be an IANA name (not "Local").
func timeSchedule(g storage.Guild) (dailySchedule, error) {
	hh, mm, ok := parseClock(g.DigestTime)
	if !ok || len(g.DigestTime) != len("15:04") {
		return dailySchedule{}, fmt.Errorf("server %s: digest time %q is not HH:MM", g.ID, g.DigestTime)
	}
	if g.TimeZone == "" || strings.EqualFold(g.TimeZone, "local") {
		return dailySchedule{}, fmt.Errorf("server %s: time zone %q is not an IANA zone name", g.ID, g.TimeZone)
	}
	loc, err := time.LoadLocation(g.TimeZone)
	if err != nil {
		return dailySchedule{}, fmt.Errorf("server %s: time zone %q: %w", g.ID, g.TimeZone, err)
	}
	return newDailySchedule(hh, mm, loc)
}

func newDailySchedule(hh, mm int, loc *time.Location) (dailySchedule, error) {
	text := fmt.Sprintf("%d %d * * *", mm, hh)
	s, err := digestSpecParser.Parse(text)
	if err != nil {
		return dailySchedule{}, fmt.Errorf("digest schedule %q: %w", text, err)
	}
	spec, ok := s.(*cron.SpecSchedule)
	if !ok {
		return dailySchedule{}, fmt.Errorf("digest schedule %q: parsed as %T, not a spec schedule", text, s)
	}
	spec.Location = loc
	return dailySchedule{spec: spec, loc: loc, hour: hh, minute: mm, text: text}, nil
}

// postable reports whether the bot may post to a server's channel: both
// are Discord IDs. The console keeps its settings in the same file under
// server "console" with a channel name such as "general"; Discord would
// refuse every post there, and the bot must not try.
func postable(g storage.Guild) bool {
	return IsSnowflake(g.ID) && IsSnowflake(g.ChannelID)
}

// IsSnowflake reports whether s has the form of a Discord ID (a
// snowflake): 15 to 20 decimal digits.
func IsSnowflake(s string) bool {
	if len(s) < 15 || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseClock reads "HH:MM" (or "H:MM") on a 24-hour clock: a time typed
// in /briefing setup, or (checked for two-digit hours by timeSchedule) the
// digest time stored from it.
func parseClock(s string) (hour, minute int, ok bool) {
	h, m, found := strings.Cut(strings.TrimSpace(s), ":")
	if !found || len(m) != 2 || len(h) < 1 || len(h) > 2 {
		return 0, 0, false
	}
	hour, err1 := strconv.Atoi(h)
	minute, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return 0, 0, false
	}
	return hour, minute, true
}

// at returns the instant of the digest on a local calendar date: HH:MM on
// that date in the zone. When daylight saving skips HH:MM that day, it is
// the first instant after the gap; when HH:MM happens twice, the first.
func (d dailySchedule) at(y int, m time.Month, day int) time.Time {
	t := time.Date(y, m, day, d.hour, d.minute, 0, 0, d.loc)
	want := time.Date(y, m, day, d.hour, d.minute, 0, 0, time.UTC)
	if got := wall(t); !got.Equal(want) {
		// HH:MM does not exist: time.Date moved it across the gap, one
		// way or the other. The gap ends where the zone in effect after
		// it begins.
		start, end := t.ZoneBounds()
		if got.After(want) {
			return start
		}
		return end
	}
	// A repeated hour: if the zone before this one had a larger offset,
	// the same wall time may also have happened before the transition.
	start, _ := t.ZoneBounds()
	if !start.IsZero() && t.Sub(start) < 6*time.Hour {
		_, off := t.Zone()
		_, before := start.Add(-time.Nanosecond).Zone()
		if before > off {
			earlier := t.Add(-time.Duration(before-off) * time.Second)
			if earlier.Before(start) && wall(earlier).Equal(want) {
				return earlier
			}
		}
	}
	return t
}

// wall is t's local wall clock reading as a UTC time, for comparing wall
// times across zone offsets.
func wall(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// atDate is at for the local date of t.
func (d dailySchedule) atDate(t time.Time) time.Time {
	y, m, day := t.In(d.loc).Date()
	return d.at(y, m, day)
}

// Next returns the first digest instant after t. It asks cron's Next and
// corrects its two daylight-saving errors (see dailySchedule).
func (d dailySchedule) Next(t time.Time) time.Time {
	n := d.spec.Next(t)
	if n.IsZero() {
		return d.byDate(t)
	}
	// A date cron skipped: its HH:MM fell in a gap.
	local := t.In(d.loc)
	y, m, day := local.Date()
	last := n.In(d.loc)
	for i := 0; i < 3; i++ {
		date := time.Date(y, m, day+i, 12, 0, 0, 0, d.loc)
		if !dateBefore(date, last) {
			break
		}
		if at := d.at(date.Date()); at.After(t) && at.Before(n) {
			return at
		}
	}
	// A repeated HH:MM whose first occurrence already passed: the date's
	// digest time was that first occurrence, so the next is another day's.
	if first := d.atDate(n); first.Before(n) && !first.After(t) {
		return d.Next(n)
	}
	return n
}

// byDate is Next computed from the dates alone; cron's Next gives up after
// five years without a match, which a daily schedule never reaches.
func (d dailySchedule) byDate(t time.Time) time.Time {
	y, m, day := t.In(d.loc).Date()
	for i := 0; i < 3; i++ {
		if at := d.at(y, m, day+i); at.After(t) {
			return at
		}
	}
	return d.at(y, m, day+3)
}

// prev returns the latest digest instant at or before t.
func (d dailySchedule) prev(t time.Time) time.Time {
	y, m, day := t.In(d.loc).Date()
	for i := 0; i < 3; i++ {
		if at := d.at(y, m, day-i); !at.After(t) {
			return at
		}
	}
	return d.at(y, m, day-3)
}

// dateBefore reports whether a's local calendar date is before b's.
func dateBefore(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC).Before(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC))
}

// localDate is the local calendar date of t in loc, as YYYY-MM-DD: the key
// of the digest log.
func localDate(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(time.DateOnly)
}
