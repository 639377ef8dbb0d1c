// Package sandboxtest holds the checks tests make of a sandbox's log:
// what proves that an apply sent nothing twice and recorded what LINE
// accepted.
package sandboxtest

import (
	"encoding/json"
	"testing"

	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

// RequireOncePerPush checks that the sandbox accepted n distinct pushes,
// told apart by the text of their first message, each exactly once
// whatever their retry keys.
func RequireOncePerPush(t testing.TB, sb *sandbox.Server, n int) {
	t.Helper()
	perText := map[string]int{}
	for _, r := range sb.Requests() {
		if !r.Accepted {
			continue
		}
		var body struct {
			Messages []struct{ Text string } `json:"messages"`
		}
		require.NoError(t, json.Unmarshal(r.Body, &body))
		require.NotEmpty(t, body.Messages, "an accepted request without messages: %s", r.Body)
		perText[body.Messages[0].Text]++
	}
	require.Len(t, perText, n, "distinct pushes accepted")
	for text, count := range perText {
		require.Equal(t, 1, count, "%q accepted %d times", text, count)
	}
}

// RequireStateAccepted checks that st holds n sends, each sent, with the
// request ID of the request the sandbox accepted with its retry key.
func RequireStateAccepted(t testing.TB, sb *sandbox.Server, st *state.State, n int) {
	t.Helper()
	accepted := map[string]string{}
	for _, r := range sb.Requests() {
		if r.Accepted {
			accepted[r.RetryKey] = r.RequestID
		}
	}
	require.Len(t, st.Sends, n)
	for addr, rec := range st.Sends {
		require.Equal(t, state.Sent, rec.Status, addr)
		require.Contains(t, accepted, rec.RetryKey, "%s: its retry key was never accepted", addr)
		require.Equal(t, accepted[rec.RetryKey], rec.RequestID, "%s: request ID", addr)
	}
}
