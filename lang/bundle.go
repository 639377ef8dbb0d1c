package lang

import (
	"fmt"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// maxMessages is how many message objects LINE takes in one request.
const maxMessages = 5

// bundleSchema is the body of a bundle block.
var bundleSchema = sync.OnceValue(func() *hcl.BodySchema {
	return &hcl.BodySchema{Blocks: messageBlockSchemas()}
})

// decodeBundleBlock decodes a bundle block: 1 to 5 message blocks.
func decodeBundleBlock(block *hcl.Block) (*bundle, hcl.Diagnostics) {
	diags := checkName(block, "bundle")
	if diags.HasErrors() {
		return nil, diags
	}
	b := &bundle{Name: block.Labels[0], DeclRange: block.DefRange}
	content, d := bodyContent(block.Body, bundleSchema())
	diags = append(diags, d...)
	b.Messages, d = decodeMessageBlocks(content.Blocks)
	diags = append(diags, d...)
	if len(b.Messages) == 0 {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "No message objects",
			Detail:   fmt.Sprintf("A bundle holds 1 to %d message blocks, such as text { ... } or sticker { ... }.", maxMessages),
			Subject:  b.DeclRange.Ptr(),
		})
	}
	return b, diags
}

// decodeMessageBlocks decodes message blocks, reporting the first one past
// the limit of LINE.
func decodeMessageBlocks(blocks hcl.Blocks) ([]*messageBlock, hcl.Diagnostics) {
	var out []*messageBlock
	var diags hcl.Diagnostics
	for i, blk := range blocks {
		if i == maxMessages {
			diags = append(diags, tooManyMessages(len(blocks), blk.DefRange))
		}
		mb, d := decodeMessageBlock(blk)
		diags = append(diags, d...)
		out = append(out, mb)
	}
	return out, diags
}

func tooManyMessages(n int, rng hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Too many message objects",
		Detail:   fmt.Sprintf("LINE takes 1 to %d message objects in one request; this has %d. Split them into several sends.", maxMessages, n),
		Subject:  rng.Ptr(),
	}
}

// evalBundle evaluates a bundle into a tuple of message object values.
func (r *run) evalBundle(b *bundle) cty.Value {
	ctx := r.ctx("bundle." + b.Name)
	vals := make([]cty.Value, len(b.Messages))
	for i, mb := range b.Messages {
		vals[i] = r.evalMessage(mb, ctx)
	}
	return cty.TupleVal(vals)
}
