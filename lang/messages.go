package lang

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
)

// fieldKind is the type an attribute of a message object converts to.
type fieldKind int

const (
	stringField fieldKind = iota
	numberField
	boolField
	anyField  // kept as written, for JSON passed through
	flexField // flex contents: a JSON string or an object, becomes an object
)

// fieldSpec maps one snake_case attribute to a key of LINE's JSON.
type fieldSpec struct {
	name string // HCL attribute, "quote_token"
	// key is the LINE JSON key, "quoteToken"; a dotted key such as
	// "baseSize.height" writes into a nested object. A key starting with
	// "_" is for the block's finish only and never reaches the JSON.
	key      string
	kind     fieldKind
	required bool
	// values translates the attribute's values to LINE's spelling
	// ("camera_roll" to "cameraRoll"); values not in it stay as written.
	values map[string]string
}

// childKind says how a nested block maps to JSON.
type childKind int

const (
	childList    childKind = iota // repeatable; a JSON list under key
	childOne                      // at most one; a JSON object under key
	childLabeled                  // repeatable with one label; a JSON object under key, by label
)

// childSpec describes a nested block of a block.
type childSpec struct {
	block string // HCL block type, "action"
	key   string // LINE JSON key, "actions"
	kind  childKind
	spec  *blockSpec
}

// blockSpec describes a block that becomes one JSON object: a message
// object or any block nested in one.
type blockSpec struct {
	fields []fieldSpec
	blocks []*childSpec
	// defaults are JSON values set unless a field set them: the "type" of
	// a template, the width of an imagemap.
	defaults map[string]any
	// oneOf, when set, names child blocks of which exactly one is required.
	oneOf []string
	// finish, when set, completes the JSON after the block is evaluated
	// (for example, assigning emoji indexes).
	finish func(b *objBuilder) hcl.Diagnostics
}

// messageSpec describes one kind of message object block. Adding a kind
// of message object is adding a messageSpec to messageSpecs.
type messageSpec struct {
	block        string // HCL block type, "text"
	jsonType     string // LINE's type, "text"
	returnsQuote bool   // LINE returns a quote token for it in sentMessages
	*blockSpec
}

// quoteTokenField is the field of message objects that may quote.
var quoteTokenField = fieldSpec{name: "quote_token", key: "quoteToken", kind: stringField}

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
var messageBlockSchemas = sync.OnceValue(func() []hcl.BlockHeaderSchema {
	out := make([]hcl.BlockHeaderSchema, len(messageSpecs))
	for i, s := range messageSpecs {
		out[i] = hcl.BlockHeaderSchema{Type: s.block}
	}
	return out
})

// schemas caches the body schema of every blockSpec and messageSpec:
// every block of a kind has the same, and files are decoded in parallel.
var schemas sync.Map // *blockSpec or *messageSpec -> *hcl.BodySchema

// schema is the body schema of a block of spec s.
func (s *blockSpec) schema() *hcl.BodySchema {
	if sch, ok := schemas.Load(s); ok {
		return sch.(*hcl.BodySchema)
	}
	sch := &hcl.BodySchema{}
	for _, f := range s.fields {
		sch.Attributes = append(sch.Attributes, hcl.AttributeSchema{Name: f.name, Required: f.required})
	}
	for _, c := range s.blocks {
		h := hcl.BlockHeaderSchema{Type: c.block}
		if c.kind == childLabeled {
			h.LabelNames = []string{"key"}
		}
		sch.Blocks = append(sch.Blocks, h)
	}
	schemas.Store(s, sch)
	return sch
}

// bodySchema is the body schema of a message block of spec s: that of
// its blockSpec, with quote_token for every type, so that a quote token
// where LINE takes none gets a clear error.
func (s *messageSpec) bodySchema() *hcl.BodySchema {
	if sch, ok := schemas.Load(s); ok {
		return sch.(*hcl.BodySchema)
	}
	base := s.schema()
	sch := &hcl.BodySchema{Attributes: slices.Clone(base.Attributes), Blocks: base.Blocks}
	if !s.canQuote() {
		sch.Attributes = append(sch.Attributes, hcl.AttributeSchema{Name: quoteTokenField.name})
	}
	schemas.Store(s, sch)
	return sch
}

// messageBlock is a decoded message object block, not yet evaluated.
type messageBlock struct {
	spec *messageSpec
	*decodedBlock
}

// decodedBlock is a decoded block of some blockSpec, not yet evaluated.
type decodedBlock struct {
	spec     *blockSpec
	block    *hcl.Block
	attrs    hcl.Attributes
	children []*decodedChild // in source order
}

