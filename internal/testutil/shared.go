// Package testutil holds what tests of several packages share.
package testutil

import (
	"os"
	"path/filepath"
	"runtime"
)

// SharedPath finds a path inside the team's read-only shared/ folder,
// which sits beside the repository (CI and the developers' machines have
// it; a user's fresh clone does not). It returns "" when the path is
// absent, so that integration tests can skip and say so.
func SharedPath(parts ...string) string {
	_, file, _, _ := runtime.Caller(0)
	for dir := filepath.Dir(file); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		p := filepath.Join(append([]string{dir, "..", "shared"}, parts...)...)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}
