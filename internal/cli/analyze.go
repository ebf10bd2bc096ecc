package cli

import (
	"github.com/spf13/pflag"
	"github.com/stancemap/stancemap/analysis"
)

// AnalyzeFlags are the flags of `stancemap analyze` (and of the reports
// built on it).
type AnalyzeFlags struct {
	Matrix        MatrixFlags
	Window, Step  string
	Metric        string
	MinOverlap    int
	MapMethod     string
	K             int
	Alpha         float64
	Mode          string
	Qualifier     string
	Normalization string
	Duplicates    string
	Resolution    float64
	TopK          int
	Skip          string
	// Findings are the evidence thresholds of the findings.
	Findings analysis.FindingOptions
	// ComparePeriods are the two periods compared side by side.
	ComparePeriods string

	fs *pflag.FlagSet
}

// Register adds the analysis flags.
func (f *AnalyzeFlags) Register(fs *pflag.FlagSet) {
	f.fs = fs
	f.Matrix.Register(fs)
	fs.StringVar(&f.Window, "window", "", "moving windows instead of --period, e.g. 3y (with --step 1y) or 18m")
	fs.StringVar(&f.Step, "step", "", "step between moving windows, in the window's unit (default 1)")
	fs.StringVar(&f.Metric, "metric", "euclidean", "distance between actors: euclidean, cosine or pearson")
	fs.IntVar(&f.MinOverlap, "min-overlap", 2, "themes two actors must share to be compared (3 by default with --metric pearson: a correlation over two themes is always ±1)")
	fs.StringVar(&f.MapMethod, "map", "pca", "position map: pca or mds (classical MDS; landmark MDS above 500 actors)")
	fs.IntVar(&f.K, "k", 0, "number of blocs (0: the best silhouette from 2 to 8)")
	fs.Float64Var(&f.Alpha, "alpha", analysis.DefaultAlpha, "Esteban–Ray polarisation sensitivity α, in (0, 1.6]")
	fs.StringVar(&f.Mode, "network", "one-mode", "agreement network: one-mode (actor × actor) or two-mode (actor × theme)")
	fs.StringVar(&f.Qualifier, "qualifier", "", "stance handling of the network: ignore, congruence, conflict, subtract (one-mode); ignore, subtract, combine (two-mode); default congruence (one-mode) or ignore (two-mode)")
	fs.StringVar(&f.Normalization, "normalization", "none", "network normalisation: none, average, jaccard, cosine (one-mode); none, activity, prominence (two-mode)")
	fs.StringVar(&f.Duplicates, "duplicates", "include", "network duplicates: include, document, week, month, year, acrossrange")
	fs.Float64Var(&f.Resolution, "resolution", 1, "Louvain resolution for network communities (1 is classic modularity)")
	fs.IntVar(&f.TopK, "network-top-k", 0, "one-mode network: keep only each actor's K strongest positive ties (weaker ones are dropped, and the communities and their modularity are those of the sparser network); 0 keeps every tie")
	f.RegisterEvidence(fs)
	fs.StringVar(&f.ComparePeriods, "compare-periods", "",
		"two periods to compare side by side, as --period labels them, such as 2000-2004,2020-2024 (default: the first and the last with --min-statements on a theme)")
}

// RegisterEvidence adds the evidence thresholds of the findings.
func (f *AnalyzeFlags) RegisterEvidence(fs *pflag.FlagSet) {
	fs.IntVar(&f.Findings.MinStatements, "min-statements", analysis.DefaultMinStatements,
		"statements an actor needs on a theme (in a period) for that position to count in a finding")
	fs.IntVar(&f.Findings.MinActorStatements, "min-actor-statements", analysis.DefaultMinActorStatements,
		"statements an actor needs in all to appear in any finding (actors below it stay in the tables)")
	fs.IntVar(&f.Findings.MinShared, "min-shared", analysis.DefaultMinShared,
		"themes two actors must both have --min-statements on to be compared in a finding")
	fs.IntVar(&f.Findings.MinPairs, "min-pairs", analysis.DefaultMinPairs,
		"comparable pairs a period needs to count in a trend")
	fs.Float64Var(&f.Findings.Level, "finding-level", analysis.DefaultFindingLevel,
		"confidence the findings hold at, together (after allowing for every comparison made)")
}

