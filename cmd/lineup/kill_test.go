package main

import (
	"encoding/json"
	"errors"
	"flag"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

var kills = flag.Int("kills", 10, "how many times TestKilledApplies kills an apply")

// An apply of 5,000 pushes killed with SIGKILL at random moments, and
// resumed each time, ends with every push accepted exactly once.
func TestKilledApplies(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it repeatedly")
	}
	const n = 5000
	sb, dir, apply := killSetup(t, n, 2*time.Millisecond)
	finishedEarly := 0
	for i := 0; i < *kills; i++ {
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
	t.Logf("%d kills; %d applies finished before their kill", *kills, finishedEarly)

	requireOncePerPush(t, sb, n)
	out, err = exec.Command(apply().Path, "-chdir="+dir, "plan").CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "No changes.")
}

// killSetup builds lineup, starts a sandbox with latency and writes n
// pushes, each with its own text. apply makes an apply command for them.
func killSetup(t *testing.T, n int, latency time.Duration) (*sandbox.Server, string, func() *exec.Cmd) {
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "lineup")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())
	sb, err := sandbox.New(sandbox.Options{Latency: latency})
	require.NoError(t, err)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	dir := filepath.Join(tmp, "config")
	require.NoError(t, os.Mkdir(dir, 0o755))
	require.NoError(t, writePushes(dir, n))
	return sb, dir, func() *exec.Cmd {
		cmd := exec.Command(bin, "-chdir="+dir, "apply", "-auto-approve")
		cmd.Env = append(os.Environ(), "LINEUP_ENDPOINT="+srv.URL, "LINE_CHANNEL_ACCESS_TOKEN=t")
		return cmd
	}
}

// requireOncePerPush checks that the sandbox accepted each of the n
// pushes exactly once.
func requireOncePerPush(t *testing.T, sb *sandbox.Server, n int) {
	perText := map[string]int{}
	for _, r := range sb.Requests() {
		if !r.Accepted {
			continue
		}
		var body struct {
			Messages []struct{ Text string } `json:"messages"`
		}
		require.NoError(t, json.Unmarshal(r.Body, &body))
		perText[body.Messages[0].Text]++
	}
	require.Len(t, perText, n, "distinct pushes accepted")
	for text, count := range perText {
		require.Equal(t, 1, count, "%q accepted %d times", text, count)
	}
}

// Ctrl-C (SIGINT) during an apply starts no new request, waits for those
// in flight, records them and exits non-zero: every push the sandbox
// accepted is in the state as sent, none is left pending, and the next
// apply sends the rest.
func TestInterruptedApply(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	const n = 2000
	sb, dir, apply := killSetup(t, n, 20*time.Millisecond)
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
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err := <-done
	require.Error(t, err, "an interrupted apply exits non-zero")
	require.Contains(t, stderr.String(), "Interrupted")

	st, err := state.Load(filepath.Join(dir, "lineup.state.json"))
	require.NoError(t, err)
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
	requireOncePerPush(t, sb, n)
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
