package applier

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// LINE's buckets start full: an apply with a few narrowcasts, or a few
// audience operations, sends them at once instead of one per window
// share (one a minute for 60 an hour).
func TestLimitsStartFull(t *testing.T) {
	a := &run{limiters: DefaultLimits.limiters()}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	for range 5 {
		require.NoError(t, a.wait(ctx, "narrowcast"))
		require.NoError(t, a.wait(ctx, "broadcast"))
	}
	for range 60 {
		require.NoError(t, a.wait(ctx, "audience"))
	}
	require.Less(t, time.Since(start), 100*time.Millisecond)
	// The 61st audience request in the minute waits for LINE's bucket to
	// refill (one a second).
	short, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	require.Error(t, a.wait(short, "audience"))
}

func TestBurst(t *testing.T) {
	require.Equal(t, 60, burst(Rate{Count: 60, Per: time.Hour}))
	require.Equal(t, 60, burst(Rate{Count: 60, Per: time.Minute}))
	require.Equal(t, 20, burst(Rate{Count: 2000, Per: time.Second}))
	require.Equal(t, 2, burst(Rate{Count: 200, Per: time.Second}))
	require.Equal(t, 1, burst(Rate{Count: 50, Per: time.Second}))
}
