//go:build linux || darwin || freebsd

package mapped

import (
	"os"
	"syscall"
	"unsafe"
)

// Stream returns the text of a regular file mapped read-only, for a
// reader that goes through it once from start to end
// (data.StreamStatements), and done, which that reader calls with each
// stretch of the text it has read, from and to: the pages of it leave the
// process's memory (the text stays readable: a page touched again is read
// back from the operating system's cache of the file). So a file of any
// size costs a few megabytes of resident memory, where ReadFile's
// mapping, read all at once, keeps the whole file resident. ok is false
// for an empty or irregular file, or where mapping fails.
//
// What it buys, on a 254 MB file of a million statements read by
// `stancemap matrix`: the window copied out of a read buffer into a fresh
// string cost 0.25 s (most of it the kernel backing new pages); the
// mapping costs no copy, and resident memory stays near the window's.
func Stream(path string) (text string, done func(from, to int), ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 || int64(int(fi.Size())) != fi.Size() {
		return "", nil, false
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return "", nil, false
	}
	_ = syscall.Madvise(b, syscall.MADV_SEQUENTIAL)
	page := os.Getpagesize()
	done = func(from, to int) {
		// The whole pages within from..to: a page shared with text not
		// yet read stays.
		from = (from + page - 1) &^ (page - 1)
		if to != len(b) {
			to &^= page - 1
		}
		if from < to {
			_ = syscall.Madvise(b[from:to], syscall.MADV_DONTNEED)
		}
	}
	return unsafe.String(&b[0], len(b)), done, true
}
