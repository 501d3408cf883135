package bot

import (
	"sync"
	"testing"
	"time"
)

// TestBot_CloseWhileInteractionsArrive delivers interactions while Close
// runs, as discordgo does from its own goroutines until the gateway is
// down: none may start being tracked after Close began waiting (a
// WaitGroup's Add racing its Wait), and every one that was let in is
// waited for. Run it with -race.
func TestBot_CloseWhileInteractionsArrive(t *testing.T) {
	b, err := New(Config{Token: "close-test-token", Store: fixtureStore(t)})
	if err != nil {
		t.Fatal(err)
	}
	b.closeWait = 5 * time.Second
	var wg sync.WaitGroup
	var mu sync.Mutex
	ran, afterClose := 0, 0
	closed := false
	start := make(chan struct{})
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			b.track(func() {
				time.Sleep(time.Millisecond)
				mu.Lock()
				ran++
				if closed {
					afterClose++
				}
				mu.Unlock()
			})
		}()
	}
	close(start)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	closed = true
	mu.Unlock()
	wg.Wait()
	if afterClose != 0 {
		t.Errorf("%d interactions ran after Close returned, want none", afterClose)
	}
	if b.track(func() { t.Error("an interaction ran after Close") }) {
		t.Error("track after Close = true, want false")
	}
}
