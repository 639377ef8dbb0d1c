package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/lineupdev/lineup/applier/webhook"
	"github.com/lineupdev/lineup/planner/state/pgstate/pgtest"
	"github.com/stretchr/testify/require"
)

var replicaEvents = flag.Int("replica-events", 2000, "how many events TestServeReplicasShareInbox sends (20000 for the full test)")

// Three `lineup serve` replicas on one database share one inbox: events
// sent to random replicas (a simple round-robin that skips a replica that
// fails), each delivered twice, one replica SIGKILLed mid-load; every
// event answered 200 is in the inbox exactly once, and `lineup inbox`
// reads it.
func TestServeReplicasShareInbox(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it")
	}
	dbURL, ok, err := databaseURL() // postgres_test.go
	require.NoError(t, err)
	if !ok {
		t.Skip(pgtest.Install)
	}
	bin := buildLineup(t)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lineup.hcl"),
		[]byte("lineup {\n  backend \"postgres\" {\n    workspace = \"set-by-the-environment\"\n  }\n}\n"), 0o644))
	ws := pgtest.Workspace()
	env := []string{"LINEUP_DATABASE_URL=" + dbURL, "LINEUP_WORKSPACE=" + ws}
	var cmds []*exec.Cmd
	var urls []string
	for range 3 {
		cmd, url := startServe(t, bin, dir, env...)
		cmds, urls = append(cmds, cmd), append(urls, url)
	}

	n := *replicaEvents
	var dead atomic.Bool // replica 0 was killed
	var next atomic.Int64
	acked := &eventSet{ids: map[string]bool{}}
	var wg sync.WaitGroup
	var failures atomic.Int64
	for range 24 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if i == n/3 {
					if err := cmds[0].Process.Signal(syscall.SIGKILL); err != nil {
						t.Errorf("killing a replica: %v", err)
					}
					dead.Store(true)
				}
				ids, body := killBatch(i, 1)
				// Every event is delivered twice (a redelivery), each time
				// to a random replica; a refused delivery is redelivered
				// to the next replica, as LINE would.
				for range 2 {
					for r := rand.IntN(3); ; r = (r + 1) % 3 {
						if postSigned(urls[r], body) == http.StatusOK {
							acked.add(ids...)
							break
						}
						if failures.Add(1) > int64(n) {
							return
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	require.True(t, dead.Load())
	for _, cmd := range cmds[1:] {
		require.NoError(t, cmd.Process.Signal(os.Interrupt))
		require.NoError(t, cmd.Wait())
	}
	require.Len(t, acked.ids, n)

	conn, err := pgx.Connect(context.Background(), dbURL)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	rows, err := conn.Query(context.Background(), "SELECT event::text FROM lineup.inbox WHERE workspace = $1", ws)
	require.NoError(t, err)
	counts := map[string]int{}
	var data []byte
	_, err = pgx.ForEachRow(rows, []any{&data}, func() error {
		var r webhook.Record
		if err := json.Unmarshal(data, &r); err != nil {
			return err
		}
		if r.Kind == webhook.KindMessage {
			counts[r.WebhookEventID]++
		}
		return nil
	})
	require.NoError(t, err)
	for id := range acked.ids {
		require.Equal(t, 1, counts[id], "event %s was answered 200", id)
	}
	require.Len(t, counts, n)
	t.Logf("%d events, each delivered twice to random replicas; %d deliveries refused (the killed replica)", n, failures.Load())

	// lineup inbox reads the shared inbox.
	list := exec.Command(bin, "-chdir", dir, "inbox", "-n", fmt.Sprint(n))
	list.Env = append(os.Environ(), env...)
	out, err := list.CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, i := range []int{0, n / 2, n - 1} {
		require.Contains(t, string(out), fmt.Sprint(700000000000000000+i))
	}
}
