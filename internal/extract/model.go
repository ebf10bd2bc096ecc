package extract

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
)

// The learned component of the coder. For a sentence that speaks of
// cyberspace (a context word in it), a regularised logistic regression
// per theme decides whether the theme is there, over the sentence's words,
// word pairs and the rule coder's own findings (which themes its phrases
// name, on which side, with which cues); a second one, shared by the
// themes, decides the side (−, 0, +) and a third the strength. The
// weights live in a model file (JSON): the built-in one was trained on the
// development half of the hand-coded UN corpus (testdata/unga), and
// `stancemap train` fits one to a user's own coding.

//go:embed model.json
var defaultModel []byte

// Model is a trained coder.
type Model struct {
	Version int `json:"version"`
	// Trained says on what, in words.
	Trained string `json:"trained"`
	// Texts is the kind of text the model was trained on, and the only
	// kind it codes: "speeches" (rows of a table, each the actor's own
	// words) or "documents" (reports, with speakers to attribute). The
	// built-in model, trained on UN speeches, leaves meeting reports to
	// the rules, which were written on them.
	Texts string `json:"texts"`
	// Themes are the codebook themes the model codes, each with its
	// presence classifier and decision threshold.
	Themes []ThemeModel `json:"themes"`
	// Side (−1, 0, +1) and Strong (|stance| = 2 given a side) are shared
	// by the themes; their features carry the theme's name.
	Side   *Linear `json:"side"`
	Strong *Linear `json:"strong"`
	// Calibration maps a code's presence probability, by tenths, to the
	// share of such codes that people also gave, measured by
	// cross-validation when the model was trained; the code's confidence.
	Calibration []float64 `json:"calibration,omitempty"`
}

// confidence is the calibrated confidence of a code of presence
// probability p.
func (m *Model) confidence(p float64) float64 {
	if len(m.Calibration) != 10 {
		return p
	}
	return m.Calibration[min(9, max(0, int(p*10)))]
}

// ThemeModel is one theme's presence classifier.
type ThemeModel struct {
	Theme string `json:"theme"`
	// Mode is how the theme is decided: "model" (the probability reaches
	// Threshold), "rules" (the rules find it) or "either"; chosen by
	// cross-validation, for themes too rare for the model to learn.
	Mode      string  `json:"mode"`
	Threshold float64 `json:"threshold"`
	// Stance is where the theme's stance comes from when the rules also
	// find the theme: "rules" (their cues, as the rule coder values them)
	// or "model" (empty: the side and strength classifiers); chosen by
	// cross-validation, for themes too rare for the shared stance model.
	Stance   string  `json:"stance,omitempty"`
	Presence *Linear `json:"presence"`
}

// Rule says in words when the theme is coded.
func (t ThemeModel) Rule() string {
	switch t.Mode {
	case ModeRules:
		return "the rules find it"
	case ModeEither:
		return fmt.Sprintf("the rules find it, or p ≥ %.2f", t.Threshold)
	}
	return fmt.Sprintf("p ≥ %.2f", t.Threshold)
}

// Linear is a multinomial logistic regression over binary features:
// P(class k) ∝ exp(bias[k] + Σ_f weights[f][k]). Two classes are
// (absent, present) or (no, yes); Side's are (−, 0, +).
type Linear struct {
	Bias    []float64            `json:"bias"`
	Weights map[string][]float64 `json:"weights"`
}

// The kinds of text a model codes (Model.Texts).
const (
	TextsSpeeches  = "speeches"
	TextsDocuments = "documents"
)

// codes says whether the model codes a document.
func (m *Model) codes(doc *Document) bool { return doc.Speech == (m.Texts == TextsSpeeches) }

// DefaultModel returns the built-in model.
func DefaultModel() (*Model, error) { return ParseModel(defaultModel, "built-in model") }

// LoadModel reads a model file.
func LoadModel(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseModel(b, path)
}

