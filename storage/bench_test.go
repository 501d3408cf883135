package storage_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/briefbot/briefbot/storage/storagetest"
)

// benchArticles is the size of the benchmark store: 100,000 articles, or
// BRIEFBOT_BENCH_ARTICLES, or 5,000 with -short.
func benchArticles(b *testing.B) int {
	if s := os.Getenv("BRIEFBOT_BENCH_ARTICLES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1000 {
			b.Fatalf("BRIEFBOT_BENCH_ARTICLES=%q: want a number of at least 1000", s)
		}
		return n
	}
	if testing.Short() {
		return 5000
	}
	return 100_000
}

// benchBatch is the bulk-ingest batch: 2,500 briefings, or
// BRIEFBOT_BENCH_BATCH (at most storage.MaxBatch). Bigger batches touch
// each index page and word block once for more articles.
func benchBatch(b *testing.B) int {
	if s := os.Getenv("BRIEFBOT_BENCH_BATCH"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > storage.MaxBatch {
			b.Fatalf("BRIEFBOT_BENCH_BATCH=%q: want a number from 1 to %d", s, storage.MaxBatch)
		}
		return n
	}
	return 2500
}

// BenchmarkStore builds one store of generated articles with PutBatch (it
// takes minutes at 100,000) and measures queries against it, then bulk
// and single writes into it. BRIEFBOT_BENCH_DB names a file to build the
// store in and to reuse on later runs.
//
//	go test -run '^$' -bench . -benchmem ./storage/
func BenchmarkStore(b *testing.B) {
	ctx := context.Background()
	n := benchArticles(b)
	path := os.Getenv("BRIEFBOT_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()

	st, err := db.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	batchSize := benchBatch(b)
	if st.Articles < n {
		g := storagetest.NewGenerator(1)
		start, cpu0 := time.Now(), cpuTime()
		for i := 0; i < n; i += batchSize {
			batch := make([]briefing.Briefing, 0, batchSize)
			for range min(batchSize, n-i) {
				batch = append(batch, g.Next())
			}
			if _, err := db.PutBatch(ctx, batch); err != nil {
				b.Fatal(err)
			}
		}
		built, cpu := time.Since(start), cpuTime()-cpu0
		b.Logf("built %d articles in %v (%v CPU): %.0f articles/s, %.0f articles per CPU-second, including generation",
			n, built.Round(time.Second), cpu.Round(time.Second), float64(n)/built.Seconds(), float64(n)/cpu.Seconds())
		if st, err = db.Stats(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("store: %d articles, %d quotes, %d events, %d people; file %d MB",
		st.Articles, st.Quotes, st.Events, st.People, st.FileBytes>>20)

	// Query arguments from the data: the most quoted person, a surname
	// that is theirs, a window in the middle of the dates.
	top, err := db.People(ctx, "", 1)
	if err != nil || len(top) == 0 {
		b.Fatalf("People: %v", err)
	}
	who := top[0]
	surname := who.Name[strings.LastIndex(who.Name, " ")+1:]
	b.Logf("most quoted: %s (%d quotes)", who.Name, who.Quotes)
	latest, err := db.Latest(ctx, 1)
	if err != nil || len(latest) == 0 {
		b.Fatal(err)
	}
	someID := latest[0].Article.ID
	from := time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC)

	b.Run("QuotesBy/key/20", func(b *testing.B) {
		for b.Loop() {
			qs, total, err := db.QuotesBy(ctx, who.Key, 0, 20)
			if err != nil || len(qs) != 20 || total != who.Quotes {
				b.Fatalf("QuotesBy = %d, %d, %v", len(qs), total, err)
			}
		}
	})
	b.Run("QuotesBy/name/page3", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := db.QuotesBy(ctx, "Mr. "+surname, 40, 20); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("EventsBetween/14days", func(b *testing.B) {
		for b.Loop() {
			evs, err := db.EventsBetween(ctx, from, from.AddDate(0, 0, 14), 25)
			if err != nil || len(evs) == 0 {
				b.Fatalf("EventsBetween = %d, %v", len(evs), err)
			}
		}
	})
	b.Run("ResolvePerson/surname", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.ResolvePerson(ctx, "Mr. "+surname); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ResolvePerson/role+name", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.ResolvePerson(ctx, "Foreign Minister "+who.Name); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("People/prefix", func(b *testing.B) {
		prefix := strings.ToLower(surname[:2])
		for b.Loop() {
			ps, err := db.People(ctx, prefix, 25)
			if err != nil || len(ps) == 0 {
				b.Fatalf("People = %d, %v", len(ps), err)
			}
		}
	})
	b.Run("People/empty", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.People(ctx, "", 25); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("SuggestPeople", func(b *testing.B) {
		misspelt := surname[:len(surname)-1] + "x"
		for b.Loop() {
			if _, err := db.SuggestPeople(ctx, misspelt, 5); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Search/common+rare", func(b *testing.B) {
		for b.Loop() {
			res, err := db.Search(ctx, "sanctions Moscow", 10)
			if err != nil || len(res) == 0 {
				b.Fatalf("Search = %d, %v", len(res), err)
			}
		}
	})
	b.Run("Search/two common", func(b *testing.B) {
		for b.Loop() {
			res, err := db.Search(ctx, "government talks", 10)
			if err != nil || len(res) == 0 {
				b.Fatalf("Search = %d, %v", len(res), err)
			}
		}
	})
	b.Run("Titles/prefix", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Titles(ctx, "mo", 25); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Briefing", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Briefing(ctx, someID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("FileSize", func(b *testing.B) {
		for b.Loop() {
		}
		b.ReportMetric(float64(st.FileBytes)/float64(st.Articles)*1000, "bytes/1000articles")
	})

	// Writes last: they grow the store the queries above measured.
	b.Run("PutBatch", func(b *testing.B) {
		g := storagetest.NewGenerator(time.Now().UnixNano())
		articles := 0
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			batch := make([]briefing.Briefing, batchSize)
			for i := range batch {
				batch[i] = g.Next()
			}
			b.StartTimer()
			cpu0 := cpuTime()
			if _, err := db.PutBatch(ctx, batch); err != nil {
				b.Fatal(err)
			}
			cpu += cpuTime() - cpu0
			articles += len(batch)
		}
		b.Logf("batches of %d", batchSize)
		b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
		b.ReportMetric(float64(articles)/cpu.Seconds(), "articles/cpu-s")
	})
	b.Run("Put/durable", func(b *testing.B) {
		g := storagetest.NewGenerator(time.Now().UnixNano() + 1)
		pool := make([]briefing.Briefing, b.N)
		for i := range pool {
			pool[i] = g.Next()
		}
		b.ResetTimer()
		cpu0 := cpuTime()
		for i := range b.N {
			if _, err := db.Put(ctx, pool[i]); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	})
}

// cpuTime returns the user and system CPU time the process has used, so
// that a benchmark on a shared machine reports the work done, not the wait.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
