package lang

import (
	"github.com/hashicorp/hcl/v2"
)

// fieldKind is the type an attribute of a message object converts to.
type fieldKind int

const (
	stringField fieldKind = iota
	numberField
	boolField
	anyField // kept as written, for JSON passed through (flex contents)
)

// fieldSpec maps one snake_case attribute to a key of LINE's JSON.
type fieldSpec struct {
	name     string // HCL attribute, "quote_token"
	key      string // LINE JSON key, "quoteToken"
	kind     fieldKind
	required bool
}

// nestedSpec maps a repeatable nested block to a JSON list of objects.
type nestedSpec struct {
	block  string // HCL block type, "emoji"
	key    string // LINE JSON key of the list, "emojis"
	fields []fieldSpec
}

// messageSpec describes one kind of message object block. Adding a kind
// of message object is adding a messageSpec to messageSpecs.
type messageSpec struct {
	block        string // HCL block type, "text"
	jsonType     string // LINE's type, "text"
	fields       []fieldSpec
	nested       []nestedSpec
	returnsQuote bool // LINE returns a quote token for it in sentMessages
	// finish, when set, completes the JSON after the fields are evaluated
	// (for example, assigning emoji indexes).
	finish func(b *messageBuilder) hcl.Diagnostics
}

// quoteTokenField is the field of message objects that may quote.
var quoteTokenField = fieldSpec{name: "quote_token", key: "quoteToken", kind: stringField}

// messageSpecs lists every kind of message object, in the order of the
// language documentation.
var messageSpecs = []*messageSpec{
	{
		block:    "text",
		jsonType: "text",
		fields: []fieldSpec{
			{name: "text", key: "text", kind: stringField, required: true},
			quoteTokenField,
		},
		nested: []nestedSpec{{
			block: "emoji",
			key:   "emojis",
			fields: []fieldSpec{
				{name: "product_id", key: "productId", kind: stringField, required: true},
				{name: "emoji_id", key: "emojiId", kind: stringField, required: true},
				{name: "index", key: "index", kind: numberField},
			},
		}},
		returnsQuote: true,
		finish:       assignEmojiIndexes,
	},
	{
		block:    "sticker",
		jsonType: "sticker",
		fields: []fieldSpec{
			{name: "package_id", key: "packageId", kind: stringField, required: true},
			{name: "sticker_id", key: "stickerId", kind: stringField, required: true},
			quoteTokenField,
		},
		returnsQuote: true,
	},
	{
		block:    "image",
		jsonType: "image",
		fields: []fieldSpec{
			{name: "original_url", key: "originalContentUrl", kind: stringField, required: true},
			{name: "preview_url", key: "previewImageUrl", kind: stringField, required: true},
		},
		returnsQuote: true,
	},
}

// messageSpecFor returns the spec of a message block type, or nil.
func messageSpecFor(blockType string) *messageSpec {
	for _, s := range messageSpecs {
		if s.block == blockType {
			return s
		}
	}
	return nil
}

// returnsQuote reports whether LINE returns a quote token for a message
// object of the given LINE type.
func returnsQuote(jsonType string) bool {
	for _, s := range messageSpecs {
		if s.jsonType == jsonType {
			return s.returnsQuote
		}
	}
	return false
}

// canQuote reports whether the message object may carry quote_token.
func (s *messageSpec) canQuote() bool {
	for _, f := range s.fields {
		if f.name == quoteTokenField.name {
			return true
		}
	}
	return false
}

// messageBlockSchemas are the block headers of every message object, for
// the bodies of bundles and sends.
func messageBlockSchemas() []hcl.BlockHeaderSchema {
	out := make([]hcl.BlockHeaderSchema, len(messageSpecs))
	for i, s := range messageSpecs {
		out[i] = hcl.BlockHeaderSchema{Type: s.block}
	}
	return out
}

// schema is the body schema of the message block. quote_token is always
// in it, so that a message object that may not quote gets one precise
// diagnostic instead of "Unsupported argument".
func (s *messageSpec) schema() *hcl.BodySchema {
	sch := &hcl.BodySchema{Attributes: fieldSchemas(s.fields)}
	if !s.canQuote() {
		sch.Attributes = append(sch.Attributes, hcl.AttributeSchema{Name: quoteTokenField.name})
	}
	for _, n := range s.nested {
		sch.Blocks = append(sch.Blocks, hcl.BlockHeaderSchema{Type: n.block})
	}
	return sch
}

func fieldSchemas(fields []fieldSpec) []hcl.AttributeSchema {
	out := make([]hcl.AttributeSchema, len(fields))
	for i, f := range fields {
		out[i] = hcl.AttributeSchema{Name: f.name, Required: f.required}
	}
	return out
}

// messageBlock is a decoded message object block, not yet evaluated.
type messageBlock struct {
	spec   *messageSpec
	block  *hcl.Block
	attrs  hcl.Attributes
	nested []*nestedBlock // in source order
}

// nestedBlock is a decoded nested block of a message object.
type nestedBlock struct {
	spec  *nestedSpec
	block *hcl.Block
	attrs hcl.Attributes
}

// decodeMessageBlock decodes a message object block whose type has a spec.
func decodeMessageBlock(block *hcl.Block) (*messageBlock, hcl.Diagnostics) {
	spec := messageSpecFor(block.Type)
	content, diags := block.Body.Content(spec.schema())
	mb := &messageBlock{spec: spec, block: block, attrs: content.Attributes}
	if qt := content.Attributes[quoteTokenField.name]; qt != nil && !spec.canQuote() {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Quote token not allowed",
			Detail:   "Only text, text_v2 and sticker messages may quote a message; LINE does not accept quote_token on " + spec.block + " messages.",
			Subject:  qt.Range.Ptr(),
		})
		delete(mb.attrs, quoteTokenField.name)
	}
	for _, nb := range content.Blocks {
		for i := range spec.nested {
			ns := &spec.nested[i]
			if ns.block != nb.Type {
				continue
			}
			nc, d := nb.Body.Content(&hcl.BodySchema{Attributes: fieldSchemas(ns.fields)})
			diags = append(diags, d...)
			mb.nested = append(mb.nested, &nestedBlock{spec: ns, block: nb, attrs: nc.Attributes})
		}
	}
	return mb, diags
}

// expressions returns every expression of the block, for the graph.
func (mb *messageBlock) expressions() []hcl.Expression {
	var out []hcl.Expression
	for _, a := range sortedAttributes(mb.attrs) {
		out = append(out, a.Expr)
	}
	for _, nb := range mb.nested {
		for _, a := range sortedAttributes(nb.attrs) {
			out = append(out, a.Expr)
		}
	}
	return out
}
