//go:build linux || darwin || freebsd

package mapped

import (
	"os"
	"syscall"
	"unsafe"
)

func mapFile(path string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() < MinSize || int64(int(fi.Size())) != fi.Size() {
		return "", false
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE|populateMap)
	if err != nil {
		return "", false
	}
	return unsafe.String(&b[0], len(b)), true
}
