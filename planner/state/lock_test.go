package state

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLockExcludesSecondHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.state.json")
	first, err := Acquire(path, "apply")
	require.NoError(t, err)

	_, err = Acquire(path, "apply")
	var locked *LockedError
	require.True(t, errors.As(err, &locked), "second Acquire error = %v, want a *LockedError", err)
	if locked.Operation != "apply" || locked.PID != os.Getpid() || !strings.Contains(locked.Who, "@") {
		t.Errorf("LockedError holder = %+v, want apply by this process", locked)
	}
	want := fmt.Sprintf("state file %s is locked by apply (pid %d, ", path, os.Getpid())
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %q, want prefix %q", err, want)
	}
	if !strings.HasSuffix(err.Error(), "; wait for it to finish, or remove "+path+".lock if no lineup process is running") {
		t.Errorf("error = %q, does not say how to resolve it", err)
	}

	require.NoError(t, first.Release())
	if _, err := os.Stat(path + ".lock"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file still there after Release: %v", err)
	}
	second, err := Acquire(path, "apply")
	require.NoError(t, err, "Acquire after Release")
	require.NoError(t, second.Release())
	require.NoError(t, second.Release(), "second Release")
}

func TestLockedErrorWithoutHolder(t *testing.T) {
	e := &LockedError{StatePath: "lineup.state.json"}
	want := "state file lineup.state.json is locked by another lineup process; wait for it to finish, " +
		"or remove lineup.state.json.lock if no lineup process is running"
	if e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
}

func TestStaleLockFileIsTaken(t *testing.T) {
	// A lock file left by a killed process holds no OS lock.
	path := filepath.Join(t.TempDir(), "lineup.state.json")
	require.NoError(t, os.WriteFile(path+".lock", []byte(`{"operation":"apply","pid":1}`), 0o600))
	l, err := Acquire(path, "apply")
	if err != nil {
		t.Skipf("this platform's lock does not die with its holder: %v", err)
	}
	require.NoError(t, l.Release())
}
