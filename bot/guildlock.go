package bot

import (
	"context"
	"sync"
)

// GuildLocks serialises changes to each server's settings. Every
// read-modify-write of a storage.Guild holds that server's lock, so two
// admins' commands at once, or a command and the scheduler turning a
// digest off, never lose each other's change. Servers do not wait for
// each other.
//
// The map holds a lock only while someone holds or waits for it, so its
// size is bounded by the changes in flight, not by the number of servers.
// The zero value is ready to use. The Bot and the Scheduler of one process
// share one (Config.Locks, SchedulerConfig.Locks); each makes its own when
// none is given.
type GuildLocks struct {
	mu    sync.Mutex
	locks map[string]*guildLock
}

type guildLock struct {
	held  chan struct{} // a token: full while someone holds the lock
	users int           // holders and waiters; the entry goes at zero
}

// lock waits for the server's lock and returns the function that releases
// it, or ctx's error if ctx ends first.
func (l *GuildLocks) lock(ctx context.Context, guildID string) (unlock func(), err error) {
	l.mu.Lock()
	if l.locks == nil {
		l.locks = map[string]*guildLock{}
	}
	gl := l.locks[guildID]
	if gl == nil {
		gl = &guildLock{held: make(chan struct{}, 1)}
		l.locks[guildID] = gl
	}
	gl.users++
	l.mu.Unlock()

	done := func() {
		l.mu.Lock()
		gl.users--
		if gl.users == 0 {
			delete(l.locks, guildID)
		}
		l.mu.Unlock()
	}
	select {
	case gl.held <- struct{}{}:
	case <-ctx.Done():
		done()
		return nil, ctx.Err()
	}
	return func() {
		<-gl.held
		done()
	}, nil
}

// size is how many servers have a lock entry (for tests).
func (l *GuildLocks) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.locks)
}
