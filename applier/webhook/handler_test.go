package webhook

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"
)

func TestSignedRequestIsRecorded(t *testing.T) {
	in, path := openInbox(t)
	h := newHandler(t, Options{Inbox: in})
	body := envelopeBody(t, textEvent(eventID(1), "468789577898262530", "hello", "q-1"))

	require.Equal(t, http.StatusOK, serve(h, body, Sign(secret, body)))

	want := []Record{{
		Kind: KindMessage, WebhookEventID: eventID(1), ID: "468789577898262530",
		Type: "text", QuoteToken: "q-1", ChatType: "user", Chat: "U0001",
		UserID: "U0001", Text: "hello", Timestamp: 1625665242211, ReceivedAt: fixedNow,
	}}
	if diff := cmp.Diff(want, fileRecords(t, path)); diff != "" {
		t.Errorf("inbox file (-want +got):\n%s", diff)
	}
	got, ok := in.Lookup("468789577898262530")
	require.True(t, ok)
	require.Equal(t, []string{"q-1"}, got.QuoteTokens)
}

func TestBadSignaturesAreRefused(t *testing.T) {
	body := envelopeBody(t, textEvent(eventID(1), "m1", "hello", "q-1"))
	other := envelopeBody(t, textEvent(eventID(2), "m2", "other", "q-2"))
	cases := map[string]string{
		"missing":    "",
		"garbage":    "not base64!",
		"wrong":      Sign(secret, []byte("x")),
		"other body": Sign(secret, other),
		"old secret": Sign("old-secret", body),
		"truncated":  Sign(secret, body)[:20],
	}
	for name, sig := range cases {
		t.Run(name, func(t *testing.T) {
			in, path := openInbox(t)
			h := newHandler(t, Options{Inbox: in})
			before, err := os.ReadFile(path)
			require.NoError(t, err)

			require.Equal(t, http.StatusUnauthorized, serve(h, body, sig))

			after, err := os.ReadFile(path)
			require.NoError(t, err)
			require.Equal(t, before, after)
			require.Empty(t, in.Recent(10))
		})
	}
}

func TestSignatureHeaderIsCaseInsensitive(t *testing.T) {
	in, _ := openInbox(t)
	srv := httptest.NewServer(newHandler(t, Options{Inbox: in}))
	defer srv.Close()
	body := envelopeBody(t, textEvent(eventID(1), "m1", "hello", "q-1"))
	req, err := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header["x-line-signature"] = []string{Sign(secret, body)} // sent as is
	res, err := srv.Client().Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	_, ok := in.Lookup("m1")
	require.True(t, ok)
}

func TestRefusedRequestsRecordNothing(t *testing.T) {
	in, path := openInbox(t)
	h := newHandler(t, Options{Inbox: in, MaxBody: 512})
	big := envelopeBody(t, textEvent(eventID(1), "m1", strings.Repeat("x", 600), "q"))
	require.Equal(t, http.StatusRequestEntityTooLarge, serve(h, big, Sign(secret, big)))

	get := httptest.NewRequest(http.MethodGet, "/callback", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, get)
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code)

	notJSON := []byte("{not json")
	require.Equal(t, http.StatusBadRequest, serve(h, notJSON, Sign(secret, notJSON)))

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Empty(t, data)
}

func TestEmptyProbeIsAnswered(t *testing.T) {
	in, path := openInbox(t)
	h := newHandler(t, Options{Inbox: in})
	body := envelopeBody(t)
	require.Equal(t, http.StatusOK, serve(h, body, Sign(secret, body)))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Empty(t, data)
}

func TestRedeliveryIsRecordedOnce(t *testing.T) {
	in, path := openInbox(t)
	h := newHandler(t, Options{Inbox: in})
	first := textEvent(eventID(1), "m1", "hello", "q-1")
	again := textEvent(eventID(1), "m1", "hello", "q-1")
	again["deliveryContext"] = map[string]any{"isRedelivery": true}

	for _, body := range [][]byte{
		envelopeBody(t, first),
		envelopeBody(t, again),
		envelopeBody(t, again, again), // a duplicate inside one request
	} {
		require.Equal(t, http.StatusOK, serve(h, body, Sign(secret, body)))
	}
	require.Len(t, fileRecords(t, path), 1)

	// The dedupe survives a restart.
	require.NoError(t, in.Close())
	in2, err := OpenInbox(path)
	require.NoError(t, err)
	defer in2.Close()
	h2 := newHandler(t, Options{Inbox: in2})
	body := envelopeBody(t, again)
	require.Equal(t, http.StatusOK, serve(h2, body, Sign(secret, body)))
	require.Len(t, fileRecords(t, path), 1)
}

func editedEvent(eventID, msgID, text, quoteToken string, ts int64) map[string]any {
	return map[string]any{
		"type": "messageEdited", "mode": "active", "timestamp": ts,
		"source":          map[string]any{"type": "group", "groupId": "C0001", "userId": "U0001"},
		"webhookEventId":  eventID,
		"deliveryContext": map[string]any{"isRedelivery": false},
		"replyToken":      "reply-" + eventID,
		"message": map[string]any{
			"type": "text", "id": msgID, "text": text, "quoteToken": quoteToken,
		},
	}
}

