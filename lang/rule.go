package lang

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// Rule is a rule block: a condition every send must meet, evaluated per
// send by the planner with Check. Its condition and error_message may
// refer to send.* (see SendFacts) and var.*.
type Rule struct {
	Name string
	// Severity is hcl.DiagError ("error", the default) or hcl.DiagWarning
	// ("warning").
	Severity  hcl.DiagnosticSeverity
	DeclRange hcl.Range

	condition, message hcl.Expression
	vars               cty.Value // var, set by Load
}

// SendFacts are the values a rule sees as send.*.
type SendFacts struct {
	Kind    string // send.kind
	Address string // send.address
	// Messages is the messages of the body, as LINE's JSON (send.messages);
	// values known only after apply are unknown.
	Messages any
	// EstimatedMessages is send.estimated_messages; -1 (not known offline)
	// is null.
	EstimatedMessages int
	// NotBefore is send.not_before, RFC 3339; zero is null.
	NotBefore time.Time
	// Recipients are the user IDs of a push or multicast (send.recipients);
	// nil is null.
	Recipients []string
}

// sendFields are the attributes of send in a rule.
var sendFields = []string{"kind", "address", "messages", "estimated_messages", "not_before", "recipients"}

var ruleSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "severity"}, {Name: "condition", Required: true}, {Name: "error_message", Required: true},
	},
}

func ruleRange(r *Rule) hcl.Range { return r.DeclRange }

// decodeRuleBlock decodes a rule block and checks what its expressions
// refer to.
func decodeRuleBlock(block *hcl.Block) (*Rule, hcl.Diagnostics) {
	diags := checkName(block, "rule")
	content, d := bodyContent(block.Body, ruleSchema)
	diags = append(diags, d...)
	if diags.HasErrors() {
		return nil, diags
	}
	r := &Rule{Name: block.Labels[0], Severity: hcl.DiagError, DeclRange: block.DefRange,
		condition: content.Attributes["condition"].Expr, message: content.Attributes["error_message"].Expr}
	if a := content.Attributes["severity"]; a != nil {
		var sev string
		diags = append(diags, constString(a, &sev)...)
		switch sev {
		case "error", "":
		case "warning":
			r.Severity = hcl.DiagWarning
		default:
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid rule severity",
				Detail:   fmt.Sprintf("A rule's severity is \"error\" (the plan fails) or \"warning\", not %q.", sev),
				Subject:  a.Expr.Range().Ptr(),
			})
		}
	}
	diags = append(diags, checkRuleRefs(r.condition)...)
	diags = append(diags, checkRuleRefs(r.message)...)
	return r, diags
}

// checkRuleRefs reports references in a rule to anything but send.* and
// var.*, and to attributes send does not have.
func checkRuleRefs(expr hcl.Expression) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, tr := range expr.Variables() {
		root := tr.RootName()
		switch {
		case root == "var":
		case root != "send":
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid reference in rule",
				Detail:   fmt.Sprintf("A rule may refer only to send.* (%s) and var.*, not to %s.", joinSend(), root),
				Subject:  tr.SourceRange().Ptr(),
			})
		case len(tr) < 2:
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid reference in rule",
				Detail:   fmt.Sprintf("send is an object; refer to one of its attributes: %s.", joinSend()),
				Subject:  tr.SourceRange().Ptr(),
			})
		default:
			step, ok := tr[1].(hcl.TraverseAttr)
			if ok && slices.Contains(sendFields, step.Name) {
				continue
			}
			detail := fmt.Sprintf("send has no such attribute; it has %s.", joinSend())
			if ok {
				if s := suggest(step.Name, sendFields); s != "" {
					detail += fmt.Sprintf(" Did you mean %q?", s)
				}
			}
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Unsupported attribute",
				Detail:   detail,
				Subject:  tr[1].SourceRange().Ptr(),
			})
		}
	}
	return diags
}

func joinSend() string {
	out := make([]string, len(sendFields))
	for i, f := range sendFields {
		out[i] = "send." + f
	}
	return strings.Join(out, ", ")
}

