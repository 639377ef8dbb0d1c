package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// maxAudiences is how many audience and redelivery conditions one
// narrowcast's recipient may hold; maxFilterConditions how many
// conditions its filter may hold (operators not counted).
const (
	maxAudiences        = 10
	maxFilterConditions = 10
)

func narrowcastSchema() *hcl.BodySchema {
	s := broadcastSchema()
	s.Attributes = append(s.Attributes,
		hcl.AttributeSchema{Name: "recipient"},
		hcl.AttributeSchema{Name: "filter"},
		hcl.AttributeSchema{Name: "wait"},
	)
	s.Blocks = append(s.Blocks, hcl.BlockHeaderSchema{Type: "limit"})
	return s
}

var limitSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "max"},
		{Name: "up_to_remaining_quota"},
		{Name: "forbid_partial_delivery"},
	},
}

// decodeLimitBlock decodes a limit block; prev is the one decoded before
// in the same narrowcast, if any.
func decodeLimitBlock(block *hcl.Block, prev *limitBlock) (*limitBlock, hcl.Diagnostics) {
	if prev != nil {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Duplicate limit block",
			Detail:   fmt.Sprintf("A narrowcast takes at most one limit block; the first is at line %d.", prev.DeclRange.Start.Line),
			Subject:  block.DefRange.Ptr(),
		}}
	}
	content, diags := bodyContent(block.Body, limitSchema)
	return &limitBlock{
		Max:                   content.Attributes["max"],
		UpToRemainingQuota:    content.Attributes["up_to_remaining_quota"],
		ForbidPartialDelivery: content.Attributes["forbid_partial_delivery"],
		DeclRange:             block.DefRange,
	}, diags
}

// checkFunctionPlaces reports, on the call, a filter function written in
// a recipient and a recipient function written in a filter. Conditions
// that reach them through locals are checked on the values.
func (c *cast) checkFunctionPlaces() hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, call := range misplacedCalls(c.Recipient, true) {
		diags = append(diags, misplaced("Filter condition in recipient", call.Name+"(...)", "filter", call.Range()))
	}
	for _, call := range misplacedCalls(c.Filter, false) {
		diags = append(diags, misplaced("Recipient condition in filter", call.Name+"(...)", "recipient", call.Range()))
	}
	return diags
}

// misplacedCalls returns the calls of filter functions in a (a recipient
// when recipient is true), or of recipient functions in a filter.
func misplacedCalls(a *hcl.Attribute, recipient bool) []*hclsyntax.FunctionCallExpr {
	if a == nil {
		return nil
	}
	expr, ok := a.Expr.(hclsyntax.Expression)
	if !ok {
		return nil
	}
	other := recipientTypes
	if recipient {
		other = filterTypes
	}
	wrong := map[string]bool{}
	for _, fn := range other {
		wrong[fn] = true
	}
	var out []*hclsyntax.FunctionCallExpr
	hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		if call, ok := n.(*hclsyntax.FunctionCallExpr); ok && wrong[call.Name] {
			out = append(out, call)
		}
		return nil
	})
	return out
}

func misplaced(summary, what, belongs string, rng hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  summary,
		Detail: fmt.Sprintf("%s is a %s condition. recipient takes audience(...) and redelivery(...); filter takes gender(...), age(...), "+
			"app_type(...), area(...) and subscription_period(...); and, or and not combine conditions of one kind. Move it to %s.",
			what, belongs, belongs),
		Subject: rng.Ptr(),
	}
}

