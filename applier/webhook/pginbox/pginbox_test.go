package pginbox_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lineupdev/lineup/applier/webhook"
	"github.com/lineupdev/lineup/applier/webhook/pginbox"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state/pgstate/pgtest"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func open(t testing.TB, url, workspace string) *pginbox.Inbox {
	in, err := pginbox.Open(context.Background(), url, lang.DefaultURLEnv, lang.DefaultSchema, workspace)
	require.NoError(t, err)
	t.Cleanup(func() { in.Close() })
	return in
}

func message(i int) webhook.Record {
	return webhook.Record{Kind: webhook.KindMessage, WebhookEventID: fmt.Sprintf("01EV%020d", i),
		ID: fmt.Sprint(800000000000000000 + i), Type: "text", Chat: "U0123456789abcdef0123456789abcdef",
		ChatType: "user", Text: "hi", QuoteToken: fmt.Sprintf("q%d", i), ReceivedAt: time.Now().UTC()}
}

// Replicas sharing a workspace record an event once, whichever gets it
// first; replies are recorded every time; another workspace sees none
// of it.
func TestSharedInbox(t *testing.T) {
	url, ws := pgtest.URL(t), pgtest.Workspace()
	a, b := open(t, url, ws), open(t, url, ws)
	fresh, err := a.Record([]webhook.Record{message(1), message(2)})
	require.NoError(t, err)
	require.Equal(t, []bool{true, true}, fresh)
	reply := webhook.Record{Kind: webhook.KindReply, WebhookEventID: message(1).WebhookEventID, ReplyTo: message(1).ID}
	fresh, err = b.Record([]webhook.Record{message(2), message(3), reply, reply})
	require.NoError(t, err)
	require.Equal(t, []bool{false, true, true, true}, fresh)

	read, err := a.Read(context.Background())
	require.NoError(t, err)
	var ids []string
	for _, m := range read.Recent(10) {
		ids = append(ids, m.ID)
	}
	require.Equal(t, []string{message(1).ID, message(2).ID, message(3).ID}, ids)
	m, ok := read.Lookup(message(3).ID)
	require.True(t, ok)
	require.Equal(t, "q3", m.QuoteToken)

	other, err := open(t, url, pgtest.Workspace()).Read(context.Background())
	require.NoError(t, err)
	require.Empty(t, other.Recent(10))
}

// BenchmarkRecord records events, one per webhook delivery, from 64
// senders spread over three replicas of one workspace, as three `serve`
// processes behind a load balancer would: events/s, and the p99 latency
// of a delivery's commit.
//
//	go test ./applier/webhook/pginbox -run '^$' -bench Record -benchtime 20000x
func BenchmarkRecord(b *testing.B) {
	url, ws := pgtest.URL(b), pgtest.Workspace()
	replicas := []*pginbox.Inbox{open(b, url, ws), open(b, url, ws), open(b, url, ws)}
	var next atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for w := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					break
				}
				t0 := time.Now()
				if _, err := replicas[w%3].Record([]webhook.Record{message(i)}); err != nil {
					b.Error(err)
					return
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	}
}
