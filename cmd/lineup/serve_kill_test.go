package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/lineupdev/lineup/applier/webhook"
)

const killSecret = "kill-test-channel-secret"

// A `lineup serve` killed with SIGKILL in the middle of a load has every
// event it answered 200 for in its inbox, exactly once; started again on
// the same inbox, it records the redeliveries of the others once each.
func TestServeKilledMidLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it")
	}
	tmp := t.TempDir()
	bin := buildLineup(t)
	dir := filepath.Join(tmp, "config")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lineup.hcl"),
		[]byte("bundle \"hello\" {\n  text {\n    text = \"hello\"\n  }\n}\n"), 0o644))

	cmd, url := startServe(t, bin, dir)
	var next atomic.Int64
	acked := &eventSet{ids: map[string]bool{}}
	sent := &eventSet{ids: map[string]bool{}}
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				first := int(next.Add(5)) - 5
				ids, body := killBatch(first, 5)
				sent.add(ids...)
				if postSigned(url, body) != http.StatusOK {
					return // killed
				}
				acked.add(ids...)
			}
		}()
	}
	time.Sleep(400 * time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()
	wg.Wait()
	inbox := filepath.Join(dir, webhook.DefaultInboxName)
	counts := inboxCounts(t, inbox)
	require.NotEmpty(t, acked.ids, "no event was answered 200 before the kill")
	for id := range acked.ids {
		require.Equal(t, 1, counts[id], "event %s was answered 200", id)
	}
	for id, n := range counts {
		require.Equal(t, 1, n, "event %s", id)
	}
	t.Logf("%d events sent, %d answered 200, %d on disk at the kill", len(sent.ids), len(acked.ids), len(counts))

	// LINE redelivers what was not answered 200; a restarted serve
	// records each event once.
	cmd, url = startServe(t, bin, dir)
	for id := range sent.ids {
		var n int
		fmt.Sscanf(id, "01KILL%020d", &n)
		_, body := killBatch(n, 1)
		require.Equal(t, http.StatusOK, postSigned(url, body))
	}
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	require.NoError(t, cmd.Wait())
	counts = inboxCounts(t, inbox)
	require.Len(t, counts, len(sent.ids))
	for id, n := range counts {
		require.Equal(t, 1, n, "event %s", id)
	}
}

type eventSet struct {
	mu  sync.Mutex
	ids map[string]bool
}

func (s *eventSet) add(ids ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		s.ids[id] = true
	}
}

// startServe starts `lineup serve` on a free port, with env added to
// its environment, and returns its URL.
func startServe(t *testing.T, bin, dir string, env ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, "-chdir", dir, "serve", "-addr", "127.0.0.1:0")
	cmd.Env = append(append(os.Environ(), "LINE_CHANNEL_SECRET="+killSecret), env...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if url, ok := strings.CutPrefix(sc.Text(), "Listening for LINE webhooks on "); ok {
			go func() {
				for sc.Scan() {
				}
			}()
			return cmd, url
		}
	}
	t.Fatalf("serve did not start: %v", sc.Err())
	return nil, ""
}

// killBatch is a webhook body with n message events from first on.
func killBatch(first, n int) ([]string, []byte) {
	var ids []string
	var evs []map[string]any
	for i := first; i < first+n; i++ {
		id := fmt.Sprintf("01KILL%020d", i)
		ids = append(ids, id)
		evs = append(evs, map[string]any{
			"type": "message", "mode": "active", "timestamp": 1625665242211 + i,
			"source":          map[string]any{"type": "user", "userId": "U0123456789abcdef0123456789abcdef"},
			"webhookEventId":  id,
			"deliveryContext": map[string]any{"isRedelivery": false},
			"replyToken":      "r" + id,
			"message":         map[string]any{"type": "text", "id": fmt.Sprint(700000000000000000 + i), "text": "hi", "quoteToken": "q" + id},
		})
	}
	body, _ := json.Marshal(map[string]any{"destination": "U00000000000000000000000000000000", "events": evs})
	return ids, body
}

var killClient = &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

func postSigned(url string, body []byte) int {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set(webhook.SignatureHeader, webhook.Sign(killSecret, body))
	res, err := killClient.Do(req)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

// inboxCounts counts the message records of the inbox file by event ID,
// ignoring an incomplete last line (a write cut by the kill).
func inboxCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	if i := bytes.LastIndexByte(data, '\n'); i+1 < len(data) {
		data = data[:i+1]
	}
	counts := map[string]int{}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var r webhook.Record
		require.NoError(t, json.Unmarshal(line, &r))
		if r.Kind == webhook.KindMessage {
			counts[r.WebhookEventID]++
		}
	}
	return counts
}