// evalNarrowcast writes the recipient, filter and limit of a narrowcast
// into s.Body and sets s.Wait.
func (r *run) evalNarrowcast(s *Send, c *cast, ctx *hcl.EvalContext) {
	if a := c.Recipient; a != nil {
		if v, ok := r.evalConditions(s, a, ctx, true); ok {
			s.Body["recipient"] = r.conditionJSON(s, "recipient", v, a)
		}
	}
	if a := c.Filter; a != nil {
		s.Ranges["filter"] = a.Expr.Range()
		if v, ok := r.evalConditions(s, a, ctx, false); ok {
			s.Body["filter"] = map[string]any{"demographic": r.conditionJSON(s, "filter.demographic", v, a)}
		}
	}
	if c.Limit != nil {
		r.evalLimit(s, c.Limit, ctx)
	}
	s.Wait = true
	if a := c.Wait; a != nil {
		v, _ := r.evalField(fieldSpec{name: a.Name, kind: boolField}, a, ctx).UnmarkDeep()
		switch {
		case !v.IsKnown():
			r.diags = append(r.diags, mustBeKnown(a, "wait"))
		case !v.IsNull():
			s.Wait = v.True()
		}
	}
}

// conditionJSON converts the conditions v of a to Body values at path.
// An Unknown in it names the one reference that gives it
// ("audience.vip.id"), not the whole expression of a.
func (r *run) conditionJSON(s *Send, path string, v cty.Value, a *hcl.Attribute) any {
	_, pvm := v.UnmarkDeepWithPaths()
	return namedUnknowns(r.toJSON(s, path, v, a.Expr.Range()), path, marksByPath(path, pvm))
}

func namedUnknowns(v any, path string, marks map[string]cty.ValueMarks) any {
	return Rewrite(path, v, func(p *Path, e any) (any, bool) {
		if _, ok := e.(Unknown); ok {
			if refs := refsOf(marks[p.String()]); len(refs) == 1 {
				return Unknown{Ref: refs[0]}, true
			}
		}
		return nil, false
	})
}

// evalConditions evaluates a recipient (recipient true) or a filter, and
// checks that it holds only conditions of its kind, and not too many. A
// null value means none; ok is false then, and on errors.
func (r *run) evalConditions(s *Send, a *hcl.Attribute, ctx *hcl.EvalContext, recipient bool) (cty.Value, bool) {
	key := "filter.demographic"
	if recipient {
		key = "recipient"
	}
	s.Ranges[key] = a.Expr.Range()
	v := r.evalExpr(a.Expr, ctx)
	plain, _ := v.UnmarkDeep()
	if plain.IsNull() {
		return v, false
	}
	if !plain.IsKnown() && plain.Type() == cty.DynamicPseudoType {
		return v, false // an error reported already
	}
	w := &condWalk{recipient: recipient}
	w.walk(plain)
	if w.wrong != "" && len(misplacedCalls(a, recipient)) > 0 {
		return v, false // reported on the calls when decoding
	}
	if d := w.diagnostic(a); d != nil {
		r.diags = append(r.diags, d)
		return v, false
	}
	return v, true
}

// condWalk checks a tree of conditions.
type condWalk struct {
	recipient bool
	leaves    int    // audience + redelivery, or filter conditions
	wrong     string // the function name of a condition of the other kind
	invalid   string // why a node is not a condition
}

func (w *condWalk) walk(v cty.Value) {
	if !v.IsKnown() || v.IsNull() {
		if v.IsNull() {
			w.invalid = "it holds null"
		}
		return
	}
	ty := v.Type()
	if !ty.IsObjectType() || !ty.HasAttribute("type") || !v.GetAttr("type").IsKnown() || v.GetAttr("type").IsNull() {
		w.invalid = "it holds a " + ty.FriendlyName() + " that is not a condition"
		return
	}
	typ := v.GetAttr("type").AsString()
	own, other := recipientTypes, filterTypes
	if !w.recipient {
		own, other = filterTypes, recipientTypes
	}
	switch {
	case typ == "operator":
		for _, op := range []string{"and", "or", "not"} {
			if !ty.HasAttribute(op) {
				continue
			}
			sub := v.GetAttr(op)
			if op == "not" {
				w.walk(sub)
				continue
			}
			for it := sub.ElementIterator(); it.Next(); {
				_, e := it.Element()
				w.walk(e)
			}
		}
	case own[typ] != "":
		w.leaves++
	case other[typ] != "":
		w.wrong = other[typ]
	default:
		w.invalid = fmt.Sprintf("it holds an object of type %q", typ)
	}
}

