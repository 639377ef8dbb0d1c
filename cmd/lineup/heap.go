package main

import (
	"math"
	"runtime"
	"runtime/debug"
)

// heapGoal is the heap a configuration of source bytes is expected to
// need anyway: its syntax trees alone take about 25 times its size. At
// least Go's own 4 MiB, at most 1 GiB.
func heapGoal(source int64) int64 {
	return min(max(40*source, 4<<20), 1<<30)
}

// gcPercent is GOGC after the first collection. Against Go's 100 it
// keeps the peak of a plan against a state of 10,000 sends under twice
// the memory of merely parsing the configuration, for a few percent of
// time (README, Performance).
const gcPercent = 85

// startingHeap lets the heap grow to goal bytes before the first garbage
// collection, as the Go compiler does for itself, then collects a little
// more often than Go's default (gcPercent). Planning a large configuration allocates
// hundreds of megabytes while the syntax trees it keeps grow; from Go's
// 4 MiB start the collector would run a dozen times over them while the
// heap is still small. A GOGC or GOMEMLIMIT set by the user (in the
// environment getenv reads) wins.
func startingHeap(goal int64, getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(goal)
	// The finalizer runs after the first collection. The sentinel holds
	// a pointer so that it is not batched with other tiny objects, whose
	// finalizers may never run.
	type sentinel struct {
		_ *int
		_ [16]byte
	}
	runtime.SetFinalizer(new(sentinel), func(*sentinel) {
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(math.MaxInt64)
	})
}
