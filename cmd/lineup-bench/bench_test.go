package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

// The benchmarks run what the lineup-bench command runs, one round per
// iteration, and report each phase as a ratio to the floor of the same
// run:
//
//	go test ./cmd/lineup-bench -run '^$' -bench . -benchtime 5x

// TestMain runs the floor when the benchmarks start this test binary as
// the floor's process.
func TestMain(m *testing.M) {
	if dir := os.Getenv("LINEUP_BENCH_FLOOR"); dir != "" {
		runFloor(dir)
		return
	}
	os.Exit(m.Run())
}

// testFloor runs the floor in this test binary, its own process.
func testFloor(dir string) *phase {
	return &phase{dir: dir, name: os.Args[0], env: []string{"LINEUP_BENCH_FLOOR=" + dir}}
}

var lineupBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "lineup-bench")
	if err != nil {
		return "", err
	}
	return buildLineup(dir)
})

func BenchmarkPlan(b *testing.B) {
	bin, err := lineupBinary()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pushes=%d", n), func(b *testing.B) {
			phases, err := sizeSetup(b.TempDir(), bin, testFloor, n)
			if err != nil {
				b.Fatal(err)
			}
			runRounds(b, phases)
			s := samples(phases)
			b.ReportMetric(s[0].wall.Seconds(), "floor-s")
			for i, name := range []string{"validate", "plan-empty", "plan-nochange"} {
				reportRatios(b, name, s[i+1], s[0])
			}
		})
	}
}

func BenchmarkAudience(b *testing.B) {
	bin, err := lineupBinary()
	if err != nil {
		b.Fatal(err)
	}
	phases, err := audienceSetup(b.TempDir(), bin, 1500000)
	if err != nil {
		b.Fatal(err)
	}
	runRounds(b, phases)
	s := samples(phases)
	b.ReportMetric(s[0].wall.Seconds(), "sha256sum-s")
	reportRatios(b, "plan", s[1], s[0])
}

func runRounds(b *testing.B, phases []*phase) {
	for b.Loop() {
		if _, err := measure(1, phases...); err != nil {
			b.Fatal(strings.TrimSpace(err.Error()))
		}
	}
}

func samples(phases []*phase) []sample {
	out := make([]sample, len(phases))
	for i, p := range phases {
		out[i] = p.sample()
	}
	return out
}

func reportRatios(b *testing.B, name string, s, base sample) {
	b.ReportMetric(s.wall.Seconds()/base.wall.Seconds(), name+"-x-time")
	b.ReportMetric(float64(s.rss)/float64(base.rss), name+"-x-mem")
}
