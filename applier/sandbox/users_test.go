package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/lineupdev/lineup/applier/webhook"
)

const hookSecret = "sandbox-test-secret"

// receiver is a webhook endpoint that keeps what it receives and answers
// the statuses it is given, then 200.
type receiver struct {
	mu       sync.Mutex
	bodies   [][]byte
	sigOK    []bool
	statuses []int
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.bodies = append(rc.bodies, body)
	rc.sigOK = append(rc.sigOK, webhook.Verify(hookSecret, r.Header.Get("X-Line-Signature"), body))
	status := http.StatusOK
	if len(rc.statuses) > 0 {
		status, rc.statuses = rc.statuses[0], rc.statuses[1:]
	}
	w.WriteHeader(status)
}

func withReceiver(t *testing.T, opts Options, statuses ...int) (*Server, *httptest.Server, *receiver) {
	t.Helper()
	rc := &receiver{statuses: statuses}
	hook := httptest.NewServer(rc)
	t.Cleanup(hook.Close)
	opts.Webhook, opts.ChannelSecret = hook.URL, hookSecret
	sb, ts := start(t, opts)
	return sb, ts, rc
}

// userSays posts a user message to the control endpoint.
func userSays(t *testing.T, ts *httptest.Server, user, body string) UserMessageResult {
	t.Helper()
	res, err := ts.Client().Post(ts.URL+"/_sandbox/users/"+user+"/messages", "application/json", bytes.NewReader([]byte(body)))
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	var out UserMessageResult
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	return out
}

func TestUserMessageDeliversSignedEvent(t *testing.T) {
	_, ts, rc := withReceiver(t, Options{})
	res := userSays(t, ts, userA, `{"text":"can I reserve a table?"}`)
	require.True(t, res.Delivery.Delivered)
	require.Equal(t, 1, res.Delivery.Attempts)
	require.Equal(t, userA, res.Chat)
	require.Regexp(t, `^[0-9]{18}$`, res.MessageID)
	require.Regexp(t, `^[0-9A-HJKMNP-TV-Z]{26}$`, res.WebhookEventID)
	require.Len(t, rc.bodies, 1)
	require.True(t, rc.sigOK[0])

	var env struct {
		Destination string           `json:"destination"`
		Events      []map[string]any `json:"events"`
	}
	require.NoError(t, json.Unmarshal(rc.bodies[0], &env))
	require.Regexp(t, `^U[0-9a-f]{32}$`, env.Destination)
	require.Len(t, env.Events, 1)
	ev := env.Events[0]
	require.Equal(t, "message", ev["type"])
	require.Equal(t, "active", ev["mode"])
	require.Equal(t, res.WebhookEventID, ev["webhookEventId"])
	require.Equal(t, res.ReplyToken, ev["replyToken"])
	require.Equal(t, map[string]any{"isRedelivery": false}, ev["deliveryContext"])
	require.Equal(t, map[string]any{"type": "user", "userId": userA}, ev["source"])
	msg := ev["message"].(map[string]any)
	require.Equal(t, res.MessageID, msg["id"])
	require.Equal(t, res.QuoteToken, msg["quoteToken"])
	require.Equal(t, "can I reserve a table?", msg["text"])
}

func TestUserMessageInGroup(t *testing.T) {
	_, ts, rc := withReceiver(t, Options{})
	res := userSays(t, ts, userA, `{"text":"hi all","chat":"`+groupC+`"}`)
	require.Equal(t, groupC, res.Chat)
	require.Contains(t, string(rc.bodies[0]), `"source":{"groupId":"`+groupC+`","type":"group","userId":"`+userA+`"}`)

	// The quote token works in the group only.
	require.Equal(t, http.StatusOK, push(t, ts, quotePush(groupC, res.QuoteToken), "").status)
	require.Equal(t, http.StatusBadRequest, push(t, ts, quotePush(userA, res.QuoteToken), "").status)

	a := call(t, ts, http.MethodPost, "/_sandbox/users/"+userA+"/messages", `{"text":"x","chat":"`+userB+`"}`, nil)
	require.Equal(t, http.StatusBadRequest, a.status)
}

func TestUserMessageRedelivered(t *testing.T) {
	_, ts, rc := withReceiver(t, Options{}, http.StatusInternalServerError, http.StatusServiceUnavailable)
	res := userSays(t, ts, userA, `{"text":"hello?"}`)
	require.True(t, res.Delivery.Delivered)
	require.Equal(t, 3, res.Delivery.Attempts)
	require.Len(t, rc.bodies, 3)
	for _, ok := range rc.sigOK {
		require.True(t, ok)
	}
	want := bytes.Replace(rc.bodies[0], []byte(`"isRedelivery":false`), []byte(`"isRedelivery":true`), 1)
	require.NotEqual(t, rc.bodies[0], want)
	require.Equal(t, string(want), string(rc.bodies[1]))
	require.Equal(t, rc.bodies[1], rc.bodies[2])
}

