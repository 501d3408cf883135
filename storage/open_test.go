package storage_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/storage"
	bolt "go.etcd.io/bbolt"
)

// fileState is what "left untouched" compares: content, size, mode and
// modification time.
type fileState struct {
	sum   [32]byte
	size  int64
	mode  os.FileMode
	mtime time.Time
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fileState{sha256.Sum256(data), fi.Size(), fi.Mode(), fi.ModTime()}
}

// rawUpdate changes a closed store with bbolt directly, as a damaged or
// foreign file would be.
func rawUpdate(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
}

func setVersion(v uint64) func(tx *bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), binary.BigEndian.AppendUint64(nil, v))
	}
}

// storeWithData makes a closed store holding the fixture articles.
func storeWithData(t *testing.T) string {
	t.Helper()
	db, path := newDB(t)
	put(t, db, talks())
	for _, a := range borrellArticles() {
		put(t, db, a)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpen_migratesVersion1(t *testing.T) {
	// Version 1 was version 2 without the word and title indexes.
	path := filepath.Join(t.TempDir(), "v1.db")
	copyFile(t, v2File, path)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		for _, name := range []string{"words", "titles"} {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		return setVersion(1)(tx)
	})
	if err := storage.Check(path); !errors.Is(err, storage.ErrOlderSchema) {
		t.Fatalf("Check(version 1) error = %v, want ErrOlderSchema", err)
	}
	if _, err := storage.Open(path, storage.Options{ReadOnly: true}); !errors.Is(err, storage.ErrOlderSchema) {
		t.Fatalf("read-only Open(version 1) error = %v, want ErrOlderSchema", err)
	}

	db := openAt(t, path, storage.Options{})
	found, err := db.Search(t.Context(), "harbour", 10)
	if err != nil || len(found) != 6 {
		t.Errorf("Search after migration = %d results, %v; want 6", len(found), err)
	}
	refs, err := db.Titles(t.Context(), "ferr", 10)
	if err != nil || len(refs) != 1 {
		t.Errorf("Titles after migration = %d results, %v; want 1", len(refs), err)
	}
	st, err := db.Stats(t.Context())
	if err != nil || st.SchemaVersion != storage.SchemaVersion {
		t.Errorf("Stats = %+v, %v; want schema %d", st, err, storage.SchemaVersion)
	}
	closeAndCheck(t, db)
}

func TestOpen_refusesAndLeavesUntouched(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 64<<10)
	for i := range noise {
		noise[i] = byte(rng.UintN(256))
	}
	truncated := func() string {
		data, err := os.ReadFile(storeWithData(t))
		if err != nil {
			t.Fatal(err)
		}
		return write("truncated.db", data[:len(data)*2/5])
	}
	foreign := func() string {
		p := filepath.Join(dir, "foreign.db")
		rawUpdate(t, p, func(tx *bolt.Tx) error {
			_, err := tx.CreateBucket([]byte("widgets"))
			return err
		})
		return p
	}
	tests := []struct {
		name  string
		make  func() string
		want  error
		inErr string
	}{
		{"newer schema", func() string {
			p := storeWithData(t)
			rawUpdate(t, p, setVersion(99))
			return p
		}, storage.ErrNewerSchema, "schema version 99 is newer"},
		{"text file", func() string {
			return write("notes.txt", bytes.Repeat([]byte("these are my notes, not a database\n"), 500))
		}, storage.ErrCorrupt, "invalid database"},
		{"short text file", func() string { return write("short.txt", []byte("hello\n")) }, storage.ErrCorrupt, ""},
		{"random bytes", func() string { return write("noise.bin", noise) }, storage.ErrCorrupt, ""},
		{"truncated store", truncated, storage.ErrCorrupt, "truncated"},
		{"another program's bbolt file", foreign, storage.ErrCorrupt, `"widgets"`},
		{"schema version malformed", func() string {
			p := storeWithData(t)
			rawUpdate(t, p, func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), []byte{1, 2, 3})
			})
			return p
		}, storage.ErrCorrupt, "schema version is 3 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.make()
			before := stateOf(t, path)
			// The modification time only shows a write if time has moved.
			time.Sleep(10 * time.Millisecond)
			_, err := storage.Open(path, storage.Options{})
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.inErr) {
				t.Errorf("Open error = %v, want %v naming %s and saying %q", err, tt.want, path, tt.inErr)
			}
			if err := storage.Check(path); !errors.Is(err, tt.want) {
				t.Errorf("Check error = %v, want %v", err, tt.want)
			}
			if after := stateOf(t, path); after != before {
				t.Errorf("the refused file changed: before %+v, after %+v", before, after)
			}
		})
	}
}

