package sandbox

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestClockEndpoint(t *testing.T) {
	_, ts := start(t, Options{Now: fixedClock})
	noToken := map[string]string{"Authorization": "<unset>"}
	now := call(t, ts, http.MethodGet, "/_sandbox/clock", "", noToken)
	require.Equal(t, js(t, `{"now":"2026-11-20T12:00:00Z"}`), now.body)

	require.Equal(t, http.StatusOK, push(t, ts, textPush(userA, "day one"), keyOne).status)
	require.Equal(t, http.StatusConflict, push(t, ts, textPush(userA, "day one"), keyOne).status)

	moved := call(t, ts, http.MethodPost, "/_sandbox/clock", `{"advance":"23h59m"}`, noToken)
	require.Equal(t, js(t, `{"now":"2026-11-21T11:59:00Z"}`), moved.body)
	require.Equal(t, http.StatusConflict, push(t, ts, textPush(userA, "day one"), keyOne).status,
		"a key lives 24 hours")

	call(t, ts, http.MethodPost, "/_sandbox/clock", `{"advance":"1m"}`, noToken)
	require.Equal(t, http.StatusOK, push(t, ts, textPush(userA, "day one"), keyOne).status,
		"a 24-hour-old key is new again")

	bad := call(t, ts, http.MethodPost, "/_sandbox/clock", `{"advance":"soon"}`, noToken)
	require.Equal(t, http.StatusBadRequest, bad.status)
	after := call(t, ts, http.MethodGet, "/_sandbox/clock", "", noToken)
	require.Equal(t, js(t, `{"now":"2026-11-21T12:00:00Z"}`), after.body)
}

func TestAdvanceWithRealClock(t *testing.T) {
	sb, err := New(Options{})
	require.NoError(t, err)
	sb.Advance(25 * time.Hour)
	require.WithinDuration(t, time.Now().Add(25*time.Hour), sb.Now(), time.Minute)
}
