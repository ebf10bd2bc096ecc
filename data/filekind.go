package data

import "os"

// FileKind names what a path that is not a regular file is ("a named
// pipe", "a folder"), for messages that refuse to read or replace it.
func FileKind(fi os.FileInfo) string {
	m := fi.Mode()
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}
