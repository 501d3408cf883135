package bot

import (
	"strings"
	"testing"
	"time"
)

func TestClockFromEnv(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	tests := []struct {
		name    string
		getenv  func(string) string
		apiBase string
		err     string
	}{
		{"off by default", env(), "", ""},
		{"off against Discord", env(), "https://discord.com", ""},
		{"on against a loopback fake", env(EnvClockStart, "2026-03-28T23:00:00Z", EnvClockRate, "60"), "http://127.0.0.1:4000", ""},
		{"refused against a host name", env(EnvClockStart, "2026-03-28T23:00:00Z"), "http://localhost:4000", "refusing"},
		{"on against IPv6 loopback", env(EnvClockStart, "2026-03-28T23:00:00Z"), "http://[::1]:4000", ""},
		{"refused against Discord", env(EnvClockStart, "2026-03-28T23:00:00Z"), "", "needs DISCORD_API_BASE to be a local fake"},
		{"refused against another host", env(EnvClockStart, "2026-03-28T23:00:00Z"), "https://proxy.example.org", "refusing"},
		{"refused against a name that looks local", env(EnvClockStart, "2026-03-28T23:00:00Z"), "http://127.0.0.1.example.org", "refusing"},
		{"bad start", env(EnvClockStart, "tomorrow"), "http://127.0.0.1:4000", "RFC 3339"},
		{"bad rate", env(EnvClockStart, "2026-03-28T23:00:00Z", EnvClockRate, "-2"), "http://127.0.0.1:4000", "want a number"},
		{"rate without start", env(EnvClockRate, "60"), "http://127.0.0.1:4000", "without"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ClockFromEnv(tt.getenv, tt.apiBase)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.getenv(EnvClockStart) == "" {
				if _, ok := c.(realClock); !ok {
					t.Errorf("clock %T, want the real clock", c)
				}
			}
		})
	}
}

func TestScaledClock(t *testing.T) {
	start := time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC)
	c := NewScaledClock(start, 3600) // an hour a second
	if d := c.Now().Sub(start); d < 0 || d > time.Hour {
		t.Errorf("just started, the clock reads start+%v", d)
	}
	timer := c.NewTimer(time.Hour)
	select {
	case <-timer.C():
	case <-time.After(5 * time.Second):
		t.Fatal("an hour on a clock 3600 times as fast took more than 5s")
	}
	if now := c.Now(); now.Before(start.Add(time.Hour)) {
		t.Errorf("the timer fired at %v, before its hour had passed on the clock", now)
	}
}
