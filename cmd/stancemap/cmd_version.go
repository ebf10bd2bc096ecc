package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of stancemap",
		Long: `Print the version of stancemap, the Go version it was built with and, when
known, the source revision.

Example:

  stancemap version`,
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			rev := ""
			if bi, ok := debug.ReadBuildInfo(); ok {
				for _, s := range bi.Settings {
					if s.Key == "vcs.revision" && len(s.Value) >= 12 {
						rev = " (" + s.Value[:12] + ")"
					}
				}
			}
			fmt.Fprintf(c.OutOrStdout(), "stancemap %s%s %s\n", version, rev, runtime.Version())
			return nil
		},
	}
}
