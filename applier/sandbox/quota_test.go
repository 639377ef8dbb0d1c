package sandbox

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestQuotaNone(t *testing.T) {
	_, ts := start(t, Options{})
	c := sdkClient(t, ts)
	q, err := c.GetMessageQuota()
	require.NoError(t, err)
	require.Equal(t, "none", string(q.Type))
	got := call(t, ts, http.MethodGet, "/v2/bot/message/quota", "", nil)
	if diff := cmp.Diff(js(t, `{"type":"none"}`), got.body); diff != "" {
		t.Errorf("quota (-want +got):\n%s", diff)
	}
}

func TestQuotaCounting(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	sb, ts := start(t, Options{MonthlyLimit: 10, Friends: 1, Now: func() time.Time { return t0 }})
	c := sdkClient(t, ts)
	q, err := c.GetMessageQuota()
	require.NoError(t, err)
	require.Equal(t, "limited", string(q.Type))
	require.EqualValues(t, 10, q.Value)

	usage := func() int64 {
		t.Helper()
		u, err := c.GetMessageQuotaConsumption()
		require.NoError(t, err)
		return u.TotalUsage
	}
	require.EqualValues(t, 0, usage())

	steps := []struct {
		name       string
		path, body string
		wantStatus int
		wantUsage  int64
	}{
		{name: "push to a user counts 1", path: "push", body: textPush(userA, "a"), wantStatus: 200, wantUsage: 1},
		{name: "push to a group counts its members", path: "push", body: textPush(groupC, "a"),
			wantStatus: 200, wantUsage: 1 + DefaultGroupMembers},
		{name: "multicast counts distinct users", path: "multicast",
			body: multicastBody([]string{userA, userB, userA}, `{"type":"text","text":"m"}`), wantStatus: 200, wantUsage: 8},
		{name: "validate counts nothing", path: "validate/push", body: `{"messages":[{"type":"text","text":"v"}]}`,
			wantStatus: 200, wantUsage: 8},
		{name: "a group would pass the limit", path: "push", body: textPush(groupC, "a"), wantStatus: 429, wantUsage: 8},
		{name: "a user still fits", path: "push", body: textPush(userB, "a"), wantStatus: 200, wantUsage: 9},
		{name: "broadcast counts friends", path: "broadcast", body: `{"messages":[{"type":"text","text":"b"}]}`,
			wantStatus: 200, wantUsage: 10},
		{name: "limit reached", path: "push", body: textPush(userA, "a"), wantStatus: 429, wantUsage: 10},
	}
	for _, st := range steps {
		got := call(t, ts, http.MethodPost, "/v2/bot/message/"+st.path, st.body, nil)
		require.Equal(t, st.wantStatus, got.status, "%s: %v", st.name, got.body)
		if st.wantStatus == 429 {
			if diff := cmp.Diff(js(t, `{"message":"You have reached your monthly limit."}`), got.body); diff != "" {
				t.Errorf("%s: body (-want +got):\n%s", st.name, diff)
			}
			log := sb.Requests()
			require.False(t, log[len(log)-1].Accepted, st.name)
		}
		require.Equal(t, st.wantUsage, usage(), st.name)
	}
	require.Len(t, sb.Deliveries(), 5, "nothing is sent on a 429")

	sb.Advance(15 * 24 * time.Hour) // December in JST
	require.EqualValues(t, 0, usage(), "a new month starts from zero")
}
