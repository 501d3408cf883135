package bot

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Clock is where the scheduler gets the time and waits for it. Production
// uses RealClock; tests drive a clock of their own, and a child process in
// an end-to-end test may run a fast one (see ClockFromEnv).
type Clock interface {
	Now() time.Time
	// NewTimer returns a timer that fires once d has passed on this clock.
	NewTimer(d time.Duration) Timer
}

// Timer is a one-shot timer of a Clock. The time sent on C is not
// meaningful; read Now from the clock after it fires.
type Timer interface {
	C() <-chan time.Time
	// Stop prevents the timer from firing; it reports whether it did.
	Stop() bool
}

// RealClock returns the wall clock.
func RealClock() Clock { return realClock{} }

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) NewTimer(d time.Duration) Timer { return realTimer{time.NewTimer(d)} }

type realTimer struct{ t *time.Timer }

func (t realTimer) C() <-chan time.Time { return t.t.C }
func (t realTimer) Stop() bool          { return t.t.Stop() }

// scaledClock starts at a given instant and runs rate times as fast as the
// wall clock: a week of schedule passes in minutes.
type scaledClock struct {
	start     time.Time
	realStart time.Time
	rate      float64
}

// NewScaledClock returns a clock that reads start now and then runs rate
// times as fast as the wall clock. It exists for end-to-end tests of the
// schedule in a real process; see ClockFromEnv.
func NewScaledClock(start time.Time, rate float64) Clock {
	if rate <= 0 {
		rate = 1
	}
	return &scaledClock{start: start, realStart: time.Now(), rate: rate}
}

func (c *scaledClock) Now() time.Time {
	elapsed := time.Since(c.realStart)
	return c.start.Add(time.Duration(float64(elapsed) * c.rate))
}

func (c *scaledClock) NewTimer(d time.Duration) Timer {
	// Round up, so that the timer never fires before d has passed on this
	// clock; callers still compare with Now.
	real := time.Duration(float64(d)/c.rate) + time.Microsecond
	return realTimer{time.NewTimer(max(real, 0))}
}

// The test hook that makes a briefbot process run on a fast clock. It is
// for end-to-end tests of the schedule across days and restarts, and is
// refused unless Discord is a local fake (a loopback API base), so it
// cannot be turned on against the real Discord by accident.
const (
	// EnvClockStart is the RFC 3339 instant the process's clock starts at.
	EnvClockStart = "BRIEFBOT_TEST_CLOCK_START"
	// EnvClockRate is how many times faster than the wall clock it runs
	// (default 1).
	EnvClockRate = "BRIEFBOT_TEST_CLOCK_RATE"
)

// ClockFromEnv returns the clock a briefbot process schedules by: the wall
// clock, unless EnvClockStart is set. Setting it with an API base that is
// not a loopback URL (the real Discord, or any other host) is an error, as
// are a malformed start or rate.
func ClockFromEnv(getenv func(string) string, apiBase string) (Clock, error) {
	start := strings.TrimSpace(getenv(EnvClockStart))
	rateText := strings.TrimSpace(getenv(EnvClockRate))
	if start == "" {
		if rateText != "" {
			return nil, fmt.Errorf("%s is set without %s: the test clock needs a start", EnvClockRate, EnvClockStart)
		}
		return RealClock(), nil
	}
	if !loopbackURL(apiBase) {
		return nil, fmt.Errorf("%s is a test hook and needs DISCORD_API_BASE to be a local fake Discord (http://127.0.0.1:PORT); refusing to run a test clock against %q", EnvClockStart, apiBase)
	}
	t, err := time.Parse(time.RFC3339, start)
	if err != nil {
		return nil, fmt.Errorf("%s %q: want an RFC 3339 time such as 2026-03-28T23:00:00Z", EnvClockStart, start)
	}
	rate := 1.0
	if rateText != "" {
		rate, err = strconv.ParseFloat(rateText, 64)
		if err != nil || rate <= 0 || rate > 1e6 {
			return nil, fmt.Errorf("%s %q: want a number from 0 to 1000000", EnvClockRate, rateText)
		}
	}
	return NewScaledClock(t, rate), nil
}

// loopbackURL reports whether raw is an http(s) URL whose host is a
// loopback IP address, written as one: a name is not resolved.
func loopbackURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	ip := net.ParseIP(u.Hostname())
	return ip != nil && ip.IsLoopback()
}
