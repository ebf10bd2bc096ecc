package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"

	"github.com/stancemap/stancemap/data"
)

// InitStudy writes a starter codebook, actor registry and statements
// file into dir: empty, or with sample's statements when sample is not
// "". It refuses to overwrite unless force is set, and checks all three
// before writing any.
func InitStudy(dir string, force bool, sample string) ([]string, error) {
	cb, err := data.SampleFile(data.SampleCodebook)
	if err != nil {
		return nil, err
	}
	actors, err := data.SampleFile(data.SampleActors)
	if err != nil {
		return nil, err
	}
	var head bytes.Buffer
	if err := data.WriteStatementsCSV(&head, nil); err != nil {
		return nil, err
	}
	if sample != "" {
		s, err := data.LookupSample(sample)
		if err != nil {
			return nil, Fail(ExitUsage, err)
		}
		b, err := s.Statements()
		if err != nil {
			return nil, err
		}
		head.Reset()
		head.Write(b)
	}
	files := []struct {
		name string
		body []byte
	}{{"codebook.yaml", cb}, {"actors.csv", actors}, {"statements.csv", head.Bytes()}}
	if !force {
		for _, f := range files {
			p := filepath.Join(dir, f.name)
			if _, err := os.Stat(p); err == nil {
				return nil, Failf(ExitOutput, "%s already exists; not overwritten (use --force to replace it)", p)
			}
		}
	}
	var written []string
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		body := f.body
		if err := data.WriteFileAtomic(p, func(w io.Writer) error { _, err := w.Write(body); return err }); err != nil {
			return written, Fail(ExitOutput, err)
		}
		written = append(written, p)
	}
	return written, nil
}
