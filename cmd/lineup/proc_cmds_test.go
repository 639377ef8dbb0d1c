package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// proc is a lineup started by start-lineup, for stop-lineup to signal.
type proc struct {
	cmd *exec.Cmd
	out bytes.Buffer
}

// procs holds the started processes by script and name.
var procs sync.Map // map[procKey]*proc

type procKey struct {
	ts   *testscript.TestScript
	name string
}

// start-lineup NAME ARGS... starts lineup ARGS... in the background, in
// the script's directory and environment, for stop-lineup to stop with
// a signal testscript's kill cannot send. It is killed when the script
// ends.
func cmdStartLineup(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: start-lineup NAME ARGS...")
	}
	bin, err := lookLineup(ts)
	ts.Check(err)
	p := &proc{cmd: exec.Command(bin, args[1:]...)}
	p.cmd.Dir = ts.MkAbs(".")
	for _, k := range []string{"PATH", "HOME", "LINEUP_ENDPOINT", "LINE_CHANNEL_ACCESS_TOKEN", "LINE_CHANNEL_SECRET"} {
		p.cmd.Env = append(p.cmd.Env, k+"="+ts.Getenv(k))
	}
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.out
	ts.Check(p.cmd.Start())
	procs.Store(procKey{ts, args[0]}, p)
	ts.Defer(func() {
		if p.cmd.ProcessState == nil {
			_ = p.cmd.Process.Kill()
			_ = p.cmd.Wait()
		}
	})
}

// stop-lineup NAME TERM|INT sends the signal to the lineup start-lineup
// started as NAME, waits up to 10 s for it to end, and prints its output.
// It fails when lineup does not exit 0 (passes, with !, when it does not).
func cmdStopLineup(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || args[1] != "TERM" && args[1] != "INT" {
		ts.Fatalf("usage: stop-lineup NAME TERM|INT")
	}
	v, ok := procs.LoadAndDelete(procKey{ts, args[0]})
	if !ok {
		ts.Fatalf("no lineup started as %s", args[0])
	}
	p := v.(*proc)
	sig := syscall.SIGTERM
	if args[1] == "INT" {
		sig = syscall.SIGINT
	}
	ts.Check(p.cmd.Process.Signal(sig))
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		err = <-done
		ts.Logf("lineup %s did not stop within 10s of SIG%s", args[0], args[1])
	}
	fmt.Fprint(ts.Stdout(), p.out.String())
	if (err == nil) == neg {
		ts.Fatalf("lineup %s after SIG%s: %v", args[0], args[1], err)
	}
}

// lookLineup finds the lineup command testscript put on the script's PATH.
func lookLineup(ts *testscript.TestScript) (string, error) {
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		path := filepath.Join(dir, "lineup")
		if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
			return path, nil
		}
	}
	return "", fmt.Errorf("no lineup on the script's PATH")
}
