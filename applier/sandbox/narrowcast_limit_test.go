package sandbox

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

// tableFriends is a population whose target reach is exactly 100 (105
// friends, 5 of them blocking), of whom 80 are women.
func tableFriends() []Friend {
	var out []Friend
	for i := range 105 {
		f := Friend{UserID: fmt.Sprintf("U%032x", i+1), Gender: "male", Age: 30,
			AppType: "ios", Area: "jp_13", FriendDays: 100}
		if i < 80 {
			f.Gender = "female"
		}
		f.Blocked = i >= 100
		out = append(out, f)
	}
	return out
}

// TestLimitTable plays the guide's table "Controlling the maximum number
// of messages to send with limit objects": target reach 100, 80 matching
// recipients, a monthly limit of 90 or 50.
func TestLimitTable(t *testing.T) {
	cases := []struct {
		name  string
		limit string
		// want90 and want50 are the outcomes under each monthly limit:
		// "429", "failed 5" or "sent N".
		want90, want50 string
	}{
		{name: "no limit object", limit: "", want90: "429", want50: "429"},
		{name: "upToRemainingQuota", limit: `{"upToRemainingQuota":true}`, want90: "sent 80", want50: "sent 50"},
		{name: "upToRemainingQuota, forbidPartialDelivery",
			limit:  `{"upToRemainingQuota":true,"forbidPartialDelivery":true}`,
			want90: "sent 80", want50: "failed 5"},
		{name: "max 30, upToRemainingQuota", limit: `{"max":30,"upToRemainingQuota":true}`,
			want90: "sent 30", want50: "sent 30"},
		{name: "max 30, upToRemainingQuota, forbidPartialDelivery",
			limit:  `{"max":30,"upToRemainingQuota":true,"forbidPartialDelivery":true}`,
			want90: "failed 5", want50: "failed 5"},
	}
	for _, c := range cases {
		for _, monthly := range []int{90, 50} {
			want := c.want90
			if monthly == 50 {
				want = c.want50
			}
			t.Run(fmt.Sprintf("%s/limit %d", c.name, monthly), func(t *testing.T) {
				sb, ts := startCast(t, Options{Population: tableFriends(), MonthlyLimit: monthly, NarrowcastDelay: -1})
				require.Equal(t, 100, sb.TargetReach())
				body := `{` + textMessages + `,"filter":{"demographic":{"type":"gender","oneOf":["female"]}}`
				if c.limit != "" {
					body += `,"limit":` + c.limit
				}
				got := call(t, ts, http.MethodPost, "/v2/bot/message/narrowcast", body+`}`, nil)
				require.Equal(t, want, outcome(t, sb, ts, got))
			})
		}
	}
}

// outcome describes what became of a narrowcast as the table does.
func outcome(t *testing.T, sb *Server, ts *httptest.Server, got answer) string {
	t.Helper()
	if got.status == http.StatusTooManyRequests {
		require.Equal(t, js(t, `{"message":"You have reached your monthly limit."}`), got.body)
		return "429"
	}
	require.Equal(t, http.StatusAccepted, got.status, "%v", got.body)
	id := got.header.Get("X-Line-Request-Id")
	p := progressOfID(t, ts, id).body.(map[string]any)
	switch p["phase"] {
	case "failed":
		return fmt.Sprintf("failed %v", p["errorCode"])
	case "succeeded":
		to := deliveredBy(t, sb, id)
		require.Equal(t, len(to), sb.Usage())
		for _, u := range to {
			require.Less(t, u, fmt.Sprintf("U%032x", 81), "only women are sent to")
		}
		return fmt.Sprintf("sent %d", len(to))
	}
	return fmt.Sprint(p["phase"])
}
