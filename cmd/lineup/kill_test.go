package main

import (
	"bytes"
	"errors"
	"flag"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/applier/sandbox/sandboxtest"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/lineupdev/lineup/planner/state/pgstate/pgtest"
	"github.com/stretchr/testify/require"
)

var (
	kills   = flag.Int("kills", 10, "how many times TestKilledApplies kills an apply with the state in files")
	pgKills = flag.Int("pg-kills", 3, "how many times TestKilledApplies kills an apply with the state in PostgreSQL (10 for the full test)")
)

// An apply of 5,000 pushes (2,000 with the state in PostgreSQL) killed
// with SIGKILL at random moments, and resumed each time, ends with every
// push accepted exactly once and the state's request IDs those LINE
// accepted.
func TestKilledApplies(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it repeatedly")
	}
	t.Run("files", func(t *testing.T) { testKilledApplies(t, files, 5000, *kills) })
	t.Run("postgres", func(t *testing.T) { testKilledApplies(t, postgres, 2000, *pgKills) })
}

func testKilledApplies(t *testing.T, backend backendKind, n, kills int) {
	sb, dir, apply := killSetup(t, backend, n, 2*time.Millisecond)
	finishedEarly := 0
	for i := 0; i < kills; i++ {
		before := len(sb.Requests())
		cmd := apply()
		require.NoError(t, cmd.Start())
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// Kill at a random moment after the first request of this run
		// reached the sandbox, so the kill lands while sends are in flight.
		killAt := time.Duration(rand.IntN(400)) * time.Millisecond
		first := waitForRequest(sb, before, done)
		select {
		case <-first:
			time.Sleep(killAt)
			err := cmd.Process.Kill()
			<-done
			if errors.Is(err, os.ErrProcessDone) { // it finished while we slept
				finishedEarly++
				continue
			}
			require.NoError(t, err)
			t.Logf("kill %d: %d sends accepted so far", i+1, len(sb.AcceptedByKey()))
		case <-done:
			finishedEarly++
		}
	}
	out, err := apply().CombinedOutput()
	require.NoError(t, err, "%s", out)
	t.Logf("%d kills; %d applies finished before their kill", kills, finishedEarly)

	sandboxtest.RequireOncePerPush(t, sb, n)
	sandboxtest.RequireStateAccepted(t, sb, readState(t, apply), n)
	plan := apply()
	plan.Args = []string{plan.Path, "-chdir=" + dir, "plan"}
	out, err = plan.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "No changes.")
}

// backendKind is where a test's lineup keeps its state.
type backendKind int

const (
	files backendKind = iota
	postgres
)

// killSetup builds lineup, starts a sandbox with latency and writes n
// pushes, each with its own text, with the state in files or (with a
// backend block) in PostgreSQL: the test is skipped without it. apply
// makes an apply command for them.
func killSetup(t *testing.T, backend backendKind, n int, latency time.Duration) (*sandbox.Server, string, func() *exec.Cmd) {
	var env []string
	if backend == postgres {
		dbURL, ok, err := databaseURL() // postgres_test.go
		require.NoError(t, err)
		if !ok {
			t.Skip(pgtest.Install)
		}
		env = []string{"LINEUP_DATABASE_URL=" + dbURL, "LINEUP_WORKSPACE=" + pgtest.Workspace()}
	}
	tmp := t.TempDir()
	bin := buildLineup(t)
	sb, err := sandbox.New(sandbox.Options{Latency: latency})
	require.NoError(t, err)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	dir := filepath.Join(tmp, "config")
	require.NoError(t, os.Mkdir(dir, 0o755))
	require.NoError(t, writePushes(dir, n))
	if backend == postgres {
		block := "lineup {\n  backend \"postgres\" {\n    workspace = \"set-by-the-environment\"\n  }\n}\n"
		require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(block), 0o644))
	}
	return sb, dir, func() *exec.Cmd {
		cmd := exec.Command(bin, "-chdir="+dir, "apply", "-auto-approve")
		cmd.Env = append(append(os.Environ(), "LINEUP_ENDPOINT="+srv.URL, "LINE_CHANNEL_ACCESS_TOKEN=t"), env...)
		return cmd
	}
}

// readState reads the state of the configuration apply applies, through
// lineup state pull: from files or PostgreSQL alike.
func readState(t *testing.T, apply func() *exec.Cmd) *state.State {
	cmd := apply()
	cmd.Args = []string{cmd.Path, cmd.Args[1], "state", "pull"}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "state pull: %s", stderr.String())
	st, err := state.Read(bytes.NewReader(out))
	require.NoError(t, err)
	return st
}

// Ctrl-C (SIGINT), or the SIGTERM a cancelled CI job gets, during an
// apply starts no new request, waits for those in flight, records them
// (the journal folded into the state) and exits non-zero: every push the
// sandbox accepted is in the state as sent, none is left pending, and the
// next apply sends the rest.
func TestInterruptedApply(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Run("SIGINT", func(t *testing.T) { testInterruptedApply(t, os.Interrupt, 2000) })
	t.Run("SIGTERM", func(t *testing.T) { testInterruptedApply(t, syscall.SIGTERM, 600) })
}

func testInterruptedApply(t *testing.T, sig os.Signal, n int) {
	sb, dir, apply := killSetup(t, files, n, 20*time.Millisecond)
	cmd := apply()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-waitForRequest(sb, 0, done):
	case <-time.After(30 * time.Second):
		t.Fatal("no request reached the sandbox")
	}
	time.Sleep(100 * time.Millisecond)
	require.NoError(t, cmd.Process.Signal(sig))
	err := <-done
	require.Error(t, err, "an interrupted apply exits non-zero")
	require.Contains(t, stderr.String(), "Interrupted")

	st, err := state.Load(filepath.Join(dir, "lineup.state.json"))
	require.NoError(t, err)
	require.NoFileExists(t, state.JournalPath(filepath.Join(dir, "lineup.state.json")), "the journal is folded in")
	accepted := sb.AcceptedByKey()
	require.Greater(t, len(accepted), 0)
	require.Less(t, len(accepted), n, "the interrupt stopped the apply early")
	sent := 0
	for addr, rec := range st.Sends {
		require.Equal(t, state.Sent, rec.Status, "%s left pending", addr)
		require.Contains(t, accepted, rec.RetryKey, addr)
		sent++
	}
	require.Equal(t, len(accepted), sent, "every accepted push is recorded")

	out, err := apply().CombinedOutput()
	require.NoError(t, err, "%s", out)
	sandboxtest.RequireOncePerPush(t, sb, n)
}

// waitForRequest returns a channel closed once the sandbox's log holds a
// push after its first before entries; it gives up when done is ready.
func waitForRequest(sb *sandbox.Server, before int, done chan error) chan struct{} {
	out := make(chan struct{})
	pushed := func() bool {
		log := sb.Requests()
		for _, r := range log[min(before, len(log)):] {
			if r.Path == "/v2/bot/message/push" {
				return true
			}
		}
		return false
	}
	go func() {
		for !pushed() {
			select {
			case err := <-done:
				done <- err
				return
			case <-time.After(time.Millisecond):
			}
		}
		close(out)
	}()
	return out
}
