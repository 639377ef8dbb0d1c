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
	sb, ts := start(t, Options{Friends: 40, Now: func() time.Time { return t0 }})
	c := sdkClient(t, ts)
	friendA, friendB, blocked := pickFriends(t, sb)
	group := sb.Groups()[0]
	members := int64(len(group.Members))
	// The limit leaves room for everything below but the last group push.
	limit := 2 + members + 2 + 1 + int64(sb.TargetReach())
	sb.SetMonthlyLimit(int(limit))
	q, err := c.GetMessageQuota()
	require.NoError(t, err)
	require.Equal(t, "limited", string(q.Type))
	require.EqualValues(t, limit, q.Value)

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
		{name: "push to a friend counts 1", path: "push", body: textPush(friendA, "a"), wantStatus: 200, wantUsage: 1},
		{name: "push to a user who is not a friend counts 0", path: "push", body: textPush(userA, "a"),
			wantStatus: 200, wantUsage: 1},
		{name: "push to a friend who blocked the account counts 0", path: "push", body: textPush(blocked, "a"),
			wantStatus: 200, wantUsage: 1},
		{name: "push to a group counts its members", path: "push", body: textPush(group.ID, "a"),
			wantStatus: 200, wantUsage: 1 + members},
		{name: "push to a group the bot is not in", path: "push", body: textPush(groupC, "a"),
			wantStatus: 400, wantUsage: 1 + members},
		{name: "multicast counts distinct friends reached", path: "multicast",
			body:       multicastBody([]string{friendA, friendB, friendA, userA, userB, blocked}, `{"type":"text","text":"m"}`),
			wantStatus: 200, wantUsage: 3 + members},
		{name: "validate counts nothing", path: "validate/push", body: `{"messages":[{"type":"text","text":"v"}]}`,
			wantStatus: 200, wantUsage: 3 + members},
		{name: "broadcast counts friends who did not block", path: "broadcast", body: `{"messages":[{"type":"text","text":"b"}]}`,
			wantStatus: 200, wantUsage: 3 + members + int64(sb.TargetReach())},
		{name: "a group would pass the limit", path: "push", body: textPush(group.ID, "a"), wantStatus: 429,
			wantUsage: 3 + members + int64(sb.TargetReach())},
		{name: "a friend still fits", path: "push", body: textPush(friendB, "a"), wantStatus: 200,
			wantUsage: 4 + members + int64(sb.TargetReach())},
		{name: "a user who is not a friend is still accepted", path: "push", body: textPush(userB, "a"), wantStatus: 200,
			wantUsage: 4 + members + int64(sb.TargetReach())},
	}
	for _, st := range steps {
		got := call(t, ts, http.MethodPost, "/v2/bot/message/"+st.path, st.body, nil)
		require.Equal(t, st.wantStatus, got.status, "%s: %v", st.name, got.body)
		switch st.wantStatus {
		case 429:
			if diff := cmp.Diff(js(t, `{"message":"You have reached your monthly limit."}`), got.body); diff != "" {
				t.Errorf("%s: body (-want +got):\n%s", st.name, diff)
			}
		case 400:
			if diff := cmp.Diff(js(t, `{"message":"Failed to send messages"}`), got.body); diff != "" {
				t.Errorf("%s: body (-want +got):\n%s", st.name, diff)
			}
		}
		if st.wantStatus != 200 {
			log := sb.Requests()
			require.False(t, log[len(log)-1].Accepted, st.name)
		}
		require.Equal(t, st.wantUsage, usage(), st.name)
	}
	require.Len(t, sb.Deliveries(), 8, "nothing is sent on a 400 or 429")

	sb.Advance(15 * 24 * time.Hour) // December in JST
	require.EqualValues(t, 0, usage(), "a new month starts from zero")
}

// pickFriends returns two friends who did not block the account and one
// who did.
func pickFriends(t *testing.T, sb *Server) (a, b, blocked string) {
	t.Helper()
	var ok []string
	for _, f := range sb.Population() {
		switch {
		case f.Blocked && blocked == "":
			blocked = f.UserID
		case !f.Blocked:
			ok = append(ok, f.UserID)
		}
	}
	require.GreaterOrEqual(t, len(ok), 2)
	require.NotEmpty(t, blocked)
	return ok[0], ok[1], blocked
}
