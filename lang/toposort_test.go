package lang

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTopoSortSmallestReadyFirst checks topoSort on random graphs, cycles
// included, against the plain definition: repeatedly take the smallest
// address all of whose successors are out; what never gets out comes
// last, by address.
func TestTopoSortSmallestReadyFirst(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		n := 1 + rng.IntN(60)
		addrs := make([]string, n)
		for i := range addrs {
			addrs[i] = fmt.Sprintf("node.%03d", i)
		}
		succ := map[string][]string{}
		for _, a := range addrs {
			for range rng.IntN(3) {
				succ[a] = append(succ[a], addrs[rng.IntN(n)])
			}
		}
		got := topoSort(addrs, func(a string) []string { return succ[a] })
		if diff := cmp.Diff(naiveTopoSort(addrs, succ), got); diff != "" {
			t.Fatalf("round %d (-want +got):\n%s", round, diff)
		}
	}
}

func naiveTopoSort(addrs []string, succ map[string][]string) []string {
	var out []string
	out1 := map[string]bool{}
	for {
		next := ""
		for _, a := range addrs { // sorted: the first ready is the smallest
			ready := !out1[a]
			for _, s := range succ[a] {
				if s != a && !out1[s] {
					ready = false
				}
			}
			if ready {
				next = a
				break
			}
		}
		if next == "" {
			break
		}
		out1[next] = true
		out = append(out, next)
	}
	for _, a := range addrs {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}
