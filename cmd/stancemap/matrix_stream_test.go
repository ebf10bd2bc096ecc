package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// matrixRun is what one run of a command printed, returned and wrote.
type matrixRun struct {
	stdout, stderr []byte
	code           int
	files          map[string][]byte
	streamed       bool
}

// runMatrix runs a command line in a copy of dir, with the streaming
// path of matrix allowed or not.
func runMatrix(t *testing.T, dir string, args []string, stream bool) matrixRun {
	t.Helper()
	work := t.TempDir()
	inputs, err := copyInputs(dir, work)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)
	defer func(s bool) { streamMatrix, matrixPath = s, nil }(streamMatrix)
	var r matrixRun
	streamMatrix, matrixPath = stream, func(s bool) { r.streamed = s }
	var out, errb bytes.Buffer
	r.code = runWithStdin(args, strings.NewReader(""), &out, &errb)
	r.stdout, r.stderr = normalise(out.Bytes(), work), normalise(errb.Bytes(), work)
	if r.files, err = writtenFiles(work, inputs); err != nil {
		t.Fatal(err)
	}
	for name, b := range r.files {
		r.files[name] = normalise(b, work)
	}
	return r
}

// sameRuns compares the plain and the streaming run of a command.
func sameRuns(t *testing.T, name string, plain, stream matrixRun) {
	t.Helper()
	if plain.code != stream.code {
		t.Errorf("%s: exit %d streaming, %d plain", name, stream.code, plain.code)
	}
	if !bytes.Equal(plain.stdout, stream.stdout) {
		t.Errorf("%s: standard output differs:\n%s", name, firstDifference(plain.stdout, stream.stdout))
	}
	if !bytes.Equal(plain.stderr, stream.stderr) {
		t.Errorf("%s: standard error differs:\n%s", name, firstDifference(plain.stderr, stream.stderr))
	}
	if len(plain.files) != len(stream.files) {
		t.Errorf("%s: %d files written streaming, %d plain", name, len(stream.files), len(plain.files))
	}
	for f, b := range plain.files {
		if !bytes.Equal(b, stream.files[f]) {
			t.Errorf("%s: %s differs:\n%s", name, f, firstDifference(b, stream.files[f]))
		}
	}
}

// TestMatrixStreamingSameBytes runs every matrix command case, and
// synthetic corpora under many options (clean, with an invalid row, with
// a statement entered twice), with the streaming path and without, and
// compares standard output, standard error, exit status and files
// written. It checks too that the streaming path is taken where it
// should be, so that the comparison is not of the plain path with itself.
func TestMatrixStreamingSameBytes(t *testing.T) {
	root, err := filepath.Abs(casesDir) // runMatrix changes the working folder
	if err != nil {
		t.Fatal(err)
	}
	cases, err := filepath.Glob(filepath.Join(root, "matrix", "*", "cmd"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no matrix cases: %v", err)
	}
	streamedCases := 0
	for _, c := range cases {
		dir := filepath.Dir(c)
		line, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		args, err := splitWords(strings.TrimSpace(string(line)))
		if err != nil {
			t.Fatal(err)
		}
		plain, stream := runMatrix(t, dir, args, false), runMatrix(t, dir, args, true)
		if plain.streamed {
			t.Fatalf("%s: streamed with streaming off", dir)
		}
		if stream.streamed {
			streamedCases++
			t.Logf("streamed: %s", filepath.Base(dir))
		}
		sameRuns(t, filepath.Base(dir), plain, stream)
	}
	if streamedCases < 5 {
		t.Errorf("only %d command cases took the streaming path", streamedCases)
	}

	// Synthetic corpora.
	synthRoot := t.TempDir()
	gen := func(name string, seed int, edit func(lines []string) []string) string {
		dir := filepath.Join(synthRoot, name)
		var out, errb bytes.Buffer
		if code := runWithStdin([]string{"synth", "--actors", "40", "--themes", "6", "--statements", "6000", "--years", "12",
			"--seed", fmt.Sprint(seed), "--out", dir}, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("synth: exit %d: %s", code, errb.String())
		}
		if edit != nil {
			p := filepath.Join(dir, "statements.csv")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			lines := edit(strings.SplitAfter(string(b), "\n"))
			if err := os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	clean1, clean2 := gen("clean1", 1, nil), gen("clean2", 2, nil)
	invalid := gen("invalid", 3, func(ls []string) []string {
		fs := strings.Split(ls[100], ",")
		fs[3] = "maybe"
		ls[100] = strings.Join(fs, ",")
		return ls
	})
	twice := gen("twice", 4, func(ls []string) []string {
		again := strings.Replace(ls[7], "s00000007", "again", 1)
		return append(ls, again)
	})
	base := []string{"statements.csv", "--actors", "actors.csv", "--codebook", "codebook.yaml"}
	runs := []struct {
		dir    string
		flags  string
		stream bool // the streaming path takes it
	}{
		{clean1, "--bootstrap 0 --format csv", true},
		{clean1, "--format json --bootstrap 50 --seed 9", true},
		{clean1, "--period year --format csv --bootstrap 30", true},
		{clean2, "--period quarter --salience --bootstrap 0", true},
		{clean2, "--period month --bootstrap 0 --format json", true},
		{clean2, "--period 1996-1999,2000-2002 --format csv --bootstrap 20", true},
		{clean1, "--period 1995..1996-06 --bootstrap 0", true},
		{clean1, "--bootstrap 0 --format csv -o out.csv", true},
		{clean1, "--bootstrap 0 --format xml", true},
		{clean1, "--group-by region --bootstrap 0 --format csv", true},
		{clean2, "--group-by group --period year --bootstrap 40 --format json", true},
		{clean2, "--group-by kind --salience", true},
		{clean1, "--select-themes openness --bootstrap 0 --format csv", false},
		{invalid, "--bootstrap 0 --format csv", false},
		{invalid, "--bootstrap 0 --format csv --skip-invalid", false},
		{twice, "--bootstrap 0 --format csv", true},
		{twice, "--bootstrap 0 --format csv --max-problems 0", true},
	}
	for _, r := range runs {
		args := append(append([]string{"matrix"}, base...), strings.Fields(r.flags)...)
		name := filepath.Base(r.dir) + " " + r.flags
		plain, stream := runMatrix(t, r.dir, args, false), runMatrix(t, r.dir, args, true)
		if stream.streamed != r.stream {
			t.Errorf("%s: streamed %v, want %v", name, stream.streamed, r.stream)
		}
		sameRuns(t, name, plain, stream)
	}
}
