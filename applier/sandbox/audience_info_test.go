package sandbox

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Audiences shows what the sandbox holds, and SetDelays changes how long
// audiences and narrowcasts made afterwards take.
func TestAudiencesAndSetDelays(t *testing.T) {
	sb, ts := startCast(t, Options{AudienceDelay: time.Hour})
	ids := userIDs(3, 0)
	slow := uploadAudience(t, ts, "Slow", ids)
	sb.SetDelays(-1, -1)
	fast := uploadAudience(t, ts, "Fast", ids[:2])
	got := sb.Audiences()
	require.Len(t, got, 2)
	require.Equal(t, AudienceInfo{ID: slow, Type: "UPLOAD", Description: "Slow", Status: "IN_PROGRESS",
		Members: []string{}}, got[0])
	want := slices.Clone(ids[:2])
	slices.Sort(want)
	require.Equal(t, AudienceInfo{ID: fast, Type: "UPLOAD", Description: "Fast", Status: "READY", Count: 2,
		Members: want}, got[1])

	id := narrowcastNow(t, ts, `{"messages":[{"type":"text","text":"hi"}]}`)
	require.Equal(t, "succeeded", phase(t, ts, id), "a narrowcast made after SetDelays(-1, ...) is instant")

	sb.Advance(time.Hour)
	require.Equal(t, "READY", sb.Audiences()[0].Status)
	require.Equal(t, 3, sb.Audiences()[0].Count)
}
