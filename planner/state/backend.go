package state

import (
	"context"
	"time"
)

// Backend keeps a state: its records, the journal of changes made while an
// apply runs, and the lock that keeps a second writer out. The planner and
// the applier see only this interface; Files keeps the state in files
// beside the configuration, planner/state/pgstate in PostgreSQL.
type Backend interface {
	// Lock takes the state's lock for operation ("apply", "refresh",
	// "state push"), waiting up to wait for a holder to let go. A lock
	// that is held past wait gives an error naming the holder. unlock
	// gives it back.
	Lock(ctx context.Context, operation string, wait time.Duration) (unlock func() error, err error)
	// Load reads the state with anything journalled folded in; a backend
	// that holds no state yet gives New(). The caller must stop on any
	// error: a state that cannot be read is never replaced.
	Load(ctx context.Context) (*State, error)
	// OpenJournal commits s (bumping its serial) and starts recording
	// changes to it. The caller holds the lock.
	OpenJournal(ctx context.Context, s *State) (Recorder, error)
	// Commit makes the backend hold s, which was read by Load (and
	// changed), bumping s.Serial. On failure s.Serial is unchanged.
	Commit(ctx context.Context, s *State) error
	// String names the state for messages: "state file lineup.state.json",
	// `workspace "production" (PostgreSQL)`. It never holds a secret.
	String() string
	// Close releases what the backend holds (connections).
	Close() error
}

// Recorder records changes of records as an apply makes them. A durable
// change is kept before the call returns; the others are kept with the
// next durable one, or by Close. It is safe for concurrent use; after a
// failure to keep a change every later call fails, so nothing is sent
// whose retry key is not kept.
type Recorder interface {
	// Put records r as it is now.
	Put(r *Record, durable bool) error
	// Forget records that r moved to the history.
	Forget(r *Record, durable bool) error
	// Drop records that the record at address was removed.
	Drop(address string, durable bool) error
	// PutAudience records a created or changed audience.
	PutAudience(a *Audience, durable bool) error
	// DropAudience records that the audience at address was deleted.
	DropAudience(address string, durable bool) error
	// Close keeps what is queued and stops the recorder.
	Close() error
}

// Files is the state in a file (see Load and Write) with its journal and
// lock file beside it: the default backend.
type Files struct {
	// Path is the state file.
	Path string
}

var _ Backend = Files{}

// Lock takes the lock of the state file (Acquire), trying again every
// 100ms while it is held, up to wait.
func (f Files) Lock(ctx context.Context, operation string, wait time.Duration) (func() error, error) {
	return WaitLock(ctx, wait, func() (func() error, error) {
		l, err := Acquire(f.Path, operation)
		if err != nil {
			return nil, err
		}
		return l.Release, nil
	})
}

// Load is Load of the state file.
func (f Files) Load(context.Context) (*State, error) { return Load(f.Path) }

// OpenJournal is OpenJournal of the state file.
func (f Files) OpenJournal(_ context.Context, s *State) (Recorder, error) {
	return OpenJournal(f.Path, s)
}

// Commit is Fold: the state file holds s and the journal is removed.
func (f Files) Commit(_ context.Context, s *State) error { return Fold(f.Path, s) }

func (f Files) String() string { return "state file " + f.Path }

// Close does nothing: Files holds nothing open.
func (f Files) Close() error { return nil }
