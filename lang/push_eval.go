package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// sentType is the type of one entry of push.NAME.sent.
var sentType = cty.Object(map[string]cty.Type{"id": cty.String, "quote_token": cty.String})

func (r *run) newSend(p *push) *Send {
	return &Send{
		Kind:      KindPush,
		Name:      p.Name,
		DeclRange: p.DeclRange,
		DependsOn: r.ev.graph.dependsOn["push."+p.Name],
		Body:      map[string]any{},
		Ranges:    make(map[string]hcl.Range, 12), // to, messages and the fields of their objects
	}
}

// pushOut is what evaluating a push gives: its Send, and the values the
// nodes after it see.
type pushOut struct {
	send  *Send
	to    cty.Value // the evaluated to
	after cty.Value // push.NAME, with its values known after apply
}

// setPush records the values of push name for the nodes after it, and
// returns its Send.
func (r *run) setPush(name string, out pushOut) *Send {
	r.pushTo[name], r.pushes[name] = out.to, out.after
	return out.send
}

// evalPush evaluates a push. It changes nothing in r but its diagnostics,
// so pushes that do not refer to each other are evaluated in parallel.
func (r *run) evalPush(p *push) pushOut {
	s := r.newSend(p)
	ctx := r.ctx("push." + p.Name)
	to := cty.DynamicVal
	if p.To != nil {
		to = r.evalField(fieldSpec{name: "to", kind: stringField, required: true}, p.To, ctx)
		s.Ranges["to"] = p.To.Expr.Range()
		if !to.IsNull() {
			s.Body["to"] = r.toJSON(s, "to", to, p.To.Expr.Range())
		}
	}
	var msgs cty.Value
	var fallback hcl.Range
	if p.Messages != nil {
		msgs, fallback = r.evalExpr(p.Messages.Expr, ctx), p.Messages.Expr.Range()
	} else {
		vals := make([]cty.Value, len(p.Inline))
		for i, mb := range p.Inline {
			vals[i] = r.evalMessage(mb, ctx)
		}
		msgs, fallback = cty.TupleVal(vals), p.DeclRange
	}
	types, marked, ok := r.writeMessages(s, msgs, fallback, p.Messages != nil)
	if ok {
		r.checkQuotes(s, to, marked)
	}
	if a := p.NotificationDisabled; a != nil {
		v := r.evalField(fieldSpec{name: a.Name, kind: boolField}, a, ctx)
		if plain, _ := v.UnmarkDeep(); !plain.IsKnown() || (!plain.IsNull() && plain.True()) {
			s.Ranges["notificationDisabled"] = a.Expr.Range()
			s.Body["notificationDisabled"] = r.toJSON(s, "notificationDisabled", v, a.Expr.Range())
		}
	}
	if a := p.AggregationUnit; a != nil {
		v := r.evalField(fieldSpec{name: a.Name, kind: stringField}, a, ctx)
		if !v.IsNull() {
			s.Ranges["customAggregationUnits"] = a.Expr.Range()
			s.Body["customAggregationUnits"] = []any{r.toJSON(s, "customAggregationUnits[0]", v, a.Expr.Range())}
		}
	}
	r.evalSchedule(s, p.Schedule, ctx)
	after := cty.DynamicVal // nothing refers to it
	if r.users["push."+p.Name] > 0 {
		after = r.afterApply(p.Name, types)
	}
	return pushOut{send: s, to: to, after: after}
}

// evalField evaluates one attribute and converts it to f's kind. A null
// value is reported when f is required, and returned.
func (r *run) evalField(f fieldSpec, attr *hcl.Attribute, ctx *hcl.EvalContext) cty.Value {
	v := r.convertField(f, attr, r.evalExpr(attr.Expr, ctx))
	if v.IsNull() && f.required {
		r.diags = append(r.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Missing required argument",
			Detail:   fmt.Sprintf("The argument %q is required, but its value is null.", f.name),
			Subject:  attr.Expr.Range().Ptr(),
		})
	}
	return v
}

