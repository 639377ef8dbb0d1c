package applier_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

// Creating audiences faster than LINE allows gets 429s, which mean
// nothing was created: apply backs off and tries again, and every
// audience is created exactly once.
func TestAudienceCreatesRetriedWhenThrottled(t *testing.T) {
	sb, client := serveSandbox(t, sandbox.Options{
		RateLimits: true,
		Rates:      map[string]sandbox.Rate{"audience/upload": {Count: 1, Per: 300 * time.Millisecond}},
	}, 5*time.Second)

	dir := t.TempDir()
	var b strings.Builder
	for i := range 4 {
		fmt.Fprintf(&b, "audience \"a%d\" {\n  description = \"Audience %d\"\n  user_ids    = [\"U%032x\"]\n}\n\n", i, i, i)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(b.String()), 0o644))

	var retried atomic.Int32
	err := apply(t, context.Background(), dir, client, applier.Options{
		Attempts: 20, Parallelism: 4, Backoff: func(int) time.Duration { return 100 * time.Millisecond },
		Report: func(e applier.Event) {
			if e.Result == applier.Retrying {
				retried.Add(1)
			}
		},
	})
	require.NoError(t, err)

	throttled := 0
	for _, r := range sb.Requests() {
		if r.Path == "/v2/bot/audienceGroup/upload" && r.Status == 429 {
			throttled++
		}
	}
	require.Positive(t, throttled, "the sandbox never throttled a create")
	require.Equal(t, throttled, int(retried.Load()), "each 429 is retried")
	require.Len(t, sb.Audiences(), 4, "each audience created once")
	st, err := state.Load(filepath.Join(dir, "lineup.state.json"))
	require.NoError(t, err)
	require.Len(t, st.Audiences, 4)
}
