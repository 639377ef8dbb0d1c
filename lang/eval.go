package lang

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// evaluator holds what evaluating a loaded configuration again needs.
type evaluator struct {
	mod     *module
	graph   *graph
	files   map[string]*hcl.File
	dir     string // the configuration directory, for file functions
	vars    map[string]cty.Value
	results map[string]Result // given to Load
	once    bool              // Options.Once: drop the syntax of what was evaluated
	// parallelMin is Options.ParallelMin, or its default.
	parallelMin int
	reads       *fileReads // what the file functions read, over every evaluation
	replies     []*Reply   // the reply rules of the last evaluation, in order
	// audiences are the audiences of the last evaluation, by name.
	audiences []*Audience
}

// run is one evaluation of a module, with one set of values known after
// apply.
type run struct {
	ev      *evaluator
	results map[string]Result
	locals  map[string]cty.Value
	bundles map[string]cty.Value
	pushes  map[string]cty.Value // values known after apply, by name
	pushTo  map[string]cty.Value // the evaluated to of each push, by name
	funcs   map[string]function.Function
	root    *hcl.EvalContext // the parent of every node's context
	// users counts, by address, the nodes not yet evaluated that refer
	// to it; at zero its value is dropped (see done).
	users map[string]int
	diags hcl.Diagnostics

	// casts are the values known after apply of the multicasts,
	// broadcasts, narrowcasts and audiences, by address.
	casts     map[string]cty.Value
	audiences []*Audience // evaluated so far
}

// evaluate evaluates every node and returns the sends in dependency
// order, with the diagnostics in graph order. Nodes in a cycle are not
// evaluated: they stay cty.DynamicVal, and a push in a cycle gets an
// empty Body.
//
// Nodes are evaluated in windows of the schedule (see graph.schedule),
// level by level, the bundles and pushes of a level in parallel. A value
// is dropped once every node that refers to it is evaluated (see done),
// so the values of thousands of bundles are never held at once.
func (ev *evaluator) evaluate(results map[string]Result) ([]*Send, hcl.Diagnostics) {
	r := &run{
		ev:      ev,
		results: results,
		locals:  dynamicVals(ev.mod.locals),
		bundles: dynamicVals(ev.mod.bundles),
		pushes:  dynamicVals(ev.mod.pushes),
		pushTo:  dynamicVals(ev.mod.pushes),
		funcs:   ev.functions(),
		casts:   ev.mod.castValues(),
		users:   ev.graph.users(),
	}
	r.root = r.rootContext()
	e := &evaluation{run: r, sends: map[string]*Send{}, diags: map[string]hcl.Diagnostics{}}
	sched := ev.graph.schedule(r.users)
	for len(sched) > 0 {
		n := min(window, len(sched))
		for _, level := range levels(ev.graph, sched[:n]) {
			e.evalLevel(level)
		}
		sched = sched[n:]
	}
	sortReplies(e.replies)
	ev.replies = e.replies
	ev.audiences = sortAudiences(r.audiences)
	out := make([]*Send, 0, len(ev.graph.sends))
	for _, addr := range ev.graph.sends {
		out = append(out, e.sends[addr])
	}
	var diags hcl.Diagnostics
	for _, addr := range ev.graph.order {
		diags = append(diags, e.diags[addr]...)
	}
	return out, diags
}

// evalNode evaluates the node at addr, adding its Send to sends; it
// returns the evaluated reply rule of a reply node.
func (r *run) evalNode(addr string, sends map[string]*Send) *Reply {
	root, name, _ := strings.Cut(addr, ".")
	cyclic := r.ev.graph.cyclic[addr]
	switch {
	case root == "push" && cyclic:
		sends[addr] = r.newSend(r.ev.mod.pushes[name])
	case root != "push" && isSendOrAudience(addr):
		if s := r.evalCastNode(addr, cyclic); s != nil {
			sends[addr] = s
		}
	case cyclic:
	case root == "local":
		r.locals[name] = r.evalExpr(r.ev.mod.locals[name].Expr, r.ctx(addr))
	case root == "bundle":
		r.bundles[name] = r.evalBundle(r.ev.mod.bundles[name])
	case root == "push":
		sends[addr] = r.setPush(name, r.evalPush(r.ev.mod.pushes[name]))
	case root == "reply":
		return r.evalReply(r.ev.mod.replies[name])
	}
	return nil
}

// done is called once node addr is evaluated: the values of the locals,
// bundles and pushes it refers to are dropped once no node left to
// evaluate refers to them, and its own at once if none does; with
// Options.Once, so is its syntax. The evaluated to of pushes is kept:
// quote checks look it up through marks, without a reference.
func (r *run) done(addr string) {
	if r.users[addr] == 0 {
		r.drop(addr)
	}
	if r.ev.once {
		switch root, name, _ := strings.Cut(addr, "."); root {
		case "bundle":
			delete(r.ev.mod.bundles, name)
		case "push":
			delete(r.ev.mod.pushes, name)
		}
	}
	for _, e := range r.ev.graph.nodes[addr].edges {
		r.users[e.to]--
		if r.users[e.to] == 0 {
			r.drop(e.to)
		}
	}
}