// afterApply is the value of push.NAME: request_id and sent, known when
// results hold the push, unknown otherwise. types are the LINE types of
// the push's message objects (nil when not known): an unknown sent list
// then still has one entry per message object, and a null quote_token for
// types that return none. Quote tokens carry a quoteMark, unknown values
// a refMark.
func (r *run) afterApply(name string, types []string) cty.Value {
	addr := "push." + name
	q := quoteMark{push: name}
	if res, done := r.results[addr]; done {
		sent := make([]cty.Value, len(res.Sent))
		for i, m := range res.Sent {
			qt := cty.NullVal(cty.String).Mark(noQuoteMark{ref: fmt.Sprintf("%s.sent[%d]", addr, i)})
			if m.QuoteToken != "" {
				qt = cty.StringVal(m.QuoteToken).Mark(q)
			}
			sent[i] = cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal(m.ID), "quote_token": qt})
		}
		return cty.ObjectVal(map[string]cty.Value{
			"request_id": cty.StringVal(res.RequestID),
			"sent":       listOrEmpty(sent),
		})
	}
	reqID := cty.UnknownVal(cty.String).Mark(refMark{ref: addr + ".request_id"})
	if types == nil {
		return cty.ObjectVal(map[string]cty.Value{
			"request_id": reqID,
			"sent":       cty.UnknownVal(cty.List(sentType)).WithMarks(cty.NewValueMarks(q, refMark{ref: addr + ".sent"})),
		})
	}
	sent := make([]cty.Value, len(types))
	for i, t := range types {
		p := fmt.Sprintf("%s.sent[%d]", addr, i)
		qt := cty.NullVal(cty.String).Mark(noQuoteMark{ref: p, typ: t})
		if t == "" || returnsQuote(t) {
			qt = cty.UnknownVal(cty.String).WithMarks(cty.NewValueMarks(q, refMark{ref: p + ".quote_token"}))
		}
		sent[i] = cty.ObjectVal(map[string]cty.Value{
			"id":          cty.UnknownVal(cty.String).Mark(refMark{ref: p + ".id"}),
			"quote_token": qt,
		})
	}
	return cty.ObjectVal(map[string]cty.Value{"request_id": reqID, "sent": listOrEmpty(sent)})
}

func listOrEmpty(vals []cty.Value) cty.Value {
	if len(vals) == 0 {
		return cty.ListValEmpty(sentType)
	}
	return cty.ListVal(vals)
}

// checkQuotes reports every quote token among the marked values of the
// messages of s that comes from a push sending to another chat than to,
// or from an inbox message received in another chat (see quoteChat).
func (r *run) checkQuotes(s *Send, to cty.Value, marked []markedPath) {
	to, _ = to.UnmarkDeep()
	if !to.IsKnown() || to.IsNull() || !to.Type().Equals(cty.String) {
		return
	}
	seen := map[string]bool{}
	for _, mp := range marked {
		for m := range mp.marks {
			chat, from, ok := r.quoteChat(m)
			if !ok || chat == to.AsString() || !quotePosition(mp) {
				continue
			}
			if seen[mp.path+" "+from] {
				continue
			}
			seen[mp.path+" "+from] = true
			rng := s.RangeOf(mp.path)
			r.diags = append(r.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Quote token from another chat",
				Detail: fmt.Sprintf("This quote token comes from %s, but push.%s sends to %q. A quote token works only in the chat where the quoted message lives.",
					from, s.Name, to.AsString()),
				Subject: rng.Ptr(),
			})
		}
	}
}

// quotePosition reports whether a quote token marked at mp is used as a
// quote: it is the quoteToken of a message object, or the mark was
// lifted to a list or object holding one.
func quotePosition(mp markedPath) bool {
	return strings.HasSuffix(mp.path, "."+quoteTokenField.key) || !mp.primitive
}

// noQuote reports a quote_token attr whose value v is the null quote
// token of a sent message for which LINE returns none (a noQuoteMark):
// the message would quote nothing.
func (r *run) noQuote(v cty.Value, attr *hcl.Attribute) {
	_, pvm := v.UnmarkDeepWithPaths()
	for _, pm := range pvm {
		for m := range pm.Marks {
			nq, ok := m.(noQuoteMark)
			if !ok {
				continue
			}
			why := fmt.Sprintf("LINE returned no quote token for %s", nq.ref)
			if nq.typ != "" {
				why = fmt.Sprintf("%s is %s %s message, and LINE returns quote tokens only for text, textV2, "+
					"sticker, image, video, template and flex messages", nq.ref, article(nq.typ), nq.typ)
			}
			r.diags = append(r.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Nothing to quote",
				Detail: fmt.Sprintf("%s: %s.quote_token is always null, so this message would quote nothing. "+
					"Quote a message of another type, or remove quote_token. "+
					"See https://developers.line.biz/en/docs/messaging-api/get-quote-tokens/", why, nq.ref),
				Subject: attr.Expr.Range().Ptr(),
			})
			return
		}
	}
}

// article is "an" before a vowel, "a" otherwise.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
