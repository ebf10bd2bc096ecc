// Command ungdc times `stancemap extract` over the UN General Debate Corpus
// (../shared/data/ungdc_1946-2024.csv.gz: 10,952 speeches, 199 MB) and
// prints what the coded statements say for 2000–2024: which countries
// give most of their cyber-governance talk to sovereignty, openness and
// the digital divide. Run it through bench/ungdc.sh, which also measures
// the command line as a user runs it.
//
//	go run ./bench/ungdc -corpus ../shared/data/ungdc_1946-2024.csv.gz -out /tmp/ungdc.csv
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"sort"
	"time"

	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/extract"
)

func main() {
	corpus := flag.String("corpus", "../shared/data/ungdc_1946-2024.csv.gz", "the UNGDC file")
	out := flag.String("out", "", "write the statements here (CSV); empty: count only")
	from := flag.Int("from", 2000, "first year of the summary")
	to := flag.Int("to", 2024, "last year of the summary")
	top := flag.Int("top", 10, "countries listed per theme")
	minStatements := flag.Int("min", 20, "statements a country needs in the period to be ranked")
	context := flag.Bool("require-context", true, "code only sentences about cyberspace, the internet or ICT (extract --require-context)")
	flag.Parse()

	if _, err := os.Stat(*corpus); err != nil {
		fmt.Fprintf(os.Stderr, "ungdc: %s is not there (%v): this benchmark needs ../shared/data\n", *corpus, err)
		os.Exit(2)
	}
	reg, err := data.DefaultRegistry()
	check(err)
	cb, err := data.DefaultCodebook()
	check(err)
	x, err := extract.New(cb, reg, extract.Options{RequireContext: *context})
	check(err)

	var w *data.StatementWriter
	if *out != "" {
		f, err := os.Create(*out)
		check(err)
		defer f.Close()
		w, err = data.NewStatementWriter(f, data.FormatCSV)
		check(err)
	}
	// Per country and theme in the period: statements and stance sum.
	type cell struct{ n, sum int }
	counts := map[string]map[string]*cell{}
	total := map[string]int{}
	start := time.Now()
	st, err := x.RunTable(*corpus, extract.TableOptions{TextCol: "text", ActorCol: "country", DateCol: "year"},
		func(c *extract.Coded) error {
			if c.Flagged() {
				return nil
			}
			if w != nil {
				if err := w.Write(&c.Statement); err != nil {
					return err
				}
			}
			if y := int(c.Date.Year); y >= *from && y <= *to {
				m := counts[c.Actor]
				if m == nil {
					m = map[string]*cell{}
					counts[c.Actor] = m
				}
				k := m[c.Theme]
				if k == nil {
					k = &cell{}
					m[c.Theme] = k
				}
				k.n++
				k.sum += c.Stance
				total[c.Actor]++
			}
			return nil
		}, extract.RunOptions{SkipInvalid: true})
	check(err)
	if w != nil {
		check(w.Close())
	}
	elapsed := time.Since(start)
	fmt.Printf("speeches coded: %d (skipped %d), sentences: %d, statements: %d\n", st.Documents, st.Skipped, st.Sentences, st.Statements)
	fmt.Printf("time: %.1f s on %d cores; peak resident memory: %s\n", elapsed.Seconds(), runtime.GOMAXPROCS(0), peakMemory())
	for _, p := range st.Problems {
		if p.Severity == data.SeverityError {
			fmt.Println("  problem:", p)
		}
	}

	fmt.Printf("\n%d–%d: share of each country's theme statements (salience), mean stance, countries with ≥ %d statements\n", *from, *to, *minStatements)
	for _, theme := range []string{"sovereignty", "openness", "digital_divide", "multistakeholder", "international_law"} {
		type row struct {
			actor string
			share float64
			mean  float64
			n     int
		}
		var rows []row
		for a, m := range counts {
			if total[a] < *minStatements {
				continue
			}
			k := m[theme]
			if k == nil {
				continue
			}
			rows = append(rows, row{a, float64(k.n) / float64(total[a]), float64(k.sum) / float64(k.n), k.n})
		}
		sort.Slice(rows, func(i, j int) bool {
			if rows[i].share != rows[j].share {
				return rows[i].share > rows[j].share
			}
			return rows[i].actor < rows[j].actor
		})
		fmt.Printf("\n%s (%d countries):\n", theme, len(rows))
		for i, r := range rows {
			if i == *top {
				break
			}
			name := r.actor
			if a, ok := reg.Get(r.actor); ok {
				name = a.Name
			}
			fmt.Printf("  %-3d %-28s %5.1f%%  mean %+.2f  (n=%d)\n", i+1, name, 100*r.share, round2(r.mean), r.n)
		}
	}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "ungdc:", err)
		os.Exit(1)
	}
}
