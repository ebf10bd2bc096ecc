package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/stancemap/stancemap/internal/cli"
	"github.com/stancemap/stancemap/reports/xlsx"
)

func newTemplateCmd() *cobra.Command {
	var (
		in   cli.InputFlags
		out  string
		rows int
	)
	c := &cobra.Command{
		Use:   "template",
		Short: "Write an Excel coding template with drop-down lists for actors, themes and stances",
		Long: `Write a workbook for coding statements by hand: an Instructions sheet, a Statements
sheet whose actor, theme and stance columns are drop-down lists (kept on a Lists
sheet) with date validation, and the codebook with what each theme's poles mean.
Fill it in Excel or LibreOffice, then give it to any command: it reads as a
statements file, and rows with problems are reported with sheet, row and column.

Example:

  stancemap template -o coding.xlsx
  stancemap template --codebook mine.yaml --actors actors.csv -o coding.xlsx
  stancemap validate coding.xlsx --codebook mine.yaml --actors actors.csv`,
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			reg, cb, err := cli.RegistryAndCodebook(in)
			if err != nil {
				return cli.Fail(cli.ExitUsage, err)
			}
			if err := cli.WriteOutput(out, nil, func(w io.Writer) error {
				return xlsx.WriteTemplate(w, cb, reg, xlsx.TemplateOptions{Rows: rows})
			}); err != nil {
				return err
			}
			fmt.Fprintln(c.OutOrStdout(), "wrote", out)
			return nil
		},
	}
	c.Flags().StringVar(&in.Actors, "actors", "", "actor registry for the actor list (default: the built-in registry)")
	c.Flags().StringVar(&in.Codebook, "codebook", "", "codebook for the theme list (default: the built-in codebook)")
	c.Flags().StringVarP(&out, "output", "o", "coding.xlsx", "the workbook to write")
	c.Flags().IntVar(&rows, "rows", 1000, "rows prepared with drop-down lists")
	return c
}
