package applier_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/stretchr/testify/require"
)

// Every send is reported as Sending once, before its result, when its
// retry key is durable: pushes and a multicast of several requests alike.
func TestSendingBeforeResult(t *testing.T) {
	_, client := serveSandbox(t, sandbox.Options{}, 5*time.Second)
	dir := t.TempDir()
	writePushes(t, dir, 5)
	writeMulticast(t, dir, 1200)

	var mu sync.Mutex
	var events []applier.Event
	require.NoError(t, apply(t, context.Background(), dir, client, applier.Options{
		Report: func(e applier.Event) { mu.Lock(); events = append(events, e); mu.Unlock() },
	}))
	sending := map[string]int{}
	for _, e := range events {
		switch e.Result {
		case applier.Sending:
			sending[e.Address]++
		case applier.Sent:
			require.Equal(t, 1, sending[e.Address], "%s: Sent without one Sending before it", e.Address)
		}
	}
	require.Len(t, sending, 6)
	for addr, n := range sending {
		require.Equal(t, 1, n, addr)
	}
}