func TestOpen_emptyFileIsNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db := openAt(t, path, storage.Options{})
	put(t, db, talks())
	closeAndCheck(t, db)
}

func TestOpen_readOnly(t *testing.T) {
	path := storeWithData(t)
	before := stateOf(t, path)
	db := openAt(t, path, storage.Options{ReadOnly: true})
	if _, err := db.Briefing(t.Context(), "eu-envoy-moscow"); err != nil {
		t.Errorf("Briefing on a read-only store: %v", err)
	}
	if _, err := db.Put(t.Context(), talks()); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("Put on a read-only store error = %v, want one saying read-only", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if after := stateOf(t, path); after != before {
		t.Errorf("a read-only open changed the file")
	}
}

// TestHelperProcess is not a test: the tests below run the test binary
// again as a second process that opens a store (see helperCommand).
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("BRIEFBOT_STORAGE_HELPER")
	if mode == "" {
		return
	}
	path := os.Getenv("BRIEFBOT_STORAGE_DB")
	var err error
	switch mode {
	case "hold":
		err = holdOpen(path)
	case "crash":
		err = ingestUntilKilled(path)
	default:
		err = errors.New("unknown helper mode " + mode)
	}
	if err != nil {
		os.Stderr.WriteString("helper: " + err.Error() + "\n")
		os.Exit(1)
	}
	os.Exit(0)
}

// helperCommand returns a command that runs the test binary as a helper
// process in mode on the store at path.
func helperCommand(t *testing.T, mode, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "BRIEFBOT_STORAGE_HELPER="+mode, "BRIEFBOT_STORAGE_DB="+path)
	cmd.Stderr = os.Stderr
	return cmd
}

// holdOpen opens the store, says so on stdout, and keeps it open until
// stdin closes.
func holdOpen(path string) error {
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		return err
	}
	os.Stdout.WriteString("open\n")
	_, _ = io.Copy(io.Discard, os.Stdin)
	return db.Close()
}

func TestOpen_lockedByAnotherProcess(t *testing.T) {
	path := storeWithData(t)
	cmd := helperCommand(t, "hold", path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = stdin.Close()
		_ = cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "open\n" {
		t.Fatalf("helper said %q, %v; want open", line, err)
	}

	for _, opts := range []storage.Options{{}, {ReadOnly: true}, {LockTimeout: 100 * time.Millisecond}} {
		done := make(chan error, 1)
		go func() {
			db, err := storage.Open(path, opts)
			if err == nil {
				_ = db.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, storage.ErrLocked) || !strings.Contains(err.Error(), path) ||
				!strings.Contains(err.Error(), "in use by another briefbot process") {
				t.Errorf("Open(%+v) while another process holds the file: %v; want ErrLocked naming the file", opts, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("Open(%+v) still waiting for the lock after 20s", opts)
		}
	}
	if err := storage.Check(path); !errors.Is(err, storage.ErrLocked) {
		t.Errorf("Check while another process holds the file: %v, want ErrLocked", err)
	}

	// Once the other process lets go, the file opens.
	_ = stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	db := openAt(t, path, storage.Options{})
	closeAndCheck(t, db)
}
