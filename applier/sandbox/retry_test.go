package sandbox

import (
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/line/line-bot-sdk-go/v8/linebot/messaging_api"
	"github.com/stretchr/testify/require"
)

func TestRetryKeyConflictSDK(t *testing.T) {
	_, ts := start(t, Options{})
	c := sdkClient(t, ts)
	req := &messaging_api.PushMessageRequest{To: userA,
		Messages: []messaging_api.MessageInterface{messaging_api.TextMessage{Text: "once"}}}

	res, first, err := c.PushMessageWithHttpInfo(req, keyOne)
	require.NoError(t, err)
	acceptedID := res.Header.Get("X-Line-Request-Id")

	res, _, err = c.PushMessageWithHttpInfo(req, keyOne)
	require.Error(t, err)
	require.Equal(t, http.StatusConflict, res.StatusCode)
	if got := res.Header.Get("X-Line-Accepted-Request-Id"); got != acceptedID {
		t.Errorf("X-Line-Accepted-Request-Id = %q, want %q", got, acceptedID)
	}
	if got := res.Header.Get("X-Line-Request-Id"); got == acceptedID || !requestIDText.MatchString(got) {
		t.Errorf("X-Line-Request-Id = %q, want a new UUID", got)
	}
	a := readAnswer(t, res)
	want := map[string]any{
		"message":      "The retry key is already accepted",
		"sentMessages": []any{map[string]any{"id": first.SentMessages[0].Id, "quoteToken": first.SentMessages[0].QuoteToken}},
	}
	if diff := cmp.Diff(any(want), a.body); diff != "" {
		t.Errorf("409 body (-want +got):\n%s", diff)
	}
}

func TestRetryKeyHeader(t *testing.T) {
	valid := `{"messages":[{"type":"text","text":"hi"}]}`
	tests := []struct {
		name       string
		path       string
		body       string
		key        string
		wantStatus int
		wantBody   string
	}{
		{name: "on validate", path: "/v2/bot/message/validate/push", body: valid, key: keyOne,
			wantStatus: http.StatusBadRequest, wantBody: `{"message":"The retry key is not supported by this API"}`},
		{name: "empty on validate", path: "/v2/bot/message/validate/push", body: valid, key: "",
			wantStatus: http.StatusOK, wantBody: `{}`},
		{name: "not a UUID", path: "/v2/bot/message/push", body: textPush(userA, "a"), key: "retry-1",
			wantStatus: http.StatusBadRequest, wantBody: `{"message":"The retry key is not a valid UUID"}`},
		{name: "UUID without dashes", path: "/v2/bot/message/push", body: textPush(userA, "a"),
			key: "123e4567e89b12d3a456426614174000", wantStatus: http.StatusBadRequest,
			wantBody: `{"message":"The retry key is not a valid UUID"}`},
		{name: "empty is absent", path: "/v2/bot/message/push", body: textPush(userA, "a"), key: "",
			wantStatus: http.StatusOK},
		{name: "upper-case UUID", path: "/v2/bot/message/push", body: textPush(userA, "a"),
			key: "123E4567-E89B-12D3-A456-426614174000", wantStatus: http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts := start(t, Options{})
			got := call(t, ts, http.MethodPost, tt.path, tt.body, map[string]string{"X-Line-Retry-Key": tt.key})
			if got.status != tt.wantStatus {
				t.Errorf("status = %d, want %d (body %v)", got.status, tt.wantStatus, got.body)
			}
			if tt.wantBody != "" {
				if diff := cmp.Diff(js(t, tt.wantBody), got.body); diff != "" {
					t.Errorf("body (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestRetryKeyConsumedOnlyByAcceptance(t *testing.T) {
	_, ts := start(t, Options{})
	bad := push(t, ts, textPush(userA, ""), keyOne)
	require.Equal(t, http.StatusBadRequest, bad.status)
	badQuote := push(t, ts, quotePush(userA, "unknown"), keyOne)
	require.Equal(t, http.StatusBadRequest, badQuote.status)

	var statuses []int
	for range 3 {
		statuses = append(statuses, push(t, ts, textPush(userA, "fixed"), keyOne).status)
	}
	if diff := cmp.Diff([]int{200, 409, 409}, statuses); diff != "" {
		t.Errorf("statuses after the rejected attempts (-want +got):\n%s", diff)
	}
	// Keys are per request: another key sends again.
	if got := push(t, ts, textPush(userA, "fixed"), keyTwo).status; got != http.StatusOK {
		t.Errorf("other key: status = %d, want 200", got)
	}
}

func TestRetryKeyExpiresAfter24h(t *testing.T) {
	now := time.Date(2026, 8, 1, 9, 0, 0, 0, time.UTC)
	_, ts := start(t, Options{Now: func() time.Time { return now }})

	first := push(t, ts, textPush(userA, "a"), keyOne)
	require.Equal(t, http.StatusOK, first.status)

	now = now.Add(retryKeyTTL - time.Second)
	got := push(t, ts, textPush(userA, "a"), keyOne)
	require.Equal(t, http.StatusConflict, got.status)
	require.Equal(t, first.header.Get("X-Line-Request-Id"), got.header.Get("X-Line-Accepted-Request-Id"))

	now = now.Add(time.Second)
	again := push(t, ts, textPush(userA, "a"), keyOne)
	require.Equal(t, http.StatusOK, again.status, "the key is new again after 24 h")
	if sent(t, first.body)[0].ID == sent(t, again.body)[0].ID {
		t.Errorf("a re-used expired key sent nothing new")
	}

	now = now.Add(time.Hour)
	got = push(t, ts, textPush(userA, "a"), keyOne)
	require.Equal(t, http.StatusConflict, got.status)
	if diff := cmp.Diff(again.header.Get("X-Line-Request-Id"), got.header.Get("X-Line-Accepted-Request-Id")); diff != "" {
		t.Errorf("accepted request ID (-want +got):\n%s", diff)
	}
}

func TestRetryKeyConcurrent(t *testing.T) {
	sb, ts := start(t, Options{})
	const n = 20
	statuses := make(chan int, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v2/bot/message/push",
				stringsReader(textPush(userA, "race")))
			req.Header.Set("Authorization", "Bearer "+testToken)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Line-Retry-Key", keyOne)
			res, err := ts.Client().Do(req)
			if err != nil {
				statuses <- 0
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses <- res.StatusCode
		}()
	}
	wg.Wait()
	close(statuses)
	count := map[int]int{}
	for s := range statuses {
		count[s]++
	}
	if diff := cmp.Diff(map[int]int{200: 1, 409: n - 1}, count); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if got := len(sb.Messages()); got != 1 {
		t.Errorf("delivered %d messages, want 1", got)
	}
}
