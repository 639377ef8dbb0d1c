package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/line/line-bot-sdk-go/v8/linebot/messaging_api"
	"github.com/stretchr/testify/require"
)

func TestMulticastSDK(t *testing.T) {
	sb, ts := start(t, Options{Friends: 30})
	friendA, friendB, blocked := pickFriends(t, sb)
	c := sdkClient(t, ts)
	res, body, err := c.MulticastWithHttpInfo(&messaging_api.MulticastRequest{
		To:       []string{friendA, friendB, friendA, userA, blocked},
		Messages: []messaging_api.MessageInterface{messaging_api.TextMessage{Text: "to both"}},
	}, "")
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Empty(t, *body)

	ds := sb.Deliveries()
	require.Len(t, ds, 1)
	if diff := cmp.Diff([]string{friendA, friendB, userA, blocked}, ds[0].To); diff != "" {
		t.Errorf("sent to (-want +got):\n%s", diff)
	}
	require.Equal(t, 2, ds[0].People, "the two friends who did not block the account count")
	require.Equal(t, 2, ds[0].Reached)
	require.Equal(t, "multicast", ds[0].Endpoint)
	require.Len(t, ds[0].Messages, 1)
	require.Equal(t, 1, sb.DeliveredTo(friendA))
	require.Equal(t, 1, sb.DeliveredTo(friendB))
	require.Zero(t, sb.DeliveredTo(blocked))
	require.Zero(t, sb.DeliveredTo(userA))
	require.Equal(t, 2, sb.Usage())
}

func multicastBody(to []string, message string) string {
	list, _ := json.Marshal(to)
	return fmt.Sprintf(`{"to":%s,"messages":[%s]}`, list, message)
}

func TestMulticastRejects(t *testing.T) {
	text := `{"type":"text","text":"hi"}`
	many := make([]string, 501)
	for i := range many {
		many[i] = fmt.Sprintf("U%032x", i)
	}
	tests := []struct {
		name string
		body string
		want string
	}{
		{name: "group ID", body: multicastBody([]string{userA, groupC}, text),
			want: `{"message":"The property, to[1], in the request body is invalid (line: -, column: -)"}`},
		{name: "malformed", body: multicastBody([]string{"Uabc", userA}, text),
			want: `{"message":"The property, to[0], in the request body is invalid (line: -, column: -)"}`},
		{name: "over 500", body: multicastBody(many, text),
			want: `{"message":"The request body has 1 error(s)",
				"details":[{"property":"to","message":"Size must be between 1 and 500"}]}`},
		{name: "nobody", body: multicastBody([]string{}, text),
			want: `{"message":"The request body has 1 error(s)",
				"details":[{"property":"to","message":"Size must be between 1 and 500"}]}`},
		{name: "quote token", body: multicastBody([]string{userA}, `{"type":"text","text":"re","quoteToken":"q"}`),
			want: `{"message":"The request body has 1 error(s)",
				"details":[{"property":"messages[0].quoteToken","message":"Only reply and push messages can quote"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, ts := start(t, Options{})
			got := call(t, ts, http.MethodPost, "/v2/bot/message/multicast", tt.body, nil)
			require.Equal(t, http.StatusBadRequest, got.status)
			if diff := cmp.Diff(js(t, tt.want), got.body); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
			require.Empty(t, sb.Deliveries(), "nobody receives a rejected multicast")
			require.False(t, sb.Requests()[0].Accepted)
		})
	}
}

func TestMulticast500Recipients(t *testing.T) {
	sb, ts := start(t, Options{Friends: 600})
	var to []string
	for _, f := range sb.Population()[:500] {
		to = append(to, f.UserID)
	}
	got := call(t, ts, http.MethodPost, "/v2/bot/message/multicast", multicastBody(to, `{"type":"text","text":"hi"}`), nil)
	require.Equal(t, http.StatusOK, got.status, "%v", got.body)
	blocked := 0
	for _, f := range sb.Population()[:500] {
		if f.Blocked {
			blocked++
		}
	}
	require.Positive(t, blocked)
	require.Equal(t, 500-blocked, sb.Usage(), "those who blocked the account are not counted")
	require.Empty(t, sb.Messages(), "multicast keeps deliveries, not a message per user")
}

func TestMulticastRetryKey(t *testing.T) {
	_, ts := start(t, Options{})
	body := multicastBody([]string{userA}, `{"type":"text","text":"once"}`)
	key := map[string]string{"X-Line-Retry-Key": keyOne}
	first := call(t, ts, http.MethodPost, "/v2/bot/message/multicast", body, key)
	require.Equal(t, http.StatusOK, first.status)
	dup := call(t, ts, http.MethodPost, "/v2/bot/message/multicast", body, key)
	require.Equal(t, http.StatusConflict, dup.status)
	require.Equal(t, first.header.Get("X-Line-Request-Id"), dup.header.Get("X-Line-Accepted-Request-Id"))
	if diff := cmp.Diff(js(t, `{"message":"The retry key is already accepted"}`), dup.body); diff != "" {
		t.Errorf("409 body, without sentMessages (-want +got):\n%s", diff)
	}
}

func TestBroadcast(t *testing.T) {
	sb, ts := start(t, Options{Friends: 20})
	c := sdkClient(t, ts)
	req := &messaging_api.BroadcastRequest{NotificationDisabled: true,
		Messages: []messaging_api.MessageInterface{messaging_api.TextMessage{Text: "all"}}}
	body, err := c.Broadcast(req, keyOne)
	require.NoError(t, err)
	require.Empty(t, *body)
	res, _, err := c.BroadcastWithHttpInfo(req, keyOne)
	require.Error(t, err)
	require.Equal(t, http.StatusConflict, res.StatusCode)

	quote := call(t, ts, http.MethodPost, "/v2/bot/message/broadcast",
		`{"messages":[{"type":"sticker","packageId":"1","stickerId":"2","quoteToken":"q"}]}`, nil)
	require.Equal(t, http.StatusBadRequest, quote.status)
	empty := call(t, ts, http.MethodPost, "/v2/bot/message/broadcast", `{"messages":[]}`, nil)
	require.Equal(t, http.StatusBadRequest, empty.status)

	ds := sb.Deliveries()
	require.Len(t, ds, 1)
	require.Equal(t, "broadcast", ds[0].Endpoint)
	require.Equal(t, 19, ds[0].People)
	friend, _, blocked := pickFriends(t, sb)
	require.Equal(t, 1, sb.DeliveredTo(friend))
	require.Zero(t, sb.DeliveredTo(blocked), "a friend who blocked the account gets nothing")
	require.Zero(t, sb.DeliveredTo(userB), "a user who is not a friend gets nothing")
	require.Equal(t, map[string]int{keyOne: 1}, sb.AcceptedByKey())
}