func (r *run) drop(addr string) {
	switch root, name, _ := strings.Cut(addr, "."); root {
	case "local":
		r.locals[name] = cty.DynamicVal
	case "bundle":
		r.bundles[name] = cty.DynamicVal
	case "push":
		r.pushes[name] = cty.DynamicVal
	}
}

func dynamicVals[T any](m map[string]T) map[string]cty.Value {
	out := make(map[string]cty.Value, len(m))
	for k := range m {
		out[k] = cty.DynamicVal
	}
	return out
}

// scopeRoots are the reference roots whose values a node's context holds
// only for the nodes it refers to: a context holding every push and
// bundle would make evaluation quadratic in their number.
var scopeRoots = append([]string{"local", "bundle", "push"}, afterApplyRoots...)

// ctx is the evaluation context of node addr: every variable, and the
// locals, bundles, pushes, casts and audiences it refers to, as evaluated
// so far. It is a child of r.root, holding only the roots addr refers to.
func (r *run) ctx(addr string) *hcl.EvalContext {
	var scope map[string]map[string]cty.Value
	if n := r.ev.graph.nodes[addr]; n != nil {
		for _, e := range n.edges {
			root, name, _ := strings.Cut(e.to, ".")
			v, ok := r.nodeValue(root, name, e.to)
			if !ok {
				continue
			}
			if scope == nil {
				scope = map[string]map[string]cty.Value{}
			}
			if scope[root] == nil {
				scope[root] = map[string]cty.Value{}
			}
			scope[root][name] = v
		}
	}
	ctx := r.root.NewChild()
	if len(scope) > 0 {
		ctx.Variables = make(map[string]cty.Value, len(scope))
		for root, m := range scope {
			ctx.Variables[root] = cty.ObjectVal(m)
		}
	}
	return ctx
}

// rootContext is the parent of every node's context: the variables, the
// inbox, the functions, and nothing yet under the other roots.
func (r *run) rootContext() *hcl.EvalContext {
	vars := map[string]cty.Value{"var": cty.ObjectVal(r.ev.vars), "inbox": r.ev.mod.inbox.value()}
	for _, root := range scopeRoots {
		vars[root] = cty.EmptyObjectVal
	}
	return &hcl.EvalContext{Variables: vars, Functions: r.funcs}
}

// nodeValue is the value of the node at addr as evaluated so far.
func (r *run) nodeValue(root, name, addr string) (cty.Value, bool) {
	var v cty.Value
	var ok bool
	switch root {
	case "local":
		v, ok = r.locals[name]
	case "bundle":
		v, ok = r.bundles[name]
	case "push":
		v, ok = r.pushes[name]
	default:
		v, ok = r.casts[addr]
	}
	return v, ok
}

// evalExpr evaluates expr, collecting its diagnostics. An expression with
// an invalid reference (already reported) is cty.DynamicVal.
func (r *run) evalExpr(expr hcl.Expression, ctx *hcl.EvalContext) cty.Value {
	if r.ev.graph.skip[expr.Range()] {
		return cty.DynamicVal
	}
	// What the expression refers to bounds what it copies ("${a}${a}"):
	// refused before it is evaluated when over the limit, as is its value
	// after (MaxValueBytes).
	var in int64
	for _, t := range expr.Variables() {
		if v, d := t.TraverseAbs(ctx); !d.HasErrors() {
			in += valueSize(v, MaxValueBytes-in)
		}
		if in > MaxValueBytes {
			r.diags = append(r.diags, valueTooLarge(expr, "what this expression refers to, counted once per reference,"))
			return cty.DynamicVal
		}
	}
	v, diags := expr.Value(ctx)
	r.diags = append(r.diags, diags...)
	if v == cty.NilVal {
		return cty.DynamicVal
	}
	if valueSize(v, MaxValueBytes) > MaxValueBytes {
		r.diags = append(r.diags, valueTooLarge(expr, "the value of this expression"))
		return cty.DynamicVal
	}
	return v
}

// source returns the source text of rng, or "".
func (ev *evaluator) source(rng hcl.Range) string {
	f := ev.files[rng.Filename]
	if f == nil || rng.Start.Byte < 0 || rng.End.Byte > len(f.Bytes) || rng.Start.Byte >= rng.End.Byte {
		return ""
	}
	return string(f.Bytes[rng.Start.Byte:rng.End.Byte])
}

// isTraversal reports whether src is a plain reference such as
// push.a.sent[0].quote_token.
func isTraversal(src string) bool {
	_, diags := hclsyntax.ParseTraversalAbs([]byte(src), "", hcl.InitialPos)
	return !diags.HasErrors()
}

func valueTooLarge(expr hcl.Expression, what string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Value too large",
		Detail:   strings.ToUpper(tooLarge(what)[:1]) + tooLarge(what)[1:] + ".",
		Subject:  expr.Range().Ptr(),
	}
}
