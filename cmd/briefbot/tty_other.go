//go:build !linux

package main

import "os"

// isTTY reports whether the character device f is a terminal. Off Linux
// briefbot does not ask the terminal driver; it only rules out the null
// device, the character device most often given as input.
func isTTY(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(fi, null)
}
