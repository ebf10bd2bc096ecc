package data

import (
	"syscall"
	"unsafe"
)

// populate asks Linux (5.14 or later) to back a large fresh allocation
// with memory now, in one call, instead of one page fault per 4 KB as
// it is first written. On a virtual machine the faults of the workers
// filling a million statements at once contend with each other and cost
// several times more than this. Advice only: on an older kernel the
// call fails and nothing changes.
func populate(p unsafe.Pointer, size uintptr) {
	const page = 4096
	if size < 1<<24 {
		return
	}
	b := unsafe.Slice((*byte)(p), size)
	b = b[(page-uintptr(p)%page)%page:]
	b = b[:len(b)&^(page-1)]
	const madvPopulateWrite = 23
	_ = syscall.Madvise(b, madvPopulateWrite)
}
