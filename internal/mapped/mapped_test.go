package mapped

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFileMapsLargeFilesOnly(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.csv")
	os.WriteFile(small, []byte("actor,theme\n"), 0o644)
	if _, ok := ReadFile(small); ok {
		t.Errorf("a 12-byte file was mapped")
	}
	if _, ok := ReadFile(dir); ok {
		t.Errorf("a folder was mapped")
	}
	if _, ok := ReadFile(filepath.Join(dir, "missing.csv")); ok {
		t.Errorf("a missing file was mapped")
	}
	big := filepath.Join(dir, "big.csv")
	line := "CHN,sovereignty,2,2016,\"a line of text\"\n"
	body := strings.Repeat(line, MinSize/len(line)+1)
	if err := os.WriteFile(big, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	text, ok := ReadFile(big)
	if !ok {
		t.Skip("mapping is not supported here")
	}
	if text != body {
		t.Errorf("the mapped text differs from the file (%d bytes, want %d)", len(text), len(body))
	}
}

func TestStatementsGivesZeroedRoom(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 200000} { // 200,000 statements pass populateMin
		s := Statements(n)
		if len(s) != 0 || cap(s) < n {
			t.Fatalf("Statements(%d): len %d cap %d", n, len(s), cap(s))
		}
		s = s[:n]
		for i := range s {
			if s[i].ID != "" || s[i].Stance != 0 || s[i].Weight != 0 {
				t.Fatalf("Statements(%d)[%d] is not zero: %+v", n, i, s[i])
			}
		}
		if n > 0 {
			s[n-1].ID = "last"
		}
	}
}

// Stream maps a file of any size; the pages done lets go are read back
// from the file when touched again, so the text stays whole.
func TestStreamTextSurvivesDone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.csv")
	body := strings.Repeat("CHN,sovereignty,2,2016,\"a line of text\"\n", 5000) // 195 KB, many pages
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	text, done, ok := Stream(path)
	if !ok {
		t.Skip("mapping is not supported here")
	}
	if text != body {
		t.Fatalf("the mapped text differs from the file")
	}
	done(0, len(text)/2)
	done(len(text)/2, len(text))
	if text != body {
		t.Errorf("after done, the text differs from the file")
	}
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	if _, _, ok := Stream(empty); ok {
		t.Errorf("an empty file was mapped")
	}
	if _, _, ok := Stream(dir); ok {
		t.Errorf("a folder was mapped")
	}
}
