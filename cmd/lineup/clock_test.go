package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

// buildLineup returns the path of the shipped binary, built once per
// test binary (a link takes seconds) into a folder TestMain removes.
func buildLineup(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "lineup-bin-")
		if built.err != nil {
			return
		}
		bin := filepath.Join(built.dir, "lineup")
		out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
		if err != nil {
			built.err = fmt.Errorf("%v\n%s", err, out)
		}
		built.bin = bin
	})
	require.NoError(t, built.err)
	return built.bin
}

var built struct {
	once     sync.Once
	dir, bin string
	err      error
}

// removingBuilt is m, removing the binary buildLineup built after the
// tests ran.
type removingBuilt struct{ m interface{ Run() int } }

func (r removingBuilt) Run() int {
	code := r.m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	return code
}

// No environment variable moves the shipped binary's clock: a retry key
// first used 25 hours ago has expired, whatever time LINEUP_NOW (the old
// test hook) or the test binary's own variable claim, and a send resolved
// by hand is recorded as sent now, not in 2001.
func TestBuiltBinaryKeepsRealClock(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildLineup(t)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(`push "a" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "hello"
  }
}
`), 0o644))
	cfg, diags := lang.Load(dir, lang.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	firstAttempt := time.Now().Add(-25 * time.Hour).UTC()
	st := state.New()
	st.Sends["push.a"] = &state.Record{
		Address: "push.a", Status: state.Pending, RetryKey: "0b5e4c3e-8d6c-4c37-9d1e-3f1b0b8f1a2c",
		FirstAttempt: firstAttempt, Digest: planner.Digest(cfg.Sends[0].Body), To: "U0123456789abcdef0123456789abcdef",
	}
	statePath := filepath.Join(dir, lang.DefaultStateFile)
	require.NoError(t, state.Write(statePath, st))

	// Each of these would make the key an hour old if it moved the clock.
	hour := firstAttempt.Add(time.Hour).Format(time.RFC3339)
	env := append(os.Environ(), "LINEUP_NOW="+hour, fakeNowEnv+"="+hour, "NO_COLOR=1")
	run := func(args ...string) string {
		cmd := exec.Command(bin, append([]string{"-chdir=" + dir}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		return string(out)
	}
	require.Contains(t, run("plan"), "expired")

	// 2001 is the clock the resolved send would be stamped with if any
	// variable moved it.
	env = append(env, "LINEUP_NOW=2001-01-01T00:00:00Z", fakeNowEnv+"=2001-01-01T00:00:00Z")
	before := time.Now()
	run("state", "resolve", "push.a", "-sent")
	after := time.Now()
	st, err := state.Load(statePath)
	require.NoError(t, err)
	sentAt := st.Sends["push.a"].SentAt
	require.Falsef(t, sentAt.Before(before.Truncate(time.Second)) || sentAt.After(after),
		"push.a resolved as sent at %s, want between %s and %s", sentAt, before, after)
}
