package lang

import (
	"slices"

	"github.com/hashicorp/hcl/v2"
)

// castKinds are the block types of the sends other than push, which share
// the cast type: multicast, broadcast and narrowcast.
var castKinds = []string{"multicast", "broadcast", "narrowcast"}

// isCastKind reports whether root is one of castKinds.
func isCastKind(root string) bool {
	return slices.Contains(castKinds, root)
}

// cast is a multicast, broadcast or narrowcast block. Attributes a kind
// does not take are nil (the schema of each kind refuses them).
type cast struct {
	Kind                 Kind // KindMulticast, KindBroadcast or KindNarrowcast
	Name                 string
	Messages             *hcl.Attribute
	Inline               []*messageBlock
	NotificationDisabled *hcl.Attribute
	// multicast
	To              *hcl.Attribute
	AggregationUnit *hcl.Attribute
	// narrowcast
	Recipient *hcl.Attribute
	Filter    *hcl.Attribute
	Limit     *limitBlock
	Wait      *hcl.Attribute
	Schedule  scheduleAttrs
	DeclRange hcl.Range
}

// Address is the cast's address, "narrowcast.winter_sale".
func (c *cast) Address() string { return string(c.Kind) + "." + c.Name }

// limitBlock is the limit block of a narrowcast.
type limitBlock struct {
	Max                   *hcl.Attribute
	UpToRemainingQuota    *hcl.Attribute
	ForbidPartialDelivery *hcl.Attribute
	DeclRange             hcl.Range
}

// broadcastSchema is the body of a broadcast block; the other casts add
// to it.
func broadcastSchema() *hcl.BodySchema {
	return &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{
			{Name: "messages"},
			{Name: "notification_disabled"},
			scheduleSchema[0], scheduleSchema[1],
		},
		Blocks: messageBlockSchemas(),
	}
}

func castRange(c *cast) hcl.Range { return c.DeclRange }

// decodeCastBlock decodes the block of any cast kind: messages = EXPR or
// message blocks, and the attributes of its kind.
func decodeCastBlock(block *hcl.Block) (*cast, hcl.Diagnostics) {
	diags := checkName(block, block.Type)
	if diags.HasErrors() {
		return nil, diags
	}
	var schema *hcl.BodySchema
	switch block.Type {
	case "multicast":
		schema = multicastSchema()
	case "narrowcast":
		schema = narrowcastSchema()
	default:
		schema = broadcastSchema()
	}
	content, d := bodyContent(block.Body, schema)
	diags = append(diags, d...)
	c := &cast{
		Kind:                 Kind(block.Type),
		Name:                 block.Labels[0],
		Messages:             content.Attributes["messages"],
		NotificationDisabled: content.Attributes["notification_disabled"],
		To:                   content.Attributes["to"],
		AggregationUnit:      content.Attributes["aggregation_unit"],
		Recipient:            content.Attributes["recipient"],
		Filter:               content.Attributes["filter"],
		Wait:                 content.Attributes["wait"],
		Schedule:             decodeSchedule(content),
		DeclRange:            block.DefRange,
	}
	var msgBlocks hcl.Blocks
	for _, b := range content.Blocks {
		if b.Type == "limit" {
			l, d := decodeLimitBlock(b, c.Limit)
			diags = append(diags, d...)
			if c.Limit == nil {
				c.Limit = l
			}
			continue
		}
		msgBlocks = append(msgBlocks, b)
	}
	c.Inline, d = decodeMessageBlocks(msgBlocks)
	diags = append(diags, d...)
	diags = append(diags, checkMessagesGiven(string(c.Kind), "sends", c.Messages, len(c.Inline), c.DeclRange)...)
	diags = append(diags, c.checkFunctionPlaces()...)
	return c, diags
}

// expressions returns every expression of the cast, for the graph.
func (c *cast) expressions() []hcl.Expression {
	var out []hcl.Expression
	attrs := []*hcl.Attribute{c.Messages, c.NotificationDisabled, c.To, c.AggregationUnit, c.Recipient, c.Filter, c.Wait}
	if l := c.Limit; l != nil {
		attrs = append(attrs, l.Max, l.UpToRemainingQuota, l.ForbidPartialDelivery)
	}
	for _, a := range attrs {
		if a != nil {
			out = append(out, a.Expr)
		}
	}
	for _, mb := range c.Inline {
		out = append(out, mb.expressions()...)
	}
	return append(out, c.Schedule.expressions()...)
}