// decodedChild is one nested block.
type decodedChild struct {
	spec *childSpec
	*decodedBlock
}

// decodeMessageBlock decodes a message object block whose type has a spec.
// quote_token is accepted on every type so that a message object that may
// not quote gets one precise diagnostic instead of "Unsupported argument".
func decodeMessageBlock(block *hcl.Block) (*messageBlock, hcl.Diagnostics) {
	spec := messageSpecFor(block.Type)
	content, diags := bodyContent(block.Body, spec.bodySchema())
	if qt := content.Attributes[quoteTokenField.name]; qt != nil && !spec.canQuote() {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Quote token not allowed",
			Detail:   "Only text, text_v2 and sticker messages may quote a message; LINE does not accept quote_token on " + spec.block + " messages.",
			Subject:  qt.Range.Ptr(),
		})
		delete(content.Attributes, quoteTokenField.name)
	}
	db, d := decodeContent(spec.blockSpec, block, content)
	return &messageBlock{spec: spec, decodedBlock: db}, append(diags, d...)
}

// decodeBlock decodes a nested block of spec s.
func decodeBlock(s *blockSpec, block *hcl.Block) (*decodedBlock, hcl.Diagnostics) {
	content, diags := bodyContent(block.Body, s.schema())
	diags = actionInItem(block, diags)
	db, d := decodeContent(s, block, content)
	return db, append(diags, d...)
}

// decodeContent decodes the nested blocks of content, reporting a second
// block where only one may stand, a repeated label and a missing or
// second block of a oneOf group.
func decodeContent(s *blockSpec, block *hcl.Block, content *hcl.BodyContent) (*decodedBlock, hcl.Diagnostics) {
	db := &decodedBlock{spec: s, block: block, attrs: content.Attributes}
	var diags hcl.Diagnostics
	seen := map[string]*hcl.Block{} // by key, or key+label
	for _, nb := range content.Blocks {
		cs := s.child(nb.Type)
		id := cs.key
		if cs.kind == childLabeled {
			id += "." + nb.Labels[0]
		}
		if prev := seen[id]; prev != nil && cs.kind != childList {
			diags = append(diags, duplicateBlock(nb, prev))
			continue
		}
		seen[id] = nb
		child, d := decodeBlock(cs.spec, nb)
		diags = append(diags, d...)
		db.children = append(db.children, &decodedChild{spec: cs, decodedBlock: child})
	}
	if len(s.oneOf) > 0 && len(content.Blocks) == 0 {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Missing " + block.Type + " kind",
			Detail:   fmt.Sprintf("A %s block needs exactly one of these blocks: %s.", block.Type, strings.Join(s.oneOf, ", ")),
			Subject:  block.DefRange.Ptr(),
		})
	}
	return db, diags
}

func duplicateBlock(nb, prev *hcl.Block) *hcl.Diagnostic {
	if len(nb.Labels) > 0 {
		return &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Duplicate key",
			Detail: fmt.Sprintf("The key %q is already used by the %s block at %s:%d; each key names one substitution.",
				nb.Labels[0], prev.Type, prev.DefRange.Filename, prev.DefRange.Start.Line),
			Subject: nb.LabelRanges[0].Ptr(),
		}
	}
	if nb.Type != prev.Type {
		return &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Conflicting blocks",
			Detail: fmt.Sprintf("A %s block cannot stand beside the %s block at %s:%d; keep one of them.",
				nb.Type, prev.Type, prev.DefRange.Filename, prev.DefRange.Start.Line),
			Subject: nb.DefRange.Ptr(),
		}
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Duplicate " + nb.Type + " block",
		Detail: fmt.Sprintf("Only one %s block may stand here; the first is at %s:%d.",
			nb.Type, prev.DefRange.Filename, prev.DefRange.Start.Line),
		Subject: nb.DefRange.Ptr(),
	}
}

// child returns the spec of the nested block type t (one the schema
// accepted).
func (s *blockSpec) child(t string) *childSpec {
	for _, c := range s.blocks {
		if c.block == t {
			return c
		}
	}
	panic("lang: no child spec for block " + t) // the schema let only these through
}

// expressions returns every expression of the block and its nested
// blocks, for the graph.
func (db *decodedBlock) expressions() []hcl.Expression {
	var out []hcl.Expression
	for _, a := range sortedAttributes(db.attrs) {
		out = append(out, a.Expr)
	}
	for _, c := range db.children {
		out = append(out, c.expressions()...)
	}
	return out
}
