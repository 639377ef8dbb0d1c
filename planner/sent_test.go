package planner

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

// TestSentDiff: the state keeps the body a send sent, with its sensitive
// values as salted digests, and a plan compares it with the body the
// configuration gives now, attribute by attribute.
func TestSentDiff(t *testing.T) {
	send := func(text, code string, extra map[string]any) *lang.Send {
		msg := map[string]any{"type": "text", "text": text}
		for k, v := range extra {
			msg[k] = v
		}
		return &lang.Send{Kind: "push", Name: "hours", Sensitive: map[string]bool{"messages[1].text": true},
			Body: map[string]any{"to": "U4af4980629a1b2c3d4e5f60718293a4b", "messages": []any{
				msg, map[string]any{"type": "text", "text": code}}}}
	}
	was := send("Open until 9pm.", "SAVE-1234", map[string]any{"quickReply": map[string]any{"items": []any{
		map[string]any{"type": "action", "action": map[string]any{"type": "message", "label": "Menu", "text": "Menu"}}}}})
	rec := &state.Record{Address: "push.hours", Status: state.Sent, RetryKey: "0c8f3f4e-8f3a-4d55-9c3b-0f6a2a1c9b10"}
	body, digests := SentBody(was, was.Body, rec.RetryKey)
	rec.SensitiveDigests = digests
	var err error
	rec.Body, err = json.Marshal(body)
	require.NoError(t, err)

	kept, err := json.Marshal(rec)
	require.NoError(t, err)
	require.NotContains(t, string(kept), "SAVE-1234", "the state keeps no sensitive value")
	require.Nil(t, body["messages"].([]any)[1].(map[string]any)["text"])
	require.True(t, strings.HasPrefix(rec.SensitiveDigests["messages[1].text"], "sha256:"))

	require.Empty(t, SentDiff(rec, was), "the body that was sent differs in nothing")

	now := send("Open until 10pm.", "SAVE-9999", nil)
	require.Equal(t, []AttrChange{
		{Path: "messages[0].quickReply.items[0].action.label", Op: AttrDelete, Before: "Menu"},
		{Path: "messages[0].quickReply.items[0].action.text", Op: AttrDelete, Before: "Menu"},
		{Path: "messages[0].quickReply.items[0].action.type", Op: AttrDelete, Before: "message"},
		{Path: "messages[0].quickReply.items[0].type", Op: AttrDelete, Before: "action"},
		{Path: "messages[0].text", Op: AttrUpdate, Before: "Open until 9pm.", After: "Open until 10pm."},
		{Path: "messages[1].text", Op: AttrUpdate, Sensitive: true},
	}, SentDiff(rec, now))

	// A record of a lineup that kept no body: nothing to compare.
	require.Nil(t, SentDiff(&state.Record{Address: "push.hours", Status: state.Sent}, now))
	// A body with a value known only after apply is not compared.
	unknown := send("Open until 10pm.", "SAVE-1234", nil)
	unknown.Body["messages"].([]any)[0].(map[string]any)["quoteToken"] = lang.Unknown{Ref: "push.a.sent[0].quote_token"}
	require.Nil(t, SentDiff(rec, unknown))
}
