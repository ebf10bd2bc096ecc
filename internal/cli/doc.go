// Package cli is the plumbing the stancemap subcommands share: exit
// codes, loading input with the common flags, and printing problems the
// same way everywhere. It is not public API.
package cli
