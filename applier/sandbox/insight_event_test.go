package sandbox

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestMessageEvent: a broadcast's statistics give how many it reached at
// once, who saw it and who opened its link from the next day (JST), the
// same people its impression audience holds; counts under 20 are null.
func TestMessageEvent(t *testing.T) {
	t0 := time.Date(2026, 11, 19, 3, 0, 0, 0, time.UTC) // 12:00 JST
	sb, ts := start(t, Options{Now: func() time.Time { return t0 }, AudienceDelay: -1})
	body := `{"messages":[{"type":"template","altText":"Sale","template":{"type":"buttons","text":"Sale",` +
		`"actions":[{"type":"uri","label":"Shop","uri":"https://example.com/sale"}]}}]}`
	sent := call(t, ts, http.MethodPost, "/v2/bot/message/broadcast", body, nil)
	require.Equal(t, http.StatusOK, sent.status, "%v", sent.body)
	id := sent.header.Get("X-Line-Request-Id")
	event := func(id string) map[string]any {
		t.Helper()
		got := call(t, ts, http.MethodGet, "/v2/bot/insight/message/event?requestId="+id, "", nil)
		require.Equal(t, http.StatusOK, got.status, "%v", got.body)
		return got.body.(map[string]any)
	}

	// The same day: reached, not counted yet.
	ev := event(id)
	overview := ev["overview"].(map[string]any)
	require.Equal(t, float64(t0.Unix()), overview["timestamp"])
	require.Equal(t, float64(2850), overview["delivered"], "every friend who did not block the account")
	require.Nil(t, overview["uniqueImpression"])
	require.Nil(t, overview["uniqueClick"])

	// The next day: counted, and the impression audience of the request
	// holds as many people as saw it.
	sb.Advance(24 * time.Hour)
	ev = event(id)
	overview = ev["overview"].(map[string]any)
	saw, clicked := overview["uniqueImpression"].(float64), overview["uniqueClick"].(float64)
	require.InDelta(t, 0.6*2850, saw, 150)
	require.InDelta(t, 0.3*2850, clicked, 150)
	require.Equal(t, []any{map[string]any{"seq": float64(1), "impression": saw}}, ev["messages"])
	require.Equal(t, []any{map[string]any{"seq": float64(1), "url": "https://example.com/sale", "click": clicked,
		"uniqueClick": clicked, "uniqueClickOfRequest": clicked}}, ev["clicks"])
	imp := call(t, ts, http.MethodPost, "/v2/bot/audienceGroup/imp",
		fmt.Sprintf(`{"description":"saw the sale","requestId":%q}`, id), nil)
	require.Equal(t, http.StatusAccepted, imp.status, "%v", imp.body)
	group := call(t, ts, http.MethodGet, fmt.Sprintf("/v2/bot/audienceGroup/%.0f",
		imp.body.(map[string]any)["audienceGroupId"].(float64)), "", nil)
	require.Equal(t, saw, group.body.(map[string]any)["audienceGroup"].(map[string]any)["audienceCount"])

	// Unknown to the sandbox: only nulls. No request ID: a 400.
	unknown := event("5b59509c-0000-4000-8000-000000000009")["overview"].(map[string]any)
	require.Equal(t, map[string]any{"requestId": "5b59509c-0000-4000-8000-000000000009", "timestamp": nil,
		"delivered": nil, "uniqueImpression": nil, "uniqueClick": nil, "uniqueMediaPlayed": nil,
		"uniqueMediaPlayed100Percent": nil}, unknown)
	require.Equal(t, http.StatusBadRequest, call(t, ts, http.MethodGet, "/v2/bot/insight/message/event", "", nil).status)
}

// TestMessageEventUnder20: a broadcast to ten friends shows how many it
// reached (delivered shows values under 20), and no other count.
func TestMessageEventUnder20(t *testing.T) {
	t0 := time.Date(2026, 11, 19, 3, 0, 0, 0, time.UTC)
	sb, ts := start(t, Options{Friends: 10, Now: func() time.Time { return t0 }})
	sent := call(t, ts, http.MethodPost, "/v2/bot/message/broadcast", `{"messages":[{"type":"text","text":"hi"}]}`, nil)
	require.Equal(t, http.StatusOK, sent.status)
	sb.Advance(48 * time.Hour)
	got := call(t, ts, http.MethodGet, "/v2/bot/insight/message/event?requestId="+sent.header.Get("X-Line-Request-Id"), "", nil)
	overview := got.body.(map[string]any)["overview"].(map[string]any)
	require.Greater(t, overview["delivered"].(float64), float64(0))
	require.Less(t, overview["delivered"].(float64), float64(20))
	require.Nil(t, overview["uniqueImpression"])
	require.Nil(t, overview["uniqueClick"])
	require.Equal(t, []any{map[string]any{"seq": float64(1), "impression": nil}}, got.body.(map[string]any)["messages"])
}
