package cli

import (
	"errors"
	"fmt"
)

// Exit codes, documented in the README.
const (
	ExitOK       = 0 // done
	ExitProblems = 1 // input problems were found (validate), or invalid rows were refused
	ExitUsage    = 2 // unusable invocation or input: a bad flag, a missing or unreadable file
	ExitOutput   = 3 // an output could not be written
)

// ExitError carries the exit code a command failed with. Its message has
// already been printed when Printed is set.
type ExitError struct {
	Code    int
	Err     error
	Printed bool
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// Fail wraps err with an exit code.
func Fail(code int, err error) error { return &ExitError{Code: code, Err: err} }

// Failf formats an error with an exit code.
func Failf(code int, format string, a ...any) error {
	return &ExitError{Code: code, Err: fmt.Errorf(format, a...)}
}

// Silent is an exit code whose reason has been printed already.
func Silent(code int) error { return &ExitError{Code: code, Printed: true} }

// Code returns the exit code for an error returned by a command.
func Code(err error) int {
	if err == nil {
		return ExitOK
	}
	var e *ExitError
	if errors.As(err, &e) {
		return e.Code
	}
	return ExitUsage
}