func TestUserMessageGivesUp(t *testing.T) {
	_, ts, rc := withReceiver(t, Options{}, 500, 500, 500, 500, 500)
	res := userSays(t, ts, userA, `{"text":"anyone?"}`)
	require.False(t, res.Delivery.Delivered)
	require.Equal(t, 1+webhookRedeliveries, res.Delivery.Attempts)
	require.Equal(t, 500, res.Delivery.Status)
	require.Len(t, rc.bodies, 1+webhookRedeliveries)
}

func TestUserMessageWithoutWebhook(t *testing.T) {
	_, ts := start(t, Options{})
	res := userSays(t, ts, userA, `{"text":"hello"}`)
	require.False(t, res.Delivery.Delivered)
	require.Contains(t, res.Delivery.Error, "no webhook URL")

	// Pointing the sandbox at a webhook by its control endpoint.
	rc := &receiver{}
	hook := httptest.NewServer(rc)
	defer hook.Close()
	a := call(t, ts, http.MethodPost, "/_sandbox/webhook", `{"url":"`+hook.URL+`","secret":"`+hookSecret+`"}`, nil)
	require.Equal(t, http.StatusOK, a.status)
	require.Equal(t, js(t, `{"url":"`+hook.URL+`","secret_set":true}`), a.body)
	require.True(t, userSays(t, ts, userA, `{"text":"hello"}`).Delivery.Delivered)
	require.True(t, rc.sigOK[0])

	probe := call(t, ts, http.MethodPost, "/_sandbox/webhook/probe", ``, nil)
	require.Equal(t, true, probe.body.(map[string]any)["delivered"])
	require.Contains(t, string(rc.bodies[1]), `"events":[]`)
}

func TestProbeContext(t *testing.T) {
	sb, err := New(Options{})
	require.NoError(t, err)
	require.False(t, sb.Probe(context.Background()).Delivered)
}

func replyBody(token string, messages string) string {
	return `{"replyToken":"` + token + `","messages":` + messages + `}`
}

func TestReply(t *testing.T) {
	sb, ts, _ := withReceiver(t, Options{MonthlyLimit: 1})
	res := userSays(t, ts, userA, `{"text":"can I reserve a table?"}`)
	msgs := `[{"type":"text","text":"Yes!","quoteToken":"` + res.QuoteToken + `"},{"type":"sticker","packageId":"446","stickerId":"1988"}]`

	a := call(t, ts, http.MethodPost, "/v2/bot/message/reply", replyBody(res.ReplyToken, msgs), nil)
	require.Equal(t, http.StatusOK, a.status, "%v", a.body)
	got := sent(t, a.body)
	require.Len(t, got, 2)
	require.NotEmpty(t, got[0].QuoteToken)

	// Single use.
	a = call(t, ts, http.MethodPost, "/v2/bot/message/reply", replyBody(res.ReplyToken, msgs), nil)
	require.Equal(t, http.StatusBadRequest, a.status)
	require.Equal(t, js(t, `{"message":"Invalid reply token"}`), a.body)

	// A reply's quote token works in the chat, for a push too; and the
	// reply was not counted, so the push still fits the limit of 1.
	require.Equal(t, http.StatusOK, push(t, ts, quotePush(userA, got[0].QuoteToken), "").status)
	require.Equal(t, 2, sb.DeliveredTo(userA))
}

func TestReplyRefusals(t *testing.T) {
	sb, ts, _ := withReceiver(t, Options{ReplyTokenTTL: time.Minute})
	res := userSays(t, ts, userA, `{"text":"hello"}`)
	other := userSays(t, ts, userB, `{"text":"me too"}`)
	text := `[{"type":"text","text":"hi"}]`

	a := call(t, ts, http.MethodPost, "/v2/bot/message/reply", replyBody("never-issued", text), nil)
	require.Equal(t, js(t, `{"message":"Invalid reply token"}`), a.body)

	a = call(t, ts, http.MethodPost, "/v2/bot/message/reply", replyBody(res.ReplyToken, text),
		map[string]string{"X-Line-Retry-Key": keyOne})
	require.Equal(t, http.StatusBadRequest, a.status)

	a = call(t, ts, http.MethodPost, "/v2/bot/message/reply", replyBody(res.ReplyToken, `[]`), nil)
	require.Equal(t, http.StatusBadRequest, a.status)

	quoteOther := `[{"type":"text","text":"hi","quoteToken":"` + other.QuoteToken + `"}]`
	a = call(t, ts, http.MethodPost, "/v2/bot/message/reply", replyBody(res.ReplyToken, quoteOther), nil)
	require.Equal(t, http.StatusBadRequest, a.status)
	require.Contains(t, a.body.(map[string]any)["details"].([]any)[0].(map[string]any)["message"], "not valid in this chat")

	// Refusals do not use the token up; time does.
	sb.Advance(61 * time.Second)
	a = call(t, ts, http.MethodPost, "/v2/bot/message/reply", replyBody(res.ReplyToken, text), nil)
	require.Equal(t, js(t, `{"message":"Invalid reply token"}`), a.body)
}
