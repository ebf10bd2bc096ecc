package data

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// WriteFileAtomic writes a file through a temporary file in the same
// folder, renamed into place only when write and sync have succeeded, so
// a failed or interrupted run leaves any earlier file intact and never a
// half-written one.
func WriteFileAtomic(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s: cannot create folder: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	pending.Store(tmp.Name(), true)
	defer func() {
		pending.Delete(tmp.Name())
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	return nil
}

// pending holds the temporary files being written, so that an
// interrupted run can remove them (RemovePendingTemps) before it exits.
var pending sync.Map

// pendingDirs holds the temporary folders of readers and writers still
// at work (excelize's spilled parts), removed with the pending outputs.
var pendingDirs sync.Map

// MakeTempDir creates a temporary folder for a library's spill files
// (excelize's), registered so that RemovePendingTemps removes it on an
// interrupt; release removes it, and is what every other exit calls.
func MakeTempDir(prefix string) (dir string, release func(), err error) {
	dir, err = os.MkdirTemp("", prefix)
	if err != nil {
		return "", func() {}, err
	}
	pendingDirs.Store(dir, true)
	return dir, func() {
		os.RemoveAll(dir)
		pendingDirs.Delete(dir)
	}, nil
}

// RemovePendingTemps deletes the temporary files of writes still in
// progress and returns how many there were. The command line calls it
// on SIGINT or SIGTERM: the outputs being written are then left as they
// were before the run, with no stray temporary file beside them.
func RemovePendingTemps() int {
	pendingDirs.Range(func(k, _ any) bool {
		os.RemoveAll(k.(string))
		pendingDirs.Delete(k)
		return true
	})
	n := 0
	pending.Range(func(k, _ any) bool {
		os.Remove(k.(string))
		pending.Delete(k)
		n++
		return true
	})
	return n
}
