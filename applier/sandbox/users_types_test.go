package sandbox

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sdk "github.com/line/line-bot-sdk-go/v8/linebot/webhook"
	"github.com/stretchr/testify/require"
)

// TestUserMessageTypes: stickers, images and videos arrive as LINE's
// message events, each with a quote token, and LINE's own SDK reads them
// as its typed contents.
func TestUserMessageTypes(t *testing.T) {
	_, ts, rc := withReceiver(t, Options{})
	for i, body := range []string{`{"type":"sticker"}`, `{"type":"sticker","packageId":"789","stickerId":"10855"}`,
		`{"type":"image"}`, `{"type":"video"}`} {
		res := userSays(t, ts, userA, body)
		require.True(t, res.Delivery.Delivered, body)
		var cb sdk.CallbackRequest
		require.NoError(t, json.Unmarshal(rc.bodies[i], &cb), body)
		require.Len(t, cb.Events, 1)
		ev, ok := cb.Events[0].(sdk.MessageEvent)
		require.True(t, ok, "%T", cb.Events[0])
		var got any
		switch m := ev.Message.(type) {
		case sdk.StickerMessageContent:
			got = []string{m.Id, m.QuoteToken, m.PackageId, m.StickerId, string(m.StickerResourceType)}
		case sdk.ImageMessageContent:
			got = []string{m.Id, m.QuoteToken, string(m.ContentProvider.Type)}
		case sdk.VideoMessageContent:
			got = []string{m.Id, m.QuoteToken, string(m.ContentProvider.Type), time.Duration(m.Duration * 1e6).String()}
		}
		want := map[int][]string{
			0: {res.MessageID, res.QuoteToken, "446", "1988", "STATIC"},
			1: {res.MessageID, res.QuoteToken, "789", "10855", "STATIC"},
			2: {res.MessageID, res.QuoteToken, "line"},
			3: {res.MessageID, res.QuoteToken, "line", "1m0s"},
		}[i]
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", body, diff)
		}
		require.Len(t, res.QuoteToken, 150)
	}
	bad := call(t, ts, http.MethodPost, "/_sandbox/users/"+userA+"/messages", `{"type":"audio"}`, nil)
	require.Equal(t, http.StatusBadRequest, bad.status)
	require.Equal(t, js(t, `{"message":"type \"audio\": a user sends text, sticker, image or video here"}`), bad.body)
}

// TestContactsAreReachedForAWeek: a user who is not a friend but wrote to
// the bot 1:1 is reached, and counted, by pushes for 7 days; then no
// more. A group a user wrote in is one the bot is in.
func TestContactsAreReachedForAWeek(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	sb, ts, _ := withReceiver(t, Options{Dir: dir, Friends: 10, Now: func() time.Time { return t0 }})
	require.Equal(t, http.StatusOK, push(t, ts, textPush(userA, "before"), "").status)
	require.Zero(t, sb.Usage(), "not a friend")
	userSays(t, ts, userA, `{"text":"hi"}`)
	userSays(t, ts, userB, `{"text":"hi all","chat":"`+groupC+`"}`)

	require.Equal(t, http.StatusOK, push(t, ts, textPush(userA, "after"), "").status)
	require.Equal(t, 1, sb.Usage())
	require.Equal(t, http.StatusOK, push(t, ts, textPush(groupC, "to the group"), "").status)
	require.Equal(t, 2, sb.Usage(), "the group has its one writer")
	profile := call(t, ts, http.MethodGet, "/v2/bot/profile/"+userA, "", nil)
	require.Equal(t, http.StatusOK, profile.status)

	// A reloaded world still knows the contact and the group.
	require.NoError(t, sb.Save())
	again, ts2 := start(t, Options{Dir: dir, Now: func() time.Time { return t0.Add(time.Hour) }})
	require.Equal(t, http.StatusOK, push(t, ts2, textPush(userA, "reloaded"), "").status)
	require.Equal(t, http.StatusOK, push(t, ts2, textPush(groupC, "reloaded"), "").status)
	require.Equal(t, 4, again.Usage())

	sb.Advance(7 * 24 * time.Hour)
	require.Equal(t, http.StatusOK, push(t, ts, textPush(userA, "a week later"), "").status)
	require.Equal(t, 2, sb.Usage(), "a week later, not reached")
}
