package applier_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/applier/sandbox/sandboxtest"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/lineupdev/lineup/planner/state/pgstate"
	"github.com/lineupdev/lineup/planner/state/pgstate/pgtest"
	"github.com/stretchr/testify/require"
)

// The apply's database connection ended mid-apply (pg_terminate_backend,
// or PostgreSQL restarted): the apply stops sending at once and fails;
// nothing was sent whose retry key the database did not hold; the next
// apply finishes, every push accepted once and recorded with the request
// ID LINE accepted.
func TestApplyLosesDatabase(t *testing.T) {
	t.Run("terminated", func(t *testing.T) {
		url := pgtest.URL(t)
		testApplyLosesDatabase(t, url, func() {
			conn, err := pgx.Connect(context.Background(), url)
			require.NoError(t, err)
			defer conn.Close(context.Background())
			_, err = conn.Exec(context.Background(),
				"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", pgstate.ApplicationName)
			require.NoError(t, err)
		})
	})
	t.Run("restarted", func(t *testing.T) {
		c := pgtest.SharedCluster(t)
		testApplyLosesDatabase(t, c.URL, func() {
			c.Kill()
			require.NoError(t, c.Restart())
		})
	})
}

func testApplyLosesDatabase(t *testing.T, url string, lose func()) {
	const n = 600
	sb, client := serveSandbox(t, sandbox.Options{Latency: 5 * time.Millisecond}, 0)
	dir := t.TempDir()
	writePushes(t, dir, n)
	ws := pgtest.Workspace()
	open := func() state.Backend {
		b, err := pgstate.Open(context.Background(), url, lang.DefaultURLEnv, lang.DefaultSchema, ws)
		require.NoError(t, err)
		t.Cleanup(func() { b.Close() })
		return b
	}

	done := make(chan error, 1)
	go func() {
		done <- apply(t, context.Background(), dir, client, applier.Options{Backend: open(), Parallelism: 8})
	}()
	for len(sb.AcceptedByKey()) < 50 {
		select {
		case err := <-done:
			t.Fatalf("the apply ended before the database was lost: %v", err)
		case <-time.After(2 * time.Millisecond):
		}
	}
	lose()
	err := <-done
	require.Error(t, err, "an apply that lost its database fails")
	requests := len(sb.Requests())
	accepted := len(sb.AcceptedByKey())
	t.Logf("%d of %d pushes accepted before the connection was lost", accepted, n)
	require.Less(t, accepted, n, "the apply stopped early")

	st, err := open().Load(context.Background())
	require.NoError(t, err)
	keys := map[string]bool{}
	for _, rec := range st.Sends {
		keys[rec.RetryKey] = true
	}
	for _, r := range sb.Requests()[:requests] {
		require.True(t, keys[r.RetryKey], "a request left with retry key %s, which the database does not hold", r.RetryKey)
	}

	require.NoError(t, apply(t, context.Background(), dir, client, applier.Options{Backend: open()}))
	st, err = open().Load(context.Background())
	require.NoError(t, err)
	sandboxtest.RequireOncePerPush(t, sb, n)
	sandboxtest.RequireStateAccepted(t, sb, st, n)
}
