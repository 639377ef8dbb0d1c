package lang

import (
	"fmt"
	"unicode/utf16"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// origin records where the parts of one evaluated message object are
// written: source ranges by JSON path relative to the object, "" being the
// object's block. Message object values carry an originMark naming their
// origin, so ranges survive bundles, concat and indexing.
type origin struct {
	ranges map[string]hcl.Range
}

// messageBuilder is a message object under evaluation.
type messageBuilder struct {
	spec   *messageSpec
	src    *messageBlock
	attrs  map[string]cty.Value // by JSON key; unset optional fields absent
	nested map[string][]*nestedItem
	ranges map[string]hcl.Range // as in origin
}

// nestedItem is one evaluated nested block.
type nestedItem struct {
	src   *nestedBlock
	attrs map[string]cty.Value
}

// evalMessage evaluates a message block into an object value with LINE's
// JSON keys, marked with its origin.
func (r *run) evalMessage(mb *messageBlock, ctx *hcl.EvalContext) cty.Value {
	b := &messageBuilder{
		spec:   mb.spec,
		src:    mb,
		attrs:  map[string]cty.Value{"type": cty.StringVal(mb.spec.jsonType)},
		nested: map[string][]*nestedItem{},
		ranges: map[string]hcl.Range{"": mb.block.DefRange, "type": mb.block.TypeRange},
	}
	r.evalFields(mb.spec.fields, mb.attrs, ctx, "", b.attrs, b.ranges)
	for _, nb := range mb.nested {
		key := nb.spec.key
		prefix := fmt.Sprintf("%s[%d]", key, len(b.nested[key]))
		b.ranges[prefix] = nb.block.DefRange
		item := &nestedItem{src: nb, attrs: map[string]cty.Value{}}
		r.evalFields(nb.spec.fields, nb.attrs, ctx, prefix+".", item.attrs, b.ranges)
		b.nested[key] = append(b.nested[key], item)
	}
	if mb.spec.finish != nil {
		r.diags = append(r.diags, mb.spec.finish(b)...)
	}
	obj := map[string]cty.Value{}
	for k, v := range b.attrs {
		obj[k] = v
	}
	for key, items := range b.nested {
		vals := make([]cty.Value, len(items))
		for i, it := range items {
			vals[i] = cty.ObjectVal(it.attrs)
		}
		obj[key] = cty.TupleVal(vals)
	}
	id := len(r.origins)
	r.origins = append(r.origins, &origin{ranges: b.ranges})
	return cty.ObjectVal(obj).Mark(originMark{id: id})
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
			continue
		}
		out[f.key] = v
		ranges[prefix+f.key] = attr.Expr.Range()
	}
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

// assignEmojiIndexes gives the emojis of a text message their index when
// every emoji block leaves it out: the UTF-16 offsets of the text's "$"
// characters, in order.
func assignEmojiIndexes(b *messageBuilder) hcl.Diagnostics {
	emojis := b.nested["emojis"]
	var missing []*nestedItem
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
		b.ranges[fmt.Sprintf("emojis[%d].index", i)] = e.src.block.DefRange
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