func TestMessageEditedLatestWins(t *testing.T) {
	in, path := openInbox(t)
	h := newHandler(t, Options{Inbox: in})
	orig := textEvent(eventID(1), "m1", "see you at 7", "q-orig")
	orig["source"] = map[string]any{"type": "group", "groupId": "C0001", "userId": "U0001"}
	orig["timestamp"] = 1000
	// Two edits, delivered newest first.
	for _, ev := range []map[string]any{
		orig,
		editedEvent(eventID(3), "m1", "see you at 9", "q-edit-2", 3000),
		editedEvent(eventID(2), "m1", "see you at 8", "q-edit-1", 2000),
	} {
		body := envelopeBody(t, ev)
		require.Equal(t, http.StatusOK, serve(h, body, Sign(secret, body)))
	}

	want := Message{
		ID: "m1", Kind: KindEdited, Type: "text", QuoteToken: "q-edit-2",
		QuoteTokens: []string{"q-orig", "q-edit-2", "q-edit-1"},
		ChatType:    "group", Chat: "C0001", UserID: "U0001",
		Text: "see you at 9", Timestamp: 3000, ReceivedAt: fixedNow,
	}
	got, ok := in.Lookup("m1")
	require.True(t, ok)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Lookup (-want +got):\n%s", diff)
	}
	require.Len(t, fileRecords(t, path), 3)

	// Reading the file gives the same answer.
	ro, err := ReadInbox(path)
	require.NoError(t, err)
	got, _ = ro.Lookup("m1")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadInbox Lookup (-want +got):\n%s", diff)
	}
}

func TestUnknownEventsAndFieldsAreSkipped(t *testing.T) {
	in, _ := openInbox(t)
	h := newHandler(t, Options{Inbox: in})
	extra := textEvent(eventID(2), "m2", "with extras", "q-2")
	extra["futureField"] = map[string]any{"nested": []any{1, "two"}}
	extra["message"].(map[string]any)["sparkles"] = true
	extra["source"].(map[string]any)["future"] = "x"
	odd := textEvent(eventID(4), "m4", "odd timestamp", "q-4")
	odd["timestamp"] = "soon" // the SDK fails on this; the fallback reads the rest
	hologram := textEvent(eventID(5), "m5", "", "")
	hologram["message"] = map[string]any{"type": "hologram", "id": "m5", "quoteToken": "q-5"}
	body := envelopeBody(t,
		map[string]any{"type": "teleport", "webhookEventId": eventID(1), "teleport": map[string]any{"to": "moon"}},
		extra,
		map[string]any{"type": "follow", "webhookEventId": eventID(3), "replyToken": "r",
			"source": map[string]any{"type": "user", "userId": "U0002"}},
		odd,
		hologram,
		map[string]any{"type": "message", "webhookEventId": eventID(6)}, // no message at all
	)

	require.Equal(t, http.StatusOK, serve(h, body, Sign(secret, body)))

	got := in.Recent(10)
	want := []Message{
		{ID: "m2", Kind: KindMessage, Type: "text", Text: "with extras", QuoteToken: "q-2",
			ChatType: "user", Chat: "U0001", UserID: "U0001", Timestamp: 1625665242211},
		{ID: "m4", Kind: KindMessage, Type: "text", Text: "odd timestamp", QuoteToken: "q-4",
			ChatType: "user", Chat: "U0001", UserID: "U0001"},
		{ID: "m5", Kind: KindMessage, Type: "hologram", QuoteToken: "q-5",
			ChatType: "user", Chat: "U0001", UserID: "U0001", Timestamp: 1625665242211},
	}
	ignore := cmpopts.IgnoreFields(Message{}, "QuoteTokens", "ReceivedAt")
	if diff := cmp.Diff(want, got, ignore); diff != "" {
		t.Errorf("Recent (-want +got):\n%s", diff)
	}
}

func TestEventWithoutIDIsRecordedOnce(t *testing.T) {
	in, path := openInbox(t)
	h := newHandler(t, Options{Inbox: in})
	ev := textEvent("", "m7", "hello", "q-7")
	delete(ev, "webhookEventId")
	for range 3 {
		body := envelopeBody(t, ev)
		require.Equal(t, http.StatusOK, serve(h, body, Sign(secret, body)))
	}
	require.Len(t, fileRecords(t, path), 1)
	other := textEvent("", "m8", "hello again", "q-8")
	delete(other, "webhookEventId")
	body := envelopeBody(t, other)
	require.Equal(t, http.StatusOK, serve(h, body, Sign(secret, body)))
	require.Len(t, fileRecords(t, path), 2)
}

func TestUnsignedBodyIsNotRead(t *testing.T) {
	in, _ := openInbox(t)
	h := newHandler(t, Options{Inbox: in})
	body := &countingReader{r: bytes.NewReader(make([]byte, 900<<10))}
	req := httptest.NewRequest(http.MethodPost, "/callback", body)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusUnauthorized, rec.Code)
	require.Zero(t, body.n, "bytes of an unsigned body read")
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
