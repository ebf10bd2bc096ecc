package data

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxCodebookBytes bounds what a codebook may weigh, decompressed.
const maxCodebookBytes = 16 << 20

var themeIDPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// ReadCodebook reads a codebook from a YAML file.
func ReadCodebook(path string) (*Codebook, error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return nil, &Problem{File: path, Code: CodeUnreadable, Message: "is not a regular file (a named pipe or a device): refused, since reading it might never end", Unusable: true}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &Problem{File: path, Code: CodeNoFile, Message: "cannot read the codebook: " + FileErrorReason(err), Unusable: true}
	}
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err == nil {
			b, err = io.ReadAll(io.LimitReader(zr, maxCodebookBytes+1))
		}
		if err != nil {
			return nil, &Problem{File: path, Code: CodeBadGzip, Message: "cannot decompress the codebook: " + err.Error(), Unusable: true}
		}
	}
	if len(b) > maxCodebookBytes {
		return nil, &Problem{File: path, Code: CodeTooLarge, Message: "the codebook is larger than 16 MB; is this the right file?", Unusable: true}
	}
	return ParseCodebook(b, path)
}

// ParseCodebook reads a codebook from YAML and checks it: theme ids are
// unique lower-case identifiers, each theme names both poles, and the
// scale uses only the values −2..+2, each once. name is used in messages.
func ParseCodebook(b []byte, name string) (*Codebook, error) {
	var cb Codebook
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&cb); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Problem{File: name, Code: CodeEmptyFile, Message: "the codebook is empty", Unusable: true}
		}
		return nil, yamlProblem(name, err)
	}
	var ps Problems
	add := func(line int, field, msg, found, expected string) {
		ps = append(ps, &Problem{File: name, Row: line, Column: field, Code: CodeBadCodebook, Message: msg, Found: found, Expected: expected})
	}
	if len(cb.Themes) == 0 {
		add(0, "themes", "the codebook defines no themes", "", "a list of themes with id, label, positive and negative")
	}
	seen := map[string]bool{}
	for i, t := range cb.Themes {
		where := fmt.Sprintf("themes[%d]", i)
		if !themeIDPattern.MatchString(t.ID) {
			add(0, where+".id", "theme id must be lower-case letters, digits and _", t.ID, "e.g. international_law")
		}
		if seen[t.ID] {
			add(0, where+".id", "theme id is used twice", t.ID, "unique ids")
		}
		seen[t.ID] = true
		if strings.TrimSpace(t.Positive) == "" || strings.TrimSpace(t.Negative) == "" {
			add(0, where, "theme "+t.ID+" must say what its positive and negative poles mean", "", "positive: … and negative: …")
		}
		if t.Label == "" {
			cb.Themes[i].Label = t.ID
		}
	}
	cb.checkAxes(add)
	if len(cb.Scale) == 0 {
		cb.Scale = DefaultScale()
	}
	vals := map[int]bool{}
	for i, l := range cb.Scale {
		if l.Value < MinStance || l.Value > MaxStance || vals[l.Value] {
			add(0, fmt.Sprintf("scale[%d].value", i), "scale values must be distinct integers from -2 to 2", strconv.Itoa(l.Value), "-2..2")
		}
		vals[l.Value] = true
	}
	if len(ps) > 0 {
		return nil, ps[0]
	}
	return &cb, nil
}

func yamlProblem(name string, err error) *Problem {
	p := &Problem{File: name, Code: CodeBadYAML, Message: "not a valid codebook: " + err.Error(), Unusable: true}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		p.Message = "not a valid codebook: " + te.Errors[0]
	}
	if m := regexp.MustCompile(`line (\d+)`).FindStringSubmatch(p.Message); m != nil {
		p.Row, _ = strconv.Atoi(m[1])
	}
	return p
}

// Levels returns the codebook's stance scale, or DefaultScale when it
// gives none (a codebook built in code).
func (cb *Codebook) Levels() []ScaleLevel {
	if len(cb.Scale) == 0 {
		return DefaultScale()
	}
	return cb.Scale
}

// DefaultScale is the five-point stance scale of DESIGN.md.
func DefaultScale() []ScaleLevel {
	return []ScaleLevel{
		{Value: -2, Label: "strongly oppose", Aliases: []string{"strongly disagree", "strongly opposes", "strongly disagrees", "strongly against"}},
		{Value: -1, Label: "oppose", Aliases: []string{"disagree", "against", "no", "opposes", "disagrees"}},
		{Value: 0, Label: "neutral", Aliases: []string{"mentions", "ambivalent", "neither"}},
		{Value: 1, Label: "support", Aliases: []string{"agree", "for", "yes", "supports", "agrees", "in favour", "in favor"}},
		{Value: 2, Label: "strongly support", Aliases: []string{"strongly agree", "strongly supports", "strongly agrees", "strongly in favour", "strongly in favor"}},
	}
}

// ParseStance reads a stance: an integer −2..+2 (also "+1", "1.0"), or a
// label or alias of the codebook's scale ("strongly oppose", "agree",
// "yes"), case-insensitively. DNA-style agree/disagree and yes/no map to
// +1/−1 through the default scale's aliases.
func (cb *Codebook) ParseStance(s string) (int, bool) {
	// The plain numbers a corpus holds a million times, without the
	// allocations of the general reading below (which agrees with it).
	switch s {
	case "0", "-0", "+0":
		return 0, true
	case "1", "+1":
		return 1, true
	case "2", "+2":
		return 2, true
	case "-1":
		return -1, true
	case "-2":
		return -2, true
	}
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if t == "" {
		return 0, false
	}
	t = NormalizeSign(t)
	if f, err := strconv.ParseFloat(t, 64); err == nil {
		if f != float64(int(f)) || f < MinStance || f > MaxStance {
			return 0, false
		}
		return int(f), true
	}
	scale := cb.Levels()
	for _, l := range scale {
		if strings.EqualFold(l.Label, t) {
			return l.Value, true
		}
		for _, a := range l.Aliases {
			if strings.EqualFold(a, t) {
				return l.Value, true
			}
		}
	}
	return 0, false
}

// signs are the characters read as a minus or a plus sign before a
// number: the Unicode minus (U+2212, which stancemap prints), the dashes
// word processors put for "-" (hyphen, non-breaking hyphen, figure dash,
// en dash, em dash), the small and full-width hyphen-minus, and the
// full-width plus.
var signs = strings.NewReplacer("\u2212", "-", "\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-",
	"\ufe63", "-", "\uff0d", "-", "\uff0b", "+")

// NormalizeSign writes a leading minus or plus sign of any of these kinds
// as ASCII "-" or "+"; s is returned unchanged when it does not start
// with one.
func NormalizeSign(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r < utf8.RuneSelf {
		return s
	}
	if m := signs.Replace(string(r)); m != string(r) {
		return m + s[n:]
	}
	return s
}

// stanceExpected lists the accepted stance forms for messages.
func (cb *Codebook) stanceExpected() string {
	scale := cb.Levels()
	labels := make([]string, len(scale))
	for i, l := range scale {
		labels[i] = l.Label
	}
	return "an integer from -2 to 2 or one of: " + strings.Join(labels, ", ")
}

// FileErrorReason says in a few words why a file could not be opened
// or read — "no such file", "permission denied", or the system's reason
// without the operation and path, which the caller's message already shows.
func FileErrorReason(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "no such file"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
