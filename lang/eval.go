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
	ev       *evaluator
	results  map[string]Result
	locals   map[string]cty.Value
	bundles  map[string]cty.Value
	pushes   map[string]cty.Value // values known after apply, by name
	pushTo   map[string]cty.Value // the evaluated to of each push, by name
	funcs    map[string]function.Function
	varVal   cty.Value // var, for every context
	inboxVal cty.Value // inbox, for every context
	diags    hcl.Diagnostics

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
		ev:       ev,
		results:  results,
		locals:   dynamicVals(ev.mod.locals),
		bundles:  dynamicVals(ev.mod.bundles),
		pushes:   dynamicVals(ev.mod.pushes),
		pushTo:   dynamicVals(ev.mod.pushes),
		funcs:    ev.functions(),
		casts:    ev.mod.castValues(),
		varVal:   cty.ObjectVal(ev.vars),
		inboxVal: ev.mod.inbox.value(),
	}
	sends := map[string]*Send{}
	var replies []*Reply
	order := ev.graph.order
	for i := 0; i < len(order); {
		if n := r.parallelRun(order[i:]); n >= parallelMin {
			r.evalParallel(order[i:i+n], sends)
			i += n
			continue
		}
		if reply := r.evalNode(order[i], sends); reply != nil {
			replies = append(replies, reply)
		}
		i++
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
// so far.
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
	vars := make(map[string]cty.Value, len(scopeRoots)+2)
	vars["var"], vars["inbox"] = r.varVal, r.inboxVal
	for _, root := range scopeRoots {
		if m := scope[root]; m != nil {
			vars[root] = cty.ObjectVal(m)
		} else {
			vars[root] = cty.EmptyObjectVal
		}
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
