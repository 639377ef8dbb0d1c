package lang

import (
	"fmt"
	"sort"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang/parallel"
)

// graph orders the locals, bundles and pushes of a module by their
// references.
type graph struct {
	nodes map[string]*node // by address
	addrs []string         // the addresses of nodes, sorted
	// order is every address in evaluation order: a node comes after the
	// nodes it refers to, except within a cycle; ties by address.
	order []string
	// cyclic holds the addresses in a cycle; they are never evaluated.
	cyclic map[string]bool
	// skip holds the ranges of expressions with an invalid reference,
	// already reported; they evaluate to cty.DynamicVal.
	skip map[hcl.Range]bool
	// dependsOn holds, by send or audience address, the sends and
	// audiences whose values known after apply it uses, through locals and
	// bundles, sorted; nil for none.
	dependsOn map[string][]string
	// sends holds the send addresses in dependency order, ties by address.
	sends []string
}

// node is one local, bundle or push.
type node struct {
	addr  string
	exprs []hcl.Expression // until linked
	edges []edge           // in source order, at most one per target
}

// edge is a reference from one node to another.
type edge struct {
	to  string
	rng hcl.Range // the reference's "root.name" part
}

// buildGraph finds every reference of every node, reports references to
// things not declared and cycles, and orders the nodes.
func buildGraph(m *module) (*graph, hcl.Diagnostics) {
	g := &graph{nodes: map[string]*node{}, cyclic: map[string]bool{}, skip: map[hcl.Range]bool{}}
	for _, name := range sortedKeys(m.locals) {
		g.add("local."+name, []hcl.Expression{m.locals[name].Expr})
	}
	for _, name := range sortedKeys(m.bundles) {
		var exprs []hcl.Expression
		for _, mb := range m.bundles[name].Messages {
			exprs = append(exprs, mb.expressions()...)
		}
		g.add("bundle."+name, exprs)
	}
	for _, name := range sortedKeys(m.pushes) {
		g.add("push."+name, m.pushes[name].expressions())
	}
	for _, name := range sortedKeys(m.replies) {
		g.add("reply."+name, m.replies[name].expressions())
	}
	m.addCastNodes(g)
	var diags hcl.Diagnostics
	g.addrs = sortedKeys(g.nodes)
	// Finding the references walks every expression: on every core.
	refs := make([][][]hcl.Traversal, len(g.addrs)) // by node, by expression
	parallel.For(len(g.addrs), func(i int) {
		exprs := g.nodes[g.addrs[i]].exprs
		refs[i] = make([][]hcl.Traversal, len(exprs))
		for j, expr := range exprs {
			refs[i][j] = expr.Variables()
		}
	})
	for i, addr := range g.addrs {
		n := g.nodes[addr]
		diags = append(diags, g.link(m, n, refs[i])...)
		n.exprs = nil // linked; the module holds the syntax
	}
	diags = append(diags, g.findCycles()...)
	g.order = topoSort(g.addrs, func(addr string) []string {
		var out []string
		for _, e := range g.nodes[addr].edges {
			if !g.cyclic[addr] || !g.cyclic[e.to] {
				out = append(out, e.to)
			}
		}
		return out
	})
	g.orderSends()
	return g, diags
}

// schedule is an order to evaluate the nodes in: depth first from the
// nodes nothing refers to, in graph order, each node right after the
// nodes it refers to. A bundle is then evaluated next to the pushes that
// use it, not with every other bundle first; nodes in cycles come last.
func (g *graph) schedule(users map[string]int) []string {
	out := make([]string, 0, len(g.order))
	seen := make(map[string]bool, len(g.order))
	var visit func(addr string)
	visit = func(addr string) {
		if seen[addr] {
			return
		}
		seen[addr] = true
		for _, e := range g.nodes[addr].edges {
			visit(e.to)
		}
		out = append(out, addr)
	}
	for _, addr := range g.order {
		if users[addr] == 0 {
			visit(addr)
		}
	}
	for _, addr := range g.order {
		visit(addr)
	}
	return out
}

// users counts, by address, the nodes that refer to each node.
func (g *graph) users() map[string]int {
	out := make(map[string]int, len(g.nodes))
	for _, n := range g.nodes {
		for _, e := range n.edges {
			out[e.to]++
		}
	}
	return out
}

func (g *graph) add(addr string, exprs []hcl.Expression) {
	g.nodes[addr] = &node{addr: addr, exprs: exprs}
}

// link resolves the references of n, refs[i] being those of n.exprs[i],
// into edges.
func (g *graph) link(m *module, n *node, refs [][]hcl.Traversal) hcl.Diagnostics {
	var diags hcl.Diagnostics
	seen := map[string]bool{}
	for i, expr := range n.exprs {
		for _, t := range refs[i] {
			target, d := m.resolveRef(t)
			if d != nil {
				diags = append(diags, d)
				g.skip[expr.Range()] = true
				continue
			}
			if target == "" || seen[target] {
				continue
			}
			seen[target] = true
			n.edges = append(n.edges, edge{to: target, rng: hcl.RangeBetween(t[0].SourceRange(), t[1].SourceRange())})
		}
	}
	return diags
}

