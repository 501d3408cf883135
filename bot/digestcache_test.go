package bot

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/google/go-cmp/cmp"
)

// TestDigestCache_AnswersLikeTheStore stores articles at random times and
// asks for random windows, comparing the cache's answers with the store's
// own: the same articles in the same order, with the same quotes.
func TestDigestCache_AnswersLikeTheStore(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 7))
			now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
			db, err := storage.Open(filepath.Join(t.TempDir(), "cache.db"), storage.Options{Now: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			cache := newDigestCache(db, func() time.Time { return now })
			direct := directReads{db}
			var times []time.Time
			n := 0
			for step := range 160 {
				switch x := r.IntN(10); {
				case x < 4:
					// A poll stores a few articles at once.
					for range 1 + r.IntN(4) {
						n++
						b := schedBriefing(fmt.Sprintf("art%04d", n), fmt.Sprintf("Story %d", n), now.Truncate(24*time.Hour))
						if _, err := db.Put(ctx, b); err != nil {
							t.Fatal(err)
						}
					}
					times = append(times, now)
				case x == 4 && !cache.fetched.IsZero():
					// A write that took its stored time just before the
					// cache's last read began and committed after it.
					saved := now
					now = cache.fetched.Add(-time.Duration(1+r.IntN(int(digestCacheMargin/time.Second)-1)) * time.Second)
					n++
					if _, err := db.Put(ctx, schedBriefing(fmt.Sprintf("art%04d", n), fmt.Sprintf("Late story %d", n), now.Truncate(24*time.Hour))); err != nil {
						t.Fatal(err)
					}
					now = saved
				default:
					var since time.Time
					switch {
					case len(times) == 0 || r.IntN(8) == 0:
						since = now.Add(-time.Duration(r.IntN(48)) * time.Hour)
					default:
						since = times[r.IntN(len(times))].Add(time.Duration(r.IntN(3)-1) * time.Second)
					}
					wantA, wantQ, err := direct.newArticles(ctx, since)
					if err != nil {
						t.Fatal(err)
					}
					gotA, gotQ, err := cache.newArticles(ctx, since)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(articleIDs(wantA), articleIDs(gotA)); diff != "" {
						t.Fatalf("step %d, since %s: articles differ (-store +cache):\n%s", step, since, diff)
					}
					if diff := cmp.Diff(quoteTexts(wantQ), quoteTexts(gotQ)); diff != "" {
						t.Fatalf("step %d, since %s: quotes differ (-store +cache):\n%s", step, since, diff)
					}
				}
				// Minutes apart, so most queries use the cache's refresh
				// rather than its hourly rebuild.
				now = now.Add(time.Duration(r.IntN(12)) * time.Minute)
			}
			if !cache.ok {
				t.Error("the cache ended the run unusable; the comparison only exercised direct reads")
			}
		})
	}
}

// TestDigestCache_TooManyFallsBack stores more articles in a window than one
// store read returns: the cache answers as the store does.
func TestDigestCache_TooManyFallsBack(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	db, err := storage.Open(filepath.Join(t.TempDir(), "cache.db"), storage.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	var batch []briefing.Briefing
	for i := range storage.MaxLimit + 20 {
		batch = append(batch, schedBriefing(fmt.Sprintf("bulk%04d", i), fmt.Sprintf("Bulk story %d", i), now))
	}
	if _, err := db.PutBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	cache := newDigestCache(db, func() time.Time { return now })
	for _, since := range []time.Time{now.Add(-2 * time.Hour), now.Add(-2 * time.Hour)} {
		wantA, _, err := directReads{db}.newArticles(ctx, since)
		if err != nil {
			t.Fatal(err)
		}
		gotA, _, err := cache.newArticles(ctx, since)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(articleIDs(wantA), articleIDs(gotA)); diff != "" {
			t.Fatalf("articles differ (-store +cache):\n%s", diff)
		}
	}
	if cache.ok {
		t.Error("the cache claims to hold a window bigger than one store read")
	}
}

func articleIDs(bs []briefing.Briefing) []string {
	out := []string{}
	for _, b := range bs {
		out = append(out, b.Article.ID+" "+b.Article.Title+" "+fmt.Sprint(b.Summary))
	}
	return out
}

func quoteTexts(qs []briefing.AttributedQuote) []string {
	out := []string{}
	for _, q := range qs {
		out = append(out, q.Article.ID+" "+q.Speaker+": "+q.Text)
	}
	return out
}
