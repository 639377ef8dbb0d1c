package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
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
	// Operation, PID, Who (user@host) and Created describe the holder.
	Operation string
	PID       int
	Who       string
	Created   time.Time
}

func (e *LockedError) Error() string {
	holder := "another lineup process"
	if e.Operation != "" {
		holder = fmt.Sprintf("%s (pid %d, %s) since %s", e.Operation, e.PID, e.Who,
			e.Created.UTC().Format(time.RFC3339))
	}
	return fmt.Sprintf("state file %s is locked by %s; wait for it to finish, or remove %s if no lineup process is running",
		e.StatePath, holder, lockPath(e.StatePath))
}

// holderInfo is the lock file's content.
type holderInfo struct {
	Operation string    `json:"operation"`
	PID       int       `json:"pid"`
	Who       string    `json:"who"`
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
		e.Operation, e.PID, e.Who, e.Created = h.Operation, h.PID, h.Who, h.Created
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

// Release gives the lock back: it removes the lock file while still
// holding the lock, then unlocks and closes it. Releasing twice is a
// no-op.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	rmErr := os.Remove(l.path)
	unErr := unlockFile(l.f)
	clErr := l.f.Close()
	l.f = nil
	if rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) {
		// Off unix an open file cannot be removed; try again once closed.
		rmErr = os.Remove(l.path)
	}
	return errors.Join(rmErr, unErr, clErr)
}