// resolveRef returns the node address a traversal refers to: "" for
// variables and for names lineup does not know (evaluation reports those),
// or a diagnostic for a reference to something not declared.
func (m *module) resolveRef(t hcl.Traversal) (string, *hcl.Diagnostic) {
	root := t.RootName()
	if root == "inbox" {
		return "", m.inboxRef(t)
	}
	names, noun, known := m.namesOf(root)
	if !known {
		return "", nil
	}
	step, ok := hcl.TraverseAttr{}, len(t) > 1
	if ok {
		step, ok = t[1].(hcl.TraverseAttr)
	}
	if !ok {
		return "", &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid reference",
			Detail:   fmt.Sprintf("A reference to a %s is %s.NAME.", noun, root),
			Subject:  t.SourceRange().Ptr(),
		}
	}
	i := sort.SearchStrings(names, step.Name)
	if i < len(names) && names[i] == step.Name {
		if root == "var" {
			return "", nil
		}
		return root + "." + step.Name, nil
	}
	detail := fmt.Sprintf("There is no %s named %q in this configuration.", noun, step.Name)
	if s := suggest(step.Name, names); s != "" {
		detail += fmt.Sprintf(" Did you mean %s.%s?", root, s)
	}
	return "", &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Reference to undeclared " + noun,
		Detail:   detail,
		Subject:  hcl.RangeBetween(t[0].SourceRange(), t[1].SourceRange()).Ptr(),
	}
}

// namesOf returns the sorted names declared under a reference root and
// the noun for them, or known=false for a root lineup does not declare.
// The lists are made once per root: sorting them for every reference
// made loading quadratic in the number of sends.
func (m *module) namesOf(root string) (names []string, noun string, known bool) {
	if c, ok := m.names[root]; ok {
		return c.names, c.noun, true
	}
	switch root {
	case "var":
		names, noun = sortedKeys(m.variables), "input variable"
	case "local":
		names, noun = sortedKeys(m.locals), "local value"
	case "bundle":
		names, noun = sortedKeys(m.bundles), "bundle"
	case "push":
		names, noun = sortedKeys(m.pushes), "push"
	default:
		if names, noun, known = m.refNames(root); !known {
			return nil, "", false
		}
	}
	if m.names == nil {
		m.names = map[string]declaredNames{}
	}
	m.names[root] = declaredNames{names, noun}
	return names, noun, true
}

// declaredNames are the sorted names under one reference root.
type declaredNames struct {
	names []string
	noun  string
}

// suggest returns the name of names closest to given, if one is close.
func suggest(given string, names []string) string {
	best, bestDist := "", 3
	for _, n := range names {
		if d := levenshtein.Distance(given, n, nil); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// topoSort orders addrs (sorted) so that each comes after its
// successors (the nodes it refers to), picking the smallest address
// whenever several are ready. Addresses left over by a cycle come last,
// by address. It works on positions in addrs: their order is the
// addresses' order, and ints compare faster than strings.
func topoSort(addrs []string, succ func(string) []string) []string {
	index := make(map[string]int, len(addrs))
	for i, a := range addrs {
		index[a] = i
	}
	waiting := make([]int, len(addrs))
	users := make([][]int, len(addrs))
	for i, a := range addrs {
		for _, s := range succ(a) {
			if j, ok := index[s]; ok && j != i {
				waiting[i]++
				users[j] = append(users[j], i)
			}
		}
	}
	var ready minHeap
	for i := range addrs {
		if waiting[i] == 0 {
			ready = append(ready, i) // ascending: already a heap
		}
	}
	out := make([]string, 0, len(addrs))
	done := make([]bool, len(addrs))
	for len(ready) > 0 {
		i := ready.pop()
		out = append(out, addrs[i])
		done[i] = true
		for _, u := range users[i] {
			if waiting[u]--; waiting[u] == 0 {
				ready.push(u)
			}
		}
	}
	for i, a := range addrs {
		if !done[i] {
			out = append(out, a)
		}
	}
	return out
}

// orderSends computes dependsOn and the order of the sends: a send comes
// after the sends it depends on, also through audiences.
func (g *graph) orderSends() {
	g.dependsOn = map[string][]string{}
	var pushes []string
	for _, addr := range g.addrs {
		if !isSendOrAudience(addr) {
			continue
		}
		pushes = append(pushes, addr)
		found := map[string]bool{}
		g.pushesUsed(addr, found, map[string]bool{})
		delete(found, addr)
		if len(found) > 0 {
			g.dependsOn[addr] = sortedKeys(found)
		}
	}
	for _, addr := range topoSort(pushes, func(a string) []string { return g.dependsOn[a] }) {
		if isSendAddr(addr) {
			g.sends = append(g.sends, addr)
		}
	}
}

// pushesUsed adds to found the sends and audiences addr refers to,
// directly or through locals and bundles.
func (g *graph) pushesUsed(addr string, found, visited map[string]bool) {
	if visited[addr] {
		return
	}
	visited[addr] = true
	for _, e := range g.nodes[addr].edges {
		if isSendOrAudience(e.to) {
			found[e.to] = true
			continue
		}
		g.pushesUsed(e.to, found, visited)
	}
}

// minHeap is a binary min-heap of positions.
type minHeap []int

func (h *minHeap) push(x int) {
	*h = append(*h, x)
	a := *h
	for i := len(a) - 1; i > 0; {
		parent := (i - 1) / 2
		if a[parent] <= a[i] {
			break
		}
		a[parent], a[i] = a[i], a[parent]
		i = parent
	}
}

func (h *minHeap) pop() int {
	a := *h
	top := a[0]
	last := len(a) - 1
	a[0] = a[last]
	a = a[:last]
	for i := 0; ; {
		small, l, r := i, 2*i+1, 2*i+2
		if l < len(a) && a[l] < a[small] {
			small = l
		}
		if r < len(a) && a[r] < a[small] {
			small = r
		}
		if small == i {
			break
		}
		a[i], a[small] = a[small], a[i]
		i = small
	}
	*h = a
	return top
}
