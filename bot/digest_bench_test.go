package bot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/briefbot/briefbot/storage/storagetest"
)

// The digest benchmark's store: 100,000 generated articles. All but the
// last 1,000 are stored in bulk a year before the benchmark's day; the last
// 1,000 are stored 100 a day (at noon UTC) over ten days, each published the
// day it is stored, so every server's digest window holds one day's
// hundred, looked up in indexes of the full size.
const (
	benchDigestArticles = 100_000
	benchDigestPerDay   = 100
	benchDigestDays     = 10
	benchDigestBulk     = 5_000
	benchDigestServers  = 1000
	benchDigestSeed     = 20260329
)

var benchDigestZones = []string{"Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC", "Australia/Sydney", "America/Los_Angeles", "Asia/Kolkata", "Europe/London"}

// digestBenchStore builds the benchmark's store of n articles in dir and
// returns it with the time its last day was stored.
func digestBenchStore(tb testing.TB, dir string, n int) (*storage.DB, time.Time) {
	tb.Helper()
	now := time.Date(2022, 1, 1, 12, 0, 0, 0, time.UTC)
	db, err := storage.Open(filepath.Join(dir, "digest-bench.db"), storage.Options{Now: func() time.Time { return now }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	g := storagetest.NewGenerator(benchDigestSeed)
	put := func(count int, published time.Time) {
		batch := make([]briefing.Briefing, 0, count)
		for range count {
			b := g.Next()
			if !published.IsZero() {
				b.Article.Published = published
			}
			batch = append(batch, b)
		}
		if _, err := db.PutBatch(context.Background(), batch); err != nil {
			tb.Fatal(err)
		}
	}
	recent := min(n, benchDigestDays*benchDigestPerDay)
	for done := 0; done < n-recent; done += benchDigestBulk {
		put(min(benchDigestBulk, n-recent-done), time.Time{})
	}
	now = time.Date(2023, 1, 1, 12, 0, 0, 0, time.UTC)
	last := now
	for done := 0; done < recent; done += benchDigestPerDay {
		put(min(benchDigestPerDay, recent-done), now.Truncate(24*time.Hour))
		last = now
		now = now.AddDate(0, 0, 1)
	}
	return db, last
}

// benchServers are servers whose digest times are spread over the day
// after lastDay, each in one of several zones, with the local date of that
// digest.
func benchServers(tb testing.TB, lastDay time.Time, n int) ([]storage.Guild, []time.Time, []*time.Location) {
	tb.Helper()
	var guilds []storage.Guild
	var dates []time.Time
	var locs []*time.Location
	step := 24 * time.Hour / time.Duration(n)
	for i := range n {
		loc, err := time.LoadLocation(benchDigestZones[i%len(benchDigestZones)])
		if err != nil {
			tb.Fatal(err)
		}
		at := lastDay.Add(time.Minute + time.Duration(i)*step).In(loc)
		guilds = append(guilds, storage.Guild{ID: fmt.Sprintf("9%017d", i), ChannelID: fmt.Sprintf("8%017d", i),
			DigestTime: at.Format("15:04"), TimeZone: loc.String()})
		dates = append(dates, localDay(at, loc))
		locs = append(locs, loc)
	}
	return guilds, dates, locs
}

// BenchmarkDigests builds and renders the digests of 1,000 servers, in
// several zones with times spread over a day, from a store of 100,000
// articles: one op is all 1,000. cpu-ms/op is the process's user and
// system CPU time per op.
//
// "scheduler" is the scheduler's path: the digest cache, new for each op,
// so each op pays for filling it once. "preview" is the path of /digest
// and `briefbot digest --guild`, which reads the store for each digest.
//
// Building the store takes minutes (PutBatch of 100,000 generated
// articles); BRIEFBOT_DIGEST_BENCH_ARTICLES sets a smaller one for a quick
// look.
func BenchmarkDigests(b *testing.B) {
	n := benchDigestArticles
	if s := os.Getenv("BRIEFBOT_DIGEST_BENCH_ARTICLES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < benchDigestDays*benchDigestPerDay {
			b.Fatalf("BRIEFBOT_DIGEST_BENCH_ARTICLES=%q: want a number of articles, at least %d", s, benchDigestDays*benchDigestPerDay)
		}
		n = v
	}
	start := time.Now()
	db, lastDay := digestBenchStore(b, b.TempDir(), n)
	b.Logf("store of %d articles built in %v", n, time.Since(start).Round(time.Second))
	guilds, dates, locs := benchServers(b, lastDay, benchDigestServers)
	ctx := context.Background()
	now := lastDay.Add(25 * time.Hour)

	run := func(b *testing.B, build func(i int, rd digestReader) (briefing.Digest, error), fresh func() digestReader) {
		articles, messages := 0, 0
		cpu0 := cpuTime()
		for b.Loop() {
			rd := fresh()
			articles, messages = 0, 0
			for i := range guilds {
				d, err := build(i, rd)
				if err != nil {
					b.Fatal(err)
				}
				articles += len(d.Articles) + d.MoreArticles
				messages += len(renderDigest(d))
			}
		}
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		b.ReportMetric(float64(articles)/benchDigestServers, "articles/digest")
		b.ReportMetric(float64(messages)/benchDigestServers, "messages/digest")
	}
	b.Run("scheduler", func(b *testing.B) {
		run(b, func(i int, rd digestReader) (briefing.Digest, error) {
			sched, err := scheduleFor(guilds[i])
			if err != nil {
				return briefing.Digest{}, err
			}
			return gatherDigest(ctx, db, rd, guilds[i].ID, sched.at(dates[i].Date()), locs[i], nil)
		}, func() digestReader { return newDigestCache(db, func() time.Time { return now }) })
	})
	b.Run("preview", func(b *testing.B) {
		run(b, func(i int, _ digestReader) (briefing.Digest, error) {
			return GuildDigest(ctx, db, guilds[i], dates[i], locs[i])
		}, func() digestReader { return nil })
	})
}

// cpuTime is the CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestDigestBenchStore checks the benchmark measures what it says, on a
// small store: every server's digest lists its day's articles.
func TestDigestBenchStore(t *testing.T) {
	db, lastDay := digestBenchStore(t, t.TempDir(), 3*benchDigestPerDay)
	guilds, dates, locs := benchServers(t, lastDay, 50)
	for i, g := range guilds {
		d, err := GuildDigest(context.Background(), db, g, dates[i], locs[i])
		if err != nil {
			t.Fatal(err)
		}
		if n := len(d.Articles) + d.MoreArticles; n != benchDigestPerDay {
			t.Fatalf("server %d (%s %s, %s): %d new articles, want the %d of one day", i, g.DigestTime, g.TimeZone, dates[i].Format(time.DateOnly), n, benchDigestPerDay)
		}
		if len(d.Quotes) == 0 {
			t.Errorf("server %d: no quotes", i)
		}
	}
}
