package bot

import (
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot/storage"
)

func mustDaily(t testing.TB, clock, zone string) dailySchedule {
	t.Helper()
	d, err := scheduleFor(storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: clock, TimeZone: zone})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustRFC3339(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestCronNextAtDaylightSaving records what robfig/cron v3's own Next does
// on the two daylight-saving nights of the issue, which is why
// dailySchedule corrects it. If a cron release fixes this, the correction
// becomes a no-op and this test says so.
func TestCronNextAtDaylightSaving(t *testing.T) {
	berlin := mustDaily(t, "02:30", "Europe/Berlin")
	// From the 28 March digest, cron's next run is 30 March: 29 March has
	// no 02:30.
	if got := berlin.spec.Next(mustRFC3339(t, "2026-03-28T02:30:00+01:00")); !got.Equal(mustRFC3339(t, "2026-03-30T02:30:00+02:00")) {
		t.Errorf("cron Next after 28 March 02:30 Berlin = %v; the correction assumes it skips to 30 March", got)
	}
	ny := mustDaily(t, "01:30", "America/New_York")
	// From the first 01:30 of 1 November, cron runs again an hour later.
	if got := ny.spec.Next(mustRFC3339(t, "2026-11-01T01:30:00-04:00")); !got.Equal(mustRFC3339(t, "2026-11-01T01:30:00-05:00")) {
		t.Errorf("cron Next after the first 01:30 of 1 November = %v; the correction assumes the repeat", got)
	}
}

func TestDailySchedule_Next(t *testing.T) {
	tests := []struct {
		clock, zone, after, want string
	}{
		// Spring forward in Berlin: 02:00 CET becomes 03:00 CEST; 02:30 is
		// in the gap and runs at 03:00, once.
		{"02:30", "Europe/Berlin", "2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00"},
		{"02:30", "Europe/Berlin", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"},
		{"02:00", "Europe/Berlin", "2026-03-28T12:00:00+01:00", "2026-03-29T03:00:00+02:00"},
		{"03:00", "Europe/Berlin", "2026-03-28T12:00:00+01:00", "2026-03-29T03:00:00+02:00"},
		{"01:59", "Europe/Berlin", "2026-03-28T12:00:00+01:00", "2026-03-29T01:59:00+01:00"},
		// Fall back in New York: 01:00-02:00 happens twice; 01:30 runs at
		// the first, and the next run is the following day.
		{"01:30", "America/New_York", "2026-10-31T12:00:00-04:00", "2026-11-01T01:30:00-04:00"},
		{"01:30", "America/New_York", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"},
		{"01:30", "America/New_York", "2026-11-01T01:45:00-04:00", "2026-11-02T01:30:00-05:00"},
		{"01:30", "America/New_York", "2026-11-01T01:10:00-05:00", "2026-11-02T01:30:00-05:00"},
		// Spring forward in New York, 8 March 2026.
		{"02:15", "America/New_York", "2026-03-07T02:15:00-05:00", "2026-03-08T03:00:00-04:00"},
		// No daylight saving in Tokyo.
		{"09:00", "Asia/Tokyo", "2026-03-29T09:00:00+09:00", "2026-03-30T09:00:00+09:00"},
		{"00:00", "Asia/Tokyo", "2026-03-29T23:59:59+09:00", "2026-03-30T00:00:00+09:00"},
		// Lord Howe Island moves its clocks by half an hour (5 April 2026:
		// 02:00 +11 becomes 01:30 +10:30; 4 October: 02:00 becomes 02:30).
		{"01:45", "Australia/Lord_Howe", "2026-04-04T12:00:00+11:00", "2026-04-05T01:45:00+11:00"},
		{"02:15", "Australia/Lord_Howe", "2026-10-03T12:00:00+10:30", "2026-10-04T02:30:00+11:00"},
		// Just before the time, on the day.
		{"08:00", "Europe/Berlin", "2026-03-29T07:59:59+02:00", "2026-03-29T08:00:00+02:00"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %s after %s", tt.clock, tt.zone, tt.after), func(t *testing.T) {
			d := mustDaily(t, tt.clock, tt.zone)
			got := d.Next(mustRFC3339(t, tt.after))
			if want := mustRFC3339(t, tt.want); !got.Equal(want) {
				t.Errorf("Next = %s, want %s", got.In(d.loc).Format(time.RFC3339), want.In(d.loc).Format(time.RFC3339))
			}
		})
	}
}

// TestDailySchedule_OncePerLocalDay walks a whole year of runs in zones
// with every kind of transition and checks the contract the digest relies
// on: one run per local date, none skipped, each at the date's instant.
func TestDailySchedule_OncePerLocalDay(t *testing.T) {
	zones := []string{"Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Lord_Howe", "America/Havana", "Pacific/Apia", "America/Sao_Paulo", "UTC"}
	clocks := []string{"00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "12:00", "23:30", "23:59"}
	for _, zone := range zones {
		for _, clock := range clocks {
			d := mustDaily(t, clock, zone)
			start := time.Date(2026, 1, 1, 0, 0, 0, 0, d.loc)
			at := start
			prevDate := ""
			for range 366 {
				next := d.Next(at)
				if !next.After(at) {
					t.Fatalf("%s %s: Next(%s) = %s, not after", zone, clock, at, next)
				}
				date := localDate(next, d.loc)
				if prevDate != "" {
					want := mustDate(t, prevDate).AddDate(0, 0, 1).Format(time.DateOnly)
					if date != want && !skippedDate(d, want) {
						t.Errorf("%s %s: after %s the next run is on %s, want %s", zone, clock, prevDate, date, want)
					}
				}
				if want := d.atDate(next); !next.Equal(want) {
					t.Errorf("%s %s: run at %s, but the date's instant is %s", zone, clock, next, want)
				}
				if p := d.prev(next); !p.Equal(next) {
					t.Errorf("%s %s: prev(%s) = %s, want itself", zone, clock, next, p)
				}
				prevDate, at = date, next
			}
		}
	}
}

// skippedDate reports whether a local date does not exist in the zone at
// all (Samoa skipped 30 December 2011); none does in 2026, so this only
// keeps the walk honest.
func skippedDate(d dailySchedule, date string) bool {
	t := mustDayIn(date, d.loc)
	return t.In(d.loc).Format(time.DateOnly) != date
}

func mustDate(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustDayIn(s string, loc *time.Location) time.Time {
	v, _ := time.ParseInLocation(time.DateOnly+" 15:04", s+" 12:00", loc)
	return v
}

func TestScheduleFor_Rejects(t *testing.T) {
	tests := []struct {
		name string
		g    storage.Guild
	}{
		{"no channel", storage.Guild{ID: guild1, DigestTime: "08:00", TimeZone: "UTC"}},
		{"no time", storage.Guild{ID: guild1, ChannelID: chan1, TimeZone: "UTC"}},
		{"no zone", storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00"}},
		{"bad time", storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "8:00", TimeZone: "UTC"}},
		{"hour 24", storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "24:00", TimeZone: "UTC"}},
		{"unknown zone", storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "Mars/Olympus_Mons"}},
		{"local", storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "Local"}},
		// A zone is never pasted into a spec string, so cron syntax in it
		// is just an unknown zone.
		{"cron syntax as zone", storage.Guild{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC 0 0 * * *"}},
		// The console's settings: Discord would refuse every post.
		{"console server", storage.Guild{ID: "console", ChannelID: "general", DigestTime: "08:00", TimeZone: "UTC"}},
		{"channel by name", storage.Guild{ID: guild1, ChannelID: "general", DigestTime: "08:00", TimeZone: "UTC"}},
		{"short number", storage.Guild{ID: "12345", ChannelID: chan1, DigestTime: "08:00", TimeZone: "UTC"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d, err := scheduleFor(tt.g); err == nil {
				t.Errorf("scheduleFor(%+v) = %q, want an error", tt.g, d.text)
			}
		})
	}
	d := mustDaily(t, "07:05", "Asia/Tokyo")
	if d.text != "5 7 * * *" || d.spec.Location.String() != "Asia/Tokyo" {
		t.Errorf("spec %q in %s, want \"5 7 * * *\" in Asia/Tokyo", d.text, d.spec.Location)
	}
}

// TestNextDigest_AgreesWithTheSchedule: /briefing show's next digest comes
// from the same reading of the settings as the scheduler's, so it shows
// none for settings the scheduler refuses.
func TestNextDigest_AgreesWithTheSchedule(t *testing.T) {
	now := time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC)
	for _, g := range []storage.Guild{
		{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "Europe/Berlin"},
		{ID: guild1, ChannelID: chan1, DigestTime: "8:00", TimeZone: "UTC"},
		{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "Local"},
		{ID: guild1, ChannelID: chan1, DigestTime: "08:00", TimeZone: "Mars/Olympus"},
	} {
		sched, err := scheduleFor(g)
		at, ok := nextDigest(g, now)
		if ok != (err == nil) {
			t.Errorf("%+v: nextDigest ok = %v but scheduleFor err = %v", g, ok, err)
			continue
		}
		if ok && !at.Equal(sched.Next(now)) {
			t.Errorf("%+v: nextDigest = %v, the schedule's next = %v", g, at, sched.Next(now))
		}
	}
}
