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
	if h := locked.Holder; h.Operation != "apply" || h.PID != os.Getpid() || !strings.Contains(h.Who, "@") {
		t.Errorf("LockedError holder = %+v, want apply by this process", locked)
	}
	want := fmt.Sprintf("state file %s is locked by apply (pid %d, ", path, os.Getpid())
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %q, want prefix %q", err, want)
	}
	for _, says := range []string{", state.test apply) since ", "which is running",
		"the lock is released when that process ends", "-lock-timeout=DURATION", "never delete " + path + ".lock"} {
		if !strings.Contains(err.Error(), says) {
			t.Errorf("error = %q, does not say %q", err, says)
		}
	}
	if strings.Contains(err.Error(), "remove") {
		t.Errorf("error = %q invites removing the lock file", err)
	}

	require.NoError(t, first.Release())
	if info, err := os.Stat(path + ".lock"); err != nil || info.Size() != 0 {
		t.Errorf("lock file after Release: %v, %v; want it there, empty", info, err)
	}
	second, err := Acquire(path, "apply")
	require.NoError(t, err, "Acquire after Release")
	require.NoError(t, second.Release())
	require.NoError(t, second.Release(), "second Release")
}

func TestLockedErrorWithoutHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.state.json")
	require.NoError(t, os.WriteFile(path+".lock", nil, 0o600)) // a holder that has not written itself yet
	e := lockedError(path, path+".lock")
	want := "state file " + path + " is locked by another lineup process, which is running; " +
		"the lock is released when that process ends, however it ends: wait for it, or give -lock-timeout=DURATION " +
		"to wait for it (never delete " + path + ".lock, a second apply would send again what the first is sending)"
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
