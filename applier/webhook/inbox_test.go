package webhook

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

func record(t *testing.T, in *Inbox, id, event string) {
	t.Helper()
	_, err := in.Record([]Record{{Kind: KindMessage, WebhookEventID: event, ID: id,
		Type: "text", QuoteToken: "q-" + id, ReceivedAt: fixedNow}})
	require.NoError(t, err)
}

func TestRecordsSurviveRestartAndTornLine(t *testing.T) {
	in, path := openInbox(t)
	record(t, in, "m1", "e1")
	record(t, in, "m2", "e2")
	require.NoError(t, in.Close())
	good, err := os.ReadFile(path)
	require.NoError(t, err)

	// A crash in the middle of a write leaves half a line.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"kind":"message","webhook_event_id":"e3","id":"m3","quo`)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	// A reader ignores it and leaves the file alone.
	ro, err := ReadInbox(path)
	require.NoError(t, err)
	require.Len(t, ro.Recent(10), 2)
	_, err = ro.Record([]Record{{Kind: KindMessage, ID: "x"}})
	require.Error(t, err)
	torn, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Greater(t, len(torn), len(good))

	// The writer cuts it off before appending.
	in2, err := OpenInbox(path)
	require.NoError(t, err)
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, good, after)
	m, ok := in2.Lookup("m2")
	require.True(t, ok)
	require.Equal(t, "q-m2", m.QuoteToken)

	// e3 never got an answer, so its redelivery is new.
	fresh, err := in2.Record([]Record{
		{Kind: KindMessage, WebhookEventID: "e3", ID: "m3", ReceivedAt: fixedNow},
		{Kind: KindMessage, WebhookEventID: "e1", ID: "m1", ReceivedAt: fixedNow},
	})
	require.NoError(t, err)
	require.Equal(t, []bool{true, false}, fresh)
	require.NoError(t, in2.Close())
	_, err = in2.Record([]Record{{Kind: KindMessage, ID: "m4"}})
	require.ErrorIs(t, err, ErrClosed)

	in3, err := OpenInbox(path)
	require.NoError(t, err)
	defer in3.Close()
	require.Len(t, in3.Recent(10), 3)
	require.Len(t, fileRecords(t, path), 3)
}

func TestReadMissingInbox(t *testing.T) {
	ro, err := ReadInbox(t.TempDir() + "/none.jsonl")
	require.NoError(t, err)
	_, ok := ro.Lookup("m1")
	require.False(t, ok)
}

func TestCorruptLineIsAnError(t *testing.T) {
	path := t.TempDir() + "/inbox.jsonl"
	require.NoError(t, os.WriteFile(path, []byte("{\"kind\":\"message\"}\nnot json\n"), 0o600))
	_, err := OpenInbox(path)
	require.ErrorContains(t, err, "inbox.jsonl:2")
}
