package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/stretchr/testify/require"
)

var kills = flag.Int("kills", 10, "how many times TestKilledApplies kills an apply")

// An apply of 5,000 pushes killed with SIGKILL at random moments, and
// resumed each time, ends with every push accepted exactly once.
func TestKilledApplies(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it repeatedly")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "lineup")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	sb, err := sandbox.New(sandbox.Options{Latency: 2 * time.Millisecond})
	require.NoError(t, err)
	srv := httptest.NewServer(sb)
	defer srv.Close()
	dir := filepath.Join(tmp, "config")
	require.NoError(t, os.Mkdir(dir, 0o755))
	const n = 5000
	for f := 0; f < n/100; f++ {
		var b strings.Builder
		for i := f * 100; i < (f+1)*100; i++ {
			fmt.Fprintf(&b, "push \"p%05d\" {\n  to = \"U%032x\"\n  text {\n    text = \"message %d\"\n  }\n}\n", i, i, i)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%02d.lineup.hcl", f)), []byte(b.String()), 0o644))
	}
	apply := func() *exec.Cmd {
		cmd := exec.Command(bin, "-chdir="+dir, "apply", "-auto-approve")
		cmd.Env = append(os.Environ(), "LINEUP_ENDPOINT="+srv.URL, "LINE_CHANNEL_ACCESS_TOKEN=t")
		return cmd
	}
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
			require.NoError(t, cmd.Process.Kill())
			<-done
			t.Logf("kill %d: %d sends accepted so far", i+1, len(sb.AcceptedByKey()))
		case <-done:
			finishedEarly++
		}
	}
	out, err := apply().CombinedOutput()
	require.NoError(t, err, "%s", out)
	t.Logf("%d kills; %d applies finished before their kill", *kills, finishedEarly)

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
	out, err = exec.Command(bin, "-chdir="+dir, "plan").CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "No changes.")
}

// waitForRequest returns a channel closed once the sandbox's log holds
// more than before entries; it gives up when done is ready.
func waitForRequest(sb *sandbox.Server, before int, done chan error) chan struct{} {
	out := make(chan struct{})
	go func() {
		for len(sb.Requests()) <= before {
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
