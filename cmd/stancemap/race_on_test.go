//go:build race

package main

// raceOn is true in a -race build, where the largest hostile inputs are
// made smaller: the race detector slows reading them tenfold, and their
// memory bounds are checked in the ordinary build.
const raceOn = true
