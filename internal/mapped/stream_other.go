//go:build !(linux || darwin || freebsd)

package mapped

// Stream is not supported here: data.StreamStatements reads through its
// own window.
func Stream(string) (string, func(int, int), bool) { return "", nil, false }
