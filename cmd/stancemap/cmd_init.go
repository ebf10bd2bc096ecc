package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/cli"
)

func newInitCmd() *cobra.Command {
	var (
		force  bool
		sample string
	)
	c := &cobra.Command{
		Use:   "init DIR",
		Short: "Start a study: write a starter codebook, actor registry and empty statements file",
		Long: `Create DIR with three files to start coding:

  codebook.yaml    the default cyberspace governance codebook: five themes, each with
                   what its + and - poles mean and a starter keyword dictionary
  actors.csv       the actor registry: every UN member state with common names, plus
                   the organisations and officials of the built-in sample
  statements.csv   the statement columns (actor, theme, stance, date, ...), no rows;
                   with --sample, a built-in sample's statements to extend

Existing files are never overwritten unless --force is given.

Example:

  stancemap init mystudy
  stancemap init --sample unga unstudy   # start from the hand-coded UN speeches
  # add rows to mystudy/statements.csv in a spreadsheet, then
  stancemap validate mystudy/statements.csv --codebook mystudy/codebook.yaml --actors mystudy/actors.csv`,
		Args: exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			written, err := cli.InitStudy(args[0], force, sample)
			for _, w := range written {
				fmt.Fprintln(c.OutOrStdout(), "wrote", w)
			}
			return err
		},
	}
	c.Flags().BoolVar(&force, "force", false, "overwrite existing files")
	c.Flags().StringVar(&sample, "sample", "", "start from a built-in sample's statements: "+strings.Join(data.SampleNames(), " or "))
	return c
}
