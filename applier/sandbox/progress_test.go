package sandbox

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestProgressPhasesAndExpiry(t *testing.T) {
	sb, ts := startCast(t, Options{NarrowcastDelay: 2 * time.Second})
	id := narrowcastNow(t, ts, `{`+textMessages+`}`)
	require.Equal(t, "waiting", phase(t, ts, id))
	sb.Advance(1999 * time.Millisecond)
	require.Equal(t, "waiting", phase(t, ts, id))
	sb.Advance(time.Millisecond)
	require.Equal(t, "sending", phase(t, ts, id))
	require.Empty(t, sb.Deliveries(), "nothing is delivered while sending")
	sb.Advance(2 * time.Second)
	done := progressOfID(t, ts, id).body.(map[string]any)
	require.Equal(t, "succeeded", done["phase"])
	require.EqualValues(t, sb.TargetReach(), done["targetCount"], "no recipient, no filter: every friend")
	require.Equal(t, "2026-11-20T12:00:04.000Z", done["completedTime"])

	sb.Advance(14*24*time.Hour - 5*time.Second)
	require.Equal(t, "succeeded", phase(t, ts, id))
	sb.Advance(time.Second)
	gone := progressOfID(t, ts, id)
	require.Equal(t, http.StatusNotFound, gone.status)
	require.Equal(t, js(t, `{"message":"Not found"}`), gone.body)

	require.Equal(t, http.StatusNotFound, progressOfID(t, ts, keyOne).status, "not a narrowcast")
	require.Equal(t, http.StatusBadRequest, progressOfID(t, ts, "nope").status)
	require.Equal(t, http.StatusBadRequest, call(t, ts, http.MethodGet, "/v2/bot/message/progress/narrowcast", "", nil).status)
}

