package lang

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang/parallel"
	"github.com/zclconf/go-cty/cty"
)

// window is how many nodes of the schedule are evaluated together: enough
// to keep every core busy, few enough that their values stay small.
const window = 512

// defaultParallelMin is Options.ParallelMin when it is 0: fewer bundles
// and pushes of a level are not worth the goroutines.
const defaultParallelMin = 64

// evaluation is one evaluate in progress: what the nodes gave so far.
type evaluation struct {
	run     *run
	sends   map[string]*Send
	replies []*Reply
	diags   map[string]hcl.Diagnostics // by node address
}

// levels splits a window of the schedule into levels: a node's level is
// one more than the highest level of the nodes of the window it refers
// to, so the nodes of a level do not refer to each other.
func levels(g *graph, win []string) [][]string {
	level := make(map[string]int, len(win))
	var out [][]string
	for _, addr := range win {
		l := 0
		for _, e := range g.nodes[addr].edges {
			if dep, in := level[e.to]; in {
				l = max(l, dep+1)
			}
		}
		level[addr] = l
		if l == len(out) {
			out = append(out, nil)
		}
		out[l] = append(out[l], addr)
	}
	return out
}

// evalLevel evaluates nodes that do not refer to each other: first the
// ones evaluated one at a time, then the bundles and pushes, in parallel
// when there are enough of them.
func (e *evaluation) evalLevel(addrs []string) {
	r := e.run
	var par []string
	for _, addr := range addrs {
		root, _, _ := strings.Cut(addr, ".")
		if (root == "bundle" || root == "push") && !r.ev.graph.cyclic[addr] {
			par = append(par, addr)
			continue
		}
		r.diags = nil
		if reply := r.evalNode(addr, e.sends); reply != nil {
			e.replies = append(e.replies, reply)
		}
		e.diags[addr] = r.diags
	}
	if len(par) >= r.ev.parallelMin {
		e.evalParallel(par)
	} else {
		for _, addr := range par {
			r.diags = nil
			r.evalNode(addr, e.sends)
			e.diags[addr] = r.diags
		}
	}
	for _, addr := range addrs {
		r.done(addr)
	}
}

// evalParallel evaluates bundles and pushes that do not refer to each
// other on every core, then records their values and Sends.
func (e *evaluation) evalParallel(addrs []string) {
	r := e.run
	type result struct {
		bundle cty.Value
		push   pushOut
		diags  hcl.Diagnostics
	}
	results := make([]result, len(addrs))
	parallel.For(len(addrs), func(i int) {
		w := *r // shares r's maps, only read until every node is done
		w.diags = nil
		root, name, _ := strings.Cut(addrs[i], ".")
		if root == "bundle" {
			results[i].bundle = w.evalBundle(r.ev.mod.bundles[name])
		} else {
			results[i].push = w.evalPush(r.ev.mod.pushes[name])
		}
		results[i].diags = w.diags
	})
	for i, addr := range addrs {
		root, name, _ := strings.Cut(addr, ".")
		if root == "bundle" {
			r.bundles[name] = results[i].bundle
		} else {
			e.sends[addr] = r.setPush(name, results[i].push)
		}
		e.diags[addr] = results[i].diags
	}
}
