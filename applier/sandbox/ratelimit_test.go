package sandbox

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func fixedClock() time.Time { return t0 }

func TestRateLimitPush(t *testing.T) {
	sb, ts := start(t, Options{RateLimits: true, Now: fixedClock,
		Rates: map[string]Rate{"push": {Count: 3, Per: time.Second}}})
	for i := range 3 {
		require.Equal(t, http.StatusOK, push(t, ts, textPush(userA, "x"), "").status, "request %d", i)
	}
	over := push(t, ts, textPush(userA, "x"), "")
	require.Equal(t, http.StatusTooManyRequests, over.status)
	if diff := cmp.Diff(js(t, `{"message":"The API rate limit has been exceeded. Try again later."}`), over.body); diff != "" {
		t.Errorf("429 body (-want +got):\n%s", diff)
	}
	log := sb.Requests()
	require.Equal(t, 429, log[3].Status)
	require.False(t, log[3].Accepted)

	other := call(t, ts, http.MethodPost, "/v2/bot/message/validate/push", `{"messages":[{"type":"text","text":"v"}]}`, nil)
	require.Equal(t, http.StatusOK, other.status, "buckets are per endpoint")

	sb.Advance(340 * time.Millisecond)
	require.Equal(t, http.StatusOK, push(t, ts, textPush(userA, "x"), "").status, "a token came back")
	require.Equal(t, http.StatusTooManyRequests, push(t, ts, textPush(userA, "x"), "").status)
	sb.Advance(time.Hour)
	for i := range 3 {
		require.Equal(t, http.StatusOK, push(t, ts, textPush(userA, "x"), "").status,
			"the bucket holds at most one second's worth: request %d", i)
	}
	require.Equal(t, http.StatusTooManyRequests, push(t, ts, textPush(userA, "x"), "").status)
}

func TestRateLimitBroadcastDefault(t *testing.T) {
	sb, ts := start(t, Options{RateLimits: true, Now: fixedClock})
	body := `{"messages":[{"type":"text","text":"b"}]}`
	for i := range 60 {
		require.Equal(t, http.StatusOK, call(t, ts, http.MethodPost, "/v2/bot/message/broadcast", body, nil).status,
			"broadcast %d", i)
	}
	require.Equal(t, http.StatusTooManyRequests, call(t, ts, http.MethodPost, "/v2/bot/message/broadcast", body, nil).status)
	sb.Advance(time.Minute) // 60/hour: one more a minute
	require.Equal(t, http.StatusOK, call(t, ts, http.MethodPost, "/v2/bot/message/broadcast", body, nil).status)
	require.Equal(t, http.StatusTooManyRequests, call(t, ts, http.MethodPost, "/v2/bot/message/broadcast", body, nil).status)
}

func TestRateScale(t *testing.T) {
	_, ts := start(t, Options{RateLimits: true, Now: fixedClock, RateScale: 0.05}) // broadcast: 3/hour
	body := `{"messages":[{"type":"text","text":"b"}]}`
	var got []int
	for range 4 {
		got = append(got, call(t, ts, http.MethodPost, "/v2/bot/message/broadcast", body, nil).status)
	}
	require.Equal(t, []int{200, 200, 200, 429}, got)
}

func TestRateLimitsOffByDefault(t *testing.T) {
	_, ts := start(t, Options{Now: fixedClock, Rates: map[string]Rate{"push": {Count: 1, Per: time.Hour}}})
	for i := range 5 {
		require.Equal(t, http.StatusOK, push(t, ts, textPush(userA, "x"), "").status, "request %d", i)
	}
}

func TestRateFor(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want Rate
	}{
		{name: "push", want: Rate{Count: 2000, Per: time.Second}},
		{name: "multicast", want: Rate{Count: 200, Per: time.Second}},
		{name: "narrowcast", want: Rate{Count: 60, Per: time.Hour}},
		{name: "audience/upload", want: Rate{Count: 60, Per: time.Minute}},
		{name: "validate/push", want: Rate{Count: 2000, Per: time.Second}},
		{name: "push", opts: Options{RateScale: 0.5}, want: Rate{Count: 1000, Per: time.Second}},
		{name: "push", opts: Options{Rates: map[string]Rate{"push": {Count: 7}}}, want: Rate{Count: 7, Per: time.Second}},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, rateFor(tt.opts, tt.name), tt.name)
	}
}
