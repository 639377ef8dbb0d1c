//go:build unix

package pgtest

import (
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"syscall"
)

var sigQuit, sigInt os.Signal = syscall.SIGQUIT, syscall.SIGINT

// unprivileged is the user PostgreSQL runs as when this process is root.
func unprivileged() (uid, gid int, ok bool) {
	if os.Geteuid() != 0 {
		return 0, 0, false
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		return 0, 0, false
	}
	uid, _ = strconv.Atoi(u.Uid)
	gid, _ = strconv.Atoi(u.Gid)
	return uid, gid, true
}

// ownDir gives dir to the user PostgreSQL runs as.
func ownDir(dir string) error {
	if uid, gid, ok := unprivileged(); ok {
		return os.Chown(dir, uid, gid)
	}
	return nil
}

// asUnprivileged makes cmd run as that user, in its own process group (a
// ^C to the tests reaches the tests, which stop the server), dying with
// the test binary.
func asUnprivileged(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setDeathSignal(cmd.SysProcAttr)
	if uid, gid, ok := unprivileged(); ok {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
}
