package lang

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// afterApplyRoots are the reference roots, besides push, of things whose
// values are known after apply: the casts and audiences.
var afterApplyRoots = []string{"multicast", "broadcast", "narrowcast", "audience"}

// isSendOrAudience reports whether addr is the address of a send or an
// audience: a thing with values known after apply.
func isSendOrAudience(addr string) bool {
	root, _, ok := strings.Cut(addr, ".")
	return ok && (root == "push" || slices.Contains(afterApplyRoots, root))
}

// isSendAddr reports whether addr is the address of a send.
func isSendAddr(addr string) bool {
	return isSendOrAudience(addr) && !isAudienceAddr(addr)
}

func isAudienceAddr(addr string) bool {
	return len(addr) > len("audience.") && addr[:len("audience.")] == "audience."
}

// refNames returns, for a reference root of a cast kind or audience, the
// names declared under it and the noun for messages; ok is false for
// other roots.
func (m *module) refNames(root string) (names []string, noun string, ok bool) {
	switch {
	case root == "audience":
		return sortedKeys(m.audiences), "audience", true
	case isCastKind(root):
		for _, addr := range sortedKeys(m.casts) {
			if c := m.casts[addr]; string(c.Kind) == root {
				names = append(names, c.Name)
			}
		}
		return names, root, true
	}
	return nil, "", false
}

// addCastNodes adds every cast and audience to g.
func (m *module) addCastNodes(g *graph) {
	for _, addr := range sortedKeys(m.casts) {
		g.add(addr, m.casts[addr].expressions())
	}
	for _, name := range sortedKeys(m.audiences) {
		g.add("audience."+name, m.audiences[name].expressions())
	}
}

// castValues are the values of the casts and audiences before any is
// evaluated, by address.
func (m *module) castValues() map[string]cty.Value {
	out := map[string]cty.Value{}
	for addr := range m.casts {
		out[addr] = cty.DynamicVal
	}
	for name := range m.audiences {
		out["audience."+name] = cty.DynamicVal
	}
	return out
}

// evalCastNode evaluates the cast or audience at addr (cyclic: in a
// cycle, so not evaluated) and returns its Send, nil for an audience,
// which goes to r.audiences.
func (r *run) evalCastNode(addr string, cyclic bool) *Send {
	if isAudienceAddr(addr) {
		a := r.ev.mod.audiences[addr[len("audience."):]]
		if cyclic {
			r.audiences = append(r.audiences, newAudience(a, r.ev.graph.dependsOn[addr]))
		} else {
			r.audiences = append(r.audiences, r.evalAudience(a))
		}
		return nil
	}
	c := r.ev.mod.casts[addr]
	if cyclic {
		return r.newCastSend(c)
	}
	return r.evalCast(c)
}

func (r *run) newCastSend(c *cast) *Send {
	return &Send{
		Kind:      c.Kind,
		Name:      c.Name,
		DeclRange: c.DeclRange,
		DependsOn: r.ev.graph.dependsOn[c.Address()],
		Body:      map[string]any{},
		Ranges:    map[string]hcl.Range{},
	}
}

// evalCast evaluates a multicast, broadcast or narrowcast into its Send
// and records its values known after apply.
func (r *run) evalCast(c *cast) *Send {
	s := r.newCastSend(c)
	addr := c.Address()
	ctx := r.ctx(addr)
	if c.Kind == KindMulticast && c.To != nil {
		r.evalMulticastTo(s, c, ctx)
	}
	var msgs cty.Value
	var fallback hcl.Range
	if c.Messages != nil {
		msgs, fallback = r.evalExpr(c.Messages.Expr, ctx), c.Messages.Expr.Range()
	} else {
		vals := make([]cty.Value, len(c.Inline))
		for i, mb := range c.Inline {
			vals[i] = r.evalMessage(mb, ctx)
		}
		msgs, fallback = cty.TupleVal(vals), c.DeclRange
	}
	if _, _, ok := r.writeMessages(s, msgs, fallback, c.Messages != nil); ok {
		r.checkNoQuotes(s)
	}
	if a := c.NotificationDisabled; a != nil {
		v := r.evalField(fieldSpec{name: a.Name, kind: boolField}, a, ctx)
		if plain, _ := v.UnmarkDeep(); !plain.IsKnown() || (!plain.IsNull() && plain.True()) {
			s.Ranges["notificationDisabled"] = a.Expr.Range()
			s.Body["notificationDisabled"] = r.toJSON(s, "notificationDisabled", v, a.Expr.Range())
		}
	}
	if a := c.AggregationUnit; a != nil {
		v := r.evalField(fieldSpec{name: a.Name, kind: stringField}, a, ctx)
		if !v.IsNull() {
			s.Ranges["customAggregationUnits"] = a.Expr.Range()
			s.Body["customAggregationUnits"] = []any{r.toJSON(s, "customAggregationUnits[0]", v, a.Expr.Range())}
		}
	}
	if c.Kind == KindNarrowcast {
		r.evalNarrowcast(s, c, ctx)
	}
	r.evalSchedule(s, c.Schedule, ctx)
	r.casts[addr] = r.castValue(c)
	return s
}

// castValue is the value of a cast's address: multicast.NAME.request_ids,
// or broadcast.NAME.request_id and narrowcast.NAME.request_id.
func (r *run) castValue(c *cast) cty.Value {
	addr := c.Address()
	if c.Kind == KindMulticast {
		return r.multicastValue(addr)
	}
	if res, done := r.results[addr]; done {
		return cty.ObjectVal(map[string]cty.Value{"request_id": cty.StringVal(res.RequestID)})
	}
	return cty.ObjectVal(map[string]cty.Value{
		"request_id": cty.UnknownVal(cty.String).Mark(refMark{ref: addr + ".request_id"}),
	})
}

// checkNoQuotes reports every quote token in the messages of s: only a
// push (and a reply) may quote.
func (r *run) checkNoQuotes(s *Send) {
	msgs, _ := s.Body["messages"].([]any)
	for i, m := range msgs {
		obj, _ := m.(map[string]any)
		if _, ok := obj[quoteTokenField.key]; !ok {
			continue
		}
		path := fmt.Sprintf("messages[%d].%s", i, quoteTokenField.key)
		rng, ok := s.Ranges[path]
		if !ok {
			rng = s.Ranges["messages"]
		}
		r.diags = append(r.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Quote token not allowed",
			Detail: fmt.Sprintf("Message %d of %s carries a quote token, but only a push (and a reply) may quote; "+
				"LINE refuses quote tokens in a %s. Remove quote_token, or send this as a push.", i, s.Address(), s.Kind),
			Subject: rng.Ptr(),
		})
	}
}

// sortAudiences sorts as by name.
func sortAudiences(as []*Audience) []*Audience {
	sort.Slice(as, func(i, j int) bool { return as[i].Name < as[j].Name })
	return as
}
