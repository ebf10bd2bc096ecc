package extract

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/stancemap/stancemap/data"
	"go.yaml.in/yaml/v3"
)

// defaultRules is the rules file used when none is given; `stancemap
// extract --print-rules` prints it as a starting point.
//
//go:embed rules.yaml
var defaultRules []byte

// DefaultRulesYAML returns the text of the built-in rules file.
func DefaultRulesYAML() []byte { return append([]byte(nil), defaultRules...) }

// Rules is everything the coder reads besides the codebook: general
// stance cues, negators and hedges, theme additions, the verbs and nouns
// of reported speech, the gazetteer and the cleaning rules. See
// rules.yaml for what each field means.
type Rules struct {
	Version     int                   `yaml:"version"`
	Stance      StanceRules           `yaml:"stance"`
	Themes      map[string]ThemeRules `yaml:"themes"`
	Attribution AttributionRules      `yaml:"attribution"`
	Gazetteer   map[string][]string   `yaml:"gazetteer"`
	Words       WordRules             `yaml:"words"`
	Context     []string              `yaml:"context"`
	Cleaning    CleaningRules         `yaml:"cleaning"`
}

// StanceRules are the cues that take a side without naming a theme.
type StanceRules struct {
	Support       []string `yaml:"support"`
	Oppose        []string `yaml:"oppose"`
	Reduce        []string `yaml:"reduce"`
	Intensifiers  []string `yaml:"intensifiers"`
	Hedges        []string `yaml:"hedges"`
	Negators      []string `yaml:"negators"`
	NegationScope int      `yaml:"negation_scope"`
	Reach         int      `yaml:"reach"`
}

// ThemeRules add to one codebook theme.
type ThemeRules struct {
	Keywords []string  `yaml:"keywords"`
	Cues     data.Cues `yaml:"cues"`
	Problems []string  `yaml:"problems"`
	Exclude  []string  `yaml:"exclude"`
}

// WordRules change how words are compared.
type WordRules struct {
	// Unstemmed words are compared as written (folded), not stemmed.
	Unstemmed []string `yaml:"unstemmed"`
}

// AttributionRules are the words of reported speech.
type AttributionRules struct {
	Say       []string `yaml:"say"`
	According []string `yaml:"according"`
	Groups    []string `yaml:"groups"`
	Pronouns  []string `yaml:"pronouns"`
	Titles    []string `yaml:"titles"`
}

// CleaningRules say what is boilerplate and how text is segmented.
type CleaningRules struct {
	Boilerplate   []string `yaml:"boilerplate"`
	Abbreviations []string `yaml:"abbreviations"`
	MinWords      int      `yaml:"min_words"`
	HeadingWords  int      `yaml:"heading_words"`
	MaxSentence   int      `yaml:"max_sentence"`

	boilerplate []*regexp.Regexp
}

// DefaultRules returns a fresh copy of the built-in rules.
func DefaultRules() (*Rules, error) {
	return ParseRules(defaultRules, "(built-in rules.yaml)")
}

// ReadRules reads a rules file.
func ReadRules(path string) (*Rules, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &data.Problem{File: path, Code: data.CodeNoFile, Message: "cannot read the rules file: " + data.FileErrorReason(err), Unusable: true}
	}
	return ParseRules(b, path)
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// ParseRules reads rules from YAML and checks them; name is used in
// messages. Unknown fields are errors, so a misspelt section is not
// silently ignored.
func ParseRules(b []byte, name string) (*Rules, error) {
	var r Rules
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &data.Problem{File: name, Code: data.CodeEmptyFile, Message: "the rules file is empty", Unusable: true}
		}
		msg := err.Error()
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		p := &data.Problem{File: name, Code: data.CodeBadRules, Message: "not a valid rules file: " + strings.TrimPrefix(msg, "yaml: "), Unusable: true}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			p.Row, _ = strconv.Atoi(m[1])
		}
		return nil, p
	}
	if r.Stance.NegationScope <= 0 {
		r.Stance.NegationScope = 4
	}
	if r.Stance.Reach <= 0 {
		r.Stance.Reach = 10
	}
	if r.Cleaning.MinWords <= 0 {
		r.Cleaning.MinWords = 4
	}
	if r.Cleaning.HeadingWords <= 0 {
		r.Cleaning.HeadingWords = 12
	}
	if r.Cleaning.MaxSentence <= 0 {
		r.Cleaning.MaxSentence = 2000
	}
	for i, pat := range r.Cleaning.Boilerplate {
		re, err := regexp.Compile(`(?i)^\s*(?:` + pat + `)\s*$`)
		if err != nil {
			return nil, &data.Problem{File: name, Code: data.CodeBadRules, Column: fmt.Sprintf("cleaning.boilerplate[%d]", i),
				Message: "not a valid regular expression: " + err.Error(), Found: pat, Unusable: true}
		}
		r.Cleaning.boilerplate = append(r.Cleaning.boilerplate, re)
	}
	return &r, nil
}

// check reports rules that name themes the codebook does not have, or
// gazetteer actors the registry does not know: both would silently do
// nothing.
func (r *Rules) check(cb *data.Codebook, reg *data.Registry) error {
	for id := range r.Themes {
		if _, ok := cb.Theme(id); !ok {
			return fmt.Errorf("the rules add to theme %q, which the codebook does not have (themes: %s)", id, strings.Join(cb.ThemeIDs(), ", "))
		}
	}
	for id := range r.Gazetteer {
		if _, ok := reg.Get(id); !ok {
			return fmt.Errorf("the rules' gazetteer names actor %q, which the actor registry does not have", id)
		}
	}
	return nil
}
