package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// AgreementOptions are the settings of `stancemap agreement`.
type AgreementOptions struct {
	Align, Actors, Codebook string
	// Units names a table of the sentences every coder coded, themed or
	// not (url or id column), for span alignment on a shared sample.
	Units string
	JSON  bool
}

// Agreement runs `stancemap agreement` over coders' files.
func Agreement(files []string, o AgreementOptions, stdout, stderr io.Writer) error {
	if len(files) < 2 {
		return Failf(ExitUsage, "agreement needs two or more coders' files; see 'stancemap agreement --help'")
	}
	align, err := analysis.ParseAlignment(o.Align)
	if err != nil {
		return Fail(ExitUsage, err)
	}
	reg, cb, err := RegistryAndCodebook(InputFlags{Actors: o.Actors, Codebook: o.Codebook})
	if err != nil {
		return Fail(ExitUsage, err)
	}
	var coders [][]data.Statement
	for _, p := range files {
		sts, err := readCoded(p, reg, cb, stderr)
		if err != nil {
			return err
		}
		coders = append(coders, sts)
	}
	var res *analysis.AgreementResult
	if o.Units != "" {
		if align != analysis.AlignAuto && align != analysis.AlignSpan {
			return Failf(ExitUsage, "--units lists sentences: it goes with --align span, not %s", align)
		}
		units, err := readUnits(o.Units)
		if err != nil {
			return err
		}
		var outside int
		res, outside, err = analysis.AgreementOnUnits(coders, files, cb.ThemeIDs(), units)
		if err != nil {
			return Fail(ExitUsage, err)
		}
		fmt.Fprintf(stderr, "stancemap: %d sentences of %s, each coded by every coder (themed or not); %d %s on other sentences left out\n",
			len(units), o.Units, outside, data.Plural(outside, "statement", "statements"))
	} else if res, err = analysis.Agreement(coders, files, cb.ThemeIDs(), align); err != nil {
		return Fail(ExitUsage, err)
	}
	if o.JSON {
		return WriteJSONNaN(stdout, res)
	}
	WriteAgreement(stdout, res)
	return nil
}

// WriteAgreement prints agreement as a plain-text table.
func WriteAgreement(w io.Writer, r *analysis.AgreementResult) {
	fmt.Fprintf(w, "Agreement of %d coders: %s\n", len(r.Coders), strings.Join(r.Coders, ", "))
	fmt.Fprintf(w, "Units: %s\n\n", alignText[r.Align])
	fmt.Fprintf(w, "  %-18s %5s %8s  %7s %7s %8s  %6s %9s  %8s\n", "theme", "units", "pairable", "nominal", "ordinal", "interval", "kappa", "agreement", "presence")
	for _, t := range append(r.Themes, r.Overall) {
		fmt.Fprintf(w, "  %-18s %5d %8d  %7s %7s %8s  %6s %9s  %8s\n", t.Theme, t.Units, t.Pairable, score(t.Nominal), score(t.Ordinal),
			score(t.Interval), score(t.Kappa), percent(t.Agreement), score(t.Presence))
	}
	fmt.Fprintln(w, "\nnominal, ordinal, interval: Krippendorff's alpha of the stances (1 perfect, 0 chance, n/a undefined);")
	fmt.Fprintln(w, "kappa: Cohen's kappa (two coders); agreement: share of equal pairs; presence: alpha of whether")
	fmt.Fprintln(w, "the theme was coded at all in the units either coder coded. Alpha ≥ 0.8 is reliable, ≥ 0.667 tentative (Krippendorff).")
}

var alignText = map[analysis.Alignment]string{
	analysis.AlignID:    "statement id × theme",
	analysis.AlignSpan:  "sentence (document and overlapping #char= span) × theme",
	analysis.AlignActor: "actor × date × source × theme (a coder's several statements in a unit: their median)",
}
