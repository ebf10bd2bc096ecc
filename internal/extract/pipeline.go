package extract

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/stancemap/stancemap/data"
)

// RunOptions control a run over many documents.
type RunOptions struct {
	// Workers extracting at once; 0 means one per core.
	Workers int
	// SkipInvalid goes on past documents or rows that cannot be read,
	// reporting them; otherwise the first one stops the run.
	SkipInvalid bool
	// Progress, when set, is told how far the run has got: bytes of input
	// read (tables) or documents done (text files).
	Progress func(done int64)
}

// Stats counts what a run read and found. Problems lists what could not
// be read (and warnings), in input order.
type Stats struct {
	Documents  int // documents coded
	Skipped    int // documents or rows left out because of a problem
	Sentences  int // sentences read (headings and labels excepted)
	Statements int // statements emitted (flagged ones excepted)
	Flagged    int // theme sentences with no actor: not coded
	Problems   data.Problems
}

// Emit receives every coded statement in input order, flagged ones
// (Coded.Flagged) included.
type Emit func(c *Coded) error

// ErrStopped is wrapped by the error a run returns when a problem
// stopped it (SkipInvalid unset).
var ErrStopped = errors.New("stopped at the first input that cannot be read")

// job is one document (or a problem in its place) on its way through
// the workers, numbered so results come out in input order.
type job struct {
	seq  int
	doc  *Document
	prob data.Problems
	size int64
	res  *DocResult
}

// pipeline extracts documents from feed on several workers and hands
// results to emit in input order, with bounded memory.
func (x *Extractor) pipeline(feed func(jobs chan<- *job, stop <-chan struct{}) error, emit Emit, opt RunOptions) (*Stats, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan *job, 4*workers)
	done := make(chan *job, 4*workers)
	stop := make(chan struct{})
	var stopOnce sync.Once
	halt := func() { stopOnce.Do(func() { close(stop) }) }
	var feedErr error
	go func() {
		feedErr = feed(jobs, stop)
		close(jobs)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			// Each goroutine keeps its own worker, and so its word caches,
			// for the whole run.
			w := newWorker(x)
			for j := range jobs {
				if j.doc != nil {
					j.res = w.extract(j.doc)
					j.doc.Text = "" // the text is not needed past extraction
				}
				done <- j
			}
		})
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	st := &Stats{}
	pending := map[int]*job{}
	next := 0
	var runErr error
	var progress int64
	for j := range done {
		pending[j.seq] = j
		for {
			k, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if runErr != nil {
				continue
			}
			progress += k.size
			if opt.Progress != nil {
				opt.Progress(progress)
			}
			st.Problems = append(st.Problems, k.prob...)
			if k.prob.Errors() > 0 {
				st.Skipped++
				if !opt.SkipInvalid {
					runErr = fmt.Errorf("%w: %v", ErrStopped, FirstError(k.prob))
					halt()
				}
				continue
			}
			if k.res == nil {
				continue
			}
			st.Documents++
			st.Sentences += k.res.Sentences
			for i := range k.res.Coded {
				c := &k.res.Coded[i]
				if c.Flagged() {
					st.Flagged++
				} else {
					st.Statements++
				}
				if err := emit(c); err != nil && runErr == nil {
					runErr = err
					halt()
				}
			}
		}
	}
	if runErr != nil {
		return st, runErr
	}
	return st, feedErr
}

// FirstError is the first error among problems (the first problem when
// none is an error).
func FirstError(ps data.Problems) *data.Problem {
	for _, p := range ps {
		if p.Severity == data.SeverityError {
			return p
		}
	}
	return ps[0]
}

// RunFiles reads and codes the documents of in, in their order.
func (x *Extractor) RunFiles(in *Inputs, emit Emit, opt RunOptions) (*Stats, error) {
	return x.pipeline(func(jobs chan<- *job, stop <-chan struct{}) error {
		for i, f := range in.Files {
			doc, ps := in.Load(f)
			j := &job{seq: i, doc: doc, prob: ps, size: 1}
			if ps.Errors() > 0 {
				j.doc = nil
			}
			select {
			case jobs <- j:
			case <-stop:
				return nil
			}
		}
		return nil
	}, emit, opt)
}
