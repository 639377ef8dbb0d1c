package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/lineupdev/lineup/planner/state/pgstate"

	"github.com/lineupdev/lineup/planner/state/pgstate/pgtest"
	"github.com/rogpeppe/go-internal/testscript"
)

// testDBPassword is the password in the database URL the tests give
// lineup; no file lineup writes and no output may contain it. The test
// cluster trusts loopback connections, so any password connects.
const testDBPassword = "db-pa55word-never-printed-2c8e"

// databaseURL is the URL of the tests' PostgreSQL, with testDBPassword
// when the URL is the throwaway cluster's (LINEUP_TEST_DATABASE_URL is
// used as it is). ok is false when there is no PostgreSQL.
func databaseURL() (dbURL string, ok bool, err error) {
	shared, err := pgtest.Shared()
	if errors.Is(err, pgtest.ErrNotInstalled) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	u, err := url.Parse(shared)
	if err != nil || u.User == nil {
		return shared, true, nil
	}
	if _, set := u.User.Password(); !set {
		u.User = url.UserPassword(u.User.Username(), testDBPassword)
	}
	return u.String(), true, nil
}

// condition is true for "postgres" when the tests have a PostgreSQL.
// Scripts that need it start with
//
//	[!postgres] skip 'PostgreSQL not found: install it (apt-get install postgresql)'
func condition(cond string) (bool, error) {
	if cond != "postgres" {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	_, ok, err := databaseURL()
	return ok, err
}

// use-postgres points the script's lineup at the tests' PostgreSQL:
// LINEUP_DATABASE_URL, and a LINEUP_WORKSPACE of its own.
func cmdUsePostgres(ts *testscript.TestScript, neg bool, args []string) {
	dbURL, ok, err := databaseURL()
	ts.Check(err)
	if !ok {
		ts.Fatalf("%s", pgtest.Install)
	}
	ts.Setenv("LINEUP_DATABASE_URL", dbURL)
	ts.Setenv("DB_PASSWORD", testDBPassword)
	ts.Setenv("LINEUP_WORKSPACE", pgtest.Workspace())
}

// lock-workspace [DURATION] holds the lock of the script's workspace, as
// an apply in another process would, until the script ends or, with
// DURATION, for that long.
func cmdLockWorkspace(ts *testscript.TestScript, neg bool, args []string) {
	ctx := context.Background()
	b, err := pgstate.Open(ctx, ts.Getenv("LINEUP_DATABASE_URL"), lang.DefaultURLEnv, lang.DefaultSchema, ts.Getenv("LINEUP_WORKSPACE"))
	ts.Check(err)
	unlock, err := b.Lock(ctx, "apply", 0)
	ts.Check(err)
	if len(args) == 0 {
		ts.Defer(func() { unlock(); b.Close() })
		return
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	go func() {
		time.Sleep(d)
		unlock()
		b.Close()
	}()
}

// same-records A B fails unless the state files A and B hold the same
// lineage and records (their serials may differ).
func cmdSameRecords(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: same-records A B")
	}
	a, err := state.Load(ts.MkAbs(args[0]))
	ts.Check(err)
	b, err := state.Load(ts.MkAbs(args[1]))
	ts.Check(err)
	a.Serial, b.Serial = 0, 0
	// A body sent is JSON kept as it was read: the same value, whatever
	// the spacing and key order (PostgreSQL's jsonb has its own).
	asValue := cmp.Transformer("JSON", func(raw json.RawMessage) any {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return string(raw)
		}
		return v
	})
	if diff := cmp.Diff(a, b, asValue); diff != "" {
		ts.Fatalf("the states differ (-%s +%s):\n%s", args[0], args[1], diff)
	}
	if len(a.Sends) == 0 {
		ts.Fatalf("%s records no sends", args[0])
	}
}

// replace FILE OLD NEW replaces the text OLD in FILE with NEW (\n in
// both is a newline), failing when OLD is not there.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	old, repl := strings.ReplaceAll(args[1], `\n`, "\n"), strings.ReplaceAll(args[2], `\n`, "\n")
	if !strings.Contains(string(data), old) {
		ts.Fatalf("%s does not hold %q", args[0], old)
	}
	ts.Check(os.WriteFile(path, []byte(strings.Replace(string(data), old, repl, 1)), 0o644))
}

// scriptBackend is the backend of the configuration in dir as lineup
// would open it in the script: its state file, or its workspace in the
// tests' PostgreSQL (LINEUP_WORKSPACE).
func scriptBackend(ts *testscript.TestScript, dir string, set lang.Settings) state.Backend {
	if set.Backend == nil {
		return state.Files{Path: filepath.Join(dir, set.StateFile)}
	}
	b, err := pgstate.Open(context.Background(), ts.Getenv("LINEUP_DATABASE_URL"), set.Backend.URLEnv,
		set.Backend.Schema, ts.Getenv("LINEUP_WORKSPACE"))
	ts.Check(err)
	return b
}

// TestScriptsOnPostgres runs scripts written for the state file again
// with the state in PostgreSQL: a lineup block with a backend block is
// added to each, in a workspace of its own.
func TestScriptsOnPostgres(t *testing.T) {
	dbURL, ok, err := databaseURL()
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Skip(pgtest.Install)
	}
	p := scriptParams()
	p.Files = []string{"audience_lifecycle.txtar", "forget.txtar", "narrowcast_refresh.txtar",
		"multicast_chunks.txtar", "pending.txtar", "retry_window.txtar", "changed_after_sending.txtar", "reply_rules_reviewed.txtar", "schedule.txtar", "schedule_edited.txtar",
		"saved_plan_refused.txtar", "saved_plan_casts.txtar", "quote_same_apply.txtar", "narrowcast_follow.txtar",
		"click_audience.txtar", "audience_replace_dependents.txtar"}
	for i, f := range p.Files {
		p.Files[i] = filepath.Join(p.Dir, f)
	}
	p.Dir = "" // Files are read only without Dir
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		if err := setup(env); err != nil {
			return err
		}
		env.Setenv("LINEUP_DATABASE_URL", dbURL)
		env.Setenv("DB_PASSWORD", testDBPassword)
		env.Setenv("LINEUP_WORKSPACE", pgtest.Workspace())
		block := "lineup {\n  backend \"postgres\" {\n    workspace = \"set-by-the-environment\"\n  }\n}\n"
		return os.WriteFile(filepath.Join(env.WorkDir, "backend.lineup.hcl"), []byte(block), 0o644)
	}
	testscript.Run(t, p)
}
