package state

import (
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

// LockedError is returned by Acquire when the lock is held. The holder
// fields are empty when the holder had not yet written them.
type LockedError struct {
	// StatePath is the state file, as given to Acquire.
	StatePath string
	// Operation, PID, Who (user@host), Command and Created describe the
	// holder.
	Operation string
	PID       int
	Who       string
	Command   string
	Created   time.Time
}

// The lock is an OS lock, held only by a running process and released by
// the system when that process ends, however it ends: the message says so,
// and never to delete the lock file. Deleting it while an apply runs lets
// a second apply send what the first is sending.
func (e *LockedError) Error() string {
	holder := "another lineup process, which is running"
	if e.Operation != "" {
		cmd := ""
		if e.Command != "" {
			cmd = ", " + e.Command
		}
		holder = fmt.Sprintf("%s (pid %d, %s%s) since %s, which is running", e.Operation, e.PID, e.Who, cmd,
			e.Created.UTC().Format(time.RFC3339))
	}
	return fmt.Sprintf("state file %s is locked by %s; the lock is released when that process ends, however it ends: "+
		"wait for it (never delete %s, a second apply would send again what the first is sending)",
		e.StatePath, holder, lockPath(e.StatePath))
}

// holderInfo is the lock file's content.
type holderInfo struct {
	Operation string    `json:"operation"`
	PID       int       `json:"pid"`
	Who       string    `json:"who"`
	Command   string    `json:"command,omitempty"`
	Created   time.Time `json:"created"`
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
	info, err := json.Marshal(holderInfo{
		Operation: operation,
		PID:       os.Getpid(),
		Who:       who(),
		Command:   command(operation),
		Created:   time.Now().UTC().Truncate(time.Second),
	})
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
// gives a LockedError without one.
func lockedError(statePath, path string) error {
	e := &LockedError{StatePath: statePath}
	data, err := os.ReadFile(path)
	if err != nil {
		return e
	}
	var h holderInfo
	if json.Unmarshal(data, &h) == nil {
		e.Operation, e.PID, e.Who, e.Command, e.Created = h.Operation, h.PID, h.Who, h.Command, h.Created
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

// command is the holder's command as the lock file names it: the
// program and the operation, never its other arguments (a -var may hold a
// secret).
func command(operation string) string {
	if len(os.Args) == 0 {
		return operation
	}
	return filepath.Base(os.Args[0]) + " " + operation
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
