package storage_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
	"github.com/briefbot/briefbot/storage/storagetest"
)

// ingestUntilKilled is the crash test's child: it opens the store and
// stores generated articles (single Puts, batches and updates of earlier
// ones) until it is killed, printing "saved ID" after each write returns.
// It stops by itself after a while in case the parent died.
func ingestUntilKilled(path string) error {
	seed, err := strconv.ParseInt(os.Getenv("BRIEFBOT_CRASH_SEED"), 10, 64)
	if err != nil {
		return err
	}
	db, err := storage.Open(path, storage.Options{LockTimeout: 10 * time.Second})
	if err != nil {
		return err
	}
	ctx := context.Background()
	g := storagetest.NewGenerator(seed)
	os.Stdout.WriteString("ready\n")
	var recent []briefing.Briefing
	saved := func(ids ...string) {
		var b strings.Builder
		for _, id := range ids {
			b.WriteString("saved " + id + "\n")
		}
		os.Stdout.WriteString(b.String()) // one write: the parent reads whole lines only
	}
	deadline := time.Now().Add(20 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		switch {
		case i%7 == 6:
			batch := []briefing.Briefing{g.Next(), g.Next(), g.Next(), g.Next()}
			res, err := db.PutBatch(ctx, batch)
			if err != nil {
				return err
			}
			var ids []string
			for _, r := range res {
				ids = append(ids, r.ID)
			}
			saved(ids...)
			recent = append(recent, batch...)
		case i%5 == 4 && len(recent) > 0:
			b := recent[len(recent)-1-i%len(recent)]
			b.Article.Paragraphs = append(append([]string{}, b.Article.Paragraphs...), fmt.Sprintf("Update %d.", i))
			b.Quotes = append(append([]briefing.Quote{}, b.Quotes...), briefing.Quote{Speaker: b.People[0].Name, SpeakerKey: b.People[0].Key, Text: fmt.Sprintf("Update %d", i)})
			res, err := db.Put(ctx, b)
			if err != nil {
				return err
			}
			saved(res.ID)
		default:
			b := g.Next()
			res, err := db.Put(ctx, b)
			if err != nil {
				return err
			}
			saved(res.ID)
			recent = append(recent, b)
		}
	}
	return db.Close()
}

// TestCrash kills a process that is writing to the store with SIGKILL at
// random moments and checks, after each kill, that every article it
// reported saved is there and that the file passes Check. 30 rounds by
// default; BRIEFBOT_CRASH_ROUNDS sets more for a long run.
func TestCrash(t *testing.T) {
	rounds := 30
	if s := os.Getenv("BRIEFBOT_CRASH_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("BRIEFBOT_CRASH_ROUNDS=%q: %v", s, err)
		}
		rounds = n
	}
	seed := time.Now().UnixNano()
	if s := os.Getenv("BRIEFBOT_CRASH_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	t.Logf("BRIEFBOT_CRASH_SEED=%d reproduces the kill times", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 1))
	path := filepath.Join(t.TempDir(), "crash.db")
	saved := make(map[string]bool)
	writesAtKill := 0
	for round := range rounds {
		cmd := helperCommand(t, "crash", path)
		cmd.Env = append(cmd.Env, fmt.Sprintf("BRIEFBOT_CRASH_SEED=%d", seed+int64(round)))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan []string)
		ready := make(chan bool, 1)
		go func() {
			var got []string
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if id, ok := strings.CutPrefix(sc.Text(), "saved "); ok {
					got = append(got, id)
				} else if sc.Text() == "ready" {
					ready <- true
				}
			}
			lines <- got
		}()
		// Kill at a random moment: one round in five from the start (while
		// the child starts or opens the store), the others while it writes.
		if rng.IntN(5) == 0 {
			time.Sleep(time.Duration(rng.IntN(100)) * time.Millisecond)
		} else {
			select {
			case <-ready:
			case <-time.After(10 * time.Second):
				t.Fatalf("round %d: the child did not open the store in 10s", round)
			}
			time.Sleep(time.Duration(rng.IntN(120)) * time.Millisecond)
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatalf("round %d: kill: %v", round, err)
		}
		ids := <-lines
		if err := cmd.Wait(); err == nil {
			t.Fatalf("round %d: the child exited by itself before it was killed", round)
		}
		writesAtKill += len(ids)
		for _, id := range ids {
			saved[id] = true
		}

		db, err := storage.Open(path, storage.Options{})
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		for id := range saved {
			if _, err := db.Briefing(t.Context(), id); err != nil {
				t.Errorf("round %d: article %s was reported saved before the kill: %v", round, id, err)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if err := storage.Check(path); err != nil {
			t.Fatalf("round %d: Check after kill: %v", round, err)
		}
	}
	t.Logf("%d kills; %d writes reported before them; %d distinct articles, all present after every kill", rounds, writesAtKill, len(saved))
	if len(saved) == 0 {
		t.Errorf("no write finished before any kill: the test proved nothing")
	}
}
