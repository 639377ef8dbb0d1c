package lang

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// parallelMin is the fewest nodes evaluated in parallel; fewer are not
// worth the goroutines.
var parallelMin = 64

// parallelRun returns how many nodes at the head of order can be
// evaluated at the same time: bundles and pushes outside cycles, none of
// them referring to another.
func (r *run) parallelRun(order []string) int {
	in := map[string]bool{}
	for n, addr := range order {
		root, _, _ := strings.Cut(addr, ".")
		if (root != "bundle" && root != "push") || r.ev.graph.cyclic[addr] {
			return n
		}
		if slices.ContainsFunc(r.ev.graph.nodes[addr].edges, func(e edge) bool { return in[e.to] }) {
			return n
		}
		in[addr] = true
	}
	return len(order)
}

// evalParallel evaluates bundles and pushes that do not refer to each
// other on every core, then records their values, Sends and diagnostics
// in the order given, as evaluating them one by one would.
func (r *run) evalParallel(addrs []string, sends map[string]*Send) {
	type result struct {
		bundle cty.Value
		push   pushOut
		diags  hcl.Diagnostics
	}
	results := make([]result, len(addrs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(addrs)) {
		wg.Go(func() {
			w := *r // shares r's maps, only read until every node is done
			for i := int(next.Add(1)) - 1; i < len(addrs); i = int(next.Add(1)) - 1 {
				w.diags = nil
				root, name, _ := strings.Cut(addrs[i], ".")
				if root == "bundle" {
					results[i].bundle = w.evalBundle(r.ev.mod.bundles[name])
				} else {
					results[i].push = w.evalPush(r.ev.mod.pushes[name])
				}
				results[i].diags = w.diags
			}
		})
	}
	wg.Wait()
	for i, addr := range addrs {
		root, name, _ := strings.Cut(addr, ".")
		if root == "bundle" {
			r.bundles[name] = results[i].bundle
		} else {
			sends[addr] = r.setPush(name, results[i].push)
		}
		r.diags = append(r.diags, results[i].diags...)
	}
}
