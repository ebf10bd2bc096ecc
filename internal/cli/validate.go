package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// ValidateOptions are the flags of `stancemap validate`.
type ValidateOptions struct {
	Input  InputFlags
	Strict bool
}

// Validate checks each file by kind and prints every problem. The exit
// code is 2 if a file is unusable, else 1 if any error (or, with Strict,
// any warning) was found, else 0.
func Validate(paths []string, opt ValidateOptions, stdout, stderr io.Writer) error {
	var all data.Problems
	unusable := false
	record := func(ps ...*data.Problem) { all = append(all, ps...) }

	reg, cb, err := RegistryAndCodebook(opt.Input)
	if err != nil {
		var p *data.Problem
		if errors.As(err, &p) {
			record(p)
			PrintProblems(stdout, all, opt.Input.MaxShown)
			return Silent(ExitUsage)
		}
		return Fail(ExitUsage, err)
	}
	var statements []string
	summary := []string{}
	for _, path := range paths {
		ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(path, ".gz")))
		if ext == ".yaml" || ext == ".yml" {
			if _, err := data.ReadCodebook(path); err != nil {
				if p := (*data.Problem)(nil); errors.As(err, &p) {
					record(p)
					unusable = unusable || p.Unusable
				} else {
					return Fail(ExitUsage, err)
				}
			} else {
				summary = append(summary, path+": codebook ok")
			}
			continue
		}
		if data.IsDNADatabase(path) {
			statements = append(statements, path)
			continue
		}
		// The header tells a registry from statements; only a registry
		// (or a file the first look cannot read) is read whole here:
		// statements are read once, all together, below.
		t, err := data.ReadTable(path, data.TableOptions{Sheet: opt.Input.Sheet, IsHeader: data.LooksLikeAnyHeader, HeaderOnly: true})
		if err != nil || data.IsActorTable(t) {
			t, err = data.ReadTable(path, data.TableOptions{Sheet: opt.Input.Sheet, IsHeader: data.LooksLikeAnyHeader})
		}
		if err != nil {
			if p := (*data.Problem)(nil); errors.As(err, &p) {
				record(p)
				unusable = true
				continue
			}
			return Fail(ExitUsage, err)
		}
		if data.IsActorTable(t) {
			r, ps := data.ActorsFromTable(t)
			record(ps...)
			summary = append(summary, fmt.Sprintf("%s: actor registry, %d actors read", t.Name, r.Len()))
			continue
		}
		statements = append(statements, path)
	}
	if len(statements) > 0 {
		ro := data.ReadOptions{Registry: reg, Codebook: cb, AddUnknownActors: opt.Input.AddUnknown, Sheet: opt.Input.Sheet,
			DNADatabase: opt.Input.readOptions().DNADatabase}
		read := func() (*data.ReadResult, error) { return data.ReadStatements(statements, ro) }
		if opt.Input.DNA || data.AnyDNADatabase(statements) {
			read = func() (*data.ReadResult, error) {
				res, _, err := data.ReadDNAExport(statements, opt.Input.dnaOptions(ro))
				return res, err
			}
		}
		res, err := read()
		if res != nil {
			record(res.Problems...)
			for _, n := range res.Notes {
				summary = append(summary, n)
			}
			line := fmt.Sprintf("%d statement rows read: %d valid, %d invalid", res.Rows, len(res.Statements), res.InvalidRows)
			if rv := res.Review; rv.Active() || rv.Pending > 0 {
				line += fmt.Sprintf(", %d rejected in review; review: %s", len(rv.Rejected), rv)
			}
			summary = append(summary, line)
		}
		if err != nil {
			if p := (*data.Problem)(nil); errors.As(err, &p) {
				record(p)
				unusable = true
			} else {
				return Fail(ExitUsage, err)
			}
		}
	}
	all.Sort()
	PrintProblems(stdout, all, opt.Input.MaxShown)
	for _, s := range summary {
		fmt.Fprintln(stdout, s)
	}
	switch {
	case unusable || all.Unusable():
		return Silent(ExitUsage)
	case all.Errors() > 0 || (opt.Strict && len(all) > 0):
		return Silent(ExitProblems)
	}
	if len(all) == 0 {
		fmt.Fprintln(stdout, "no problems found")
	}
	return nil
}

// RegistryAndCodebook loads the registry and codebook the flags name, or
// the built-in ones.
func RegistryAndCodebook(f InputFlags) (*data.Registry, *data.Codebook, error) {
	var reg *data.Registry
	var err error
	if f.Actors == "" {
		reg, err = data.DefaultRegistry()
	} else {
		var ps data.Problems
		reg, ps, err = data.ReadActors(f.Actors)
		if err == nil && ps.Errors() > 0 {
			err = ps[0]
		}
	}
	if err != nil {
		return nil, nil, err
	}
	var cb *data.Codebook
	if f.Codebook == "" {
		cb, err = data.DefaultCodebook()
	} else {
		cb, err = data.ReadCodebook(f.Codebook)
	}
	return reg, cb, err
}
