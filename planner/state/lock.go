package state

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"time"
)

// Lock guards a state file against a second writer. It is a lock file
// beside the state ("<state>.lock") holding an OS lock (flock on unix),
// so the lock dies with the process that holds it; the file's content
// only says who holds it.
type Lock struct {
	path string // the lock file
	f    *os.File
}

// LockedError is a backend's error when another process holds the lock
// of its state.
type LockedError struct {
	// State names what is locked: "state file lineup.state.json",
	// `workspace "production"`.
	State string
	// Holder is who holds the lock, as it recorded itself; zero when it
	// had not yet.
	Holder Holder
	// Release says how the lock is let go of and what to do meanwhile,
	// after "which".
	Release string
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s is locked by %s, %s", e.State, e.Holder, e.Release)
}

// Holder is who holds a state's lock.
type Holder struct {
	Operation string    `json:"operation"` // "apply"
	PID       int       `json:"pid"`
	Who       string    `json:"who"`               // user@host
	Command   string    `json:"command,omitempty"` // "lineup apply"
	Since     time.Time `json:"created"`
}

// NewHolder is this process, taking a lock for operation now. Command
// is the program and the operation, never its other arguments (a -var
// may hold a secret).
func NewHolder(operation string) Holder {
	h := Holder{Operation: operation, PID: os.Getpid(), Who: who(), Command: operation,
		Since: time.Now().UTC().Truncate(time.Second)}
	if len(os.Args) > 0 {
		h.Command = filepath.Base(os.Args[0]) + " " + operation
	}
	return h
}

// String is "apply (pid 42, ci@runner, lineup apply) since
// 2026-12-02T10:00:00Z", or "another lineup process" when h is unknown.
func (h Holder) String() string {
	if h.Operation == "" {
		return "another lineup process"
	}
	about := fmt.Sprintf("pid %d", h.PID)
	for _, s := range []string{h.Who, h.Command} {
		if s != "" {
			about += ", " + s
		}
	}
	return fmt.Sprintf("%s (%s) since %s", h.Operation, about, h.Since.UTC().Format(time.RFC3339))
}

// WaitLock calls try until it takes a lock, or fails otherwise than with
// a *LockedError, trying every 100ms up to wait; then, or once ctx ends,
// it returns the last *LockedError. Every backend waits for its lock
// (-lock-timeout) through it.
func WaitLock(ctx context.Context, wait time.Duration, try func() (release func() error, err error)) (func() error, error) {
	deadline := time.Now().Add(wait)
	for {
		release, err := try()
		var held *LockedError
		if err == nil || !errors.As(err, &held) || !time.Now().Before(deadline) {
			return release, err
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// errHeld is what the platform's lockFile returns when the lock is held.
var errHeld = errors.New("lock held")

func lockPath(statePath string) string { return statePath + ".lock" }

// Acquire takes the lock of the state file at statePath for operation
// ("apply") without waiting. When it is held, by another process or by an
// earlier Acquire in this one, the error is a *LockedError naming the
// holder (operation, pid, user@host, since when).
func Acquire(statePath, operation string) (*Lock, error) {
	path := lockPath(statePath)
	f, err := lockFile(path)
	if errors.Is(err, errHeld) {
		return nil, lockedError(statePath, path)
	}
	if err != nil {
		return nil, fmt.Errorf("locking state file %s: %w", statePath, err)
	}
	info, err := json.Marshal(NewHolder(operation))
	if err == nil {
		err = writeInfo(f, append(info, '\n'))
	}
	l := &Lock{path: path, f: f}
	if err != nil {
		l.Release()
		return nil, fmt.Errorf("locking state file %s: %w", statePath, err)
	}
	return l, nil
}

func writeInfo(f *os.File, info []byte) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	if _, err := f.WriteAt(info, 0); err != nil {
		return err
	}
	return f.Sync()
}

// lockedError reads the holder from the lock file; an unreadable holder
// gives a LockedError without one. The lock is an OS lock, held only by a
// running process and released by the system when that process ends,
// however it ends: the error says so, and never to delete the lock file.
// Deleting it while an apply runs lets a second apply send what the first
// is sending.
func lockedError(statePath, path string) error {
	e := &LockedError{State: "state file " + statePath, Release: fmt.Sprintf("which is running; "+
		"the lock is released when that process ends, however it ends: wait for it, or give -lock-timeout=DURATION "+
		"to wait for it (never delete %s, a second apply would send again what the first is sending)", path)}
	if data, err := os.ReadFile(path); err == nil {
		_ = json.Unmarshal(data, &e.Holder)
	}
	return e
}

// who is "user@host" for the holder info.
func who() string {
	name := os.Getenv("USER")
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	host, err := os.Hostname()
	if err != nil {
		host = "unknown-host"
	}
	if name == "" {
		name = "unknown-user"
	}
	return name + "@" + host
}

// Release gives the lock back: it empties the lock file while still
// holding the lock, then unlocks and closes it. The file stays: removing
// it would let a process that opened it just before lock the removed file
// while a third locks a new one, and both would write the state.
// Releasing twice is a no-op.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	trErr := l.f.Truncate(0)
	unErr := unlockFile(l.f)
	clErr := l.f.Close()
	l.f = nil
	return errors.Join(trErr, unErr, clErr)
}
