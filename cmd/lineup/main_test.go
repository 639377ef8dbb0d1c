package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/cmd/lineup/internal/cli"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state/pgstate/pgtest"
	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the scripts' golden output")

// testToken is the channel access token the scripts use; no file lineup
// writes and no output may contain it.
const testToken = "tok-5ecret-never-printed-7f3a9c"

// fakeNowEnv is the environment variable through which a script's
// `clock` command sets the test binary's clock (RFC 3339); the shipped
// binary reads no such thing (TestBuiltBinaryKeepsRealClock).
const fakeNowEnv = "LINEUPTEST_FAKE_NOW"

func TestMain(m *testing.M) {
	testscript.Main(removingBuilt{pgtest.Wrap(m)}, map[string]func(){
		"lineup": func() {
			s := cli.StdStreams(fakeClock(os.Getenv(fakeNowEnv)), os.Environ())
			// As main does: Ctrl-C cancels the command's context.
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			code := cli.Run(ctx, os.Args[1:], s)
			stop()
			os.Exit(code)
		},
	})
}

// fakeClock is the test binary's clock: the time v (RFC 3339) plus the
// time since the process started, or the real clock when v is empty.
func fakeClock(v string) func() time.Time {
	if v == "" {
		return time.Now
	}
	base, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		panic(fmt.Sprintf("%s=%q: %v", fakeNowEnv, v, err))
	}
	start := time.Now()
	return func() time.Time { return base.Add(time.Since(start)) }
}

// TestScripts runs the CLI scripts in testdata/script. Each script gets its
// own sandbox on loopback, reachable through LINEUP_ENDPOINT, and the
// channel access token in LINE_CHANNEL_ACCESS_TOKEN.
func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams())
}

// scriptParams are the parameters of every script run.
func scriptParams() testscript.Params {
	return testscript.Params{
		Dir:           "../../testdata/script",
		UpdateScripts: *update,
		Condition:     condition, // postgres_test.go
		Setup: func(env *testscript.Env) error {
			// Narrowcasts and audiences are instant, so apply never
			// waits; sandbox-delays slows them down for a script.
			sb, err := sandbox.New(sandbox.Options{Token: testToken, NarrowcastDelay: -1, AudienceDelay: -1})
			if err != nil {
				return err
			}
			srv := httptest.NewServer(sb)
			env.Defer(srv.Close)
			env.Values[sandboxKey{}] = sb
			env.Setenv("LINEUP_ENDPOINT", srv.URL)
			env.Setenv("LINE_CHANNEL_ACCESS_TOKEN", testToken)
			env.Setenv("SECRET", testToken)
			env.Setenv("NO_COLOR", "")
			// Every script can run the examples, on its own copy.
			return copyExamples(filepath.Join(env.WorkDir, "examples"))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"sandbox-log": cmdSandboxLog,
			"accepted":    cmdAccepted,
			"lock-state":  cmdLockState,
			"crash-apply": cmdCrashApply,
			"no-secret":   cmdNoSecret,
			"free-port":   cmdFreePort,
			"wait-listen": cmdWaitListening,
			"sb-webhook":  cmdSandboxWebhook,
			"user-says":   cmdUserSays,
			"wait-reply":  cmdWaitReplies,
			"wait-inbox":  cmdWaitInbox,
			"clock":       cmdClock,
			"quota":       cmdQuota,

			"sandbox-audiences": cmdSandboxAudiences,
			"sandbox-requests":  cmdSandboxRequests,
			"sandbox-delays":    cmdSandboxDelays,
			"request-id":        cmdRequestID,
			"friend-ids":        cmdFriendIDs,
			"gen-ids":           cmdGenIDs,
			"lines-count":       cmdLinesCount,
			"contains-file":     cmdContainsFile,
			"audience-members":  cmdAudienceMembers,
			"audience-id":       cmdAudienceID,
			"keys-used":         cmdKeysUsed,
			"start-lineup":      cmdStartLineup,
			"stop-lineup":       cmdStopLineup,
			"line":              cmdLine,
			"sandbox-date":      cmdSandboxDate,
			"world-id":          cmdWorldID,
			"user-sends":        cmdUserSends,
			"edit-plan":         cmdEditPlan,
			"jsonl":             cmdJSONLines,
			"gen-pushes":        cmdGenPushes,
			"pty":               cmdPty,
			"frames":            cmdFrames,
			"max-lines":         cmdMaxLines,
			"use-postgres":      cmdUsePostgres,
			"lock-workspace":    cmdLockWorkspace,
			"same-records":      cmdSameRecords,
			"replace":           cmdReplace,
		},
	}
}

// copyExamples copies the repository's examples to dst, leaving out what
// running them writes (state, lock, sandbox world), so every script starts
// from the examples as committed.
func copyExamples(dst string) error {
	src := filepath.Join("..", "..", "examples")
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		name := d.Name()
		if d.IsDir() && name == ".lineup" || strings.HasPrefix(name, lang.DefaultStateFile) || strings.HasPrefix(name, "lineup.inbox") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}
