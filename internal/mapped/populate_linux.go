package mapped

import (
	"syscall"
	"unsafe"

	"github.com/stancemap/stancemap/data"
)

// populateMap maps every page at once instead of one fault per page.
const populateMap = syscall.MAP_POPULATE

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14), which the
// syscall package does not name.
const madvPopulateWrite = 23

// populate asks the kernel to back the statements' memory now, in one
// call, from the first whole page to the last; a kernel that does not
// know the advice refuses it and the pages fault in as they are written.
func populate(s []data.Statement) {
	size := uintptr(len(s)) * unsafe.Sizeof(s[0])
	if size < populateMin {
		return
	}
	const page = 4096
	p := unsafe.Pointer(&s[0])
	start := uintptr(p)
	first := (start + page - 1) &^ (page - 1)
	last := (start + size) &^ (page - 1)
	if last <= first {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Add(p, first-start)), last-first)
	_ = syscall.Madvise(b, madvPopulateWrite)
}
