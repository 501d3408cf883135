package bot

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// fakeClock is a Clock that moves only when a test moves it. Its timers
// fire by a blocking send, so a fired timer is known to have been taken by
// the loop waiting on it.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	c  *fakeClock
	at time.Time
	ch chan time.Time
}

func newFakeClock(start time.Time) *fakeClock { return &fakeClock{now: start} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) NewTimer(d time.Duration) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, at: c.now.Add(d), ch: make(chan time.Time)}
	c.timers = append(c.timers, t)
	return t
}

func (t *fakeTimer) C() <-chan time.Time { return t.ch }

func (t *fakeTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	i := slices.Index(t.c.timers, t)
	if i < 0 {
		return false
	}
	t.c.timers = slices.Delete(t.c.timers, i, i+1)
	return true
}

// live is the number of timers waiting.
func (c *fakeClock) live() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}

// set moves the clock to t without firing anything (for setting up).
func (c *fakeClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// advanceTo moves the clock to `to`, stopping at each timer due on the way:
// the clock reads the timer's time when it fires, and advanceTo waits for
// settled() before it goes on, so the work a timer starts is done at the
// time it was due.
func (c *fakeClock) advanceTo(tb testing.TB, to time.Time, settled func() bool) {
	tb.Helper()
	waitSettled(tb, settled)
	for {
		c.mu.Lock()
		var first *fakeTimer
		for _, t := range c.timers {
			if !t.at.After(to) && (first == nil || t.at.Before(first.at)) {
				first = t
			}
		}
		if first == nil {
			c.now = to
			c.mu.Unlock()
			waitSettled(tb, settled)
			return
		}
		if first.at.After(c.now) {
			c.now = first.at
		}
		c.timers = slices.DeleteFunc(c.timers, func(t *fakeTimer) bool { return t == first })
		now := c.now
		c.mu.Unlock()
		select {
		case first.ch <- now:
		case <-time.After(10 * time.Second):
			tb.Fatalf("fake clock: nobody took the timer due at %s", first.at)
		}
		waitSettled(tb, settled)
	}
}

func waitSettled(tb testing.TB, settled func() bool) {
	tb.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !settled() {
		if time.Now().After(deadline) {
			tb.Fatal("fake clock: the scheduler did not settle within 20s")
		}
		time.Sleep(50 * time.Microsecond)
	}
}
