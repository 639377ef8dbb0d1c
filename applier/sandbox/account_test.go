package sandbox

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestDeliveryCountDays: the delivery counts go by days in JST, count
// the people reached by each kind of send, and are ready the next day.
func TestDeliveryCountDays(t *testing.T) {
	t0 := time.Date(2026, 11, 19, 14, 59, 0, 0, time.UTC) // 23:59 JST
	sb, ts := start(t, Options{Friends: 30, Now: func() time.Time { return t0 }})
	friendA, friendB, blocked := pickFriends(t, sb)
	count := func(kind, date string) any {
		t.Helper()
		got := call(t, ts, http.MethodGet, "/v2/bot/message/delivery/"+kind+"?date="+date, "", nil)
		require.Equal(t, http.StatusOK, got.status, "%v", got.body)
		return got.body
	}
	require.Equal(t, http.StatusOK, push(t, ts, textPush(friendA, "late on the 19th"), "").status)
	require.Equal(t, js(t, `{"status":"unready"}`), count("push", "20261119"))
	sb.Advance(2 * time.Minute) // 00:01 JST on the 20th
	require.Equal(t, http.StatusOK, push(t, ts, textPush(friendB, "early on the 20th"), "").status)
	require.Equal(t, http.StatusOK, push(t, ts, textPush(blocked, "to no one"), "").status)
	multi := call(t, ts, http.MethodPost, "/v2/bot/message/multicast",
		multicastBody([]string{friendA, friendB, blocked, userA}, `{"type":"text","text":"m"}`), nil)
	require.Equal(t, http.StatusOK, multi.status)
	require.Equal(t, js(t, `{"status":"ready","success":1}`), count("push", "20261119"))
	require.Equal(t, js(t, `{"status":"unready"}`), count("push", "20261120"))

	sb.Advance(24 * time.Hour)
	require.Equal(t, js(t, `{"status":"ready","success":1}`), count("push", "20261120"))
	require.Equal(t, js(t, `{"status":"ready","success":2}`), count("multicast", "20261120"))
	require.Equal(t, js(t, `{"status":"ready","success":0}`), count("multicast", "20261119"))
	require.Equal(t, js(t, `{"status":"ready","success":0}`), count("broadcast", "20261120"))
	require.Equal(t, js(t, `{"status":"out_of_service"}`), count("reply", "20180330"))
	require.Equal(t, js(t, `{"status":"ready","success":0}`), count("reply", "20180331"))
	for _, bad := range []string{"", "?date=", "?date=2026112", "?date=20261131", "?date=2026-11-20"} {
		got := call(t, ts, http.MethodGet, "/v2/bot/message/delivery/push"+bad, "", nil)
		require.Equal(t, http.StatusBadRequest, got.status, bad)
		require.Equal(t, js(t, `{"message":"The value for the 'date' parameter is invalid"}`), got.body, bad)
	}
}