// Check evaluates the rule for one send. It returns the rule's
// error_message when the condition is false, and "" when it is true or
// cannot be decided yet (it depends on a value known only after apply).
// The diagnostics are mistakes in the rule itself, such as a condition
// that is not true or false.
func (r *Rule) Check(f SendFacts) (string, hcl.Diagnostics) {
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"send": f.value(), "var": r.vars},
		Functions: functions(),
	}
	cond, diags := r.condition.Value(ctx)
	if diags.HasErrors() {
		return "", diags
	}
	cond, _ = cond.UnmarkDeep()
	if !cond.IsWhollyKnown() {
		return "", diags
	}
	cond, err := convert.Convert(cond, cty.Bool)
	if err != nil || cond.IsNull() {
		return "", append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid rule condition",
			Detail:   fmt.Sprintf("The condition of rule %q must be true or false.", r.Name),
			Subject:  r.condition.Range().Ptr(),
		})
	}
	if cond.True() {
		return "", diags
	}
	msg, d := r.message.Value(ctx)
	diags = append(diags, d...)
	msg, _ = msg.UnmarkDeep()
	if msg, err := convert.Convert(msg, cty.String); err == nil && msg.IsKnown() && !msg.IsNull() && msg.AsString() != "" {
		return msg.AsString(), diags
	}
	return fmt.Sprintf("The send does not meet rule %q.", r.Name), diags
}

// value is send as a rule sees it.
func (f SendFacts) value() cty.Value {
	est := cty.NullVal(cty.Number)
	if f.EstimatedMessages >= 0 {
		est = cty.NumberIntVal(int64(f.EstimatedMessages))
	}
	nb := cty.NullVal(cty.String)
	if !f.NotBefore.IsZero() {
		nb = cty.StringVal(f.NotBefore.Format(time.RFC3339))
	}
	rcpt := cty.NullVal(cty.List(cty.String))
	if f.Recipients != nil {
		vals := make([]cty.Value, len(f.Recipients))
		for i, id := range f.Recipients {
			vals[i] = cty.StringVal(id)
		}
		rcpt = cty.ListValEmpty(cty.String)
		if len(vals) > 0 {
			rcpt = cty.ListVal(vals)
		}
	}
	return cty.ObjectVal(map[string]cty.Value{
		"kind":               cty.StringVal(f.Kind),
		"address":            cty.StringVal(f.Address),
		"messages":           jsonValue(f.Messages),
		"estimated_messages": est,
		"not_before":         nb,
		"recipients":         rcpt,
	})
}

// jsonValue converts a body value (string, float64, bool, []any,
// map[string]any, Unknown) to cty: objects and tuples, with Unknown as an
// unknown value.
func jsonValue(v any) cty.Value {
	switch v := v.(type) {
	case string:
		return cty.StringVal(v)
	case float64:
		return cty.NumberVal(big.NewFloat(v))
	case bool:
		return cty.BoolVal(v)
	case []any:
		vals := make([]cty.Value, len(v))
		for i, e := range v {
			vals[i] = jsonValue(e)
		}
		return cty.TupleVal(vals)
	case map[string]any:
		vals := make(map[string]cty.Value, len(v))
		for k, e := range v {
			vals[k] = jsonValue(e)
		}
		return cty.ObjectVal(vals)
	case Unknown:
		return cty.DynamicVal
	}
	return cty.NullVal(cty.DynamicPseudoType)
}

// ruleList returns the rules sorted by name, given the variables' values
// they see as var.
func (m *module) ruleList(vars map[string]cty.Value) []*Rule {
	out := make([]*Rule, 0, len(m.rules))
	for _, name := range sortedKeys(m.rules) {
		r := m.rules[name]
		r.vars = cty.ObjectVal(vars)
		out = append(out, r)
	}
	return out
}

// strContainsFunc is strcontains(string, substr): whether substr is in
// string.
var strContainsFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "string", Type: cty.String}, {Name: "substr", Type: cty.String}},
	Type:   function.StaticReturnType(cty.Bool),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.BoolVal(strings.Contains(args[0].AsString(), args[1].AsString())), nil
	},
})
