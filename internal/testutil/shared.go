// Package testutil holds what tests of several packages share.
package testutil

import (
	"flag"
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

// Update is the -update flag of every test package: it rewrites golden
// files and expectations from what the code does now (the command cases,
// the HTML sample, the workbook fixtures). Defined once here so that
// `go test ./... -run Cases -update` is understood by every package's
// test binary, not only by those with golden files.
var Update = flag.Bool("update", false, "rewrite golden files and command-case expectations from what the code does now")
