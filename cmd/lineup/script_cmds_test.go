package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/rogpeppe/go-internal/testscript"
)

type sandboxKey struct{}

func scriptSandbox(ts *testscript.TestScript) *sandbox.Server {
	return ts.Value(sandboxKey{}).(*sandbox.Server)
}

// sandbox-log prints the sandbox's request log as JSON.
func cmdSandboxLog(ts *testscript.TestScript, neg bool, args []string) {
	data, err := json.MarshalIndent(scriptSandbox(ts).Requests(), "", "  ")
	ts.Check(err)
	fmt.Fprintf(ts.Stdout(), "%s\n", data)
}

// accepted N [KEY] asserts that the sandbox accepted exactly N send
// requests (with retry key KEY, when given), and that it accepted no retry
// key twice.
func cmdAccepted(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: accepted N [RETRY_KEY]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	perKey := map[string]int{}
	got := 0
	for _, r := range scriptSandbox(ts).Requests() {
		if !r.Accepted || !strings.HasPrefix(r.Path, "/v2/bot/message/") || strings.Contains(r.Path, "/validate/") {
			continue
		}
		if r.RetryKey != "" {
			perKey[r.RetryKey]++
			if perKey[r.RetryKey] > 1 {
				ts.Fatalf("retry key %s was accepted %d times", r.RetryKey, perKey[r.RetryKey])
			}
		}
		if len(args) == 2 && r.RetryKey != args[1] {
			continue
		}
		got++
	}
	if (got == want) == neg {
		ts.Fatalf("sandbox accepted %d send requests; want %d", got, want)
	}
}

// lock-state FILE takes the lock of state file FILE, as a running apply
// would, until the script ends.
func cmdLockState(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: lock-state FILE")
	}
	l, err := state.Acquire(ts.MkAbs(args[0]), "apply")
	ts.Check(err)
	ts.Defer(func() { l.Release() })
}

// crash-apply ADDR before|after leaves the state as an apply killed while
// sending ADDR leaves it: the pending record with its retry key kept (in
// the state file, or the database of a backend block),
// and ("after") the request accepted by LINE, or ("before") never sent.
// It sets RETRY_KEY to the pending record's key.
func cmdCrashApply(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || (args[1] != "before" && args[1] != "after") {
		ts.Fatalf("usage: crash-apply ADDR before|after")
	}
	dir := ts.MkAbs(".")
	cfg, diags := lang.Load(dir, lang.Options{Env: os.Environ()})
	if diags.HasErrors() {
		ts.Fatalf("loading: %s", diags.Error())
	}
	backend := scriptBackend(ts, dir, cfg.Settings) // postgres_test.go
	defer backend.Close()
	st, err := backend.Load(context.Background())
	ts.Check(err)
	if res := planner.Results(st); len(res) > 0 {
		cfg, diags = cfg.Evaluate(res)
		if diags.HasErrors() {
			ts.Fatalf("evaluating: %s", diags.Error())
		}
	}
	var send *lang.Send
	for _, s := range cfg.Sends {
		if s.Address() == args[0] {
			send = s
		}
	}
	if send == nil {
		ts.Fatalf("no send %s", args[0])
	}
	key := uuid.NewString()
	st.Sends[send.Address()] = &state.Record{
		Address: send.Address(), Status: state.Pending, RetryKey: key,
		FirstAttempt: scriptNow(ts).UTC(), Digest: planner.Digest(send.Body), To: send.Body["to"].(string),
	}
	ts.Check(backend.Commit(context.Background(), st))
	if args[1] == "after" {
		client, err := line.New(line.Config{Endpoint: ts.Getenv("LINEUP_ENDPOINT"), Token: ts.Getenv("LINE_CHANNEL_ACCESS_TOKEN")})
		ts.Check(err)
		_, err = client.Push(context.Background(), send.Body, key)
		ts.Check(err)
	}
	ts.Setenv("RETRY_KEY", key)
	fmt.Fprintf(ts.Stdout(), "%s pending with retry key %s\n", send.Address(), key)
}

// no-secret fails when any file under the work directory holds the
// channel access token, the database password or the database URL.
func cmdNoSecret(ts *testscript.TestScript, neg bool, args []string) {
	root := ts.MkAbs(".")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte(testToken)) {
			ts.Fatalf("%s holds the channel access token", path)
		}
		if bytes.Contains(data, []byte(testDBPassword)) {
			ts.Fatalf("%s holds the database password", path)
		}
		if u := ts.Getenv("LINEUP_DATABASE_URL"); u != "" && bytes.Contains(data, []byte(u)) {
			ts.Fatalf("%s holds the database URL", path)
		}
		return nil
	})
	ts.Check(err)
}

// clock advance DURATION | clock set TIME moves the sandbox's clock and
// lineup's forward (or back) together: lineup's clock is the test
// binary's fake clock, set through fakeNowEnv (see TestMain). TIME is
// RFC 3339.
func cmdClock(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || (args[0] != "advance" && args[0] != "set") {
		ts.Fatalf("usage: clock advance DURATION | clock set TIME")
	}
	sb := scriptSandbox(ts)
	if args[0] == "set" {
		t, err := time.Parse(time.RFC3339, args[1])
		ts.Check(err)
		sb.Advance(t.Sub(sb.Now()))
	} else {
		d, err := time.ParseDuration(args[1])
		ts.Check(err)
		sb.Advance(d)
	}
	ts.Setenv(fakeNowEnv, sb.Now().UTC().Format(time.RFC3339Nano))
}

// scriptNow is the time on the script's clock (see cmdClock).
func scriptNow(ts *testscript.TestScript) time.Time {
	return fakeClock(ts.Getenv(fakeNowEnv))()
}

// quota N sets the sandbox's monthly message limit (0: none).
func cmdQuota(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: quota N")
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	scriptSandbox(ts).SetMonthlyLimit(n)
}
