//go:build !(linux || darwin || freebsd)

package main

// peakMemory is not measured where getrusage is missing.
func peakMemory() string { return "not measured on this system" }
