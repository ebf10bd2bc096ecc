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
	start := (uintptr(p) + page - 1) &^ (page - 1)
	end := (uintptr(p) + size) &^ (page - 1)
	if end <= start {
		return
	}
	const madvPopulateWrite = 23
	_ = syscall.Madvise(unsafe.Slice((*byte)(unsafe.Pointer(start)), end-start), madvPopulateWrite)
}
