package lang

import (
	"sync"

	"fmt"
	"regexp"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Reply is an evaluated reply rule for `lineup serve`: a text message that
// Match matches is answered with Messages.
type Reply struct {
	Name string
	// Match is the rule's RE2 regular expression, compiled; nil only when
	// the diagnostics hold an error about it.
	Match *regexp.Regexp
	// Messages are the message objects as LINE's JSON (map[string]any
	// leaves as in Send.Body), with Unknown for values known only after
	// apply.
	Messages []any
	// Quote puts the incoming message's quote token on the first message
	// object that may carry one.
	Quote                bool
	NotificationDisabled bool
	// Sensitive holds the JSON paths of Messages ("messages[0].text") whose
	// values come from a sensitive variable, as Send.Sensitive does.
	Sensitive map[string]bool
	DeclRange hcl.Range
	// Ranges maps JSON paths ("messages[0].text", "match", "quote") to
	// source ranges, as Send.Ranges does.
	Ranges map[string]hcl.Range
}

// Replies returns the reply rules in the order they are tried: the order
// they appear in, files in name order.
func (c *Config) Replies() []*Reply {
	if c == nil || c.eval == nil {
		return nil
	}
	return c.eval.replies
}

// replyBlock is a reply block, decoded. Exactly one of Messages and Inline
// is set when the block is valid.
type replyBlock struct {
	Name                 string
	Match                *hcl.Attribute
	Messages             *hcl.Attribute
	Inline               []*messageBlock
	Quote                *hcl.Attribute
	NotificationDisabled *hcl.Attribute
	DeclRange            hcl.Range
}

var replySchema = sync.OnceValue(func() *hcl.BodySchema {
	return &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{
			{Name: "match", Required: true},
			{Name: "messages"},
			{Name: "quote"},
			{Name: "notification_disabled"},
		},
		Blocks: messageBlockSchemas(),
	}
})

// decodeReplyBlock decodes a reply block: match, and either messages =
// EXPR or message blocks.
func decodeReplyBlock(block *hcl.Block) (*replyBlock, hcl.Diagnostics) {
	diags := checkName(block, "reply")
	if diags.HasErrors() {
		return nil, diags
	}
	content, d := bodyContent(block.Body, replySchema())
	diags = append(diags, d...)
	rb := &replyBlock{
		Name:                 block.Labels[0],
		Match:                content.Attributes["match"],
		Messages:             content.Attributes["messages"],
		Quote:                content.Attributes["quote"],
		NotificationDisabled: content.Attributes["notification_disabled"],
		DeclRange:            block.DefRange,
	}
	rb.Inline, d = decodeMessageBlocks(content.Blocks)
	diags = append(diags, d...)
	diags = append(diags, checkMessagesGiven("reply rule", "answers with", rb.Messages, len(rb.Inline), rb.DeclRange)...)
	return rb, diags
}

func replyRange(rb *replyBlock) hcl.Range { return rb.DeclRange }

// expressions returns every expression of the rule, for the graph.
func (rb *replyBlock) expressions() []hcl.Expression {
	var out []hcl.Expression
	for _, a := range []*hcl.Attribute{rb.Match, rb.Messages, rb.Quote, rb.NotificationDisabled} {
		if a != nil {
			out = append(out, a.Expr)
		}
	}
	for _, mb := range rb.Inline {
		out = append(out, mb.expressions()...)
	}
	return out
}

