package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestStartingHeapThenDefaults: no collection is needed until the goal,
// and after the first one the collector runs at gcPercent with no memory
// limit.
func TestStartingHeapThenDefaults(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	prevPercent := debug.SetGCPercent(100)
	prevLimit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	})

	startingHeap(1<<40, os.Getenv)
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Fatalf("memory limit before the first collection = %d, want %d", got, int64(1<<40))
	}
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) != math.MaxInt64 {
		if time.Now().After(deadline) {
			t.Fatal("the memory limit was not lifted after the first collection")
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := debug.SetGCPercent(100); got != 85 {
		t.Errorf("GOGC after the first collection = %d, want 85", got)
	}
}

// TestStartingHeapLeavesUserSettings: GOGC or GOMEMLIMIT in the
// environment turn it off.
func TestStartingHeapLeavesUserSettings(t *testing.T) {
	t.Setenv("GOGC", "50")
	prevLimit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetMemoryLimit(prevLimit) })
	startingHeap(1<<40, os.Getenv)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("memory limit = %d, want none", got)
	}
}

func TestHeapGoal(t *testing.T) {
	for source, want := range map[int64]int64{
		0:         4 << 20,
		50_000:    4 << 20,
		3_200_000: 128_000_000,
		1 << 30:   1 << 30,
	} {
		if got := heapGoal(source); got != want {
			t.Errorf("heapGoal(%d) = %d, want %d", source, got, want)
		}
	}
}