func TestNarrowcastRefusals(t *testing.T) {
	sb, ts := startCast(t, Options{})
	pending := uploadAudience(t, ts, "pending", []string{userA})
	pushed := push(t, ts, textPush(userA, "hi"), "")
	pushID := pushed.header.Get("X-Line-Request-Id")
	cases := []struct {
		name       string
		body       string
		wantStatus int
		wantBody   string
	}{
		{name: "forbidPartialDelivery alone", body: `{` + textMessages + `,"limit":{"forbidPartialDelivery":true}}`,
			wantStatus: 400, wantBody: `{"message":"The option forbidPartialDelivery must be used with upToRemainingQuota."}`},
		{name: "audience not READY", body: fmt.Sprintf(`{`+textMessages+`,"recipient":{"type":"audience","audienceGroupId":%d}}`, pending),
			wantStatus: 400, wantBody: fmt.Sprintf(`{"message":"Invalid audience group id: %d"}`, pending)},
		{name: "unknown audience", body: `{` + textMessages + `,"recipient":{"type":"audience","audienceGroupId":42}}`,
			wantStatus: 400, wantBody: `{"message":"Invalid audience group id: 42"}`},
		{name: "redelivery of a push", body: `{` + textMessages + `,"recipient":{"type":"redelivery","requestId":"` + pushID + `"}}`,
			wantStatus: 400, wantBody: `{"message":"Invalid request id: ` + pushID + `"}`},
		{name: "quote token", body: `{"messages":[{"type":"text","text":"a","quoteToken":"q"}]}`, wantStatus: 400,
			wantBody: `{"message":"The request body has 1 error(s)","details":[{"message":"Only reply and push messages can quote","property":"messages[0].quoteToken"}]}`},
		{name: "operator with two", body: `{` + textMessages + `,"recipient":{"type":"operator","or":[],"not":{"type":"audience","audienceGroupId":1}}}`,
			wantStatus: 400, wantBody: `{"message":"The request body has 1 error(s)","details":[{"message":"Must have exactly one of and, or, not","property":"recipient"}]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := call(t, ts, http.MethodPost, "/v2/bot/message/narrowcast", c.body, nil)
			require.Equal(t, c.wantStatus, got.status)
			if diff := cmp.Diff(js(t, c.wantBody), got.body); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
	require.Empty(t, sb.world.narrowcasts)

	small, smallTS := startCast(t, Options{Population: tableFriends()[:99]})
	got := call(t, smallTS, http.MethodPost, "/v2/bot/message/narrowcast",
		`{`+textMessages+`,"filter":{"demographic":{"type":"gender","oneOf":["female"]}}}`, nil)
	require.Equal(t, http.StatusForbidden, got.status)
	require.Equal(t, js(t, `{"message":"Your account does not have enough friends"}`), got.body)
	require.Equal(t, 99, small.TargetReach())
}

func TestNarrowcastRetryKey(t *testing.T) {
	sb, ts := startCast(t, Options{})
	key := map[string]string{"X-Line-Retry-Key": keyOne}
	first := call(t, ts, http.MethodPost, "/v2/bot/message/narrowcast", `{`+textMessages+`}`, key)
	require.Equal(t, http.StatusAccepted, first.status)
	dup := call(t, ts, http.MethodPost, "/v2/bot/message/narrowcast", `{`+textMessages+`}`, key)
	require.Equal(t, http.StatusConflict, dup.status)
	require.Equal(t, first.header.Get("X-Line-Request-Id"), dup.header.Get("X-Line-Accepted-Request-Id"))
	require.Equal(t, map[string]int{keyOne: 1}, sb.AcceptedByKey())
}

// TestNotEnoughRecipients: a filter matching fewer than 50 friends fails
// with errorCode 2 when delivery starts, and nothing is counted.
func TestNotEnoughRecipients(t *testing.T) {
	sb, ts := startCast(t, Options{})
	id := narrowcastNow(t, ts, `{`+textMessages+`,"filter":{"demographic":{"type":"operator","and":[
		{"type":"area","oneOf":["jp_23"]},{"type":"age","gte":"age_20","lt":"age_25"}]}}}`)
	sb.Advance(time.Second)
	got := progressOfID(t, ts, id)
	if diff := cmp.Diff(js(t, `{"phase":"failed","errorCode":2,"failedDescription":"There were not enough recipients.",
		"acceptedTime":"2026-11-20T12:00:00.000Z","completedTime":"2026-11-20T12:00:01.000Z"}`), got.body); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
	require.Zero(t, sb.Usage())
	require.Empty(t, sb.Deliveries())
}

// TestSmallAudience: with more than one audience, each must have 50
// users when delivery starts; a click audience deleted meanwhile has none
// (errorCode 4). Upload audiences of the account are exempt.
func TestSmallAudience(t *testing.T) {
	sb, ts := startCast(t, Options{})
	source := narrowcastNow(t, ts, `{`+textMessages+`}`)
	sb.Advance(2 * time.Second)
	click := createRetarget(t, ts, "click", "clicked", source)
	upload := uploadAudience(t, ts, "two", []string{userA, userB})
	sb.Advance(time.Second)
	body := fmt.Sprintf(`{`+textMessages+`,"recipient":{"type":"operator","or":[
		{"type":"audience","audienceGroupId":%d},{"type":"audience","audienceGroupId":%d}]}}`, click, upload)
	id := narrowcastNow(t, ts, body)
	deleted := call(t, ts, http.MethodDelete, fmt.Sprintf("/v2/bot/audienceGroup/%d", click), "", nil)
	require.Equal(t, http.StatusAccepted, deleted.status)
	sb.Advance(time.Second)
	got := progressOfID(t, ts, id).body.(map[string]any)
	require.Equal(t, "failed", got["phase"])
	require.EqualValues(t, 4, got["errorCode"])

	// The upload audience of two users alone is exempt from every minimum.
	alone := narrowcastNow(t, ts, fmt.Sprintf(`{`+textMessages+`,"recipient":{"type":"audience","audienceGroupId":%d}}`, upload))
	sb.Advance(2 * time.Second)
	require.Equal(t, "succeeded", phase(t, ts, alone))
	require.Empty(t, deliveredBy(t, sb, alone), "userA and userB are not friends")
}

// TestQuotaReservation: a narrowcast in flight holds its planned count
// against the monthly limit, so other sends get 429 until it is done;
// then only what it sent is counted.
func TestQuotaReservation(t *testing.T) {
	sb, ts := startCast(t, Options{Population: tableFriends(), MonthlyLimit: 100})
	id := narrowcastNow(t, ts, `{`+textMessages+`,"filter":{"demographic":{"type":"gender","oneOf":["female"]}}}`)
	friend := tableFriends()[90].UserID // a man: not a recipient
	blocked := push(t, ts, textPush(friend, "hi"), "")
	require.Equal(t, http.StatusTooManyRequests, blocked.status, "100 reserved of 100")
	sb.Advance(time.Second)
	require.Equal(t, "sending", phase(t, ts, id))
	require.Equal(t, http.StatusOK, push(t, ts, textPush(friend, "hi"), "").status,
		"once sending, only the 80 recipients are held")
	sb.Advance(time.Second)
	require.Equal(t, "succeeded", phase(t, ts, id))
	require.Equal(t, 81, sb.Usage())
}
