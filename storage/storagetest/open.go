package storagetest

import (
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/storage"
)

// Open opens a new, empty store in a file under t.TempDir() and closes it
// when the test ends. It fails the test if the store cannot be opened or
// closed.
func Open(t testing.TB) *storage.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "briefbot.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatalf("open test store: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close test store: %v", err)
		}
	})
	return db
}
