package lang

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// findCycles marks every node that is part of a reference cycle and
// reports each such node once, at its reference to the next node of the
// cycle.
func (g *graph) findCycles() hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, scc := range g.components() {
		if len(scc) == 1 && !g.refersTo(scc[0], scc[0]) {
			continue
		}
		in := map[string]bool{}
		for _, a := range scc {
			in[a] = true
			g.cyclic[a] = true
		}
		for _, a := range scc {
			path := g.cycleFrom(a, in)
			e := g.edgeTo(a, path[1])
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Reference cycle",
				Detail: fmt.Sprintf("%s refers to %s, which leads back to %s: %s. A value cannot depend on itself; remove one of these references.",
					a, path[1], a, strings.Join(path, " → ")),
				Subject: e.rng.Ptr(),
			})
		}
	}
	return diags
}

func (g *graph) refersTo(from, to string) bool {
	for _, e := range g.nodes[from].edges {
		if e.to == to {
			return true
		}
	}
	return false
}

func (g *graph) edgeTo(from, to string) edge {
	for _, e := range g.nodes[from].edges {
		if e.to == to {
			return e
		}
	}
	return edge{}
}

// cycleFrom returns a shortest cycle from start back to start through the
// nodes in in: [start, ..., start].
func (g *graph) cycleFrom(start string, in map[string]bool) []string {
	prev := map[string]string{}
	queue := []string{start}
	for len(queue) > 0 {
		a := queue[0]
		queue = queue[1:]
		for _, e := range g.nodes[a].edges {
			if !in[e.to] {
				continue
			}
			if e.to == start {
				var back []string // a, prev[a], ... up to start
				for at := a; at != start; at = prev[at] {
					back = append(back, at)
				}
				path := []string{start}
				for i := len(back) - 1; i >= 0; i-- {
					path = append(path, back[i])
				}
				return append(path, start)
			}
			if _, seen := prev[e.to]; !seen {
				prev[e.to] = a
				queue = append(queue, e.to)
			}
		}
	}
	return []string{start, start} // not reached for a member of a cycle
}

// components returns the strongly connected components of the graph
// (Tarjan's algorithm), each sorted, in a stable order.
func (g *graph) components() [][]string {
	t := &tarjan{g: g, index: map[string]int{}, low: map[string]int{}, onStack: map[string]bool{}}
	for _, a := range g.addrs {
		if _, seen := t.index[a]; !seen {
			t.visit(a)
		}
	}
	for _, c := range t.out {
		sort.Strings(c)
	}
	return t.out
}

type tarjan struct {
	g       *graph
	next    int
	index   map[string]int
	low     map[string]int
	stack   []string
	onStack map[string]bool
	out     [][]string
}

func (t *tarjan) visit(a string) {
	t.index[a], t.low[a] = t.next, t.next
	t.next++
	t.stack = append(t.stack, a)
	t.onStack[a] = true
	for _, e := range t.g.nodes[a].edges {
		if _, seen := t.index[e.to]; !seen {
			t.visit(e.to)
			t.low[a] = min(t.low[a], t.low[e.to])
		} else if t.onStack[e.to] {
			t.low[a] = min(t.low[a], t.index[e.to])
		}
	}
	if t.low[a] != t.index[a] {
		return
	}
	var c []string
	for {
		top := t.stack[len(t.stack)-1]
		t.stack = t.stack[:len(t.stack)-1]
		t.onStack[top] = false
		c = append(c, top)
		if top == a {
			break
		}
	}
	t.out = append(t.out, c)
}
