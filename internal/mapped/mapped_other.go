//go:build !(linux || darwin || freebsd)

package mapped

func mapFile(string) (string, bool) { return "", false }
