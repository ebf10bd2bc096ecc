package main

import (
	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/internal/cli"
)

func newValidateCmd() *cobra.Command {
	var opt cli.ValidateOptions
	c := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check statements, actor registries and codebooks; list every problem with its row and column",
		Long: `Check files against the data contract and list every problem as

  file:row:column: what is wrong (found "…", expected …)

then a count of problems grouped by kind. Statement files (CSV, TSV, XLSX, JSON, JSON
Lines, each optionally .gz) are checked against the codebook and actor registry; a
file whose header is id,name,kind,… is checked as an actor registry, and a .yaml
file as a codebook. Duplicate statements (same actor, theme, stance, date and text)
are reported as warnings.

Exit status: 0 no errors (warnings may be listed), 1 problems found, 2 a file could
not be read at all (missing, empty, not a table).

Example:

  stancemap validate coded.csv
  stancemap validate coded.xlsx --codebook mine.yaml --actors actors.csv
  stancemap validate --strict coded.csv        # warnings count as problems too`,
		Args: minArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return cli.Validate(args, opt, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	opt.Input.Register(c.Flags(), false)
	c.Flags().BoolVar(&opt.Strict, "strict", false, "treat warnings (duplicates, ignored columns) as problems: exit 1")
	return c
}