// evalReply evaluates a reply rule.
func (r *run) evalReply(rb *replyBlock) *Reply {
	s := &Send{Kind: KindReply, Name: rb.Name, DeclRange: rb.DeclRange,
		Body: map[string]any{}, Ranges: map[string]hcl.Range{}}
	out := &Reply{Name: rb.Name, DeclRange: rb.DeclRange, Ranges: s.Ranges}
	ctx := r.ctx("reply." + rb.Name)
	if a := rb.Match; a != nil {
		s.Ranges["match"] = a.Expr.Range()
		out.Match = r.compileMatch(a, r.evalField(fieldSpec{name: a.Name, kind: stringField, required: true}, a, ctx))
	}
	var msgs cty.Value
	var fallback hcl.Range
	if rb.Messages != nil {
		msgs, fallback = r.evalExpr(rb.Messages.Expr, ctx), rb.Messages.Expr.Range()
	} else {
		vals := make([]cty.Value, len(rb.Inline))
		for i, mb := range rb.Inline {
			vals[i] = r.evalMessage(mb, ctx)
		}
		msgs, fallback = cty.TupleVal(vals), rb.DeclRange
	}
	types, _, ok := r.writeMessages(s, msgs, fallback, rb.Messages != nil)
	out.Messages, _ = s.Body["messages"].([]any)
	out.Sensitive = s.Sensitive
	out.Quote = r.knownBool(rb.Quote, ctx, s.Ranges)
	out.NotificationDisabled = r.knownBool(rb.NotificationDisabled, ctx, s.Ranges)
	if out.Quote && ok && types != nil {
		r.checkQuoteTarget(rb, out, types)
	}
	return out
}

// compileMatch compiles the value of match as a Go (RE2) regular
// expression, reporting it on the attribute when it is not one.
func (r *run) compileMatch(a *hcl.Attribute, v cty.Value) *regexp.Regexp {
	v, _ = v.UnmarkDeep()
	if v.IsNull() {
		return nil // reported by evalField
	}
	if !v.IsKnown() {
		r.diags = append(r.diags, notKnownDiag(a))
		return nil
	}
	re, err := regexp.Compile(v.AsString())
	if err != nil {
		r.diags = append(r.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid regular expression",
			Detail:   fmt.Sprintf("match is an RE2 regular expression, tried against the text of each text message: %s.", err),
			Subject:  a.Expr.Range().Ptr(),
		})
		return nil
	}
	return re
}

// knownBool evaluates an optional bool attribute that must be known when
// loading; nil is false.
func (r *run) knownBool(a *hcl.Attribute, ctx *hcl.EvalContext, ranges map[string]hcl.Range) bool {
	if a == nil {
		return false
	}
	ranges[a.Name] = a.Expr.Range()
	v, _ := r.evalField(fieldSpec{name: a.Name, kind: boolField}, a, ctx).UnmarkDeep()
	switch {
	case v.IsNull():
		return false
	case !v.IsKnown():
		r.diags = append(r.diags, notKnownDiag(a))
		return false
	}
	return v.True()
}

func notKnownDiag(a *hcl.Attribute) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Value not known when loading",
		Detail:   fmt.Sprintf("The argument %q of a reply rule must be known when the configuration is loaded; it cannot use values known only after apply.", a.Name),
		Subject:  a.Expr.Range().Ptr(),
	}
}

// checkQuoteTarget reports quote = true on a rule with no message object
// that may quote, or whose first such object already has a quote token.
func (r *run) checkQuoteTarget(rb *replyBlock, out *Reply, types []string) {
	for i, t := range types {
		if t != "text" && t != "textV2" && t != "sticker" {
			continue
		}
		obj, _ := out.Messages[i].(map[string]any)
		if _, has := obj[quoteTokenField.key]; !has {
			return
		}
		r.diags = append(r.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Quote token given twice",
			Detail:   fmt.Sprintf("quote = true puts the user's quote token on message %d, the first that may quote, but it already has a quote_token. Remove one of them.", i),
			Subject:  out.Ranges[rb.Quote.Name].Ptr(),
		})
		return
	}
	rng := out.Ranges[rb.Quote.Name]
	r.diags = append(r.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Nothing to quote with",
		Detail:   "quote = true puts the user's quote token on the first text, text_v2 or sticker message of the reply, but this reply has none.",
		Subject:  rng.Ptr(),
	})
}

// sortReplies orders rules as they appear: files in name order, then by
// position in the file.
func sortReplies(rs []*Reply) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i].DeclRange, rs[j].DeclRange
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Start.Byte < b.Start.Byte
	})
}
