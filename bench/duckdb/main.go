// Command duckdb times `stancemap matrix` against DuckDB on the same
// generated statements CSV: the mean stance, count and standard deviation
// per actor × theme, from the file to a result.
//
// Both sides run as child processes, so that their times and peak memory
// are measured alike (wall time by this program, CPU time and peak
// resident memory from the child's rusage). DuckDB's child is this
// program itself (`duckdb query CSV OUT`): it opens an in-memory
// database and runs
//
//	SELECT actor, theme, avg(stance), count(*), stddev_samp(stance)
//	FROM read_csv(CSV) GROUP BY actor, theme
//
// and writes the rows as CSV. stancemap's is the whole command
// (`matrix --bootstrap 0 --format csv`), which also validates every row
// and checks ids and duplicates; DuckDB does neither.
//
// The two sides take turns, RUNS times each; before any time is printed
// both results are checked to hold the same cells with the same counts,
// means and standard deviations (to 1e-9).
//
// It lives in a module of its own because the DuckDB driver needs cgo,
// which stancemap's own module never does.
package main

import (
	"database/sql"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

func main() {
	if len(os.Args) == 4 && os.Args[1] == "query" {
		if err := query(os.Args[2], os.Args[3]); err != nil {
			fmt.Fprintln(os.Stderr, "duckdb:", err)
			os.Exit(1)
		}
		return
	}
	bin := flag.String("stancemap", "bin/stancemap", "the stancemap binary")
	sizes := flag.String("sizes", "100000,1000000", "statement counts to generate and time (comma-separated)")
	large := flag.Bool("large", false, "also time 10,000,000 statements (about 2 GB of CSV)")
	runs := flag.Int("runs", 5, "runs of each side at each size")
	corpus := flag.String("corpus", "", "time this folder's statements.csv, actors.csv and codebook.yaml instead of generating corpora")
	work := flag.String("dir", "", "folder for the generated corpora (default: a temporary folder, removed afterwards)")
	flag.Parse()
	if err := run(*bin, *sizes, *large, *runs, *corpus, *work); err != nil {
		fmt.Fprintln(os.Stderr, "duckdb bench:", err)
		os.Exit(1)
	}
}

// query is the DuckDB side, run as a child process.
func query(in, out string) error {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.Query(`SELECT actor, theme, avg(stance), count(*), stddev_samp(stance)
		FROM read_csv(?) GROUP BY actor, theme`, in)
	if err != nil {
		return err
	}
	defer rows.Close()
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	for rows.Next() {
		var actor, theme string
		var mean float64
		var n int64
		var sd sql.NullFloat64
		if err := rows.Scan(&actor, &theme, &mean, &n, &sd); err != nil {
			return err
		}
		s := ""
		if sd.Valid {
			s = strconv.FormatFloat(sd.Float64, 'g', -1, 64)
		}
		w.Write([]string{actor, theme, strconv.FormatFloat(mean, 'g', -1, 64), strconv.FormatInt(n, 10), s})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}

// measure is one run of a child process.
type measure struct {
	wall, cpu time.Duration
	maxRSS    int64 // bytes
}

func child(name string, args ...string) (measure, error) {
	cmd := exec.Command(name, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return measure{}, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return measure{}, errors.New("no rusage for the child process on this system")
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return measure{wall: wall, cpu: cpu, maxRSS: ru.Maxrss * 1024}, nil // Linux gives kilobytes
}

// cell is one actor × theme result.
type cell struct {
	n        int
	mean, sd float64
	sdKnown  bool
}

func readCells(path string, stancemap bool) (map[[2]string]cell, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	cells := map[[2]string]cell{}
	num := func(s string) float64 {
		v, e := strconv.ParseFloat(s, 64)
		if e != nil && err == nil {
			err = fmt.Errorf("%s: %q is not a number", path, s)
		}
		return v
	}
	for i, rec := range recs {
		var c cell
		var key [2]string
		var sd string
		if stancemap {
			// period,from,to,row,theme,n,weight,mean,sd,...
			if i == 0 || len(rec) < 9 || rec[5] == "" || rec[5] == "0" {
				continue // the header, and cells with no statements (GROUP BY has none)
			}
			key = [2]string{rec[3], rec[4]}
			c.n, c.mean, sd = int(num(rec[5])), num(rec[7]), rec[8]
		} else {
			key = [2]string{rec[0], rec[1]}
			c.mean, c.n, sd = num(rec[2]), int(num(rec[3])), rec[4]
		}
		if sd != "" {
			c.sd, c.sdKnown = num(sd), true
		}
		cells[key] = c
	}
	return cells, err
}

// same says whether the two results hold the same cells, counts, means
// and standard deviations (a cell of one statement has no sd on either
// side).
func same(a, b map[[2]string]cell) error {
	if len(a) != len(b) {
		return fmt.Errorf("stancemap has %d cells with statements, DuckDB %d", len(a), len(b))
	}
	close := func(x, y float64) bool { return math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(y)) }
	for k, x := range a {
		y, ok := b[k]
		switch {
		case !ok:
			return fmt.Errorf("cell %s × %s is missing from DuckDB's result", k[0], k[1])
		case x.n != y.n:
			return fmt.Errorf("cell %s × %s: count %d vs %d", k[0], k[1], x.n, y.n)
		case !close(x.mean, y.mean):
			return fmt.Errorf("cell %s × %s: mean %v vs %v", k[0], k[1], x.mean, y.mean)
		case x.sdKnown != y.sdKnown || (x.sdKnown && !close(x.sd, y.sd)):
			return fmt.Errorf("cell %s × %s: sd %v vs %v", k[0], k[1], x.sd, y.sd)
		}
	}
	return nil
}

func run(bin, sizes string, large bool, runs int, corpus, work string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if work == "" {
		work, err = os.MkdirTemp("", "duckdb-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	var ns []int
	if corpus == "" {
		for _, s := range strings.Split(sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n <= 0 {
				return fmt.Errorf("--sizes: %q is not a count of statements", s)
			}
			ns = append(ns, n)
		}
		if large {
			ns = append(ns, 10000000)
		}
	} else {
		ns = []int{0}
	}
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Printf("load average at the start: %s", load)
	}
	fmt.Println("| statements | CSV | stancemap matrix: best / median wall, median CPU, peak RSS | DuckDB: best / median wall, median CPU, peak RSS | ratio DuckDB / stancemap (median wall) |")
	fmt.Println("|---|---|---|---|---|")
	for _, n := range ns {
		dir := corpus
		if corpus == "" {
			dir = filepath.Join(work, strconv.Itoa(n))
			if err := exec.Command(bin, "synth", "--actors", "200", "--themes", "10", "--statements", strconv.Itoa(n),
				"--years", "30", "--out", dir).Run(); err != nil {
				return fmt.Errorf("stancemap synth %d: %v", n, err)
			}
		}
		stmts := filepath.Join(dir, "statements.csv")
		fi, err := os.Stat(stmts)
		if err != nil {
			return err
		}
		goOut, ddOut := filepath.Join(work, "stancemap.csv"), filepath.Join(work, "duckdb.csv")
		var gm, dm []measure
		for range runs {
			m, err := child(bin, "matrix", stmts, "--actors", filepath.Join(dir, "actors.csv"),
				"--codebook", filepath.Join(dir, "codebook.yaml"), "--format", "csv", "--bootstrap", "0", "-o", goOut)
			if err != nil {
				return err
			}
			gm = append(gm, m)
			if m, err = child(self, "query", stmts, ddOut); err != nil {
				return err
			}
			dm = append(dm, m)
		}
		a, err := readCells(goOut, true)
		if err != nil {
			return err
		}
		b, err := readCells(ddOut, false)
		if err != nil {
			return err
		}
		if err := same(a, b); err != nil {
			return fmt.Errorf("%d statements: the two results differ: %v", n, err)
		}
		if n == 0 {
			n = -1
		}
		fmt.Printf("| %s | %d MB | %s | %s | %.2f |\n", count(n, stmts), fi.Size()/1000000, summary(gm), summary(dm),
			median(dm, wallOf).Seconds()/median(gm, wallOf).Seconds())
		fmt.Fprintf(os.Stderr, "%s statements: the same %d cells (count, mean, sd) on both sides\n", count(n, stmts), len(a))
	}
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Printf("load average at the end: %s", load)
	}
	return nil
}

func count(n int, path string) string {
	if n < 0 {
		return path
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func wallOf(m measure) time.Duration { return m.wall }
func cpuOf(m measure) time.Duration  { return m.cpu }

func median(ms []measure, f func(measure) time.Duration) time.Duration {
	v := make([]time.Duration, len(ms))
	for i, m := range ms {
		v[i] = f(m)
	}
	slices.Sort(v)
	return v[(len(v)-1)/2]
}

func summary(ms []measure) string {
	best := slices.MinFunc(ms, func(a, b measure) int { return int(a.wall - b.wall) })
	var peak int64
	for _, m := range ms {
		peak = max(peak, m.maxRSS)
	}
	return fmt.Sprintf("%.2f / %.2f s, CPU %.2f s, %d MB", best.wall.Seconds(), median(ms, wallOf).Seconds(),
		median(ms, cpuOf).Seconds(), peak>>20)
}
