package lang

import (
	"sync"

	"github.com/hashicorp/hcl/v2"
)

var pushSchema = sync.OnceValue(func() *hcl.BodySchema {
	return &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{
			{Name: "to", Required: true},
			{Name: "messages"},
			{Name: "notification_disabled"},
			{Name: "aggregation_unit"},
			scheduleSchema[0], scheduleSchema[1],
		},
		Blocks: messageBlockSchemas(),
	}
})

// decodePushBlock decodes a push block: to, and either messages = EXPR or
// message blocks.
func decodePushBlock(block *hcl.Block) (*push, hcl.Diagnostics) {
	diags := checkName(block, "push")
	if diags.HasErrors() {
		return nil, diags
	}
	content, d := bodyContent(block.Body, pushSchema())
	diags = append(diags, d...)
	p := &push{
		Name:                 block.Labels[0],
		To:                   content.Attributes["to"],
		Messages:             content.Attributes["messages"],
		NotificationDisabled: content.Attributes["notification_disabled"],
		AggregationUnit:      content.Attributes["aggregation_unit"],
		Schedule:             decodeSchedule(content),
		DeclRange:            block.DefRange,
	}
	p.Inline, d = decodeMessageBlocks(content.Blocks)
	diags = append(diags, d...)
	diags = append(diags, checkMessagesGiven("push", "sends", p.Messages, len(p.Inline), p.DeclRange)...)
	return p, diags
}

// expressions returns every expression of the push, for the graph.
func (p *push) expressions() []hcl.Expression {
	var out []hcl.Expression
	for _, a := range []*hcl.Attribute{p.To, p.Messages, p.NotificationDisabled, p.AggregationUnit} {
		if a != nil {
			out = append(out, a.Expr)
		}
	}
	for _, mb := range p.Inline {
		out = append(out, mb.expressions()...)
	}
	return append(out, p.Schedule.expressions()...)
}
