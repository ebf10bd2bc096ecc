//go:build linux || darwin || freebsd

package data

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A statements CSV read through a mapping gives what reading it gives.
func TestMappedCSVReadsTheSame(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("id,actor,theme,stance,date,text\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "s%d,USA,openness,%d,2015-06-01,\"text, %d\"\n", i, i%5-2, i)
	}
	path := filepath.Join(dir, "s.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	read := func(min int64) *ReadResult {
		old := mapMinSize
		mapMinSize = min
		defer func() { mapMinSize = old }()
		res, err := ReadStatements([]string{path}, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if _, ok := mapFile(path); ok {
		t.Fatal("a small file was mapped")
	}
	mapMinSize = 1
	m, ok := mapFile(path)
	mapMinSize = 64 << 20
	if !ok || string(m) != b.String() {
		t.Fatal("the file was not mapped, or its mapping differs from it")
	}
	unmapFile(m)
	mapped, readIn := read(1), read(1<<40)
	if len(mapped.Statements) != 3000 || !reflect.DeepEqual(mapped.Statements, readIn.Statements) || !reflect.DeepEqual(mapped.Notes, readIn.Notes) {
		t.Errorf("mapped: %d statements; read: %d", len(mapped.Statements), len(readIn.Statements))
	}
}
