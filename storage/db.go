package storage

import (
	"errors"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// ErrLocked is returned by Open and Check when another process holds the
// database file open for writing and the lock timeout passes.
var ErrLocked = errors.New("database is in use by another briefbot process")

// ErrNewerSchema is returned by Open and Check when the file was written by
// a newer briefbot whose layout this build does not know. The file is left
// untouched.
var ErrNewerSchema = errors.New("database written by a newer briefbot")

// ErrOlderSchema is returned by a read-only Open and by Check when the file
// needs a migration that only a read-write Open may perform.
var ErrOlderSchema = errors.New("database written by an older briefbot")

// ErrCorrupt is returned when a file is not a briefbot database, is
// damaged, or (from Check) its indexes disagree with its articles. Open
// leaves such a file untouched.
var ErrCorrupt = errors.New("database is corrupt or not a briefbot database")

// ErrInvalid is returned when an argument is out of bounds or malformed: an
// absurd article, an empty search, a negative offset. The message says
// which value and what is allowed; nothing is written.
var ErrInvalid = errors.New("invalid input")

// errStop ends a bbolt ForEach early.
var errStop = errors.New("stop")

// DefaultLockTimeout is how long Open waits for another process to release
// the file before it returns ErrLocked.
const DefaultLockTimeout = 2 * time.Second

// Options configures Open. The zero value is ready to use.
type Options struct {
	// LockTimeout bounds the wait for the file lock; zero means
	// DefaultLockTimeout. A second process opening the same file fails
	// with ErrLocked after it, never hangs.
	LockTimeout time.Duration
	// ReadOnly opens the file with a shared lock and refuses writes. A file
	// that needs a migration is refused with ErrOlderSchema.
	ReadOnly bool
	// Now returns the current time; stored-at and updated-at times come
	// from it. Nil means time.Now.
	Now func() time.Time
}

// DB is the briefing store: one bbolt file. Its methods are safe for
// concurrent use: reads run in parallel, writes one at a time.
//
// Every method takes a context first and returns ctx.Err() before it starts
// a transaction; a transaction that has started runs to its end (bbolt
// cannot interrupt one), except PutBatch, which checks ctx between
// articles and then rolls back.
type DB struct {
	bolt     *bolt.DB
	path     string
	now      func() time.Time
	readOnly bool
}

// Open opens the store at path, creating it if it does not exist, and
// migrates an older file to SchemaVersion. A DB returned from Open always
// has every bucket of the current schema.
//
// Errors name the file. A file that is not a briefbot database, is
// damaged, or was written by a newer briefbot is refused with ErrCorrupt or
// ErrNewerSchema and left byte-for-byte untouched: Open inspects an existing
// file read-only before it opens it for writing. A file held by another
// process gives ErrLocked after opts.LockTimeout.
func Open(path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open store: empty path: %w", ErrInvalid)
	}
	if opts.LockTimeout < 0 {
		return nil, fmt.Errorf("open store %s: negative lock timeout %v: %w", path, opts.LockTimeout, ErrInvalid)
	}
	if opts.LockTimeout == 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}

	exists := false
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return nil, fmt.Errorf("open store %s: is a directory", path)
		}
		exists = fi.Size() > 0
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}

	if opts.ReadOnly {
		bdb, v, err := openInspect(path, opts.LockTimeout)
		if err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
		if v != SchemaVersion {
			_ = bdb.Close()
			return nil, fmt.Errorf("open store %s read-only: schema version %d needs a migration to %d; open it read-write once: %w", path, v, SchemaVersion, ErrOlderSchema)
		}
		return &DB{bolt: bdb, path: path, now: now, readOnly: true}, nil
	}

	if exists {
		// Inspect read-only first so that a file we refuse is never
		// opened for writing: bbolt may write to a file it opens
		// read-write (it rebuilds a missing freelist).
		bdb, _, err := openInspect(path, opts.LockTimeout)
		if err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
		if err := bdb.Close(); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}

	// The map freelist allocates in constant time; the default array one
	// scans every free page for each allocation, which showed in bulk
	// ingest profiles once a big file had many free pages. The file
	// format is the same.
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.LockTimeout, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, boltOpenError(err))
	}
	if err := guard(func() error { return migrate(bdb) }); err != nil {
		_ = bdb.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return &DB{bolt: bdb, path: path, now: now}, nil
}

// openInspect opens path read-only and checks that it is a briefbot store
// this build can read, returning its schema version.
func openInspect(path string, timeout time.Duration) (*bolt.DB, int, error) {
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if err != nil {
		return nil, 0, boltOpenError(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		_ = bdb.Close()
		return nil, 0, err
	}
	var v int
	err = guard(func() error {
		return bdb.View(func(tx *bolt.Tx) error {
			if tx.Size() > fi.Size() {
				return fmt.Errorf("file is %d bytes but its pages need %d: truncated: %w", fi.Size(), tx.Size(), ErrCorrupt)
			}
			var err error
			v, err = schemaVersion(tx)
			return err
		})
	})
	if err != nil {
		_ = bdb.Close()
		return nil, 0, err
	}
	return bdb, v, nil
}

// boltOpenError maps bbolt's open errors to ours.
func boltOpenError(err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("%w; stop the other process or use another file", ErrLocked)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrInvalidMapping):
		return fmt.Errorf("%v: %w", err, ErrCorrupt)
	case errors.Is(err, os.ErrNotExist), errors.Is(err, os.ErrPermission):
		return err
	}
	// bbolt reports a file too short to hold its meta pages with a plain
	// error ("file size too small").
	return fmt.Errorf("%v: %w", err, ErrCorrupt)
}

// guard runs fn and turns a panic into an error wrapping ErrCorrupt: bbolt
// panics when it meets a damaged page.
func guard(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("damaged page: %v: %w", r, ErrCorrupt)
		}
	}()
	return fn()
}

// Close closes the file. It waits for running transactions to finish.
func (db *DB) Close() error {
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", db.path, err)
	}
	return nil
}

// Path returns the file the store was opened from.
func (db *DB) Path() string { return db.path }

// view runs fn in a read transaction, turning bbolt panics into errors.
func (db *DB) view(fn func(tx *bolt.Tx) error) error {
	return guard(func() error { return db.bolt.View(fn) })
}

// update runs fn in a write transaction that is synced to disk before it
// returns, turning bbolt panics into errors.
func (db *DB) update(fn func(tx *bolt.Tx) error) error {
	if db.readOnly {
		return fmt.Errorf("store %s is open read-only", db.path)
	}
	return guard(func() error { return db.bolt.Update(fn) })
}

// Limits on list queries: a zero or negative limit means DefaultLimit, one
// above MaxLimit is cut to MaxLimit.
const (
	DefaultLimit = 25
	MaxLimit     = 500
	// MaxOffset bounds QuotesBy's offset: paging further is a scan.
	MaxOffset = 100_000
)

func clampLimit(limit int) int {
	if limit <= 0 {
		return DefaultLimit
	}
	return min(limit, MaxLimit)
}
