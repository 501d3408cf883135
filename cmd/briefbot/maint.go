package main

import (
	"context"
	"fmt"

	"github.com/briefbot/briefbot/storage"
)

func runBackup(ctx context.Context, args []string, e env) (err error) {
	fs := newFlagSet("backup", "FILE", e)
	dbPath := dbFlag(fs, e)
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return usageError{"backup: name one FILE to write the copy to"}
	}
	db, err := openStore(*dbPath, true)
	if err != nil {
		return err
	}
	defer closeStore(db, &err)
	if err := db.Backup(ctx, rest[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s (verified)\n", *dbPath, rest[0])
	return nil
}

func runCheck(ctx context.Context, args []string, e env) error {
	fs := newFlagSet("check", "[FILE]", e)
	dbPath := dbFlag(fs, e)
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	path := *dbPath
	switch len(rest) {
	case 0:
	case 1:
		path = rest[0]
	default:
		return usageError{"check: name at most one database FILE"}
	}
	if err := storage.CheckContext(ctx, path); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: ok\n", path)
	return nil
}
