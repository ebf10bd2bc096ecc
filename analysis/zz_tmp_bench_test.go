package analysis

import (
	"fmt"
	"testing"
)

var sinkI int
var sinkF float64

func BenchmarkTmpBinomFrac(b *testing.B) {
	loadTables()
	for _, c := range [][3]int{{500, 33, 500}, {467, 33, 467}, {200, 33, 200}, {100, 33, 400}, {50, 10, 100}, {17, 2, 17}, {500, 100, 500}} {
		b.Run(fmt.Sprint(c), func(b *testing.B) {
			s := newBootScratch()
			for b.Loop() {
				sinkI += binomialFrac(s.rng, c[0], c[1], c[2])
			}
		})
	}
}

func BenchmarkTmpPaths(b *testing.B) {
	mk := func(n, d int, weighted bool) []atom {
		var as []atom
		for i := 0; i < d; i++ {
			w := 1.0
			if weighted {
				w = []float64{0.5, 1, 2}[i%3]
			}
			as = append(as, atom{x: float64(i%5 - 2), w: w, n: n / d})
		}
		// sort like the caller
		return as
	}
	cfg := newBootConfig(2000, 0.95)
	for _, c := range []struct {
		n, d int
		w    bool
		m    bootMethod
	}{{500, 5, false, bootMultinomial}, {500, 5, false, bootExact}, {500, 15, true, bootMultinomial}, {500, 15, true, bootDirect}, {17, 5, false, bootExact}, {17, 5, false, bootDirect}, {17, 5, false, bootMultinomial}, {100, 5, false, bootExact}, {100, 5, false, bootMultinomial}} {
		as := mk(c.n, c.d, c.w)
		if c.w {
			// distinct (x,w) atoms
			as = nil
			for i := 0; i < c.d; i++ {
				as = append(as, atom{x: float64(i/3 - 2), w: []float64{0.5, 1, 2}[i%3], n: c.n / c.d})
			}
		}
		cc := cfg
		cc.method = c.m
		b.Run(fmt.Sprintf("n=%d/d=%d/w=%v/m=%d", c.n, c.d, c.w, c.m), func(b *testing.B) {
			s := newBootScratch()
			for b.Loop() {
				lo, hi := s.ci(as, cc)
				sinkF += lo + hi
			}
		})
	}
}
