package applier_test

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/lineupdev/lineup/planner/state/pgstate"
	"github.com/lineupdev/lineup/planner/state/pgstate/pgtest"
	"github.com/stretchr/testify/require"
)

// writePushes writes a configuration of n pushes over files of 100 each,
// every push with its own text so deliveries can be told apart.
func writePushes(t testing.TB, dir string, n int) {
	for f := 0; f*100 < n; f++ {
		var b strings.Builder
		for i := f * 100; i < min(n, (f+1)*100); i++ {
			fmt.Fprintf(&b, "push \"p%05d\" {\n  to = \"U%032x\"\n  text {\n    text = \"message %d\"\n  }\n}\n\n", i, i, i)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%03d.lineup.hcl", f)), []byte(b.String()), 0o644))
	}
}

// writeMulticast writes a multicast to n users.
func writeMulticast(t testing.TB, dir string, n int) {
	var b strings.Builder
	b.WriteString("multicast \"members\" {\n  to = [\n")
	for i := range n {
		fmt.Fprintf(&b, "    \"U%032x\",\n", 1<<40+i)
	}
	b.WriteString("  ]\n  text {\n    text = \"Members' news\"\n  }\n}\n")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "members.lineup.hcl"), []byte(b.String()), 0o644))
}

// apply loads, plans and applies the configuration in dir once, with the
// state in opts.Backend, or in dir's state file when it is nil.
func apply(t testing.TB, ctx context.Context, dir string, client *line.Client, opts applier.Options) error {
	cfg, diags := lang.Load(dir, lang.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	if opts.Backend == nil {
		opts.Backend = state.Files{Path: filepath.Join(dir, "lineup.state.json")}
	}
	st, err := opts.Backend.Load(ctx)
	require.NoError(t, err)
	cfg, diags = cfg.Evaluate(planner.Results(st))
	require.False(t, diags.HasErrors(), diags.Error())
	p, diags := planner.Make(cfg, st, planner.Options{Now: time.Now, NewKey: uuid.NewString})
	require.False(t, diags.HasErrors(), diags.Error())
	opts.Client = client
	return applier.Apply(ctx, cfg, p, st, opts)
}

// With 30% of requests meeting a fault, spread over every kind, every push
// and every request of a 5,000-user multicast is accepted exactly once,
// and the state records each with the request ID LINE accepted (and, for
// pushes, the quote token).
func TestApplyUnderFaults(t *testing.T) {
	forEachBackend(t, testApplyUnderFaults)
}

func testApplyUnderFaults(t *testing.T, backend func(dir string) state.Backend) {
	n := 2000
	if testing.Short() || (t.Name() == "TestApplyUnderFaults/postgres" && !*pgFull) {
		n = 300
	}
	faults, err := sandbox.ParseFaults("drop-before=0.05,drop-after=0.05,500-before=0.05,500-after=0.05,timeout-after=0.05,429=0.05")
	require.NoError(t, err)
	sb, client := serveSandbox(t, sandbox.Options{Faults: faults, FaultTimeout: 2 * time.Second, Seed: 42}, 200*time.Millisecond)
	dir := t.TempDir()
	writePushes(t, dir, n)
	writeMulticast(t, dir, 5000)

	err = apply(t, context.Background(), dir, client, applier.Options{
		Backend:  backend(dir),
		Attempts: 30, Parallelism: 32, Backoff: func(int) time.Duration { return time.Millisecond },
	})
	require.NoError(t, err)

	st, err := backend(dir).Load(context.Background())
	require.NoError(t, err)
	require.Len(t, st.Sends, n+1)
	acceptedID := map[string]string{} // retry key -> request ID LINE accepted
	faulted := map[string]int{}
	for _, r := range sb.Requests() {
		faulted[r.Fault]++
		if r.Accepted {
			require.NotContains(t, acceptedID, r.RetryKey, "retry key %s accepted twice", r.RetryKey)
			acceptedID[r.RetryKey] = r.RequestID
		}
	}
	require.Len(t, acceptedID, n+10, "accepted requests: the pushes and the multicast's 10 requests")
	for _, kind := range []string{"drop-before", "drop-after", "500-before", "500-after", "timeout-after", "429"} {
		require.Positive(t, faulted[kind], "no %s fault was played", kind)
	}
	members := st.Sends["multicast.members"]
	require.Equal(t, state.Sent, members.Status)
	require.Len(t, members.Parts, 10)
	for i, p := range members.Parts {
		require.Equal(t, state.Sent, p.Status, "part %d", i)
		require.Equal(t, 500, p.Count, "part %d", i)
		require.Equal(t, acceptedID[p.RetryKey], p.RequestID, "part %d: request ID", i)
	}
	delete(st.Sends, "multicast.members")
	for addr, rec := range st.Sends {
		require.Equal(t, state.Sent, rec.Status, addr)
		require.Equal(t, acceptedID[rec.RetryKey], rec.RequestID, "%s: request ID", addr)
		require.Len(t, rec.Sent, 1, addr)
		require.NotEmpty(t, rec.Sent[0].QuoteToken, addr)
	}
	require.NoFileExists(t, state.JournalPath(filepath.Join(dir, "lineup.state.json")))
}

// serveSandbox serves a sandbox with opts over HTTP for the rest of the
// test, and returns it with a client whose requests time out after
// timeout (zero: the client's default).
func serveSandbox(t testing.TB, opts sandbox.Options, timeout time.Duration) (*sandbox.Server, *line.Client) {
	t.Helper()
	sb, err := sandbox.New(opts)
	require.NoError(t, err)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	client, err := line.New(line.Config{Endpoint: srv.URL, Token: "t", Timeout: timeout})
	require.NoError(t, err)
	return sb, client
}

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

var pgFull = flag.Bool("pg-full", false, "run TestApplyUnderFaults with the state in PostgreSQL on 2,000 pushes, not 300")

// forEachBackend runs test with the state in files, then in PostgreSQL
// (skipped without it); backend gives the test's backend for its folder,
// the same state each call.
func forEachBackend(t *testing.T, test func(t *testing.T, backend func(dir string) state.Backend)) {
	t.Run("files", func(t *testing.T) {
		test(t, func(dir string) state.Backend { return state.Files{Path: filepath.Join(dir, "lineup.state.json")} })
	})
	t.Run("postgres", func(t *testing.T) {
		url, ws := pgtest.URL(t), pgtest.Workspace()
		test(t, func(string) state.Backend {
			b, err := pgstate.Open(context.Background(), url, lang.DefaultURLEnv, lang.DefaultSchema, ws)
			require.NoError(t, err)
			t.Cleanup(func() { b.Close() })
			return b
		})
	})
}
