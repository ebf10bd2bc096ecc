// Package cli is the plumbing the stancemap subcommands share: exit
// codes, loading input with the common flags, and printing problems the
// same way everywhere; and the commands whose work spans several
// packages, run from their options: Extract, Evaluate and Agreement
// (with their text reports, progress bar and JSON rule, WriteJSONNaN),
// Validate, InitStudy. It is not public API.
package cli
