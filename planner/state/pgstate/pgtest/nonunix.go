//go:build !unix

package pgtest

import (
	"os"
	"os/exec"
)

var sigQuit, sigInt os.Signal = os.Kill, os.Interrupt

func ownDir(string) error { return nil }

func asUnprivileged(*exec.Cmd) {}
