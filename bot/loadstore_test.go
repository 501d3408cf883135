package bot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/briefbot/briefbot/storage/storagetest"
)

// The load test and the benchmarks share one generated store per test
// binary run: 2,000 articles by default, so that `go test ./...` stays
// fast. BRIEFBOT_LOAD_ARTICLES sets another size; the full-size run is
//
//	BRIEFBOT_LOAD_ARTICLES=100000 go test ./bot -run TestLoad_500AtOnce -v -timeout 60m
//
// which spends minutes generating the store. BRIEFBOT_LOAD_STORE names a
// file to keep the store in between runs (built there if missing, never
// removed).
const (
	loadArticles = 2_000
	loadSeed     = 20210205
	loadBatch    = 5_000
)

var loadDB struct {
	once sync.Once
	dir  string
	db   *storage.DB
	n    int
	took time.Duration
	err  error
}

func loadSize() (int, error) {
	if s := os.Getenv("BRIEFBOT_LOAD_ARTICLES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 100 {
			return 0, fmt.Errorf("BRIEFBOT_LOAD_ARTICLES=%q: want a number of articles, at least 100", s)
		}
		return n, nil
	}
	return loadArticles, nil
}

// loadStore returns the shared generated store, building it on first use.
// TestMain removes it when the run ends.
func loadStore(tb testing.TB) (*storage.DB, int) {
	tb.Helper()
	loadDB.once.Do(func() {
		n, err := loadSize()
		if err != nil {
			loadDB.err = err
			return
		}
		path := os.Getenv("BRIEFBOT_LOAD_STORE")
		if path == "" {
			dir, err := os.MkdirTemp("", "briefbot-load-")
			if err != nil {
				loadDB.err = err
				return
			}
			loadDB.dir = dir
			path = filepath.Join(dir, "load.db")
		}
		start := time.Now()
		db, err := storage.Open(path, storage.Options{})
		if err != nil {
			loadDB.err = err
			return
		}
		if st, err := db.Stats(context.Background()); err == nil && st.Articles > 0 {
			if st.Articles != n {
				db.Close()
				loadDB.err = fmt.Errorf("%s holds %d articles, want %d: remove it or set BRIEFBOT_LOAD_ARTICLES", path, st.Articles, n)
				return
			}
			loadDB.db, loadDB.n, loadDB.took = db, n, 0
			return
		}
		g := storagetest.NewGenerator(loadSeed)
		batch := make([]briefing.Briefing, 0, loadBatch)
		for done := 0; done < n; {
			batch = batch[:0]
			for len(batch) < loadBatch && done+len(batch) < n {
				batch = append(batch, g.Next())
			}
			if _, err := db.PutBatch(context.Background(), batch); err != nil {
				loadDB.err = fmt.Errorf("build load store: %w", err)
				db.Close()
				return
			}
			done += len(batch)
		}
		loadDB.db, loadDB.n, loadDB.took = db, n, time.Since(start)
	})
	if loadDB.err != nil {
		tb.Fatalf("load store: %v", loadDB.err)
	}
	return loadDB.db, loadDB.n
}

func TestMain(m *testing.M) {
	code := m.Run()
	if loadDB.db != nil {
		loadDB.db.Close()
	}
	if loadDB.dir != "" {
		os.RemoveAll(loadDB.dir)
	}
	os.Exit(code)
}