// diagnostic is the error the walk found, on a, or nil.
func (w *condWalk) diagnostic(a *hcl.Attribute) *hcl.Diagnostic {
	noun, limit, summary := "filter conditions", maxFilterConditions, "Too many filter conditions"
	if w.recipient {
		noun, limit, summary = "audiences and redeliveries", maxAudiences, "Too many audiences"
	}
	switch {
	case w.wrong != "" && w.recipient:
		return misplaced("Filter condition in recipient", w.wrong+"(...)", "filter", a.Expr.Range())
	case w.wrong != "":
		return misplaced("Recipient condition in filter", w.wrong+"(...)", "recipient", a.Expr.Range())
	case w.invalid != "":
		return &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid " + a.Name,
			Detail: fmt.Sprintf("The %s of a narrowcast is built with the condition functions (audience, redelivery, gender, age, "+
				"app_type, area, subscription_period) combined with and, or and not; %s.", a.Name, w.invalid),
			Subject: a.Expr.Range().Ptr(),
		}
	case w.leaves > limit:
		return &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  summary,
			Detail:   fmt.Sprintf("LINE takes at most %d %s in one narrowcast; this %s has %d.", limit, noun, a.Name, w.leaves),
			Subject:  a.Expr.Range().Ptr(),
		}
	}
	return nil
}

// evalLimit writes the limit block into s.Body["limit"], leaving out
// what is not set.
func (r *run) evalLimit(s *Send, l *limitBlock, ctx *hcl.EvalContext) {
	out := map[string]any{}
	s.Ranges["limit"] = l.DeclRange
	if a := l.Max; a != nil {
		v, _ := r.evalField(fieldSpec{name: a.Name, kind: numberField}, a, ctx).UnmarkDeep()
		switch {
		case !v.IsKnown():
			r.diags = append(r.diags, mustBeKnown(a, "limit.max"))
		case v.IsNull():
		case !wholePositive(v):
			r.diags = append(r.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid limit",
				Detail:   "max is the most users the narrowcast may reach: a whole number, 1 or more.",
				Subject:  a.Expr.Range().Ptr(),
			})
		default:
			f, _ := v.AsBigFloat().Float64()
			out["max"] = f
			s.Ranges["limit.max"] = a.Expr.Range()
		}
	}
	upTo := r.limitBool(s, l.UpToRemainingQuota, "upToRemainingQuota", out, ctx)
	forbid := r.limitBool(s, l.ForbidPartialDelivery, "forbidPartialDelivery", out, ctx)
	if forbid && !upTo {
		r.diags = append(r.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "forbid_partial_delivery needs up_to_remaining_quota",
			Detail: "forbid_partial_delivery = true cancels the narrowcast when the remaining quota cannot reach everyone, " +
				"which LINE allows only together with up_to_remaining_quota = true.",
			Subject: l.ForbidPartialDelivery.Expr.Range().Ptr(),
		})
	}
	if len(out) > 0 {
		s.Body["limit"] = out
	}
}

// limitBool evaluates an optional bool of a limit block into out[key],
// and returns its value (false when not set).
func (r *run) limitBool(s *Send, a *hcl.Attribute, key string, out map[string]any, ctx *hcl.EvalContext) bool {
	if a == nil {
		return false
	}
	v, _ := r.evalField(fieldSpec{name: a.Name, kind: boolField}, a, ctx).UnmarkDeep()
	switch {
	case !v.IsKnown():
		r.diags = append(r.diags, mustBeKnown(a, "limit."+a.Name))
		return false
	case v.IsNull():
		return false
	}
	out[key] = v.True()
	s.Ranges["limit."+key] = a.Expr.Range()
	return v.True()
}

func mustBeKnown(a *hcl.Attribute, what string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Value not known when planning",
		Detail:   fmt.Sprintf("%s must be known when the configuration is loaded; it cannot use values known only after apply.", what),
		Subject:  a.Expr.Range().Ptr(),
	}
}