// RegisterSkip adds --skip, for commands whose output shows which
// measures were left out (analyze; the reports draw every measure).
func (f *AnalyzeFlags) RegisterSkip(fs *pflag.FlagSet) {
	fs.StringVar(&f.Skip, "skip", "", "measures not to compute, to save time on a large corpus: any of "+
		analysis.MeasureList()+" (comma-separated; matrices and distances are always computed)")
}

// Options turns the flags into analysis options, or a usage error.
func (f *AnalyzeFlags) Options() (analysis.AnalyzeOptions, error) {
	mo, err := f.Matrix.Options()
	if err != nil {
		return analysis.AnalyzeOptions{}, err
	}
	metric, err := analysis.ParseMetric(f.Metric)
	if err != nil {
		return analysis.AnalyzeOptions{}, Fail(ExitUsage, err)
	}
	if metric == analysis.MetricPearson && f.fs != nil && !f.fs.Changed("min-overlap") {
		f.MinOverlap = 3
	}
	if f.MinOverlap < 1 {
		return analysis.AnalyzeOptions{}, Failf(ExitUsage, "--min-overlap must be at least 1, got %d", f.MinOverlap)
	}
	if f.K < 0 || f.K == 1 {
		return analysis.AnalyzeOptions{}, Failf(ExitUsage, "--k must be 0 (automatic) or at least 2, got %d", f.K)
	}
	if f.TopK < 0 {
		return analysis.AnalyzeOptions{}, Failf(ExitUsage, "--network-top-k must be 0 (every tie) or a positive number of ties per actor, got %d", f.TopK)
	}
	if f.TopK > 0 && (f.Mode == "two-mode" || f.Mode == "twomode") {
		return analysis.AnalyzeOptions{}, Failf(ExitUsage, "--network-top-k keeps each actor's strongest ties to other actors: it needs --network one-mode")
	}
	if !(f.Alpha > 0 && f.Alpha <= 1.6) {
		return analysis.AnalyzeOptions{}, Failf(ExitUsage, "--alpha must be in (0, 1.6], got %v", f.Alpha)
	}
	q := analysis.Qualifier(f.Qualifier)
	if q == "" {
		q = analysis.QualifierCongruence
		if f.Mode == "two-mode" || f.Mode == "twomode" {
			q = analysis.QualifierIgnore
		}
	}
	opt := analysis.AnalyzeOptions{
		Matrix:   mo,
		Distance: analysis.DistanceOptions{Metric: metric, MinOverlap: f.MinOverlap},
		Map:      analysis.MapOptions{Method: analysis.MapMethod(f.MapMethod), Metric: metric, MinOverlap: f.MinOverlap},
		K:        f.K,
		Alpha:    f.Alpha,
		Network: analysis.NetworkOptions{Mode: analysis.NetworkMode(f.Mode), Qualifier: q,
			Normalization: analysis.Normalization(f.Normalization), Duplicates: analysis.DuplicateRule(f.Duplicates), TopK: f.TopK},
		Resolution: f.Resolution,
		Findings:   f.Findings,
	}
	for _, v := range []struct {
		name string
		v    int
	}{{"min-statements", f.Findings.MinStatements}, {"min-actor-statements", f.Findings.MinActorStatements},
		{"min-shared", f.Findings.MinShared}, {"min-pairs", f.Findings.MinPairs}} {
		if v.v < 1 {
			return analysis.AnalyzeOptions{}, Failf(ExitUsage, "--%s must be at least 1, got %d", v.name, v.v)
		}
	}
	if !(f.Findings.Level > 0 && f.Findings.Level < 1) {
		return analysis.AnalyzeOptions{}, Failf(ExitUsage, "--finding-level must be between 0 and 1, such as 0.99; got %v", f.Findings.Level)
	}
	if opt.Compare.From, opt.Compare.To, err = analysis.ParseComparePeriods(f.ComparePeriods); err != nil {
		return analysis.AnalyzeOptions{}, Fail(ExitUsage, err)
	}
	if opt.Skip, err = analysis.ParseSkip(f.Skip); err != nil {
		return analysis.AnalyzeOptions{}, Fail(ExitUsage, err)
	}
	if f.Window != "" {
		w, err := analysis.ParseWindow(f.Window, f.Step)
		if err != nil {
			return analysis.AnalyzeOptions{}, Fail(ExitUsage, err)
		}
		opt.Window = &w
	} else if f.Step != "" {
		return analysis.AnalyzeOptions{}, Failf(ExitUsage, "--step needs --window")
	}
	return opt, nil
}
