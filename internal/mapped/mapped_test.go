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
