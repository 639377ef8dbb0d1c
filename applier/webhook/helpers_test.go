package webhook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const secret = "test-channel-secret"

var fixedNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// openInbox opens a fresh inbox in a temporary directory.
func openInbox(t testing.TB) (*Inbox, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), DefaultInboxName)
	in, err := OpenInbox(path)
	require.NoError(t, err)
	t.Cleanup(func() { in.Close() })
	return in, path
}

func newHandler(t testing.TB, o Options) *Handler {
	t.Helper()
	o.ChannelSecret = secret
	if o.Now == nil {
		o.Now = func() time.Time { return fixedNow }
	}
	if o.Logf == nil {
		o.Logf = t.Logf
	}
	h, err := NewHandler(o)
	require.NoError(t, err)
	return h
}

// textEvent is a message event with a text message from a user.
func textEvent(eventID, msgID, text, quoteToken string) map[string]any {
	return map[string]any{
		"type": "message", "mode": "active", "timestamp": 1625665242211,
		"source":          map[string]any{"type": "user", "userId": "U0001"},
		"webhookEventId":  eventID,
		"deliveryContext": map[string]any{"isRedelivery": false},
		"replyToken":      "reply-" + eventID,
		"message": map[string]any{
			"type": "text", "id": msgID, "text": text, "quoteToken": quoteToken,
		},
	}
}

func envelopeBody(t testing.TB, events ...map[string]any) []byte {
	t.Helper()
	if events == nil {
		events = []map[string]any{}
	}
	body, err := json.Marshal(map[string]any{
		"destination": "U00000000000000000000000000000000",
		"events":      events,
	})
	require.NoError(t, err)
	return body
}

// serve posts body to h signed with sig and returns the status.
func serve(h http.Handler, body []byte, sig string) int {
	req := httptest.NewRequest(http.MethodPost, "/callback", bytes.NewReader(body))
	if sig != "" {
		req.Header.Set("X-Line-Signature", sig)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code
}

// fileRecords reads the inbox file's records.
func fileRecords(t testing.TB, path string) []Record {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var out []Record
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var r Record
		require.NoError(t, json.Unmarshal(line, &r), "line %d", i+1)
		out = append(out, r)
	}
	return out
}

func eventID(i int) string { return fmt.Sprintf("01EV%022d", i) }
