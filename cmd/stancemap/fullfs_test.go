package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets a test run the real command line in a child process (see
// TestOutputOnAFullDiskKeepsTheOldFile), where limits such as a maximum
// file size can be set without touching the test process.
func TestMain(m *testing.M) {
	if os.Getenv("STANCEMAP_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// TestOutputOnAFullDiskKeepsTheOldFile simulates a full disk with a
// file-size limit (ulimit -f): writing the new output fails part way, the
// run says so with the path and exit code 3, the earlier output is left
// as it was, and no temporary file remains.
func TestOutputOnAFullDiskKeepsTheOldFile(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to set a file-size limit")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "s.csv")
	var b strings.Builder
	b.WriteString("actor,theme,stance,date\n")
	for i := 0; i < 4000; i++ {
		b.WriteString("CHN,sovereignty,2,2016\nGBR,openness,1,2015\n")
	}
	os.WriteFile(in, []byte(b.String()), 0o644)
	out := filepath.Join(dir, "analysis.json")
	os.WriteFile(out, []byte("the earlier output"), 0o644)
	// A 4 KB limit: the JSON document of this analysis is far larger.
	cmd := exec.Command("sh", "-c", `ulimit -f 8; exec "$0" "$@"`, os.Args[0], "analyze", in, "--json", "-o", out, "--max-problems", "0")
	cmd.Env = append(os.Environ(), "STANCEMAP_RUN_MAIN=1")
	stderr, _ := cmd.CombinedOutput()
	code := cmd.ProcessState.ExitCode()
	if code != 3 || !strings.Contains(string(stderr), out) {
		t.Fatalf("exit %d, want 3 naming %s:\n%s", code, out, stderr)
	}
	if got, _ := os.ReadFile(out); string(got) != "the earlier output" {
		t.Errorf("earlier output changed to %.40q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("temporary file left behind: %v", entries)
	}
}

// TestInterruptedRunLeavesTheOldOutput sends SIGINT to a run that is
// busy with a large corpus: it stops with exit 130, says so, and the
// earlier output is intact with no temporary file beside it.
func TestInterruptedRunLeavesTheOldOutput(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd(t, "synth", "--statements", "300000", "--out", dir); code != 0 {
		t.Fatalf("synth: %s", errs)
	}
	out := filepath.Join(dir, "analysis.json")
	os.WriteFile(out, []byte("the earlier output"), 0o644)
	cmd := exec.Command(os.Args[0], "analyze", filepath.Join(dir, "statements.csv"), "--actors", filepath.Join(dir, "actors.csv"),
		"--codebook", filepath.Join(dir, "codebook.yaml"), "--period", "year", "--json", "-o", out, "--max-problems", "0")
	cmd.Env = append(os.Environ(), "STANCEMAP_RUN_MAIN=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitUntilReading(t, cmd.Process.Pid, "statements.csv")
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 || !strings.Contains(stderr.String(), "interrupted") {
		t.Fatalf("exit %d, want 130 with a message:\n%s", code, stderr.String())
	}
	if got, _ := os.ReadFile(out); string(got) != "the earlier output" {
		t.Errorf("earlier output changed to %.40q", got)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// waitUntilReading waits until process pid has the named input open or
// mapped (it is then past start-up, with its interrupt handler set), so
// that a signal sent next meets the running command however loaded the
// machine is. Where /proc is missing it waits a fixed 300 ms.
func waitUntilReading(t *testing.T, pid int, name string) {
	t.Helper()
	proc := fmt.Sprintf("/proc/%d", pid)
	if _, err := os.Stat(proc); err != nil {
		time.Sleep(300 * time.Millisecond)
		return
	}
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if maps, err := os.ReadFile(proc + "/maps"); err == nil && strings.Contains(string(maps), name) {
			return
		}
		if fds, err := os.ReadDir(proc + "/fd"); err == nil {
			for _, fd := range fds {
				if l, err := os.Readlink(filepath.Join(proc, "fd", fd.Name())); err == nil && strings.HasSuffix(l, name) {
					return
				}
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("process %d never opened %s", pid, name)
}
