//go:build !unix

package state

import (
	"errors"
	"io/fs"
	"os"
)

// lockFile creates the lock file at path, failing when it exists. Off
// unix the lock does not die with its holder: after a crash the file must
// be removed by hand, as LockedError says.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil, errHeld
	}
	return f, err
}

func unlockFile(*os.File) error { return nil }
