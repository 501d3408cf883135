package source

import "time"

// Backoff returns how long to wait before polling a feed again after
// failures consecutive failures: the interval doubled for each failure after
// the first, never more than limit. With no failures it is the interval.
// Waiting longer after each failure spares a broken or overloaded server
// and keeps a dead feed from costing a fetch every few minutes; the limit
// makes a feed that comes back recover within a day or so.
func Backoff(failures int, interval, limit time.Duration) time.Duration {
	if interval <= 0 {
		interval = time.Minute
	}
	if limit < interval {
		limit = interval
	}
	d := interval
	for i := 1; i < failures; i++ {
		if d >= limit/2 {
			return limit
		}
		d *= 2
	}
	return min(d, limit)
}
