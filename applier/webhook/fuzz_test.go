package webhook

import (
	"net/http"
	"testing"
)

// FuzzParse gives the webhook parser any body, as it would after a valid
// signature: it must not panic, and a body it refuses is answered 400
// with nothing recorded.
func FuzzParse(f *testing.F) {
	for _, ev := range []map[string]any{
		textEvent(eventID(1), "m1", "hello", "q-1"),
		editedEvent(eventID(2), "m1", "hello again", "q-1", 1625665242999),
		{"type": "message", "message": map[string]any{"type": "text", "id": "m2", "text": "no event id"}},
		{"type": "follow", "webhookEventId": eventID(3)},
	} {
		f.Add(envelopeBody(f, ev))
	}
	f.Add([]byte(`{"destination":"U0","events":[]}`))
	f.Add([]byte(`{"events":[{"type":"message","message":{"type":"text","id":"1","text":"\u001b[2J"}}]}`))
	f.Add([]byte(`{"events":[null,1,"x",{}]}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`))
	f.Fuzz(func(t *testing.T, body []byte) {
		evs, _, err := parse(body)
		if err != nil {
			return
		}
		in, path := openInbox(t)
		h := newHandler(t, Options{Inbox: in, Logf: func(string, ...any) {}})
		if code := serve(h, body, Sign(secret, body)); code != http.StatusOK {
			t.Fatalf("a body parse accepts (%d events) answered %d", len(evs), code)
		}
		_ = fileRecords(t, path)
	})
}
