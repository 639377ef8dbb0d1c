// Package groupcommit writes items in batches on a goroutine of its own:
// items added while a batch is being written go together in the next one
// (group commit), so that many writers waiting for a durable write share
// one instead of one each. Both state backends journal through it.
package groupcommit

import (
	"errors"
	"sync"
)

// ErrClosed is Add's error after Close.
var ErrClosed = errors.New("the state journal is closed")

// Queue is a group-commit queue of items of type T. It is safe for
// concurrent use.
type Queue[T any] struct {
	write func([]T) error

	mu      sync.Mutex
	cond    *sync.Cond
	items   []T
	waiters []chan error
	closed  bool
	err     error // the first failed write; every later Add fails with it
	done    chan struct{}
}

// Start starts a queue whose batches write writes, in the order added.
func Start[T any](write func([]T) error) *Queue[T] {
	q := &Queue[T]{write: write, done: make(chan struct{})}
	q.cond = sync.NewCond(&q.mu)
	go q.loop()
	return q
}

// Add queues item. With durable, it returns once a batch holding item is
// written, with the write's error; otherwise it returns at once, and the
// item goes with the next batch. After a failed write or Close, Add fails.
func (q *Queue[T]) Add(item T, durable bool) error {
	var w chan error
	if durable {
		w = make(chan error, 1)
	}
	q.mu.Lock()
	if q.closed || q.err != nil {
		err := errors.Join(ErrClosed, q.err)
		q.mu.Unlock()
		return err
	}
	q.items = append(q.items, item)
	if w != nil {
		q.waiters = append(q.waiters, w)
	}
	q.cond.Signal()
	q.mu.Unlock()
	if w == nil {
		return nil
	}
	return <-w
}

func (q *Queue[T]) loop() {
	defer close(q.done)
	for {
		q.mu.Lock()
		for len(q.items) == 0 && !q.closed {
			q.cond.Wait()
		}
		if len(q.items) == 0 {
			q.mu.Unlock()
			return
		}
		items, waiters := q.items, q.waiters
		q.items, q.waiters = nil, nil
		q.mu.Unlock()

		err := q.write(items)
		if err != nil {
			q.mu.Lock()
			if q.err == nil {
				q.err = err
			}
			q.mu.Unlock()
		}
		for _, w := range waiters {
			w <- err
		}
	}
}

// Close writes what is queued, stops, and returns the first failed
// write's error.
func (q *Queue[T]) Close() error {
	q.mu.Lock()
	q.closed = true
	q.cond.Signal()
	q.mu.Unlock()
	<-q.done
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.err
}
