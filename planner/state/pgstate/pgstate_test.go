package pgstate_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/lineupdev/lineup/planner/state/pgstate"
	"github.com/lineupdev/lineup/planner/state/pgstate/pgtest"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func open(t *testing.T, url, workspace string) *pgstate.Backend {
	t.Helper()
	b, err := pgstate.Open(context.Background(), url, lang.DefaultURLEnv, lang.DefaultSchema, workspace)
	require.NoError(t, err)
	t.Cleanup(func() { b.Close() })
	return b
}

func sample(addr, key string) *state.Record {
	return &state.Record{Address: addr, Status: state.Pending, RetryKey: key,
		FirstAttempt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Digest: "d-" + addr, To: "U1"}
}

func TestJournalAndCommit(t *testing.T) {
	ctx := context.Background()
	url, ws := pgtest.URL(t), pgtest.Workspace()
	b := open(t, url, ws)
	st, err := b.Load(ctx)
	require.NoError(t, err)
	require.Zero(t, st.Serial)
	lineage := st.Lineage

	j, err := b.OpenJournal(ctx, st)
	require.NoError(t, err)
	require.EqualValues(t, 1, st.Serial)
	a, c := sample("push.a", "k-a"), sample("push.c", "k-c")
	require.NoError(t, j.Put(a, true))
	require.NoError(t, j.Put(c, false))
	require.NoError(t, j.PutAudience(&state.Audience{Address: "audience.x", ID: 7, Kind: "upload", Count: 3}, false))
	// A second connection sees a durable put at once.
	other, err := open(t, url, ws).Load(ctx)
	require.NoError(t, err)
	require.Equal(t, "k-a", other.Sends["push.a"].RetryKey)

	sent := *a
	sent.Status, sent.RequestID = state.Sent, "req-a"
	require.NoError(t, j.Put(&sent, false))
	require.NoError(t, j.Forget(c, false))
	require.NoError(t, j.Close())
	st.Sends["push.a"] = &sent
	delete(st.Sends, "push.c")
	st.History = append(st.History, c)
	st.Audiences["audience.x"] = &state.Audience{Address: "audience.x", ID: 7, Kind: "upload", Count: 3}
	require.NoError(t, b.Commit(ctx, st))
	require.EqualValues(t, 2, st.Serial)

	got, err := open(t, url, ws).Load(ctx)
	require.NoError(t, err)
	require.Equal(t, lineage, got.Lineage)
	require.EqualValues(t, 2, got.Serial)
	require.Equal(t, st.Sends, got.Sends)
	require.Equal(t, st.History, got.History)
	require.Equal(t, st.Audiences, got.Audiences)
}

func TestWorkspacesApart(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	one, two := open(t, url, pgtest.Workspace()), open(t, url, pgtest.Workspace())
	st, err := one.Load(ctx)
	require.NoError(t, err)
	st.Sends["push.a"] = sample("push.a", "k")
	require.NoError(t, one.Commit(ctx, st))
	st2, err := two.Load(ctx)
	require.NoError(t, err)
	require.Empty(t, st2.Sends)
	require.NotEqual(t, st.Lineage, st2.Lineage)

	unlock, err := one.Lock(ctx, "apply", 0)
	require.NoError(t, err)
	defer unlock()
	unlock2, err := two.Lock(ctx, "apply", 0)
	require.NoError(t, err, "the lock of another workspace must not be held")
	require.NoError(t, unlock2())
}

func TestLock(t *testing.T) {
	ctx := context.Background()
	url, ws := pgtest.URL(t), pgtest.Workspace()
	first, second := open(t, url, ws), open(t, url, ws)
	unlock, err := first.Lock(ctx, "apply", 0)
	require.NoError(t, err)
	_, err = second.Lock(ctx, "state push", 0)
	var locked *state.LockedError
	require.ErrorAs(t, err, &locked)
	me := state.NewHolder("apply")
	require.Equal(t, "apply", locked.Holder.Operation)
	require.Equal(t, os.Getpid(), locked.Holder.PID)
	require.Equal(t, me.Who, locked.Holder.Who)
	require.WithinDuration(t, time.Now(), locked.Holder.Since, time.Minute)
	require.Contains(t, err.Error(), fmt.Sprintf(`workspace %q is locked by apply (pid %d, %s) since `, ws, os.Getpid(), me.Who))

	// With a timeout, the second waits for the first to let go.
	go func() {
		time.Sleep(300 * time.Millisecond)
		unlock()
	}()
	unlock2, err := second.Lock(ctx, "apply", 10*time.Second)
	require.NoError(t, err)
	require.NoError(t, unlock2())

	// A lock dies with its connection.
	_, err = first.Lock(ctx, "apply", 0)
	require.NoError(t, err)
	require.NoError(t, first.Close())
	unlock3, err := second.Lock(ctx, "apply", 5*time.Second)
	require.NoError(t, err)
	require.NoError(t, unlock3())
}

// Two processes starting at once on an empty schema both migrate it
// without failing.
func TestConcurrentMigration(t *testing.T) {
	url := pgtest.URL(t)
	schema := "m" + time.Now().Format("150405999999")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := pgstate.Open(context.Background(), url, lang.DefaultURLEnv, schema, "w")
			if err == nil {
				b.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
}

// Push refuses an older copy of the workspace's state, which would make
// the next apply send again what was sent since, unless forced; pushing
// the same state again changes nothing.
func TestReplaceRefusesOlderCopy(t *testing.T) {
	ctx := context.Background()
	url, ws := pgtest.URL(t), pgtest.Workspace()
	b := open(t, url, ws)
	st, err := b.Load(ctx)
	require.NoError(t, err)
	st.Sends["push.a"] = sample("push.a", "ka")
	require.NoError(t, b.Replace(ctx, st, false))
	older, err := open(t, url, ws).Load(ctx)
	require.NoError(t, err)
	require.NoError(t, b.Replace(ctx, older, false), "the same state again")

	st.Sends["push.b"] = sample("push.b", "kb")
	st.Sends["push.c"] = sample("push.c", "kc")
	require.NoError(t, b.Commit(ctx, st))
	err = b.Replace(ctx, older, false)
	require.ErrorContains(t, err, "records push.b and 1 more sends as sent or in flight, and the state pushed does not")
	got, err := open(t, url, ws).Load(ctx)
	require.NoError(t, err)
	require.Len(t, got.Sends, 3, "nothing was pushed")

	require.NoError(t, b.Replace(ctx, older, true))
	got, err = open(t, url, ws).Load(ctx)
	require.NoError(t, err)
	require.Len(t, got.Sends, 1)
}

// Push refuses a state of another lineage unless forced.
func TestReplace(t *testing.T) {
	ctx := context.Background()
	url, ws := pgtest.URL(t), pgtest.Workspace()
	b := open(t, url, ws)
	st, err := b.Load(ctx)
	require.NoError(t, err)
	require.NoError(t, b.Commit(ctx, st))
	other := state.New()
	other.Sends["push.b"] = sample("push.b", "kb")
	err = b.Replace(ctx, other, false)
	require.ErrorContains(t, err, "another state")
	require.NoError(t, b.Replace(ctx, other, true))
	got, err := open(t, url, ws).Load(ctx)
	require.NoError(t, err)
	require.Equal(t, other.Lineage, got.Lineage)
	require.Equal(t, other.Sends, got.Sends)
	require.Greater(t, got.Serial, st.Serial)
}
