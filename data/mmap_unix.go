//go:build linux || darwin || freebsd

package data

import (
	"os"
	"syscall"
)

// mapMinSize is the size from which a CSV of statements is mapped into
// memory rather than read.
var mapMinSize int64 = 64 << 20

// mapFile maps a large regular file read-only into memory, so that the
// text of a big CSV is the operating system's cached copy of the file
// rather than a fresh copy in the heap (on a VM, filling fresh memory
// costs about as much as parsing it). The mapping is never released:
// the statements' strings point into it for the rest of the process. ok
// is false when the file is small, not regular or cannot be mapped; the
// caller then reads it as usual. A file truncated by another program
// while it is mapped makes later reads of it fault, as with any mapped
// file.
func mapFile(path string) (b []byte, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() < mapMinSize || int64(int(fi.Size())) != fi.Size() {
		return nil, false
	}
	b, err = syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE|mapPopulate)
	if err != nil {
		return nil, false
	}
	return b, true
}

// unmapFile releases a mapping nothing points into.
func unmapFile(b []byte) { _ = syscall.Munmap(b) }
