package applier_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

// A multicast whose plan holds fewer retry keys than the requests its
// body takes is not sent at all: sending only the first requests would
// leave users out without a word.
func TestMulticastKeysMustMatchRequests(t *testing.T) {
	sb, client := sandboxClient(t)
	dir := t.TempDir()
	writeMulticast(t, dir, 600)
	cfg, diags := lang.Load(dir, lang.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	st := state.New()
	p, diags := planner.Make(cfg, st, planner.Options{Now: time.Now, NewKey: uuid.NewString})
	require.False(t, diags.HasErrors(), diags.Error())
	require.Len(t, p.Changes, 1)
	require.Len(t, p.Changes[0].RetryKeys, 2, "600 users take 2 requests")
	p.Changes[0].RetryKeys = p.Changes[0].RetryKeys[:1]

	err := applier.Apply(context.Background(), cfg, p, st, applier.Options{
		Client: client, Backend: state.Files{Path: filepath.Join(dir, "lineup.state.json")}})
	require.ErrorContains(t, err, "multicast.members: not sent: it takes 2 requests now, but the plan has retry keys for 1; plan again")
	for _, r := range sb.Requests() {
		require.NotEqual(t, "/v2/bot/message/multicast", r.Path, "a request was sent")
	}
	require.Empty(t, st.Sends)
}
