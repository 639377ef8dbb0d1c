package applier_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

// seedNarrowcast is the narrowcast of LINE's guide ("Example request to
// send a narrowcast message") as lang/testdata/narrowcast_seed writes it
// in HCL, sent to an audience lineup creates instead of the guide's, and
// without those a narrowcast lineup sent before reached.
func seedNarrowcast(t *testing.T) string {
	raw, err := os.ReadFile("../lang/testdata/narrowcast_seed/main.lineup.hcl")
	require.NoError(t, err)
	guide := `recipient = and(audience(5614991017776), not(redelivery("5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4")))`
	require.Contains(t, string(raw), guide)
	return strings.Replace(string(raw), guide,
		`recipient = and(audience(audience.seed.id), not(redelivery(narrowcast.earlier.request_id)))`, 1) + `
audience "seed" {
  description = "seed example"
  user_ids    = file_lines("members.txt")
}
`
}

const earlierNarrowcast = `
narrowcast "earlier" {
  text {
    text = "test message"
  }
  filter = app_type("ios")
  limit {
    max = 300
  }
}
`

// Applied through lineup, the guide's narrowcast reaches exactly the
// friends who match, computed here from the sandbox's population.
func TestSeedNarrowcastThroughApply(t *testing.T) {
	sb, client := serveSandbox(t, sandbox.Options{NarrowcastDelay: 20 * time.Millisecond, AudienceDelay: 20 * time.Millisecond}, 5*time.Second)
	opts := applier.Options{PollInterval: 10 * time.Millisecond}
	dir := t.TempDir()
	write := func(name, text string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}

	// The earlier narrowcast: 300 iOS users.
	write("earlier.lineup.hcl", earlierNarrowcast)
	require.NoError(t, apply(t, context.Background(), dir, client, opts))
	st, err := state.Load(filepath.Join(dir, "lineup.state.json"))
	require.NoError(t, err)
	redelivered := delivered(t, sb, st.Sends["narrowcast.earlier"].RequestID)
	require.Len(t, redelivered, 300)

	// The audience: friends in population order until 70 of them match
	// the guide's filter and were not reached by the earlier narrowcast.
	matches := func(f sandbox.Friend) bool {
		b1 := (f.Gender == "male" || f.Gender == "female") && f.Age >= 20 && f.Age < 25 &&
			(f.AppType == "ios" || f.AppType == "android") && (f.Area == "jp_23" || f.Area == "jp_05") &&
			f.FriendDays >= 7 && f.FriendDays < 30
		b2 := f.Age >= 35 && f.Age < 40 && f.Gender != "male"
		thaiMinor := strings.HasPrefix(f.Area, "th_") && f.Age < 20 // a filter never reaches them
		return (b1 || b2) && !f.Blocked && !thaiMinor && !slices.Contains(redelivered, f.UserID)
	}
	var members, want []string
	for _, f := range sb.Population() {
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
	write("members.txt", strings.Join(members, "\n")+"\n")
	write("seed.lineup.hcl", seedNarrowcast(t))

	require.NoError(t, apply(t, context.Background(), dir, client, opts))
	st, err = state.Load(filepath.Join(dir, "lineup.state.json"))
	require.NoError(t, err)
	example := st.Sends["narrowcast.example"]
	require.Equal(t, state.Sent, example.Status)
	require.Equal(t, "succeeded", example.Progress.Phase)
	require.Equal(t, want, delivered(t, sb, example.RequestID))
}

// delivered is who the send with requestID reached.
func delivered(t *testing.T, sb *sandbox.Server, requestID string) []string {
	t.Helper()
	for _, d := range sb.Deliveries() {
		if d.RequestID == requestID {
			return d.To
		}
	}
	t.Fatalf("no delivery for %s", requestID)
	return nil
}
