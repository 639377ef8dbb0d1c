package lang

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/gocty"
)

// origin records where the parts of one evaluated message object are
// written: source ranges by JSON path relative to the object, "" being the
// object's block. Message object values carry an originMark naming their
// origin, so ranges survive bundles, concat and indexing.
type origin struct {
	ranges map[string]hcl.Range
}

// objBuilder is one block of a message object under evaluation: the
// message object itself or a block nested in it.
type objBuilder struct {
	src    *decodedBlock
	path   string                            // JSON path relative to the message object, "" for it
	attrs  map[string]cty.Value              // by JSON key (dotted for nested keys); unset fields absent
	lists  map[string][]*objBuilder          // childList blocks by key; nil for none
	ones   map[string]*objBuilder            // childOne blocks by key; nil for none
	labels map[string]map[string]*objBuilder // childLabeled blocks by key, then label; nil for none
	ranges map[string]hcl.Range              // as in origin, shared by the whole message object
}

// evalMessage evaluates a message block into an object value with LINE's
// JSON keys, marked with its origin.
func (r *run) evalMessage(mb *messageBlock, ctx *hcl.EvalContext) cty.Value {
	ranges := map[string]hcl.Range{"": mb.block.DefRange, "type": mb.block.TypeRange}
	b := r.evalBlock(mb.decodedBlock, ctx, "", ranges)
	b.attrs["type"] = cty.StringVal(mb.spec.jsonType)
	return b.value().Mark(originMark{o: &origin{ranges: ranges}})
}

// evalBlock evaluates db and its nested blocks; path is where its object
// stands in the message object.
func (r *run) evalBlock(db *decodedBlock, ctx *hcl.EvalContext, path string, ranges map[string]hcl.Range) *objBuilder {
	b := &objBuilder{src: db, path: path, attrs: make(map[string]cty.Value, len(db.attrs)+1), ranges: ranges}
	if path != "" {
		ranges[path] = db.block.DefRange
	}
	r.evalFields(db.spec.fields, db.attrs, ctx, relPath(path, ""), b.attrs, ranges)
	for _, c := range db.children {
		key := c.spec.key
		switch c.spec.kind {
		case childList:
			p := fmt.Sprintf("%s[%d]", relPath(path, key), len(b.lists[key]))
			if b.lists == nil {
				b.lists = map[string][]*objBuilder{}
			}
			b.lists[key] = append(b.lists[key], r.evalBlock(c.decodedBlock, ctx, p, ranges))
		case childOne:
			if b.ones == nil {
				b.ones = map[string]*objBuilder{}
			}
			b.ones[key] = r.evalBlock(c.decodedBlock, ctx, relPath(path, key), ranges)
		case childLabeled:
			label := c.block.Labels[0]
			if b.labels == nil {
				b.labels = map[string]map[string]*objBuilder{}
			}
			if b.labels[key] == nil {
				b.labels[key] = map[string]*objBuilder{}
			}
			b.labels[key][label] = r.evalBlock(c.decodedBlock, ctx, relPath(path, key)+"."+label, ranges)
		}
	}
	for k, v := range db.spec.defaults {
		if _, set := b.attrs[k]; !set {
			b.attrs[k] = defaultValue(v)
		}
	}
	if db.spec.finish != nil {
		r.diags = append(r.diags, db.spec.finish(b)...)
	}
	return b
}

// relPath joins a path relative to the message object and a key:
// relPath("", "text") is "text", relPath("template", "text") is
// "template.text", and relPath("template", "") the prefix "template.".
func relPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func defaultValue(v any) cty.Value {
	ty, err := gocty.ImpliedType(v)
	if err != nil {
		panic(fmt.Sprintf("lang: default %#v: %v", v, err)) // the spec table is wrong
	}
	out, err := gocty.ToCtyValue(v, ty)
	if err != nil {
		panic(fmt.Sprintf("lang: default %#v: %v", v, err))
	}
	return out
}

// value is the block as a cty object with LINE's keys; keys starting
// with "_" are left out.
func (b *objBuilder) value() cty.Value {
	obj := make(map[string]cty.Value, len(b.attrs)+len(b.lists)+len(b.ones)+len(b.labels))
	var dotted map[string]any // "a.b" keys, as a tree
	for k, v := range b.attrs {
		switch {
		case strings.HasPrefix(k, "_"):
		case strings.Contains(k, "."):
			if dotted == nil {
				dotted = map[string]any{}
			}
			setDotted(dotted, k, v)
		default:
			obj[k] = v
		}
	}
	if dotted != nil {
		for k, v := range treeValue(dotted).AsValueMap() {
			obj[k] = v
		}
	}
	for k, items := range b.lists {
		vals := make([]cty.Value, len(items))
		for i, it := range items {
			vals[i] = it.value()
		}
		obj[k] = cty.TupleVal(vals)
	}
	for k, one := range b.ones {
		obj[k] = one.value()
	}
	for k, byLabel := range b.labels {
		labeled := map[string]cty.Value{}
		for label, it := range byLabel {
			labeled[label] = it.value()
		}
		obj[k] = cty.ObjectVal(labeled)
	}
	return cty.ObjectVal(obj)
}

// setDotted sets tree[a][b] = v for the key "a.b".
func setDotted(tree map[string]any, key string, v cty.Value) {
	head, rest, nested := strings.Cut(key, ".")
	if !nested {
		tree[key] = v
		return
	}
	sub, ok := tree[head].(map[string]any)
	if !ok {
		sub = map[string]any{}
		tree[head] = sub
	}
	setDotted(sub, rest, v)
}

