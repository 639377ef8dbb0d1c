package state

import (
	"errors"
	"io"
)

// STUB: replaced by the real state file code.

// ErrEmpty is returned by Read for empty input.
var ErrEmpty = errors.New("state: empty input")

// New returns an empty state with a fresh lineage and serial 0.
func New() *State { panic("not built") }

// Read decodes a state file. It sniffs "version" first; an unknown
// version, or input that is not a state file, is an error that says
// precisely what is wrong.
func Read(r io.Reader) (*State, error) { panic("not built") }

// Load reads the state file at path; a missing file gives New(), nil.
func Load(path string) (*State, error) { panic("not built") }

// Write bumps s.Serial and writes s to path atomically (temp file in the
// same directory, fsync, rename, fsync of the directory), mode 0600.
func Write(path string, s *State) error { panic("not built") }

// Lock guards a state file against a second writer.
type Lock struct{}

// Acquire takes the lock of the state file at statePath for operation
// ("apply"). When another process holds it, the error names the holder
// (operation, pid, user@host, since when).
func Acquire(statePath, operation string) (*Lock, error) { panic("not built") }

// Release gives the lock back.
func (l *Lock) Release() error { panic("not built") }
