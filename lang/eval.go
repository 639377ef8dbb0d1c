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
	replies []*Reply          // the reply rules of the last evaluation, in order
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
	origins []*origin            // indexed by originMark.id
	funcs   map[string]function.Function
	diags   hcl.Diagnostics

	// casts are the values known after apply of the multicasts,
	// broadcasts, narrowcasts and audiences, by address.
	casts     map[string]cty.Value
	audiences []*Audience // evaluated so far
}

// evaluate evaluates every node in graph order and returns the sends in
// dependency order. Nodes in a cycle are not evaluated: they stay
// cty.DynamicVal, and a push in a cycle gets an empty Body.
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
	}
	sends := map[string]*Send{}
	var replies []*Reply
	for _, addr := range ev.graph.order {
		root, name, _ := strings.Cut(addr, ".")
		cyclic := ev.graph.cyclic[addr]
		switch {
		case root == "push" && cyclic:
			p := ev.mod.pushes[name]
			sends[addr] = r.newSend(p)
		case root != "push" && isSendOrAudience(addr):
			if s := r.evalCastNode(addr, cyclic); s != nil {
				sends[addr] = s
			}
		case cyclic:
		case root == "local":
			r.locals[name] = r.evalExpr(ev.mod.locals[name].Expr, r.ctx(addr))
		case root == "bundle":
			r.bundles[name] = r.evalBundle(ev.mod.bundles[name])
		case root == "push":
			sends[addr] = r.evalPush(ev.mod.pushes[name])
		case root == "reply":
			replies = append(replies, r.evalReply(ev.mod.replies[name]))
		}
	}
	sortReplies(replies)
	ev.replies = replies
	ev.audiences = sortAudiences(r.audiences)
	out := make([]*Send, 0, len(ev.graph.sends))
	for _, addr := range ev.graph.sends {
		out = append(out, sends[addr])
	}
	return out, r.diags
}

func dynamicVals[T any](m map[string]T) map[string]cty.Value {
	out := make(map[string]cty.Value, len(m))
	for k := range m {
		out[k] = cty.DynamicVal
	}
	return out
}

// ctx is the evaluation context of node addr: every variable, and the
// locals, bundles and pushes it refers to, as evaluated so far.
func (r *run) ctx(addr string) *hcl.EvalContext {
	// Only what the node refers to goes in: a context holding every push
	// and bundle would make evaluation quadratic in their number.
	scope := map[string]map[string]cty.Value{"local": {}, "bundle": {}, "push": {}}
	all := map[string]map[string]cty.Value{"local": r.locals, "bundle": r.bundles, "push": r.pushes}
	if n := r.ev.graph.nodes[addr]; n != nil {
		for _, e := range n.edges {
			root, name, _ := strings.Cut(e.to, ".")
			if m := scope[root]; m != nil {
				m[name] = all[root][name]
			}
		}
	}
	vars := map[string]cty.Value{
		"var":    cty.ObjectVal(r.ev.vars),
		"local":  cty.ObjectVal(scope["local"]),
		"bundle": cty.ObjectVal(scope["bundle"]),
		"push":   cty.ObjectVal(scope["push"]),
		"inbox":  r.ev.mod.inbox.value(),
	}
	r.addCastScope(addr, vars)
	return &hcl.EvalContext{Variables: vars, Functions: r.funcs}
}

// evalExpr evaluates expr, collecting its diagnostics. An expression with
// an invalid reference (already reported) is cty.DynamicVal.
func (r *run) evalExpr(expr hcl.Expression, ctx *hcl.EvalContext) cty.Value {
	if r.ev.graph.skip[expr.Range()] {
		return cty.DynamicVal
	}
	v, diags := expr.Value(ctx)
	r.diags = append(r.diags, diags...)
	if v == cty.NilVal {
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
