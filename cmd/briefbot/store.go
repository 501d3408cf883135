package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/briefbot/briefbot/source"
	"github.com/briefbot/briefbot/storage"
)

// defaultDBPath is where the store lives when neither --db nor BRIEFBOT_DB
// says otherwise.
const defaultDBPath = "briefbot.db"

// dbFlag registers --db on fs with the default from BRIEFBOT_DB.
func dbFlag(fs *flag.FlagSet, e env) *string {
	def := e.getenv("BRIEFBOT_DB")
	if def == "" {
		def = defaultDBPath
	}
	return fs.String("db", def, "database `PATH`; $BRIEFBOT_DB sets the default")
}

// openStore opens the database file for a command. Query commands open it
// read-only, so a missing file is reported instead of created. A file held
// by a running bot fails within the lock timeout with a message that says
// what to do.
func openStore(path string, readOnly bool) (*storage.DB, error) {
	if readOnly {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s yet: store an article first with 'briefbot ingest FILE' (or pass --db PATH)", path)
		}
	}
	db, err := storage.Open(path, storage.Options{ReadOnly: readOnly})
	if errors.Is(err, storage.ErrOlderSchema) && readOnly {
		db, err = storage.Open(path, storage.Options{})
	}
	if err != nil {
		if errors.Is(err, storage.ErrLocked) {
			return nil, fmt.Errorf("%w: stop the running bot, or point this command at another file with --db", err)
		}
		return nil, err
	}
	return db, nil
}

// newIngester returns the ingester the CLI uses for URLs and feeds. Local
// addresses are refused unless BRIEFBOT_ALLOW_LOCAL says otherwise, for
// people who run their own feeds on their network.
func newIngester(db *storage.DB, e env) *source.Ingester {
	opts := source.Options{}
	switch strings.ToLower(e.getenv("BRIEFBOT_ALLOW_LOCAL")) {
	case "1", "true", "yes":
		opts.AllowLoopback = true
		opts.AllowPrivate = true
	}
	return source.NewIngester(source.New(opts), db, source.IngestOptions{})
}

// closeStore closes db and joins its error to err.
func closeStore(db *storage.DB, err *error) {
	if cerr := db.Close(); cerr != nil && *err == nil {
		*err = cerr
	}
}

// parseDay reads a YYYY-MM-DD flag value.
func parseDay(flagName, value string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", value)
	if err != nil {
		return time.Time{}, usageError{fmt.Sprintf("--%s %q is not a date: write it as YYYY-MM-DD", flagName, value)}
	}
	return t, nil
}

// today is the current date at midnight UTC.
func today() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// isURL reports whether an ingest source is a web address.
func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
