package source

import (
	"math"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	const (
		interval = 30 * time.Minute
		limit    = 24 * time.Hour
	)
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{-1, interval},
		{0, interval},
		{1, interval},
		{2, time.Hour},
		{3, 2 * time.Hour},
		{4, 4 * time.Hour},
		{5, 8 * time.Hour},
		{6, 16 * time.Hour},
		{7, limit},
		{8, limit},
		{64, limit},
		{math.MaxInt, limit},
	}
	for _, tt := range tests {
		if got := Backoff(tt.failures, interval, limit); got != tt.want {
			t.Errorf("Backoff(%d, 30m, 24h) = %s, want %s", tt.failures, got, tt.want)
		}
	}
	// Odd inputs still give a sane, positive delay.
	if got := Backoff(3, 0, 0); got != time.Minute {
		t.Errorf("Backoff(3, 0, 0) = %s, want 1m", got)
	}
	if got := Backoff(10, time.Hour, time.Minute); got != time.Hour {
		t.Errorf("Backoff with a limit under the interval = %s, want the interval", got)
	}
	if got := Backoff(100, math.MaxInt64/2, math.MaxInt64); got != math.MaxInt64 {
		t.Errorf("Backoff near the top of Duration = %s, want the limit (no overflow)", got)
	}
}