func treeValue(tree map[string]any) cty.Value {
	obj := make(map[string]cty.Value, len(tree))
	for k, v := range tree {
		switch v := v.(type) {
		case cty.Value:
			obj[k] = v
		case map[string]any:
			obj[k] = treeValue(v)
		}
	}
	return cty.ObjectVal(obj)
}

// evalFields evaluates the attributes of fields into out, by JSON key,
// recording each value's range under prefix+key. Null values count as
// unset.
func (r *run) evalFields(fields []fieldSpec, attrs hcl.Attributes, ctx *hcl.EvalContext, prefix string, out map[string]cty.Value, ranges map[string]hcl.Range) {
	for _, f := range fields {
		attr := attrs[f.name]
		if attr == nil {
			continue
		}
		v := r.evalField(f, attr, ctx)
		if v.IsNull() {
			if f.key == quoteTokenField.key {
				r.noQuote(v, attr)
			}
			continue
		}
		switch {
		case f.kind == flexField:
			v = r.flexContents(attr, v, prefix+f.key, ranges)
			r.flexUnknownKeys(attr, v, prefix+f.key, ranges)
		case f.values != nil:
			v = translate(v, f.values)
		}
		out[f.key] = v
		ranges[prefix+f.key] = attr.Expr.Range()
	}
}

// translate replaces a known string value by its entry in values, if any.
func translate(v cty.Value, values map[string]string) cty.Value {
	plain, marks := v.Unmark()
	if !plain.IsKnown() || plain.IsNull() || !plain.Type().Equals(cty.String) {
		return v
	}
	if t, ok := values[plain.AsString()]; ok {
		return cty.StringVal(t).WithMarks(marks)
	}
	return v
}

// convertField converts v to the type of f, reporting a mismatch.
func (r *run) convertField(f fieldSpec, attr *hcl.Attribute, v cty.Value) cty.Value {
	var ty cty.Type
	switch f.kind {
	case stringField:
		ty = cty.String
	case numberField:
		ty = cty.Number
	case boolField:
		ty = cty.Bool
	default:
		return v
	}
	out, err := convert.Convert(v, ty)
	if err != nil {
		r.diags = append(r.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Incorrect attribute value type",
			Detail:   fmt.Sprintf("The argument %q must be a %s: %s.", f.name, ty.FriendlyName(), err),
			Subject:  attr.Expr.Range().Ptr(),
		})
		return cty.UnknownVal(ty)
	}
	return out
}

// finishMention writes the mentionee of a text_v2 mention: a user
// (user_id) or everyone (all = true).
func finishMention(b *objBuilder) hcl.Diagnostics {
	all, hasAll := b.attrs["_all"]
	_, hasUser := b.attrs["mentionee.userId"]
	everyone := false
	if hasAll {
		plain, _ := all.UnmarkDeep()
		everyone = plain.IsKnown() && plain.True()
	}
	switch {
	case everyone && hasUser:
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Conflicting mentionee",
			Detail:   "A mention names one user (user_id) or everyone (all = true), not both.",
			Subject:  b.src.block.DefRange.Ptr(),
		}}
	case everyone:
		b.attrs["mentionee.type"] = cty.StringVal("all")
	case hasUser:
		b.attrs["mentionee.type"] = cty.StringVal("user")
	default:
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Missing mentionee",
			Detail:   `A mention needs user_id = "U..." for one user, or all = true for everyone in the group or room.`,
			Subject:  b.src.block.DefRange.Ptr(),
		}}
	}
	return nil
}

// assignEmojiIndexes gives the emojis of a text message their index when
// every emoji block leaves it out: the UTF-16 offsets of the text's "$"
// characters, in order.
func assignEmojiIndexes(b *objBuilder) hcl.Diagnostics {
	emojis := b.lists["emojis"]
	var missing []*objBuilder
	for _, e := range emojis {
		if _, ok := e.attrs["index"]; !ok {
			missing = append(missing, e)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if len(missing) < len(emojis) {
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Missing emoji index",
			Detail:   "Give index on every emoji block of this text, or on none of them; lineup then assigns the emojis to the $ characters of the text, in order.",
			Subject:  missing[0].src.block.DefRange.Ptr(),
		}}
	}
	text, ok := b.attrs["text"]
	if ok {
		text, _ = text.UnmarkDeep()
	}
	if !ok || !text.IsKnown() || text.IsNull() || !text.Type().Equals(cty.String) {
		for _, e := range emojis {
			e.attrs["index"] = cty.UnknownVal(cty.Number)
		}
		return nil
	}
	pos := dollarOffsets(text.AsString())
	for i, e := range emojis {
		if i >= len(pos) {
			return hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Not enough $ in text",
				Detail: fmt.Sprintf("The text has %d $ character(s) for %d emoji blocks. Each emoji block stands for one $ in the text, in order: add a $ where this emoji goes, or give its index.",
					len(pos), len(emojis)),
				Subject: e.src.block.DefRange.Ptr(),
			}}
		}
		e.attrs["index"] = cty.NumberIntVal(int64(pos[i]))
		b.ranges[e.path+".index"] = e.src.block.DefRange
	}
	return nil
}

// dollarOffsets returns the offsets of the "$" characters of s, counted in
// UTF-16 code units as LINE counts them.
func dollarOffsets(s string) []int {
	var out []int
	off := 0
	for _, c := range s {
		if c == '$' {
			out = append(out, off)
		}
		n := utf16.RuneLen(c)
		if n < 1 {
			n = 1
		}
		off += n
	}
	return out
}
