package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
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

// Three `lineup serve` replicas on one database share one inbox, behind a
// loopback round-robin proxy: every event delivered twice, one replica
// SIGKILLed mid-load (the proxy answers 502 for it, and the event is
// delivered again, as LINE redelivers); every event answered 200 is in
// the inbox exactly once, and `lineup inbox` reads it.
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

	proxy := roundRobin(t, urls)
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
				// Every event is delivered twice (a redelivery); a refused
				// delivery is delivered again, as LINE would, and the
				// proxy sends it to the next replica.
				for range 2 {
					for postSigned(proxy, body) != http.StatusOK {
						if failures.Add(1) > int64(n) {
							return
						}
					}
					acked.add(ids...)
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
	t.Logf("%d events, each delivered twice through the round-robin; %d deliveries refused (the killed replica)", n, failures.Load())

	// lineup inbox reads the shared inbox.
	list := exec.Command(bin, "-chdir", dir, "inbox", "-n", fmt.Sprint(n))
	list.Env = append(os.Environ(), env...)
	out, err := list.CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, i := range []int{0, n / 2, n - 1} {
		require.Contains(t, string(out), fmt.Sprint(700000000000000000+i))
	}
}

// roundRobin serves a reverse proxy on loopback that sends each request
// to the next of backends in turn, as a simple load balancer does, and
// returns its URL.
func roundRobin(t *testing.T, backends []string) string {
	targets := make([]*url.URL, len(backends))
	for i, b := range backends {
		u, err := url.Parse(b)
		require.NoError(t, err)
		targets[i] = u
	}
	var next atomic.Uint64
	rp := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(targets[(next.Add(1)-1)%uint64(len(targets))])
		},
		ErrorLog: log.New(io.Discard, "", 0), // a killed replica's 502s are expected
	}
	srv := httptest.NewServer(rp)
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}
