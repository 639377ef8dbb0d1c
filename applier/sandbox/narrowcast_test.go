package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

var castT0 = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// startCast serves a sandbox on a fixed clock (castT0) with one-second
// narrowcast phases and audience builds, unless opts says otherwise.
func startCast(t *testing.T, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return castT0 }
	}
	if opts.NarrowcastDelay == 0 {
		opts.NarrowcastDelay = time.Second
	}
	if opts.AudienceDelay == 0 {
		opts.AudienceDelay = time.Second
	}
	return start(t, opts)
}

// uploadAudience creates an upload audience of ids by JSON and returns
// its ID.
func uploadAudience(t *testing.T, ts *httptest.Server, desc string, ids []string) int64 {
	t.Helper()
	list := make([]any, len(ids))
	for i, id := range ids {
		list[i] = map[string]any{"id": id}
	}
	body, _ := json.Marshal(map[string]any{"description": desc, "audiences": list})
	got := call(t, ts, http.MethodPost, "/v2/bot/audienceGroup/upload", string(body), nil)
	require.Equal(t, http.StatusAccepted, got.status, "%v", got.body)
	return int64(got.body.(map[string]any)["audienceGroupId"].(float64))
}

// narrowcastNow sends a narrowcast body and returns its request ID.
func narrowcastNow(t *testing.T, ts *httptest.Server, body string) string {
	t.Helper()
	got := call(t, ts, http.MethodPost, "/v2/bot/message/narrowcast", body, nil)
	require.Equal(t, http.StatusAccepted, got.status, "%v", got.body)
	require.Equal(t, map[string]any{}, got.body)
	return got.header.Get("X-Line-Request-Id")
}

func progressOfID(t *testing.T, ts *httptest.Server, id string) answer {
	t.Helper()
	return call(t, ts, http.MethodGet, "/v2/bot/message/progress/narrowcast?requestId="+id, "", nil)
}

// phase returns the progress phase of a narrowcast.
func phase(t *testing.T, ts *httptest.Server, id string) string {
	t.Helper()
	got := progressOfID(t, ts, id)
	require.Equal(t, http.StatusOK, got.status, "%v", got.body)
	return got.body.(map[string]any)["phase"].(string)
}

// deliveredBy returns the recipients of the delivery of requestID.
func deliveredBy(t *testing.T, sb *Server, requestID string) []string {
	t.Helper()
	for _, d := range sb.Deliveries() {
		if d.RequestID == requestID {
			return d.To
		}
	}
	t.Fatalf("no delivery for %s", requestID)
	return nil
}

// filtered reports whether a filter's Thailand rule leaves f out.
func thaiMinor(f Friend) bool { return strings.HasPrefix(f.Area, "th_") && f.Age < 20 }

const textMessages = `"messages":[{"type":"text","text":"test message"}]`

// TestSeedNarrowcastExample sends the narrowcast of LINE's guide
// ("Example request to send a narrowcast message") with a real audience
// and a real earlier narrowcast, and checks it reaches exactly the
// friends who match.
func TestSeedNarrowcastExample(t *testing.T) {
	sb, ts := startCast(t, Options{})
	pop := sb.Population()

	// The earlier narrowcast: 300 of the iOS users, chosen at random.
	earlier := narrowcastNow(t, ts, `{`+textMessages+
		`,"filter":{"demographic":{"type":"appType","oneOf":["ios"]}},"limit":{"max":300}}`)
	sb.Advance(2 * time.Second)
	require.Equal(t, "succeeded", phase(t, ts, earlier))
	var wantEarlier []string
	for _, f := range pop {
		if f.AppType == "ios" && !f.Blocked && !thaiMinor(f) {
			wantEarlier = append(wantEarlier, f.UserID)
		}
	}
	redelivered := deliveredBy(t, sb, earlier)
	require.Len(t, redelivered, 300)
	require.Subset(t, wantEarlier, redelivered)

	matches := func(f Friend) bool {
		b1 := (f.Gender == "male" || f.Gender == "female") && f.Age >= 20 && f.Age < 25 &&
			(f.AppType == "ios" || f.AppType == "android") && (f.Area == "jp_23" || f.Area == "jp_05") &&
			f.FriendDays >= 7 && f.FriendDays < 30
		b2 := f.Age >= 35 && f.Age < 40 && f.Gender != "male"
		return (b1 || b2) && !f.Blocked && !thaiMinor(f) && !slices.Contains(redelivered, f.UserID)
	}
	// The audience: friends in population order until 70 of them match.
	var members, want []string
	for _, f := range pop {
		if len(want) == 70 {
			break
		}
		members = append(members, f.UserID)
		if matches(f) {
			want = append(want, f.UserID)
		}
	}
	require.Len(t, want, 70)
	require.Less(t, len(want), len(members), "the filter must leave audience members out")
	audienceID := uploadAudience(t, ts, "seed example", members)
	sb.Advance(time.Second)

	body := fmt.Sprintf(seedExample, audienceID, earlier)
	id := narrowcastNow(t, ts, body)
	waiting := progressOfID(t, ts, id)
	if diff := cmp.Diff(js(t, `{"phase":"waiting","acceptedTime":"2026-11-20T12:00:03.000Z"}`), waiting.body); diff != "" {
		t.Errorf("waiting (-want +got):\n%s", diff)
	}
	sb.Advance(time.Second)
	sending := progressOfID(t, ts, id)
	if diff := cmp.Diff(js(t, `{"phase":"sending","successCount":0,"failureCount":0,"targetCount":70,
		"acceptedTime":"2026-11-20T12:00:03.000Z"}`), sending.body); diff != "" {
		t.Errorf("sending (-want +got):\n%s", diff)
	}
	sb.Advance(time.Second)
	done := progressOfID(t, ts, id)
	if diff := cmp.Diff(js(t, `{"phase":"succeeded","successCount":70,"failureCount":0,"targetCount":70,
		"acceptedTime":"2026-11-20T12:00:03.000Z","completedTime":"2026-11-20T12:00:05.000Z"}`), done.body); diff != "" {
		t.Errorf("succeeded (-want +got):\n%s", diff)
	}
	require.Equal(t, want, deliveredBy(t, sb, id))
	require.Equal(t, 300+70, sb.Usage())
}

// seedExample is the guide's request body, with %d for the audience ID
// and %s for the redelivery request ID.
const seedExample = `{
    "messages": [{"type": "text", "text": "test message"}],
    "recipient": {
        "type": "operator",
        "and": [
            {"type": "audience", "audienceGroupId": %d},
            {"type": "operator", "not": {"type": "redelivery", "requestId": "%s"}}
        ]
    },
    "filter": {
        "demographic": {
            "type": "operator",
            "or": [
                {"type": "operator", "and": [
                    {"type": "gender", "oneOf": ["male", "female"]},
                    {"type": "age", "gte": "age_20", "lt": "age_25"},
                    {"type": "appType", "oneOf": ["android", "ios"]},
                    {"type": "area", "oneOf": ["jp_23", "jp_05"]},
                    {"type": "subscriptionPeriod", "gte": "day_7", "lt": "day_30"}
                ]},
                {"type": "operator", "and": [
                    {"type": "age", "gte": "age_35", "lt": "age_40"},
                    {"type": "operator", "not": {"type": "gender", "oneOf": ["male"]}}
                ]}
            ]
        }
    },
    "limit": {"max": 100, "upToRemainingQuota": true}
}`
