//go:build race

package extract

// raceDetector says the tests run with -race, where coding the UN corpus
// takes minutes on a shared machine and proves nothing the smaller tests
// do not.
const raceDetector = true
