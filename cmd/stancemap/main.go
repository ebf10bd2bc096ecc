// Command stancemap compares the stated positions of governments and
// organisations on cyberspace governance: it reads coded statements,
// computes stance matrices and writes reports. Run `stancemap --help`.
package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/cli"
)

func main() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		n := data.RemovePendingTemps()
		fmt.Fprintf(os.Stderr, "stancemap: interrupted (%v): %d output(s) not written; earlier files are left as they were\n", s, n)
		code := 130
		if s == syscall.SIGTERM {
			code = 143
		}
		os.Exit(code)
	}()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns its exit code; tests call it
// directly.
func run(args []string, stdout, stderr io.Writer) int {
	return execute(newRoot(), args, stdout, stderr)
}

func execute(root *cobra.Command, args []string, stdout, stderr io.Writer) int {
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err != nil {
		if e, ok := err.(*cli.ExitError); !ok || !e.Printed {
			fmt.Fprintln(stderr, "stancemap:", err)
		}
	}
	return cli.Code(err)
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "stancemap",
		Short: "Map how governments and organisations differ on cyberspace governance",
		Long: `stancemap reads coded statements (who said what on which theme, for or against,
when, where) and computes stance and salience matrices per actor, period and group.

Start with the built-in sample (statements coded from five real meeting reports,
2008-2016):

  stancemap demo

then try your own file:

  stancemap init mystudy                 # starter codebook, actor registry, statements.csv
  stancemap validate mystudy/statements.csv
  stancemap matrix mystudy/statements.csv --period year`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return cli.Failf(cli.ExitUsage, "%v (see 'stancemap %s --help')", err, c.Name())
	})
	var cpuProfile string
	root.PersistentFlags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile to this file (for developers)")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	var profile *os.File
	root.PersistentPreRunE = func(c *cobra.Command, args []string) error {
		if err := checkOutputs(c, args); err != nil {
			return err
		}
		if cpuProfile == "" {
			return nil
		}
		f, err := os.Create(cpuProfile)
		if err != nil {
			return cli.Fail(cli.ExitOutput, err)
		}
		profile = f
		return pprof.StartCPUProfile(f)
	}
	root.PersistentPostRun = func(*cobra.Command, []string) {
		if profile != nil {
			pprof.StopCPUProfile()
			profile.Close()
		}
	}
	root.AddCommand(newDemoCmd(), newInitCmd(), newValidateCmd(), newMatrixCmd(), newAnalyzeCmd(), newScaleCmd(), newCompareCmd(), newReportCmd(), newFiguresCmd(), newTemplateCmd(), newExtractCmd(), newTrainCmd(), newEvaluateCmd(), newAgreementCmd(), newSynthCmd(), newVersionCmd())
	return root
}

// exactArgs and minArgs report wrong argument counts as usage errors (exit 2).
func minArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < n {
			return cli.Failf(cli.ExitUsage, "%s needs at least %d file argument(s); see 'stancemap %s --help'", c.Name(), n, c.Name())
		}
		return nil
	}
}

func exactArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return cli.Failf(cli.ExitUsage, "%s takes %d argument(s), got %d; see 'stancemap %s --help'", c.Name(), n, len(args), c.Name())
		}
		return nil
	}
}

// outputFlags are the flags naming a file a command writes, and
// inputFlags those naming a file it reads, with the role a message
// gives them.
var (
	outputFlags = []string{"output", "html", "xlsx", "review", "unattributed"}
	inputFlags  = []struct{ name, role string }{
		{"actors", "the actor registry (--actors)"},
		{"codebook", "the codebook (--codebook)"},
		{"manifest", "the manifest (--manifest)"},
		{"rules", "the rules file (--rules)"},
		{"units", "the units table (--units)"},
		{"gold", "the gold statements (--gold)"},
		{"pred", "the statements to score (--pred)"},
		{"model", "the model (--model)"},
		{"texts", "the texts (--texts)"},
	}
	// folderInputs are the input roles that may name a folder.
	folderInputs = map[string]bool{"the texts (--texts)": true}
)

// checkOutputs refuses, before a command does any work, an input flag
// naming a pipe, a device or a folder (cli.CheckInputs), an output that
// is one of its inputs, the same path for two outputs, or an existing
// path that is not a regular file (cli.CheckOutputs).
func checkOutputs(c *cobra.Command, args []string) error {
	var outs, ins []cli.Path
	fs := c.Flags()
	for _, name := range outputFlags {
		if f := fs.Lookup(name); f != nil {
			role := "--" + name
			if f.Shorthand != "" {
				role = "-" + f.Shorthand + "/--" + name
			}
			outs = append(outs, cli.Path{Role: role, Path: f.Value.String()})
		}
	}
	for _, in := range inputFlags {
		if f := fs.Lookup(in.name); f != nil {
			ins = append(ins, cli.Path{Role: in.role, Path: f.Value.String()})
		}
	}
	if err := cli.CheckInputs(ins, folderInputs); err != nil {
		return err
	}
	if len(outs) == 0 {
		return nil
	}
	files := args
	if c.Name() == "compare" && len(files) >= 2 {
		files = files[2:] // the two actors
	}
	for _, a := range files {
		ins = append(ins, cli.Path{Role: "the input", Path: a})
	}
	return cli.CheckOutputs(outs, ins)
}
