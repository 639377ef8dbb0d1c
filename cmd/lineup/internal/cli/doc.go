// Package cli is lineup's command line: one file per command, flags parsed
// into plain structs, and the only code that writes to stdout or stderr.
package cli
