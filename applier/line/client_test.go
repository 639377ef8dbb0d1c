package line

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The body the SDK puts on the wire carries exactly what lineup planned:
// no field dropped, none added beyond the SDK's documented defaults.
func TestPushSendsThePlannedBody(t *testing.T) {
	var got map[string]any
	var key, auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		require.NoError(t, json.Unmarshal(data, &got))
		key, auth = r.Header.Get("X-Line-Retry-Key"), r.Header.Get("Authorization")
		w.Header().Set("X-Line-Request-Id", "req-1")
		_, _ = io.WriteString(w, `{"sentMessages":[{"id":"1","quoteToken":"q1"},{"id":"2"}]}`)
	}))
	defer srv.Close()
	body := map[string]any{
		"to": "U0123456789abcdef0123456789abcdef",
		"messages": []any{
			map[string]any{"type": "text", "text": "Hi $", "quoteToken": "qt",
				"emojis": []any{map[string]any{"index": float64(3), "productId": "p", "emojiId": "001"}}},
			map[string]any{"type": "sticker", "packageId": "446", "stickerId": "1988"},
		},
		"customAggregationUnits": []any{"order_notice"},
	}
	c, err := New(Config{Endpoint: srv.URL, Token: "t0ken"})
	require.NoError(t, err)
	res, err := c.Push(context.Background(), body, "11111111-2222-3333-4444-555555555555")
	require.NoError(t, err)

	want := map[string]any{"notificationDisabled": false}
	for k, v := range body {
		want[k] = v
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("body on the wire (-want +got):\n%s", diff)
	}
	require.Equal(t, "11111111-2222-3333-4444-555555555555", key)
	require.Equal(t, "Bearer t0ken", auth)
	want2 := &PushResult{RequestID: "req-1", Sent: []SentMessage{{ID: "1", QuoteToken: "q1"}, {ID: "2"}}}
	if diff := cmp.Diff(want2, res); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}

func TestPushAnswers(t *testing.T) {
	cases := []struct {
		name    string
		status  int
		headers map[string]string
		body    string
		want    *PushResult
		outcome Outcome
	}{
		{
			name: "409 is the original result", status: 409,
			headers: map[string]string{"X-Line-Accepted-Request-Id": "orig"},
			body:    `{"message":"The retry key is already accepted","sentMessages":[{"id":"7","quoteToken":"q"}]}`,
			want:    &PushResult{RequestID: "orig", Sent: []SentMessage{{ID: "7", QuoteToken: "q"}}, Duplicate: true},
		},
		{name: "400 is rejected", status: 400, body: `{"message":"The request body has 1 error(s)","details":[{"message":"May not be empty","property":"messages[0].text"}]}`, outcome: Rejected},
		{name: "500 is unknown", status: 500, body: `{"message":"Internal"}`, outcome: Unknown},
		{name: "429 rate limit is throttled", status: 429, body: `{"message":"The API rate limit has been exceeded. Try again later."}`, outcome: Throttled},
		{name: "429 monthly limit", status: 429, body: `{"message":"You have reached your monthly limit."}`, outcome: QuotaExhausted},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tc.headers {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tc.status)
				_, _ = io.WriteString(w, tc.body)
			}))
			defer srv.Close()
			c, err := New(Config{Endpoint: srv.URL, Token: "t"})
			require.NoError(t, err)
			res, err := c.Push(context.Background(), map[string]any{"to": "U1", "messages": []any{}}, "")
			if tc.want != nil {
				require.NoError(t, err)
				if diff := cmp.Diff(tc.want, res); diff != "" {
					t.Errorf("result (-want +got):\n%s", diff)
				}
				return
			}
			require.Error(t, err)
			require.Equal(t, tc.outcome, Classify(err))
		})
	}
}

func TestNoAnswerIsUnknown(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hj, _ := w.(http.Hijacker)
		conn, _, _ := hj.Hijack()
		conn.Close()
	}))
	defer srv.Close()
	c, err := New(Config{Endpoint: srv.URL, Token: "secret-token"})
	require.NoError(t, err)
	_, err = c.Push(context.Background(), map[string]any{"to": "U1", "messages": []any{}}, "")
	var ne *NetworkError
	require.True(t, errors.As(err, &ne), "got %v", err)
	require.Equal(t, Unknown, Classify(err))
	require.NotContains(t, err.Error(), "secret-token")
}

// Pushes sent 32 at a time, wave after wave, keep their connections: an
// apply does not open (and, with LINE, TLS-handshake) a connection per
// request once more than two are in flight.
func TestParallelPushesReuseConnections(t *testing.T) {
	var opened atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Line-Request-Id", "r")
		_, _ = io.WriteString(w, `{"sentMessages":[{"id":"1"}]}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c, err := New(Config{Endpoint: srv.URL, Token: "t"})
	require.NoError(t, err)
	const parallel, waves = 32, 10
	for range waves {
		var wg sync.WaitGroup
		for range parallel {
			wg.Go(func() {
				body := map[string]any{"to": "U0123456789abcdef0123456789abcdef",
					"messages": []any{map[string]any{"type": "text", "text": "hi"}}}
				_, err := c.Push(context.Background(), body, "")
				assert.NoError(t, err)
			})
		}
		wg.Wait()
	}
	require.LessOrEqual(t, int(opened.Load()), parallel,
		"%d requests in waves of %d opened %d connections", parallel*waves, parallel, opened.Load())
}
