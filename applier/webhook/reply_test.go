package webhook

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/lineupdev/lineup/applier/line"
)

// fakeLINE answers replies with sentMessages and keeps the bodies.
type fakeLINE struct {
	mu     sync.Mutex
	bodies []map[string]any
}

func (f *fakeLINE) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v2/bot/message/reply" || r.Header.Get("Authorization") != "Bearer token" {
		http.Error(w, `{"message":"not found"}`, http.StatusNotFound)
		return
	}
	data, _ := io.ReadAll(r.Body)
	var body map[string]any
	if err := json.Unmarshal(data, &body); err != nil {
		http.Error(w, `{"message":"bad json"}`, http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.bodies = append(f.bodies, body)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"sentMessages":[{"id":"900001"},{"id":"900002","quoteToken":"q-bot"}]}`)
}

func (f *fakeLINE) received() []map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]map[string]any(nil), f.bodies...)
}

func reservationRule() Rule {
	return Rule{
		Name:  "reservation",
		Match: regexp.MustCompile(`(?i)reserve|table`),
		Messages: []any{
			map[string]any{"type": "image", "originalContentUrl": "https://example.com/a.jpg",
				"previewImageUrl": "https://example.com/a-small.jpg"},
			map[string]any{"type": "text", "text": "Yes! For how many people?"},
		},
		Quote: true,
	}
}

func TestReplyRuleQuotesAndIsRecorded(t *testing.T) {
	fake := &fakeLINE{}
	api := httptest.NewServer(fake)
	defer api.Close()
	client, err := line.New(line.Config{Endpoint: api.URL, Token: "token"})
	require.NoError(t, err)
	in, path := openInbox(t)
	rule := reservationRule()
	h := newHandler(t, Options{Inbox: in, Replier: client, Rules: []Rule{
		{Name: "never", Match: regexp.MustCompile(`^$`), Messages: []any{map[string]any{"type": "text", "text": "no"}}},
		rule,
	}})

	ask := textEvent(eventID(1), "m1", "can I reserve a table?", "q-in")
	chat := textEvent(eventID(2), "m2", "just saying hi", "q-hi")
	body := envelopeBody(t, ask, chat)
	require.Equal(t, http.StatusOK, serve(h, body, Sign(secret, body)))
	h.Wait()
	// A redelivery is not answered again.
	ask["deliveryContext"] = map[string]any{"isRedelivery": true}
	body = envelopeBody(t, ask)
	require.Equal(t, http.StatusOK, serve(h, body, Sign(secret, body)))
	h.Wait()

	wantBody := map[string]any{
		"replyToken": "reply-" + eventID(1),
		"messages": []any{
			map[string]any{"type": "image", "originalContentUrl": "https://example.com/a.jpg",
				"previewImageUrl": "https://example.com/a-small.jpg"},
			map[string]any{"type": "text", "text": "Yes! For how many people?", "quoteToken": "q-in"},
		},
		"notificationDisabled": false,
	}
	got := fake.received()
	require.Len(t, got, 1)
	if diff := cmp.Diff(wantBody, got[0]); diff != "" {
		t.Errorf("reply body (-want +got):\n%s", diff)
	}
	// The rule's own messages are untouched.
	_, quotedInRule := rule.Messages[1].(map[string]any)["quoteToken"]
	require.False(t, quotedInRule)

	recs := fileRecords(t, path)
	require.Len(t, recs, 3)
	wantReply := Record{
		Kind: KindReply, WebhookEventID: eventID(1), ChatType: "user", Chat: "U0001",
		Timestamp: fixedNow.UnixMilli(), ReceivedAt: fixedNow, Rule: "reservation", ReplyTo: "m1",
		Sent: []SentMessage{{ID: "900001"}, {ID: "900002", QuoteToken: "q-bot"}},
	}
	if diff := cmp.Diff(wantReply, recs[2]); diff != "" {
		t.Errorf("reply record (-want +got):\n%s", diff)
	}
	sent, ok := in.Lookup("900002")
	require.True(t, ok)
	require.Equal(t, "q-bot", sent.QuoteToken)
	require.Equal(t, "U0001", sent.Chat)
}

func TestNoReplyWithoutTokenOrInStandby(t *testing.T) {
	fake := &fakeLINE{}
	api := httptest.NewServer(fake)
	defer api.Close()
	client, err := line.New(line.Config{Endpoint: api.URL, Token: "token"})
	require.NoError(t, err)
	in, _ := openInbox(t)
	h := newHandler(t, Options{Inbox: in, Replier: client, Rules: []Rule{reservationRule()}})

	standby := textEvent(eventID(1), "m1", "reserve", "q1")
	standby["mode"] = "standby"
	delete(standby, "replyToken")
	noToken := textEvent(eventID(2), "m2", "reserve", "q2")
	delete(noToken, "replyToken")
	body := envelopeBody(t, standby, noToken)
	require.Equal(t, http.StatusOK, serve(h, body, Sign(secret, body)))
	h.Wait()
	require.Empty(t, fake.received())
	require.Len(t, in.Recent(10), 2)
}

func TestQuotedPicksFirstQuotable(t *testing.T) {
	msgs := []any{
		map[string]any{"type": "flex", "altText": "x"},
		map[string]any{"type": "sticker", "packageId": "446", "stickerId": "1988"},
		map[string]any{"type": "text", "text": "hi"},
	}
	got := quoted(msgs, "q")
	require.Equal(t, "q", got[1].(map[string]any)["quoteToken"])
	require.NotContains(t, got[0].(map[string]any), "quoteToken")
	require.NotContains(t, got[2].(map[string]any), "quoteToken")
	require.NotContains(t, msgs[1].(map[string]any), "quoteToken")
}

func TestFailedReplyIsLoggedNotRecorded(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"message":"Invalid reply token"}`)
	}))
	defer api.Close()
	client, err := line.New(line.Config{Endpoint: api.URL, Token: "access-token-xyz"})
	require.NoError(t, err)
	in, path := openInbox(t)
	var mu sync.Mutex
	var logs []string
	h := newHandler(t, Options{Inbox: in, Replier: client, Rules: []Rule{reservationRule()},
		Logf: func(format string, args ...any) {
			mu.Lock()
			defer mu.Unlock()
			logs = append(logs, fmt.Sprintf(format, args...))
		}})

	body := envelopeBody(t, textEvent(eventID(1), "m1", "reserve please", "q-in"))
	sig := Sign(secret, body)
	require.Equal(t, http.StatusOK, serve(h, body, sig))
	h.Wait()

	require.Len(t, fileRecords(t, path), 1)
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, logs, 1)
	require.Contains(t, logs[0], "Invalid reply token")
	for _, secretish := range []string{secret, sig, "reply-" + eventID(1), "access-token-xyz", "reserve please"} {
		require.NotContains(t, logs[0], secretish)
	}
}
