package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// bodyContent is body.Content(schema), made directly for the common
// case: a native syntax body holding only what schema names, with every
// required attribute. hcl's Content builds several maps per call to
// track hidden names, which dominated decoding thousands of blocks. A
// body with anything else goes to Content itself, for its diagnostics.
func bodyContent(body hcl.Body, schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	sb, ok := body.(*hclsyntax.Body)
	if !ok || !fits(sb, schema) {
		content, diags := body.Content(schema)
		return content, oneErrorPerMistake(diags)
	}
	content := &hcl.BodyContent{
		Attributes:       make(hcl.Attributes, len(sb.Attributes)),
		MissingItemRange: sb.MissingItemRange(),
	}
	for name, attr := range sb.Attributes {
		content.Attributes[name] = attr.AsHCLAttribute()
	}
	if len(sb.Blocks) > 0 {
		content.Blocks = make(hcl.Blocks, len(sb.Blocks))
		for i, block := range sb.Blocks {
			content.Blocks[i] = block.AsHCLBlock()
		}
	}
	return content, nil
}

// fits reports whether Content would find nothing wrong with body: every
// attribute and block is in schema, blocks have their labels, required
// attributes are there, and no name was hidden by an earlier partial
// decode.
func fits(body *hclsyntax.Body, schema *hcl.BodySchema) bool {
	if body.Attributes == nil && body.Blocks == nil {
		return false // leave the unusual to hcl
	}
	for name := range body.Attributes {
		if !hasAttribute(schema, name) {
			return false
		}
	}
	for _, a := range schema.Attributes {
		if _, ok := body.Attributes[a.Name]; a.Required && !ok {
			return false
		}
	}
	for _, block := range body.Blocks {
		if !hasBlock(schema, block.Type, len(block.Labels)) {
			return false
		}
	}
	return true
}

func hasAttribute(schema *hcl.BodySchema, name string) bool {
	for _, a := range schema.Attributes {
		if a.Name == name {
			return true
		}
	}
	return false
}

func hasBlock(schema *hcl.BodySchema, typ string, labels int) bool {
	for _, b := range schema.Blocks {
		if b.Type == typ {
			return len(b.LabelNames) == labels
		}
	}
	return false
}
