package groupcommit

import (
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Items added while a batch is written go together in the next batch,
// in the order added; a durable Add returns once its batch is written.
func TestBatchesWhileWriting(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	var batches [][]int
	q := Start(func(items []int) error {
		if items[0] == 0 {
			close(started)
			<-release // hold the first batch while others queue up
		}
		mu.Lock()
		batches = append(batches, items)
		mu.Unlock()
		return nil
	})
	first := make(chan error)
	go func() { first <- q.Add(0, true) }()
	<-started
	for i := 1; i <= 5; i++ {
		require.NoError(t, q.Add(i, false))
	}
	close(release)
	require.NoError(t, <-first)
	require.NoError(t, q.Add(6, true))
	require.NoError(t, q.Close())

	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, []int{0}, batches[0])
	var rest []int
	for _, b := range batches[1:] {
		rest = append(rest, b...)
	}
	require.Equal(t, []int{1, 2, 3, 4, 5, 6}, rest)
	require.Less(t, len(batches), 7, "items queued during a write share a batch")
}

// The first failed write fails its waiters, every later Add and Close.
func TestFailureSticks(t *testing.T) {
	full := errors.New("disk full")
	q := Start(func(items []string) error { return full })
	require.ErrorIs(t, q.Add("a", true), full)
	err := q.Add("b", true)
	require.ErrorIs(t, err, full)
	require.ErrorIs(t, err, ErrClosed)
	require.ErrorIs(t, q.Close(), full)
	require.ErrorIs(t, q.Add("c", false), ErrClosed)
}

// Close writes what was queued without waiting.
func TestCloseDrains(t *testing.T) {
	var got []int
	q := Start(func(items []int) error { got = append(got, items...); return nil })
	for i := range 100 {
		require.NoError(t, q.Add(i, false))
	}
	require.NoError(t, q.Close())
	require.Len(t, got, 100)
}
