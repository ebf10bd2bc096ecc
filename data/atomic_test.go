package data

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileAtomicKeepsTheOldFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.csv")
	os.WriteFile(p, []byte("old"), 0o644)
	err := WriteFileAtomic(p, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return errors.New("disk on fire")
	})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("error %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("old file changed to %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary file left behind: %v", entries)
	}
	if err := WriteFileAtomic(p, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("new file is %q", b)
	}
}

func TestRemovePendingTemps(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.csv")
	var n int
	err := WriteFileAtomic(p, func(w io.Writer) error {
		io.WriteString(w, "partial")
		n = RemovePendingTemps() // what the SIGINT handler does mid-write
		return errors.New("interrupted")
	})
	if err == nil || n != 1 {
		t.Fatalf("err %v, removed %d temporary files, want 1", err, n)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestConcurrentWritersNeverInterleave has two writers replace the same
// file again and again: whoever finishes last wins, and the file is
// always one writer's whole content, never a mixture.
func TestConcurrentWritersNeverInterleave(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.csv")
	bodies := []string{strings.Repeat("a", 64<<10), strings.Repeat("b", 64<<10)}
	done := make(chan error, 2)
	for _, body := range bodies {
		go func() {
			for i := 0; i < 50; i++ {
				if err := WriteFileAtomic(p, func(w io.Writer) error { _, err := io.WriteString(w, body); return err }); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	// Meanwhile a reader must only ever see a whole file (or none yet).
	stop := make(chan struct{})
	seen := make(chan string, 1)
	go func() {
		for {
			select {
			case <-stop:
				seen <- ""
				return
			default:
			}
			if b, err := os.ReadFile(p); err == nil && string(b) != bodies[0] && string(b) != bodies[1] {
				seen <- fmt.Sprintf("a reader saw %d bytes of mixed or partial content", len(b))
				return
			}
		}
	}()
	for i := 0; i < 2; i++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	if msg := <-seen; msg != "" {
		t.Error(msg)
	}
	got, _ := os.ReadFile(p)
	if string(got) != bodies[0] && string(got) != bodies[1] {
		t.Errorf("the file mixes both writers (%d bytes)", len(got))
	}
}
