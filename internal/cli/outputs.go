package cli

import (
	"os"
	"path/filepath"

	"github.com/stancemap/stancemap/data"
)

// Path is a file a command reads or writes, with the role a user knows
// it by ("--html", "the codebook (--codebook)").
type Path struct {
	Role string
	Path string
}

// CheckInputs refuses, before any work is done, an input named by a
// flag that exists but is not a regular file: a named pipe or a device
// would have the command wait for ever (or read without end), and a
// folder is no file. Roles in folders may be folders (--texts takes a
// folder of documents). Missing paths are left to the reader, which
// names them; "-" and empty paths are skipped. The error is a usage
// error (exit 2) naming the role and the path.
func CheckInputs(inputs []Path, folders map[string]bool) error {
	for _, in := range inputs {
		if in.Path == "" || in.Path == "-" {
			continue
		}
		fi, err := os.Stat(in.Path)
		if err != nil || fi.Mode().IsRegular() || (fi.IsDir() && folders[in.Role]) {
			continue
		}
		why := ", since reading it might never end"
		if fi.IsDir() {
			why = " (give a file)"
		}
		return Failf(ExitUsage, "%s %s is %s, not a regular file: refused%s", in.Role, in.Path, data.FileKind(fi), why)
	}
	return nil
}

// CheckOutputs refuses, before any work is done, outputs that would
// destroy something: an output that is one of the inputs (the same file,
// however named), one path given for two outputs, or an existing path
// that is not a regular file (a device, a named pipe, a socket, a
// folder), which writing through a temporary file and a rename would
// replace. "-" (standard output) and empty paths are skipped. The error
// is a usage error (exit 2) naming both roles.
func CheckOutputs(outputs, inputs []Path) error {
	type seen struct {
		role, path string
		abs        string
		fi         os.FileInfo
	}
	var outs []seen
	for _, o := range outputs {
		if o.Path == "" || o.Path == "-" {
			continue
		}
		abs, err := filepath.Abs(o.Path)
		if err != nil {
			return Failf(ExitUsage, "%s %s: not a usable path: %v", o.Role, o.Path, err)
		}
		fi, err := os.Stat(o.Path)
		if err == nil && !fi.Mode().IsRegular() {
			return Failf(ExitUsage, "%s %s is %s, not a regular file: refusing to replace it (write to a file)", o.Role, o.Path, data.FileKind(fi))
		}
		if err != nil {
			fi = nil
		}
		for _, p := range outs {
			if p.abs == abs || (fi != nil && p.fi != nil && os.SameFile(fi, p.fi)) {
				return Failf(ExitUsage, "%s and %s are the same file %s: one output would overwrite the other; give each its own path", p.role, o.Role, o.Path)
			}
		}
		outs = append(outs, seen{o.Role, o.Path, abs, fi})
	}
	for _, o := range outs {
		for _, in := range inputs {
			if in.Path == "" || in.Path == "-" {
				continue
			}
			same := false
			if ii, err := os.Stat(in.Path); err == nil && o.fi != nil {
				same = os.SameFile(o.fi, ii)
			} else if abs, err := filepath.Abs(in.Path); err == nil {
				same = abs == o.abs
			}
			if same {
				return Failf(ExitUsage, "%s %s is %s %s: refusing to overwrite an input", o.role, o.path, in.Role, in.Path)
			}
		}
	}
	return nil
}
