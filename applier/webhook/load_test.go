package webhook

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// loopback serves h on a loopback port and returns its URL and a client
// that keeps enough connections open for clients goroutines.
func loopback(t testing.TB, h http.Handler, clients int) (string, *http.Client) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients}
	t.Cleanup(tr.CloseIdleConnections)
	return srv.URL, &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// post sends a signed webhook body and returns the status.
func post(c *http.Client, url string, body []byte) (int, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("X-Line-Signature", Sign(secret, body))
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	res.Body.Close()
	return res.StatusCode, nil
}

// batchBody is a request carrying events first..first+n-1.
func batchBody(t testing.TB, first, n int) []byte {
	evs := make([]map[string]any, n)
	for i := range evs {
		id := first + i
		evs[i] = textEvent(eventID(id), fmt.Sprintf("m%d", id), "hello", fmt.Sprintf("q%d", id))
	}
	return envelopeBody(t, evs...)
}

// TestConcurrentDeliveries sends 20,000 signed events from 50 clients
// over loopback, 10 events a request, every fifth request delivered
// twice, and checks that each event is in the file exactly once.
func TestConcurrentDeliveries(t *testing.T) {
	const clients, perRequest, total = 50, 10, 20000
	in, path := openInbox(t)
	url, c := loopback(t, newHandler(t, Options{Inbox: in, Logf: func(string, ...any) {}}), clients)

	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				req := int(next.Add(1)) - 1
				if req*perRequest >= total {
					return
				}
				body := batchBody(t, req*perRequest, perRequest)
				for try := 0; try <= boolInt(req%5 == 0); try++ {
					if code, err := post(c, url, body); err != nil || code != http.StatusOK {
						errs <- fmt.Errorf("request %d: %d %v", req, code, err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	require.NoError(t, in.Close())

	count := map[string]int{}
	for _, r := range fileRecords(t, path) {
		count[r.WebhookEventID]++
	}
	require.Len(t, count, total)
	for id, n := range count {
		require.Equal(t, 1, n, "event %s", id)
	}
	again, err := OpenInbox(path)
	require.NoError(t, err)
	defer again.Close()
	require.Len(t, again.Recent(total+1), total)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// BenchmarkServe measures signed single-event requests from 32
// concurrent clients over loopback, each answered after its fsync.
func BenchmarkServe(b *testing.B) {
	const clients = 32
	in, _ := openInbox(b)
	url, c := loopback(b, newHandler(b, Options{Inbox: in, Logf: func(string, ...any) {}}), clients)
	bodies := make([][]byte, b.N)
	for i := range bodies {
		bodies[i] = batchBody(b, i, 1)
	}
	var next atomic.Int64
	lat := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				t0 := time.Now()
				if code, err := post(c, url, bodies[i]); err != nil || code != http.StatusOK {
					b.Errorf("request %d: %d %v", i, code, err)
					return
				}
				lat[w] = append(lat[w], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	all := slices.Concat(lat...)
	slices.Sort(all)
	if len(all) == 0 {
		return
	}
	ms := func(q float64) float64 {
		return float64(all[int(q*float64(len(all)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "events/s")
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}
