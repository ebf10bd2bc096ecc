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
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
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
	root.AddCommand(newDemoCmd(), newInitCmd(), newValidateCmd(), newMatrixCmd(), newAnalyzeCmd(), newCompareCmd(), newReportCmd(), newTemplateCmd(), newExtractCmd(), newTrainCmd(), newEvaluateCmd(), newAgreementCmd(), newSynthCmd(), newVersionCmd())
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
