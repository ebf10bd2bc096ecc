//go:build !(linux || darwin || freebsd)

package data

// mapFile never maps a file where mapping is not implemented.
func mapFile(path string) ([]byte, bool) { return nil, false }

func unmapFile([]byte) {}
