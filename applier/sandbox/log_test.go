package sandbox

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestRequestLog(t *testing.T) {
	sb, ts := start(t, Options{})
	ok := push(t, ts, textPush(userA, "hi"), keyOne)
	dup := push(t, ts, textPush(userA, "hi"), keyOne)
	call(t, ts, http.MethodPost, "/v2/bot/message/push", "not json", map[string]string{"Authorization": "Bearer bad"})
	call(t, ts, http.MethodPost, "/v2/bot/message/validate/reply", `{"messages":[]}`, nil)
	call(t, ts, http.MethodGet, "/_sandbox/requests", "", nil) // not logged

	want := []LoggedRequest{
		{Method: "POST", Path: "/v2/bot/message/push", Status: 200, RetryKey: keyOne,
			RequestID: ok.header.Get("X-Line-Request-Id"),
			Body:      json.RawMessage(textPush(userA, "hi")), Accepted: true},
		{Method: "POST", Path: "/v2/bot/message/push", Status: 409, RetryKey: keyOne,
			RequestID: dup.header.Get("X-Line-Request-Id"),
			Body:      json.RawMessage(textPush(userA, "hi"))},
		{Method: "POST", Path: "/v2/bot/message/push", Status: 401},
		{Method: "POST", Path: "/v2/bot/message/validate/reply", Status: 400,
			Body: json.RawMessage(`{"messages":[]}`)},
	}
	got := sb.Requests()
	require.Len(t, got, len(want))
	for i, r := range got {
		require.Regexp(t, requestIDText, r.RequestID, "request %d", i)
		if want[i].RequestID == "" { // the test did not see its answer's headers
			want[i].RequestID = r.RequestID
		}
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(equalJSON)); diff != "" {
		t.Errorf("Requests() (-want +got):\n%s", diff)
	}

	served := call(t, ts, http.MethodGet, "/_sandbox/requests", "", map[string]string{"Authorization": "<unset>"})
	require.Equal(t, http.StatusOK, served.status)
	data, err := json.Marshal(served.body)
	require.NoError(t, err)
	var fromHTTP []LoggedRequest
	require.NoError(t, json.Unmarshal(data, &fromHTTP))
	if diff := cmp.Diff(got, fromHTTP, cmp.Comparer(equalJSON)); diff != "" {
		t.Errorf("GET /_sandbox/requests (-Requests() +served):\n%s", diff)
	}
}

func TestMessagesEndpoint(t *testing.T) {
	sb, ts := start(t, Options{})
	group := sb.Groups()[0].ID
	empty := call(t, ts, http.MethodGet, "/_sandbox/messages", "", map[string]string{"Authorization": "<unset>"})
	if diff := cmp.Diff(js(t, `[]`), empty.body); diff != "" {
		t.Errorf("empty world (-want +got):\n%s", diff)
	}
	p := push(t, ts, textPush(group, "hi"), "")
	sm := sent(t, p.body)[0]
	got := call(t, ts, http.MethodGet, "/_sandbox/messages", "", nil)
	list, ok := got.body.([]any)
	require.True(t, ok, "body %v", got.body)
	require.Len(t, list, 1)
	m := list[0].(map[string]any)
	delete(m, "at")
	want := js(t, `{"chat":"`+group+`","id":"`+sm.ID+`","type":"text","quote_token":"`+sm.QuoteToken+`",
		"request_id":"`+p.header.Get("X-Line-Request-Id")+`","endpoint":"push",
		"object":{"type":"text","text":"hi"}}`)
	if diff := cmp.Diff(want, any(m)); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

// equalJSON compares JSON documents by value, ignoring spacing.
func equalJSON(a, b json.RawMessage) bool {
	var va, vb any
	if json.Unmarshal(a, &va) != nil || json.Unmarshal(b, &vb) != nil {
		return string(a) == string(b)
	}
	return cmp.Equal(va, vb)
}
