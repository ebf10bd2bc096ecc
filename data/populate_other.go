//go:build !linux

package data

import "unsafe"

// populate does nothing outside Linux (see populate_linux.go).
func populate(p unsafe.Pointer, size uintptr) {}
