package extract

import (
	"math"
	"math/rand/v2"
	"sort"
)

// example is one training case: a feature set and its class.
type example struct {
	feats []string
	y     int
}

// fitOptions tune fitLinear.
type fitOptions struct {
	// L2 is the penalty λ of ½λ‖w‖² on the feature weights (not the
	// bias), per example.
	L2     float64
	Epochs int
	// MinCount drops features seen in fewer examples.
	MinCount int
	// Seed varies the order the examples are visited in.
	Seed uint64
	// Bag, when above 1, fits that many models, each visiting the
	// examples in its own order, and averages their weights: the
	// order-dependence of a few hundred examples spread over thousands of
	// features is averaged out.
	Bag int
}

// fitLinear fits a multinomial logistic regression with K classes by
// minimising the mean log loss plus ½λ‖w‖², with AdaGrad over the
// examples in a fixed pseudo-random order (seed 1), so the same examples
// give the same weights. The penalty is applied to a feature's weights
// when an example holds it (lazily), as is usual for sparse features.
func fitLinear(exs []example, k int, o fitOptions) *Linear {
	if o.Bag > 1 {
		n := o.Bag
		o.Bag = 0
		var avg *Linear
		for i := range n {
			o.Seed = uint64(i)
			l := fitLinear(exs, k, o)
			if avg == nil {
				avg = l
				continue
			}
			for c := range avg.Bias {
				avg.Bias[c] += l.Bias[c]
			}
			for f, w := range l.Weights {
				a := avg.Weights[f]
				for c := range a {
					a[c] += w[c]
				}
			}
		}
		for c := range avg.Bias {
			avg.Bias[c] /= float64(n)
		}
		for _, a := range avg.Weights {
			for c := range a {
				a[c] /= float64(n)
			}
		}
		return avg
	}
	count := map[string]int{}
	for _, e := range exs {
		for _, f := range e.feats {
			count[f]++
		}
	}
	names := make([]string, 0, len(count))
	for f, c := range count {
		if c >= o.MinCount {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	idx := make(map[string]int, len(names))
	for i, f := range names {
		idx[f] = i
	}
	xs := make([][]int, len(exs))
	for i, e := range exs {
		for _, f := range e.feats {
			if j, ok := idx[f]; ok {
				xs[i] = append(xs[i], j)
			}
		}
	}
	w := make([]float64, len(names)*k)
	gw := make([]float64, len(names)*k)
	b := make([]float64, k)
	gb := make([]float64, k)
	// start the bias at the class log frequencies
	freq := make([]float64, k)
	for _, e := range exs {
		freq[e.y]++
	}
	for c := range b {
		b[c] = math.Log((freq[c] + 1) / float64(len(exs)+k))
	}
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(1+o.Seed, 2))
	const eta = 0.5
	p := make([]float64, k)
	lam := o.L2
	// The weights returned are the mean of those after each epoch of the
	// second half (Polyak averaging), steadier than the last ones.
	avgW := make([]float64, len(w))
	avgB := make([]float64, k)
	navg := 0
	for ep := range o.Epochs {
		if ep >= o.Epochs/2 && ep > 0 {
			for i := range w {
				avgW[i] += w[i]
			}
			for c := range b {
				avgB[c] += b[c]
			}
			navg++
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			copy(p, b)
			for _, j := range xs[i] {
				for c := range k {
					p[c] += w[j*k+c]
				}
			}
			softmax(p)
			for c := range k {
				g := p[c]
				if c == exs[i].y {
					g--
				}
				gb[c] += g * g
				b[c] -= eta * g / (math.Sqrt(gb[c]) + 1e-8)
				for _, j := range xs[i] {
					gg := g + lam*w[j*k+c]
					gw[j*k+c] += gg * gg
					w[j*k+c] -= eta * gg / (math.Sqrt(gw[j*k+c]) + 1e-8)
				}
			}
		}
	}
	if navg > 0 {
		for i := range w {
			w[i] = avgW[i] / float64(navg)
		}
		for c := range b {
			b[c] = avgB[c] / float64(navg)
		}
	}
	l := &Linear{Bias: b, Weights: make(map[string][]float64, len(names))}
	for i, f := range names {
		l.Weights[f] = append([]float64(nil), w[i*k:(i+1)*k]...)
	}
	return l
}
