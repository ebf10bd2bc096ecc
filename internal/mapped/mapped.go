// Package mapped reads a large file as a string that is a view of the
// operating system's cached copy of the file (a read-only memory mapping)
// instead of a fresh copy in the heap.
//
// What it buys, measured on the project's 2-core VM: copying a 262 MB
// statements CSV (a million statements) into fresh heap memory costs
// 0.75–0.95 s, nearly all of it the kernel backing new pages; reading the
// same file through a reused buffer takes 0.03–0.05 s. Mapping gives the
// statement reader the text at close to the second cost, which is what
// keeps `stancemap analyze` on a million statements at three times the
// speed of pandas + scipy + scikit-learn (bench/analytics.sh).
//
// It is the one place that turns mapped bytes into a string (through
// unsafe), kept out of data and analysis: the data package reads files
// with ordinary reads unless a caller hands it ReadFile
// (data.ReadOptions.ReadFile); the stancemap command does.
//
// The costs, and why they are acceptable for a command-line run:
//   - the mapping is never released: strings taken from the text (the
//     statements' cells) point into it until the process exits;
//   - a file truncated by another program while it is mapped makes later
//     reads of it fault, as with any mapped file (an editor saving over a
//     file writes a new one and renames it, which is safe).
package mapped

// MinSize is the size from which ReadFile maps a file: below it an
// ordinary read costs little, and the mapping's page granularity wastes
// more.
const MinSize = 64 << 20

// ReadFile returns the text of a regular file of MinSize bytes or more,
// mapped read-only into memory, with ok set. For a smaller file, one that
// is not regular, or where mapping fails or is not supported, ok is false
// and the caller reads the file as usual.
func ReadFile(path string) (text string, ok bool) {
	return mapFile(path)
}