// ParseModel reads a model from JSON; name is used in errors.
func ParseModel(b []byte, name string) (*Model, error) {
	var m Model
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: not a stancemap model file: %v", name, err)
	}
	if m.Texts != TextsSpeeches && m.Texts != TextsDocuments {
		return nil, fmt.Errorf("%s: texts %q, want speeches or documents", name, m.Texts)
	}
	if m.Version != 1 {
		return nil, fmt.Errorf("%s: model version %d, this stancemap reads version 1", name, m.Version)
	}
	check := func(what string, l *Linear, k int) error {
		if l == nil || len(l.Bias) != k {
			return fmt.Errorf("%s: %s: want %d classes", name, what, k)
		}
		for f, w := range l.Weights {
			if len(w) != k {
				return fmt.Errorf("%s: %s: feature %q has %d weights, want %d", name, what, f, len(w), k)
			}
		}
		return nil
	}
	for _, t := range m.Themes {
		if err := check("theme "+t.Theme, t.Presence, 2); err != nil {
			return nil, err
		}
		if t.Mode != ModeModel && t.Mode != ModeRules && t.Mode != ModeEither {
			return nil, fmt.Errorf("%s: theme %s: mode %q, want model, rules or either", name, t.Theme, t.Mode)
		}
		if t.Stance != "" && t.Stance != ModeModel && t.Stance != ModeRules {
			return nil, fmt.Errorf("%s: theme %s: stance %q, want model or rules", name, t.Theme, t.Stance)
		}
	}
	if err := check("side", m.Side, 3); err != nil {
		return nil, err
	}
	if err := check("strong", m.Strong, 2); err != nil {
		return nil, err
	}
	return &m, nil
}

// WriteJSON writes the model, weights rounded to 3 decimals, features
// whose weights are all below 0.005 dropped, and features sorted, so the
// same training gives the same bytes.
func (m *Model) WriteJSON() []byte {
	round := func(l *Linear) {
		if l == nil {
			return
		}
		for i := range l.Bias {
			l.Bias[i] = math.Round(l.Bias[i]*1e4) / 1e4
		}
		for f, w := range l.Weights {
			small := true
			for i := range w {
				w[i] = math.Round(w[i]*1e3) / 1e3
				if math.Abs(w[i]) >= 0.005 {
					small = false
				}
			}
			if small {
				delete(l.Weights, f)
			}
		}
	}
	for _, t := range m.Themes {
		round(t.Presence)
	}
	round(m.Side)
	round(m.Strong)
	b, _ := json.Marshal(m)
	return append(b, '\n')
}

// scores returns the class probabilities of a feature set.
func (l *Linear) probs(feats []string, out []float64) []float64 {
	out = append(out[:0], l.Bias...)
	for _, f := range feats {
		if w, ok := l.Weights[f]; ok {
			for k := range out {
				out[k] += w[k]
			}
		}
	}
	return softmax(out)
}

func softmax(z []float64) []float64 {
	mx := math.Inf(-1)
	for _, v := range z {
		mx = max(mx, v)
	}
	var s float64
	for k, v := range z {
		z[k] = math.Exp(v - mx)
		s += z[k]
	}
	for k := range z {
		z[k] /= s
	}
	return z
}

// evidence names the features that pushed class k up most, strongest
// first, at most n.
func (l *Linear) evidence(feats []string, k, n int) string {
	type fw struct {
		f string
		w float64
	}
	var top []fw
	for _, f := range feats {
		if w, ok := l.Weights[f]; ok {
			d := w[k]
			for j := range w {
				if j != k {
					d -= w[j] / float64(len(w)-1)
				}
			}
			if d > 0 {
				top = append(top, fw{f, d})
			}
		}
	}
	sort.Slice(top, func(i, j int) bool {
		if top[i].w != top[j].w {
			return top[i].w > top[j].w
		}
		return top[i].f < top[j].f
	})
	var parts []string
	for i := 0; i < len(top) && i < n; i++ {
		parts = append(parts, fmt.Sprintf("%s %+.2f", featureLabel(top[i].f), top[i].w))
	}
	return strings.Join(parts, "; ")
}

// featureLabel reads a feature name for people: "w:cyber" → "cyber",
// "b:digit_divid" → "digit divid", rule features as they are.
func featureLabel(f string) string {
	if i := strings.IndexByte(f, '|'); i >= 0 {
		f = f[i+1:]
	}
	switch {
	case strings.HasPrefix(f, "w:"):
		return f[2:]
	case strings.HasPrefix(f, "b:"):
		return strings.ReplaceAll(f[2:], "_", " ")
	}
	return f
}
